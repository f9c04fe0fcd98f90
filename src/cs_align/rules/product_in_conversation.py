"""Product people take part in the conversation with customers.

Why: engagement invites customers to debug with you; that needs the people who build the
product in the dialogue, not only a support team relaying messages.

Source: 004 (37signals invites customers into an ongoing dialogue); 002 (serving
customers is part of every role in the company, not a department's alone).

Options: none.

A plan that does not say whether product people are in the conversation is reported, not
passed: the rule cannot be checked until `staffing.product_people_in_conversation` is
written.

Fails:
    staffing: {product_people_in_conversation: false}
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.rules.base import PLAN, Context, Hit, Options, unstated

ID = "product-in-conversation"
AREA = "practices"
SEVERITY = "error"
TITLE = "Product people are in the conversation"
SOURCE = "004, 002"
REACH = PLAN


def applies(ctx: Context, options: Options) -> bool:
    """The plan says whether product people take part (a plan that does not is reported by
    `check` as unchecked, and is no evidence for or against a strategy)."""
    return ctx.plan.staffing.product_people_in_conversation is not None


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    flag = ctx.plan.staffing.product_people_in_conversation
    if flag is None:
        yield unstated(
            "product people in the conversation",
            "product_people_in_conversation",
            "product participation",
            "true",
            "false if product and engineering people take no part in customer conversations",
        )
    elif not flag:
        yield Hit(
            message="product and engineering people take no part in customer conversations",
            path=("staffing", "product_people_in_conversation"),
            fix="set product_people_in_conversation: true and schedule them in the community",
        )
