"""Budget lines add up to the total, exactly.

Why: a total that is not the sum of its lines means somebody's number is wrong, and the
gap is money that either does not exist or is not planned for.

Source: 004 (budget decisions must be congruent with the strategy: first, they must be real).

Options: none (money is compared exactly, to the cent).

Fails:
    budget: {total: 11950000, lines: {people: 11000000, tooling: 450000}}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cs_align.rules.base import PLAN, Context, Hit, Options

ID = "budget-lines-add-up"
AREA = "budget"
SEVERITY = "error"
TITLE = "Budget lines add up to the total"
SOURCE = "004"
REACH = PLAN


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    budget = ctx.plan.budget
    if budget is None or not budget.lines or not ctx.whole_plan:
        return
    summed = sum(budget.lines.values(), Decimal(0))
    if summed != budget.total:
        gap = summed - budget.total
        yield Hit(
            message=f"lines add up to {ctx.money(summed)}; total says {ctx.money(budget.total)}; "
            f"difference {ctx.money(abs(gap))}",
            path=("budget", "total"),
            fix=f"set total to {summed.normalize():f}"
            if gap > 0
            else f"add a line of {abs(gap).normalize():f}, or set total to {summed.normalize():f}",
        )
