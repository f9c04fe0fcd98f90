"""`fix` prices the channels' staff changes together: each row its share of their cost
rounded once, to the cent, adding up to it (review calc55 K4: three channels raised 0.1 FTE
at 33,333.33 EUR read +3,333.33 each, 9,999.99 EUR, where the 0.3 FTE cost 10,000.00 and the
people line it wrote rose by the same 10,000.00 over the staff's cost)."""

from __future__ import annotations

from decimal import Decimal

from cs_align.engine import CheckOptions
from cs_align.fixer import fix
from cs_align.loader import parse_plan

LINE = """  - id: {id}
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {{contacts: 600, per: week}}
    handle_time: 6m
    target: {{service_level: "80% in 60s"}}
    agents: 4.2
"""
PLAN = (
    """version: 1
organisation: Cent Ltd
currency: EUR
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
promise: "Calls answered 80% within 60 seconds."
channels:
"""
    + "".join(LINE.format(id=name) for name in ("phone", "sales", "support"))
    + """staffing:
  loaded_cost_per_fte: 33333.33
budget:
  total: 400000
  lines: {people: 380000, tooling: 20000}
"""
)


def test_channel_costs_add_up_to_the_staff_cost_written() -> None:
    # Each line: A = 600 × 0.1 h / 40 h = 1.5 E; 79.1% in 60 s on 4.2 FTE (2.92 on shift),
    # 3 on shift = 3 × 40 × 52.18 / 1456 = 4.30 FTE, written 4.3: +0.1 FTE a line.
    result = fix(PLAN, parse_plan(PLAN, "plan.yaml"), CheckOptions(), keep_budget=False)
    rows = {c.path: c for c in result.changes}
    raised = [rows[f"channels[{c}].agents"] for c in ("phone", "sales", "support")]
    assert [(c.before, c.after, c.unit) for c in raised] == [("4.2", "4.3", "a year")] * 3
    # 0.3 FTE × 33,333.33 = 9,999.999 → 10,000.00 EUR a year, shared to the cent: one line
    # carries the cent the three thirds of 9,999.999 round away.
    assert sorted(c.cost for c in raised if c.cost is not None) == [
        Decimal("3333.33"),
        Decimal("3333.33"),
        Decimal("3333.34"),
    ]
    assert sum(c.cost for c in raised if c.cost is not None) == Decimal("10000.00")
    # The people line written is the 12.9 FTE's cost: 429,999.957 → 429,999.96, which is
    # 10,000.00 over the planned 12.6 FTE's 419,999.958 → 419,999.96.
    people = rows["budget.lines.people"]
    assert Decimal(people.after) == Decimal("429999.96")
    assert Decimal(people.after) - Decimal("419999.96") == sum(
        c.cost for c in raised if c.cost is not None
    )
    assert rows["budget.total"].after == "449999.96"  # the lines' sum: 429,999.96 + 20,000
