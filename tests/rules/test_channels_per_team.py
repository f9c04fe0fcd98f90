"""channels-per-team: enough people on each staffed channel to cover its hours."""

from __future__ import annotations

from typing import Any

from tests.rules.conftest import RunRule, check_plan, plan

RULE = "channels-per-team"
DEFERRED = {"volume": "100/week", "handle_time": "6m", "target": {"first_response": "24h"}}


def spread(agents: int) -> dict[str, Any]:
    """Phone, email and chat staffed by ``agents`` people, a bot and the help centre."""
    return plan(
        {
            "channels": {
                "phone": {"agents": 2},
                "email": {"kind": "email", **DEFERRED, "agents": 1},
                "chat": {"kind": "chat", **DEFERRED, "agents": 1},
                "bot": {"kind": "chat", "staffed_by": "bots", "volume": "500/week"},
            },
            "staffing": {"agents": agents},
        }
    )


def test_three_or_more_fte_a_channel_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # 22 FTE on one staffed channel
    assert run_rule(RULE, spread(9)) == []  # 9 FTE ÷ 3 staffed channels = 3


def test_a_small_team_on_many_channels_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, spread(5))
    # 5 FTE ÷ 3 channels staffed by people (not the bot, not the help centre) = 1.667,
    # shown 1.6 each (staff shown are never more than planned).
    assert found.message == (
        "5 FTE across 3 staffed channels is 1.6 each; at least 3 per channel are needed to "
        "cover hours and absences"
    )
    assert found.path == "channels" and found.severity == "warning"


def test_the_floor_is_an_option(run_rule: RunRule) -> None:
    assert run_rule(RULE, spread(5), min_fte_per_channel=1.5) == []
    assert "at least 2 per channel" in run_rule(RULE, spread(5), min_fte_per_channel=2)[0].message


def test_universal_warns_and_automated_switches_it_off() -> None:
    assert [f.severity for f in check_plan(spread(5)) if f.rule == RULE] == ["warning"]
    assert not [f for f in check_plan(spread(5), "automated") if f.rule == RULE]
