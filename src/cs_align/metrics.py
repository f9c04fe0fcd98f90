"""Plan → named figures, computed once: staffing the targets need, what the staff achieve,
what the budget funds. Rules, `promise`, reports and `diff` read only these."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import NamedTuple

from cs_align import queueing as q
from cs_align import sizing
from cs_align.fractional import Performance, Queue, keepable
from cs_align.plan import Channel, Kind, Plan
from cs_align.schedule import Schedule
from cs_align.sizing import DEFERRED_SHARE, QUEUE_LIKE_SECONDS, Demand, Goal, waits_for_staff
from cs_align.units import (
    PERIOD_HOURS,
    WEEK_MINUTES,
    WRITTEN,
    calendar_note,
    exact,
    fmt_fte,
    fmt_on_shift,
    fmt_seconds,
    fmt_share,
    fmt_time_share,
    minor,
    planned_fte,
    scale,
    shown_gap,
    shown_need,
)

__all__ = [
    "DEFERRED_SHARE",
    "QUEUE_LIKE_SECONDS",
    "WEEKS_PER_YEAR",
    "Changes",
    "ChannelMetrics",
    "Metrics",
    "compute",
    "holding_fte",
]

WEEKS_PER_YEAR = PERIOD_HOURS["year"] / 168
_ZERO = Fraction(0)
_NO_GOAL = Goal(kind="none", share=0.0, seconds=0.0, asa=None, abandonment=None, text="")


@dataclass(frozen=True)
class Changes:
    """Inputs changed from the plan's own: a what-if, a fix, a sensitivity row.

    Every figure any command prints comes from `compute(plan, changes)`, so a changed plan
    is judged by the same model as the plan itself.
    """

    volume: Fraction = Fraction(1)
    """Factor on every channel's contacts."""
    handle_time: Fraction = Fraction(1)
    """Factor on every channel's handle time."""
    handle_time_added: Fraction = Fraction(0)
    """Seconds added to every channel's handle time, after the factor (aht=+30s)."""
    shrinkage: Fraction | None = None
    """Instead of `staffing.shrinkage`."""
    agents: Mapping[str, Fraction] = field(default_factory=dict)
    """Planned FTE by channel id, instead of the channel's `agents`."""
    total_agents: Fraction | None = None
    """Instead of `staffing.agents`."""


WEEK_HOURS = Fraction(WEEK_MINUTES, 60)
"""Hours in a week: a channel open all of them is open round the clock."""


class ChannelMetrics(NamedTuple):
    id: str
    kind: str
    model: sizing.Model
    spread: sizing.Spread
    weekly_contacts: Fraction
    open_hours_per_week: Fraction
    offered_load: float
    """Erlangs in the busiest stretch (the whole open week unless intervals or a peak)."""
    required_positions: Fraction
    """On shift in the busiest stretch for the targets: whole for a queue."""
    required_fte: Fraction
    """FTE the stated targets need (a channel with none: its workload at the ceiling)."""
    planned_fte: Fraction
    planned_positions: Fraction
    """On shift in the busiest stretch with the planned FTE, exactly (never floored)."""
    binding: sizing.Binding
    """What decides the staff this channel should have: a target, or occupancy (the
    ceiling)."""
    service_level: float | None = None
    asa: float | None = None
    occupancy: float | None = None
    abandonment: float | None = None
    first_response: float | None = None
    stable: bool = True
    target_text: str = ""
    required_positions_at_ceiling: Fraction = _ZERO
    required_fte_at_ceiling: Fraction = _ZERO
    """FTE for the targets and the occupancy ceiling together."""
    target_binding: sizing.Binding = "none"
    """The target that decides `required_fte`."""
    workload_hours: Fraction = _ZERO
    """Hours of handling a week."""
    planned_hours: Fraction = _ZERO
    """Productive hours a week the planned FTE give this channel."""
    misses: tuple[str, ...] = ()
    """Stated targets the planned staff do not keep."""
    goal: Goal = _NO_GOAL
    parts: tuple[tuple[Queue, Fraction, float], ...] = ()
    keeping_fte: Fraction = _ZERO
    """For a channel with a stated target: the least FTE, a multiple of the tenth `fix`
    writes, whose figures keep every stated target, judged as the planned FTE are (part
    of the time one person short of a whole headcount); what `fix` writes and every output
    prices, whether the planned staff miss the targets or keep them (review calc33 F2: a
    kept plan was priced at its planned staff). Whole headcounts all the time
    (`required_fte`) can ask for far more: 15.4 FTE where 13.8 keep the targets (review
    calc29 F3). Zero when no search was made (no target, or nobody planned who keep it)."""
    keeping_positions: Fraction = _ZERO
    """On shift in the busiest stretch with `keeping_fte`."""
    ceiling_fte: Fraction = _ZERO
    """For a channel whose planned staff miss a stated target or pass the occupancy
    ceiling: the least FTE, a multiple of a tenth, that keep the targets and hold the
    ceiling, judged as the planned FTE are (what `fix` writes for both); over intervals,
    the ceiling held in every one (review calc41 F7)."""
    highest_occupancy: float | None = None
    """The occupancy `occupancy-cap` judges: over intraday intervals the busiest one's (a
    peak at 92.5% passed on a week's 84.75%, review calc41 F7), else ``occupancy``; None
    where that is."""
    highest_at: str = ""
    """The interval ``highest_occupancy`` is in ("09:00"); empty for one stretch."""
    pool_extra: Fraction | None = None
    """For a channel a shared team staffs (no `agents:` of its own) that is short: its part
    of what the team as a whole is short (`_pool_gaps`), where the team's staff beyond
    another member's need move to it; None elsewhere."""

    @property
    def fte_gap(self) -> Fraction:
        return self.required_fte - self.planned_fte

    @property
    def extra_fte(self) -> Fraction:
        """FTE beyond the plan that the targets need, as every output shows and prices them:
        the need shown (up to the tenth `fix` writes) less the planned FTE, so that planned +
        extra is the need beside it and the money is the extra times the cost (59.1 − 54.969
        = 4.131 FTE × 41,000 = 169,371 USD, never the exact 4.0329's 165,349.85 beside
        "4.131 FTE", review calc29 F1); none when the plan keeps them."""
        if self.pool_extra is not None:
            return self.pool_extra
        if self.misses or self.goal.kind == "none":
            return shown_gap(self.needed_fte, self.planned_fte)
        return _ZERO

    def over_ceiling(self, cap: float) -> bool:
        """Whether the planned staff run past the occupancy ceiling ``cap``, as
        `occupancy-cap` judges them: the busiest interval's occupancy, or a team that cannot
        keep up; nobody planned is nobody overworked."""
        judged = self.highest_occupancy
        if judged is None or self.planned_positions == 0:
            return False
        return not self.stable or judged > cap + q.TOLERANCE

    @property
    def at_ceiling_fte(self) -> Fraction:
        """FTE for the targets and the occupancy ceiling together, as `occupancy-cap` tells
        them: `ceiling_fte` where the plan misses either, else `required_fte_at_ceiling`."""
        return self.ceiling_fte or self.required_fte_at_ceiling

    @property
    def needed_fte(self) -> Fraction:
        """FTE the targets need with this plan: the least, to a tenth, that keeps them
        (`keeping_fte`), never above the planned staff where they keep them already."""
        if self.goal.kind != "none" and not self.misses:
            return min(self.planned_fte, self.keeping_fte or self.required_fte)
        if self.misses and self.keeping_fte:
            return self.keeping_fte
        return self.required_fte

    @property
    def open_time(self) -> str:
        """What a first response or a resolution is counted in, as every output says it
        beside the figure: " of open time" on a channel closed part of the week (sizing
        counts its open hours only, so a Friday evening's message waits for Monday beyond
        it), nothing on one open round the clock (review calc53 W10: the report's and
        whatif's "59m" read as by the clock where `promise` said "59m of open time")."""
        return " of open time" if self.open_hours_per_week < WEEK_HOURS else ""

    def keepable(self, share: float) -> float | None:
        """Shortest time within which the planned staff answer ``share`` of contacts."""
        return keepable(list(self.parts), share) if self.parts else None


