"""Coverage-guided fuzzing of the plan loader and the whole check with atheris.

Any input must give a report or a CsAlignError (exit 2 in the CLI), never another exception.
Run for a fixed time:  python tests/fuzz/fuzz_plan.py -max_total_time=60 [corpus-dir]
The seed corpus is the examples folder (pass it as the corpus directory to start from it).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from cs_align.engine import CheckOptions, assess
    from cs_align.errors import CsAlignError
    from cs_align.loader import parse_plan
    from cs_align.yamlsafe import decode

OPTIONS = CheckOptions()


def test_one_input(data: bytes) -> None:
    try:
        loaded = parse_plan(decode(data, "fuzz.yaml"), "fuzz.yaml")
        assess(loaded, OPTIONS)
    except CsAlignError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
