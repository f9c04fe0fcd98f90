"""Red team attack51b: the session's gate re-attacked (the 92-day window, the automation
claim cap, the Action's one process, git's environment) and reads under `.git`."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED

Cli = Callable[..., Result]


@pytest.mark.parametrize("policy", [[], ["--policy-ref", "main"]])
def test_a_plan_linked_to_a_file_under_git_is_refused(
    repo: Repo, cli: Cli, policy: list[str]
) -> None:
    # A pull request commits plans/leak.yaml as a symbolic link to ../.git/plan.yaml. It
    # resolves inside the repository's folder, so it was read (exit 0, the file under .git
    # judged and quoted as a plan): git's config, hooks and objects are no plan's input, as
    # outputs are never written there. Now exit 2, naming the link and where it leads.
    (repo.root / ".git/plan.yaml").write_text(ALIGNED, encoding="utf-8")
    os.symlink("../.git/plan.yaml", repo.root / "plans/leak.yaml")
    repo.commit("a plan that is a link into .git")
    for named in ("plans/leak.yaml", "plans/"):
        result = cli("check", named, *policy)
        assert result.code == 2, (named, result.code, result.out)
        assert "plans/leak.yaml" in result.err + result.out
        assert "resolves into the repository's .git folder" in result.err + result.out
        assert "Traceback" not in result.err


def test_a_strategy_file_linked_under_git_is_refused(repo: Repo, cli: Cli) -> None:
    # The plan names its strategy as a file; the file is a link into .git. Before: read
    # (exit 0 with .git/s.yaml taken as the strategy); now exit 2 at the plan's line.
    strategy = (repo.root / "plans/../.git").resolve() / "s.yaml"
    strategy.write_text("id: mine\nname: Mine\nextends: delight\n", encoding="utf-8")
    os.symlink("../.git/s.yaml", repo.root / "plans/s.yaml")
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: ./s.yaml"))
    repo.commit("the strategy a link into .git")
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, (result.code, result.out, result.err)
    assert "resolves into the repository's .git folder" in result.err
    assert "plans/acme.yaml:" in result.err
