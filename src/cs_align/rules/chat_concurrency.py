"""Agents handle at most three chats at once.

Why: above two or three concurrent chats, handle time per chat climbs, replies slow and
mistakes multiply; a plan that counts on more is counting on capacity that is not there.
Staffing math for chat models agents × concurrency slots, so an inflated concurrency
under-sizes the team.

Source: 003 (quality matters more than quickness); industry guidance of 2–3 concurrent chats
per agent (e.g. ICMI, Comm100 live chat benchmarks).

Options:
    max_concurrency: the most chats per agent before the finding (default 3).

Fails:
    - {id: chat, kind: chat, concurrency: 5, …}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from cs_align.rules.base import CHANNEL, LOWER, Context, Hit, Options

ID = "chat-concurrency"
AREA = "staffing"
SEVERITY = "warning"
TITLE = "Agents handle at most three chats at once"
SOURCE = "003; ICMI chat concurrency guidance 2–3"
REACH = CHANNEL


class ConcurrencyOptions(Options):
    max_concurrency: Annotated[int, LOWER] = 3


OPTIONS = ConcurrencyOptions


def check(ctx: Context, options: ConcurrencyOptions) -> Iterator[Hit]:
    for index, channel, _ in ctx.channels():
        if channel.human and channel.concurrency > options.max_concurrency:
            yield Hit(
                message=f"{channel.id}: each agent is planned to handle {channel.concurrency} "
                f"conversations at once; above {options.max_concurrency} handle time and "
                "quality suffer",
                path=("channels", index, "concurrency"),
                fix=f"plan at most {options.max_concurrency} and size the team for it",
            )
