"""Machine-readable findings: the JSON shape CI users rely on."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cs_align import __version__
from cs_align.findings import Report, Summary
from cs_align.metrics import ChannelMetrics
from cs_align.reporters import Buffered, Stream

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff


def _num(value: float | Fraction | None, digits: int = 4) -> float | None:
    if value is None:
        return None
    return round(float(value), digits)


def _count(value: Fraction) -> int | float:
    """People on shift: an integer when whole, else a number to 4 places (part-time cover)."""
    return value.numerator if value.denominator == 1 else round(float(value), 4)


def channel_dict(c: ChannelMetrics) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "model": c.model,
        "spread": c.spread,
        "offered_load_erlangs": _num(c.offered_load),
        "required_positions": _count(c.required_positions),
        "planned_positions": _count(c.planned_positions),
        "required_fte": _num(c.required_fte, 2),
        "required_fte_at_ceiling": _num(c.required_fte_at_ceiling, 2),
        "planned_fte": _num(c.planned_fte, 2),
        "binding_constraint": c.binding,
        "target": c.target_text or None,
        "service_level": _num(c.service_level),
        "asa_seconds": _num(c.asa, 2),
        "occupancy": _num(c.occupancy),
        "abandonment": _num(c.abandonment),
        "first_response_seconds": _num(c.first_response, 1),
        "stable": c.stable,
    }


def report_dict(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": report.file,
        "organisation": report.organisation,
        "strategy": report.strategy,
        "verdict": report.verdict,
        "areas": report.areas,
        "findings": [f.to_dict() for f in report.findings],
    }
    if report.revealed:
        data["revealed_strategy"] = {
            "best": report.revealed[0].strategy,
            "ranking": [
                {
                    "strategy": r.strategy,
                    "held": r.held,
                    "applicable": r.applicable,
                    "score": round(r.score, 4),
                }
                for r in report.revealed
            ],
        }
    m = report.metrics
    if m is not None:
        data["metrics"] = {
            "required_fte": _num(m.required_fte, 2),
            "planned_fte": _num(m.planned_fte, 2),
            "cost_per_contact": str(m.cost_per_contact) if m.cost_per_contact is not None else None,
            "channels": [channel_dict(c) for c in m.channels],
            "assumptions": list(m.assumptions),
        }
    if report.unmatched_waivers:
        data["unmatched_waivers"] = list(report.unmatched_waivers)
    return data


INDENT_UP_TO = 20
"""Larger batches are written one plan a line: same shape, and the C encoder is ten times
faster than indenting."""


def render(reports: list[Report]) -> str:
    return (
        json.dumps(
            {"version": __version__, "plans": [report_dict(r) for r in reports]},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def _dec(value: object) -> str | None:
    return None if value is None else str(value)


def diff_dict(diff: PlanDiff) -> dict[str, Any]:
    return {
        "base": report_dict(diff.base),
        "plan": report_dict(diff.plan),
        "verdict": {"before": diff.base.verdict, "after": diff.plan.verdict},
        "budget": [
            {
                "name": c.name,
                "before": _dec(c.before),
                "after": _dec(c.after),
                "delta": _dec(c.delta),
                "change": None if c.share is None else round(float(c.share), 6),
            }
            for c in diff.budget
        ],
        "cost_per_contact": {
            "before": _dec(diff.cost_per_contact.before),
            "after": _dec(diff.cost_per_contact.after),
        },
        "channels": [
            {
                "id": c.id,
                "target": c.target or None,
                "planned_fte_before": _num(c.fte_before, 2),
                "planned_fte_after": _num(c.fte_after, 2),
                "required_fte": _num(c.required_fte, 2),
                "service_level_before": _num(c.sl_before),
                "service_level_after": _num(c.sl_after),
                "asa_seconds_before": _num(c.asa_before, 2),
                "asa_seconds_after": _num(c.asa_after, 2),
            }
            for c in diff.channels
        ],
        "findings": {
            status: [c.finding.to_dict() for c in diff.findings if c.status == status]
            for status in ("new", "worse", "fixed", "unchanged")
        },
        "guardrails": [
            {"guardrail": t.guardrail, "action": t.action, "message": t.message}
            for t in diff.tripped
        ],
        "blocked": diff.blocked,
    }


def render_diff(diff: PlanDiff) -> str:
    data = {"version": __version__, "diff": diff_dict(diff)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def piece(report: Report) -> str:
    """One plan as one line of JSON."""
    return json.dumps(report_dict(report), ensure_ascii=False)


class _Compact:
    """One plan a line, in the same shape as ``render``: fast, and still greppable."""

    takes_pieces = True

    def __init__(self) -> None:
        self.count = 0

    def _head(self) -> str:
        return '{"version": ' + json.dumps(__version__) + ', "plans": [\n'

    def add(self, report: Report) -> str:
        return self.add_piece(piece(report), report.summary())

    def add_piece(self, text: str, summary: Summary) -> str:
        head = self._head() if not self.count else ",\n"
        self.count += 1
        return head + text

    def close(self) -> str:
        return ("" if self.count else self._head()) + "\n]}\n"


def stream(total: int) -> Stream:
    return Buffered(render) if total <= INDENT_UP_TO else _Compact()
