"""What every rule receives and yields."""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from cs_align import patterns as rx
from cs_align.currencies import minor_units
from cs_align.units import (
    FIGURES,
    bad,
    ceil_tenth,
    dot_between_thousands,
    fmt_fte,
    fmt_money,
    fmt_months,
    fmt_need,
    fmt_on_shift,
    fmt_percent,
    fmt_share_against,
    fmt_short,
    fmt_wait,
    fmt_years,
)

if TYPE_CHECKING:
    from cs_align.metrics import ChannelMetrics, Metrics
    from cs_align.plan import Channel, Plan

PathT = tuple[str | int, ...]

PLAN, CHANNEL, STAFF = "plan", "channel", "staff"
"""A rule's reach (`REACH`): the plan as a whole, each channel, or the reps' practices. In a
mix, it decides which strategy's rules judge what (see cs_align.mix)."""


class Options(BaseModel):
    """Rule options (thresholds); a strategy file sets them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    SIGNED: ClassVar[frozenset[str]] = frozenset()
    """Thresholds that may be below zero (a bound on a figure that can be). Any other
    threshold below zero is a slip that would make its rule pass or fail every plan."""

    MOST: ClassVar[dict[str, tuple[Decimal, str]]] = {}
    """Thresholds with a largest value, and what it is: a floor no plan may state is advice
    no plan can take, and `fix` would write it (review user26 U3: 2,000 training hours a
    year, a 150% goodwill share)."""

    LEAST: ClassVar[dict[str, tuple[Decimal, str]]] = {}
    """Thresholds with a smallest value above zero, and what it is (a class of no reps)."""

    MONEY: ClassVar[frozenset[str]] = frozenset()
    """Thresholds that are amounts of money, in the options' `currency` (a rule with any has
    that option): an entry of a strategy file that writes one of them without `currency:`
    states it in the plan's currency, whatever currency the entry it overrides had."""

    COUNTED: ClassVar[dict[str, str]] = {}
    """Thresholds that count something a thousand of which is as plain a reading of three
    decimals (`min_hours: 1.200`), by what they count: asked, as a plan's figures are."""

    def asked(self) -> dict[str, str]:
        """The thresholds whose three decimals are asked about (see ``dot_between_thousands``),
        by what they count: ``COUNTED``, and each of ``MONEY`` in a currency of fewer
        decimals (`min_refund_authority: 1.000` read as 1 let any plan fix things on the
        spot, review attack56 d)."""
        currency = getattr(self, "currency", None)
        money = (
            {}
            if currency is not None and minor_units(currency) >= 3
            else {name: currency or "" for name in self.MONEY}
        )
        return {**self.COUNTED, **money}

    @field_validator("*", mode="before")
    @classmethod
    def _true_or_false(cls, value: Any, info: ValidationInfo) -> Any:
        """A switch is true or false, as a plan's are, and true or false is no number:
        `funded: yes` and `require_staffed: 'off'` were read as switches and `class_size:
        true` as a class of 1 rep, where a plan's `uses_scripts: yes` is refused (review
        schema59). Told as the field's own type error is (strategy._option_problem)."""
        field = cls.model_fields.get(info.field_name or "")
        kinds = set(typing.get_args(field.annotation) or [field.annotation]) if field else set()
        if bool in kinds and value is not None and not isinstance(value, bool):
            raise PydanticCustomError("bool_type", "Input should be a valid boolean")
        if isinstance(value, bool) and bool not in kinds and int in kinds:
            raise PydanticCustomError("int_type", "Input should be a valid integer")
        if isinstance(value, bool) and bool not in kinds and Decimal in kinds:
            raise PydanticCustomError("decimal_type", "Decimal input should be a number")
        if isinstance(value, str) and field is not None and not _number_text(value, field):
            kind = "int" if int in kinds else "decimal"
            raise PydanticCustomError(f"{kind}_parsing", "Input should be a valid number")
        return value

    @model_validator(mode="after")
    def _within_bounds(self) -> Self:
        for name, noun in self.asked().items():
            value = getattr(self, name, None)
            highest = self.MOST[name][0] if name in self.MOST else None
            if isinstance(value, Decimal) and (
                question := dot_between_thousands(value, noun, highest)
            ):
                raise bad(f"{name}: {question[0]}", question[1], at=(name,))
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            threshold = any(isinstance(mark, Stricter) for mark in field.metadata)
            number = isinstance(value, Decimal | int) and not isinstance(value, bool)
            if not number:
                continue
            # Said at the option, as an option's other errors are (review user61: `min_hours:
            # -5` was told at the entry's first column), and as the file writes it.
            if threshold and value < 0 and name not in self.SIGNED:
                said = self._written(name, value)
                raise bad(f"{name} {said} is below zero", f"write a {name} of 0 or more", (name,))
            if name in self.LEAST and value < (least := self.LEAST[name])[0]:
                raise bad(
                    f"{name} {self._written(name, value)} is less than {least[1]}",
                    f"write a {name} of at least {self._written(name, least[0])}",
                    (name,),
                )
            if name in self.MOST and value > (most := self.MOST[name])[0]:
                raise bad(
                    f"{name} {self._written(name, value)} is more than {most[1]}",
                    f"write a {name} of at most {self._written(name, most[0])}",
                    (name,),
                )
        return self

    @classmethod
    def _written(cls, name: str, value: Decimal | int) -> str:
        """An option's figure as a strategy file writes it: a share as a percentage (a
        `min_share: 150%` was told "1.5 … write a min_share of at most 0.99"), a number with
        its thousands commas."""
        if is_share(cls.model_fields[name]):
            return fmt_percent(Decimal(value))
        return f"{value:,f}" if isinstance(value, Decimal) else f"{value:,}"


