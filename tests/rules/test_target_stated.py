"""target-stated: every channel people staff promises a response time."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "target-stated"


def test_channels_with_targets_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # the help centre has no people, so no target


def test_a_staffed_channel_without_a_target_fails(run_rule: RunRule) -> None:
    data = plan({"channels": {"phone": {"target": REMOVE}}})
    (found,) = run_rule(RULE, data)
    assert found.message == "phone is staffed by people but states no response target"
    assert found.fix == 'add `target: {service_level: "80% in 20s"}` to phone'
    assert found.path == "channels[phone]" and found.line == line_of(data, '- id: "phone"')


def test_a_ceiling_alone_is_no_target(run_rule: RunRule) -> None:
    data = plan({"channels": {"phone": {"target": {"service_level": REMOVE}}}})
    data["channels"][0]["target"] = {"abandonment_max": "5%"}
    (found,) = run_rule(RULE, data)
    # Said as it is: the ceiling is sized and judged, but promises no time to answer in
    # (review calc29 F4: "states no response target" beside the ceiling's own sizing).
    assert found.message == (
        "phone is staffed by people but states only an abandonment ceiling (at most 5%), no "
        "time to answer in"
    )


def test_the_fix_fits_the_kind_of_channel(run_rule: RunRule) -> None:
    email = {"kind": "email", "volume": "100/week", "handle_time": "6m", "agents": 1}
    (found,) = run_rule(RULE, plan({"channels": {"email": email}}))
    assert found.fix == "add `target: {first_response: 24h}` to email"


def test_bots_need_no_target(run_rule: RunRule) -> None:
    data = plan({"channels": {"phone": {"target": REMOVE, "staffed_by": "bots", "agents": REMOVE}}})
    assert run_rule(RULE, data) == []


def test_it_is_an_error_in_every_strategy() -> None:
    data = plan({"channels": {"phone": {"target": REMOVE}}})
    assert [f.severity for f in check_plan(data, "automated") if f.rule == RULE] == ["error"]
