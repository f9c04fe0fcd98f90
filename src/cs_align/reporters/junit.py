"""JUnit XML: one testcase per rule per plan; failures carry the messages.

Written to what both schemas Jenkins validates JUnit against accept (the xUnit plugin's
junit-10.xsd: `errors` on every suite; junit5's jenkins-junit.xsd: <skipped> holds text and
no attributes), and what GitLab shows: a failed or skipped case's element text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from cs_align.escaping import visible
from cs_align.findings import Report, Severity, Summary
from cs_align.reporters import Results

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff
    from cs_align.errors import Problem

_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    """User text as XML 1.0 can hold it: control characters (which XML cannot hold, even
    escaped) shown as \\xNN, as in every format; non-characters as \\uNNNN."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))


def _lines(texts: Sequence[str]) -> str:
    """Several messages as one element's text: each cleaned, one a line (joined after
    cleaning, so the line breaks stay line breaks rather than \\x0a escapes)."""
    return "\n".join(map(_clean, texts))


def _suite(
    root: ET.Element,
    report: Report,
    fail_on: Severity,
    known: frozenset[tuple[str, str, str]] = frozenset(),
) -> None:
    """A plan's suite: a case per rule; findings at or above ``fail_on`` fail their case,
    findings below it pass with their text in <system-out>, waived ones are skipped. In a
    diff, findings the base already had (``known``) pass too, said so: the diff fails only
    on what the change brings."""
    failing: dict[str, list[str]] = {}
    passing: dict[str, list[str]] = {}
    waived: dict[str, list[str]] = {}
    for f in report.findings:
        where = f"{f.file or report.file}:{f.line}:{f.column}"
        if f.waived:
            waived.setdefault(f.rule, []).append(
                f"{where}: waived by {f.waived['owner']} until {f.waived['expires']}: "
                f"{f.waived['reason']} ({f.message})"
            )
            continue
        text = f"{where}: [{f.severity.name}] {f.message} — fix: {f.fix}"
        old = (f.rule, f.path, f.message) in known
        if old:
            text = f"unchanged from the base: {text}"
        failed = f.severity >= fail_on and not old
        (failing if failed else passing).setdefault(f.rule, []).append(text)
    ids = sorted({*report.rules, *(f.rule for f in report.findings)})
    suite = ET.SubElement(
        root,
        "testsuite",
        name=_clean(report.file),
        tests=str(len(ids)),
        failures="",
        errors="0",
        skipped="",
    )
    _properties(suite, report)
    for rule_id in ids:
        case = ET.SubElement(suite, "testcase", classname=_clean(report.file), name=rule_id)
        if rule_id in failing:
            failure = ET.SubElement(case, "failure", message=_clean(failing[rule_id][0])[:500])
            failure.text = _lines(failing[rule_id])
        elif rule_id in waived and rule_id not in passing:
            ET.SubElement(case, "skipped").text = _lines(waived[rule_id])
        if rule_id in passing and rule_id not in failing:
            out = ET.SubElement(case, "system-out")
            out.text = _lines(passing[rule_id] + waived.get(rule_id, []))
    # Counted from the elements written: a rule with a waived finding and one below
    # --fail-on passes, and was counted skipped with no <skipped> (review out29 R8).
    for count, tag in (("failures", "failure"), ("skipped", "skipped")):
        suite.set(count, str(len(suite.findall(f"testcase/{tag}"))))


def _unusable(root: ET.Element, file: str, problems: list[Problem]) -> None:
    """An input that could not be used: a suite with one errored case."""
    suite = ET.SubElement(
        root, "testsuite", name=_clean(file), tests="1", failures="0", errors="1", skipped="0"
    )
    case = ET.SubElement(suite, "testcase", classname=_clean(file), name="input-error")
    error = ET.SubElement(case, "error", message=_clean(problems[0].message)[:500], type="input")
    error.text = _lines([str(p) for p in problems])


def _properties(suite: ET.Element, report: Report) -> None:
    """What the plan was judged by: a custom strategy shows as its file and what it extends."""
    values = [("strategy", report.strategy), ("verdict", report.verdict)]
    values += [("config", report.config)] if report.config else []
    values += [("waiver_file", w) for w in report.waiver_files]
    properties = ET.SubElement(suite, "properties")
    for name, value in values:
        ET.SubElement(properties, "property", name=name, value=_clean(value))


