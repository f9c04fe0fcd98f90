"""The CI gate as a pipeline uses it: diff, guardrails, formats, waivers, config, hooks."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from cs_align.reporters import FORMATS
from tests.conftest import EXAMPLES, GOOD, ROOT, Invoke, Repo, Result

Cli = Callable[..., Result]
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.json").read_text())
BASE = str(EXAMPLES / "delight-aligned.yaml")
CUT = str(EXAMPLES / "delight-fedex-misaligned.yaml")


def grown(plan_file, factor: str = "1.1"):  # type: ignore[no-untyped-def]
    """The good plan with a bigger training line and total (a harmless proposal)."""
    text = GOOD.replace("total: 1540241", "total: 1694265").replace(
        "training: 149040", "training: 303064"
    )
    return plan_file(text, "grown.yaml")


def validate_sarif(text: str) -> dict[str, object]:
    log: dict[str, object] = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def test_cut_below_the_promise_fails_with_a_one_line_reason(invoke: Invoke) -> None:
    result = invoke("diff", BASE, CUT, "-f", "markdown")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == "<!-- cs-align-report -->"
    assert lines[1].startswith("❌ **blocked** by no_new_errors")
    assert "hang up; the ceiling is 8%" in lines[1] or "needs" in lines[1]
    assert "| phone | 80% in 20s, abandonment at most 8% | 16.2 → 4.0 (13.8) |" in result.out
    # abandonment-max, staffing-meets-targets, occupancy-cap, and the 12.2 FTE the cut leaves
    # on no channel (agents-on-channels).
    assert "<details><summary>findings: 4 new" in result.out


def test_a_budget_grown_from_nothing_is_over_any_share_limit(invoke: Invoke, plan_file) -> None:
    # Review input31 F05: a base that states a zero total (or no budget) was read as a new
    # plan, so a 5% limit only warned about 0 → 1,540,241 and the diff passed, where one cent
    # in the base blocked. A new plan is still reported, not blocked (nothing to compare).
    zero = GOOD.replace("total: 1540241", "total: 0").replace(
        "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
        "lines: {people: 0}",
    )
    base = str(plan_file(zero, "zero.yaml"))
    result = invoke("diff", base, BASE, "--max-budget-increase", "5%")
    assert result.code == 1, result.out
    assert result.out.startswith(
        "❌ blocked by max_budget_increase: budget total grows from 0 to 1,540,241 USD: more "
        "than a 5% limit allows on a plan the base has"
    )


def test_a_new_plans_budget_is_reported_not_blocked_by_a_share(repo: Repo, cli: Cli) -> None:
    # Nothing at the base to take a share of: a 5% limit warns (the organisation's totals and
    # max_total still judge it).
    repo.write("plans/other.yaml", GOOD.replace("Example Delight Co", "Other Org"))
    repo.commit("a new organisation's plan")
    result = cli("diff", "--base-ref", "main", "plans/other.yaml", "--max-budget-increase", "5%")
    assert (
        "warn  max_budget_increase: budget total grows from 0 to 1,540,241 USD (a new plan); a "
        "5% limit cannot apply to it, so it is reported, not blocked" in result.out
    ), result.out


def test_harmless_proposal_passes(invoke: Invoke, plan_file) -> None:
    result = invoke("diff", BASE, str(grown(plan_file)), "-f", "json")
    assert result.code == 0, result.out
    data = json.loads(result.out)["diff"]
    total = data["budget"][-1]
    assert total["name"] == "total" and total["delta"] == "154024"
    assert data["verdict"] == {"before": "aligned", "after": "aligned"}
    assert data["blocked"] is False


@pytest.mark.parametrize(
    ("flags", "code", "fragment"),
    [
        (["--max-budget-increase", "5%"], 1, "increases by 154,024 USD (10%); the limit is"),
        (["--max-budget-increase", "5%:warn"], 0, "max_budget_increase"),
        (["--max-budget-increase", "200k"], 0, None),
        (["--max-total", "1.6M"], 1, "above the cap of 1,600,000 USD by 94,265 USD"),
    ],
)
def test_budget_guardrails(
    invoke: Invoke, plan_file, flags: list[str], code: int, fragment: str | None
) -> None:
    result = invoke("diff", BASE, str(grown(plan_file)), *flags)
    assert result.code == code
    if fragment:
        assert fragment in result.out


def test_budget_decrease_guardrail(invoke: Invoke, plan_file) -> None:
    result = invoke("diff", str(grown(plan_file)), BASE, "--max-budget-decrease", "3%")
    assert result.code == 1 and "decreases by 154,024 USD" in result.out


def test_verdict_regression_guardrail(invoke: Invoke, plan_file) -> None:
    text = GOOD.replace("training_hours_per_agent: 120", "training_hours_per_agent: 60")
    worse = plan_file(text, "worse.yaml")
    assert invoke("diff", BASE, str(worse)).code == 0  # a new warning only
    result = invoke("diff", BASE, str(worse), "--no-verdict-regression")
    assert result.code == 1 and "aligned → at-risk" in result.out


def test_bad_guardrail_value_is_exit_2(invoke: Invoke) -> None:
    result = invoke("diff", BASE, CUT, "--max-budget-increase", "five")
    assert result.code == 2 and "--max-budget-increase" in result.err


def lax(tmp_path: Path) -> str:
    """A config with the no_new_errors guardrail off."""
    config = tmp_path / "lax.yaml"
    config.write_text("guardrails:\n  no_new_errors: false\n")
    return str(config)


FIRST_NEW_ERROR = (
    "2 new errors, first: abandonment-max: phone: with the planned agents 61.2% of callers "
    "are expected to hang up; the ceiling is 8%"
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_new_errors_that_no_guardrail_blocks_still_say_why_the_diff_fails(
    invoke: Invoke, tmp_path: Path, fmt: str
) -> None:
    result = invoke("diff", BASE, CUT, "--config", lax(tmp_path), "-f", fmt)
    assert result.code == 1
    out = result.out
    reason = f"--fail-on error: {FIRST_NEW_ERROR}"
    if fmt == "table":
        assert out.splitlines()[0] == f"❌ blocked by {reason}"
        assert f"  block {reason}" in out.splitlines()
    elif fmt == "markdown":
        assert out.splitlines()[1] == f"❌ **blocked** by {reason}"
        assert f"- **block** `--fail-on error`: {FIRST_NEW_ERROR}" in out.splitlines()
    elif fmt == "json":
        diff = json.loads(out)["diff"]
        assert diff["blocked"] is True and diff["fail_on"] == "error"
        assert diff["failing_reasons"] == [
            {
                "kind": "findings",
                "name": "--fail-on error",
                "message": FIRST_NEW_ERROR,
                "file": "examples/delight-fedex-misaligned.yaml",
                "line": 17,
                "column": 60,
            }
        ]
    elif fmt == "sarif":
        results = validate_sarif(out)["runs"][0]["results"]  # type: ignore[index]
        [failing] = [r for r in results if r["ruleId"] == "fail-on"]
        assert failing["level"] == "error" and FIRST_NEW_ERROR in failing["message"]["text"]
    elif fmt == "junit":
        guardrails = ET.fromstring(out).find("testsuite[@name='guardrails']")
        assert guardrails is not None and guardrails.get("failures") == "1"
        failure = guardrails.find("testcase[@name='fail_on']/failure")
        assert failure is not None and failure.text == reason
    else:
        assert f"title=blocked by --fail-on error::{FIRST_NEW_ERROR}" in out.replace("%25", "%")


@pytest.mark.parametrize(
    ("plan", "flags", "code"),
    [
        ("cut", ["--config", "lax"], 1),
        ("cut", [], 1),
        ("cut", ["--fail-on", "warning"], 1),
        ("cut", ["--config", "lax", "--fail-on", "warning"], 1),
        ("fewer", ["--fail-on", "warning"], 1),
        ("fewer", [], 0),
        ("fewer", ["--fail-on", "info"], 1),
        ("grown", ["--max-budget-increase", "5%"], 1),
        ("grown", ["--max-budget-increase", "5%:warn"], 0),
    ],
)
def test_the_headline_and_blocked_agree_with_the_exit_code(
    invoke: Invoke, tmp_path: Path, plan_file, plan: str, flags: list[str], code: int
) -> None:
    fewer = GOOD.replace("training_hours_per_agent: 120", "training_hours_per_agent: 60")
    plans = {"cut": CUT, "fewer": str(plan_file(fewer, "fewer.yaml"))}
    plans["grown"] = str(grown(plan_file))
    args = ["diff", BASE, plans[plan], *[lax(tmp_path) if f == "lax" else f for f in flags]]
    table = invoke(*args)
    data = json.loads(invoke(*args, "-f", "json").out)["diff"]
    assert table.code == code
    assert data["blocked"] is bool(code) and bool(data["failing_reasons"]) is bool(code)
    assert table.out.startswith("❌ blocked by ") is bool(code)
    assert ("passes" in table.out.splitlines()[0]) is not bool(code)
    if code and "--fail-on" in flags and plan == "fewer":
        level = flags[flags.index("--fail-on") + 1]
        assert table.out.startswith(f"❌ blocked by --fail-on {level}: 1 new warning, first: ")


def test_diff_against_a_git_ref(invoke: Invoke, tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "plan.yaml"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=tmp_path, check=True)
    plan.write_text(Path(CUT).read_text())
    result = invoke("diff", "--base-ref", "HEAD", str(plan), "-f", "json")
    assert result.code == 1
    assert json.loads(result.out)["diff"]["base"]["path"] == "HEAD:plan.yaml"
    missing = invoke("diff", "--base-ref", "no-such-ref", str(plan))
    assert missing.code == 2 and "no-such-ref" in missing.err


def test_sarif_validates_against_the_official_schema(invoke: Invoke, plan_file) -> None:
    check = validate_sarif(invoke("check", CUT, str(EXAMPLES), "-f", "sarif").out)
    results = check["runs"][0]["results"]  # type: ignore[index]
    assert results and results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
    diff = validate_sarif(invoke("diff", BASE, CUT, "-f", "sarif").out)
    states = {r["baselineState"] for r in diff["runs"][0]["results"]}  # type: ignore[index]
    assert "new" in states


def test_diff_sarif_leaves_out_fixed_findings_and_names_repository_paths(
    repo: Repo, cli: Cli
) -> None:
    """Code scanning ignores baselineState: a fixed finding was an alert at `HEAD:path`
    (review out29 R5). The proposal fixes the base's four findings and adds an error,
    which trips no_new_errors."""
    repo.write("plans/acme.yaml", Path(CUT).read_text())
    repo.commit("cut")
    repo.write("plans/acme.yaml", GOOD.replace("uses_scripts: false", "uses_scripts: true"))
    log = validate_sarif(cli("diff", "--base-ref", "HEAD", "plans/acme.yaml", "-f", "sarif").out)
    results = [
        (
            r["ruleId"],
            r["baselineState"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        )
        for r in log["runs"][0]["results"]  # type: ignore[index]
    ]
    assert results == [
        ("no-scripts", "new", "plans/acme.yaml"),
        ("guardrail/no_new_errors", "new", "plans/acme.yaml"),
    ]


def test_junit_and_github_for_diff(invoke: Invoke) -> None:
    root = ET.fromstring(invoke("diff", BASE, CUT, "-f", "junit").out)
    guardrails = root.find("testsuite[@name='guardrails']")
    assert guardrails is not None and guardrails.find(".//failure") is not None
    annotations = invoke("diff", BASE, CUT, "-f", "github").out.splitlines()
    assert any(a.startswith("::error file=") and "staffing-meets-targets" in a for a in annotations)
    assert any("guardrail no_new_errors" in a for a in annotations)


def test_diff_junit_fails_exactly_when_the_diff_does(invoke: Invoke, plan_file) -> None:
    # Review input31 F11: an unchanged misaligned plan's diff passes (exit 0, ✅, JSON not
    # blocked, no ::error), but its JUnit failed the plan's cases for the findings the base
    # already had: test reporters showed "2 failed tests" on a passing pull request.
    same = str(plan_file(Path(CUT).read_text(encoding="utf-8").split("\n", 1)[1], "same.yaml"))
    result = invoke("diff", CUT, same, "-f", "junit")
    assert result.code == 0
    root = ET.fromstring(result.out)
    assert [s.get("failures") for s in root.iter("testsuite")] == ["0", "0"]
    case = list(root.iter("testsuite"))[1].find("testcase[@name='staffing-meets-targets']")
    assert case is not None and case.find("failure") is None
    out = case.find("system-out")
    assert out is not None and (out.text or "").startswith("unchanged from the base: ")
    cut = ET.fromstring(invoke("diff", BASE, CUT, "-f", "junit").out)  # new ones still fail
    assert cut.find(".//testcase[@name='staffing-meets-targets']/failure") is not None


def test_waiver_file_and_its_expiry(invoke: Invoke, tmp_path: Path, plan_file) -> None:
    plan = plan_file(GOOD.replace("uses_scripts: false", "uses_scripts: true"))
    waivers = tmp_path / "waivers.yaml"
    entry = (
        "waivers:\n  - rule: no-scripts\n    path: staffing.uses_scripts\n"
        "    reason: scripts stay until March\n    owner: ops\n    expires: {}\n"
    )
    waivers.write_text(entry.format(dt.date.today() + dt.timedelta(days=30)))
    assert invoke("check", str(plan), "--waivers", str(waivers)).code == 0
    waivers.write_text(entry.format("2020-01-01"))
    result = invoke("check", str(plan), "--waivers", str(waivers), "-f", "github")
    assert result.code == 1
    assert f"file={waivers},line=6" in result.out.replace("%3A", ":")


def waiver_file(tmp_path: Path, *waived: tuple[str, str], days: int = 60) -> Path:
    """A waiver file waiving each (rule, path) for ``days``; the first `rule:` is on line 2."""
    expires = dt.date.today() + dt.timedelta(days=days)
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n"
        + "".join(
            f"  - rule: {rule}\n    path: {path}\n    reason: phones move to chat\n"
            f"    owner: head-of-service\n    expires: {expires}\n"
            for rule, path in waived
        )
    )
    return waivers


def test_a_waivers_line_is_a_number_in_json(invoke: Invoke, tmp_path: Path) -> None:
    waivers = str(waiver_file(tmp_path, ("staffing-meets-targets", "channels[phone].target")))
    check = json.loads(invoke("check", CUT, "--waivers", waivers, "-f", "json").out)
    diff = json.loads(invoke("diff", BASE, CUT, "--waivers", waivers, "-f", "json").out)
    for findings in (check["plans"][0]["findings"], diff["diff"]["findings"]["new"]):
        [waived] = [f["waived"] for f in findings if "waived" in f]
        assert waived["line"] == 2 and type(waived["line"]) is int
        assert waived["file"] == waivers and waived["owner"] == "head-of-service"
    expires = dt.date.today() + dt.timedelta(days=30)
    comment = (
        '  # cs-align: waive occupancy-cap reason="two hires start next month" owner=ops '
        f"expires={expires}"
    )
    plan = tmp_path / "inline.yaml"
    plan.write_text(Path(CUT).read_text().replace("  - id: phone\n", f"  - id: phone{comment}\n"))
    found = json.loads(invoke("check", str(plan), "-f", "json").out)["plans"][0]["findings"]
    [waived] = [f["waived"] for f in found if "waived" in f]
    assert type(waived["line"]) is int and waived["line"] == next(
        f["line"] for f in found if f["rule"] == "occupancy-cap"
    )


def test_markdown_check_says_who_waived_what_and_which_waivers_matched_nothing(
    invoke: Invoke, tmp_path: Path
) -> None:
    expires = dt.date.today() + dt.timedelta(days=60)
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - rule: staffing-meets-targets\n    path: channels[phone].target\n"
        "    reason: phones move to <b>chat</b> | see *memo*\n    owner: '@cs-leads'\n"
        f"    expires: {expires}\n"
        "  - rule: no-scripts\n    path: staffing.uses_scripts\n"
        f"    reason: scripts stay until March\n    owner: ops\n    expires: {expires}\n"
    )
    out = invoke("check", CUT, "--waivers", str(waivers), "-f", "markdown").out
    [waived] = [line for line in out.splitlines() if line.startswith("- **waived**")]
    # As GitHub shows it: the waiver's text is text, not markup, and mentions no one.
    shown = MarkdownIt("commonmark").renderInline(waived)
    assert f"<em>waived by</em> @\u200bcs-leads until {expires}: " in shown
    assert shown.endswith("phones move to &lt;b&gt;chat&lt;/b&gt; | see *memo*")
    [unmatched] = [line for line in out.splitlines() if "unmatched waiver" in line]
    assert MarkdownIt("commonmark").renderInline(unmatched) == (
        f"- <em>unmatched waiver:</em> {waivers}:7: the waiver for no-scripts at "
        "staffing.uses_scripts matches no finding"
    )


def test_diff_shows_a_waived_finding_as_waived_not_as_a_new_error(
    invoke: Invoke, tmp_path: Path
) -> None:
    phone = ("staffing-meets-targets", "channels[phone].target")
    waivers = str(waiver_file(tmp_path, phone))
    expires = dt.date.today() + dt.timedelta(days=60)
    table = invoke("diff", BASE, CUT, "--waivers", waivers)
    assert table.code == 1  # abandonment-max is new and not waived
    assert table.out.startswith("❌ blocked by no_new_errors: 1 new error, first: abandonment-max")
    lines = table.out.splitlines()
    at = next(i for i, line in enumerate(lines) if "staffing-meets-targets:" in line)
    assert lines[at].split()[:2] == ["new", "waived"]
    assert (
        lines[at + 1].strip() == f"waived by head-of-service until {expires}: phones move to chat"
    )
    md = invoke("diff", BASE, CUT, "--waivers", waivers, "-f", "markdown").out
    assert "<summary>findings: 3 new, 0 worse, 0 fixed, 0 unchanged, 1 waived</summary>" in md
    [waived] = [line for line in md.splitlines() if "`staffing-meets-targets`" in line]
    assert waived.startswith("- **new, waived** ")
    assert waived.endswith(f"— *waived by* head-of-service until {expires}: phones move to chat")
    # With both new errors waived, only the new warnings are left (occupancy, and the FTE the
    # cut leaves on no channel): the diff passes.
    both = waiver_file(tmp_path, phone, ("abandonment-max", "channels[phone].target.*"))
    passing = invoke("diff", BASE, CUT, "--waivers", str(both), "-f", "markdown")
    assert passing.code == 0 and passing.out.splitlines()[1].startswith("⚠️ **passes**")
    assert "findings: 2 new, 0 worse, 0 fixed, 0 unchanged, 2 waived" in passing.out


def test_config_file_env_and_flags(invoke: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD.replace("training_hours_per_agent: 120", "training_hours_per_agent: 60"))
    assert invoke("check", str(plan), cwd=tmp_path).code == 0
    (tmp_path / ".cs-align.yaml").write_text("fail_on: warning\nformat: [json]\n")
    result = invoke("check", str(plan), cwd=tmp_path)
    assert result.code == 1 and result.out.startswith("{")
    env = {"CS_ALIGN_FAIL_ON": "error"}
    assert invoke("check", str(plan), cwd=tmp_path, env=env).code == 0
    flagged = invoke("check", str(plan), "--fail-on", "info", "-f", "table", cwd=tmp_path)
    assert flagged.code == 1 and "WARNING" not in flagged.out[:1]
    # The config's format is json: the settings are shown as JSON (see test_flags), each with
    # where it came from; -f table shows the table.
    shown = invoke("check", "--show-config", "--fail-on", "info", cwd=tmp_path, env=env).out
    settings = json.loads(shown)["settings"]
    assert settings["fail_on"] == {"value": "info", "source": "command line"}
    assert settings["format"] == {"value": ["json"], "source": ".cs-align.yaml"}
    table = invoke("check", "--show-config", "-f", "table", cwd=tmp_path, env=env).out
    assert "CS_ALIGN_FAIL_ON" in table.split("fail_on")[1].splitlines()[0]


def test_pyproject_config_is_found_from_a_subfolder(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cs-align]\nfail_on = "warning"\n')
    sub = tmp_path / "plans"
    sub.mkdir()
    shown = invoke("check", "--show-config", cwd=sub).out
    assert "warning" in shown and "[tool.cs-align]" in shown
    (tmp_path / "pyproject.toml").write_text('[tool.cs-align]\nfail_onn = "warning"\n')
    bad = invoke("check", "--show-config", cwd=sub)
    assert bad.code == 2 and "did you mean 'fail_on'" in bad.err


FORMAT_FIX = "write one of table, json, sarif, junit, markdown, github, as FORMAT or FORMAT:FILE"
PYPROJECT = '[project]\nname = "acme-plans"\n\n[tool.cs-align]\nfail-on = "error"\n'


@pytest.mark.parametrize(
    ("name", "text", "where", "says"),
    [
        (".cs-align.yaml", "fail_on: error\nformat: [json, xml]\n", "2:16", "format[1]: 'xml'"),
        (".cs-align.yaml", "format: xml\n", "1:9", "format: 'xml' is not an output format"),
        (".cs-align.yaml", "format: ['html:out.html']\n", "1:10", "format[0]: 'html'"),
        (".cs-align.yaml", "format: [':out.json']\n", "1:10", "format[0]: ''"),
        ("pyproject.toml", PYPROJECT + 'format = ["json", "xml"]\n', "6:19", "format[1]: 'xml'"),
        ("pyproject.toml", PYPROJECT + 'format = "xml"\n', "6:10", "format: 'xml'"),
        (
            "pyproject.toml",
            PYPROJECT + 'format = [\n  "json",  # for the bot\n  "xml:out.xml",\n]\n',
            "8:3",
            "format[1]: 'xml'",
        ),
    ],
    ids=[
        "yaml-list",
        "yaml-one",
        "yaml-file",
        "yaml-no-name",
        "toml-list",
        "toml-one",
        "toml-lines",
    ],
)
def test_a_bad_format_in_a_config_file_is_named_at_its_place(
    repo: Repo, cli: Cli, name: str, text: str, where: str, says: str
) -> None:
    (repo.root / ".cs-align.yaml").unlink()
    repo.write(name, text)
    for args in (("check", "plans/acme.yaml"), ("diff", "plans/acme.yaml", "plans/acme.yaml")):
        result = cli(*args)
        assert (result.code, result.out) == (2, "")
        assert result.err.startswith(f"{name}:{where}: {says}"), result.err
        assert "is not an output format — " + FORMAT_FIX in result.err


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        (
            ".cs-align.yaml",
            "strategy: delite\n",
            ".cs-align.yaml:1:11: unknown strategy 'delite' — did you mean 'delight'?",
        ),
        (
            ".cs-align.yaml",
            "waivers: [policy/none.yaml]\n",
            ".cs-align.yaml:1:11: waivers: waiver file 'policy/none.yaml' not found — check the "
            "path (relative to the config file)",
        ),
        (
            "pyproject.toml",
            PYPROJECT + 'waivers = "policy/waivers.yaml"\n',
            "pyproject.toml:6:11: waivers: expected a list — write "
            '["policy/waivers.yaml"] (a list, even of one item)',
        ),
        (  # the YAML spelling of the same mistake, told in YAML
            ".cs-align.yaml",
            "waivers: policy/waivers.yaml\n",
            ".cs-align.yaml:1:10: waivers: expected a list — write [policy/waivers.yaml] (a list, "
            "even of one item)",
        ),
        (
            "pyproject.toml",
            PYPROJECT + "\n[tool.cs-align.guardrails]\nmax_total = 'lots'\n",
            "pyproject.toml:8:13: guardrails.max_total: 'lots' is not an amount — write an "
            "amount such as 6200000, 6_200_000 or 6.2M",
        ),
        (
            "pyproject.toml",
            PYPROJECT + "ignore-waivers = 'maybe'\n",
            "pyproject.toml:6:18: ignore_waivers: expected true or false — write true or false "
            "(unquoted)",
        ),
        (
            "pyproject.toml",
            PYPROJECT + "fail_onn = 'warning'\n",
            "pyproject.toml:6:1: unknown key 'fail_onn' — did you mean 'fail_on'?",
        ),
    ],
    ids=[
        "yaml-strategy",
        "yaml-waivers",
        "toml-waivers",
        "yaml-waivers-bare",
        "toml-table",
        "toml-bool",
        "toml-key",
    ],
)
def test_every_config_error_names_its_place_and_what_to_write(
    repo: Repo, cli: Cli, name: str, text: str, error: str
) -> None:
    (repo.root / ".cs-align.yaml").unlink()
    repo.write(name, text)
    result = cli("check", "plans/acme.yaml")
    assert (result.code, result.err) == (2, error + "\n")


def test_a_bad_format_from_the_environment_names_the_variable(repo: Repo, cli: Cli) -> None:
    result = cli("check", "plans/acme.yaml", env={"CS_ALIGN_FORMAT": "json,xml"})
    assert result.code == 2
    assert "unknown format 'xml' (from environment CS_ALIGN_FORMAT)" in result.err


def test_one_format_needs_no_list_in_a_config_file(repo: Repo, cli: Cli) -> None:
    repo.write(".cs-align.yaml", "format: json\n")
    result = cli("check", "plans/acme.yaml")
    assert result.code == 0 and json.loads(result.out)["plans"][0]["verdict"] == "aligned"


def test_plans_only_skips_other_yaml(invoke: Invoke, tmp_path: Path) -> None:
    other = tmp_path / "ci.yaml"
    other.write_text("jobs: {}\n")
    assert invoke("check", "--plans-only", str(other)).code == 0
    assert invoke("check", str(other)).code == 2


OTHER_YAML = {
    "workflow.yml": "name: ci\non: push\njobs: {build: {runs-on: ubuntu-latest}}\n",
    "flag.yaml": "key: yes\n",
    "manifests.yaml": "a: 1\n---\nb: 2\n",
    "empty.yaml": "",
    "list.yaml": "- 1\n- 2\n",
    "mode.yaml": "mode: 0644\nwhen: 10:30\n",
    "cloudformation.yaml": "Resources:\n  X: !Ref Foo\n",
    "docker-compose.yml": 'version: "3.8"\nservices: {web: {image: nginx}}\n',
    "dependabot.yml": "version: 2\nupdates: []\n",
}


def test_the_hook_skips_the_yaml_a_repository_holds(invoke: Invoke, tmp_path: Path) -> None:
    # Review user17 U5: pre-commit passes every staged YAML file to `check --plans-only`,
    # which refused each of these (exit 2): a commit touching a workflow or a compose file
    # failed the hook. A plan among them is still checked, a broken one refused.
    names = []
    for name, text in OTHER_YAML.items():
        (tmp_path / name).write_text(text)
        names.append(str(tmp_path / name))
    assert invoke("check", "--plans-only", *names).code == 0
    (tmp_path / "plan.yaml").write_text(Path(CUT).read_text())
    result = invoke("check", "--plans-only", *names, str(tmp_path / "plan.yaml"))
    assert result.code == 1 and "staffing-meets-targets" in result.out
    (tmp_path / "broken.yaml").write_text("version: 1\norganisation: X\nchannels: nope\n")
    assert invoke("check", "--plans-only", *names, str(tmp_path / "broken.yaml")).code == 2


def test_pre_commit_hook_runs_through_try_repo(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("try-repo needs the project as a git checkout")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "plan.yaml").write_text(Path(CUT).read_text())
    (tmp_path / "other.yaml").write_text("jobs: {}\n")
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / ".cache"),
        # How the hook's environment is laid down, not what goes into it: its virtualenv
        # links the seed packages (pip, setuptools) from virtualenv's cache instead of
        # copying a thousand files, and pip installs cs-align and its dependencies without
        # byte-compiling them first (the hook compiles what it imports when it runs). pip
        # reads PIP_NO_COMPILE as the value of its `compile` setting: 0 is --no-compile.
        "VIRTUALENV_SYMLINK_APP_DATA": "1",
        "PIP_NO_COMPILE": "0",
    }
    proc = subprocess.run(
        [pre_commit, "try-repo", str(ROOT), "cs-align-check", "--all-files"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "staffing-meets-targets" in proc.stdout


def test_bad_settings_name_their_source(invoke: Invoke) -> None:
    result = invoke("check", BASE, env={"CS_ALIGN_FAIL_ON": "bogus"})
    assert result.code == 2 and "environment CS_ALIGN_FAIL_ON" in result.err
    result = invoke("diff", BASE, BASE, env={"CS_ALIGN_MAX_TOTAL": "abc"})
    assert result.code == 2 and "CS_ALIGN_MAX_TOTAL 'abc'" in result.err


@pytest.mark.parametrize(
    ("args", "env", "source"),
    [
        (["--fail-on", "severe"], {}, "command line"),
        ([], {"CS_ALIGN_FAIL_ON": "severe"}, "environment CS_ALIGN_FAIL_ON"),
    ],
)
def test_a_bad_fail_on_names_where_it_came_from(
    invoke: Invoke, args: list[str], env: dict[str, str], source: str, tmp_path: Path
) -> None:
    result = invoke("check", BASE, *args, cwd=tmp_path, env=env)
    assert result.code == 2
    assert f"fail_on 'severe' (from {source}) is not a severity" in result.err
    assert "use error, warning or info" in result.err


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("5 percent", "'5 percent' is not a limit — write a percentage as 5%"),
    ],
)
def test_a_guardrail_limit_in_words_is_told_how_to_write_it(
    tmp_path: Path, invoke: Invoke, written: str, said: str
) -> None:
    (tmp_path / ".cs-align.yaml").write_text(f"guardrails:\n  max_budget_increase: {written}\n")
    result = invoke("check", "--show-config", cwd=tmp_path)
    assert result.code == 2 and said in result.err


@pytest.mark.parametrize(
    "deleted",
    ["  rewarded_on: [handle_time]\n", "staffing:\n"],
    ids=["the-failing-line", "the-staffing-section"],
)
def test_deleting_the_line_that_fails_does_not_pass_the_gate(
    invoke: Invoke, tmp_path: Path, deleted: str
) -> None:
    # because-we-can makes throughput rewards an error; a change that deletes what reps are
    # rewarded on (or the whole staffing section) leaves the rule unchecked, not passed.
    text = (EXAMPLES / "because-we-can-misaligned.yaml").read_text(encoding="utf-8")
    if deleted == "staffing:\n":
        start = text.index(deleted)
        cut = text[:start] + text[text.index("\nbudget:", start) + 1 :]
    else:
        assert deleted in text
        cut = text.replace(deleted, "")
    plan = tmp_path / "plan.yaml"
    plan.write_text(cut, encoding="utf-8")
    result = invoke("check", str(plan), "-f", "json")
    assert result.code == 1, result.out
    findings = json.loads(result.out)["plans"][0]["findings"]
    rewards = [
        (f["severity"], f["message"], f["path"])
        for f in findings
        if f["rule"] == "no-throughput-rewards"
    ]
    assert rewards == [
        (
            "error",
            "rewards for throughput cannot be checked: the plan states no measures reps are "
            "rewarded on",
            "staffing.rewarded_on",
        )
    ]


def test_a_failing_channel_cut_further_is_worse_at_the_same_severity(
    invoke: Invoke, tmp_path: Path
) -> None:
    # FedEx's phone already fails with 4 FTE (22.3% answered within 20 s). Cutting it to 1
    # keeps every finding an error, but each one about the phone is worse: the FTE gap
    # widens from 11.3 to 14.3 and fewer calls are answered. The diff blocks it.
    cut = tmp_path / "cut.yaml"
    text = Path(CUT).read_text(encoding="utf-8")
    assert "    agents: 4\n" in text
    cut.write_text(text.replace("    agents: 4\n", "    agents: 1\n"), encoding="utf-8")
    result = invoke("diff", CUT, str(cut), "-f", "json")
    data = json.loads(result.out)["diff"]
    worse = {(f["rule"], f["path"]) for f in data["findings"]["worse"]}
    assert ("staffing-meets-targets", "channels[phone].target") in worse
    assert ("abandonment-max", "channels[phone].target.abandonment_max") in worse
    assert result.code == 1 and data["blocked"] is True
    # The same plan against itself changes nothing, and passes.
    same = json.loads(invoke("diff", CUT, CUT, "-f", "json").out)["diff"]
    assert same["findings"]["worse"] == [] and same["blocked"] is False


def test_the_hook_never_skips_a_plan_written_unusually(invoke: Invoke, tmp_path: Path) -> None:
    # Review attack18 G7, G8: keys written with an escape or an anchor, and a plan saved as
    # UTF-16 or Latin-1, were skipped by `--plans-only` (exit 0), though `check` reads them.
    text = Path(CUT).read_text()
    escaped = tmp_path / "escaped.yaml"
    escaped.write_text(text.replace("version: 1", '"versi\\x6fn": 1', 1))
    result = invoke("check", "--plans-only", str(escaped))
    assert result.code == 1 and "staffing-meets-targets" in result.out
    anchored = tmp_path / "anchored.yaml"
    anchored.write_text(text.replace("version: 1", "&k version: 1", 1))
    assert invoke("check", "--plans-only", str(anchored)).code == 1
    for encoding in ("utf-16", "latin-1"):
        other = tmp_path / f"{encoding}.yaml"
        other.write_bytes((text + "# café\n").encode(encoding))
        assert invoke("check", "--plans-only", str(other)).code == 2, encoding


def test_a_currency_switch_is_never_a_difference_of_amounts(invoke: Invoke, plan_file) -> None:
    # Review out29 R3: the same figures in EUR read "budget 0 EUR (0.0%)", the base's USD
    # relabelled as EUR, and the report wrote a USD baseline as EUR.
    # Delight's refund floor is 50 USD: 46 EUR at the rate the plan states.
    in_eur = GOOD.replace("currency: USD", "currency: EUR") + "exchange_rates: {USD: 0.92}\n"
    eur = str(plan_file(in_eur, "eur.yaml"))
    table = invoke("diff", BASE, eur)
    assert table.code == 0, table.err
    assert table.out.splitlines()[0] == (
        "✅ passes — verdict aligned → aligned, currency changed USD → EUR"
    )
    assert "  budget (USD → EUR)" in table.out and "0.0%" not in table.out
    md = invoke("diff", BASE, eur, "-f", "markdown").out
    assert "✅ **passes** — verdict aligned → aligned, currency changed USD → EUR" in md
    assert "| budget line (USD → EUR) | base | proposal | change |" in md
    assert "| total | 1,540,241 | 1,540,241 | – |" in md
    data = json.loads(invoke("diff", BASE, eur, "-f", "json").out)["diff"]
    assert (data["base_currency"], data["currency"]) == ("USD", "EUR")
    assert data["budget"][-1] == {
        "name": "total",
        "before": "1540241",
        "after": "1540241",
        "delta": None,
        "change": None,
    }
    same = json.loads(invoke("diff", BASE, BASE, "-f", "json").out)["diff"]
    assert (same["base_currency"], same["currency"], same["budget"][-1]["delta"]) == (
        "USD",
        "USD",
        "0",
    )
    report = invoke("report", eur, "--baseline", BASE, "-o", "-", "-f", "md").out
    assert "The budget's currency changed USD → EUR" in report
    assert "| total | 1,540,241 USD | 1,540,241 EUR | – |" in report


def test_a_deleted_plan_has_no_verdict_after(repo: Repo, cli: Cli) -> None:
    # Review out29 R10: a deleted misaligned plan read "verdict misaligned → aligned"
    # (JSON `verdict.after: "aligned"`), and the table never said "deleted".
    repo.write("plans/acme.yaml", Path(CUT).read_text(encoding="utf-8"))
    repo.commit("a misaligned plan")
    repo.git("checkout", "-qb", "gone")
    repo.git("rm", "-q", "plans/acme.yaml")
    repo.commit("deleted")
    # The organisation's only plan of delight: deleting it is a change of policy (review
    # attack37 A6), accepted here to see how the deletion reads.
    accept = ("--base-ref", "pr", "plans/acme.yaml", "--allow-policy-change")
    assert "policy-changed" in cli("diff", *accept[:3]).out
    table = cli("diff", *accept)
    head, files = table.out.splitlines()[:2]
    assert head.startswith("⚠️ passes — verdict misaligned → deleted, budget -"), table.out
    assert files == "pr:plans/acme.yaml → deleted (Example Delight Co)"
    md = cli("diff", *accept, "-f", "markdown").out
    assert "⚠️ **passes** — verdict misaligned → deleted, budget -" in md
    assert "`plans/acme.yaml` (Example Delight Co): deleted in the proposal" in md
    data = json.loads(cli("diff", *accept, "-f", "json").out)
    diff = data["diff"]
    assert diff["verdict"] == {"before": "misaligned", "after": None}
    assert (diff["status"], diff["deleted"], diff["plan"]["verdict"]) == ("deleted", True, None)
    # Nor has any of its areas: an empty plan's areas read "aligned" (left open by out29).
    assert diff["plan"]["areas"] == dict.fromkeys(diff["base"]["areas"])
    assert "misaligned" in diff["base"]["areas"].values()
    assert diff["plan"]["path"] == "plans/acme.yaml"
    repo.git("checkout", "-q", "pr")
    kept = json.loads(cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json").out)
    assert (kept["diff"]["status"], kept["diff"]["deleted"]) == ("changed", False)


FAIL_ON_TYPO = {
    "file": ".cs-align.yaml",
    "line": 1,
    "column": 10,
    "message": "fail_on: 'eror' is not allowed here",
    "fix": "did you mean 'error'?",
}
"""The error document of a config that says `fail_on: eror`, in every format and command."""


def test_an_unusable_config_or_waiver_file_reaches_every_format_named(repo: Repo, cli: Cli) -> None:
    # Review out29 R4: a broken config or --waivers file gave exit 2 with empty json, sarif,
    # junit, github and markdown output, and wrote no FORMAT:FILE (no SARIF to upload).
    repo.write(".cs-align.yaml", "fail_on: eror\n")
    error = FAIL_ON_TYPO
    result = cli("check", "plans/acme.yaml", "-f", "json", "-f", "sarif:cfg.sarif")
    assert result.code == 2 and ".cs-align.yaml:1:10: fail_on: 'eror'" in result.err
    assert json.loads(result.out)["errors"] == [error]
    sarif = validate_sarif((repo.root / "cfg.sarif").read_text(encoding="utf-8"))
    [found] = sarif["runs"][0]["results"]  # type: ignore[index]
    assert found["ruleId"] == "input-error"
    plan = "plans/acme.yaml"
    diff = cli("diff", plan, plan, "-f", "github", "-f", "junit:d.xml")
    assert diff.code == 2
    assert diff.out == (
        "::error file=.cs-align.yaml,line=1,col=10,title=input-error::fail_on: 'eror' is not "
        "allowed here — fix: did you mean 'error'?\n"
    )
    assert 'errors="1"' in (repo.root / "d.xml").read_text(encoding="utf-8")
    (repo.root / ".cs-align.yaml").unlink()
    repo.write("waivers.yaml", "waivers:\n  - rule: [\n")
    waived = cli("check", "plans/acme.yaml", "--waivers", "waivers.yaml", "-f", "markdown")
    assert waived.code == 2 and "waivers.yaml:2:11: not valid YAML" in waived.err
    assert "### ❌ Unusable input — 1 file could not be checked" in waived.out


def test_whatif_and_promise_write_an_unusable_config_into_their_formats(
    repo: Repo, cli: Cli
) -> None:
    # As check and diff do (review out29 R4); left open then: both printed the error to
    # stderr alone, so `whatif -o scenarios.csv` in CI left no file and `-f json` no document.
    repo.write(".cs-align.yaml", "fail_on: eror\n")
    error = FAIL_ON_TYPO
    plan = "plans/acme.yaml"
    for command in ("whatif", "promise"):
        result = cli(command, plan, "-f", "json")
        assert result.code == 2 and ".cs-align.yaml:1:10: fail_on: 'eror'" in result.err
        assert json.loads(result.out)["errors"] == [error], command
    written = cli("whatif", plan, "-o", "w.csv")
    assert written.code == 2
    assert (repo.root / "w.csv").read_text(encoding="utf-8").splitlines()[1] == (
        ".cs-align.yaml,1,10,fail_on: 'eror' is not allowed here,did you mean 'error'?"
    )


def test_the_figures_a_proposal_is_sized_from_are_shown_beside_its_staff(
    invoke: Invoke, plan_file
) -> None:
    # Review attack33 F6, F7, F9: shrinkage 32% → 5% and paid hours 1800 → 2300 a year cut
    # the staff 43% while the diff showed service improving, and named neither.
    text = (
        GOOD.replace("shrinkage: 32%", "shrinkage: 5%")
        .replace("    hours: Mon-Fri 08:00-20:00\n", "    hours: Mon-Fri 11:00-13:00\n", 1)
        .replace("    patience: 2m ", "    patience: 5s ", 1)
    )
    assert "shrinkage: 5%" in text and "11:00-13:00" in text and "5s " in text
    proposal = str(plan_file(text))
    table = invoke("diff", BASE, proposal).out
    assert "  sized from (base → proposal):\n    staffing.shrinkage: 32% → 5%\n" in table
    assert "    phone.hours: Mon-Fri 08:00-20:00 → Mon-Fri 11:00-13:00\n" in table
    assert "    phone.patience: 2m → 5s\n" in table
    data = json.loads(invoke("diff", BASE, proposal, "-f", "json").out)["diff"]
    assert {"name": "staffing.shrinkage", "before": "32%", "after": "5%"} in data["assumptions"]
    markdown = invoke("diff", BASE, proposal, "-f", "markdown").out
    assert "- `phone.patience`: 2m → 5s" in markdown
    same = json.loads(invoke("diff", BASE, BASE, "-f", "json").out)["diff"]
    assert same["assumptions"] == []


def test_a_renamed_channel_keeps_its_findings_in_the_diff(tmp_path: Path, invoke: Invoke) -> None:
    # Review attack36 L6: a team living with a known gap (the phone line 13.7 FTE where
    # 13.8 keep its targets) renamed the line, nothing else, and the base's errors read as
    # new: no_new_errors blocked. Cut further under its new name, the gap is worse.
    ff = (EXAMPLES / "fast-food-aligned.yaml").read_text(encoding="utf-8")
    short = ff.replace("    agents: 16.2\n", "    agents: 13.7\n", 1).replace(
        "  agents: 20.7", "  agents: 18.2", 1
    )
    assert short.count("13.7") == 1 and "18.2" in short
    base = tmp_path / "base.yaml"
    base.write_text(short, encoding="utf-8")
    renamed = tmp_path / "plan.yaml"
    renamed.write_text(short.replace("  - id: phone\n", "  - id: voice\n", 1), encoding="utf-8")
    result = invoke("diff", str(base), str(renamed), "--no-new-errors")
    assert result.code == 0, result.out
    assert "(2 unchanged findings)" in result.out
    cut = short.replace("  - id: phone\n", "  - id: voice\n", 1).replace(
        "agents: 13.7", "agents: 12", 1
    )
    renamed.write_text(cut.replace("  agents: 18.2", "  agents: 16.5", 1), encoding="utf-8")
    worse = invoke("diff", str(base), str(renamed), "--no-new-errors", "-f", "json")
    assert worse.code == 1
    worsened = json.loads(worse.out)["diff"]["findings"]["worse"]
    assert {f["rule"] for f in worsened} == {"abandonment-max", "staffing-meets-targets"}


def test_a_rename_is_paired_by_kind_and_contacts_not_by_order() -> None:
    # Review attack37 F1: a new voice line listed above the renamed phone line took its
    # findings; A7: a retired line's known gap stood in for a new line's new one. A gone
    # line pairs with the new line of its kind nearest its contacts, within a tenth.
    from cs_align.diff import _renames
    from cs_align.loader import parse_plan

    ff = (EXAMPLES / "fast-food-aligned.yaml").read_text(encoding="utf-8")
    callback = (
        "  - id: callback\n    kind: voice\n    hours: Mon-Fri 08:00-20:00\n"
        "    volume: {contacts: 300, per: month}\n    handle_time: 6m\n"
    )
    renamed = ff.replace("  - id: phone\n", callback + "  - id: voice\n", 1)
    old, new = parse_plan(ff, "base.yaml"), parse_plan(renamed, "plan.yaml")
    assert _renames(old, new) == {"phone": "voice"}
    other = ff.replace("  - id: phone\n", "  - id: sales\n", 1).replace(
        "contacts: 9000,", "contacts: 20000,", 1
    )
    assert _renames(old, parse_plan(other, "plan.yaml")) == {}


@pytest.mark.parametrize(
    ("args", "env", "config"),
    [
        (["--fail-on", "INFO"], {}, ""),
        ([], {"CS_ALIGN_FAIL_ON": "Info"}, ""),
        ([], {}, "fail_on: INFO\n"),
    ],
)
def test_a_fail_on_level_is_read_in_any_case(
    invoke: Invoke, args: list[str], env: dict[str, str], config: str, tmp_path: Path
) -> None:
    # tiered-aligned has info findings and nothing above: `info` fails it, `error` does not.
    # A workflow's `CS_ALIGN_FAIL_ON: Info` was exit 2 ("is not a severity"), where format
    # names (`-f JSON`) are read in any case.
    plan = tmp_path / "plan.yaml"
    plan.write_text((EXAMPLES / "tiered-aligned.yaml").read_text(encoding="utf-8"))
    if config:
        (tmp_path / ".cs-align.yaml").write_text(config, encoding="utf-8")
    result = invoke("check", str(plan), *args, cwd=tmp_path, env=env)
    assert result.code == 1, result.err
    assert invoke("check", str(plan), cwd=tmp_path).code == (1 if config else 0)


def test_an_empty_fail_on_is_named_as_empty(invoke: Invoke, tmp_path: Path) -> None:
    # `CS_ALIGN_FAIL_ON: ${{ vars.FAIL_ON }}` with the variable unset: still exit 2 (the
    # gate is not loosened by a typo), and the message says what happened.
    result = invoke("check", BASE, cwd=tmp_path, env={"CS_ALIGN_FAIL_ON": ""})
    assert result.code == 2
    assert (
        "fail_on is empty (from environment CS_ALIGN_FAIL_ON; an unset variable?) — use error, "
        "warning or info, or unset it: the settings file, else error, decides"
    ) in result.err


def _capitals(text: str) -> str:
    keys = r"^(version|organisation|strategy|channels|staffing|budget):"
    return re.sub(keys, lambda m: m[0].capitalize(), text, flags=re.M)


@pytest.mark.parametrize(
    "text",
    [
        # A plan's keys in capitals, as a spreadsheet's headers are: the loader asks for
        # each ("write 'Version' as `version`"); `--plans-only` read no plan and passed it.
        _capitals(Path(CUT).read_text()),
        # The American spelling and slips of a letter: one plan key left (`strategy`) and no
        # `version` read as no plan.
        "verson: 1\norganization: X\nstrategy: delight\nchanels: []\n",
    ],
    ids=["capitals", "slips"],
)
def test_plans_only_skips_no_plan_whose_keys_are_misspelt(
    invoke: Invoke, tmp_path: Path, text: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(text)
    result = invoke("check", "--plans-only", str(plan))
    assert result.code == 2, result.out
    assert "plan.yaml:" in result.err and "missing required key" in result.err
