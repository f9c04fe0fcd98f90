"""Segment shares add up to 100%.

Why: tiered service and strategy mixes divide customers into segments; shares that do
not cover everyone (or cover some twice) make each segment's figures wrong.

Source: 004 (treat different people differently — all of them, once).

Options: none.

Fails:
    segments: [{id: gold, share: 5%}, {id: standard, share: 90%}]
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cs_align.rules.base import PLAN, Context, Hit, Options, pct

ID = "segment-shares"
AREA = "strategy"
SEVERITY = "error"
TITLE = "Segment shares add up to 100%"
SOURCE = "004"
REACH = PLAN


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    segments = ctx.plan.segments
    if not segments or not ctx.whole_plan:
        return
    total = sum((s.share for s in segments), Decimal(0))
    if total != 1:
        yield Hit(
            message=f"segment shares add up to {pct(total)}, not 100%",
            path=("segments",),
            fix=f"adjust the shares by {pct(abs(1 - total))}"
            + (" or add a segment for everyone else" if total < 1 else ""),
        )
