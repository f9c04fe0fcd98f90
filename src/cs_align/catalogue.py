"""The metrics catalogue: every named figure a rule or a strategy file can bound."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Literal, NamedTuple, get_args

from cs_align.metrics import ChannelMetrics, Metrics
from cs_align.plan import Plan

Number = float | Decimal | Fraction | int | None


Scope = Literal["plan", "channel"]
SCOPES: tuple[Scope, ...] = get_args(Scope)
"""What a metric is a figure of: the plan, or each channel (`cs-align schema metrics`)."""


class MetricDef(NamedTuple):
    name: str
    unit: str
    meaning: str
    scope: Scope


def _dec(value: Decimal | None) -> Number:
    return value


def _people_share(p: Plan, m: Metrics) -> Number:
    if p.budget is None or not p.budget.total:
        return None
    return p.budget.lines.get("people", Decimal(0)) / p.budget.total


def _line_share(name: str) -> Callable[[Plan, Metrics], Number]:
    def share(p: Plan, m: Metrics) -> Number:
        if p.budget is None or not p.budget.total:
            return None
        line = p.budget.line(name)  # every line that reads as `name` (review attack49 A03)
        return (line.amount if line else Decimal(0)) / p.budget.total

    return share


def _human_channels(p: Plan, m: Metrics) -> Number:
    return sum(1 for c in p.channels if c.human)


def _containment(p: Plan, m: Metrics) -> Number:
    return max((c.containment or Decimal(0) for c in p.channels), default=Decimal(0))


PLAN_METRICS: dict[str, tuple[MetricDef, Callable[[Plan, Metrics], Number]]] = {
    d.name: (d, f)
    for d, f in [
        (
            MetricDef(
                name="cost_per_contact",
                unit="currency",
                meaning="budget per year ÷ contacts per year handled by people and bots",
                scope="plan",
            ),
            lambda p, m: m.cost_per_contact,
        ),
        (
            MetricDef(
                name="required_fte",
                unit="FTE",
                meaning="FTE the declared targets need with whole headcounts on shift all "
                "the time (needed_fte: the least that keeps them)",
                scope="plan",
            ),
            lambda p, m: m.required_fte,
        ),
        (
            MetricDef(
                name="needed_fte",
                unit="FTE",
                meaning="the least FTE, to a tenth, that keep the declared targets, as check, "
                "promise and fix tell it (a channel whose planned staff keep them needs no "
                "more than them)",
                scope="plan",
            ),
            lambda p, m: m.needed_fte,
        ),
        (
            MetricDef(
                name="required_fte_at_ceiling",
                unit="FTE",
                meaning="FTE the targets and the occupancy ceiling need together: the targets' "
                "whole headcounts on shift all the time, or, where more, the exact staff that "
                "hold the ceiling (not whole headcounts)",
                scope="plan",
            ),
            lambda p, m: m.required_fte_at_ceiling,
        ),
        (
            MetricDef(name="planned_fte", unit="FTE", meaning="FTE the plan staffs", scope="plan"),
            lambda p, m: m.planned_fte,
        ),
        (
            MetricDef(
                name="fte_gap",
                unit="FTE",
                # The need every command tells, channel by channel: whole headcounts all the
                # time made a plan that keeps its targets 0.25 FTE short (review calc41 F3),
                # and one channel's spare staff hid another's shortfall (calc42 F9).
                meaning="FTE the targets need beyond the plan, channel by channel, and a "
                "channel with no target its workload at the ceiling (what fix and whatif add; "
                "0 when every channel keeps its targets)",
                scope="plan",
            ),
            lambda p, m: sum((c.extra_fte for c in m.channels), Fraction(0)),
        ),
        (
            MetricDef(
                name="people_cost_required",
                unit="currency/year",
                meaning="loaded cost of the FTE the targets need (a channel whose planned staff "
                "keep "
                "its targets needs no more than them)",
                scope="plan",
            ),
            lambda p, m: m.people_cost_required,
        ),
        (
            MetricDef(
                name="people_cost_planned",
                unit="currency/year",
                meaning="planned FTE × loaded cost",
                scope="plan",
            ),
            lambda p, m: m.people_cost_planned,
        ),
        (
            MetricDef(
                name="annual_contacts",
                unit="contacts/year",
                meaning="contacts reaching people or bots a year",
                scope="plan",
            ),
            lambda p, m: m.annual_contacts,
        ),
        (
            MetricDef(name="budget_total", unit="currency", meaning="budget total", scope="plan"),
            lambda p, m: p.budget.total if p.budget else None,
        ),
        (
            MetricDef(
                name="people_share",
                unit="share",
                meaning="people line ÷ budget total",
                scope="plan",
            ),
            _people_share,
        ),
        (
            MetricDef(
                name="goodwill_share",
                unit="share",
                meaning="goodwill line ÷ budget total",
                scope="plan",
            ),
            _line_share("goodwill"),
        ),
        (
            MetricDef(
                name="training_share",
                unit="share",
                meaning="training line ÷ budget total",
                scope="plan",
            ),
            _line_share("training"),
        ),
        (
            MetricDef(
                name="training_hours_per_agent",
                unit="hours/year",
                meaning="training per agent",
                scope="plan",
            ),
            lambda p, m: p.staffing.training_hours_per_agent,
        ),
        (
            MetricDef(
                name="refund_authority",
                unit="currency",
                meaning="what a rep may spend without approval",
                scope="plan",
            ),
            lambda p, m: p.staffing.refund_authority,
        ),
        (
            MetricDef(
                name="leadership_service_hours_per_month",
                unit="hours/month",
                meaning="leaders' hours in service",
                scope="plan",
            ),
            lambda p, m: p.staffing.leadership_service_hours_per_month,
        ),
        (
            MetricDef(
                name="annual_attrition",
                unit="share",
                meaning="agents leaving per year",
                scope="plan",
            ),
            lambda p, m: p.staffing.annual_attrition,
        ),
        (
            MetricDef(
                name="shrinkage",
                unit="share",
                meaning="paid time not available for contacts",
                scope="plan",
            ),
            lambda p, m: p.staffing.shrinkage,
        ),
        (
            MetricDef(
                name="max_occupancy", unit="share", meaning="occupancy ceiling", scope="plan"
            ),
            lambda p, m: p.staffing.max_occupancy,
        ),
        (
            MetricDef(
                name="human_channels",
                unit="count",
                meaning="channels staffed by people",
                scope="plan",
            ),
            _human_channels,
        ),
        (
            MetricDef(
                name="fte_per_channel",
                unit="FTE",
                meaning="planned FTE ÷ human-staffed channels",
                scope="plan",
            ),
            lambda p, m: m.planned_fte / max(1, _human_channels(p, m) or 1),
        ),
        (
            MetricDef(
                name="self_service_containment",
                unit="share",
                meaning="highest self-service containment",
                scope="plan",
            ),
            _containment,
        ),
    ]
}

CHANNEL_METRICS: dict[str, tuple[MetricDef, Callable[[ChannelMetrics], Number]]] = {
    d.name: (d, f)
    for d, f in [
        (
            MetricDef(
                name="service_level",
                unit="share",
                meaning="share answered within the target time with the planned agents",
                scope="channel",
            ),
            lambda c: c.service_level,
        ),
        (
            MetricDef(
                name="asa",
                unit="seconds",
                meaning="average speed of answer with the planned agents",
                scope="channel",
            ),
            lambda c: c.asa,
        ),
        (
            MetricDef(
                name="occupancy",
                unit="share",
                meaning="share of agents' time on contacts",
                scope="channel",
            ),
            lambda c: c.occupancy,
        ),
        (
            MetricDef(
                name="abandonment",
                unit="share",
                meaning="expected share who hang up (Erlang A)",
                scope="channel",
            ),
            lambda c: c.abandonment,
        ),
        (
            MetricDef(
                name="first_response",
                unit="seconds",
                meaning="time within which 90% get a first reply (deferred channels)",
                scope="channel",
            ),
            lambda c: c.first_response,
        ),
        (
            MetricDef(
                name="channel_required_fte",
                unit="FTE",
                meaning="FTE this channel's target needs with whole headcounts on shift all "
                "the time",
                scope="channel",
            ),
            lambda c: c.required_fte,
        ),
        (
            MetricDef(
                name="channel_needed_fte",
                unit="FTE",
                meaning="the least FTE, to a tenth, that keep this channel's targets, as check "
                "tells it (no more than the planned staff where they keep them)",
                scope="channel",
            ),
            lambda c: c.needed_fte,
        ),
        (
            MetricDef(
                name="channel_required_fte_at_ceiling",
                unit="FTE",
                meaning="FTE this channel's target and the occupancy ceiling need together: "
                "the target's whole headcounts on shift all the time, or, where more, the "
                "exact staff that hold the ceiling (not whole headcounts)",
                scope="channel",
            ),
            lambda c: c.required_fte_at_ceiling,
        ),
        (
            MetricDef(
                name="channel_planned_fte",
                unit="FTE",
                meaning="FTE planned for this channel",
                scope="channel",
            ),
            lambda c: c.planned_fte,
        ),
        (
            MetricDef(
                name="offered_load",
                unit="Erlangs",
                meaning="contacts × handle time per open hour",
                scope="channel",
            ),
            lambda c: c.offered_load,
        ),
        (
            MetricDef(
                name="required_positions",
                unit="agents",
                meaning="agents on shift the target needs (busiest stretch; whole for a queue)",
                scope="channel",
            ),
            lambda c: c.required_positions,
        ),
        (
            MetricDef(
                name="planned_positions",
                unit="agents",
                meaning="agents on shift the planned FTE give, exactly (busiest stretch; may be a "
                "fraction)",
                scope="channel",
            ),
            lambda c: c.planned_positions,
        ),
    ]
}


def all_metrics() -> list[MetricDef]:
    return [d for d, _ in PLAN_METRICS.values()] + [d for d, _ in CHANNEL_METRICS.values()]


def names() -> list[str]:
    return sorted([*PLAN_METRICS, *CHANNEL_METRICS])
