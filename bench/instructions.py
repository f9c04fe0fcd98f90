"""Benchmark: `cs-align check --format json` start-up in CPU instructions (callgrind), against
the floor issue #14 names and, optionally, another revision of cs-align in the same run.

Wall time on a shared two-core machine moves by a tenth from run to run; an instruction count
moves by well under a percent, so a change worth a few percent shows here first. Each
command runs twice first, so its bytecode is written, then once under
`valgrind --tool=callgrind`. The other revision is checked out in a temporary git worktree
and run from its own `src` (PYTHONPATH), with the same interpreter and libraries.

Needs valgrind (Debian's `valgrind`). Run: python bench/instructions.py [REVISION]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = Path("examples") / "delight-aligned.yaml"
FLOOR_MODEL = (
    "import typer, yaml\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)"
)
CHECK = ["-m", "cs_align", "check", str(PLAN), "--format", "json"]
COLLECTED = re.compile(r"Collected\s*:\s*([0-9]+)")


def environment(src: Path | None) -> dict[str, str]:
    """Bytecode caching on, as on a user's machine; cs_align from ``src`` when given, and
    no caller's PYTHONPATH otherwise (the floor imports only the libraries)."""
    unset = ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def instructions(args: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Instructions one run of ``python ARGS`` executes, after two runs that write bytecode."""
    command = [sys.executable, *args]
    for _ in range(2):
        subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = COLLECTED.search(proc.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{proc.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    revision = sys.argv[1] if len(sys.argv) > 1 else None
    counts = {
        "floor+model": instructions(["-c", FLOOR_MODEL], ROOT, environment(None)),
        "check": instructions(CHECK, ROOT, environment(ROOT / "src")),
    }
    if revision is not None:
        with tempfile.TemporaryDirectory() as folder:
            other = Path(folder) / "other"
            subprocess.run(
                ["git", "worktree", "add", "-q", "--detach", str(other), revision],
                cwd=ROOT,
                check=True,
            )
            try:
                counts[revision] = instructions(CHECK, other, environment(other / "src"))
            finally:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=False
                )
    floor = counts["floor+model"]
    for name, count in counts.items():
        print(f"{name:<14} {count / 1e6:8.1f} M instructions  {count / floor:.3f} × floor+model")
    if revision is not None:
        print(f"check / {revision} = {counts['check'] / counts[revision]:.3f}")


if __name__ == "__main__":
    main()
