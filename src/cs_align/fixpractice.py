"""Practices and promises for `fix`: each field a finding names, set to the nearest value that
holds under the strategy's rule (its own threshold, read from the strategy that judged it).

Training hours rise to the floor, scripts go, throughput rewards are dropped (csat when none
is left), refund authority and leadership hours rise to the floor, escalation and product
people are switched on, the self-service channel carries outage updates, chat concurrency
falls to the ceiling, a promise slower than the
strategy's floor becomes the floor, and a calendar promise the closed hours break is written
in business time. Each is a setting a planner writes down; what is an outcome rather than a
setting (attrition, containment, cost per contact) is left to a person, and so is a
practice the plan does not state: `fix` moves a stated practice, it does not invent one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cs_align.fixer import lookup
from cs_align.roundtrip import PathT
from cs_align.rules.metric import MetricOptions, in_plan_currency
from cs_align.rules.reps_can_fix import FixOptions
from cs_align.units import exact

if TYPE_CHECKING:
    from cs_align.findings import Finding
    from cs_align.fixer import Draft
    from cs_align.rules.base import Options

_PART = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")
SETTINGS = (
    "training_hours_per_agent",
    "refund_authority",
    "leadership_service_hours_per_month",
    "shrinkage",
)
"""Staffing fields a `metric` bound may move: settings, not outcomes."""
PRACTICES = frozenset(
    {
        "training-hours",
        "no-scripts",
        "no-throughput-rewards",
        "reps-can-fix",
        "leadership-in-service",
        "product-in-conversation",
    }
)
"""Rules about a practice under `staffing`: one the plan leaves out is reported as unchecked."""


def unstated(data: Any, finding: Finding) -> bool:
    """Whether ``finding`` is about a practice the plan (as ``data``) does not state: its rule
    cannot be checked, and writing the practice down is a person's decision."""
    return finding.rule in PRACTICES and lookup(data, raw_path(data, finding.path)) is None


def raw_path(data: Any, printed: str) -> PathT:
    """'channels[phone].target' → ('channels', 0, 'target'), the inverse of `plan_path`."""
    path: list[str | int] = []
    node = data
    for name, bracket in _PART.findall(printed):
        if name:
            path.append(name)
            node = node.get(name) if isinstance(node, dict) else None
            continue
        items = node if isinstance(node, list) else []
        index = next(
            (
                i
                for i, item in enumerate(items)
                if isinstance(item, dict) and item.get("id") == bracket
            ),
            None,
        )
        if index is None:
            index = int(bracket) if bracket.isdigit() else -1
        path.append(index)
        node = items[index] if 0 <= index < len(items) else None
    return tuple(path)


def options_of(draft: Draft, finding: Finding) -> list[Options]:
    """The options of the rule that raised ``finding``, in the strategy that judged it."""
    return [
        rule.options
        for unit in draft.units()
        if unit.strategy.id == finding.strategy
        for rule in unit.strategy.rules
        if rule.id == finding.rule
    ]


Handler = Callable[["Draft", "Finding", PathT], None]


def _bound(draft: Draft, f: Finding, name: str, pick: Callable[..., Any]) -> Any:
    """The rule's threshold ``name`` (the strictest, should the strategy set it twice)."""
    found = [getattr(o, name) for o in options_of(draft, f) if hasattr(o, name)]
    return pick(found) if found else None


def _training(draft: Draft, f: Finding, path: PathT) -> None:
    """Training up to the strategy's floor; a floor past the hours an FTE is paid for is
    left to a person (written, it made the fixed plan unusable, and `fix` blamed a line of
    the user's that held 120; review user26 U3)."""
    if path[-1:] != ("training_hours_per_agent",):
        return  # the training line left unfunded: how much to fund is a person's decision
    floor = _bound(draft, f, "min_hours", max)
    if floor is not None and exact(floor) <= draft.loaded.plan.staffing.paid_hours_per_fte:
        draft.set(path, _strictest(draft, path, floor, max), f.rule)


def _off(draft: Draft, f: Finding, path: PathT) -> None:
    draft.set(path, False, f.rule)


def _on(draft: Draft, f: Finding, path: PathT) -> None:
    draft.set(path, True, f.rule)


def _rewards(draft: Draft, f: Finding, path: PathT) -> None:
    throughput = {t for o in options_of(draft, f) for t in getattr(o, "throughput", ())}
    listed = path[:-1]
    kept = [r for r in draft.current(listed) or [] if r not in throughput]
    draft.set(listed, kept or ["csat"], f.rule)


def _fixing(draft: Draft, f: Finding, path: PathT) -> None:
    if path[-1] == "escalation_to_engineering":
        draft.set(path, True, f.rule)
        return
    # The strategy's floor in the plan's currency: without the rate a floor in another
    # currency needs, no amount is written (50 USD written into a yen plan is 50 yen).
    plan = draft.loaded.plan
    floors = [
        plan.threshold(o.min_refund_authority, o.currency, floor=True)
        for o in options_of(draft, f)
        if isinstance(o, FixOptions)
    ]
    known = [floor for floor in floors if floor is not None]
    if known and len(known) == len(floors):
        draft.set(path, _strictest(draft, path, max(known), max), f.rule)


def _leadership(draft: Draft, f: Finding, path: PathT) -> None:
    floor = _bound(draft, f, "min_hours_per_month", max)
    if floor is not None:
        draft.set(path, _strictest(draft, path, floor, max), f.rule)


