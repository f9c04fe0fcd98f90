"""What the planned staff can honestly promise, and how that holds up as volume grows.

Every figure here is read from `metrics.compute`, the one sizing model: a changed volume or
headcount is a `Changes` to the plan, never a second calculation.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from pydantic import ValidationError

from cs_align.metrics import DEFERRED_SHARE, Changes, ChannelMetrics, Metrics, compute
from cs_align.plan import Channel, Plan, Target
from cs_align.rules.base import nobody_on_shift, pct, pct_against, secs
from cs_align.sizing import Oversized
from cs_align.units import (
    ServiceLevelTarget,
    fmt_percent,
    fmt_seconds,
    fmt_share,
    share_up,
    shown_need,
    split_cost,
    time_places,
    wait_up,
)

UNSIZED = ("self-service", "bots")
UNJUDGED = "abandonment cannot be judged without caller patience"
"""What a channel whose one target is an abandonment ceiling, and that states no `patience`,
can promise: no abandonment figure, only whether its staff keep up."""
UNCHECKED = "cannot be checked"
"""How a line with no volume or handle time to size begins what it can promise."""
CURVE_POINTS = 60
"""Most whole headcounts a curve is drawn at: every one from a few below the need to a few
above the plan, or, when the plan is far from its need, this many evenly spaced."""


@dataclass(frozen=True)
class Promise:
    channel: str
    declared: str | None
    keepable: str
    """What the planned staff keep, in the declared target's terms: "80% in 95s"."""
    keepable_seconds: float | None
    """The time figure of ``keepable``: the target time, first response or ASA."""
    planned_fte: Fraction
    required_fte: Fraction
    """Whole headcounts all the time (`ChannelMetrics.required_fte`)."""
    needed_fte: Fraction
    """The least FTE that keep the declared targets (`ChannelMetrics.needed_fte`)."""
    extra_fte: Fraction
    extra_cost: Decimal | None
    """Loaded cost a year of the FTE the declared targets need beyond the plan."""
    written: str | None = None
    """``keepable``'s time as `fix --keep-budget` writes it, rounded up to a round figure
    ("80% in 8m" for 80% in 7m51s), where that differs; else None."""
    ceiling_fte: Fraction | None = None
    """Where the planned staff run past the occupancy ceiling (`occupancy-cap`'s finding),
    the FTE the targets and the ceiling need, as that finding and `fix` give them; else
    None."""
    over_ceiling: str = ""
    """How busy those staff run, against the ceiling: "89.6% busy, past the 85% ceiling"."""


def promises(plan: Plan, metrics: Metrics) -> list[Promise]:
    """One row for every channel people staff, whatever its target (or none)."""
    cost = plan.staffing.loaded_cost_per_fte
    found = []
    for channel in plan.channels:
        m = metrics.channel(channel.id)
        if m is None or m.model in UNSIZED or not channel.human:
            continue
        settled, said = _settled(plan, channel, m)
        text, seconds = keeps(channel, settled, said)
        extra = m.extra_fte
        ceiling_fte, over_ceiling = _ceiling(plan, m)
        found.append(
            Promise(
                channel=channel.id,
                # Every target: ASA, abandonment; one with no volume to size it by is
                # still declared (review calc41 F11: "declared no target").
                declared=m.goal.full_text or m.target_text or None,
                keepable=text,
                keepable_seconds=seconds,
                planned_fte=m.planned_fte,
                required_fte=m.required_fte,
                needed_fte=m.needed_fte,
                extra_fte=extra,
                extra_cost=None,
                written=_as_written(settled, seconds, said),
                ceiling_fte=ceiling_fte,
                over_ceiling=over_ceiling,
            )
        )
    if cost is None:
        return found
    # Each channel's share of the shortfall's cost, adding up to it, as every command
    # prices it (`units.split_cost`).
    money = split_cost(cost, {p.channel: p.extra_fte for p in found}, metrics.money_unit)
    return [replace(p, extra_cost=money[p.channel]) for p in found]


