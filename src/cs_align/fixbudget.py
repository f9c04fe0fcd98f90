"""Budget for `fix`: the people line pays for the staff as fixed, the goodwill line reaches
the strategy's share, and the total stays the sum of its lines."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from cs_align.rules.base import PLAN
from cs_align.units import minor, round_up

if TYPE_CHECKING:
    from cs_align.fixer import Draft


def settle(draft: Draft) -> None:
    plan, m = draft.loaded.plan, draft.metrics
    budget = plan.budget
    if budget is None:
        return
    lines = dict(budget.lines)
    people = _people_cost(draft)
    if people is not None and "people" in lines:
        lowered = any("no-overspend" in draft.why.get(p, ()) for p in draft.edits)
        short = _short(draft, lines["people"])
        if short or (lowered and lines["people"] > people):
            lines["people"] = people
            rules = ("no-overspend",) if lowered else short
            draft.set(("budget", "lines", "people"), people, rules)
    elif people is not None and not lines and m.people_cost_required is not None:
        needed = m.period_cost(m.needed_fte)
        if budget.total < needed * (1 - tolerance(draft, "budget-funds-targets")):
            draft.set(("budget", "total"), needed, "budget-funds-targets")
        return
    share = _goodwill_share(draft)
    total = sum(lines.values(), Decimal(0))
    goodwill = lines.get("goodwill", Decimal(0))
    unit = minor(plan.currency)
    # Short as goodwill-budget judges it: below its share rounded up (calc41 F4).
    if lines and share is not None and goodwill < round_up(total * share, unit):
        # g = share × (rest + g): the goodwill line is a share of a total it is part of.
        rest = total - goodwill
        lines["goodwill"] = round_up(share * rest / (1 - share), unit)
        draft.set(("budget", "lines", "goodwill"), lines["goodwill"], "goodwill-budget")
    total = sum(lines.values(), Decimal(0))
    if lines and total != budget.total:
        draft.set(("budget", "total"), total, "budget-lines-add-up")


def _short(draft: Draft, line: Decimal) -> tuple[str, ...]:
    """The rules by which the people line falls short, by more than the strategy's rules
    allow: of the targets' need (budget-funds-targets), of the staff's cost
    (people-line-funds-staff). A line short of the targets' need was said to answer only
    people-line-funds-staff, and nothing answered check's budget-funds-targets (review
    user62)."""
    m = draft.metrics
    assert m.people_cost_planned is not None and m.people_cost_required is not None
    cost, need = m.period_cost(m.planned_fte), m.period_cost(m.needed_fte)
    rules = [("budget-funds-targets", need), ("people-line-funds-staff", cost)]
    return tuple(rule for rule, bar in rules if line < bar * (1 - tolerance(draft, rule)))


def tolerance(draft: Draft, rule_id: str) -> Decimal:
    """The rule's `tolerance` in the strategy that judges the plan's budget (0 without)."""
    return option(draft, rule_id, "tolerance") or Decimal(0)


def option(draft: Draft, rule_id: str, name: str) -> Decimal | None:
    """A plan-wide rule's option ``name`` in the strategy that judges the plan's budget
    (None when that strategy does not switch the rule on)."""
    for unit in draft.units():
        if unit.primary and PLAN in unit.reaches:
            for rule in unit.strategy.rules:
                value = getattr(rule.options, name, None)
                if rule.id == rule_id and isinstance(value, Decimal):
                    return value
    return None


def _people_cost(draft: Draft) -> Decimal | None:
    """What the people line must hold: the planned staff's cost for the period (at least
    what the targets need)."""
    m = draft.metrics
    if m.people_cost_planned is None or m.people_cost_required is None:
        return None
    return max(m.period_cost(m.planned_fte), m.period_cost(m.needed_fte))


def _goodwill_share(draft: Draft) -> Decimal | None:
    """The goodwill line's least share of the budget, when the strategy asks for one (as a
    warning or an error) and the share leaves room for other lines."""
    for unit in draft.units():
        if unit.primary and PLAN in unit.reaches:
            for rule in unit.strategy.rules:
                share = getattr(rule.options, "min_share", None)
                if rule.id == "goodwill-budget" and rule.severity in ("warning", "error"):
                    return share if isinstance(share, Decimal) and share < 1 else None
    return None
