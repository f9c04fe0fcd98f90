"""public-channel: a monitored, staffed public channel (community, social, forum)."""

from __future__ import annotations

from typing import Any

from tests.rules.conftest import RunRule, check_plan, plan

RULE = "public-channel"


def with_public(**fields: Any) -> dict[str, Any]:
    community = {
        "kind": "community",
        "volume": "200/week",
        "handle_time": "10m",
        "target": {"first_response": "4h"},
        "agents": 3,
        **fields,
    }
    return plan({"channels": {"community": community}, "staffing": {"agents": 25}})


def test_a_staffed_monitored_community_holds(run_rule: RunRule) -> None:
    assert run_rule(RULE, with_public()) == []
    # Any channel can be public: a chat whose conversations others can read.
    public_chat = with_public(kind="chat", public=True, target={"service_level": "80/60"})
    assert run_rule(RULE, public_chat) == []


def test_no_public_channel_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan())
    assert found.message == "no monitored, staffed public channel (social, community or forum)"
    assert found.path == "channels" and found.severity == "error"


def test_an_unread_unstaffed_or_private_one_does_not_count(run_rule: RunRule) -> None:
    for fields in (
        {"monitored": False},
        {"staffed_by": "bots", "agents": 0},
        {"agents": 0},
        {"public": False},
    ):
        assert len(run_rule(RULE, with_public(**fields))) == 1, fields


def test_staffing_can_be_left_out_of_it(run_rule: RunRule) -> None:
    assert run_rule(RULE, with_public(agents=0), require_staffed=False) == []


def test_engagement_and_squeaky_wheel_need_one() -> None:
    for strategy in ("engagement", "squeaky-wheel"):
        assert [f.severity for f in check_plan(plan(), strategy) if f.rule == RULE] == ["error"]
    assert not [f for f in check_plan(plan()) if f.rule == RULE]
