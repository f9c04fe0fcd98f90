"""Staffing for `fix`: each channel's least FTE, to 0.1, that keeps it clear of the staffing
rules its strategy applies; the total to match.

A channel's figures depend on the channel and the plan's staffing alone, so each is sized
on its own: the plan with that channel only, its `agents` set (`metrics.compute` on a
smaller plan, the one model). More staff never lowers what a channel achieves, so the least
FTE is found by halving between a headcount that fails and one that holds.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from cs_align import fixbudget
from cs_align.findings import Severity
from cs_align.metrics import ChannelMetrics, compute
from cs_align.queueing import TOLERANCE
from cs_align.rules.base import CHANNEL
from cs_align.sizing import deferred
from cs_align.units import named
from cs_align.whatif import SIZED

if TYPE_CHECKING:
    from cs_align.fixer import Draft
    from cs_align.mix import Unit
    from cs_align.plan import Channel, Plan
    from cs_align.resilience import Resilience

STEP = Fraction(1, 10)
"""`fix` writes FTE to a tenth."""
GUARDS = {
    "staffing-meets-targets": "targets",
    "abandonment-max": "targets",
    "occupancy-cap": "ceiling",
    "deferred-backlog": "backlog",
}
"""The rules whose verdict on a channel its staff decide, and what each asks of them."""
_MOST_STEPS = 40


class Guard(NamedTuple):
    """What a channel's staff must hold, at or above which severity."""

    asks: dict[str, Severity]


def guard(units: list[Unit], channel_id: str) -> Guard:
    """The staffing rules the strategy covering this channel applies, with severities."""
    asks: dict[str, Severity] = {}
    for unit in units:
        if CHANNEL not in unit.reaches or (unit.channels and channel_id not in unit.channels):
            continue
        for rule in unit.strategy.rules:
            what = GUARDS.get(rule.id)
            if what is not None and rule.severity in ("warning", "error"):
                level = Severity[rule.severity]
                asks[what] = max(asks.get(what, level), level)
    return Guard(asks=asks)


def holds(plan: Plan, channel: Channel, m: ChannelMetrics, g: Guard, floor: Severity) -> bool:
    """Whether the channel's figures pass every guarded rule at ``floor`` or above."""
    asks = {k for k, level in g.asks.items() if level >= floor}
    if "targets" in asks:
        ceiling = channel.target.abandonment_max if channel.target else None
        if m.misses or (
            ceiling is not None and (m.abandonment or 0.0) > float(ceiling) + TOLERANCE
        ):
            return False
    cap = float(plan.staffing.max_occupancy) + TOLERANCE
    # The occupancy `occupancy-cap` judges: over intervals, the busiest one's (review calc41
    # F7: fix wrote 11.8 FTE, whose 09:00 ran at 92.5%). A queue that never clears is busy
    # all the time, as `occupancy-cap` says: read as holding the ceiling, a chat with no
    # target needing 2.5 FTE was sized to 0.1, `fix --keep-budget` cut it from 2.4 to 0.1 to
    # raise an e-mail 0.2 and left 2.1 FTE paid for on no channel, and plain `fix` left it at
    # 93.5% (review planner59).
    busiest = m.highest_occupancy
    if "ceiling" in asks and busiest is not None and (not m.stable or busiest > cap):
        return False
    return not (
        "backlog" in asks
        and m.workload_hours
        and deferred(channel, m.goal)
        and m.workload_hours > m.planned_hours
    )


def alone(plan: Plan, index: int, fte: Fraction) -> Plan:
    """The plan with this channel only, staffed with ``fte``."""
    channel = plan.channels[index]
    amount = Decimal(fte.numerator) / Decimal(fte.denominator)
    return plan.model_copy(
        update={
            "channels": [channel.model_copy(update={"agents": amount})],
            "staffing": plan.staffing.model_copy(update={"agents": None}),
        }
    )


