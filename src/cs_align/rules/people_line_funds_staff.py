"""The people line pays for the staff the plan lists.

Why: planned FTE × loaded cost per FTE is what the staff will cost. A people line below it
means the headcount on paper will not be hired, so every staffing figure is fiction.

Source: 004 (planning one thing and funding another is the failure).

Options:
    tolerance: share of the cost the line may fall short before it fails (default 0).

The cost is for the plan's period: whole calendar years and months count exactly (a leap
year is one year, a month a twelfth of one), and a day of a month covered in part is that
month's share of a twelfth (10 days of January are 10/31 of a month, 14 of February 14/28),
so a period a day longer always costs more.

A budget with lines but none named `people` (spelt so: a look-alike such as a Cyrillic е
does not count) cannot be checked, and fails: the total, tooling and all, must not stand in
for the line that pays for staff. A budget of a total alone pays the staff from the total.

Fails:
    staffing: {agents: 100, loaded_cost_per_fte: 60000}
    budget: {total: 5M, lines: {people: 5M}}      # 100 × 60,000 = 6,000,000
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.rules.base import LOWER, PLAN, Context, Hit, Options, fte, no_people_line
from cs_align.units import OptionShare

ID = "people-line-funds-staff"
AREA = "budget"
SEVERITY = "error"
TITLE = "The people line funds the planned FTE"
SOURCE = "004"
REACH = PLAN


class PeopleOptions(Options):
    tolerance: Annotated[Decimal, OptionShare, LOWER] = Decimal(0)


OPTIONS = PeopleOptions


def check(ctx: Context, options: PeopleOptions) -> Iterator[Hit]:
    plan, m = ctx.plan, ctx.metrics
    if plan.budget is None or m.people_cost_planned is None or not ctx.whole_plan:
        return
    question = f"whether the people line funds the {fte(m.planned_fte)} FTE planned"
    unnamed = no_people_line(plan, question) if m.planned_fte else None
    if unnamed is not None:
        yield unnamed
        return
    if plan.budget.lines and "people" not in plan.budget.lines:
        return
    # A budget of a total alone pays the staff from it, with nothing left for the rest
    # (review attack39 F17: 20.7 FTE costing 1,283,400 on a 1,100,000 total passed).
    alone = not plan.budget.lines
    line = plan.budget.total if alone else plan.budget.lines["people"]
    cost = m.period_cost(m.planned_fte)
    if line < cost * (1 - options.tolerance):
        what = "budget total, which names no lines," if alone else "people line"
        yield Hit(
            message=f"{fte(m.planned_fte)} FTE × "
            f"{ctx.money(plan.staffing.loaded_cost_per_fte)}{ctx.for_period()} = "
            f"{ctx.money(cost)}; the {what} is {ctx.money(line)}, short by "
            f"{ctx.money(cost - line)}{_split(ctx, line)}",
            path=("budget", "total") if alone else ("budget", "lines", "people"),
            fix=f"raise the {'total' if alone else 'people line'} to {cost.normalize():f}, "
            "or plan fewer FTE",
        )


def _split(ctx: Context, line: Decimal) -> str:
    """Where the line is short of the targets' need too, the shortfall said in the two
    parts the report's gaps table and `budget-funds-targets` give (``Metrics.people_short``;
    calc56/calc58: check said "short by 407,400 USD" alone, the report "72,600 USD" short of
    the 17.3 FTE the targets need and "334,800 USD" for the 5.4 FTE planned beyond them)."""
    m = ctx.metrics
    of_need, beyond = m.people_short(line)
    if not of_need or not beyond:
        return ""
    return (
        f": {ctx.money(of_need)} of it short of the {fte(m.needed_fte)} FTE the targets "
        f"need, {ctx.money(beyond)} for the "
        f"{fte(m.planned_fte - m.needed_fte)} FTE planned beyond them{m.unsized_among_beyond()}"
    )
