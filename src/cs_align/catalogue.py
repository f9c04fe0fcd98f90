"""The metrics catalogue: every named figure a rule or a strategy file can bound."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from cs_align.metrics import ChannelMetrics, Metrics
from cs_align.plan import Plan

Number = float | Decimal | Fraction | int | None


class MetricDef(NamedTuple):
    name: str
    unit: str
    meaning: str
    scope: str  # "plan" or "channel"


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
        return p.budget.lines.get(name, Decimal(0)) / p.budget.total

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
                "cost_per_contact",
                "currency",
                "budget per year ÷ contacts per year handled by people and bots",
                "plan",
            ),
            lambda p, m: m.cost_per_contact,
        ),
        (
            MetricDef("required_fte", "FTE", "FTE the declared targets need", "plan"),
            lambda p, m: m.required_fte,
        ),
        (
            MetricDef(
                "required_fte_at_ceiling",
                "FTE",
                "FTE the targets and the occupancy ceiling need together",
                "plan",
            ),
            lambda p, m: m.required_fte_at_ceiling,
        ),
        (
            MetricDef("planned_fte", "FTE", "FTE the plan staffs", "plan"),
            lambda p, m: m.planned_fte,
        ),
        (
            MetricDef("fte_gap", "FTE", "required minus planned FTE", "plan"),
            lambda p, m: m.required_fte - m.planned_fte,
        ),
        (
            MetricDef(
                "people_cost_required",
                "currency/year",
                "loaded cost of the FTE the targets need (a channel whose planned staff keep "
                "its targets needs no more than them)",
                "plan",
            ),
            lambda p, m: m.people_cost_required,
        ),
        (
            MetricDef("people_cost_planned", "currency/year", "planned FTE × loaded cost", "plan"),
            lambda p, m: m.people_cost_planned,
        ),
        (
            MetricDef(
                "annual_contacts",
                "contacts/year",
                "contacts reaching people or bots a year",
                "plan",
            ),
            lambda p, m: m.annual_contacts,
        ),
        (
            MetricDef("budget_total", "currency", "budget total", "plan"),
            lambda p, m: p.budget.total if p.budget else None,
        ),
        (MetricDef("people_share", "share", "people line ÷ budget total", "plan"), _people_share),
        (
            MetricDef("goodwill_share", "share", "goodwill line ÷ budget total", "plan"),
            _line_share("goodwill"),
        ),
        (
            MetricDef("training_share", "share", "training line ÷ budget total", "plan"),
            _line_share("training"),
        ),
        (
            MetricDef("training_hours_per_agent", "hours/year", "training per agent", "plan"),
            lambda p, m: p.staffing.training_hours_per_agent,
        ),
        (
            MetricDef(
                "refund_authority", "currency", "what a rep may spend without approval", "plan"
            ),
            lambda p, m: p.staffing.refund_authority,
        ),
        (
            MetricDef(
                "leadership_service_hours_per_month",
                "hours/month",
                "leaders' hours in service",
                "plan",
            ),
            lambda p, m: p.staffing.leadership_service_hours_per_month,
        ),
        (
            MetricDef("annual_attrition", "share", "agents leaving per year", "plan"),
            lambda p, m: p.staffing.annual_attrition,
        ),
        (
            MetricDef("shrinkage", "share", "paid time not available for contacts", "plan"),
            lambda p, m: p.staffing.shrinkage,
        ),
        (
            MetricDef("max_occupancy", "share", "occupancy ceiling", "plan"),
            lambda p, m: p.staffing.max_occupancy,
        ),
        (
            MetricDef("human_channels", "count", "channels staffed by people", "plan"),
            _human_channels,
        ),
        (
            MetricDef("fte_per_channel", "FTE", "planned FTE ÷ human-staffed channels", "plan"),
            lambda p, m: m.planned_fte / max(1, _human_channels(p, m) or 1),
        ),
        (
            MetricDef(
                "self_service_containment", "share", "highest self-service containment", "plan"
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
                "service_level",
                "share",
                "share answered within the target time with the planned agents",
                "channel",
            ),
            lambda c: c.service_level,
        ),
        (
            MetricDef(
                "asa", "seconds", "average speed of answer with the planned agents", "channel"
            ),
            lambda c: c.asa,
        ),
        (
            MetricDef("occupancy", "share", "share of agents' time on contacts", "channel"),
            lambda c: c.occupancy,
        ),
        (
            MetricDef("abandonment", "share", "expected share who hang up (Erlang A)", "channel"),
            lambda c: c.abandonment,
        ),
        (
            MetricDef(
                "first_response",
                "seconds",
                "time within which 90% get a first reply (deferred channels)",
                "channel",
            ),
            lambda c: c.first_response,
        ),
        (
            MetricDef("channel_required_fte", "FTE", "FTE this channel's target needs", "channel"),
            lambda c: c.required_fte,
        ),
        (
            MetricDef(
                "channel_required_fte_at_ceiling",
                "FTE",
                "FTE this channel's target and the occupancy ceiling need together",
                "channel",
            ),
            lambda c: c.required_fte_at_ceiling,
        ),
        (
            MetricDef("channel_planned_fte", "FTE", "FTE planned for this channel", "channel"),
            lambda c: c.planned_fte,
        ),
        (
            MetricDef("offered_load", "Erlangs", "contacts × handle time per open hour", "channel"),
            lambda c: c.offered_load,
        ),
        (
            MetricDef(
                "required_positions",
                "agents",
                "agents on shift the target needs (busiest stretch; whole for a queue)",
                "channel",
            ),
            lambda c: c.required_positions,
        ),
        (
            MetricDef(
                "planned_positions",
                "agents",
                "agents on shift the planned FTE give, exactly (busiest stretch; may be a "
                "fraction)",
                "channel",
            ),
            lambda c: c.planned_positions,
        ),
    ]
}


def all_metrics() -> list[MetricDef]:
    return [d for d, _ in PLAN_METRICS.values()] + [d for d, _ in CHANNEL_METRICS.values()]


def names() -> list[str]:
    return sorted([*PLAN_METRICS, *CHANNEL_METRICS])
