"""The best tier is served strictly better than the rest, and keeps improving.

Why: rewarding the best customers works only if the difference is real and felt — and
once promised, you must keep doubling down, improving how you treat them.

Source: 004 (treat the best substantially better; double down on it continually).

Options:
    min_lead: how much shorter the best tier's average wait (ASA) must be than every other
    live channel's, as a share (default 0.5: half the wait).

Fails:
    segments: [{id: gold, rank: 1, …}, {id: standard, …}]
    channels: gold-phone ASA 30 s; phone ASA 35 s

Only staffed live channels (voice, chat, messaging, in-person) are compared, each by its
ASA whatever its target: a line promising an ASA or an abandonment ceiling alone is judged
by the wait it answers in, as one with a service level is. Last period's
`history.best_tier_service_level` is set beside the best tier's service level; a best tier
stating none is reported as not checked.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.plan import QUEUED_KINDS, Channel
from cs_align.rules.base import HIGHER, NOT_CHECKED, PLAN, Context, Hit, Options, pct, secs

ID = "best-tier-served-better"
AREA = "strategy"
SEVERITY = "error"
TITLE = "The best tier is served strictly better"
SOURCE = "004"
REACH = PLAN


class TierOptions(Options):
    min_lead: Annotated[Decimal, HIGHER] = Decimal("0.5")


OPTIONS = TierOptions


def check(ctx: Context, options: TierOptions) -> Iterator[Hit]:
    plan = ctx.plan
    if not plan.segments:
        yield Hit(
            message="a tiered strategy with no segments treats everyone the same",
            path=("segments",),
            fix="add `segments:` with a best tier (rank: 1) and channels that serve it",
        )
        return
    best = min(plan.segments, key=lambda s: (s.rank or 99, plan.segments.index(s)))
    waits = _waits(ctx)
    ours = [w for c, w in waits if c.segment == best.id]
    others = [w for c, w in waits if c.segment != best.id]
    if not ours:
        yield Hit(
            message=f"no staffed live channel serves the best tier {best.id!r}",
            path=("segments",),
            fix=f"give {best.id} its own line: a channel with `segment: {best.id}`",
        )
        return
    limit = min(others) * float(1 - options.min_lead) if others else None
    if limit is not None and max(ours) >= limit:
        yield Hit(
            message=f"{_wait(best.id, max(ours))}; other customers wait "
            f"{_wait('', min(others))}; the best tier must wait at least "
            f"{pct(options.min_lead)} less",
            path=("segments",),
            fix=f"staff the {best.id} channels so they answer well ahead of the rest",
        )
    levels = [
        m.service_level
        for _, c, m in ctx.channels()
        if c.segment == best.id and m.service_level is not None
    ]
    previous = plan.history.best_tier_service_level if plan.history else None
    if previous is not None and not levels:
        # An ASA-only best tier has no service level to set beside last period's: not
        # checked, never passed (review calc38 F3).
        yield Hit(
            message=f"{NOT_CHECKED}the {best.id} channels state no service level to set beside "
            f"last period's {pct(previous)}",
            path=("history", "best_tier_service_level"),
            fix=f"promise a service level on the {best.id} channels (e.g. 90% in 10s), or "
            "drop history.best_tier_service_level",
        )
    elif previous is not None and min(levels) <= float(previous):
        yield Hit(
            message=f"{best.id} service level {pct(min(levels))} does not improve on last period's "
            f"{pct(previous)}",
            path=("history", "best_tier_service_level"),
            fix=f"plan the {best.id} channels to beat {pct(previous)}",
        )


def _waits(ctx: Context) -> list[tuple[Channel, float]]:
    """Each staffed live line with its mean wait (ASA), whatever its target: every sized queue
    has an ASA, so a line promising an ASA or an abandonment ceiling alone (no service level)
    is judged by the figures it has, never left out as if nobody served its tier (review
    calc36 F5: a gold line with `target: {asa: 1s}` answering in 0.4 s was "no staffed live
    channel serves the best tier"). A staffed line with no mean wait to promise (nobody on
    shift part of the time, or more work than its staff clear) keeps its callers waiting
    without limit; a line with no volume to size has no positions and no figures."""
    return [
        (c, math.inf if m.asa is None else m.asa)
        for _, c, m in ctx.channels()
        if c.kind in QUEUED_KINDS and m.planned_positions > 0
    ]


def _wait(tier: str, asa: float) -> str:
    """How long a tier waits on average for an answer (``tier`` empty: the time alone)."""
    if math.isinf(asa):
        said = "without limit (nobody is on shift part of the time, or the work outgrows the staff)"
        return f"{tier} can wait {said}" if tier else said
    return f"{tier} waits {secs(asa)} on average for an answer" if tier else secs(asa)
