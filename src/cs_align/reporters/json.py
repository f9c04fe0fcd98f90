"""Machine-readable findings: the JSON shape CI users rely on."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from cs_align import __version__
from cs_align.findings import Report
from cs_align.metrics import ChannelMetrics


def _num(value: float | Fraction | None, digits: int = 4) -> float | None:
    if value is None:
        return None
    return round(float(value), digits)


def channel_dict(c: ChannelMetrics) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "model": c.model,
        "spread": c.spread,
        "offered_load_erlangs": _num(c.offered_load),
        "required_positions": c.required_positions,
        "planned_positions": c.planned_positions,
        "required_fte": _num(c.required_fte, 2),
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


def render(reports: list[Report]) -> str:
    return (
        json.dumps(
            {"version": __version__, "plans": [report_dict(r) for r in reports]},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
