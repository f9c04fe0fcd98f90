"""The rich terminal view: verdict first, then findings with file:line, then areas."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cs_align.escaping import terminal, visible
from cs_align.findings import (
    Report,
    Severity,
    Summary,
    clear_fit,
    close_to_best,
    currency_in_doubt,
    plural,
)
from cs_align.reporters import STREAM_FROM, Results
from cs_align.rules.base import NOT_CHECKED
from cs_align.units import (
    any_cents,
    column_need,
    column_planned,
    fmt_amount,
    fmt_change,
    fmt_share,
    fmt_wait,
)

if TYPE_CHECKING:
    from cs_align.diff import FindingChange, PlanDiff
    from cs_align.errors import Problem

_STYLE = {"aligned": "bold green", "at-risk": "bold yellow", "misaligned": "bold red"}
_SEV = {Severity.error: "red", Severity.warning: "yellow", Severity.info: "blue"}


def _markup(text: str, style: str = "") -> Text:
    """Text from our rich markup, with user text in it as `escaping.terminal` gives it. Every
    markup this view reads is read here, emoji codes off: rich turns `:name:` into an emoji
    wherever it reads markup, and markup's escape leaves colons alone, so a plan named
    `Acme :white_check_mark: ALIGNED` showed "Acme ✅ ALIGNED", and a file so named was
    `✅ ALIGNED.yaml:39:17` in each finding, a path no editor opens (review inject62)."""
    return Text.from_markup(text, style=style, emoji=False)


def render_report(report: Report) -> Group:
    parts: list[object] = []
    judged_by = (
        f"strategy [bold]{terminal(report.strategy)}[/], not the declared "
        f"{terminal(report.declared)}"
        if report.declared
        else f"declared strategy [bold]{terminal(report.strategy)}[/]"
    )
    head = _markup(
        f"[{_STYLE[report.verdict]}]{report.verdict.upper()}[/]  "
        f"{terminal(report.organisation)} — {judged_by}"
    )
    if report.revealed:
        head.append("\n" + revealed_line(report), style="dim")
    judged = [f"config {report.config}"] if report.config else []
    judged += [f"waivers {w}" for w in report.waiver_files]
    if judged:
        head.append("\njudged with " + visible("; ".join(judged)), style="dim")
    parts.append(_Headed(terminal(report.file), head))
    for f in report.findings:
        label = "waived" if f.waived else f.severity.name
        line = _markup(
            f"[{_SEV[f.severity]}]{label:>7}[/] "
            f"[dim]{terminal(f.file or report.file)}:{f.line}:{f.column}[/] "
            f"[bold]{f.rule}[/]  {terminal(f.message)}"
        )
        line.append(f"\n        fix: {visible(f.fix)}", style="dim")
        if f.waived:
            line.append(
                f"\n        waived: {visible(f.waived['reason'])} "
                f"({visible(f.waived['owner'])}, until {f.waived['expires']})",
                style="dim",
            )
        parts.append(line)
    parts.append(_areas(report))
    for note in report.unmatched_waivers:
        parts.append(Text(f"note: {visible(note)}", style="yellow"))
    if report.metrics and report.metrics.assumptions:
        notes = "; ".join(report.metrics.assumptions)
        parts.append(Text("assumed: " + visible(notes), style="dim"))
    return Group(*parts)  # type: ignore[arg-type]


class _Headed:
    """The verdict box, titled with the plan's path: where the terminal is too narrow for the
    path in the border, the path is the box's first line instead. Rich cut a title to the
    width without a mark (COLUMNS=40 showed `examples/delight-fedex-misaligned.y`), and two
    plans of a folder whose paths differ at the end read as one (user54)."""

    def __init__(self, title: str, head: Text) -> None:
        self.title, self.head = title, head

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # A titled border is "╭─ " + title + " ─" + "╮": the title and six cells.
        title = _markup(self.title)  # a str title is read as markup, emoji codes on
        if title.cell_len + 6 <= options.max_width:
            yield Panel(self.head, title=title, title_align="left")
            return
        body = _markup(self.title, style="bold")
        body.append("\n")
        body.append_text(self.head)
        yield Panel(body)


def revealed_line(report: Report) -> str:
    """The declared strategy's fit beside the best one, or the strategies tied for best."""
    ranked = report.revealed
    mine = report.fit or next((r for r in ranked if r.strategy == report.strategy), None)
    held = ""
    if mine:
        # A rule the plan gives no figure for is no evidence either way, so the ranking leaves
        # it out of the count; said here, "26/26 rules hold" is not read beside its error.
        unchecked = {f.rule for f in report.findings if f.counts and NOT_CHECKED in f.message}
        but = f", {plural(len(unchecked), 'rule')} cannot be checked" if unchecked else ""
        # Nor "27/27 rules hold" beside a warning that one of them read an amount the
        # strategy states no currency for in the plan's (review outputs60, left).
        doubted = {f.rule for f in report.findings if f.counts and currency_in_doubt(f)}
        if doubted:
            but += f", {plural(len(doubted), 'rule')} judged by an amount with no currency"
        held = f"{mine.held}/{mine.applicable} rules hold{but} (fit {mine.fit:+.2f}); "
    if clear_fit(ranked):
        return f"{held}figures fit best: {ranked[0].strategy} (fit {ranked[0].fit:+.2f})"
    close = ", ".join(
        f"{r.strategy} {r.fit:+.2f}" for r in ranked if r.strategy in close_to_best(ranked)
    )
    return f"{held}no clear fit: {close}"


