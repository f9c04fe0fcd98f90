"""Output formats: one typed registry from a format name to its reporter.

A reporter renders a run's :class:`Results` (the checked plans, the unusable inputs, the
--fail-on level) and a :class:`~cs_align.diff.PlanDiff` to text; the command decides where
the text goes. A format whose text for a plan depends on that plan alone is also
:class:`Streamable`: large batches then stream it plan by plan through one :class:`Batch`,
with workers rendering each plan's piece, so memory stays flat however many plans there are.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

from cs_align.findings import Severity, Summary

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff
    from cs_align.errors import Problem
    from cs_align.findings import Report

STREAM_FROM = 21
"""From this many plans, streamable formats stream (JSON one plan a line, the table one line
a plan); fewer are rendered whole."""


class Results(NamedTuple):
    """What a run produced, as every format renders it."""

    reports: Sequence[Report]
    problems: Sequence[Problem] = ()
    """Inputs that could not be used (exit code 2): every format shows them."""
    fail_on: Severity = Severity.error


class Reporter(Protocol):
    def render(self, results: Results) -> str: ...

    def render_diff(self, diff: PlanDiff, fail_on: Severity) -> str: ...


@runtime_checkable
class Streamable(Protocol):
    """A format whose text for a plan needs that plan alone."""

    def render_one(self, report: Report, fail_on: Severity) -> str:
        """One plan's text, as a large batch streams it (worker processes run this)."""

    def head(self) -> str: ...

    def separator(self) -> str: ...

    def tail(self, summaries: Sequence[Summary], problems: Sequence[Problem]) -> str: ...

    def limiter(self) -> Limit | None:
        """What a streamed run passes its text through, or None: a format whose consumer
        shows only so many lines (GitHub's annotations) holds some back until the run ends."""


class Limit(Protocol):
    def feed(self, text: str) -> str: ...

    def close(self) -> str: ...


def _terminal() -> Reporter:
    from cs_align.reporters.terminal import REPORTER

    return REPORTER


def _json() -> Reporter:
    from cs_align.reporters.json import REPORTER

    return REPORTER


def _sarif() -> Reporter:
    from cs_align.reporters.sarif import REPORTER

    return REPORTER


def _junit() -> Reporter:
    from cs_align.reporters.junit import REPORTER

    return REPORTER


def _markdown() -> Reporter:
    from cs_align.reporters.markdown import REPORTER

    return REPORTER


def _github() -> Reporter:
    from cs_align.reporters.github import REPORTER

    return REPORTER


REGISTRY: dict[str, Callable[[], Reporter]] = {
    "table": _terminal,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "markdown": _markdown,
    "github": _github,
}
"""Format name → its reporter, imported only when that format is asked for."""
FORMATS = tuple(REGISTRY)
ALIASES = {"md": "markdown"}
"""Other names a format answers to: `report` calls Markdown `md`, so `check` takes it too."""


def reporter(name: str) -> Reporter:
    return REGISTRY[name]()


@functools.cache
def streamer(name: str) -> Streamable | None:
    """The format's reporter when its text for a plan needs that plan alone, else None.

    Asked once per format: a batch asks for every plan, and a protocol check is slow."""
    found = reporter(name)
    return found if isinstance(found, Streamable) else None


def streams(name: str, total: int) -> bool:
    """Whether a batch of ``total`` plans streams this format."""
    return total >= STREAM_FROM and streamer(name) is not None


class Batch:
    """One format's text for a run, given plan by plan: streamed piece by piece when the
    format is streamable and the batch large, else kept and rendered whole at the end."""

    def __init__(self, name: str, total: int, fail_on: Severity, colour: bool = False) -> None:
        self.reporter, self.fail_on = reporter(name), fail_on
        if colour:
            from cs_align.reporters.terminal import TerminalReporter

            self.reporter = TerminalReporter(colour=True)
        self.streaming = streams(name, total)
        self.stream = self.reporter if isinstance(self.reporter, Streamable) else None
        self.reports: list[Report] = []
        self.summaries: list[Summary] = []
        self.limit = self.stream.limiter() if self.stream and self.streaming else None

    def add(self, report: Report | None, piece: str | None, summary: Summary) -> str:
        """A checked plan: its report (kept when rendering whole), or its streamed piece."""
        if not self.streaming:
            assert report is not None
            self.reports.append(report)
            return ""
        stream = self.stream
        assert stream is not None
        if piece is None:
            assert report is not None
            piece = stream.render_one(report, self.fail_on)
        opening = stream.head() if not self.summaries else stream.separator()
        self.summaries.append(summary)
        return self.limit.feed(opening + piece) if self.limit else opening + piece

    def close(self, problems: Sequence[Problem] = ()) -> str:
        if not self.streaming:
            return self.reporter.render(
                Results(reports=self.reports, problems=problems, fail_on=self.fail_on)
            )
        assert self.stream is not None
        opening = self.stream.head() if not self.summaries else ""
        text = opening + self.stream.tail(self.summaries, problems)
        return self.limit.feed(text) + self.limit.close() if self.limit else text
