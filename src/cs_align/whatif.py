"""`whatif`: a plan judged under changed inputs, scenario by scenario.

Each scenario is the plan with some inputs changed (see `cs_align.scenarios`), judged by
`engine.evaluate` with those changes: the same sizing (`metrics.compute`), the same rules
of the plan's strategy and the same waivers as `check`. The plan as planned comes first
and is exactly what `check` says of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from cs_align.errors import CsAlignError
from cs_align.inputs import changes, stated
from cs_align.metrics import Changes, ChannelMetrics, Metrics, holding_fte
from cs_align.scenarios import AS_PLANNED, Scenario
from cs_align.units import (
    column_gap,
    fmt_fte,
    fmt_money,
    fmt_percent,
    named_count,
    scale,
    shown_gap,
    shown_need,
    split_cost,
)

if TYPE_CHECKING:
    from cs_align.engine import CheckOptions
    from cs_align.findings import Finding, Report
    from cs_align.loader import LoadedPlan
    from cs_align.plan import Plan

SIZED = ("erlang-a", "erlang-c", "erlang-c-concurrent", "erlang-c-deferred", "workload")
"""Channel models with staff to judge (not self-service, bots or unsized channels)."""
_ZERO = Fraction(0)


class Outcome(NamedTuple):
    """One scenario, judged."""

    scenario: Scenario
    report: Report
    broken: tuple[Finding, ...]
    """Findings (warning or worse) the plan does not have as planned."""
    changes: Changes | None = None
    """The scenario's inputs, as `metrics.compute` took them (None: the plan as written)."""

    @property
    def metrics(self) -> Metrics:
        assert self.report.metrics is not None
        return self.report.metrics

    @property
    def channels(self) -> tuple[ChannelMetrics, ...]:
        return tuple(c for c in self.metrics.channels if c.model in SIZED)

    @property
    def required_fte(self) -> Fraction:
        return self.metrics.required_fte

    @property
    def extra_fte(self) -> Fraction:
        return sum((c.extra_fte for c in self.channels), _ZERO)

    def extra_cost(self, cost: Decimal | None) -> Decimal | None:
        """A year's loaded cost of the extra FTE, rounded once to the currency's minor unit,
        as `fix` and the report price a shortfall (review calc39 F1: the channels' figures,
        each rounded, added up to 5,000.04 EUR where 0.5 FTE × 10,000.10 is 5,000.05)."""
        if cost is None:
            return None
        return scale(cost, self.extra_fte, self.metrics.money_unit)

    def channel_costs(self, cost: Decimal | None) -> dict[str, Decimal]:
        """Each channel's share of ``extra_cost``, to the minor unit, adding up to it
        (``units.split_cost``)."""
        if cost is None:
            return {}
        extra = {c.id: c.extra_fte for c in self.channels}
        return split_cost(cost, extra, self.metrics.money_unit)


def raised_fte(report: Report) -> Fraction:
    """What `fix` raises the short channels by, before it moves staff to spare: each
    channel's gap to the need shown (`extra_fte`), or, where `occupancy-cap` (not waived)
    finds it past the ceiling, to what that finding says the targets and the ceiling need,
    as `fix` writes it. The extra FTE price the targets alone: with 12.2 FTE on no channel,
    phone 12.5 short and email over its ceiling by 0.5, `whatif` and the report said 0.3
    FTE were left to hire (18,600 USD a year) where `fix` hires 0.8 (49,600 USD), raising
    email 4.5 → 5 too (review calc51b)."""
    assert report.metrics is not None
    over = {f.path for f in report.findings if f.rule == "occupancy-cap" and f.counts}
    total = _ZERO
    for c in report.metrics.channels:
        gap = Fraction(c.extra_fte)
        if f"channels[{c.id}]" in over:
            gap = max(gap, shown_gap(c.at_ceiling_fte, c.planned_fte))
        total += gap
    return total


