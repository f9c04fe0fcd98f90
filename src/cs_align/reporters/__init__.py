"""Output formats: each is render(reports) -> str; the CLI decides where text goes.

For large batches a format may also offer ``stream(total)``: an object whose ``add(report)``
returns the text for one plan as it is checked and ``close()`` the rest, so memory stays flat
however many plans there are.

Where a plan's text depends on that plan alone, the format also offers ``piece(report)``, a
module-level function that worker processes run, and its stream says ``takes_pieces`` and
places that text with ``add_piece(text, summary)``. ``add(report)`` is then exactly
``add_piece(piece(report), report.summary())``; the main process of a large batch only
places text and never rebuilds reports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cs_align.findings import Report, Summary


class Stream(Protocol):
    takes_pieces: bool

    def add(self, report: Report) -> str: ...

    def add_piece(self, text: str, summary: Summary) -> str: ...

    def close(self) -> str: ...


class Buffered:
    """A format that needs every report before it can write anything."""

    takes_pieces = False

    def __init__(self, render: Callable[[list[Report]], str]) -> None:
        self.render = render
        self.reports: list[Report] = []

    def add(self, report: Report) -> str:
        self.reports.append(report)
        return ""

    def add_piece(self, text: str, summary: Summary) -> str:
        raise TypeError("a buffered format needs whole reports")

    def close(self) -> str:
        return self.render(self.reports)
