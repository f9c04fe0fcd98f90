"""SARIF 2.1.0: one rules[] entry per rule, results with physical locations."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from cs_align import __version__
from cs_align.escaping import json_text, sarif_text
from cs_align.findings import Finding, Report, Severity
from cs_align.reporters import Results

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff, Reason, Tripped
    from cs_align.errors import Problem

_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
_BASELINE = {"new": "new", "worse": "updated", "unchanged": "unchanged"}
Item = tuple[str, Finding, str | None]


def _message(text: str) -> dict[str, str]:
    """A message object: every one is written here, its text as `escaping.sarif_text`
    gives it (no link but the tool's own)."""
    return {"text": sarif_text(text)}


def _rule(rule_id: str) -> dict[str, Any]:
    from cs_align.rules import describe

    found = describe(rule_id)
    title = found.title if found else rule_id.replace("-", " ")
    doc = found.doc if found else title
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in re.split(r"[-_/]", rule_id)),
        "shortDescription": _message(title),
        "fullDescription": _message(doc.splitlines()[0]),
        "help": _message(doc),
    }


def _uri(file: str) -> str:
    if file == "-":
        return "stdin"
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(str(PurePosixPath(*path.parts)), safe="/")  # RFC 3986: `#`, `%`, ` ` escaped


SRCROOT = "SRCROOT"
"""The uriBaseId of every relative artifact URI: paths are shown relative to the repository's
top folder (`repo.display`), so that is the folder SARIF §3.4.4 asks a relative URI to name.
Without it a validator warns (a relative `uri` with no `uriBaseId`) and a viewer resolves the
path against wherever it was opened."""


STDIN = "STDIN"
"""The uriBaseId of a plan read from standard input (`check -`), which is no file of the
repository: its relative `stdin` had no base (review user58, left open; the Multitool's
SARIF1004), and SRCROOT would name a file `stdin` at the repository's top."""


def _artifact(file: str) -> dict[str, str]:
    """An artifactLocation: a relative URI with its base (SRCROOT, or STDIN for standard
    input), an absolute one alone (a `uriBaseId` beside an absolute URI is an error in
    SARIF's own validator)."""
    uri = _uri(file)
    if Path(file).is_absolute():
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": STDIN if file == "-" else SRCROOT}


def _bases(stdin: bool = False) -> dict[str, Any]:
    """run.originalUriBaseIds: what SRCROOT is, described, without its absolute `uri`
    (§3.14.14, NOTE 1: a producer may leave it out): the machine's folder (a runner's
    /home/runner/work/…) stays out of every output (tests/security: paths are relative to the
    repository root), and a viewer asks for the root, as for any log moved off its machine."""
    bases: dict[str, Any] = {
        SRCROOT: {
            "description": {
                "text": "The repository's top folder (the working folder outside a "
                "repository): the plans' paths are relative to it."
            }
        }
    }
    if stdin:
        bases[STDIN] = {
            "description": {
                "text": "Standard input: the plan was read from stdin, not from a file. "
                "Name its file with --stdin-filename PATH (relative to the repository's "
                "top) to place the results on it."
            }
        }
    return bases


def _result(
    file: str, f: Finding, index: int, state: str | None, seen: Counter[str]
) -> dict[str, Any]:
    where = f.file or file
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": _message(f"{f.message} — fix: {f.fix}"),
        "locations": [
            {
                **_location(where, f.line, f.column),
                "logicalLocations": [{"fullyQualifiedName": f.path}],
            }
        ],
        "partialFingerprints": {FINGERPRINT: _fingerprint(f.rule, _uri(where), f.path, seen)},
        "properties": {"area": f.area, "strategy": f.strategy, "source": f.source},
    }
    if state:
        result["baselineState"] = state
    if f.waived:
        result["suppressions"] = [
            {
                "kind": "inSource" if f.waived.get("file", file) == file else "external",
                "status": "accepted",
                "justification": f"{f.waived['reason']} (owner {f.waived['owner']}, until "
                f"{f.waived['expires']})",
            }
        ]
    return result


FINGERPRINT = "csAlignFinding/v1"


def _fingerprint(rule: str, uri: str, path: str, seen: Counter[str]) -> str:
    """What a finding is, apart from where its line is and what it says: its rule, plan and
    place in the plan (`channels[phone].target`), and which of the run's findings so named
    it is. Without one, code scanning told findings apart by the text of their line, the
    value a pull request edits: a finding kept across an edit was "1 fixed, 1 new"
    (review out29 R14)."""
    key = "\0".join((rule, uri, path))
    seen[key] += 1
    return hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()


def _plan(report: Report) -> dict[str, Any]:
    """What each plan was judged by and how it came out: the strategy as reports show it
    (a custom one as its file and what it extends), config and waiver files, counts."""
    from cs_align.reporters.json import counts

    data: dict[str, Any] = {
        "path": _uri(report.file),
        "strategy": report.strategy,
        "verdict": report.verdict,
        "counts": counts(report),
    }
    if report.config:
        data["config"] = report.config
    if report.waiver_files:
        data["waiver_files"] = list(report.waiver_files)
    return data


