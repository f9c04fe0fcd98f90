"""A plan replaced by a symbolic link that leads out of its top folder (attack43 C11): the
change that makes it one says so, once; the runs after it read the plan at the trusted
revision through the same link, so the link kept as it was is no change."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED

Cli = Callable[..., Result]


def _linked(repo: Repo) -> None:
    """plans/acme.yaml made a link to docs/acme.yaml, the same plan, on the pull request."""
    repo.write("docs/acme.yaml", ALIGNED)
    os.remove(repo.root / "plans/acme.yaml")
    os.symlink("../docs/acme.yaml", repo.root / "plans/acme.yaml")
    repo.commit("the plan kept in docs/, linked from plans/")


def _merged(repo: Repo) -> None:
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "pr")
    repo.git("checkout", "-q", "pr")


def _policy(cli: Cli) -> tuple[int, list[str]]:
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert result.code in (0, 1), result.err
    found = [
        f["message"]
        for plan in json.loads(result.out)["plans"]
        for f in plan["findings"]
        if f["rule"] == "policy-changed"
    ]
    return result.code, found


def test_a_plan_made_a_link_out_of_its_folder_is_said_once(repo: Repo, cli: Cli) -> None:
    _linked(repo)
    code, notes = _policy(cli)
    assert code == 1 and any(
        "plans/acme.yaml is now a symbolic link to docs/acme.yaml, outside plans/" in n
        for n in notes
    ), notes
    _merged(repo)  # accepted by a reviewer
    repo.write("README.md", "plans live in plans/\n")
    repo.commit("a later change that leaves the plan alone")
    assert _policy(cli) == (0, []), _policy(cli)


def test_a_plan_behind_a_link_kept_is_compared_with_itself(repo: Repo, cli: Cli) -> None:
    # The link kept, the plan behind it changed: judged against what it was there.
    _linked(repo)
    _merged(repo)
    repo.write("docs/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: fast-food"))
    repo.commit("a looser strategy behind the link")
    code, notes = _policy(cli)
    assert code == 1 and any("strategy: delight → fast-food" in n for n in notes), notes
    assert not any("an organisation no plan in plans/ names" in n for n in notes), notes
