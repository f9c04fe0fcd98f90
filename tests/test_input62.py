"""Review input62: a plan value written empty is refused, not read as the key left out; and
every command that judges one plan says what to type when it names none."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from cs_align.units import write_number
from tests.conftest import GOOD, Invoke, examples

EMPTY = "which would read as the key left out"


@pytest.mark.parametrize(
    ("written", "meant", "said"),
    [
        # Before: `abandonment_max: ~` read as no ceiling, and the plan passed (exit 0).
        (
            "abandonment_max: ~}",
            "abandonment_max: 8%}",
            "plan.yaml:17:60: channels[phone].target.abandonment_max: is empty, "
            f"{EMPTY} — write its value, e.g. `abandonment_max: 5%`, or remove the key",
        ),
        (
            "patience: null ",
            "patience: 2m ",
            "plan.yaml:18:15: channels[phone].patience: is empty, "
            f"{EMPTY} — write its value, e.g. `patience: 2m`, or remove the key",
        ),
        # Before: a channel's `agents: ~` read as pooled staff, and the plan passed.
        (
            "agents: ~\n  - id: email",
            "agents: 16.2\n  - id: email",
            "plan.yaml:19:13: channels[phone].agents: is empty",
        ),
        (
            "refund_authority:\n",
            "refund_authority: 200        # what a rep may spend to fix things without approval\n",
            "plan.yaml:41:20: staffing.refund_authority: is empty",
        ),
    ],
    ids=["abandonment-ceiling", "patience", "channel-agents", "refund-authority"],
)
def test_a_value_written_empty_is_told_at_its_place(
    invoke: Invoke, tmp_path: Path, written: str, meant: str, said: str
) -> None:
    assert meant in GOOD
    (tmp_path / "plan.yaml").write_text(GOOD.replace(meant, written, 1), encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err
    assert "Traceback" not in result.err


def test_a_budget_written_with_nothing_under_it_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    # Before: `budget:` alone was a plan with no budget: a "cannot be checked" finding, exit 1.
    # Column 8 is just after `budget:`, where its value belongs.
    head, _, _ = GOOD.partition("budget:\n")
    (tmp_path / "plan.yaml").write_text(head + "budget:\n", encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert "plan.yaml:47:8: budget: is empty" in result.err, result.err
    assert "e.g. `budget: {total: 2.6M, lines: {people: 2.4M}}`, or remove the key" in result.err


def test_an_empty_value_is_told_beside_the_plan_s_other_problems(
    invoke: Invoke, tmp_path: Path
) -> None:
    plan = GOOD.replace("abandonment_max: 8%", "abandonment_max: ~").replace(
        "kind: voice", "kind: vocie"
    )
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "plan.yaml:13:11: channels[phone].kind" in result.err
    assert "plan.yaml:17:60: channels[phone].target.abandonment_max: is empty" in result.err


def test_a_key_left_out_still_means_not_stated(invoke: Invoke, tmp_path: Path) -> None:
    plan = GOOD.replace(", abandonment_max: 8%}", "}")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    assert invoke("check", "plan.yaml", cwd=tmp_path).code != 2


def test_the_plan_schema_offers_no_empty_value(invoke: Invoke) -> None:
    """An editor checking against `cs-align schema` flags `abandonment_max: null` as the
    reader does: pydantic's schema allowed null in each optional field."""
    schema = json.loads(invoke("schema").out)
    validator = Draft202012Validator(schema)
    plan = {
        "version": 1,
        "organisation": "Acme",
        "currency": "USD",
        "strategy": "delight",
        "channels": [{"id": "phone", "kind": "voice", "target": {"abandonment_max": "8%"}}],
    }
    assert not list(validator.iter_errors(plan))
    plan["channels"][0]["target"]["abandonment_max"] = None  # type: ignore[index]
    assert list(validator.iter_errors(plan))
    plan["channels"][0]["target"] = {}  # type: ignore[index]
    plan["budget"] = None
    assert list(validator.iter_errors(plan))
    channel = schema["$defs"]["Channel"]["properties"]["handle_time"]
    assert channel["description"] == "Average handle time, talk plus wrap-up."


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("whatif",), "cs-align: whatif names no plan — write `cs-align whatif plan.yaml`"),
        (("fix",), "cs-align: fix names no plan — write `cs-align fix plan.yaml`"),
        (("promise",), "cs-align: promise names no plan — write `cs-align promise plan.yaml`"),
        (("whatif", "--grid"), "whatif names no plan"),
        (
            ("strategies", "show"),
            "cs-align: strategies show names no strategy — write `cs-align strategies show "
            "delight` (`cs-align strategies list` lists the ids)",
        ),
    ],
    ids=["whatif", "fix", "promise", "whatif-grid", "strategies-show"],
)
def test_a_command_that_names_no_plan_says_what_to_type(
    invoke: Invoke, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    # Before: click's "Usage: … Error: Missing argument 'PLAN'." where check, diff and
    # report say what to type.
    result = invoke(*args, cwd=tmp_path)
    assert result.code == 2
    assert said in result.err, result.err
    assert "Missing argument" not in result.err


@pytest.mark.parametrize(
    ("meant", "written", "said"),
    [
        # Before: "write 9 (the field's name says its unit: no 'k')": 9 contacts a month.
        (
            "contacts: 9000",
            "contacts: 9k",
            "plan.yaml:15:24: channels[phone].volume.contacts: '9k' is not a number — write "
            "9000 (9k is 9000; the figure is written out in digits)",
        ),
        ("contacts: 9000", "contacts: 1.2 million", "write 1200000 (1.2 million is 1200000;"),
        # Before: "write 2": two weeks of training are not two hours.
        (
            "training_hours_per_agent: 120",
            "training_hours_per_agent: 2 weeks",
            "plan.yaml:38:29: staffing.training_hours_per_agent: '2 weeks' is not a number — "
            "write the figure alone, in the unit the field's name says: 2 weeks is not 2",
        ),
        (
            "leadership_service_hours_per_month: 4",
            "leadership_service_hours_per_month: 30m",
            "30m is not 30",
        ),
        # Before: "write 0 (the field's name says its unit: no 'x10')".
        (
            "agents: 16.2",
            "agents: 0x10",
            "plan.yaml:19:13: channels[phone].agents: '0x10' is not a number — write 16 "
            "(figures are read in decimal digits: 0x10 is 16)",
        ),
        # The field's own unit is still dropped, as before.
        (
            "agents: 16.2",
            "agents: 16.2 FTE",
            "write 16.2 (the field's name says its unit: no 'FTE')",
        ),
        ("training_hours_per_agent: 120", "training_hours_per_agent: 120h", "write 120 ("),
    ],
    ids=["thousand", "million", "weeks", "minutes", "hex", "fte", "hours"],
)
def test_a_figure_with_a_word_is_told_the_figure_it_means(
    invoke: Invoke, tmp_path: Path, meant: str, written: str, said: str
) -> None:
    assert meant in GOOD
    (tmp_path / "plan.yaml").write_text(GOOD.replace(meant, written, 1), encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


SCALES = {"k": 3, "K": 3, "thousand": 3, "M": 6, "million": 6, "B": 9, "bn": 9, "billion": 9}


@settings(max_examples=examples(100))
@given(
    whole=st.integers(min_value=1, max_value=999),
    tenths=st.integers(min_value=0, max_value=9),
    word=st.sampled_from(sorted(SCALES)),
    blank=st.sampled_from(["", " "]),
)
def test_a_scaled_figure_is_told_its_exact_value(
    whole: int, tenths: int, word: str, blank: str
) -> None:
    """Whatever the scale, the figure the fix names is the one written, scaled exactly: never
    the bare number before the word."""
    number = f"{whole}.{tenths}" if tenths else str(whole)
    fix = write_number(f"{number}{blank}{word}")
    value = Decimal(number).scaleb(SCALES[word])
    assert fix is not None and fix.startswith(f"write {value:f} ("), fix


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # Before: "'2 weeks' is not a duration — write e.g. 20s, 7m30s, 4h, 2d or PT20S".
        ("2 weeks", "'2 weeks' is not a duration — write 14d (a week is 7 days)"),
        ("1.5 wk", "write 10.5d (a week is 7 days)"),  # 1.5 × 7 = 10.5 days
        ("1W", "write 7d (a week is 7 days)"),
        ("60 weeks", "write at most a year in days, e.g. 365d; check the unit"),  # 420 days
        ("1 month", "write the days meant, e.g. 30d (months differ in length)"),
    ],
    ids=["weeks", "decimal", "letter", "past-a-year", "month"],
)
def test_a_target_in_weeks_or_months_is_told_it_in_days(
    invoke: Invoke, tmp_path: Path, written: str, said: str
) -> None:
    meant = "first_response: 4 business hours"
    assert meant in GOOD
    plan = GOOD.replace(meant, f"first_response: {written}")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert f"plan.yaml:25:30: channels[email].target.first_response: '{written}'" in result.err
    assert said in result.err, result.err