def ceiling_raises(report: Report) -> dict[str, tuple[ChannelMetrics, Fraction]]:
    """By channel id, what `fix` raises a channel by beyond its targets' gap (`extra_fte`)
    to hold the occupancy ceiling, where `occupancy-cap` (not waived) finds it past it: the
    part of `raised_fte` the extra FTE leave out."""
    assert report.metrics is not None
    over = {f.path for f in report.findings if f.rule == "occupancy-cap" and f.counts}
    found = {}
    for c in report.metrics.channels:
        if f"channels[{c.id}]" not in over or c.goal.kind == "none":
            continue  # a line with no target needs its workload at the ceiling: its extra
        # Beyond the line's own targets' gap: a shared team's `extra_fte` nets what other
        # members spare, which is no part of the ceiling's raise (a pooled inbox read
        # +0.096078 FTE where its 0.1 extra was the ceiling's need already).
        targets = shown_gap(c.needed_fte, c.planned_fte)
        beyond = shown_gap(c.at_ceiling_fte, c.planned_fte) - targets
        if beyond > 0:
            found[c.id] = (c, beyond)
    return found


def kept_fte(plan: Plan, m: ChannelMetrics, changes: Changes | None = None) -> Fraction:
    """What a channel that keeps its targets keeps when staff move from it, under
    ``changes``: the need shown, or more where the occupancy ceiling needs more (all its
    planned FTE where they do not hold it), found by the same search as the need, with the
    headcount on shift a fraction of a person as planned FTE are judged (review calc51b
    L1: with 20 phone staff needing 13.8, whatif's note counted whole headcounts at the
    ceiling, 15.4, and said 4.6 were beyond what keeps the targets where the report's own
    stress line said 6.2; 13.8 keep 80/20 and 8% abandonment at 59% occupancy)."""
    need = shown_need(m.needed_fte, m.planned_fte)
    if m.planned_fte <= need:
        return need
    held = holding_fte(plan, m.id, Fraction(m.planned_fte), changes)
    return Fraction(m.planned_fte) if held is None else max(need, held)


def spare_fte(
    plan: Plan, metrics: Metrics, changes: Changes | None = None, movable: bool = True
) -> dict[str, Fraction]:
    """Staff `fix` may move to a short channel, at no cost, before it hires any (as
    `fixstaff._moved` does), with ``changes`` to the plan's inputs: by channel id, each
    channel with its own `agents:` that keeps its targets, what it has beyond the least that
    keeps them and the occupancy ceiling (`kept_fte`); under "" the staff on no channel.
    `extra_fte` prices each short channel alone: `whatif` read 1.7 extra FTE, 105,400 USD,
    where email had 2.8 to spare and `fix` moved them for nothing (review p-fix51o 5). Fix's
    rule guards may keep some back: this is the most it can move. The one count of staff
    to spare: whatif's notes, the report's stress notes and its summary all take it.
    ``movable`` False: every channel that keeps its targets, a shared team's and one with
    no target too, as the report's summary counts what the planned FTE cover beyond the
    need, whoever may move them."""
    own = {c.id for c in plan.channels if c.agents is not None}
    spare: dict[str, Fraction] = {}
    for m in metrics.channels:
        if m.model not in SIZED or m.misses:
            continue
        if movable and (m.id not in own or m.goal.kind == "none"):
            continue
        kept = kept_fte(plan, m, changes)
        if kept < m.planned_fte:
            spare[m.id] = Fraction(m.planned_fte) - kept
    on_channels = sum((Fraction(c.planned_fte) for c in metrics.channels), _ZERO)
    on_none = Fraction(metrics.planned_fte) - on_channels
    if plan.staffing.agents is not None and on_none > 0:
        spare[""] = on_none
    return spare


