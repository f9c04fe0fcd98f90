"""Markdown for a pull-request comment: marker, one-line verdict, table, details."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cs_align.escaping import code, markdown, markdown_prose
from cs_align.findings import Finding, Report, Severity, plural
from cs_align.prcomment import LIMIT, TRUNCATED, truncate
from cs_align.reporters import Results
from cs_align.units import column_need, column_planned, fmt_change, fmt_fte, fmt_share, shown_need

if TYPE_CHECKING:
    from cs_align.diff import Change, PlanDiff
    from cs_align.errors import Problem

MARKER = "<!-- cs-align-report -->"
_ICON = {"aligned": "✅", "at-risk": "⚠️", "misaligned": "❌"}


def _column(figure: str) -> str:
    """A table's FTE to at least a tenth, as its other rows: 6.0, not 6."""
    return figure if "." in figure else f"{figure}.0"


def _finding(f: Finding, file: str, tag: str) -> str:
    return (
        f"- **{tag}** {code(f.rule)} ({markdown(f.file or file)}:{f.line}:{f.column}) "
        f"{markdown_prose(f.message)} — *fix:* {markdown_prose(f.fix)}{_waiver(f)}"
    )


def _waiver(f: Finding) -> str:
    """Who waived a finding, until when and why (waiver text is untrusted: escaped)."""
    if f.waived is None:
        return ""
    w = f.waived
    return (
        f" — *waived by* {markdown(w['owner'])} until {markdown(w['expires'])}: "
        f"{markdown(w['reason'])}"
    )


def _unmatched(report: Report) -> list[str]:
    """Waivers that matched no finding: stale, or a typo in their rule or path."""
    if not report.unmatched_waivers:
        return []
    notes = [f"- *unmatched waiver:* {markdown(note)}" for note in report.unmatched_waivers]
    return [*notes, ""]


def _heading(report: Report) -> str:
    """How a plan's section begins (a cut check counts the plans it shows by it)."""
    return f"### {_ICON[report.verdict]} {markdown(report.file)} — "


def _plan(report: Report) -> list[str]:
    lines = [
        f"{_heading(report)}**{report.verdict}** "
        f"({markdown(report.organisation)}, strategy {markdown(report.strategy)}"
        + (f", not the declared {markdown(report.declared)}" if report.declared else "")
        + ")",
        "",
    ]
    judged = [f"config {markdown(report.config)}"] if report.config else []
    judged += [f"waivers {markdown(w)}" for w in report.waiver_files]
    if judged:
        lines += ["*judged with " + "; ".join(judged) + "*", ""]
    m = report.metrics
    if m is not None and m.channels:
        lines += [
            "| channel | needed FTE | planned FTE | target | achieved |",
            "|---|---:|---:|---|---|",
        ]
        for c in m.channels:
            share = c.goal.share if c.goal.kind == "service_level" else None
            achieved = _pct(c.service_level, share)
            needed = fmt_fte(shown_need(c.needed_fte, c.planned_fte))
            lines.append(
                f"| {markdown(c.id)} | {_column(needed)} | "
                f"{_column(fmt_fte(c.planned_fte))} | "
                f"{markdown(c.goal.full_text or c.target_text) or '–'} | {achieved} |"
            )
        lines.append("")
    counted = [f for f in report.findings if f.counts]
    if report.findings:
        waived = len(report.findings) - len(counted)
        note = f", {waived} waived" if waived else ""
        lines += [f"<details><summary>{plural(len(counted), 'finding')}{note}</summary>", ""]
        for f in report.findings:
            lines.append(_finding(f, report.file, "waived" if f.waived else f.severity.name))
        lines += ["", "</details>", ""]
    return lines + _unmatched(report)


def _problems(problems: Sequence[Problem]) -> list[str]:
    """Unusable input: a section a reviewer cannot miss, each problem with its fix."""
    if not problems:
        return []
    files = len({p.file for p in problems})
    lines = [f"### ❌ Unusable input — {plural(files, 'file')} could not be checked", ""]
    for p in problems:
        where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
        fix = f" — *fix:* {markdown_prose(p.fix)}" if p.fix else ""
        lines.append(f"- {code(where)} {markdown_prose(p.message)}{fix}")
    return [*lines, ""]