@pytest.mark.parametrize(
    ("meant", "written", "said"),
    [
        # Before: "write e.g. 20s, 7m30s, 4h, 2d or PT20S", no word of the full-width ６.
        (
            "handle_time: 6m",
            "handle_time: ６m",
            "plan.yaml:16:18: channels[phone].handle_time: '６m' is not a duration — write 6m "
            "('６' (U+FF16) is not a digit 0-9)",
        ),
        (
            "loaded_cost_per_fte: 62000",
            "loaded_cost_per_fte: ６２０００",
            "write 62000 ('６' (U+FF16) is not a digit 0-9)",
        ),
        # Before: "write e.g. 80% or 0.8" for a full-width percent sign.
        (
            "abandonment_max: 8%",
            "abandonment_max: 8％",
            "write 8% ('％' (U+FF05) is not the sign %)",
        ),
        # Arabic-Indic digits, which NFKC leaves as they are, are told as 0-9 too.
        ("agents: 16.2", "agents: ١٦.٢", "write 16.2 ('١' (U+0661) is not a digit 0-9)"),
    ],
    ids=["duration", "money", "percent-sign", "arabic-indic"],
)
def test_a_look_alike_digit_or_percent_sign_is_named_with_the_figure_meant(
    invoke: Invoke, tmp_path: Path, meant: str, written: str, said: str
) -> None:
    assert meant in GOOD
    (tmp_path / "plan.yaml").write_text(GOOD.replace(meant, written, 1), encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # Before: "'5％' is not an amount — write an amount such as 6200000 …".
        (
            ("--max-budget-increase", "5％"),
            "cs-align: --max-budget-increase '5％': '％' (U+FF05) is not the sign % — write 5%",
        ),
        # Before: "write the number with the digits 0-9", not the number.
        (("--max-total", "１.５M"), "'１' (U+FF11) is not a digit 0-9 — write 1.5M"),
    ],
    ids=["percent-sign", "digits"],
)
def test_a_guardrail_flag_with_look_alike_characters_is_told_the_limit_meant(
    invoke: Invoke, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    (tmp_path / "base.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    result = invoke("diff", "base.yaml", "plan.yaml", *args, cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err
