"""leadership-in-service: leaders spend some hours a month serving customers."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

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


def test_hours_the_plan_does_not_state_are_reported_not_taken_as_none(
    run_rule: RunRule,
) -> None:
    data = hours(REMOVE)
    (found,) = run_rule(RULE, data)
    assert found.severity == "info"
    assert found.message == (
        "leadership time in service of at least 2 hours a month cannot be checked: the plan "
        "states no leadership service hours"
    )
    assert found.fix == (
        "add `staffing.leadership_service_hours_per_month: 2` "
        "(the hours a month leaders spend serving customers)"
    )
    assert found.path == "staffing.leadership_service_hours_per_month"
    assert found.line == line_of(data, "staffing:") + 1  # the staffing block: its parent


def test_unstated_hours_count_at_the_strategys_severity() -> None:
    data = hours(REMOVE)
    found = [(f.severity, f.message) for f in check_plan(data, "engagement") if f.rule == RULE]
    assert found == [
        (
            "warning",
            "leadership time in service of at least 4 hours a month cannot be checked: the plan "
            "states no leadership service hours",
        )
    ]
    assert [f.severity for f in check_plan(data, "genius") if f.rule == RULE] == ["info"]
    assert not [f for f in check_plan(data, "fast-food") if f.rule == RULE]


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


def test_one_hour_is_one_hour(run_rule: RunRule) -> None:
    # Review calc53: a leader who serves one hour a month read "1 hours".
    (found,) = run_rule(RULE, hours(1))
    assert found.message == (
        "leadership spends 1 hour a month in service; this strategy expects at least 2"
    )
    (found,) = run_rule(RULE, hours(REMOVE), min_hours_per_month=1)
    assert found.message.startswith("leadership time in service of at least 1 hour a month ")
    (found,) = run_rule(RULE, hours("1.5"), min_hours_per_month=2)
    assert found.message.startswith("leadership spends 1.5 hours a month")
