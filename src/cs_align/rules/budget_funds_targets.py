"""The budget funds the staffing the targets need.

Why: the targets decide how many people must be on shift; if the people budget cannot pay
for them, the plan promises one strategy and funds another.

Only stated targets count here (service level, ASA, first response, resolution,
abandonment): a channel whose planned staff already keep them needs no more than that
staff, and a channel with no target needs its workload at the occupancy ceiling. The
ceiling itself is judged by `occupancy-cap`; this finding says what it would add.

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

from cs_align.rules.base import LOWER, PLAN, Context, Hit, Options, fte, pct

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
    need = m.for_period(m.people_cost_required)
    funds = plan.budget.lines.get("people", plan.budget.total)
    if funds >= need * (1 - options.tolerance):
        return
    where = ("budget", "lines", "people") if "people" in plan.budget.lines else ("budget", "total")
    cost = plan.staffing.loaded_cost_per_fte
    targets = ", ".join(f"{c.id} {c.target_text}" for c in m.channels if c.target_text)
    what = f"the targets ({targets})" if targets else "the workload at the ceiling"
    message = (
        f"{what} need {fte(m.needed_fte)} FTE × {ctx.money(cost)} = {ctx.money(need)}; the "
        f"budget gives {ctx.money(funds)}, {ctx.money(need - funds)} short"
    )
    extra = m.required_fte_at_ceiling - m.needed_fte
    if extra > 0 and m.people_cost_at_ceiling is not None:
        more = m.for_period(m.people_cost_at_ceiling) - need
        message += (
            f"; holding occupancy at {pct(plan.staffing.max_occupancy)} would add "
            f"{fte(extra)} FTE ({ctx.money(more)})"
        )
    yield Hit(
        message=message,
        path=where,
        fix=f"fund {ctx.money(need)} for people, or lower the targets to what "
        f"{ctx.money(funds)} pays for (`cs-align promise`)",
    )
