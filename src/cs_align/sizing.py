"""One channel's demand, what its targets need, and what its planned staff achieve.

Every command reads these figures through `metrics.compute`; nothing else sizes a channel.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, NamedTuple, TypeVar, get_args

from cs_align import queueing as q
from cs_align.fractional import Performance, Queue, keepable, mix
from cs_align.plan import DEFERRED_KINDS, Channel, Kind
from cs_align.units import PER_WEEK, exact, fmt_percent, fmt_seconds

QUEUE_LIKE_SECONDS = 3600
"""Written channels with a target at most this long are sized as queues, not as workload."""
DEFERRED_SHARE = 0.9
"""Deferred first-response targets are read as 90% of contacts answered within them."""
_ZERO = Fraction(0)
_TOLERANCE = q.TOLERANCE
"""Floating noise allowed when a figure is compared with its target (the sizing's own)."""


class Oversized(Exception):
    """A channel's queue is beyond what cs-align sizes (``queueing.MAX_AGENTS`` agents near
    its load): the plan's problem, at the channel's volume (`loader.oversized` says so with
    its line and column)."""

    path: tuple[str, ...] = ()
    """Where in the plan the cause is written, when not the channel's volume."""

    def __init__(self, channel: str, load: float) -> None:
        super().__init__(f"{channel}: offered load {load:,.0f} Erlangs")
        self.channel, self.load = channel, load

    @property
    def message(self) -> str:
        return (
            f"needs more than {q.MAX_AGENTS:,} agents on shift "
            f"(offered load {self.load:,.0f} Erlangs)"
        )

    @property
    def fix(self) -> str:
        return (
            "check the volume, its period and the handle time (e.g. 9000/month, not "
            f"9000/hour); cs-align sizes queues of up to {q.MAX_AGENTS:,} agents, so split a "
            "larger operation into several channels"
        )


MAX_FTE = 10**9
"""The most FTE a channel may need: the most a plan can write (`agents`, `plan.Count`), so
`fix` can write any need. Below it every figure is exact: money at most 10^9 FTE × 10^13
(`units.MONEY_MAX`) × 10 years = 10^23, to the minor unit within Decimal's 28 digits; FTE
to the tenth (10^10) well inside a float's 2^53. A need past 10^26 money was judged and
shown with its tenths lost (2,614,379,084,967,320,261,438 FTE; review p-fix51o 6)."""


class Unstaffable(Oversized):
    """A channel (or the plan's channels together: ``together``) needs more than MAX_FTE:
    refused as the plan's problem (exit 2) at the input that makes it so, the staffing's
    productive hours or the channel's volume."""

    def __init__(
        self,
        channel: str,
        fte: Fraction,
        productive: Fraction,
        staffing: str,
        together: bool = False,
    ) -> None:
        super().__init__(channel, 0.0)
        self.fte, self.productive, self.together = fte, productive, together
        self.path = ("staffing", staffing) if staffing else ()

    @property
    def message(self) -> str:
        who = "the channels together need" if self.together else f"channel {self.channel} needs"
        told = (
            f"{who} about {_magnitude(self.fte)} FTE, more than the {MAX_FTE:,} a plan can "
            "staff; past it cs-align's figures are no longer exact"
        )
        if self.path:
            told += f": an FTE gives {_magnitude(self.productive)} productive hours a year"
        return told

    @property
    def fix(self) -> str:
        if self.path:
            return (
                "write the paid hours and shrinkage you plan, e.g. paid_hours_per_fte: "
                "1800/year, shrinkage: 30%"
            )
        return (
            "check the volume, its period and the handle time (e.g. 9000/month, not "
            f"9000/hour); split a larger operation into plans of at most {MAX_FTE:,} FTE"
        )


def _magnitude(value: Fraction) -> str:
    """A figure far from everyday sizes, to three significant digits: 1.04 × 10^22."""
    mantissa, exponent = f"{float(value):.2e}".split("e")
    power = int(exponent)
    return mantissa if -3 <= power <= 3 else f"{mantissa} × 10^{power}"


Model = Literal[
    "erlang-c",
    "erlang-c-concurrent",
    "erlang-c-deferred",
    "erlang-a",
    "workload",
    "self-service",
    "bots",
    "none",
]
"""How a channel's staff are sized: a queue's model, work cleared over the week (workload),
or none (self-service, bots, a staffed channel with nothing to size)."""
Spread = Literal["even", "peak_factor", "week", "intervals"]
"""How a channel's load is spread over its open week."""
Binding = Literal[
    "service_level",
    "first_response",
    "resolution",
    "asa",
    "abandonment",
    "stability",
    "occupancy",
    "none",
]
"""What decides the staff a channel should have: a target, keeping up, the ceiling, none."""
SIZED_AS: dict[Model, str] = {
    "erlang-c": "live queue",
    "erlang-c-concurrent": "live queue",
    "erlang-a": "live queue",
    "erlang-c-deferred": "inbox queue",
    "workload": "inbox",
    "none": "none",
}
"""How a staffed line is sized, by its model, in words (`staff --kind`'s `sized_as`): a live
queue (a caller waits only while someone is on shift), an inbox held to an hour or less (a
message waits for the next person), inbox work (the fraction of a person its first response
needs, over the open week), or none (no contacts)."""
MODELS: tuple[Model, ...] = get_args(Model)
SPREADS: tuple[Spread, ...] = get_args(Spread)
BINDINGS: tuple[Binding, ...] = get_args(Binding)
"""The one list of each, which the JSON schemas give as enums (`outputschema`)."""


def _decided_by(text: str) -> Binding:
    """A queue's deciding constraint (`queueing.Requirement.binding`) as one of BINDINGS: a
    value the schemas do not list is a fault of cs-align's own, never written out."""
    if text not in BINDINGS:
        raise ValueError(f"{text!r} is not one of {BINDINGS}")
    return text


class Goal(NamedTuple):
    """What a channel's stated targets ask of its queue."""

    kind: Binding
    """service_level, first_response, resolution, asa, abandonment, or none."""
    share: float
    """Share answered within ``seconds``; 0 when no time target is stated."""
    seconds: float
    """The time target in seconds of open time (business time counts only open hours)."""
    asa: float | None
    abandonment: float | None
    text: str
    also: tuple[str, ...] = ()
    """The channel's other timed targets, as written (a service level beside a first
    response): named wherever its targets are (review calc27 N3)."""

    @property
    def timed(self) -> bool:
        return self.kind in ("service_level", "first_response", "resolution")

    @property
    def unjudged(self) -> bool:
        """An abandonment ceiling as the only target, with no caller patience: no figure says
        who hangs up (Erlang C has nobody hang up), so only keeping up with the load is
        judged (review calc38 F7: "can keep abandonment 0.0%" of a queue that grew without
        bound)."""
        return self.kind == "abandonment" and self.abandonment is None

    @property
    def need_text(self) -> str:
        """What the staff a channel needs are for, as a message names it: its targets, or
        keeping up with the volume where its one target cannot be judged."""
        return "keeping up with the volume" if self.unjudged else self.full_text

    @property
    def full_text(self) -> str:
        """Every stated target: "80% in 20s, abandonment at most 8%"."""
        parts = [self.text, *self.also] if self.text else []
        if self.asa is not None and self.kind != "asa":
            parts.append(f"ASA {fmt_seconds(self.asa)}")
        if self.abandonment is not None and self.kind != "abandonment":
            parts.append(f"abandonment at most {fmt_percent(Decimal(repr(self.abandonment)))}")
        return ", ".join(parts)


class Slice(NamedTuple):
    """A stretch of the week with one offered load: all open hours, or one interval."""

    load: Fraction
    """Offered load in Erlangs (servers' worth of work)."""
    hours: Fraction
    """Hours a week this load lasts."""
    contacts: Fraction
    """Contacts a week in it."""


class Need(NamedTuple):
    """Positions a slice needs: for the targets, and for the targets and the ceiling."""

    target: Fraction
    ceiling: Fraction
    binding: Binding
    """The target that decides ``target``: none when no target is stated."""
    known: dict[int, q.QueueResult] | None = None
    """Erlang A headcounts the search evaluated (at the goal's time), to reuse."""


class Demand(NamedTuple):
    model: Model
    spread: Spread
    weekly: Fraction
    hours: Fraction
    aht: Fraction
    goal: Goal
    slices: tuple[Slice, ...]
    needs: tuple[Need, ...]
    target_hours: Fraction
    """Position-hours a week the targets need."""
    ceiling_hours: Fraction
    """Position-hours a week the targets and the ceiling need, slice by slice: how a
    schedule that follows the forecast moves toward the ceiling (see `allocate`)."""
    peak: int
    """Index of the busiest slice."""
    week_ceiling_hours: Fraction = Fraction(0)
    """Position-hours a week that keep the targets and hold the occupancy ceiling, as
    `occupancy-cap` judges it: over intervals, in every one (``ceiling_hours``, each
    interval's most of its targets' and its ceiling's need, review calc41 F7: the week's
    average let a peak run at 92.5%); one stretch of inbox work, its exact fraction of a
    person (`_inbox_ceiling`)."""
    others: tuple[Demand, ...] = ()
    """The channel's other stated targets, each sized as this one (see ``demand``)."""
    workload: Fraction = Fraction(0)
    """Position-hours of work a week, Σ load × hours over the slices: the busy time of a
    queue that serves every contact, exactly (see ``achieved``)."""


def weekly_contacts(channel: Channel) -> Fraction:
    """Contacts a week. An hour and a day are open ones (10/hour on a 40-hour week is 400);
    a week, a month and a year are calendar ones, spread over the open hours."""
    volume = channel.volume
    if volume is None:
        return _ZERO
    if volume.intervals is not None:
        per_day = sum((exact(i.contacts) for i in volume.intervals), _ZERO)
        days = len(volume.days) if volume.days else channel.schedule.open_days
        return per_day * days
    assert volume.contacts is not None and volume.per is not None
    count = exact(volume.contacts)
    if volume.per == "hour":  # an open hour, as an open day below and as `staff` reads it
        return count * channel.schedule.weekly_hours
    if volume.per == "day":
        return count * channel.schedule.open_days
    return count * PER_WEEK[volume.per]


def goal(channel: Channel, aht: Fraction) -> Goal:
    """The stated target a channel is sized for when its load is not known: the first of
    ``goals`` (``demand`` sizes for the one that needs the most staff)."""
    return goals(channel, aht)[0]


def goals(channel: Channel, aht: Fraction) -> tuple[Goal, ...]:
    """The stated targets, with business time turned into seconds of open time: a service
    level, and the stricter of a first response and a resolution time (each read as nine in
    ten within it); else the average speed of answer, else the abandonment ceiling. A
    channel stating both a service level and a response time is held to both: a looser
    service level written beside a missed first response hid it (review calc26 C1)."""
    t = channel.target
    none = Goal(kind="none", share=0.0, seconds=0.0, asa=None, abandonment=None, text="")
    if t is None:
        return (none,)
    asa = float(t.asa) if t.asa is not None else None
    dropped = float(t.abandonment_max) if t.abandonment_max is not None else None
    if channel.patience is None and (t.service_level or t.first_response or t.resolution or asa):
        # Without a caller patience no figure says who hangs up (`abandonment-max` says it
        # cannot be checked): the need the other targets set is not told as its too
        # (review calc36 L7: "80% in 30s, abandonment at most 5% needs 9 FTE").
        dropped = None
    found: list[Goal] = []
    if t.service_level is not None:
        sl = t.service_level
        found.append(
            Goal(
                kind="service_level",
                share=float(sl.share),
                seconds=float(sl.seconds),
                asa=asa,
                abandonment=dropped,
                text=str(sl),
            )
        )
    per_day = channel.schedule.hours_per_open_day
    timed: list[tuple[float, Binding, str]] = []
    if t.first_response is not None:
        timed.append(
            (
                t.first_response.open_seconds(per_day),
                "first_response",
                f"first response within {t.first_response}",
            )
        )
    if t.resolution is not None:
        # One-touch contacts: resolved a handle time after the first response begins.
        seconds = max(t.resolution.open_seconds(per_day) - float(aht), 0.0)
        timed.append((seconds, "resolution", f"resolution within {t.resolution}"))
    if timed:
        seconds, kind, text = min(timed)
        found.append(
            Goal(
                kind=kind,
                share=DEFERRED_SHARE,
                seconds=seconds,
                asa=asa,
                abandonment=dropped,
                text=text,
            )
        )
    if len(found) > 1:
        texts = [g.text for g in found]
        return tuple(g._replace(also=tuple(t for t in texts if t != g.text)) for g in found)
    if found:
        return tuple(found)
    if asa is not None:
        return (
            Goal(
                kind="asa",
                share=0.0,
                seconds=0.0,
                asa=asa,
                abandonment=dropped,
                text=f"ASA {fmt_seconds(asa)}",
            ),
        )
    if dropped is not None:
        text = f"abandonment at most {fmt_percent(t.abandonment_max or 0)}"
        return (
            Goal(
                kind="abandonment",
                share=0.0,
                seconds=0.0,
                asa=None,
                # No patience: the ceiling is stated, and no figure judges it (`unjudged`).
                abandonment=None if channel.patience is None else dropped,
                text=text,
            ),
        )
    return (none,)


def deferred(channel: Channel, g: Goal) -> bool:
    """Work that waits in an inbox: written kinds, and messaging with a long target."""
    long_target = g.timed and g.seconds > QUEUE_LIKE_SECONDS
    return channel.kind in DEFERRED_KINDS or (channel.kind == Kind.messaging and long_target)


def waits_for_staff(channel: Channel) -> bool:
    """Whether a contact that arrives while nobody is on shift waits for the next person:
    mail and messages do, whatever the target (review calc31 F6, F7: read as never answered
    in time up to an hour and as waiting past it, one second of target moved a part-time
    inbox from kept to missed, or back, and `promise` offered targets `check` then failed);
    a caller or a live chat does not."""
    return channel.kind in DEFERRED_KINDS or channel.kind == Kind.messaging


def model(channel: Channel, g: Goal) -> Model:
    if deferred(channel, g):
        queue_like = g.kind != "none" and g.seconds <= QUEUE_LIKE_SECONDS
        return "erlang-c-deferred" if queue_like else "workload"
    if channel.patience is not None:
        return "erlang-a"
    return "erlang-c-concurrent" if channel.concurrency > 1 else "erlang-c"


Judged = tuple[Demand, tuple[Fraction, ...], "Achieved"]
"""What staff achieve on a demand (`binding`): the demand judging them, their positions in
each slice, and the figures."""
_DemandKey = tuple[str, Fraction, Fraction, Fraction]


class _Remembered:
    """Demands already sized, by their inputs, and what staff were judged to achieve on
    each. Every command sizes a channel again and again: `metrics.compute` runs per what-if
    scenario, per FTE that `fix` tries, per stress, and each searches the least staff by
    judging one headcount after another, the same ones again. Over a day of one-minute
    intervals a sizing took 0.14 s and a judgement 0.07 s, and `report`, `promise` and
    `fix` of such lines ran into the 60 s limit where `check` took 2 s (perf61). Both are
    pure functions of their inputs (a channel's fields but its `agents`, which sizing never
    reads), so remembering them changes no figure. The latest KEPT demands are kept, and
    the latest judgements over at most SLICES slices in all (about 330 bytes each: a day of
    one-minute intervals holds 1,440).

    Searches for the least staff on a demand remember their bounds too (`bracket`): every
    compute asks the least that keep a channel's targets, whatever its planned FTE, and
    `fix` computes a channel at one FTE after another; each search started from nothing and
    judged a dozen new headcounts (perf62)."""

    KEPT = 64
    SLICES = 300_000

    def __init__(self) -> None:
        self.demands: OrderedDict[_DemandKey, Demand | None] = OrderedDict()
        self.ids: set[int] = set()
        """The ids of the remembered demands (and of their ``others``): held while
        ``demands`` holds them, so that no other object can take one."""
        self.judged: OrderedDict[tuple[int, Fraction], tuple[int, Judged]] = OrderedDict()
        """Judgements, with their slice counts, by the demand's id and the staff."""
        self.slices = 0
        self.lock = threading.Lock()
        """Held over each look and change, never while sizing or judging: the library's
        `check` may run in several threads at once (two of them evicting one demand raised
        KeyError)."""
        self.judged_on: dict[int, list[tuple[int, Fraction]]] = {}
        """The keys of ``judged`` by the demand's id, so that letting a demand go finds its
        judgements without a pass over every one held: a batch of plans holds thousands,
        and each plan let one demand go (perf62)."""
        self.brackets: dict[int, dict[Hashable, Bracket]] = {}
        """What searches for the least staff found, by the demand's id and the search's own
        terms (see `bracket`)."""

    def demand(self, key: _DemandKey, size: Callable[[], Demand | None]) -> Demand | None:
        with self.lock:
            if key in self.demands:
                self.demands.move_to_end(key)
                return self.demands[key]
        d = size()
        with self.lock:
            if key in self.demands:  # sized meanwhile by another thread: one demand a key
                return self.demands[key]
            self.demands[key] = d
            self.ids.update(id(one) for one in _family(d))
            if len(self.demands) > self.KEPT:
                # In this order, so that a plan's time running out midway (`deadline`)
                # leaves no judgement under an id another object can take: the oldest
                # demand is let go last, once nothing is remembered by its ids.
                gone = {id(one) for one in _family(next(iter(self.demands.values())))}
                self.ids -= gone
                for one in gone:
                    for at in list(self.judged_on.get(one, ())):
                        self._forget(at)
                    self.brackets.pop(one, None)
                self.demands.popitem(last=False)
        return d

    def judge(self, d: Demand, staffed: Fraction, judge: Callable[[], Judged]) -> Judged:
        at = (id(d), staffed)
        with self.lock:
            if id(d) not in self.ids:  # a demand sized elsewhere (none today): judged as is
                return judge()
            if at in self.judged:
                self.judged.move_to_end(at)
                return self.judged[at][1]
        found = judge()
        with self.lock:
            # Kept only while ``d`` is: once let go, its id may later name another demand.
            if id(d) in self.ids and at not in self.judged:
                self.judged[at] = (len(d.slices), found)
                self.judged_on.setdefault(id(d), []).append(at)
                self.slices += len(d.slices)
                while self.slices > self.SLICES and len(self.judged) > 1:
                    self._forget(next(iter(self.judged)))
        return found

    def bracket(self, d: Demand, terms: Hashable) -> Bracket:
        """The bounds searches on ``d`` with these ``terms`` (whatever besides the demand
        decides whether staff keep: the FTE per position-hour, a ceiling) have found so far,
        for a search to start from; a new one, remembered, the first time."""
        with self.lock:
            if id(d) not in self.ids:  # a demand sized elsewhere: searched from nothing
                return Bracket()
            return self.brackets.setdefault(id(d), {}).setdefault(terms, Bracket())

    def _forget(self, at: tuple[int, Fraction]) -> None:
        self.slices -= self.judged.pop(at)[0]
        held = self.judged_on[at[0]]
        held.remove(at)  # one demand's judgements: a few, or one a headcount searched
        if not held:
            del self.judged_on[at[0]]

    def clear(self) -> None:
        with self.lock:
            self.ids.clear()
            self.judged.clear()
            self.slices = 0
            self.judged_on.clear()
            self.brackets.clear()
            self.demands.clear()


@dataclass
class Bracket:
    """Where the least staff that keep a demand's targets lie, in steps of staff (a tenth of
    an FTE in `metrics`), as judged so far: more staff never achieve less, so every step at
    or below ``missed`` misses and every one from ``kept`` keeps. Threads may share one:
    each attribute is written whole (``kept`` with what was read of it), so a reader never
    sees one judgement's steps beside another's figure, and an update lost to a race only
    leaves the bounds looser."""

    missed: int = -1
    """The most steps judged to miss (-1: none judged)."""
    kept: tuple[int, Fraction] | None = None
    """The fewest steps judged to keep, with what the search reads of that judgement
    (`metrics`: the busiest positions); None: none judged."""

    def saw(self, steps: int, keeps: bool, at: Fraction = Fraction(0)) -> None:
        """Learn from one judgement: ``steps`` of staff keep the targets or miss them."""
        if not keeps:
            self.missed = max(self.missed, steps)
        elif (kept := self.kept) is None or steps < kept[0]:
            self.kept = (steps, at)


def _family(d: Demand | None) -> tuple[Demand, ...]:
    return () if d is None else (d, *d.others)


REMEMBERED = _Remembered()
"""The one memory of sizings in this process (`clear` it to count work from scratch)."""


def demand(channel: Channel, volume: Fraction, handle: Fraction, cap: Fraction) -> Demand | None:
    """Load and needs of a staffed channel with volume and handle time; None otherwise:
    sized once for the same inputs (see `_Remembered`)."""
    key = (channel.model_dump_json(exclude={"agents"}), volume, handle, cap)
    return REMEMBERED.demand(key, lambda: _sized(channel, volume, handle, cap))


def _sized(channel: Channel, volume: Fraction, handle: Fraction, cap: Fraction) -> Demand | None:
    weekly = weekly_contacts(channel)
    hours = channel.schedule.weekly_hours
    if not channel.human or channel.handle_time is None or weekly == 0 or hours == 0:
        return None
    weekly = weekly * volume if volume != 1 else weekly
    aht = exact(channel.handle_time)
    aht = aht * handle if handle != 1 else aht
    sized = [_demand(channel, weekly, hours, aht, volume, cap, g) for g in goals(channel, aht)]
    if len(sized) == 1:
        return sized[0]
    if len({len(d.slices) for d in sized}) == 1 and len(sized[0].slices) > 1:
        # Interval by interval, the target that needs the most there (review attack27 A2:
        # two targets compared by their weeks asked 6.88 FTE where 7.0 keep both each hour).
        each = zip(*(d.needs for d in sized), strict=True)
        most = tuple(max(n, key=lambda need: need.target) for n in each)
        # Each target keeps the Erlang A results worked out at its own time: read at
        # another's, a 20 s service level took figures for 2 minutes, and a first response
        # kept by 92% within 2 minutes read missed (review calc33 F0).
        sized = [
            _with_needs(
                channel,
                d,
                tuple(m._replace(known=own.known) for m, own in zip(most, d.needs, strict=True)),
                cap,
            )
            for d in sized
        ]
    # Sized for the target that needs the most staff; the others ride along, so that staff
    # between whole headcounts are judged by each (see ``binding``).
    sized.sort(key=lambda d: d.target_hours, reverse=True)
    # The ceiling's need is every target's: an inbox's fraction of a person for one target
    # can exceed that of the target needing the most whole people (`_inbox_ceiling`).
    week = max(d.week_ceiling_hours for d in sized)
    return sized[0]._replace(others=tuple(sized[1:]), week_ceiling_hours=week)


def binding(channel: Channel, d: Demand, staffed: Fraction) -> Judged:
    """The target ``staffed`` position-hours a week are judged by: the one that needs the
    most staff, unless they keep it and miss another, which staff between whole headcounts
    can (review calc27 N1: 80.5% in 60 s kept, 90% within 2 minutes missed, and the first
    response never judged); with the positions and figures it reads. Judged once for the
    same staff on a remembered demand (see `_Remembered`)."""
    return REMEMBERED.judge(d, staffed, lambda: _judged(channel, d, staffed))


def _judged(channel: Channel, d: Demand, staffed: Fraction) -> Judged:
    positions = allocate(d, staffed)
    got = achieved(channel, d, positions, staffed)
    if misses(d.goal, got.performance):
        return d, positions, got
    for other in d.others:
        places = allocate(other, staffed)
        kept = achieved(channel, other, places, staffed)
        if misses(other.goal, kept.performance):
            return other, places, kept
    return d, positions, got


def _demand(
    channel: Channel,
    weekly: Fraction,
    hours: Fraction,
    aht: Fraction,
    volume: Fraction,
    cap: Fraction,
    g: Goal,
) -> Demand:
    """Load and needs of a staffed channel sized for one of its targets."""
    kind = model(channel, g)
    spread, slices = _slices(
        channel, weekly, hours, aht, volume, peaks=not waits_for_staff(channel)
    )
    try:
        needs = _each_need(channel, kind, g, slices, aht, cap)
    except q.TooManyAgents:
        raise Oversized(channel.id, max(float(s.load) for s in slices)) from None
    peak = max(range(len(slices)), key=lambda i: slices[i].load) if len(slices) > 1 else 0
    d = Demand(
        model=kind,
        spread=spread,
        weekly=weekly,
        hours=hours,
        aht=aht,
        goal=g,
        slices=slices,
        needs=needs,
        target_hours=_ZERO,
        ceiling_hours=_ZERO,
        peak=peak,
        workload=sum((s.load * s.hours for s in slices), _ZERO),
    )
    return _with_needs(channel, d, needs, cap)


def _with_needs(channel: Channel, d: Demand, needs: tuple[Need, ...], cap: Fraction) -> Demand:
    """``d`` with these needs, slice by slice, and the week's position-hours they add to."""
    slices, hours = d.slices, d.hours
    if len(slices) == 1:
        target, ceiling = needs[0].target * hours, needs[0].ceiling * hours
        week = _inbox_ceiling(channel, d, cap) * hours or ceiling
    else:
        # Every interval holds the ceiling (review calc41 F7): a schedule that follows the
        # forecast (`allocate`) holds it everywhere from here on, and nowhere short of it
        # in an interval whose ceiling asks more than its targets.
        target = sum((n.target * s.hours for s, n in zip(slices, needs, strict=True)), _ZERO)
        ceiling = sum((n.ceiling * s.hours for s, n in zip(slices, needs, strict=True)), _ZERO)
        week = ceiling
    return d._replace(
        needs=needs, target_hours=target, ceiling_hours=ceiling, week_ceiling_hours=week
    )


def _slices(
    channel: Channel,
    weekly: Fraction,
    hours: Fraction,
    aht: Fraction,
    volume: Fraction,
    peaks: bool = True,
) -> tuple[Spread, tuple[Slice, ...]]:
    """The stretches a channel's load is sized over. Work that waits in an inbox (email,
    social, community, messaging) is judged over the week whatever its target: a busiest
    hour's backlog is cleared in the quieter ones, so a peak_factor held all week would size
    work that is not there (1.5 × 100 h a week read as 150 h: "cannot keep up" where the
    week fits, review calc17 G4). Held up to an hour's target and dropped past it, one
    second of target moved a messaging channel's need from 3.6 FTE to 2.6, and an email's
    from 10.4 to 7 (review calc36 F4); intraday intervals size an inbox's busy hours."""
    v = channel.volume
    if v is not None and v.intervals is not None and v.interval is not None:
        length = exact(v.interval)
        days = len(v.days) if v.days else channel.schedule.open_days
        return "intervals", tuple(
            Slice(
                load=exact(i.contacts) * volume * aht / length,
                hours=length * days / 3600,
                contacts=exact(i.contacts) * volume * days,
            )
            for i in v.intervals
        )
    load = (
        Fraction(weekly.numerator * aht.numerator, weekly.denominator * aht.denominator)
        / channel.schedule.weekly_seconds
    )
    if channel.peak_factor and not peaks:
        return "week", (Slice(load=load, hours=hours, contacts=weekly),)
    if channel.peak_factor:
        return "peak_factor", (
            Slice(load=load * exact(channel.peak_factor), hours=hours, contacts=weekly),
        )
    return "even", (Slice(load=load, hours=hours, contacts=weekly),)


def _each_need(
    channel: Channel,
    kind: str,
    g: Goal,
    slices: tuple[Slice, ...],
    aht: Fraction,
    cap: Fraction,
) -> tuple[Need, ...]:
    """Each slice's need. Slices of one channel differ only in their load (the goal, handle
    time and ceiling are the channel's), so a load that comes again is sized once: a day of
    intervals repeats a few volumes, and ten lines of 1,440 one-minute intervals were sized
    interval by interval, 14,400 queue searches per what-if scenario (perf62)."""
    sized: dict[tuple[int, int], Need] = {}
    found = []
    for s in slices:
        key = (s.load.numerator, s.load.denominator)  # a Fraction's own hash is slow
        if key not in sized:
            sized[key] = _need(channel, kind, g, s.load, aht, cap)
        found.append(sized[key])
    return tuple(found)


def _need(
    channel: Channel, kind: str, g: Goal, load: Fraction, aht: Fraction, cap: Fraction
) -> Need:
    k = channel.concurrency
    if load == 0:
        return Need(target=_ZERO, ceiling=_ZERO, binding="none")
    cap = cap if cap > 0 else Fraction(1)  # a ceiling of 0% would be no ceiling at all
    if kind == "workload":
        at_cap = load / (k * cap)  # deferred work: hours, not whole people
        if g.kind == "none":
            return Need(target=at_cap, ceiling=at_cap, binding="none")
        queue = Queue(load=float(load), aht=float(aht), person=k, waits_for_staff=True)
        servers = queue.least(g.share, g.seconds)  # as `achieved` reads the staff
        target = Fraction(servers) / k
        return Need(target=target, ceiling=max(target, at_cap), binding=g.kind)
    # The ceiling is judged on the time-weighted staff a plan has (as `occupancy-cap` reads
    # planned FTE), so its need is the exact share, not whole people: 9.73 positions keep
    # 75% where 9 do not, and asking for 10 would overstate what the ceiling costs.
    known: dict[int, q.QueueResult] = {}
    at_cap = _at_cap(channel, kind, g, load, aht, cap, known)
    if g.kind == "none":
        return Need(target=at_cap, ceiling=at_cap, binding="none", known=known or None)
    req = _required(channel, kind, g, load, aht, known)
    target = Fraction(-(-req.agents // k))  # positions: servers ÷ k, rounded up
    decided = _decided_by(req.binding)
    return Need(target=target, ceiling=max(target, at_cap), binding=decided, known=known or None)


def _inbox_ceiling(channel: Channel, d: Demand, cap: Fraction) -> Fraction:
    """Positions on shift all week for the targets and the ceiling of inbox work (email,
    social, community, messaging) held to an hour or less: the fraction of a person that
    keeps its time target (mail waits for the next person), as past an hour, not the whole
    headcount of a live queue; zero where that does not apply. Whole up to an hour and exact
    past it, a 9.2 FTE email team passed `no-overspend` at 1h (need 8.29) and failed at
    1h1s (need 7.795), though both targets need the same 7.0 FTE (review calc36 F6)."""
    g, k = d.goal, channel.concurrency
    if d.model in ("workload", "erlang-a") or not waits_for_staff(channel):
        return _ZERO
    if not g.timed or (g.asa, g.abandonment) != (None, None) or not d.slices[0].load:
        return _ZERO
    load = d.slices[0].load
    queue = Queue(load=float(load), aht=float(d.aht), person=k, waits_for_staff=True)
    least = Fraction(queue.least(g.share, g.seconds)) / k
    return max(least, load / (k * (cap if cap > 0 else Fraction(1))))


def _at_cap(
    channel: Channel,
    kind: str,
    g: Goal,
    load: Fraction,
    aht: Fraction,
    cap: Fraction,
    known: dict[int, q.QueueResult],
) -> Fraction:
    """Positions that hold the occupancy ceiling, read from the occupancy `achieved`
    reports: the carried load for Erlang A, whose callers who hang up keep no one busy."""
    k = channel.concurrency
    if kind != "erlang-a":
        return load / (k * cap)  # every contact is served: busy time is the offered load
    assert channel.patience is not None
    patience, a, handle = float(channel.patience), float(load), float(aht)

    def busy(n: int) -> float:
        if n not in known:  # at the goal's time, so that `achieved` reuses them
            known[n] = q.evaluate_a(n, a, handle, g.seconds, patience)
        return known[n].occupancy * n

    return q.ceiling_servers(load, cap, busy, person=k) / k


def _required(
    channel: Channel,
    kind: str,
    g: Goal,
    load: Fraction,
    aht: Fraction,
    known: dict[int, q.QueueResult],
) -> q.Requirement:
    if kind == "erlang-a":
        assert channel.patience is not None
        req = q.required_a(
            load,
            float(aht),
            g.share,
            g.seconds,
            float(channel.patience),
            g.asa,
            g.abandonment,
            seen=known,
        )
    else:
        req = q.required_c(load, float(aht), g.share, g.seconds, g.asa)
    # The queue's "service level" is the goal's share within its time: a first response's.
    if req.binding == "service_level" and g.kind != "service_level":
        return req._replace(binding=g.kind)
    return req


def allocate(d: Demand, staffed: Fraction) -> tuple[Fraction, ...]:
    """Positions in each slice when ``staffed`` position-hours a week follow the forecast.

    The schedule first covers what each slice's targets need, then moves every slice
    toward its ceiling need alike; below the targets' need or above the ceiling's, every
    slice gets the same share of its need.
    """
    if len(d.slices) == 1:
        return (staffed / d.slices[0].hours,)
    target, ceiling = d.target_hours, d.ceiling_hours
    # Each share worked out once, not per slice: exact, so the same positions (a day of
    # one-minute intervals divided 1,440 times where once does).
    if staffed <= target and target > 0:
        share = staffed / target
        return _per_need(d.needs, lambda n: n.target * share)
    if staffed <= ceiling and ceiling > target:
        step = (staffed - target) / (ceiling - target)
        return _per_need(d.needs, lambda n: n.target + (n.ceiling - n.target) * step)
    if ceiling > 0:
        share = staffed / ceiling
        return _per_need(d.needs, lambda n: n.ceiling * share)
    open_hours = sum((s.hours for s in d.slices), _ZERO)
    return tuple(staffed / open_hours for _ in d.slices)


def _per_need(
    needs: tuple[Need, ...], position: Callable[[Need], Fraction]
) -> tuple[Fraction, ...]:
    """``position`` of each slice's need, worked out once for slices that need the same (a
    day of intervals repeats a few needs; exact, so the same positions)."""
    seen: dict[tuple[int, int, int, int], Fraction] = {}
    found = []
    for n in needs:
        t, c = n.target, n.ceiling
        key = (t.numerator, t.denominator, c.numerator, c.denominator)  # cheaper than hashing
        if key not in seen:
            seen[key] = position(n)
        found.append(seen[key])
    return tuple(found)


class Achieved(NamedTuple):
    performance: Performance
    occupancy: float
    """Busy time over staffed time across the week."""
    first_response: float | None
    parts: tuple[tuple[Queue, Fraction, float], ...]
    """Each slice's queue, servers and contacts: what `keepable` needs for any share."""
    highest: float = 0.0
    """The busiest slice's occupancy, the one `occupancy-cap` judges: over intervals, the
    ceiling holds in each (review calc41 F7); one stretch: ``occupancy``."""
    highest_at: int = 0
    """Index of that slice in ``Demand.slices`` (the first, on a tie)."""


def achieved(
    channel: Channel, d: Demand, positions: tuple[Fraction, ...], staffed: Fraction
) -> Achieved:
    """Figures of the planned positions, slice by slice, weighted by contacts; ``staffed``
    is their position-hours a week (what `allocate` shared out)."""
    k = channel.concurrency
    loaded = [(s, n, x) for s, n, x in zip(d.slices, d.needs, positions, strict=True) if s.load]
    queues = _queues(channel, d, [(s, n) for s, n, _ in loaded])
    parts = tuple(
        (queue, x * k if k != 1 else x, contacts)
        for (queue, contacts), (_, _, x) in zip(queues, loaded, strict=True)
    )
    try:
        results = each_at(parts, d.goal.seconds)
    except q.TooManyAgents:
        raise Oversized(channel.id, max(float(s.load) for s in d.slices)) from None
    performance = mix(zip(results, (w for *_, w in parts), strict=True))
    # Occupancy: busy time over staffed time, across the week. Where every contact is served
    # (no one hangs up), the busy time is the offered load, exactly: a plan whose workload
    # hours are 85% of its productive hours is 85% occupied, never the float noise of
    # 0.8500000000000001 that `whatif` showed as "85.0001%" beside a ceiling `check` holds
    # (review calc49 D1).
    if all(r.abandonment is None for r in results):
        busy: Fraction | float = d.workload
    else:  # the carried load of a queue some hang up from: a float, as the queue gives it
        busy = sum(
            (r.busy * float(s.hours) for r, (s, _, _) in zip(results, loaded, strict=True)), 0.0
        )
    # A queue that cannot keep up is busy all the time: exactly 1, not the float noise of
    # adding its intervals up (review calc36 L1: "99.9999%" beside "100%").
    stable = performance.stable and staffed
    occupancy = min(1.0, float(busy / (staffed * k))) if stable else 1.0
    highest, at = (occupancy, 0) if len(d.slices) == 1 else _busiest(results, parts, d)
    first = None
    # The time 90% are answered within: for inbox work, and for any channel whose target is
    # a first response or a resolution (a short one on messaging, chat or a phone line is
    # judged as a live queue, and its promise is still a time).
    timed = d.goal.kind in ("first_response", "resolution")
    if (timed or deferred(channel, d.goal)) and performance.stable:
        first = keepable(list(parts), DEFERRED_SHARE)
    return Achieved(
        performance=performance,
        occupancy=occupancy,
        first_response=first,
        parts=parts,
        highest=highest,
        highest_at=at,
    )


def _queues(
    channel: Channel, d: Demand, loaded: list[tuple[Slice, Need]]
) -> list[tuple[Queue, float]]:
    """Each slice's queue and contacts. A slice's queue is its load's (handle time, patience
    and concurrency are the channel's, and its need's Erlang A results are sized from its
    load alone), so one is built for each load: a day of one-minute intervals repeats a few
    volumes, and ten lines of them built and converted 14,400 a judgement (perf62)."""
    patience = (
        float(channel.patience) if channel.patience is not None and d.model == "erlang-a" else None
    )
    aht, waits = float(d.aht), waits_for_staff(channel)
    built: dict[tuple[int, int, int], tuple[Queue, float]] = {}
    found = []
    for s, n in loaded:
        key = (s.load.numerator, s.load.denominator, id(n.known))
        if key not in built:
            queue = Queue(
                load=float(s.load),
                aht=aht,
                patience=patience,
                known=n.known,
                known_at=d.goal.seconds,
                person=channel.concurrency,
                waits_for_staff=waits,
            )
            built[key] = (queue, float(s.contacts))
        found.append(built[key])
    return found


def each_at(parts: tuple[tuple[Queue, Fraction, float], ...], seconds: float) -> list[Performance]:
    """Each slice's figures at its servers. Slices of one channel differ only in their load
    (handle time, patience and concurrency are the channel's), so those with the same load
    and servers achieve the same: worked out once (a day of one-minute intervals repeats a
    few volumes over 1,440 of them). The interval notes read them again (`metrics`)."""
    seen: dict[tuple[float, int, int], Performance] = {}
    results = []
    for queue, x, _ in parts:
        key = (queue.load, x.numerator, x.denominator)  # a Fraction's own hash is slow
        if key not in seen:
            seen[key] = queue.at(x, seconds)
        results.append(seen[key])
    return results


def _busiest(
    results: list[Performance], parts: tuple[tuple[Queue, Fraction, float], ...], d: Demand
) -> tuple[float, int]:
    """The busiest interval's occupancy and its index among all of ``d``'s slices (those
    with no contacts keep nobody busy): busy time over its servers, 1 where nobody is on
    shift or they cannot keep up (as the assumptions line that names it reads it)."""
    indices = [i for i, s in enumerate(d.slices) if s.load]
    # Worked out once for slices of the same load and servers, as `each_at` does.
    seen: dict[tuple[int, int, int, int], float] = {}
    found = []
    for r, (_, x, _), i in zip(results, parts, indices, strict=True):
        load = d.slices[i].load
        key = (load.numerator, load.denominator, x.numerator, x.denominator)
        if key not in seen:
            seen[key] = min(1.0, float(_busy(r, d.slices[i]) / x)) if x and r.stable else 1.0
        found.append((seen[key], i))
    return extreme(found, highest=True) if found else (0.0, 0)


_At = TypeVar("_At")


def extreme(found: Sequence[tuple[float, _At]], *, highest: bool) -> tuple[float, _At]:
    """The highest (or lowest) figure of ``found`` and the first place that reaches it:
    figures within the floating noise of it (`queueing.TOLERANCE`) reach it, so that two
    intervals busy alike are named by their order, never by a float hair that a later one
    computed a 1e-16 higher (review calc53 W6)."""
    sign = 1 if highest else -1
    top = max(sign * f for f, _ in found) * sign
    return top, next(at for f, at in found if abs(f - top) <= q.TOLERANCE)


def _busy(r: Performance, s: Slice) -> Fraction | float:
    """A slice's busy servers: its offered load, exactly, where every contact is served (no
    one hangs up: Erlang C, inbox work), else the carried load the queue reports."""
    return s.load if r.abandonment is None and r.stable else r.busy


def deciding(g: Goal, fewer: Performance, reason: Binding) -> Binding:
    """What decides the least staff that keep every target: the target a hair fewer miss
    (``fewer``: `check` a thousandth of an FTE under the least that keep them, `staff` a
    thousandth of a person on shift under it, review p-fix53f 5), unless they miss
    ``reason`` (the whole headcount's), cannot keep up, or keep every target. "stability"
    (the fewest who keep up already keep the targets) is a whole headcount's reason: with
    a tenth fewer keeping up and missing the ASA, check said `asa`
    and staff "stability binds" of one agent kept at ASA 24m on 0.8 Erlangs (review calc51).
    The one rule for both."""
    missed = misses(g, fewer)
    if not missed or reason in missed or not fewer.stable:
        return reason
    return missed[0]


def least_kept(low: int, high: int, keeps: Callable[[int], bool]) -> int:
    """The least step of staff in (``low``, ``high``] that keeps every target, by halving:
    ``low`` misses, ``high`` keeps (steps of a thousandth: of an FTE in `check`, of a person
    on shift in `staff`; ``deciding`` then asks what one step fewer miss)."""
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (low, mid) if keeps(mid) else (mid, high)
    return high


def misses(g: Goal, p: Performance) -> tuple[Binding, ...]:
    """The stated targets the planned staff do not keep; "stability" where they cannot keep
    up and the one target stated cannot be judged (`Goal.unjudged`)."""
    missed: list[Binding] = []
    if g.timed and (not p.stable or p.service_level < g.share - _TOLERANCE):
        missed.append(g.kind)
    if g.asa is not None and (p.asa is None or p.asa > g.asa + _TOLERANCE):
        missed.append("asa")
    if g.abandonment is not None and (p.abandonment or 0.0) > g.abandonment + _TOLERANCE:
        missed.append("abandonment")
    if g.kind in ("asa", "abandonment") and not p.stable and not missed:
        missed.append("stability" if g.unjudged else g.kind)
    return tuple(missed)
