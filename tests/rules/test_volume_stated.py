"""volume-stated: a staffed channel with a target states its volume and handle time."""

from __future__ import annotations

from typing import Any

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "volume-stated"


def phone(**fields: Any) -> dict[str, Any]:
    return plan({"channels": {"phone": fields}})


def test_channels_that_state_both_hold(run_rule: RunRule) -> None:
    # The help centre has neither, but no people and no target.
    assert run_rule(RULE, plan()) == []
    intervals = {"interval": "24h", "intervals": [{"at": "00:00", "contacts": 240}]}  # 24x7
    assert run_rule(RULE, phone(volume=intervals)) == []  # intraday volume is a volume


def test_no_volume_leaves_the_target_unchecked(run_rule: RunRule) -> None:
    data = phone(volume=REMOVE)
    (found,) = run_rule(RULE, data)
    assert found.message == "phone: no volume: staffing for 80% in 20s cannot be checked"
    assert found.path == "channels[phone]" and found.line == line_of(data, '- id: "phone"')
    assert found.fix == "add `volume: {contacts: …, per: month}` to phone"


def test_no_handle_time_or_neither_is_named(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, phone(handle_time=REMOVE))
    assert found.message == "phone: no handle time: staffing for 80% in 20s cannot be checked"
    assert found.fix == "add `handle_time: …` to phone"
    (found,) = run_rule(RULE, phone(volume=REMOVE, handle_time=REMOVE))
    assert found.message == (
        "phone: no volume and no handle time: staffing for 80% in 20s cannot be checked"
    )
    assert found.fix == "add `volume: {contacts: …, per: month}` and `handle_time: …` to phone"


def test_the_message_names_whichever_target_is_stated(run_rule: RunRule) -> None:
    asa = phone(volume=REMOVE, target={"service_level": REMOVE, "asa": "30s"})
    assert run_rule(RULE, asa)[0].message.endswith("staffing for ASA 30s cannot be checked")
    dropped = phone(volume=REMOVE, target={"service_level": REMOVE, "abandonment_max": "5%"})
    assert run_rule(RULE, dropped)[0].message.endswith(
        "staffing for abandonment at most 5% cannot be checked"
    )
    email = {"kind": "email", "target": {"first_response": "1 business day"}, "agents": 3}
    (found,) = run_rule(RULE, plan({"channels": {"email": email}}))
    assert found.message == (
        "email: no volume and no handle time: staffing for first response within 1 business "
        "day cannot be checked"
    )
    assert found.path == "channels[email]"


def test_no_target_bots_and_self_service_need_no_volume(run_rule: RunRule) -> None:
    assert run_rule(RULE, phone(volume=REMOVE, target=REMOVE)) == []  # target-stated's job
    assert run_rule(RULE, phone(volume=REMOVE, target={"service_level": REMOVE})) == []
    assert run_rule(RULE, phone(volume=REMOVE, staffed_by="bots", agents=REMOVE)) == []
    self_service = {"help-centre": {"target": {"first_response": "1h"}}}
    assert run_rule(RULE, plan({"channels": self_service})) == []


def test_the_unsized_channel_is_an_error_and_left_out_of_the_staffing_findings() -> None:
    # One FTE on the phone would miss 80% in 20 s on any real volume, but without one no
    # staffing or budget finding can say so: this finding is all the user sees about it, so
    # it is an error. As a warning, deleting `volume` passed a gate at --fail-on error.
    data = phone(volume=REMOVE, agents=1)
    data["staffing"]["agents"] = 1
    found = [(f.rule, f.severity) for f in check_plan(data) if f.path.startswith("channels[")]
    assert (RULE, "error") in found
    assert not {"staffing-meets-targets", "occupancy-cap", "deferred-backlog"} & {
        rule for rule, _ in found
    }
    assert [f.rule for f in check_plan(data, "automated") if f.rule == RULE] == [RULE]


def test_a_volume_of_zero_is_no_volume(run_rule: RunRule) -> None:
    # Zero contacts keep 80% in 20 s with any staff: setting the volume to 0 must not pass
    # the staffing findings the real volume fails.
    data = phone(volume="0/month", agents=1)
    (found,) = run_rule(RULE, data)
    assert found.message == "phone: a volume of 0: staffing for 80% in 20s cannot be checked"
    assert found.path == "channels[phone].volume"
    assert found.fix == (
        "forecast phone's contacts (e.g. `volume: 9000/month`), or drop its target and staff if "
        "it takes none"
    )
