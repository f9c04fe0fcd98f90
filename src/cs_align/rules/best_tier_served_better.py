"""The best tier is served strictly better than the rest, and keeps improving.

Why: rewarding the best customers works only if the difference is real and felt — and
once promised, you must keep doubling down, improving how you treat them.

Source: 004 (treat the best substantially better; double down on it continually).

Options:
    min_lead: how much better the best tier's service level must be, in points (default 0.05).

Fails:
    segments: [{id: gold, rank: 1, …}, {id: standard, …}]
    channels: gold-phone answers 70% in 20s; phone answers 85% in 20s
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cs_align.rules.base import Context, Hit, Options, pct

ID = "best-tier-served-better"
AREA = "strategy"
SEVERITY = "error"
TITLE = "The best tier is served strictly better"
SOURCE = "004"


class TierOptions(Options):
    min_lead: Decimal = Decimal("0.05")


OPTIONS = TierOptions


def check(ctx: Context, options: TierOptions) -> Iterator[Hit]:
    plan = ctx.plan
    if not plan.segments:
        yield Hit("a tiered strategy with no segments treats everyone the same", ("segments",),
                  "add `segments:` with a best tier (rank: 1) and channels that serve it")
        return
    best = min(plan.segments, key=lambda s: (s.rank or 99, plan.segments.index(s)))
    levels = [(i, c, m.service_level) for i, c, m in ctx.channels()
              if m.service_level is not None]
    ours = [sl for _, c, sl in levels if c.segment == best.id]
    others = [sl for _, c, sl in levels if c.segment != best.id]
    if not ours:
        yield Hit(f"no staffed channel serves the best tier {best.id!r}", ("segments",),
                  f"give {best.id} its own line: a channel with `segment: {best.id}`")
        return
    if others and min(ours) < max(others) + float(options.min_lead):
        yield Hit(f"{best.id} gets {pct(min(ours))} answered in time; other customers get up "
                  f"to {pct(max(others))}; the best tier must lead by "
                  f"{pct(options.min_lead)}", ("segments",),
                  f"staff the {best.id} channels so they answer well ahead of the rest")
    previous = plan.history.best_tier_service_level if plan.history else None
    if previous is not None and min(ours) <= float(previous):
        yield Hit(f"{best.id} service level {pct(min(ours))} does not improve on last period's "
                  f"{pct(previous)}", ("history", "best_tier_service_level"),
                  f"plan the {best.id} channels to beat {pct(previous)}")
