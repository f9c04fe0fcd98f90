"""Plan → named figures, computed once: staffing the targets need, what the staff achieve,
what the budget funds. Rules read only these."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from cs_align import queueing as q
from cs_align.plan import DEFERRED_KINDS, Channel, Kind, Plan
from cs_align.units import PER_WEEK, PERIOD_HOURS, exact, fmt_seconds

WEEKS_PER_YEAR = PERIOD_HOURS["year"] / 168
QUEUE_LIKE_SECONDS = 3600
DEFERRED_SHARE = 0.9
"""Deferred first-response targets are read as 90% of contacts answered within them."""
DEFAULT_SL = (0.8, 20.0)
_ZERO = Fraction(0)


class ChannelMetrics(NamedTuple):
    id: str
    kind: str
    model: str
    spread: str
    weekly_contacts: Fraction
    open_hours_per_week: Fraction
    offered_load: float
    required_positions: int
    required_fte: Fraction
    planned_fte: Fraction
    planned_positions: int
    binding: str
    service_level: float | None = None
    asa: float | None = None
    occupancy: float | None = None
    abandonment: float | None = None
    first_response: float | None = None
    stable: bool = True
    target_text: str = ""

    @property
    def fte_gap(self) -> Fraction:
        return self.required_fte - self.planned_fte


class Metrics(NamedTuple):
    channels: tuple[ChannelMetrics, ...]
    planned_fte: Fraction
    assigned_fte: Fraction
    required_fte: Fraction
    productive_hours_per_fte: Fraction
    annual_contacts: Fraction
    people_cost_required: Decimal | None
    people_cost_planned: Decimal | None
    cost_per_contact: Decimal | None
    assumptions: tuple[str, ...] = ()

    def channel(self, channel_id: str) -> ChannelMetrics | None:
        return next((c for c in self.channels if c.id == channel_id), None)


def weekly_contacts(channel: Channel) -> Fraction:
    volume = channel.volume
    if volume is None:
        return _ZERO
    if volume.intervals is not None:
        per_day = sum((exact(i.contacts) for i in volume.intervals), _ZERO)
        days = len(volume.days) if volume.days else channel.schedule.open_days
        return per_day * days
    assert volume.contacts is not None and volume.per is not None
    count = exact(volume.contacts)
    if volume.per == "day":
        return count * channel.schedule.open_days
    return count * PER_WEEK[volume.per]


def compute(plan: Plan) -> Metrics:
    staffing = plan.staffing
    productive = exact(staffing.paid_hours_per_fte) * (1 - exact(staffing.shrinkage))
    # FTE for one position staffed through the year (none when no hours are productive).
    per_position = WEEKS_PER_YEAR / productive if productive else _ZERO
    sized = [_size(plan, c) for c in plan.channels]
    needs = [s.staffed_hours_per_week * per_position for s in sized]
    planned = _planned_fte(plan, sized, needs)
    channels = tuple(
        _achieved(c, s, need, planned.get(c.id, _ZERO), per_position)
        for c, s, need in zip(plan.channels, sized, needs, strict=True)
    )
    required = sum((c.required_fte for c in channels), _ZERO)
    total_planned = (
        exact(staffing.agents)
        if staffing.agents is not None
        else sum((c.planned_fte for c in channels), _ZERO)
    )
    annual = (
        sum((c.weekly_contacts for c in channels if c.kind != Kind.self_service), _ZERO)
        * WEEKS_PER_YEAR
    )
    cost = staffing.loaded_cost_per_fte
    return Metrics(
        channels,
        total_planned,
        sum((exact(c.agents) for c in plan.channels if c.agents is not None), _ZERO),
        required,
        productive,
        annual,
        _money(cost, required),
        _money(cost, total_planned),
        _cost_per_contact(plan, annual),
        tuple(_assumptions(plan)),
    )


def _money(cost: Decimal | None, fte: Fraction) -> Decimal | None:
    if cost is None:
        return None
    return (cost * Decimal(fte.numerator) / Decimal(fte.denominator)).quantize(Decimal("0.01"))


def _cost_per_contact(plan: Plan, annual: Fraction) -> Decimal | None:
    if plan.budget is None or annual == 0:
        return None
    total = plan.budget.total
    if plan.period is not None:
        total = total / plan.period.years
    contacts = Decimal(annual.numerator) / Decimal(annual.denominator)
    return (total / contacts).quantize(Decimal("0.0001"))


class _Sizing(NamedTuple):
    model: str
    spread: str
    weekly: Fraction
    hours: Fraction
    load: float
    positions: int
    staffed_hours_per_week: Fraction
    binding: str
    target: tuple[float, float, float | None]
    target_text: str
    intervals: tuple[tuple[float, int, float], ...] = ()
    """Per intraday interval: (offered load, positions needed, contacts)."""


def _target(channel: Channel) -> tuple[float, float, float | None, str]:
    target = channel.target
    if target and target.service_level:
        sl = target.service_level
        return float(sl.share), float(sl.seconds), _opt(target.asa), str(sl)
    if target and target.first_response:
        seconds = float(target.first_response)
        return DEFERRED_SHARE, seconds, None, f"first response within {fmt_seconds(seconds)}"
    if target and target.asa:
        return 0.0, 0.0, float(target.asa), f"ASA {fmt_seconds(target.asa)}"
    return DEFAULT_SL[0], DEFAULT_SL[1], None, ""


def _opt(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _size(plan: Plan, channel: Channel) -> _Sizing:
    weekly = weekly_contacts(channel)
    hours = channel.schedule.weekly_hours
    sl, threshold, asa, text = _target(channel)
    if not channel.human or channel.handle_time is None or weekly == 0 or hours == 0:
        model = (
            "self-service"
            if channel.kind == Kind.self_service
            else ("bots" if not channel.human else "none")
        )
        return _Sizing(
            model, "even", weekly, hours, 0.0, 0, _ZERO, "none", (sl, threshold, asa), text
        )
    aht = exact(channel.handle_time)
    cap = exact(plan.staffing.max_occupancy)
    model = _model(channel, threshold)
    if channel.volume and channel.volume.intervals is not None:
        return _size_intervals(channel, model, weekly, hours, aht, cap, (sl, threshold, asa), text)
    load = weekly * aht / (hours * 3600)
    if channel.peak_factor:
        load *= exact(channel.peak_factor)
    positions, binding = _solve(channel, model, load, float(aht), cap, (sl, threshold, asa))
    spread = "peak_factor" if channel.peak_factor else "even"
    return _Sizing(
        model,
        spread,
        weekly,
        hours,
        float(load),
        positions,
        positions * hours,
        binding,
        (sl, threshold, asa),
        text,
    )


def _model(channel: Channel, threshold: float) -> str:
    if channel.kind in DEFERRED_KINDS:
        return "erlang-c-deferred" if threshold <= QUEUE_LIKE_SECONDS else "workload"
    if channel.patience is not None:
        return "erlang-a"
    return "erlang-c-concurrent" if channel.concurrency > 1 else "erlang-c"


def _solve(
    channel: Channel,
    model: str,
    load: Fraction,
    aht: float,
    cap: Fraction,
    target: tuple[float, float, float | None],
) -> tuple[int, str]:
    sl, threshold, asa = target
    k = channel.concurrency  # chat: Erlang C over agents × k slots, AHT measured at k
    if model == "workload":
        return q.occupancy_floor(load / k, cap), "workload"
    if model == "erlang-a":
        assert channel.patience is not None
        abandon = channel.target.abandonment_max if channel.target else None
        req = q.required_a(
            load, aht, sl, threshold, float(channel.patience), asa, _opt(abandon), cap
        )
    else:
        req = q.required_c(load, aht, sl, threshold, asa, cap)
    return -(-req.agents // k), req.binding  # positions: slots ÷ k, rounded up


def _size_intervals(
    channel: Channel,
    model: str,
    weekly: Fraction,
    hours: Fraction,
    aht: Fraction,
    cap: Fraction,
    target: tuple[float, float, float | None],
    text: str,
) -> _Sizing:
    volume = channel.volume
    assert volume is not None and volume.intervals is not None and volume.interval is not None
    length = exact(volume.interval)
    days = len(volume.days) if volume.days else channel.schedule.open_days
    staffed, peak, peak_load, binding = _ZERO, 0, 0.0, "none"
    each = []
    for interval in volume.intervals:
        load = exact(interval.contacts) * aht / length
        n, why = _solve(channel, model, load, float(aht), cap, target) if load else (0, "none")
        staffed += n * length / 3600
        each.append((float(load), n, float(interval.contacts)))
        if n > peak:
            peak, peak_load, binding = n, float(load), why
    return _Sizing(
        model,
        "intervals",
        weekly,
        hours,
        peak_load,
        peak,
        staffed * days,
        binding,
        target,
        text,
        tuple(each),
    )


def _planned_fte(plan: Plan, sized: list[_Sizing], required: list[Fraction]) -> dict[str, Fraction]:
    """Channel FTE as planned; unassigned staff split in proportion to what channels need."""
    assigned = {c.id: exact(c.agents) for c in plan.channels if c.agents is not None}
    pool = (
        exact(plan.staffing.agents) - sum(assigned.values(), _ZERO)
        if plan.staffing.agents is not None
        else _ZERO
    )
    needs = {
        c.id: need
        for c, s, need in zip(plan.channels, sized, required, strict=True)
        if c.agents is None and c.human and s.positions
    }
    total_need = sum(needs.values(), _ZERO)
    if pool > 0 and total_need > 0:
        for cid, need in needs.items():
            assigned[cid] = pool * need / total_need
    return assigned


def _achieved(
    channel: Channel,
    s: _Sizing,
    required_fte: Fraction,
    planned_fte: Fraction,
    per_position: Fraction,
) -> ChannelMetrics:
    positions = 0
    if s.hours and per_position:
        positions = math.floor(planned_fte / (s.hours * per_position))
    base = ChannelMetrics(
        channel.id,
        channel.kind.value,
        s.model,
        s.spread,
        s.weekly,
        s.hours,
        s.load,
        s.positions,
        required_fte,
        planned_fte,
        positions,
        s.binding,
        target_text=s.target_text,
    )
    if s.model in ("self-service", "bots", "none") or channel.handle_time is None:
        return base
    return _with_performance(channel, base, positions, s)


def _evaluate(channel: Channel, s: _Sizing, positions: int, load: float) -> q.QueueResult:
    aht, threshold = float(channel.handle_time or 0), s.target[1]
    slots = positions * channel.concurrency
    if channel.patience is not None and s.model == "erlang-a":
        if not slots:
            return q.QueueResult(0, load, False, 1.0, 0.0, None, 1.0, 1.0)
        return q.evaluate_a(slots, load, aht, threshold, float(channel.patience))
    return q.evaluate_c(slots, load, aht, threshold)


def _first_response(
    channel: Channel, r: q.QueueResult, positions: int, load: float
) -> float | None:
    if channel.kind not in DEFERRED_KINDS or not r.stable:
        return None
    slots = positions * channel.concurrency
    return q.threshold_for(DEFERRED_SHARE, slots, load, float(channel.handle_time or 0))


def _through_the_day(
    channel: Channel, base: ChannelMetrics, s: _Sizing
) -> tuple[q.QueueResult, float | None]:
    """The planned staff, scheduled to follow the forecast, judged interval by interval.

    Each interval gets the positions it needs scaled by planned ÷ required FTE; service
    level, ASA and abandonment are weighted by contacts, occupancy by load.
    """
    ratio = base.planned_fte / base.required_fte if base.required_fte else _ZERO
    results = [
        (_evaluate(channel, s, math.floor(n * ratio), load), load, contacts, n)
        for load, n, contacts in s.intervals
        if load
    ]
    total = sum(c for _, _, c, _ in results) or 1.0
    work = sum(load for _, load, _, _ in results) or 1.0

    def mean(values: list[tuple[float | None, float]], weight: float) -> float | None:
        if any(v is None for v, _ in values):
            return None
        return sum((v or 0.0) * w for v, w in values) / weight

    stable = all(r.stable for r, *_ in results)
    sl = mean([(r.service_level, c) for r, _, c, _ in results], total) or 0.0
    asa = mean([(r.asa, c) for r, _, c, _ in results], total) if stable else None
    occupancy = mean([(r.occupancy, load) for r, load, _, _ in results], work) or 0.0
    abandonment = (
        mean([(r.abandonment, c) for r, _, c, _ in results], total)
        if s.model == "erlang-a"
        else None
    )
    firsts = [_first_response(channel, r, math.floor(n * ratio), load) for r, load, _, n in results]
    first = None if not firsts or None in firsts else max(f or 0.0 for f in firsts)
    summary = q.QueueResult(
        base.planned_positions, s.load, stable, 0.0, sl, asa, occupancy, abandonment
    )
    return summary, first


def _with_performance(
    channel: Channel, base: ChannelMetrics, positions: int, s: _Sizing
) -> ChannelMetrics:
    if s.intervals:
        r, first = _through_the_day(channel, base, s)
    else:
        r = _evaluate(channel, s, positions, s.load)
        first = _first_response(channel, r, positions, s.load)
    return base._replace(
        service_level=r.service_level,
        asa=r.asa,
        occupancy=r.occupancy,
        abandonment=r.abandonment,
        first_response=first,
        stable=r.stable,
    )


def _assumptions(plan: Plan) -> list[str]:
    notes = []
    for channel in plan.channels:
        if not channel.human or channel.volume is None:
            continue
        if channel.volume.intervals is not None:
            notes.append(
                f"{channel.id}: {len(channel.volume.intervals)} intraday intervals solved one by "
                "one; planned staff assumed scheduled to follow the forecast"
            )
        elif channel.peak_factor is None:
            notes.append(
                f"{channel.id}: volume spread evenly over {channel.hours} "
                "(give intervals or peak_factor for peaks)"
            )
    return notes
