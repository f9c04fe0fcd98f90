"""Customers have an honest channel for outages and delays.

Why: when something goes wrong, say what is wrong and how long it will take; a status page
or banner answers thousands at once and keeps queues from flooding.

Source: 003 (be honest: tell users what is wrong and how long it will take); 001 (one
post reaches thousands).

Options: none.

Fails: no channel has `outage_updates: true`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.rules.base import PLAN, Context, Hit, Options

ID = "outage-channel"
AREA = "practices"
SEVERITY = "info"
TITLE = "An honest channel for outages and delays"
SOURCE = "003, 001"
REACH = PLAN


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    if ctx.whole_plan and not any(c.outage_updates for c in ctx.plan.channels):
        yield Hit(
            message="no channel tells customers about outages and delays",
            path=("channels",),
            fix="mark the status page or help centre with `outage_updates: true` "
            "(add one if there is none)",
        )