def _ceiling(plan: Plan, m: ChannelMetrics) -> tuple[Fraction | None, str]:
    """Where the planned staff run past the occupancy ceiling, what holding it needs: the
    ceiling protects the reps and is no promise, but a promise kept at 89.6% busy past an
    85% ceiling said only that 5.3 FTE would keep it, where check warns that 6 are needed
    and `fix` writes 6 (planner62)."""
    cap = plan.staffing.max_occupancy
    held = shown_need(m.at_ceiling_fte, m.planned_fte)
    if not m.over_ceiling(float(cap)) or held <= shown_need(m.needed_fte, m.planned_fte):
        return None, ""  # held, or the targets' need holds it too: said once
    busy = "100% busy, as they cannot keep up"
    if m.stable and m.highest_occupancy is not None:
        busy = f"{pct_against(m.highest_occupancy, float(cap))} busy"
        busy += f" at {m.highest_at}" if m.highest_at else ""
    return m.at_ceiling_fte, f"{busy}, past the {pct(cap)} ceiling"


_SETTLE_ROUNDS = 8
"""Most times a promise over intraday intervals is written back and read again."""


def _settled(
    plan: Plan, channel: Channel, m: ChannelMetrics
) -> tuple[ChannelMetrics, Target | None]:
    """The figures a promise is read from, and the target to say when it is not the one they
    read. Over intraday intervals the schedule places the staff by what the targets need, so
    a promise written back into the plan moves them (an ASA of 3.1s kept became 3.13 s once
    written back: review calc18 H1). There the promise is written back and read again, and
    the tightest promise that the plan with it keeps is said, so what `promise` says is what
    `check` then passes; elsewhere the staff stay put. Never looser than a declared target
    the plan as written keeps (`_no_looser`)."""
    if m.spread != "intervals":
        return m, _no_looser(plan, channel, m, m, None)
    first = m
    kept: ChannelMetrics | None = None  # the tightest reading whose promise, written back, holds
    tried: set[Target] = set()
    missed: list[Target] = []  # promises missed once written back
    for _ in range(_SETTLE_ROUNDS):
        target = _written_back(m)
        if target is None or target in tried:
            break
        tried.add(target)
        again = _placed_for(plan, channel, target)
        if again is None:
            break
        if again.misses:
            # Placed for a promise they then miss, the staff keep a looser one, which may
            # still be tighter than the one kept so far (review calc46 M01: 17 FTE on chat
            # keep 85% in 29m55s placed for the declared 30s; placed for that, 20m22s, which
            # they miss once written; placed for it, 22m1s, which they keep): read on.
            missed.append(target)
            m = again
            continue
        # Kept; placed for it, the staff may keep a tighter one, which `fix --keep-budget`
        # writes (review calc44, p03: 80% in 5m6s read with the staff placed for 20s, 4m44s
        # with them placed for the promise): read again until it holds no tighter.
        if kept is None or _tighter(m, kept):
            kept = m
        if not _tighter(again, m):
            break
        m = again
    if kept is None:
        return m, _no_looser(plan, channel, first, m, None)
    return kept, _no_looser(plan, channel, first, kept, _between(plan, channel, kept, missed))


def _placed_for(plan: Plan, channel: Channel, target: Target) -> ChannelMetrics | None:
    """The channel's figures with ``target`` written into the plan (None: past the largest
    queue cs-align sizes)."""
    moved = [c.model_copy(update={"target": target}) if c is channel else c for c in plan.channels]
    try:
        return compute(plan.model_copy(update={"channels": moved})).channel(channel.id)
    except Oversized:
        return None


class _Grid(NamedTuple):
    """One figure of a promise as it is written: read from a target in whole steps (a second
    of a service level's time; a tenth of a second of an ASA under ten seconds, else a
    second; a tenth of a point of abandonment), and written back at a step."""

    get: Callable[[Target], int | None]
    put: Callable[[Target, int], Target]


def _sl_steps(t: Target) -> int | None:
    return None if t.service_level is None else math.ceil(t.service_level.seconds)


def _sl_put(t: Target, steps: int) -> Target:
    assert t.service_level is not None
    level = ServiceLevelTarget(share=t.service_level.share, seconds=Decimal(steps))
    return t.model_copy(update={"service_level": level})


def _asa_steps(t: Target) -> int | None:
    if t.asa is None:
        return None
    tenths = math.ceil(t.asa * 10)
    return tenths if tenths < 100 else 90 + math.ceil(t.asa)  # 10 s is step 100, 11 s 101


def _asa_put(t: Target, steps: int) -> Target:
    seconds = Decimal(steps) / 10 if steps < 100 else Decimal(steps - 90)
    return t.model_copy(update={"asa": seconds})


def _abandonment_steps(t: Target) -> int | None:
    most = t.abandonment_max
    return None if most is None else math.ceil(most * 1000)


