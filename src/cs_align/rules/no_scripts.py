"""Reps get training, not scripts.

Why: a script makes a rep sound like a nameless corporation and leaves them helpless when
the problem is not in it; trained reps can be honest and genuine.

Source: 002 (give good training, not scripts; be honest and genuine).

Options: none.

A plan with reps that does not say whether they are scripted is reported, not passed: the
rule cannot be checked until `staffing.uses_scripts` is written.

Fails:
    staffing: {uses_scripts: true}
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.rules.base import STAFF, Context, Hit, Options, unstated

ID = "no-scripts"
AREA = "practices"
SEVERITY = "warning"
TITLE = "Reps are trained, not scripted"
SOURCE = "002"
REACH = STAFF


def applies(ctx: Context, options: Options) -> bool:
    """The plan has reps and says whether they are scripted (a plan that does not say is
    reported by `check` as unchecked, and is no evidence for or against a strategy)."""
    return ctx.has_reps and ctx.plan.staffing.uses_scripts is not None


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    if not ctx.has_reps:
        return
    scripted = ctx.plan.staffing.uses_scripts
    if scripted is None:
        yield unstated(
            "training instead of scripts",
            "uses_scripts",
            "script policy",
            "false",
            "true if reps work from scripts",
        )
    elif scripted:
        yield Hit(
            message="reps work from scripts",
            path=("staffing", "uses_scripts"),
            fix="set uses_scripts: false and move that budget into training",
        )
