"""JUnit XML: one testcase per rule per plan; failures carry the messages."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from cs_align.findings import Report, Severity

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render(reports: list[Report]) -> str:
    from cs_align.strategy import builtin_files, load_strategy

    root = ET.Element("testsuites", name="cs-align")
    for report in reports:
        by_rule: dict[str, list[str]] = {}
        for f in report.findings:
            if f.counts and f.severity >= Severity.warning:
                by_rule.setdefault(f.rule, []).append(
                    f"{report.file}:{f.line}:{f.column}: [{f.severity.name}] {f.message} — "
                    f"fix: {f.fix}"
                )
        ids = {f.rule for f in report.findings}
        first = report.strategy.split(" + ")[0]
        if first in builtin_files():
            ids |= {r.id for r in load_strategy(builtin_files()[first]).rules}
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(report.file),
            tests=str(len(ids)),
            failures=str(len(by_rule)),
        )
        for rule_id in sorted(ids):
            case = ET.SubElement(suite, "testcase", classname=_clean(report.file), name=rule_id)
            if rule_id in by_rule:
                failure = ET.SubElement(case, "failure", message=_clean(by_rule[rule_id][0])[:500])
                failure.text = _clean("\n".join(by_rule[rule_id]))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