def _abandonment_put(t: Target, steps: int) -> Target:
    return t.model_copy(update={"abandonment_max": Decimal(steps) / 1000})


_GRIDS = (
    _Grid(get=_sl_steps, put=_sl_put),
    _Grid(get=_asa_steps, put=_asa_put),
    _Grid(get=_abandonment_steps, put=_abandonment_put),
)
"""The figures a promise can state, tightened in this order."""


def _between(
    plan: Plan, channel: Channel, kept: ChannelMetrics, missed: list[Target]
) -> Target | None:
    """The tightest promise, a step at a time between one missed once written back and the
    one ``kept`` reads, that the plan with it written back keeps, when it is tighter: placed
    for a figure between the two, the staff keep it though what they keep there, written
    back in turn, they miss (review calc46 M01: 20m41s kept where the readings give 20m22s,
    missed, and 22m1s). Each figure of a promise with several (a service level with an ASA
    or an abandonment ceiling beside it, review calc46) is tightened with the others as they
    stand, and again while one gives (18 FTE on chat promised ASA 2m12s, 2m7s missed, 2m8s
    kept). None: say what ``kept`` reads."""
    best = _written_back(kept)
    if best is None:
        return None
    start = best
    for _ in range(_SETTLE_ROUNDS):
        before = best
        for grid, least in zip(_GRIDS, _LEAST, strict=True):
            high = grid.get(best)
            while high is not None and high > least:
                lows = [s for t in missed if (s := grid.get(t)) is not None and s < high]
                if not lows:
                    # None missed below: a step tighter, then twice as far, and so on, placed
                    # anew each time (review calc47 R04: ASA 37s said where 36s, written
                    # back, places the staff for it and is kept).
                    found = _below(plan, channel, grid, best, high, least)
                    if found is None:
                        high = least
                        break
                    low, high = found
                else:
                    # A figure missed beside others tighter than now may hold beside these.
                    low = max(lows)
                    if _keeps(plan, channel, grid.put(best, low)):
                        high = low
                        continue
                while high - low > 1:
                    mid = (low + high) // 2
                    if _keeps(plan, channel, grid.put(best, mid)):
                        high = mid
                    else:
                        low = mid
                break
            if high is not None:
                best = grid.put(best, high)
        if best == before:
            break
    return best if best != start else None


_LEAST = (0, 1, 1)
"""The tightest step of each of `_GRIDS` a promise may write: answered at once, an ASA of a
tenth of a second, abandonment of a tenth of a point."""


def _below(
    plan: Plan, channel: Channel, grid: _Grid, best: Target, high: int, least: int
) -> tuple[int, int] | None:
    """A step of ``grid`` below ``high`` that the plan with it written back (beside the
    other figures of ``best``) misses, and the tightest step above it found kept: one step
    tighter, then two, four…; None where every step down to ``least`` is kept."""
    step = 1
    while True:
        low = max(high - step, least)
        if not _keeps(plan, channel, grid.put(best, low)):
            return low, high
        if low == least:
            return None
        high, step = low, step * 2


def _keeps(plan: Plan, channel: Channel, target: Target) -> bool:
    """Whether the plan with ``target`` written back keeps it."""
    again = _placed_for(plan, channel, target)
    return again is not None and not again.misses


def _no_looser(
    plan: Plan, channel: Channel, first: ChannelMetrics, kept: ChannelMetrics, said: Target | None
) -> Target | None:
    """The promise to say, never looser than a declared target the plan as written keeps
    (``first``: its figures): each figure the tighter of the two, where the plan with them
    written back keeps them, else the declared ones (review calc46: "can keep 85% in 22m1s"
    of a plan that keeps its declared 85% in 21m; a time rounded up to the second past a
    declared 20.5s)."""
    declared = channel.target
    g = first.goal
    if declared is None or first.misses or g.unjudged:
        return said
    if g.kind not in ("service_level", "asa", "abandonment"):
        return said
    promised = said or _written_back(kept)
    if promised is None:
        return said
    own = declared.model_copy(update={"first_response": None, "resolution": None})
    tighter: dict[str, object] = {}
    for name in ("service_level", "asa", "abandonment_max"):
        ours, theirs = getattr(own, name), getattr(promised, name)
        if ours is None or theirs is None:
            continue
        if name == "service_level":
            if ours.share == theirs.share and ours.seconds < theirs.seconds:
                tighter[name] = ours
        elif ours < theirs:
            tighter[name] = ours
    if not tighter:
        return said
    both = promised.model_copy(update=tighter)
    if first.spread != "intervals" or _keeps(plan, channel, both):
        return both
    return own


