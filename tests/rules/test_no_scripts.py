"""no-scripts: reps are trained, not scripted."""

from __future__ import annotations

from tests.rules.conftest import RunRule, check_plan, line_of, plan

RULE = "no-scripts"
SCRIPTED = {"staffing": {"uses_scripts": True}}


def test_trained_reps_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []


def test_scripted_reps_fail_where_the_flag_is(run_rule: RunRule) -> None:
    data = plan(SCRIPTED)
    (found,) = run_rule(RULE, data)
    assert found.message == "reps work from scripts"
    assert found.path == "staffing.uses_scripts" and found.line == line_of(data, "uses_scripts")
    assert found.fix == "set uses_scripts: false and move that budget into training"


def test_a_plan_without_reps_has_no_scripts_to_judge(run_rule: RunRule) -> None:
    bots = plan({**SCRIPTED, "channels": {"phone": {"staffed_by": "bots"}}})
    assert run_rule(RULE, bots) == []


def test_severity_follows_the_strategy() -> None:
    data = plan(SCRIPTED)
    assert [f.severity for f in check_plan(data) if f.rule == RULE] == ["error"]  # delight
    assert [f.severity for f in check_plan(data, "engagement") if f.rule == RULE] == ["warning"]
    assert not [f for f in check_plan(data, "fast-food") if f.rule == RULE]
