"""Metrics a planner would check by hand: intervals, peaks, chat concurrency, deferred work."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest

from cs_align import queueing as q
from cs_align.loader import parse_plan
from cs_align.metrics import WEEKS_PER_YEAR, compute

BASE = """
version: 1
organisation: Metrics Co
strategy: universal
channels:
  - id: line
    kind: {kind}
    hours: Mon-Fri 08:00-12:00
    handle_time: 4m
    {extra}
    target: {{{target}}}
staffing: {{agents: 30, shrinkage: 30%, paid_hours_per_fte: 1820/year}}
"""


def plan(
    kind: str = "voice",
    extra: str = "volume: {contacts: 2400, per: week}",
    target: str = 'service_level: "80% in 20s"',
):  # type: ignore[no-untyped-def]
    return parse_plan(BASE.format(kind=kind, extra=extra, target=target), "m.yaml").plan


def fte(positions_hours_per_week: Fraction) -> Fraction:
    return positions_hours_per_week * WEEKS_PER_YEAR / (Fraction(1820) * Fraction(7, 10))


def test_even_spread_matches_a_hand_calculation() -> None:
    m = compute(plan()).channels[0]
    load = Fraction(2400, 20) * 240 / 3600  # 120 calls an open hour × 4 minutes
    assert m.offered_load == pytest.approx(float(load))
    n = q.required_c(load, 240.0, 0.8, 20.0).agents
    assert m.required_positions == n
    assert m.required_fte == fte(Fraction(n * 20))
    assert m.spread == "even" and m.model == "erlang-c"


def test_intervals_are_solved_one_by_one_and_summed() -> None:
    counts = [60, 150, 150, 60, 30, 150, 150, 60]  # 30-minute intervals, 08:00-12:00
    rows = "\n".join(
        f'        - {{at: "{8 + i // 2:02d}:{30 * (i % 2):02d}", contacts: {c}}}'
        for i, c in enumerate(counts)
    )
    extra = f"volume:\n      interval: 30m\n      intervals:\n{rows}"
    m = compute(plan(extra=extra)).channels[0]
    needed = [q.required_c(Fraction(c * 240, 1800), 240.0, 0.8, 20.0).agents for c in counts]
    assert m.required_positions == max(needed)
    assert m.required_fte == fte(Fraction(sum(needed), 2) * 5)
    assert m.weekly_contacts == sum(counts) * 5
    assert m.spread == "intervals" and 0.0 <= (m.service_level or 0) <= 1.0
    even = compute(plan(extra=f"volume: {{contacts: {sum(counts) * 5}, per: week}}")).channels[0]
    # The busiest interval needs more people on shift than an even spread suggests.
    assert m.required_positions > even.required_positions


def test_peak_factor_sizes_for_the_peak() -> None:
    flat = compute(plan()).channels[0]
    peaked = compute(
        plan(extra="volume: {contacts: 2400, per: week}\n    peak_factor: 1.5")
    ).channels[0]
    assert peaked.offered_load == pytest.approx(flat.offered_load * 1.5)
    assert peaked.required_positions > flat.required_positions
    assert peaked.spread == "peak_factor"


def test_a_peak_factor_is_an_assumption_the_figures_state() -> None:
    # Review calc49 D4: 2,400 calls a week over the 20 open hours × 4 min = 8 Erlangs;
    # peak_factor 1.5 sizes 12 Erlangs every open hour. Every other spread says how the
    # volume was read; this one said nothing, so a hand calculation from the plan's volume
    # (8 Erlangs) disagreed with the figures (12) with no word why.
    peaked = compute(plan(extra="volume: {contacts: 2400, per: week}\n    peak_factor: 1.5"))
    assert peaked.channels[0].offered_load == pytest.approx(12.0)
    assert any(
        "sized for the busiest hour, 1.5 × the volume spread evenly" in note
        and "held all open hours" in note
        for note in peaked.assumptions
    ), peaked.assumptions


def test_a_volume_a_day_over_unequal_days_says_what_each_day_gets() -> None:
    # Review calc53: 5 calls a day on Mon-Fri 09:00-12:30 + 14:00-18:00 (7.5 h) and Sat
    # 09:00-12:00 (3 h) are 5 × 6 = 30 a week over 5 × 7.5 + 3 = 40.5 open hours, 0.7407 an
    # hour: a weekday gets 30 × 7.5 / 40.5 = 5.56 (5.6) and Saturday 30 × 3 / 40.5 = 2.22
    # (2.2), not the 5 the plan writes. The figures were right for that reading, and only
    # "spread evenly over" the hours said so.
    text = BASE.format(kind="voice", extra="volume: {contacts: 5, per: day}", target="asa: 30s")
    text = text.replace(
        "hours: Mon-Fri 08:00-12:00",
        'hours: ["Mon-Fri 09:00-12:30", "Mon-Fri 14:00-18:00", "Sat 09:00-12:00"]',
    )
    got = compute(parse_plan(text, "m.yaml").plan)
    assert got.channels[0].offered_load == pytest.approx(30 / 40.5 * 4 / 60)
    assert (
        "line: 5 a day on 6 open days of unequal length are 30 a week spread evenly by the "
        "hour: a day of 7.5 h gets 5.6, one of 3 h gets 2.2 (split the channel by day to give "
        "each day its own count)"
    ) in got.assumptions
    # Equal days, a volume a week, or a night past midnight on equal nights: nothing to add.
    for hours, extra in (
        ("Mon-Fri 08:00-12:00", "volume: {contacts: 5, per: day}"),
        ('["Mon-Fri 09:00-17:00", "Sat 09:00-12:00"]', "volume: {contacts: 30, per: week}"),
        ("Mon-Sun 22:00-06:00", "volume: {contacts: 5, per: day}"),
    ):
        other = BASE.format(kind="voice", extra=extra, target="asa: 30s")
        other = other.replace("hours: Mon-Fri 08:00-12:00", f"hours: {hours}")
        notes = compute(parse_plan(other, "m.yaml").plan).assumptions
        assert not any("unequal length" in note for note in notes), notes


def test_chat_concurrency_shares_slots() -> None:
    single = compute(plan(kind="chat")).channels[0]
    double = compute(
        plan(kind="chat", extra="volume: {contacts: 2400, per: week}\n    concurrency: 2")
    ).channels[0]
    assert double.model == "erlang-c-concurrent"
    assert double.required_positions == math.ceil(single.required_positions / 2)


@pytest.mark.parametrize(
    ("target", "model"),
    [("first_response: 30m", "erlang-c-deferred"), ("first_response: 24h", "workload")],
)
def test_deferred_channels_pick_their_model(target: str, model: str) -> None:
    m = compute(plan(kind="email", target=target)).channels[0]
    assert m.model == model
    if model == "workload":
        # Deferred work is staffed in hours: the load at the 85% ceiling, never rounded up.
        load = Fraction(2400, 20) * 240 / 3600
        assert m.required_positions_at_ceiling == load / Fraction(85, 100)
        assert load < m.required_positions < load * Fraction(1001, 1000)


def test_per_day_means_per_open_day() -> None:
    daily = compute(plan(extra="volume: {contacts: 480, per: day}")).channels[0]
    assert daily.weekly_contacts == 480 * 5


def test_more_than_three_chats_per_agent_is_flagged() -> None:
    from cs_align.engine import CheckOptions, assess

    text = BASE.format(
        kind="chat",
        extra="volume: {contacts: 2400, per: week}\n    concurrency: 5",
        target='service_level: "80% in 60s"',
    )
    report = assess(parse_plan(text, "m.yaml"), CheckOptions())
    flagged = [f for f in report.findings if f.rule == "chat-concurrency"]
    assert flagged and "5 conversations at once" in flagged[0].message
    assert flagged[0].path == "channels[line].concurrency"


@pytest.mark.parametrize(
    ("text", "per_week"),
    [
        ("40/week", Fraction(40)),
        ("37.5/week", Fraction(75, 2)),
        ("1800/year", Fraction(1800) / WEEKS_PER_YEAR),
    ],
)
def test_paid_hours_convert_exactly(text: str, per_week: Fraction) -> None:
    from cs_align.units import parse_per_year

    # Weekly → yearly → weekly comes back exactly (8766/168 weeks a year, as a fraction).
    assert parse_per_year(text) / WEEKS_PER_YEAR == per_week


@pytest.mark.parametrize(
    ("hours", "gap", "start", "per_day"),
    [
        ("Mon-Fri 09:00-18:00", 63 * 60, "Fri 18:00", 9),
        ("24x7", 0, "Mon 00:00", 24),
        (["Mon-Fri 09:00-18:00", "Sat 10:00-14:00"], 43 * 60, "Sat 14:00", Fraction(49, 6)),
        ("Mon-Sun 08:00-20:00", 12 * 60, "Mon 20:00", 12),
        # A night belongs to the day it opens on: 5 open days of 8 hours, not 6 of 6.67.
        ("Mon-Fri 22:00-06:00", 64 * 60, "Sat 06:00", 8),
        ("Sun 22:00-06:00", 160 * 60, "Mon 06:00", 8),  # Sunday's night wraps to Monday
        ("24x5", 48 * 60, "Sat 00:00", 24),
    ],
)
def test_closed_gaps_and_business_days(
    hours: object, gap: int, start: str, per_day: object
) -> None:
    from cs_align.schedule import fmt_week_minute, parse_hours

    schedule = parse_hours(hours)
    assert schedule.longest_gap[0] == gap
    assert fmt_week_minute(schedule.longest_gap[1]) == start
    assert schedule.hours_per_open_day == per_day


@pytest.mark.parametrize(
    ("text", "shown", "open_seconds"),
    [
        ("4h", "4h", 14400),
        ("1 business day", "1 business day", 9 * 3600),
        ("2 working days", "2 business days", 18 * 3600),
        ("8 business hours", "8 business hours", 8 * 3600),
        ("10 business minutes", "10 business minutes", 600),
        ("1 business minute", "1 business minute", 60),
    ],
)
def test_business_time_targets(text: str, shown: str, open_seconds: int) -> None:
    from cs_align.units import parse_wait

    wait = parse_wait(text)
    assert str(wait) == shown and wait.open_seconds(Fraction(9)) == open_seconds


@pytest.mark.parametrize(
    "text",
    [
        "8 business hours",
        "1 business day",
        "2 Working Days",
        "0.5 business days",
        "1.5 BUSINESS HOURS",
        "10 business minutes",
        "0 business days",
        "0.0 business hours",
        "1 business week",
        "business day",
        "1 businessday",
        "-1 business day",
    ],
)
def test_business_time_schema_and_parser_agree(text: str) -> None:
    """An editor validating against `cs-align schema` accepts what the loader accepts."""
    import re

    from pydantic_core import PydanticCustomError

    from cs_align.plan import Target
    from cs_align.units import parse_wait

    forms = Target.model_json_schema()["properties"]["first_response"]["anyOf"][0]["anyOf"]
    business = forms[1]["pattern"]
    try:
        accepted = parse_wait(text).business
    except PydanticCustomError:
        accepted = False
    assert (re.search(business, text) is not None) == accepted


PART_TIME = """
version: 1
organisation: Night Co
strategy: universal
channels:
  - id: line
    kind: {kind}
    hours: Mon-Fri 09:00-17:00
    volume: {volume}
    handle_time: {aht}
    {extra}
    target: {{{target}}}
    agents: 1
