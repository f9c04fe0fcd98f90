"""The budget funds the staffing the targets need.

Why: the targets decide how many people must be on shift; if the people budget cannot pay
for them, the plan promises one strategy and funds another.

Only stated targets count here (service level, ASA, first response, resolution,
abandonment): a channel whose planned staff already keep them needs no more than that
staff, and a channel with no target needs its workload at the occupancy ceiling. The
ceiling itself is judged by `occupancy-cap`; this finding says what it would add.

A plan whose channels need people but that states no budget, or no loaded cost per FTE,
is reported as not checked rather than passed: leaving the figures out must not pass a
gate that the figures would fail. So is a budget whose lines name none `people` (spelt so):
the total, tooling and all, does not stand in for the line that pays for staff.

Source: 004 (planning one thing and funding another is the failure; invest appropriately).

Options:
    tolerance: share the people line may fall short of the required cost (default 2%).

Fails:
    targets need 120 FTE × 62,000 = 7,440,000; budget.lines.people is 5,270,000
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated

from cs_align.rules.base import (
    LOWER,
    PLAN,
    Context,
    Hit,
    Options,
    fte,
    no_people_line,
    pct,
)
from cs_align.rules.base import need as need_fte
from cs_align.units import OptionShare, named_count, shown_need

if TYPE_CHECKING:
    from cs_align.metrics import ChannelMetrics

ID = "budget-funds-targets"
AREA = "budget"
SEVERITY = "error"
TITLE = "The budget funds the staffing the targets need"
SOURCE = "004"
REACH = PLAN


class FundOptions(Options):
    tolerance: Annotated[Decimal, OptionShare, LOWER] = Decimal("0.02")


OPTIONS = FundOptions


def check(ctx: Context, options: FundOptions) -> Iterator[Hit]:
    plan, m = ctx.plan, ctx.metrics
    if not ctx.whole_plan or m.needed_fte == 0:
        return
    if plan.budget is None:
        yield Hit(
            message=f"whether the budget funds the {fte(m.needed_fte)} FTE the plan needs "
            "cannot be checked: the plan states no budget",
            path=(),
            fix="add `budget: {total: …, lines: {people: …}}` for the plan's period",
        )
        return
    if m.people_cost_required is None:
        yield Hit(
            message=f"whether the budget funds the {fte(m.needed_fte)} FTE the plan needs "
            "cannot be checked: the plan states no loaded cost per FTE",
            path=("staffing",),
            fix="add `loaded_cost_per_fte: …` to staffing (salary, benefits and overheads "
            "per FTE a year)",
        )
        return
    unnamed = no_people_line(
        plan, f"whether the budget funds the {fte(m.needed_fte)} FTE the plan needs"
    )
    if unnamed is not None:
        yield unnamed
        return
    need = m.period_cost(m.needed_fte)
    funds = plan.budget.lines.get("people", plan.budget.total)
    if funds >= need * (1 - options.tolerance):
        return
    where = ("budget", "lines", "people") if "people" in plan.budget.lines else ("budget", "total")
    cost = plan.staffing.loaded_cost_per_fte
    named = [f"{c.id} {c.goal.need_text}" for c in m.channels if c.goal.full_text]
    shown = named_count(len(named))  # the first few and the rest counted, as `units.named`
    if shown < len(named):
        named = [*named[:shown], f"and {len(named) - shown} more lines' targets"]
    targets = "; ".join(named)
    what = f"the targets ({targets}) need" if targets else "the workload at the ceiling needs"
    message = (
        f"{what} {fte(m.needed_fte)} FTE × {ctx.money(cost)}{ctx.for_period()} = "
        f"{ctx.money(need)}; the "
        f"budget gives {ctx.money(funds)}, {ctx.money(need - funds)} short"
    )
    extra = sum((_ceiling_adds(c) for c in m.channels), Fraction(0))
    if extra > 0 and cost is not None:
        more = m.period_cost(extra)  # rounded once, to the currency's minor unit
        message += (
            f"; holding occupancy at {pct(plan.staffing.max_occupancy)} would add "
            f"{need_fte(extra)} FTE ({ctx.money(more)}"
            f"{' for the period' if ctx.for_period() else ''})"
        )
    yield Hit(
        message=message,
        path=where,
        fix=f"fund {ctx.money(need)} for people, or lower the targets to what "
        f"{ctx.money(funds)} pays for (`cs-align promise`)",
    )


def _ceiling_adds(c: ChannelMetrics) -> Fraction:
    """FTE the occupancy ceiling adds to what a channel's targets need: none unless the
    ceiling asks for more than the targets do (where the plan misses either, both judged as
    the planned FTE are; elsewhere, whole positions both)."""
    if c.ceiling_fte:
        return max(c.ceiling_fte - shown_need(c.needed_fte, c.planned_fte), Fraction(0))
    if c.required_fte_at_ceiling <= c.required_fte:
        return Fraction(0)
    return shown_need(c.required_fte_at_ceiling) - shown_need(c.needed_fte, c.planned_fte)
