"""What a waiver or a strategy mix is bound to, compared between the trusted revision and
the working tree.

A waiver accepts a finding about a subject (a channel, a segment, the staffing or budget
block) as it stood when the waiver was granted; a mix hands channels to strategies by id and
segment. Both bind by names the change under review can move — a channel's id, a line — so
under review a trusted waiver applies only while its subject is unchanged, and a channel
whose strategy the mix now decides differently is a policy change.
"""

from __future__ import annotations

import re
from typing import Any

from cs_align.patterns import STRATEGY_ALIASES

_PART = re.compile(r"([^.\[\]]+)(?:\[([^\]]*)\])?")


def subject(data: Any, printed: str) -> Any:
    """The block a finding's printed path (`channels[phone].target`) is about: the whole
    channel or segment for list items, else the top-level block. None when absent."""
    if printed == "plan":  # a finding about the plan as a whole: the whole plan
        return data
    match = _PART.match(printed)
    if not match or not isinstance(data, dict):
        return None
    key, item = match.group(1), match.group(2)
    block = data.get(key)
    if item is None or not isinstance(block, list):
        return block
    for index, entry in enumerate(block):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if ident == item or (ident is None and item == str(index)):
            return entry
    return None


def unchanged(before: Any, after: Any, printed: str) -> bool:
    """Whether the subject of a finding at ``printed`` is the same in both documents."""
    found = subject(before, printed)
    return found is not None and found == subject(after, printed)


def assignments(data: Any) -> dict[str, tuple[str, str]]:
    """Each channel id → (its kind, the strategy reference that judges it), as a mix says:
    by channel, else by its segment, else the primary."""
    if not isinstance(data, dict):
        return {}
    declared = data.get("strategy")
    mix = declared if isinstance(declared, dict) else {"primary": declared}
    segments = {
        s.get("id"): s.get("strategy")
        for s in data.get("segments") or []
        if isinstance(s, dict) and s.get("strategy")
    }
    segments.update(mix.get("by_segment") or {})
    by_channel = mix.get("by_channel") or {}
    found = {}
    channels = data.get("channels")
    for channel in channels if isinstance(channels, list) else []:  # `channels: 5` (r35 F6)
        if not isinstance(channel, dict):
            continue
        ident = str(channel.get("id"))
        ref = by_channel.get(ident) or segments.get(channel.get("segment")) or mix.get("primary")
        found[ident] = (str(channel.get("kind")), canonical(str(ref)))
    return found


def mix_changes(before: Any, after: Any) -> list[str]:
    """Channels the change hands to another strategy, takes away from the one the mix gave
    them (deleted or renamed: a new id is a new channel), or whose id now names another
    kind of channel (which the mix, bound to ids, would judge as it judged the old one; and
    under any strategy, sizes and judges as another channel)."""
    old, new = assignments(before), assignments(after)
    primary = _primary(after)
    gone = [(i, o) for i, o in old.items() if i not in new and o[1] != _primary(before)]
    renamed = _renamed(gone, [(i, n) for i, n in new.items() if i not in old and n[1] != primary])
    notes = [
        f"channel {ident}, which the mix gave {ref}, is gone (no longer judged by {ref})"
        for ident, (_, ref) in gone
        if ident not in renamed
    ]
    for ident, (kind, ref) in new.items():
        if ident not in old:
            if ref != primary and ident not in renamed.values():
                # a new channel handed to a strategy other than the plan's
                notes.append(f"channel {ident} (new) is judged by {ref}, not {primary}")
            continue
        was_kind, was_ref = old[ident]
        if was_ref != ref:
            notes.append(f"channel {ident} is judged by {ref} (was {was_ref})")
        elif was_kind != kind and ref != primary:
            notes.append(
                f"channel {ident}, which the mix gives {ref}, is now {kind} (was {was_kind})"
            )
        elif was_kind != kind:
            # The rules that judge a channel, and how it is sized, follow its kind: a phone
            # line re-declared chat at 20 conversations each needed 85% fewer staff, and
            # as email it answered in an hour (review attack33 F8).
            notes.append(f"channel {ident} is now {kind} (was {was_kind})")
    notes += _practices_moved(before, after)
    was, now = _segment_strategies(before), _segment_strategies(after)
    same = _segments_renamed(before, after, was, now, renamed)
    for ident in dict.fromkeys([*now, *was]):
        if was.get(ident) != now.get(ident) and ident not in same:
            then = f"was {was[ident]}" if ident in was else "new"
            notes.append(
                f"segment {ident}'s practices are judged by {now.get(ident, primary)} ({then})"
            )
    return notes


