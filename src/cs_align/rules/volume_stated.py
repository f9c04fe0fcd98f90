"""A staffed channel with a target states its volume and handle time.

Why: whether the people on a channel keep its target depends on how many contacts arrive
and how long each takes. Without both, the target is a wish nobody can check, and every
other staffing and budget finding silently leaves the channel out.

Source: 002 (responding quickly needs appropriate staffing); 003 (plan for service in
advance).

A volume of zero contacts counts as none: it keeps any target without judging it.

Options: none.

Fails:
    - {id: phone, kind: voice, target: {service_level: 80% in 20s}, agents: 12}
      # no volume: staffing for this target cannot be checked
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.rules.base import CHANNEL, Context, Hit, Options
from cs_align.sizing import weekly_contacts

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
        if not missing and weekly_contacts(channel) == 0:
            yield Hit(  # zero contacts keep any target: nothing is judged
                message=f"{channel.id}: a volume of 0: staffing for {m.target_text} cannot be "
                "checked",
                path=("channels", index, "volume"),
                fix=f"forecast {channel.id}'s contacts (e.g. `volume: 9000/month`), or drop its "
                "target and staff if it takes none",
            )
            continue
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
