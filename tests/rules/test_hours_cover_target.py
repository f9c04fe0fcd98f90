"""hours-cover-target: a response target in calendar time fits inside the channel's closed
hours."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rules.conftest import RunRule, check_plan, line_of, plan

RULE = "hours-cover-target"
WEEKDAYS = "Mon-Fri 09:00-18:00"
# Closed from Friday 18:00 to Monday 09:00: 6 h to midnight + 48 h of weekend + 9 h = 63 h
# (weeknights are 15 h). A mail sent as the desk closes on Friday waits all 63 h.
WEEKEND_GAP_H = 6 + 48 + 9


def desk(target: dict[str, str], hours: Any = WEEKDAYS, **fields: Any) -> dict[str, Any]:
    """BASE with an email desk beside the phone."""
    email = {
        "kind": "email",
        "hours": hours,
        "volume": "500/week",
        "handle_time": "6m",
        "target": target,
        "agents": 3,
        **fields,
    }
    return plan({"channels": {"email": email}, "staffing": {"agents": 25}})


def test_targets_in_business_time_or_on_a_desk_never_closed_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, desk({"first_response": "24h"}, hours="24x7")) == []
    assert run_rule(RULE, desk({"first_response": "8 business days"})) == []


@pytest.mark.parametrize("written", ["72h", "63h"])
def test_a_calendar_time_longer_than_the_closure_says_what_it_is_sized_as(
    run_rule: RunRule, written: str
) -> None:
    # Review calc26 C2: kept by the clock, but sized as that much open time, 72 / 9 = 8
    # business days of this desk's 9 h ones (it passed where 90% took 6 business days).
    # Sent Friday 09:00, an email has Friday's 9 open hours before the clock runs out 72 h
    # later (Monday 09:00). 63 h is the weekend's closure itself: sent at 17:59 on Friday,
    # an email has that minute, and the clock runs out at 08:59 on Monday. The promise to
    # write is what an email sent as the desk opens gets (review calc27 N5: "1 business
    # minute" is no promise): 9 open hours from Friday 09:00 either way.
    assert WEEKEND_GAP_H == 63
    (found,) = run_rule(RULE, desk({"first_response": written}))
    shown, days, sent, least, business = {
        "72h": ("3d", 8, "Fri 09:00", "9 h", "9 business hours"),
        "63h": ("2d15h", 7, "Fri 17:59", "1 min", "9 business hours"),
    }[written]
    assert found.message == (
        f"email: first response within {shown} is sized as {shown} of open time ({days} "
        f"business days of this channel's 9 h), but a contact sent {sent} has {least} of open "
        f"time within {shown}"
    )
    assert found.fix == (
        f"promise it in business time (`first_response: {business}` is what a contact sent "
        "as the channel opens gets), or staff the closed hours"
    )


def test_a_day_on_a_weekday_desk_is_broken_every_friday(run_rule: RunRule) -> None:
    data = desk({"first_response": "24h"})
    (found,) = run_rule(RULE, data)
    # Sized as 24 open hours: 24 h / 9 h a business day = 2.67, 2.7 business days; by the
    # clock, a mail sent as the desk opens (09:00) has that day's 9 open hours before 09:00
    # the next day (Friday's: 9 h before Saturday 09:00).
    assert found.message == (
        "email: first response within 1d cannot be kept for contacts sent as the channel "
        "closes: Fri 18:00 → Mon 09:00 is 63 h closed; staffing counts it as 1d of open time "
        "(2.7 business days of this channel's 9 h), where a contact sent as the channel opens "
        "has 9 h of open time within 1d"
    )
    assert found.path == "channels[email].target.first_response"
    assert found.line == line_of(data, "first_response:")
    assert found.fix == (
        "staff the gap (e.g. weekend cover), or promise it in business hours: "
        "`first_response: 1 business day`"
    )
    # One minute under the gap is already too short: 62 h 59 min < 63 h.
    assert len(run_rule(RULE, desk({"first_response": "62h59m"}))) == 1


def test_business_time_targets_count_open_hours_only(run_rule: RunRule) -> None:
    # The clock stops while the desk is closed, so no closure can break them.
    assert run_rule(RULE, desk({"first_response": "1 business day"})) == []
    assert run_rule(RULE, desk({"first_response": "8 business hours"})) == []
    assert run_rule(RULE, desk({"resolution": "2 business days"})) == []


def test_resolution_is_judged_like_a_first_response(run_rule: RunRule) -> None:
    data = desk({"first_response": "8 business hours", "resolution": "48h"})
    (found,) = run_rule(RULE, data)  # 48 h < 63 h
    # 48 h / 9 h = 5.33, 5.3 business days; sent as the desk opens on Friday, 09:00 to Sunday
    # 09:00 holds Friday's 9 open hours only (Monday's opening has 18 h: Monday and Tuesday).
    assert found.message == (
        "email: resolution within 2d cannot be kept for contacts sent as the channel closes: "
        "Fri 18:00 → Mon 09:00 is 63 h closed; staffing counts it as 2d of open time (5.3 "
        "business days of this channel's 9 h), where a contact sent as the channel opens has "
        "9 h of open time within 2d"
    )
    assert found.path == "channels[email].target.resolution"
    assert found.fix.endswith("`resolution: 2 business days`")
    both = run_rule(RULE, desk({"first_response": "24h", "resolution": "48h"}))
    assert [f.path.rsplit(".", 1)[1] for f in both] == ["first_response", "resolution"]


@pytest.mark.parametrize(
    ("calendar", "business"),
    [
        ("4h", "4 business hours"),
        ("90m", "1.5 business hours"),
        ("30m", "30 business minutes"),
        ("62h59m", "62.98 business hours"),  # 62 h 59 min, to the hundredth of an hour
        ("1h", "1 business hour"),  # one, not "1 business hours" (review calc41 L1)
        ("1m", "1 business minute"),
    ],
)
def test_the_fix_writes_the_same_time_in_business_time(
    run_rule: RunRule, calendar: str, business: str
) -> None:
    (found,) = run_rule(RULE, desk({"first_response": calendar}))
    assert found.fix.endswith(f"`first_response: {business}`")


def test_the_longest_closure_decides_with_weekend_hours(run_rule: RunRule) -> None:
    # Weeknights 20:00 → 08:00 are 12 h; Saturday 16:00 → Monday 08:00 is 8 + 24 + 8 = 40 h.
    hours = ["Mon-Fri 08:00-20:00", "Sat 10:00-16:00"]
    (kept,) = run_rule(RULE, desk({"first_response": "40h"}, hours=hours))  # by the clock
    assert "is sized as 1d16h of open time" in kept.message  # the closure alone, 15:59 on
    assert kept.message.endswith("a contact sent Sat 15:59 has 1 min of open time within 1d16h")
    (found,) = run_rule(RULE, desk({"first_response": "36h"}, hours=hours))
    # 66 open hours over 6 open days are 11 h a business day: 36 h / 11 h = 3.27, 3.3; sent
    # as Saturday opens (10:00), 36 h by the clock (to Sunday 22:00) hold Saturday's 6 h.
    assert found.message.endswith(
        "Sat 16:00 → Mon 08:00 is 40 h closed; staffing counts it as 1d12h of open time (3.3 "
        "business days of this channel's 11 h), where a contact sent as the channel opens has "
        "6 h of open time within 1d12h"
    )
    assert found.fix.endswith("`first_response: 36 business hours`")


def test_a_closure_in_half_hours_is_shown_exactly(run_rule: RunRule) -> None:
    # Friday 17:00 → Monday 09:30: 7 + 48 + 9.5 = 64.5 h.
    (found,) = run_rule(RULE, desk({"first_response": "24h"}, hours="Mon-Fri 09:30-17:00"))
    # 24 h / 7.5 h = 3.2 business days; sent at 09:30, 7.5 open hours before 09:30 next day.
    assert found.message.endswith(
        "Fri 17:00 → Mon 09:30 is 64.5 h closed; staffing counts it as 1d of open time (3.2 "
        "business days of this channel's 7.5 h), where a contact sent as the channel opens has "
        "7 h 30 min of open time within 1d"
    )


def test_only_contacts_that_arrive_while_closed_are_judged(run_rule: RunRule) -> None:
    # Messages are left while the channel is closed, as mail is.
    assert len(run_rule(RULE, desk({"first_response": "24h"}, kind="messaging"))) == 1
    # A call or a chat cannot be started while the line is closed; bots answer at once.
    assert run_rule(RULE, desk({"first_response": "24h"}, kind="chat")) == []
    assert run_rule(RULE, desk({"first_response": "24h"}, kind="voice")) == []
    assert run_rule(RULE, desk({"first_response": "24h"}, staffed_by="bots", agents=0)) == []


def test_a_calendar_service_level_on_written_work_is_judged_too(run_rule: RunRule) -> None:
    # Only the weekend gap (63 h) is longer than 24 h; mail sent in its first 63 − 24 = 39 h
    # (Fri 18:00 → Sun 09:00) is first seen over 24 h later: 39 of the week's 168 h, 23.2%
    # if mail arrives evenly. 90% in 24 h allows 10% to miss: broken; 75% allows 25%: kept.
    assert round(39 / 168 * 100, 1) == 23.2
    found = run_rule(RULE, desk({"service_level": "90% in 24h"}))
    assert [f.path for f in found] == ["channels[email].target.service_level"]
    assert found[0].message == (
        "email: 90% in 1d cannot be kept: a contact sent more than 1d before the channel opens "
        "misses it, and that is 23.2% of the week's contacts if they arrive evenly round the "
        "clock (at most 10% may miss it; Fri 18:00 → Mon 09:00 is 63 h closed)"
    )
    assert run_rule(RULE, desk({"service_level": "75% in 24h"})) == []


def test_a_miss_a_hair_over_the_share_shows_the_digits_that_tell(run_rule: RunRule) -> None:
    # Review calc52 D4. Open all week but Sat 14:21 → Mon 00:00, 33 h 39 min = 2,019 min
    # closed; with 80% in 1m, mail sent in the first 2,019 − 1 = 2,018 min misses it:
    # 2,018 ÷ 10,080 = 20.0198% of the week, over the 20% allowed. It read "that is 20% of the
    # week's contacts (at most 20% may miss it)", a breach shown as the limit.
    assert round(2018 / 10080 * 100, 4) == 20.0198
    hours = ["Mon-Fri 00:00-24:00", "Sat 00:00-14:21"]
    (found,) = run_rule(RULE, desk({"service_level": "80% in 1m"}, hours=hours))
    assert "and that is 20.02% of the week's contacts" in found.message
    assert "(at most 20% may miss it; Sat 14:21 → Mon 00:00 is 33 h 39 min closed)" in found.message


def test_it_is_a_warning_in_every_strategy() -> None:
    data = desk({"first_response": "24h"})
    for strategy in (None, "automated"):
        assert [f.severity for f in check_plan(data, strategy) if f.rule == RULE] == ["warning"]


def test_an_average_answer_on_a_desk_that_closes_is_said_to_be_open_time(
    run_rule: RunRule,
) -> None:
    # Review calc41 F8: "ASA 2h" on a weekday inbox was kept at 1h40m of open time, about
    # 6.6 h by the clock for mail sent while it was closed, and nothing said so.
    (found,) = run_rule(RULE, desk({"asa": "2h"}))
    assert found.message == (
        "email: an average speed of answer of 2h is judged in open time, but contacts sent while "
        f"the channel is closed wait the closed hours too: Fri 18:00 → Mon 09:00 is "
        f"{WEEKEND_GAP_H} h closed"
    )
    assert found.path == "channels[email].target.asa"
    assert found.fix.startswith("promise a first response in business time (`first_response: 2")
    assert run_rule(RULE, desk({"asa": "2h"}, hours="24x7")) == []


def test_a_calendar_time_a_day_holds_by_the_clock_adds_no_sizing_note(run_rule: RunRule) -> None:
    # Review calc53: 4 h on Mon-Fri 09:00-18:00 is sized as 4 open hours, and a mail sent as
    # the desk opens has 4 open hours in 4 h by the clock too (09:00-13:00): nothing more to
    # say than the Friday closure. 10 h is past a 9 h day: sent at 09:00, 9 open hours.
    (found,) = run_rule(RULE, desk({"first_response": "4h"}))
    assert found.message.endswith("Fri 18:00 → Mon 09:00 is 63 h closed")
    (found,) = run_rule(RULE, desk({"first_response": "10h"}))
    assert found.message.endswith(
        "; staffing counts it as 10h of open time (1.1 business days of this channel's 9 h), "
        "where a contact sent as the channel opens has 9 h of open time within 10h"
    )


def test_an_open_day_of_no_whole_minute_is_said_as_it_is(run_rule: RunRule) -> None:
    # calc56: open Mon-Fri 08:00-18:00 and Sat-Sun 10:00-14:00, 58 h over 7 days, an average
    # open day of 8.2857 h (8 h 17 min 8.6 s): it read "this channel's 8.28333 h", the day
    # cut to 497 whole minutes. 24 h ÷ 8.2857 = 2.9 business days, said beside 8.29 h.
    hours = ["Mon-Fri 08:00-18:00", "Sat-Sun 10:00-14:00"]
    (found,) = run_rule(RULE, desk({"first_response": "24h"}, hours=hours))
    assert "(2.9 business days of this channel's 8.29 h)" in found.message
    assert "8.28333" not in found.message


def test_a_time_in_minutes_and_seconds_is_counted_to_the_second(run_rule: RunRule) -> None:
    # calc59: 14m30s on Mon–Fri 09:00–18:00. A mail sent as the desk opens (09:00) has all
    # 14m30s of open time before its clock runs out, so only the weekend closure is said.
    # The wait was floored to 14 whole minutes, and the finding added "staffing counts it as
    # 14m30s of open time (0 business days …), where a contact sent as the channel opens
    # has 14 min of open time within 14m30s", a shortfall that is not there.
    (found,) = run_rule(RULE, desk({"first_response": "14m30s"}))
    assert found.message == (
        "email: first response within 14m30s cannot be kept for contacts sent as the channel "
        f"closes: Fri 18:00 → Mon 09:00 is {WEEKEND_GAP_H} h closed"
    )


def test_a_short_opening_span_tells_its_seconds_and_its_share_of_a_day(run_rule: RunRule) -> None:
    # calc59: the desk opens 09:00–09:05 and again 13:00–21:00, 485 minutes a day. A mail sent
    # at 09:00 has the 5 open minutes before 09:14:30 and no more; 14m30s is 14.5 / 485 =
    # 0.0299 business days, which read "0 business days"; the day of 485 minutes is "8 h 5
    # min" (it read "8.08333 h").
    hours = ["Mon-Fri 09:00-09:05", "Mon-Fri 13:00-21:00"]
    (found,) = run_rule(RULE, desk({"first_response": "14m30s"}, hours=hours))
    assert found.message.endswith(
        "; staffing counts it as 14m30s of open time (0.03 business days of this channel's "
        "8 h 5 min), where a contact sent as the channel opens has 5 min of open time within "
        "14m30s"
    ), found.message
    # 4h0m30s: sent at 09:00 a mail has 09:00–09:05 and 13:00:00–13:00:30, 5 min 30 s (the
    # wait floored to 4 h ran out at 13:00 and gave 5 min); sent at 13:00 it has it all.
    (part,) = run_rule(RULE, desk({"first_response": "4h0m30s"}, hours=hours))
    assert part.message.endswith(
        "where a contact sent as the channel opens has 5 min 30 s of open time within 4h30s"
    ), part.message


def test_one_business_day_is_one_day(run_rule: RunRule) -> None:
    # calc59: 12h on a desk open 08:00–20:00 every day is one business day of its 12 h, where
    # the finding read "(1 business days of this channel's 12 h)".
    (found,) = run_rule(RULE, desk({"first_response": "12h"}, hours="Mon-Sun 08:00-20:00"))
    assert "is sized as 12h of open time (1 business day of this channel's 12 h)" in found.message
