"""Benchmark: `check --policy-ref` on a change that replaces every plan of a folder.

The base holds COUNT delight plans, one organisation each; the change deletes them all and
adds COUNT fast-food plans for organisations the base does not name (written as JSON, so git
pairs none of them). Every new plan is then a new organisation's and takes work away, so the
gate's policy checks (organisations, strategies, moved work) run for each one. The baseline
in the same run is `check` of the same folder without `--policy-ref`; what the gate adds a
plan should stay flat as COUNT grows, linear and not worse (attack19 H7 measured 243 s for
160 plans with an earlier search). Run: python bench/gate.py [COUNT ...]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def build(root: Path, count: int) -> None:
    plans = root / "plans"
    plans.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "bench@example.com")
    git(root, "config", "user.name", "bench")
    delight = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    for i in range(count):
        name = f"organisation: Org {i}"
        (plans / f"p{i}.yaml").write_text(delight.replace("organisation: Example Delight Co", name))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-qb", "change")
    for path in plans.iterdir():
        path.unlink()
    fast = yaml.safe_load((EXAMPLES / "fast-food-aligned.yaml").read_text(encoding="utf-8"))
    for i in range(count):
        fast["organisation"] = f"Fresh {i} Ltd"
        (plans / f"n{i}.yaml").write_text(json.dumps(fast, default=str), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "every plan replaced")


def timed(root: Path, *args: str) -> float:
    command = [sys.executable, "-m", "cs_align", "check", "plans/", "-f", "json", *args]
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=root, capture_output=True, env=ENV, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check failed:\n{proc.stderr.decode()}")
    return elapsed


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [40, 160]
    for count in counts:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            build(root, count)
            plain = timed(root)
            gated = timed(root, "--policy-ref", "main")
            added = (gated - plain) / count * 1000
            print(
                f"{count:>5} plans replaced: check {plain:6.2f} s, with --policy-ref "
                f"{gated:6.2f} s: the gate adds {added:.1f} ms a plan"
            )


if __name__ == "__main__":
    main()