staffing: {{agents: 1, shrinkage: 60%, paid_hours_per_fte: 1800/year}}
"""


def part_time(kind: str, volume: str, aht: str, target: str, extra: str = "#"):  # type: ignore[no-untyped-def]
    text = PART_TIME.format(kind=kind, volume=volume, aht=aht, target=target, extra=extra)
    return compute(parse_plan(text, "night.yaml").plan)


# 1 FTE × 1800 h × 40% productive ÷ 52.18 weeks ÷ 40 open hours = 0.345 on shift: one person
# 34.5% of the open hours, nobody the rest.
ON_SHIFT = Fraction(1800 * 4, 10) / WEEKS_PER_YEAR / 40


def test_a_call_that_finds_nobody_is_not_answered_in_time() -> None:
    # 500 calls a day of 1 s over 8 open hours: A = 500 ÷ 28,800 = 0.0174 Erlangs. One person
    # answers 1 − A·e^(−(1 − A)·10) = 99.999906% within 10 s; nobody answers none, so 0.345
    # on shift answer 0.345 × 99.999906% = 34.5% (it used to say 97.5%: the calls nobody was
    # there for were cleared within seconds by a third of a person).
    figures = part_time("voice", "500/day", "1s", 'service_level: "90% in 10s"')
    (m,) = figures.channels
    assert (
        "line: 0.34 on shift: one person 34% of the time and nobody the rest, when contacts "
        "wait for the person to come back, past the target"
    ) in figures.assumptions
    a = 500 / 28_800
    one = 1 - a * math.exp(-(1 - a) * 10)
    assert m.planned_positions == ON_SHIFT
    assert m.service_level == pytest.approx(float(ON_SHIFT) * one, abs=1e-12)
    assert m.asa is None  # those who find nobody wait for the person to come back
    assert m.misses == ("service_level",) and m.required_positions == 1
    assert m.occupancy == pytest.approx(a / float(ON_SHIFT))  # all the work, in 34.5% of the time


def test_a_chat_agent_part_time_brings_all_their_chats() -> None:
    # Two chats at once: the person brings 2 slots 34.5% of the time. 40 chats a day of 6 min
    # over 8 hours: A = 40 × 360 ÷ 28,800 = 0.5 Erlangs on 2 slots. C(2, 0.5) = 0.1667 ÷
    # (1 + 0.5 + 0.1667) = 0.1, SL(2) = 1 − 0.1·e^(−1.5·60/360) = 92.21% in 1 min; 0.345 ×
    # 92.21% = 31.8%.
    (m,) = part_time(
        "chat", "40/day", "6m", 'service_level: "80% in 1m"', "concurrency: 2"
    ).channels
    a = 0.5
    c = (a**2 / 2 * 2 / (2 - a)) / (1 + a + a**2 / 2 * 2 / (2 - a))
    assert c == pytest.approx(0.1)
    assert m.service_level == pytest.approx(float(ON_SHIFT) * (1 - c * math.exp(-1.5 / 6)))
    assert m.service_level is not None and 0.317 < m.service_level < 0.319
    # 100 chats a day are 1.25 Erlangs: more than the 2 slots 34.5% of the time clear (0.69).
    (busy,) = part_time(
        "chat", "100/day", "6m", 'service_level: "80% in 1m"', "concurrency: 2"
    ).channels
    assert busy.stable is False and busy.service_level == 0.0


def test_deferred_work_waits_in_the_inbox_for_the_next_person() -> None:
    # 10 emails a day of 10 min: 100 min of work a day against 0.345 × 8 h = 166 min on
    # shift. A message that arrives while nobody is there waits inside a business day, so
    # fewer than one person keeps "1 business day" (the pooled reading, not 34.5%).
    (m,) = part_time("email", "10/day", "10m", "first_response: 1 business day").channels
    assert m.model == "workload" and m.planned_positions == ON_SHIFT
    assert m.first_response is not None and m.first_response < 8 * 3600
    assert m.misses == ()


def test_promise_says_why_a_part_time_queue_keeps_no_target() -> None:
    # 0.345 on shift cannot answer 90% within any time: 65.5% of the time nobody is there.
    from cs_align.promise import keeps

    figures = part_time("voice", "500/day", "1s", 'service_level: "90% in 10s"')
    text = PART_TIME.format(
        kind="voice", volume="500/day", aht="1s", target='service_level: "90% in 10s"', extra="#"
    )
    (channel,) = parse_plan(text, "night.yaml").plan.channels
    said, seconds = keeps(channel, figures.channels[0])
    assert seconds is None and said == (
        "no 90% target: nobody is on shift 65.5% of the time, and the contacts that arrive then "
        "wait for the person to come back"
    )


def test_a_queue_that_cannot_keep_up_is_busy_all_the_time() -> None:
    # Review calc36 L1: 180 calls an hour of 6m30s are 19.5 Erlangs; 38 FTE of 2,000 h less
    # 28% over 54 open hours a week are 38 × 1,440 ÷ 52.18 ÷ 54 = 19.42 on shift, fewer
    # than the load: occupancy is 1 exactly, where adding the week up gave 0.9999999999999998
    # ("99.9999%" in whatif and the report, "100%" in check).
    text = (
        BASE.format(kind="voice", extra="volume: 180/hour", target="asa: 25s")
        .replace("Mon-Fri 08:00-12:00", "Mon-Sat 09:00-18:00")
        .replace("handle_time: 4m", "handle_time: 6m30s")
        .replace(
            "{agents: 30, shrinkage: 30%, paid_hours_per_fte: 1820/year}",
            "{agents: 38, shrinkage: 28%, paid_hours_per_fte: 2000/year}",
        )
    )
    (m,) = compute(parse_plan(text, "m.yaml").plan).channels
    assert m.offered_load == pytest.approx(19.5)
    assert float(m.planned_positions) == pytest.approx(19.42, abs=0.01)
    assert not m.stable and m.occupancy == 1.0


def test_a_peak_factor_beside_intervals_is_said_not_to_apply() -> None:
    # Review calc36 L6: the intervals give the peaks; a peak_factor beside them changed no
    # figure and nothing said so.
    rows = "\n".join(
        f'        - {{at: "{8 + i:02d}:00", contacts: {c}}}'
        for i, c in enumerate([60, 300, 200, 90])
    )
    extra = f"volume:\n      interval: 1h\n      intervals:\n{rows}\n    peak_factor: 1.5"
    plain = compute(plan(extra=extra.replace("\n    peak_factor: 1.5", "")))
    peaked = compute(plan(extra=extra))
    assert peaked.channels[0].required_fte == plain.channels[0].required_fte
    assert "line: peak_factor 1.5 not applied: the intervals give the day's peaks" in (
        peaked.assumptions
    )


def test_a_pool_that_holds_every_target_and_the_ceiling_leaves_no_channel_over_it() -> None:
    # Review calc38 F1: an FTE gives 1,800 × 70% ÷ 52.18 = 24.15 h a week, 0.483 on shift
    # over 50 open hours. Phone: 3.33 Erlangs, 80% in 20 s kept by 11.5 FTE at 60% busy;
    # e-mail: 7.5 Erlangs need 7.5 ÷ 90% = 8.33 on shift = 17.26 FTE for the ceiling. A
    # pool of 28.8 holds both; shared toward the phone's whole headcount (12.43) it gave the
    # phone 12.1 and left the e-mail 93% busy.
    text = """
