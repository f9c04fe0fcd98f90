"""Deferred channels (email, social, community) do not build an endless backlog.

Why: when the planned staff cannot handle the workload, the backlog grows every day and no
response target is kept; the replies that do go out are to old problems.

Source: 000 (can customers count on an answer to every email?); 001 (timely response).

Options: none.

Fails:
    - {id: email, kind: email, volume: 5000/week, handle_time: 10m, agents: 3}
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.plan import DEFERRED_KINDS
from cs_align.rules.base import CHANNEL, Context, Hit, Options, fte

ID = "deferred-backlog"
AREA = "staffing"
SEVERITY = "error"
TITLE = "Deferred work does not pile up without bound"
SOURCE = "000, 001"
REACH = CHANNEL


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    for index, channel, m in ctx.channels():
        if channel.kind not in DEFERRED_KINDS or m.offered_load == 0 or m.stable:
            continue
        hours = m.offered_load * float(m.open_hours_per_week)
        yield Hit(
            f"{channel.id}: {hours:,.0f} hours of work arrive each week but the planned "
            f"{fte(m.planned_fte)} FTE give {m.planned_positions} on shift; the backlog "
            f"grows every week",
            ("channels", index),
            f"plan at least {fte(m.required_fte)} FTE for {channel.id}",
        )
