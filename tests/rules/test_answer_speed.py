"""answer-speed: every staffed channel promises an answer at least as fast as the strategy's
floor."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align.rules.answer_speed import _longest_wait
from cs_align.schedule import Schedule, parse_hours
from cs_align.units import WEEK_MINUTES
from tests.conftest import examples
from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "answer-speed"
DELIGHT = {"live": "80% in 20s", "written": "90% in 4h"}
"""Delight's floors (strategies/delight.yaml)."""


def phone(target: object, **fields: Any) -> dict[str, Any]:
    return plan({"channels": {"phone": {"target": target, **fields}}})


def written(target: dict[str, Any], hours: str = "24x7", kind: str = "email") -> dict[str, Any]:
    """BASE with a written channel beside the phone."""
    channel = {
        "kind": kind,
        "hours": hours,
        "volume": "500/week",
        "handle_time": "6m",
        "target": target,
        "agents": 3,
    }
    return plan({"channels": {"email": channel}, "staffing": {"agents": 25}})


def test_without_floors_there_is_nothing_to_meet(run_rule: RunRule) -> None:
    assert run_rule(RULE, phone({"service_level": "50% in 10m"})) == []
    assert run_rule(RULE, written({"first_response": "5d"})) == []


def test_promises_at_or_above_the_live_floor_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan(), **DELIGHT) == []  # 80% in 20s: exactly the floor
    assert run_rule(RULE, phone({"service_level": "90% in 15s"}), **DELIGHT) == []


def test_a_slow_live_promise_fails(run_rule: RunRule) -> None:
    data = phone({"service_level": "50% in 10m"})
    (found,) = run_rule(RULE, data, **DELIGHT)
    assert found.message == (
        "phone: promises 50% in 10m; this strategy needs at least 80% in 20s (fewer and later: "
        "50% answered, not 80%, within 10m, not 20s)"
    )
    assert found.path == "channels[phone].target.service_level"
    assert found.line == line_of(data, "service_level:")
    assert found.fix == (
        "promise at least 80% in 20s on phone and staff for it, or declare a strategy that "
        "promises less"
    )


def test_both_the_share_and_the_time_must_meet_the_floor(run_rule: RunRule) -> None:
    # 90% in 30 s answers more, but later than 20 s; 70% in 10 s is sooner, but fewer. The
    # message says which count falls short (review calc53 W8: "promises 85% in 30s; this
    # strategy needs at least 80% in 20s" read as a false alarm, 85 being at least 80).
    told = {
        "90% in 30s": "(later: within 30s, not 20s; more answered later does not keep it)",
        "80% in 30s": "(later: within 30s, not 20s)",
        "70% in 10s": "(fewer: 70% answered, not 80%)",
        "70% in 30s": "(fewer and later: 70% answered, not 80%, within 30s, not 20s)",
    }
    for level, why in told.items():
        (found,) = run_rule(RULE, phone({"service_level": level}), live="80% in 20s")
        assert found.message == (
            f"phone: promises {level}; this strategy needs at least 80% in 20s {why}"
        )


def test_a_promise_as_strict_on_every_count_never_fails(run_rule: RunRule) -> None:
    # By the figures, not the text: 80% within a quarter of a minute is 80% in 15s, 90% in
    # 15s is stricter on both counts, 80/20 is the floor written the other way.
    for level in ("80% in 0.25m", "90% in 15s", "80/20", "90/20", "99% in 1s"):
        assert run_rule(RULE, phone({"service_level": level}), live="80% in 20s") == []


def test_an_average_speed_alone_promises_no_share(run_rule: RunRule) -> None:
    data = phone({"service_level": REMOVE, "asa": "20s"})
    (found,) = run_rule(RULE, data, **DELIGHT)
    assert found.message == (
        "phone: promises no share answered within a time; this strategy needs at least 80% in 20s"
    )
    assert found.path == "channels[phone].target" and found.line == line_of(data, "target:")
    assert found.fix == 'add `service_level: "80% in 20s"` to phone\'s target'


