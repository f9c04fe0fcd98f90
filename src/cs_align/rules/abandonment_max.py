"""Expected abandonment stays under `abandonment_max`.

Why: callers who hang up were not served at all; a plan that accepts a ceiling must staff
so the expected share stays under it. Needs `patience` (Erlang A).

Source: 001 (respond in a timely manner, or customers go and tell others).

Options: none; the ceiling is each channel's `target.abandonment_max`.

Fails:
    - {id: phone, …, patience: 1m, target: {abandonment_max: 3%}, agents: 12}
"""

from __future__ import annotations

from collections.abc import Iterator

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
        if ceiling is not None and channel.patience is None and m.model == "erlang-c":
            yield Hit(  # no silent skip: without patience nobody is modelled hanging up
                message=f"{channel.id}: abandonment at most {pct(ceiling)} cannot be checked: "
                "the channel states no caller patience",
                path=("channels", index, "target", "abandonment_max"),
                fix=f"state how long callers wait before hanging up, e.g. `patience: 2m` on "
                f"{channel.id} (Erlang A then sizes for abandonment)",
            )
            continue
        if ceiling is None or m.abandonment is None:
            continue
        if m.abandonment > float(ceiling) + 1e-12:
            yield Hit(
                message=f"{channel.id}: with the planned agents "
                f"{pct_against(m.abandonment, float(ceiling))} of callers "
                f"are expected to hang up; the ceiling is {pct(ceiling)}",
                path=("channels", index, "target", "abandonment_max"),
                fix=f"add agents to {channel.id}, or shorten handle time",
            )
