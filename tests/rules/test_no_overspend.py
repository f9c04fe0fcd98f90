"""no-overspend: no more staff (or cost) than the strategy's promise calls for."""

from __future__ import annotations

import json
from typing import Any

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "no-overspend"
# Required: 3 positions on the 1-Erlang phone line × 6.957 FTE a 24x7 position = 20.87 FTE.


def staffed(agents: float) -> dict[str, object]:
    return plan({"channels": {"phone": {"agents": agents}}, "staffing": {"agents": agents}})


def test_staff_within_a_quarter_of_the_need_holds(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # 22 ÷ 20.87 = 5.4% above
    assert run_rule(RULE, staffed(26)) == []  # 24.6% above


def test_staff_well_beyond_the_need_fails(run_rule: RunRule) -> None:
    data = staffed(30)
    (found,) = run_rule(RULE, data)
    # 20.871 × 1.25 = 26.089 FTE at most, shown rounded down (a planned figure: 26.1 would be
    # over the limit). The need is shown as every output gives it, up to the tenth `fix`
    # writes (20.8714 is 20.9; it was cut to 20.871, review calc44 K07, then 20.88 beside the
    # text's 20.9, review fix50f), and the share is of that figure: 30 ÷ 20.9 − 1 = 43.54%,
    # "43.5%" (the exact 30 ÷ 20.871 − 1 = 43.7% was a figure the message gave no need for,
    # review calc52 D1).
    assert found.message == (
        "plan has 30 FTE where the targets and the occupancy ceiling need 20.9 "
        "(the targets' whole headcounts on shift all the time, or, where more, the exact staff "
        "that hold the ceiling): 43.5% more "
        "than the strategy calls for (limit 25%)"
    )
    assert found.fix == "plan about 26 FTE, or declare a strategy that promises more"
    assert found.path == "staffing.agents"
    assert found.line == line_of(data, "staffing:") + 1 and found.severity == "warning"


def test_the_surplus_and_a_cost_ceiling_are_options(run_rule: RunRule) -> None:
    assert run_rule(RULE, staffed(30), max_surplus=0.5) == []
    (found,) = run_rule(RULE, plan(), max_cost_per_contact=10)
    # 1,490,000 USD ÷ 87,660 contacts = 17.00 USD a contact.
    assert found.message == "cost per contact is 17 USD; this strategy expects at most 10 USD"
    assert found.path == "budget.total"


def test_fast_food_makes_it_an_error_at_a_lower_limit() -> None:
    # The staff alone: BASE's goodwill line is above fast-food's 1% (tested below).
    found = [
        f
        for f in check_plan(staffed(25), "fast-food")
        if (f.rule, f.path) == (RULE, "staffing.agents")
    ]
    # 25 ÷ 20.871 − 1 = 19.8%: within delight's silence, over fast-food's 15%; shown as a
    # share of the need the message names, 25 ÷ 20.9 − 1 = 19.6% (review calc52 D1).
    assert [f.severity for f in found] == ["error"]
    assert "19.6% more" in found[0].message and "(limit 15%)" in found[0].message
    assert not [f for f in check_plan(staffed(25)) if f.rule == RULE]  # delight: no limit


def test_a_surplus_a_hair_over_the_limit_shows_the_digits_that_tell(run_rule: RunRule) -> None:
    # The need is 3 positions × 8,766 ÷ 1,260 = 20.8714286 FTE; a quarter more is 26.0892857.
    # 26.09 are 25.0034% over it; 26.089 are 24.9996%, under. Shown as "need 20.9: 25% more
    # (limit 25%)" it read as no breach, and 26.09 ÷ 20.9 is 24.8% (review calc23 M3).
    need = 3 * 8766 / 1260
    assert round(26.09 / need - 1, 7) == 0.2500342 and 26.089 / need - 1 < 0.25
    assert run_rule(RULE, staffed(26.089)) == []
    (found,) = run_rule(RULE, staffed(26.09))
    assert found.message == (
        "plan has 26.09 FTE where the targets and the occupancy ceiling need 20.9 "
        "(20.871428 to the millionth below: the targets' whole headcounts on shift all the "
        "time, or, where more, the exact staff that hold the ceiling): 25.003% "
        "more than the strategy calls for (limit 25%)"
    )
    # 26.09 ÷ 20.88 − 1 = 24.95% would hide the breach: the exact need beside it shows it.
    assert 26.09 / 20.88 - 1 < 0.25 and 26.09 / 20.871428 - 1 > 0.25


def email_team(within: str) -> dict[str, object]:
    """Review calc36 s29: 9.2 FTE on 40 emails an hour × 6 min, answered within ``within``."""
    email = {
        "kind": "email",
        "hours": "Mon-Fri 09:00-17:00",
        "volume": "40/hour",
        "handle_time": "6m",
        "target": {"first_response": within},
        "agents": 9.2,
    }
    return plan({"channels": {"phone": REMOVE, "email": email}, "staffing": {"agents": 9.2}})


def test_an_inbox_surplus_does_not_turn_at_an_hour(run_rule: RunRule) -> None:
    # Review calc36 F6. Load 40 × 6 min = 4.0 Erlang; 1,800 h × 70% × 7/365.25 = 24.148
    # productive h a week per FTE over 40 open hours: 1.6565 FTE a position. 7.0 FTE (4.2259
    # on shift) keep 90% within 1 h and within 1h1s alike; the 85% ceiling needs 4 ÷ 0.85 =
    # 4.7059 positions = 7.795 FTE (7.8 up to the hundredth), more than the targets: 9.2 ÷
    # 7.795 = 18% more. Up to an
    # hour the need was 5 whole people (8.28 FTE: no finding), past it 7.795 (a finding).
    # 7.795 is the ceiling's exact 4.7059 on shift, not whole headcounts (5 would be 8.28):
    # the message says which (review calc42 F7: "with whole headcounts" beside it). The share
    # is of the 7.8 it names: 9.2 ÷ 7.8 − 1 = 17.95%, "17.9%" (review calc52 D1). Email is
    # named as an inbox, whose need is less than whole headcounts (review calc60), up to an
    # hour, where its whole headcounts would be 5 people; past it a target is a workload's.
    inbox = (
        ", or for email, whose messages wait for the next person free, the part of a person on "
        "shift that keeps its time;"
    )
    for within in ("59m", "1h", "1h1s"):
        (found,) = run_rule(RULE, email_team(within), max_surplus=0.15)
        assert found.message == (
            "plan has 9.2 FTE where the targets and the occupancy ceiling need 7.8 "
            "(the targets' whole headcounts on shift all the time"
            + (inbox if within != "1h1s" else ",")
            + " or, where more, the exact staff that hold the ceiling): 17.9% more "
            "than the strategy calls for (limit 15%)"
        ), within


def test_a_goodwill_line_above_its_share_fails() -> None:
    # Review attack39 F16: fast food gives standard remedies (004), yet a goodwill pot of any
    # size passed. BASE: goodwill 20,000 of 1,490,000 = 1.342%, above fast-food's 1%.
    found = [f for f in check_plan(plan(), "fast-food") if f.rule == RULE]
    assert [f.severity for f in found] == ["error"]
    assert found[0].message == (
        "goodwill is 20,000 USD (1.3% of the budget); this strategy gives standard remedies and "
        "expects at most 1% (14,900 USD of this total)"
    )
    assert found[0].path == "budget.lines.goodwill"
    # At most 1% × 1,490,000 = 14,900 moved elsewhere; or, cut from the total too,
    # g ≤ 1% × (1,490,000 − 20,000) ÷ 99% = 14,848.4848… → 14,848.48, and
    # 14,848.48 ÷ (1,470,000 + 14,848.48) = 0.99999997%.
    assert found[0].fix == (
        "lower budget.lines.goodwill to at most 14900, moving the money to another line, or to "
        "14848.48 with the total lowered by as much; or declare a strategy that promises more"
    )


def test_the_goodwill_share_is_an_option(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # no ceiling unless a strategy sets one
    assert run_rule(RULE, plan(), max_goodwill_share=0.02) == []  # 1.342% ≤ 2%
    at_most = plan({"budget": {"lines": {"goodwill": 14900, "people": 1325100}}})
    assert run_rule(RULE, at_most, max_goodwill_share=0.01) == []  # exactly 1%: held
    (found,) = run_rule(RULE, plan({"budget": REMOVE}), max_goodwill_share=0.01)
    assert found.message == (
        "the goodwill line (at most 1% of the budget) cannot be checked: the plan states no budget"
    )


def test_the_metrics_catalogue_says_the_ceiling_need_is_exact_staff() -> None:
    # Review calc42 F7: required_fte_at_ceiling read "with whole headcounts on shift all the
    # time", where its ceiling part is exact: 400 e-mails × 6 min in the 09:00 hour are 40
    # Erlangs, held at 85% by 40 ÷ 0.85 = 47.059 on shift (not 48), × 5 h a week ÷ 28
    # productive h = 8.403 FTE.
    from cs_align.catalogue import all_metrics

    meaning = {d.name: d.meaning for d in all_metrics()}
    for name in ("required_fte_at_ceiling", "channel_required_fte_at_ceiling"):
        assert "the exact staff that hold the ceiling (not whole headcounts)" in meaning[name]
        assert not meaning[name].endswith("with whole headcounts on shift all the time")


def test_the_surplus_is_a_share_of_the_need_the_message_names(invoke: Any) -> None:
    # Review calc52 D1. examples/fast-food-misaligned: phone 3.4497 Erlangs needs 6 whole
    # positions (Erlang A, abandonment binds) × 3,130.7 open h ÷ 1,224 productive h =
    # 15.3466 FTE, shown 15.4; email 1.5332 Erlangs ÷ 85% = 1.8038 positions × 2,608.9 ÷
    # 1,224 = 3.8447, shown 3.9: need 19.3 as shown (19.1913 exact). 33.1 ÷ 19.3 − 1 =
    # 71.50%. The message said "need 19.3 … 72.5% more", the share of the exact 19.1913
    # it did not give: a planner dividing the figures in front of them got 71.5%.
    result = invoke("check", "examples/fast-food-misaligned.yaml", "-f", "json")
    (report,) = json.loads(result.out)["plans"]
    (message,) = [f["message"] for f in report["findings"] if f["rule"] == RULE]
    assert "need 19.3 (the targets'" in message
    assert "71.5% more than the strategy calls for (limit 15%)" in message
    assert result.code == 1


def test_an_inbox_answered_within_the_hour_is_named_beside_the_need() -> None:
    # Casebook 6's social inbox at 10 FTE under fast-food (limit 15%): social's need is its
    # ceiling, 168 h of work a week ÷ 80% ÷ (40 × 0.75 = 30 h an FTE) = 7.0 FTE; messaging,
    # 1,500 chats × 4 min ÷ 3 at a time over 50 open hours = 0.667 Erlangs per seat-triple,
    # needs the least part of a person that answers 90% in 2 min, 2.282 FTE (2.3 up), where
    # its whole headcounts (2 on shift all week, 50 h ÷ 30) are 3.4. 7.0 + 2.3 = 9.3: the
    # message said "need 9.3 (the targets' whole headcounts …)", a reader's 7.0 + 3.4 = 10.4
    # (review calc60); it names messaging as the line whose need is part of a person.
    from tests.test_casebook import judged, said
    from tests.test_casebook_calc60 import social

    report, m = judged(social("10").replace("strategy: universal", "strategy: fast-food"))
    assert m["messaging"].required_fte_at_ceiling < m["messaging"].required_fte
    assert said(report, RULE) == (
        "plan has 12.3 FTE where the targets and the occupancy ceiling need 9.3 (the targets' "
        "whole headcounts on shift all the time, or for messaging, whose messages wait for the "
        "next person free, the part of a person on shift that keeps its time; or, where more, "
        "the exact staff that hold the ceiling): 32.3% more than the strategy calls for "
        "(limit 15%)"
    )
