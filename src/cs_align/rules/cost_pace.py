"""Cost per contact falls, but not faster than the stated pace.

Why: a cost race wins by cutting service cost just faster than competitors — too fast
invites condemnation, too slow loses the race.

A plan that states no budget (or no volumes) has no cost per contact; it is reported as
not checked rather than passed.

Source: 004 (cut just a bit faster than competitors; too fast risks condemnation).

Options:
    max_cut: largest cut in cost per contact against `history.cost_per_contact` (default 15%).
    min_cut: smallest cut that keeps pace (default 0).

Fails:
    history: {cost_per_contact: 5.00}     # plan's cost per contact 3.50: a 30% cut
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, ClassVar

from cs_align.rules.base import HIGHER, LOWER, PLAN, Context, Hit, Options, pct, pct_against
from cs_align.units import OptionShare, minor, round_down, round_up

ID = "cost-pace"
AREA = "budget"
SEVERITY = "error"
TITLE = "Cost per contact falls at the stated pace"
SOURCE = "004"
REACH = PLAN


class PaceOptions(Options):
    max_cut: Annotated[Decimal, OptionShare, LOWER] = Decimal("0.15")
    min_cut: Annotated[Decimal, OptionShare, HIGHER] = Decimal(0)
    SIGNED = frozenset({"min_cut"})  # below zero: cost per contact may rise that much
    MOST: ClassVar[dict[str, tuple[Decimal, str]]] = {
        "max_cut": (Decimal(1), "the whole cost per contact (100%)")
    }


OPTIONS = PaceOptions


def applies(ctx: Context, options: PaceOptions) -> bool:
    """The plan has a cost per contact to pace."""
    return ctx.metrics.cost_per_contact is not None


def check(ctx: Context, options: PaceOptions) -> Iterator[Hit]:
    before = ctx.plan.history.cost_per_contact if ctx.plan.history else None
    now = ctx.metrics.cost_per_contact
    if now is None:
        missing = "budget" if ctx.plan.budget is None else "contact volumes"
        yield Hit(
            message=f"the pace of the cost race cannot be checked: the plan states no {missing}",
            path=() if ctx.plan.budget is None else ("channels",),
            fix="add `budget: {total: …}` for the plan's period"
            if ctx.plan.budget is None
            else "state each channel's `volume` (e.g. `volume: 9000/month`)",
        )
        return
    if before is None or before == 0:
        yield Hit(
            message="a cost race needs last period's cost per contact to measure its pace",
            path=("history",),
            fix="add `history: {cost_per_contact: …}`",
        )
        return
    cut = (before - now) / before
    unit = minor(ctx.plan.currency)
    # The bound a fix names is rounded the way that keeps it: a floor up, a cap down (review
    # calc42 F1: "bring cost per contact to 108 JPY" for a cap of 107.80, where the plan's
    # 107.803 was shown as 108 too); the cut is shown with the digits that tell the miss.
    if cut > options.max_cut:
        floor = round_up(before * (1 - options.max_cut), unit)
        yield Hit(
            message=f"cost per contact falls from {ctx.money(before)} to {ctx.money(now)}, a "
            f"{pct_against(float(cut), float(options.max_cut))} cut; the stated pace is at "
            f"most {pct(options.max_cut)}",
            path=("budget", "total"),
            fix=f"keep cost per contact at or above {ctx.money(floor)}",
        )
    elif cut < options.min_cut:
        cap = round_down(before * (1 - options.min_cut), unit)
        yield Hit(
            message=f"cost per contact moves from {ctx.money(before)} to {ctx.money(now)}, "
            f"{_moved(cut, options.min_cut)}",
            path=("budget", "total"),
            fix=f"bring cost per contact to at most {ctx.money(cap)}",
        )


def _moved(cut: Decimal, least: Decimal) -> str:
    """A cut short of the race's least, as a planner says it: a cost that rises is "a 4.4%
    rise", never "a -4.4% cut" (review calc53: fix bought staff for the occupancy ceiling
    and cost per contact rose from 2.60 to 2.71), and a least below zero is a rise allowed."""
    moved = (
        f"a {pct_against(float(-cut), float(-least))} rise"
        if cut < 0
        else f"a {pct_against(float(cut), float(least))} cut"
    )
    if least > 0:
        return f"{moved}; the race needs a cut of at least {pct(least)}"
    if least == 0:
        return f"{moved}; the race needs it not to rise"
    return f"{moved}; the race allows a rise of at most {pct(-least)}"
