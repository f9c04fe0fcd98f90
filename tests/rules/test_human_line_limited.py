"""human-line-limited: an automated strategy neither promises nor staffs a fast human line."""

from __future__ import annotations

from typing import Any

from tests.rules.conftest import RunRule, check_plan, plan

RULE = "human-line-limited"


def automated(phone_target: str, phone_agents: float) -> dict[str, Any]:
    """Email answered within a day, and a phone line beside it."""
    return plan(
        {
            "channels": {
                "phone": {"target": {"service_level": phone_target}, "agents": phone_agents},
                "email": {
                    "kind": "email",
                    "volume": "2000/week",
                    "handle_time": "6m",
                    "target": {"first_response": "24h"},
                    "agents": 22 - phone_agents,
                },
            }
        }
    )


def test_a_slow_small_phone_line_holds(run_rule: RunRule) -> None:
    # 80% within 4 h is no fast line; 5 of 22 FTE (22.7%) is under half.
    assert run_rule(RULE, automated("80% in 4h", 5)) == []


def test_a_fast_human_answer_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, automated("80% in 20s", 5))
    assert found.message == "phone: promises people answer 80% in 20s — a fast human line"
    assert found.path == "channels[phone].target.service_level"
    assert found.fix.startswith("drop the live target on phone")


def test_an_average_answer_or_a_first_response_is_an_answer_time_too(run_rule: RunRule) -> None:
    # Review attack39 F18: "an average answer in 10s" passed where "80% in 20s" failed.
    data = automated("80% in 4h", 5)
    data["channels"][0]["target"] = {"asa": "10s"}
    (found,) = run_rule(RULE, data)
    assert found.message == "phone: promises people answer in 10s on average — a fast human line"
    assert found.path == "channels[phone].target.asa"
    data["channels"][0]["target"] = {"first_response": "1h"}  # a live line's first reply
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "phone: promises people answer with a first response within 1h — a fast human line"
    )
    data["channels"][0]["target"] = {"asa": "4h"}  # no faster than the strategy allows
    assert run_rule(RULE, data) == []


def test_most_of_the_staff_on_a_live_line_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, automated("80% in 4h", 16))
    # 16 of 22 FTE = 72.7%, over 50%.
    assert found.message == "phone: 72.7% of all FTE staff a live human channel (limit 50%)"
    assert found.path == "channels[phone]"


def test_live_lines_are_counted_together(run_rule: RunRule) -> None:
    # Review attack40 A10: the limit was per line, so two live lines of 7 FTE each beside
    # 8 on e-mail passed at 31.8% each. Together: (7 + 7) / 22 = 63.6%, over 50%.
    data = automated("80% in 4h", 7)
    line = {c["id"]: c for c in data["channels"]}
    line["email"]["agents"] = 8
    chat = {"id": "chat", "kind": "chat", "volume": "3000/month", "handle_time": "4m"}
    data["channels"].append({**chat, "target": {"service_level": "80% in 4h"}, "agents": 7})
    (found,) = run_rule(RULE, data)
    assert found.message == "phone, chat: 63.6% of all FTE staff live human channels (limit 50%)"
    assert found.path == "channels[phone]"  # the first of the largest
    data["channels"][-1]["agents"] = 3  # (7 + 3) / 18 = 55.6%: still over
    data["staffing"]["agents"] = 18
    assert run_rule(RULE, data)[0].message.startswith("phone, chat: 55.6% of all FTE")
    line["phone"]["agents"] = 4  # (4 + 3) / 15 = 46.7%
    data["staffing"]["agents"] = 15
    assert run_rule(RULE, data) == []


def test_limits_are_options_and_bots_are_not_people(run_rule: RunRule) -> None:
    data = automated("80% in 20s", 16)
    assert run_rule(RULE, data, fastest_human_answer="10s", max_human_fte_share=0.75) == []
    bots = automated("80% in 20s", 16)
    bots["channels"][0]["staffed_by"] = "bots"
    del bots["channels"][0]["agents"]  # nobody staffs a bot line
    assert run_rule(RULE, bots) == []


def test_only_the_automated_strategy_holds_it() -> None:
    data = automated("80% in 20s", 5)
    assert [f.severity for f in check_plan(data, "automated") if f.rule == RULE] == ["error"]
    assert not [f for f in check_plan(data) if f.rule == RULE]


def test_a_share_a_hair_over_the_limit_shows_the_digits_that_tell(run_rule: RunRule) -> None:
    # Review calc52 D3: 11.005 of 22 FTE on the phone are 11.005 ÷ 22 = 50.0227% of the
    # staff, over automated's 50%; the finding read "phone: 50% of all FTE staff a live
    # human channel (limit 50%)", a breach shown as the limit itself.
    found = [f for f in run_rule(RULE, automated("80% in 4h", 11.005)) if "all FTE" in f.message]
    assert [f.message for f in found] == [
        "phone: 50.02% of all FTE staff a live human channel (limit 50%)"
    ]
    assert run_rule(RULE, automated("80% in 4h", 11)) == []  # 11 ÷ 22 = 50% exactly: held
