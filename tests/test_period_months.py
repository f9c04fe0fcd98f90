"""A period that is no simple fraction of a year is shown as the months it is counted in,
so that a reader's product reproduces the amount printed (review calc39 F8: "× 0.2770
year" missed 89,658.712 BHD by 7.5)."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cs_align.plan import period_years
from cs_align.units import fmt_months
from tests.conftest import EXAMPLES, Invoke


def _read(text: str) -> Fraction:
    """Months as the text says them: "19/28 + 2 + 20/31 months"."""
    return sum((Fraction(p) for p in text.split(" month")[0].split(" + ")), Fraction(0))


def test_the_months_of_a_period_as_a_reader_adds_them() -> None:
    # 2027-02-10 to 2027-05-20: 19 of February's 28 days, March and April, 20 of May's 31.
    assert fmt_months(dt.date(2027, 2, 10), dt.date(2027, 5, 20)) == "19/28 + 2 + 20/31 months"
    assert fmt_months(dt.date(2028, 2, 10), dt.date(2028, 2, 20)) == "11/29 month"
    assert fmt_months(dt.date(2027, 1, 1), dt.date(2027, 3, 15)) == "2 + 15/31 months"
    assert fmt_months(dt.date(2027, 1, 15), dt.date(2027, 3, 31)) == "17/31 + 2 months"


@given(
    start=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    days=st.integers(0, 1200),
)
def test_the_months_shown_are_the_period_counted(start: dt.date, days: int) -> None:
    end = start + dt.timedelta(days=days)
    assert _read(fmt_months(start, end)) == period_years(start, end) * 12


def test_a_budget_message_multiplies_out_to_its_amount(tmp_path: Path, invoke: Invoke) -> None:
    # 20.7 FTE × 62,000 = 1,283,400 a year; × (19/28 + 2 + 20/31) ÷ 12 = 1,283,400 ×
    # 2,885/10,416 = 355,473.21 USD, against a people line of 300,000: 55,473.21 short.
    text = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    odd = text.replace("start: 2027-01-01, end: 2027-12-31", "start: 2027-02-10, end: 2027-05-20")
    odd = odd.replace("total: 1540241", "total: 556841").replace(
        "people: 1283400", "people: 300000"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(odd, encoding="utf-8")
    findings = json.loads(invoke("check", str(plan), "-f", "json").out)["plans"][0]["findings"]
    assert (
        "20.7 FTE × 62,000 USD a year × (19/28 + 2 + 20/31 months) ÷ 12 (2027-02-10 to "
        "2027-05-20) = 355,473.21 USD; the people line is 300,000 USD, short by 55,473.21 USD"
    ) in [f["message"] for f in findings]
