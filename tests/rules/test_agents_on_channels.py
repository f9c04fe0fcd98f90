"""agents-on-channels: every FTE in staffing.agents works a channel."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "agents-on-channels"
EMAIL = {
    "kind": "email",
    "volume": "100/week",
    "handle_time": "6m",
    "target": {"first_response": "24h"},
}


def test_a_total_the_channels_use_holds(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # phone 22 of 22
    # Staff no channel claims are shared among staffed channels that state no agents.
    shared = plan({"channels": {"email": EMAIL}, "staffing": {"agents": 30}})
    assert run_rule(RULE, shared) == []  # phone 22, email the other 8


def test_staff_on_no_channel_are_reported_with_the_figures(run_rule: RunRule) -> None:
    data = plan({"staffing": {"agents": 30}})
    (found,) = run_rule(RULE, data)
    # 30 planned − 22 on the phone = 8 FTE that answer nothing.
    assert found.message == (
        "8 of the 30 FTE planned work no channel: they answer no contacts, and no staffing "
        "finding counts them"
    )
    assert found.path == "staffing.agents" and found.line == line_of(data, "agents: 30")
    assert found.fix == (
        "put them on the channels that need them (`agents:` on each), or set staffing.agents "
        "to 22 and budget other roles apart"
    )


def test_half_an_fte_left_over_is_rounding_and_more_is_not(run_rule: RunRule) -> None:
    # Channel figures written to a tenth leave a little over (fix --keep-budget's 15 FTE
    # shared as 11 + 3.9 leaves 0.1); the default tolerance is half an FTE.
    assert run_rule(RULE, plan({"staffing": {"agents": 22.5}})) == []
    (found,) = run_rule(RULE, plan({"staffing": {"agents": 22.6}}))
    assert found.message.startswith("0.6 of the 22.6 FTE planned work no channel")
    (found,) = run_rule(RULE, plan({"staffing": {"agents": 22.1}}), tolerance_fte=0)
    assert found.message.startswith("0.1 of the 22.1 FTE planned work no channel")


def test_without_a_total_there_is_nothing_left_over(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan({"staffing": {"agents": REMOVE}})) == []


def test_universal_makes_it_a_warning_for_every_strategy() -> None:
    data = plan({"staffing": {"agents": 30}})
    for strategy in ("delight", "fast-food", "universal"):
        found = [(f.rule, f.severity) for f in check_plan(data, strategy) if f.rule == RULE]
        assert found == [(RULE, "warning")]
