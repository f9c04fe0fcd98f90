"""A policy file edited in words that read as the same values is no policy change: a
comment added to `.cs-align.yaml`, or its keys reordered, blocked as "changed" with nothing
to name (review attack39 F10). A value changed is still one."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import policy_notes

Cli = Callable[..., Result]
CONFIG = "guardrails:\n  max_budget_increase: 5%\n"  # the repo fixture's, at main


@pytest.mark.parametrize(
    "text",
    [
        "# Owner: CX finance. Changes need sign-off.\n" + CONFIG,
        "guardrails:\n  max_budget_increase: 5%   # agreed with finance\n",
        "guardrails: {max_budget_increase: 5%}\n",
    ],
)
def test_a_config_that_reads_as_the_same_settings_is_no_change(
    repo: Repo, cli: Cli, text: str
) -> None:
    assert (repo.root / ".cs-align.yaml").read_text(encoding="utf-8") == CONFIG
    repo.write(".cs-align.yaml", text)
    repo.commit("the config reworded")
    assert policy_notes(cli) == ""


def test_a_setting_changed_beside_a_comment_is_still_policy(repo: Repo, cli: Cli) -> None:
    repo.write(".cs-align.yaml", "# reworded\nguardrails:\n  max_budget_increase: 50%\n")
    repo.commit("a looser cap")
    assert ".cs-align.yaml changed (guardrails.max_budget_increase: 5% → 50%)" in (
        policy_notes(cli)
    )


def test_a_strategy_file_with_a_comment_added_is_no_change(repo: Repo, cli: Cli) -> None:
    ours = "id: ours\nname: Ours\nextends: delight\n"
    repo.git("checkout", "-q", "main")
    repo.write("ours.yaml", ours)
    repo.write(".cs-align.yaml", CONFIG + "strategy: ours.yaml\n")
    repo.commit("our strategy")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    repo.write("ours.yaml", "# kept by the CX team\n" + ours)
    repo.commit("a comment")
    assert policy_notes(cli) == ""
    repo.write("ours.yaml", ours.replace("extends: delight", "extends: fast-food"))
    repo.commit("another parent")
    assert "ours.yaml changed" in policy_notes(cli)


def test_the_check_names_the_strategy_files_it_read(repo: Repo, cli: Cli) -> None:
    # The Action warns when .gitattributes hides the diff of any policy file the check read
    # (review attack39 F15): JSON names the strategy file and every file it extends.
    repo.write("base.yaml", "id: base\nname: Base\nextends: delight\n")
    repo.write("ours.yaml", "id: ours\nname: Ours\nextends: base.yaml\n")
    repo.write(".cs-align.yaml", CONFIG + "strategy: ours.yaml\n")
    result = cli("check", "plans/acme.yaml", "-f", "json")
    plan = json.loads(result.out)["plans"][0]
    assert plan["strategy_files"] == ["ours.yaml", "base.yaml"], plan.get("strategy_files")
