"""Leadership spends time doing customer service.

Why: a chairman or CEO stays in touch with customer reality mainly by doing service
themselves; leaders who never answer a customer plan for a service they do not know.

Source: 000 (the founder who keeps the title "customer service rep"); 002 (a day or two in
the reps' shoes earns the team's respect).

Options:
    min_hours_per_month: leadership hours in service a month (default 2).

A plan that does not state its leaders' hours in service is reported, not passed: the rule
cannot be checked until `staffing.leadership_service_hours_per_month` is written.

Fails:
    staffing: {leadership_service_hours_per_month: 0}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, ClassVar

from cs_align.rules.base import HIGHER, PLAN, Context, Hit, Options, unstated

ID = "leadership-in-service"
AREA = "practices"
SEVERITY = "info"
TITLE = "Leadership spends time in service"
SOURCE = "000, 002"
REACH = PLAN


class LeadershipOptions(Options):
    min_hours_per_month: Annotated[Decimal, HIGHER] = Decimal(2)
    MOST: ClassVar[dict[str, tuple[Decimal, str]]] = {
        "min_hours_per_month": (Decimal("730.5"), "the hours of a month")
    }


OPTIONS = LeadershipOptions


def applies(ctx: Context, options: LeadershipOptions) -> bool:
    """The plan as a whole states its leaders' hours in service (a plan that does not is
    reported by `check` as unchecked, and is no evidence for or against a strategy)."""
    return ctx.whole_plan and ctx.plan.staffing.leadership_service_hours_per_month is not None


def check(ctx: Context, options: LeadershipOptions) -> Iterator[Hit]:
    if not ctx.whole_plan:
        return
    hours = ctx.plan.staffing.leadership_service_hours_per_month
    floor = options.min_hours_per_month
    if hours is None and floor > 0:
        yield unstated(
            f"leadership time in service of at least {_hours(floor)} a month",
            "leadership_service_hours_per_month",
            "leadership service hours",
            f"{floor}",
            "the hours a month leaders spend serving customers",
        )
    elif hours is not None and hours < floor:
        yield Hit(
            message=f"leadership spends {_hours(hours)} a month in service; this strategy "
            f"expects at least {options.min_hours_per_month}",
            path=("staffing", "leadership_service_hours_per_month"),
            fix=f"set staffing.leadership_service_hours_per_month to at least "
            f"{options.min_hours_per_month} and put leaders on the queue",
        )


def _hours(count: Decimal) -> str:
    """ "1 hour", "0 hours", "1.5 hours": one, not "1 hours" (review calc53)."""
    return f"{count} hour" if count == 1 else f"{count} hours"
