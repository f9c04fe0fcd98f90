"""`fix --keep-budget`: the money stays; each target becomes the best the staff it pays for
can keep. `promise` turned into a plan.

The people line (the total when there are no lines) pays for at most its worth of FTE at
the loaded cost over the plan's period; staff beyond that are cut, each channel keeping
up with its work (in its busiest interval too), then keeping its targets, then holding the
occupancy ceiling (a limit, not a promise: targets are paid first), and the rest shared as
planned, every tenth paid for on a channel. Staff on no channel, staff the people line pays
for beyond the plan's, and those above a channel's least where it keeps its targets, then
go where targets are missed, a whole raise at a time (what keeps a channel's targets
before what holds its occupancy ceiling), and what the money pays for short of the next
whole raise to that line.
A channel whose staff still miss a target gets the target they keep,
rounded up to a time a person would write (a second under five minutes, a minute under an
hour, a quarter hour beyond), so it is kept; over intraday intervals, where the staff are
placed anew by the target, it is then written as tight as they keep it. Targets the staff
already keep stay.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cs_align import fixbudget
from cs_align.fixpromise import business, written_as
from cs_align.fixstaff import STEP, Guard, Sizer, kept_giving
from cs_align.promise import round_figure
from cs_align.queueing import TOLERANCE
from cs_align.units import ServiceLevelTarget, Wait, fmt_seconds, named

if TYPE_CHECKING:
    from cs_align.engine import CheckOptions
    from cs_align.fixer import Change, Draft
    from cs_align.loader import LoadedPlan
    from cs_align.metrics import ChannelMetrics, Metrics
    from cs_align.plan import Channel, Plan


_ROUNDS = 8
"""Most times the targets are read again after loosening them (see ``settle``)."""
_MOST_DOUBLINGS = 12
"""Most times a floor is doubled looking for staff that keep up in every interval."""


def settle(draft: Draft) -> None:
    """Staff the money pays for, then targets they keep. Over intraday intervals the
    schedule places the staff by the targets' needs, so a loosened target moves them: the
    targets are read again, with the staff where the new ones put them, until kept (review
    calc18 H1: an ASA loosened to 3s was then missed at 3.1 s)."""
    asked = _Asked(edits=dict(draft.edits), why={p: list(w) for p, w in draft.why.items()})
    _afford(draft)
    _share_short_pool(draft)
    _use_idle(draft)
    for _ in range(_ROUNDS):
        before = dict(draft.edits)
        for index, channel in enumerate(draft.loaded.plan.channels):
            m = draft.metrics.channel(channel.id)
            if m is not None and m.misses:
                _retarget(draft, index, channel, m, m.misses)
        if draft.edits == before:
            break
        draft.refresh()
    _tighten(draft, asked)
    _keep_written(draft)
    ids = _ids(draft)
    draft.loosened = {ids[i] for i in ids if _loosened(draft, i)}


def _keep_written(draft: Draft) -> None:
    """An abandonment ceiling ``settle`` wrote is one the staff keep as they end up placed:
    over intraday intervals a ceiling written moves the staff it was read from (review
    calc46 M02: 17.7% written back was missed, 17.8% kept), and the rounds above stop after
    ``_ROUNDS`` whether or not the last one was kept. A ceiling still missed is raised, never
    lowered, to what the staff then give, rounded up, until kept (review: 40.1% written in a
    KWD plan, then missed)."""
    for _ in range(_ROUNDS):
        raised = False
        for index, channel in enumerate(draft.loaded.plan.channels):
            m = draft.metrics.channel(channel.id)
            written = "abandonment" in _loosened(draft, index)
            if m is not None and written and "abandonment" in m.misses:
                before = dict(draft.edits)
                _retarget(draft, index, channel, m, {"abandonment"})
                raised = raised or draft.edits != before
        if not raised:
            return
        draft.refresh()


@dataclass(frozen=True)
class _Asked:
    """The targets as asked before the money was fitted: the plan's own, or what another
    fix wrote first (a strategy's speed floor)."""

    edits: dict[Any, Any]
    why: dict[Any, list[str]]


def _tighten(draft: Draft, asked: _Asked) -> None:
    """Targets loosened, written again as tight as the staff then keep them, while they
    still do. Over intraday intervals a loosened target places the staff anew, and they may
    keep a good deal better than what was written from where the missed one placed them
    (review calc44, p03: 80% in 6m written where the 17 FTE, scheduled for it, keep 80% in
    4m44s); a tighter target places them again, so one that is then missed is taken back."""
    for _ in range(_ROUNDS):
        before = dict(draft.edits)
        missed = {c.id for c in draft.metrics.channels if c.misses}  # a person's decision
        for index, channel in enumerate(draft.loaded.plan.channels):
            m = draft.metrics.channel(channel.id)
            loosened = _loosened(draft, index)
            skip = m is None or not loosened or bool(m.misses)
            if not skip and m is not None and not _declared_kept(draft, index, channel.id, asked):
                _retarget(draft, index, channel, m, loosened)
        if draft.edits == before:
            return
        draft.refresh()
        if any(c.misses and c.id not in missed for c in draft.metrics.channels):
            if not _placed_again(draft, before, missed):
                draft.edits = before
                draft.refresh()
            return


def _placed_again(draft: Draft, before: dict[Any, Any], missed: set[str]) -> bool:
    """Over intraday intervals a target tightened to what the staff keep places them again,
    and may then be missed: written once more as the staff, so placed, keep it (rounded up,
    ``_retarget``), it is kept when that is no looser than the target it replaces (``before``)
    and every other line keeps what it kept. A tightened target missed was taken straight
    back to the loose one: 15.8 FTE on a delight phone were written 80% in 25m, tightened to
    14m (placed for 25m they keep 13m13s), missed where 14m placed them, and 25m written,
    while `promise` of that plan says they keep 80% in 15m10s (recalc58)."""
    for _ in range(_ROUNDS):
        new = {c.id for c in draft.metrics.channels if c.misses and c.id not in missed}
        if not new:
            break
        written = dict(draft.edits)
        for index, channel in enumerate(draft.loaded.plan.channels):
            m = draft.metrics.channel(channel.id)
            if channel.id in new and m is not None and set(m.misses) <= _loosened(draft, index):
                _retarget(draft, index, channel, m, m.misses)
        if draft.edits == written:
            return False
        draft.refresh()
    if any(c.misses and c.id not in missed for c in draft.metrics.channels):
        return False
    return all(not _looser(before.get(path), edit) for path, edit in draft.edits.items())


def _looser(old: Any, new: Any) -> bool:
    """Whether the target ``new`` written promises less than ``old`` (a target not written
    before, or one this cannot compare, counts as looser: `_placed_again` then takes it back)."""
    from cs_align.units import parse_duration, parse_percent, parse_service_level, parse_wait

    if old is None or old == new:
        return old is None and len(new.path) == 4 and new.path[2] == "target"
    name, was, now = new.path[-1], old.value, new.value
    if len(new.path) != 4 or new.path[2] != "target":
        return True  # staff or money moved: not a target tightened
    if name == "service_level":
        a, b = parse_service_level(was), parse_service_level(now)
        return bool(a.share != b.share or b.seconds > a.seconds)
    if name == "asa":
        return bool(parse_duration(now) > parse_duration(was))
    if name == "abandonment_max":
        return bool(parse_percent(now) > parse_percent(was))
    if name in ("first_response", "resolution"):
        a_w, b_w = parse_wait(was), parse_wait(now)
        return bool(a_w.unit != b_w.unit or b_w.amount > a_w.amount)
    return True


def _declared_kept(draft: Draft, index: int, channel_id: str, asked: _Asked) -> bool:
    """Whether the staff, as they end up placed, keep the channel's declared targets: then
    those stand, and the loosened ones written are taken back. Written "as tight as the
    staff keep them", a target came out tighter than the plan's own: on a shared team the
    phone's and chat's loosened targets moved pooled staff to the e-mail, whose 1 business
    day was written 11 business hours, then tightened to 1.75 business hours, taking staff
    the other lines' promises needed (review calc54 F6)."""
    paths = [
        path
        for path in draft.edits
        if len(path) == 4
        and path[:3] == ("channels", index, "target")
        and _RETARGETED in draft.why.get(path, ())
    ]
    saved = {path: (draft.edits.pop(path), draft.why.pop(path, [])) for path in paths}
    for path in paths:  # back to the target asked: the plan's own, or another fix's
        if path in asked.edits:
            draft.edits[path], draft.why[path] = asked.edits[path], list(asked.why.get(path, []))
    draft.refresh()
    m = draft.metrics.channel(channel_id)
    if m is not None and not m.misses:
        return True
    for path, (edit, why) in saved.items():
        draft.edits[path], draft.why[path] = edit, why
    draft.refresh()
    return False


def _loosened(draft: Draft, index: int) -> frozenset[str]:
    """The targets of channel ``index`` that ``settle`` loosened (``_retarget``), named as
    `misses` names them."""
    names = {"abandonment_max": "abandonment"}
    return frozenset(
        names.get(str(path[3]), str(path[3]))
        for path in draft.edits
        if len(path) == 4
        and path[:3] == ("channels", index, "target")
        and _RETARGETED in draft.why.get(path, ())
    )


def _afford(draft: Draft) -> None:
    """Cut the staff to what the people money pays for, when it pays for fewer: every channel
    first gets enough to keep up with its work, then what keeps its targets, then what holds
    the occupancy ceiling; the rest is shared as the plan shared it. Money short of keeping
    every target is poured in one order chosen for the plan on each side of S, the FTE that
    keep every channel up (`_poured`, `_whole_first`), so more money never leaves a channel
    with fewer staff but across S, where every channel is kept up first.

    The ceiling is a limit that protects the reps, not a promise to customers (`occupancy-cap`
    judges it, at the severity each strategy gives it): money that cannot keep every target
    goes to targets first, the smallest raise first, each whole before the next is begun
    (``_in_turn``), so that more money leaves no channel with fewer staff. The ceiling came
    first: 13.0 FTE paid for were split 8.2 phone + 4.8
    e-mail (4.8 its ceiling, 4.2 its target's least), and the phone's 80% in 20s was written
    as 80% in 4m43s where 8.8 + 4.2 keep 80% in 2m44s (review calc44 K03)."""
    plan, m = draft.loaded.plan, draft.metrics
    funds, affordable = people_money(draft.loaded.plan), _paid_for(draft)
    if funds is None or affordable is None:
        return
    tolerance = fixbudget.tolerance(draft, _WHY)
    staffed = staffed_fte(m)
    if not staffed:
        return
    sized = [(i, c) for i, c in enumerate(plan.channels) if _sized(draft, c.id)]
    ids = _ids(draft)
    pays = funds >= m.period_cost(staffed) * (1 - tolerance)
    if pays:
        # The money pays for the staff as planned (54.969 FTE are not cut to 54.9): they
        # stand, unless they cannot keep every target on two lines or more: then they are
        # poured as a tenth less money pours them, even where they could keep every target,
        # unless staff on no channel pay every raise. Left to `_use_idle`, which moves only
        # staff above a least of lines stating a target, phone 3 + chat 6 with no target +
        # e-mail 5 left the phone at 3.0, short of keeping up, where 12.6 FTE kept its 80%
        # in 60 s on 7.0 (review planner59).
        if len(sized) < 2 or not any((c := m.channel(ch.id)) and c.misses for _, ch in sized):
            return
        affordable = max(affordable, staffed)  # and what the line pays beyond them
    # FTE paid for on no channel: staff the plan puts on none, and what the line pays beyond.
    free = affordable - sum((c.planned_fte for c in m.channels), Fraction(0))
    kept = _unsized_staff(draft)
    if affordable < kept:
        _unsized_first(draft, affordable)
        return
    paid, affordable = affordable, affordable - kept
    total = _total
    # Floors, poured in one order whatever the money (`_poured`): the lines whose targets
    # are kept whole first (`_whole_first`), then the rest kept up with their work, then
    # their targets, the smallest raise first; then the occupancy ceiling.
    stretch = {i: _keeps_up(draft, i, c.id, Fraction(1)) for i, c in sized}
    targets = {i: max(stretch[i], _keeps_targets(draft, i, stretch[i])) for i, _ in sized}
    raises = total({i: max(targets[i] - _planned(draft, c.id), Fraction(0)) for i, c in sized})
    if pays and total(targets) <= affordable and raises <= free:
        return  # staff on no channel pay every raise: moved to them by `_use_idle`
    if total(targets) > affordable:
        planned = {i: _planned(draft, c.id) for i, c in sized}
        promising = {i for i, c in sized if _promises(c)}
        # Money that keeps every line up keeps every line up first (`_whole_first`).
        short = affordable < total(stretch)
        first = _whole_first(stretch, targets, ids, promising) if short else []
        floors = _poured(first, stretch, targets, planned, affordable, ids, promising)
        if not short and len(sized) > 1:  # said on what is left of a line short of them
            draft.kept_up = {ids[i]: targets[i] for i in floors if floors[i] < targets[i]}
    else:
        cap = Fraction(plan.staffing.max_occupancy)
        ceiling = {i: max(targets[i], _keeps_up(draft, i, c.id, cap)) for i, c in sized}
        if total(ceiling) <= affordable:
            floors = ceiling
        else:
            floors = _toward(targets, ceiling, affordable - total(targets))
    room = affordable - total(floors)
    spare = {i: max(_planned(draft, c.id) - floors[i], Fraction(0)) for i, c in sized}
    share = total(spare)
    room = min(room, share)  # the rest as the plan shared it, none hired beyond the plan's
    exact = {i: floors[i] + (room * spare[i] / share if share else Fraction(0)) for i, _ in sized}
    for index, fte in _whole_tenths(exact, affordable, ids).items():
        channel = plan.channels[index]
        if not fte and channel.agents is None and not _planned(draft, channel.id):
            continue  # a pooled line of none left none: "0.0 (pooled)" → "0" is no change
        draft.set(("channels", index, "agents"), _dec(fte), _SHARED if pays else _WHY)
    if pays:
        draft.refresh()
        _pay_raises(draft)  # staff the line pays for beyond the plan's, hired
        return
    if plan.staffing.agents is not None and paid != plan.staffing.agents:
        draft.set(("staffing", "agents"), _dec(paid), _WHY)
    draft.refresh()


_SHARED = "staff shared as a tenth less money shares them"
"""Why `_afford` moves staff the money pays for: the planned staff keep no line's targets
but not every line's, and a tenth less money poured them (calc58: R01's messaging kept its
5 minutes on 11.3 FTE at 30.0 FTE paid for and was left the plan's 7.0 at 31.0, the plan's
own cost; fast-food's phone had 12.0 FTE at 954,800 USD and 11.0 at 961,000)."""


def _unsized_staff(draft: Draft) -> Fraction:
    """FTE on staffed channels `fix` cannot size (no volume or handle time: a desk, a
    team's own line): `_afford` keeps them, and pays the sized channels from what is left
    (review calc55 K1: a desk's 2 FTE beside phone and e-mail were not counted, the 5.0 FTE
    a 200,000 GBP people line pays for all went to the phone and e-mail, and staffing.agents
    was raised from 6.5 to 7, 20,000 GBP a year more on a fix that keeps the money)."""
    return _total(
        {
            i: c.planned_fte
            for i, c in enumerate(draft.metrics.channels)
            if c.model == "none" and c.planned_fte > 0
        }
    )


def _unsized_first(draft: Draft, paid: Fraction) -> None:
    """Money too small for even the staff on channels `fix` cannot size: those channels
    share the ``paid`` FTE alike, in proportion to their planned FTE, the sized channels get
    none, and a person decides what to close. Every staffed channel was cut alike (review
    calc55 K1), so the phone beside a desk's 2 FTE had 0.7 FTE at 1.5 paid for and none at
    2.0, where the desk is kept whole: more money, a line worse off (calc58)."""
    plan = draft.loaded.plan
    planned = {
        i: m.planned_fte
        for i, c in enumerate(plan.channels)
        if c.human and (m := draft.metrics.channel(c.id)) is not None and m.planned_fte > 0
    }
    unsized = {i: fte for i, fte in planned.items() if not _sized(draft, plan.channels[i].id)}
    share = _total(unsized)
    exact = {i: paid * unsized[i] / share if i in unsized else Fraction(0) for i in planned}
    for index, fte in _whole_tenths(exact, paid, _ids(draft)).items():
        draft.set(("channels", index, "agents"), _dec(fte), _WHY)
    if plan.staffing.agents is not None and paid != plan.staffing.agents:
        draft.set(("staffing", "agents"), _dec(paid), _WHY)
    draft.refresh()


def _share_short_pool(draft: Draft) -> None:
    """A team pooled across channels (no `agents:` of their own) too small for their
    targets, shared as `_afford` shares money that cannot keep every target: each channel
    keeps up, then the smallest raise to its targets first, each whole before the next is
    begun (``_in_turn``); written as each channel's own `agents:`, as plain `fix` writes a
    pooled share. Left to the pool's own split, which follows the targets' leasts, every target
    loosened moved staff to the lines still short, and all were loosened: 25 FTE for
    16.1 + 7.1 + 5.4 wrote the phone and the chat 80% in 7m, where 7.1 and 5.4 keep the
    chat's 30 s and the e-mail's day and leave the phone 12.5 (review calc54 L1)."""
    plan, m = draft.loaded.plan, draft.metrics
    if plan.staffing.agents is None:
        return
    pooled = [
        (i, c)
        for i, c in enumerate(plan.channels)
        if c.agents is None and c.human and _sized(draft, c.id)
    ]
    if not any((cm := m.channel(c.id)) is not None and cm.misses for _, c in pooled):
        return
    pool = _total({i: _planned(draft, c.id) for i, c in pooled})
    stretch = {i: _keeps_up(draft, i, c.id, Fraction(1)) for i, c in pooled}
    targets = {i: max(stretch[i], _keeps_targets(draft, i, stretch[i])) for i, _ in pooled}
    if _total(targets) <= pool or _total(stretch) > pool:
        return  # the pool keeps them all, or keeps up with none: as the plan shares it
    ids = _ids(draft)
    floors = _in_turn(stretch, targets, pool - _total(stretch), ids)
    for index, fte in _whole_tenths(floors, pool, ids).items():
        draft.set(("channels", index, "agents"), _dec(fte), _RETARGETED)
    draft.refresh()


def _whole_first(
    stretch: dict[int, Fraction],
    targets: dict[int, Fraction],
    ids: dict[int, str],
    promising: Collection[int],
) -> list[int]:
    """The lines `_poured` keeps whole before any other is kept up with its work: of the
    lines that state a target (``promising``, `_promises`), those needing the fewest FTE to
    keep their targets first (then the smallest raise from keeping up), as many as the most
    money short of keeping every line up pays for whole, so that money short of keeping
    every line up keeps as many lines' targets as it can (review calc47 R01: 25.6 FTE were
    19.4 phone + 6.2 messaging, neither keeping up, where 11.3 keep the messaging's 5
    minutes). A line with no target has no raise, and counted as the smallest it was kept up
    before any promise was kept (review planner59).

    Taken by the smallest raise, a large line whose targets cost little beyond keeping up
    came first: an inbox of 20 E (28.8 FTE keep it up and its 4 h) beside a chat of 0.5 E
    (1.2 FTE keep its 80% in 20 s) had every FTE up to 28.8, drowning the inbox, while 1.2
    of them kept the chat whole (planner60).

    Only short of keeping every line up (the lead's rule, recalc60): money that keeps every
    line up keeps every line up first, then raises them toward their targets, so no queue is
    left to grow without end. Kept whole first whatever the money, the lines needing the
    fewest FTE left another short of keeping up between S, the FTE that keep every line up,
    and S plus their raises: peak-ceiling-two-lines at 12.0 FTE had the e-mail whole on 1.9
    and the phone on 10.1, short of its 09:00 peak, where 11.2 + 0.8 keep both up. This
    gives up, across S only, that more money never leaves a line fewer staff nor keeps
    fewer targets: the chat below, whole on 6.2 at 7.9 FTE, is again 3.6 at 8.0, its
    target loosened, now on purpose, and the decision left on it says why.

    Chosen once for the plan below S, never for the money in hand: chosen for the money in hand,
    7.9 FTE over phone (4.4 keep it up, 7.0 its target) and chat (3.6, 6.2) kept the chat's
    80% in 60s on 6.2, and 8.0 FTE, enough to keep both up, cut the chat to 3.6 and wrote
    its target 80% in 12h45m on an 8-hour day; 6.0 FTE cut both alike to 3.0, and 6.5 left
    the phone 0.3 (calc58)."""
    room = _total(stretch) - STEP
    first: list[int] = []
    for i in sorted(promising, key=lambda i: (targets[i], targets[i] - stretch[i], ids[i])):
        if targets[i] <= room:
            first.append(i)
            room -= targets[i]
    return first


def _poured(
    first: list[int],
    stretch: dict[int, Fraction],
    targets: dict[int, Fraction],
    planned: dict[int, Fraction],
    paid: Fraction,
    ids: dict[int, str],
    promising: Collection[int],
) -> dict[int, Fraction]:
    """``paid`` FTE poured in one order, so that more money leaves no line with fewer
    staff: the lines ``first`` to what keeps their targets, in turn; then the other lines
    that state a target (``promising``) kept up with their work, cut alike as the plan
    shares its staff but none above what keeps it up (`_level`); then the lines that state
    none, kept up the same way; then the targets, the smallest raise first (`_in_turn`).

    A line that promises nothing is poured after every line that promises something is
    kept up (the lead's rule, review recalc58 B): phone 80% in 60 s (4.4 FTE keep up, 7.0
    keep it), chat with no target (2.2 keep up), e-mail 4h (3.0); at 5.4 FTE the chat's
    2.2 and the e-mail's 3.0 were poured first, and the phone had 0.2 for 3 Erlangs."""
    out = dict.fromkeys(stretch, Fraction(0))
    room = paid
    for i in first:
        out[i] = min(targets[i], max(room, Fraction(0)))
        room -= out[i]
    rest = [i for i in stretch if i not in first]
    for rank in ([i for i in rest if i in promising], [i for i in rest if i not in promising]):
        up = _level({i: stretch[i] for i in rank}, {i: planned[i] for i in rank}, room)
        room -= _total(up)
        out.update(up)
    out.update(_in_turn({i: out[i] for i in rest}, {i: targets[i] for i in rest}, room, ids))
    return out


def _promises(channel: Channel) -> bool:
    """Whether the line states a target, a promise to its customers (service level, answer
    time, first response, resolution, abandonment): `_poured` keeps such lines up before a
    line that states none. A strategy's demand reaches the pour through the targets: a
    speed floor `answer-speed` asks is written on the line's target by `fix` before the
    money is fitted (delight's phone 80% in 60s → 80% in 20s); no rule names a line with
    no target in particular (`target-stated` asks every such line for one, `answer-speed`
    judges only lines that state one), and a strategy names no primary channel (a mix's
    `primary` is a strategy)."""
    target = channel.target
    return target is not None and not (target.is_empty and target.abandonment_max is None)


def _level(
    caps: dict[int, Fraction], weights: dict[int, Fraction], paid: Fraction
) -> dict[int, Fraction]:
    """``paid`` shared in proportion to ``weights``, none above its cap, a capped line's
    share going to the rest; lines of no weight share what is left in proportion to their
    caps."""
    out = dict.fromkeys(caps, Fraction(0))
    room = max(paid, Fraction(0))
    for live in (
        {i for i in caps if weights[i] > 0},
        {i for i in caps if weights[i] <= 0},
    ):
        weight = {i: weights[i] if weights[i] > 0 else caps[i] for i in live}
        live = {i for i in live if weight[i] > 0}
        while live and room > 0:
            level = room / sum((weight[i] for i in live), Fraction(0))
            capped = {i for i in live if weight[i] * level >= caps[i]}
            if not capped:
                for i in live:
                    out[i] = weight[i] * level
                room = Fraction(0)
                break
            for i in capped:
                out[i] = caps[i]
                room -= caps[i]
            live -= capped
    return out


def _ids(draft: Draft) -> dict[int, str]:
    """Each channel's id by its place in the file: ties between channels (the same raise,
    the same remainder of a tenth) go by id, never by the order the file lists them, so
    that listing the channels in another order gives no other channel the staff (recalc58:
    two like phone lines, alpha and beta, 80% in 60s each, 7.0 FTE to keep it, at 280,000
    GBP: whichever came first had all 7.0 and the other none)."""
    return {i: c.id for i, c in enumerate(draft.loaded.plan.channels)}


def _total(values: dict[int, Fraction]) -> Fraction:
    return sum(values.values(), Fraction(0))


def _keeps_targets(draft: Draft, index: int, start: Fraction) -> Fraction:
    """The fewest FTE, a multiple of the tenth, whose figures keep the channel's stated
    targets, sized as `check` sizes it (``start`` where none in reach do, or it has none)."""
    from cs_align.findings import Severity
    from cs_align.fixstaff import Guard, Sizer

    channel = draft.loaded.plan.channels[index]
    if channel.target is None:
        return start
    sizer = Sizer(
        plan=draft.loaded.plan,
        at=index,
        guard=Guard(asks={"targets": Severity.error}),
        stress=None,
    )
    least = sizer.least(max(start, STEP))
    return start if least is None else least


def _toward(
    low: dict[int, Fraction], high: dict[int, Fraction], room: Fraction
) -> dict[int, Fraction]:
    """From ``low`` toward ``high`` with ``room`` FTE, in proportion to the way left."""
    way = {i: high[i] - low[i] for i in low}
    left = _total(way)
    return {i: low[i] + (room * way[i] / left if left else Fraction(0)) for i in low}


def _in_turn(
    low: dict[int, Fraction], high: dict[int, Fraction], room: Fraction, ids: dict[int, str]
) -> dict[int, Fraction]:
    """From ``low`` toward ``high`` with ``room`` FTE, the smallest raise first, each whole
    before the next is begun, so that more money leaves no channel with fewer staff: what
    a raise short of whole took was shared among every channel short of its targets, and
    the tenth that made one whole took back the others' share (review fix49k: a KWD plan's
    phone on 17.6 FTE at a people line of 224,000, 14.0 at 229,000, where the chat's whole
    raise to 80% in 20s first fit)."""
    out = dict(low)
    for i in sorted(low, key=lambda i: (high[i] - low[i], ids[i])):
        give = min(high[i] - low[i], max(room, Fraction(0)))
        out[i], room = low[i] + give, room - give
    return out


_WHY = "people-line-funds-staff"


def people_money(plan: Plan) -> Decimal | None:
    """The people line (the total when there are no lines); None without a loaded cost."""
    cost, budget = plan.staffing.loaded_cost_per_fte, plan.budget
    if cost is None or budget is None or not cost:
        return None
    return budget.lines.get("people", budget.total)


def staffed_fte(metrics: Metrics) -> Fraction:
    """The FTE the plan has `fix` pay for: the total, or its channels' sum where that is
    more, as `fix` raises a total below them to their sum (agents-within-total). Counted at
    the total alone, a people line of 0 beside a total of 0 and a channel's 3.6 FTE read as
    paid for, and --keep-budget raised the total to 3.6, 72,000 JPY a year on no money."""
    on_channels = sum((c.planned_fte for c in metrics.channels), Fraction(0))
    return max(metrics.planned_fte, on_channels)


def _paid_for(draft: Draft) -> Fraction | None:
    """The FTE, to the tenth `fix` writes, that the people money pays for over the plan's
    period (None when the plan prices no staff)."""
    funds, cost = people_money(draft.loaded.plan), draft.loaded.plan.staffing.loaded_cost_per_fte
    if funds is None or cost is None:
        return None
    return _tenths(Fraction(funds) / (Fraction(cost) * draft.metrics.period_years))


def _unspent(draft: Draft, staffed: Fraction) -> Fraction:
    """FTE the people money pays for beyond the ``staffed`` total, to the tenth (review
    calc42 F8: a line paying for 3.0 FTE beside 2.2 planned had its 30% in 20 s loosened
    to 47 s, where the 2.9 FTE that keep it cost 145,000 of its 150,000)."""
    paid = _paid_for(draft)
    return max(paid - staffed, Fraction(0)) if paid is not None else Fraction(0)


def _tenths(fte: Fraction) -> Fraction:
    return Fraction(math.floor(fte / STEP)) * STEP


def _sized(draft: Draft, channel_id: str) -> bool:
    from cs_align.whatif import SIZED

    m = draft.metrics.channel(channel_id)
    return m is not None and m.model in SIZED


def _planned(draft: Draft, channel_id: str) -> Fraction:
    m = draft.metrics.channel(channel_id)
    return m.planned_fte if m is not None else Fraction(0)


def _whole_tenths(
    exact: dict[int, Fraction], paid: Fraction, ids: dict[int, str]
) -> dict[int, Fraction]:
    """Each channel's share down to the tenth `fix` writes, the tenths that cutting drops
    given back to the largest remainders, so that the channels hold every FTE the money
    pays for (review calc42 F10: 10.579 and 1.42 were cut to 10.5 and 1.4, and 0.1 of the
    12.0 paid for sat on no channel)."""
    cut = {i: _tenths(fte) for i, fte in exact.items()}
    left = int(
        (min(paid, sum(exact.values(), Fraction(0))) - sum(cut.values(), Fraction(0))) / STEP
    )
    for i in sorted(exact, key=lambda i: (cut[i] - exact[i], ids[i]))[: max(left, 0)]:
        cut[i] += STEP
    return cut


def _keeps_up(draft: Draft, index: int, channel_id: str, busy: Fraction | None) -> Fraction:
    """The fewest FTE, to a tenth, whose productive hours at ``busy`` occupancy exceed the
    channel's work (None: no floor); over intraday intervals, in its busiest one too, as
    `occupancy-cap` judges it (review calc42 F10: the week's work put the phone on 10.5 FTE,
    96.22 on shift for the 100 Erlangs of its 09:00 half hour, a queue that never clears)."""
    from cs_align.metrics import WEEKS_PER_YEAR

    m, productive = draft.metrics.channel(channel_id), draft.metrics.productive_hours_per_fte
    if m is None or not productive or not busy:
        return Fraction(0)
    week = _tenths(m.workload_hours * WEEKS_PER_YEAR / (productive * busy)) + STEP
    if m.spread != "intervals":
        return week
    return _busiest_keeps_up(draft, index, week, busy)


def _busiest_keeps_up(draft: Draft, index: int, start: Fraction, busy: Fraction) -> Fraction:
    """The fewest FTE, a tenth at a time from ``start``, whose staff, scheduled to follow the
    forecast, keep up in every interval at ``busy`` occupancy at most (the week's ``start``
    when none in reach do: the floors then give way to the cut alike)."""
    from cs_align.fixstaff import alone
    from cs_align.metrics import compute

    plan = draft.loaded.plan

    def keeps_up(fte: Fraction) -> bool:
        c = compute(alone(plan, index, fte)).channels[0]
        return c.stable and (c.highest_occupancy or 0.0) <= float(busy) + TOLERANCE

    high = start
    for _ in range(_MOST_DOUBLINGS):
        if keeps_up(high):
            break
        high *= 2
    else:
        return start
    low = start - STEP  # below the week's floor nothing keeps up
    while high - low > STEP:
        mid = _tenths((low + high) / 2)
        low, high = (low, mid) if keeps_up(mid) else (mid, high)
    return high


def _use_idle(draft: Draft) -> None:
    """Staff the money pays for go first where targets are missed, the smallest raises
    first, each raise whole while they last: staff the plan puts on no channel and those the
    people line pays for beyond the plan's (`_unspent`), then those above a channel's least
    where it keeps its targets, moved at no cost; a channel missing a target before one only
    over the occupancy ceiling (review calc44 K03), (review calc39 F2,
    calc31 F3: chat's 80% in 60s was loosened to 1m17s while the phone had 5.9 FTE above
    its least, and the same 51.6 FTE kept both)."""
    from cs_align.fixstaff import Sizer, guard
    from cs_align.whatif import SIZED

    plan, m = draft.loaded.plan, draft.metrics
    stated = plan.staffing.agents
    on_channels = sum((c.planned_fte for c in m.channels), Fraction(0))
    total = Fraction(stated) if stated is not None else on_channels
    # A total below what the channels hold is raised to their sum (agents-within-total), so
    # none stand idle, and none are owed: counted owed, the channels' spare staff went to
    # the deficit, none moved where a target was missed, and a second run moved them
    # (idem60: a pool of 6 FTE under channels of 56.8, raised to 56.8, then voice 38.6 → 32
    # and a pooled e-mail 0 → 6.6).
    idle = max(total - on_channels, Fraction(0)) + _unspent(draft, max(total, on_channels))
    units, raises, spare = draft.units(), [], {}
    for index, channel in enumerate(plan.channels):
        c = m.channel(channel.id)
        if c is None or c.model not in SIZED:
            continue
        sizer = Sizer(plan=plan, at=index, guard=guard(units, channel.id), stress=None)
        # A target missed, or the occupancy ceiling broken (review calc42 F4: plain fix held
        # it by moving staff, --keep-budget left it "unpaid" on the same money).
        if c.misses or c.ceiling_fte > c.planned_fte:
            least = sizer.least(max(c.required_fte, c.planned_fte))
            if least is not None:
                # Targets missed first: a ceiling is a limit, not a promise (calc44 K03).
                raises.extend(_raises(sizer, c, index, least))
        elif channel.agents is not None and c.goal.kind != "none" and sizer.ok(c.planned_fte):
            least = sizer.least(min(c.required_fte, c.planned_fte))
            if least is not None and least < c.planned_fte:
                spare[index] = (c.planned_fte, least)
    given: dict[int, Fraction] = {}  # what each channel with staff to spare keeps
    raised = []
    ids = _ids(draft)
    spare = {i: spare[i] for i in sorted(spare, key=ids.__getitem__)}  # who gives first: by id
    for ceiling, need, index, least in sorted(raises, key=lambda r: (r[0], r[1], ids[r[2]], r[3])):
        room = sum((given.get(i, was) - keep for i, (was, keep) in spare.items()), idle)
        if need > room:
            if not ceiling and _tenths(idle):
                _part_raise(draft, index, least - need + _tenths(idle))
                raised.append(plan.channels[index].id)
            break
        more = need - max(idle, Fraction(0))
        idle = max(idle - need, Fraction(0))
        for i, (was, keep) in spare.items():
            if more <= 0:
                break
            has = given.get(i, was)
            kept = kept_giving(has, keep, more)
            more -= has - kept
            given[i] = kept
        draft.set(("channels", index, "agents"), _dec(least), "staffing-meets-targets")
        raised.append(plan.channels[index].id)
    raised = list(dict.fromkeys(raised))  # a line raised to its targets, then its ceiling
    for index, kept in given.items():
        draft.set(("channels", index, "agents"), _dec(kept), f"staff moved to {named(raised)}")
    if raises:
        covered = _covered(draft)
        draft.refresh()
        _pay_raises(draft, covered)


def _part_raise(draft: Draft, index: int, fte: Fraction) -> None:
    """The money's staff on no channel, to the tenth, on the line whose raise they cannot
    pay whole, the smallest such raise: its target is then loosened to what they keep.
    Left unspent, a phone of 1 FTE missing 80% in 20s (7.6 keep it) beside a people line
    paying for 4 had no staff more and no target it keeps ("the money pays for 1 FTE on
    phone … so fix loosened none"), where 4 FTE keep 80% in 1h45m; a plan stating no staff
    had "the money pays for no staff" of the same 200,000 USD (planner63)."""
    draft.set(("channels", index, "agents"), _dec(fte), "staffing-meets-targets")


def _covered(draft: Draft) -> Fraction:
    """The FTE `staffing.agents` must hold for the staff written on channels and the shares
    the pooled ones had before (read before the draft is refreshed): a pooled line's
    `agents:` written moves it out of the pool, and the pool, not raised, left the others
    less. A shared NOK team's e-mail raised from 2.7 to 4.5 with the money the line pays
    beyond the plan's 14 FTE took the 1.8 from the phone's 9.3, and its 5% abandonment was
    loosened to 11.6%, where 15.8 FTE are paid for (recalc60)."""
    covered = Fraction(0)
    for index, channel in enumerate(draft.loaded.plan.channels):
        edit = draft.edits.get(("channels", index, "agents"))
        if edit is not None:
            covered += Fraction(Decimal(str(edit.value)))
        else:
            covered += _planned(draft, channel.id)
    return covered


def _raises(
    sizer: Sizer, c: ChannelMetrics, index: int, least: Fraction
) -> list[tuple[bool, Fraction, int, Fraction]]:
    """A channel's raises as `_use_idle` makes them, (ceiling only, FTE more, index, to):
    where it misses a target and the ceiling asks more than the targets do, first the least
    that keeps its targets (and its work), then the rest to the ceiling, after every other
    channel's targets. One raise to the ceiling's least was all or nothing: an e-mail queue
    needing 4.8 FTE for its first response (5.6 for the ceiling) got none of the 1.0 FTE the
    money and a night line's spare gave, its backlog "not paid for" (review calc54 F2)."""
    if not c.misses or "ceiling" not in sizer.guard.asks:
        return [(not c.misses, least - c.planned_fte, index, least)]
    asks = {k: v for k, v in sizer.guard.asks.items() if k != "ceiling"}
    targets = Sizer(plan=sizer.plan, at=sizer.at, guard=Guard(asks=asks), stress=sizer.stress)
    kept = targets.least(max(c.planned_fte, STEP))
    if kept is None or kept >= least:
        return [(False, least - c.planned_fte, index, least)]
    return [(False, kept - c.planned_fte, index, kept), (True, least - kept, index, least)]


def _pay_raises(draft: Draft, covered: Fraction = Fraction(0)) -> None:
    """`staffing.agents` up to the channels' staff (at least ``covered``, `_covered`), where
    raises took more than the plan had from the money the people line pays for beyond it
    (never above it)."""
    from cs_align.units import ceil_tenth

    stated = draft.loaded.plan.staffing.agents
    on_channels = sum((c.planned_fte for c in draft.metrics.channels), Fraction(0))
    on_channels = max(on_channels, covered)
    if stated is not None and on_channels > Fraction(stated):
        draft.set(("staffing", "agents"), _dec(ceil_tenth(on_channels)), "the channels above")
        draft.refresh()


def _retarget(
    draft: Draft, index: int, channel: Channel, m: ChannelMetrics, names: Collection[str]
) -> None:
    """The targets ``names`` (as `misses` names them) written as the staff keep them."""
    at = ("channels", index, "target")
    why = _RETARGETED
    target = channel.target
    if target is None or not m.stable or not keeps_some(m, names):
        return  # no target to move, or none the staff keep: a person's decision
    if "service_level" in names and target.service_level is not None:
        seconds = m.keepable(m.goal.share)
        if seconds is not None:
            share = target.service_level.share
            kept = ServiceLevelTarget(share=share, seconds=round_figure(seconds))
            draft.set((*at, "service_level"), str(kept), why)
    for name in ("first_response", "resolution"):
        wait = getattr(target, name)
        if name in names and isinstance(wait, Wait) and m.first_response is not None:
            # A resolution is a first response and one handle time (one-touch contacts).
            extra = float(channel.handle_time or 0) if name == "resolution" else 0.0
            seconds = m.first_response + extra
            draft.set((*at, name), _wait(channel, wait, round_figure(seconds)), why)
    if "asa" in names and m.asa is not None:
        draft.set((*at, "asa"), fmt_seconds(round_figure(m.asa)), why)
    if "abandonment" in names and m.abandonment is not None:
        share = Decimal(math.ceil(m.abandonment * 1000)) / 10
        draft.set((*at, "abandonment_max"), f"{share.normalize():f}%", why)


def keeps_some(m: ChannelMetrics, names: Collection[str]) -> bool:
    """Whether the staff keep some figure of every target ``names`` misses (as `misses`
    names them). Where one has none (80% answered within any time, where only 29% are ever
    answered), loosening the others keeps nothing and only hides what the money is short
    of: the delight phone at a people line of 400,000 USD (2.9 FTE for 3.45 E) was written
    `abandonment_max: 71.1%` beside the 80% in 20s it still missed (planner60). The
    targets then stay as asked, and the shortfall is a person's decision (`fixdecisions`)."""
    for name in names:
        if name in ("service_level", "first_response", "resolution") and not m.stable:
            return False
        if name == "service_level":
            found: object = m.keepable(m.goal.share)
        elif name in ("first_response", "resolution"):
            found = m.first_response
        elif name == "asa":
            found = m.asa
        elif name == "abandonment":
            found = m.abandonment
        else:
            found = None  # "stability": no figure to write
        if found is None:
            return False
    return True


_RETARGETED = "staffing-meets-targets"
"""Why ``_retarget`` writes a target: the rule it answers."""


def _wait(channel: Channel, old: Wait, seconds: Decimal) -> str:
    """The kept time in the target's own terms: business time if it was, else calendar (or
    business when the channel closes for longer)."""
    if old.business:
        return business(seconds)
    return written_as(channel, seconds)


def _dec(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


@dataclass(frozen=True)
class Funded:
    """What the people line pays for, where it pays for fewer FTE than the plan has: the
    staff and targets `fix --keep-budget` writes (review calc41 F10: `promise` said 80% in
    1m "is kept by the planned 12.2 FTE" where the line paid for 9.5, which keep 80% in
    10m)."""

    money: Decimal
    """The people line (the total when there are no lines)."""
    paid_fte: Fraction
    """``fix --keep-budget``'s staffing: the FTE the people line pays for."""
    planned_fte: Fraction
    channels: dict[str, tuple[Fraction, str]]
    """Per channel: its FTE then, and what they keep (the target `fix` writes)."""


def _moves_staff(change: Change) -> bool:
    """Whether a change `fix --keep-budget` makes puts the money's staff elsewhere: cut to
    what the line pays for, shared anew, or moved from no channel (or from a channel's
    spare) to one that misses a target. Counted only for the first two, a phone missing
    80% in 20s on 10 FTE beside 10 on no channel, all paid for, had `promise` say it "can
    keep 80% in 17m4s (80% in 18m …, as `fix --keep-budget` writes it)", where that fix
    moves 4.6 of the 10 to the phone and keeps 80% in 20s."""
    on_a_channel = change.path.startswith("channels[") and change.path.endswith("].agents")
    return on_a_channel or _WHY in change.why or _SHARED in change.why


def funded(source: str, loaded: LoadedPlan, options: CheckOptions) -> Funded | None:
    """The plan as `fix --keep-budget` makes it, when the people money pays for fewer FTE
    than planned; None when it pays for them (or no money prices staff)."""
    from cs_align.engine import figures
    from cs_align.fixer import fix
    from cs_align.loader import parse_plan
    from cs_align.promise import UNSIZED, keeps

    money = people_money(loaded.plan)
    if money is None:
        return None
    from cs_align.whatif import SIZED

    planned = figures(loaded)  # a queue too large to size is the plan's error (exit 2)
    sized = [c for c in planned.channels if c.model in SIZED]
    staffed = staffed_fte(planned)
    if money >= planned.period_cost(staffed) and not any(c.misses for c in sized):
        return None  # paid for, and the staff stand: no fix to run
    result = fix(source, loaded, options, keep_budget=True)
    if not any(_moves_staff(c) for c in result.changes):
        return None
    fixed, after, before = parse_plan(result.text, loaded.file), result.report, result.first
    assert after.metrics is not None and before.metrics is not None
    channels = {}
    for channel in fixed.plan.channels:
        m = after.metrics.channel(channel.id)
        if m is None or m.model in UNSIZED or not channel.human:
            continue
        kept = m.goal.full_text if m.goal.kind != "none" and not m.misses else ""
        channels[channel.id] = (m.planned_fte, kept or keeps(channel, m)[0])
    return Funded(
        money=money,
        paid_fte=after.metrics.planned_fte,
        planned_fte=staffed_fte(before.metrics),
        channels=channels,
    )
