"""Review attack56: gate levers a pull request pulled, found by the red team."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_fix51g_gate import Cli
from tests.security.test_money_moves import _edit

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


# ---- (c) a strategy entry read over the rule it inherits, not alone -------------------------

OWN = (
    "id: ours\nname: Ours\nextends: delight\nrules:\n"
    "  - {rule: metric, metric: shrinkage, severity: error}\n"
    "  - {rule: training-hours, min_hours: 100}\n"
    "  - {rule: answer-speed, live: 80% in 20s}\n"
    "  - {rule: goodwill-budget, min_share: 0.01}\n"
)


def _own_edited(repo: Repo, cli: Cli, *edits: tuple[str, str], own: str = OWN) -> str:
    plan = ALIGNED.replace("strategy: delight", "strategy: strategies/ours.yaml")
    on_main(repo, {"plans/acme.yaml": plan, "plans/strategies/ours.yaml": own})
    repo.write("plans/strategies/ours.yaml", _edit(own, *edits))
    return policy_notes(cli)


@pytest.mark.parametrize(
    "edits",
    [
        (("min_share: 0.01", 'min_share: "0.0100"'),),
        (("min_hours: 100", 'min_hours: "100.00"'),),
        (("live: 80% in 20s", "live: 80.0% in 20.0s"),),
        (
            ("  - {rule: metric, metric: shrinkage, severity: error}\n", ""),
            (
                "min_share: 0.01}",
                "min_share: 0.010}\n  - {metric: shrinkage, rule: metric, severity: error}",
            ),
        ),
    ],
)
def test_an_entry_overriding_some_options_rewritten_alike_is_no_policy_change(
    repo: Repo, cli: Cli, edits: tuple[tuple[str, str], ...]
) -> None:
    """The metric entry raises only the severity of delight's shrinkage bound: read alone it
    had no bound, so the whole file was unreadable and any rewrite of it "changed"."""
    assert _own_edited(repo, cli, *edits) == ""


@pytest.mark.parametrize(
    "edit",
    [
        ("min_hours: 100}", "min_hours: 100, funded: false}"),  # delight's funded: true dropped
        ("live: 80% in 20s}", "live: 80% in 20s, written: null}"),  # delight's e-mail bar gone
        ("metric: shrinkage, severity: error}", "metric: shrinkage, severity: error, min: 0}"),
        ("metric: shrinkage, severity: error}", "metric: shrinkage}"),
    ],
)
def test_an_entry_that_writes_an_option_it_inherited_is_a_policy_change(
    repo: Repo, cli: Cli, edit: tuple[str, str]
) -> None:
    """`funded: false` and `written: null` are the options' defaults, so the entry read alone
    said the same with or without them: the weakened file went unreported, and once merged
    judged every plan (training unfunded, e-mail answered in 3 days, no finding)."""
    # Without the metric entry, which read alone made any edit of the file a change.
    own = OWN.replace("  - {rule: metric, metric: shrinkage, severity: error}\n", "")
    notes = _own_edited(repo, cli, edit, own=own if "shrinkage" not in edit[0] else OWN)
    assert "plans/strategies/ours.yaml changed" in notes, notes
