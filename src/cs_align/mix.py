"""A plan's strategies, resolved: which strategy judges which channels, practices and the plan.

Rules have a reach (`REACH` in each rule module):

- **plan** rules judge the plan as a whole (budget, totals, tiers, public presence). The
  primary strategy runs them with every channel in view, so a segment's own strategy never
  hides its channels from them. Another strategy in a mix runs them over its own channels
  only, and rules about the plan's budget and totals stay silent there: they belong to the
  primary.
- **channel** rules judge each channel under the strategy that covers it: `by_channel`,
  then the channel's segment (`by_segment` or the segment's `strategy`), then the primary.
- **staff** rules judge the reps' practices. The plan's `staffing` is judged by the
  primary; a segment with a strategy or practices of its own (`segments[].staffing`) has
  its practices judged by its strategy (the primary when it names none).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from cs_align.errors import PlanError, Problem, close_matches
from cs_align.plan import Mix, Plan
from cs_align.rules.base import CHANNEL, PLAN, STAFF
from cs_align.strategy import Strategy
from cs_align.yamlsafe import Document, Pos

DocPath = tuple[str | int, ...]
Loader = Callable[[str, DocPath], Strategy]
"""Turns a strategy reference, written at a place in the plan, into the strategy."""


class Unit(NamedTuple):
    """One strategy's share of a plan: the reaches it runs, over which channels."""

    strategy: Strategy
    reaches: frozenset[str]
    channels: frozenset[str] | None
    """Channels in view (None: every channel)."""
    primary: bool
    """Whether rules about the plan's budget and totals run (the primary strategy only)."""
    segment: int | None = None
    """Index of the segment whose practices are in effect (its `staffing` over the plan's)."""
    given: bool = False
    """Whether the command line's strategy (--strategy) judges it, not the one the plan declares."""


def validate_mix(plan: Plan, doc: Document) -> None:
    """Every segment and channel id the plan refers to exists: else exit 2, with did-you-mean."""
    segments = [s.id for s in plan.segments]
    channels = [c.id for c in plan.channels]
    problems: list[Problem] = []
    if isinstance(plan.strategy, Mix):
        for name in plan.strategy.by_segment:
            if name not in segments:
                where = doc.key_pos(("strategy", "by_segment", name))
                problems.append(_unknown(doc.file, where, "segment", name, segments))
        for name in plan.strategy.by_channel:
            if name not in channels:
                where = doc.key_pos(("strategy", "by_channel", name))
                problems.append(_unknown(doc.file, where, "channel", name, channels))
        for name, ref in plan.strategy.by_segment.items():
            own = next((s.strategy for s in plan.segments if s.id == name), None)
            if own is not None and own != ref:
                where = doc.key_pos(("strategy", "by_segment", name))
                problems.append(
                    Problem(
                        file=doc.file,
                        line=where.line,
                        column=where.column,
                        message=f"segment {name!r} is given two strategies: {ref} here and {own} "
                        "in "
                        "`segments`",
                        fix="name the segment's strategy in one place",
                    )
                )
    for index, channel in enumerate(plan.channels):
        if channel.segment is not None and channel.segment not in segments:
            where = doc.value_pos(("channels", index, "segment"))
            problems.append(_unknown(doc.file, where, "segment", channel.segment, segments))
    if problems:
        raise PlanError(problems)


def _unknown(file: str, where: Pos, what: str, name: str, known: list[str]) -> Problem:
    close = close_matches(name, known, 0.6)
    if close:
        fix = f"did you mean {close[0]!r}?"
    elif known:
        fix = f"the plan's {what}s are {', '.join(known)}"
    else:
        fix = f"the plan lists no {what}s: add it under `{what}s:`"
    return Problem(
        file=file, line=where.line, column=where.column, message=f"unknown {what} {name!r}", fix=fix
    )


