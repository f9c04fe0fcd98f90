"""Reps get enough training to handle issues themselves.

Why: with turnover, firms train only to the bare minimum, and reps who feel helpless
frustrate customers further; spend the time and money to train them up.

Source: 002 (train your reps to actually handle issues). New-hire training in contact
centres commonly runs 80–240 hours (ICMI and SQM benchmarks).

Options:
    min_hours: training hours per agent a year (default 40).
    funded: whether the budget must fund the training too (default false): 002 asks for the
        time and the money. With it set, a plan that states training hours and a budget
        with lines, none of them a `training` line above zero, is reported: the hours are
        stated, nothing pays for the trainers or courses (review attack39 F9). A budget
        without lines says nothing of what it pays for, and is not judged here.

A plan with reps that does not state their training hours is reported, not passed: the
rule cannot be checked until `staffing.training_hours_per_agent` is written.

Fails:
    staffing: {training_hours_per_agent: 8}
    funded: true; staffing: {training_hours_per_agent: 160}; budget.lines.training: 0
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, ClassVar

from cs_align.rules.base import HIGHER, STAFF, Context, Hit, Options, unstated
from cs_align.units import exact

ID = "training-hours"
AREA = "practices"
SEVERITY = "warning"
TITLE = "Reps get enough training"
SOURCE = "002"
REACH = STAFF


class TrainingOptions(Options):
    min_hours: Annotated[Decimal, HIGHER] = Decimal(40)
    funded: Annotated[bool, HIGHER] = False
    MOST: ClassVar[dict[str, tuple[Decimal, str]]] = {
        "min_hours": (Decimal(8766), "the hours of a year")
    }


OPTIONS = TrainingOptions


def applies(ctx: Context, options: TrainingOptions) -> bool:
    """Only reps are trained, and the plan states their training hours (a plan that does not
    is reported by `check` as unchecked, and is no evidence for or against a strategy)."""
    return ctx.has_reps and ctx.plan.staffing.training_hours_per_agent is not None


def check(ctx: Context, options: TrainingOptions) -> Iterator[Hit]:
    if not ctx.has_reps:
        return
    hours = ctx.plan.staffing.training_hours_per_agent
    if hours is None and options.min_hours > 0:
        yield unstated(
            f"training of at least {options.min_hours} hours a year",
            "training_hours_per_agent",
            "training hours per agent",
            f"{options.min_hours}",
            "the hours a year each rep is trained",
        )
    elif hours is not None and hours < options.min_hours:
        paid = ctx.plan.staffing.paid_hours_per_fte
        if exact(options.min_hours) > paid:  # no plan may state it (review user26 U3)
            fix = (
                f"the strategy asks for more training than the {float(paid):,.0f} hours an FTE "
                "is paid for: lower its training-hours floor, or pay for more hours"
            )
        else:
            fix = (
                f"set staffing.training_hours_per_agent to at least {options.min_hours} and "
                "fund the training line"
            )
        yield Hit(
            message=f"reps get {hours} training hours a year; this strategy needs at least "
            f"{options.min_hours}",
            path=("staffing", "training_hours_per_agent"),
            fix=fix,
        )
    if options.funded and hours and ctx.whole_plan:
        yield from _unfunded(ctx, hours)


def _unfunded(ctx: Context, hours: Decimal) -> Iterator[Hit]:
    """Training hours stated and a budget whose lines fund no training."""
    budget = ctx.plan.budget
    if budget is None or not budget.lines or budget.lines.get("training", Decimal(0)) > 0:
        return
    stated = "training" in budget.lines
    yield Hit(
        message=f"reps get {hours} training hours a year, but the budget funds no training: "
        + ("its training line is 0" if stated else "its lines have no `training` line"),
        path=("budget", "lines", "training") if stated else ("budget", "lines"),
        fix="fund budget.lines.training (trainers, courses, materials: this strategy asks for "
        "the time and the money), or declare a strategy that does not",
    )
