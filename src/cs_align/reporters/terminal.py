"""The rich terminal view: verdict first, then findings with file:line, then areas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cs_align.findings import Report, Severity, Summary, clear_fit, close_to_best

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff

_STYLE = {"aligned": "bold green", "at-risk": "bold yellow", "misaligned": "bold red"}
_SEV = {Severity.error: "red", Severity.warning: "yellow", Severity.info: "blue"}


def _safe(text: str) -> str:
    """Plan text shown literally: no markup, no terminal escapes."""
    return escape(_safe_plain(text))


def render_report(report: Report) -> Group:
    parts: list[object] = []
    head = Text.from_markup(
        f"[{_STYLE[report.verdict]}]{report.verdict.upper()}[/]  "
        f"{_safe(report.organisation)} — declared strategy "
        f"[bold]{_safe(report.strategy)}[/]"
    )
    if report.revealed:
        head.append("\n" + revealed_line(report), style="dim")
    parts.append(Panel(head, title=_safe(report.file), title_align="left"))
    for f in report.findings:
        label = "waived" if f.waived else f.severity.name
        line = Text.from_markup(
            f"[{_SEV[f.severity]}]{label:>7}[/] "
            f"[dim]{_safe(report.file)}:{f.line}:{f.column}[/] "
            f"[bold]{f.rule}[/]  {_safe(f.message)}"
        )
        line.append(f"\n        fix: {f.fix}", style="dim")
        if f.waived:
            line.append(
                f"\n        waived: {f.waived['reason']} ({f.waived['owner']}, until "
                f"{f.waived['expires']})",
                style="dim",
            )
        parts.append(line)
    parts.append(_areas(report))
    for note in report.unmatched_waivers:
        parts.append(Text(f"note: {note}", style="yellow"))
    if report.metrics and report.metrics.assumptions:
        parts.append(Text("assumed: " + "; ".join(report.metrics.assumptions), style="dim"))
    return Group(*parts)  # type: ignore[arg-type]


def revealed_line(report: Report) -> str:
    """The declared strategy's fit beside the best one, or the strategies tied for best."""
    ranked = report.revealed
    mine = next((r for r in ranked if r.strategy == report.strategy), None)
    held = f"{mine.held}/{mine.applicable} rules hold (fit {mine.fit:+.2f}); " if mine else ""
    if clear_fit(ranked):
        return f"{held}figures fit best: {ranked[0].strategy} (fit {ranked[0].fit:+.2f})"
    close = ", ".join(
        f"{r.strategy} {r.fit:+.2f}" for r in ranked if r.strategy in close_to_best(ranked)
    )
    return f"{held}no clear fit: {close}"


def _areas(report: Report) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    for area, verdict in report.areas.items():
        count = sum(1 for f in report.findings if f.area == area and f.counts)
        table.add_row(area, Text(verdict, style=_STYLE[verdict]), f"{count} finding(s)")
    return table


FULL_UP_TO = 20
"""Larger batches show one line per plan, then the summary."""


class TerminalView:
    """The terminal view, plan by plan: full panels for a few plans, one line each for many.

    With ``console`` it prints there (colour on a terminal); otherwise ``add``/``close``
    return plain text.
    """

    def __init__(self, total: int, console: Console | None = None) -> None:
        import io

        self.total = total
        self.buffer = io.StringIO() if console is None else None
        self.console = console or Console(
            file=self.buffer,
            width=100,
            color_system=None,
            force_terminal=False,
            legacy_windows=False,
        )
        self.counts = {"aligned": 0, "at-risk": 0, "misaligned": 0}
        self.takes_pieces = total > FULL_UP_TO  # a row needs only the plan's summary

    def _take(self) -> str:
        if self.buffer is None:
            return ""
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text

    def add(self, report: Report) -> str:
        if self.takes_pieces:
            return self.add_piece(piece(report), report.summary())
        self.counts[report.verdict] += 1
        # Soft wrap: a finding stays one line however long its path (grep and editors read
        # file:line:col); a terminal folds it for the eye.
        self.console.print(render_report(report), soft_wrap=True)
        return self._take()

    def add_piece(self, text: str, summary: Summary) -> str:
        """One row: verdict, file, counts (``text`` is empty; the summary has it all)."""
        self.counts[summary.verdict] += 1
        self.console.print(
            Text.from_markup(
                f"[{_STYLE[summary.verdict]}]{summary.verdict:<10}[/] {_safe(summary.file)}  "
                f"[dim]{summary.errors} error(s), {summary.warnings} warning(s)[/]"
            ),
            soft_wrap=True,  # one row a plan, however long the path
        )
        return self._take()

    def close(self) -> str:
        if self.total > 1:
            summary = ", ".join(f"{n} {v}" for v, n in self.counts.items())
            self.console.print(f"{self.total} plans: {summary}", soft_wrap=True)
        return self._take()


def piece(report: Report) -> str:
    """Nothing beyond the summary: a row is built from the verdict and counts."""
    return ""


def stream(total: int, console: Console | None = None) -> TerminalView:
    return TerminalView(total, console)


def print_reports(reports: list[Report], console: Console) -> None:
    table = TerminalView(len(reports), console)
    for report in reports:
        table.add(report)
    table.close()


def render(reports: list[Report]) -> str:
    table = TerminalView(len(reports))
    return "".join([*(table.add(r) for r in reports), table.close()])


def render_diff(diff: PlanDiff) -> str:
    """A plain, column-aligned summary: the headline, budget, channels, findings."""
    from cs_align.reporters.markdown import headline

    def num(v: float | None, fmt: str = "{:.1f}") -> str:
        return "–" if v is None else fmt.format(v)

    lines = [
        headline(diff).replace("**", ""),
        f"{diff.base.file} → {diff.plan.file}",
        "",
    ]
    lines += [f"  {t.action:<5} {t.guardrail}: {t.message}" for t in diff.tripped]
    lines.append(f"\n  {'budget':<22}{'base':>16}{'proposal':>16}{'change':>14}")
    for c in (*diff.budget, diff.cost_per_contact):
        share = "" if c.share is None else f"{float(c.share) * 100:+.1f}%"
        lines.append(
            f"  {c.name:<22}{num(_f(c.before), '{:,.2f}'):>16}"
            f"{num(_f(c.after), '{:,.2f}'):>16}{share:>14}"
        )
    lines.append(
        f"\n  {'channel':<16}{'FTE base→prop (need)':>26}{'SL base→prop':>20}{'ASA base→prop':>18}"
    )
    for ch in diff.channels:
        fte = f"{num(ch.fte_before)}→{num(ch.fte_after)} ({num(ch.required_fte)})"
        sl = f"{num(_pc(ch.sl_before))}→{num(_pc(ch.sl_after))}%"
        asa = f"{num(ch.asa_before, '{:.0f}')}→{num(ch.asa_after, '{:.0f}')} s"
        lines.append(f"  {_safe_plain(ch.id):<16}{fte:>26}{sl:>20}{asa:>18}")
    lines.append("")
    for change in diff.findings:
        if change.status != "unchanged":
            f = change.finding
            lines.append(
                f"  {change.status:<6} {f.severity.name:<7} {f.rule}: {_safe_plain(f.message)}"
            )
    unchanged = diff.count("unchanged")
    if unchanged:
        lines.append(f"  ({unchanged} unchanged finding(s))")
    return "\n".join(lines) + "\n"


def _f(value: object) -> float | None:
    return None if value is None else float(str(value))


def _pc(value: float | None) -> float | None:
    return None if value is None else value * 100


def _safe_plain(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