class Metrics(NamedTuple):
    channels: tuple[ChannelMetrics, ...]
    planned_fte: Fraction
    assigned_fte: Fraction
    required_fte: Fraction
    productive_hours_per_fte: Fraction
    annual_contacts: Fraction
    people_cost_required: Decimal | None
    """A year's cost of the FTE the targets need (`needed_fte`)."""
    people_cost_planned: Decimal | None
    cost_per_contact: Decimal | None
    assumptions: tuple[str, ...] = ()
    required_fte_at_ceiling: Fraction = _ZERO
    people_cost_at_ceiling: Decimal | None = None
    needed_fte: Fraction = _ZERO
    """FTE the targets need: each channel's `ChannelMetrics.needed_fte` as outputs show it
    (`units.shown_need`), added up."""
    period_years: Fraction = Fraction(1)
    """Length of the plan's period in years, exactly (1 without a period)."""
    loaded_cost: Decimal | None = None
    """The plan's loaded cost per FTE a year."""
    money_unit: Decimal = Decimal("0.01")
    """The plan's currency's minor unit (ISO 4217): money is rounded to it, once."""
    stated_fte: Fraction | None = None
    """`staffing.agents` as the plan (or a what-if's scaling of it) states it; None where
    the plan states none. `planned_fte` is it, or the channels' own FTE where they hold more
    (agents-within-total judges the two)."""

    def channel(self, channel_id: str) -> ChannelMetrics | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def unsized_among_beyond(self) -> str:
        """Where the FTE planned beyond the targets' need hold staff on lines with no volume
        or handle time, which no target sizes, those named: " (2 of them on desk, a line
        with no volume or handle time to size)". A desk's 2 FTE read as part of "the 3.4 FTE
        planned beyond them", as if spare, beside a phone's 1.4 (planner60 left). Where the
        desks hold more than are beyond the need (a phone short of it), all of them are the
        desks': "0.4 FTE planned beyond them (2 of them on desk …)" counted more of them
        than there were (recheck61)."""
        desks = [c for c in self.channels if c.model == "none" and c.planned_fte > 0]
        beyond = self.planned_fte - self.needed_fte
        if not desks or beyond <= 0:
            return ""
        held = sum((c.planned_fte for c in desks), _ZERO)
        names = " and ".join(c.id for c in desks)
        lines = "lines" if len(desks) > 1 else "a line"
        if held > beyond:
            holds = "hold" if len(desks) > 1 else "holds"
            return (
                f" (all of them on {names}, {lines} with no volume or handle time to size, "
                f"which {holds} {fmt_fte(held)} FTE)"
            )
        return (
            f" ({fmt_fte(held)} of them on {names}, {lines} with no volume or handle time to size)"
        )

    def for_period(self, yearly: Decimal) -> Decimal:
        """A year's amount over the plan's period, to the currency's minor unit."""
        return scale(yearly, self.period_years, self.money_unit)

    def period_cost(self, fte: Fraction) -> Decimal:
        """What ``fte`` cost over the plan's period: FTE × loaded cost × years, exactly, and
        rounded once to the currency's minor unit (not a year's rounded cost scaled again).
        Only for a plan that states its loaded cost (its `people_cost_*` are not None)."""
        assert self.loaded_cost is not None, "period_cost needs a loaded cost per FTE"
        return scale(self.loaded_cost, fte * self.period_years, self.money_unit)

    def people_short(self, funds: Decimal) -> tuple[Decimal, Decimal]:
        """People money ``funds`` is short by over the period, in the two parts every output
        gives: of what the FTE the targets need cost, and of what the FTE planned beyond that
        need cost, the first part counted once (calc56: 22.7 FTE planned, 17.3 needed, a
        1,000,000 USD line is 72,600 short of the need and 334,800 short of the staff
        beyond it, 407,400 in all). Each part is zero where nothing is short of it."""
        need = self.period_cost(self.needed_fte)
        beyond = Decimal(0)
        if self.planned_fte > self.needed_fte:
            beyond = self.period_cost(self.planned_fte) - max(funds, need)
        return max(need - funds, Decimal(0)), max(beyond, Decimal(0))

    def yearly_cost(self, fte: Fraction) -> Decimal | None:
        """What ``fte`` cost a year, to the currency's minor unit."""
        return None if self.loaded_cost is None else scale(self.loaded_cost, fte, self.money_unit)


