"""Markdown for a pull-request comment: marker, one-line verdict, table, details."""

from __future__ import annotations

from cs_align.findings import Report

MARKER = "<!-- cs-align-report -->"
LIMIT = 65_000
_ICON = {"aligned": "✅", "at-risk": "⚠️", "misaligned": "❌"}


def cell(text: str) -> str:
    """Plan text made safe inside a table cell: no pipes, newlines or raw HTML."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def _plan(report: Report) -> list[str]:
    lines = [
        f"### {_ICON[report.verdict]} `{cell(report.file)}` — **{report.verdict}** "
        f"({cell(report.organisation)}, strategy {cell(report.strategy)})",
        "",
    ]
    m = report.metrics
    if m is not None:
        lines += [
            "| channel | required FTE | planned FTE | target | achieved |",
            "|---|---:|---:|---|---|",
        ]
        for c in m.channels:
            achieved = f"{c.service_level * 100:.1f}%" if c.service_level is not None else "–"
            lines.append(
                f"| {cell(c.id)} | {float(c.required_fte):.1f} | "
                f"{float(c.planned_fte):.1f} | {cell(c.target_text) or '–'} | "
                f"{achieved} |"
            )
        lines.append("")
    counted = [f for f in report.findings if f.counts]
    if report.findings:
        waived = len(report.findings) - len(counted)
        note = f", {waived} waived" if waived else ""
        lines += [
            f"<details><summary>{len(counted)} finding(s){note}</summary>",
            "",
        ]
        for f in report.findings:
            tag = "waived" if f.waived else f.severity.name
            lines.append(
                f"- **{tag}** `{f.rule}` ({cell(report.file)}:{f.line}) "
                f"{cell(f.message)} — *fix:* {cell(f.fix)}"
            )
        lines += ["", "</details>", ""]
    return lines


def render(reports: list[Report]) -> str:
    worst = max(
        (r.verdict for r in reports),
        key=("aligned", "at-risk", "misaligned").index,
        default="aligned",
    )
    head = [MARKER, f"**cs-align: {_ICON[worst]} {worst}** — {len(reports)} plan(s)", ""]
    body: list[str] = []
    for report in reports:
        body += _plan(report)
    return truncate("\n".join(head + body) + "\n")


def truncate(text: str, limit: int = LIMIT) -> str:
    if len(text) <= limit:
        return text
    note = (
        "\n\n*… output truncated to fit a GitHub comment; run cs-align locally for all findings.*\n"
    )
    cut = text[: limit - len(note)]
    cut = cut[: cut.rfind("\n")]
    if cut.count("<details>") > cut.count("</details>"):
        cut += "\n</details>"
    return cut + note
