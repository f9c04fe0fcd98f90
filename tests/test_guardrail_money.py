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
    # 420,000.5 = 5.000000238%, shown cut to the digits that tell it over the 5% limit
    # (review calc42 F5: it read "5%"; calc55 K3: then "5.0001%", forty times the excess).
    assert _increase(invoke, base, _plan(tmp_path, "over.yaml", YEAR, "882001.052")) == [
        "budget total for a period as long as the base's increases by 21,000.026 KWD "
        "(5.0000002%); "
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
    # 21,000.001 ÷ 420,000.010 = 5.000000119%, cut to the digits that read over 5%.
    base = _plan(tmp_path, "base.yaml", YEAR, "420000.010")
    assert _increase(invoke, base, _plan(tmp_path, "over.yaml", YEAR, "441000.011")) == [
        "budget total increases by 21,000.001 KWD (5.0000001%); "
        "the limit is 21,000 KWD (5%), over by 0.001 KWD"
    ]


def _decrease(invoke: Invoke, base: Path, plan: Path, limit: str) -> list[str]:
    result = invoke("diff", str(base), str(plan), "--max-budget-decrease", limit, "-f", "json")
    tripped = json.loads(result.out)["diff"]["guardrails"]
    # The total's limit alone (the people line's own is judged beside it).
    return [
        t["message"]
        for t in tripped
        if t["guardrail"] == "max_budget_decrease" and t["message"].startswith("budget total")
    ]


def test_a_share_over_a_limit_reads_over_it(tmp_path: Path, invoke: Invoke) -> None:
    # Review calc55 K3. Base 333,333.33 KWD. A limit of 5.001% allows 16,669.99983, shown
    # rounded down as 16,669.999. A cut of 16,670.000 (to 316,663.330) is 0.05001000005 of
    # the base: rounded to two places it read "5%" beside "the limit is … (5.001%)", as if
    # under it; cut to the digits that tell it over, 5.00100005%.
    base = _plan(tmp_path, "base.yaml", YEAR, "333333.330")
    assert _decrease(invoke, base, _plan(tmp_path, "over.yaml", YEAR, "316663.330"), "5.001%") == [
        "budget total decreases by 16,670 KWD (5.00100005%); the limit is 16,669.999 KWD "
        "(5.001%), over by 0.001 KWD"
    ]
    # Against 5%: 16,666.6665 allowed; 16,670 is 5.00100005%, shown as fmt_percent's
    # 5.001% where that already reads over.
    assert _decrease(invoke, base, _plan(tmp_path, "five.yaml", YEAR, "316663.330"), "5%") == [
        "budget total decreases by 16,670 KWD (5.001%); the limit is 16,666.666 KWD (5%), "
        "over by 3.334 KWD"
    ]
    # Exactly at a limit is never over: 5% of 1,000,000 is 50,000, a cut to 950,000 passes;
    # a fils more is 5.0000001%.
    base = _plan(tmp_path, "round.yaml", YEAR, "1000000")
    assert _decrease(invoke, base, _plan(tmp_path, "at.yaml", YEAR, "950000"), "5%") == []
    assert _decrease(invoke, base, _plan(tmp_path, "fils.yaml", YEAR, "949999.999"), "5%") == [
        "budget total decreases by 50,000.001 KWD (5.0000001%); the limit is 50,000 KWD (5%), "
        "over by 0.001 KWD"
    ]