def _areas(report: Report) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    for area, verdict in report.areas.items():
        count = sum(1 for f in report.findings if area in f.areas and f.counts)
        waived = sum(1 for f in report.findings if area in f.areas and f.waived)
        shared = [f.area for f in report.findings if f.counts and area in f.also]
        notes = [f"{waived} waived"] if waived else []
        notes += [f"{n} also counted under {a}" for a, n in sorted(Counter(shared).items())]
        note = f" ({'; '.join(notes)})" if notes else ""
        table.add_row(area, Text(verdict, style=_STYLE[verdict]), plural(count, "finding") + note)
    return table


def _columns() -> int:
    """Width of output that is no terminal (a pipe, a CI log): COLUMNS when it says one (200
    widens a headline a long organisation name or mix would crop), from 40 to 1,000
    columns; else 100."""
    import os

    text = os.environ.get("COLUMNS", "")
    if not text.isdecimal() or not text.isascii():
        return 100
    return min(max(int(text), 40), 1000)  # narrower than 40 is read as 40 (review user26 U10)


def no_colour() -> bool:
    """NO_COLOR set and not empty (https://no-color.org): the terminal gets plain text, no
    ANSI escape at all. rich, left to itself, drops the colours but keeps bold and dim
    (review user55: `NO_COLOR=1` still printed `\\e[1mMISALIGNED`); the standard asks for
    no colour, and who sets it (a screen reader, a terminal that shows escapes as text, a
    recorded session) wants none of the styling either: every word of the view says what
    its style did (the verdict, the severity)."""
    import os

    return bool(os.environ.get("NO_COLOR"))


class TerminalReporter:
    """The terminal view: full panels for a few plans, one line each for many, then a
    summary line. ``colour`` writes ANSI colour (for an interactive terminal)."""

    def __init__(self, colour: bool = False) -> None:
        self.colour = colour

    def _print(self, *items: object) -> str:
        import io
        import shutil

        buffer = io.StringIO()
        width = shutil.get_terminal_size((100, 24)).columns if self.colour else _columns()
        styled = self.colour and not no_colour()
        console = Console(
            file=buffer,
            width=width,
            color_system="auto" if styled else None,
            force_terminal=styled,
            legacy_windows=False,
            emoji=False,  # what it prints as a str (the tail) is read as markup too
        )
        for item in items:
            # Soft wrap: a finding or row stays one line however long its path (grep and
            # editors read file:line:col); a terminal folds it for the eye. The headline's
            # box wraps its lines instead: soft-wrapped, a narrow terminal cut them off
            # ("declared strateg", review user19 U12).
            parts = item.renderables if isinstance(item, Group) else [item]
            for part in parts:
                console.print(part, soft_wrap=not isinstance(part, Panel | _Headed))
        # rich pads a table's cells to its widest: the area lines ended in up to 40 blanks
        # that a diff of two runs, an editor and a CI log show (review user62).
        return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())

    def render(self, results: Results) -> str:
        reports = results.reports
        if len(reports) >= STREAM_FROM:
            rows = "".join(self.render_one(r, results.fail_on) for r in reports)
            return rows + self.tail([r.summary() for r in reports], results.problems)
        text = self._print(*(render_report(r) for r in reports))
        if len(reports) + len(results.problems) > 1:
            text += self.tail([r.summary() for r in reports], results.problems)
        return text

    def render_one(self, report: Report, fail_on: Severity) -> str:
        summary = report.summary()
        return self._print(
            _markup(
                f"[{_STYLE[summary.verdict]}]{summary.verdict:<10}[/] {terminal(summary.file)}  "
                f"[dim]{summary.counts()}[/]"
            )
        )

    def limiter(self) -> None:
        return None

    def head(self) -> str:
        return ""

    def separator(self) -> str:
        return ""

    def tail(self, summaries: Sequence[Summary], problems: Sequence[Problem]) -> str:
        counts = dict.fromkeys(("aligned", "at-risk", "misaligned"), 0)
        for summary in summaries:
            counts[summary.verdict] += 1
        parts = [f"{n} {v}" for v, n in counts.items()]
        unusable = len({p.file for p in problems})
        if unusable:
            parts.append(f"{unusable} unusable (see the messages on stderr)")
        total = len(summaries) + unusable
        return self._print(f"{plural(total, 'plan')}: {', '.join(parts)}")

    def render_diff(self, diff: PlanDiff, fail_on: Severity) -> str:
        return render_diff(diff, fail_on)


