"""How many worker processes a batch starts: CS_ALIGN_WORKERS from 1 to 64, never more than
there are plans to check."""

from __future__ import annotations

import concurrent.futures
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Invoke


@pytest.mark.parametrize("value", ["65", "100000", "9" * 5000, "0" * 5000 + "100"])
def test_more_workers_than_the_ceiling_is_refused_naming_the_variable(
    invoke: Invoke, value: str
) -> None:
    result = invoke("check", "examples/delight-aligned.yaml", env={"CS_ALIGN_WORKERS": value})
    assert result.code == 2, result.err
    assert "environment CS_ALIGN_WORKERS" in result.err
    assert "more than 64 worker processes" in result.err
    assert "write a whole number from 1 to 64" in result.err
    assert "Traceback" not in result.err and result.out == ""


@pytest.mark.parametrize("value", ["0", "-1", "abc", "0" * 5000, "²"])
def test_a_workers_value_that_is_no_positive_number_is_refused(invoke: Invoke, value: str) -> None:
    result = invoke("check", "examples/delight-aligned.yaml", env={"CS_ALIGN_WORKERS": value})
    assert result.code == 2, result.err
    assert "environment CS_ALIGN_WORKERS" in result.err and "not a positive number" in result.err


def test_never_more_workers_than_plans(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for copy in range(30):
        (plans / f"{copy}.yaml").write_bytes((EXAMPLES / "delight-aligned.yaml").read_bytes())
    started: list[int] = []

    class Pool(concurrent.futures.ThreadPoolExecutor):  # records the pool the batch asks for
        def __init__(self, workers: int, **_: Any) -> None:
            started.append(workers)
            super().__init__(workers)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    result = invoke("check", str(plans), env={"CS_ALIGN_WORKERS": "64", "CI": "1"})
    assert result.code == 0, result.err
    assert "30 plans: 30 aligned" in result.out
    assert started == [30]


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_fresh_worker_never_imports_the_checkouts_modules(tmp_path: Path, method: str) -> None:
    # Review attack17 F0b: a worker started fresh (macOS and Windows; Linux from Python
    # 3.14) ran `python -c …` in the checkout, so a `multiprocessing/` folder a pull request
    # adds ran in it. The parent here is a script elsewhere, as the console script is.
    import subprocess
    import sys

    checkout = tmp_path / "checkout"
    (checkout / "plans").mkdir(parents=True)
    for copy in range(30):
        (checkout / "plans" / f"{copy}.yaml").write_bytes(
            (EXAMPLES / "delight-aligned.yaml").read_bytes()
        )
    bait = checkout / "multiprocessing"
    bait.mkdir()
    (bait / "__init__.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w')\n")
    harness = tmp_path / "harness" / "run.py"
    harness.parent.mkdir()
    harness.write_text(
        "import multiprocessing, sys\n"
        "from cs_align.cli import main\n"
        "if __name__ == '__main__':\n"
        f"    multiprocessing.set_start_method({method!r})\n"
        "    sys.argv = ['cs-align', 'check', 'plans', '-f', 'json']\n"
        "    main()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CS_ALIGN_"))}
    done = subprocess.run(
        [sys.executable, str(harness)],
        cwd=checkout,
        env={**env, "CS_ALIGN_WORKERS": "2"},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert not (tmp_path / "ran").exists()
