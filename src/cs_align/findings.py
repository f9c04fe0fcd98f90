"""Findings, reports and verdicts: frozen values the engine returns and reporters render."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

if TYPE_CHECKING:
    from pathlib import Path

    from cs_align.metrics import Metrics


class Severity(enum.IntEnum):
    info = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text]


def plural(count: int, noun: str) -> str:
    """ "1 finding", "2 findings"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


AREAS = ("staffing", "response targets", "budget", "practices", "strategy")
VERDICTS = ("aligned", "at-risk", "misaligned")


class Waived(TypedDict):
    """Who accepted a finding, why and until when, and where the waiver is written."""

    reason: str
    owner: str
    expires: str
    """The expiry date, YYYY-MM-DD."""
    file: str
    line: int
    """The line of the waiver's `rule` in ``file``."""


class Finding(NamedTuple):
    rule: str
    severity: Severity
    area: str
    title: str
    message: str
    path: str
    line: int
    column: int
    fix: str
    source: str
    strategy: str = ""
    waived: Waived | None = None
    file: str = ""
    """The file the line refers to, when it is not the plan (a waiver file)."""
    also: tuple[str, ...] = ()
    """Other areas the finding judges besides its own (a rule module's ``ALSO``): staff too
    few to keep a target is a staffing finding and a missed response target too."""

    @property
    def areas(self) -> tuple[str, ...]:
        return (self.area, *self.also)

    @property
    def counts(self) -> bool:
        """Whether it counts towards the verdict and exit code (waived ones do not)."""
        return self.waived is None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.name,
            "area": self.area,
            "title": self.title,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "fix": self.fix,
            "source": self.source,
            "strategy": self.strategy,
        }
        if self.waived is not None:
            data["waived"] = dict(self.waived)
        if self.file:
            data["file"] = self.file
        return data


_VERDICT: dict[Severity | None, str] = {
    None: "aligned",
    Severity.info: "aligned",
    Severity.warning: "at-risk",
    Severity.error: "misaligned",
}
"""The verdict for the worst severity that counts."""


def verdict_of(findings: list[Finding] | tuple[Finding, ...]) -> str:
    return _VERDICT[max((f.severity for f in findings if f.counts), default=None)]


class Ranking(NamedTuple):
    """How well the plan's figures fit one built-in strategy (see cs_align.reveal)."""

    strategy: str
    held: int
    """The strategy's rules that have something to judge in the plan and hold."""
    applicable: int
    """The strategy's rules that have something to judge in the plan."""
    fit: float = 0.0
    """Commitments kept minus twice those broken, each weighed by severity and by how
    distinctive it is, over the largest total weight of any strategy: -2 to 1."""
    errors: int = 0
    """Error-severity rules of the strategy the plan breaks."""
    warnings: int = 0
    """Warning-severity rules of the strategy the plan breaks."""

    @property
    def score(self) -> float:
        return self.fit


CLEAR_MARGIN = 0.05
"""Strategies whose fit is within this of the best are as good a fit: no fit is clear."""


def currency_in_doubt(finding: Finding) -> bool:
    """Whether ``finding`` is the warning that a strategy's amount states no currency over an
    entry in another than the plan's (engine._unstated): the one finding pointed at the
    plan's `currency:`. Its rule ran and may hold, on an amount read in the plan's
    currency."""
    return finding.path == "currency"


def close_to_best(rankings: tuple[Ranking, ...]) -> tuple[str, ...]:
    """The best strategy and every other within CLEAR_MARGIN of it."""
    if not rankings:
        return ()
    bar = rankings[0].fit - CLEAR_MARGIN
    return tuple(r.strategy for r in rankings if r.fit >= bar)


def clear_fit(rankings: tuple[Ranking, ...]) -> bool:
    """One strategy fits clearly best: ahead of the rest by the margin, and kept more than
    broken."""
    return bool(rankings) and rankings[0].fit > 0 and len(close_to_best(rankings)) == 1


class Summary(NamedTuple):
    """What a batch needs of a checked plan besides its text: verdict, exit status, counts."""

    file: str
    verdict: str
    worst: Severity | None
    errors: int
    warnings: int
    waived: int = 0

    def counts(self) -> str:
        """ "2 errors, 1 warning, 1 waived" — what a one-line summary says."""
        parts = [plural(self.errors, "error"), plural(self.warnings, "warning")]
        if self.waived:
            parts.append(f"{self.waived} waived")
        return ", ".join(parts)

    def fails(self, level: Severity) -> bool:
        return self.worst is not None and self.worst >= level


@dataclass(frozen=True)
class Report:
    file: str
    organisation: str
    strategy: str
    findings: tuple[Finding, ...]
    metrics: Metrics | None = None
    revealed: tuple[Ranking, ...] = ()
    unmatched_waivers: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    """Ids of the rules the plan was checked against."""
    policy_files: tuple[Path, ...] = ()
    """The strategy files (not built-ins) whose rules judged the plan."""
    config: str = ""
    """The config file in force, as reports show it ("" when none)."""
    waiver_files: tuple[str, ...] = ()
    """The waiver files applied beside the plan's own waivers."""
    declared: str = ""
    """The strategy the plan declares, when another judged it (`--strategy`,
    CS_ALIGN_STRATEGY): "" when the plan was judged by its own."""
    currency: str = ""
    """The plan's currency (ISO 4217), of every amount the report gives ("" when unknown)."""
    fit: Ranking | None = None
    """A strategy file's own fit to the plan (`reveal.fit_of`), beside the built-ins' in
    ``revealed``; None for a built-in, whose fit is among them."""

    @property
    def verdict(self) -> str:
        return verdict_of(self.findings)

    @property
    def areas(self) -> dict[str, str]:
        worst: dict[str, Severity] = {}
        for f in self.findings:
            for area in f.areas if f.counts else ():
                if f.severity > worst.get(area, 0):
                    worst[area] = f.severity
        return {area: _VERDICT[worst.get(area)] for area in AREAS}

    def fails(self, level: Severity) -> bool:
        return self.summary().fails(level)

    def summary(self) -> Summary:
        counting = [f.severity for f in self.findings if f.counts]
        worst = max(counting, default=None)
        return Summary(
            file=self.file,
            verdict=_VERDICT[worst],
            worst=worst,
            errors=counting.count(Severity.error),
            warnings=counting.count(Severity.warning),
            waived=len(self.findings) - len(counting),
        )
