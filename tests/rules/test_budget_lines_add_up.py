"""budget-lines-add-up: the budget lines sum to the total, to the cent."""

from __future__ import annotations

from tests.rules.conftest import RunRule, check_plan, line_of, plan

RULE = "budget-lines-add-up"


def test_lines_that_make_the_total_hold(run_rule: RunRule) -> None:
    # 1,320,000 + 50,000 + 100,000 + 20,000 = 1,490,000
    assert run_rule(RULE, plan()) == []
    assert run_rule(RULE, plan({"budget": {"lines": {}}})) == []  # no lines: nothing to add


def test_a_total_above_its_lines_names_the_gap(run_rule: RunRule) -> None:
    data = plan({"budget": {"total": 1500000}})
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "lines add up to 1,490,000 USD; total says 1,500,000 USD; difference 10,000 USD"
    )
    assert found.fix == "add a line of 10000, or set total to 1490000"
    assert found.path == "budget.total" and found.line == line_of(data, "total:")


def test_a_total_below_its_lines_says_what_to_set(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan({"budget": {"total": "1.48M"}}))
    assert found.message.endswith("difference 10,000 USD")
    assert found.fix == "set total to 1490000"


def test_money_is_compared_to_the_cent(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan({"budget": {"lines": {"goodwill": "20000.01"}}}))
    assert found.message == (
        "lines add up to 1,490,000.01 USD; total says 1,490,000 USD; difference 0.01 USD"
    )
    assert found.fix == "set total to 1490000.01"


def test_it_is_an_error_in_every_strategy() -> None:
    found = [f for f in check_plan(plan({"budget": {"total": 1500000}})) if f.rule == RULE]
    assert [f.severity for f in found] == ["error"]