version: 1
organisation: Pool Co
strategy: fast-food
channels:
  - {id: phone, kind: voice, hours: Mon-Fri 08:00-18:00, volume: 40/hour, handle_time: 5m,
     target: {service_level: "80% in 20s"}}
  - {id: email, kind: email, hours: Mon-Fri 08:00-18:00, volume: 50/hour, handle_time: 9m,
     target: {first_response: 1 business day}}
staffing: {agents: 28.8, shrinkage: 30%, max_occupancy: 90%, paid_hours_per_fte: 1800/year}
"""
    phone, email = compute(parse_plan(text, "m.yaml").plan).channels
    assert float(phone.planned_fte) == pytest.approx(11.5, abs=0.01)
    assert float(email.planned_fte) == pytest.approx(17.3, abs=0.01)
    assert email.occupancy is not None and email.occupancy <= 0.9


def test_an_inbox_need_decided_by_its_target_names_the_target() -> None:
    # Review calc38 F5: 15 posts an hour of 5 min are 1.25 Erlangs; 2 people keep up, so the
    # whole headcount's reason was "stability". The need, 6.0 FTE (1.72 on shift: 90% within
    # 1,156 s), is the first response's: 5.9 (1.70 on shift) keep up and answer 90% only
    # within 1,247 s, past 20 minutes.
    text = """