class MarkdownReporter:
    """Markdown for a pull-request comment: marker, one-line verdict, tables, details."""

    def render(self, results: Results) -> str:
        reports = results.reports
        order = ("aligned", "at-risk", "misaligned")
        worst = max((r.verdict for r in reports), key=order.index, default="aligned")
        icon, word = (_ICON[worst], worst) if not results.problems else ("❌", "unusable input")
        head = [MARKER, f"**cs-align: {icon} {word}** — {plural(len(reports), 'plan')}", ""]
        body = [line for report in reports for line in _plan(report)]
        whole = "\n".join(head + _problems(results.problems) + body) + "\n"
        return _shown(truncate(whole), reports) if len(whole) > LIMIT else whole

    def render_diff(self, diff: PlanDiff, fail_on: Severity) -> str:
        return render_diff(diff, fail_on)


REPORTER = MarkdownReporter()


def _shown(cut: str, reports: Sequence[Report]) -> str:
    """A cut check's note says how many plans it shows (the last of them may be cut short):
    the header counts them all ("90 plans") and the note said only "output truncated", so a
    reader could not tell that half the plans were not in the comment (review user50 M2)."""
    shown = sum(f"\n{_heading(r)}" in cut for r in reports)
    return cut.replace(_CUT, f"{_CUT}: {shown} of {plural(len(reports), 'plan')} shown", 1)


_CUT = f"{TRUNCATED} a pull-request comment"


def _money(value: object, currency: str = "") -> str:
    from decimal import Decimal

    from cs_align.units import fmt_money

    return "–" if value is None else fmt_money(Decimal(str(value)), currency)


def _pct(value: float | None, target: float | None = None) -> str:
    """A share as every output shows it (see ``fmt_share``)."""
    return "–" if value is None else fmt_share(value, target)


def _amount(value: object, currency: str, cents: bool = False) -> str:
    """Money in a column headed by its currency: in its minor units, without the code (with
    ``cents``, a whole amount with them too, as another amount of its column has them)."""
    from decimal import Decimal

    from cs_align.units import fmt_amount

    return "–" if value is None else fmt_amount(Decimal(str(value)), currency, cents=cents)


def _signed(change: Change, currency: str, code: bool = False, cents: bool = False) -> str:
    """A change of money, signed, with its share: "+14,959.035 (+15.0%)"; with ``code``, the
    currency after the amount."""
    if change.delta is None:
        return "–"
    sign = "+" if change.delta > 0 else ""
    share = f" ({fmt_change(change.share)})" if change.share is not None else ""
    amount = _money(change.delta, currency) if code else _amount(change.delta, currency, cents)
    return f"{sign}{amount}{share}"


def headline(
    diff: PlanDiff,
    level: Severity,
    escape: Callable[[str], str] = markdown,
    strong: str = "**",
) -> str:
    """One line a reviewer reads first (Markdown by default; plain with other arguments):
    blocked, and the first reason why, exactly when the exit code is 1."""
    total = diff.budget[-1]
    verdict = diff.verdicts
    reasons = diff.reasons(level)
    if reasons:
        first = reasons[0]
        return f"❌ {strong}blocked{strong} by {first.name}: {escape(first.message)}"
    warned = f"; ⚠️ {plural(len(diff.tripped), 'guardrail warning')}" if diff.tripped else ""
    icon = "⚠️" if diff.tripped or diff.count("new") else "✅"
    budget = diff.currency_change or (
        f"budget {_signed(total, diff.currency, code=True)}{_per_period(diff)}"
    )
    was, now = diff.base.strategy, diff.plan.strategy
    if diff.status == "changed" and was != now:  # what the plan declares it funds (user19 U5)
        verdict += f", strategy {escape(was)} → {escape(now)}"
    return f"{icon} {strong}passes{strong} — verdict {verdict}, {budget}{warned}"


