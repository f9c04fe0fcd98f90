"""Unit types users write by hand: durations, percentages, service levels, money, hours."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from cs_align.currencies import ISO_4217

MONEY_MAX = Decimal("1e13")
WEEK_MINUTES = 7 * 24 * 60
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


T = TypeVar("T")


def parse_option(label: str, parse: Callable[[Any], T], value: Any) -> T:
    """Parse text a user typed on the command line or in the environment; exit-2 on error."""
    from cs_align.errors import usage

    try:
        return parse(value)
    except PydanticCustomError as exc:
        ctx = exc.context or {}
        raise usage(
            f"{label} {value!r}: {ctx.get('message', exc)}", str(ctx.get("fix", ""))
        ) from None


def bad(message: str, fix: str) -> PydanticCustomError:
    """A validation error whose text is ours, with the fix carried along."""
    return PydanticCustomError("cs_align", "{message}", {"message": message, "fix": fix})


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace("_", ""))
        except InvalidOperation:
            return None
    return None


def fmt_seconds(seconds: float | Decimal) -> str:
    """Seconds → the shortest duration a person would write: 20s, 7m30s, 4h, 2d."""
    total = round(seconds)
    if total < 60:
        return f"{total}s"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, total = divmod(total, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


# ---- durations ----------------------------------------------------------------------------

_UNIT_SECONDS = {
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
}
_DURATION_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)")
_ISO = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?"
    r"(?:(\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration(value: Any, *, allow_zero: bool = False) -> Decimal:
    """'20s', '7m30s', '4h', '2d', 'PT20S' → seconds."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal | float):
        raise bad("expected a duration", "write a duration with a unit, e.g. 20s, 7m30s or 4h")
    if not isinstance(value, str):
        raise bad(f"{value} has no unit", f"give a unit, e.g. 20s (write {value}s for seconds)")
    text = value.strip()
    seconds = _text_seconds(text)
    if seconds < 0 or (seconds == 0 and not allow_zero):
        raise bad(
            f"duration {text!r} must be more than zero", "write a positive duration, e.g. 20s"
        )
    return seconds


@functools.lru_cache(maxsize=1024)  # plans repeat their durations; a Decimal is immutable
def _text_seconds(text: str) -> Decimal:
    return _parse_iso(text) if text.upper().startswith("P") else _parse_units(text)


def _parse_iso(text: str) -> Decimal:
    match = _ISO.match(text.upper())
    if not match or not any(match.groups()):
        raise bad(f"{text!r} is not an ISO 8601 duration", "write e.g. PT20S, PT7M30S or P1D")
    weights = (86400, 3600, 60, 1)
    return sum(
        (Decimal(g) * w for g, w in zip(match.groups(), weights, strict=True) if g), Decimal(0)
    )


