"""Every planned FTE works a channel.

Why: people the budget pays for but no channel has answer no contact: the plan funds a
headcount it does not put where customers are, and the staffing findings judge only the
people on the channels. Paying for staff that never meet the queue is one way of planning
one thing and funding another.

Staff who work no channel on purpose (team leads, quality, workforce planning) are not
agents: keep their cost in the budget, not in staffing.agents. Staff not assigned to any
channel are first shared among staffed channels that state no `agents` of their own, in
proportion to what each needs; only what is left over is reported.

Source: 004 (every staffing decision must be congruent with the strategy; do not plan one
thing and fund another).

Options:
    tolerance_fte: FTE that may work no channel (default 0.5): channel figures written to a
        tenth leave a little over.

Fails:
    staffing: {agents: 20.7}
    channels: [{id: phone, agents: 4, …}, {id: email, agents: 4.5, …}]   # 12.2 FTE on none
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Annotated

from cs_align.rules.base import LOWER, PLAN, Context, Hit, Options, fte
from cs_align.units import exact

ID = "agents-on-channels"
AREA = "staffing"
SEVERITY = "warning"
TITLE = "Every planned FTE works a channel"
SOURCE = "004"
REACH = PLAN


class IdleOptions(Options):
    tolerance_fte: Annotated[Decimal, LOWER] = Decimal("0.5")


OPTIONS = IdleOptions


def check(ctx: Context, options: IdleOptions) -> Iterator[Hit]:
    if ctx.plan.staffing.agents is None or not ctx.whole_plan:
        return
    total = ctx.metrics.planned_fte  # as the figures read it: a what-if moves it too
    working = sum((m.planned_fte for m in ctx.metrics.channels), Fraction(0))
    idle = total - working
    if idle <= exact(options.tolerance_fte):
        return
    yield Hit(
        message=f"{fte(idle)} of the {fte(total)} FTE planned work no channel: they answer "
        "no contacts, and no staffing finding counts them",
        path=("staffing", "agents"),
        fix=f"put them on the channels that need them (`agents:` on each), or set "
        f"staffing.agents to {fte(working)} and budget other roles apart",
    )
