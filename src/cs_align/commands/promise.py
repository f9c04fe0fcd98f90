"""`promise`: the best targets a plan's planned staff can keep, beside what the declared ones
need; the plan is checked too, so the exit code is check's."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from cs_align import __version__
from cs_align.commands.common import failing, judged, timed
from cs_align.errors import ExitCode, PlanError, StrategyError, unknown_format
from cs_align.escaping import json_text
from cs_align.output import emit
from cs_align.reporters.json import gap as json_gap
from cs_align.reporters.json import need as json_need
from cs_align.reporters.json import needed as json_needed
from cs_align.reporters.json import planned as json_planned
from cs_align.reporters.json import unusable
from cs_align.units import (
    ceil_tenth,
    column_gap,
    fmt_fte,
    fmt_money,
    fmt_need,
    named,
    seconds_up,
    shown_need,
)

if TYPE_CHECKING:
    from cs_align.keepbudget import Funded
    from cs_align.loader import LoadedPlan
    from cs_align.promise import Promise


def run(plan: str, fmt: str, fail_on: str | None, config: str | None) -> int:
    """`cs-align promise`: print the promises; exit 1 (with the reason on stderr) when the
    plan has findings at or above --fail-on."""
    from cs_align.engine import assess
    from cs_align.keepbudget import funded
    from cs_align.loader import parse_plan, read_source

    try:
        level, options = judged({"fail_on": fail_on}, config)
        with timed(plan):
            name, source = read_source(plan)
            loaded = parse_plan(source, name, None if plan == "-" else Path(plan))
            text = run_promise(loaded, fmt, funded(source, loaded, options))
            checked = assess(loaded, options)
    except (PlanError, StrategyError) as exc:
        if fmt == "json":  # a document with the errors, as check's
            emit(unusable(plan, exc.problems, "channels"))
        raise
    emit(text)
    if checked.fails(level):
        sys.stderr.write(failing(checked, level, plan))
        return ExitCode.FINDINGS
    return ExitCode.OK


def run_promise(loaded: LoadedPlan, fmt: str, paid: Funded | None = None) -> str:
    """The promises in ``fmt``; with ``paid``, what the staff the people line pays for keep
    (`promise.funded`)."""
    from cs_align.engine import figures
    from cs_align.promise import promises

    if fmt not in ("table", "json"):
        raise unknown_format(fmt, ("table", "json"))
    metrics = figures(loaded)
    rows = promises(loaded.plan, metrics)
    currency = loaded.plan.currency
    on = paid.channels if paid is not None else {}
    if fmt == "json":
        channels = [
            {
                "channel": r.channel,
                "declared": r.declared,
                "keepable": r.keepable,
                "keepable_seconds": None
                if r.keepable_seconds is None
                else seconds_up(r.keepable_seconds),
                "planned_fte": json_planned(r.planned_fte),
                "required_fte": json_need(r.required_fte),
                "needed_fte": json_needed(r.needed_fte, r.planned_fte),
                "extra_fte": json_gap(r.extra_fte),
                "extra_cost": None if r.extra_cost is None else str(r.extra_cost),
                "funded_fte": json_planned(on[r.channel][0]) if r.channel in on else None,
                "funded_keeps": on[r.channel][1] if r.channel in on else None,
                # The round figure `fix --keep-budget` writes for `keepable` (null where it
                # writes the same, or none: the staff keep the target, or are funded apart).
                "keepable_written": None if r.channel in on else r.written,
                # FTE the targets and the occupancy ceiling need, where the staff run past it.
                "ceiling_fte": None if r.ceiling_fte is None else json_need(r.ceiling_fte),
            }
            for r in rows
        ]
        data = {
            "version": __version__,  # as check, diff and whatif write it
            "plan": loaded.file,
            "currency": currency,
            "channels": channels,
            "people_line": None if paid is None else _people_line(paid),
        }
        return json_text(data, indent=2) + "\n"  # user text as every JSON output shows it
    if not rows:  # said, not silent (review user19 U11)
        return f"{loaded.file}: no channel people answer to a target: nothing to promise\n"
    from cs_align.whatif import spare_fte

    anew = paid is not None and paid.paid_fte >= paid.planned_fte
    spare = _Spare(
        fte=sum(spare_fte(loaded.plan, metrics).values(), Fraction(0)),
        short=[r.channel for r in rows if r.extra_cost],
        raised=sum((r.extra_fte for r in rows if r.extra_cost), Fraction(0)),
    )
    lines = [
        _promise_line(r, currency, r.channel in on, anew, spare, _fewer(r, on)) + "\n" for r in rows
    ]
    if paid is not None:
        lines.append(_funded_line(paid, currency) + "\n")
    return "".join(lines)


def _fewer(r: Promise, on: dict[str, tuple[Fraction, str]]) -> bool:
    """Whether the staff shared anew give the line fewer FTE than the plan does."""
    return r.channel in on and on[r.channel][0] < r.planned_fte


def _people_line(paid: Funded) -> dict[str, object]:
    return {
        "amount": str(paid.money),
        "pays_for_fte": json_planned(paid.paid_fte),
        "planned_fte": json_planned(paid.planned_fte),
    }


def _keeps(what: str) -> str:
    """What a line's funded staff keep, in words: "keeps 80% in 1m", or, for a line no
    target sizes, why not ("desk 2 FTE keeps cannot be checked: …" read as a figure kept)."""
    from cs_align.promise import UNCHECKED

    return f"({what})" if what.startswith(UNCHECKED) else f"keeps {what}"


def _funded_line(paid: Funded, currency: str) -> str:
    """What the staff the people line pays for keep, as `fix --keep-budget` writes them."""
    kept = "; ".join(
        f"{cid} {fmt_fte(fte)} FTE {_keeps(what)}" for cid, (fte, what) in paid.channels.items()
    )
    if paid.paid_fte >= paid.planned_fte:  # paid for, shared anew (`keepbudget._SHARED`)
        return (
            f"people line: {fmt_money(paid.money, currency)} pays for {_paid_for(paid)}; "
            f"shared as `cs-align fix --keep-budget` writes it: {kept}"
        )
    return (
        f"people line: {fmt_money(paid.money, currency)} pays for {fmt_fte(paid.paid_fte)} "
        f"of the {fmt_fte(paid.planned_fte)} FTE planned; on them (as `cs-align fix "
        f"--keep-budget` writes it): {kept}"
    )


def _paid_for(paid: Funded) -> str:
    """The FTE a people line paying for every FTE planned pays for: "the 15.5 FTE planned",
    or, where it pays for more, how many ("46.1 FTE, more than the 37.44 planned", where it
    read "pays for the 37.44 FTE planned" beside `fix --keep-budget`'s 46.1; calc59)."""
    planned = fmt_fte(paid.planned_fte)
    if paid.paid_fte > paid.planned_fte:
        # "more than the 37.44 planned, but as the plan shares them they miss a target" read
        # as if the 46.1 paid for missed it (planner59): the planned are named as those that do.
        return (
            f"{fmt_fte(paid.paid_fte)} FTE, more than the {planned} planned, and the {planned} "
            "as the plan shares them miss a target"
        )
    return f"the {planned} FTE planned, but as the plan shares them they miss a target"


def _promise_line(
    r: Promise,
    currency: str,
    unpaid: bool = False,
    anew: bool = False,
    spare: _Spare | None = None,
    fewer: bool = False,
) -> str:
    """One channel's promise; ``unpaid``: the people line pays for fewer FTE than planned
    (``anew``: pays for them, and `fix --keep-budget` shares them anew; ``fewer``: giving
    this line fewer than the plan does, so it keeps less, never "more", review calc62);
    ``spare``: staff `fix` moves to a short line at no cost before it hires any
    (`whatif.spare_fte`)."""
    note = (_FEWER if fewer else _ANEW) if anew else _UNPAID
    from cs_align.promise import UNJUDGED

    need = f"{_need(r.required_fte, r)} FTE (plan {fmt_fte(r.planned_fte)})"
    if r.keepable.startswith("cannot be checked"):
        return f"{r.channel}: {r.keepable}; declared {r.declared or 'no target'}"
    if r.declared is None:
        line = f"{r.channel}: {r.keepable}; its workload at the ceiling needs {need}"
        if r.extra_cost:  # priced as every other shortfall (calc59)
            line += _priced(r.extra_cost, currency, spare)
        return line
    if r.keepable.startswith(UNJUDGED):
        return _keeping_up(r, currency, spare)
    if not r.extra_fte:
        line = (
            f"{r.channel}: can keep {r.keepable}; declared {r.declared} is kept by the planned "
            f"{fmt_fte(r.planned_fte)} FTE"
        )
        if _fewer_keep(r):  # the need every other command tells (review r35)
            line += f"; {_need(r.needed_fte, r)} FTE would keep it"
        if r.planned_fte < r.required_fte:
            # Part of the time one person short of a whole headcount, the plan still keeps
            # it. At or above them, "needs 3.5 FTE (plan 3.47)" read as a shortfall where
            # 3.42 are needed and kept (review calc33 F2).
            line += f" (whole headcounts all the time would need {fmt_need(r.required_fte)})"
        return line + _past_ceiling(r) + note * unpaid
    need = f"{_need(r.needed_fte, r)} FTE (plan {fmt_fte(r.planned_fte)})"
    kept = f"{r.keepable}{_round(r, unpaid)}"
    line = f"{r.channel}: can keep {kept}; declared {r.declared} needs {need}"
    if r.extra_cost:
        line += _priced(r.extra_cost, currency, spare)
    if ceil_tenth(r.needed_fte) < ceil_tenth(r.required_fte):  # as `check` says it
        line += f" (whole headcounts all the time would need {fmt_need(r.required_fte)})"
    return line + _past_ceiling(r) + note * unpaid


def _past_ceiling(r: Promise) -> str:
    """Where the planned staff run past the occupancy ceiling, what holding it needs, as
    `occupancy-cap` says it (`Promise.ceiling_fte`)."""
    if r.ceiling_fte is None:
        return ""
    return (
        f"; the planned {fmt_fte(r.planned_fte)} FTE run {r.over_ceiling}: the targets and "
        f"the ceiling need {fmt_need(r.ceiling_fte)} FTE"
    )


_UNPAID = "; the people line pays for fewer FTE than planned (below)"
_ANEW = "; the planned staff shared anew keep more (below)"
_FEWER = "; the planned staff shared anew give it fewer FTE (below)"


@dataclass(frozen=True)
class _Spare:
    """Staff `fix` moves at no cost to the short lines before it hires any
    (`whatif.spare_fte`), beside those lines and the FTE their shortfalls add up to."""

    fte: Fraction
    short: list[str]
    raised: Fraction


def _priced(cost: Decimal, currency: str, spare: _Spare | None) -> str:
    """A line's shortfall priced as hires, and, where the plan has staff `fix` moves first at
    no cost, that it is priced alone: "276,000 USD a year more" beside 10 FTE on no channel,
    all paid for, read as money to find where `fix --keep-budget` moves 4.6 of them and
    hires nobody (planner61, left). The count is what moves, as whatif's note says it:
    "10 FTE … move to it first" of a line 4.6 short, or the same 5.3 told of each of two
    short lines 3.6 short together, read as more than fix moves (recheck61)."""
    priced = f", {fmt_money(cost, currency)} a year more"
    if spare is None or not spare.fte:
        return priced
    moved = min(spare.fte, spare.raised)
    count = (
        fmt_fte(moved) if moved == spare.fte else f"{fmt_fte(moved)} of the {fmt_fte(spare.fte)}"
    )
    rest = spare.raised - moved
    hires = f"as few as {column_gap(rest)} FTE" if rest else "nobody"
    where = "it" if len(spare.short) < 2 else f"the short lines ({named(spare.short)})"
    return (
        f"{priced} if hired, though {count} FTE planned beyond what their lines need move to "
        f"{where} first at no cost (`cs-align fix`, which would hire {hires})"
    )


def _need(need: Fraction, r: Promise) -> str:
    """A need beside the planned FTE, as every other output shows it (`units.shown_need`):
    never above planned staff that keep it. A line at a full ceiling whose 10.55 planned
    FTE keep up read "needs 10.6 FTE (plan 10.55)" where whatif and check say 10.55, and
    3.47 planned that keep a need of 3.42 read "3.5 FTE would keep it" (review calc60)."""
    return fmt_fte(shown_need(need, r.planned_fte))


def _fewer_keep(r: Promise) -> bool:
    """Whether fewer FTE than planned, as shown, keep the channel's target."""
    return shown_need(r.needed_fte, r.planned_fte) < r.planned_fte


def _round(r: Promise, unpaid: bool) -> str:
    """The round figure `fix --keep-budget` writes for the time kept, where it differs (where
    the people line pays for fewer FTE, the figure it writes is the funded staff's, below)."""
    if r.written is None or unpaid:
        return ""
    return f" ({r.written} as a round figure, as `fix --keep-budget` writes it)"


def _keeping_up(r: Promise, currency: str, spare: _Spare | None) -> str:
    """A channel whose one target no figure judges: what keeping up needs, never an
    abandonment it "can keep" (review calc38 F7)."""
    line = f"{r.channel}: {r.keepable} (declared {r.declared})"
    if not r.extra_fte:
        if _fewer_keep(r):
            line += f"; {_need(r.needed_fte, r)} FTE would keep up"
        return line
    line += f"; keeping up needs {_need(r.needed_fte, r)} FTE (plan {fmt_fte(r.planned_fte)})"
    if r.extra_cost:
        line += _priced(r.extra_cost, currency, spare)
    if ceil_tenth(r.needed_fte) < ceil_tenth(r.required_fte):
        line += f" (whole headcounts all the time would need {fmt_need(r.required_fte)})"
    return line