version: 1
organisation: Inbox Co
strategy: universal
channels:
  - {id: soc, kind: social, hours: Mon-Sun 08:00-20:00, volume: 15/hour, handle_time: 5m,
     target: {first_response: 20m}, agents: 5.9}
staffing: {agents: 5.9, shrinkage: 30%, max_occupancy: 85%, paid_hours_per_fte: 1800/year}
"""
    (soc,) = compute(parse_plan(text, "m.yaml").plan).channels
    assert soc.keeping_fte == Fraction(6) and soc.stable
    assert soc.target_binding == "first_response"


def test_the_length_of_a_month_is_stated_where_a_volume_is_given_per_month() -> None:
    # Review calc50 F2. 30,000 calls a month, 4 min each, over Mon-Fri 08:00-12:00 (20 open
    # hours a week): 2,000 hours of work a month. A month of 365.25 ÷ 12 days is 4.348 weeks,
    # so 2,000 ÷ (20 × 4.348214) = 22.9979 Erlangs; 52 ÷ 12 = 4.333 weeks gives 23.077 and
    # 365 days 23.014, so a hand check needs to know which month was taken.
    assert round(2000 / (20 * 365.25 / 84), 4) == 22.9979
    assert round(2000 / (20 * 52 / 12), 3) == 23.077
    monthly = compute(plan(extra="volume: {contacts: 30000, per: month}"))
    assert round(float(monthly.channels[0].offered_load), 4) == 22.9979
    note = (
        "calendar: a month is 365.25 ÷ 12 days (4.348 weeks), a year 365.25 days (52.18 "
        "weeks); volumes and paid hours given per month or year are spread over them"
    )
    assert note in monthly.assumptions
    # A week's volume needs no month: the note says the year alone (below).
    notes = [n for n in compute(plan()).assumptions if n.startswith("calendar:")]
    assert notes == [
        "calendar: a year is 365.25 days (52.18 weeks); an FTE's paid hours a year are spread "
        "over them"
    ]


def test_a_weekly_volume_with_yearly_paid_hours_says_the_year_it_takes() -> None:
    # Review p-fix51o 7. 2,400 calls a week, 4 min each, over 20 open hours a week: 8
    # Erlangs, and an FTE's 1,820 paid hours a year at 30% shrinkage are spread over the
    # year's weeks: by 52.18 (365.25 days) 1,820 × 0.7 ÷ 52.178571 = 24.416 productive hours
    # a week, by 52 it is 24.5, so a hand check of the FTE needs the year's length. The line
    # was said only where a volume was per month or year.
    m = compute(plan())
    assert round(m.channels[0].offered_load, 6) == 8.0
    assert round(float(Fraction(1820) * Fraction(7, 10) / WEEKS_PER_YEAR), 3) == 24.416
    # FTE = position-hours a week ÷ productive hours a week (the test's `fte` helper)
    assert m.channels[0].required_fte == fte(m.channels[0].required_positions * 20)
    year = (
        "calendar: a year is 365.25 days (52.18 weeks); an FTE's paid hours a year are spread "
        "over them"
    )
    assert year in m.assumptions
    # A bot channel with a budget: the cost per contact counts a year's contacts by it.
    bots = parse_plan(
        """
