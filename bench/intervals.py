"""Benchmark: every plan-reading command on a plan of phone lines forecast in one-minute
intervals (1,440 a day each), timed as a ratio to `check`'s CPU time in the same run.

Each command runs as its own process (CPU time of the child, user + system), so one
command's warm caches never flatter another. A command that runs into the plan's 60 s
limit shows its exit code 2. Run: python bench/intervals.py [CHANNELS] [--keep DIR]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "delight-aligned.yaml"
COMMANDS = {
    "check": ("check", "day.yaml", "-f", "json"),
    "report": ("report", "day.yaml", "-o", "day.md"),
    "whatif": ("whatif", "day.yaml", "-f", "json"),
    "promise": ("promise", "day.yaml", "-f", "json"),
    "fix": ("fix", "day.yaml", "-o", "fixed.yaml"),
}


def plan(channels: int) -> str:
    """The aligned example with ``channels`` more phone lines open around the clock, each a
    day of 1,440 one-minute intervals of 20 calls (200 Erlangs), as tests/security's
    `test_work` builds one."""
    day = "".join(
        f'        - {{at: "{i // 60:02d}:{i % 60:02d}", contacts: 20}}\n' for i in range(1440)
    )
    more = "".join(
        f"  - id: line-{n}\n    kind: voice\n    hours: 24x7\n    volume:\n      interval: 1m\n"
        f"      intervals:\n{day}    handle_time: 10m\n"
        f'    target: {{service_level: "80% in 20s"}}\n    patience: 2m\n'
        for n in range(channels)
    )
    text = EXAMPLE.read_text(encoding="utf-8")
    return text.replace("channels:\n", "channels:\n" + more, 1)


def cpu_seconds(args: tuple[str, ...], cwd: Path) -> tuple[float, int]:
    """The child's CPU time and exit code for `cs-align ARGS` run from ``cwd``."""
    before = os.times()
    done = subprocess.run(
        [sys.executable, "-m", "cs_align", *args], cwd=cwd, capture_output=True, check=False
    )
    after = os.times()
    used = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return used, done.returncode


def main() -> None:
    argv = sys.argv[1:]
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    numbers = [a for a in argv if a.isdigit()]
    channels = int(numbers[0]) if numbers else 10
    with tempfile.TemporaryDirectory() as tmp:
        where = keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        (where / "day.yaml").write_text(plan(channels), encoding="utf-8")
        base = 0.0
        for name, args in COMMANDS.items():
            for written in ("day.md", "fixed.yaml"):  # never over a file of a run before
                (where / written).unlink(missing_ok=True)
            used, code = cpu_seconds(args, where)
            base = base or used
            print(f"{name:8} {used:7.2f} s CPU  {used / base:5.2f}x check  exit {code}")


if __name__ == "__main__":
    main()