def test_a_first_response_counts_as_nine_in_ten_within_it(run_rule: RunRule) -> None:
    assert run_rule(RULE, written({"first_response": "4h"}), **DELIGHT) == []  # 90% in 4h
    assert run_rule(RULE, written({"service_level": "90% in 1h"}), **DELIGHT) == []
    data = written({"first_response": "5d"})
    (found,) = run_rule(RULE, data, **DELIGHT)
    assert found.message == (
        "email: promises a first response within 5d; this strategy needs at least 90% in 4h "
        "(later: within 5d, not 4h)"
    )
    assert found.path == "channels[email].target.first_response"
    assert found.line == line_of(data, "first_response:")
    # A second over the floor is over it.
    assert len(run_rule(RULE, written({"first_response": "4h1s"}), **DELIGHT)) == 1
    (share,) = run_rule(RULE, written({"service_level": "80% in 1h"}), **DELIGHT)
    assert share.message == (
        "email: promises 80% in 1h; this strategy needs at least 90% in 4h (fewer: 80% answered, "
        "not 90%)"
    )


def test_business_time_counts_the_open_hours_of_a_day(run_rule: RunRule) -> None:
    # Mon–Fri 09:00–18:00: a business day is 9 open hours, more than 4.
    slow = written({"first_response": "1 business day"}, hours="Mon-Fri 09:00-18:00")
    (found,) = run_rule(RULE, slow, **DELIGHT)
    assert found.message == (
        "email: promises a first response within 1 business day; this strategy needs at least "
        "90% in 4h (later: within 9h of open time, not 4h)"
    )
    # 48 business hours on the 9-hour desk: 48 open hours, five weekdays and more, not the
    # clock's "2d".
    two = written({"first_response": "48 business hours"}, hours="Mon-Fri 09:00-18:00")
    (found,) = run_rule(RULE, two, **DELIGHT)
    assert found.message.endswith("(later: within 48h of open time, not 4h)"), found.message
    # On a desk that never closes, 4 business hours are 4 hours.
    assert run_rule(RULE, written({"first_response": "4 business hours"}), **DELIGHT) == []


def test_business_time_is_judged_by_the_clock_against_a_working_week(run_rule: RunRule) -> None:
    # Review attack41 B01: "4 business hours" kept while the inbox opens an hour a weekday.
    # The floor's 4 h kept in business time on Mon–Fri 09:00–17:00: sent Friday 16:59, the
    # answer is due Monday 12:59, 68 h later. On Mon–Fri 08:00–09:00, 4 open hours are four
    # openings: sent Tuesday 08:01, the answer is due Monday 08:01, 144 h (six days) later.
    data = written({"first_response": "4 business hours"}, hours="Mon-Fri 08:00-09:00")
    (found,) = run_rule(RULE, data, **DELIGHT)
    assert found.message == (
        "email: a first response within 4 business hours on Mon-Fri 08:00-09:00 is up to 144 h "
        "by the clock (a contact sent Tue 08:01); this strategy needs at least 90% in 4h, which "
        "Mon-Fri 09:00-17:00 keeps in business time within 68 h (a tenth more is room for a "
        "shorter day)"
    )
    assert found.path == "channels[email].target.first_response"
    assert found.fix == (
        "open email longer, or promise a first response in calendar time (`first_response: "
        "4h`) and staff for it"
    )
    # On a 3-hour day 4 business hours span two openings: sent Thursday 10:01, answered
    # Monday 08:01, 94 h.
    short = written({"first_response": "4 business hours"}, hours="Mon-Fri 08:00-11:00")
    assert "is up to 94 h by the clock" in run_rule(RULE, short, **DELIGHT)[0].message
    # Genius's 10 minutes (Friday 16:59 → Monday 09:09, 64 h 10 min; a tenth more is 70.6 h):
    # "1 business day" on an inbox open ten minutes a weekday, Friday 09:09 → Monday 09:09.
    tiny = written({"first_response": "1 business day"}, hours="Mon-Fri 09:00-09:10")
    assert len(run_rule(RULE, tiny, written="90% in 10m")) == 1
    # The examples' inbox, Mon–Fri 08:00–18:00: sent Friday 17:59, answered Monday by 11:59,
    # 66 h, within the working week's 68 h; so is the working week itself. A desk closed
    # for lunch (Friday 16:59 → Monday 13:59, 69 h) or at 15:00 (14:59 → 12:59, 70 h) is
    # within a tenth more (74.8 h).
    for hours in (
        "Mon-Fri 08:00-18:00",
        "Mon-Fri 09:00-17:00",
        "Mon-Sat 10:00-14:00",
        ["Mon-Fri 09:00-12:00", "Mon-Fri 13:00-17:00"],
        "Mon-Fri 09:00-15:00",
    ):
        kept = written({"first_response": "4 business hours"}, hours=hours)
        assert run_rule(RULE, kept, **DELIGHT) == [], hours


