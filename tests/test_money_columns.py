"""A column of money a client reads shows every amount to the same places: where one amount
of a budget table has cents, all do, so the decimal points line up in a deck (review
user59: 1,283,400 USD above 82,800.50 USD in the report, the diff table and its Markdown)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke

PLAN = EXAMPLES / "delight-fedex-misaligned.yaml"


def _with_cents(tmp_path: Path) -> Path:
    text = PLAN.read_text(encoding="utf-8")
    text = text.replace("total: 1540241", "total: 1540241.50").replace(
        "tooling: 82800", "tooling: 82800.50"
    )
    plan = tmp_path / "cents.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan


@pytest.mark.parametrize("name", ["r.md", "r.html"])
def test_a_reports_budget_table_shows_every_amount_with_cents_when_one_has_them(
    invoke: Invoke, tmp_path: Path, name: str
) -> None:
    plan = _with_cents(tmp_path)
    invoke("report", str(plan), "-o", str(tmp_path / name))
    text = (tmp_path / name).read_text(encoding="utf-8")
    budget = text[text.index("Budget") : text.index("What it would take")]
    for amount in ("1,540,241.50", "1,283,400.00", "149,040.00", "82,800.50", "25,001.00"):
        assert f"{amount} USD" in budget, amount
    assert not re.search(r"\b1,283,400 USD", budget)


def test_a_diffs_budget_columns_show_every_amount_with_cents_when_one_has_them(
    invoke: Invoke, tmp_path: Path
) -> None:
    plan = _with_cents(tmp_path)
    table = invoke("diff", str(PLAN), str(plan), env={"COLUMNS": "120"}).out
    assert re.search(r"people +1,283,400\.00 +1,283,400\.00", table), table
    assert re.search(r"tooling +82,800\.00 +82,800\.50", table), table
    md = invoke("diff", str(PLAN), str(plan), "-f", "markdown").out
    assert "| people | 1,283,400.00 | 1,283,400.00 | 0.00 (0%) |" in md
    assert "| tooling | 82,800.00 | 82,800.50 | +0.50 (+<0.1%) |" in md


def test_whole_amounts_alone_stay_whole(invoke: Invoke, tmp_path: Path) -> None:
    invoke("report", str(PLAN), "-o", str(tmp_path / "r.md"))
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| people | 1,283,400 USD | 83.3% |" in text
