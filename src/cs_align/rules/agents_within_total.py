"""Agents assigned to channels do not exceed the total.

Why: the same person cannot be counted twice; a plan whose channel assignments add up to
more than its headcount is staffing channels with people it does not have.

Source: 002 (respond quickly: that needs appropriate staffing — real staffing).

Where the channels hold more than the total, every figure counts their FTE as the plan's
staff (the people line must pay for them; `fix` raises the total to their sum), so a total
written below them is no cheaper plan.

Options: none.

Fails:
    staffing: {agents: 40}
    channels: [{id: phone, agents: 30, …}, {id: chat, agents: 20, …}]
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.rules.base import PLAN, Context, Hit, Options, fte

ID = "agents-within-total"
AREA = "staffing"
SEVERITY = "error"
TITLE = "Channel agents do not exceed total agents"
SOURCE = "002"
REACH = PLAN


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    # The total as stated (a what-if moves it with the channels' staff); the figures'
    # `planned_fte` counts the channels' own where they hold more.
    total, assigned = ctx.metrics.stated_fte, ctx.metrics.assigned_fte
    if total is None or not ctx.whole_plan or assigned <= total:
        return
    yield Hit(
        message=f"channels are assigned {fte(assigned)} FTE but staffing.agents is {fte(total)}; "
        f"{fte(assigned - total)} FTE are counted twice",
        path=("staffing", "agents"),
        fix=f"set staffing.agents to {fte(assigned)} or lower the channel agents",
    )