def _tighter(a: ChannelMetrics, b: ChannelMetrics) -> bool:
    """Whether the promise read from ``a`` is tighter than the one read from ``b``, as each
    is written (a second of a service level's time, the ASA's tenth under ten seconds, a
    tenth of a point of abandonment): none of its figures looser, one tighter. An ASA
    compared to the whole second read 8.4s as no tighter than 8.5s (review calc46)."""
    first, second = _written_back(a), _written_back(b)
    if first is None or second is None:
        return False
    steps = [(grid.get(first), grid.get(second)) for grid in _GRIDS]
    pairs = [(x, y) for x, y in steps if x is not None and y is not None]
    return bool(pairs) and all(x <= y for x, y in pairs) and any(x < y for x, y in pairs)


def _written_back(m: ChannelMetrics) -> Target | None:
    """The target the promise read from ``m`` writes into the plan (None: no such target)."""
    g, found = m.goal, {}
    if g.kind == "service_level":
        seconds = m.keepable(g.share) if m.stable else None
        if seconds is None:
            return None
        found["service_level"] = f"{_share(g.share)} in {within(seconds)}"
    elif g.kind not in ("asa", "abandonment"):
        return None
    if (g.kind == "asa" or g.asa is not None) and m.asa is not None:
        found["asa"] = _asa(m.asa)
    if g.abandonment is not None and m.abandonment is not None:
        found["abandonment_max"] = _pct(m.abandonment)
    try:
        return Target.model_validate(found) if found else None
    except ValidationError:  # a figure no plan may write: nothing to read again
        return None


def _asa(seconds: float) -> str:
    """An ASA the staff keep, rounded up, and never below the least a plan may promise
    (a tenth of a second: "ASA 0s" could not be written back)."""
    return secs(max(seconds, 0.1))


def keeps(
    channel: Channel, m: ChannelMetrics, said: Target | None = None
) -> tuple[str, float | None]:
    """What the planned staff keep on this channel, and the time figure of it (``said``: the
    promise to say, as it would be written, where it is not the one ``m`` reads: `_settled`)."""
    if m.model == "none":
        fields = (("volume", channel.volume), ("handle time", channel.handle_time))
        missing = [name for name, value in fields if value is None]
        if not missing:
            return "nothing to staff: no contacts arrive in the open hours", None
        return f"{UNCHECKED}: no {' and no '.join(missing)}", None
    kind = m.goal.kind
    if said is not None and kind in ("service_level", "asa", "abandonment"):
        return _said(m, said)
    if kind == "service_level":
        return _service_level(m)
    if kind in ("first_response", "resolution") or (kind == "none" and m.first_response):
        return _first_response(channel, m)
    if kind == "asa" or (kind == "none" and m.asa is not None):
        if m.asa is None:  # calc26 C3: a stable queue nobody is on shift for part of the time
            return _unkept(m, "no average wait", "nothing"), None
        prefix = "" if kind == "asa" else "no target stated; the planned staff give "
        return prefix + f"ASA {_asa(m.asa)}" + _extras(m, asa=False), m.asa
    if m.goal.unjudged:  # no figure to promise; nobody hangs up in Erlang C (calc38 F7)
        up = "keep up" if m.stable else "cannot keep up"
        return f"{UNJUDGED}; the planned staff {up} with the volume", None
    if kind == "abandonment":
        return f"abandonment at most {_pct(m.abandonment or 0.0)}", None
    return "no target stated; the planned staff cannot keep up with the volume", None


def _said(m: ChannelMetrics, said: Target) -> tuple[str, float | None]:
    """A promise worked out as a target (`_settled`), said as the plan would write it, each
    figure it leaves out as ``m`` reads it."""
    parts, seconds = [], None
    level = said.service_level
    if level is not None:
        seconds = float(level.seconds)
        at_once = f"{fmt_percent(level.share)} answered at once"
        parts.append(at_once if not level.seconds else str(level))
    asa = said.asa
    if asa is not None:
        parts.append(f"ASA {fmt_seconds(asa)}")
        seconds = float(asa) if seconds is None else seconds
    elif (m.goal.kind == "asa" or m.goal.asa is not None) and m.asa is not None:
        parts.append(f"ASA {_asa(m.asa)}")
    if said.abandonment_max is not None:  # a ceiling, as `_extras` says one
        parts.append(f"abandonment at most {fmt_percent(said.abandonment_max)}")
    elif m.goal.abandonment is not None and m.abandonment is not None:
        parts.append(f"abandonment at most {_pct(m.abandonment)}")
    return "; ".join(parts), seconds


