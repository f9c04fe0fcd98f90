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
        without lines says nothing of what it pays for, and is not judged here. With a
        loaded cost per FTE, the training line must also pay at least for the trainers'
        time the hours take: a trainer for each class of `class_size` reps, paid as a rep
        is (the loaded cost over the paid hours), for the planned FTE over the plan's
        period. 120 hours for 20.7 FTE at 62,000 USD and 1,800 paid hours are 207 trainer
        hours, 7,130 USD a year; a training line of 1 USD passed as "funded" (review
        attack41 B09). The reps' own hours in training are part of their paid hours
        (shrinkage), paid by the people line.
    class_size: reps a trainer teaches at once, to price the trainers' time (default 12:
        contact-centre classes commonly seat 10 to 15; at least 1). A smaller class is
        stricter: it takes more trainer hours.

A plan with reps that does not state their training hours is reported, not passed: the
rule cannot be checked until `staffing.training_hours_per_agent` is written.

Fails:
    staffing: {training_hours_per_agent: 8}
    funded: true; staffing: {training_hours_per_agent: 160}; budget.lines.training: 0
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, ClassVar

from cs_align.plan import Line
from cs_align.rules.base import HIGHER, LOWER, STAFF, Context, Hit, Options, fte, unstated
from cs_align.units import WRITTEN, exact, round_up

ID = "training-hours"
AREA = "practices"
SEVERITY = "warning"
TITLE = "Reps get enough training"
SOURCE = "002"
REACH = STAFF


class TrainingOptions(Options):
    min_hours: Annotated[Decimal, HIGHER] = Decimal(40)
    funded: Annotated[bool, HIGHER] = False
    class_size: Annotated[int, LOWER] = 12
    LEAST: ClassVar[dict[str, tuple[Decimal, str]]] = {"class_size": (Decimal(1), "one rep")}
    MOST: ClassVar[dict[str, tuple[Decimal, str]]] = {
        "min_hours": (Decimal(8766), "the hours of a year")
    }
    COUNTED: ClassVar[dict[str, str]] = {"min_hours": "training hours a year"}


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
    # The trainers of every segment's reps are counted once, in the whole plan's context: a
    # segment's context (its hours over the plan's) priced its hours for all the staff.
    if options.funded and ctx.whole_plan and ctx.segment is None and (hours or _groups(ctx, hours)):
        yield from _unfunded(ctx, hours or Decimal(0), options.class_size)


def _unfunded(ctx: Context, hours: Decimal, class_size: int) -> Iterator[Hit]:
    """Training hours stated and a budget whose lines fund no training, or less than the
    trainers' time the hours take."""
    budget = ctx.plan.budget
    if budget is None or not budget.lines:
        return
    found = budget.line("training")
    line = found.amount if found else Decimal(0)
    if found and line > 0:
        yield from _underfunded(ctx, hours, found, class_size)
        return
    yield Hit(
        message=f"reps get {hours} training hours a year, but the budget funds no training: "
        + (
            f"its training line is 0{found.spelt('training')}"
            if found
            else "its lines have no `training` line"
        ),
        path=("budget", "lines", found.names[0]) if found else ("budget", "lines"),
        fix="fund budget.lines.training (trainers, courses, materials: this strategy asks for "
        "the time and the money), or declare a strategy that does not",
    )


def _underfunded(ctx: Context, hours: Decimal, found: Line, class_size: int) -> Iterator[Hit]:
    """A training line below the trainers' time the stated hours take, a trainer for each
    class of ``class_size`` reps."""
    line = found.amount
    m, staffing = ctx.metrics, ctx.plan.staffing
    cost, paid = staffing.loaded_cost_per_fte, staffing.paid_hours_per_fte
    if cost is None or not cost or not paid or not m.planned_fte:
        return  # no price for an hour: the line above zero is all that is judged
    groups = _groups(ctx, hours)
    rest = m.planned_fte - sum((share for _, share, _ in groups), Fraction(0))
    parts = [(hours, rest, "")] if rest > 0 else []
    parts += [(own, share, f" in segment {sid}") for own, share, sid in groups]
    trainer_hours = sum((exact(h) * share for h, share, _ in parts), Fraction(0)) / class_size
    exactly = exact(cost) * trainer_hours / exact(paid) * m.period_years
    # A floor, so up to the minor unit (a cap rounds down; other money half up).
    least = round_up(Decimal(exactly.numerator) / Decimal(exactly.denominator), m.money_unit)
    if line >= least:
        return
    # Each factor as it is, so that they multiply out to the floor (review calc47 R02:
    # "146.6 trainer hours at 34.12 EUR an hour" were each rounded, and did not).
    yield Hit(
        message=f"reps get {_stated(hours, parts)}, but the training line "
        f"({ctx.money(line)}){found.spelt('training')} pays for less than the trainers' time "
        f"they take: {_taken(parts)} ÷ classes of {class_size}, each trainer hour paid as a rep's "
        f"({ctx.money(cost)} ÷ {_paid_hours(exact(paid))} paid hours){ctx.for_period()} = "
        f"{ctx.money(least)}",
        path=("budget", "lines", found.names[0]),
        fix=f"fund budget.lines.training with at least {least.normalize():f} (trainers, courses, "
        "materials: this strategy asks for the time and the money), or declare a strategy "
        "that does not",
    )


def _paid_hours(hours: Fraction) -> str:
    """A year's paid hours as a factor that multiplies out to the floor beside it: as
    written where they end (1,800), else whole and a fraction. 40 a week are 40 × 365.25/7
    = 2,087 1/7 a year; shown "2,087.1", they gave 50,000 ÷ 2,087.1 × 120 × ¼ = 718.70
    beside the 718.69 the rule asked for (review calc60)."""
    whole, part = divmod(hours, 1)
    if (part * WRITTEN).denominator == 1:  # `fte` writes it out exactly
        return fte(hours)
    return f"{fte(whole)} {part.numerator}/{part.denominator}"


def _groups(ctx: Context, hours: Decimal | None) -> list[tuple[Decimal, Fraction, str]]:
    """(training hours, planned FTE, segment id) of each segment whose reps are trained for
    hours of their own, its FTE those of the channels that serve it alone: the trainers'
    time is theirs at their hours, the rest of the staff at the plan's. A gold segment
    trained 200 h a year on 14.6 of 80 FTE took the plan's 40 h for all 80 (review calc50
    F1): its trainers, 5,974 EUR at 48,000 EUR and 37.5 paid hours a week, went uncounted
    and a training line of 7,000 EUR passed where 11,321 EUR are needed."""
    found = []
    for segment in ctx.plan.segments:
        own = segment.staffing.training_hours_per_agent if segment.staffing else None
        if own is None or own == hours:
            continue
        ids = {c.id for c in ctx.plan.channels if c.segment == segment.id and c.human}
        share = sum((c.planned_fte for c in ctx.metrics.channels if c.id in ids), Fraction(0))
        if share > 0:
            found.append((own, share, segment.id))
    return found


def _taken(parts: list[tuple[Decimal, Fraction, str]]) -> str:
    """The hours the trainers teach, as a sum a reader multiplies out."""
    terms = [f"{h} h × {fte(share)} FTE{where}" for h, share, where in parts]
    return terms[0] if len(terms) == 1 else f"({' + '.join(terms)})"


def _stated(hours: Decimal, parts: list[tuple[Decimal, Fraction, str]]) -> str:
    """The training hours a year, with each segment's own beside the plan's."""
    own = [f"{h}{where}" for h, _, where in parts if where]
    return f"{hours} training hours a year" + (f" ({', '.join(own)})" if own else "")
