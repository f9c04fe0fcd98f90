"""The CI formats as real consumers read them: SARIF from check, diff and a broken plan
through the SARIF 2.1.0 schema, sarif-tools and the Microsoft SARIF Multitool's `validate`;
JUnit from all three through junitparser."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from junitparser import JUnitXml
from sarif import loader

from tests.conftest import EXAMPLES, ROOT, Invoke
from tests.security.conftest import Repo, Result

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.json").read_text())
ALIGNED = str(EXAMPLES / "delight-aligned.yaml")
MISALIGNED = str(EXAMPLES / "delight-fedex-misaligned.yaml")
Cli = Callable[..., Result]


def _outputs(repo: Repo, cli: Cli, fmt: str) -> dict[str, str]:
    """The format's text for a check, a diff and a broken plan (exit 1, 1 and 2)."""
    repo.write(
        "plans/broken.yaml",
        "version: 1\norganisation: X\nstrategy: delight\n"
        "channels:\n  - {id: phone, kind: voice, handle_time: 6}\n",
    )
    runs = {
        "check": cli("check", MISALIGNED, "-f", fmt),
        "diff": cli("diff", ALIGNED, MISALIGNED, "-f", fmt),
        "broken": cli("check", "plans/broken.yaml", "-f", fmt),
    }
    assert [r.code for r in runs.values()] == [1, 1, 2]
    return {name: r.out for name, r in runs.items()}


def _multitool() -> str | None:
    """The Multitool (`npm install @microsoft/sarif-multitool`), as .ci/run provides it."""
    return os.environ.get("SARIF_MULTITOOL") or shutil.which("sarif-multitool")


def test_sarif_validates_in_the_schema_sarif_tools_and_the_multitool(
    repo: Repo, cli: Cli, tmp_path: Path
) -> None:
    texts = _outputs(repo, cli, "sarif")
    expected = {
        "check": {"staffing-meets-targets", "abandonment-max"},
        "diff": {"guardrail/no_new_errors", "staffing-meets-targets"},
        "broken": {"input-error"},
    }
    tool = _multitool()
    if tool is None and os.environ.get("CI"):
        pytest.fail("CI must provide the SARIF Multitool (set SARIF_MULTITOOL)")
    for name, text in texts.items():
        log = json.loads(text)
        jsonschema.Draft4Validator(SCHEMA).validate(log)
        path = tmp_path / f"{name}.sarif"
        path.write_text(text)
        records = loader.load_sarif_file(str(path)).get_records()
        assert expected[name] <= {r["Code"] for r in records}
        assert all(r["Line"] >= 1 and not Path(r["Location"]).is_absolute() for r in records)
        if tool is not None:
            done = subprocess.run([tool, "validate", str(path)], capture_output=True, text=True)
            assert done.returncode == 0, done.stdout + done.stderr
            assert "Analysis completed successfully" in done.stdout
            assert " error " not in done.stdout and " warning " not in done.stdout, done.stdout
    broken = json.loads(texts["broken"])["runs"][0]["invocations"][0]
    assert broken["executionSuccessful"] is False
    assert "give a unit" in broken["toolExecutionNotifications"][0]["message"]["text"]


