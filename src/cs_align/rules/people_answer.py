"""Customers reach people: a promised answer comes from a person; live lines are not bots' alone.

Why: some strategies are people answering. Delight engages customers as others can't or
won't; genius deploys talented individuals; extraordinary trust works at a human level. A
channel that bots answer, or a self-service one, may sit beside people, but a promise made
on it (an answer time, a speed of answer) is kept by no person, and every staffing and
budget rule passes over a channel nobody staffs. So a delight plan could hand its phone
line to bots, or call it self-service, drop the staff and the budget with it, and hold
every other rule (review attack31 A5, attack33 F1). Live channels (voice, chat,
messaging, in person) that bots alone answer, with no target, fail where they take more of
the contacts than the channels people answer: customers mostly reach no person. Beside
channels people answer that take most of the contacts (e-mail, say), a bot that promises
nothing is an assistant (review r35 F11); a token line people answer beside a bot that
takes the calls is not (attack36 M3, H4). A phone line bots alone answer fails where no
person answers a phone, however many written contacts people answer beside it: a phone
number that reaches no person is the automated strategy's way (attack38 B12: 10,000
half-minute e-mails outweighed the 9,000 calls bots took); beside phone lines people answer,
phone lines bots alone answer fail where they take more of the calls (attack40 A09: a
20-call line beside 9,000 bot calls). A plan with no live channel at
all is judged by its promises; under review, work people answered that the change takes
from them is a policy change (`policy-changed`), in a mix too (review attack34 A3).

Source: 004 (Zappos' and Rackspace's over-the-top service; the Genius Bar's talented
individuals; the banker who visits a sick client, "at a human level"; Google, with no
phone number, is the automated strategy's example, not theirs).

Options: none. A channel that states no target and nobody answers (a help centre, an
assistant beside lines people answer) is judged only by the contacts it takes;
`target-stated` asks targets of staffed channels. Contacts are counted a week, as the
plan states them; a live channel bots answer beside people that states no volume cannot be
weighed, and is reported as not checked. Each strategy judges the channels it covers (in a
mix, a segment's own).

Fails:
    - {id: phone, kind: voice, staffed_by: bots, target: {service_level: "80% in 20s"}, …}
    - {id: phone, kind: voice, staffed_by: bots, …} where people answer no channel
    - {id: assistant, kind: voice, staffed_by: bots, volume: 9000/month} beside people
      answering 1 contact a month
    - {id: phone, kind: voice, staffed_by: bots, volume: 9000/month} beside 10,000 e-mails
      a month people answer, and no phone line people answer
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from cs_align.plan import QUEUED_KINDS, Channel, Kind
from cs_align.rules.base import CHANNEL, NOT_CHECKED, Context, Hit, Options
from cs_align.sizing import weekly_contacts
from cs_align.units import fmt_seconds

ID = "people-answer"
AREA = "strategy"
SEVERITY = "error"
TITLE = "Customers reach people"
SOURCE = "004"
REACH = CHANNEL

OPTIONS = Options


def applies(ctx: Context, options: Options) -> bool:
    """Some channel in view is live, or promises an answer nobody gives: a plan of written
    channels people answer (or none) is no evidence for or against a strategy of people."""
    return any(
        c.kind in QUEUED_KINDS or (not c.human and c.target is not None and not c.target.is_empty)
        for _, c, _ in ctx.channels()
    )


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    live, people = [], []
    for index, channel, _ in ctx.channels():
        if channel.human:
            people.append(channel)
        if not channel.human and channel.target is not None and not channel.target.is_empty:
            yield _unmanned(index, channel)
        elif channel.kind in QUEUED_KINDS and not channel.human:
            live.append((index, channel))
    if not live:
        return
    callers = [(i, c) for i, c in live if c.kind == Kind.voice]
    phones = [c for c in people if c.kind == Kind.voice]
    if people and callers and not phones:
        yield _no_one_to_call(*callers[0])
        return
    if phones and all(c.volume is not None for _, c in callers):
        # A token phone line people answer beside the one bots take the calls on (review
        # attack40 A09: 20 calls a month beside 9,000): calls weighed against calls.
        by_bots = sum((weekly_contacts(c) for _, c in callers), Fraction(0))
        by_people = sum((weekly_contacts(c) for c in phones), Fraction(0))
        if by_bots > by_people:
            yield _most(callers, by_bots, by_people, "calls", "callers")
            return
    unknown = [(i, c) for i, c in live if c.volume is None]
    if people and unknown:
        # How many contacts bots take beside people is what the rule weighs: a bot line
        # stating none passed beside a one-e-mail-a-month line (review attack37 A5).
        index, first = unknown[0]
        yield Hit(
            message=f"{NOT_CHECKED}{first.id}, which bots answer, states no volume: how many "
            "of the contacts they take beside the people is not known",
            path=("channels", index),
            fix=f"state {first.id}'s volume (contacts a week, a month, …)",
        )
        return
    by_bots = sum((weekly_contacts(c) for _, c in live), Fraction(0))
    by_people = sum((weekly_contacts(c) for c in people), Fraction(0))
    if people and by_bots <= by_people:
        return
    if people:
        yield _most(live, by_bots, by_people, "contacts", "customers")
        return
    index, first = live[0]
    names = ", ".join(c.id for _, c in live)
    them = "it" if len(live) == 1 else "them"
    yield Hit(
        message=f"no channel here is answered by people ({names}: bots answer {them}): "
        "customers cannot reach a person, and under this strategy they do",
        path=("channels", index, "staffed_by"),
        fix=f"write `staffed_by: humans` (or `mixed`) on {first.id} and staff it, or "
        "declare a strategy that promises less",
    )


def _count(contacts: Fraction) -> str:
    """Contacts a week as a reader counts them: whole ones, a part counted as one."""
    return f"{math.ceil(contacts):,}"


def _no_one_to_call(index: int, channel: Channel) -> Hit:
    """A phone line bots alone answer where no person answers a phone."""
    return Hit(
        message=f"{channel.id}: callers reach only bots, and no phone line here is answered "
        "by people; under this strategy a caller can reach a person",
        path=("channels", index, "staffed_by"),
        fix=f"write `staffed_by: humans` (or `mixed`) on {channel.id} and staff it, add a "
        "phone line people answer, or declare a strategy that promises less",
    )


def _most(
    lines: list[tuple[int, Channel]], bots: Fraction, people: Fraction, what: str, who: str
) -> Hit:
    """Lines bots alone answer that take most of the ``what`` (contacts, or calls)."""
    index, first = lines[0]
    names = ", ".join(c.id for _, c in lines)
    return Hit(
        message=f"bots alone answer most of the {what} here ({names}: {_count(bots)} of "
        f"{_count(bots + people)} a week): {who} mostly cannot reach a person, and under "
        "this strategy they do",
        path=("channels", index, "staffed_by"),
        fix=f"write `staffed_by: humans` (or `mixed`) on {first.id} and staff it, or declare "
        "a strategy that promises less",
    )


def _unmanned(index: int, channel: Channel) -> Hit:
    """A channel no person answers that states a target."""
    if channel.kind == Kind.self_service:
        who, field = "it is self-service, which no person answers", "kind"
        fix = f"make {channel.id} a channel people answer and staff it, or drop its target"
    else:
        who, field = "bots answer it", "staffed_by"
        fix = f"write `staffed_by: humans` (or `mixed`) on {channel.id} and staff it"
    return Hit(
        message=f"{channel.id}: promises {_promised(channel)}, but {who}; under this "
        "strategy a promised answer comes from a person",
        path=("channels", index, field),
        fix=f"{fix}, or declare a strategy that promises less",
    )


def _promised(channel: Channel) -> str:
    """The channel's stated answer targets, as a reader says them."""
    target = channel.target
    assert target is not None
    said = [str(target.service_level)] if target.service_level is not None else []
    if target.asa is not None:
        said.append(f"an average answer in {fmt_seconds(float(target.asa))}")
    if target.first_response is not None:
        said.append(f"a first response within {target.first_response}")
    if target.resolution is not None:
        said.append(f"a resolution within {target.resolution}")
    return ", ".join(said)
