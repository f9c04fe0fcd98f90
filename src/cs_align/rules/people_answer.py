"""Customers reach people: a promised answer comes from a person; live lines are not bots' alone.

Why: some strategies are people answering. Delight engages customers as others can't or
won't; genius deploys talented individuals; extraordinary trust works at a human level. A
channel that bots answer, or a self-service one, may sit beside people, but a promise made
on it (an answer time, a speed of answer) is kept by no person, and every staffing and
budget rule passes over a channel nobody staffs. So a delight plan could hand its phone
line to bots, or call it self-service, drop the staff and the budget with it, and hold
every other rule (review attack31 A5, attack33 F1). Live channels (voice, chat,
messaging, in person) that bots alone answer, with no target, where no channel at all is
answered by people, leave customers no person to reach: that fails too. Beside a channel
people answer (email, say), a bot that promises nothing is an assistant, and adds no fault
a plan without it lacks (review r35 F11). A plan with no live channel at all is judged by
its promises; under review, a channel people answered that the change removes or hands to
no person is a policy change (`policy-changed`), in a mix too (review attack34 A3).

Source: 004 (Zappos' and Rackspace's over-the-top service; the Genius Bar's talented
individuals; the banker who visits a sick client, "at a human level"; Google, with no
phone number, is the automated strategy's example, not theirs).

Options: none. A channel that states no target and nobody answers (a help centre, an
assistant beside a line people answer) is not judged; `target-stated` asks targets of
staffed channels. Each strategy judges the channels it covers (in a mix, a segment's own).

Fails:
    - {id: phone, kind: voice, staffed_by: bots, target: {service_level: "80% in 20s"}, …}
    - {id: phone, kind: voice, staffed_by: bots, …} where people answer no channel
"""

from __future__ import annotations

from collections.abc import Iterator

from cs_align.plan import QUEUED_KINDS, Channel, Kind
from cs_align.rules.base import CHANNEL, Context, Hit, Options
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
    live, people = [], False
    for index, channel, _ in ctx.channels():
        people = people or channel.human
        if not channel.human and channel.target is not None and not channel.target.is_empty:
            yield _unmanned(index, channel)
        elif channel.kind in QUEUED_KINDS and not channel.human:
            live.append((index, channel))
    if live and not people:
        index, first = live[0]
        names = ", ".join(c.id for _, c in live)
        yield Hit(
            message=f"no channel here is answered by people ({names}: bots answer "
            f"{'it' if len(live) == 1 else 'them'}): customers cannot reach a person, "
            "and under this strategy they do",
            path=("channels", index, "staffed_by"),
            fix=f"write `staffed_by: humans` (or `mixed`) on {first.id} and staff it, or "
            "declare a strategy that promises less",
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
