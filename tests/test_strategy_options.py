"""A consultant's strategy file: a share threshold is written as a plan's shares are (`5%`
or 0.05), a bare number past 1 is asked about, and an option of the wrong type is told what
to write, at the option's line and column (review author59)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cs_align.errors import StrategyError
from cs_align.strategy import load_strategy
from tests.conftest import GOOD, Invoke


def options_of(tmp_path: Path, entry: str) -> dict[str, object]:
    path = tmp_path / "ours.yaml"
    path.write_text(f"id: ours\nname: Ours\nextends: delight\nrules:\n  - {{{entry}}}\n")
    rule = entry.split(",")[0].split(":")[1].strip()
    (enabled,) = [r for r in load_strategy(path).rules if r.id == rule]
    return dict(enabled.options.model_dump())


def refused(tmp_path: Path, entry: str) -> tuple[int, int, str, str]:
    path = tmp_path / "ours.yaml"
    path.write_text(f"id: ours\nname: Ours\nextends: delight\nrules:\n  - {{{entry}}}\n")
    with pytest.raises(StrategyError) as caught:
        load_strategy(path)
    (problem,) = caught.value.problems
    return problem.line, problem.column, problem.message, problem.fix


@pytest.mark.parametrize(
    ("entry", "option", "share"),
    [
        ("rule: goodwill-budget, min_share: 5%", "min_share", "0.05"),
        ("rule: no-overspend, max_surplus: 25%", "max_surplus", "0.25"),
        ("rule: no-overspend, max_goodwill_share: 1%", "max_goodwill_share", "0.01"),
        ("rule: budget-funds-targets, tolerance: 2%", "tolerance", "0.02"),
        ("rule: people-line-funds-staff, tolerance: 2.5%", "tolerance", "0.025"),
        ("rule: cost-pace, max_cut: 15%", "max_cut", "0.15"),
        ("rule: cost-pace, min_cut: -5%", "min_cut", "-0.05"),
        ("rule: best-tier-served-better, min_lead: 50%", "min_lead", "0.5"),
        ("rule: human-line-limited, max_human_fte_share: 40%", "max_human_fte_share", "0.4"),
        ("rule: goodwill-budget, min_share: 0.05", "min_share", "0.05"),
    ],
)
def test_a_share_option_is_written_as_a_percentage_or_a_fraction(
    tmp_path: Path, entry: str, option: str, share: str
) -> None:
    # It was "goodwill-budget: Input should be a valid decimal" for `min_share: 5%`.
    from decimal import Decimal

    assert options_of(tmp_path, entry)[option] == Decimal(share)


@pytest.mark.parametrize(
    ("entry", "column", "said", "fix"),
    [
        # 2,500% of surplus bounded nothing: the plan passed with any overstaffing.
        ("rule: no-overspend, max_surplus: 25", 39, "max_surplus 25", "write 25% or 0.25"),
        ("rule: budget-funds-targets, tolerance: 2", 45, "tolerance 2", "write 2% or 0.02"),
        ("rule: people-line-funds-staff, tolerance: 5", 48, "tolerance 5", "write 5% or 0.05"),
        ("rule: no-overspend, max_goodwill_share: 5", 46, "max_goodwill_share 5", "write 5%"),
        ("rule: goodwill-budget, min_share: 5", 40, "min_share 5", "write 5% or 0.05"),
        ("rule: best-tier-served-better, min_lead: 50", 47, "min_lead 50", "write 50%"),
        ("rule: cost-pace, min_cut: -5", 32, "min_cut -5", "write -5% or -0.05"),
    ],
)
def test_a_share_option_written_without_its_percent_sign_is_asked_about(
    tmp_path: Path, entry: str, column: int, said: str, fix: str
) -> None:
    line, col, message, written = refused(tmp_path, entry)
    assert (line, col) == (5, column)  # the option's value
    assert f"{said} is not a share (a bare number must be a fraction from 0 to 1)" in message
    assert written.startswith(fix)


@pytest.mark.parametrize(
    ("entry", "message", "fix"),
    [
        (
            "rule: training-hours, min_hours: lots",
            "training-hours: min_hours 'lots' is not a number",
            "write a number, e.g. 40 (see `cs-align explain training-hours`)",
        ),
        (
            "rule: goodwill-budget, min_share: true",
            "goodwill-budget: min_share true is not a number",
            "write a number, e.g. 0.01",
        ),
        (
            "rule: training-hours, class_size: 1.5",
            "training-hours: class_size 1.5 is not a whole number",
            "write a whole number, e.g. 12",
        ),
        # Review schema59: a switch written yes, off or 1, and a count written true, were
        # taken (as on, off, on and 1 rep), where a plan's own switches are refused so.
        (
            "rule: training-hours, funded: 'yes'",
            "training-hours: funded 'yes' is not true or false",
            "write true or false (see `cs-align explain training-hours`)",
        ),
        (
            "rule: public-channel, require_staffed: 'off'",
            "public-channel: require_staffed 'off' is not true or false",
            "write true or false (see",
        ),
        (
            "rule: reps-can-fix, require_escalation: 1",
            "reps-can-fix: require_escalation 1 is not true or false",
            "write true or false (see",
        ),
        (
            "rule: training-hours, class_size: true",
            "training-hours: class_size true is not a whole number",
            "write a whole number, e.g. 12",
        ),
        (
            "rule: chat-concurrency, max_concurrency: false",
            "chat-concurrency: max_concurrency false is not a whole number",
            "write a whole number, e.g. 3",
        ),
        # Review schema59: text no plan figure takes was read as a number: `'1e2'` as 100
        # hours, `'.5'` as half the budget.
        (
            "rule: training-hours, min_hours: '1e2'",
            "training-hours: min_hours '1e2' is not a number",
            "write a number, e.g. 40 (see `cs-align explain training-hours`)",
        ),
        (
            "rule: goodwill-budget, min_share: '.5'",
            "goodwill-budget: min_share '.5' is not a number",
            "write a number, e.g. 0.01",
        ),
        (
            "rule: training-hours, class_size: '12.0'",
            "training-hours: class_size '12.0' is not a whole number",
            "write a whole number, e.g. 12",
        ),
        (
            "rule: training-hours, funded: maybe",
            "training-hours: funded 'maybe' is not true or false",
            "write true or false (see",
        ),
        (
            "rule: no-throughput-rewards, throughput: handle_time",
            "no-throughput-rewards: throughput 'handle_time' is not a list",
            "write a list (see",
        ),
    ],
)
def test_an_option_of_the_wrong_type_says_which_and_what_to_write(
    tmp_path: Path, entry: str, message: str, fix: str
) -> None:
    # It was "training-hours: Input should be a valid decimal — see `cs-align explain …`".
    line, _, said, written = refused(tmp_path, entry)
    assert line == 5
    assert said == message
    assert written.startswith(fix)


@pytest.mark.parametrize(
    ("entry", "option", "value"),
    [
        ("rule: training-hours, min_hours: '1_200'", "min_hours", "1200"),
        ("rule: training-hours, class_size: ' 8 '", "class_size", "8"),
        ("rule: goodwill-budget, min_share: '0.05'", "min_share", "0.05"),
        ("rule: cost-pace, min_cut: '-5%'", "min_cut", "-0.05"),
    ],
)
def test_an_option_written_as_text_a_plan_takes_is_read(
    tmp_path: Path, entry: str, option: str, value: str
) -> None:
    assert str(options_of(tmp_path, entry)[option]) == value


def test_check_exits_2_on_a_share_written_as_a_whole_number(
    tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: no-overspend, max_surplus: 25}\n"
    )
    (tmp_path / "plan.yaml").write_text(GOOD.replace("strategy: delight", "strategy: ours.yaml"))
    result = invoke("check", str(tmp_path / "plan.yaml"))
    assert result.code == 2
    assert "ours.yaml:5:39: no-overspend: max_surplus 25 is not a share" in result.err
    assert "write 25% or 0.25" in result.err


def test_explain_with_a_plan_shows_how_its_own_strategy_sets_the_rule(
    tmp_path: Path, invoke: Invoke
) -> None:
    # `explain training-hours --plan` listed the built-ins' floors and the finding, never the
    # consultant's own min_hours and source; of a rule the strategy does not check it said
    # "holds (or does not apply to its strategy)".
    (tmp_path / ".git").mkdir()
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        '  - {rule: training-hours, min_hours: 160, source: "our onboarding study, 2026"}\n'
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD.replace("strategy: delight", "strategy: ours.yaml"))
    out = invoke("explain", "training-hours", "--plan", str(plan)).out
    assert (
        "In this plan's strategy ours.yaml (extends delight): warning  min_hours=160, funded=true\n"
        "  source (ours): our onboarding study, 2026\n"
    ) in out
    assert "this strategy needs at least 160" in out
    out = invoke("explain", "no-overspend", "--plan", str(plan)).out
    assert out.endswith(
        "plan.yaml: its strategy ours.yaml (extends delight) does not check no-overspend.\n"
    )
    out = invoke("explain", "no-scripts", "--plan", str(plan)).out
    assert "In this plan's strategy ours.yaml (extends delight): error  (default options)\n" in out
    assert out.endswith("plan.yaml: no-scripts holds.\n")


def test_extends_names_one_strategy_and_a_list_is_told_so(tmp_path: Path) -> None:
    # It was "extends: expected text — write text, quoted if it could be read as a number".
    path = tmp_path / "ours.yaml"
    path.write_text("id: ours\nname: Ours\nextends: [genius, delight]\nrules: []\n")
    with pytest.raises(StrategyError) as caught:
        load_strategy(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 10)
    assert problem.message == "extends: a strategy extends one strategy, not a list of them"
    assert problem.fix == (
        "write `extends: genius` and add the rules you want from the others to this file's `rules:`"
    )


def test_a_metric_bound_is_listed_with_its_unit(invoke: Invoke, tmp_path: Path) -> None:
    """Review outputs60: `strategies show` and `explain metric` listed a metric's bounds as
    stored, `min=0.25` of a shrinkage written `25%`, `max=1` of a wait written `1s`, and bare
    FTE and hours; they are now listed as the findings write them (JSON keeps the numbers)."""
    ours = tmp_path / "ours.yaml"
    ours.write_text(
        "id: ours\nname: Ours\nrules:\n"
        "  - {rule: metric, metric: occupancy, max: 85%}\n"
        "  - {rule: metric, metric: asa, max: 20s}\n"
        "  - {rule: metric, metric: planned_fte, min: 2}\n"
        "  - {rule: metric, metric: training_hours_per_agent, min: 1200}\n",
        encoding="utf-8",
    )
    shown = invoke("strategies", "show", str(ours)).out
    for line in (
        "(metric=occupancy, max=85%)",
        "(metric=asa, max=20s)",
        "(metric=planned_fte, min=2 FTE)",
        "(metric=training_hours_per_agent, min=1,200 hours a year)",
    ):
        assert line in shown, shown
    data = json.loads(invoke("strategies", "show", str(ours), "-f", "json").out)
    assert data["rules"][0]["max"] in ("0.85", 0.85)
    explained = invoke("explain", "metric").out
    assert "delight              warning  metric=shrinkage, min=25%" in explained


@pytest.mark.parametrize(
    ("entry", "option", "said"),
    [
        ("{rule: metric, metric: occupancy, max: 85}", "85", "metric: max 85 is not a share"),
        ("{rule: metric, metric: asa, max: 20 parsecs}", "20 parsecs", "metric: max '20 parsecs'"),
        (
            "{rule: metric, metric: planned_fte, max: 1, min: 5}",
            "5",
            "metric: min 5 is above max 1",
        ),
        ("{rule: metric, metric: ocupancy, max: 5%}", "ocupancy", "unknown metric 'ocupancy'"),
        (
            "{rule: metric, metric: planned_fte, max: 1, currency: USD}",
            "USD",
            "metric: planned_fte is no amount of money (FTE)",
        ),
    ],
)
def test_a_metric_bound_is_refused_at_the_option_it_is_about(
    tmp_path: Path, invoke: Invoke, entry: str, option: str, said: str
) -> None:
    """Review outputs60: a metric entry's own checks (a share written 85, a wait in parsecs,
    min above max, a currency on FTE) were told at the entry's first column, `ours.yaml:4:5`,
    and a misspelt metric as "max '5%' is not a number"; each is told at the option."""
    line = f"  - {entry}"
    (tmp_path / "ours.yaml").write_text(
        f"id: ours\nname: Ours\nextends: delight\nrules:\n{line}\n", encoding="utf-8"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD.replace("strategy: delight", "strategy: ours.yaml"), encoding="utf-8")
    result = invoke("check", str(plan))
    column = line.rindex(option) + 1
    assert result.code == 2 and f"ours.yaml:5:{column}: " in result.err, result.err
    assert said in result.err
