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
