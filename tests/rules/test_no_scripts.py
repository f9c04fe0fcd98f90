"""no-scripts: reps are trained, not scripted."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "no-scripts"
SCRIPTED = {"staffing": {"uses_scripts": True}}
UNSTATED = "training instead of scripts cannot be checked: the plan states no script policy"
ADD = "add `staffing.uses_scripts: false` (true if reps work from scripts)"


def test_trained_reps_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []


def test_scripted_reps_fail_where_the_flag_is(run_rule: RunRule) -> None:
    data = plan(SCRIPTED)
    (found,) = run_rule(RULE, data)
    assert found.message == "reps work from scripts"
    assert found.path == "staffing.uses_scripts" and found.line == line_of(data, "uses_scripts")
    assert found.fix == "set uses_scripts: false and move that budget into training"


def test_a_plan_without_reps_has_no_scripts_to_judge(run_rule: RunRule) -> None:
    bots = plan({**SCRIPTED, "channels": {"phone": {"staffed_by": "bots", "agents": REMOVE}}})
    assert run_rule(RULE, bots) == []


def test_severity_follows_the_strategy() -> None:
    data = plan(SCRIPTED)
    assert [f.severity for f in check_plan(data) if f.rule == RULE] == ["error"]  # delight
    assert [f.severity for f in check_plan(data, "engagement") if f.rule == RULE] == ["warning"]
    assert not [f for f in check_plan(data, "fast-food") if f.rule == RULE]


def test_a_plan_that_does_not_say_whether_reps_are_scripted_is_reported(
    run_rule: RunRule,
) -> None:
    data = plan({"staffing": {"uses_scripts": REMOVE}})
    (found,) = run_rule(RULE, data)
    assert (found.severity, found.message, found.fix) == ("warning", UNSTATED, ADD)
    assert found.path == "staffing.uses_scripts"
    assert found.line == line_of(data, "staffing:") + 1  # the staffing block: its parent
    # Stated, it is judged as before.
    assert run_rule(RULE, plan({"staffing": {"uses_scripts": False}})) == []
    assert run_rule(RULE, plan(SCRIPTED))[0].message == "reps work from scripts"


def test_unstated_scripts_count_at_the_strategys_severity() -> None:
    data = plan({"staffing": {"uses_scripts": REMOVE}})
    for strategy, severity in (("delight", "error"), ("engagement", "warning"), ("tiered", "info")):
        found = [f for f in check_plan(data, strategy) if f.rule == RULE]
        assert [(f.severity, f.message, f.fix) for f in found] == [(severity, UNSTATED, ADD)]
    assert not [f for f in check_plan(data, "fast-food") if f.rule == RULE]


def test_unstated_scripts_of_a_plan_without_reps_are_not_reported(run_rule: RunRule) -> None:
    bots = plan(
        {
            "staffing": {"uses_scripts": REMOVE},
            "channels": {"phone": {"staffed_by": "bots", "agents": REMOVE}},
        }
    )
    assert run_rule(RULE, bots) == []
