"""A waiver that can never match says why: the plan's strategy does not check its rule, not
only that it "matches no finding", which reads as a waiver that has done its work (review
author59)."""

from __future__ import annotations

import datetime as dt

from cs_align.engine import CheckOptions, assess
from cs_align.loader import parse_plan
from tests.conftest import GOOD

WAIVERS = """waivers:
  - {rule: cost-pace, reason: we do not race on cost, owner: head-of-service, expires: 2027-03-31}
  - {rule: no-scripts, path: staffing.uses_scripts, reason: scripts go in spring, owner: ops,
     expires: 2027-03-31}
"""


def notes(text: str) -> list[str]:
    options = CheckOptions(today=dt.date(2027, 1, 4))
    return list(assess(parse_plan(text, "plan.yaml"), options, reveal=False).unmatched_waivers)


def test_a_waiver_of_a_rule_the_strategy_does_not_check_says_it_never_will_match() -> None:
    cost, scripts = notes(GOOD + WAIVERS)
    assert cost.startswith("plan.yaml:")
    assert cost.endswith(
        "the waiver for cost-pace at ** matches no finding: the plan's strategy delight does "
        "not check cost-pace, so it never will — drop the waiver, or enable the rule in the "
        "strategy"
    )
    # A rule the strategy checks, which the plan keeps today: a waiver that may match again.
    assert scripts.endswith("the waiver for no-scripts at staffing.uses_scripts matches no finding")
