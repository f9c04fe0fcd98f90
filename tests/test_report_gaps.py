"""The report's largest gaps name a people line below what the planned staff cost (review
calc39 F9: "No staffing or budget gaps" beside a people-line-funds-staff error)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES, Invoke

DELIGHT = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")


def test_a_people_line_short_of_the_planned_staff_is_a_gap(tmp_path: Path, invoke: Invoke) -> None:
    # Two FTE more on the phone (16.2 → 18.2; 22.7 in all) on the same people line:
    # 22.7 × 62,000 = 1,407,400 against 1,283,400, 124,000 USD short = 2 FTE's cost. The
    # targets need 20.7 FTE, which the line pays for.
    more = DELIGHT.replace("agents: 16.2", "agents: 18.2", 1).replace(
        "agents: 20.7", "agents: 22.7", 1
    )
    assert more.count("18.2") == 1 and "agents: 22.7" in more
    plan = tmp_path / "plan.yaml"
    plan.write_text(more, encoding="utf-8")
    result = invoke("report", str(plan), "-o", str(tmp_path / "r.md"))
    assert result.code == 1  # people-line-funds-staff
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| the people line is below what the planned staff cost | 2.0 FTE | 124,000 USD |" in (
        text
    )
    assert "No staffing or budget gaps" not in text
