"""Channel ids are unique.

Why: findings, waivers and diffs name channels by id; two channels with one id make every
figure about them ambiguous (both lines were sized with one's planned FTE). A plan file that
repeats a channel id is therefore unusable input: exit 2 at the second id, as a repeated
segment id is, so no plan that loads fails this rule; it stays for the strategy files that
name it.

Source: the plan format (DESIGN: every finding names its plan path).

Options: none.

Fails:
    channels: [{id: phone, kind: voice}, {id: phone, kind: chat}]
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.rules.base import PLAN, Context, Hit, Options

ID = "unique-channel-ids"
AREA = "staffing"
SEVERITY = "error"
TITLE = "Channel ids are unique"
SOURCE = "plan format"
REACH = PLAN


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    seen: dict[str, int] = {}
    for index, channel in enumerate(ctx.plan.channels):
        if channel.id in seen:
            yield Hit(
                message=f"channel id {channel.id!r} is used twice (channels {seen[channel.id] + 1}"
                f" and {index + 1})",
                path=("channels", index, "id"),
                fix=f"rename one, e.g. {channel.id}-{channel.kind.value}",
            )
        seen.setdefault(channel.id, index)
