"""What an hour of an agent's time on contacts costs is policy under review: the loaded cost
per FTE, the paid hours and the shrinkage are the plan's own words, and the budget rules
price the staff by them (review attack39 F7: 1,000 USD an FTE a year cut a delight plan's
budget by 82% with every rule held)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, policy_notes

Cli = Callable[..., Result]
COST = "loaded_cost_per_fte: 62000"
# At main: 62,000 USD ÷ (1,800 paid hours × (1 − 32% shrinkage) = 1,224 hours on contacts)
# = 50.65 USD an hour.


def test_a_cost_per_fte_cut_with_the_people_line_is_policy(repo: Repo, cli: Cli) -> None:
    # 1,000 ÷ 1,224 = 0.82 USD an hour: 1 − 1,000/62,000 = 98.4% less.
    cheap = ALIGNED.replace(COST, "loaded_cost_per_fte: 1000").replace(
        "people: 1283400", "people: 20700"
    )
    repo.write("plans/acme.yaml", cheap.replace("total: 1540241", "total: 277541"))
    repo.commit("cheaper staff")
    assert policy_notes(cli) == (
        "the policy differs from main: an hour of an agent's time on contacts costs 0.82 USD "
        "now, 50.65 USD at main (-98.4%): staffing loaded_cost_per_fte 62000 → 1000; judged "
        "by main's policy"
    )
    diff = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    assert diff.code == 1
    assumed = json.loads(diff.out)["diff"]["assumptions"]
    assert {"name": "staffing.loaded_cost_per_fte", "before": "62000", "after": "1000"} in assumed


def test_no_shrinkage_makes_the_same_staff_give_more_hours_for_the_money(
    repo: Repo, cli: Cli
) -> None:
    # 62,000 ÷ 1,800 = 34.44 USD an hour: 1 − 1,224/1,800 = 32% less.
    repo.write("plans/acme.yaml", ALIGNED.replace("shrinkage: 32%", "shrinkage: 0%"))
    repo.commit("nobody takes leave")
    assert (
        "an hour of an agent's time on contacts costs 34.44 USD now, 50.65 USD at main (-32%): "
        "staffing shrinkage 32% → 0%"
    ) in policy_notes(cli)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (COST, "loaded_cost_per_fte: 57000"),  # 8.1% cheaper: within a tenth
        ("paid_hours_per_fte: 1800/year", "paid_hours_per_fte: 1900/year"),  # 5.3% cheaper
        # More paid hours at a cost that rises with them: 68,889 ÷ (2,000 × 68%) = 50.65.
        (
            "paid_hours_per_fte: 1800/year\n  " + COST,
            "paid_hours_per_fte: 2000/year\n  loaded_cost_per_fte: 68889",
        ),
    ],
)
def test_a_price_that_holds_within_a_tenth_is_no_policy_change(
    repo: Repo, cli: Cli, old: str, new: str
) -> None:
    assert old in ALIGNED
    repo.write("plans/acme.yaml", ALIGNED.replace(old, new, 1))
    repo.commit("a new price")
    assert "an hour of an agent's time" not in policy_notes(cli)


def test_staff_moved_into_a_new_plan_at_a_tenth_of_the_cost_is_policy(repo: Repo, cli: Cli) -> None:
    # Review attack40 A04: the organisation's plan at main prices an hour at 50.65 USD;
    # a new plan of it at 6,200 an FTE-year, 6,200 ÷ 1,224 = 5.07 USD: 90% less.
    repo.write("plans/acme-phone.yaml", ALIGNED.replace(COST, "loaded_cost_per_fte: 6200"))
    repo.commit("the phone team in a plan of its own")
    result = cli("check", "plans/acme-phone.yaml", "--policy-ref", "main", "-f", "json")
    assert (
        "an hour of an agent's time on contacts costs 5.07 USD in a plan that is new for "
        "Example Delight Co, whose plans at main price it at 50.65 USD at least (-90%)"
    ) in result.out
    repo.write("plans/acme-phone.yaml", ALIGNED)  # at the organisation's price: no change
    repo.commit("at the usual cost")
    result = cli("check", "plans/acme-phone.yaml", "--policy-ref", "main", "-f", "json")
    assert "an hour of an agent's time" not in result.out
