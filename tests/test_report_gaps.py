"""The report's largest gaps name a people line below what the planned staff cost (review
calc39 F9: "No staffing or budget gaps" beside a people-line-funds-staff error)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GOOD, ROOT, Invoke
from tests.test_money_rounding import HALF_YEN

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
    # A one-year plan: its period's money is a year's (calc41 F2: labelled as the staff rows).
    row = "| the people line is below what the planned staff cost | 2.0 FTE | 124,000 USD a year |"
    assert row in text
    assert "No staffing or budget gaps" not in text


# Review calc41 F2's plan: KWD (three decimals) for half a year, the chat short of staff.
KWD_HALF_YEAR = """\
version: 1
organisation: Gulf Telecom
currency: KWD
period: {start: 2027-04-01, end: 2027-09-30}
strategy: fast-food
promise: "Chats answered within a minute."
channels:
  - id: chat
    kind: chat
    hours: Sun-Thu 08:00-22:00
    volume: {contacts: 5200, per: week}
    handle_time: 12m
    concurrency: 2
    target: {service_level: "80% in 60s"}
    agents: 21.7
  - id: help
    kind: self-service
    containment: 40%
    outage_updates: true
staffing:
  agents: 21.7
  shrinkage: 30%
  max_occupancy: 80%
  paid_hours_per_fte: 40/week
  loaded_cost_per_fte: 9_876.543
  training_hours_per_agent: 40
  uses_scripts: true
  rewarded_on: [handle_time, csat]
  refund_authority: 20
  escalation_to_engineering: true
  leadership_service_hours_per_month: 0
  annual_attrition: 20%
budget:
  total: 110_000.000
  lines: {people: 107_000.000, tooling: 3_000}
"""


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_budget_gap_multiplies_out_for_its_period(
    tmp_path: Path, invoke: Invoke, fmt: str
) -> None:
    # The targets need 23.4 FTE: 23.4 × 9,876.543 × ½ = 115,555.5531 → 115,555.553 KWD for
    # the half year, against a people line of 107,000: 8,555.553 short. In FTE that is
    # 8,555.553 ÷ (9,876.543 × ½ = 4,938.2715) = 1.73249993…, shown up to the hundredth as
    # 1.74, beside the money short as the finding tells it, 8,555.553 KWD for the period (it
    # read "1.8 FTE | 8,555.553 KWD", unlabelled; 1.8 × 4,938.2715 = 8,888.889).
    # The chat's row stays a year's: 1.7 × 9,876.543 = 16,790.123 KWD a year.
    plan = tmp_path / "plan.yaml"
    plan.write_text(KWD_HALF_YEAR, encoding="utf-8")
    out = tmp_path / f"r.{fmt}"
    assert invoke("report", str(plan), "-o", str(out)).code == 1
    text = out.read_text(encoding="utf-8")
    cells = ["the people budget is below what the targets need", "1.74 FTE"]
    cells.append("8,555.553 KWD for the period")
    chat = ["chat: 80% in 1m is short of staff", "1.7 FTE", "16,790.123 KWD a year"]
    if fmt == "md":
        assert f"| {' | '.join(cells)} |" in text
        assert f"| {' | '.join(chat)} |" in text
    else:
        people, money = (f'<td class="num" data-label="{n}">' for n in ("people", "money"))
        row = f"<td>{cells[0]}</td>{people}{cells[1]}</td>{money}{cells[2]}</td>"
        assert row in text
        assert f"<td>{chat[0]}</td>{people}{chat[1]}</td>{money}{chat[2]}</td>" in text
    assert "8,555.553 KWD short" in text  # the finding keeps the exact shortfall


def test_a_gap_of_one_yen_is_not_priced_as_a_tenth_of_staff(tmp_path: Path, invoke: Invoke) -> None:
    # 12.5 FTE × 1,000,001 = 12,500,012.5 → 12,500,013 JPY against a line of 12,500,012:
    # 1 JPY, or 1 ÷ 1,000,001 = 0.00000099… FTE: under a hundredth, and said so. Up to the
    # tenth it would read 0.1 FTE, 100,000 JPY; up to the hundredth 0.01 FTE, 10,000 JPY.
    plan = tmp_path / "plan.yaml"
    plan.write_text(HALF_YEN, encoding="utf-8")
    invoke("report", str(plan), "-o", str(tmp_path / "r.md"))
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    row = "| the people line is below what the planned staff cost | < 0.01 FTE | 1 JPY a year |"
    assert row in text


def test_an_occupancy_ceiling_short_of_staff_is_a_gap(tmp_path: Path, invoke: Invoke) -> None:
    # Review calc42 F11: "No staffing or budget gaps" above an occupancy-cap error. The
    # phone keeps its target on 11.8 FTE but runs 92.5% busy at 09:00; every interval
    # under 85% needs 12.65 → 12.7 FTE: 0.9 more, × 50,000 = 45,000 USD a year.
    plan = tmp_path / "peak.yaml"
    plan.write_text(
        (ROOT / "tests" / "data" / "plans" / "peak-ceiling-two-lines.yaml").read_text(),
        encoding="utf-8",
    )
    invoke("report", str(plan), "-o", str(tmp_path / "r.md"))
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert (
        "| phone: the occupancy ceiling is short of staff | 0.9 FTE | 45,000 USD a year |" in text
    )
    assert "No staffing or budget gaps" not in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_budget_gap_is_shown_in_staff_to_the_hundredth(
    tmp_path: Path, invoke: Invoke, fmt: str
) -> None:
    # delight-aligned with its people line (and total) 777 USD short of the 20.7 FTE ×
    # 62,000 = 1,283,400 USD they cost: 777 ÷ 62,000 = 0.012532… FTE, up to the hundredth
    # 0.02 (it read "0.012533 FTE", six decimals, beside channel rows to the tenth).
    text = GOOD.replace("total: 1540241", "total: 1539464").replace(
        "people: 1283400", "people: 1282623"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / f"r.{fmt}"
    invoke("report", str(plan), "-o", str(out))
    page = out.read_text(encoding="utf-8")
    what = "the people line is below what the planned staff cost"
    if fmt == "md":
        assert f"| {what} | 0.02 FTE | 777 USD a year |" in page
    else:
        assert f'<td>{what}</td><td class="num" data-label="people">0.02 FTE</td>' in page
    assert not re.search(r"\d\.\d{4,} FTE", page)


ASA_ONLY = """version: 1
organisation: Seven Day Co
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: fast-food
promise: "Calls answered within 30 seconds on average, every day."
channels:
  - id: phone
    kind: voice
    hours: [Mon-Fri 08:00-20:00, Sat-Sun 10:00-16:00]
    volume: {contacts: 13200, per: month}
    handle_time: 4m30s
    target: {asa: 30s}
    agents: 15
  - {id: help-centre, kind: self-service, containment: 50%, outage_updates: true}