def _renamed(
    gone: list[tuple[str, tuple[str, str]]], arrived: list[tuple[str, tuple[str, str]]]
) -> dict[str, str]:
    """Channels a mix gave a strategy that the change renames: a gone id paired with a new
    one of the same kind the mix gives the same strategy, one to one, in the plan's order
    (review attack36 L1: a segment's line renamed read as gone, and its new id as handed
    to another strategy). What the work under a strategy of people becomes is counted in
    hours (policy._people_work), whatever the ids."""
    pairs: dict[str, str] = {}
    free = list(arrived)
    for ident, judged in gone:
        match = next((a for a in free if a[1] == judged), None)
        if match is not None:
            free.remove(match)
            pairs[ident] = match[0]
    return pairs


def _segments_renamed(
    before: Any, after: Any, was: dict[str, str], now: dict[str, str], lines: dict[str, str]
) -> set[str]:
    """Both ids of each segment the change renames: one gone and one new, judged by the same
    strategy, holding the same channels (through the channels renamed, ``lines``). Its
    channels and practices answer to the strategy they did (review attack46 H01: `private`
    renamed `premier` throughout read as a segment handed to the primary strategy)."""
    gone = [g for g in was if g not in now]
    arrived = [a for a in now if a not in was]
    held = {g: {lines.get(c, c) for c in _channels_of(before, g)} for g in gone}
    found: set[str] = set()
    for new in arrived:
        members = _channels_of(after, new)
        match = next((g for g in gone if was[g] == now[new] and held[g] == members), None)
        if match is not None and members:
            gone.remove(match)
            found |= {match, new}
    return found


def _channels_of(data: Any, segment: str) -> set[str]:
    return {ident for ident, (seg, _) in _practices(data).items() if seg == segment}


def _practices_moved(before: Any, after: Any) -> list[str]:
    """Channels moved to another segment whose reps' practices answer to another strategy,
    while the channel's own rules stay where they were (by `by_channel`): the bankers'
    line moved from the private segment to retail works to fast-food's practices (review
    attack24 N1). A move that also hands the channel's rules over is said above, and a
    segment whose strategy changes is said below."""
    old, new = assignments(before), assignments(after)
    was, now = _practices(before), _practices(after)
    return [
        f"channel {ident}'s reps' practices are judged by {ref} (was {was[ident][1]}: it "
        f"moved from segment {was[ident][0] or '(none)'} to {segment or '(none)'})"
        for ident, (segment, ref) in now.items()
        if ident in was
        and was[ident][0] != segment
        and was[ident][1] != ref
        and old.get(ident, ("", ""))[1] == new[ident][1]
    ]


def _practices(data: Any) -> dict[str, tuple[str, str]]:
    """Each channel id → (its segment, the strategy its reps' practices answer to: the
    segment's, else the primary)."""
    if not isinstance(data, dict):
        return {}
    strategies, primary = _segment_strategies(data), _primary(data)
    found = {}
    channels = data.get("channels")
    for channel in channels if isinstance(channels, list) else []:
        if isinstance(channel, dict):
            segment = str(channel.get("segment") or "")
            found[str(channel.get("id"))] = (segment, strategies.get(segment, primary))
    return found


def _segment_strategies(data: Any) -> dict[str, str]:
    """Each segment id → the strategy its reps' practices answer to, where one is named."""
    if not isinstance(data, dict):
        return {}
    declared = data.get("strategy")
    found = {
        str(s.get("id")): canonical(str(s.get("strategy")))
        for s in data.get("segments") or []
        if isinstance(s, dict) and s.get("strategy")
    }
    if isinstance(declared, dict):
        by_segment = (declared.get("by_segment") or {}).items()
        found.update({str(k): canonical(str(v)) for k, v in by_segment})
    return found


def _primary(data: Any) -> str:
    declared = data.get("strategy") if isinstance(data, dict) else None
    return canonical(str(declared.get("primary") if isinstance(declared, dict) else declared))


def canonical(ref: str) -> str:
    """A strategy reference as compared: a built-in's alias is the built-in (`zappos` is
    `delight`, as the loader reads it), so writing one for the other changes no policy
    (review attack43 F01)."""
    return STRATEGY_ALIASES.get(ref, ref)
