"""Invariants of plan-level sizing a planner relies on, checked over many generated plans."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from cs_align.engine import CheckOptions, assess
from cs_align.fractional import Queue
from cs_align.loader import parse_plan
from cs_align.metrics import Changes, compute
from cs_align.plan import Plan, period_years
from tests.conftest import examples

CHANNEL = """version: 1
organisation: Property Co
strategy: universal
channels:
  - id: line
    kind: {kind}
    hours: {hours}
    volume: {{contacts: {contacts}, per: week}}
    handle_time: {aht}s
    concurrency: {concurrency}
    {patience}
    target: {{{target}}}
    agents: {agents}
staffing: {{agents: {agents}, shrinkage: {shrinkage}%, max_occupancy: {cap}%}}
"""

TARGETS = {
    "voice": ['service_level: "80% in 20s"', 'service_level: "90% in 60s", asa: 15s', "asa: 30s"],
    "chat": ['service_level: "80% in 60s"'],
    "messaging": ['service_level: "80% in 2m"', "first_response: 4h"],
    "email": ["first_response: 30m", "first_response: 4h", "first_response: 1 business day"],
}


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    kind = draw(st.sampled_from(sorted(TARGETS)))
    patience = ""
    if kind == "voice" and draw(st.booleans()):
        patience = f"patience: {draw(st.integers(30, 600))}s"
        target = draw(st.sampled_from(['service_level: "80% in 20s", abandonment_max: 5%']))
    else:
        target = draw(st.sampled_from(TARGETS[kind]))
    text = CHANNEL.format(
        kind=kind,
        hours=draw(st.sampled_from(["24x7", "Mon-Fri 08:00-20:00", "Mon-Sat 09:00-17:30"])),
        contacts=draw(st.integers(1, 60_000)),
        aht=draw(st.integers(30, 1800)),
        concurrency=draw(st.integers(1, 3)) if kind == "chat" else 1,
        patience=patience,
        target=target,
        agents=draw(st.integers(0, 400)) / 4,
        shrinkage=draw(st.integers(0, 50)),
        cap=draw(st.integers(60, 95)),
    )
    return parse_plan(text, "p.yaml").plan


factors = st.fractions(min_value=Fraction(1, 4), max_value=Fraction(4), max_denominator=20)
SETTINGS = settings(
    max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(plans(), factors, factors)
def test_required_fte_never_falls_as_volume_rises(plan: Plan, a: Fraction, b: Fraction) -> None:
    low, high = sorted((a, b))
    before = compute(plan, Changes(volume=low)).channels[0]
    after = compute(plan, Changes(volume=high)).channels[0]
    assert after.required_fte >= before.required_fte
    assert after.required_fte_at_ceiling >= before.required_fte_at_ceiling


@SETTINGS
@given(plans(), factors, factors)
def test_required_fte_never_falls_as_handle_time_rises(
    plan: Plan, a: Fraction, b: Fraction
) -> None:
    low, high = sorted((a, b))
    before = compute(plan, Changes(handle_time=low)).channels[0]
    after = compute(plan, Changes(handle_time=high)).channels[0]
    assert after.required_fte >= before.required_fte
    assert after.required_fte_at_ceiling >= before.required_fte_at_ceiling


@SETTINGS
@given(plans(), st.integers(0, 4000), st.integers(0, 4000))
def test_more_planned_fte_never_lowers_service_level(plan: Plan, a: int, b: int) -> None:
    low, high = sorted((Fraction(a, 8), Fraction(b, 8)))
    before = compute(plan, Changes(agents={"line": low})).channels[0]
    after = compute(plan, Changes(agents={"line": high})).channels[0]
    assert after.planned_positions >= before.planned_positions
    if before.service_level is not None and after.service_level is not None:
        assert after.service_level >= before.service_level - 1e-12
    if before.asa is not None:
        assert after.asa is not None and after.asa <= before.asa + 1e-9
    if before.first_response is not None:
        assert after.first_response is not None
        assert after.first_response <= before.first_response + 1e-6


@SETTINGS
@given(plans())
def test_the_need_told_is_the_least_tenth_that_keeps_the_targets(plan: Plan) -> None:
    """Where the planned staff miss a target, the need `check` tells and prices
    (`keeping_fte`) keeps every target, judged as planned FTE are, and a tenth less does
    not (review calc29 F3: whole headcounts all the time were told, 2–3× what `fix`
    writes); the need with the occupancy ceiling (`ceiling_fte`) keeps them too and holds
    the ceiling, and is never below it."""
    m = compute(plan).channels[0]
    assume(m.misses and m.keeping_fte)
    kept = compute(plan, Changes(agents={"line": m.keeping_fte})).channels[0]
    assert not kept.misses, (m.keeping_fte, kept.service_level)
    if m.keeping_fte > Fraction(1, 10):
        short = compute(plan, Changes(agents={"line": m.keeping_fte - Fraction(1, 10)}))
        assert short.channels[0].misses
    assert m.keeping_fte <= max(m.required_fte, m.planned_fte) + Fraction(1, 10)
    if m.ceiling_fte:
        assert m.ceiling_fte >= m.keeping_fte
        held = compute(plan, Changes(agents={"line": m.ceiling_fte})).channels[0]
        cap = float(plan.staffing.max_occupancy) + 1e-12
        assert not held.misses and held.stable and (held.occupancy or 0.0) <= cap


@settings(max_examples=examples(300), deadline=None)
@given(
    st.floats(0.01, 400),
    st.floats(10, 3600),
    st.floats(0.01, 500),
    st.floats(0.0, 3),
    st.sampled_from([None, 30.0, 180.0]),
)
@example(125.0, 10.0, 124.0, 1e-13, 180.0)  # rounding of 1.7e-12, found by hypothesis
def test_fractional_figures_agree_with_whole_headcounts(
    load: float, aht: float, servers: float, step: float, patience: float | None
) -> None:
    """Continuous at every whole number, never worse with more servers, never better with
    more load."""
    queue = Queue(load, aht, patience)
    low, high = queue.at(servers, 20.0), queue.at(servers + step, 20.0)
    # Within float rounding of Erlang A's series (1.7e-12 at 125 Erlangs on 124 servers, a
    # step of 1e-13); service levels print to 0.1%, nine orders of magnitude coarser.
    assert high.service_level >= low.service_level - 1e-9
    busier = Queue(load * (1 + step / 3), aht, patience).at(servers, 20.0)
    assert busier.service_level <= low.service_level + 1e-9
    whole = round(servers) or 1
    at_whole = queue.at(whole, 20.0).service_level
    for side in (-1e-9, 1e-9):
        assert abs(queue.at(whole + side, 20.0).service_level - at_whole) < 1e-6


def _february_in_part(first: dt.date, stop: dt.date) -> bool:
    """Whether [first, stop) covers part of a February: its days count as 28ths of a month in
    one year and 29ths in a leap year."""
    return (first.month == 2 and first.day != 1) or (stop.month == 2 and stop.day != 1)


@settings(max_examples=examples(150), deadline=None)
@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 28)),
    st.integers(0, 1200),
    st.integers(-8, 8),
)
def test_moving_a_period_by_whole_years_changes_nothing(
    start: dt.date, days: int, years: int
) -> None:
    # Each day counts as a share of its own month, so only a February covered in part (28
    # days one year, 29 another) could tell the two periods apart.
    start = start.replace(day=min(start.day, 28))
    end = start + dt.timedelta(days=days)
    assume(end.month != 2 or end.day != 29)
    spans = []
    for shift in (0, years):
        first, last = start.replace(year=start.year + shift), end.replace(year=end.year + shift)
        assume(not _february_in_part(first, last + dt.timedelta(days=1)))
        spans.append((first, last))
    assert period_years(*spans[0]) == period_years(*spans[1])
    a, b = (
        assess(parse_plan(PERIOD_PLAN.format(start=s, end=e), "p.yaml"), CheckOptions())
        for s, e in spans
    )
    assert a.verdict == b.verdict and a.metrics == b.metrics


PERIOD_PLAN = """version: 1
organisation: Calendar Co
period: {{start: {start}, end: {end}}}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: 24x7
    volume: {{contacts: 50400, per: week}}
    handle_time: 5m
    target: {{service_level: "80% in 20s"}}
    agents: 190
