"""Benchmark: what a gated pull request waits for, `check --policy-ref` and `diff --base-ref`,
against a plain `check` of the same plans.

A temporary repository holds three example plans on `main`; a branch changes one of them.
The three commands run alternately, each started as a user starts it; the medians are
printed, and each gated run as a ratio to the plain check (what the gate adds on this
machine). Run: python bench/gated_run.py [RUNS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PLANS = ("delight-aligned", "fast-food-aligned", "bank-mix-aligned")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def repository(root: Path) -> Path:
    repo = root / "repo"
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "bench@example.com")
    git(repo, "config", "user.name", "bench")
    for name in PLANS:
        shutil.copy(EXAMPLES / f"{name}.yaml", repo / "plans" / f"{name}.yaml")
    (repo / ".cs-align.yaml").write_text("guardrails:\n  max_budget_increase: 5%\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "pr")
    plan = repo / "plans" / f"{PLANS[0]}.yaml"
    plan.write_text(plan.read_text().replace("contacts: ", "contacts: 1", 1))
    git(repo, "commit", "-qam", "change")
    return repo


def once(cmd: list[str], repo: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=repo, capture_output=True, env=ENV, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode()}")
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    cs_align = [sys.executable, "-m", "cs_align"]
    changed = f"plans/{PLANS[0]}.yaml"
    commands = {
        "check": [*cs_align, "check", "plans/", "-f", "json"],
        "check --policy-ref": [*cs_align, "check", "plans/", "--policy-ref", "main", "-f", "json"],
        "diff --base-ref": [*cs_align, "diff", "--base-ref", "main", "-f", "json", changed],
    }
    with tempfile.TemporaryDirectory() as tmp:
        repo = repository(Path(tmp))
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                times[name].append(once(cmd, repo))
    median = {k: statistics.median(v) for k, v in times.items()}
    for name, value in median.items():
        print(f"{name:<20} median {value * 1000:6.0f} ms over {runs} runs")
    print(
        f"check --policy-ref / check = {median['check --policy-ref'] / median['check']:.2f}; "
        f"diff --base-ref / check = {median['diff --base-ref'] / median['check']:.2f}"
    )


if __name__ == "__main__":
    main()