@dataclass(frozen=True)
class WhatIf:
    loaded: LoadedPlan
    outcomes: tuple[Outcome, ...]
    skipped: tuple[str, ...] = ()
    """Default stresses left out, each with why: "shrinkage +5pt: shrinkage would be 102%"."""

    @property
    def planned(self) -> Outcome:
        return self.outcomes[0]

    @property
    def cost(self) -> Decimal | None:
        return self.loaded.plan.staffing.loaded_cost_per_fte

    def spare(self, outcome: Outcome) -> dict[str, Fraction]:
        """Staff `fix` may move to a short channel in ``outcome``'s scenario (`spare_fte`)."""
        return spare_fte(self.loaded.plan, outcome.metrics, outcome.changes)

    def spare_notes(self) -> list[str]:
        """Why a scenario's extra FTE are not what `fix` would buy: other channels' staff
        to spare (`spare`), which fix moves to a short channel for nothing before it hires
        (review p-fix51o 5: 1.7 extra FTE, 105,400 USD a year, beside email's staff to
        spare that fix moved). The whatif table and Markdown, and the report, say them: the
        first in full, the others by their figures alone (the same words ten times over
        buried the figures a client reads)."""
        notes: list[str] = []
        for o in self.outcomes:
            spare = self.spare(o)
            total = sum(spare.values(), _ZERO)
            if not o.extra_fte or not total:
                continue
            cost = o.extra_cost(self.cost)
            currency = self.loaded.plan.currency
            priced = "" if cost is None else f" ({fmt_money(cost, currency)} a year)"
            shown = named_count(len(spare))
            where = [
                f"{fmt_fte(fte)} FTE on {cid}" if cid else f"{fmt_fte(fte)} FTE on no channel"
                for cid, fte in list(spare.items())[:shown]
            ]
            if len(spare) > shown:  # counted past the first few, as `_raises` counts
                more = sum(list(spare.values())[shown:], _ZERO)
                where.append(f"{fmt_fte(more)} FTE on {len(spare) - shown} more lines")
            rest = max(raised_fte(o.report) - total, _ZERO)
            # Never "hire as few as 0.0 FTE" (review user52): the spare cover it all.
            hires = f"as few as {column_gap(rest)} FTE" if rest else "nobody"
            head = f"{o.scenario.name}: the {column_gap(o.extra_fte)} extra FTE{priced}"
            spare_words = f"{' and '.join(where)} are beyond what keeps their targets"
            if notes:  # said once: ten notes of one sentence buried the figures (user54)
                notes.append(f"{head}; {spare_words} and the ceiling (it would hire {hires})")
                continue
            notes.append(
                f"{head} price each short channel alone; {spare_words} and the occupancy "
                "ceiling, which `cs-align fix` moves to a short channel at no cost before it "
                f"hires any (it would hire {hires})"
            )
        return notes


def ceiling_notes(whatif: WhatIf) -> list[str]:
    """Where `fix` raises a channel past its targets' need to hold the occupancy ceiling,
    what that adds to the extra FTE, which price the targets alone: a phone 89.6% busy past
    an 85% ceiling read "0.0 extra FTE" while `fix` raised it 5.6 → 6, 16,000 USD a year
    (planner62). Priced as hires; where other lines have staff to spare (`spare_fte`),
    what `fix` would still hire once they move. The first note in full, the other
    scenarios by their figures."""
    notes: list[str] = []
    cap = fmt_percent(whatif.loaded.plan.staffing.max_occupancy)
    for o in whatif.outcomes:
        raises = ceiling_raises(o.report)
        if not raises:
            continue
        said = _raises(whatif, list(raises.values()))
        spare = sum(whatif.spare(o).values(), _ZERO)
        if spare:
            rest = max(raised_fte(o.report) - spare, _ZERO)
            hires = f"as few as {column_gap(rest)} FTE" if rest else "nobody"
            said += f" if hired; it moves staff to spare first (and would hire {hires})"
        if notes:
            notes.append(f"{o.scenario.name}: the ceiling raises {said}")
            continue
        notes.append(
            f"{o.scenario.name}: the extra FTE price the targets alone; to hold the {cap} "
            f"occupancy ceiling `cs-align fix` also raises {said}"
        )
    return notes


def _raises(whatif: WhatIf, raises: list[tuple[ChannelMetrics, Fraction]]) -> str:
    """The raises of a scenario, the first few by line (`units.named_count`) and the rest
    in all: "mail-0 to 3.9 FTE (+0.4, 24,800 USD a year), …, and 57 more lines (+22.8 FTE,
    1,413,600 USD a year)". A plan of 60 email lines read all 60 raises in each of its ten
    notes, a screenful a scenario."""
    shown = named_count(len(raises))
    said = ", ".join(_raise(whatif, m, beyond) for m, beyond in raises[:shown])
    rest = raises[shown:]
    if not rest:
        return said
    beyond = sum((b for _, b in rest), _ZERO)
    cost = whatif.planned.metrics.yearly_cost(beyond)
    currency = whatif.loaded.plan.currency
    priced = "" if cost is None else f", {fmt_money(cost, currency)} a year"
    return f"{said}, and {len(rest)} more lines (+{column_gap(beyond)} FTE{priced})"


