"""There is money to make things right.

Why: trusting the customer means occasionally giving something away; the goodwill it earns
far outweighs the waste. A strategy built on delight or trust needs a goodwill line.

Source: 002 (trust the customer; the goodwill outweighs the cost); 004 (the banker who
visits a sick client does more than expected).

A plan that states no budget is reported as not checked rather than passed.

The least goodwill line is rounded up to the currency's minor unit, not half up as other
money is: a floor met by rounding would be a fraction of a unit short of its share.

Options:
    min_share: goodwill line as a share of the total budget (default 1%).

Fails:
    budget: {total: 5M, lines: {people: 5M, goodwill: 0}}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, ClassVar

from cs_align.rules.base import HIGHER, PLAN, Context, Hit, Options, pct
from cs_align.units import OptionShare, fmt_share_against, minor, round_up

ID = "goodwill-budget"
AREA = "budget"
SEVERITY = "warning"
TITLE = "A goodwill budget to make things right"
SOURCE = "002, 004"
REACH = PLAN


class GoodwillOptions(Options):
    min_share: Annotated[Decimal, OptionShare, HIGHER] = Decimal("0.01")
    MOST: ClassVar[dict[str, tuple[Decimal, str]]] = {
        "min_share": (Decimal("0.99"), "a budget can give a line it is part of (99%)")
    }


OPTIONS = GoodwillOptions


def applies(ctx: Context, options: GoodwillOptions) -> bool:
    """There is a budget to set a goodwill line in."""
    budget = ctx.plan.budget
    return ctx.whole_plan and budget is not None and budget.total != 0


def check(ctx: Context, options: GoodwillOptions) -> Iterator[Hit]:
    budget = ctx.plan.budget
    if not ctx.whole_plan:
        return
    if budget is None:
        yield Hit(
            message="the goodwill line cannot be checked: the plan states no budget",
            path=(),
            fix="add `budget: {total: …, lines: {goodwill: …}}` with goodwill at least "
            f"{pct(options.min_share)} of the total",
        )
        return
    if budget.total == 0:
        return
    line = budget.line("goodwill")
    goodwill = line.amount if line else Decimal(0)
    cent = minor(ctx.plan.currency)
    need = round_up(budget.total * options.min_share, cent)
    if goodwill < need:
        # Added to the total, the line is part of what it is a share of: g ≥ s × (T − g₀ + g),
        # so g ≥ s × (T − g₀) ÷ (1 − s), the figure `fix` writes (review calc36 F1: the
        # share of the total as it stood, added on top, fell short again).
        share = options.min_share
        added = round_up(share * (budget.total - goodwill) / (1 - share), cent)
        have = fmt_share_against(float(goodwill / budget.total), float(share))
        yield Hit(
            message=f"goodwill is {ctx.money(goodwill)} ({have} of the budget)"
            f"{line.spelt('goodwill') if line else ''}; this strategy needs at least "
            f"{pct(share)} ({ctx.money(need)} of this total)",
            path=("budget", "lines", line.names[0] if line else "goodwill"),
            fix=f"set budget.lines.goodwill to at least {need.normalize():f}, moving the money "
            f"from another line, or to {added.normalize():f} with the total raised by as much",
        )
