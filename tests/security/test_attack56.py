"""Review attack56: gate levers a pull request pulled, found by the red team."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.security.conftest import ALIGNED
from tests.security.test_fix51g_gate import Cli

# ---- (d) hours and config limits written with a dot between thousands --------------------


@pytest.mark.parametrize(
    ("written", "asked"),
    [
        (
            "paid_hours_per_fte: 1.800/year",
            "staffing.paid_hours_per_fte: 1.800/year has three decimals: is the dot between "
            "thousands? — write 1800/year for 1,800 hours a year, or 1.8/year for 1.8",
        ),
        (
            "paid_hours_per_fte: 1.800",
            "write 1800 for 1,800 hours a year, or 1.8 for 1.8",
        ),
        (
            "paid_hours_per_fte: '1.750 / year'",
            "write 1750/year for 1,750 hours a year, or 1.75/year for 1.75",
        ),
        (
            "training_hours_per_agent: 1.200",
            "staffing.training_hours_per_agent: 1.200 has three decimals: is the dot between "
            "thousands? — write 1200 for 1,200 training hours a year, or 1.2 for 1.2",
        ),
    ],
)
def test_hours_written_with_a_dot_between_thousands_are_asked(
    repo: Repo, cli: Cli, written: str, asked: str
) -> None:
    """1.800/year was read as 1.8 paid hours a year (so 120 training hours were 'more than
    the 2 hours an FTE is paid for'), and 1.200 training hours as 1.2 (a warning only)."""
    key = written.split(":")[0]
    line = next(x for x in ALIGNED.splitlines() if x.strip().startswith(key + ":"))
    repo.write("plans/acme.yaml", ALIGNED.replace(line, "  " + written))
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.out
    assert "plans/acme.yaml:" in result.err and asked in result.err, result.err


@pytest.mark.parametrize(
    "written",
    [
        "paid_hours_per_fte: 40.000/week",  # 40,000 hours a week is no reading
        "paid_hours_per_fte: 1800.000/year",
        "paid_hours_per_fte: 1.80/year",
        "training_hours_per_agent: 120.000",
        "training_hours_per_agent: 0.000",
    ],
)
def test_hours_with_no_thousands_to_mistake_are_read(repo: Repo, cli: Cli, written: str) -> None:
    key = written.split(":")[0]
    line = next(x for x in ALIGNED.splitlines() if x.strip().startswith(key + ":"))
    repo.write("plans/acme.yaml", ALIGNED.replace(line, "  " + written))
    result = cli("check", "plans/acme.yaml")
    assert "three decimals" not in result.err, result.err


@pytest.mark.parametrize(
    ("config", "asked"),
    [
        (
            "guardrails:\n  max_budget_decrease: 50.000\n",
            ".cs-align.yaml:2:24: guardrails.max_budget_decrease: 50.000 has three decimals: "
            "is the dot between thousands? — write 50000 for 50,000, or 50 for 50",
        ),
        (
            "guardrails:\n  max_total: '1.600:warn'\n",
            "guardrails.max_total: 1.600 has three decimals: is the dot between thousands? "
            "— write 1600 for 1,600, or 1.6 for 1.6",
        ),
        (
            "guardrails:\n  max_budget_increase: {value: 25.000, action: warn}\n",
            "write 25000 for 25,000, or 25 for 25",
        ),
    ],
)
def test_config_money_limits_written_with_a_dot_between_thousands_are_asked(
    repo: Repo, cli: Cli, config: str, asked: str
) -> None:
    """A decrease limit of 50.000 was read as 50 (any cut past 50 blocked), a max_total of
    1.600 as 1.6: asked as a plan's total: 38.000 is."""
    repo.write("plans/acme.yaml", ALIGNED)
    repo.write(".cs-align.yaml", config)
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.out
    assert asked in result.err, result.err


def test_a_limit_variable_with_a_dot_between_thousands_is_asked(repo: Repo, cli: Cli) -> None:
    repo.write("plans/acme.yaml", ALIGNED)
    result = cli("check", "plans/acme.yaml", env={"CS_ALIGN_MAX_TOTAL": "9.500"})
    assert result.code == 2
    assert "9.500 has three decimals: is the dot between thousands?" in result.err


@pytest.mark.parametrize("limit", ["50000.000", "50.00", "5%", "5.000%", "0.5k"])
def test_limits_with_no_thousands_to_mistake_are_read(repo: Repo, cli: Cli, limit: str) -> None:
    repo.write("plans/acme.yaml", ALIGNED)
    repo.write(".cs-align.yaml", f"guardrails:\n  max_budget_decrease: '{limit}'\n")
    result = cli("check", "plans/acme.yaml")
    assert result.code == 0, result.err