version: 1
organisation: Bot Co
currency: USD
strategy: universal
channels:
  - {id: mail, kind: email, staffed_by: bots, volume: {contacts: 100, per: week}}
staffing: {agents: 0}
budget: {total: 5218, lines: {tooling: 5218}}
""",
        "b.yaml",
    ).plan
    counted = compute(bots)
    # 100 a week × 52.178571 weeks = 5,217.857 contacts a year: 5,218 ÷ that = 1.0000274
    assert counted.cost_per_contact == Decimal("1.0000")
    assert list(counted.assumptions) == [
        "calendar: a year is 365.25 days (52.18 weeks); the cost per contact counts a year's "
        "contacts over them"
    ]
    # No budget and nothing staffed: no figure takes the year, no line.
    unpriced = bots.model_copy(update={"budget": None})
    assert not any(n.startswith("calendar:") for n in compute(unpriced).assumptions)


def test_a_service_level_with_abandonment_says_which_calls_it_is_a_share_of() -> None:
    # Review calc50 F4. 2,400 calls a week, 4 min each, over 20 open hours: 8 Erlangs; 10
    # FTE at 40 paid hours and 50% shrinkage are 10 on shift. Erlang A, 1 min patience
    # (mpmath, 40 digits): 85.6211% of all offered calls answered within 20 s, 8.2938% hang
    # up, so of the calls answered 0.856211 ÷ (1 − 0.082938) = 93.3646% are in time. An ACD
    # report on answered calls reads 93.4%, the check 85.6%: the output must say which.
    assert round(0.856211093803 / (1 - 0.082938214634), 6) == 0.933646
    text = """
