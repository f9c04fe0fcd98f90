"""The planned staff keep every stated target.

Why: a promised answer time is a staffing decision. Queueing math (Erlang C; Erlang A when
`patience` is given) says what the planned people on shift achieve at the planned volume
and handle time; a plan whose staff miss a target promises what it does not fund.

Only the targets the plan states are judged here: service level, ASA, first response,
resolution and abandonment. The occupancy ceiling (`staffing.max_occupancy`) protects the
reps, not the customers, and is judged by `occupancy-cap` alone. Without a caller `patience`
nobody is known to hang up, so an abandonment ceiling cannot be judged (`abandonment-max`
says so): where it is a channel's only target, its staff are judged on keeping up with the
volume, and the need told is what keeping up needs.

Planned FTE rarely make a whole number of people on shift; 5.6 positions are judged as six
people 60% of the time and five the rest (see README, "How plans are sized"). The message
gives the least FTE, to the tenth, that keep the targets judged that way (what `fix`
writes, and what the budget rules price), and the whole headcount the targets need at every
moment beside it.

Source: 002 (responding quickly needs appropriate staffing); 004 (FedEx went from the first
ring to 81 seconds: not wrong in itself, but a mismatch for customers with urgent problems).

Options:
    tolerance_fte: FTE a channel may fall short of its requirement and still pass when
        it misses a target (default 0: the planned staff's own figures decide; before
        planned staff counted in fractions, 0.5 absorbed rounding to whole people).

Fails:
    - {id: phone, kind: voice, volume: 40000/month, handle_time: 7m30s,
       target: {service_level: 80% in 20s}, agents: 20}        # needs about 60 FTE
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.metrics import ChannelMetrics
from cs_align.rules.base import (
    BINDS,
    CHANNEL,
    LOWER,
    Context,
    Hit,
    Options,
    fte,
    need,
    need_on_shift,
    need_positions,
    nobody_on_shift,
    pct,
    pct_against,
    positions,
    secs,
    short,
)
from cs_align.sizing import DEFERRED_SHARE
from cs_align.units import ceil_tenth, exact

ID = "staffing-meets-targets"
AREA = "staffing"
ALSO = ("response targets",)  # each finding is a stated target the staff miss (review user55)
SEVERITY = "error"
TITLE = "Staffing can keep every declared target"
SOURCE = "002, 004"
REACH = CHANNEL


class StaffingOptions(Options):
    tolerance_fte: Annotated[Decimal, LOWER] = Decimal(0)


OPTIONS = StaffingOptions


def check(ctx: Context, options: StaffingOptions) -> Iterator[Hit]:
    for index, channel, m in ctx.channels():
        if not m.misses or m.needed_fte - m.planned_fte <= exact(options.tolerance_fte):
            continue
        yield Hit(
            message=f"{channel.id}: {wanted(m)} needs {needs(m)}; "
            f"plan has {fte(m.planned_fte)} FTE ({positions(m.planned_positions)} on shift), "
            f"{achieved(m)}{missed(m)}",
            path=("channels", index, "target"),
            fix=f"plan {need(m.needed_fte)} FTE for {channel.id} "
            f"({short(m.needed_fte, m.planned_fte)}), or promise what the staff can keep "
            f"(`cs-align promise`)",
        )


def wanted(m: ChannelMetrics) -> str:
    """What the need is for: the stated targets, or keeping up where the one target is an
    abandonment ceiling no figure judges without caller patience ("abandonment at most 5%
    needs 3.4 FTE …; it misses the abandonment ceiling" of a queue that could not keep up
    and that nobody left, review calc38 F7)."""
    if m.goal.unjudged:
        return f"{m.goal.full_text} cannot be judged without caller patience; {m.goal.need_text}"
    return m.goal.full_text


def needs(m: ChannelMetrics) -> str:
    """What the targets need: the least FTE that keep them as planned FTE are judged, and
    beside it the whole headcount all the time, where that asks for more (review calc29
    F3: "needs 6 on shift = 15.4 FTE … plan 15.4 FTE (+2.4)" where `fix` wrote 13.8, which
    check then passed, and the budget was priced at 15.4)."""
    # Over intervals the positions are the busiest interval's, and the whole headcounts are
    # each interval's own (calc32 L3: "14 on shift = 4 FTE all the time" where 14 all the
    # time would be 5.8 FTE).
    intervals = m.spread == "intervals"
    busiest = " at the busiest" if intervals else ""
    always = "with whole headcounts in every interval" if intervals else "all the time"
    on_shift = f"{need_positions(need_on_shift(m), m.planned_positions)} on shift{busiest}"
    whole = f"{on_shift} = {need(m.required_fte)} FTE"
    if not m.keeping_fte or m.keeping_fte >= ceil_tenth(m.required_fte):
        return f"{whole} ({binds(m)})"
    return (
        f"{fte(m.keeping_fte)} FTE, {need_positions(m.keeping_positions, m.planned_positions)} "
        f"on shift{busiest} "
        f"({whole} {always}; {binds(m)})"
    )


MISSED = {
    "service_level": "the service level",
    "first_response": "the first-response time",
    "resolution": "the resolution time",
    "asa": "the ASA",
    "abandonment": "the abandonment ceiling",
}
"""Each target a plan can miss, as a message names it."""


def binds(m: ChannelMetrics) -> str:
    """What decides the need, as a message says it: the target that binds, and a target the
    plan misses beside it. Staff between the headcount below the need and the need itself
    who keep the binding target and miss another miss it at the headcount below as well, so
    it needs as many: "the service level binds" alone read as the target to loosen where
    the ASA was the one missed (review calc29 F5). Told for an even spread, where the
    positions are one figure."""
    if m.goal.unjudged:
        return "keeping up decides"
    label = BINDS.get(m.target_binding, m.target_binding)
    if m.target_binding not in MISSED or m.target_binding in m.misses:
        return label
    tied = [MISSED[k] for k in m.misses if k in MISSED]
    near = m.spread != "intervals" and m.planned_positions >= m.required_positions - 1
    if tied and near:
        return f"{label}, and {' and '.join(tied)} needs as many"
    return label


def missed(m: ChannelMetrics) -> str:
    """The targets the planned staff miss: the one that decides the need (the service
    level, say) need not be the one they miss (review calc19 K3: "the service level binds"
    beside 81.2% achieved against 80%, where the ASA was missed). None beside "cannot keep
    up" where that is all there is to judge."""
    told = [MISSED[k] for k in m.misses if k in MISSED]
    return f"; it misses {' and '.join(told)}" if told else ""


