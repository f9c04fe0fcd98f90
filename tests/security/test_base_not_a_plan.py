"""A file that was no plan at the trusted revision (a strategy, waiver or config file) and
is a plan in the change: the plan is new, in the check and in the diff alike (review
attack41 F04: the diff refused main's file, "mend it", though main was never wrong)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main, policy_notes

Cli = Callable[..., Result]

EU = "# the EU\n" + ALIGNED


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("plans/eu.yaml", "id: eu-draft\nextends: delight\n"),  # a draft strategy
        ("plans/eu/.cs-align.yaml", "strategy: delight\nfail_on: error\n"),  # a config
        ("plans/eu.yaml", "waivers: []\n"),  # a waivers file
    ],
)
def test_a_file_that_was_no_plan_makes_the_plan_new(
    repo: Repo, cli: Cli, name: str, text: str
) -> None:
    on_main(repo, {name: text}, "no plan at main")
    repo.write(name, EU)
    repo.commit("now a plan")
    result = cli("diff", "--base-ref", "main", name)
    assert "refuses" not in result.err, result.err
    # Judged as a new plan: the organisation's plans grow together, main's 1,540,241 USD
    # and this copy of it, 3,080,482 USD (+100%), past the 5% limit of main's config.
    assert (
        "blocked by max_budget_increase: the plans naming Example Delight Co grow together "
        "from 1,540,241 USD to 3,080,482 USD (+100%) with this new one"
    ) in result.out, result.out + result.err
    assert result.code == 1
    assert policy_notes(cli, name) == ""  # a new plan of the same service: nothing to tell
