"""Benchmark: start-up of `cs-align check --format json` on one plan against the import floor.

The floor is `python -c "import typer, pydantic, yaml"`; both are run alternately in the same
run, and the ratio of medians is printed (goal: at most 1.2). Run: python bench/startup.py
"""

from __future__ import annotations

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
CHECK = [sys.executable, "-m", "cs_align", "check", str(PLAN), "--format", "json"]


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode()}")
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    times: dict[str, list[float]] = {"floor": [], "floor+model": [], "check": []}
    for _ in range(runs):
        times["floor"].append(once(FLOOR))
        times["floor+model"].append(once(FLOOR_MODELS))
        times["check"].append(once(CHECK))
    median = {k: statistics.median(v) for k, v in times.items()}
    for name, value in median.items():
        print(f"{name:<14} median {value * 1000:6.0f} ms over {runs} runs")
    print(
        f"check / floor = {median['check'] / median['floor']:.2f} (goal ≤ 1.2); "
        f"check / floor that builds one pydantic model = "
        f"{median['check'] / median['floor+model']:.2f}"
    )


if __name__ == "__main__":
    main()