version: 1
organisation: Metrics Co
strategy: universal
channels:
  - id: line
    kind: voice
    hours: Mon-Fri 08:00-12:00
    handle_time: 4m
    volume: {contacts: 2400, per: week}
    patience: 1m
    target: {service_level: "80% in 20s"}
staffing: {agents: 10, shrinkage: 50%, paid_hours_per_fte: 40/week}
"""
    figures = compute(parse_plan(text, "a.yaml").plan)
    assert figures.channels[0].service_level == pytest.approx(0.856211093803, abs=1e-9)
    assert figures.channels[0].abandonment == pytest.approx(0.082938214634, abs=1e-9)
    assert (
        "line: service level is the share of all offered calls answered within 20s, callers "
        "who hang up counted as not answered in time (85.6%; of the calls answered, 93.4%)"
    ) in figures.assumptions
    # Without patience nobody hangs up: the two shares are one, and nothing is added.
    patient = compute(parse_plan(text.replace("    patience: 1m\n", ""), "c.yaml").plan)
    assert not any("offered calls" in note for note in patient.assumptions)
    # Review calc53: a chat with patience is no call; the figures are the line's own.
    chat = compute(parse_plan(text.replace("kind: voice", "kind: chat"), "d.yaml").plan)
    assert (
        "line: service level is the share of all offered chats answered within 20s, customers "
        "who leave counted as not answered in time (85.6%; of the chats answered, 93.4%)"
    ) in chat.assumptions


SHARED = """
version: 1
organisation: Blend Co
strategy: universal
channels:
  - id: chat
    kind: chat
    hours: 24x7
    volume: {contacts: 30000, per: month}
    handle_time: 25m
    concurrency: 5
    target: {service_level: "80% in 60s"}
  - id: email
    kind: email
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 8000, per: month}
    handle_time: 10m
    target: {first_response: 1 business day}
