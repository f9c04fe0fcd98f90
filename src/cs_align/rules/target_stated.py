"""Every channel people staff states a response target.

Why: a customer can only count on an answer that someone has promised and planned for.
A channel with no target cannot be staffed on purpose, and cannot be checked.

Source: 000 (customers must be able to count on an answer to every email); 004 (make
promises and keep them).

Options: none.

Fails:
    channels:
      - {id: email, kind: email, volume: 900/week, handle_time: 6m}   # no target
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.rules.base import CHANNEL, Context, Hit, Options, pct

ID = "target-stated"
AREA = "response targets"
SEVERITY = "error"
TITLE = "Every staffed channel states a response target"
SOURCE = "000, 004"
REACH = CHANNEL


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    for index, channel, _ in ctx.channels():
        if channel.human and (channel.target is None or channel.target.is_empty):
            example = (
                "first_response: 24h"
                if channel.kind.value in ("email", "social", "community")
                else 'service_level: "80% in 20s"'
            )
            only = channel.target.abandonment_max if channel.target is not None else None
            # An abandonment ceiling is sized and judged, but promises no time to answer in
            # (review calc29 F4: "states no response target" beside its own sizing).
            stated = (
                f"states only an abandonment ceiling (at most {pct(only)}), no time to answer in"
                if only is not None
                else "states no response target"
            )
            yield Hit(
                message=f"{channel.id} is staffed by people but {stated}",
                path=("channels", index),
                fix=f"add `target: {{{example}}}` to {channel.id}",
            )