_NUMBER_TEXT = re.compile(rf"\s*[+-]?{rx.number(underscores=True)}\s*")
_WHOLE_TEXT = re.compile(r"\s*[+-]?[0-9](?:_?[0-9])*\s*")
_PERCENT_TEXT = re.compile(rf"\s*-?{rx.number()}\s*%\s*")


def plain_number(field: FieldInfo) -> bool:
    """Whether an option is a plain number (a threshold, a count, a share), not a figure
    with a unit that reads its own text (a wait, a service level)."""
    from cs_align.units import option_share

    kinds = set(typing.get_args(field.annotation) or [field.annotation])
    own = [
        m for m in field.metadata if isinstance(m, BeforeValidator) and m.func is not option_share
    ]
    return bool(kinds & {int, Decimal}) and bool not in kinds and not own


def is_share(field: FieldInfo) -> bool:
    """Whether an option is a share: 5% or 0.05 (``units.OptionShare``)."""
    from cs_align.units import option_share

    return any(isinstance(m, BeforeValidator) and m.func is option_share for m in field.metadata)


def _number_text(text: str, field: FieldInfo) -> bool:
    """Whether ``text`` is a plain number as a plan writes one (1800, 0.05, 1_800; a share
    also 5%), for an option that is one: `min_hours: '1e2'` was 100 hours and
    `min_share: '.5'` half, forms no plan figure takes (review schema59)."""
    if not plain_number(field):
        return True
    whole = int in set(typing.get_args(field.annotation) or [field.annotation])
    if (_WHOLE_TEXT if whole else _NUMBER_TEXT).fullmatch(text):
        return True
    return is_share(field) and _PERCENT_TEXT.fullmatch(text) is not None


@dataclass(frozen=True)
class Stricter:
    """Marks an option as a threshold (`Annotated[Decimal, HIGHER]`) and says which way makes
    the rule harder to pass: a higher or lower value, more names in a list, or a faster
    service level (a larger share within a shorter time). None, where allowed, is no bound.

    The revealed-strategy ranking uses it to see that one strategy's threshold implies
    another's (a refund authority of at least 250 implies one of at least 50)."""

    way: str

    def covers(self, a: Any, b: Any) -> bool:
        """Whether ``a`` is at least as hard to pass as ``b``."""
        if b is None:
            return True
        if a is None:
            return False
        if self.way == "higher":
            return bool(a >= b)
        if self.way == "lower":
            return bool(a <= b)
        if self.way == "more":
            return set(a) >= set(b)
        return bool(a.share >= b.share and a.seconds <= b.seconds)


HIGHER, LOWER, MORE, FASTER = (Stricter(way=w) for w in ("higher", "lower", "more", "faster"))