REPORTER = TerminalReporter()


def render_diff(diff: PlanDiff, level: Severity = Severity.error) -> str:
    """A plain, column-aligned summary: the headline, why it blocks, budget, channels,
    findings."""
    from cs_align.reporters.markdown import headline, organisations

    def num(v: float | None, fmt: str = "{:.1f}") -> str:
        return "–" if v is None else fmt.format(v)

    after = "deleted" if diff.status == "deleted" else diff.plan.file  # review out29 R10
    lines = [
        headline(diff, level, str, ""),
        f"{diff.base.file} → {after} ({organisations(diff)})",
        "",
    ]
    lines += [f"  {t.action:<5} {t.guardrail}: {t.message}" for t in diff.tripped]
    lines += [f"  block {r.name}: {r.message}" for r in diff.reasons(level) if not r.guardrail]
    budget = [(f"budget ({diff.currencies})", "base", "proposal", "change")]
    cents = any_cents(
        [(c.before, diff.base_currency) for c in diff.budget]
        + [(c.after, diff.currency) for c in diff.budget]
    )
    for c in (*diff.budget, diff.cost_per_contact):
        share = "" if c.share is None else fmt_change(c.share)
        before = "–" if c.before is None else fmt_amount(c.before, diff.base_currency, cents=cents)
        after = "–" if c.after is None else fmt_amount(c.after, diff.currency, cents=cents)
        budget.append((c.name, before, after, share))
    channels = [("channel", "FTE base→prop (need)", "SL base→prop", "ASA base→prop")]
    for ch in diff.channels:
        before, after = column_planned(ch.fte_before), column_planned(ch.fte_after)
        fte = f"{before}→{after} ({column_need(ch.needed_fte, ch.fte_after)})"
        sl = f"{_level(ch.sl_before, ch.goal_share)}→{_level(ch.sl_after, ch.goal_share)}"
        asa = f"{_wait(ch.asa_before, ch.goal_asa)}→{_wait(ch.asa_after, ch.goal_asa)}"
        channels.append((ch.id, fte, sl, asa))
    lines += ["", *_aligned(budget, (22, 16, 16, 14)), "", *_aligned(channels, (16, 26, 20, 18))]
    lines.append("")
    if diff.assumptions:
        lines.append("  sized from (base → proposal):")
        lines += [f"    {a.name}: {a.before} → {a.after}" for a in diff.assumptions]
        lines.append("")
    for change in diff.findings:
        if change.status != "unchanged" or change.finding.waived:
            lines += _change(change)
    unchanged = diff.count("unchanged")
    if unchanged:
        lines.append(f"  ({plural(unchanged, 'unchanged finding')})")
    # Every line is ours; a control character in one came from user text (a budget line's
    # name, a file name, a message): each line is shown visibly, and cannot start with `::`.
    return "\n".join(map(visible, lines)) + "\n"


def _aligned(rows: Sequence[tuple[str, ...]], widths: tuple[int, ...]) -> list[str]:
    """Rows as columns of at least ``widths``: the first left-aligned, the others right; a
    column widens to keep two spaces before its longest cell (a 19h13m48s ASA ran into the
    service level beside it, review calc26 C4)."""
    wide = [
        max(width, *(len(row[i]) + (2 if i else 1) for row in rows))
        for i, width in enumerate(widths)
    ]
    return [
        "  "
        + row[0].ljust(wide[0])
        + "".join(c.rjust(w) for c, w in zip(row[1:], wide[1:], strict=True))
        for row in rows
    ]


def _change(change: FindingChange) -> list[str]:
    """A finding of the diff: its status, severity (or `waived`, with the waiver), rule.
    Unchanged findings are listed only when waived: a reviewer sees every waiver in force."""
    f = change.finding
    label = "waived" if f.waived else f.severity.name
    line = f"  {change.status:<9} {label:<7} {f.rule}: {f.message}"
    if f.waived is None:
        return [line]
    w = f.waived
    return [line, f"{'':20}waived by {w['owner']} until {w['expires']}: {w['reason']}"]


def _wait(value: float | None, target: float | None = None) -> str:
    """A wait as every output shows it, beside the target it is judged on (`fmt_wait`)."""
    return "–" if value is None else fmt_wait(value, target)


def _level(value: float | None, target: float | None) -> str:
    """A service level as every output shows it (see ``fmt_share``)."""
    return "–" if value is None else fmt_share(value, target)
