"""Expected abandonment stays under `abandonment_max`.

Why: callers who hang up were not served at all; a plan that accepts a ceiling must staff
so the expected share stays under it. Needs `patience` (Erlang A); a ceiling no model can
judge (a live queue without patience, or a written channel's inbox, where nobody is
modelled hanging up) is reported as not checked, never passed.

Source: 001 (respond in a timely manner, or customers go and tell others).

Options: none; the ceiling is each channel's `target.abandonment_max`.

Fails:
    - {id: phone, …, patience: 1m, target: {abandonment_max: 3%}, agents: 12}
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.queueing import TOLERANCE
from cs_align.rules.base import CHANNEL, Context, Hit, Options, pct, pct_against

ID = "abandonment-max"
AREA = "response targets"
SEVERITY = "error"
TITLE = "Expected abandonment stays under the ceiling"
SOURCE = "001"
REACH = CHANNEL


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    for index, channel, m in ctx.channels():
        ceiling = channel.target.abandonment_max if channel.target else None
        if ceiling is None or m.model in ("none", "self-service", "bots"):
            continue  # no ceiling, or no figures (their own findings say why)
        if m.abandonment is None and m.model in ("erlang-c", "erlang-c-concurrent"):
            yield Hit(  # no silent skip: without patience nobody is modelled hanging up
                message=f"{channel.id}: abandonment at most {pct(ceiling)} cannot be checked: "
                "the channel states no caller patience",
                path=("channels", index, "target", "abandonment_max"),
                fix=f"state how long callers wait before hanging up, e.g. `patience: 2m` on "
                f"{channel.id} (Erlang A then sizes for abandonment)",
            )
            continue
        if m.abandonment is None:
            yield Hit(  # inbox work: a message waits; nobody is modelled giving up on it
                message=f"{channel.id}: abandonment at most {pct(ceiling)} cannot be checked: "
                f"its contacts wait in an inbox ({channel.kind.value}), where nobody is "
                "modelled hanging up",
                path=("channels", index, "target", "abandonment_max"),
                fix=f"drop `abandonment_max` from {channel.id}'s target (its first response "
                "is what a written channel promises)",
            )
            continue
        if m.abandonment > float(ceiling) + TOLERANCE:
            yield Hit(
                message=f"{channel.id}: with the planned agents "
                f"{pct_against(m.abandonment, float(ceiling))} of callers "
                f"are expected to hang up; the ceiling is {pct(ceiling)}",
                path=("channels", index, "target", "abandonment_max"),
                fix=f"add agents to {channel.id}, or shorten handle time",
            )
