"""A newcomer on a fresh clone and the tools downstream of cs-align: what the CI formats
name, `cs-align explain` explains (review user63)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke

ALIGNED = str(EXAMPLES / "delight-aligned.yaml")
MISALIGNED = str(EXAMPLES / "delight-fedex-misaligned.yaml")
GUARDED = (
    "--max-budget-increase",
    "1%",
    "--max-budget-decrease",
    "1%",
    "--max-total",
    "1",
    "--no-verdict-regression",
)


def _ids_shown(invoke: Invoke, tmp_path) -> set[str]:  # type: ignore[no-untyped-def]
    """Every rule id a CI reader meets in SARIF (`ruleId`), in GitHub annotations (`title=`)
    and in JUnit (a guardrail's case name), over a diff that trips every guardrail it can,
    one that fails on new warnings alone, and a plan that cannot be read."""
    (tmp_path / "broken.yaml").write_text("version: 1\norganisation: X\n", encoding="utf-8")
    (tmp_path / "base.yaml").write_text(Path(ALIGNED).read_text(encoding="utf-8"))
    (tmp_path / "plan.yaml").write_text(Path(MISALIGNED).read_text(encoding="utf-8"))
    (tmp_path / "new-warnings.yaml").write_text("guardrails: {no_new_errors: false}\n")
    runs = [
        ("diff", "base.yaml", "plan.yaml", *GUARDED),
        ("diff", "base.yaml", "plan.yaml", "--config", "new-warnings.yaml", "--fail-on", "warning"),
        ("check", "broken.yaml"),
    ]
    shown: set[str] = set()
    for run in runs:
        sarif = json.loads(invoke(*run, "-f", "sarif", cwd=tmp_path).out)
        shown |= {r["ruleId"] for r in sarif["runs"][0]["results"]}
        github = invoke(*run, "-f", "github", cwd=tmp_path).out
        shown |= set(re.findall(r",title=(?:waived )?([^:]+)::", github))
        junit = ET.fromstring(invoke(*run, "-f", "junit", cwd=tmp_path).out)
        shown |= {
            c.get("name", "") for c in junit.iter("testcase") if c.get("classname") == "guardrails"
        }
    return shown


def test_every_id_a_ci_format_names_is_one_explain_explains(invoke: Invoke, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Code scanning shows `guardrail/max_total`, an annotation `guardrail max_total`, a JUnit
    report a `max_total` case under `guardrails`, a broken plan `input-error`: a reader
    asking `cs-align explain` about any of them was told "unknown rule", and the list it was
    sent to had none of them. Now each is explained, with the flag or setting that sets it,
    and the list names them."""
    shown = _ids_shown(invoke, tmp_path)
    expected = {
        "guardrail/max_total",
        "guardrail max_total",
        "max_total",
        "guardrail/no_verdict_regression",
        "guardrail/max_budget_decrease",
        "guardrail/no_new_errors",
        "fail-on",
        "fail_on",
        "input-error",
    }
    assert expected <= shown, shown
    for rule_id in sorted(shown):
        result = invoke("explain", rule_id)
        assert result.code == 0, (rule_id, result.err)
        assert "unknown" not in result.out, rule_id
    told = invoke("explain", "guardrail max_total").out
    assert told.startswith("guardrail/max_total — "), told
    assert "--max-total" in told and "guardrails.max_total" in told, told
    assert "exit 2" in invoke("explain", "input-error").out
    assert "--fail-on" in invoke("explain", "fail_on").out
    listed = invoke("explain").out
    for rule_id in (
        "input-error",
        "fail-on",
        "guardrail/max_budget_increase",
        "guardrail/resilience",
    ):
        assert re.search(rf"^{re.escape(rule_id)} ", listed, re.M), listed


@pytest.mark.parametrize(
    ("asked", "meant"),
    [
        ("guardrail/max_totl", "guardrail/max_total"),
        ("max-budget-increase", "guardrail/max_budget_increase"),
        ("guardrail max-total", "guardrail/max_total"),
    ],
)
def test_a_guardrail_asked_about_as_its_flag_or_misspelt_is_found(
    invoke: Invoke, asked: str, meant: str
) -> None:
    """The flag's spelling is the guardrail (`--max-budget-increase` is `max_budget_increase`);
    a slip is told the id meant."""
    result = invoke("explain", asked)
    if result.code == 0:
        assert result.out.startswith(f"{meant} — "), result.out
    else:
        assert result.code == 2 and f"did you mean '{meant}'" in result.err, result.err


def test_sarif_describes_a_guardrail_as_explain_does(invoke: Invoke, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The SARIF rule's help is the text `explain` prints: one description of each, so the
    code-scanning page says what the guardrail limits, not only that one tripped."""
    sarif = json.loads(invoke("diff", ALIGNED, MISALIGNED, *GUARDED, "-f", "sarif").out)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    help_text = rules["guardrail/max_total"]["help"]["text"]
    assert "--max-total" in help_text, help_text
    assert " ".join(help_text.split()[:6]) in " ".join(
        invoke("explain", "guardrail/max_total").out.split()
    )


def test_every_guardrail_the_config_reads_is_explained(invoke: Invoke) -> None:
    """A guardrail added to the config is one `explain` knows and SARIF describes."""
    from cs_align.config import GUARDRAILS
    from cs_align.reporters import sarif
    from cs_align.rules import RUN_RESULTS

    assert {f"guardrail/{name}" for name in GUARDRAILS} | {sarif.INPUT_ERROR, sarif.FAIL_ON} == set(
        RUN_RESULTS
    )
    for name in GUARDRAILS:
        assert invoke("explain", f"guardrail/{name}").code == 0, name


def test_the_readme_lists_every_schema_the_command_prints(invoke: Invoke) -> None:
    """The README's `cs-align schema [...]` row left out `config` (`check --show-config -f
    json`), which `cs-align schema --help` offers: a CI author reading the README could not
    find the schema of the settings a run used. Now the row lists every name the command
    takes, and each prints a schema."""
    from cs_align.outputschema import OUTPUTS

    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    row = re.search(r"`cs-align schema \[([^\]]+)\]`", readme)
    assert row is not None
    listed = row[1].split("\\|")
    assert listed == ["plan", "strategy-file", "waivers", *OUTPUTS]
    for name in listed:
        result = invoke("schema", name)
        assert result.code == 0 and '"$schema"' in result.out, name


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (("check", "plan.yaml", "-f", "html"), "`cs-align report PLAN -o report.html`"),
        (("check", "plan.yaml", "-f", "pdf"), "`cs-align report PLAN -o report.html`"),
        (("promise", "plan.yaml", "-f", "csv"), "`cs-align whatif PLAN -f csv`"),
        (("whatif", "plan.yaml", "-f", "sarif"), "`cs-align check PLAN -f sarif`"),
        (("check", "plan.yaml", "-f", "diff"), "`cs-align fix PLAN -f diff`"),
        (("fix", "plan.yaml", "-f", "markdown"), "`cs-align report PLAN -o report.md`"),
        (("check", "plan.yaml", "-f", "txt"), "did you mean table?"),
        (("check", "plan.yaml", "-f", "XML"), "did you mean junit?"),
    ],
)
def test_a_format_another_command_writes_is_told_which_one(
    invoke: Invoke, tmp_path, args: tuple[str, ...], told: str
) -> None:  # type: ignore[no-untyped-def]
    """`check -f html` was told only the formats check writes, though `-o report.html` is told
    `report` writes one; `-f txt` and `-f xml` were not told that `-o out.txt` is the table
    and `-o out.xml` JUnit. Now each names the command (or the format) that writes it."""
    (tmp_path / "plan.yaml").write_text(Path(ALIGNED).read_text(encoding="utf-8"))
    result = invoke(*args, cwd=tmp_path)
    assert result.code == 2, result.out
    assert told in result.err, result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "path", [(), ("check",), ("staff",), ("strategies",), ("strategies", "show"), ("init",)]
)
def test_dash_h_is_help_as_a_newcomer_types_it(invoke: Invoke, path: tuple[str, ...]) -> None:
    """`cs-align -h` and `cs-align check -h` were "No such option: -h", exit 2. Now `-h` is
    `--help`, in every command (the flag is added; `--help` stays)."""
    short, long = invoke(*path, "-h"), invoke(*path, "--help")
    assert short.code == 0, short.err
    assert short.out == long.out and "-h, --help" in short.out
    slip = invoke(*path, "--no-such-flag")
    assert slip.code == 2 and "--help' for help." in slip.err, slip.err  # the hint as before


def test_whatif_takes_md_as_check_and_diff_do(invoke: Invoke, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`check -f md` and `diff -f md` are Markdown (`report` calls it md); `whatif -f md` was
    exit 2, "did you mean markdown?". Now it is the Markdown `-f markdown` prints."""
    (tmp_path / "plan.yaml").write_text(Path(ALIGNED).read_text(encoding="utf-8"))
    short = invoke("whatif", "plan.yaml", "-f", "md", "--vary", "volume=+10%", cwd=tmp_path)
    long = invoke("whatif", "plan.yaml", "-f", "markdown", "--vary", "volume=+10%", cwd=tmp_path)
    assert short.code == long.code == 0, short.err
    assert short.out == long.out and short.out.startswith("### What if: plan.yaml")


def test_explain_on_a_plan_says_a_guardrail_judges_a_change(invoke: Invoke) -> None:
    """`explain guardrail/max_total --plan PLAN` said "PLAN: guardrail/max_total holds", as if
    a check had passed it; a guardrail is judged by `diff` alone."""
    told = invoke("explain", "guardrail max_total", "--plan", ALIGNED).out
    assert "judges a change: `cs-align diff BASE " in told and " holds" not in told, told
