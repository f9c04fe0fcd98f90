"""agents-within-total: the FTE assigned to channels fit inside staffing.agents."""

from __future__ import annotations

from tests.rules.conftest import RunRule, check_plan, plan

RULE = "agents-within-total"
EMAIL = {
    "kind": "email",
    "volume": "100/week",
    "handle_time": "6m",
    "target": {"first_response": "24h"},
}


def test_assignments_that_add_up_to_the_total_hold(run_rule: RunRule) -> None:
    data = plan({"channels": {"email": {**EMAIL, "agents": 3}}, "staffing": {"agents": 25}})
    assert run_rule(RULE, data) == []  # 22 + 3 = 25
    assert run_rule(RULE, plan({"staffing": {"agents": 30}})) == []  # 8 FTE unassigned


def test_people_counted_on_two_channels_are_found(run_rule: RunRule) -> None:
    data = plan({"channels": {"email": {**EMAIL, "agents": 10}}, "staffing": {"agents": 25}})
    (found,) = run_rule(RULE, data)
    # Phone 22 + email 10 = 32 FTE assigned, 25 in total: 7 counted twice.
    assert found.message == (
        "channels are assigned 32 FTE but staffing.agents is 25; 7 FTE are counted twice"
    )
    assert found.path == "staffing.agents"
    assert found.fix == "set staffing.agents to 32 or lower the channel agents"


def test_half_an_fte_too_many_is_still_too_many(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan({"channels": {"phone": {"agents": 22.5}}}))
    assert "assigned 22.5 FTE but staffing.agents is 22; 0.5 FTE are counted twice" in (
        found.message
    )


def test_without_a_total_there_is_nothing_to_exceed(run_rule: RunRule) -> None:
    data = plan({"channels": {"email": {**EMAIL, "agents": 10}}})
    del data["staffing"]["agents"]
    assert run_rule(RULE, data) == []


def test_it_is_an_error_in_every_strategy() -> None:
    data = plan({"staffing": {"agents": 20}})
    assert [(f.rule, f.severity) for f in check_plan(data) if f.rule == RULE] == [(RULE, "error")]
