"""GitHub Actions workflow commands: ::error file=…,line=…,col=…::message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cs_align.escaping import github_data, github_property
from cs_align.findings import Finding, Report, Severity, Summary

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff

_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def _line(file: str, f: Finding) -> str:
    where = f"file={github_property(f.file or file)},line={f.line},col={f.column}"
    return (
        f"::{_LEVEL[f.severity]} {where},title={github_property(f.rule)}::"
        f"{github_data(f.message)} — fix: {github_data(f.fix)}\n"
    )


def render(reports: list[Report]) -> str:
    return "".join(piece(r) for r in reports)


def piece(report: Report) -> str:
    """One plan's annotations; a waived finding is a notice that says who waived it."""
    return "".join(
        _line(report.file, f) if f.counts else _waived(report.file, f) for f in report.findings
    )


def _waived(file: str, f: Finding) -> str:
    assert f.waived is not None
    where = f"file={github_property(f.file or file)},line={f.line},col={f.column}"
    return (
        f"::notice {where},title={github_property('waived ' + f.rule)}::"
        f"{github_data(f.message)} — waived by {github_data(f.waived['owner'])} until "
        f"{f.waived['expires']}: {github_data(f.waived['reason'])}\n"
    )


def render_diff(diff: PlanDiff) -> str:
    """Annotations for what the proposal makes new or worse, and for tripped guardrails."""
    lines = [
        _line(diff.plan.file, c.finding)
        for c in diff.findings
        if c.status in ("new", "worse") and c.finding.counts
    ]
    for t in diff.tripped:
        level = "error" if t.action == "block" else "warning"
        title = github_property(f"guardrail {t.guardrail}")
        where = f"file={github_property(diff.plan.file)},line={t.line},col={t.column}"
        lines.append(f"::{level} {where},title={title}::{github_data(t.message)}\n")
    return "".join(lines)


class _Lines:
    takes_pieces = True

    def add(self, report: Report) -> str:
        return piece(report)

    def add_piece(self, text: str, summary: Summary) -> str:
        return text

    def close(self) -> str:
        return ""


def stream(total: int) -> _Lines:
    return _Lines()