def at_least_as_strict(a: Options, b: Options) -> bool:
    """Whether a rule with options ``a`` fails every plan it fails with ``b``: the options
    that are not thresholds (a metric's name, a channel) are equal, and each threshold in
    ``a`` is as tight as in ``b``."""
    if type(a) is not type(b):
        return False
    for name, field in type(a).model_fields.items():
        marks = [m for m in field.metadata if isinstance(m, Stricter)]
        x, y = getattr(a, name), getattr(b, name)
        if not (marks[0].covers(x, y) if marks else x == y):
            return False
    return True


class Hit(NamedTuple):
    """One failed expectation: the figures, where in the plan, and what would fix it."""

    message: str
    path: PathT
    fix: str


NOT_CHECKED = "cannot be checked: "
"""What a finding says when the plan leaves out what its rule judges (then what is missing):
such a finding is never a pass, and `fix` leaves it to a person to state."""


def unstated(judged: str, field: str, words: str, example: str, meaning: str) -> Hit:
    """A practice a rule judges that the plan's `staffing` leaves out: reported as unchecked at
    the rule's severity, never passed, so deleting the line that fails does not pass a gate.

    ``judged`` is what the rule judges, ``words`` the field in words, ``example`` a value to
    write and ``meaning`` what that value says. The path is the field's own: a finding points
    at its nearest parent the plan has (the `staffing` block, else the plan)."""
    return Hit(
        message=f"{judged} {NOT_CHECKED}the plan states no {words}",
        path=("staffing", field),
        fix=f"add `staffing.{field}: {example}` ({meaning})",
    )


def no_rate(
    judged: str, amount: Decimal, currency: str, plan: Plan, path: PathT, unstated: str = ""
) -> Hit:
    """A money threshold the strategy states in another currency than the plan's, with no
    rate the plan gives: not compared (50 USD read as 50 JPY is a third of a US dollar), and
    reported as unchecked at the rule's severity, never passed. ``judged`` is what the rule
    judges, before its threshold ("a refund authority of at least"). ``unstated`` is the
    field (`staffing.refund_authority`) when the plan leaves out the figure too: the finding
    then asks for both at once, so a user who adds the rate is not told next that the figure
    is missing (a euro plan with no refund authority was asked for a rate alone)."""
    rate = f"`exchange_rates: {{{currency}: …}}`"
    meaning = f"how many {plan.currency} one {currency} buys"
    other = f"or judge it by a strategy that states the threshold in {plan.currency}"
    if unstated:
        return Hit(
            message=f"{judged} {fmt_money(amount, currency)} {NOT_CHECKED}the plan states no "
            f"{unstated}, nor a rate for {currency} (the strategy states it in {currency}, "
            f"the plan is in {plan.currency})",
            path=path,
            fix=f"add `{unstated}: …` (in {plan.currency}) and {rate} ({meaning}), {other}",
        )
    return Hit(
        message=f"{judged} {fmt_money(amount, currency)} {NOT_CHECKED}the strategy states it "
        f"in {currency} and the plan, in {plan.currency}, gives no rate for {currency}",
        path=path,
        fix=f"add {rate} to the plan ({meaning}), {other}",
    )


