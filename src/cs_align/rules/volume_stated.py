"""A staffed channel with a target states its volume and handle time.

Why: whether the people on a channel keep its target depends on how many contacts arrive
and how long each takes. Without both, the target is a wish nobody can check, and every
other staffing and budget finding silently leaves the channel out.

Source: 002 (responding quickly needs appropriate staffing); 003 (plan for service in
advance).

Options: none.

Fails:
    - {id: phone, kind: voice, target: {service_level: 80% in 20s}, agents: 12}
      # no volume: staffing for this target cannot be checked
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.rules.base import CHANNEL, Context, Hit, Options

ID = "volume-stated"
AREA = "staffing"
SEVERITY = "error"
TITLE = "Staffed channels with a target state their volume"
SOURCE = "002, 003"
REACH = CHANNEL


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    for index, channel, m in ctx.channels():
        if not channel.human or channel.target is None or not m.target_text:
            continue
        missing = [
            name
            for name, value in (("volume", channel.volume), ("handle_time", channel.handle_time))
            if value is None
        ]
        if not missing:
            continue
        what = " and ".join(f"no {name.replace('_', ' ')}" for name in missing)
        yield Hit(
            message=f"{channel.id}: {what}: staffing for {m.target_text} cannot be checked",
            path=("channels", index),
            fix="add "
            + " and ".join(
                "`volume: {contacts: …, per: month}`" if n == "volume" else "`handle_time: …`"
                for n in missing
            )
            + f" to {channel.id}",
        )
