"""Reps get training, not scripts.

Why: a script makes a rep sound like a nameless corporation and leaves them helpless when
the problem is not in it; trained reps can be honest and genuine.

Source: 002 (give good training, not scripts; be honest and genuine).

Options: none.

Fails:
    staffing: {uses_scripts: true}
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.rules.base import STAFF, Context, Hit, Options

ID = "no-scripts"
AREA = "practices"
SEVERITY = "warning"
TITLE = "Reps are trained, not scripted"
SOURCE = "002"
REACH = STAFF


def applies(ctx: Context, options: Options) -> bool:
    """The plan has reps and says whether they are scripted."""
    return ctx.has_reps and ctx.plan.staffing.uses_scripts is not None


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    if ctx.has_reps and ctx.plan.staffing.uses_scripts:
        yield Hit(
            message="reps work from scripts",
            path=("staffing", "uses_scripts"),
            fix="set uses_scripts: false and move that budget into training",
        )