def _text(root: ET.Element) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cs-align">'
_TAIL = "</testsuites>\n"


def _pieces(build: Callable[[ET.Element], None]) -> str:
    holder = ET.Element("holder")
    build(holder)
    return "".join(ET.tostring(child, encoding="unicode") for child in holder)


class JunitReporter:
    """JUnit XML: a suite per plan, a case per rule; what fails follows --fail-on."""

    def render(self, results: Results) -> str:
        body = "".join(self.render_one(r, results.fail_on) for r in results.reports)
        return _HEAD + body + self.tail([], results.problems)

    def render_one(self, report: Report, fail_on: Severity) -> str:
        return _pieces(lambda holder: _suite(holder, report, fail_on))

    def limiter(self) -> None:
        return None

    def head(self) -> str:
        return _HEAD

    def separator(self) -> str:
        return ""

    def tail(self, summaries: Sequence[Summary], problems: Sequence[Problem]) -> str:
        by_file: dict[str, list[Problem]] = {}
        for problem in problems:
            by_file.setdefault(problem.file, []).append(problem)

        def build(holder: ET.Element) -> None:
            for file, found in by_file.items():
                _unusable(holder, file, found)

        return _pieces(build) + _TAIL

    def render_diff(self, diff: PlanDiff, fail_on: Severity) -> str:
        return render_diff(diff, fail_on)


REPORTER = JunitReporter()


def render_unusable(results: Results, root: str) -> str:
    """Unusable input as the command ``root`` names its document: `diff`'s root is
    "cs-align diff" whether its plans were judged or not (a CI step that reads the root
    found "cs-align" when the proposal did not load, review user62)."""
    head = _HEAD.replace('name="cs-align"', f'name="{root}"')  # a name of cs-align's own
    return head + REPORTER.tail([], results.problems)


def render_diff(diff: PlanDiff, fail_on: Severity) -> str:
    """A `guardrails` suite: a case per guardrail (blocked ones fail) and a `fail_on` case
    (see `_fail_on`); then the proposal's own suite. Its failures are the diff's reasons to
    fail: there are some exactly when the exit code is 1."""
    from cs_align.config import GUARDRAILS

    root = ET.Element("testsuites", name="cs-align diff")
    tripped = {t.guardrail: t for t in diff.tripped}
    suite = ET.SubElement(
        root,
        "testsuite",
        name="guardrails",
        tests=str(len(GUARDRAILS) + 1),
        failures=str(len(diff.reasons(fail_on))),
        errors="0",
    )
    for name in GUARDRAILS:
        case = ET.SubElement(suite, "testcase", classname="guardrails", name=name)
        if name in tripped:
            t = tripped[name]
            tag = "failure" if t.action == "block" else "system-out"
            node = (
                ET.SubElement(case, tag, message=_clean(t.message))
                if tag == "failure"
                else ET.SubElement(case, tag)
            )
            node.text = _clean(f"[{t.action}] {t.message}")
    case = ET.SubElement(suite, "testcase", classname="guardrails", name="fail_on")
    _fail_on(case, diff, fail_on)
    suite.set("skipped", str(len(suite.findall("testcase/skipped"))))
    # Review input31 F11: the proposal's findings the base had failed their cases while the
    # diff passed, and test reporters showed "2 failed tests" on a passing pull request.
    known = frozenset(
        (c.finding.rule, c.finding.path, c.finding.message)
        for c in diff.findings
        if c.status == "unchanged"
    )
    _suite(root, diff.plan, fail_on, known)
    return _text(root)


def _fail_on(case: ET.Element, diff: PlanDiff, level: Severity) -> None:
    """New or worse findings at or above --fail-on fail the diff whatever the guardrails
    say: the case fails; it is skipped when the blocking no_new_errors names them already."""
    found = diff.findings_reason(level)
    if found is None:
        return
    text = f"{found.name}: {found.message}"
    if found in diff.reasons(level):
        ET.SubElement(case, "failure", message=_clean(text)[:500]).text = _clean(text)
    else:
        ET.SubElement(case, "skipped").text = _clean(f"no_new_errors blocks: {text}")