def compute(plan: Plan, changes: Changes | None = None) -> Metrics:
    """Every figure of a plan, with ``changes`` to its inputs (none by default)."""
    c = changes or Changes()
    staffing = plan.staffing
    shrinkage = c.shrinkage if c.shrinkage is not None else exact(staffing.shrinkage)
    productive = exact(staffing.paid_hours_per_fte) * (1 - shrinkage)
    # FTE that staff one position for one open hour every week of the year.
    per_hour = WEEKS_PER_YEAR / productive if productive else _ZERO
    cap = exact(staffing.max_occupancy)
    demands = [sizing.demand(ch, c.volume, _handle(ch, c), cap) for ch in plan.channels]
    assigned = _assigned(plan, c)
    ceilings = [
        _kept_up(_held(d.week_ceiling_hours * per_hour, d, cap), d, cap) if d else _ZERO
        for d in demands
    ]
    _within_reach(plan, demands, per_hour, productive, shrinkage)
    floors = [
        _pool_floor(ch, d, per_hour, ch.id in assigned)
        for ch, d in zip(plan.channels, demands, strict=True)
    ]
    tops = [
        _pool_top(ch, d, per_hour, cap, floor, ceiling) if ch.id not in assigned else ceiling
        for ch, d, floor, ceiling in zip(plan.channels, demands, floors, ceilings, strict=True)
    ]
    leasts = {
        ch.id: partial(_exact_least, ch, d, per_hour)
        for ch, d in zip(plan.channels, demands, strict=True)
        if d is not None and ch.id not in assigned
    }
    planned, shared = _planned_fte(plan, c, assigned, floors, tops, leasts)
    channels = tuple(
        _channel(ch, d, planned.get(ch.id, _ZERO), per_hour, at_cap, cap)
        for ch, d, at_cap in zip(plan.channels, demands, ceilings, strict=True)
    )
    channels = _pool_gaps(channels, set(planned) - set(assigned))
    total = c.total_agents if c.total_agents is not None else staffing.agents
    stated = exact(total) if total is not None else None
    total_planned = _staff(stated, assigned, channels)
    annual = (
        _sum(m.weekly_contacts for m in channels if m.kind != Kind.self_service) * WEEKS_PER_YEAR
    )
    years = plan.years
    # Each channel's need as every output shows it (up to the tenth `fix` writes where its
    # staff fall short), so that money priced on it is the FTE shown times the cost: the
    # exact 17.392857 was shown as "17.40 FTE × 50,000 USD = 869,642.86 USD", and a plan
    # following both fixes (17.4 FTE, 869,642.86 for people) was 357.14 short (calc29 F1);
    # and a what-if scenario's need is its channels' (user24 N11: 18.8 beside 15.4 + 3.5).
    needed = _sum(shown_need(m.needed_fte, m.planned_fte) for m in channels)
    at_ceiling = _sum(ceilings)
    cost = staffing.loaded_cost_per_fte
    unit = minor(plan.currency)
    return Metrics(
        channels=channels,
        planned_fte=total_planned,
        assigned_fte=_sum(assigned.values()),
        stated_fte=stated,
        required_fte=_sum(m.required_fte for m in channels),
        productive_hours_per_fte=productive,
        annual_contacts=annual,
        people_cost_required=_money(cost, needed, unit),
        people_cost_planned=_money(cost, total_planned, unit),
        cost_per_contact=_cost_per_contact(plan, annual, years),
        assumptions=tuple(_assumptions(plan, channels) + shared),
        required_fte_at_ceiling=at_ceiling,
        people_cost_at_ceiling=_money(cost, at_ceiling, unit),
        needed_fte=needed,
        period_years=years,
        loaded_cost=cost,
        money_unit=unit,
    )


def _handle(channel: Channel, c: Changes) -> Fraction:
    """The factor on this channel's handle time: the common factor, and the added seconds
    as a share of its own handle time."""
    if not c.handle_time_added or channel.handle_time is None or not channel.handle_time:
        return c.handle_time
    return c.handle_time + c.handle_time_added / exact(channel.handle_time)


def _sum(values: Iterable[Fraction]) -> Fraction:
    """Exact total; zeros (self-service, unstaffed channels) are skipped, not added."""
    found = [v for v in values if v]
    return sum(found[1:], found[0]) if found else _ZERO


def _money(cost: Decimal | None, fte: Fraction, unit: Decimal) -> Decimal | None:
    return None if cost is None else scale(cost, fte, unit)


def _within_reach(
    plan: Plan,
    demands: Sequence[Demand | None],
    per_hour: Fraction,
    productive: Fraction,
    shrinkage: Fraction,
) -> None:
    """Refuse a plan whose channels, one or together, need more than `sizing.MAX_FTE`
    (before any search for their least staff): its figures would no longer be exact. A
    channel's load stops at `queueing.MAX_AGENTS` on shift, so past it one channel is the
    staffing's doing (99.9999999999999999999% shrinkage: an FTE works less than an hour a
    week); the channels together may be many large queues: then their volumes."""
    cause = ""
    if productive < WEEKS_PER_YEAR:  # less than an hour's work a week
        stated = plan.staffing.model_fields_set
        cause = "shrinkage" if shrinkage >= Fraction(99, 100) else "paid_hours_per_fte"
        if cause not in stated:
            cause = next((k for k in ("shrinkage", "paid_hours_per_fte") if k in stated), cause)
    needs = {
        channel.id: max(d.target_hours, d.week_ceiling_hours) * per_hour
        for channel, d in zip(plan.channels, demands, strict=True)
        if d is not None
    }
    if not needs:
        return
    largest = max(needs, key=lambda cid: needs[cid])
    if needs[largest] > sizing.MAX_FTE:
        raise sizing.Unstaffable(largest, needs[largest], productive, cause)
    together = sum(needs.values(), _ZERO)
    if together > sizing.MAX_FTE:
        raise sizing.Unstaffable(largest, together, productive, cause, together=True)


def _cost_per_contact(plan: Plan, annual: Fraction, years: Fraction) -> Decimal | None:
    if plan.budget is None or annual == 0:
        return None
    return scale(plan.budget.total, 1 / (years * annual), Decimal("0.0001"))


def _pool_gaps(
    channels: tuple[ChannelMetrics, ...], pooled: set[str]
) -> tuple[ChannelMetrics, ...]:
    """The channels a shared team staffs, each short one given its part of what the team
    as a whole is short: the members' gaps to their needs less the team's staff beyond the
    needs of the members that have more, shared in proportion to the gaps. The team is one
    set of people: priced each alone, a pool of 10 FTE over a phone that needs 5.4 (given
    5.482143) and an inbox with no target whose ceiling needs 5.5 (given 4.517857) read
    0.982143 extra FTE, 47,142.96 USD, where the two need 10.9, 0.9 more than the 10, as
    `budget-funds-targets` says (43,200.09 USD short) and as the same plan with its 10 FTE
    written 5 and 5 is priced (recalc59)."""
    members = [m for m in channels if m.id in pooled and m.model != "none"]
    gaps = {m.id: m.extra_fte for m in members}
    short = _sum(gaps.values())
    if not short:
        return channels
    beyond = _sum(
        max(Fraction(m.planned_fte) - shown_need(m.needed_fte, m.planned_fte), _ZERO)
        for m in members
        if not gaps[m.id]
    )
    if not beyond:
        return channels
    left = max(short - beyond, _ZERO)
    return tuple(
        m._replace(pool_extra=gaps[m.id] * left / short) if gaps.get(m.id) else m for m in channels
    )


def _assigned(plan: Plan, c: Changes) -> dict[str, Fraction]:
    found = {ch.id: exact(ch.agents) for ch in plan.channels if ch.agents is not None}
    if c.agents:
        ids = {ch.id for ch in plan.channels}
        found.update((k, Fraction(v)) for k, v in c.agents.items() if k in ids)
    return found


def _staff(
    stated: Fraction | None, assigned: dict[str, Fraction], channels: Sequence[ChannelMetrics]
) -> Fraction:
    """The plan's staff: the stated total, or the FTE its channels state as their own where
    they hold more. A total below them (agents-within-total) is no cheaper plan: counted
    at the total, 0 FTE beside a phone's 3.6 passed people-line-funds-staff on no money,
    while `fix` raises such a total to the channels' sum and `fix --keep-budget` pays for
    that sum (planner62)."""
    if stated is None:
        return _sum(m.planned_fte for m in channels)
    return max(stated, _sum(assigned.values()))