staffing:
  agents: 15
  shrinkage: 30%
  paid_hours_per_fte: 1800/year
  loaded_cost_per_fte: 52000
budget:
  total: 825000
  lines: {people: 780000, training: 15000, tooling: 30000}
"""


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_a_line_kept_to_an_asa_alone_has_its_asa_by_scenario(
    tmp_path: Path, invoke: Invoke, suffix: str
) -> None:
    # 13,200 calls a month over 72 open hours a week (Mon-Fri 12 h, Sat-Sun 6 h): a month is
    # 365.25 ÷ 12 ÷ 7 = 4.348214 weeks, so 13,200 ÷ 4.348214 ÷ 72 × 4.5 ÷ 60 = 3.16222 Erlangs.
    # 15 FTE × (1,800 ÷ 52.17857 × 0.7 = 24.14784 h a week) ÷ 72 = 5.03080 on shift.
    # Erlang C, P(wait) weighted between 5 and 6 people, cleared by the spare of all 5.0308:
    #   as planned ASA 39.50 s ("40s"); volume -30% (2.21355 E) 8.049 s ("8.1s");
    #   volume +30% (4.11089 E) 172.84 s ("2m53s") - as `cs-align whatif` shows them.
    # Before, the stress section's table had its heading and no row: the line has no
    # service level.
    plan = tmp_path / "plan.yaml"
    plan.write_text(ASA_ONLY, encoding="utf-8")
    out = tmp_path / f"report{suffix}"
    invoke("report", str(plan), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "Service level and ASA by scenario" in text
    if suffix == ".md":
        row = next(x for x in text.splitlines() if x.startswith("| phone (ASA) |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1:3] == ["40s", "8.1s"] and cells[7] == "2m53s", row
    else:
        assert "<td>phone (ASA)</td>" in text and ">2m53s</td>" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_people_line_short_of_the_targets_counts_that_shortfall_once(
    tmp_path: Path, invoke: Invoke, fmt: str
) -> None:
    # calc56: delight-aligned with 2 FTE more on the phone (22.7 planned) and a people line
    # of 1,000,000 USD. The targets need 13.8 + 3.5 = 17.3 FTE × 62,000 = 1,072,600: 72,600
    # short (1.17097 → 1.18 FTE). The staff planned cost 22.7 × 62,000 = 1,407,400: 407,400
    # short in all, of which 72,600 is the targets' own. The people-line row read
    # "6.58 FTE | 407,400" beside the targets' "1.18 FTE | 72,600", 480,000 in all; it now
    # says the 5.4 FTE planned beyond the need, 5.4 × 62,000 = 334,800, and the two rows add
    # up to the finding's 407,400.
    text = (
        DELIGHT.replace("agents: 16.2", "agents: 18.2", 1)
        .replace("agents: 20.7", "agents: 22.7", 1)
        .replace("total: 1540241", "total: 1256841")
        .replace("people: 1283400", "people: 1000000")
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / f"r.{fmt}"
    assert invoke("report", str(plan), "-o", str(out)).code == 1
    page = out.read_text(encoding="utf-8")
    beyond = "the people line is below what the 5.4 FTE planned beyond the targets&#39; need cost"
    rows = [
        (
            beyond if fmt == "html" else beyond.replace("&#39;", "'"),
            "5.4 FTE",
            "334,800 USD a year",
        ),
        ("the people budget is below what the targets need", "1.18 FTE", "72,600 USD a year"),
    ]
    for what, people, money in rows:
        if fmt == "md":
            assert f"| {what} | {people} | {money} |" in page
        else:
            assert f"<td>{what}</td>" in page and f">{money}</td>" in page
    assert "407,400 USD" in page  # the finding keeps the whole shortfall
    assert "6.58 FTE" not in page
