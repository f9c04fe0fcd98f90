"""Outputs never land in `.git`, and a config a pull request adds is not obeyed (its output
files included) until a reviewer accepts it on the command line."""

from __future__ import annotations

import os

from tests.security.conftest import Repo, cli

__all__ = ["cli"]


def test_a_config_the_pr_adds_is_reported_not_obeyed(repo: Repo, cli: object) -> None:
    repo.git("checkout", "-q", "main")
    (repo.root / ".cs-align.yaml").unlink()
    repo.commit("no config on main")
    repo.git("checkout", "-q", "pr")  # the pull request adds one
    repo.write(".cs-align.yaml", 'format: ["table", "json:.git/HEAD", "sarif:.git/config"]\n')
    head = (repo.root / ".git" / "HEAD").read_bytes()
    result = cli("check", "plans/", "--policy-ref", "main")  # type: ignore[operator]
    assert result.code == 1
    assert "policy-changed" in result.out and ".cs-align.yaml added" in result.out
    assert (repo.root / ".git" / "HEAD").read_bytes() == head


def test_no_output_is_written_inside_git(repo: Repo, cli: object) -> None:
    head = (repo.root / ".git" / "HEAD").read_bytes()
    for target in (".git/HEAD", ".git/hooks/post-checkout", "x/../.git/config"):
        result = cli("check", "plans/acme.yaml", "-f", f"json:{target}")  # type: ignore[operator]
        assert result.code == 2 and "never writes inside a .git folder" in result.err, target
    assert (repo.root / ".git" / "HEAD").read_bytes() == head


def test_a_link_to_another_checkout_is_outside(repo: Repo, cli: object) -> None:
    other = repo.outside / "other"
    (other / ".git").mkdir(parents=True)
    os.symlink(other, repo.root / "reports")
    result = cli("check", "plans/acme.yaml", "-f", "json:reports/out.json")  # type: ignore[operator]
    assert result.code == 2 and "leads outside the repository through a link" in result.err
    assert not (other / "out.json").exists()