def _planned_fte(
    plan: Plan,
    c: Changes,
    assigned: dict[str, Fraction],
    floors: list[Fraction],
    ceilings: list[Fraction],
    leasts: Mapping[str, Callable[[Fraction], Fraction]],
) -> tuple[dict[str, Fraction], list[str]]:
    """Channel FTE as planned, and the note that says how a pool was shared. Unassigned
    staff (a pooled team) are shared out as a planner would schedule them: each channel
    first gets the least FTE that keep its targets (the `needed_fte` every command tells;
    exactly, where the tenths do not fit), then all move together towards what the
    occupancy ceiling needs, then beyond it in proportion to that (as `sizing.allocate`
    shares a channel's staff between intervals). Split in proportion
    to whole-headcount needs, a pool of 20 FTE gave chat 6.0 where its targets need 6.1
    and phone 14.0 where 13.8 keep its own: "chat misses" of a pool that covers both
    (review calc36 F2)."""
    total = c.total_agents if c.total_agents is not None else plan.staffing.agents
    pool = exact(total) - sum(assigned.values(), _ZERO) if total is not None else _ZERO
    open_needs = {
        ch.id: (least, max(least, ceiling))
        for ch, least, ceiling in zip(plan.channels, floors, ceilings, strict=True)
        if ch.id not in assigned and ch.human and (least or ceiling)
    }
    planned = dict(assigned)
    if pool <= 0 or not open_needs:
        return planned, []
    shares, how = _share_pool(pool, open_needs, leasts)
    cut = _in_millionths(shares, pool)
    planned.update(cut)
    # The split is a figure a planner checks by hand, and no plan line states it: a team of
    # 30 FTE over chat and e-mail read "plan has 21.230929 FTE" with no word where it came
    # from (review calc51 D4).
    given = ", ".join(f"{cid} {fmt_fte(fte)}" for cid, fte in cut.items())
    return planned, [
        f"shared team: the {fmt_fte(pool)} FTE of staffing.agents no channel states as its "
        f"own go to {given}: {how}"
    ]


def _in_millionths(shares: dict[str, Fraction], pool: Fraction) -> dict[str, Fraction]:
    """A pool's shares in the millionths a plan writes, adding up to the pool: each cut
    down, and the millionths that drops given to the largest remainders (as `whatif` splits
    a team's cost between channels). A share with no end (3.8132252…) beside a need of 4.9
    made a gap shown "1.1 FTE" and priced 54,338.74 USD, the exact 1.0867748 (review calc42
    F2); in millionths the gaps are 1.086775 and 1.013225 FTE, 54,338.75 and 50,661.25 USD
    at 50,000, adding up to the team's 2.1 FTE and 105,000 USD, in every command."""
    cut = {cid: planned_fte(fte) for cid, fte in shares.items()}
    if (pool * WRITTEN).denominator != 1:
        return cut  # a pool written to more places than a plan's millionths
    left = int((pool - sum(cut.values(), _ZERO)) * WRITTEN)
    for cid in sorted(shares, key=lambda c: cut[c] - shares[c])[: max(left, 0)]:
        cut[cid] += Fraction(1, WRITTEN)
    return cut


def _share_pool(
    pool: Fraction,
    needs: dict[str, tuple[Fraction, Fraction]],
    leasts: Mapping[str, Callable[[Fraction], Fraction]],
) -> tuple[dict[str, Fraction], str]:
    """``pool`` FTE shared among channels by (least that keeps the targets, to the tenth;
    need at the ceiling): each least first, then from each least towards its ceiling alike,
    then beyond the ceilings in proportion to them. A pool short of the leasts to the tenth
    gives each channel its least exactly (``leasts``), then moves them toward their tenths
    alike, and only below the exact leasts shares in proportion to them: the tenth each
    least is rounded up to must not break a pool that holds every exact least (review
    calc38 F6: the targets `promise` offered a pool of 46.0, declared together, needed
    46.1 to the tenth, and the split in proportion left every channel under its least)."""
    least = sum((low for low, _ in needs.values()), _ZERO)
    ceiling = sum((high for _, high in needs.values()), _ZERO)
    if pool < least:
        lows = {cid: leasts[cid](low) if cid in leasts else low for cid, (low, _) in needs.items()}
        held = sum(lows.values(), _ZERO)
        exact = " + ".join(fmt_fte(_up_to_millionth(low)) for low in lows.values())
        if held <= pool:
            step = (pool - held) / (least - held)
            return (
                {cid: lows[cid] + (low - lows[cid]) * step for cid, (low, _) in needs.items()},
                f"each the least FTE that keep its targets exactly ({exact}), then towards "
                f"those leasts to the tenth ({fmt_fte(least)} FTE) alike",
            )
        return (
            {cid: low * pool / held for cid, low in lows.items()},
            f"short of the least FTE that keep the targets ({exact} FTE), shared in "
            "proportion to them",
        )
    tenths = " + ".join(fmt_fte(low) for low, _ in needs.values())
    if pool <= ceiling and ceiling > least:
        step = (pool - least) / (ceiling - least)
        return (
            {cid: low + (high - low) * step for cid, (low, high) in needs.items()},
            f"each the least FTE, to a tenth, that keep its targets ({tenths}), then the rest "
            "towards what the occupancy ceiling needs, alike",
        )
    tops = " + ".join(fmt_fte(high) for _, high in needs.values())
    return (
        {cid: high * pool / ceiling for cid, (_, high) in needs.items()},
        f"beyond what the targets and the occupancy ceiling need ({tops} FTE), in "
        "proportion to that",
    )


def _up_to_millionth(fte: Fraction) -> Fraction:
    return Fraction(math.ceil(fte * WRITTEN), WRITTEN)


def _pool_floor(channel: Channel, d: Demand | None, per_hour: Fraction, assigned: bool) -> Fraction:
    """The least FTE, to a tenth, that keep a pooled channel's stated targets (none for a
    channel without targets or with its own `agents`): what its share of a pool covers
    first. The targets' whole-headcount need where even that misses."""
    if assigned or d is None or d.goal.kind == "none" or not per_hour:
        return _ZERO
    found = _least(channel, d, _ZERO, per_hour)
    return found[0] if found else d.target_hours * per_hour


_MILLIONTH = Fraction(1, 10**6)


def _exact_least(channel: Channel, d: Demand, per_hour: Fraction, floor: Fraction) -> Fraction:
    """The least FTE, to a millionth, that keep a pooled channel's stated targets, judged as
    planned FTE are: found by halving the tenth below ``floor`` (the least to the tenth, a
    tenth fewer miss). ``floor`` itself where it does not keep them (the whole headcount's
    need of a channel no tenth keeps)."""

    def keeps(millionths: int) -> bool:
        judged, _, got = sizing.binding(channel, d, millionths * _MILLIONTH / per_hour)
        return not sizing.misses(judged.goal, got.performance)

    high = math.ceil(floor / _MILLIONTH)
    if not per_hour or high <= 0 or not keeps(high):
        return floor
    low = max(high - 10**5, 0)
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (low, mid) if keeps(mid) else (mid, high)
    return high * _MILLIONTH


def _pool_top(
    channel: Channel,
    d: Demand | None,
    per_hour: Fraction,
    cap: Fraction,
    floor: Fraction,
    ceiling: Fraction,
) -> Fraction:
    """The least FTE, to a tenth, that keep a pooled channel's targets and hold the
    occupancy ceiling (the figure `occupancy-cap` tells): where a pool's share of it
    stops. Toward the whole headcount its target needs, a phone line took 0.6 FTE it did
    not need while the e-mail beside it ran over the ceiling (review calc38 F1)."""
    if d is None or not per_hour:
        return ceiling
    found = _least(channel, d, _ZERO, per_hour, cap, floor or None)
    return max(floor, found[0]) if found else ceiling