def _raise(whatif: WhatIf, m: ChannelMetrics, beyond: Fraction) -> str:
    """One channel's raise for the ceiling: "email to 4.7 FTE (+0.2, 12,400 USD a year)"."""
    plan = whatif.loaded.plan
    cost = whatif.planned.metrics.yearly_cost(beyond)
    priced = "" if cost is None else f", {fmt_money(cost, plan.currency)} a year"
    to = fmt_fte(shown_need(m.at_ceiling_fte, m.planned_fte))
    return f"{m.id} to {to} FTE (+{column_gap(beyond)}{priced})"


def run(
    loaded: LoadedPlan,
    options: CheckOptions,
    found: Sequence[Scenario],
    planned: Report | None = None,
) -> WhatIf:
    """Judge the plan as planned (unless ``planned`` is that judgement already), then under
    each scenario.

    Scenarios are judged as `check` judges the plan each describes: the config's
    resilience stress, when it names one, lands on top of the scenario (`resilience.Base`).
    """
    from cs_align.engine import day, evaluate, scopes
    from cs_align.resilience import Base

    units, today = scopes(loaded, options), day(options)
    planned = planned or evaluate(loaded, units, options, today)
    assert planned.metrics is not None
    outcomes = [Outcome(scenario=AS_PLANNED, report=planned, broken=())]
    before = {(f.rule, f.path) for f in planned.findings if f.counts}
    skipped = []
    for scenario in found:
        if not scenario.varies:
            continue
        try:
            change = changes(loaded.plan, planned.metrics, scenario)
            varied = loaded._replace(plan=stated(loaded.plan, scenario))
            base = Base(loaded=loaded, metrics=planned.metrics, scenario=scenario)
            report = evaluate(varied, units, options, today, changes=change, base=base)
        except CsAlignError as error:
            if scenario.asked:
                raise
            why = "; ".join(p.message for p in error.problems)
            skipped.append(why if why.startswith(scenario.name) else f"{scenario.name}: {why}")
            continue
        broken = tuple(
            f
            for f in report.findings
            if f.counts and f.severity > 1 and (f.rule, f.path) not in before
        )
        outcomes.append(Outcome(scenario=scenario, report=report, broken=broken, changes=change))
    return WhatIf(loaded=loaded, outcomes=tuple(outcomes), skipped=tuple(skipped))


class Exposure(NamedTuple):
    """How far one input moves the FTE the targets need, over the values tried."""

    key: str
    low: Outcome
    high: Outcome
    low_change: Fraction
    """Required FTE at ``low`` less as planned (negative when it needs fewer)."""
    high_change: Fraction

    @property
    def span(self) -> Fraction:
        return abs(self.high_change - self.low_change)


def exposures(whatif: WhatIf) -> list[Exposure]:
    """For each input varied on its own: the outcomes needing the fewest and the most FTE,
    largest swing first (a tornado chart's bars)."""
    base = whatif.planned.required_fte
    by_key: dict[str, list[Outcome]] = {}
    for outcome in whatif.outcomes[1:]:
        if len(outcome.scenario.varies) == 1:
            by_key.setdefault(outcome.scenario.varies[0].key, []).append(outcome)
    found = []
    for key, outcomes in by_key.items():
        # On a tie, the outermost value (volume +20% and +30% needing the same: +30%), so a
        # bar's label spans the range tried.
        low = min(outcomes, key=lambda o: o.required_fte)
        high = max(reversed(outcomes), key=lambda o: o.required_fte)
        found.append(
            Exposure(
                key=key,
                low=low,
                high=high,
                low_change=low.required_fte - base,
                high_change=high.required_fte - base,
            )
        )
    return sorted(found, key=lambda e: -e.span)