def _concurrency(draft: Draft, f: Finding, path: PathT) -> None:
    """Chats held at once cut to the strategy's most. The handle time stays as the plan
    measured it at the old concurrency, and the staff are sized on it: a chat takes less
    time when fewer are held at once, so the change says so (review calc41 F6: 5 → 3 at
    12 minutes bought 6.1 FTE on that assumption, unstated)."""
    most = _bound(draft, f, "max_concurrency", min)
    if most is not None:
        held = lookup(draft.loaded.doc.data, (*path[:2], "concurrency"))
        why = f"{f.rule}: the handle time is as measured at {held} at once; re-measure it at {most}"
        at = (*path[:2], "concurrency")
        draft.set(at, _strictest(draft, at, Decimal(most), min), why)


def _metric(draft: Draft, f: Finding, path: PathT) -> None:
    """A bound on a staffing setting: the setting moves to the bound."""
    name = path[-1] if len(path) >= 2 and path[-2] == "staffing" else None
    if name not in SETTINGS:
        return
    stated = [o for o in options_of(draft, f) if isinstance(o, MetricOptions) and o.metric == name]
    # Money bounds in the plan's currency; one in a currency it gives no rate for is not
    # written (see `in_plan_currency`).
    bounds = [o for o in (in_plan_currency(draft.loaded.plan, b) for b in stated) if o]
    value = _setting(draft, path)
    answered = f"{f.rule}:{name}"  # the generic rule, named by the metric it bounds
    for o in bounds:
        lowest, highest = getattr(o, "min", None), getattr(o, "max", None)
        if highest is not None and value is not None and value > highest:
            draft.set(path, _written(name, _strictest(draft, path, highest, min)), answered)
        elif lowest is not None and (value is None or value < lowest):
            draft.set(path, _written(name, _strictest(draft, path, lowest, max)), answered)


def _strictest(
    draft: Draft, path: PathT, value: Decimal, pick: Callable[[Decimal, Decimal], Decimal]
) -> Decimal:
    """``value``, or what an earlier finding on the same field wrote in this pass where that
    is stricter (``pick``: `max` for a floor, `min` for a ceiling). A mix judges the plan's
    staffing under each segment's strategy: delight's 80 training hours and its genius
    segment's 120 are two findings on one field, and the last one settled was written, so
    fix wrote 80 and a second fix of its own plan 120 (session 61, a generated plan)."""
    edit = draft.edits.get(path)
    earlier = _number(edit.value) if edit is not None else None
    return value if earlier is None else pick(Decimal(value), earlier)


def _number(value: Any) -> Decimal | None:
    """A value fix wrote, as a number: a share written as a percentage is its fraction."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.endswith("%"):
        return Decimal(value[:-1]) / 100
    return Decimal(value) if isinstance(value, int | Decimal) else None


def _setting(draft: Draft, path: PathT) -> Decimal | None:
    """A staffing setting as the plan means it (80% is 0.8), the plan's or a segment's."""
    plan = draft.loaded.plan
    owner: Any = plan.staffing
    if path[0] == "segments" and isinstance(path[1], int):
        owner = plan.segments[path[1]].staffing
    value = getattr(owner, str(path[-1]), None)
    return Decimal(str(value)) if value is not None else None


def _written(name: str, value: Decimal) -> Decimal | str:
    """A bound as the plan writes it: shares as percentages."""
    return f"{(value * 100).normalize():f}%" if name == "shrinkage" else value


def _outage(draft: Draft, f: Finding, path: PathT) -> None:
    """The status banner belongs on the self-service channel, when the plan has one."""
    for index, channel in enumerate(draft.loaded.plan.channels):
        if channel.kind.value == "self-service":
            draft.set(("channels", index, "outage_updates"), True, f.rule)
            return


HANDLERS: dict[str, Handler] = {
    "training-hours": _training,
    "no-scripts": _off,
    "no-throughput-rewards": _rewards,
    "reps-can-fix": _fixing,
    "leadership-in-service": _leadership,
    "product-in-conversation": _on,
    "chat-concurrency": _concurrency,
    "metric": _metric,
    "outage-channel": _outage,
}
"""Rule id → how `fix` settles its finding (promises: see `fixpromise`)."""


def settle(draft: Draft) -> None:
    """Each practice and promise finding settled by its handler, the most severe first; a
    field one finding's handler has written is left to it. Two rules pulling one field two
    ways, a fast-food plan's `metric` bound of at most 25 USD of refund authority (a warning)
    and its gold segment's extraordinary-trust floor of 250 USD (an error), wrote the
    warning's 25 over the error's 250 (the later finding won), and a second `fix` of that
    plan then wrote 250 (planner61)."""
    from cs_align.fixpromise import PROMISES

    data = draft.loaded.doc.data
    found = sorted(draft.findings(*HANDLERS, *PROMISES), key=lambda f: f.severity, reverse=True)
    by: dict[PathT, Finding] = {}
    for f in found:
        if unstated(data, f):
            continue  # left to a person: see fixdecisions
        path = raw_path(data, f.path)
        first = by.get(path)
        if first is not None and (first.rule != f.rule or f.rule == "metric"):
            # Settled by a finding as severe or more, of another rule. One rule's two
            # findings on one field (a mix's delight floor of 80 training hours and its
            # genius segment's 120) pull it one way: its handler writes the stricter of
            # the two (`_strictest`), keeping both. A `metric` bound may be a floor or a
            # ceiling, so two of them are two rules.
            draft.withheld[(f.rule, f.path)] = (
                f"fix wrote {f.path} for {first.rule} ({first.message}), which this would undo"
            )
            continue
        handler = HANDLERS.get(f.rule) or PROMISES[f.rule]
        before = dict(draft.edits)
        handler(draft, f, path)
        by.update({p: f for p in draft.edits if draft.edits[p] != before.get(p)})
