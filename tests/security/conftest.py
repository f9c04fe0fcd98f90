"""A pull request's view of the gate: the shared `repo` (main holds an aligned plan and a
policy, `pr` is the attacker's branch, `outside/` the victim) and `cli` fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from tests.conftest import EXAMPLES, Repo, Result, cli, repo

__all__ = [
    "ALIGNED",
    "MISALIGNED",
    "VICTIM",
    "Repo",
    "Result",
    "cli",
    "on_main",
    "policy_notes",
    "repo",
    "run_process",
]

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


def on_main(repo: Repo, files: Mapping[str, str], message: str = "at main") -> None:
    """``files`` (name → text) committed to main, then merged into the pull request's
    branch, which the test goes on changing."""
    repo.git("checkout", "-q", "main")
    for name, text in files.items():
        repo.write(name, text)
    repo.commit(message)
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")


def policy_notes(cli: Callable[..., Result], plan: str = "plans/acme.yaml") -> str:
    """The policy-changed message of ``plan`` judged by main's policy ('' if none)."""
    result = cli("check", plan, "--policy-ref", "main", "-f", "json")
    assert result.code in (0, 1), result.err
    findings = json.loads(result.out)["plans"][0]["findings"]
    return next((f["message"] for f in findings if f["rule"] == "policy-changed"), "")