def _service_level(m: ChannelMetrics) -> tuple[str, float | None]:
    share = m.goal.share
    seconds = m.keepable(share) if m.stable else None
    if seconds is None:
        return _unkept(m, f"no {_share(share)} target"), None
    if seconds == 0:
        return f"{_share(share)} answered at once" + _extras(m), seconds
    return f"{_share(share)} in {within(seconds)}" + _extras(m), seconds


def _share(share: float) -> str:
    """The target's share as the plan writes it (87.5%, not 88%: a promise written back into
    the plan must be the one kept)."""
    return fmt_percent(Decimal(repr(share)))


def _unkept(m: ChannelMetrics, what: str, unstable: str = "no target") -> str:
    """Why the planned staff keep ``what`` ("no 90% target", "no average wait"): callers
    hang up first, nobody is on shift part of the time, or the staff cannot keep up."""
    if m.abandonment is not None and m.stable:
        # The share who hang up as every output shows it (40.1%), and the rest of a hundred
        # answered: the whole "60%" beside "40.1% hanging up" made 100.1 (review consult47).
        lost = fmt_share(m.abandonment, m.goal.abandonment)
        answered = Decimal(100) - Decimal(lost.removesuffix("%"))
        return f"{what}: only {answered}% are ever answered, {lost} hang up first"
    if m.stable and m.planned_positions < 1:
        return (  # as check says it (review calc27 N4)
            f"{what}: {nobody_on_shift(m)}, and the contacts that arrive then wait for the "
            "person to come back"
        )
    return f"{unstable}: the planned staff cannot keep up with the volume"


def _first_response(channel: Channel, m: ChannelMetrics) -> tuple[str, float | None]:
    if m.first_response is None:
        return _unkept(m, f"no {_share(DEFERRED_SHARE)} target"), None
    open_time = m.open_time
    share = f"{DEFERRED_SHARE * 100:.0f}%"
    if m.goal.kind == "resolution":
        seconds = m.first_response + float(channel.handle_time or 0)
        return f"resolution within {within(seconds)}{open_time} ({share}, one touch)", seconds
    text = f"first response within {kept_first(m.first_response, None, open_time)} ({share})"
    if not m.first_response:  # as a service level of 80% in 0s is said
        text = f"first response: {share} answered at once"
    if m.goal.kind == "none":
        text = "no target stated; the planned staff give " + text
    return text, m.first_response


def _extras(m: ChannelMetrics, asa: bool = True) -> str:
    """The other stated targets, as the planned staff achieve them."""
    parts = []
    if asa and m.goal.asa is not None and m.asa is not None:
        parts.append(f"ASA {_asa(m.asa)}")
    if m.goal.abandonment is not None and m.abandonment is not None:
        # A ceiling, as the plan writes one, rounded up: "abandonment 0.9%" read as the
        # share the channels table gives as 0.8% (0.787%; review consult47).
        parts.append(f"abandonment at most {_pct(m.abandonment)}")
    return "".join(f"; {p}" for p in parts)


def round_figure(seconds: float) -> Decimal:
    """A time the staff keep, rounded up to one a person would promise: to the second under
    five minutes, the minute under an hour, the quarter hour beyond. `fix --keep-budget`
    writes a loosened time so, and `promise` names it beside the time to the second."""
    step = 1 if seconds <= 300 else 60 if seconds <= 3600 else 900
    return Decimal(math.ceil(seconds / step) * step)