class Sizer(NamedTuple):
    """Judges one channel at a headcount, as planned and under the config's stress."""

    plan: Plan
    at: int
    """The channel's index in the plan."""
    guard: Guard
    stress: Resilience | None

    def ok(self, fte: Fraction) -> bool:
        return self.judged(fte)[0]

    def judged(self, fte: Fraction) -> tuple[bool, ChannelMetrics]:
        """Whether ``fte`` hold, and the channel's figures with them (as planned)."""
        from cs_align.inputs import changes
        from cs_align.resilience import allowed

        single = alone(self.plan, self.at, fte)
        channel = single.channels[0]
        planned = compute(single)
        m = planned.channels[0]
        if not holds(single, channel, m, self.guard, Severity.warning):
            return False, m
        if self.stress is None or (floor := allowed(self.stress)) is None:
            return True, m
        stressed = compute(single, changes(single, planned, self.stress.scenario))
        return holds(single, channel, stressed.channels[0], self.guard, floor), m

    def least(self, start: Fraction) -> Fraction | None:
        """The fewest FTE, a multiple of 0.1, that hold (None when none do): found by halving
        between the most steps known to fail and the fewest found to hold, trying first the
        least that keep the channel's targets, where its rules ask them. Known to fail: no
        staff, the steps tried on the way up from ``start``, and a tenth fewer than the
        least that keep the targets (`ChannelMetrics.keeping_fte`, which those that hold
        tell): searched from nothing, a line of 1,440 intervals was judged at a dozen
        headcounts far below its need, each a full compute (perf62)."""
        high = max(math.ceil(start / STEP), 1)
        low = 0  # no staff keeps no target (and 0 is never written as a fix)
        for _ in range(_MOST_STEPS):
            held, m = self.judged(high * STEP)
            if held:
                break
            low, high = high, high * 2
        else:
            return None
        fewer = round(m.keeping_fte / STEP) - 1  # a tenth short of keeping the targets
        if self.guard.asks.get("targets", Severity.info) >= Severity.warning and fewer > low:
            low = fewer
            # The targets' least itself, tried first: it holds every rule more often than not.
            if high - low > 1:
                if self.ok((low + 1) * STEP):
                    return (low + 1) * STEP
                low += 1
        while high - low > 1:
            mid = (low + high) // 2
            low, high = (low, mid) if self.ok(mid * STEP) else (mid, high)
        return high * STEP


def settle(draft: Draft, only: Collection[int] | None = None) -> None:
    """Raise each channel that fails its staffing rules to its least FTE (of ``only`` these
    channels, by index, when given); with an over-staff finding (no-overspend), bring every
    targeted channel down to its least first, then raise any line the cut leaves short."""
    lowering = _overstaffed(draft)
    _size(draft, lowering, only)
    draft.refresh()
    if lowering:
        # A cut sizes the lines with targets only: a line short of keeping up with no target
        # (an inbox with no agents beside an over-staffed phone line) is raised after it, or
        # a second `fix` of the cut plan raised it (idempotence, review session 61).
        _size(draft, lowering=False, only=only)
        draft.refresh()
    elif _overstaffed(draft):
        _size(draft, lowering=True)
        draft.refresh()


def _overstaffed(draft: Draft) -> bool:
    return any(f.path == "staffing.agents" for f in draft.findings("no-overspend"))


def _size(draft: Draft, lowering: bool, only: Collection[int] | None = None) -> None:
    plan, metrics, units = draft.loaded.plan, draft.metrics, draft.units()
    stress = draft.options.resilience
    accepted = _accepted(draft)
    waived = {cid for cid, asks in accepted.items() if all(asks.values())}
    new: dict[int, Fraction] = {}
    spare: dict[int, Fraction] = {}  # channels that keep their rules with some to spare
    for index, channel in enumerate(plan.channels):
        m = metrics.channel(channel.id)
        if m is None or m.model not in SIZED or channel.id in waived:
            continue
        g = guard(units, channel.id)
        if not lowering:  # raised staff never make a waived finding worse
            skip = accepted.get(channel.id, {})
            full, g = g, Guard(asks={k: v for k, v in g.asks.items() if not skip.get(k)})
        sizer = Sizer(plan=plan, at=index, guard=g, stress=stress)
        if not g.asks:
            continue
        if not lowering and sizer.ok(m.planned_fte):
            # Staff to spare: only a channel that keeps every rule it answers to, none of them
            # waived (a waiver accepts a miss for a time; it frees no staff), its own agents.
            if channel.agents is not None and m.goal.kind != "none" and full == g:
                least = sizer.least(min(m.required_fte, m.planned_fte))
                if least is not None and least < m.planned_fte:
                    spare[index] = least
            continue
        if lowering and m.goal.kind == "none":
            continue  # no promise to size to: target-stated asks a person for one
        ceiling = m.required_fte_at_ceiling if "ceiling" in g.asks else Fraction(0)
        start = max(m.required_fte, ceiling)
        if not lowering and only is not None and index not in only:
            continue
        least = sizer.least(start)
        if least is not None and (lowering or least > m.planned_fte):
            new[index] = least
    if lowering:
        _cut(draft, new)
        return
    moved = _moved(draft, new, spare)
    _apply(draft, {**new, **moved}, lowering, moved)


