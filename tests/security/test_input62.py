"""Review input62: a setting written empty, in a config, is refused rather than switched
off; a setting or option not known, in a config or a strategy file, is told at its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOOD, Invoke


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        # `acton` is column 36, its value `warn` column 43 (where it was told).
        (
            ".cs-align.yaml",
            "guardrails:\n  max_budget_increase: {value: 5%, acton: warn}\n",
            ".cs-align.yaml:2:36: guardrails.max_budget_increase.acton: a limit has no "
            "setting 'acton' — did you mean 'action'?",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  max_budget_increase:\n    value: 5%\n    acton: warn\n",
            ".cs-align.yaml:4:5: guardrails.max_budget_increase.acton: a limit has no setting",
        ),
        (
            "pyproject.toml",
            '[tool.cs-align.guardrails]\nmax_total = {value = "2M", acton = "warn"}\n',
            "pyproject.toml:2:28: guardrails.max_total.acton: a limit has no setting 'acton'",
        ),
        # The resilience guardrail's, which also named the stresses alone ("name one of
        # volume, aht, …") for a misspelt action.
        (
            ".cs-align.yaml",
            "guardrails:\n  resilience: {volume: +10%, acton: warn}\n",
            ".cs-align.yaml:2:30: guardrails.resilience.acton: resilience has no setting "
            "'acton' — did you mean 'action'?",
        ),
    ],
    ids=["flow", "block", "toml", "resilience"],
)
def test_a_setting_not_known_is_told_at_its_name(
    invoke: Invoke, tmp_path: Path, name: str, text: str, said: str
) -> None:
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


def test_a_strategy_option_not_known_is_told_at_its_name(invoke: Invoke, tmp_path: Path) -> None:
    # `min_hourz` is column 28 (its `160` column 39); `colour` column 56 (`red` 64).
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: training-hours, min_hourz: 160}\n"
        "  - {rule: metric, metric: cost_per_contact, max: 4.5, colour: red}\n",
        encoding="utf-8",
    )
    plan = GOOD.replace("strategy: delight", "strategy: ours.yaml")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert (
        "ours.yaml:5:28: rule 'training-hours' has no option 'min_hourz' — did you mean "
        "'min_hours'?" in result.err
    ), result.err
    assert "ours.yaml:6:56: rule 'metric' has no option 'colour'" in result.err, result.err


RAISED = GOOD.replace("total: 1540241", "total: 1640241").replace(
    "tooling: 82800", "tooling: 182800"
)
"""The aligned example with its total raised by 100,000 USD: 6.49% of 1,540,241."""


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        # Before: `max_budget_increase:` with its figure lost (`${LIMIT}` unset, say) was no
        # guardrail, and the raise passed: exit 0.
        (
            "guardrails:\n  max_budget_increase:\n",
            ".cs-align.yaml:2:23: guardrails.max_budget_increase: is empty, which would read "
            "as the key left out — write its value, e.g. `max_budget_increase: 5%`, or "
            "remove the key",
        ),
        ("guardrails:\n  max_total: ~\n", ".cs-align.yaml:2:14: guardrails.max_total: is empty"),
        ("fail_on: null\n", ".cs-align.yaml:1:10: fail_on: is empty"),
    ],
    ids=["increase", "total", "fail-on"],
)
def test_a_setting_written_empty_is_refused_not_switched_off(
    invoke: Invoke, tmp_path: Path, settings: str, said: str
) -> None:
    (tmp_path / "base.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(RAISED, encoding="utf-8")
    (tmp_path / ".cs-align.yaml").write_text(settings, encoding="utf-8")
    result = invoke("diff", "base.yaml", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


def test_a_key_not_known_and_empty_is_told_once(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "w.yaml").write_text(
        "waivers:\n  - {rule: training-hours, path: staffing, reason: the new course starts "
        "in March, owner: a.b@example.com, expires: 2027-01-01, note: ~}\n",
        encoding="utf-8",
    )
    result = invoke("check", "plan.yaml", "--waivers", "w.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "unknown key 'note' in waivers[0]" in result.err, result.err
    assert "is empty" not in result.err


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (
            ".cs-align.yaml",
            "fail_on: error\nwaivers:\n  - {rule: training-hours, path: staffing, reason: "
            "the new course starts in March, owner: a.b@example.com, expires: 2027-01-01}\n",
            ".cs-align.yaml:3:5: waivers[0]: a config's `waivers` names waiver files, and this "
            "is a waiver — put the waiver in a file that starts with `waivers:` (or in the "
            "plan's `waivers:`) and name that file here, e.g. waivers: [waivers.yaml]",
        ),
        (
            "pyproject.toml",
            '[[tool.cs-align.waivers]]\nrule = "training-hours"\npath = "staffing"\n',
            "pyproject.toml:1:1: waivers[0]: a config's `waivers` names waiver files, and this "
            "is a waiver — put the waiver in a file that starts with `waivers:` (or in the "
            'plan\'s `waivers:`) and name that file here, e.g. waivers = ["waivers.yaml"]',
        ),
    ],
    ids=["yaml", "toml-array-of-tables"],
)
def test_a_waiver_written_in_a_config_is_told_where_it_belongs(
    invoke: Invoke, tmp_path: Path, name: str, text: str, said: str
) -> None:
    # Before: "waivers[0]: expected text — write text, quoted if it could be read as a number".
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


@pytest.mark.parametrize(
    ("args", "settings", "said"),
    [
        # Before: "--max-total '1.5M:WARN': action 'WARN' is not warn or block", exit 2.
        (("--max-total", "1.5M:WARN"), "", "⚠️ 1 guardrail warning"),
        (("--max-total", "1.5M : warn"), "", "⚠️ 1 guardrail warning"),
        (("--max-total", "1.5M:Block"), "", "❌ blocked by max_total"),
        ((), "guardrails:\n  max_total: {value: 1.5M, action: Warn}\n", "⚠️ 1 guardrail warning"),
        ((), "guardrails:\n  resilience: {volume: +300%, action: WARN}\n", "guardrail warning"),
    ],
    ids=["flag-upper", "flag-blanks", "flag-block", "config", "resilience"],
)
def test_a_guardrail_action_is_read_in_any_case(
    invoke: Invoke, tmp_path: Path, args: tuple[str, ...], settings: str, said: str
) -> None:
    # The raise passes 1.5M by 140,241 USD (1,640,241 − 1,500,000).
    (tmp_path / "base.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(RAISED, encoding="utf-8")
    if settings:
        (tmp_path / ".cs-align.yaml").write_text(settings, encoding="utf-8")
    result = invoke("diff", "base.yaml", "plan.yaml", *args, cwd=tmp_path)
    assert result.code in (0, 1), result.out + result.err
    assert said in result.out, result.out


def test_an_action_not_warn_or_block_is_still_refused(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    result = invoke("diff", "plan.yaml", "plan.yaml", "--max-total", "1.5M:wran", cwd=tmp_path)
    assert result.code == 2
    assert "action 'wran' is not warn or block — write warn or block" in result.err
