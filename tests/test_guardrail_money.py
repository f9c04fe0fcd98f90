"""Budget guardrails across plans of different lengths count money to the currency's minor
unit, once (review calc39 F5: the proposal scaled to the base's period was rounded to a
whole dinar, so a proposal at exactly +5% was "over by 0.480 KWD")."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, Invoke

DELIGHT = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
YEAR = "period: {start: 2027-01-01, end: 2027-12-31}"
TOTAL = "total: 1540241"
LINES = "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}"
HALF = "period: {start: 2027-01-01, end: 2027-06-30}"


def _plan(tmp_path: Path, name: str, period: str, total: str) -> Path:
    """The delight example in dinars for ``period`` with ``total``, its people line the rest
    (the other lines come to 256,841 KWD)."""
    people = f"{float(total) - 256841:.3f}"
    text = DELIGHT.replace("currency: USD", "currency: KWD").replace(YEAR, period)
    text = text.replace(TOTAL, f"total: {total}").replace(
        LINES, f"lines: {{people: {people}, training: 149040, tooling: 82800, goodwill: 25001}}"
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _increase(invoke: Invoke, base: Path, plan: Path) -> list[str]:
    result = invoke("diff", str(base), str(plan), "--max-budget-increase", "5%", "-f", "json")
    tripped = json.loads(result.out)["diff"]["guardrails"]
    return [t["message"] for t in tripped if t["guardrail"] == "max_budget_increase"]


def test_a_proposal_at_exactly_the_limit_passes_in_dinars(tmp_path: Path, invoke: Invoke) -> None:
    assert YEAR in DELIGHT and TOTAL in DELIGHT and LINES in DELIGHT
    # Base: the first half of 2027, 420,000.500 KWD. Proposal: the year, 882,001.050, which
    # for half a year is 441,000.525: +21,000.025, exactly 5% of 420,000.500.
    base = _plan(tmp_path, "base.yaml", HALF, "420000.500")
    assert _increase(invoke, base, _plan(tmp_path, "at.yaml", YEAR, "882001.050")) == []
    # Two fils more a year is one fils more for the half: over by 0.001 KWD; 21,000.026 ÷
    # 420,000.5 = 5.0000024%, shown with the digits that tell it over the 5% limit
    # (review calc42 F5: it read "5%").
    assert _increase(invoke, base, _plan(tmp_path, "over.yaml", YEAR, "882001.052")) == [
        "budget total for a period as long as the base's increases by 21,000.026 KWD (5.0001%); "
        "the limit is 21,000.025 KWD (5%), over by 0.001 KWD"
    ]


def test_a_change_of_period_is_named_beside_the_budget(tmp_path: Path, invoke: Invoke) -> None:
    # Review calc39 F10: a year's budget beside half a year's read +100% with nothing saying
    # the period had changed.
    base = _plan(tmp_path, "base.yaml", HALF, "420000.500")
    plan = _plan(tmp_path, "plan.yaml", YEAR, "840001")
    result = invoke("diff", str(base), str(plan), "-f", "json")
    assert {
        "name": "period",
        "before": "{start: 2027-01-01, end: 2027-06-30}",
        "after": "{start: 2027-01-01, end: 2027-12-31}",
    } in json.loads(result.out)["diff"]["assumptions"]


def test_a_limit_between_two_fils_is_shown_as_the_most_allowed(
    tmp_path: Path, invoke: Invoke
) -> None:
    # Review calc41 F4 (one rounding rule): 5% of 420,000.010 KWD is 21,000.0005, between
    # two fils. A cap is shown rounded down, the most that may be moved, and the excess is
    # the change less it: 21,000.001 − 21,000.000 = 0.001. Rounded half to even, both the
    # limit and the excess lost the half fils: "over by 0 KWD" on a change that tripped.
    base = _plan(tmp_path, "base.yaml", YEAR, "420000.010")
    assert _increase(invoke, base, _plan(tmp_path, "over.yaml", YEAR, "441000.011")) == [
        "budget total increases by 21,000.001 KWD (5.0001%); "
        "the limit is 21,000 KWD (5%), over by 0.001 KWD"
    ]
