"""abandonment-max: expected abandonment (Erlang A) stays under the channel's ceiling."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rules.conftest import REMOVE, RunRule, check_plan, plan

RULE = "abandonment-max"


def abandonment(agents: int, per_hour: float, aht_h: float, patience_h: float) -> float:
    """Share of callers who hang up in M/M/N+M, from its birth–death chain (the Erlang A
    model, computed here without cs-align's queueing code)."""
    lam, mu, theta = per_hour, 1 / aht_h, 1 / patience_h
    weights, weight = [1.0], 1.0
    for n in range(1, 400):
        weight *= lam / (min(n, agents) * mu + max(0, n - agents) * theta)
        weights.append(weight)
    waiting = sum(max(0, n - agents) * w for n, w in enumerate(weights)) / sum(weights)
    return theta * waiting / lam


def short_line(ceiling: str = "3%") -> dict[str, Any]:
    # 7 FTE at 6.957 FTE a 24x7 position: 1 agent on shift for 1 Erlang (10 calls an hour of
    # 6 min); callers wait 1 min on average before hanging up.
    return plan(
        {
            "channels": {
                "phone": {"agents": 7, "patience": "1m", "target": {"abandonment_max": ceiling}}
            },
            "staffing": {"agents": 7},
        }
    )


def test_a_ceiling_the_planned_agents_keep_holds(run_rule: RunRule) -> None:
    # 22 FTE: 3 agents on shift; with 2 min patience 3.9% hang up, under 5%.
    assert abandonment(3, 10, 0.1, 2 / 60) == pytest.approx(0.0387, abs=5e-4)
    data = plan({"channels": {"phone": {"patience": "2m", "target": {"abandonment_max": "5%"}}}})
    assert run_rule(RULE, data) == []


def test_one_agent_on_a_one_erlang_line_loses_nearly_half(run_rule: RunRule) -> None:
    # One agent; λ = 10 calls an hour, μ = 10 an hour (6 min), θ = 60 an hour (1 min).
    # Weights of 0, 1, 2, 3, 4 … callers: 1, 1, 10/70, 10/70 × 10/130, … (sum 2.1544);
    # callers waiting on average 0.1667 ÷ 2.1544 = 0.0774; θ × 0.0774 ÷ λ = 46.4% hang up.
    one = abandonment(1, 10, 0.1, 1 / 60)
    assert one == pytest.approx(0.464, abs=5e-4)
    # 7 FTE are 7 ÷ (8,766 h ÷ 1,260 h) = 1.0062 positions on shift, not floored: the
    # figure lies 0.0062 of the way from one agent (46.4%) to two (16.9%): 46.2%.
    share = 7 * 1260 / 8766 - 1
    two = abandonment(2, 10, 0.1, 1 / 60)
    assert two == pytest.approx(0.169, abs=5e-4)
    expected = one + share * (two - one)
    assert expected == pytest.approx(0.462, abs=5e-4)
    (found,) = run_rule(RULE, short_line())
    assert found.message == (
        "phone: with the planned agents 46.2% of callers are expected to hang up; the ceiling is 3%"
    )
    assert found.path == "channels[phone].target.abandonment_max"
    assert found.severity == "error" and found.fix.startswith("add agents to phone")


def test_without_a_ceiling_there_is_nothing_to_judge(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan({"channels": {"phone": {"patience": "1m", "agents": 7}}})) == []


def test_every_strategy_holds_it_as_an_error() -> None:
    found = [f for f in check_plan(short_line(), "fast-food") if f.rule == RULE]
    assert [(f.severity, f.path) for f in found] == [
        ("error", "channels[phone].target.abandonment_max")
    ]


def test_a_ceiling_without_patience_cannot_be_checked_and_says_so(run_rule: RunRule) -> None:
    # Erlang C models no one hanging up: the ceiling would pass unexamined.
    data = plan({"channels": {"phone": {"target": {"abandonment_max": "5%"}}}})
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "phone: abandonment at most 5% cannot be checked: the channel states no caller patience"
    )
    assert found.path == "channels[phone].target.abandonment_max"


@pytest.mark.parametrize(
    ("kind", "fields", "said"),
    [
        ("chat", {"concurrency": 2}, "the channel states no caller patience"),
        ("email", {"patience": "2m"}, "its contacts wait in an inbox (email)"),
        ("email", {}, "its contacts wait in an inbox (email)"),
    ],
)
def test_a_ceiling_no_model_judges_is_said_on_every_kind(
    run_rule: RunRule, kind: str, fields: dict[str, Any], said: str
) -> None:
    # Review user24 N5: an email's `abandonment_max: 1%` passed unjudged (exit 0), where a
    # phone line's without patience is "cannot be checked"; a chat line's did too.
    target = {"service_level": "80% in 60s"} if kind == "chat" else {"first_response": "4h"}
    channel = {"kind": kind, "target": {**target, "abandonment_max": "1%"}, **fields}
    (found,) = run_rule(RULE, plan({"channels": {"phone": channel}}))
    assert found.message == f"phone: abandonment at most 1% cannot be checked: {said}" + (
        ", where nobody is modelled hanging up" if kind == "email" else ""
    )
    assert found.path == "channels[phone].target.abandonment_max"


def test_a_channel_bots_answer_has_no_callers_to_judge(run_rule: RunRule) -> None:
    # Review final25 L2: a bot-staffed chat with a ceiling got the inbox message, as an error.
    channel = {"kind": "chat", "staffed_by": "bots", "target": {"abandonment_max": "5%"}}
    assert run_rule(RULE, plan({"channels": {"phone": {**channel, "agents": REMOVE}}})) == []
