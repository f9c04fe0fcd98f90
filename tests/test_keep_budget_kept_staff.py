"""`fix --keep-budget` keeps the money when some staff sit on a channel it cannot size (a
desk with no volume): those are paid first, and the sized channels share what is left (review
calc55 K1: a desk's 2 FTE
were left out, the 5.0 FTE a 200,000 GBP people line pays for all went to the phone and the
e-mail, and staffing.agents was raised from 6.5 to 7, +20,000 GBP a year; at 60,000 GBP the
phone was written 0 FTE and 3.5 FTE, 140,000 GBP, stayed). Money short of even those pays
them first (calc58: cut alike, the phone had 0.7 FTE at 1.5 paid for and none at 2.0)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from cs_align.engine import CheckOptions, assess
from cs_align.findings import Report
from cs_align.fixer import FixResult, fix
from cs_align.loader import parse_plan

PLAN = """version: 1
organisation: Small Desk Ltd
currency: GBP
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
promise: "Calls answered 80% within 60 seconds; emails within a business day."
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 600, per: week}
    handle_time: 6m
    target: {service_level: "80% in 60s"}
    agents: 3
  - id: email
    kind: email
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 300, per: week}
    handle_time: 8m
    target: {first_response: 1 business day}
    agents: 1.5
  - id: desk
    kind: in-person
    hours: Mon-Fri 09:00-17:00
    agents: 2
staffing:
  agents: 6.5
  loaded_cost_per_fte: 40000
budget:
  total: PEOPLE
  lines: {people: PEOPLE}
"""


def _fixed(people: int) -> tuple[FixResult, Report]:
    text = PLAN.replace("PEOPLE", str(people))
    result = fix(text, parse_plan(text, "plan.yaml"), CheckOptions(), keep_budget=True)
    return result, assess(parse_plan(result.text, "plan.yaml"), CheckOptions(), reveal=False)


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        # 200,000 / 40,000 = 5.0 FTE paid for. The desk's 2 FTE stay; 3.0 are left for the
        # phone and the e-mail. Keeping up needs phone A = 600 × 0.1 h / 40 h = 1.5 E on
        # shift = 1.5 × 40 × 52.18 / 1456 = 2.15 → 2.2 FTE, e-mail 40 h of work / 27.90 h
        # = 1.43 → 1.5 FTE: 3.7 > 3.0, so the e-mail's target (1.5 FTE) is kept first and
        # the phone has the other 1.5.
        (200_000, {"phone": Fraction(3, 2), "email": Fraction(3, 2), "desk": Fraction(2)}),
        # 60,000 / 40,000 = 1.5 FTE, less than the desk's 2: the desk has them, the phone and
        # the e-mail none, as at 2.0 FTE (calc58: every channel was cut alike, the phone
        # 1.5 × 3/6.5 = 0.7, and at 2.0 it had none: more money, a line worse off).
        (60_000, {"phone": Fraction(0), "email": Fraction(0), "desk": Fraction(3, 2)}),
        (80_000, {"phone": Fraction(0), "email": Fraction(0), "desk": Fraction(2)}),
    ],
)
def test_keep_budget_pays_staff_it_cannot_size_first(
    people: int, expected: dict[str, Fraction]
) -> None:
    result, again = _fixed(people)
    assert again.metrics is not None
    assert {c.id: c.planned_fte for c in again.metrics.channels} == expected
    paid = Decimal(people) / 40_000
    assert again.metrics.planned_fte == sum(expected.values()) == Fraction(paid)
    # What fix announces is what check says of the plan it wrote: the people line holds.
    assert "people-line-funds-staff" not in {f.rule for f in again.findings}
    assert [c for c in result.changes if c.cost is not None and c.cost > 0] == []
    staffing = next(c for c in result.changes if c.path == "staffing.agents")
    assert (staffing.before, staffing.after) == ("6.5", f"{paid:g}")
    assert staffing.cost == -(Decimal("6.5") - paid) * 40_000  # a year's saving, to the cent
