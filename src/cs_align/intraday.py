"""Intraday intervals against a channel's hours: each in open time, none twice, none missing."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from cs_align.schedule import Schedule
from cs_align.units import DAYS, WEEK_MINUTES, fmt_seconds

Span = tuple[int, int]
"""Ticks from Monday 00:00 (a Sunday night runs on past the week's end). A tick is a
second, or the fraction of one that the interval's length is written in."""
SHOWN = 3
"""Stretches a message names before it says '…'."""


class Misfit(NamedTuple):
    """Why a channel's intervals cannot stand for its demand, and where, below the channel."""

    at: tuple[int | str, ...]
    message: str
    fix: str


class Grid(NamedTuple):
    """The intervals in whole ticks: their length, and each start's ticks after midnight."""

    tick: int
    """Ticks a second."""
    length: int
    clocks: tuple[int, ...]

    @property
    def day(self) -> int:
        return 86400 * self.tick

    def clock(self, ticks: int, end: bool = False) -> str:
        """Ticks after a day's midnight as a clock time: 08:00, 07:30:15; 24:00 for its end."""
        if end and ticks > 0 and ticks % self.day == 0:
            return "24:00"
        hours, rest = divmod(Fraction(ticks % self.day, self.tick), 3600)
        minutes, seconds = divmod(rest, 60)
        text = f"{hours:02d}:{minutes:02d}"
        if seconds:
            exact = seconds.denominator == 1
            text += f":{int(seconds):02d}" if exact else f":{float(seconds):05.2f}"
        return text


class OpenDay(NamedTuple):
    """A day the channel opens: from its first opening for at most 24 hours, and no further
    than the next open day's (a night past midnight is the day it opened on, as `Schedule`
    counts days)."""

    weekday: int
    midnight: int
    start: int
    open: tuple[Span, ...]
    day: int
    """Ticks a day."""

    def place(self, clock: int) -> int:
        """Where an interval starting ``clock`` ticks after midnight falls on this day: a time
        earlier than the day's first opening is the small hours after it."""
        moment = self.midnight + clock
        return moment + self.day if moment < self.start else moment


def misfit(
    hours: Schedule, length: Fraction, starts: Sequence[str], days: Sequence[str] | None
) -> Misfit | None:
    """The first thing that keeps intervals ``length`` seconds long starting at ``starts``
    (on ``days``, or every open day) from tiling the channel's open hours; None if they do.

    An interval outside the open hours would be sized and answered while nobody is there;
    two over the same minutes count contacts twice; open time no interval covers would be
    planned with no contacts and no staff.
    """
    tick = length.denominator
    grid = Grid(tick=tick, length=length.numerator, clocks=tuple(_ticks(at, tick) for at in starts))
    week = _open_days(hours, tick)
    named = None if days is None else {DAYS.index(d) for d in days}
    chosen = [day for day in week if named is None or day.weekday in named]
    return (
        _days_misfit(hours, week, days)
        or _twice(grid, chosen, starts)  # first: what follows then meets 1,440 starts at most
        or _outside(hours, grid, chosen, starts)
        or _overlap(grid, chosen, starts)
        or _uncovered(hours, grid, week, chosen)
    )


def _ticks(at: str, tick: int) -> int:
    hours, minutes = (int(part) for part in at.split(":"))
    return (hours * 60 + minutes) * 60 * tick


def _open_days(hours: Schedule, tick: int) -> list[OpenDay]:
    found = []
    for index, first in enumerate(hours.opens):
        following = hours.opens[(index + 1) % len(hours.opens)]
        following += WEEK_MINUTES if following <= first else 0
        end = min(first + 1440, following)
        found.append(
            OpenDay(
                weekday=first // 1440,
                midnight=first // 1440 * 86400 * tick,
                start=first * 60 * tick,
                open=_open(hours, first, end, 60 * tick),
                day=86400 * tick,
            )
        )
    return found


def _open(hours: Schedule, start: int, end: int, per_minute: int) -> tuple[Span, ...]:
    """Open stretches within [start, end) minutes of the week, in ticks."""
    spans: list[Span] = []
    for shift in (0, WEEK_MINUTES):  # a Sunday night goes on into the next week's Monday
        for s, e in hours.intervals:
            lo, hi = max(start, s + shift), min(end, e + shift)
            if lo < hi:
                spans.append((lo * per_minute, hi * per_minute))
    return _merged(spans)


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _days_misfit(hours: Schedule, week: list[OpenDay], days: Sequence[str] | None) -> Misfit | None:
    opening = {day.weekday for day in week}
    listed = list(days or ())
    for index, name in enumerate(listed):
        if DAYS.index(name) not in opening:
            return Misfit(
                at=("volume", "days", index),
                message=f"the channel does not open on {name.title()} (hours {hours}): "
                "intervals given for it would be sized and answered while nobody is there",
                fix=f"list only days it opens ({_day_names(opening)}), or open it on "
                f"{name.title()} in `hours`",
            )
        if name in listed[:index]:
            return Misfit(
                at=("volume", "days", index),
                message=f"{name} is listed twice: its contacts would count twice",
                fix="list each day once",
            )
    return None


def _twice(grid: Grid, chosen: list[OpenDay], starts: Sequence[str]) -> Misfit | None:
    first: dict[str, int] = {}
    for index, at in enumerate(starts):
        if at in first:
            free = _gaps(grid, chosen)
            hint = f" ({free} has no interval)" if free else ""
            return Misfit(
                at=("volume", "intervals", index, "at"),
                message=f"a second interval starts at {at} (the first is intervals"
                f"[{first[at]}]): its contacts would be sized on top of the first's",
                fix="add the two into one interval, or give this one the start it was meant "
                f"to have{hint}",
            )
        first[at] = index
    return None


def _outside(
    hours: Schedule, grid: Grid, chosen: list[OpenDay], starts: Sequence[str]
) -> Misfit | None:
    for index, clock in enumerate(grid.clocks):
        failed = [(day, why) for day in chosen if (why := _fit(hours, grid, day, clock))]
        if not failed:
            continue
        day, why = failed[0]
        shown = f"{starts[index]}-{grid.clock(day.place(clock) + grid.length - day.midnight, True)}"
        named = _day_names([d.weekday for d, w in failed if w == why])
        if "next open day" in why:
            consequence = "each open day's intervals lie within that day"
            fix = f"start the day's intervals at {grid.clock(day.start - day.midnight)}"
        else:
            consequence = "its contacts would be sized and answered while nobody is there"
            fix = f"give intervals only within the open hours, or widen `hours` to take in {shown}"
        return Misfit(
            at=("volume", "intervals", index, "at"),
            message=f"the interval {shown} {why} on {named} (hours {hours}): {consequence}",
            fix=fix,
        )
    return None


def _fit(hours: Schedule, grid: Grid, day: OpenDay, clock: int) -> str:
    """Why an interval does not fit in the day's open time; '' if it does."""
    start = day.place(clock)
    for s, e in day.open:
        if s <= start < e:
            if start + grid.length <= e:
                return ""
            closes = grid.clock(e - day.midnight, end=True)
            minute = e // (60 * grid.tick) % WEEK_MINUTES
            if hours.open_minutes(minute, minute + 1):
                return f"runs past {closes}, into the next open day"
            return f"runs past {closes}, when the channel closes"
    return "starts while the channel is closed"


def _overlap(grid: Grid, chosen: list[OpenDay], starts: Sequence[str]) -> Misfit | None:
    """Two intervals over the same minutes: the later one written (all are as long)."""
    pairs = []
    for day in chosen:
        placed = sorted((day.place(clock), index) for index, clock in enumerate(grid.clocks))
        for (a, i), (b, j) in itertools.pairwise(placed):
            if b - a < grid.length:
                pairs.append((max(i, j), min(i, j)))
    if not pairs:
        return None
    later, earlier = min(pairs)
    length = fmt_seconds(float(Fraction(grid.length, grid.tick)))
    return Misfit(
        at=("volume", "intervals", later, "at"),
        message=f"the interval at {starts[later]} overlaps the one at {starts[earlier]} "
        f"(each lasts {length}): contacts would be sized twice over the same minutes",
        fix=f"start intervals {length} apart, or change `interval` to their length",
    )


def _uncovered(
    hours: Schedule, grid: Grid, week: list[OpenDay], chosen: list[OpenDay]
) -> Misfit | None:
    covered = {day.weekday: _covered(grid, day) for day in chosen}
    gaps = {day.weekday: _less(day.open, covered.get(day.weekday, ())) for day in week}
    missing = next((day for day in week if gaps[day.weekday]), None)
    if missing is None:
        return None
    start, end = (t - missing.midnight for t in gaps[missing.weekday][0])
    alike = [d for d in week if (start + d.midnight, end + d.midnight) in gaps[d.weekday]]
    span = f"{grid.clock(start)}-{grid.clock(end, end=True)}"
    said, whole = _covered_text(grid, week, covered)
    narrow = f"narrow `hours` to {said}" if whole else "narrow `hours` to the times they cover"
    undescribed = [DAYS[d.weekday] for d in alike if d.weekday not in covered]
    if undescribed:
        fix = f"add {', '.join(undescribed)} to `days` (or drop `days`) if these intervals hold "
        fix += f"then too, or {narrow}"
    elif said:
        fix = f"give intervals for {span} too, or {narrow}"
    else:
        fix = f"give intervals for the open hours ({hours}), or drop `intervals` for a total"
    return Misfit(
        at=("volume", "intervals"),
        # A list of hours is the schedule's "A; B": said "A, B", so that the sentence's own
        # ";" and ":" read as its own (review calc36 L5).
        message=f"intervals cover {said or 'none'} of the channel's hours "
        f"{str(hours).replace('; ', ', ')}: "
        f"{_day_names([d.weekday for d in alike])} {span} has no forecast, so it would be "
        "planned with no contacts and no staff",
        fix=fix,
    )


def _covered(grid: Grid, day: OpenDay) -> tuple[Span, ...]:
    return _merged([(day.place(c), day.place(c) + grid.length) for c in grid.clocks])


def _less(spans: tuple[Span, ...], taken: tuple[Span, ...]) -> list[Span]:
    """What of ``spans`` no span in ``taken`` covers."""
    left: list[Span] = []
    for start, end in spans:
        cursor = start
        for s, e in taken:
            if e <= cursor or s >= end:
                continue
            if s > cursor:
                left.append((cursor, s))
            cursor = max(cursor, e)
        if cursor < end:
            left.append((cursor, end))
    return left


def _gaps(grid: Grid, chosen: list[OpenDay]) -> str:
    """The first open stretch the intervals leave free on a day they describe ('' if none)."""
    for day in chosen:
        free = _less(day.open, _covered(grid, day))
        if free:
            start, end = (t - day.midnight for t in free[0])
            return f"{grid.clock(start)}-{grid.clock(end, end=True)}"
    return ""


def _covered_text(
    grid: Grid, week: list[OpenDay], covered: dict[int, tuple[Span, ...]]
) -> tuple[str, bool]:
    """('Mon-Fri 08:00-12:00', True): the covered clock times, days with the same ones
    together, and whether that is one span of hours as `hours` writes them (not cut short)."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for day in week:
        texts = tuple(
            f"{grid.clock(s - day.midnight)}-{grid.clock(e - day.midnight, end=True)}"
            for s, e in covered.get(day.weekday, ())
        )
        if texts:
            groups.setdefault(texts, []).append(day.weekday)
    parts = [
        f"{_day_names(days)} {', '.join(texts[:SHOWN])}{', …' if len(texts) > SHOWN else ''}"
        for texts, days in list(groups.items())[:SHOWN]
    ]
    said = "; ".join(parts) + ("; …" if len(groups) > SHOWN else "")
    return said, len(groups) == 1 and len(next(iter(groups))) == 1


def _day_names(days: Sequence[int] | set[int]) -> str:
    """[0, 1, 2, 3, 4, 6] → 'Mon-Fri, Sun'."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        DAYS[r[0]].title() if len(r) == 1 else f"{DAYS[r[0]].title()}-{DAYS[r[-1]].title()}"
        for r in runs
    )
