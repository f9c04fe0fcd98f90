"""JUnit XML: one testcase per rule per plan; failures carry the messages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from cs_align.escaping import visible
from cs_align.findings import Report, Severity, Summary

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff

_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    """User text as XML 1.0 can hold it: control characters (which XML cannot hold, even
    escaped) shown as \\xNN, as in every format; non-characters as \\uNNNN."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))


def _suite(root: ET.Element, report: Report) -> None:
    by_rule: dict[str, list[str]] = {}
    waived: dict[str, list[str]] = {}
    for f in report.findings:
        where = f"{f.file or report.file}:{f.line}:{f.column}"
        if f.waived:
            waived.setdefault(f.rule, []).append(
                f"{where}: waived by {f.waived['owner']} until {f.waived['expires']}: "
                f"{f.waived['reason']} ({f.message})"
            )
        elif f.severity >= Severity.warning:
            by_rule.setdefault(f.rule, []).append(
                f"{where}: [{f.severity.name}] {f.message} — fix: {f.fix}"
            )
    ids = sorted({*report.rules, *(f.rule for f in report.findings)})
    skipped = [r for r in waived if r not in by_rule]
    suite = ET.SubElement(
        root,
        "testsuite",
        name=_clean(report.file),
        tests=str(len(ids)),
        failures=str(len(by_rule)),
        skipped=str(len(skipped)),
    )
    _properties(suite, report)
    for rule_id in ids:
        case = ET.SubElement(suite, "testcase", classname=_clean(report.file), name=rule_id)
        if rule_id in by_rule:
            failure = ET.SubElement(case, "failure", message=_clean(by_rule[rule_id][0])[:500])
            failure.text = _clean("\n".join(by_rule[rule_id]))
        elif rule_id in waived:
            ET.SubElement(case, "skipped", message=_clean(waived[rule_id][0])[:500])


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


def piece(report: Report) -> str:
    """One plan's <testsuite> element."""
    holder = ET.Element("holder")
    _suite(holder, report)
    return "".join(ET.tostring(child, encoding="unicode") for child in holder)


def render(reports: list[Report]) -> str:
    return _HEAD + "".join(piece(r) for r in reports) + _TAIL


class _Suites:
    takes_pieces = True

    def __init__(self) -> None:
        self.started = False

    def add(self, report: Report) -> str:
        return self.add_piece(piece(report), report.summary())

    def add_piece(self, text: str, summary: Summary) -> str:
        head = "" if self.started else _HEAD
        self.started = True
        return head + text

    def close(self) -> str:
        return ("" if self.started else _HEAD) + _TAIL


def stream(total: int) -> _Suites:
    return _Suites()


def render_diff(diff: PlanDiff) -> str:
    """A `guardrails` suite (blocked ones fail), then the proposal's own suite."""
    from cs_align.config import GUARDRAILS

    root = ET.Element("testsuites", name="cs-align diff")
    tripped = {t.guardrail: t for t in diff.tripped}
    blocked = [t for t in diff.tripped if t.action == "block"]
    suite = ET.SubElement(
        root, "testsuite", name="guardrails", tests=str(len(GUARDRAILS)), failures=str(len(blocked))
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
    _suite(root, diff.plan)
    return _text(root)
