"""cost-pace: cost per contact falls against last period, but not faster than the pace."""

from __future__ import annotations

from tests.conftest import Invoke
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
    # (17.20 − 16.9975) ÷ 17.20 = 1.2%, short of 2%; 17.20 × 98% = 16.856 at most, a cap:
    # rounded down to 16.85 (16.86, half up, is over it: a plan following it still failed).
    (found,) = run_rule(RULE, last("17.20"), min_cut=0.02)
    assert found.message == (
        "cost per contact moves from 17.20 USD to 17 USD, a 1.2% cut; the race needs a cut of "
        "at least 2%"
    )
    assert found.fix == "bring cost per contact to at most 16.85 USD"


def test_a_yen_cut_a_hair_short_shows_the_digits_and_a_cap_it_can_meet(invoke: Invoke) -> None:
    # Review calc42 F1: 13,500,013 JPY ÷ (2,400 × 365.25 ÷ 7 = 125,228.57 contacts) =
    # 107.803 JPY a contact; the race needs at most 110 × (1 − 2%) = 107.80: a cut of
    # (110 − 107.803) ÷ 110 = 1.997%, a miss. Both were shown as 108 JPY ("moves to 108",
    # "bring it to 108"); the cut now carries its digits and the cap is rounded down.
    from pathlib import Path

    plan_file = Path(__file__).parents[1] / "data" / "plans" / "cost-pace-jpy-hair.yaml"
    out = invoke("check", str(plan_file)).out
    assert "moves from 110 JPY to 108 JPY, a 1.997% cut; the race needs a cut of at least 2%" in out
    assert "fix: bring cost per contact to at most 107 JPY" in out


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


def test_a_cost_that_rises_is_a_rise_not_a_negative_cut(run_rule: RunRule) -> None:
    # Review calc53: 2.60 → 2.71 read "a -4.4% cut". Here 16.9975 USD against last period's
    # 16: (16.9975 − 16) ÷ 16 = 6.23%, a rise, shown "6.2%".
    (found,) = run_rule(RULE, last("16"), min_cut=0.02)
    assert found.message == (
        "cost per contact moves from 16 USD to 17 USD, a 6.2% rise; the race needs a cut of at "
        "least 2%"
    )
    (found,) = run_rule(RULE, last("16"))  # the default least cut: none, so no rise
    assert found.message.endswith("a 6.2% rise; the race needs it not to rise")
    # A least below zero allows a rise: 6.23% against at most 5%.
    (found,) = run_rule(RULE, last("16"), min_cut=-0.05)
    assert found.message.endswith("a 6.2% rise; the race allows a rise of at most 5%")
    assert run_rule(RULE, last("16"), min_cut=-0.07) == []  # 6.23% is within 7%
