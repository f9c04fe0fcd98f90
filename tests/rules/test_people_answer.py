"""people-answer: under a strategy of people, a promised answer comes from a person, and
customers can reach one live."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "people-answer"
FAST = {"service_level": "80% in 20s"}
EMAIL = {
    "kind": "email",
    "hours": "24x7",
    "volume": "500/week",
    "handle_time": "6m",
    "target": {"first_response": "4h"},
    "agents": 3,
}
"""An e-mail line people answer: 500 contacts a week."""


def test_a_plan_people_answer_holds(run_rule: RunRule) -> None:
    # BASE: a staffed phone line, and a help centre that promises nothing.
    assert run_rule(RULE, plan()) == []


def test_a_promise_bots_keep_fails_at_the_channel(run_rule: RunRule) -> None:
    # Review attack31 A5: the delight phone line handed to bots kept its promise on paper,
    # dropped its staff and budget, and held every rule. Beside it a person answers chat,
    # so only the promise is judged.
    chat = {"kind": "chat", "hours": "24x7", "volume": "100/week", "handle_time": "5m"}
    data = plan(
        {
            "channels": {
                "phone": {"staffed_by": "bots", "agents": REMOVE},
                "chat": {**chat, "target": FAST, "agents": 5},
            }
        }
    )
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "phone: promises 80% in 20s, but bots answer it; under this strategy a promised answer "
        "comes from a person"
    )
    assert found.path == "channels[phone].staffed_by"
    assert found.line == line_of(data, "staffed_by:")
    assert found.fix == (
        "write `staffed_by: humans` (or `mixed`) on phone and staff it, or declare a strategy "
        "that promises less"
    )


def test_a_promise_on_self_service_fails_at_its_kind(run_rule: RunRule) -> None:
    help_centre = {"help-centre": {"target": {"first_response": "5d", "asa": "30s"}}}
    (found,) = run_rule(RULE, plan({"channels": help_centre}))
    assert found.message == (
        "help-centre: promises an average answer in 30s, a first response within 5d, but it "
        "is self-service, which no person answers; under this strategy a promised answer "
        "comes from a person"
    )
    assert found.path == "channels[help-centre].kind"


def test_live_channels_bots_alone_answer_fail(run_rule: RunRule) -> None:
    # Review attack33 F1, attack34 A3: the line handed to bots with its target dropped left
    # customers no person to reach live, and nothing failed.
    data = plan({"channels": {"phone": {"staffed_by": "bots", "target": REMOVE, "agents": REMOVE}}})
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "no channel here is answered by people (phone: bots answer it): customers cannot "
        "reach a person, and under this strategy they do"
    )
    assert found.path == "channels[phone].staffed_by"
    # A channel people answer in part (`mixed`) is people answering.
    mixed = plan({"channels": {"phone": {"staffed_by": "mixed"}}})
    assert run_rule(RULE, mixed) == []


def test_a_plan_without_live_channels_is_judged_by_its_promises(run_rule: RunRule) -> None:
    # Review attack34 C1: email split into a plan of its own failed for want of a phone
    # line its organisation keeps in another plan. Whether a line people answered is gone
    # is for review to say (tests/security/test_policy.py).
    assert run_rule(RULE, plan({"channels": {"phone": REMOVE, "email": EMAIL}})) == []


def test_a_bot_that_promises_nothing_beside_people_is_not_judged(run_rule: RunRule) -> None:
    assistant = {"kind": "chat", "staffed_by": "bots", "volume": "900/week", "handle_time": "2m"}
    assert run_rule(RULE, plan({"channels": {"assistant": assistant}})) == []
    # Review r35 F11: email alone holds, and so does email beside an assistant that
    # takes fewer of the contacts than the people do (300 of 800 a week).
    alone = plan({"channels": {"phone": REMOVE, "email": EMAIL}})
    assert run_rule(RULE, alone) == []
    small = {**assistant, "volume": "300/week"}
    beside = plan({"channels": {"phone": REMOVE, "email": EMAIL, "assistant": small}})
    assert run_rule(RULE, beside) == []
    # Review attack36 M3, H4: a token line people answer beside a bot that takes the calls
    # left customers mostly no person: 900 of the 1,400 contacts a week go to the bot.
    most = plan({"channels": {"phone": REMOVE, "email": EMAIL, "assistant": assistant}})
    (found,) = run_rule(RULE, most)
    assert found.message == (
        "bots alone answer most of the contacts here (assistant: 900 of 1,400 a week): "
        "customers mostly cannot reach a person, and under this strategy they do"
    )
    assert found.path == "channels[assistant].staffed_by"
    # With nobody answering email either, customers reach no person at all.
    bots = {"kind": "email", "staffed_by": "bots", "volume": "500/week", "handle_time": "6m"}
    nobody = plan({"channels": {"phone": REMOVE, "email": bots, "assistant": assistant}})
    (found,) = run_rule(RULE, nobody)
    assert found.message.startswith("no channel here is answered by people (assistant: bots")


def test_a_phone_line_only_bots_answer_fails_beside_any_number_of_emails(run_rule: RunRule) -> None:
    # Review attack38 B12: a new region's phone on bots (9,000 calls a month) beside
    # 10,000 e-mails a month at half a minute each passed: the e-mails outnumbered the calls.
    calls = {"staffed_by": "bots", "target": REMOVE, "agents": REMOVE, "volume": "9000/month"}
    mail = {**EMAIL, "volume": "10000/month", "handle_time": "30s"}
    data = plan({"channels": {"phone": calls, "email": mail}})
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "phone: callers reach only bots, and no phone line here is answered by people; under "
        "this strategy a caller can reach a person"
    )
    assert found.path == "channels[phone].staffed_by"
    # Beside a phone line people answer, a voice assistant taking fewer contacts passes.
    desk = {"kind": "voice", "staffed_by": "bots", "volume": "100/week", "hours": "24x7"}
    assert run_rule(RULE, plan({"channels": {"desk": desk}})) == []
    # Review attack40 A09: a token phone line people answer (20 a week) beside the one bots
    # take the calls on (900 a week) leaves callers mostly no person: calls against calls.
    bots = {"kind": "voice", "staffed_by": "bots", "volume": "900/week", "hours": "24x7"}
    token = {"volume": "20/week", "agents": 1}
    (found,) = run_rule(RULE, plan({"channels": {"phone": token, "desk": bots}}))
    assert found.message == (
        "bots alone answer most of the calls here (desk: 900 of 920 a week): callers mostly "
        "cannot reach a person, and under this strategy they do"
    )


def test_the_strategies_of_people_fail_it_as_errors_and_the_others_do_not_judge_it() -> None:
    bots = plan({"channels": {"phone": {"staffed_by": "bots", "agents": REMOVE}}})
    for strategy in ("delight", "genius", "extraordinary-trust"):
        # Review attack33 F2: under extraordinary trust the bots route was a warning.
        severities = {f.severity for f in check_plan(bots, strategy) if f.rule == RULE}
        assert severities == {"error"}, strategy
    for strategy in ("automated", "fast-food", "cost-race"):
        assert not [f for f in check_plan(bots, strategy) if f.rule == RULE], strategy


def test_a_bot_line_of_unknown_volume_beside_people_cannot_be_weighed(run_rule: RunRule) -> None:
    # Review attack37 A5: a bot phone line stating no volume took no contacts, so it passed
    # beside a one-e-mail-a-month line people answer.
    assistant = {"kind": "voice", "staffed_by": "bots", "hours": "24x7"}
    (found,) = run_rule(RULE, plan({"channels": {"assistant": assistant}}))
    assert found.message == (
        "cannot be checked: assistant, which bots answer, states no volume: how many of the "
        "contacts they take beside the people is not known"
    )
    assert found.severity == "error" and found.path == "channels[assistant]"
