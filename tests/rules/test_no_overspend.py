"""no-overspend: no more staff (or cost) than the strategy's promise calls for."""

from __future__ import annotations

from tests.rules.conftest import RunRule, check_plan, line_of, plan

RULE = "no-overspend"
# Required: 3 positions on the 1-Erlang phone line × 6.957 FTE a 24x7 position = 20.87 FTE.


def staffed(agents: int) -> dict[str, object]:
    return plan({"channels": {"phone": {"agents": agents}}, "staffing": {"agents": agents}})


def test_staff_within_a_quarter_of_the_need_holds(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # 22 ÷ 20.87 = 5.4% above
    assert run_rule(RULE, staffed(26)) == []  # 24.6% above


def test_staff_well_beyond_the_need_fails(run_rule: RunRule) -> None:
    data = staffed(30)
    (found,) = run_rule(RULE, data)
    # 30 ÷ 20.871 − 1 = 43.7%; 20.871 × 1.25 = 26.089 FTE at most, shown rounded down (a
    # planned figure: 26.1 would be over the limit).
    assert found.message == (
        "plan has 30 FTE where the targets and the occupancy ceiling need 20.9: 43.7% more "
        "than the strategy calls for (limit 25%)"
    )
    assert found.fix == "plan about 26 FTE, or declare a strategy that promises more"
    assert found.path == "staffing.agents"
    assert found.line == line_of(data, "staffing:") + 1 and found.severity == "warning"


def test_the_surplus_and_a_cost_ceiling_are_options(run_rule: RunRule) -> None:
    assert run_rule(RULE, staffed(30), max_surplus=0.5) == []
    (found,) = run_rule(RULE, plan(), max_cost_per_contact=10)
    # 1,490,000 USD ÷ 87,660 contacts = 17.00 USD a contact.
    assert found.message == "cost per contact is 17 USD; this strategy expects at most 10 USD"
    assert found.path == "budget.total"


def test_fast_food_makes_it_an_error_at_a_lower_limit() -> None:
    found = [f for f in check_plan(staffed(25), "fast-food") if f.rule == RULE]
    # 25 ÷ 20.871 − 1 = 19.8%: within delight's silence, over fast-food's 15%.
    assert [f.severity for f in found] == ["error"]
    assert "19.8% more" in found[0].message and "(limit 15%)" in found[0].message
    assert not [f for f in check_plan(staffed(25)) if f.rule == RULE]  # delight: no limit
