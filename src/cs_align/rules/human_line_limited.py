"""An automated strategy does not promise or staff a fast human line.

Why: automated service sets expectations low and meets them exactly; it says clearly that
people are hard to reach, so only customers who accept that stay. A fast, staffed phone
line is another strategy's cost.

Source: 004 (automated service at big web companies: avoid human interaction, and be clear
about it; Google has no phone number).

Options:
    fastest_human_answer: shortest answer time a human voice/chat target may promise
    (default 4h).
    max_human_fte_share: FTE a human-staffed live channel may take, as a share of all
    planned FTE (default 0.5).

Fails:
    strategy: automated
    channels: [{id: phone, kind: voice, target: {service_level: 80% in 20s}, …}]
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, ClassVar

from cs_align.plan import QUEUED_KINDS
from cs_align.rules.base import CHANNEL, HIGHER, LOWER, Context, Hit, Options, pct
from cs_align.units import Duration, exact

ID = "human-line-limited"
AREA = "strategy"
SEVERITY = "error"
TITLE = "No fast human line in an automated strategy"
SOURCE = "004"
REACH = CHANNEL


class HumanOptions(Options):
    fastest_human_answer: Annotated[Duration, HIGHER] = Decimal(4 * 3600)
    max_human_fte_share: Annotated[Decimal, LOWER] = Decimal("0.5")
    MOST: ClassVar[dict[str, tuple[Decimal, str]]] = {
        "max_human_fte_share": (Decimal(1), "every FTE the plan has (100%)")
    }


OPTIONS = HumanOptions


def check(ctx: Context, options: HumanOptions) -> Iterator[Hit]:
    total = ctx.metrics.planned_fte
    for index, channel, m in ctx.channels():
        if channel.kind not in QUEUED_KINDS or not channel.human:
            continue
        sl = channel.target.service_level if channel.target else None
        if sl is not None and sl.seconds < options.fastest_human_answer:
            yield Hit(
                message=f"{channel.id}: promises people answer {sl} — a fast human line",
                path=("channels", index, "target", "service_level"),
                fix=f"drop the live target on {channel.id}, route it to self-service, or "
                "declare a strategy that promises people",
            )
        if total and m.planned_fte / total > exact(options.max_human_fte_share):
            yield Hit(
                message=f"{channel.id}: {pct(float(m.planned_fte / total))} of all FTE staff a "
                f"live human channel (limit {pct(options.max_human_fte_share)})",
                path=("channels", index),
                fix="move that budget into self-service and automation",
            )