def _as_written(m: ChannelMetrics, seconds: float | None, said: Target | None) -> str | None:
    """The round figure `fix --keep-budget` writes for the time the staff keep to the second,
    where it differs (review fix50f: `promise` said 80% in 10m48s where `fix` wrote 11m, two
    figures for one promise): only where the staff miss the targets written (`fix` leaves
    kept ones as they are), over one stretch (over intraday intervals `fix` writes the time
    as tight as the staff keep it), and for a time it loosens (a service level's, a first
    response's, a resolution's or an ASA's) that the staff miss: where they keep the time and miss
    only another target (an abandonment ceiling), `fix` leaves the time as written (review
    calc50b: promise said "80% in 0s as `fix --keep-budget` writes it" where fix kept
    80% in 20s and wrote the abandonment ceiling alone)."""
    kind = m.goal.kind
    if seconds is None or said is not None or kind not in m.misses or m.spread == "intervals":
        return None
    if kind == "asa":  # loosened too, to a round figure (review calc50b: 8m11s, fix wrote 9m)
        written = fmt_seconds(round_figure(seconds))
        return None if written == _asa(seconds) else f"ASA {written}"
    if kind not in ("service_level", "first_response", "resolution"):
        return None
    nice = round_figure(seconds)
    if nice == max(math.ceil(seconds), 1):
        return None
    if kind == "service_level":
        return f"{_share(m.goal.share)} in {fmt_seconds(nice)}"
    return fmt_seconds(nice)


def within(seconds: float, target: float | None = None) -> str:
    """A time the staff keep, rounded up: keeping 95s means keeping 94.2s. Beside a target
    written finer than a second (12.5s), to its places (`fmt_wait`), so a time that keeps it
    never reads worse than it."""
    if target is not None and seconds and (places := time_places(target)):
        return wait_up(seconds, places)
    return fmt_seconds(max(math.ceil(seconds), 1)) if seconds else "0s"


def kept_first(seconds: float, target: float | None = None, open_time: str = "") -> str:
    """A first response the staff keep, as every output shows it: "2m of open time", or "at
    once" where they answer the share before anyone waits (review calc61: "first
    response within 0s of open time" read as a time of none, where nine in ten are answered
    the moment they arrive, as a service level of 80% in 0s reads "answered at once")."""
    return f"{within(seconds, target)}{open_time}" if seconds else "at once"


def _pct(value: float) -> str:
    """An abandonment the staff keep, rounded up: keeping 16.1% means keeping 16.03%. Never
    "0.0%": with patience some caller always hangs up, and a plan may not promise a ceiling
    of 0% (review calc49 D3: 27,000 FTE on 3,194 Erlangs lose 6e-15 of their callers, and
    promised "abandonment at most 0.0%", a target the plan refuses); the least is 0.1%."""
    shown = share_up(value)
    return LEAST_CEILING if shown == "0.0%" else shown


LEAST_CEILING = "0.1%"
"""The least abandonment ceiling a promise gives: a tenth of a point, as `share_up` rounds."""


def curve(
    plan: Plan, metrics: Metrics, channel_id: str, span: int = 4
) -> list[tuple[float, float]]:
    """(people on shift in the busiest stretch, service level) around the planned headcount:
    whole headcounts, and the planned one exactly."""
    m = metrics.channel(channel_id)
    assert m is not None
    per_position = _fte_per_position(m)
    planned = math.floor(m.planned_positions)
    # A channel's figures depend on it and the plan's staffing alone: size it on its own.
    alone = plan.model_copy(update={"channels": [plan.channel(channel_id)]})
    low = max(1, min(planned, int(m.required_positions)) - span)
    high = max(math.ceil(m.planned_positions), int(m.required_positions)) + span
    points: list[tuple[float, float]] = []
    for n in _headcounts(low, high, planned, int(m.required_positions)):
        try:
            run = compute(alone, Changes(agents={channel_id: n * per_position}))
        except Oversized:  # past the largest queue cs-align sizes: the curve ends there
            break
        points.append((n, (run.channel(channel_id) or m).service_level or 0.0))
    if m.planned_positions.denominator != 1 and m.service_level is not None:
        points.append((float(m.planned_positions), m.service_level))
    return sorted(points)


def _headcounts(low: int, high: int, planned: int, required: int) -> list[int]:
    """Every whole headcount from ``low`` to ``high``; at most CURVE_POINTS of them, evenly
    spaced, with the planned and required ones, when there are more (work and chart size
    stay bounded whatever the plan says)."""
    if high - low < CURVE_POINTS:
        return list(range(low, high + 1))
    step = (high - low) / (CURVE_POINTS - 1)
    spaced = {low + round(i * step) for i in range(CURVE_POINTS)}
    return sorted(spaced | {n for n in (planned, required) if low <= n <= high})


def _fte_per_position(m: ChannelMetrics) -> Fraction:
    """FTE that keep one more person on shift in the channel's busiest stretch."""
    if m.planned_positions:
        return m.planned_fte / m.planned_positions
    if m.required_positions_at_ceiling:
        return m.required_fte_at_ceiling / m.required_positions_at_ceiling
    return Fraction(1)
