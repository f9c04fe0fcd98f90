"""A pull request's view of the gate: a git repository whose `main` holds an aligned plan
and a policy, a branch `pr` the attacker controls, and an `outside/` folder as the victim."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

ALIGNED = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
MISALIGNED = (EXAMPLES / "delight-fedex-misaligned.yaml").read_text(encoding="utf-8")
VICTIM = "the victim's data\n"


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Repo:
    root: Path
    outside: Path

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=self.root, check=True, capture_output=True, text=True
        ).stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-qm", message)

    def victim(self) -> Path:
        return self.outside / "victim.txt"


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """main: plans/acme.yaml (aligned) and a config with a 5% increase cap; then on `pr`."""
    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "victim.txt").write_text(VICTIM)
    made = Repo(root, outside)
    made.git("init", "-q", "-b", "main")
    made.git("config", "user.email", "ci@example.com")
    made.git("config", "user.name", "CI")
    made.write("plans/acme.yaml", ALIGNED)
    made.write(".cs-align.yaml", "guardrails:\n  max_budget_increase: 5%\n")
    made.commit("base")
    made.git("checkout", "-qb", "pr")
    return made


def _clear_caches() -> None:
    """A CLI process starts with empty caches; so does each in-process run."""
    from cs_align import repo as repo_module
    from cs_align import strategy

    strategy.load_strategy.cache_clear()
    repo_module.git_root.cache_clear()


@pytest.fixture
def cli(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., Result]]:
    """Run `cs-align ARGS` in process, from the repository root, as the CLI's main() does."""
    from cs_align.cli import main

    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def invoke(*args: str) -> Result:
        _clear_caches()
        monkeypatch.chdir(repo.root)
        monkeypatch.setattr(sys, "argv", ["cs-align", *args])
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield invoke
    for number, handler in saved.items():
        signal.signal(number, handler)


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
