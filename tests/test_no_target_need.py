"""A channel with no target needs its workload at the occupancy ceiling (DESIGN, "How a plan is
sized"), and every output prices that need as it prices a target's (calc59).

`whatif` counted such a channel's need in "FTE needed" but not in "extra FTE" or "extra cost a
year": at 20% more volume an inbox with no target whose backlog grows (deferred-backlog, an
error) read "FTE needed 6.0 … extra cost –" beside 5 planned, and the row's 0.8 extra FTE
(38,400.08 USD) fell short of check's own "86,400.18 USD short" and of the 2 FTE `fix` hires.
The report's gaps left it out too, and promise named the need without its price.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from tests.conftest import Invoke
from tests.test_casebook import sl_at

PLAN = """version: 1
organisation: Tenth Co
promise: "Calls answered within ten minutes."
currency: USD
period: {start: 2028-01-01, end: 2028-12-31}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 2040, per: week}
    handle_time: 4m
    target: {service_level: "80% in 10m"}
    agents: 5
  - id: email
    kind: email
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 1360, per: week}
    handle_time: 6m
    agents: 5
staffing:
  agents: 10
  shrinkage: 20%
  paid_hours_per_fte: 40/week
  loaded_cost_per_fte: 48000.10
budget: {total: 480001, lines: {people: 480001}}
"""


def test_whatif_prices_a_channel_without_a_target_at_its_ceiling(invoke: Invoke, plan_file) -> None:
    # 10% more volume: e-mail 1,496 × 6 min = 149.6 h a week ÷ (32 h × 85%) = 5.5 FTE
    # exactly, 0.5 over the 5 planned; phone A = 2,244 × 4 min ÷ 40 h = 3.74 Erlangs, and
    # 80% in 10m needs 4.32 on shift (5.4 FTE: 4.24 answer 78.9%, 4.32 80.4%), 0.4 over.
    assert Fraction(1496 * 6, 60) / (32 * Fraction(85, 100)) == Fraction(11, 2)
    assert sl_at(4.24, 3.74, 240, 600) < 0.8 <= sl_at(4.32, 3.74, 240, 600)
    # 0.9 FTE × 48,000.10 = 43,200.09 USD, what check calls the budget short.
    path = str(plan_file(PLAN))
    data = json.loads(invoke("whatif", path, "-f", "json").out)
    row = next(s for s in data["scenarios"] if s["scenario"] == "volume +10%")
    assert (row["needed_fte"], row["planned_fte"]) == (10.9, 10.0)
    assert (row["extra_fte"], row["extra_cost"]) == (0.9, "43200.09")
    table = invoke("whatif", path).out
    email = table.split("  email: no target; planned 5.0 FTE")[1]
    assert "volume +10%            –  19m51s          –      93.5%" in email
    assert email.split("volume +10%")[1].split("\n")[0].endswith("5.5      24,000.05 USD")
    # 20% more: the inbox cannot keep up (6.0 FTE needed), priced 48,000.10 USD.
    assert email.split("volume +20%")[1].split("\n")[0].endswith("6.0      48,000.10 USD")
    more = PLAN.replace("contacts: 2040", "contacts: 2244").replace(
        "contacts: 1360", "contacts: 1496"
    )
    checked = invoke("check", str(plan_file(more, "more.yaml"))).out
    assert "the budget gives 480,001 USD, 43,200.09 USD short" in checked


def test_promise_and_report_price_it_too(invoke: Invoke, plan_file, tmp_path: Path) -> None:
    more = PLAN.replace("contacts: 2040", "contacts: 2244").replace(
        "contacts: 1360", "contacts: 1496"
    )
    path = str(plan_file(more))
    lines = invoke("promise", path).out.splitlines()
    assert lines[1].endswith(
        "its workload at the ceiling needs 5.5 FTE (plan 5), 24,000.05 USD a year more"
    ), lines[1]
    out = tmp_path / "r.md"
    invoke("report", path, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert (
        "| email: its workload at the occupancy ceiling is short of staff | 0.5 FTE | "
        "24,000.05 USD a year |"
    ) in text
    assert "0.9 more FTE on phone and email, about **43,200.09 USD a year**" in text


def test_a_shared_team_is_priced_as_one_team(invoke: Invoke, plan_file, tmp_path: Path) -> None:
    # The same 10 FTE as one team (no channel states `agents:`), 10% more volume. By hand:
    # phone's 80% in 10m needs 5.4 FTE (above), its ceiling 3.74 ÷ 85% = 4.4 on shift = 5.5
    # FTE; the inbox's ceiling 5.5. The team gives phone its 5.4, then the 4.6 left towards
    # the ceilings alike: 4.6 ÷ (11 − 5.4) of the way, phone 5.482143, email 4.517857. The
    # team is one set of people: the two need 10.9, 0.9 more than its 10 (43,200.09 USD, as
    # check says), never email's 0.982143 alone beside phone's 0.082143 to spare (47,142.96).
    step = Fraction(46, 10) / (11 - Fraction(54, 10))
    assert round(Fraction(54, 10) + Fraction(1, 10) * step, 6) == Fraction(5482143, 10**6)
    assert round(Fraction(55, 10) * step, 6) == Fraction(4517857, 10**6)
    assert Fraction(9, 10) * Fraction("48000.10") == Fraction("43200.09")
    pooled = PLAN.replace("    agents: 5\n", "")
    path = str(plan_file(pooled))
    data = json.loads(invoke("whatif", path, "-f", "json").out)
    row = next(s for s in data["scenarios"] if s["scenario"] == "volume +10%")
    assert (row["needed_fte"], row["planned_fte"]) == (10.9, 10.0)
    assert (row["extra_fte"], row["extra_cost"]) == (0.9, "43200.09"), row
    more = pooled.replace("contacts: 2040", "contacts: 2244").replace(
        "contacts: 1360", "contacts: 1496"
    )
    more_path = str(plan_file(more, "more.yaml"))
    assert "the budget gives 480,001 USD, 43,200.09 USD short" in invoke("check", more_path).out
    lines = invoke("promise", more_path).out.splitlines()
    assert lines[1].endswith(
        "its workload at the ceiling needs 5.5 FTE (plan 4.517857), 43,200.09 USD a year more"
    ), lines[1]
    out = tmp_path / "r.md"
    invoke("report", more_path, "-o", str(out))
    assert (
        "| email: its workload at the occupancy ceiling is short of staff | 0.9 FTE | "
        "43,200.09 USD a year |"
    ) in out.read_text(encoding="utf-8")
