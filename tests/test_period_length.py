"""A plan's period is one budget period: past ten years its end date is a typo (review
user45: 2027-01-01 to 9999-12-31 was priced for 7,973 years without a word)."""

from __future__ import annotations

import pytest

from tests.conftest import GOOD, Invoke

PERIOD = "period: {start: 2027-01-01, end: 2027-12-31}"


def _where() -> tuple[int, int]:
    """The line and column of the period's end date in GOOD."""
    lines = GOOD.splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(PERIOD))
    return line, lines[line - 1].index("2027-12-31") + 1


@pytest.mark.parametrize(
    ("end", "length"),
    [("9999-12-31", " (7973 years)"), ("2207-12-31", " (181 years)"), ("2037-01-01", "")],
)
def test_a_period_past_ten_years_is_refused_at_its_end_date(
    plan_file, invoke: Invoke, end: str, length: str
) -> None:
    assert PERIOD in GOOD
    text = GOOD.replace(PERIOD, f"period: {{start: 2027-01-01, end: {end}}}")
    line, column = _where()
    result = invoke("check", str(plan_file(text)))
    assert result.code == 2 and "internal error" not in result.err
    assert (
        f"plan.yaml:{line}:{column}: period.end: the period 2027-01-01 to {end} is longer than "
        f"10 years{length}: a plan is one budget period, so an end date this far is almost "
        "surely mistyped — check the end date, e.g. end: 2027-12-31 for a year; a longer "
        "horizon is several plans of at most 10 years"
    ) in result.err, result.err


def test_the_year_suggested_is_one_from_the_start(plan_file, invoke: Invoke) -> None:
    text = GOOD.replace(PERIOD, "period: {start: 2028-02-29, end: 2099-01-01}")
    result = invoke("check", str(plan_file(text)))
    assert result.code == 2 and "e.g. end: 2029-02-28 for a year" in result.err, result.err


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        ("2027-01-01", "2036-12-31", "10"),
        ("2027-01-01", "2031-12-31", "5"),
        ("2027-04-06", "2030-04-05", "3"),
        ("9990-01-01", "9999-12-31", "10"),
    ],
)
def test_an_honest_multi_year_plan_is_judged(
    plan_file, invoke: Invoke, start: str, end: str, years: str
) -> None:
    text = GOOD.replace(PERIOD, f"period: {{start: {start}, end: {end}}}")
    result = invoke("check", str(plan_file(text)))
    assert result.code == 1 and "internal error" not in result.err, result.err
    assert f"× {years} years ({start} to {end})" in result.out, result.out
