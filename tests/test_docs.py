"""The documentation is what the code says: README's YAML loads as what it claims to be,
and docs/rules.md is what `cs-align explain --markdown` generates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from cs_align.cli import app
from cs_align.commands.info import plan_schema
from cs_align.config import load_config
from cs_align.loader import parse_plan
from cs_align.plan import Plan
from cs_align.strategy import load_strategy
from cs_align.yamlsafe import load_text
from tests.conftest import GOOD, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```yaml\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)


def _kind(block: str) -> str:
    if re.search(r"^version: 1$", block, flags=re.MULTILINE):
        return "plan"
    if block.startswith("# part of a plan"):
        return "fragment"
    if block.startswith("# .cs-align.yaml"):
        return "settings"
    if block.startswith("# .github/workflows/"):
        return "workflow"
    return "strategy" if re.search(r"^rules:", block, flags=re.MULTILINE) else "unknown"


def test_readme_shows_a_plan_a_mix_a_strategy_and_settings() -> None:
    kinds = [_kind(b) for b in BLOCKS]
    assert "unknown" not in kinds, kinds
    assert kinds.count("plan") >= 2 and {"strategy", "settings", "workflow"} <= set(kinds)
    mixes = [b for b in BLOCKS if _kind(b) == "plan" and "primary:" in b]
    assert mixes and all(k in mixes[0] for k in ("by_segment:", "by_channel:"))


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_yaml_blocks_load_as_what_they_are(index: int, tmp_path: Path) -> None:
    block = BLOCKS[index]
    kind = _kind(block)
    if kind == "plan":
        data = load_text(block, "README.md").data
        validator = Draft202012Validator(json.loads(plan_schema()))
        assert [e.message for e in validator.iter_errors(data)] == []
        parse_plan(block, "README.md")
    elif kind == "fragment":  # keys that replace those of a full plan
        data = {**load_text(GOOD, "plan.yaml").data, **load_text(block, "README.md").data}
        validator = Draft202012Validator(json.loads(plan_schema()))
        assert [e.message for e in validator.iter_errors(data)] == []
        Plan.model_validate(data)
    elif kind == "strategy":
        path = tmp_path / "ours.yaml"
        path.write_text(block, encoding="utf-8")
        assert load_strategy(path).rules
    elif kind == "settings":
        path = tmp_path / ".cs-align.yaml"
        path.write_text(block, encoding="utf-8")
        (tmp_path / "plans").mkdir()
        load_config(path)
    else:  # GitHub reads workflows as YAML 1.1 (`on:`), as PyYAML does
        assert yaml.safe_load(block)["jobs"]["gate"]["steps"]


def test_readme_mix_is_checked_by_each_of_its_strategies() -> None:
    from cs_align.engine import CheckOptions, assess

    mix = next(b for b in BLOCKS if "primary:" in b)
    report = assess(parse_plan(mix, "README.md"), CheckOptions())
    assert report.strategy == "fast-food + extraordinary-trust + engagement"


def test_docs_rules_md_is_what_explain_generates() -> None:
    result = CliRunner().invoke(app, ["explain", "--markdown"])
    assert result.exit_code == 0
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert result.stdout == committed, (
        "docs/rules.md is stale: run `cs-align explain --markdown > docs/rules.md`"
    )


PLANNING = re.findall(
    r"^```console\n\$ (cs-align (?:whatif|fix) [^\n]*)\n(.*?)^```",
    README.split("## Plan, don't just check", 1)[1],
    flags=re.MULTILINE | re.DOTALL,
)


def test_readme_shows_whatif_and_fix_with_their_real_output() -> None:
    assert {command.split()[1] for command, _ in PLANNING} == {"whatif", "fix"}


@pytest.mark.parametrize(("command", "shown"), PLANNING, ids=[c for c, _ in PLANNING])
def test_readme_planning_examples_print_what_the_readme_shows(
    command: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, command.split()[1:])
    assert result.exit_code in (0, 1), result.stdout
    assert result.stdout == shown, f"README's `{command}` output is stale: paste the new one"
