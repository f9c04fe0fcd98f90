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


def untrade(draft: Draft) -> None:
    """Promises written for one rule that another rule then fails, at the target written,
    are not written: `fix` does not trade a finding for one it knows of, and its output
    passes the rules it says it answers. The finding answered is left to a person, saying
    why (review calc44 K04: delight's live floor, 80% in 20s, written on a messaging line
    closed from Friday 20:00 to Monday 08:00, where messages sent while it is closed miss
    any 20 seconds: `hours-cover-target` then failed the service level fix had written)."""
    from cs_align.loader import plan_path

    had = {(f.rule, f.path) for f in draft.first.findings if f.counts}
    found = draft.findings()
    dropped = []
    for path, why in draft.why.items():
        answered = frozenset(why) & PROMISES.keys()
        if not answered or path not in draft.edits:
            continue
        shown = plan_path(draft.loaded.doc.data, path)
        new = [
            f
            for f in found
            if f.path == shown and f.rule not in why and (f.rule, f.path) not in had
        ]
        if new:
            dropped.append(path)
            target = plan_path(draft.loaded.doc.data, path[:3])
            edit = draft.edits[path]
            draft.traded[target] = (
                answered,
                f"writing `{path[-1]}: {edit.value}` for it fails {new[0].rule} ({new[0].message})",
            )
    for path in dropped:
        del draft.edits[path]
        draft.why.pop(path, None)
    if dropped:
        draft.refresh()


PROMISES: dict[str, Callable[[Draft, Finding, PathT], None]] = {
    "answer-speed": _answer_speed,
    "hours-cover-target": _business_time,
}
