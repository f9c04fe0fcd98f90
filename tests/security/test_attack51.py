"""Red team attack51: a pull request's files that git itself would read as a repository."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result

Cli = Callable[..., Result]


def _bare_looking(repo: Repo, folder: str) -> str:
    """``folder`` made, in the pull request's files, to look to git like a repository of its
    own: HEAD, objects/, refs/ and a config whose core.fsmonitor is a command. Git run with
    its working folder there (or below it) finds no `.git` first and takes the folder for a
    bare repository; the config's core.worktree makes it a work tree, and reading its index
    runs the command. Returns the file the command writes when it runs."""
    marker = repo.outside / "pwned"
    repo.write(f"{folder}/HEAD", "ref: refs/heads/main\n")
    repo.write(f"{folder}/objects/info/.keep", "")
    repo.write(f"{folder}/refs/heads/.keep", "")
    top = "/".join([".."] * len(folder.split("/")))
    repo.write(
        f"{folder}/config",
        "[core]\n\trepositoryformatversion = 0\n\tbare = false\n"
        f"\tworktree = {top}\n\tfsmonitor = \"echo ran > '{marker}'; false\"\n",
    )
    repo.commit(f"{folder} looks like a repository to git")
    return str(marker)


@pytest.mark.parametrize("named", ["plans/", "plans/eu/", "plans/**/*.yaml"])
def test_a_folder_laid_out_as_a_repository_runs_no_command(
    repo: Repo, cli: Cli, named: str
) -> None:
    # `cs-align check plans/` asks git which files it ignores, running git in plans/. A pull
    # request that committed plans/HEAD, plans/objects/, plans/refs/ and plans/config made
    # git take plans/ for a repository and run the config's core.fsmonitor command: any
    # program the pull request wrote ran in CI, beside the Action's token, and the check
    # went on to pass (exit 0). A folder below it (plans/eu/) or a pattern's folder did the
    # same, git looking upwards for its repository.
    repo.write("plans/eu/acme-eu.yaml", (repo.root / "plans/acme.yaml").read_text())
    repo.git("rm", "-q", "plans/acme.yaml")
    repo.commit("the plan moved to plans/eu/")
    marker = _bare_looking(repo, "plans")
    result = cli("check", named, "--policy-ref", "main")
    assert not (repo.outside / "pwned").exists(), f"git ran the pull request's {marker}"
    assert result.code in (0, 1, 2) and "Traceback" not in result.out + result.err
    assert "plans/eu/acme-eu.yaml" in result.out


def test_the_gate_reads_the_same_with_and_without_the_decoy(repo: Repo, cli: Cli) -> None:
    # What git ignores is still read from the repository's own .git: the decoy folder is
    # walked like any other (its files are no plans) and the plan judged as before.
    before = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    _bare_looking(repo, "plans")
    after = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert not (repo.outside / "pwned").exists()
    assert (after.code, after.err) == (before.code, before.err) == (0, "")
