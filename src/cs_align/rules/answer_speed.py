"""Every staffed channel promises an answer at least as fast as the strategy's floor.

Why: a strategy built on speed is only as fast as what its channels promise. A delight
plan that answers half its calls within ten minutes and its email within five days may be
staffed for exactly that, and still not be delight: the promise itself is off strategy.
Staffing-meets-targets checks the staff keep the promise; this rule checks the promise is
fast enough for the strategy.

Source: 004 (FedEx once answered on the first ring and now takes 81 seconds: a mismatch
with what its service was built for); 002 (answer a customer's question within a few
hours); 003 (a host whose customers never wait more than ten minutes). Each strategy's
floors, and where each figure comes from, are listed below.

Options:
    live: the slowest service level live channels (voice, chat, messaging, in-person) may
    promise, e.g. "80% in 20s" (default: none).
    written: the slowest service level written channels (email, social, community) may
    promise, e.g. "90% in 4h" (default: none).

A channel's promise is its `service_level`; a `first_response` time counts as nine in ten
answered within it (as sizing reads it). It meets the floor when it answers at least the
floor's share within at most the floor's time. A channel promising only an average speed
of answer (ASA) or a resolution time states no share within a time, and fails. Channels
staffed by bots, self-service and channels with no target (see target-stated) are skipped.

Fails (delight: live 80% in 20s, written 90% in 4h):
    - {id: phone, kind: voice, target: {service_level: "50% in 10m"}, …}
    - {id: email, kind: email, target: {first_response: 5d}, …}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.metrics import DEFERRED_SHARE
from cs_align.plan import DEFERRED_KINDS, QUEUED_KINDS, Channel
from cs_align.rules.base import CHANNEL, FASTER, Context, Hit, Options
from cs_align.units import ServiceLevel, ServiceLevelTarget

ID = "answer-speed"
AREA = "response targets"
SEVERITY = "error"
TITLE = "Channels promise answers as fast as the strategy needs"
SOURCE = "004, 002, 003"
REACH = CHANNEL

_FIRST_RESPONSE_SHARE = Decimal(str(DEFERRED_SHARE))


class SpeedOptions(Options):
    live: Annotated[ServiceLevel | None, FASTER] = None
    written: Annotated[ServiceLevel | None, FASTER] = None


OPTIONS = SpeedOptions


def _floor(channel: Channel, options: SpeedOptions) -> ServiceLevelTarget | None:
    if not channel.human:
        return None
    if channel.kind in QUEUED_KINDS:
        return options.live
    return options.written if channel.kind in DEFERRED_KINDS else None


def _promise(channel: Channel) -> tuple[ServiceLevelTarget, str] | None:
    """What the channel promises, as a share within a time, and the target field saying so."""
    target = channel.target
    if target is None:
        return None
    if target.service_level is not None:
        return target.service_level, "service_level"
    if target.first_response is not None:
        # Business time counts in open hours: "4 business hours" waits at least 4 hours.
        seconds = target.first_response.open_seconds(channel.schedule.hours_per_open_day)
        promised = ServiceLevelTarget(share=_FIRST_RESPONSE_SHARE, seconds=Decimal(repr(seconds)))
        return promised, "first_response"
    return None


def applies(ctx: Context, options: SpeedOptions) -> bool:
    """Some staffed channel with a target has a floor to meet."""
    return any(
        _floor(c, options) is not None and c.target is not None for _, c, _ in ctx.channels()
    )


def check(ctx: Context, options: SpeedOptions) -> Iterator[Hit]:
    for index, channel, _ in ctx.channels():
        floor = _floor(channel, options)
        if floor is None or channel.target is None or channel.target.is_empty:
            continue
        promised = _promise(channel)
        fix = (
            f"promise at least {floor} on {channel.id} and staff for it, or declare a "
            "strategy that promises less"
        )
        if promised is None:
            yield Hit(
                message=f"{channel.id}: promises no share answered within a time; this strategy "
                f"needs at least {floor}",
                path=("channels", index, "target"),
                fix=f'add `service_level: "{floor}"` to {channel.id}\'s target',
            )
        elif promised[0].share < floor.share or promised[0].seconds > floor.seconds:
            yield Hit(
                message=f"{channel.id}: promises {_said(promised, channel)}; this strategy needs "
                "at "
                f"least {floor}",
                path=("channels", index, "target", promised[1]),
                fix=fix,
            )


def _said(promised: tuple[ServiceLevelTarget, str], channel: Channel) -> str:
    level, field = promised
    if field == "first_response" and channel.target and channel.target.first_response:
        return f"a first response within {channel.target.first_response}"
    return str(level)
