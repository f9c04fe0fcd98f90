"""Deferred work (email, social, community; messaging with a long target) does not pile up.

Why: when a week's work exceeds the productive hours the planned staff give the channel,
the backlog grows every week and no response target is kept; the replies that do go out
are to old problems. Fewer than one person on shift is fine when the work fits.

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
        if m.workload_hours <= m.planned_hours:
            continue
        least = m.workload_hours * WEEKS_PER_YEAR / productive if productive else m.workload_hours
        work, staffed = hours_against(m.workload_hours, m.planned_hours)
        yield Hit(
            message=f"{channel.id}: {work} hours of work arrive each week but "
            f"the planned {fte(m.planned_fte)} FTE give {staffed} "
            f"productive hours ({positions(m.planned_positions)} on shift); the backlog "
            "grows every week",
            path=("channels", index),
            fix=f"plan at least {need(least)} FTE for {channel.id} to keep up, "
            f"{need(m.required_fte_at_ceiling)} to keep occupancy under the ceiling",
        )