def test_a_resolution_time_alone_promises_no_share(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, written({"resolution": "24h"}), **DELIGHT)
    assert found.path == "channels[email].target"
    assert found.fix == 'add `service_level: "90% in 4h"` to email\'s target'


def test_each_kind_meets_its_own_floor(run_rule: RunRule) -> None:
    # Social is written; messaging is live, so a 4-hour first response misses 80% in 20 s.
    assert len(run_rule(RULE, written({"first_response": "5d"}, kind="social"), **DELIGHT)) == 1
    (found,) = run_rule(RULE, written({"first_response": "4h"}, kind="messaging"), **DELIGHT)
    assert found.message.endswith(
        "this strategy needs at least 80% in 20s (later: within 4h, not 20s; more answered "
        "later does not keep it)"
    )
    # A floor for one family of channels says nothing of the other.
    assert run_rule(RULE, written({"first_response": "5d"}), live="80% in 20s") == []
    assert run_rule(RULE, phone({"service_level": "50% in 10m"}), written="90% in 4h") == []


def test_bots_self_service_and_channels_without_a_target_are_skipped(run_rule: RunRule) -> None:
    slow = {"service_level": "50% in 10m"}
    assert run_rule(RULE, phone(slow, staffed_by="bots", agents=REMOVE), **DELIGHT) == []
    assert run_rule(RULE, phone(REMOVE), **DELIGHT) == []  # target-stated's job
    # An abandonment ceiling alone is no answer time (as target-stated reads it).
    ceiling = phone({"service_level": REMOVE, "abandonment_max": "5%"})
    assert run_rule(RULE, ceiling, **DELIGHT) == []
    help_centre = {"help-centre": {"target": {"first_response": "5d"}}}
    assert run_rule(RULE, plan({"channels": help_centre}), **DELIGHT) == []


def test_floors_and_severity_follow_the_strategy() -> None:
    slow = written({"first_response": "5d"})
    assert [f.severity for f in check_plan(slow) if f.rule == RULE] == ["error"]  # delight
    trust = [f.severity for f in check_plan(slow, "extraordinary-trust") if f.rule == RULE]
    assert trust == ["warning"]
    # Genius answers tickets within ten minutes: 4 hours is too slow there.
    four_hours = written({"first_response": "4h"})
    assert not [f for f in check_plan(four_hours) if f.rule == RULE]
    genius = [f for f in check_plan(four_hours, "genius") if f.rule == RULE]
    assert [(f.severity, f.message) for f in genius] == [
        (
            "error",
            "email: promises a first response within 4h; this strategy needs at least 90% in 10m "
            "(later: within 4h, not 10m)",
        )
    ]
    assert not [f for f in check_plan(slow, "fast-food") if f.rule == RULE]


def _every_minute(week: Schedule, minutes: int) -> tuple[int, int] | None:
    """`_longest_wait` as it was first written: every minute of the week is timed, for the
    open minutes past the whole weeks' worth a promise holds.

    Every week holds the same ``weekly`` open minutes, so a promise of ``k`` weeks' worth
    and ``r`` more (1 ≤ r ≤ weekly) waits ``k`` whole weeks plus what ``r`` waits, from
    every minute alike. Walked minute by minute instead (``_walked``), a week open for one
    minute and a promise of two weeks of minutes was ~200M steps: 25 to 105 s of the
    suite's time on the draws that met it. ``_walked`` is held to this where it is cheap
    (test_the_reference_s_whole_weeks_are_those_walked)."""
    weekly = sum(end - start for start, end in week.intervals)
    if not weekly or minutes <= 0:
        return _walked(week, minutes)
    whole = (minutes - 1) // weekly
    found = _walked(week, minutes - whole * weekly)
    assert found is not None
    return found[0] + whole * WEEK_MINUTES, found[1]