def _moved(
    draft: Draft, raised: dict[int, Fraction], spare: dict[int, Fraction]
) -> dict[int, Fraction]:
    """Staff moved from channels that keep their rules with some to spare, to meet the raises
    that staff on no channel do not cover, at no new cost: each giving what it can above
    its least, to the tenth, in the plan's order (review calc31 F3: `fix` bought 1.8 FTE,
    93,600 GBP a year, while the phone line had 1.8 to spare and the same 33.1 FTE kept
    every target). Staff on no channel are used first (see `_total`)."""
    plan, metrics = draft.loaded.plan, draft.planned
    if not raised or not spare:
        return {}
    planned = {i: c.planned_fte for i, c in enumerate(metrics.channels)}
    more = sum((fte - planned[i] for i, fte in raised.items()), Fraction(0))
    stated = plan.staffing.agents
    if stated is not None:
        # Staff on no channel first: the total less every channel's planned staff, a pooled
        # channel's share among them. Less only those written on a channel, the pooled
        # share was counted as spare twice, and fix bought what a line could give (review
        # calc38 F9).
        used = sum(planned.values(), Fraction(0))
        more -= max(Fraction(stated) - used, Fraction(0))
    moved: dict[int, Fraction] = {}
    for index, least in spare.items():
        if more <= 0:
            break
        keep = kept_giving(planned[index], least, more)
        if keep < planned[index]:
            moved[index] = keep
            more -= planned[index] - keep
    return moved


def kept_giving(has: Fraction, least: Fraction, more: Fraction) -> Fraction:
    """What a channel with ``has`` FTE, keeping its rules on ``least``, keeps when it gives
    ``more`` to another: to the tenth, never below its least.

    A raise off the tenths (17.45 → 17.6, 0.15 more) takes a whole tenth more from a channel
    that can give it, rather than the rest bought: chat's 4.0 → 3.9 gave 0.1 and fix hired
    0.05 FTE (+2,050 USD a year), where 3.8 keep chat's target and hire nobody (review calc50
    F3); `fix --keep-budget` bought that rest above the money it keeps (review calc50b). The
    tenth over the raise works no channel, within agents-on-channels' tolerance."""
    keep = max(least, Fraction(math.ceil((has - more) / STEP)) * STEP)
    if has - keep < more and keep - STEP >= least:
        keep -= STEP
    return keep


def _apply(
    draft: Draft, new: dict[int, Fraction], lowering: bool, moved: dict[int, Fraction] | None = None
) -> None:
    """Write ``new`` staff into the draft: a cut answers no-overspend (or gives staff to the
    channels raised, ``moved``), a raise the staffing rules, each against the plan as
    written."""
    plan, metrics = draft.loaded.plan, draft.planned
    raised = [plan.channels[i].id for i in new if i not in (moved or {})]
    for index, fte in new.items():
        m = metrics.channel(plan.channels[index].id)
        rule = "no-overspend" if m is not None and fte < m.planned_fte else "staffing"
        why = _why(draft, index, rule)
        if moved and index in moved:
            # One answer (review calc36 L2: fix's JSON read "forum" as an answer of its own).
            why = (f"staff moved to {named(raised)}",)
        draft.set(("channels", index, "agents"), _decimal(fte), why)
    _total(draft, new, lowering)


def _cut(draft: Draft, least: dict[int, Fraction]) -> None:
    """An over-staffed plan cut to the least staff that keep the targets, unless that cut,
    with the budget following it, drops the cost per contact faster than a cost race's pace
    allows (`cost-pace`, the rule that bounds a cut): then the least staff, each channel the
    same share of the way back toward the plan to the tenth, whose cut the pace allows,
    found by halving (review calc29 F2: a cost race at 19.2 FTE was cut to its least, 15.2,
    an 18.8% cut against at most 15%, an error `fix` left to a person, where 16.0 kept every
    rule; attack30 F02: twentieths of the way were too coarse for a band narrower than one).
    Where no such cut clears no-overspend too, the least is kept and the pace left to a
    person."""
    _try(draft, least)
    if not _too_fast(draft):
        return
    plan, metrics = draft.loaded.plan, draft.planned
    # A channel planned below its least (one staffed from a pool, say) stays at its least.
    start = {
        i: max(m.planned_fte, least[i])
        for i in least
        if (m := metrics.channel(plan.channels[i].id)) is not None
    }
    steps = max((math.ceil((fte - least[i]) / STEP) for i, fte in start.items()), default=0)
    if steps == 0:
        return  # nothing to step back to: the least it is, the pace left to a person

    def back(step: int) -> dict[int, Fraction]:
        return {
            i: Fraction(math.ceil((least[i] + (fte - least[i]) * step / steps) / STEP)) * STEP
            for i, fte in start.items()
        }

    low, high = 0, steps  # the least cuts too fast; the plan as written cuts nothing
    while high - low > 1:
        mid = (low + high) // 2
        _try(draft, back(mid))
        low, high = (mid, high) if _too_fast(draft) else (low, mid)
    _try(draft, back(high))
    if _overstaffed(draft) or draft.findings("cost-pace"):
        _try(draft, least)


