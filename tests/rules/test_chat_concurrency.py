"""chat-concurrency: no agent is planned on more than three conversations at once."""

from __future__ import annotations

from typing import Any

from tests.rules.conftest import RunRule, check_plan, plan

RULE = "chat-concurrency"


def chat(concurrency: int, staffed_by: str = "humans") -> dict[str, Any]:
    return plan(
        {
            "channels": {
                "chat": {
                    "kind": "chat",
                    "staffed_by": staffed_by,
                    "volume": "840/week",
                    "handle_time": "8m",
                    "target": {"service_level": "80% in 60s"},
                    "concurrency": concurrency,
                }
            }
        }
    )


def test_up_to_three_chats_at_once_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, chat(3)) == []
    assert run_rule(RULE, chat(10, staffed_by="bots")) == []  # a bot has no such limit


def test_five_chats_at_once_fail(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, chat(5))
    assert found.message == (
        "chat: each agent is planned to handle 5 conversations at once; above 3 handle time "
        "and quality suffer"
    )
    assert found.path == "channels[chat].concurrency"
    assert found.fix == "plan at most 3 and size the team for it"


def test_the_limit_is_an_option(run_rule: RunRule) -> None:
    assert run_rule(RULE, chat(5), max_concurrency=5) == []
    assert "above 2" in run_rule(RULE, chat(3), max_concurrency=2)[0].message


def test_it_is_a_warning_in_every_strategy() -> None:
    assert [f.severity for f in check_plan(chat(5)) if f.rule == RULE] == ["warning"]
