"""product-in-conversation: product people take part in talking with customers."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, plan

RULE = "product-in-conversation"


def product(value: object) -> dict[str, object]:
    return plan({"staffing": {"product_people_in_conversation": value}})


def test_product_people_in_the_conversation_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, product(True)) == []


def test_a_support_team_relaying_messages_fails(run_rule: RunRule) -> None:
    for value in (False, REMOVE):
        (found,) = run_rule(RULE, product(value))
        assert found.message == (
            "product and engineering people take no part in customer conversations"
        )
        assert found.path == "staffing.product_people_in_conversation"
        assert found.severity == "error"


def test_only_engagement_asks_for_it() -> None:
    assert [f.severity for f in check_plan(product(False), "engagement") if f.rule == RULE] == [
        "error"
    ]
    assert not [f for f in check_plan(product(False)) if f.rule == RULE]
