"""`fix` in each format it speaks: the unified diff, a table of changes, JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cs_align import __version__
from cs_align.currencies import minor_units
from cs_align.escaping import visible
from cs_align.fixer import FixResult
from cs_align.roundtrip import unified
from cs_align.units import fmt_fte, fmt_money


def diff(result: FixResult, crlf: bool = False) -> str:
    """The unified diff; with ``crlf`` (the file's lines end so), its lines end as the
    file's do, for `patch -p0` to match them (review input31 F17)."""
    if not result.changes:
        return ""
    before, after = result.source, result.text
    if crlf:
        before, after = before.replace("\n", "\r\n"), after.replace("\n", "\r\n")
    return unified(before, after, result.before.file)


def _money(amount: Decimal | None, unit: str, currency: str) -> str:
    if amount is None:
        return "–"
    sign = "+" if amount > 0 else "-" if amount < 0 else ""
    return f"{sign}{fmt_money(abs(amount), currency)} {unit}".strip()


def _totals(result: FixResult) -> str:
    before, after = result.first.metrics, result.report.metrics
    plan, fixed = result.before.plan, result.report
    parts = []
    if before is not None and after is not None and before.planned_fte != after.planned_fte:
        parts.append(f"staff {fmt_fte(before.planned_fte)} → {fmt_fte(after.planned_fte)} FTE")
    budget = plan.budget
    total = next((c for c in result.changes if c.path == "budget.total"), None)
    if budget is not None and total is not None:
        delta = Decimal(total.after) - budget.total
        parts.append(
            f"budget total {fmt_money(budget.total, plan.currency)} → "
            f"{fmt_money(Decimal(total.after), plan.currency)} "
            f"({_money(delta, 'for the period', plan.currency)})"
        )
    verdict = f"verdict {result.first.verdict} → {fixed.verdict}"
    return "; ".join([*parts, verdict])


def table(result: FixResult) -> str:
    currency = result.before.plan.currency
    if not result.changes and not result.decisions:
        return f"nothing to change: {result.before.file} is {result.report.verdict}\n"
    lines = []
    if result.changes:
        rows = [
            [c.path, c.before, c.after, _money(c.cost, c.unit, currency), c.why]
            for c in result.changes
        ]
        head = ["change", "from", "to", "cost", "answers"]
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
        for row in [head, *rows]:
            cells = [
                c.ljust(w) if i != 3 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ]
            lines.append(visible("  " + "  ".join(cells).rstrip()))
        lines.append("  " + _totals(result))
    else:
        lines.append(f"nothing fix can change: {result.before.file} stays {result.report.verdict}")
    if result.decisions:
        lines.append(f"left to a person ({len(result.decisions)}):")
        for d in result.decisions:
            f = d.finding
            lines.append(visible(f"  {f.severity.name} {f.rule} {f.path}: {f.message}"))
            lines.append(visible(f"      decide: {d.decision}"))
    return "\n".join(lines) + "\n"


def as_json(result: FixResult) -> dict[str, Any]:
    currency = result.before.plan.currency
    # To the currency's minor unit, as every other command's amounts: a change within the
    # staff was "0" beside "-353400.00" (review user59).
    unit = Decimal(1).scaleb(-minor_units(currency))
    return {
        "version": __version__,  # as check, diff and whatif write it
        "plan": result.before.file,
        "currency": currency,
        "verdict": {"before": result.first.verdict, "after": result.report.verdict},
        "changes": [
            {
                "path": c.path,
                "before": c.before,
                "after": c.after,
                "cost": None if c.cost is None else str(Decimal(c.cost).quantize(unit)),
                "cost_period": c.unit or None,
                "answers": list(c.answers),
            }
            for c in result.changes
        ],
        "decisions": [{**d.finding.to_dict(), "decision": d.decision} for d in result.decisions],
        "diff": diff(result),
    }