def _parse_units(text: str) -> Decimal:
    lowered = text.lower()
    total, pos = Decimal(0), 0
    for match in _DURATION_PART.finditer(lowered):
        if match.start() != pos or match.group(2) not in _UNIT_SECONDS:
            break
        total += Decimal(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        pos = match.end()
    else:
        if pos == len(lowered) and pos:
            return total
    if _number(text) is not None:
        raise bad(f"{text} has no unit", f"give a unit, e.g. {text}s or {text}m")
    raise bad(f"{text!r} is not a duration", "write e.g. 20s, 7m30s, 4h, 2d or PT20S")


def _positive_duration(value: Any) -> Decimal:
    return parse_duration(value)


def _any_duration(value: Any) -> Decimal:
    return parse_duration(value, allow_zero=True)


_DURATION_SCHEMA = {
    "type": "string",
    "pattern": r"^(\d+(\.\d+)?\s*[a-zA-Z]+\s*)+$|^P",
    "examples": ["20s", "7m30s", "4h", "PT20S"],
}
Duration = Annotated[
    Decimal,
    BeforeValidator(_positive_duration),
    WithJsonSchema(_DURATION_SCHEMA),
    PlainSerializer(fmt_seconds, return_type=str),
]
"""A positive duration, held as seconds."""


# ---- target times: calendar or business time ----------------------------------------------


@dataclass(frozen=True)
class Wait:
    """A response-time target: calendar time, or business time counted in open hours.

    Help desks write service-level policies in business time ("1 business day", "8 business
    hours"): the clock runs only while the channel is open. A business day is the channel's
    open hours on an average open day.
    """

    amount: Decimal
    """Seconds for calendar time; hours or days as written for business time."""
    unit: str = "calendar"
    """calendar, business minutes, business hours or business days."""

    @property
    def business(self) -> bool:
        return self.unit != "calendar"

    def open_seconds(self, hours_per_open_day: Fraction) -> float:
        """Seconds of open time the target allows (calendar time counts one for one)."""
        if self.unit == "business days":
            return float(self.amount) * float(hours_per_open_day) * 3600
        if self.unit == "business hours":
            return float(self.amount) * 3600
        if self.unit == "business minutes":
            return float(self.amount) * 60
        return float(self.amount)

    def __str__(self) -> str:
        if not self.business:
            return fmt_seconds(self.amount)
        word = self.unit.split()[1]
        count = f"{self.amount.normalize():f}"
        return f"{count} business {word.removesuffix('s') if self.amount == 1 else word}"


def _anycase(word: str) -> str:
    """`day` → `[dD][aA][yY]`: JSON Schema patterns have no case flag."""
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


_BUSINESS_TEXT = (
    r"(?P<amount>[0-9]+(?:\.[0-9]+)?)\s*"
    rf"(?:{_anycase('business')}|{_anycase('working')})\s+"
    rf"(?P<unit>{_anycase('minute')}[sS]?|{_anycase('hour')}[sS]?|{_anycase('day')}[sS]?)"
)
_BUSINESS = re.compile(rf"\s*{_BUSINESS_TEXT}\s*")
"""One grammar for the parser and the schema: 30 business minutes, 8 business hours,
1 business day."""


def parse_wait(value: Any) -> Wait:
    """'4h', 'PT4H', '30 business minutes', '8 business hours' or '1 business day' → Wait."""
    if isinstance(value, Wait):
        return value
    if isinstance(value, str) and (match := _BUSINESS.fullmatch(value)):
        amount = Decimal(match["amount"])
        if amount <= 0:
            raise bad(f"{value!r} must be more than zero", "write e.g. 1 business day")
        word = match["unit"].lower().removesuffix("s")
        return Wait(amount, f"business {word}s")
    try:
        return Wait(parse_duration(value))
    except PydanticCustomError as exc:
        if isinstance(value, str) and re.search(r"business|working", value, re.IGNORECASE):
            raise bad(
                f"{value!r} is not a business-time target",
                "write e.g. 30 business minutes, 8 business hours or 1 business day",
            ) from None
        raise exc from None


WaitTime = Annotated[
    Wait,
    BeforeValidator(parse_wait),
    WithJsonSchema(
        {
            "anyOf": [
                _DURATION_SCHEMA,
                {
                    "type": "string",
                    # More than zero: some digit of it is not 0.
                    "pattern": r"^\s*(?=[^1-9]*[1-9])"
                    + re.sub(r"\(\?P<\w+>", "(?:", _BUSINESS_TEXT)
                    + r"\s*$",
                },
            ],
            "examples": ["4h", "8 business hours", "1 business day"],
        }
    ),
    PlainSerializer(str, return_type=str),
]
"""A target time: a duration, or business hours/days counted in the channel's open hours."""


# ---- percentages --------------------------------------------------------------------------


def parse_percent(value: Any) -> Decimal:
    """'80%' or 0.8 → Decimal('0.8')."""
    return _percent_text(value) if isinstance(value, str) else _percent(value)


def _percent(value: Any) -> Decimal:
    if isinstance(value, str) and value.strip().endswith("%"):
        number = _number(value.strip()[:-1])
        if number is None or not number.is_finite():
            raise bad(f"{value!r} is not a percentage", "write e.g. 80% or 0.8")
        fraction = number / 100
        if fraction > 1:
            raise bad(f"{value} is above 100%", "write a share from 0% to 100%")
    else:
        number = _number(value)
        if number is None or not number.is_finite():
            raise bad(f"{value!r} is not a percentage", "write e.g. 80% or 0.8")
        if number > 1:
            hint = f"{value}% or {number / 100}" if number <= 100 else "a share up to 100%"
            raise bad(
                f"{value} is not a share (a bare number must be a fraction from 0 to 1)",
                f"write {hint}",
            )
        fraction = number
    if fraction < 0:
        raise bad(f"{value} is negative", "write a share from 0% to 100%")
    return fraction


_percent_text = functools.lru_cache(maxsize=1024)(_percent)
"""The same for text, which plans repeat (a Decimal is immutable)."""


def fmt_percent(value: Decimal | float) -> str:
    text = f"{Decimal(str(value)) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


Percent = Annotated[
    Decimal,
    BeforeValidator(parse_percent),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%$"},
                {"type": "number", "minimum": 0, "maximum": 1},
            ],
            "examples": ["80%", 0.8],
        }
    ),
    PlainSerializer(fmt_percent, return_type=str),
]
"""A share from 0 to 1, written 80% or 0.8."""