staffing: {agents: TEAM, shrinkage: 33%, paid_hours_per_fte: 40/week}
"""


@pytest.mark.parametrize(
    ("team", "note"),
    [
        (
            "30",
            "chat 21.230929, email 8.769071: short of the least FTE that keep the targets "
            "(27.867804 + 11.510318 FTE), shared in proportion to them",
        ),
        (
            "40",
            "chat 27.9, email 12.1: each the least FTE, to a tenth, that keep its targets "
            "(27.9 + 11.6), then the rest towards what the occupancy ceiling needs, alike",
        ),
        (
            "45",
            "chat 30.326087, email 14.673913: beyond what the targets and the occupancy "
            "ceiling need (27.9 + 13.5 FTE), in proportion to that",
        ),
    ],
)
def test_how_a_shared_team_is_split_is_stated(team: str, note: str) -> None:
    # Review calc51 D4: "plan has 21.230929 FTE" for a channel that states no agents, with
    # no word where the figure came from. By hand (mpmath): 4.348214 weeks a month,
    # 26.8 productive hours a week (40 × 0.67).
    #   chat: 30,000 ÷ 4.348214 ÷ 168 × 25 ÷ 60 = 17.11157 Erlangs over people × 5 slots;
    #     80% in 60 s from 4.44558 on shift (P(wait) weighted 20 : 25 slots) = 27.86780 FTE
    #     (27.8 → 79.65%, 27.9 → 80.17%); its ceiling 17.11157 ÷ 0.85 ÷ 5 = 25.24 FTE.
    #   email: 306.64 hours of work a week over 40 open hours = 7.66598 Erlangs; 90% within
    #     8 open hours from 7.71191 on shift = 11.51032 FTE (11.5 → 86.05%, 11.6 → 99.45%);
    #     its ceiling 306.64 ÷ 26.8 ÷ 0.85 = 13.46 → 13.5.
    #   30 FTE < 27.867804 + 11.510318: 30 × 27.867804 ÷ 39.378122 = 21.230929.
    #   40 FTE: chat 27.9, email 11.6 + (40 − 39.5) ÷ (41.4 − 39.5) × 1.9 = 12.1.
    #   45 FTE > 27.9 + 13.5 = 41.4: 45 × 27.9 ÷ 41.4 = 30.326087.
    figures = compute(parse_plan(SHARED.replace("TEAM", team), "s.yaml").plan)
    said = f"shared team: the {team} FTE of staffing.agents no channel states as its own go to "
    assert said + note in figures.assumptions
    # A team every channel states its own share of says nothing of a split.
    own = SHARED.replace("concurrency: 5\n", "concurrency: 5\n    agents: 25\n").replace(
        "business day}\n", "business day}\n    agents: 15\n"
    )
    assigned = compute(parse_plan(own.replace("TEAM", "40"), "o.yaml").plan)
    assert not any(n.startswith("shared team:") for n in assigned.assumptions)


def test_an_inbox_target_says_which_share_it_keeps() -> None:
    # Review calc52 D2. 2,500 e-mails a month, 8 min, Mon-Fri 08:00-18:00: 2,500 × 12 ÷
    # (50 h × 52.1786 weeks) × 8/60 h = 1.5332 Erlangs. Read as 90% answered within 4 business
    # hours (14,400 s), the least staff is 1.6024 on shift (pooled P(wait) 0.7984 between 1
    # and 2 people, 0.7984 × e^(−(1.6024 − 1.5332) × 14,400/480) = 0.10), 3.4156 FTE at
    # 2.1315 FTE a position, 3.5 shown; read as every e-mail answered within it no staff
    # would do. No output said which share the need keeps: a planner could not reproduce
    # the 3.5 FTE.
    text = """
version: 1
organisation: Inbox Co
strategy: universal
channels:
  - id: email
    kind: email
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 2500, per: month}
    handle_time: 8m
    target: {first_response: 4 business hours}
    agents: 4.5
staffing: {agents: 4.5, shrinkage: 32%, paid_hours_per_fte: 1800/year}
"""
    figures = compute(parse_plan(text, "a.yaml").plan)
    assert math.ceil(float(figures.channels[0].required_fte) * 10) == 35
    assert (
        "email: a first response time is kept when 90% of contacts are answered within it "
        "(the first response given is the time 90% are answered within)"
    ) in figures.assumptions
    resolved = compute(
        parse_plan(text.replace("first_response: 4", "resolution: 5"), "r.yaml").plan
    )
    assert any(
        n.startswith("email: a resolution time is kept when 90%") for n in resolved.assumptions
    )
    # A queue without a response time target says nothing of it.
    phone = text.replace("kind: email", "kind: voice").replace(
        "{first_response: 4 business hours}", '{service_level: "80% in 20s"}'
    )
    assert not any(
        "90% of contacts" in n for n in compute(parse_plan(phone, "p.yaml").plan).assumptions
    )


def test_an_inbox_says_how_its_part_time_staff_are_read() -> None:
    # Review calc52 D5. The e-mail desk above: 4.5 FTE × 1,224 productive h ÷ (50 h × 52.1786
    # weeks) = 2.1112 on shift on 1.5332 Erlangs. P(wait) weighted between 2 and 3 people:
    # 0.8888 × C(2) 0.66532 + 0.1112 × C(3) 0.24881 = 0.61900; waits cleared by the spare
    # capacity of all 2.1112: ASA 0.619 × 480 s ÷ (2.1112 − 1.5332) = 514.03 s, 90% within
    # ln(0.619 ÷ 0.1) × 480 ÷ 0.578 = 1,513.8 s (25m14s). A phone line's 6.33 on shift had a
    # line saying how they are read; the desk's 2.11 had none, nor did any Erlang C line say
    # that the waits end at the pace of all the staff (not of 2 or 3 people).
    text = """
