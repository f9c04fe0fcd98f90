"""Customers reach people: a promised answer comes from a person, and some live channel has one.

Why: some strategies are people answering. Delight engages customers as others can't or
won't; genius deploys talented individuals; extraordinary trust works at a human level. A
channel that bots answer, or a self-service one, may sit beside people, but a promise made
on it (an answer time, a speed of answer) is kept by no person, and every staffing and
budget rule passes over a channel nobody staffs. So a delight plan could hand its phone
line to bots, or call it self-service, drop the staff and the budget with it, and hold
every other rule (review attack31 A5, attack33 F1). A plan whose customers can reach no
person live at all (no voice, chat, messaging or in-person channel that people answer) is
not these strategies either, whatever it calls its channels.

Source: 004 (Zappos' and Rackspace's over-the-top service; the Genius Bar's talented
individuals; the banker who visits a sick client, "at a human level"; Google, with no
phone number, is the automated strategy's example, not theirs).

Options: none. A channel that states no target and nobody answers (a help centre, an
assistant beside people) is not judged; `target-stated` asks targets of staffed channels.
The live channel is asked of the plan as a whole (the primary strategy); a strategy that
covers part of a mix judges the promises on its own channels.

Fails:
    - {id: phone, kind: voice, staffed_by: bots, target: {service_level: "80% in 20s"}, …}
    - a plan whose only channels are email and a help centre
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


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    for index, channel, _ in ctx.channels():
        if not channel.human and channel.target is not None and not channel.target.is_empty:
            yield _unmanned(index, channel)
    if ctx.whole_plan and not any(c.human and c.kind in QUEUED_KINDS for c in ctx.plan.channels):
        yield Hit(
            message="no voice, chat, messaging or in-person channel is answered by people: "
            "customers cannot reach a person live, and under this strategy they do",
            path=("channels",),
            fix="answer a voice, chat, messaging or in-person channel with people and staff "
            "it, or declare a strategy that promises less",
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
