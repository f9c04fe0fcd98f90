"""`whatif` prices a scenario's extra FTE once, as `fix` and the report do, and its
channels' shares add up to that (review calc39 F1, F6)."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import ROOT, Invoke

# Two like voice lines, each planned 13.55 FTE and needing 13.8 (Erlang A: 84.1% in 20 s at
# 13.55 but 8.4% hanging up, over 8%): 0.25 FTE short each, at 10,000.10 EUR an FTE.
PLAN = str(ROOT / "tests" / "data" / "whatif-two-lines.yaml")


def test_the_extra_cost_is_the_extra_fte_priced_once(invoke: Invoke) -> None:
    result = invoke("whatif", PLAN, "--vary", "volume=+0%", "-f", "json")
    planned = json.loads(result.out)["scenarios"][0]
    # 0.5 × 10,000.10 = 5,000.05; each line's 0.25 × 10,000.10 = 2,500.025, which the
    # channels share as 2,500.03 and 2,500.02 (each rounded alone: 2,500.02 twice, 5,000.04).
    assert planned["extra_fte"] == 0.5 and planned["extra_cost"] == "5000.05"
    shares = [c["extra_cost"] for c in planned["channels"]]
    assert sorted(shares) == ["2500.02", "2500.03"]
    table = invoke("whatif", PLAN, "--vary", "volume=+0%").out
    assert "0.5       5,000.05 EUR" in table


def test_a_pooled_teams_extra_fte_is_the_tables(invoke: Invoke) -> None:
    # Review calc39 F6: the JSON added each pooled channel's gap rounded up to the tenth
    # (2.8) beside the table's 2.7 and the cost of 2.7. Here the e-mail line shares the
    # pool with the phone: the delight example with its channels' own agents dropped.
    text = (ROOT / "examples" / "delight-aligned.yaml").read_text(encoding="utf-8")
    pooled = text.replace("    agents: 16.2\n", "", 1).replace("    agents: 4.5\n", "", 1)
    assert pooled.count("agents:") == text.count("agents:") - 2
    plan = ROOT / "tests" / "data" / "whatif-two-lines.yaml"  # only for its folder
    path = plan.parent / ".pooled-tmp.yaml"
    path.write_text(pooled.replace("contacts: 9000,", "contacts: 9900,", 1), encoding="utf-8")
    try:
        data = json.loads(invoke("whatif", str(path), "-f", "json").out)
        table = invoke("whatif", str(path)).out
    finally:
        path.unlink()
    planned = data["scenarios"][0]
    shown = f"{planned['extra_fte']:.1f}"
    assert f"  {shown}  " in table.splitlines()[3], table
    shares = [c["extra_cost"] for c in planned["channels"] if c["extra_cost"] is not None]
    assert sum(map(float, shares)) == float(planned["extra_cost"])


def test_the_csv_says_the_currency_and_period_of_its_money(invoke: Invoke) -> None:
    """Review outputs60: the CSV's `extra_cost` read "2500.03" with no currency on any row or
    in its head, where JSON says `currency: EUR` and `cost_period: year` and the table
    "2,500.03 EUR". Two columns are appended (tools read the CSV by position too), on every
    row, a scenario with no staffed channel as well."""
    out = invoke("whatif", PLAN, "--vary", "volume=+0%", "-f", "csv").out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0].endswith(
        ",needed_fte,spare_fte,channel_spare_fte,currency,cost_period"
    )
    # each line's 0.25 FTE × 10,000.10 EUR a year = 2,500.025: 2,500.03 and 2,500.02
    assert [(r["extra_cost"], r["currency"], r["cost_period"]) for r in rows[:2]] == [
        ("2500.03", "EUR", "year"),
        ("2500.02", "EUR", "year"),
    ]
    data = json.loads(invoke("whatif", PLAN, "--vary", "volume=+0%", "-f", "json").out)
    assert (data["currency"], data["cost_period"]) == ("EUR", "year")