def resolve(plan: Plan, primary: Strategy, load: Loader, mixed: bool = True) -> list[Unit]:
    """The units a plan is judged in; the primary's whole-plan unit comes first.

    ``load`` turns a strategy reference into a strategy; ``mixed`` False ignores the plan's
    own mix (a strategy given on the command line judges everything).
    """
    if not _mixed(plan, mixed):
        return [
            Unit(
                strategy=primary,
                reaches=frozenset({PLAN, CHANNEL, STAFF}),
                channels=None,
                primary=True,
            )
        ]
    by_segment = segment_refs(plan) if mixed else {}
    by_channel: dict[str, tuple[str, DocPath]] = {}
    if mixed and isinstance(plan.strategy, Mix):
        by_channel = {
            c: (ref, ("strategy", "by_channel", c)) for c, ref in plan.strategy.by_channel.items()
        }
    owner: dict[str, tuple[str, DocPath]] = {}
    for channel in plan.channels:
        found = by_channel.get(channel.id) or by_segment.get(channel.segment or "")
        if found:
            owner[channel.id] = found
    units = [Unit(strategy=primary, reaches=frozenset({PLAN}), channels=None, primary=True)]
    units += _channel_units(plan, primary, owner, load)
    units += _staff_units(plan, primary, by_segment, load)
    return _merged(units)


def _mixed(plan: Plan, mixed: bool) -> bool:
    """Whether anything in the plan is judged apart from the primary's whole-plan run."""
    if mixed and (isinstance(plan.strategy, Mix) or any(s.strategy for s in plan.segments)):
        return True
    return any(s.staffing is not None for s in plan.segments)


def segment_refs(plan: Plan) -> dict[str, tuple[str, DocPath]]:
    """Each segment's strategy reference (its own `strategy`, or the mix's `by_segment`: one,
    as `validate_mix` holds them) and where it is written."""
    refs: dict[str, tuple[str, DocPath]] = {
        s.id: (s.strategy, ("segments", i, "strategy"))
        for i, s in enumerate(plan.segments)
        if s.strategy
    }
    if isinstance(plan.strategy, Mix):
        for name, ref in plan.strategy.by_segment.items():
            refs[name] = (ref, ("strategy", "by_segment", name))
    return refs


def _channel_units(
    plan: Plan, primary: Strategy, owner: dict[str, tuple[str, DocPath]], load: Loader
) -> list[Unit]:
    mine = frozenset(c.id for c in plan.channels if c.id not in owner)
    units = [
        Unit(
            strategy=primary,
            reaches=frozenset({CHANNEL}),
            channels=mine if owner else None,
            primary=True,
        )
    ]
    first: dict[str, DocPath] = {}
    for ref, path in owner.values():
        first.setdefault(ref, path)
    for ref, path in first.items():
        channels = frozenset(c for c, (r, _) in owner.items() if r == ref)
        units.append(
            Unit(
                strategy=load(ref, path),
                reaches=frozenset({PLAN, CHANNEL}),
                channels=channels,
                primary=False,
            )
        )
    return units


def _staff_units(
    plan: Plan, primary: Strategy, by_segment: dict[str, tuple[str, DocPath]], load: Loader
) -> list[Unit]:
    """The plan's practices under the primary; each segment with its own under its strategy."""
    units: list[Unit] = []
    separate: set[str] = set()
    for index, segment in enumerate(plan.segments):
        found = by_segment.get(segment.id)
        if found is None and segment.staffing is None:
            continue
        channels = frozenset(c.id for c in plan.channels if c.segment == segment.id)
        strategy = load(*found) if found else primary
        if channels:  # a segment no channel serves has no reps whose practices to judge
            separate |= channels
            units.append(
                Unit(
                    strategy=strategy,
                    reaches=frozenset({STAFF}),
                    channels=channels,
                    primary=found is None,
                    segment=index,
                )
            )
    rest = frozenset(c.id for c in plan.channels if c.id not in separate)
    if separate and not rest:
        return units
    return [
        Unit(
            strategy=primary,
            reaches=frozenset({STAFF}),
            channels=rest if separate else None,
            primary=True,
        ),
        *units,
    ]


def _merged(units: list[Unit]) -> list[Unit]:
    """Units that differ only in reach become one (one context, each rule run once)."""
    merged: dict[tuple[str, frozenset[str] | None, bool, int | None], Unit] = {}
    for unit in units:
        key = (unit.strategy.file, unit.channels, unit.primary, unit.segment)
        if key in merged:
            unit = unit._replace(reaches=merged[key].reaches | unit.reaches)
        merged[key] = unit
    return list(merged.values())


def with_practices(plan: Plan, index: int) -> Plan:
    """The plan as a segment's reps work it: the segment's own practices over the plan's."""
    own = plan.segments[index].staffing
    if own is None:
        return plan
    return plan.model_copy(update={"staffing": plan.staffing.model_copy(update=own.overrides())})
