"""Leadership spends time doing customer service.

Why: a chairman or CEO stays in touch with customer reality mainly by doing service
themselves; leaders who never answer a customer plan for a service they do not know.

Source: 000 (the founder who keeps the title "customer service rep"; service as everyone's
job, 002).

Options:
    min_hours_per_month: leadership hours in service a month (default 2).

Fails:
    staffing: {leadership_service_hours_per_month: 0}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.rules.base import HIGHER, PLAN, Context, Hit, Options

ID = "leadership-in-service"
AREA = "practices"
SEVERITY = "info"
TITLE = "Leadership spends time in service"
SOURCE = "000, 002"
REACH = PLAN


class LeadershipOptions(Options):
    min_hours_per_month: Annotated[Decimal, HIGHER] = Decimal(2)


OPTIONS = LeadershipOptions


def check(ctx: Context, options: LeadershipOptions) -> Iterator[Hit]:
    hours = ctx.plan.staffing.leadership_service_hours_per_month
    if ctx.whole_plan and (hours or 0) < options.min_hours_per_month:
        yield Hit(
            message=f"leadership spends {hours or 0} hours a month in service; this strategy "
            f"expects at least {options.min_hours_per_month}",
            path=("staffing", "leadership_service_hours_per_month"),
            fix=f"set staffing.leadership_service_hours_per_month to at least "
            f"{options.min_hours_per_month} and put leaders on the queue",
        )
