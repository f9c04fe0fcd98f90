"""leadership-in-service: leaders spend some hours a month serving customers."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, plan

RULE = "leadership-in-service"


def hours(value: object) -> dict[str, object]:
    return plan({"staffing": {"leadership_service_hours_per_month": value}})


def test_two_hours_a_month_or_more_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # 4 hours
    assert run_rule(RULE, hours(2)) == []


def test_leaders_who_never_serve_fail(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, hours(0))
    assert found.message == (
        "leadership spends 0 hours a month in service; this strategy expects at least 2"
    )
    assert found.path == "staffing.leadership_service_hours_per_month"
    (unstated,) = run_rule(RULE, hours(REMOVE))
    assert unstated.message.startswith("leadership spends 0 hours a month")


def test_the_hours_are_an_option(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, hours(3), min_hours_per_month=4)
    assert found.message.endswith(
        "spends 3 hours a month in service; this strategy expects at least 4"
    )


def test_severity_follows_the_strategy() -> None:
    data = hours(1)
    assert [f.severity for f in check_plan(data) if f.rule == RULE] == ["warning"]  # delight
    assert [f.severity for f in check_plan(data, "genius") if f.rule == RULE] == ["info"]
    assert not [f for f in check_plan(data, "fast-food") if f.rule == RULE]