def _channel(
    channel: Channel,
    d: Demand | None,
    planned_fte: Fraction,
    per_hour: Fraction,
    at_ceiling: Fraction,
    cap: Fraction,
) -> ChannelMetrics:
    if d is None:
        return _unsized(channel, planned_fte)
    staffed = planned_fte / per_hour if per_hour else _ZERO  # position-hours a week
    target_fte = d.target_hours * per_hour
    required_fte = _kept_up(target_fte, d, cap, planned_fte)
    sized = d
    d, positions, got = sizing.binding(channel, d, staffed)
    peak, p = d.peak, got.performance
    need = d.needs[peak]
    missed = sizing.misses(d.goal, p)
    if missed:
        keeping = _least(channel, sized, planned_fte, per_hour)
    elif d.goal.kind != "none" and planned_fte:
        # Kept: the least that keeps, at most the planned, is the need every command tells
        # and the budget prices (review calc33 F2: a kept plan was priced at its planned
        # 3.47 FTE, "3,500 USD short", where 3.3 keep the target).
        keeping = _least(channel, sized, planned_fte, per_hour, kept=True)
    else:
        keeping = None
    over = not p.stable or got.highest > float(cap) + q.TOLERANCE
    start = keeping[0] if keeping else None
    decides = need.binding if start is None else _deciding(channel, sized, start, per_hour, need)
    held = _least(channel, sized, planned_fte, per_hour, cap, start) if missed or over else None
    # Nobody planned is nobody busy: no occupancy (0/0), as `occupancy-cap` skips the line
    # (review calc52 W2: "100%" beside an 85% ceiling the rule said nobody was over).
    nobody = positions[peak] == 0
    return ChannelMetrics(
        id=channel.id,
        kind=channel.kind.value,
        model=d.model,
        spread=d.spread,
        weekly_contacts=d.weekly,
        open_hours_per_week=channel.schedule.weekly_hours,
        offered_load=float(d.slices[peak].load),
        required_positions=_scaled(need.target, required_fte, target_fte),
        required_fte=required_fte,
        planned_fte=planned_fte,
        planned_positions=positions[peak],
        binding=_binding(d, decides),
        service_level=p.service_level if d.goal.timed else None,
        asa=p.asa,
        occupancy=None if nobody else got.occupancy,
        abandonment=p.abandonment,
        first_response=got.first_response,
        stable=p.stable,
        target_text=d.goal.text,
        required_positions_at_ceiling=_scaled(
            need.ceiling, at_ceiling, d.week_ceiling_hours * per_hour
        ),
        required_fte_at_ceiling=at_ceiling,
        target_binding=decides,
        workload_hours=Fraction(  # contacts × handle time ÷ concurrency
            d.weekly.numerator * d.aht.numerator,
            d.weekly.denominator * d.aht.denominator * 3600 * channel.concurrency,
        ),
        planned_hours=staffed,
        misses=missed,
        goal=d.goal,
        parts=got.parts,
        keeping_fte=keeping[0] if keeping else _ZERO,
        keeping_positions=keeping[1] if keeping else _ZERO,
        ceiling_fte=held[0] if held else _ZERO,
        highest_occupancy=None if nobody else got.highest,
        highest_at=_interval_at(channel, d, got.highest_at),
    )


