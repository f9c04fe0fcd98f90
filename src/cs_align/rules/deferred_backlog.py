"""Deferred work (email, social, community; messaging with a long target) does not pile up.

Why: when a week's work exceeds the productive hours the planned staff give the channel,
the backlog grows every week and no response target is kept; the replies that do go out
are to old problems. Work exactly equal to the hours leaves no hour to clear a busier week
with: those staff cannot keep up either, and the backlog grows without bound. Fewer than
one person on shift is fine when the work fits with hours to spare.

Source: 000 (can customers count on an answer to every email?); 001 (timely response).

Options: none.

Fails:
    - {id: email, kind: email, volume: 5000/week, handle_time: 10m, agents: 3}
      # 833 hours of work a week; 3 FTE at 40 paid hours a week and 30% shrinkage give 84
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.metrics import WEEKS_PER_YEAR
from cs_align.rules.base import (
    CHANNEL,
    Context,
    Hit,
    Options,
    fte,
    hours_against,
    need,
    positions,
)
from cs_align.sizing import deferred

ID = "deferred-backlog"
AREA = "staffing"
SEVERITY = "error"
TITLE = "Deferred work does not pile up without bound"
SOURCE = "000, 001"
REACH = CHANNEL


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    productive = ctx.metrics.productive_hours_per_fte
    for index, channel, m in ctx.channels():
        if not m.workload_hours or not deferred(channel, m.goal):
            continue
        # At exactly the hours the queue cannot keep up, as staffing-meets-targets and
        # occupancy-cap say of it: this rule held there (review calc51 W4).
        if m.workload_hours < m.planned_hours or (m.workload_hours == m.planned_hours and m.stable):
            continue
        least = m.workload_hours * WEEKS_PER_YEAR / productive if productive else m.workload_hours
        # Staff exactly as busy as the work cannot keep up (above): "more than" the FTE that
        # are, where they land on a tenth, else "at least" the tenth above them. Chosen by
        # the planned staff, it told a plan of 10 "at least 10.5", which fall behind too,
        # and one of 10.625 "more than 10.7", where 10.7 keep up (review calc60).
        on_tenth = (least * 10).denominator == 1
        work, staffed = hours_against(m.workload_hours, m.planned_hours)
        given = f"the planned {fte(m.planned_fte)} FTE give"
        on_shift = f"({positions(m.planned_positions)} on shift)"
        message = (
            f"{channel.id}: {work} hours of work arrive each week but {given} {staffed} "
            f"productive hours {on_shift}; the backlog grows every week"
            if m.workload_hours > m.planned_hours
            else f"{channel.id}: {work} hours of work arrive each week, as many as {given} "
            f"{on_shift}, which cannot keep up (the backlog grows without bound: no hour is "
            "left to clear a busier week)"
        )
        yield Hit(
            message=message,
            path=("channels", index),
            fix=f"plan {'more than' if on_tenth else 'at least'} {need(least)} FTE for "
            f"{channel.id} to keep up, "
            f"{need(m.required_fte_at_ceiling)} to keep occupancy under the ceiling",
        )
