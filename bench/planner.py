"""Benchmark: `fix` and `whatif --grid` against `check` on the same plan, in the same run.

Goals (issue 15): `fix` on a 20-channel plan within 2× the time of `check` on it, start-up
included; a 100-scenario `whatif --grid` on a 10-channel plan within 3× `check` on it. Each
command runs as a user runs it (a new process), alternating with its `check`, and the ratio
of medians is printed: on a shared, noisy machine the ratio moves less than either time.
Run: python bench/planner.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = (
    ("voice", '{service_level: "80% in 20s", abandonment_max: 8%}', "6m", "    patience: 2m\n"),
    ("chat", '{service_level: "80% in 60s"}', "8m", "    concurrency: 2\n"),
    ("email", "{first_response: 4 business hours}", "10m", ""),
)
GRID = [  # 5 × 4 × 5 = 100 scenarios
    "--vary", "volume=-20%,-10%,+0%,+10%,+20%",
    "--vary", "aht=-10%,-5%,+5%,+10%",
    "--vary", "shrinkage=+0pt,+2pt,+4pt,+6pt,+8pt",
    "--grid",
]  # fmt: skip
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def plan(channels: int) -> str:
    """A delight plan of ``channels`` channels, every fourth one short of staff."""
    parts, total = [], 0.0
    for i in range(channels):
        kind, target, aht, extra = KINDS[i % 3]
        volume = 3000 + 2500 * (i % 7)
        agents = round(volume / 9000 * 16 * (0.8 if i % 4 == 0 else 1.1), 1)
        total += agents
        parts.append(
            f"  - id: {kind}-{i}\n    kind: {kind}\n    hours: Mon-Fri 08:00-20:00\n"
            f"    volume: {{contacts: {volume}, per: month}}   # forecast\n"
            f"    handle_time: {aht}\n    target: {target}\n    agents: {agents}\n{extra}"
        )
    people = round(total * 62000)
    return (
        "version: 1\norganisation: Bench Co\nperiod: {start: 2027-01-01, end: 2027-12-31}\n"
        'strategy: delight\npromise: "A trained person answers 80% of calls within 20 '
        'seconds and every email within 4 hours."\nchannels:\n'
        + "".join(parts)
        + f"staffing:\n  agents: {round(total, 1)}\n  shrinkage: 32%\n"
        "  paid_hours_per_fte: 1800/year\n  loaded_cost_per_fte: 62000\n"
        "  training_hours_per_agent: 120\n  uses_scripts: false\n  rewarded_on: [csat]\n"
        "  refund_authority: 200\n  escalation_to_engineering: true\n"
        "  leadership_service_hours_per_month: 4\n"
        f"budget:\n  total: {people + 30000}\n  lines: {{people: {people}, goodwill: 30000}}\n"
    )


def once(args: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "cs_align", *args], capture_output=True, env=ENV, check=False
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"cs-align {' '.join(args)} failed:\n{proc.stderr.decode()}")
    return elapsed


def race(name: str, command: list[str], check: list[str], goal: float, runs: int) -> bool:
    timings: dict[str, list[float]] = {"check": [], name: []}
    once(check)  # warm the bytecode cache
    for _ in range(runs):
        timings["check"].append(once(check))
        timings[name].append(once(command))
    base, mine = (statistics.median(timings[k]) for k in ("check", name))
    ratio = mine / base
    verdict = "ok" if ratio <= goal else "OVER"
    print(
        f"{name:<28} {mine * 1000:7.0f} ms   check {base * 1000:6.0f} ms   "
        f"ratio {ratio:4.2f} (goal ≤ {goal:g}) {verdict}"
    )
    return ratio <= goal


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    with tempfile.TemporaryDirectory() as tmp:
        twenty, ten = Path(tmp) / "twenty.yaml", Path(tmp) / "ten.yaml"
        twenty.write_text(plan(20))
        ten.write_text(plan(10))
        print(f"medians of {runs} runs each, alternating; {os.cpu_count()} cores")
        ok = race("fix (20 channels)", ["fix", str(twenty)], ["check", str(twenty)], 2, runs)
        ok &= race(
            "whatif --grid (100 x 10 ch)", ["whatif", str(ten), *GRID], ["check", str(ten)], 3, runs
        )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
