"""The plan does not pay for more service than its strategy calls for.

Why: a mismatch either way is misalignment — a fast-food or automated strategy that staffs
and spends like a delight company is wasting money on a promise it never made.

Source: 004 (McDonald's does not give you a linen napkin; align spending with the strategy).
Cost per contact by channel: voice commonly USD 5–12, chat 3–6, email 3–5, self-service
under 1 (Gartner, ContactBabel benchmarks). A goodwill pot is spending too: 004's fast food
treats every complaint about the same, with a standard remedy (Planters' four one-dollar
coupons) and keeps the line moving, where delight and trust give something away case by
case (002); a fast-food plan with a delight-sized goodwill line funds remedies it never
promised (review attack39 F16).

Options:
    max_surplus: planned FTE above what the targets and the occupancy ceiling need
        (`required_fte_at_ceiling`: the targets' whole headcounts on shift all the time, or,
        where more, the exact staff that hold the ceiling; for an inbox answered within the
        hour, the part of a person that keeps its time), as a share (default 25%).
    max_cost_per_contact: cost per contact ceiling (default none). With a ceiling set, a
        plan that states no budget is reported as not checked.
    currency: the currency max_cost_per_contact is in (default: the plan's). A plan in
        another currency is held to it at the rate its `exchange_rates` gives, rounded down to
        its minor unit; without one the ceiling is reported as not checked.
    max_goodwill_share: the goodwill line's ceiling as a share of the budget total (default
        none). With a ceiling set, a plan that states no budget is reported as not checked.
        The most goodwill it allows is rounded down to the currency's minor unit, not half
        up as other money is: a cap met by rounding would let a fraction of a unit over it.

Fails:
    strategy: fast-food; plan has 140 FTE where the targets need 100
    strategy: fast-food (goodwill at most 1%); budget: {total: 1.7M, lines: {goodwill: 300000, …}}
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
    ceiling_need,
    fte,
    no_rate,
    pct,
    pct_against,
)
from cs_align.units import (
    Currency,
    OptionShare,
    exact,
    fmt_fte,
    fmt_share_against,
    minor,
    planned_fte,
    round_down,
)

if TYPE_CHECKING:
    from cs_align.metrics import Metrics

ID = "no-overspend"
AREA = "budget"
SEVERITY = "warning"
TITLE = "No more service than the strategy calls for"
SOURCE = "004"
REACH = PLAN


class SpendOptions(Options):
    max_surplus: Annotated[Decimal, OptionShare, LOWER] = Decimal("0.25")
    max_cost_per_contact: Annotated[Decimal | None, LOWER] = None
    max_goodwill_share: Annotated[Decimal | None, OptionShare, LOWER] = None
    currency: Currency | None = None
    MONEY = frozenset({"max_cost_per_contact"})

    def asked(self) -> dict[str, str]:
        """None: a cost per contact is a rate, whose three decimals are its own."""
        return {}


OPTIONS = SpendOptions


def applies(ctx: Context, options: SpendOptions) -> bool:
    """The targets need staff, or a cost per contact or the goodwill line is capped and
    known."""
    m = ctx.metrics
    cap = options.max_cost_per_contact
    capped = (
        cap is not None
        and m.cost_per_contact is not None
        and ctx.threshold(cap, options.currency, floor=False) is not None
    )
    budget = ctx.plan.budget
    pot = options.max_goodwill_share is not None and budget is not None and budget.total != 0
    return (ctx.whole_plan and m.required_fte > 0) or capped or (ctx.whole_plan and pot)


def check(ctx: Context, options: SpendOptions) -> Iterator[Hit]:
    m = ctx.metrics
    # Staffing to the occupancy ceiling protects the reps; only staff beyond it is surplus.
    # The need is whole headcounts on shift all the time, the most the targets can ask (or
    # the exact staff that hold the ceiling, where more: review calc42 F7 read "whole
    # headcounts" beside 8.403 FTE, 47.059 on shift at the ceiling, not whole): a
    # surplus over the least that keeps them (what `fix` cuts to) is part-time cover, not
    # spending beyond the strategy, and the message says which need it is (review calc41
    # F5: "need 50.724" beside fix's 47.5 read as two figures for one need).
    need = m.required_fte_at_ceiling
    if ctx.whole_plan and need > 0:
        surplus = (m.planned_fte - need) / need
        if surplus > exact(options.max_surplus):
            text, base = _shown(m, exact(options.max_surplus))
            # The share is of the need the message names, so that a reader gets it from the
            # figures beside it: 33.1 FTE over "need 19.3" are 71.5% more, where the exact
            # 19.191 made it "72.5%" (review calc52 D1). Where the exact need follows the
            # shown one (a breach the tenth would hide), the share is of the exact need.
            told = (m.planned_fte - base) / base
            yield Hit(
                message=f"plan has {fte(m.planned_fte)} FTE where the targets and the occupancy "
                f"ceiling need {text}{_need_said(m)}): "
                f"{pct_against(float(told), float(options.max_surplus))} more than the "
                f"strategy calls for (limit {pct(options.max_surplus)})",
                path=("staffing", "agents"),
                fix=f"plan about {fte(need * (1 + exact(options.max_surplus)))} "
                "FTE, or declare a strategy that promises more",
            )
    stated = options.max_cost_per_contact
    cap = None if stated is None else ctx.threshold(stated, options.currency, floor=False)
    if stated is not None and cap is None and options.currency is not None:
        if ctx.whole_plan:
            unstated = "budget.total" if ctx.plan.budget is None else ""
            where = ("budget", "total")
            judged = "cost per contact at most"
            yield no_rate(judged, stated, options.currency, ctx.plan, where, unstated)
    elif stated is not None and cap is not None and m.cost_per_contact is None and ctx.whole_plan:
        missing = "budget" if ctx.plan.budget is None else "contact volumes"
        yield Hit(
            message=f"cost per contact (at most {ctx.stated(stated, cap, options.currency)}) "
            f"cannot be checked: the plan states no {missing}",
            path=() if ctx.plan.budget is None else ("channels",),
            fix="add `budget: {total: …}` for the plan's period"
            if ctx.plan.budget is None
            else "state each channel's `volume` (e.g. `volume: 9000/month`)",
        )
    if (
        stated is not None
        and cap is not None
        and m.cost_per_contact is not None
        and m.cost_per_contact > cap
    ):
        yield Hit(
            message=f"cost per contact is {ctx.money(m.cost_per_contact)}; this strategy "
            f"expects at most {ctx.stated(stated, cap, options.currency)}",
            path=("budget", "total"),
            fix="cut spending that the strategy does not promise, or automate more",
        )
    if ctx.whole_plan and options.max_goodwill_share is not None:
        yield from _goodwill(ctx, options.max_goodwill_share)


def _need_said(m: Metrics) -> str:
    """What the need is, line by line: whole headcounts, or for an inbox answered within the
    hour the part of a person that keeps its time (`sizing._inbox_ceiling`: mail waits for
    the next person free), or where more the exact staff that hold the ceiling. "need 9.3
    (the targets' whole headcounts …)" beside a social inbox's 7.0 and messaging's 2.3,
    whose whole headcount is 3.4, read as a figure of 10.4 (review calc60)."""
    ids = [c.id for c in m.channels if c.required_fte_at_ceiling < c.required_fte]
    inbox = (
        f", or for {', '.join(ids)}, whose messages wait for the next person free, the part of "
        "a person on shift that keeps its time;"
        if ids
        else ","
    )
    return (
        f"the targets' whole headcounts on shift all the time{inbox} or, where more, the exact "
        "staff that hold the ceiling"
    )


def _shown(m: Metrics, limit: Fraction) -> tuple[str, Fraction]:
    """The need as every output gives it (`required_fte_at_ceiling`: each channel's up to the
    tenth `fix` writes, added up): one figure for one need, where the message cut it to the
    thousandth ("need 8.47" beside JSON's 8.48 for 8.4705, review calc44 K07; JSON now gives
    8.5, as text does, review fix50f). Where that figure, a little above the need, would hide
    the breach (26.1 FTE over 20.9 are 24.9% more, under a 25% limit, where the exact
    20.871429 make it 25.003%: review calc23 M3), the exact need to the millionth below
    follows it. Returns the text and the need the surplus is a share of: the figure shown
    first, or the exact need where that follows it."""
    shown = ceiling_need(m)
    text = f"{fmt_fte(shown)} ("
    if m.planned_fte <= shown * (1 + limit):
        text += f"{fmt_fte(planned_fte(m.required_fte_at_ceiling))} to the millionth below: "
        return text, m.required_fte_at_ceiling
    return text, shown


def _goodwill(ctx: Context, share: Decimal) -> Iterator[Hit]:
    """The goodwill line above ``share`` of the budget total: remedies the strategy never
    promised (review attack39 F16)."""
    budget = ctx.plan.budget
    if budget is None:
        yield Hit(
            message=f"the goodwill line (at most {pct(share)} of the budget) cannot be checked: "
            "the plan states no budget",
            path=(),
            fix="add `budget: {total: …, lines: {goodwill: …}}` for the plan's period",
        )
        return
    line = budget.line("goodwill")
    goodwill = line.amount if line else Decimal(0)
    if budget.total == 0 or goodwill <= budget.total * share:
        return
    assert line is not None  # above a share of a total that is not 0
    cent = minor(ctx.plan.currency)
    most = round_down(budget.total * share, cent)
    # Cut from the total too, the line is part of what it is a share of: g ≤ s × (T − g₀ + g),
    # so g ≤ s × (T − g₀) ÷ (1 − s), as goodwill-budget's floor is worked out.
    cut = round_down(share * (budget.total - goodwill) / (1 - share), cent)
    have = fmt_share_against(float(goodwill / budget.total), float(share))
    yield Hit(
        message=f"goodwill is {ctx.money(goodwill)} ({have} of the budget)"
        f"{line.spelt('goodwill')}; "
        f"this strategy gives standard remedies and expects at most {pct(share)} "
        f"({ctx.money(most)} of this total)",
        path=("budget", "lines", line.names[0]),
        fix=f"lower budget.lines.goodwill to at most {most.normalize():f}, moving the money to "
        f"another line, or to {cut.normalize():f} with the total lowered by as much; or declare "
        "a strategy that promises more",
    )
