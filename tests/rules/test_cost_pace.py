"""cost-pace: cost per contact falls against last period, but not faster than the pace."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, plan

RULE = "cost-pace"
# Cost per contact now: 1,490,000 USD ÷ 87,660 contacts a year = 16.9975 USD (shown 17 USD).


def last(cost: str) -> dict[str, object]:
    return plan({"history": {"cost_per_contact": cost}})


def test_a_cut_inside_the_pace_holds(run_rule: RunRule) -> None:
    assert run_rule(RULE, last("19")) == []  # (19 − 17.00) ÷ 19 = 10.5%, under 15%
    assert run_rule(RULE, last("19"), min_cut=0.02) == []


def test_a_cut_faster_than_the_pace_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, last("25"))
    # (25 − 16.9975) ÷ 25 = 32.0% against at most 15%; 25 × (1 − 15%) = 21.25.
    assert found.message == (
        "cost per contact falls from 25 USD to 17 USD, a 32% cut; the stated pace is at most 15%"
    )
    assert found.fix == "keep cost per contact at or above 21.25 USD"
    assert found.path == "budget.total" and found.severity == "error"


def test_a_cut_slower_than_the_race_needs_fails(run_rule: RunRule) -> None:
    # (17.20 − 16.9975) ÷ 17.20 = 1.2%, short of 2%; 17.20 × 98% = 16.856.
    (found,) = run_rule(RULE, last("17.20"), min_cut=0.02)
    assert found.message == (
        "cost per contact moves from 17.20 USD to 17 USD; the race needs a cut of at least 2%"
    )
    assert found.fix == "bring cost per contact to 16.86 USD"


def test_a_race_needs_last_periods_figure(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan())
    assert found.message == "a cost race needs last period's cost per contact to measure its pace"
    assert found.path == "history"
    no_budget = plan({"budget": REMOVE, "history": {"cost_per_contact": 5}})
    (found,) = run_rule(RULE, no_budget)  # no cost per contact: not checked, not passed
    assert found.message == "the pace of the cost race cannot be checked: the plan states no budget"
    assert found.fix == "add `budget: {total: …}` for the plan's period"


def test_only_the_cost_race_holds_it_as_an_error() -> None:
    assert [f.severity for f in check_plan(last("25"), "cost-race") if f.rule == RULE] == ["error"]
    assert not [f for f in check_plan(last("25")) if f.rule == RULE]
