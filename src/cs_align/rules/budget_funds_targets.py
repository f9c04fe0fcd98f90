"""The budget funds the staffing the targets need.

Why: the targets decide how many people must be on shift; if the people budget cannot pay
for them, the plan promises one strategy and funds another.

Source: 004 (planning one thing and funding another is the failure; invest appropriately).

Options:
    tolerance: share the people line may fall short of the required cost (default 2%).

Fails:
    targets need 120 FTE × 62,000 = 7,440,000; budget.lines.people is 5,270,000
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.rules.base import LOWER, PLAN, Context, Hit, Options, fte

ID = "budget-funds-targets"
AREA = "budget"
SEVERITY = "error"
TITLE = "The budget funds the staffing the targets need"
SOURCE = "004"
REACH = PLAN


class FundOptions(Options):
    tolerance: Annotated[Decimal, LOWER] = Decimal("0.02")


OPTIONS = FundOptions


def check(ctx: Context, options: FundOptions) -> Iterator[Hit]:
    plan, m = ctx.plan, ctx.metrics
    if plan.budget is None or m.people_cost_required is None or not ctx.whole_plan:
        return
    need = m.people_cost_required
    if plan.period is not None:
        need = (need * plan.period.years).quantize(Decimal("0.01"))
    funds = plan.budget.lines.get("people", plan.budget.total)
    if funds < need * (1 - options.tolerance):
        where = (
            ("budget", "lines", "people") if "people" in plan.budget.lines else ("budget", "total")
        )
        yield Hit(
            f"the targets need {fte(m.required_fte)} FTE × "
            f"{ctx.money(plan.staffing.loaded_cost_per_fte)} = {ctx.money(need)}; the "
            f"budget gives {ctx.money(funds)}, {ctx.money(need - funds)} short",
            where,
            f"fund {ctx.money(need)} for people, or lower the targets to what "
            f"{ctx.money(funds)} pays for (`cs-align promise`)",
        )
