"""Red team attack49: inputs and pull requests that made cs-align stop or pass what main's
policy fails (see /work/h-attack49-report.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke, Result

Cli = Callable[..., Result]

ALIGNED = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")


# ---- A01: a staff need past Decimal's 28 digits ----------------------------------------------


@pytest.mark.parametrize(
    "edits",
    [
        # 1 - 0.999999999999999999999 = 1e-21 of paid time left for contacts: the phone's
        # 5.37 agents on shift for 60 h a week need 5.37 * 60 * 52.18 / (1800 * 1e-21)
        # = 9.3e21 FTE, at 62,000 USD each 5.8e26 USD: 29 digits with the cents.
        [("shrinkage: 32%", "shrinkage: 99.9999999999999999999%")],
        # 1e-21 paid hours a week: the same staff need 1.8e27 times as many FTE.
        [
            ("paid_hours_per_fte: 1800/year", "paid_hours_per_fte: 0.000000000000000000001/week"),
            ("training_hours_per_agent: 120", "training_hours_per_agent: 0"),
        ],
    ],
    ids=["shrinkage", "paid-hours"],
)
@pytest.mark.parametrize("command", ["check", "whatif", "promise", "report"])
def test_a_staff_need_past_28_digits_is_judged_not_an_internal_error(
    tmp_path: Path, invoke: Invoke, edits: list[tuple[str, str]], command: str
) -> None:
    """Before: exit 2, 'internal error while checking this plan: InvalidOperation — please
    report it' (rounding the people money to cents needs more digits than Decimal's default
    28). Now the plan is judged: misaligned (exit 1), its budget short by the money said."""
    folder = tmp_path
    text = ALIGNED
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    extra = ["-o", "out.md"] if command == "report" else []
    result = invoke(command, "plan.yaml", *extra, cwd=folder)
    assert "internal error" not in result.err, result.err
    assert result.code == 1, result.err


def test_a_staff_need_past_28_digits_prices_its_people_money(
    tmp_path: Path, invoke: Invoke
) -> None:
    folder = tmp_path
    text = ALIGNED.replace("shrinkage: 32%", "shrinkage: 99.9999999999999999999%")
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    result = invoke("check", "plan.yaml", "-f", "json", cwd=folder)
    assert result.code == 1, result.err
    findings = json.loads(result.out)["plans"][0]["findings"]
    budget = next(f for f in findings if f["rule"] == "budget-funds-targets")
    # 1.17e22 FTE x 62,000 USD: a 27-digit figure before the cents, written out whole
    assert "USD short" in budget["message"]
    assert "e+" not in budget["message"].lower()


# ---- A02: a plan GitHub reads as generated, with no .gitattributes ---------------------------


@pytest.mark.parametrize(
    ("name", "text", "hidden"),
    [
        ("plans/__generated__/acme.yaml", "", True),
        ("plans/node_modules/acme.yaml", "", True),
        ("plans/.idea/acme.yaml", "", True),
        ("plans/acme-pnpm-lock.yaml", "", True),
        ("plans/Cargo.lock.yaml", "", True),
        ("Pods/plans/acme.yaml", "", True),
        ("plans/vendor/github.com/acme.yaml", "", True),
        ("plans/.pnp.acme.yaml", "", True),
        ("plans/acme.yml", "version: 1\n# recorded_with: VCR 6.0\n", True),
        # Linguist's rules are case-sensitive, and its VCR rule reads `.yml` files only,
        # at their second-to-last line (the last, in a file ending in a line break)
        ("plans/acme.yaml", "version: 1\n# recorded_with: VCR 6.0\n", False),
        ("plans/acme.yml", "version: 1\n# recorded_with: VCR 6.0\n\n", False),
        ("plans/cargo.lock.yaml", "", False),
        ("plans/generated/acme.yaml", "", False),
        ("plans/vendor/acme.yaml", "", False),
        ("plans/acme.yaml", "version: 1\n", False),
    ],
)
def test_github_s_generated_files_are_told_by_linguist_s_rules(
    name: str, text: str, hidden: bool
) -> None:
    from cs_align.linguist import generated

    assert (generated(name, text) is not None) is hidden
