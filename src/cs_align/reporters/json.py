"""Machine-readable findings: the JSON shape CI users rely on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cs_align import __version__
from cs_align.escaping import json_text
from cs_align.findings import Report, Severity, Summary, clear_fit, close_to_best
from cs_align.metrics import ChannelMetrics
from cs_align.repo import display
from cs_align.reporters import Results
from cs_align.rules.base import need_on_shift
from cs_align.units import gap_shown, on_shift, planned_fte, seconds_up, shown_need

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff, Reason
    from cs_align.errors import Problem


def _num(value: float | Fraction | None, digits: int = 4) -> float | None:
    if value is None:
        return None
    return round(float(value), digits)


def share(value: float | None) -> float | None:
    """A share (service level, occupancy, abandonment) at full precision: a level that misses
    its target by a hair (0.799984 against 0.8) must not read as the target."""
    return None if value is None else float(value)


def need(value: Fraction | float | None) -> float | None:
    """FTE a target or ceiling needs, as every output shows it (`units.shown_need`): rounded
    up to the tenth `fix` writes, so that JSON, text, Markdown and the report give one figure
    (2.4147 is 2.5; review fix50f: JSON read 2.42 beside the text's 2.5), and summing them
    never underfunds."""
    return None if value is None else float(shown_need(value))


def gap(value: Fraction | None) -> float | None:
    """A shortfall (`extra_fte`) as every output shows it and prices it (`units.gap_shown`):
    it was rounded up to the hundredth here, 2.04 beside 105,733.37 for 2.033334 FTE
    (review calc31 F5)."""
    return None if value is None else float(gap_shown(value))


def added(values: Iterable[float | None]) -> float:
    """Figures as JSON gives them (floats of a few decimals), added up exactly."""
    return float(sum((Decimal(repr(v)) for v in values if v is not None), Decimal(0)))


def planned(value: Fraction | float | None) -> float | None:
    """Planned FTE as written (to the millionth), never rounded up (54.969, not 54.97)."""
    return None if value is None else float(planned_fte(value))


def needed(value: Fraction, planned_staff: Fraction) -> float:
    """FTE the budget must fund with this plan (`needed_fte`), as every output shows it
    (`units.shown_need`): the need rounded up to the tenth `fix` writes (see ``need``), never
    above planned staff, as written, who keep it (part of the time one person short of a
    whole headcount)."""
    return float(shown_need(value, planned_staff))


def _count(value: Fraction, need: bool = False, planned: Fraction | None = None) -> int | float:
    """People on shift: an integer when whole, else a number to 4 places (part-time cover),
    a ``need`` rounded up, as every need is, and a planned figure cut down, never past what
    is there (`units.on_shift`: 0.999999 is 0.9999, not the 1.0 a need of one asks); a need
    never above the ``planned`` who keep it (0.0939 read above a planned 0.0938 at equal
    FTE, review calc53 W9)."""
    if value.denominator == 1:
        return value.numerator
    return float(on_shift(value, places=4, need=need, planned=planned))


def channel_dict(c: ChannelMetrics) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "model": c.model,
        "spread": c.spread,
        "offered_load_erlangs": _num(c.offered_load),
        # On shift with the FTE `required_fte` shows (up to the tenth), as the report's
        # column and the findings pair them: the exact need beside the tenth above it named
        # two figures one key (review fix50f).
        "required_positions": _count(need_on_shift(c), need=True, planned=c.planned_positions),
        "planned_positions": _count(c.planned_positions),
        "required_fte": need(c.required_fte),
        "required_fte_at_ceiling": need(c.required_fte_at_ceiling),
        "needed_fte": needed(c.needed_fte, c.planned_fte),
        "planned_fte": planned(c.planned_fte),
        "binding_constraint": c.binding,
        # What decides `required_fte` and `required_positions` (the targets' need): beside
        # `binding_constraint: occupancy` they read as the ceiling's need where the first
        # response decided them (review cross53).
        "target_binding_constraint": c.target_binding,
        "target": c.target_text or None,
        # Every stated target, as messages and the report name them: `target` is the first
        # alone, beside a need another may set (review calc44 K05: abandonment at most 4%).
        "targets": c.goal.full_text or c.target_text or None,
        "service_level": share(c.service_level),
        "asa_seconds": seconds_up(c.asa),
        "occupancy": share(c.occupancy),
        "abandonment": share(c.abandonment),
        "first_response_seconds": seconds_up(c.first_response),
        "stable": c.stable,
        **_busiest(c),
    }


def _busiest(c: ChannelMetrics) -> dict[str, Any]:
    """Over intraday intervals, the busiest one's occupancy and clock time, which
    `occupancy-cap` judges (review calc41 F7); no keys for one stretch, whose `occupancy`
    it judges."""
    if not c.highest_at:
        return {}
    return {"highest_occupancy": share(c.highest_occupancy), "highest_occupancy_at": c.highest_at}


def counts(report: Report) -> dict[str, int]:
    """Findings by severity (waived ones apart): every summary says how many were waived."""
    found = {"error": 0, "warning": 0, "info": 0, "waived": 0}
    for f in report.findings:
        found["waived" if f.waived else f.severity.name] += 1
    return found


def report_dict(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": report.file,
        "organisation": report.organisation,
        **({"currency": report.currency} if report.currency else {}),
        "strategy": report.strategy,
        "verdict": report.verdict,
        "areas": report.areas,
        "counts": counts(report),
        "findings": [f.to_dict() for f in report.findings],
    }
    if report.declared:  # judged by --strategy or CS_ALIGN_STRATEGY, not its own
        data["declared_strategy"] = report.declared
    if report.policy_files:  # with config and waiver_files, every policy file it read
        data["strategy_files"] = [display(p) for p in report.policy_files]
    if report.config:
        data["config"] = report.config
    if report.waiver_files:
        data["waiver_files"] = list(report.waiver_files)
    if report.revealed:
        data["revealed_strategy"] = {
            "best": report.revealed[0].strategy,
            "clear": clear_fit(report.revealed),
            "close": list(close_to_best(report.revealed)),
            "ranking": [
                {
                    "strategy": r.strategy,
                    "held": r.held,
                    "applicable": r.applicable,
                    "score": round(r.score, 4),
                    "broken_errors": r.errors,
                    "broken_warnings": r.warnings,
                }
                for r in report.revealed
            ],
        }
    m = report.metrics
    if m is not None:
        data["metrics"] = {
            # The channels' figures added up, each as its row gives it: a reader who sums
            # the rows gets the total (rounded once, a total could fall 0.01 short of them).
            "required_fte": added(need(c.required_fte) for c in m.channels),
            "needed_fte": added(needed(c.needed_fte, c.planned_fte) for c in m.channels),
            "planned_fte": planned(m.planned_fte),
            "cost_per_contact": str(m.cost_per_contact) if m.cost_per_contact is not None else None,
            "channels": [channel_dict(c) for c in m.channels],
            "assumptions": list(m.assumptions),
        }
    if report.unmatched_waivers:
        data["unmatched_waivers"] = list(report.unmatched_waivers)
    return data


def unusable(plan: str, problems: Iterable[Problem], empty: str) -> str:
    """The JSON of a command (`promise`, `whatif`) for a plan it could not use: its keys,
    ``empty`` an empty list, and the errors as `check` gives them (review out29 R12)."""
    errors = [problem_dict(p) for p in problems]
    data = {"version": __version__, "plan": plan, empty: [], "errors": errors}
    return json_text(data, indent=2) + "\n"


def unusable_input(problems: Iterable[Problem]) -> str:
    """The JSON of `staff` for input it could not use (its input is the command line): the
    version and the errors as `check` gives them."""
    data = {"version": __version__, "errors": [problem_dict(p) for p in problems]}
    return json_text(data, indent=2) + "\n"


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
        "fix": problem.fix,
    }


def _dec(value: object) -> str | None:
    return None if value is None else str(value)


def diff_dict(diff: PlanDiff, fail_on: Severity = Severity.error) -> dict[str, Any]:
    """The diff as JSON. `blocked` is true exactly when the diff fails (exit code 1): a
    guardrail set to block tripped, or the proposal adds or worsens a finding at or above
    `fail_on`; `failing_reasons` lists each reason, blocking guardrails first."""
    plan = report_dict(diff.plan)
    plan["verdict"] = diff.verdict_after  # a deleted plan has none (review out29 R10)
    if diff.verdict_after is None:  # nor has any of its areas (an empty plan reads aligned)
        plan["areas"] = dict.fromkeys(plan["areas"])
    return {
        "base": report_dict(diff.base),
        "plan": plan,
        "verdict": {"before": diff.base.verdict, "after": diff.verdict_after},
        "status": diff.status,
        "deleted": diff.status == "deleted",
        # Each side's amounts are in its own currency; when they differ, no delta or change
        # is given (review out29 R3).
        "base_currency": diff.base_currency,
        "currency": diff.currency,
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
                "planned_fte_before": planned(c.fte_before),
                "planned_fte_after": planned(c.fte_after),
                "required_fte": need(c.required_fte),
                "needed_fte": None
                if c.needed_fte is None or c.fte_after is None
                else needed(c.needed_fte, c.fte_after),
                "service_level_before": share(c.sl_before),
                "service_level_after": share(c.sl_after),
                "asa_seconds_before": seconds_up(c.asa_before),
                "asa_seconds_after": seconds_up(c.asa_after),
            }
            for c in diff.channels
        ],
        "assumptions": [
            {"name": a.name, "before": a.before, "after": a.after} for a in diff.assumptions
        ],
        "findings": {
            status: [c.finding.to_dict() for c in diff.findings if c.status == status]
            for status in ("new", "worse", "fixed", "unchanged")
        },
        "guardrails": [
            {"guardrail": t.guardrail, "action": t.action, "message": t.message}
            for t in diff.tripped
        ],
        "blocked": diff.fails(fail_on),
        "fail_on": fail_on.name,
        "failing_reasons": [_reason(r, diff.plan.file) for r in diff.reasons(fail_on)],
    }


def _reason(reason: Reason, file: str) -> dict[str, Any]:
    return {
        "kind": "guardrail" if reason.guardrail else "findings",
        "name": reason.name,
        "message": reason.message,
        "file": reason.file or file,
        "line": reason.line,
        "column": reason.column,
    }


class JsonReporter:
    """The JSON shape CI users rely on: {"version", "plans": [...], "errors": [...]}.

    Large batches are written one plan a line: the same shape, and the C encoder is ten
    times faster than indenting.
    """

    def render(self, results: Results) -> str:
        data = {
            "version": __version__,
            "plans": [report_dict(r) for r in results.reports],
            "errors": [problem_dict(p) for p in results.problems],
        }
        return json_text(data, indent=2) + "\n"

    def render_diff(self, diff: PlanDiff, fail_on: Severity) -> str:
        data = {"version": __version__, "diff": diff_dict(diff, fail_on)}
        return json_text(data, indent=2) + "\n"

    def render_one(self, report: Report, fail_on: Severity) -> str:
        return json_text(report_dict(report))

    def limiter(self) -> None:
        return None

    def head(self) -> str:
        return '{"version": ' + json.dumps(__version__) + ', "plans": [\n'

    def separator(self) -> str:
        return ",\n"

    def tail(self, summaries: Sequence[Summary], problems: Sequence[Problem]) -> str:
        errors = json_text([problem_dict(p) for p in problems])
        return f'\n], "errors": {errors}}}\n'


REPORTER = JsonReporter()
