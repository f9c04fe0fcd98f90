"""The report's largest gaps count a channel with no target once (planner59 left): its need
is its workload at the occupancy ceiling, so a ceiling row beside it named the same
shortfall a second time, to the millionth."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Invoke
from tests.test_no_target_need import PLAN

POOLED = PLAN.replace("    agents: 5\n", "").replace("contacts: 2040", "contacts: 2120")


def test_a_pooled_inbox_with_no_target_is_one_gap(tmp_path: Path, invoke: Invoke) -> None:
    # 10 FTE shared by phone and e-mail (no target). By hand: e-mail 1,360 × 6 min = 136 h
    # a week ÷ (32 productive h × 85%) = 5.0 FTE at the ceiling; its share of the team is
    # 4.803922, so 0.196078 short, of which the phone's 0.096078 above its targets' 5.1
    # cover a part: 0.1 FTE × 48,000.10 = 4,800.01 USD a year, once. The ceiling row
    # "email: the occupancy ceiling is short of staff | 0.096078 FTE | 4,611.75 USD" was
    # the same need again.
    plan = tmp_path / "plan.yaml"
    plan.write_text(POOLED, encoding="utf-8")
    invoke("report", str(plan), "-o", str(tmp_path / "r.md"))
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| email:")]
    assert rows == [
        "| email: its workload at the occupancy ceiling is short of staff | 0.1 FTE "
        "| 4,800.01 USD a year |"
    ]
    assert "0.096078" not in text