INPUT_ERROR = "input-error"
FAIL_ON = "fail-on"
"""Ids of results no rule yields, described in `rules.RUN_RESULTS` (imported late: the
rules are not loaded to render a broken plan)."""


def _log(
    items: list[Item],
    plans: list[dict[str, Any]] | None = None,
    problems: Sequence[Problem] = (),
) -> str:
    items = [*items, *((p.file, _input_error(p), None) for p in problems)]
    rule_ids = sorted({f.rule for _, f, _ in items})
    index = {rid: i for i, rid in enumerate(rule_ids)}
    seen: Counter[str] = Counter()
    driver = {
        "name": "cs-align",
        "version": __version__,
        "informationUri": "https://pypi.org/project/cs-align/",
        "rules": [_rule(r) for r in rule_ids],
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": _bases(any((f.file or file) == "-" for file, f, _ in items)),
        "invocations": [_invocation(problems)],
        # Columns count characters as the file's text holds them, not UTF-16 units, SARIF's
        # default: a plan's `café` put a column after it one off in a UTF-16 reader (user60).
        "columnKind": "unicodeCodePoints",
        "results": [_result(file, f, index[f.rule], s, seen) for file, f, s in items],
    }
    if plans:
        run["properties"] = {"plans": plans}
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json_text(log, indent=2) + "\n"


def _invocation(problems: Sequence[Problem]) -> dict[str, Any]:
    """Whether the run could use all its input; each unusable input a notification."""
    invocation: dict[str, Any] = {"executionSuccessful": not problems}
    if problems:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": _message(f"{p.message} — fix: {p.fix}" if p.fix else p.message),
                "locations": [_location(p.file, p.line, p.column)],
                "descriptor": {"id": INPUT_ERROR},
            }
            for p in problems
        ]
    return invocation


def _location(file: str, line: int, column: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": _artifact(file),
            "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
        }
    }


def _input_error(p: Problem) -> Finding:
    """An unusable input as a result, so code scanning shows it where it is."""
    return Finding(
        rule=INPUT_ERROR,
        severity=Severity.error,
        area="input",
        title="The input could not be used",
        message=p.message,
        path="plan",
        line=p.line,
        column=p.column,
        fix=p.fix or "fix the input",
        source="input",
    )


class SarifReporter:
    """SARIF 2.1.0: one rules[] entry per rule, results with physical locations."""

    def render(self, results: Results) -> str:
        reports = results.reports
        items: list[Item] = [(r.file, f, None) for r in reports for f in r.findings]
        return _log(items, [_plan(r) for r in reports], results.problems)

    def render_diff(self, diff: PlanDiff, fail_on: Severity) -> str:
        return render_diff(diff, fail_on)


REPORTER = SarifReporter()


def render_diff(diff: PlanDiff, level: Severity = Severity.error) -> str:
    """The proposal's findings, each with its SARIF baselineState against the base, a
    result per tripped guardrail (a block is an error: it fails the run), and one for new
    findings at or above --fail-on when they fail the run and no guardrail says so.

    Findings the proposal fixed are left out: code scanning ignores `baselineState`, so an
    `absent` result opened an alert for a fixed finding, at the base's `REF:path`, which is
    no file in the repository (review out29 R5)."""
    return _log(
        [
            *(
                (diff.plan.file, c.finding, _BASELINE[c.status])
                for c in diff.findings
                if c.status != "fixed"
            ),
            *((diff.plan.file, _guardrail(t), "new") for t in diff.tripped),
            *(
                (r.file or diff.plan.file, _fail_on(r), "new")
                for r in diff.reasons(level)
                if not r.guardrail
            ),
        ],
        [_plan(diff.plan)],
    )


def _guardrail(tripped: Tripped) -> Finding:
    """A tripped guardrail as a result: rule `guardrail/NAME`."""
    return Finding(
        rule=f"guardrail/{tripped.guardrail}",
        severity=Severity.error if tripped.action == "block" else Severity.warning,
        area="budget",
        title=f"Guardrail {tripped.guardrail}",
        message=f"{tripped.message} ({tripped.action})",
        path="budget.total",
        line=tripped.line,
        column=tripped.column,
        fix="bring the proposal within the guardrail, or change the guardrail in the trusted "
        "config",
        source="guardrails",
    )


def _fail_on(reason: Reason) -> Finding:
    """New findings at or above --fail-on, as one result: why the diff fails."""
    return Finding(
        rule=FAIL_ON,
        severity=Severity.error,
        area="strategy",
        title="New findings at or above --fail-on",
        message=f"{reason.message} (blocked by {reason.name})",
        path="plan",
        line=reason.line,
        column=reason.column,
        fix="fix the new findings, or waive each with an owner, a reason and an expiry",
        source="fail-on",
    )