def achieved(m: ChannelMetrics) -> str:
    """What the planned staff do achieve, in the target's own terms."""
    if not m.stable:
        return "which cannot keep up (the queue grows without bound)"
    if m.goal.kind in ("first_response", "resolution"):
        lost = m.abandonment or 0.0
        if m.first_response is None and lost > 1 - DEFERRED_SHARE:
            return f"which never answers 90%: {pct(lost)} hang up before an answer"
        if m.first_response is None and m.planned_positions < 1:
            return f"which never answers 90%: {nobody_on_shift(m)}"
        wait = secs(m.first_response, m.goal.seconds)
        return f"which answers 90% within {wait}{m.open_time if m.first_response else ''}"
    if m.service_level is None and m.asa is None and m.planned_positions < 1:
        return f"which keeps no average wait: {nobody_on_shift(m)}"  # stable (calc26 C3)
    share = m.goal.share if m.goal.kind == "service_level" else None
    lead = (
        f"which answers {pct_against(m.service_level, share) if share else pct(m.service_level)}"
        " within the target time"
        if m.service_level is not None
        else "which gives"
    )
    extras = []
    if m.asa is not None and (m.goal.asa is not None or m.service_level is not None):
        extras.append(f"ASA {secs(m.asa, m.goal.asa)}")
    if m.abandonment is not None:
        most = m.goal.abandonment
        extras.append(
            f"{pct_against(m.abandonment, most) if most else pct(m.abandonment)} hanging up"
        )
    if m.service_level is not None and extras:
        return f"{lead}, with " + " and ".join(extras)
    return f"{lead} " + " and ".join(extras) if extras else lead
