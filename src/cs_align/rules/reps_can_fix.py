"""People who serve can fix things and hand real bugs to engineering.

Why: a rep who must ask permission for every refund leaves the customer waiting and
helpless; a first-line rep who cannot reach developers turns bugs into repeat contacts.
Fix the root cause, not a quick patch.

Source: 002 (equip reps, and let them, to put things right themselves; what they cannot
put right should be a real bug they take to developers and see through); 003 (efficiency:
fix it for good).

Options:
    min_refund_authority: the least a rep may spend without approval (default 1).
    currency: the currency min_refund_authority is in (default: the plan's). The built-in
        strategies state theirs in USD; a plan in another currency is held to it at the rate
        its `exchange_rates` gives, rounded up to its minor unit, and without one the floor
        is reported as not checked (and `fix` writes no amount).
    require_escalation: whether `escalation_to_engineering` must be true (default true).

A plan with reps that does not state the refund authority (or, when it is required, the
escalation to engineering) is reported, not passed: that part of the rule cannot be checked
until `staffing.refund_authority` (`staffing.escalation_to_engineering`) is written.

Fails:
    staffing: {refund_authority: 0, escalation_to_engineering: false}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, ClassVar

from cs_align.rules.base import HIGHER, STAFF, Context, Hit, Options, no_rate, unstated
from cs_align.units import Currency

ID = "reps-can-fix"
AREA = "practices"
SEVERITY = "warning"
TITLE = "Reps can fix things and reach engineering"
SOURCE = "002, 003"
REACH = STAFF


class FixOptions(Options):
    min_refund_authority: Annotated[Decimal, HIGHER] = Decimal(1)
    MOST: ClassVar[dict[str, tuple[Decimal, str]]] = {
        "min_refund_authority": (Decimal(10**13), "any plan may state (10 trillion)")
    }
    require_escalation: Annotated[bool, HIGHER] = True
    currency: Currency | None = None
    MONEY = frozenset({"min_refund_authority"})


OPTIONS = FixOptions


def applies(ctx: Context, options: FixOptions) -> bool:
    """Only reps can be trusted to fix things, and the plan states what the rule judges of
    them (a plan that does not is reported by `check` as unchecked, and is no evidence for or
    against a strategy; nor is a floor in another currency the plan gives no rate for)."""
    staffing = ctx.plan.staffing
    floor = ctx.threshold(options.min_refund_authority, options.currency, floor=True)
    return (
        ctx.has_reps
        and (options.min_refund_authority <= 0 or floor is not None)
        and (staffing.refund_authority is not None or options.min_refund_authority <= 0)
        and (staffing.escalation_to_engineering is not None or not options.require_escalation)
    )


def check(ctx: Context, options: FixOptions) -> Iterator[Hit]:
    if not ctx.has_reps:
        return
    staffing = ctx.plan.staffing
    authority = staffing.refund_authority
    stated = options.min_refund_authority
    floor = ctx.threshold(stated, options.currency, floor=True)
    if floor is None and options.currency is not None and stated > 0:
        yield no_rate(
            "a refund authority of at least",
            stated,
            options.currency,
            ctx.plan,
            ("staffing", "refund_authority"),
            "staffing.refund_authority" if authority is None else "",
        )
    elif floor is not None and authority is None and floor > 0:
        yield unstated(
            f"a refund authority of at least {ctx.stated(stated, floor, options.currency)}",
            "refund_authority",
            "refund authority",
            f"{floor.normalize():f}",
            "what a rep may spend to fix a problem without approval",
        )
    elif floor is not None and authority is not None and authority < floor:
        yield Hit(
            message=f"reps may spend {ctx.money(authority)} to fix a problem without approval; "
            f"this strategy needs at least {ctx.stated(stated, floor, options.currency)}",
            path=("staffing", "refund_authority"),
            fix=f"set staffing.refund_authority to at least {floor.normalize():f}",
        )
    if not options.require_escalation:
        return
    if staffing.escalation_to_engineering is None:
        yield unstated(
            "a route to engineering for real bugs",
            "escalation_to_engineering",
            "escalation policy",
            "true",
            "false if reps have no direct route to engineering",
        )
    elif not staffing.escalation_to_engineering:
        yield Hit(
            message="reps have no direct route to engineering for real bugs",
            path=("staffing", "escalation_to_engineering"),
            fix="set staffing.escalation_to_engineering: true and give reps that route",
        )
