"""Output formats: each is render(reports) -> str; the CLI decides where text goes.

For large batches a format may also offer ``stream(total)``: an object whose ``add(report)``
returns the text for one plan as it is checked and ``close()`` the rest, so memory stays flat
however many plans there are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cs_align.findings import Report


class Stream(Protocol):
    def add(self, report: Report) -> str: ...

    def close(self) -> str: ...


class Buffered:
    """A format that needs every report before it can write anything."""

    def __init__(self, render: Callable[[list[Report]], str]) -> None:
        self.render = render
        self.reports: list[Report] = []

    def add(self, report: Report) -> str:
        self.reports.append(report)
        return ""

    def close(self) -> str:
        return self.render(self.reports)
