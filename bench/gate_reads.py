"""Benchmark: the git processes and CPU of the gate's commands on a pull request of COUNT
plans, against another version of cs-align's source in the same run.

The repository is bench/action.py's (COUNT delight plans at main; the change edits a few,
deletes one, renames one, adds one). `check plans/ --policy-ref main` and `diff --base-ref
main` of one edited plan run as `python -m cs_align` with PYTHONPATH set to each source
tree in turn, ROUNDS times alternating (the machine is shared); a `git` wrapper first on
PATH counts the git processes each starts. Printed: git processes, CPU seconds of the
command and its children (min of the rounds), and new/old ratios; the outputs (JSON) must
be the same.

Run: python bench/gate_reads.py OLD_SRC [NEW_SRC] [COUNT] [ROUNDS]
(OLD_SRC e.g. from `git worktree add /tmp/old f2ead55`: /tmp/old/src; NEW_SRC defaults to
this checkout's src; COUNT 20, ROUNDS 5.)
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from action import build

COMMANDS = {
    "check": ["check", "plans/", "--policy-ref", "main", "-f", "json"],
    "diff": ["diff", "--base-ref", "main", "--gated", "plans/", "-f", "json", "plans/p03.yaml"],
}


def timed(src: Path, args: list[str], repo: Path, env: dict[str, str], log: Path) -> tuple:
    log.write_text("")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "cs_align", *args],
        cwd=repo,
        env={**env, "PYTHONPATH": str(src)},
        capture_output=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, len(log.read_text().splitlines()), done.returncode, done.stdout


def main() -> None:
    old = Path(sys.argv[1]).resolve()
    new = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else Path(__file__).parents[1] / "src"
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        build(tmp / "repo", count)
        stubs, log = tmp / "bin", tmp / "git.log"
        stubs.mkdir()
        real = shutil.which("git")
        (stubs / "git").write_text(f'#!/bin/sh\necho x >> "{log}"\nexec "{real}" "$@"\n')
        (stubs / "git").chmod(0o755)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("CS_ALIGN_")},
            "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}",
        }
        for name, args in COMMANDS.items():
            seen: dict[str, list[tuple]] = {"old": [], "new": []}
            for _ in range(rounds):
                for side, src in (("old", old), ("new", new)):
                    seen[side].append(timed(src, args, tmp / "repo", env, log))
            cpu = {side: min(r[0] for r in runs) for side, runs in seen.items()}
            gits = {side: runs[0][1] for side, runs in seen.items()}
            same = {r[2:] for r in seen["old"] + seen["new"]}
            ratio = cpu["new"] / cpu["old"]
            print(
                f"{name} ({count} plans): git processes {gits['old']} -> {gits['new']}, "
                f"CPU {cpu['old']:.2f} -> {cpu['new']:.2f} s (ratio {ratio:.2f}); "
                f"{'same output' if len(same) == 1 else 'OUTPUTS DIFFER'} "
                f"(exit {seen['new'][0][2]})"
            )


if __name__ == "__main__":
    main()