version: 1
organisation: Inbox Co
strategy: universal
channels:
  - id: email
    kind: email
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 2500, per: month}
    handle_time: 8m
    target: {first_response: 4 business hours}
    agents: 4.5
staffing: {agents: 4.5, shrinkage: 32%, paid_hours_per_fte: 1800/year}
"""
    figures = compute(parse_plan(text, "a.yaml").plan)
    assert figures.channels[0].asa == pytest.approx(514.034, abs=1e-3)
    assert figures.channels[0].first_response == pytest.approx(1513.815, abs=1e-3)
    assert (
        "email: 2.11 on shift, chance of waiting weighted between 2 and 3 people, waits "
        "cleared by the spare capacity of all 2.11 (on shift less the load)"
    ) in figures.assumptions
    # Below one person a message that finds nobody waits for the next: 1.5 FTE are 0.7037
    # on shift, P(wait) = 0.2963 × 1 + 0.7037 × C(1) (README, fractional).
    below = compute(parse_plan(text.replace("agents: 4.5", "agents: 1.5"), "b.yaml").plan)
    assert (
        "email: 0.70 on shift, chance of waiting weighted between nobody (a message then waits "
        "for the next person) and 1 person, waits cleared by the spare capacity of all 0.70 "
        "(on shift less the load)"
    ) in below.assumptions


def test_a_split_shift_pharmacy_states_what_its_figures_rest_on(invoke) -> None:  # type: ignore[no-untyped-def]
    # Review calc53, a plan a client would bring: phone Mon-Fri 09:00-12:30 + 14:00-18:00 and
    # Sat 09:00-12:00 (40.5 open hours), 5 calls a day, 4 min; 1 FTE at 40 h × 40% = 16
    # productive hours is 16 / 40.5 = 0.395 on shift. By hand: 30 calls a week over 40.5 h
    # is 0.0494 Erlangs; Saturday's 3 h get 30 × 3 / 40.5 = 2.2 calls. The inbox's "24h" on
    # 7.5 h days is sized as 24 open hours, 24 / 7.5 = 3.2 business days, where a mail sent
    # at 09:00 (or 14:00) has 7.5 open hours before the clock runs out.
    from pathlib import Path

    plan_file = Path(__file__).parent / "data" / "plans" / "split-shift-pharmacy.yaml"
    import json

    (checked,) = json.loads(invoke("check", str(plan_file), "--format", "json").out)["plans"]
    notes = checked["metrics"]["assumptions"]
    assert any("a day of 7.5 h gets 5.6, one of 3 h gets 2.2" in note for note in notes), notes
    assert any(note.startswith("phone: 0.39 on shift") for note in notes), notes
    (calendar,) = [f for f in checked["findings"] if f["rule"] == "hours-cover-target"]
    assert calendar["message"].endswith(
        "; staffing counts it as 1d of open time (3.2 business days of this channel's 7.5 h), "
        "where a contact sent as the channel opens has 7 h 30 min of open time within 1d"
    )
    assert checked["metrics"]["channels"][0]["offered_load_erlangs"] == 0.0494


PEOPLE = BASE.replace(
    "staffing: {{agents: 30,", "staffing: {{loaded_cost_per_fte: 50000, agents: {agents},"
)


@pytest.mark.parametrize(
    ("agents", "funds", "parts"),
    [
        # 2,400 calls a week of 4m on 20 open hours are 8 Erlangs; 80% in 20s needs 11 on the
        # phones, 11 × 20 h ÷ (1,820 ÷ 52 × 70%) = 8.979… → 9.0 FTE (the tenth up), 450,000
        # USD. 30 agents planned cost 1,500,000: 21 FTE beyond the need, 1,050,000.
        (30, Decimal(400_000), (Decimal(50_000), Decimal(1_050_000))),  # short of both
        (30, Decimal(450_000), (Decimal(0), Decimal(1_050_000))),  # the need paid exactly
        (30, Decimal(1_000_000), (Decimal(0), Decimal(500_000))),  # part of those beyond
        (30, Decimal(2_000_000), (Decimal(0), Decimal(0))),
        (5, Decimal(200_000), (Decimal(250_000), Decimal(0))),  # none planned beyond
    ],
)
def test_people_money_short_is_told_in_two_parts_counted_once(
    agents: int, funds: Decimal, parts: tuple[Decimal, Decimal]
) -> None:
    m = compute(
        parse_plan(
            PEOPLE.format(
                kind="voice",
                extra="volume: {contacts: 2400, per: week}",
                target='service_level: "80% in 20s"',
                agents=agents,
            ),
            "m.yaml",
        ).plan
    )
    assert m.needed_fte == Fraction(9)
    assert m.people_short(funds) == parts
