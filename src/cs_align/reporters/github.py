"""GitHub Actions workflow commands: ::error file=…,line=…,col=…::message."""

from __future__ import annotations

from cs_align.findings import Report, Severity

_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: list[Report]) -> str:
    lines = []
    for report in reports:
        for f in report.findings:
            if not f.counts:
                continue
            lines.append(
                f"::{_LEVEL[f.severity]} file={_prop(report.file)},line={f.line},"
                f"col={f.column},title={_prop(f.rule)}::{_data(f.message)} — fix: "
                f"{_data(f.fix)}"
            )
    return "".join(line + "\n" for line in lines)
