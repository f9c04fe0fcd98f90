"""Benchmark: check 10,000 generated plans in one call; print plans/s and peak memory.

The baseline in the same run is the same work in one process (no workers), so the ratio
shows what the worker pool buys on this machine. CPU time a plan is printed too: on a shared,
noisy machine it moves less than wall time. Run: python bench/batch.py [COUNT]
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cs_align.starter import starter_plan
from cs_align.strategy import builtin_ids

# Bytecode caching on, as on a user's machine and as bench/startup.py runs: a
# PYTHONDONTWRITEBYTECODE shell would make a checkout that was never run without it compile
# every cs_align module from source in each process the bench starts, a cost no user pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def generate(folder: Path, count: int) -> None:
    rng = random.Random(42)
    templates = [starter_plan(sid) for sid in builtin_ids()]
    for i in range(count):
        text = rng.choice(templates)
        volume = rng.randint(2000, 40000)
        text = text.replace("contacts: 9000,", f"contacts: {volume},", 1)
        text = text.replace("organisation: Example Co", f"organisation: Generated {i}")
        (folder / f"plan-{i:05d}.yaml").write_text(text)


def timed(args: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall time, peak memory of one process (KiB), and CPU seconds of all its processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check failed: {proc.stderr[:500]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, after.ru_maxrss, cpu


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, count)
        cmd = [
            sys.executable,
            "-m",
            "cs_align",
            "check",
            str(folder),
            "--format",
            "json",
            "--output",
            str(folder / "out.json"),
        ]
        env = {**ENV, "CI": "1"}
        pooled, peak, pooled_cpu = timed(cmd, env)
        print(
            f"{count:,} plans, {os.cpu_count()} cores: {pooled:.2f} s, "
            f"{count / pooled:,.0f} plans/s; peak memory of one process {peak / 1024:.0f} MiB; "
            f"CPU {pooled_cpu * 1000 / count:.2f} ms a plan (all processes)"
        )
        serial, _, serial_cpu = timed(cmd, {**env, "CS_ALIGN_WORKERS": "1"})
        print(
            f"same plans in one process: {serial:.2f} s, {count / serial:,.0f} plans/s, "
            f"CPU {serial_cpu * 1000 / count:.2f} ms a plan → the pool is "
            f"{serial / pooled:.2f}× faster"
        )


if __name__ == "__main__":
    main()
