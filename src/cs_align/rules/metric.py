"""Bound any metric from the catalogue: the rule strategy files use for their own thresholds.

Why: every organisation has figures of its own to hold a plan to (cost per contact, a
training floor, the shortest answer time it will pay for); `cs-align metrics` lists them.

Source: 004 (state the strategy, then invest appropriately: the bounds are how you say so).

Options:
    metric: a name from `cs-align metrics` (required).
    min / max: the bounds (at least one); a share's as 85% or 0.85, a wait's (asa,
        first_response) as a duration (20s, 4h) or a number of seconds.
    channel: for per-channel metrics, the channel id (default: every channel).
    currency: for a metric of money (cost_per_contact, refund_authority, budget_total, the
        people costs), the currency its bounds are in (default: the plan's). A plan in
        another currency is held to them at the rate its `exchange_rates` gives, rounded to
        its minor unit the strict way (a min up, a max down); without one the bound is
        reported as not checked, and `fix` writes no amount.

A plan figure the plan does not give (no budget for cost_per_contact, no attrition stated)
is reported as not checked, at the rule's severity, rather than passed; so is a channel
figure for a named `channel` that does not give it, and a `channel` the plan does not have.
Without `channel:`, each channel the bound is about that does not give the figure is
reported so too (a phone target rewritten from a service level to an ASA leaves no service
level to bound; dropping the caller patience leaves no abandonment): service_level, asa and
abandonment are about the live queues people answer (voice, chat, messaging, in person) and
any channel whose target states a service level; first_response about the written channels
people answer (email, social, community); the other channel figures about every channel
people answer. Self-service and bot channels give no queue figures and are not reported.
A `min` above the `max` is refused where the strategy writes it.

Fails:
    - {rule: metric, metric: cost_per_contact, max: 4.50}   # plan: 6.10 per contact
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from cs_align.catalogue import CHANNEL_METRICS, PLAN_METRICS, Number
from cs_align.currencies import minor_units
from cs_align.errors import close_matches
from cs_align.metrics import ChannelMetrics
from cs_align.plan import DEFERRED_KINDS, QUEUED_KINDS, Channel, Plan, SegmentStaffing, Staffing
from cs_align.rules.base import (
    CHANNEL,
    HIGHER,
    LOWER,
    PLAN,
    STAFF,
    Context,
    Hit,
    Options,
    no_rate,
)
from cs_align.units import (
    Currency,
    bad,
    fmt_money,
    fmt_seconds,
    fmt_share_against,
    fmt_wait,
    parse_percent,
    parse_wait_time,
    round_money,
)

ID = "metric"
AREA = "strategy"
SEVERITY = "warning"
TITLE = "A metric stays within the strategy's bounds"
SOURCE = "004"


class MetricOptions(Options):
    metric: str
    min: Annotated[Decimal | None, HIGHER] = None
    max: Annotated[Decimal | None, LOWER] = None
    channel: str | None = None
    currency: Currency | None = None
    SIGNED = frozenset({"min", "max"})
    MONEY = frozenset({"min", "max"})

    @model_validator(mode="before")
    @classmethod
    def _shares(cls, data: Any) -> Any:
        """A share's bounds are shares, 0 to 1, or written as percentages: `max: 85` on
        occupancy bounded nothing, and `max: 85%` was no decimal (review input31 F18)."""
        if isinstance(data, dict) and isinstance(data.get("metric"), str):
            # A misspelt metric first: its bounds cannot be read without it (`metric:
            # ocupancy, max: 5%` was told "max '5%' is not a number").
            _unknown(data["metric"])
        if isinstance(data, dict) and _unit(data.get("metric")) == "share":
            data = dict(data)
            for name in ("min", "max"):
                if data.get(name) is not None and not isinstance(data[name], bool):
                    data[name] = _at(name, parse_percent, data[name])
        elif isinstance(data, dict) and _unit(data.get("metric")) == "seconds":
            # A wait's bound may be written as a plan writes a wait (`max: 20s`, as
            # answer-speed's are), not only as a number of seconds (review author59).
            data = dict(data)
            for name in ("min", "max"):
                if isinstance(data.get(name), str) and not _plain(data[name]):
                    data[name] = _at(name, parse_wait_time, data[name])
        return data

    def asked(self) -> dict[str, str]:
        """A money metric's bounds, except a cost per contact: a rate, whose three decimals
        are its own (as a plan's `history.cost_per_contact` is)."""
        if not _money(self.metric) or self.metric == "cost_per_contact":
            return {}
        return super().asked()

    @model_validator(mode="after")
    def _known(self) -> MetricOptions:
        _unknown(self.metric)
        if self.min is None and self.max is None:
            raise bad("a metric bound needs min or max", "add `max: …` or `min: …`")
        if self.currency is not None and not _money(self.metric):
            raise bad(
                f"{self.metric} is no amount of money ({_unit(self.metric)}): its bounds have "
                "no currency",
                "drop `currency:` from this entry",
                at=("currency",),
            )
        if self.min is not None and self.max is not None and self.min > self.max:
            raise bad(
                f"min {self.min} is above max {self.max}: no figure is within both",
                "swap them, or keep the one bound you mean",
                at=("min",),
            )
        return self


OPTIONS = MetricOptions


def _unknown(metric: str) -> None:
    """Refuse a metric the catalogue does not hold, with the name meant."""
    known = sorted([*PLAN_METRICS, *CHANNEL_METRICS])
    if metric not in known:
        close = close_matches(metric, known)
        raise bad(
            f"unknown metric {metric!r}",
            f"did you mean {close[0]!r}?" if close else "see `cs-align metrics` for the names",
            at=("metric",),
        )


def _at(name: str, read: Callable[[Any], Decimal], value: Any) -> Decimal:
    """``read(value)``, its error said at the option ``name`` it reads, not at the entry: a
    strategy's `max: 85` on an occupancy was told at the entry's first column (review
    outputs60)."""
    try:
        return read(value)
    except PydanticCustomError as exc:
        context = exc.context or {}
        if "message" not in context:
            raise
        message = f"{name} {context['message']}"
        raise bad(message, str(context.get("fix", "")), at=(name,)) from None


def _plain(text: str) -> bool:
    """Whether ``text`` is a number as written (`20`, `1_800`), not a figure with a unit."""
    try:
        Decimal(text.strip().replace("_", ""))
    except InvalidOperation:
        return False
    return True


def _unit(metric: object) -> str:
    """The unit of the metric named ``metric`` ("" for none of the catalogue's)."""
    known = PLAN_METRICS.get(str(metric)) or CHANNEL_METRICS.get(str(metric))
    return known[0].unit if known else ""


UNIT_WORDS = {
    "FTE": "FTE",
    "agents": "agents",
    "Erlangs": "Erlangs",
    "contacts/year": "contacts a year",
    "hours/year": "hours a year",
    "hours/month": "hours a month",
}
"""How a figure of each catalogue unit is written after it: "planned_fte is 20.7 FTE, above
the maximum 2 FTE". A share shows as a percentage and a wait as a duration, so they need
none; a count is of what its name says."""
ONE_OF = {
    "agents": "agent",
    "Erlangs": "Erlang",
    "contacts a year": "contact a year",
    "hours a year": "hour a year",
    "hours a month": "hour a month",
}
"""The words of UNIT_WORDS after a figure of 1: "1 agent", never "1 agents" (FTE as it is)."""


def _words(options: MetricOptions, currency: str = "") -> str:
    """The unit a figure of the bounded metric is written with (a money metric's: the
    ``currency`` given, "USD" or "USD/year"): bare figures read as no unit, "annual_contacts
    is 138,000, above the maximum 1,000" (review outputs60)."""
    unit = _unit(options.metric)
    if unit.startswith("currency"):
        return unit.replace("currency", currency) if currency else ""
    return UNIT_WORDS.get(unit, "")


def bounds_shown(options: Mapping[str, Any]) -> dict[str, Any]:
    """A metric entry's options with its bounds written as its findings write them: an
    occupancy's `max=10%` (not 0.1), a wait's `max=20s` (not 20), `max=2 FTE` (review
    outputs60: `strategies show` and `explain` printed the bare numbers). Money keeps its
    `currency=` beside it."""
    unit, shown = _unit(options.get("metric")), dict(options)
    for name in ("min", "max"):
        value = shown.get(name)
        if value is None or isinstance(value, bool) or unit.startswith("currency"):
            continue
        number = Decimal(str(value))
        if unit == "share":
            shown[name] = _show(number, share=True)
        elif unit == "seconds":
            shown[name] = fmt_seconds(number)
        elif unit in UNIT_WORDS:
            shown[name] = _counted(_show(number), UNIT_WORDS[unit])
    return shown


def _money(metric: object) -> bool:
    """Whether the metric named ``metric`` is an amount of the plan's currency."""
    return _unit(metric).startswith("currency")


def in_plan_currency(plan: Plan, options: MetricOptions) -> MetricOptions | None:
    """The options with a money metric's bounds in the plan's currency, a min rounded up and a
    max down to its minor unit (see ``Plan.threshold``); None when the plan gives no rate for
    the currency they are in. Other metrics' options as they are. `check` and `fix` both
    read the bounds through it."""
    if not _money(options.metric) or options.currency in (None, plan.currency):
        return options
    low = None if options.min is None else plan.threshold(options.min, options.currency, floor=True)
    high = (
        None if options.max is None else plan.threshold(options.max, options.currency, floor=False)
    )
    if (options.min is not None and low is None) or (options.max is not None and high is None):
        return None
    return options.model_copy(update={"min": low, "max": high, "currency": plan.currency})


def _as_stated(ctx: Context, options: MetricOptions) -> str:
    """The bounds as the strategy states them, and the plan's rate they were converted at:
    " (the strategy's maximum 25 USD, at 155.37 JPY a USD)"."""
    currency = str(options.currency)
    bounds = " and ".join(
        f"{word} {fmt_money(bound, currency)}"
        for word, bound in (("minimum", options.min), ("maximum", options.max))
        if bound is not None
    )
    return f" (the strategy's {bounds}, {ctx.at_rate(currency)})"


def reach(options: MetricOptions) -> str:
    """Channel figures are judged per channel; a practice a segment may set for its own reps
    (refund authority, training hours) per group of reps; the rest for the plan as a whole."""
    if options.metric in CHANNEL_METRICS:
        return CHANNEL
    return STAFF if options.metric in SegmentStaffing.model_fields else PLAN


def _not_given(
    options: MetricOptions,
    meaning: str,
    where: tuple[str | int, ...],
    channel: str = "",
    money: str = "",
) -> Hit:
    """A bounded figure the plan does not give: not checked, and said so (never passed);
    ``channel`` is the channel whose figure it is, ``money`` the currency of its bounds."""
    bounds = " and ".join(
        f"{word} {_limit(bound, options, money)}"
        for word, bound in (("at least", options.min), ("at most", options.max))
        if bound is not None
    )
    staffing = where == ("staffing", options.metric)
    on = f" on {channel}" if channel else ""
    return Hit(
        message=f"{options.metric}{on} ({bounds}) cannot be checked: the plan does not give it",
        path=where,
        fix=f"add `staffing.{options.metric}: …`"
        if staffing
        else f"state what it is computed from: {meaning} (`cs-align metrics`)",
    )


def _elsewhere(ctx: Context, options: MetricOptions, index: int) -> Hit:
    """A bound on a channel another strategy of the mix judges: it was skipped without a
    word (review author59: a segment's strategy bounding a line of another segment)."""
    covered = ", ".join(sorted(ctx.scope or ())) or "none"
    return Hit(
        message=f"{options.metric} on {options.channel} cannot be checked by this strategy: "
        f"another strategy of the plan's mix judges {options.channel} (this one covers "
        f"{covered})",
        path=("channels", index),
        fix=f"move the bound on {options.channel} into the strategy that covers it, or cover "
        f"{options.channel} with this strategy in the plan's `strategy:` mix",
    )


def _outside(value: Number, options: MetricOptions, money: str = "") -> str:
    """How a figure is out of its bounds; ``money`` is its unit (`_words`): the plan's
    currency for an amount ("4.5001 USD, above the maximum 4.5 USD": review calc31 L2, the
    bare figures read as no money), "FTE", "hours a year", …"""
    if value is None:
        return ""
    number = Decimal(str(float(value))) if not isinstance(value, Decimal | int) else Decimal(value)
    share = _unit(options.metric) == "share"
    if _unit(options.metric) == "seconds":
        return _outside_wait(number, options)
    if (crossed := _crossed(number, options)) is None:
        return ""
    word, bound = crossed
    if _money(options.metric):
        return f"is {_money_beside(number, bound, money)}, {word} {_amount(bound, money)}"
    shown = _counted(_beside(number, bound, share), money)
    return f"is {shown}, {word} {_counted(_show(bound, share), money)}"


def _bring(
    value: Number, options: MetricOptions, meaning: str, currency: str = "", on: str = ""
) -> str:
    """What to do about a figure out of its bounds: the bound to reach, in the figure's unit,
    and what the figure is made of, so a reader knows which of the plan's lines to change
    ("bring cost_per_contact within bounds" named neither, review user62)."""
    assert value is not None  # only a figure out of its bounds is told what to reach
    number = Decimal(str(float(value))) if not isinstance(value, Decimal | int) else Decimal(value)
    crossed = _crossed(number, options)
    assert crossed is not None
    word, bound = crossed
    limit = _limit(bound, options, _words(options, currency))
    side = "or less" if word == "above the maximum" else "or more"
    place = f" on {on}" if on else ""
    return f"bring {options.metric}{place} to {limit} {side} ({meaning})"


def _limit(bound: Decimal, options: MetricOptions, unit: str) -> str:
    """A bound as the strategy means it, in its unit ("20s", "85%", "4.50 USD", "13 FTE"):
    a wait's bare seconds read as no unit ("asa on chat (at most 2)", review user62)."""
    if _money(options.metric):
        return _amount(bound, unit)
    if _unit(options.metric) == "seconds":
        return fmt_seconds(bound)
    return _counted(_show(bound, _unit(options.metric) == "share"), unit)


def _amount(bound: Decimal, unit: str) -> str:
    """A money bound as amounts are written (`fmt_money`): to the currency's minor unit, whole
    amounts without it (4.50 USD, as `strategies show` gives the `max=4.50` written; 25 USD),
    with any finer digit it was written with: a cost per contact is a rate (4.505 USD)."""
    exponent = bound.normalize().as_tuple().exponent
    finer = -exponent if isinstance(exponent, int) else 0
    return _written(bound, max(minor_units(unit.split("/")[0]), finer), unit)


def _written(amount: Decimal, places: int, unit: str) -> str:
    """``amount`` to ``places`` decimals in ``unit``, whole amounts without their cents."""
    text = f"{amount:,.{places}f}"
    if places and places == minor_units(unit.split("/")[0]):
        text = text.removesuffix("." + "0" * places)
    return f"{text} {unit}".strip()


def _money_beside(value: Decimal, bound: Decimal, unit: str) -> str:
    """A money figure out of its bound, to the currency's minor unit as every output gives it
    (a cost per contact of 10.95 USD in `diff` and `no-overspend`, where this rule said
    10.9455 USD, review user61), with the digits that tell it from the bound where the cents
    do not (4.5001 USD above the maximum 4.50 USD, review calc31 L2)."""
    limit = _amount(bound, unit)
    for places in range(minor_units(unit.split("/")[0]), 29):
        rounded = round_money(value, Decimal(1).scaleb(-places))  # half up, as fmt_money
        shown = _written(rounded, places, unit)
        if rounded != bound and shown != limit:
            return shown
    return f"{value:,} {unit}".strip()


def _crossed(value: Decimal, options: MetricOptions) -> tuple[str, Decimal] | None:
    """The bound ``value`` lies beyond, with how a message says so ("above the maximum"):
    the maximum first; None where it is within both."""
    if options.max is not None and value > options.max:
        return "above the maximum", options.max
    if options.min is not None and value < options.min:
        return "below the minimum", options.min
    return None


def _counted(figure: str, unit: str) -> str:
    """A figure and its unit, one of a thing singular: "1 agent", "1 Erlang", "1 hour a
    month" (never "1 agents"); a currency or FTE as they are."""
    if not unit:
        return figure
    return f"{figure} {ONE_OF.get(unit, unit) if figure == '1' else unit}"


def _outside_wait(value: Decimal, options: MetricOptions) -> str:
    """How a wait is out of its bounds, as waits are written ("8m35s, above the maximum
    20s"): bare seconds read as no unit ("asa is 514.0341, above the maximum 20", review
    author59)."""
    if (crossed := _crossed(value, options)) is None:
        return ""
    word, bound = crossed
    shown, limit = fmt_wait(value, bound), fmt_seconds(bound)
    if shown == limit:
        shown = f"{_beside(value, bound, False)}s"
    return f"is {shown}, {word} {limit}"


def _beside(value: Decimal, bound: Decimal, share: bool) -> str:
    """A figure out of its bound, with the digits that tell it from the bound: a containment
    of 59.999% read "is 60%, below the minimum 60%" (two places), and a figure a hair over a
    maximum read as the maximum. Rounded to the nearest, more places never cross the bound."""
    shown = _show(value, share)
    if shown != _show(bound, share):
        return shown
    if share:
        return fmt_share_against(float(value), float(bound))
    for places in range(5, 29):
        text = f"{value:,.{places}f}".rstrip("0").rstrip(".")
        if text != _show(bound):
            return text
    return f"{value:,}"


def _show(value: Decimal, share: bool = False) -> str:
    """A bound or a figure as written: a share as a percentage (52.42%, not 0.5242)."""
    if share:
        return f"{value * 100:,.2f}".rstrip("0").rstrip(".") + "%"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


_LIVE = frozenset({"service_level", "asa", "abandonment"})


def _endless(metric: str, m: ChannelMetrics) -> str:
    """Why a wait of a line with contacts to answer has no end, or "": the planned staff
    fall behind the work, or a live queue is left with nobody on shift part of the time. A
    bound `asa: {max: 20s}` on such a line read "cannot be checked: the plan does not give
    it — state what it is computed from", as if a figure were missing (review user62)."""
    if metric not in ("asa", "first_response") or m.offered_load <= 0:
        return ""
    if (metric == "asa" and m.asa is not None) or (
        metric == "first_response"
        and (m.first_response is not None or m.kind not in DEFERRED_KINDS)
    ):
        return ""
    if not m.stable:
        return "the planned staff cannot keep up: the queue grows without end"
    if metric == "asa" and m.kind in QUEUED_KINDS and m.planned_positions < 1:
        return "nobody is on shift part of the time, and contacts wait for someone to come back"
    return ""


def _about(metric: str, channel: Channel) -> bool:
    """Whether a bound on ``metric`` over every channel judges ``channel``: a channel it is
    about that gives no figure is reported as not checked (review attack39 F1), one it is
    not about (a first response of a phone line, an occupancy of a help centre) is skipped."""
    if not channel.human:
        return False
    if metric in _LIVE:
        stated = channel.target is not None and channel.target.service_level is not None
        return channel.kind in QUEUED_KINDS or (metric == "service_level" and stated)
    if metric == "first_response":
        return channel.kind in DEFERRED_KINDS
    return True


def applies(ctx: Context, options: MetricOptions) -> bool:
    """The plan states the figure (a channel figure: for some channel), and a money bound is
    in its currency or one it gives a rate for."""
    if options.metric in PLAN_METRICS:
        found = PLAN_METRICS[options.metric][1](ctx.plan, ctx.metrics) is not None
        return found and in_plan_currency(ctx.plan, options) is not None
    get = CHANNEL_METRICS[options.metric][1]
    return any(get(m) is not None for _, c, m in ctx.channels() if options.channel in (None, c.id))


def check(ctx: Context, options: MetricOptions) -> Iterator[Hit]:
    if options.metric in PLAN_METRICS:
        definition, get = PLAN_METRICS[options.metric]
        value = get(ctx.plan, ctx.metrics)
        # A figure the plan states under `staffing` is pointed at where it is written.
        where = ("staffing", options.metric) if options.metric in Staffing.model_fields else ()
        converted = in_plan_currency(ctx.plan, options)
        if converted is None:
            bound = options.min if options.min is not None else options.max
            assert bound is not None and options.currency is not None  # a bound in a currency
            word = "at least" if options.min is not None else "at most"
            missing = ".".join(map(str, where)) if value is None and where else ""
            judged = f"{options.metric} {word}"
            yield no_rate(judged, bound, options.currency, ctx.plan, where, missing)
            return
        if value is None:
            money = (options.currency or ctx.plan.currency) if _money(options.metric) else ""
            yield _not_given(options, definition.meaning, where, money=money or _words(options))
            return
        if problem := _outside(value, converted, _words(options, ctx.plan.currency)):
            if converted is not options:
                problem += _as_stated(ctx, options)
            yield Hit(
                message=f"{options.metric} {problem}",
                path=where,
                fix=_bring(value, converted, definition.meaning, ctx.plan.currency),
            )
        return
    definition, get_channel = CHANNEL_METRICS[options.metric]
    ids = [c.id for c in ctx.plan.channels]
    if options.channel is not None and options.channel not in ids:
        close = close_matches(options.channel, ids)
        yield Hit(
            message=f"{options.metric} on {options.channel} cannot be checked: the plan has no "
            f"channel {options.channel!r}",
            path=("channels",),
            fix=f"did you mean {close[0]!r}? name a channel of the plan"
            if close
            else "name a channel of the plan in the strategy's `channel:`",
        )
        return
    if options.channel is not None and ctx.scope is not None and options.channel not in ctx.scope:
        yield _elsewhere(ctx, options, ids.index(options.channel))
        return
    for index, channel, m in ctx.channels():
        if options.channel not in (None, channel.id):
            continue
        if (endless := _endless(options.metric, m)) and options.max is not None:
            limit = _limit(options.max, options, _words(options))
            yield Hit(
                message=f"{channel.id}: {options.metric} is without limit ({endless}), above "
                f"the maximum {limit}",
                path=("channels", index),
                fix=f"plan staff for {channel.id} so that {options.metric} is {limit} or less "
                f"({definition.meaning})",
            )
            continue
        if endless:
            continue  # a wait without end is above any least one
        if get_channel(m) is None and (
            options.channel is not None or _about(options.metric, channel)
        ):
            yield _not_given(
                options, definition.meaning, ("channels", index), channel.id, _words(options)
            )
            continue
        if problem := _outside(get_channel(m), options, _words(options)):
            yield Hit(
                message=f"{channel.id}: {options.metric} {problem}",
                path=("channels", index),
                fix=_bring(get_channel(m), options, definition.meaning, on=channel.id),
            )
