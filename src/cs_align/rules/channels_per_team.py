"""The team is not spread over too many channels.

Why: with many clients, keeping every channel open can be counterproductive; each staffed
channel needs enough people on it to cover its hours, breaks and absences.

Source: 003 (with many customers, keeping every way of reaching you open can do more harm
than good: find the channels that work for the team).

Options:
    min_fte_per_channel: planned FTE per human-staffed channel (default 3).

Fails:
    staffing: {agents: 6}       # with phone, chat, email, social and messaging
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.rules.base import HIGHER, PLAN, Context, Hit, Options, fte

ID = "channels-per-team"
AREA = "staffing"
SEVERITY = "warning"
TITLE = "Not too many channels for the team"
SOURCE = "003"
REACH = PLAN


class ChannelOptions(Options):
    min_fte_per_channel: Annotated[Decimal, HIGHER] = Decimal(3)


OPTIONS = ChannelOptions


def applies(ctx: Context, options: ChannelOptions) -> bool:
    """The plan has staff on channels people serve."""
    return (
        ctx.whole_plan and ctx.metrics.planned_fte > 0 and any(c.human for c in ctx.plan.channels)
    )


def check(ctx: Context, options: ChannelOptions) -> Iterator[Hit]:
    human = [c for c in ctx.plan.channels if c.human]
    planned = ctx.metrics.planned_fte
    if not ctx.whole_plan or not human or planned == 0:
        return
    per = planned / len(human)
    if per < options.min_fte_per_channel and len(human) == 1:
        # One line: no "1 staffed channels is 1.225 each", nor the quietest to close
        # (calc61).
        yield Hit(
            message=f"{fte(planned)} FTE on the one staffed channel; at least "
            f"{options.min_fte_per_channel} FTE are needed to cover its hours and absences",
            path=("channels",),
            fix=f"plan at least {options.min_fte_per_channel} FTE, or automate the channel",
        )
    elif per < options.min_fte_per_channel:
        yield Hit(
            message=f"{fte(planned)} FTE across {len(human)} staffed channels is {fte(per)} each; "
            f"at least {options.min_fte_per_channel} per channel are needed to cover "
            "hours and absences",
            path=("channels",),
            fix="close or automate the quietest channels, or add staff",
        )