def _walked(week: Schedule, minutes: int) -> tuple[int, int] | None:
    """Every minute of the week timed by walking the open minutes one by one."""
    weekly = sum(end - start for start, end in week.intervals)
    if not weekly:
        return None
    if minutes <= 0:
        return 0, 0
    before = week.open_before(minutes // weekly + 3)
    longest, sent, end = 0, 0, 0
    for t in range(WEEK_MINUTES):
        end = max(end, t)
        while before[end] - before[t] < minutes:
            end += 1
        if end - t > longest:
            longest, sent = end - t, t
    return longest, sent


@st.composite
def weeks(draw: st.DrawFn) -> Schedule:
    """Open intervals anywhere in the week, some touching, some at its first or last minute."""
    edges = draw(
        st.lists(
            st.one_of(
                st.integers(0, WEEK_MINUTES),
                st.sampled_from([0, 1, WEEK_MINUTES - 1, WEEK_MINUTES]),
            ),
            max_size=14,
            unique=True,
        )
    )
    edges.sort()
    pairs = list(zip(edges[::2], edges[1::2], strict=False))
    if pairs and draw(st.booleans()):  # two intervals that touch: open across the seam
        start, end = pairs[-1]
        if end - start > 1:
            middle = (start + end) // 2
            pairs[-1:] = [(start, middle), (middle, end)]
    return Schedule(text="drawn", intervals=tuple(pairs), opens=tuple(s for s, _ in pairs))


@settings(max_examples=examples(100), deadline=None)
@given(week=weeks(), minutes=st.integers(-1, 2 * WEEK_MINUTES))
def test_the_longest_wait_is_the_one_every_minute_gives(week: Schedule, minutes: int) -> None:
    # Timing only the minutes a closed stretch starts at finds the wait and the first minute
    # that timing every minute of the week found (the figures the finding prints).
    assert _longest_wait.__wrapped__(week, minutes) == _every_minute(week, minutes)


@settings(max_examples=examples(100), deadline=None)
@given(week=weeks(), weeks_of_minutes=st.fractions(0, 3), extra=st.integers(-1, 1))
def test_the_reference_s_whole_weeks_are_those_walked(
    week: Schedule, weeks_of_minutes: Any, extra: int
) -> None:
    # The reference's shortcut past whole weeks of open time, against walking every minute,
    # up to three weeks' worth (and a minute either side of each whole week).
    weekly = sum(end - start for start, end in week.intervals)
    minutes = int(weeks_of_minutes * weekly) + extra
    assert _every_minute(week, minutes) == _walked(week, minutes)


@pytest.mark.parametrize(
    "hours",
    [
        "24x7",
        "Mon-Fri 09:00-17:00",
        "Mon-Fri 08:00-09:00",
        "Mon-Fri 22:00-06:00",
        "Mon-Sun 00:00-24:00",
        "Sat-Sun 10:00-16:00",
        "Mon 00:00-00:01",
    ],
)
def test_the_longest_wait_on_written_hours(hours: str) -> None:
    week = parse_hours(hours)
    for minutes in (1, 10, 60, 240, 480, 1440, 2400, 10080, 20000):
        if minutes > 100 * week.weekly_seconds // 60:
            continue  # weeks on weeks of minutes, each timed by the reference
        assert _longest_wait.__wrapped__(week, minutes) == _every_minute(week, minutes)


def test_the_longest_wait_is_found_without_timing_every_minute() -> None:
    # A business-time first response was judged by timing each of the week's 10,080 minutes:
    # about 3 ms of CPU a schedule (70M of the 1,330M instructions a check of
    # delight-aligned.yaml ran), 0.57 s for these 200 weeks; reading the open time off the
    # intervals at the minutes closed stretches start at takes about 6 ms for all 200.
    schedules = [parse_hours(f"Mon-Fri 08:{m % 60:02d}-{17 + m // 60}:00") for m in range(100)]
    schedules += [parse_hours(f"Mon-Sat 09:00-1{2 + m // 60}:{m % 60:02d}") for m in range(100)]
    start = time.process_time()
    for week in schedules:
        _longest_wait.__wrapped__(week, 240)
    assert time.process_time() - start < 0.1


def test_a_week_open_a_minute_is_judged_at_once() -> None:
    # The weeks a long promise spans were counted out minute by minute: 40 business hours on
    # an inbox open one minute a week held 2,403 weeks of minutes (24M numbers) in memory.
    start = time.process_time()
    assert _longest_wait.__wrapped__(parse_hours("Mon 00:00-00:01"), 2400) == (24_192_000, 1)
    assert time.process_time() - start < 0.1
