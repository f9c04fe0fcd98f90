"""The rich terminal view: verdict first, then findings with file:line, then areas."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cs_align.findings import Report, Severity

_STYLE = {"aligned": "bold green", "at-risk": "bold yellow", "misaligned": "bold red"}
_SEV = {Severity.error: "red", Severity.warning: "yellow", Severity.info: "blue"}


def _safe(text: str) -> str:
    """Plan text shown literally: no markup, no terminal escapes."""
    cleaned = "".join(c if c.isprintable() or c == "\n" else f"\\x{ord(c):02x}" for c in text)
    return escape(cleaned)


def render_report(report: Report) -> Group:
    parts: list[object] = []
    head = Text.from_markup(
        f"[{_STYLE[report.verdict]}]{report.verdict.upper()}[/]  "
        f"{_safe(report.organisation)} — declared strategy "
        f"[bold]{_safe(report.strategy)}[/]"
    )
    if report.revealed:
        best = report.revealed[0]
        mine = next((r for r in report.revealed if r.strategy == report.strategy), None)
        fit = f"{mine.held}/{mine.applicable} rules hold; " if mine else ""
        head.append(
            f"\n{fit}figures fit best: {best.strategy} ({best.held}/{best.applicable})", style="dim"
        )
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


def _areas(report: Report) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    for area, verdict in report.areas.items():
        count = sum(1 for f in report.findings if f.area == area and f.counts)
        table.add_row(area, Text(verdict, style=_STYLE[verdict]), f"{count} finding(s)")
    return table


def print_reports(reports: list[Report], console: Console) -> None:
    for report in reports:
        console.print(render_report(report))
    if len(reports) > 1:
        counts = {
            v: sum(1 for r in reports if r.verdict == v)
            for v in ("aligned", "at-risk", "misaligned")
        }
        console.print(f"{len(reports)} plans: " + ", ".join(f"{n} {v}" for v, n in counts.items()))


def render(reports: list[Report]) -> str:
    import io

    buffer = io.StringIO()
    print_reports(
        reports,
        Console(
            file=buffer, width=100, color_system=None, force_terminal=False, legacy_windows=False
        ),
    )
    return buffer.getvalue()