@dataclass(frozen=True)
class Context:
    plan: Plan
    metrics: Metrics
    scope: frozenset[str] | None = None
    """Channel ids this strategy covers (a mix); None means every channel."""
    plan_level: bool = True
    """Whether rules about the plan's budget and totals run: only for the primary strategy."""
    segment: int | None = None
    """The segment whose reps' practices ``plan`` carries (its own over the plan's), if any:
    a figure about every rep (the trainers the training line pays) is the whole plan's."""

    def channels(self) -> Iterator[tuple[int, Channel, ChannelMetrics]]:
        """(index in the plan, channel, its figures) for each channel in scope."""
        return iter(self._in_scope)

    @functools.cached_property
    def _in_scope(self) -> tuple[tuple[int, Channel, ChannelMetrics], ...]:
        # Every rule walks the channels; match them to their figures once per context.
        figures: dict[str, ChannelMetrics] = {}
        for c in self.metrics.channels:
            figures.setdefault(c.id, c)  # as Metrics.channel: the first of a duplicated id
        return tuple(
            (index, channel, figures[channel.id])
            for index, channel in enumerate(self.plan.channels)
            if (self.scope is None or channel.id in self.scope) and channel.id in figures
        )

    @functools.cached_property
    def has_reps(self) -> bool:
        """Whether people serve the channels in view: practice rules about reps need them."""
        return any(c.human for _, c, _ in self._in_scope)

    @property
    def whole_plan(self) -> bool:
        return self.plan_level

    def money(self, amount: Decimal | None) -> str:
        return fmt_money(amount or Decimal(0), self.plan.currency)

    def threshold(self, amount: Decimal, currency: str | None, *, floor: bool) -> Decimal | None:
        """A strategy's money threshold in the plan's currency (see ``Plan.threshold``)."""
        return self.plan.threshold(amount, currency, floor=floor)

    def stated(self, amount: Decimal, converted: Decimal, currency: str | None) -> str:
        """A converted threshold as a message shows it: the plan's amount, then the
        strategy's and the rate ("7,769 JPY (50 USD at 155.37 JPY a USD)")."""
        shown = self.money(converted)
        if currency is None or currency == self.plan.currency:
            return shown
        return f"{shown} ({fmt_money(amount, currency)} {self.at_rate(currency)})"

    def at_rate(self, currency: str) -> str:
        """The plan's rate for ``currency`` as a message says it: "at 155.37 JPY a USD"."""
        rate = self.plan.exchange_rates[currency]
        return f"at {rate.normalize(FIGURES):f} {self.plan.currency} a {currency}"

    def for_period(self) -> str:
        """How a year's amount becomes the plan's period's, after the yearly figure in an
        equation: " a year × ¼ year (2027-01-01 to 2027-03-31)"; nothing for a one-year
        period (the yearly figure is the period's)."""
        period, years = self.plan.period, self.metrics.period_years
        if period is None or years == 1:
            return ""
        shown = fmt_years(years)
        if "." in shown:  # no simple fraction: the months, exactly
            shown = f"({fmt_months(period.start, period.end)}) ÷ 12"
        return f" a year × {shown} ({period.start} to {period.end})"


fte = fmt_fte
need = fmt_need
short = fmt_short
pct_against = fmt_share_against


def positions(value: Fraction, need: bool = False) -> str:
    """People on shift: whole for a queue, to two decimals for part-time cover; a ``need``
    rounded up, as every need is ("needs 2.82 on shift" beside 2.82 planned that miss read
    as a contradiction where 2.8229 were needed, review calc29 F6), and a planned figure cut
    down, never shown at a need it misses (`units.fmt_on_shift`, review calc51 W1)."""
    return fmt_on_shift(value, need=need)


def need_positions(value: Fraction, planned: Fraction | None = None) -> str:
    """The on-shift figure of a need (`need_on_shift`, `keeping_positions`) as the findings
    and the report's column show it: whole, or to the hundredth rounded up, as every need
    is and as the JSON gives it (4 places, up), while a planned figure is cut down
    (`positions`): a need of 2.8229 read 2.82 beside a planned 2.8249 read 2.82 too, and the
    verdict said short (review left37). Now 2.83 beside 2.82: "short" never reads equal;
    and, beside the ``planned`` on shift who keep it, never above them (`units.on_shift`)."""
    return fmt_on_shift(value, need=True, planned=planned)


def need_on_shift(m: ChannelMetrics) -> Fraction:
    """On shift with the FTE a need is shown as (up to the tenth `fix` writes), so that a
    pair "X on shift = Y FTE" says one quantity twice: part-time cover (a deferred channel's
    1.6709 on shift, 3.615 FTE shown as 3.7) is what those 3.7 FTE put there, 1.71, never the
    exact 1.68 beside the tenth above it (review calc44 K06). A whole headcount stays whole:
    the tenth shown is the least that puts it on shift."""
    exact = m.required_positions
    if exact.denominator == 1 or not m.required_fte:
        return exact
    return exact * ceil_tenth(m.required_fte) / m.required_fte


