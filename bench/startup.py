"""Benchmark: start-up of `cs-align check --format json` on one plan against the import floor.

The floors are `python -c "import typer, pydantic, yaml"`, the same defining and using one
pydantic model (the floor issue #14 names: `check` at most 1.25 times it), and a do-nothing
two-command typer app; all are run alternately in the same run, and the ratios of medians are
printed. Run: python bench/startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PLAN = Path(__file__).resolve().parent.parent / "examples" / "delight-aligned.yaml"
FLOOR = [sys.executable, "-c", "import typer, pydantic, yaml"]
FLOOR_MODELS = [
    sys.executable,
    "-c",
    "import typer, yaml\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)",
]
# What typer alone costs at run time: a two-command app whose `check` takes a path and a
# --format option, run for real (typer builds a pydantic adapter per parameter when parsing).
FLOOR_TYPER = [
    sys.executable,
    "-c",
    "import typer, yaml\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def check(path: str, format: str = 'json') -> None:\n"
    "    pass\n"
    "@app.command()\n"
    "def other() -> None:\n"
    "    pass\n"
    "app(['check', 'x'])",
]
CHECK = [sys.executable, "-m", "cs_align", "check", str(PLAN), "--format", "json"]


# Bytecode caching on, as on a user's machine (a PYTHONDONTWRITEBYTECODE shell would make
# every start recompile the project's modules while the installed libraries keep theirs).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=ENV
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode()}")
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    commands = {
        "floor": FLOOR,
        "floor+model": FLOOR_MODELS,
        "typer app": FLOOR_TYPER,
        "check": CHECK,
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(once(cmd))
    median = {k: statistics.median(v) for k, v in times.items()}
    for name, value in median.items():
        print(f"{name:<14} median {value * 1000:6.0f} ms over {runs} runs")
    print(
        f"check / floor = {median['check'] / median['floor']:.2f}; "
        f"check / floor that builds one pydantic model = "
        f"{median['check'] / median['floor+model']:.2f} (goal ≤ 1.25); "
        f"check / a do-nothing typer app = {median['check'] / median['typer app']:.2f}"
    )


if __name__ == "__main__":
    main()
