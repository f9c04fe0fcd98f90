"""What the planned staff can honestly promise, and how that holds up as volume grows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from cs_align import queueing as q
from cs_align.metrics import DEFERRED_SHARE, ChannelMetrics, Metrics
from cs_align.plan import DEFERRED_KINDS, Channel, Plan
from cs_align.units import fmt_seconds

LIVE_MODELS = ("erlang-c", "erlang-a", "erlang-c-concurrent", "erlang-c-deferred", "workload")


@dataclass(frozen=True)
class Promise:
    channel: str
    declared: str | None
    keepable: str
    """The best target the planned staff keep, e.g. "80% in 95s"."""
    keepable_seconds: float | None
    planned_fte: Fraction
    required_fte: Fraction
    extra_fte: Fraction
    extra_cost: Decimal | None
    """Loaded cost a year of the FTE the declared target needs beyond the plan."""


def _share(channel: Channel) -> float:
    target = channel.target
    if target and target.service_level:
        return float(target.service_level.share)
    return DEFERRED_SHARE


def keepable_seconds(channel: Channel, m: ChannelMetrics) -> float | None:
    """Shortest T such that the planned positions answer the target share within T."""
    share, aht = _share(channel), float(channel.handle_time or 0)
    slots = m.planned_positions * channel.concurrency
    if channel.patience is None or m.model != "erlang-a":
        return q.threshold_for(share, slots, m.offered_load, aht)
    patience = float(channel.patience)

    def level(t: float) -> float:
        return q.evaluate_a(max(slots, 1), m.offered_load, aht, t, patience).service_level

    if slots == 0 or level(1e7) < share:
        return None  # too many hang up before an answer, however long the target
    lo, hi = 0.0, 1e7
    if level(0.0) >= share:
        return 0.0
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if level(mid) >= share else (mid, hi)
    return hi


def _text(channel: Channel, m: ChannelMetrics, share: float, seconds: float | None) -> str:
    if seconds is None and m.abandonment is not None and m.stable:
        answered = (1 - m.abandonment) * 100
        return (
            f"no {share * 100:.0f}% target: only {answered:.0f}% are ever answered "
            "(the rest hang up)"
        )
    if seconds is None:
        return "no target: the planned staff cannot keep up with the volume"
    pct = f"{share * 100:.0f}%"
    time = fmt_seconds(max(math.ceil(seconds), 1))
    if channel.kind in DEFERRED_KINDS:
        return f"first response within {time} ({pct})"
    return f"{pct} in {time}"


def promises(plan: Plan, metrics: Metrics) -> list[Promise]:
    cost = plan.staffing.loaded_cost_per_fte
    found = []
    for channel in plan.channels:
        m = metrics.channel(channel.id)
        if m is None or m.model not in LIVE_MODELS:
            continue
        seconds = keepable_seconds(channel, m)
        extra = max(m.fte_gap, Fraction(0))
        money = None
        if cost is not None:
            money = (cost * Decimal(extra.numerator) / Decimal(extra.denominator)).quantize(
                Decimal(1)
            )
        found.append(
            Promise(
                channel.id,
                m.target_text or None,
                _text(channel, m, _share(channel), seconds),
                seconds,
                m.planned_fte,
                m.required_fte,
                extra,
                money,
            )
        )
    return found


def _level(channel: Channel, m: ChannelMetrics, positions: int, load: float) -> float:
    aht, threshold = float(channel.handle_time or 0), _threshold(channel)
    slots = positions * channel.concurrency
    if channel.patience is not None and m.model == "erlang-a" and slots:
        return q.evaluate_a(slots, load, aht, threshold, float(channel.patience)).service_level
    return q.evaluate_c(slots, load, aht, threshold).service_level


def _threshold(channel: Channel) -> float:
    target = channel.target
    if target and target.service_level:
        return float(target.service_level.seconds)
    if target and target.first_response:
        return float(target.first_response)
    return 20.0


def sensitivity(
    plan: Plan, metrics: Metrics, factors: tuple[float, ...] = (1.0, 1.1, 1.2, 1.3)
) -> dict[str, list[float]]:
    """Service level per channel with the planned staff as volume grows by each factor."""
    table = {}
    for channel in plan.channels:
        m = metrics.channel(channel.id)
        if m is None or m.model not in LIVE_MODELS or channel.kind in DEFERRED_KINDS:
            continue
        table[channel.id] = [
            _level(channel, m, m.planned_positions, m.offered_load * f) for f in factors
        ]
    return table


def curve(plan: Plan, metrics: Metrics, channel_id: str, span: int = 4) -> list[tuple[int, float]]:
    """(agents on shift, service level) around the planned headcount."""
    channel, m = plan.channel(channel_id), metrics.channel(channel_id)
    assert m is not None
    centre = max(m.planned_positions, m.required_positions)
    low = max(1, min(m.planned_positions, m.required_positions) - span)
    return [(n, _level(channel, m, n, m.offered_load)) for n in range(low, centre + span + 1)]
