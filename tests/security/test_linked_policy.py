"""A pull request cannot make the gate read a file outside the repository through a link
that the gate finds by itself (the config) or a plan `diff` is asked about."""

from __future__ import annotations

import os

from tests.conftest import invoke
from tests.security.conftest import Repo, cli

__all__ = ["cli", "invoke"]

SECRET = '{"github_token": "ghp_SECRETTOKEN1234567890abcdef"}\n'


def test_a_config_linked_outside_is_refused_and_never_quoted(repo: Repo, cli: object) -> None:
    (repo.outside / "config.json").write_text(SECRET)
    (repo.root / ".cs-align.yaml").unlink()
    os.symlink(repo.outside / "config.json", repo.root / ".cs-align.yaml")
    for args in (
        ("check", "plans/", "--policy-ref", "main", "-f", "github"),
        ("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "markdown"),
        ("check", "plans/acme.yaml"),
    ):
        result = cli(*args)  # type: ignore[operator]
        assert result.code == 2, args
        assert "ghp_" not in result.out + result.err
        assert ".cs-align.yaml resolves outside the repository" in result.err


def test_a_pyproject_linked_outside_is_refused(repo: Repo, invoke: object) -> None:
    (repo.outside / "pyproject.toml").write_text('[tool.cs-align]\nfail_on = "ghp_x"\n')
    os.symlink(repo.outside / "pyproject.toml", repo.root / "plans" / "pyproject.toml")
    result = invoke("check", "acme.yaml", cwd=repo.root / "plans")  # type: ignore[operator]
    assert result.code == 2 and "ghp_x" not in result.out + result.err
    assert "resolves outside the repository" in result.err


def test_diff_refuses_a_plan_linked_outside(repo: Repo, cli: object) -> None:
    (repo.outside / "secret.yaml").write_text('version: 1\norganisation: x\ncurrency: "hunter2"\n')
    (repo.root / "plans" / "acme.yaml").unlink()
    os.symlink(repo.outside / "secret.yaml", repo.root / "plans" / "acme.yaml")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "github")  # type: ignore[operator]
    assert result.code == 2 and "hunter2" not in result.out + result.err
    assert "resolves outside the repository" in result.out + result.err
