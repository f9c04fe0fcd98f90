"""Reps get enough training to handle issues themselves.

Why: with turnover, firms train only to the bare minimum, and reps who feel helpless
frustrate customers further; spend the time and money to train them up.

Source: 002 (train your reps to actually handle issues). New-hire training in contact
centres commonly runs 80–240 hours (ICMI and SQM benchmarks).

Options:
    min_hours: training hours per agent a year (default 40).

Fails:
    staffing: {training_hours_per_agent: 8}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.rules.base import HIGHER, STAFF, Context, Hit, Options

ID = "training-hours"
AREA = "practices"
SEVERITY = "warning"
TITLE = "Reps get enough training"
SOURCE = "002"
REACH = STAFF


class TrainingOptions(Options):
    min_hours: Annotated[Decimal, HIGHER] = Decimal(40)


OPTIONS = TrainingOptions


def applies(ctx: Context, options: TrainingOptions) -> bool:
    """Only reps are trained."""
    return ctx.has_reps


def check(ctx: Context, options: TrainingOptions) -> Iterator[Hit]:
    hours = ctx.plan.staffing.training_hours_per_agent
    if ctx.has_reps and (hours or 0) < options.min_hours:
        yield Hit(
            message=f"reps get {hours or 0} training hours a year; this strategy needs at least "
            f"{options.min_hours}",
            path=("staffing", "training_hours_per_agent"),
            fix=f"set staffing.training_hours_per_agent to at least {options.min_hours} "
            "and fund the training line",
        )
