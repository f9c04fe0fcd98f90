"""A pull request's view of the gate: the shared `repo` (main holds an aligned plan and a
policy, `pr` is the attacker's branch, `outside/` the victim) and `cli` fixtures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, Repo, Result, cli, repo

__all__ = ["ALIGNED", "MISALIGNED", "VICTIM", "Repo", "Result", "cli", "repo", "run_process"]

ALIGNED = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
MISALIGNED = (EXAMPLES / "delight-fedex-misaligned.yaml").read_text(encoding="utf-8")
VICTIM = "the victim's data\n"


def run_process(
    *args: str, cwd: Path, timeout: float = 30, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """The CLI as a separate process, for tests where the process itself is under test."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "cs_align", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )
