"""GitHub Actions workflow commands: ::error file=…,line=…,col=…::message."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cs_align.escaping import github_data, github_property
from cs_align.findings import Finding, Report, Severity, Summary
from cs_align.reporters import Results

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff
    from cs_align.errors import Problem

_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def _line(file: str, f: Finding) -> str:
    where = f"file={github_property(f.file or file)},line={f.line},col={f.column}"
    return (
        f"::{_LEVEL[f.severity]} {where},title={github_property(f.rule)}::"
        f"{github_data(f.message)} — fix: {github_data(f.fix)}\n"
    )


def _plan(report: Report) -> str:
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


def _problem(p: Problem) -> str:
    """Unusable input as an error annotation at its file:line:col."""
    where = f"file={github_property(p.file)}"
    if p.line:
        where += f",line={p.line},col={max(p.column, 1)}"
    fix = f" — fix: {github_data(p.fix)}" if p.fix else ""
    return f"::error {where},title=input-error::{github_data(p.message)}{fix}\n"


SHOWN = 10
"""Annotations of one level GitHub shows for a step: 10 errors, 10 warnings, 10 notices
(actions/toolkit, docs/problem-matchers.md); it drops the others without a word."""
MORE = "cs-align: more annotations"
"""The title of the annotation that says how many more a level has."""
_NOUN = {"error": "errors", "warning": "warnings", "notice": "notices"}


class Shown:
    """Annotations as GitHub shows them, fed line by line as a run writes them: the first
    nine of each level as they come; when a level has more than GitHub shows a step, the
    tenth says how many more there are, and they follow it (the log prints each, unshown as
    an annotation). Without it a batch's eleventh error was dropped silently, and the pull
    request showed ten errors as if they were all (review user50 G1). A line of ours from an
    earlier run (the Action merges several) is counted afresh, not kept."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.held: dict[str, list[str]] = {level: [] for level in _NOUN}

    def feed(self, text: str) -> str:
        out = []
        for line in text.splitlines(keepends=True):
            level = line[2:].partition(" ")[0].partition("::")[0] if line[:2] == "::" else ""
            if level not in _NOUN:
                out.append(line)
            elif f"title={github_property(MORE)}::" not in line:
                self.counts[level] += 1
                (out if self.counts[level] < SHOWN else self.held[level]).append(line)
        return "".join(out)

    def close(self) -> str:
        out = []
        for level, held in self.held.items():
            if len(held) > 1:
                out.append(
                    f"::{level} title={github_property(MORE)}::{len(held)} more {_NOUN[level]}: "
                    f"GitHub shows {SHOWN} {_NOUN[level]} a step, so these {len(held)} are in "
                    "the step's log only, after this line (every finding is also in the other "
                    "formats: -f sarif, markdown or table)\n"
                )
            out += held
        return "".join(out)


def shown(text: str) -> str:
    """A whole run's annotations, as `Shown` lets GitHub show them."""
    limit = Shown()
    return limit.feed(text) + limit.close()


class GithubReporter:
    """GitHub Actions workflow commands: an annotation per finding and per unusable input."""

    def render(self, results: Results) -> str:
        return shown("".join(_plan(r) for r in results.reports) + self.tail([], results.problems))

    def limiter(self) -> Shown:
        """What a streamed run passes its text through (see `Shown`)."""
        return Shown()

    def render_one(self, report: Report, fail_on: Severity) -> str:
        return _plan(report)

    def head(self) -> str:
        return ""

    def separator(self) -> str:
        return ""

    def tail(self, summaries: Sequence[Summary], problems: Sequence[Problem]) -> str:
        return "".join(map(_problem, problems))

    def render_diff(self, diff: PlanDiff, fail_on: Severity) -> str:
        return shown(self._diff(diff, fail_on))

    def _diff(self, diff: PlanDiff, fail_on: Severity) -> str:
        """Annotations for what the proposal makes new or worse (a notice when waived), and
        tripped guardrails."""
        lines = [
            _line(diff.plan.file, c.finding)
            if c.finding.counts
            else _waived(diff.plan.file, c.finding)
            for c in diff.findings
            if c.status in ("new", "worse")
        ]
        for t in diff.tripped:
            level = "error" if t.action == "block" else "warning"
            title = github_property(f"guardrail {t.guardrail}")
            where = f"file={github_property(diff.plan.file)},line={t.line},col={t.column}"
            lines.append(f"::{level} {where},title={title}::{github_data(t.message)}\n")
        for r in diff.reasons(fail_on):
            if not r.guardrail:
                where = (
                    f"file={github_property(r.file or diff.plan.file)},line={r.line},col={r.column}"
                )
                title = github_property(f"blocked by {r.name}")
                lines.append(f"::error {where},title={title}::{github_data(r.message)}\n")
        return "".join(lines)


REPORTER = GithubReporter()


def main() -> None:
    """Standard input's annotations, from one run or several, as `Shown` lets GitHub show
    them in one step (the Action merges a check's and each diff's)."""
    sys.stdout.write(shown(sys.stdin.read()))


if __name__ == "__main__":
    main()