def _artifacts(log: dict[str, object]) -> list[dict[str, str]]:
    """Every artifactLocation in a SARIF log, wherever it sits."""
    found: list[dict[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("artifactLocation"), dict):
                found.append(node["artifactLocation"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(log)
    return found


@pytest.mark.parametrize("where", [".", "plans"])
def test_every_relative_sarif_uri_names_its_base_and_the_base_finds_the_file(
    where: str, repo: Repo, invoke: Invoke, tmp_path: Path
) -> None:
    """SARIF 2.1.0 §3.4.4: a relative `uri` comes with a `uriBaseId` that
    run.originalUriBaseIds describes (the Multitool's SARIF1004). The URIs had no base: a
    viewer resolved `plans/acme.yaml` against wherever the log was opened. The base is the
    repository's top, from there or a folder inside it, described without the machine's
    absolute path (§3.14.14 NOTE 1; tests/security keeps that path out of every output)."""
    repo.write("plans/acme.yaml", Path(MISALIGNED).read_text())
    repo.write("plans/base.yaml", Path(ALIGNED).read_text())
    plan, base = ("acme.yaml", "base.yaml") if where == "plans" else ("plans/acme.yaml", "")
    base = base or "plans/base.yaml"
    runs = {
        "check": invoke("check", plan, "-f", "sarif", cwd=repo.root / where),
        "diff": invoke("diff", base, plan, "-f", "sarif", cwd=repo.root / where),
        "broken": invoke("check", "nothere.yaml", "-f", "sarif", cwd=repo.root / where),
    }
    assert [r.code for r in runs.values()] == [1, 1, 2]
    for name, result in runs.items():
        log = json.loads(result.out)
        jsonschema.Draft4Validator(SCHEMA).validate(log)
        assert str(repo.root) not in result.out
        bases = log["runs"][0]["originalUriBaseIds"]
        assert set(bases) == {"SRCROOT"} and "uri" not in bases["SRCROOT"]
        assert "repository's top folder" in bases["SRCROOT"]["description"]["text"]
        artifacts = _artifacts(log)
        assert artifacts
        for artifact in artifacts:
            assert artifact["uriBaseId"] == "SRCROOT", artifact
            assert not urlparse(artifact["uri"]).scheme
        named = {repo.root / unquote(a["uri"]) for a in artifacts}
        wanted = repo.root / where / "nothere.yaml" if name == "broken" else None
        assert (wanted or repo.root / "plans" / "acme.yaml") in named, named


@pytest.mark.parametrize("text", ["misaligned", "broken"])
def test_a_plan_from_standard_input_has_a_sarif_base_of_its_own(
    repo: Repo, invoke: Invoke, text: str
) -> None:
    """`check - -f sarif` wrote `{"uri": "stdin"}`, a relative URI with no base (review
    user58, left open; SARIF1004), where code scanning reads a relative URI as a file at the
    repository's top. It has the base STDIN, described as standard input, and stderr says
    how to name the file; with --stdin-filename the results are on that file."""
    plan = Path(MISALIGNED).read_bytes() if text == "misaligned" else b"version: [\n"
    result = invoke("check", "-", "-f", "sarif", cwd=repo.root, stdin=plan)
    assert result.code == (1 if text == "misaligned" else 2), result.err
    log = json.loads(result.out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    bases = log["runs"][0]["originalUriBaseIds"]
    artifacts = _artifacts(log)
    assert artifacts and all(a == {"uri": "stdin", "uriBaseId": "STDIN"} for a in artifacts)
    assert (
        "uri" not in bases["STDIN"] and "--stdin-filename" in bases["STDIN"]["description"]["text"]
    )
    assert "give --stdin-filename PATH" in result.err
    named = invoke(
        "check",
        "-",
        "--stdin-filename",
        "plans/acme.yaml",
        "-f",
        "sarif",
        cwd=repo.root,
        stdin=plan,
    )
    log = json.loads(named.out)
    assert set(log["runs"][0]["originalUriBaseIds"]) == {"SRCROOT"}
    assert {a["uri"] for a in _artifacts(log)} == {"plans/acme.yaml"}
    assert "stdin-filename" not in named.err
    annotations = invoke("check", "-", "-f", "github", cwd=repo.root, stdin=plan)
    assert "no file for github to place its results on" in annotations.err
    assert "give --stdin-filename PATH" in annotations.err


def test_an_absolute_sarif_uri_stands_alone(repo: Repo, cli: Cli, tmp_path: Path) -> None:
    """An absolute `file:` URI takes no uriBaseId (SARIF1004: a base id beside an absolute
    URI is an error)."""
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(Path(MISALIGNED).read_text())
    log = json.loads(cli("check", str(outside), "-f", "sarif", "--allow-outside").out)
    artifacts = _artifacts(log)
    assert artifacts and all("uriBaseId" not in a for a in artifacts)
    assert all(a["uri"].startswith("file:///") for a in artifacts)


def test_junit_parses_in_junitparser(repo: Repo, cli: Cli) -> None:
    texts = _outputs(repo, cli, "junit")
    suites = {name: list(JUnitXml.fromstring(text.encode())) for name, text in texts.items()}
    check = suites["check"][0]
    assert check.failures == 2 and check.tests > 10  # two errors fail; the warning passes
    guardrails, plan = suites["diff"]
    assert guardrails.name == "guardrails" and guardrails.failures == 1
    assert plan.failures == 2
    broken = suites["broken"][0]
    case = next(iter(broken))
    assert broken.errors == 1 and "give a unit" in str(case.result[0].text)


def test_junit_failures_follow_fail_on(cli: Cli) -> None:
    text = cli("check", MISALIGNED, "-f", "junit", "--fail-on", "warning").out
    strict = next(iter(JUnitXml.fromstring(text.encode())))
    # The occupancy warning and the 12.2 FTE on no channel fail too at --fail-on warning.
    assert strict.failures == 4


def test_junit_counts_only_the_skipped_cases_it_writes(repo: Repo, cli: Cli) -> None:
    """A rule with a waived finding and one below --fail-on passes (its text in
    <system-out>); it was counted skipped with no <skipped> element (review out29 R8)."""
    repo.write(
        "plans/ours.yaml",
        "id: ours\nname: Ours\nextends: delight\nrules:\n  - {rule: answer-speed, "
        'severity: warning, live: "80% in 20s", written: "90% in 4h", house_default: test}\n',
    )
    plan = (EXAMPLES / "delight-slow-promises-misaligned.yaml").read_text()
    repo.write(
        "plans/plan.yaml",
        plan.replace("strategy: delight", "strategy: ours.yaml")
        + "waivers:\n  - rule: answer-speed\n    path: channels[phone].target.service_level\n"
        "    reason: the phone promise stays\n    owner: ops\n"
        f"    expires: {dt.date.today() + dt.timedelta(days=90)}\n",
    )
    text = cli("check", "plans/plan.yaml", "-f", "junit").out
    counts = 'tests="27" failures="0" errors="0" skipped="0"'
    assert f'<testsuite name="plans/plan.yaml" {counts}>' in text
    case = text[text.index('name="answer-speed">') :].partition("</testcase>")[0]
    assert "<system-out>" in case and "waived by ops" in case and "<skipped" not in case


def test_an_error_at_the_end_of_a_file_points_at_its_last_character(repo: Repo, cli: Cli) -> None:
    """YAML's end of stream is the line after the last newline, which the file does not
    have: code scanning shows no snippet there, and SARIF regions must lie within the file
    (review out29 R13)."""
    repo.write("plans/b.yaml", "version: 1\norganisation: Broken\nchannels: [\n\n")
    github = cli("check", "plans/b.yaml", "-f", "github").out
    assert github.startswith("::error file=plans/b.yaml,line=3,col=11,title=input-error::")
    sarif = json.loads(cli("check", "plans/b.yaml", "-f", "sarif").out)
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 11}


def test_sarif_fingerprints_outlast_an_edit_of_the_line(repo: Repo, cli: Cli) -> None:
    """Each result has a partialFingerprints entry made of its rule, plan and place in the
    plan: without one, code scanning took a finding whose value a pull request edited (and
    whose line moved) for a fixed one and a new one (review out29 R14)."""
    plan = Path(MISALIGNED).read_text()
    repo.write("plans/acme.yaml", plan)

    def results() -> list[tuple[str, str, int]]:
        log = json.loads(cli("check", "plans/acme.yaml", "-f", "sarif").out)
        jsonschema.Draft4Validator(SCHEMA).validate(log)
        return [
            (
                r["ruleId"],
                r["partialFingerprints"]["csAlignFinding/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in log["runs"][0]["results"]
        ]

    before = results()
    repo.write(
        "plans/acme.yaml", "# moved down a line\n" + plan.replace("agents: 20.7", "agents: 20.5")
    )
    after = results()
    assert len(before) == 4 and len({fingerprint for _, fingerprint, _ in before}) == 4
    assert [r[:2] for r in after] == [r[:2] for r in before]
    assert [r[2] for r in after] == [r[2] + 1 for r in before]


def _annotations(text: str) -> dict[str, list[str]]:
    """Each level's workflow commands, in the order GitHub reads them."""
    found: dict[str, list[str]] = {"error": [], "warning": [], "notice": []}
    for line in text.splitlines():
        assert line.startswith("::"), line
        found[line[2:].partition(" ")[0].partition("::")[0]].append(line)
    return found


@pytest.mark.parametrize("plans", [26, 12], ids=["streamed", "whole"])
def test_past_ten_annotations_the_tenth_says_how_many_more(
    invoke: Invoke, tmp_path: Path, plans: int
) -> None:
    """GitHub shows 10 errors, 10 warnings and 10 notices a step and drops the rest without
    a word: a batch's 29 errors showed as 10, as if they were all (review user50 G1). The
    first nine of a level come as written, the tenth says how many more the log has, and
    every finding is still written (the log prints each)."""
    # All 26 examples stream (from 20 plans); 12 misaligned ones are rendered whole.
    names = sorted(p.name for p in EXAMPLES.glob("*.yaml") if plans > 20 or "mis" in p.name)
    names = names[:plans]
    for name in names:
        (tmp_path / name).write_bytes((EXAMPLES / name).read_bytes())
    result = invoke("check", *names, "-f", "github", cwd=tmp_path)
    assert result.code == 1, result.err
    plain = invoke("check", *names, "-f", "json", cwd=tmp_path)
    findings = [f for p in json.loads(plain.out)["plans"] for f in p["findings"]]
    written = _annotations(result.out)
    for level, severity in (("error", "error"), ("warning", "warning")):
        lines = written[level]
        counted = sum(f["severity"] == severity and not f.get("waived") for f in findings)
        assert counted > 10, (level, counted)  # the examples have more than GitHub shows
        more = counted - 9  # nine shown, the tenth says how many more, those follow it
        assert len(lines) == counted + 1
        assert all("title=cs-align%3A more annotations" not in line for line in lines[:9])
        assert lines[9] == (
            f"::{level} title=cs-align%3A more annotations::{more} more {level}s: GitHub "
            f"shows 10 {level}s a step, so these {more} are in the step's log only, after "
            "this line (every finding is also in the other formats: -f sarif, markdown or "
            "table)"
        )
    assert len(written["notice"]) <= 10  # the waived ones: fewer than GitHub shows


def test_ten_annotations_of_a_level_are_written_as_they_are() -> None:
    from cs_align.reporters.github import shown

    ten = "".join(f"::error file=a.yaml,line={n},col=1,title=r::m{n}\n" for n in range(1, 11))
    assert shown(ten) == ten
    eleven = ten + "::error file=a.yaml,line=11,col=1,title=r::m11\n"
    assert shown(eleven).count("\n") == 12 and "2 more errors" in shown(eleven)
    assert shown(shown(eleven)) == shown(eleven)  # a merged run counts afresh


_DATA = (("\r", "%0D"), ("\n", "%0A"), ("%", "%25"))
_PROPERTY = (("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25"))


def _runner_reads(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the Actions runner parses it (ActionCommand.TryParseV2): the
    command, its properties split at `,` then `=`, the data after the second `::`, each
    unescaped mapping by mapping in the runner's order, `%25` last."""
    assert line.startswith("::")
    head, _, data = line[2:].partition("::")
    command, _, listed = head.partition(" ")
    properties = {}
    for item in listed.split(","):
        key, _, value = item.partition("=")
        for plain, escaped in _PROPERTY:
            value = value.replace(escaped, plain)
        properties[key] = value
    for plain, escaped in _DATA:
        data = data.replace(escaped, plain)
    return command, properties, data


def test_github_annotations_read_back_as_written_by_the_runner_s_rules(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A plan named with `%`, `,` and `:` and findings whose text holds `%` and `,`: each
    annotation's file, line, col and title, and its message, read back exactly as the
    runner unescapes them (data: %, CR, LF; properties: those and `:` and `,`)."""
    name = "q 50%, a:b.yaml"
    (tmp_path / name).write_text(Path(MISALIGNED).read_text(), encoding="utf-8")
    shown = invoke("check", name, "-f", "github", cwd=tmp_path)
    judged = json.loads(invoke("check", name, "-f", "json", cwd=tmp_path).out)["plans"][0]
    lines = shown.out.splitlines()
    assert shown.code == 1 and len(lines) == len(judged["findings"])
    for line, finding in zip(lines, judged["findings"], strict=True):
        command, properties, data = _runner_reads(line)
        assert command == {"info": "notice"}.get(finding["severity"], finding["severity"])
        assert properties == {
            "file": name,
            "line": str(finding["line"]),
            "col": str(finding["column"]),
            "title": finding["rule"],
        }
        assert data == f"{finding['message']} — fix: {finding['fix']}"