# ---- service levels -----------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceLevelTarget:
    share: Decimal
    seconds: Decimal

    def __str__(self) -> str:
        return f"{fmt_percent(self.share)} in {fmt_seconds(self.seconds)}"


_SL_IN = re.compile(r"^\s*([\d.]+\s*%)\s*(?:in|within)\s+(.+?)\s*$", re.IGNORECASE)
_SL_SLASH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")


def parse_service_level(value: Any) -> ServiceLevelTarget:
    """'80% in 20s' or '80/20' → ServiceLevelTarget(0.8, 20)."""
    if isinstance(value, ServiceLevelTarget):
        return value
    if not isinstance(value, str):
        raise bad(f"{value!r} is not a service level", 'write e.g. "80% in 20s" or "80/20"')
    return _service_level_text(value)


@functools.lru_cache(maxsize=512)  # plans repeat their targets; the result is immutable
def _service_level_text(value: str) -> ServiceLevelTarget:
    if match := _SL_IN.match(value):
        share = parse_percent(match.group(1))
        seconds = parse_duration(match.group(2), allow_zero=True)
    elif match := _SL_SLASH.match(value):
        share = parse_percent(match.group(1) + "%")
        seconds = Decimal(match.group(2))
    else:
        raise bad(f"{value!r} is not a service level", 'write e.g. "80% in 20s" or "80/20"')
    if share == 0:
        raise bad("a service level of 0% promises nothing", 'write e.g. "80% in 20s"')
    return ServiceLevelTarget(share, seconds)


ServiceLevel = Annotated[
    ServiceLevelTarget,
    BeforeValidator(parse_service_level),
    WithJsonSchema({"type": "string", "examples": ["80% in 20s", "80/20"]}),
    PlainSerializer(str, return_type=str),
]


# ---- money --------------------------------------------------------------------------------

_MONEY = re.compile(r"^(\d+(?:_\d+)*(?:\.\d+)?)\s*(k|K|M|B|bn)?$")
_SCALE = {None: 1, "k": 1000, "K": 1000, "M": 10**6, "B": 10**9, "bn": 10**9}


def parse_money(value: Any) -> Decimal:
    """6200000, 6_200_000, '6.2M', '62k' → exact Decimal; never through a float."""
    if isinstance(value, bool) or value is None:
        raise bad(f"{value!r} is not an amount", "write an amount such as 6200000 or 6.2M")
    if isinstance(value, int | Decimal | float):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        amount = _money_text(str(value))
    if not amount.is_finite():
        raise bad(f"{value} is not a finite amount", "write an amount such as 6200000 or 6.2M")
    if amount < 0:
        raise bad(f"{value} is negative", "amounts are zero or more")
    if amount > MONEY_MAX:
        raise bad(
            f"{value} is an absurd amount (over 10 trillion)",
            "check the number of digits; write e.g. 6.2M",
        )
    return amount


def _money_text(text: str) -> Decimal:
    stripped = text.strip()
    if match := _MONEY.match(stripped):
        return Decimal(match.group(1).replace("_", "")) * _SCALE[match.group(2)]
    if re.search(r"[$€£¥]|^[A-Z]{3}\s", stripped):
        raise bad(
            f"{text!r} has a currency symbol",
            "leave it out; the plan's `currency:` sets it (write 6.2M, not $6.2M)",
        )
    if "," in stripped:
        plain = stripped.replace(",", "")
        raise bad(
            f"{text!r} uses commas, which are ambiguous",
            f"write {plain} or {stripped.replace(',', '_')}",
        )
    if re.match(r"^[\d.]+\s*(MM|mm|m|Mn|mn)$", stripped):
        raise bad(f"{text!r} has an ambiguous suffix", "write k for thousands, M for millions")
    if stripped.startswith("-"):
        raise bad(f"{text} is negative", "amounts are zero or more")
    raise bad(f"{text!r} is not an amount", "write an amount such as 6200000, 6_200_000 or 6.2M")


