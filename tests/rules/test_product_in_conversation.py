"""product-in-conversation: product people take part in talking with customers."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "product-in-conversation"


def product(value: object) -> dict[str, object]:
    return plan({"staffing": {"product_people_in_conversation": value}})


def test_product_people_in_the_conversation_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, product(True)) == []


def test_a_support_team_relaying_messages_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, product(False))
    assert found.message == "product and engineering people take no part in customer conversations"
    assert found.path == "staffing.product_people_in_conversation"
    assert found.severity == "error"


def test_a_plan_that_does_not_say_is_reported_as_unchecked(run_rule: RunRule) -> None:
    data = product(REMOVE)
    (found,) = run_rule(RULE, data)
    assert found.severity == "error"
    assert found.message == (
        "product people in the conversation cannot be checked: the plan states no product "
        "participation"
    )
    assert found.fix == (
        "add `staffing.product_people_in_conversation: true` (false if product and engineering "
        "people take no part in customer conversations)"
    )
    assert found.path == "staffing.product_people_in_conversation"
    assert found.line == line_of(data, "staffing:") + 1  # the staffing block: its parent
    engagement = [f for f in check_plan(data, "engagement") if f.rule == RULE]
    assert [(f.severity, f.message) for f in engagement] == [("error", found.message)]
    assert not [f for f in check_plan(data) if f.rule == RULE]  # delight does not ask


def test_only_engagement_asks_for_it() -> None:
    assert [f.severity for f in check_plan(product(False), "engagement") if f.rule == RULE] == [
        "error"
    ]
    assert not [f for f in check_plan(product(False)) if f.rule == RULE]