def _per_period(diff: PlanDiff) -> str:
    """That a budget's change is over the period, and what it is a year, where the two sides
    budget periods of different lengths (`PlanDiff.periods`). The guardrails compare the
    money day for day already (`diff.guardrails`)."""
    yearly = diff.yearly_total
    if yearly is None:
        return ""
    return f" over the period ({diff.periods}); {_signed(yearly, diff.currency, code=True)} a year"


_STATUS = {"changed": "changed", "new": "a new plan", "deleted": "deleted in the proposal"}


def organisations(diff: PlanDiff) -> str:
    """Whose plan it is, so a reviewer sees a new organisation: "Acme, was Acme Shoes" when
    the proposal names another one than the base."""
    now, was = diff.plan.organisation, diff.base.organisation
    return now if diff.status != "changed" or now == was else f"{now}, was {was}"


def render_diff(diff: PlanDiff, level: Severity = Severity.error) -> str:
    cur = diff.currency
    lines = [
        MARKER,
        headline(diff, level),
        "",
        f"{code(diff.plan.file)} ({markdown(organisations(diff))}): {_STATUS[diff.status]}",
        "",
    ]
    for t in diff.tripped:
        lines.append(f"- **{t.action}** {code(t.guardrail)}: {markdown_prose(t.message)}")
    for r in diff.reasons(level):
        if not r.guardrail:
            lines.append(f"- **block** {code(r.name)}: {markdown_prose(r.message)}")
    lines += [
        "",
        f"| budget line ({markdown(diff.currencies)}) | base | proposal | change |",
        "|---|---:|---:|---:|",
    ]
    was = diff.base_currency
    from cs_align.units import any_cents

    # Whole amounts with cents where another has them: decimal points in line (user59).
    cents = any_cents(
        [(c.before, was) for c in diff.budget]
        + [(c.after, cur) for c in diff.budget]
        + [(c.delta, cur) for c in diff.budget]
    )
    for c in diff.budget:
        lines.append(
            f"| {markdown(c.name)} | {_amount(c.before, was, cents)} | "
            f"{_amount(c.after, cur, cents)} | {_signed(c, cur, cents=cents)} |"
        )
    cpc = diff.cost_per_contact
    lines.append(
        f"| cost per contact | {_amount(cpc.before, was)} | {_amount(cpc.after, cur)} | "
        f"{_signed(cpc, cur)} |"
    )
    lines += [
        "",
        "| channel | target | FTE base → proposal (needed) | achieved base → proposal "
        "| ASA base → proposal |",
        "|---|---|---|---|---|",
    ]
    for ch in diff.channels:
        before, after = column_planned(ch.fte_before), column_planned(ch.fte_after)
        fte = f"{before} → {after} ({column_need(ch.needed_fte, ch.fte_after)})"
        lines.append(
            f"| {markdown(ch.id)} | {markdown(ch.targets or ch.target) or '–'} | {fte} | "
            f"{_pct(ch.sl_before, ch.goal_share)} → {_pct(ch.sl_after, ch.goal_share)} | "
            f"{_secs(ch.asa_before, ch.goal_asa)} → {_secs(ch.asa_after, ch.goal_asa)} |"
        )
    if diff.assumptions:
        lines += ["", "Sized from (base → proposal):", ""]
        lines += [
            f"- {code(a.name)}: {markdown(a.before)} → {markdown(a.after)}"
            for a in diff.assumptions
        ]
    counts = ", ".join(f"{diff.count(s)} {s}" for s in ("new", "worse", "fixed", "unchanged"))
    waived = f", {diff.waived()} waived" if diff.waived() else ""
    lines += ["", f"<details><summary>findings: {counts}{waived}</summary>", ""]
    for change in diff.findings:
        file = diff.base.file if change.status == "fixed" else diff.plan.file
        tag = f"{change.status}, waived" if change.finding.waived else change.status
        lines.append(_finding(change.finding, file, tag))
    lines += ["", "</details>", ""]
    return truncate("\n".join(lines) + "\n")


def _secs(value: float | None, target: float | None = None) -> str:
    from cs_align.units import fmt_wait

    return "–" if value is None else fmt_wait(value, target)