staffing: {{agents: 190, loaded_cost_per_fte: 55000}}
budget: {{total: 10450000, lines: {{people: 10450000}}}}
"""


@settings(max_examples=examples(300), deadline=None)
@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 1)),
    st.integers(0, 800),
    st.integers(-3, 3),
    st.integers(1, 3),
)
def test_a_period_with_fewer_days_never_counts_as_longer(
    start: dt.date, days: int, shift: int, fewer: int
) -> None:
    # Every day added at either end lengthens a period; of two periods a few days apart, the
    # one with fewer days is never the longer (the days left over after whole months from
    # the start, at 365.25 a year, made 2027-01-30 to 2027-02-28, 30 days, a month and a
    # day, and 2027-01-28 to 2027-02-27, 31 days, one month).
    end = start + dt.timedelta(days=days)
    length = period_years(start, end)
    assert period_years(start, end + dt.timedelta(days=1)) > length
    assert period_years(start - dt.timedelta(days=1), end) > length
    other = start + dt.timedelta(days=shift)
    shorter = other + dt.timedelta(days=days - fewer)
    assume(shorter >= other)
    assert period_years(other, shorter) <= length
    assert period_years(dt.date(2027, 1, 30), dt.date(2027, 2, 28)) < period_years(
        dt.date(2027, 1, 28), dt.date(2027, 2, 27)
    )