def _try(draft: Draft, staff: dict[int, Fraction]) -> None:
    """The draft with ``staff`` on its channels and the budget following them, judged."""
    _apply(draft, staff, lowering=True)
    draft.refresh()
    fixbudget.settle(draft)
    draft.refresh()


def _too_fast(draft: Draft) -> bool:
    """Whether the draft cuts its cost per contact past the cost race's pace: more than the
    `max_cut` of the strategy that judges the plan's budget, from last period's."""
    history, now = draft.loaded.plan.history, draft.metrics.cost_per_contact
    before = history.cost_per_contact if history is not None else None
    if not before or now is None:
        return False
    most = fixbudget.option(draft, "cost-pace", "max_cut")
    return most is not None and (before - now) / before > most


def _accepted(draft: Draft) -> dict[str, dict[str, bool]]:
    """Per channel with staffing findings, per ask (targets, ceiling, backlog): whether all
    its findings on the channel are waived. A channel whose findings are all waived is
    left as a person accepted it; a waived ask with another unwaived is not sized for (a
    waived target beside an unwaived ceiling: `fix` paid 9.8 FTE more for the targets,
    where 0.5 cleared the only finding that counted, review user24 N2)."""
    found: dict[str, dict[str, bool]] = {}
    for f in draft.report.findings:
        ask = GUARDS.get(f.rule)
        if ask is not None and f.path.startswith("channels["):
            asks = found.setdefault(f.path[len("channels[") :].split("]", 1)[0], {})
            asks[ask] = asks.get(ask, True) and not f.counts
    return found


def _why(draft: Draft, index: int, rule: str) -> tuple[str, ...]:
    """The rules a channel's new staff answer, as the draft's findings name them."""
    if rule == "no-overspend":
        return (rule,)
    cid = draft.loaded.plan.channels[index].id
    found = [f.rule for f in draft.findings(*GUARDS, "resilience") if f"[{cid}]" in f.path]
    return tuple(dict.fromkeys(found)) or ("staffing-meets-targets",)


def _total(draft: Draft, new: dict[int, Fraction], lowering: bool) -> None:
    """`staffing.agents` covering every channel: assigned staff, and the pooled shares of
    channels that stay pooled (idle staff first meet the raises)."""
    plan, metrics = draft.loaded.plan, draft.metrics
    stated = plan.staffing.agents
    if stated is None:
        return
    assigned = Fraction(0)
    for index, channel in enumerate(plan.channels):
        m = metrics.channel(channel.id)
        if index in new:
            assigned += new[index]
        elif m is not None and (channel.agents is not None or channel.human):
            assigned += m.planned_fte
    needed = _as_written(assigned)
    old = Fraction(stated)
    total = needed if lowering else max(old, needed)
    if total != old:
        if lowering or total < old:  # a cut, even one that steps back up (see _cut)
            why = "no-overspend"
        elif draft.findings("agents-within-total"):
            why = "agents-within-total"
        else:
            why = "the channels above"
        draft.set(("staffing", "agents"), _decimal(total), why)


def _as_written(assigned: Fraction) -> Fraction:
    """The total that covers ``assigned`` FTE: the sum itself where a plan can write it (to
    the thousandth, as its channels' staff are written), else up to the tenth `fix` writes.

    Rounding every sum up to the tenth bought staff no channel works: 35.059 FTE on one line
    became 35.1 (+1,973.06 USD a year) when `fix` only raised a people line a cent short,
    and a 0.1 raise beside 35.06 on another line made 70.2 of 70.16 (review calc54 F1).
    Pooled shares, fractions of the total, fall back to the tenth."""
    if (assigned * 1000).denominator == 1:
        return assigned
    return Fraction(math.ceil(assigned / STEP)) * STEP


def _decimal(fte: Fraction) -> Decimal:
    return Decimal(fte.numerator) / Decimal(fte.denominator)
