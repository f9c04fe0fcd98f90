"""People who serve can fix things and hand real bugs to engineering.

Why: a rep who must ask permission for every refund leaves the customer waiting and
helpless; a first-line rep who cannot reach developers turns bugs into repeat contacts.
Fix the root cause, not a quick patch.

Source: 002 (give reps the tools and power to fix things; what they cannot fix should be
an actual bug they follow up with developers on); 003 (efficiency: fix it for good).

Options:
    min_refund_authority: the least a rep may spend without approval (default 1).
    require_escalation: whether `escalation_to_engineering` must be true (default true).

Fails:
    staffing: {refund_authority: 0, escalation_to_engineering: false}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.rules.base import HIGHER, STAFF, Context, Hit, Options

ID = "reps-can-fix"
AREA = "practices"
SEVERITY = "warning"
TITLE = "Reps can fix things and reach engineering"
SOURCE = "002, 003"
REACH = STAFF


class FixOptions(Options):
    min_refund_authority: Annotated[Decimal, HIGHER] = Decimal(1)
    require_escalation: Annotated[bool, HIGHER] = True


OPTIONS = FixOptions


def applies(ctx: Context, options: FixOptions) -> bool:
    """Only reps can be trusted to fix things."""
    return ctx.has_reps


def check(ctx: Context, options: FixOptions) -> Iterator[Hit]:
    if not ctx.has_reps:
        return
    staffing = ctx.plan.staffing
    authority = staffing.refund_authority or Decimal(0)
    if authority < options.min_refund_authority:
        yield Hit(
            message=f"reps may spend {ctx.money(authority)} to fix a problem without approval; "
            f"this strategy needs at least {ctx.money(options.min_refund_authority)}",
            path=("staffing", "refund_authority"),
            fix=f"set staffing.refund_authority to at least "
            f"{options.min_refund_authority.normalize():f}",
        )
    if options.require_escalation and not staffing.escalation_to_engineering:
        yield Hit(
            message="reps have no direct route to engineering for real bugs",
            path=("staffing", "escalation_to_engineering"),
            fix="set staffing.escalation_to_engineering: true and give reps that route",
        )