def ceiling_need(m: Metrics) -> Fraction:
    """The need `no-overspend` measures a surplus against, as every output shows it: each
    channel's `required_fte_at_ceiling` (whole headcounts on shift all the time, or the exact
    staff that hold the occupancy ceiling, where more; for an inbox answered within the
    hour, the part of a person that keeps its time) up to the tenth `fix` writes, added
    up."""
    return sum((ceil_tenth(c.required_fte_at_ceiling) for c in m.channels), Fraction(0))


BINDS = {
    "service_level": "the service level binds",
    "asa": "the ASA binds",
    "abandonment": "abandonment binds",
    "stability": "the fewest who keep up with the load already keep the target",
    "first_response": "the first-response time binds",
    "resolution": "the resolution time binds",
    "occupancy": "the occupancy ceiling binds",
}
"""What each binding constraint is called in a message."""


def pct(value: float | Decimal) -> str:
    """A share to the tenth of a percent; one that would read as 0% or 100% without being
    it keeps the digits that tell (a 0.001% ceiling is not "0%"). A Decimal is a share as a
    file writes it (a ceiling, a target, a strategy's limit) and reads as written: a ceiling
    of 84.9999% is never "85%" beside occupancy of exactly 85% judged past it, nor one of
    10.08805% "10.1%" beside 10.1% of callers hanging up (review calc51b)."""
    shown = f"{float(value) * 100:.1f}%".replace(".0%", "%")
    if isinstance(value, Decimal) and value.is_finite() and Decimal(shown[:-1]) != value * 100:
        return fmt_percent(value)
    if shown in ("0%", "100%") and value not in (0, 1):
        return fmt_percent(value) if isinstance(value, Decimal) else fmt_share_against(value, 1)
    return shown


def nobody_on_shift(m: ChannelMetrics) -> str:
    """How much of the time a channel with under one person on shift has nobody, as every
    command says it ("nobody is on shift 25.3% of the time")."""
    return f"nobody is on shift {pct(1 - float(m.planned_positions))} of the time"


def secs(value: float | None, target: float | None = None) -> str:
    """A wait, rounded up; beside the ``target`` it is judged against, to the places the
    target is written with (`fmt_wait`)."""
    if value is None:
        return "never (the queue grows without bound, or nobody is on shift part of the time)"
    return fmt_wait(value, target)


def hours_against(work: Fraction, staffed: Fraction) -> tuple[str, str]:
    """Hours of work and of staff, with the digits that show which is larger."""
    digits = 0
    while digits < 3 and (round(work, digits) == round(staffed, digits)) and work != staffed:
        digits += 1
    return f"{float(work):,.{digits}f}", f"{float(staffed):,.{digits}f}"


def no_people_line(plan: Plan, question: str) -> Hit | None:
    """The finding of a people rule that cannot read the people line: ``question`` (what the
    rule would have judged) cannot be checked, and why (see ``_unnamed_people_line``)."""
    why = _unnamed_people_line(plan)
    if why is None:
        return None
    return Hit(
        message=f"{question} cannot be checked: {why}",
        path=("budget", "lines"),
        fix="name the line that pays for staff `people` (spelt so)",
    )


def _unnamed_people_line(plan: Plan) -> str | None:
    """Why the budget's people line cannot be read, when its lines name none `people`
    exactly: the people rules then cannot tell what pays for staff, and the total (tooling
    and all) or nothing at all must not stand in for it. A line that reads as "people" but
    is spelt with other characters (a Cyrillic е, a zero-width space) is named as such."""
    if plan.budget is None or not plan.budget.lines or "people" in plan.budget.lines:
        return None
    names = ", ".join(repr(n) for n in plan.budget.lines)
    alike = [n for n in plan.budget.lines if _reads_people(n)]
    why = f"the budget's lines ({names}) name no `people` line"
    if alike:
        why += f"; {alike[0]!r} reads like `people` but is not written `people`"
    return why


def _reads_people(name: str) -> bool:
    """Whether a line name reads as "people": ASCII by its letters (`People`, `peo-ple`);
    any other by Unicode's look-alikes (a Cyrillic е, a zero-width space), whose table is
    loaded only then (it takes a tenth of a second)."""
    if name.isascii():
        return "".join(c for c in name.lower() if c.isalpha()) == "people"
    from cs_align.names import same_name

    return same_name(name) == same_name("people")
