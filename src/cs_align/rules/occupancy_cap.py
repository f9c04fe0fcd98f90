"""Agents are not kept busier than the occupancy ceiling.

Why: above about 85–90% occupancy agents have no breathing room between contacts;
burnout, attrition and errors follow, and quality is what suffers first.

The ceiling is judged here alone: `staffing-meets-targets` and `budget-funds-targets`
judge the targets customers are promised. Each strategy sets how much an over-worked team
matters to it (a warning unless its seed reasoning makes it a failure of the strategy).
Occupancy is the busy time over the staffed time of the planned FTE, fractional
headcounts included. Callers who hang up (`patience`, Erlang A) keep no one busy, so the
busy time is the carried load and the need it names is the least staff that hold the
ceiling on that reading, the figure `fix` writes (16 Erlangs with 30 s patience and a
4-minute handle time: 16.2 on shift, not 16 ÷ 85% = 18.8).

Over intraday intervals the ceiling holds in every interval, not on the week's average: a
quiet day does not rest a team through its peak. The planned staff are placed over the
intervals as a schedule that follows the forecast places them, and the busiest interval is
judged; the need told is the least FTE whose staff keep the targets and hold the ceiling
in each interval, the sum over intervals of the larger of the two needs, as
`staff --max-occupancy` reads one interval (review calc41 F7: 2 Erlangs in six half-hours
and 100 at 09:00 ran the peak at 92.5% on 11.8 FTE, a week of 84.75%, and passed; holding
85% there needs 117.65 on shift, 12.7 FTE).

Source: 003 (quality matters more than quickness); industry ceiling 85–90% occupancy
(e.g. ICMI and SQM guidance).

Options: none; the ceiling is `staffing.max_occupancy` (default 85%).

Fails:
    staffing: {max_occupancy: 85%}
    channels: [{id: phone, …, agents: 11}]   # load 10 Erlangs → 91% occupancy
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cs_align.rules.base import (
    CHANNEL,
    Context,
    Hit,
    Options,
    fte,
    need,
    pct,
    pct_against,
    short,
)

if TYPE_CHECKING:
    from cs_align.metrics import ChannelMetrics

ID = "occupancy-cap"
AREA = "staffing"
SEVERITY = "warning"
TITLE = "Occupancy stays under the ceiling"
SOURCE = "003; ICMI occupancy guidance 85–90%"
REACH = CHANNEL


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    written = ctx.plan.staffing.max_occupancy
    cap = float(written)
    for index, channel, m in ctx.channels():
        judged = m.highest_occupancy  # over intervals, the busiest one's (review calc41 F7)
        if judged is None or not m.over_ceiling(cap):
            continue
        yield Hit(
            message=f"{channel.id}: planned agents would be {_busy(m, judged, cap)}; the "
            f"ceiling is {pct(written)}{' in every interval' if m.highest_at else ''}: the "
            "targets and the ceiling need "
            f"{need(m.at_ceiling_fte)} FTE (plan {fte(m.planned_fte)})",
            path=("channels", index),
            fix=f"plan {need(m.at_ceiling_fte)} FTE for {channel.id} "
            f"({short(m.at_ceiling_fte, m.planned_fte)}), or raise "
            "staffing.max_occupancy if the team can sustain it",
        )


def _busy(m: ChannelMetrics, judged: float, cap: float) -> str:
    """How busy the planned agents are where the ceiling is judged: the busiest interval,
    named, beside the week's average (review calc41 F7), or the one stretch."""
    if not m.stable:
        # A team that cannot keep up is busy all the time, however long the queue grows;
        # over intervals, where (review calc42 F6: the busiest was not named).
        where = f" at {m.highest_at}" if m.highest_at else ""
        there = " there" if m.highest_at else ""
        return f"100% occupied{where} (they cannot keep up{there}: the queue grows without end)"
    busy = f"{pct_against(judged, cap)} occupied"
    if not m.highest_at:
        return busy
    week = pct_against(m.occupancy or 0.0, cap)
    return f"{busy} at {m.highest_at} ({week} over the week)"