def _kept_up(fte: Fraction, d: Demand, cap: Fraction, planned: Fraction = _ZERO) -> Fraction:
    """``fte``, the need of a channel with no target at its occupancy ceiling, or the least
    tenth above it where that ceiling is 100% (the ``planned`` FTE where fewer are above
    it, as a need is never shown above the staff that keep it): there the need is the
    offered load itself, which staff exactly that busy cannot keep up with (a queue is
    stable only below 100%, λ < nμ). A 100% ceiling on 336 h of mail a week read "needs
    10.5 FTE" in occupancy-cap, promise and deferred-backlog's fix, where 10.5 FTE (7.9 on
    shift, 100% busy) were themselves said to fall behind without bound, and whatif showed
    10.625 planned FTE, exactly the load, as the need (review calc60). Erlang A needs no
    margin: callers who hang up keep any staff from falling behind."""
    if d.goal.kind == "none" and cap < 1:
        return _held(fte, d, cap)
    if cap < 1 or d.goal.kind != "none" or d.model == "erlang-a" or not fte:
        return fte
    up = (fte // _TENTH + 1) * _TENTH
    return planned if fte < planned < up else up


def _held(fte: Fraction, d: Demand, cap: Fraction) -> Fraction:
    """``fte``, the need at the occupancy ceiling, or the tenth below it where staff of that
    tenth hold the ceiling as `occupancy-cap` judges it, to `queueing.TOLERANCE`: their
    occupancy is ``cap`` × ``fte`` ÷ tenth (busy time over staffed time, the load fixed).
    4.2500000001 Erlangs on 5 people are 85.000000002% busy, within the 85% ceiling as the
    rule and `staff` read it, and the need was 5.0000000001 FTE, shown as 5.1: promise said
    "its workload at the ceiling needs 5.1 FTE (plan 5), … a year more", whatif priced the
    0.1, and check's JSON gave required_fte_at_ceiling 5.1 beside no finding (calc61).
    Erlang A's busy time is the carried load, which moves with the staff: left as it is."""
    below = fte // _TENTH * _TENTH
    if d.model == "erlang-a" or not below or below == fte:
        return fte
    return below if cap * fte <= below * (cap + _SLACK) else fte


_SLACK = Fraction(q.TOLERANCE)
"""`queueing.TOLERANCE` exactly, as the occupancy ceiling is judged with it."""


def _scaled(positions: Fraction, fte: Fraction, exact_fte: Fraction) -> Fraction:
    """People on shift for ``fte`` where ``positions`` are those of ``exact_fte`` (`_kept_up`
    raised a need by less than a tenth): the one quantity said twice, in both units."""
    return positions * fte / exact_fte if exact_fte and fte != exact_fte else positions


def holding_fte(
    plan: Plan, channel_id: str, planned_fte: Fraction, changes: Changes | None = None
) -> Fraction | None:
    """The least FTE, a multiple of the tenth, at most ``planned_fte``, that keep a channel's
    stated targets and hold the occupancy ceiling, judged as the planned FTE are, under
    ``changes`` (a what-if's or stress's inputs; none: the plan as written): what `fix`
    leaves on a channel it takes staff from (review calc47 R03: an e-mail team keeping its
    target on 2.4 FTE needs 2.8 for the ceiling, and the report gave its 3.7 as 1.3 to
    spare). None where the planned FTE do not, or the channel is not sized."""
    channel = next((ch for ch in plan.channels if ch.id == channel_id), None)
    if channel is None or not planned_fte:
        return None
    c = changes or Changes()
    staffing = plan.staffing
    shrinkage = c.shrinkage if c.shrinkage is not None else exact(staffing.shrinkage)
    productive = exact(staffing.paid_hours_per_fte) * (1 - shrinkage)
    if not productive:
        return None
    cap = exact(staffing.max_occupancy)
    d = sizing.demand(channel, c.volume, _handle(channel, c), cap)
    if d is None:
        return None
    found = _least(channel, d, planned_fte, WEEKS_PER_YEAR / productive, cap, kept=True)
    return found[0] if found else None


def _interval_at(channel: Channel, d: Demand, index: int) -> str:
    """The clock time of the slice at ``index`` over intervals; empty for one stretch."""
    volume = channel.volume
    if d.spread != "intervals" or volume is None or volume.intervals is None:
        return ""
    return volume.intervals[index].at


_TENTH = Fraction(1, 10)


def _least(
    channel: Channel,
    d: Demand,
    planned_fte: Fraction,
    per_hour: Fraction,
    cap: Fraction | None = None,
    keeping: Fraction | None = None,
    kept: bool = False,
) -> tuple[Fraction, Fraction] | None:
    """The least FTE, a multiple of a tenth, that keep every stated target (and with a
    ``cap``, hold the occupancy ceiling too) where the planned FTE do not, and their
    positions on shift in the busiest stretch; found by halving between what is known to
    miss and what the targets need with whole headcounts all the time (at the ceiling, with
    a ``cap``): more staff never achieve less, nor are busier. None where that misses too.

    What is known to miss: the planned FTE; one person fewer than a queue's whole need all
    the time (the need is the least whole headcount that keeps the target), and a tenth
    below inbox work's need (sized to the fraction of a person); and, for the
    ceiling, a tenth below ``keeping`` (the least that keep the targets), where the search
    starts: it holds the ceiling too, more often than not. ``kept``: the planned FTE keep
    the targets, and bound the search from above instead. And what earlier searches on
    the same demand judged (`sizing.Bracket`): the least is the same whatever the planned
    FTE, which only bound where it is looked for."""
    if not per_hour:
        return None
    limit = None if cap is None else float(cap if cap > 0 else 1) + q.TOLERANCE
    known = sizing.REMEMBERED.bracket(d, (per_hour, limit))

    def keeps(tenths: int) -> Fraction | None:
        judged, positions, got = sizing.binding(channel, d, tenths * _TENTH / per_hour)
        p = got.performance
        if sizing.misses(judged.goal, p) or (limit and (not p.stable or got.highest > limit)):
            known.saw(tenths, keeps=False)
            return None
        known.saw(tenths, keeps=True, at=positions[judged.peak])
        return positions[judged.peak]

    hours = d.target_hours if cap is None else max(d.target_hours, d.week_ceiling_hours)
    low = -1 if kept else math.floor(planned_fte / _TENTH)
    whole = d.needs[0].target
    if len(d.slices) == 1 and d.model == "workload" and cap is None:
        # Inbox work is sized to the fraction of a person already (`sizing._need`): a tenth
        # below its need misses.
        low = max(low, math.ceil(d.target_hours * per_hour / _TENTH) - 1)
    elif len(d.slices) == 1 and whole.denominator == 1 and whole > 1:
        low = max(low, math.floor((whole - 1) * d.hours * per_hour / _TENTH))
    high = max(math.ceil(hours * per_hour / _TENTH), low + 1)
    if kept:
        high = max(min(high, math.ceil(planned_fte / _TENTH)), low + 1)
    at: Fraction | None = None
    if keeping is not None:
        tenths = round(keeping / _TENTH)
        low = max(low, tenths - 1)
        if tenths < high and (at := keeps(tenths)) is not None:
            return keeping, at
        low = max(low, tenths)
    checked = False
    # Where earlier searches on this demand left the least (the same for any planned FTE):
    # it never lies at or below a step judged to miss, nor above one judged to keep.
    missed, best = known.missed, known.kept
    if missed >= high:
        return None
    low = max(low, missed)
    if best is not None and low < best[0] <= high:
        (high, at), checked = best, True
    if cap is not None and high - low > 2:
        # With the ceiling, the least is its whole need more often than not: where the
        # ceiling asks more than the targets in any interval, fewer position-hours leave
        # that interval short of it (`sizing.allocate`). A tenth under it is tried first.
        found = keeps(high - 1)
        if found is None:
            low = high - 1
        else:
            high, at, checked = high - 1, found, True
    while high - low > 1:
        mid = (low + high) // 2
        found = keeps(mid)
        if found is None:
            low = mid
        else:
            high, at, checked = mid, found, True
    if not checked:  # the whole headcount's need itself: taken to keep them, now seen to
        at = keeps(high)
        if at is None:
            return None
    assert at is not None
    return high * _TENTH, at


def _deciding(
    channel: Channel, d: Demand, keeping: Fraction, per_hour: Fraction, need: sizing.Need
) -> sizing.Binding:
    """The target that decides the least FTE that keep them all: one a hair fewer miss.
    The whole headcount's binding target (``need``) names it, unless a tenth fewer keep it
    and miss another: with 2 callers on shift short of both, "the service level binds"
    was told of 5.9 FTE where 5.8 kept the service level and missed the abandonment
    ceiling (review calc32 L1)."""
    stated = d.goal.timed + (d.goal.asa is not None) + (d.goal.abandonment is not None)
    # "stability" (the fewest who keep up already keep the target) is a whole headcount's
    # reason, no target: a tenth fewer may keep up and miss the target (review calc38 F5).
    alone = stated + len(d.others) < 2 and need.binding != "stability"
    if alone or keeping <= _TENTH:
        return need.binding

    # Asked a hair under the least that keep them (review p-fix53f 5): the least FTE is to
    # the tenth `fix` writes, and a tenth fewer can miss two targets where fewer by a hair
    # miss one, the one that sets the least (`staff` asks it so, of people on shift). Found
    # to the thousandth of an FTE between the tenth fewer (missing) and the least (keeping).
    def judged_at(fte: Fraction) -> tuple[sizing.Goal, Performance]:
        judged, _, got = sizing.binding(channel, d, fte / per_hour)
        return judged.goal, got.performance

    # In thousandths of an FTE: ``low`` misses, ``high`` keeps.
    low, high = int((keeping - _TENTH) * 1000), int(keeping * 1000)
    goal, fewer = judged_at(Fraction(low, 1000))
    # A tenth fewer keep them (as before), or keep up and miss one target: fewer by a hair
    # miss no other (more staff never miss more), so that one decides.
    if fewer.stable and len(sizing.misses(goal, fewer)) <= 1:
        return sizing.deciding(goal, fewer, need.binding)

    def keeps(thousandths: int) -> bool:
        judged, got = judged_at(Fraction(thousandths, 1000))
        return got.stable and not sizing.misses(judged, got)

    least = sizing.least_kept(low, high, keeps)
    if least - 1 > low:
        goal, fewer = judged_at(Fraction(least - 1, 1000))
    return sizing.deciding(goal, fewer, need.binding)


def _unsized(channel: Channel, planned_fte: Fraction) -> ChannelMetrics:
    """Self-service, bots, and staffed channels with no volume or handle time to size."""
    model: sizing.Model
    if channel.kind == Kind.self_service:
        model = "self-service"
    else:
        model = "none" if channel.human else "bots"
    return ChannelMetrics(
        id=channel.id,
        kind=channel.kind.value,
        model=model,
        spread="even",
        weekly_contacts=sizing.weekly_contacts(channel),
        open_hours_per_week=channel.schedule.weekly_hours,
        offered_load=0.0,
        required_positions=_ZERO,
        required_fte=_ZERO,
        planned_fte=planned_fte,
        planned_positions=_ZERO,
        binding="none",
        target_text=sizing.goal(channel, _ZERO).text,
    )


def _binding(d: Demand, target: sizing.Binding) -> sizing.Binding:
    """What decides the staff a channel should have: the ceiling when it asks for more than
    the targets (or there is no target), else the target that binds."""
    if d.week_ceiling_hours > d.target_hours or (d.goal.kind == "none" and d.week_ceiling_hours):
        return "occupancy"
    return target


def _unequal_days(channel: Channel) -> list[str]:
    """A volume a day over open days of unequal length is the week's (count × open days)
    spread by the hour, so a short day gets fewer than the count and a long one more: said,
    with what each gets (review calc53: "5 a day" on Mon-Fri 7.5 h and Sat 3 h put 2.2 calls
    on Saturday, which no planner reads from "5 a day")."""
    volume, week = channel.volume, channel.schedule
    if volume is None or volume.per != "day" or volume.contacts is None or week.open_days < 2:
        return []
    hours = _open_day_hours(week)
    if len(set(hours)) == 1:
        return []
    count = exact(volume.contacts)
    per_hour = count * week.open_days / week.weekly_hours
    each = ", one of ".join(
        f"{_clock_hours(h)} gets {_figure(per_hour * h)}" for h in sorted(set(hours), reverse=True)
    )
    return [
        f"{channel.id}: {_figure(count)} a day on {week.open_days} open days of unequal length "
        f"are {_figure(count * week.open_days)} a week spread evenly by the hour: a day of "
        f"{each} (split the channel by day to give each day its own count)"
    ]


def _open_day_hours(week: Schedule) -> list[Fraction]:
    """Open hours of each open day, from its opening to the next day's (round the week)."""
    ends = [*week.opens[1:], week.opens[0] + WEEK_MINUTES]
    return [
        Fraction(
            week.open_minutes(start, end)
            + week.open_minutes(start - WEEK_MINUTES, end - WEEK_MINUTES),
            60,
        )
        for start, end in zip(week.opens, ends, strict=True)
    ]


def _clock_hours(hours: Fraction) -> str:
    """7.5 h, 3 h."""
    return f"{float(hours):g} h"


def _figure(value: Fraction) -> str:
    """A count as a planner writes it: 5, 30, 2.2 (to the tenth where not whole)."""
    return f"{int(value):,}" if value.denominator == 1 else f"{round(float(value), 1):,g}"


def _assumptions(plan: Plan, channels: tuple[ChannelMetrics, ...]) -> list[str]:
    notes = []
    for channel, m in zip(plan.channels, channels, strict=True):
        if m.model in ("self-service", "bots", "none"):
            continue
        if m.spread == "intervals":
            notes.append(
                f"{channel.id}: intraday intervals solved one by one; planned staff "
                "scheduled to follow the forecast"
            )
            notes += _interval_notes(channel, m, float(plan.staffing.max_occupancy))
            if channel.peak_factor is not None:  # review calc36 L6: dropped without a word
                notes.append(
                    f"{channel.id}: peak_factor {channel.peak_factor} not applied: the "
                    "intervals give the day's peaks"
                )
        elif m.spread == "even":
            notes.append(
                f"{channel.id}: volume spread evenly over {channel.hours} "
                "(give intervals or peak_factor for peaks)"
            )
            notes += _unequal_days(channel)
        elif m.spread == "peak_factor":
            # The figures are the busiest hour's, held every open hour: a planner checking
            # the offered load (×1.4 the average) and the staff paid for all day needs to
            # know (review calc49 D4: the note was left out, the only spread without one).
            notes.append(
                f"{channel.id}: sized for the busiest hour, {channel.peak_factor} × the "
                f"volume spread evenly over {channel.hours}, held all open hours (give "
                "intervals to staff the quieter hours for less)"
            )
            notes += _unequal_days(channel)
        elif m.spread == "week":
            notes.append(
                f"{channel.id}: peak_factor {channel.peak_factor} not applied: work that "
                "waits in the inbox is judged over the week, whatever its target (a peak's "
                "backlog is answered in the quieter hours; give intervals to size busy hours)"
            )
        if m.planned_positions.denominator != 1:
            inbox = waits_for_staff(channel)
            notes.append(f"{channel.id}: {_part_time(m, channel.concurrency, inbox)}")
        notes += _target_notes(channel, m)
    if any(m.model not in ("self-service", "bots", "none") for m in channels):
        notes += _staffing_defaults(plan)
    notes += _calendar(plan, channels)
    if "currency" not in plan.model_fields_set and (
        plan.budget or plan.staffing.loaded_cost_per_fte
    ):
        # A European plan that leaves the line out got a client report in dollars, with no
        # word that they were assumed (review user24 N6).
        notes.append("currency: USD (not stated: the default; state `currency:` to change)")
    return notes


def _calendar(plan: Plan, channels: tuple[ChannelMetrics, ...]) -> list[str]:
    """How long a month and a year are, wherever a figure is turned from one period to
    another by them: a planner checking 30,000 calls a month over 60 open hours a week by
    hand takes 4.33 weeks (52 ÷ 12), 4.345 (365 days) or 4.348 (365.25), and the offered
    load is 9.615, 9.589 or 9.5825 Erlangs (review calc50 F2). A weekly volume uses the
    year too: a staffed channel's FTE spread an FTE's paid hours a year over 52.18 weeks
    (2,080 are 39.86 hours a week, 40 by 52), and the cost per contact counts a year's
    contacts over them; the line was said only for volumes per month or year (p-fix51o 7)."""
    sized = any(m.model not in ("self-service", "bots", "none") for m in channels)
    # Contacts a year count where they price a contact: every channel but self-service.
    counted = plan.budget is not None and any(
        m.weekly_contacts for m in channels if m.kind != Kind.self_service
    )
    volumes = [
        channel.volume.per
        for channel, m in zip(plan.channels, channels, strict=True)
        if channel.volume
        and m.spread != "intervals"
        and (m.model not in ("self-service", "bots", "none") or counted)
    ]
    if any(per in ("month", "year") for per in volumes):
        spread = "volumes and paid hours given per month or year are spread over them"
        return [calendar_note(True, spread)]
    uses = []
    if sized:
        uses.append("an FTE's paid hours a year are spread over them")
    if counted:
        uses.append("the cost per contact counts a year's contacts over them")
    return [calendar_note(False, "; ".join(uses))] if uses else []


def _staffing_defaults(plan: Plan) -> list[str]:
    """The staffing figures sizing used that the plan does not state: a hand calculation
    needs them too."""
    s = plan.staffing
    figures = {
        "shrinkage": f"shrinkage {float(s.shrinkage) * 100:g}%",
        "paid_hours_per_fte": f"{float(s.paid_hours_per_fte):,g} paid hours per FTE a year",
        "max_occupancy": f"occupancy ceiling {float(s.max_occupancy) * 100:g}%",
    }
    unstated = [text for name, text in figures.items() if name not in s.model_fields_set]
    if not unstated:
        return []
    return [f"staffing: {', '.join(unstated)} (not stated: the defaults; state them to change)"]


def _part_time(m: ChannelMetrics, k: int, inbox: bool = False) -> str:
    """How a fractional headcount is read (see `fractional`). Inbox work (email, social,
    community, messaging) is read so whatever its target: its first response and ASA come
    from it, and no line said so (review calc52 D5: an e-mail desk's 2.11 on shift, 25m14s
    to answer 90%, had no note while a phone line's 6.33 had one)."""
    x = m.planned_positions
    n = math.floor(x)
    if inbox and m.model != "erlang-a":
        # A message that finds nobody waits in the inbox for the next person: the chance of
        # waiting is weighted (nobody on shift: it always waits), and waits end at the pace
        # of the spare capacity of all the staff on shift.
        low = "nobody (a message then waits for the next person)" if n == 0 else f"{n}"
        people = "person" if n == 0 else "people"
        chat = f" ({n * k} and {(n + 1) * k} chat slots at {k} each)" if k > 1 else ""
        return (
            f"{fmt_on_shift(x)} on shift, chance of waiting weighted between {low} and "
            f"{n + 1} {people}{chat}, {_cleared(x)}"
        )
    if n == 0:  # one person part of the time (with chat slots: all of theirs)
        found_nobody = (
            "callers hang up unanswered"
            if m.model == "erlang-a"
            else "contacts wait for the person to come back, past the target"
        )
        return (
            f"{fmt_on_shift(x)} on shift: one person {fmt_time_share(x)} of the time and "
            f"nobody the rest, when {found_nobody}"
        )
    what = "figures" if m.model == "erlang-a" else "chance of waiting"
    # Erlang C: the waits are cleared by all the staff on shift, not by either headcount.
    tail = "" if m.model == "erlang-a" else f", {_cleared(x)}"
    if k > 1:  # the queue is served by chat slots: k for each person on shift
        slots = x * k
        return (
            f"{fmt_on_shift(x)} on shift ({fmt_on_shift(slots)} chat slots at {k} each), {what} "
            f"weighted between {n} and {n + 1} people ({n * k} and {(n + 1) * k} slots){tail}"
        )
    return f"{fmt_on_shift(x)} on shift, {what} weighted between {n} and {n + 1} people{tail}"


def _cleared(x: Fraction) -> str:
    """How the waits of a queue no one leaves end with a fractional headcount: at the pace
    of the spare capacity of all of it (`fractional`), which a hand calculation needs for
    the service level, ASA and first response (review calc52 D5)."""
    return f"waits cleared by the spare capacity of all {fmt_on_shift(x)} (on shift less the load)"


def _interval_notes(channel: Channel, m: ChannelMetrics, cap: float) -> list[str]:
    """What the day's figures average away: intervals under the service level or over the
    occupancy ceiling at the planned staff (a target's verdict is the day's, as targets are
    read; the ceiling's is every interval's, `occupancy-cap`, review calc41 F7)."""
    volume = channel.volume
    if volume is None or volume.intervals is None or not m.parts:
        return []
    labels = [i.at for i in volume.intervals if i.contacts > 0]
    if len(labels) != len(m.parts):
        return []
    g, notes = m.goal, []
    results = sizing.each_at(m.parts, g.seconds)  # each load's once, as they were judged
    if g.kind == "service_level":
        under = [(r.service_level, at) for r, at in zip(results, labels, strict=True)]
        under = [u for u in under if u[0] < g.share - q.TOLERANCE]
        if under:
            low, at = sizing.extreme(under, highest=False)
            notes.append(
                f"{channel.id}: {len(under)} of {len(labels)} intervals fall under "
                f"{g.share * 100:g}% at the planned staff (lowest "
                f"{fmt_share(low, float(g.share))} at {at}); "
                "the target is judged on the day's mix"
            )
    busy = [  # nobody on shift with contacts arriving: as busy as a queue can be
        (r.busy / float(x) if x else 1.0, at)
        for r, (_, x, _), at in zip(results, m.parts, labels, strict=True)
    ]
    over = [b for b in busy if b[0] > cap + q.TOLERANCE]
    if over:
        high, at = sizing.extreme(over, highest=True)
        notes.append(
            f"{channel.id}: {len(over)} of {len(labels)} intervals run over the "
            f"{cap * 100:g}% occupancy ceiling at the planned staff (highest "
            f"{fmt_share(min(high, 1.0), cap)} at {at}); the ceiling is judged in every interval"
        )
    return notes


def _target_notes(channel: Channel, m: ChannelMetrics) -> list[str]:
    target = channel.target
    notes = []
    waits = [w for w in (target.first_response, target.resolution) if w] if target else []
    if any(w.business for w in waits):
        per_day = channel.schedule.hours_per_open_day
        notes.append(
            f"{channel.id}: business time counts open hours only "
            f"({float(per_day):g} h a business day)"
        )
    if m.goal.kind == "resolution":
        notes.append(
            f"{channel.id}: resolution read as a first response within the resolution time "
            "less one handle time (contacts resolved in one touch)"
        )
    if waits:
        # A planner checking an inbox's need by hand must know which share is kept: 3.5 FTE
        # keep 90% within 4 business hours, not all of them; no output said so but the
        # report's summary line (review calc52 D2).
        share = f"{DEFERRED_SHARE * 100:g}%"
        assert target is not None  # waits are the target's
        kinds = [
            n
            for n, w in (
                ("first response", target.first_response),
                ("resolution", target.resolution),
            )
            if w
        ]
        notes.append(
            f"{channel.id}: a {' or '.join(kinds)} time is kept when {share} of contacts are "
            f"answered within it (the first response given is the time {share} are answered "
            "within)"
        )
    notes += _offered_note(channel, m)
    return notes


def _offered_note(channel: Channel, m: ChannelMetrics) -> list[str]:
    """Which calls a service level with abandonment is a share of. Callers who hang up are
    counted as not answered in time, so the figure is lower than an ACD's share of answered
    calls: 5 s patience, 10 agents on 6.63 Erlangs answer 94.06% of all offered calls within
    30 s, and 100.0% of those answered, since 5.94% hang up (review calc50 F4: no output
    said which the service level was)."""
    g, level, gone = m.goal, m.service_level, m.abandonment
    if m.model != "erlang-a" or g.kind != "service_level" or level is None or gone is None:
        return []
    if gone >= 1:
        return []
    answered = min(1.0, level / (1.0 - gone))
    # A chat is no call, nor its customer a caller (review calc53: a chat with patience read
    # "the share of all offered calls").
    what, who = {
        Kind.chat: ("chats", "customers who leave"),
        Kind.messaging: ("messages", "customers who leave"),
    }.get(channel.kind, ("calls", "callers who hang up"))
    return [
        f"{channel.id}: service level is the share of all offered {what} answered within "
        f"{fmt_seconds(g.seconds)}, {who} counted as not answered in time "
        f"({fmt_share(level, g.share)}; of the {what} answered, {fmt_share(answered, g.share)})"
    ]
