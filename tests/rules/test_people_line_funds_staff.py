"""people-line-funds-staff: the people line pays for the staff the plan lists."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "people-line-funds-staff"
# BASE: 22 FTE × 60,000 USD = 1,320,000 USD a year, exactly its people line.


def people(amount: object, **patch: object) -> dict[str, Any]:
    return plan({"budget": {"lines": {"people": amount}}, **patch})


def test_a_line_that_pays_for_the_planned_fte_holds(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []


def test_a_short_line_names_the_cost_and_the_gap(run_rule: RunRule) -> None:
    data = people(1300000)
    (found,) = run_rule(RULE, data)
    # 22 × 60,000 = 1,320,000; 1,320,000 − 1,300,000 = 20,000.
    assert found.message == (
        "22 FTE × 60,000 USD = 1,320,000 USD; the people line is 1,300,000 USD, short by 20,000 USD"
    )
    assert found.path == "budget.lines.people" and found.line == line_of(data, "people:")
    assert found.fix == "raise the people line to 1320000, or plan fewer FTE"


def test_a_total_without_lines_pays_the_staff_from_the_total(run_rule: RunRule) -> None:
    # Review attack39 F17: with the lines dropped the rule passed over a total below the
    # staff's cost. 22 × 60,000 = 1,320,000 against a total of 1,100,000: 220,000 short.
    data = plan({"budget": {"total": 1100000, "lines": REMOVE}})
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "22 FTE × 60,000 USD = 1,320,000 USD; the budget total, which names no lines, is "
        "1,100,000 USD, short by 220,000 USD"
    )
    assert found.path == "budget.total"
    assert found.fix == "raise the total to 1320000, or plan fewer FTE"
    assert run_rule(RULE, plan({"budget": {"total": 1320000, "lines": REMOVE}})) == []


def test_no_shortfall_is_allowed_by_default_and_the_tolerance_is_an_option(
    run_rule: RunRule,
) -> None:
    assert len(run_rule(RULE, people(1319999))) == 1  # one dollar short
    # 1,320,000 × (1 − 2%) = 1,293,600.
    assert run_rule(RULE, people(1300000), tolerance=0.02) == []
    assert run_rule(RULE, people(1293600), tolerance=0.02) == []
    (found,) = run_rule(RULE, people(1293599), tolerance=0.02)
    assert found.message.endswith("the people line is 1,293,599 USD, short by 26,401 USD")


def test_fractional_fte_are_costed_exactly(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, people(1300000, staffing={"agents": 22.5}))
    # 22.5 × 60,000 = 1,350,000.
    assert found.message.startswith("22.5 FTE × 60,000 USD = 1,350,000 USD;")


def test_without_a_total_the_channel_fte_are_the_plan(run_rule: RunRule) -> None:
    email = {
        "kind": "email",
        "volume": "100/week",
        "handle_time": "6m",
        "target": {"first_response": "24h"},
        "agents": 3,
    }
    data = people(1300000, staffing={"agents": REMOVE}, channels={"email": email})
    (found,) = run_rule(RULE, data)
    # Phone 22 + email 3 = 25 FTE × 60,000 = 1,500,000.
    assert found.message == (
        "25 FTE × 60,000 USD = 1,500,000 USD; the people line is 1,300,000 USD, short by "
        "200,000 USD"
    )


def test_without_a_cost_or_a_budget_there_is_nothing_to_compare(run_rule: RunRule) -> None:
    no_cost = people(1000)
    no_cost["staffing"].pop("loaded_cost_per_fte")
    assert run_rule(RULE, no_cost) == []
    assert run_rule(RULE, plan({"budget": REMOVE})) == []


def test_a_leap_year_is_one_year(run_rule: RunRule) -> None:
    # 2028-01-01 to 2028-12-31 has 366 days but is one calendar year: 1,320,000.
    data = people(1319999, period={"start": "2028-01-01", "end": "2028-12-31"})
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "22 FTE × 60,000 USD = 1,320,000 USD; the people line is 1,319,999 USD, short by 1 USD"
    )


def test_whole_months_count_as_twelfths_of_a_year(run_rule: RunRule) -> None:
    # 2027-01-01 to 2027-06-30: six whole months = ½ × 1,320,000 = 660,000.
    half = {"start": "2027-01-01", "end": "2027-06-30"}
    assert run_rule(RULE, people(660000, period=half)) == []
    (found,) = run_rule(RULE, people(659999, period=half))
    assert found.fix == "raise the people line to 660000, or plan fewer FTE"


def test_days_of_a_month_in_part_count_as_their_months_share(run_rule: RunRule) -> None:
    # 2027-01-01 to 2027-02-14: January whole (1/12 year) and 14 of February's 28 days, half
    # a month: 1.5/12 = 1/8 year × 1,320,000 = 165,000 USD.
    period = {"start": "2027-01-01", "end": "2027-02-14"}
    assert run_rule(RULE, people(165000, period=period)) == []
    found = run_rule(RULE, people(150000, period=period))
    assert [f.message for f in found] == [
        "22 FTE × 60,000 USD a year × ⅛ year (2027-01-01 to 2027-02-14) = 165,000 USD; the "
        "people line is 150,000 USD, short by 15,000 USD"
    ]


def test_it_is_an_error_in_every_strategy() -> None:
    for strategy in (None, "automated"):
        found = [f for f in check_plan(people(1300000), strategy) if f.rule == RULE]
        assert [(f.severity, f.path) for f in found] == [("error", "budget.lines.people")]


def _lines(lines: dict[str, int]) -> dict[str, Any]:
    data = plan()
    data["budget"]["lines"] = lines
    return data


@pytest.mark.parametrize("name", ["staff", "p\u0435ople", "peo\u200bple", "People"])
def test_lines_that_name_no_people_line_cannot_pass(run_rule: RunRule, name: str) -> None:
    # Review attack17 F4: the rule looked only for a line named exactly `people`, so renaming
    # it (to `staff`, a Cyrillic `pеople`, or `peo<zero-width space>ple`, which the comment
    # shows as "people") skipped it, and budget-funds-targets read the total, tooling and all.
    data = _lines({name: 1_300_000, "tooling": 190_000})
    (found,) = run_rule(RULE, data)
    assert found.message.startswith(
        "whether the people line funds the 22 FTE planned cannot be checked: the budget's "
        f"lines ({name!r}, 'tooling') name no `people` line"
    )
    if name != "staff":
        assert f"{name!r} reads like `people` but is not written `people`" in found.message
    assert found.path == "budget.lines"
    (funds,) = run_rule("budget-funds-targets", data)
    assert "cannot be checked: the budget's lines" in funds.message


def test_a_budget_without_lines_is_judged_by_its_total(run_rule: RunRule) -> None:
    data = plan()
    data["budget"]["lines"] = {}
    assert run_rule(RULE, data) == []


def test_a_line_short_of_the_targets_too_says_the_two_parts_the_report_says(
    tmp_path: Any, invoke: Any
) -> None:
    # calc58 (calc56's "left alone" 3): delight-underfunded, 20.7 FTE planned, the targets'
    # need 13.8 + 3.5 = 17.3, 62,000 USD an FTE, a people line of 930,000. Short of the staff
    # by 20.7 × 62,000 − 930,000 = 1,283,400 − 930,000 = 353,400; of the need by 17.3 ×
    # 62,000 − 930,000 = 1,072,600 − 930,000 = 142,600; the 3.4 FTE beyond it 3.4 × 62,000 =
    # 210,800; 142,600 + 210,800 = 353,400. check said the 353,400 alone, the report's gaps
    # the two parts.
    from pathlib import Path

    example = Path(__file__).parents[2] / "examples" / "delight-underfunded-misaligned.yaml"
    said = invoke("check", str(example), "-f", "json")
    (found,) = [f for f in json.loads(said.out)["plans"][0]["findings"] if f["rule"] == RULE]
    assert found["message"] == (
        "20.7 FTE × 62,000 USD = 1,283,400 USD; the people line is 930,000 USD, short by "
        "353,400 USD: 142,600 USD of it short of the 17.3 FTE the targets need, 210,800 USD "
        "for the 3.4 FTE planned beyond them"
    )
    out = tmp_path / "r.md"
    invoke("report", str(example), "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert "| the people budget is below what the targets need | 2.3 FTE | 142,600 USD" in page
    assert "planned beyond the targets' need cost | 3.4 FTE | 210,800 USD a year |" in page


def test_a_line_that_funds_the_targets_says_the_shortfall_alone(run_rule: RunRule) -> None:
    # BASE's targets need fewer than its 22 FTE, and 1,300,000 funds them: no parts to say.
    (found,) = run_rule(RULE, people(1300000))
    assert found.message.endswith("short by 20,000 USD")
