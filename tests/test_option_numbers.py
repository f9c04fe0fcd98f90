"""Numbers on the command line are spelt as a plan spells them (review user45 U08):
`--peak-factor 1e9` was "'1e9' is not a number" where a plan's `peak_factor: 1e9` is a
number above the largest peak factor; `1.3e0`, `+1.3`, `3e-1` and `1_000` were refused by
the options where a plan reads them as numbers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cs_align.scenarios import parse_value
from tests.conftest import GOOD, Invoke

QUEUE = ("staff", "--volume", "100/30m", "--aht", "3m", "-f", "json")


def _figures(invoke: Invoke, *args: str) -> dict[str, Any]:
    result = invoke(*QUEUE, *args)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def test_a_peak_factor_past_the_largest_is_told_so_with_what_to_write(invoke: Invoke) -> None:
    result = invoke(*QUEUE, "--peak-factor", "1e9")
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.strip() == (
        "cs-align: --peak-factor '1e9': 1000000000 is above 20, the largest peak factor "
        "— write a number from 1 to 20, e.g. 1.3"
    )
    low = invoke(*QUEUE, "--peak-factor", "5e-1")
    assert low.code == 2 and "0.5 is below 1, the smallest peak factor" in low.err


def test_a_plan_s_peak_factor_past_the_largest_is_told_the_same(invoke: Invoke, plan_file) -> None:
    plan = GOOD.replace("    agents: 16.2\n", "    agents: 16.2\n    peak_factor: 1e9\n", 1)
    assert plan != GOOD
    result = invoke("check", str(plan_file(plan)))
    assert result.code == 2
    assert "peak_factor: 1000000000 is above 20, the largest peak factor — write a number " in (
        result.err
    ), result.err


@pytest.mark.parametrize(
    ("option", "plain", "spelt"),
    [
        ("--peak-factor", "1.3", "1.3e0"),
        ("--peak-factor", "1.3", "+1.3"),
        ("--peak-factor", "1.3", "13e-1"),
        ("--shrinkage", "30%", "3e-1"),
        ("--max-occupancy", "85%", "8.5e-1"),
        ("--agents", "14", "1.4e1"),
        ("--agents", "14", "1_4"),
        ("--concurrency", "2", "2e0"),
    ],
)
def test_an_option_takes_a_number_as_a_plan_spells_it(
    invoke: Invoke, option: str, plain: str, spelt: str
) -> None:
    assert _figures(invoke, option, spelt) == _figures(invoke, option, plain)


def test_abandonment_max_takes_a_number_as_a_plan_spells_it(invoke: Invoke) -> None:
    patient = ("--patience", "90s")
    assert _figures(invoke, *patient, "--abandonment-max", "5e-2") == _figures(
        invoke, *patient, "--abandonment-max", "5%"
    )


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (("--agents", "20.5"), "--agents '20.5' is not a whole number — write a whole number"),
        (
            ("--concurrency", "25"),
            "--concurrency '25': 25 is above 20, the most chats per agent — write a whole "
            "number from 1 to 20, e.g. 3",
        ),
        (("--agents", "0"), "--agents '0': 0 is below 1 — write a whole number from 1 to"),
        (("--agents", "1e30"), "is above 1,000,000,000, the most agents"),
        (("--agents", "042"), "`042` has a leading zero"),  # as a plan refuses it
        (("--peak-factor", "1e400"), "`1e400` is out of range — write a realistic figure"),
        (("--shrinkage", "3e1"), "30 is not a share (a bare number must be a fraction from 0"),
    ],
)
def test_a_number_an_option_cannot_take_is_told_in_the_house_style(
    invoke: Invoke, args: tuple[str, ...], told: str
) -> None:
    result = invoke(*QUEUE, *args)
    assert result.code == 2 and told in result.err, result.err
    assert "Traceback" not in result.err and "Usage:" not in result.err


@pytest.mark.parametrize(
    ("key", "spelt", "plain"),
    [
        ("agents", "1.2e2", "120"),
        ("agents", "1_000", "1000"),
        ("volume", "+1e1%", "+10%"),
        ("shrinkage", "+5e0pt", "+5pt"),
    ],
)
def test_a_vary_value_takes_a_number_as_a_plan_spells_it(key: str, spelt: str, plain: str) -> None:
    assert parse_value(key, spelt) == parse_value(key, plain)


def test_whatif_names_a_spelt_number_as_the_figure(invoke: Invoke, plan_file) -> None:
    result = invoke("whatif", str(plan_file(GOOD)), "--vary", "agents=1.2e2")
    assert result.code in (0, 1) and "agents 120 " in result.out, result.err


# ---- guardrail amounts ----------------------------------------------------------------------
# A guardrail's amount is read as a plan reads one: `max_budget_decrease: 5e4` in a config
# and `--max-budget-decrease 5e4` were "'5E+4' is not an amount" where a plan's `total: 5e4`
# is 50,000. The cut below: tooling 82,800 → 22,800 USD, the total 1,540,241 → 1,480,241:
# 60,000 USD (3.9%) less, 10,000 over a limit of 50,000.

CUT = GOOD.replace("total: 1540241", "total: 1480241").replace("tooling: 82800", "tooling: 22800")
OVER_LIMIT = "the limit is 50,000 USD, over by 10,000 USD"


def _diff(invoke: Invoke, tmp_path: Any, *args: str, env: dict[str, str] | None = None) -> Any:
    (tmp_path / "base.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "cut.yaml").write_text(CUT, encoding="utf-8")
    return invoke("diff", "base.yaml", "cut.yaml", *args, cwd=tmp_path, env=env)


@pytest.mark.parametrize("written", ["5e4", "5.0e4", "+5e4", "50e3", "5_0e3", "50k"])
def test_a_guardrail_amount_on_the_command_line_is_read_as_a_plan_reads_it(
    invoke: Invoke, tmp_path: Any, written: str
) -> None:
    result = _diff(invoke, tmp_path, "--max-budget-decrease", written)
    assert result.code == 1, result.err
    assert OVER_LIMIT in result.out
    warned = _diff(invoke, tmp_path, "--max-budget-decrease", f"{written}:warn")
    assert warned.code == 0 and OVER_LIMIT in warned.out, warned.err


@pytest.mark.parametrize(
    "setting", ["max_budget_decrease: 5e4", "max_budget_decrease: {value: 5e4, action: block}"]
)
def test_a_guardrail_amount_in_a_config_is_read_as_a_plan_reads_it(
    invoke: Invoke, tmp_path: Any, setting: str
) -> None:
    (tmp_path / ".cs-align.yaml").write_text(f"guardrails:\n  {setting}\n", encoding="utf-8")
    result = _diff(invoke, tmp_path)
    assert result.code == 1, result.err
    assert OVER_LIMIT in result.out


def test_a_guardrail_amount_in_the_environment_is_read_as_a_plan_reads_it(
    invoke: Invoke, tmp_path: Any
) -> None:
    result = _diff(invoke, tmp_path, env={"CS_ALIGN_MAX_BUDGET_DECREASE": "5e4"})
    assert result.code == 1, result.err
    assert OVER_LIMIT in result.out


def test_a_guardrail_share_and_a_refused_number_as_a_plan_reads_them(
    invoke: Invoke, tmp_path: Any
) -> None:
    # 3e0% is 3%: 3% of 1,540,241 = 46,207.23 USD, exceeded by 60,000 − 46,207.23 =
    # 13,792.77 USD.
    result = _diff(invoke, tmp_path, "--max-budget-decrease", "3e0%")
    assert result.code == 1, result.err
    assert "the limit is 46,207.23 USD (3%), over by 13,792.77 USD" in result.out
    huge = _diff(invoke, tmp_path, "--max-budget-decrease", "1e400")
    assert huge.code == 2 and "Traceback" not in huge.err
    assert "`1e400` is out of range" in huge.err
    (tmp_path / ".cs-align.yaml").write_text(
        "guardrails:\n  max_budget_decrease: -5e4\n", encoding="utf-8"
    )
    negative = _diff(invoke, tmp_path)
    assert negative.code == 2
    assert ".cs-align.yaml:2:24:" in negative.err and "-50000 is negative" in negative.err


def test_a_guardrail_amount_is_exact() -> None:
    from decimal import Decimal

    from cs_align.config import parse_limit

    limit = parse_limit("1.0000000000000001e5:warn")
    assert limit is not None and limit.value == Decimal("100000.00000000001")
    assert limit.action == "warn"
    share = parse_limit("1.1e-1%")
    assert share is not None and share.value == Decimal("0.0011") and share.share


@pytest.mark.parametrize(
    ("flag", "value", "told"),
    [
        ("--shrinkage", "0.3%", "write 30% (or 0.003 if you mean 0.3%)"),
        ("--max-occupancy", "0.85%", "almost surely 85% written as a fraction"),
        ("--target", "0.8% in 20s", 'write "80% in 20s"'),
    ],
)
def test_a_share_under_one_percent_is_asked_about_as_a_plan_asks(
    invoke: Invoke, flag: str, value: str, told: str
) -> None:
    """`staff --shrinkage 0.3%` sized with no shrinkage to speak of (review user55)."""
    args = {"--target": "80% in 20s", flag: value}
    flat = [part for pair in args.items() for part in pair]
    result = invoke("staff", "--volume", "120/30m", "--aht", "3m", *flat)
    assert result.code == 2, result.out
    assert f"{flag} {value!r}: " in result.err and told in result.err


def test_whatif_asks_about_a_shrinkage_under_one_percent_as_a_plan_does(invoke: Invoke) -> None:
    """`--vary shrinkage=0.8%` ran a scenario of no shrinkage to speak of, exit 0, where the
    plan's own `shrinkage: 0.8%` is asked about (review user55)."""
    result = invoke("whatif", "examples/delight-aligned.yaml", "--vary", "shrinkage=0.8%")
    assert result.code == 2
    assert "almost surely 80% written as a fraction" in result.err
    assert "write shrinkage=80%" in result.err
    assert invoke("whatif", "examples/delight-aligned.yaml", "--vary", "shrinkage=8%").code == 0


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (
            ("staff", "--volume", "1,200/30m", "--aht", "3m"),
            "cs-align: --volume '1,200/30m': 1,200 is written with a thousands comma "
            "— write 1200/30m, without the comma",
        ),
        (
            (*QUEUE, "--agents", "1,200"),
            "cs-align: --agents '1,200': 1,200 is written with a thousands comma "
            "— write 1200, without the comma",
        ),
        (
            ("diff", "a.yaml", "a.yaml", "--max-budget-increase", "50,000.50"),
            "cs-align: --max-budget-increase '50,000.50': 50,000.50 is written with a "
            "thousands comma — write 50000.50, without the comma",
        ),
    ],
    ids=["volume", "agents", "guardrail"],
)
def test_a_thousands_comma_in_an_option_is_named(
    invoke: Invoke, tmp_path: Any, args: tuple[str, ...], told: str
) -> None:
    """`staff --agents 1,200` was "'1,200' is not a whole number" and `--volume 1,200/30m`
    "is not contacts per interval", the comma unnamed (review user58); a plan's `62,000`
    is told its commas. Every numeric option now names it and writes the figure without."""
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    result = invoke(*args, cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.strip() == told


def test_a_vary_list_still_parts_at_commas(invoke: Invoke, plan_file) -> None:
    """The control: --vary lists values at commas (`agents=100,120` is two stresses)."""
    result = invoke("whatif", str(plan_file(GOOD)), "--vary", "agents=100,120", "-f", "json")
    assert result.code in (0, 1), result.err
    assert "thousands comma" not in result.err
