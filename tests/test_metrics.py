"""Metrics a planner would check by hand: intervals, peaks, chat concurrency, deferred work."""

from __future__ import annotations

import math
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
