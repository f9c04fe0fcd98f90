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

Source: 003 (quality matters more than quickness); industry ceiling 85–90% occupancy
(e.g. ICMI and SQM guidance).

Options: none; the ceiling is `staffing.max_occupancy` (default 85%).

Fails:
    staffing: {max_occupancy: 85%}
    channels: [{id: phone, …, agents: 11}]   # load 10 Erlangs → 91% occupancy
"""

from __future__ import annotations

from collections.abc import Iterator

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

ID = "occupancy-cap"
AREA = "staffing"
SEVERITY = "warning"
TITLE = "Occupancy stays under the ceiling"
SOURCE = "003; ICMI occupancy guidance 85–90%"
REACH = CHANNEL


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    cap = float(ctx.plan.staffing.max_occupancy)
    for index, channel, m in ctx.channels():
        if m.occupancy is None or m.planned_positions == 0:  # nobody planned: nobody overworked
            continue
        if m.stable and m.occupancy <= cap + 1e-12:
            continue
        # A team that cannot keep up is busy all the time, however long the queue grows.
        busy = f"{pct_against(m.occupancy, cap)} occupied"
        if not m.stable:
            busy = "100% occupied (they cannot keep up: the queue grows without end)"
        yield Hit(
            message=f"{channel.id}: planned agents would be {busy}; the "
            f"ceiling is {pct(cap)}: the targets and the ceiling need "
            f"{need(m.at_ceiling_fte)} FTE (plan {fte(m.planned_fte)})",
            path=("channels", index),
            fix=f"plan {need(m.at_ceiling_fte)} FTE for {channel.id} "
            f"({short(m.at_ceiling_fte, m.planned_fte)}), or raise "
            "staffing.max_occupancy if the team can sustain it",
        )