def fmt_money(amount: Decimal, currency: str = "") -> str:
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"{text} {currency}".strip()


Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\d+(_\d+)*(\.\d+)?\s*(k|K|M|B|bn)?$"},
            ],
            "examples": [6200000, "6.2M", "62k"],
        }
    ),
    PlainSerializer(str, return_type=str),
]


def parse_currency(value: Any) -> str:
    if not isinstance(value, str) or value.upper() not in ISO_4217:
        raise bad(f"{value!r} is not an ISO 4217 currency code", "write e.g. USD, EUR or GBP")
    if value != value.upper():
        raise bad(f"{value!r} must be upper case", f"write {value.upper()}")
    return value


Currency = Annotated[
    str,
    BeforeValidator(parse_currency),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$"}),
]


# ---- counts per period --------------------------------------------------------------------

PERIOD_HOURS = {
    "hour": Fraction(1),
    "day": Fraction(24),
    "week": Fraction(168),
    "month": Fraction(36525 * 24, 1200),
    "year": Fraction(36525 * 24, 100),
}
PER_WEEK = {period: Fraction(168) / hours for period, hours in PERIOD_HOURS.items()}
"""How many of each period a week holds."""


@functools.lru_cache(maxsize=4096)
def exact(value: Decimal | int) -> Fraction:
    """A plan's number as an exact fraction. Plans repeat most figures (handle times,
    shrinkage, occupancy caps), and a Fraction is immutable, so each is converted once."""
    return Fraction(value)


_PER = {
    "h": "hour",
    "hr": "hour",
    "hour": "hour",
    "d": "day",
    "day": "day",
    "w": "week",
    "wk": "week",
    "week": "week",
    "mo": "month",
    "month": "month",
    "y": "year",
    "yr": "year",
    "year": "year",
}


def parse_per_year(value: Any) -> Fraction:
    """Paid hours a year, exactly: '1800/year', '40/week' or a bare number of hours a year.

    A rational, not a Decimal: 40/week is 40 × 8766 ÷ 168 hours a year, which no decimal
    holds, and a week's hours must come back as exactly 40 when they are divided out again.
    """
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        amount, per = Decimal(value), "year"
    elif isinstance(value, str) and "/" in value:
        left, _, right = value.partition("/")
        amount_or_none = _number(left)
        per = _PER.get(right.strip().lower(), "")
        if amount_or_none is None or not per:
            raise bad(f"{value!r} is not hours per period", "write e.g. 1800/year or 40/week")
        amount = amount_or_none
    else:
        raise bad(f"{value!r} is not hours per period", "write e.g. 1800/year or 40/week")
    if not amount.is_finite() or amount <= 0:
        raise bad(f"{value} must be more than zero", "write e.g. 1800/year")
    result = Fraction(amount) * PERIOD_HOURS["year"] / PERIOD_HOURS[per]
    if result > 8766:
        raise bad(f"{value} is more hours than a year has", "write e.g. 1800/year")
    return result


def _hours_number(value: Fraction) -> int | float:
    """Hours a year as JSON writes a number (the schema's default reads 2080)."""
    return value.numerator if value.denominator == 1 else float(value)


HoursPerYear = Annotated[
    Fraction,
    BeforeValidator(parse_per_year),
    WithJsonSchema(
        {"anyOf": [{"type": "number"}, {"type": "string"}], "examples": ["1800/year", "40/week"]}
    ),
    PlainSerializer(_hours_number, return_type=float),
]
"""Paid hours a year, as an exact rational."""


def scale(amount: Decimal, factor: Fraction, places: Decimal = Decimal("0.01")) -> Decimal:
    """Money × an exact rational, rounded once at the end (to cents unless told)."""
    return (amount * factor.numerator / factor.denominator).quantize(places)


def period_name(value: Any) -> str:
    name = _PER.get(str(value).strip().lower()) if isinstance(value, str) else None
    if not name:
        raise bad(f"{value!r} is not a period", "write hour, day, week, month or year")
    return name
