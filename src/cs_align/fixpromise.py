"""Promises for `fix`: a target slower than the strategy's floor becomes the floor, and a
calendar target the closed hours break is written in business time.

A promise the strategy itself sets (delight answers calls 80% in 20s) is the nearest value
that holds; the staffing pass then sizes for it. Choosing a promise the strategy does not
name (a channel with no target at all) stays a person's decision.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from cs_align.metrics import DEFERRED_SHARE
from cs_align.plan import DEFERRED_KINDS, QUEUED_KINDS, Channel
from cs_align.roundtrip import PathT
from cs_align.units import ServiceLevelTarget, Wait, fmt_seconds

if TYPE_CHECKING:
    from cs_align.findings import Finding
    from cs_align.fixer import Draft


def business(seconds: Decimal) -> str:
    """Open-time seconds as business time, the way help desks write it."""
    if seconds < 3600:
        return f"{(seconds / 60).normalize():f} business minutes"
    hours = (seconds / 3600).normalize()
    return f"{hours:f} business hour" + ("" if hours == 1 else "s")


def written_as(channel: Channel, seconds: Decimal) -> str:
    """A first-response time as the channel can keep it: business time when it closes for
    longer than the wait (a calendar promise would break every closing), else calendar."""
    gap_minutes, _ = channel.schedule.longest_gap
    return business(seconds) if gap_minutes * 60 > seconds else fmt_seconds(seconds)


def _floor(draft: Draft, f: Finding, channel: Channel) -> ServiceLevelTarget | None:
    from cs_align.fixpractice import options_of

    floors = [
        getattr(o, "live" if channel.kind in QUEUED_KINDS else "written", None)
        for o in options_of(draft, f)
    ]
    found = [x for x in floors if x is not None]
    return found[0] if found else None


def _answer_speed(draft: Draft, f: Finding, path: PathT) -> None:
    channel = draft.loaded.plan.channels[int(path[1])]
    floor = _floor(draft, f, channel)
    if floor is None:
        return
    field = path[3] if len(path) > 3 else None
    written = channel.kind in DEFERRED_KINDS and field != "service_level"
    if not written:
        draft.set((*path[:3], "service_level"), str(floor), f.rule)
    elif floor.share <= Decimal(str(DEFERRED_SHARE)):
        draft.set((*path[:3], "first_response"), written_as(channel, floor.seconds), f.rule)


def _business_time(draft: Draft, f: Finding, path: PathT) -> None:
    if path in draft.edits:
        return  # already moved to the strategy's floor, in business time where it must be
    channel = draft.loaded.plan.channels[int(path[1])]
    wait = getattr(channel.target, str(path[-1]), None) if channel.target else None
    if isinstance(wait, Wait) and not wait.business:
        seconds = wait.amount
        days = seconds / 86400
        text = (
            f"{days.normalize():f} business day" + ("" if days == 1 else "s")
            if seconds % 86400 == 0
            else business(seconds)
        )
        draft.set(path, text, f.rule)


PROMISES: dict[str, Callable[[Draft, Finding, PathT], None]] = {
    "answer-speed": _answer_speed,
    "hours-cover-target": _business_time,
}
