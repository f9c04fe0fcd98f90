"""goodwill-budget: a goodwill line of at least a share of the budget."""

from __future__ import annotations

from decimal import Decimal

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "goodwill-budget"


def test_one_percent_or_more_holds(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # 20,000 of 1,490,000 = 1.34%


def test_too_little_goodwill_fails_with_the_amount_needed(run_rule: RunRule) -> None:
    data = plan({"budget": {"lines": {"goodwill": 10000}}})
    (found,) = run_rule(RULE, data)
    # 10,000 ÷ 1,490,000 = 0.67%; 1% of 1,490,000 = 14,900.
    assert found.message == (
        "goodwill is 10,000 USD (0.7% of the budget); this strategy needs at least 1% "
        "(14,900 USD of this total)"
    )
    # Added on top, the line is part of the total it is a share of: g ≥ 1% × (1,480,000 + g),
    # g ≥ 14,800 ÷ 0.99 = 14,949.49…, so 14,949.50.
    assert found.fix == (
        "set budget.lines.goodwill to at least 14900, moving the money from another line, or "
        "to 14949.5 with the total raised by as much"
    )
    assert found.path == "budget.lines.goodwill"
    assert found.line == line_of(data, "goodwill:")


def test_no_goodwill_line_is_no_goodwill(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan({"budget": {"lines": {"goodwill": REMOVE}}}))
    assert found.message.startswith("goodwill is 0 USD (0% of the budget)")


def test_no_budget_at_all_is_not_checked_and_says_so(run_rule: RunRule) -> None:
    # Deleting the budget must not pass the rule it would fail.
    (found,) = run_rule(RULE, plan({"budget": REMOVE}))
    assert found.message == "the goodwill line cannot be checked: the plan states no budget"
    assert (found.path, found.line) == ("plan", 1)
    assert found.fix == (
        "add `budget: {total: …, lines: {goodwill: …}}` with goodwill at least 1% of the total"
    )
    extraordinary = [f for f in check_plan(plan({"budget": REMOVE}), "extraordinary-trust")]
    assert ("goodwill-budget", "error") in {(f.rule, f.severity) for f in extraordinary}


def test_the_share_is_an_option(run_rule: RunRule) -> None:
    # Extraordinary trust asks for 2%: 29,800 USD of 1,490,000.
    (found,) = run_rule(RULE, plan(), min_share=0.02)
    assert found.message.endswith("needs at least 2% (29,800 USD of this total)")


def test_delight_warns_and_trust_makes_it_an_error() -> None:
    data = plan({"budget": {"lines": {"goodwill": 10000}}})
    assert [f.severity for f in check_plan(data) if f.rule == RULE] == ["warning"]
    trust = [f.severity for f in check_plan(data, "extraordinary-trust") if f.rule == RULE]
    assert trust == ["error"]


def test_the_advice_added_on_top_keeps_the_share(run_rule: RunRule) -> None:
    # Review calc36 F1: 1% of the total as it stood, added to the total, fell short again
    # ("1% … needs at least 1%"). Lines of 1,470,000 beside goodwill g, the total their sum:
    # g = 14,700 is 14,700 ÷ 1,484,700 = 0.990%, shown with the digits of the miss; the
    # fixed point is 1% × 1,470,000 ÷ 0.99 = 14,848.48… → 14,848.49, which holds.
    def budget(goodwill: str) -> dict[str, object]:
        lines = {"people": 1320000, "training": 50000, "tooling": 100000, "goodwill": goodwill}
        return plan({"budget": {"total": str(1470000 + Decimal(goodwill)), "lines": lines}})

    (found,) = run_rule(RULE, budget("14700"))
    assert found.message == (
        "goodwill is 14,700 USD (0.99% of the budget); this strategy needs at least 1% "
        "(14,847 USD of this total)"
    )
    assert found.fix.endswith("or to 14848.49 with the total raised by as much")
    assert run_rule(RULE, budget("14848.49")) == []
    assert run_rule(RULE, budget("14848.48")) != []
