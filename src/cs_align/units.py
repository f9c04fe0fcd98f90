"""Unit types users write by hand: durations, percentages, service levels, money, hours."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    InvalidOperation,
)
from fractions import Fraction
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from cs_align import patterns as rx
from cs_align.currencies import ISO_4217, minor_units
from cs_align.queueing import TOLERANCE

MONEY_MAX = Decimal("1e13")
MAX_SECONDS = 366 * 86400
"""The longest duration a plan may state: a year (a leap year's)."""
MIN_SECONDS = Decimal(1)
"""The shortest handle time, caller's patience or interval cs-align takes: a second (a
telephone switch takes longer to ring). A figure below it only made nonsense reports
(review input58: `handle_time: 0.0000000001s` was sized and judged). Plans, strategy
files, `staff` and `whatif --vary` alike."""
MIN_WAIT = Decimal("0.1")
"""The shortest wait above zero a response target may name (a service level's time, an
ASA, a first response): a tenth of a second, the least `promise` and `fix` write (an ASA
is an average, so a fraction of a second is a real one). Zero is "answered at once"."""
MIN_RATE = Decimal("0.000001")
"""The smallest exchange rate a plan may state: a millionth of the plan's currency for one
unit of another (the weakest currency against the strongest buys about 0.000007). Below it
every strategy threshold converted rounded to nothing (review input58: a rate of 1e-30 was
taken and made a refund authority of 50 USD a floor of one minor unit)."""
MAX_RATE = Decimal(10**9)
"""The largest exchange rate a plan may state."""
WEEK_MINUTES = 7 * 24 * 60
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NUMBER = rx.number()
"""A decimal as users write it in durations and shares: 20, 7.5."""
FIGURE = rx.number(underscores=True)
"""A decimal as users write money, counts and hours: 6200000, 6_200_000, 1800.5."""


T = TypeVar("T")


def parse_option(
    label: str, parse: Callable[[Any], T], value: Any, number: bool = True, as_plan: bool = False
) -> T:
    """Parse text a user typed on the command line or in the environment; exit-2 on error.
    A ``number`` (a duration, a share, an amount) takes the digits 0-9 only; a name does not
    (`CS_ALIGN_STRATEGY=ours٣.yaml` names a file; review final28 R1). ``as_plan``: the text
    is first read as a plan reads the same unquoted value (:func:`plan_number`)."""
    from cs_align.errors import usage

    if number and isinstance(value, str):
        plain_digits(label, value)
    try:
        return parse(plan_number(label, value) if as_plan and isinstance(value, str) else value)
    except PydanticCustomError as exc:
        ctx = exc.context or {}
        raise usage(
            f"{label} {value!r}: {ctx.get('message', exc)}", str(ctx.get("fix", ""))
        ) from None


_OPTION_THOUSANDS = re.compile(r"\s*([+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?)(?![0-9,])")
"""An option's value that begins with a figure written with thousands commas: `1,200`."""


def plain_digits(label: str, text: str, lists: bool = False) -> None:
    """Refuse (exit 2) digits other than 0-9 in an option's value, as a plan refuses them:
    `staff --volume １００/30m` was sized as 100, where `--aht ３m` was "not a duration"
    (review user26 U7); and, but in a value that lists values at commas (``lists``), a
    figure written with thousands commas, which was told "'1,200' is not a whole number"
    or "not contacts per interval" without the comma named (review user58)."""
    from cs_align.errors import usage

    if (wrong := other_digit(text)) is not None:
        raise usage(f"{label} {text!r}: {wrong}", f"write {ascii_figure(text)}")
    if not lists and (found := _OPTION_THOUSANDS.match(text)):
        figure = found[1]
        raise usage(
            f"{label} {text!r}: {figure} is written with a thousands comma",
            f"write {text.strip().replace(figure, figure.replace(',', ''), 1)}, without the comma",
        )


def other_digit(text: str) -> str | None:
    """What is wrong with the first digit other than 0-9 in ``text`` ("'５' (U+FF15) is not
    a digit 0-9"), or percent sign other than % ("'％' (U+FF05) is not the sign %": `5％`
    was told "not an amount — write an amount such as 6200000", review input62), else None."""
    other = next((c for c in text if not c.isascii() and (c.isdecimal() or _percent_like(c))), None)
    if other is None:
        return None
    what = "the sign %" if _percent_like(other) else "a digit 0-9"
    return f"{other!r} (U+{ord(other):04X}) is not {what}"


def _percent_like(char: str) -> bool:
    """A sign that looks like % and is not it: the full-width ％ (U+FF05), the small ﹪."""
    return unicodedata.normalize("NFKC", char) == "%" and char != "%"


def ascii_figure(text: str) -> str | None:
    """``text`` with its look-alike digits and percent signs written as 0-9 and %, where it
    has any (`３２％` → `32%`), else None."""
    plain = "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else "%" if _percent_like(c) else c
        for c in text
    )
    return plain.strip() if plain != text else None


def bad(
    message: str, fix: str, at: tuple[int | str, ...] = (), *, key: bool = False
) -> PydanticCustomError:
    """A validation error whose text is ours, with the fix carried along; ``at`` is where it
    lies below the value validated (a model's check that names one of its list items), and
    ``key`` says the problem is the key at ``at`` (a setting not known), not its value."""
    context: dict[str, Any] = {"message": message, "fix": fix}
    if at:
        context["at"] = at
    if key:
        context["key"] = True
    return PydanticCustomError("cs_align", "{message}", context)


def shown(value: Any) -> str:
    """A value as the file wrote it, for a message: text quoted, `true`, `.inf`, a number as
    written, and a mapping or a list named as such (never Python's repr of it)."""
    if isinstance(value, str):
        # 6'30" as written, not Python's escaped repr (review user60); a long one stays
        # quoted, which a message cuts to its first 60 characters.
        both = "'" in value and '"' in value and "`" not in value
        if both and value.isprintable() and len(value) <= 60:
            return f"`{value}`"
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | float):
        number = Decimal(value)
        if number.is_nan():
            return ".nan"
        if number.is_infinite():
            return "-.inf" if number.is_signed() else ".inf"
        # `6e2` as YAML writes it, not Python's `6E+2` (review input60).
        return str(value).replace("E+", "e").replace("E", "e")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value)


def as_said(value: Any) -> str:
    """A value for a message: text as it is, a number as YAML writes it (`1e20`, `.inf`),
    not as Python names it (`1E+20`, `Infinity`) (review input60). Unlike `shown`, text is
    not quoted: for a message that quotes it itself, or a setting read as its words."""
    return value if isinstance(value, str) else shown(value)


def file_name(value: Any) -> Any:
    """A file name or strategy id as a plan, config or strategy file writes it: without
    control characters. A quoted YAML or TOML string can spell them as escapes ("x\\0.yaml",
    "\\u001b"), which the file's text does not show; a NUL is no file name at all, and the
    others have no place in one."""
    from cs_align.escaping import control_character

    if isinstance(value, str) and (char := control_character(value)) is not None:
        raise bad(
            f"{value!r} holds the control character U+{ord(char):04X}",
            "write the file name or strategy id as plain text, without escapes",
        )
    return value


FileName = Annotated[str, AfterValidator(file_name)]
"""Text that names a file or a strategy (see :func:`file_name`)."""


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
    """Seconds → the shortest duration a person would write: 20s, 7m30s, 4h, 2d; a part of
    a second as it is written (a target of 5.5s is "5.5s", never "6s"; 20.5s never "20s")."""
    exact = Decimal(repr(seconds)) if isinstance(seconds, float) else Decimal(seconds)
    whole = int(exact)
    part = exact - whole
    if whole < 60:
        return f"{_plain(exact)}s"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        count, whole = divmod(whole, size)
        if count:
            parts.append(f"{count}{unit}")
    if whole or part:
        parts.append(f"{_plain(whole + part)}s")
    return "".join(parts)


def _plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 20, 5.5."""
    text = f"{value:f}"
    return text.rstrip("0").removesuffix(".") if "." in text else text


def fmt_wait(seconds: float | Decimal, target: float | Decimal | int | None = None) -> str:
    """A measured wait as every output shows it, rounded up (a wait of 58.2s is never shown
    as a target of 58s it misses): to the tenth under ten seconds (7.8s), then whole seconds
    (24s, 1m10s, 4h2m …).

    Beside the ``target`` it is judged against, never coarser than the target is written: a
    target of 12.5s shows a wait of 12.2s as "12.2s", never "13s" beside "met" (rounded up to
    the places the target is written with, the wait keeps the target's side of it: shown at
    most the target when it keeps it, above it when it misses)."""
    value = float(seconds)
    places = wait_places(value)
    if target is not None and (written := time_places(target)) > places:
        return wait_up(value, written)
    if places:
        return f"{math.ceil(value * 10 - 1e-9) / 10:.1f}".removesuffix(".0") + "s"
    return fmt_seconds(math.ceil(value - 1e-9))


def wait_places(seconds: float) -> int:
    """The decimals of a second a wait shows on its own: one under ten seconds, else none."""
    return 1 if math.ceil(seconds * 10 - 1e-9) < 100 else 0


def wait_up(seconds: float, places: int) -> str:
    """A wait rounded up to ``places`` decimals of a second, as a duration (1m12.2s)."""
    return fmt_seconds(Decimal(math.ceil(seconds * 10**places - 1e-9)).scaleb(-places))


def time_places(value: float | Decimal | int) -> int:
    """The decimals of a second a time is written with (12.5 → 1, 20 → 0), to the ms."""
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not exact.is_finite():
        return 0
    exponent = exact.normalize().as_tuple().exponent
    return min(max(-exponent, 0), 3) if isinstance(exponent, int) else 0


def share_up(value: float) -> str:
    """A measured share where less is better (abandonment), rounded up to the tenth of a
    point: 16.03% is "16.1%", never a ceiling of 16% it misses."""
    return f"{math.ceil(value * 1000 - 1e-9) / 10:.1f}%"


# ---- names as a sentence lists them --------------------------------------------------------

NAMED = 3
"""Names a list of lines spells out before it counts the rest."""


def named_count(count: int) -> int:
    """How many of ``count`` lines a list names one by one: all of up to four (never "and
    1 more lines"), else the first `NAMED`, the rest counted."""
    return NAMED if count > NAMED + 1 else count


def named(names: Sequence[str], noun: str = "line") -> str:
    """Names as a sentence lists them: "phone", "chat and email", "a, b, c and d", and past
    four the first `NAMED` with the rest counted, "a, b, c and 46 more lines". A list that
    grows with the plan's channels never becomes a wall: a plan of 60 lines read `fix`'s
    "staff moved to voice-0 and chat-1 and … and chat-58" on each row it cut, and promise's
    "the short lines (…)" of 49 ids on each of its 60 lines (planner63)."""
    shown = named_count(len(names))
    if shown < len(names):
        return f"{', '.join(names[:shown])} and {len(names) - shown} more {noun}s"
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# ---- figures as messages and tables show them ---------------------------------------------


def fmt_fte(value: Fraction | Decimal | float) -> str:
    """FTE as planned or counted, never rounded up: a figure of up to six decimals as it is
    written (a plan's 3.99 is 3.99, its 54.969 is 54.969 and its 55.0001 is 55.0001, never
    "4", "55" or "55.1"), so a product beside it multiplies out; a computed one with more
    digits to the tenth below it (2/3 is "0.6"). Staff shown are never more than planned."""
    n, d = _ratio(value)
    if WRITTEN % d == 0:  # a whole number of millionths: exactly
        text = f"{Decimal(n) / Decimal(d):,f}"
        return text.rstrip("0").removesuffix(".") if "." in text else text
    if _terminates(d):  # written to more places than anyone plans: to the millionth below
        return fmt_fte(Fraction((WRITTEN * n) // d, WRITTEN))
    tenths = (10 * n) // d
    return f"{Decimal(tenths).scaleb(-1):,.1f}".removesuffix(".0")


WRITTEN = 10**6
"""Planned FTE are shown and written out to the millionth (two seconds a week)."""


def _terminates(d: int) -> bool:
    """Whether 1/d is a decimal with an end (d has no prime factors but 2 and 5)."""
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def planned_fte(value: Fraction | Decimal | float) -> Fraction:
    """Planned FTE as every output gives them: as written, to the millionth below."""
    exact = Fraction(value)
    return Fraction((exact * WRITTEN) // 1, WRITTEN)


def hundredth_up(value: Fraction) -> float:
    """Up to the hundredth, exactly (2.4147 is 2.42): a need shown to two places."""
    return float(Fraction(-((-value * 100) // 1), 100))


def on_shift(
    value: Fraction | float,
    places: int = 2,
    need: bool = False,
    planned: Fraction | None = None,
) -> Fraction:
    """People on shift to ``places`` decimals, exactly: a ``need`` rounded up, as every need
    is, and a planned or achieved figure cut down, never shown past what is there (review
    calc51 W1: 0.999999 planned read "1.00 on shift" beside the need of 1 it misses). A float
    is read as the decimal it prints as (a chart's 2.26 is 2.26, not 2.2599...).

    A need shown beside the ``planned`` people on shift who keep it is never shown above
    them: up to 0.0939 beside a planned 0.0938 (cut down) read as a shortfall where the two
    were one quantity (review calc53 W9). So a need reads above the planned figure exactly
    when it is above it."""
    exact = Fraction(repr(value)) if isinstance(value, float) else value
    scale = 10**places
    cut = -((-exact * scale) // 1) if need else (exact * scale) // 1
    shown = Fraction(cut, scale)
    if need and planned is not None and exact <= planned:
        return min(shown, on_shift(planned, places))
    return shown


def fmt_on_shift(
    value: Fraction | float, need: bool = False, planned: Fraction | None = None
) -> str:
    """People on shift as every output shows them: whole for a queue, part-time cover to two
    decimals (`on_shift`: a need up, a planned figure down, a need never above the
    ``planned`` who keep it; under a hundredth planned reads "< 0.01", never "0.00" beside
    staff who are there)."""
    exact = Fraction(repr(value)) if isinstance(value, float) else value
    if exact.denominator == 1:
        return f"{exact.numerator:,}"
    shown = on_shift(exact, need=need, planned=planned)
    if not shown and exact > 0:
        return "< 0.01"
    return f"{float(shown):,.2f}"


def fmt_time_share(value: Fraction) -> str:
    """The share of the time one person is on shift for part-time cover under one person
    (0.83 on shift is "83% of the time"), cut down as the figure beside it is."""
    percent = (value * 100) // 1
    return f"{percent}%" if percent or not value else "under 1%"


def ceil_tenth(value: Fraction | Decimal | float) -> Fraction:
    """Up to the tenth `fix` writes (float noise below a billionth is not a need)."""
    n, d = _ratio(value)
    tenths, left = divmod(10 * n, d)
    return Fraction(tenths + (left * 10**9 > d), 10)


def _ratio(value: Fraction | Decimal | float) -> tuple[int, int]:
    """Numerator and denominator, exactly (integer work: these run for every rule's hit)."""
    return value.as_integer_ratio()


def fmt_need(value: Fraction | Decimal | float) -> str:
    """FTE a rule asks for, rounded up to the tenth `fix` writes: planning the figure shown
    always clears the finding (3.2465 is 3.3, never "3.2")."""
    return fmt_fte(ceil_tenth(value))


def shown_need(
    need: Fraction | Decimal | float, planned: Fraction | Decimal | float | None = None
) -> Fraction:
    """A need as every output shows it: rounded up to the tenth `fix` writes, except where
    ``planned`` FTE already keep it: then never above them (55.0001 planned that keep a
    need of 55.00005 show a need of 55.0001, not 55.1 beside "extra 0")."""
    up = ceil_tenth(need)
    if planned is None or Fraction(need) > Fraction(planned):
        return up
    if WRITTEN % Fraction(planned).denominator:  # a pooled share worked out, not written
        return up
    return min(up, Fraction(planned))


def shown_gap(
    required: Fraction | Decimal | float, planned: Fraction | Decimal | float
) -> Fraction:
    """What a shortfall is, as every output shows it: the need shown (rounded up to the
    tenth) less the planned FTE (59.1 − 54.969 = 4.131), none when the plan has enough."""
    return max(shown_need(required, planned) - Fraction(planned), Fraction(0))


def gap_shown(value: Fraction | Decimal | float) -> Fraction:
    """A shortfall in FTE as every output shows it, never understated: exactly when it has
    an end within six places (59.1 − 54.969 = 4.131), otherwise up to the tenth."""
    d = _ratio(value)[1]
    return Fraction(value) if WRITTEN % d == 0 else ceil_tenth(value)


def fmt_gap(value: Fraction | Decimal | float) -> str:
    """A shortfall in FTE as `gap_shown` gives it."""
    return fmt_fte(gap_shown(value))


def column_planned(value: Fraction | Decimal | float | None) -> str:
    """Planned FTE in a table column, as `fmt_fte` shows them (never rounded up), to at
    least the tenth the column's figures line up on: 55 is "55.0", 54.969 stays 54.969."""
    return "–" if value is None else _tenths(fmt_fte(value))


def column_need(
    value: Fraction | Decimal | float | None, planned: Fraction | Decimal | float | None = None
) -> str:
    """A need in a table column, as `shown_need` gives it (beside the ``planned`` FTE)."""
    return "–" if value is None else _tenths(fmt_fte(shown_need(value, planned)))


def column_gap(value: Fraction | Decimal | float | None) -> str:
    """A shortfall in a table column, as `fmt_gap` shows it (never understated)."""
    return "–" if value is None else _tenths(fmt_gap(value))


def _tenths(shown: str) -> str:
    return shown if "." in shown else f"{shown}.0"


def fmt_short(required: Fraction | Decimal | float, planned: Fraction | Decimal | float) -> str:
    """How much more than ``planned`` the shown need is: "+3.3"."""
    return "+" + fmt_gap(ceil_tenth(required) - Fraction(planned))


_VULGAR = {
    Fraction(1, 2): "½",
    Fraction(1, 3): "⅓",
    Fraction(2, 3): "⅔",
    Fraction(1, 4): "¼",
    Fraction(3, 4): "¾",
    Fraction(1, 6): "⅙",
    Fraction(5, 6): "⅚",
    Fraction(1, 8): "⅛",
}


def fmt_years(years: Fraction) -> str:
    """A period's length as a person writes it: ¼ year, ½ year, 1 year, 1½ years, 5/12
    year, 1 1/12 years (a space between the whole and a slashed part: 13 months read "11/12
    years", eleven twelfths, review attack56b); a length in days that is no simple fraction
    to four decimals (0.1217 year)."""
    whole, part = divmod(years, 1)
    if part == 0:
        return f"{whole} year" + ("s" if whole != 1 else "")
    if part in _VULGAR:
        return f"{whole}{_VULGAR[part]} years" if whole else f"{_VULGAR[part]} year"
    if part.denominator in (12, 24):
        text = f"{part.numerator}/{part.denominator}"
        return f"{whole} {text} years" if whole else f"{text} year"
    return f"{float(years):.4f} year" + ("s" if years > 1 else "")


def fmt_months(start: dt.date, end: dt.date) -> str:
    """A period that is no simple fraction of a year, as the months it is counted in (each
    day its month's share; see `plan.period_years`): "19/28 + 2 + 20/31 months", whose
    twelfth a reader multiplies by exactly (review calc39 F8: "× 0.2770 year" missed the
    printed amount by 7.5 BHD)."""
    import calendar

    def days(day: dt.date) -> int:
        return calendar.monthrange(day.year, day.month)[1]

    if (start.year, start.month) == (end.year, end.month):
        return f"{end.day - start.day + 1}/{days(start)} month"
    parts, whole = [], 12 * (end.year - start.year) + end.month - start.month - 1
    if start.day == 1:
        whole += 1
    else:
        parts.append(f"{days(start) - start.day + 1}/{days(start)}")
    tail = None if end.day == days(end) else f"{end.day}/{days(end)}"
    whole += tail is None
    parts += [str(whole)] if whole else []
    parts += [tail] if tail else []
    return " + ".join(parts) + " months"


def fmt_share(value: float, goal: float | None = None) -> str:
    """A measured share (a service level, occupancy, abandonment) as every output shows it:
    the same figure reads alike in check, diff, report, whatif and staff (review out29 R11:
    one level was 99.9999% in diff, 100.0% elsewhere). Beside its goal, with the digits that
    show a miss (79.98% against 80%); without one, never "100%" short of everyone."""
    return fmt_share_against(value, 1.0 if goal is None else goal)


_ON_THE_BOUND = TOLERANCE
"""A share this close to a target is on it, as the judge reads it (`queueing.TOLERANCE`): the
floating noise of a figure computed exactly there (an error of 1e-16), far below the 1e-6 of
a point that four decimals show; a figure the judge keeps is never shown past its target.
Never for everyone or nobody: 99.9999999999999% is not "100%"."""


def fmt_share_against(value: float, bound: float) -> str:
    """A share shown beside the bound it misses, with the digits that show it misses:
    79.98% against 80% is "79.98%", never "80%"; nor is 99.97% "100%" (everyone)."""
    if value == bound or (0 < bound < 1 and abs(value - bound) <= _ON_THE_BOUND):  # on it
        # As the bound is written: 1 − 0.275 on one person is 72.5% at once, exactly, which
        # floats compute as 0.7249999999999999, never "72.4999%" beside a target of 72.5%
        # (review calc51 D1); and a level exactly on 99.95% is 99.95%, not "100%".
        shown = (Decimal(repr(bound)) * 100).normalize()
        return f"{shown:f}%" if shown % 1 else f"{shown:.0f}%"
    # Compared as the decimals a reader sees: 0.796 × 100 in floats is 79.60000000000001,
    # which "79.6%" (a miss of 79.5595%) is not equal to.
    target = Decimal(repr(bound)) * 100
    for digits in (1, 2, 3, 4):
        text = f"{value * 100:.{digits}f}"
        shown = Decimal(text)
        # Never "100%" short of everyone, nor "0%" above nobody (review calc50: 0.0149% of
        # callers hanging up read "0%" beside a promise of "at most 0.1%").
        whole = (shown >= 100) == (value >= 1) and (shown > 0) == (value > 0)
        if (shown < target) == (value < bound) and shown != target and whole:
            return text.removesuffix(".0") + "%" if digits == 1 else f"{shown.normalize():f}%"
    # Closer than four decimals: cut towards the side the value is on (99.99999% of a
    # "100% in 0s" is 99.9999%, never 100.0000%).
    scaled = Decimal(repr(value)) * 100 * 10**4
    if 0 < scaled < 1:  # some, fewer than four decimals show: never "0%", nor the floor
        # "0.0001%" as if it were the figure (review calc53 W5: 2.1e-34 of callers hanging up
        # read "0.0001%", one in a million).
        return BELOW_SHOWN
    cut = math.floor(scaled) if value < bound else math.ceil(scaled)
    if cut == target * 10**4:  # a hair off the bound, past what four decimals show
        cut += -1 if value < bound else 1
    if value < 1 <= cut / 10**6:  # above the bound, yet not everyone: never "100%"
        cut = 10**6 - 1
    return f"{cut / 10**4:.4f}%"


BELOW_SHOWN = "< 0.0001%"
"""A share above nothing that four decimals of a percent cannot show, as every output gives
it (the JSON gives the share itself)."""


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
_UNIT = rx.one_of(_UNIT_SECONDS) + "(?![a-zA-Z])"
_PART = re.compile(rf"({NUMBER})\s*({_UNIT})")
_ISO = (
    rf"[pP](?=[0-9]|[tT][0-9])(?:(?P<d>{NUMBER})[dD])?"
    rf"(?:[tT](?=[0-9])(?:(?P<h>{NUMBER})[hH])?(?:(?P<m>{NUMBER})[mM])?(?:(?P<s>{NUMBER})[sS])?)?"
)
_ISO_RE = re.compile(_ISO)
DURATION = rf"(?:{NUMBER}\s*{_UNIT}(?:\s*{NUMBER}\s*{_UNIT})*|{rx.unnamed(_ISO)})"
"""20s, 7m30s, 1h 30m, 2 days, PT20S, P1DT2H: any case, spaces between the parts."""
_DURATION_RE = re.compile(DURATION)
ONE_OF_EACH_UNIT = (
    "(?!"
    + "|".join(
        rf"[\s\S]*[0-9]\s*{unit}[\s\S]*[0-9]\s*{unit}"
        for unit in (
            rx.one_of(w for w, weight in _UNIT_SECONDS.items() if weight == seconds)
            + "(?![a-zA-Z])"
            for seconds in sorted(set(_UNIT_SECONDS.values()))
        )
    )
    + ")"
)
"""A lookahead that no unit is given twice (`1h30m1h`, `1m 60 seconds 1min`), which the
reader asks about (`_text_seconds`): the schema's patterns begin with it, so an editor
flags what `check` refuses (review user59: `1h1h` passed the schema)."""


_DURATION_NUMBER = re.compile(r"[0-9][0-9._]*")
MAX_DIGITS = 40
"""The most digits a number cs-align reads may have: a YAML number (`yamlsafe`), a number in
a text figure or in a duration."""
MAX_EXPONENT = 30
"""How far from 1, in powers of ten, a number cs-align reads may be."""


def past_exponent(value: Decimal) -> bool:
    """Whether a finite ``value`` lies past 10^±MAX_EXPONENT (0 does not): held alike where a
    YAML number (`yamlsafe`), a TOML one (`config`) and a duration's are read."""
    return bool(value) and abs(value.adjusted()) > MAX_EXPONENT


def too_many_digits(digits: int) -> tuple[str, str]:
    """The message and fix refusing a number of ``digits`` digits, more than MAX_DIGITS, in
    the same words wherever one is read: a YAML number or text (`yamlsafe`), a TOML one
    (`config`)."""
    return (
        f"a {digits}-digit number is out of range",
        f"write a realistic figure (at most {MAX_DIGITS} digits)",
    )


def realistic_duration_numbers(text: str) -> None:
    """Refuse a duration whose numbers no duration has: more than MAX_DIGITS characters, or
    a size past 10^±MAX_EXPONENT, as the numbers YAML reads are refused (review
    input58: `handle_time: 6000…0m` of a million digits was "internal error … Overflow",
    and `0.000…01m`, 400 zeros, read as 0 s by the queue math, "ZeroDivisionError", both
    exit 2 naming no line; every duration's arithmetic is safe within these bounds)."""
    for match in _DURATION_NUMBER.finditer(text):
        number = match[0].rstrip("._")
        if len(number) > MAX_DIGITS:
            raise bad(
                f"a {len(number)}-character number in a duration is out of range",
                "write a realistic duration, e.g. 20s, 7m30s or 4h",
            )
        try:
            value = Decimal(number.replace("_", ""))
        except ArithmeticError:
            continue  # not a number; the duration's own grammar says what to write
        if past_exponent(value):
            raise bad(
                f"`{number}` in a duration is out of range",
                "write a realistic duration, e.g. 20s, 7m30s or 4h",
            )


def parse_duration(
    value: Any, *, allow_zero: bool = False, least: Decimal = MIN_SECONDS
) -> Decimal:
    """'20s', '7m30s', '4h', '2d', 'PT20S' → seconds, zero (where allowed) or at least
    ``least`` (a wait's MIN_WAIT, else MIN_SECONDS)."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal | float):
        raise bad("expected a duration", "write a duration with a unit, e.g. 20s, 7m30s or 4h")
    if not isinstance(value, str) and not Decimal(value).is_finite():
        # `.inf` was "Infinity has no unit — give a unit", as if `.infs` were a duration.
        raise bad(f"{shown(value)} is not a duration", "write e.g. 20s, 7m30s, 4h or PT20S")
    if not isinstance(value, str):
        # Both units, minutes first: `handle_time: 6` means six minutes far more often than
        # six seconds, and a fix that said only "6s" sized the line for a tenth of its work.
        raise bad(f"{shown(value)} has no unit", _unit_fix(_number(value)))
    text = value.strip()
    realistic_duration_numbers(text)
    seconds = _text_seconds(text)
    if seconds < 0 or (seconds == 0 and not allow_zero):
        raise bad(
            f"duration {text!r} must be more than zero", "write a positive duration, e.g. 20s"
        )
    too_short(seconds, text, least)
    if seconds > MAX_SECONDS:
        raise bad(
            f"duration {text!r} is longer than a year",
            "no handle time, patience or response target runs that long; check the unit",
        )
    return seconds


def too_short(seconds: Decimal | Fraction, text: str, least: Decimal = MIN_SECONDS) -> None:
    """Refuse a duration above zero and under ``least`` (MIN_SECONDS or MIN_WAIT), as
    ``text`` wrote it."""
    if not 0 < seconds < least:
        return
    if least == MIN_SECONDS:
        what, fields, example = "a second", "no handle time, patience or interval", "6m"
    else:
        what, fields, example = "a tenth of a second", "no response target", "20s"
    raise bad(
        f"duration {text!r} is under {what}",
        f"{fields} is that short; check the unit, and write at least {_plain(least)}s, "
        f"e.g. {example}",
    )


@functools.lru_cache(maxsize=1024)  # plans repeat their durations; a Decimal is immutable
def _text_seconds(text: str) -> Decimal:
    if not _DURATION_RE.fullmatch(text):
        if (number := _number(text)) is not None:
            raise bad(f"{text} has no unit", _unit_fix(number))
        if text.upper().startswith("P"):
            raise bad(f"{text!r} is not an ISO 8601 duration", "write e.g. PT20S, PT7M30S or P1D")
        raise bad(
            f"{shown(text)} is not a duration",
            clock_duration(text)
            or write_figure(text)
            or _write_duration(text)
            or _in_days(text)
            or "write e.g. 20s, 7m30s, 4h, 2d or PT20S",
        )
    if iso := _ISO_RE.fullmatch(text):
        weights = {"d": 86400, "h": 3600, "m": 60, "s": 1}
        return sum(
            (Decimal(iso[part]) * weight for part, weight in weights.items() if iso[part]),
            Decimal(0),
        )
    parts = [(Decimal(n), _UNIT_SECONDS[unit.lower()]) for n, unit in _PART.findall(text)]
    total = sum((n * weight for n, weight in parts), Decimal(0))
    units = [weight for _, weight in parts]
    if len(set(units)) < len(units):
        # `1h30m1h` was read as 2h30m and `1s1s…1s` as any length (review input58): a unit
        # written twice is a slip, not a sum a plan means, so it is asked, with the sum.
        twice = next(w for w in units if units.count(w) > 1)
        name = {86400: "days", 3600: "hours", 60: "minutes", 1: "seconds"}[twice]
        raise bad(
            f"duration {text!r} gives the {name} more than once",
            f"write each unit once, e.g. {fmt_seconds(float(total))}"
            if 0 < total <= MAX_SECONDS
            else "write each unit once, e.g. 7m30s",
        )
    return total


def _unit_fix(number: Decimal | None) -> str:
    """The fix for a number written without a unit: the same number in minutes or in
    seconds, as the user meant it (never one chosen for them: `handle_time: 6` told only
    "6s" sized a six-minute line for a tenth of its work), where that is a duration
    cs-align takes, else an example. A number echoed with a unit was no fix where it is no
    duration: `nan` gave "nans or nanm", `1e400` "1e400s", 99999999999999 a duration
    "longer than a year", `1e3` (YAML's 1000) "1E+3s"."""
    names = {"m": "minutes", "s": "seconds"}
    fine = []
    if number is not None and number.is_finite():
        digits = _figure(number)
        fine = [
            f"{digits}{unit} for {name}"
            for unit, name in names.items()
            if _DURATION_RE.fullmatch(f"{digits}{unit}")
            and 0 < number * _UNIT_SECONDS[unit] <= MAX_SECONDS
        ]
    if not fine:
        return "give a unit, e.g. 20s, 7m30s or 4h"
    return f"give a unit: {' or '.join(fine)} (e.g. 20s, 7m30s, 4h)"


_CLOCK = re.compile(r"(?P<a>\d{1,2}):(?P<b>[0-5]\d)(?::(?P<c>[0-5]\d))?")


def squeezed(text: str) -> str:
    """``text`` with each run of blanks made one space, ends stripped: what the patterns that
    suggest a fix read, so that no run of blanks can be split between two of their `\\s*` in
    every way (quadratic time on a long run)."""
    return " ".join(text.split())


def clock_duration(text: str) -> str | None:
    """What to write for a duration written as a clock reads (00:06:00, 1:30), or None.
    Three parts are hours, minutes and seconds; two may be minutes and seconds or hours and
    minutes, so both are given."""
    match = _CLOCK.fullmatch(squeezed(text))
    if match is None:
        return None
    a, b = int(match["a"]), int(match["b"])
    if match["c"] is not None:
        seconds = a * 3600 + b * 60 + int(match["c"])
        return f"write {fmt_seconds(seconds)}" if seconds else None
    if not a * 60 + b:
        return None
    short, long = fmt_seconds(a * 60 + b), fmt_seconds(a * 3600 + b * 60)
    return f"write {short} for minutes and seconds, {long} for hours and minutes"


_PRIMES = (
    (re.compile(r"(\d+(?:\.\d+)?)\s*(?:'|\u2032)\s*(?=\d|$)"), r"\1m"),
    (re.compile(r"(\d+(?:\.\d+)?)\s*(?:\"|''|\u2033)\s*$"), r"\1s"),
)
"""6'30\" (minutes and seconds as a stopwatch or a sheet writes them): 6m30s."""
_SLIPS = (
    (re.compile(r"\s+and\s+|\s*,\s*", re.IGNORECASE), " "),  # 6 minutes and 30 seconds
    (re.compile(r"(?<=\d)\s*(?:mn|min\.)(?=\s*\d|\s*$)", re.IGNORECASE), "m"),  # 6 mn, 6 Min.
    (re.compile(r"(?<=\d)\s*(?:hrs?\.)(?=\s*\d|\s*$)", re.IGNORECASE), "h"),  # 1 hr. 30
    (re.compile(r"(?<=\d)\s*(?:secs?\.)(?=\s*$)", re.IGNORECASE), "s"),  # 30 sec.
)


_WEEKS_OR_MONTHS = re.compile(
    r"\s*(?P<number>\d+(?:\.\d+)?)\s*(?:(?P<weeks>w|wks?|weeks?)|(?P<months>mos?|months?))\s*",
    re.IGNORECASE,
)


def _in_days(text: str) -> str | None:
    """A duration in weeks or months, which cs-align does not read, told in days: `2 weeks`
    was told "write e.g. 20s, 7m30s, 4h" (review input62). A week is 7 days exactly; a
    month has no one length, so the fix asks for the days meant."""
    found = _WEEKS_OR_MONTHS.fullmatch(text)
    if found is None:
        return None
    if found["months"]:
        return "write the days meant, e.g. 30d (months differ in length)"
    days = Decimal(found["number"]) * 7
    if days * 86400 > MAX_SECONDS:
        return "write at most a year in days, e.g. 365d; check the unit"
    return f"write {_figure(days)}d (a week is 7 days)"


def _write_duration(text: str) -> str | None:
    """A duration written as people write one, told as cs-align reads it: 6'30\" (6m30s),
    `6m30` (the seconds' unit left off: 6m30s, and 1h30 is 1h30m), `6 minutes and 30
    seconds`, `6 mn`; they were told "write e.g. 20s, 7m30s, 4h" (review user60). None when
    no such reading gives a duration cs-align reads."""
    if len(text) > 60:
        return None
    written = squeezed(text)
    for pattern, unit in (*_PRIMES, *_SLIPS):
        written = pattern.sub(unit, written).strip()
    if tail := re.fullmatch(r"(.*\d\s*)(h|m)(\s*)(\d{1,2})", written, re.IGNORECASE):
        written = f"{tail[1]}{tail[2]}{tail[3]}{tail[4]}{'m' if tail[2].lower() == 'h' else 's'}"
    if written == squeezed(text) or not _DURATION_RE.fullmatch(written):
        return None
    return f"write {written}"


def _positive_duration(value: Any) -> Decimal:
    return parse_duration(value)


def _any_duration(value: Any) -> Decimal:
    return parse_duration(value, allow_zero=True)


def _duration_schema(least: Decimal, most: str) -> dict[str, Any]:
    """A duration's schema with the floor and ceiling the reader enforces said in words,
    and a lone figure of seconds under the floor (`0.5s`, `PT0.05S`) refused by its
    pattern: an editor passed `handle_time: 0.5s`, which the reader refuses as under a
    second (review input60). Other units under the floor (`0.01m`) only the words say."""
    floor = _plain(least)
    whole = least >= 1  # MIN_SECONDS: any 0.x seconds is under it; MIN_WAIT: 0.0x
    below = r"0*\.[0-9]*" if whole else r"0*\.0[0-9]*"
    seconds = rx.one_of(w for w, weight in _UNIT_SECONDS.items() if weight == 1)
    lone = rf"(?!\s*(?:{below}\s*{seconds}(?![a-zA-Z])|[pP][tT]{below}[sS])\s*$)"
    return {
        "type": "string",
        # More than zero: some digit of it is not 0.
        "pattern": rf"^{ONE_OF_EACH_UNIT}{lone}\s*(?=[^1-9]*[1-9]){DURATION}\s*$",
        "description": f"A duration with a unit, at least {floor}s and at most {most}.",
        "examples": ["20s", "7m30s", "4h", "PT20S"],
    }


_DURATION_SCHEMA = _duration_schema(MIN_SECONDS, "a year")
_WAIT_SCHEMA = _duration_schema(MIN_WAIT, "a year")
Duration = Annotated[
    Decimal,
    BeforeValidator(_positive_duration),
    WithJsonSchema(_DURATION_SCHEMA),
    PlainSerializer(fmt_seconds, return_type=str),
]
"""A positive duration, held as seconds: at least MIN_SECONDS."""


def parse_wait_time(value: Any) -> Decimal:
    """A wait a target names in calendar time (an ASA, the fastest answer a strategy
    allows): a positive duration of at least MIN_WAIT."""
    return parse_duration(value, least=MIN_WAIT)


WaitDuration = Annotated[
    Decimal,
    BeforeValidator(parse_wait_time),
    WithJsonSchema(_WAIT_SCHEMA),
    PlainSerializer(fmt_seconds, return_type=str),
]
"""A positive wait, held as seconds: at least MIN_WAIT."""

MAX_PATIENCE = Decimal(3600)


def parse_patience(value: Any) -> Decimal:
    """Callers' mean patience: a positive duration of at most an hour. Erlang A models
    callers who hang up after seconds or minutes; a patience of hours is a unit mistake, and
    its queue's states run into the millions (a year took past a minute to size, review
    user19 U6; a day, with a million calls an hour, 23 s; an hour, 1.6 s)."""
    seconds = parse_duration(value)
    if seconds > MAX_PATIENCE:
        raise bad(
            f"patience {fmt_seconds(seconds)} is more than an hour",
            "write the mean time callers wait before they hang up, e.g. 2m (seconds to "
            "minutes), or leave `patience` out to size without callers hanging up",
        )
    return seconds


Patience = Annotated[
    Decimal,
    BeforeValidator(parse_patience),
    WithJsonSchema(_duration_schema(MIN_SECONDS, "an hour")),
    PlainSerializer(fmt_seconds, return_type=str),
]
"""Callers' mean patience, held as seconds: at most an hour."""


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
        count = f"{self.amount.normalize(FIGURES):f}"
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
        realistic_duration_numbers(match["amount"])
        amount = Decimal(match["amount"])
        if amount <= 0:
            raise bad(f"{shown(value)} must be more than zero", "write e.g. 1 business day")
        word = match["unit"].lower().removesuffix("s")
        seconds = amount * {"minute": 60, "hour": 3600, "day": 86400}[word]
        too_short(seconds, value.strip(), MIN_WAIT)
        # As for calendar durations: no year holds more business time than a year's time.
        if seconds > MAX_SECONDS:
            raise bad(
                f"{shown(value)} is longer than a year",
                "no response target runs that long; check the unit, e.g. 8 business hours",
            )
        return Wait(amount=amount, unit=f"business {word}s")
    try:
        return Wait(amount=parse_duration(value, least=MIN_WAIT))
    except PydanticCustomError as exc:
        if isinstance(value, str) and re.search(r"business|working", value, re.IGNORECASE):
            raise bad(
                f"{shown(value)} is not a business-time target",
                "write e.g. 30 business minutes, 8 business hours or 1 business day",
            ) from None
        raise exc from None


WaitTime = Annotated[
    Wait,
    BeforeValidator(parse_wait),
    WithJsonSchema(
        {
            "anyOf": [
                _WAIT_SCHEMA,
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


_SHARE = re.compile(rf"\s*(?:(?P<percent>{NUMBER})\s*%|(?P<fraction>{NUMBER}))\s*")


_PERCENT_WORD = re.compile(
    rf"\s*(?P<number>{NUMBER})\s*"
    rf"(?:{rx.anycase('percent')}|{rx.anycase('per cent')}|{rx.anycase('pct')})\s*"
)
"""A share spelt out: 32 percent, 32 per cent, 32 pct."""


def _percent(value: Any) -> Decimal:
    if isinstance(value, str):
        match = _SHARE.fullmatch(value)
        if match is None:
            if value.strip().startswith("-"):
                raise bad(f"{value.strip()} is negative", "write a share from 0% to 100%")
            fix = write_figure(value) if "," in value else None
            if spelt := _PERCENT_WORD.fullmatch(squeezed(value)):
                fix = f"write {spelt['number']}%"
            raise bad(f"{shown(value)} is not a percentage", fix or "write e.g. 80% or 0.8")
        if match["percent"] is not None:
            share = FIGURES.divide(Decimal(match["percent"]), 100)
            if share > 1:
                raise bad(f"{value.strip()} is above 100%", "write a share from 0% to 100%")
            return share
        value = Decimal(match["fraction"])
    number = _number(value)
    if number is None or not number.is_finite():
        raise bad(f"{shown(value)} is not a percentage", "write e.g. 80% or 0.8")
    if number > 1:
        written = value if isinstance(value, str) else _figure(number)  # 3e1 is 30, not 3E+1
        hint = (
            f"{written}% or {_figure(FIGURES.divide(number, 100))}"
            if number <= 100
            else "a share up to 100%"
        )
        raise bad(
            f"{written} is not a share (a bare number must be a fraction from 0 to 1)",
            f"write {hint}",
        )
    if number < 0:
        raise bad(f"{as_said(value)} is negative", "write a share from 0% to 100%")
    return number


def no_percent_slip(value: Any, what: str, fraction_too: bool = True, then: str = "") -> Any:
    """``value`` as written, unless it is a share written as a fraction with a percent sign
    (`shrinkage: 0.8%`, `"0.8% in 20s"`) where under one percent is no real figure: almost
    surely 80% meant, and read as 0.8% it sized for nothing (review user55; as the loader
    asks about `0.8/20`). Asked, not guessed: the fix gives both readings when the field can
    hold the other (``fraction_too``: 0.008 is 0.8%, written as a fraction); ``then`` is
    what follows the share where it is part of a figure (` in 20s`)."""
    if not isinstance(value, str) or (match := _SHARE.fullmatch(value)) is None:
        return value
    if match["percent"] is None or not 0 < (number := Decimal(match["percent"])) < 1:
        return value
    meant = _plain(FIGURES.multiply(number, 100))
    fraction = _plain(FIGURES.divide(number, 100))
    other = f" (or {fraction} if you mean {_plain(number)}%)" if fraction_too else ""
    raise bad(
        f"{what} of {_plain(number)}% is less than one percent: almost surely {meant}% written "
        "as a fraction with a percent sign",
        f'write "{meant}%{then}"{other}' if then else f"write {meant}%{other}",
    )


_percent_text = functools.lru_cache(maxsize=1024)(_percent)
"""The same for text, which plans repeat (a Decimal is immutable)."""


def seconds_up(value: float | None) -> float | None:
    """A time in machine output, to the millisecond and rounded up: a wait of 20.0048 s
    is no 20 s, so a check of it against a 20 s target fails as the target does."""
    return None if value is None else math.ceil(round(value * 1000, 6)) / 1000


def fmt_percent(value: Decimal | float) -> str:
    """A share as a percentage: a Decimal (a share as a file writes it) exactly, so a target
    of 99.999% never reads as 100%; a computed float to two places."""
    if isinstance(value, Decimal) and value.is_finite():
        exact = value * 100
        # In the money context (100 digits): a share past 10^22 could not be rounded to the
        # millionth in Decimal's default 28 digits (review attack49 A04).
        # A share as written to the 10^-15 of a percent reads in full: a ceiling of
        # 10.0880541956575% was "10.09%", looser than written (review calc51b).
        if exact == exact.quantize(Decimal("1e-15"), context=_CENTS):
            return f"{exact.normalize():f}%"
    text = f"{Decimal(str(value)) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def fmt_change(share: Decimal) -> str:
    """A change as a share of what it was, signed, to a tenth of a percent: "+15.0%",
    "-2.5%"; none at all "0%", and one too small for a tenth "+<0.1%", so that a budget
    that grows by 100 in 1.5 million never reads "+0.0%", as a line left alone did (review
    user58)."""
    if share == 0:
        return "0%"
    sign = "+" if share > 0 else "-"
    tenths = abs(share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{sign}<0.1%" if tenths == 0 else f"{sign}{tenths}%"


def fmt_share_over(value: Decimal, limit: Decimal) -> str:
    """A share past a limit, as a percentage with the digits that show it past: as
    `fmt_percent` shows it where that reads above the limit as written, else cut (never
    rounded up) to as many places as it takes. Rounded to two places, 5.00100005% read "5%"
    beside a limit of 5.001% (review calc55 K3)."""
    share, bound = value * 100, limit * 100
    said = fmt_percent(value)
    if Decimal(said.removesuffix("%")) > bound:
        return said
    for digits in range(2, 40):
        shown = share.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_DOWN, context=_CENTS)
        if shown > bound:
            return f"{shown.normalize(context=_CENTS):f}%"
    return fmt_percent(value)


def percent_schema(
    below_one: bool = False, least: Decimal | None = None, slip: bool = False
) -> dict[str, Any]:
    """80% or 0.8, up to 100% (below it with ``below_one``), from ``least`` if given; with
    ``slip``, not a fraction with a percent sign (`0.8%`), as :func:`no_percent_slip`
    refuses it."""
    low = least * 100 if least is not None else None
    percent = rx.within(low, Decimal(100), r"\s*%", high_open=below_one)
    if slip:
        percent = r"(?!0+\.[0-9]*[1-9][0-9]*\s*%)" + percent
    fraction = rx.within(least, Decimal(1), r"\s*$", high_open=below_one)
    return {
        "anyOf": [
            {"type": "string", "pattern": rf"^\s*(?:{percent}{NUMBER}\s*%|{fraction}{NUMBER})\s*$"},
            {
                "type": "number",
                "minimum": float(least) if least is not None else 0,
                ("exclusiveMaximum" if below_one else "maximum"): 1,
            },
        ],
        "examples": ["80%", 0.8],
    }


Percent = Annotated[
    Decimal,
    BeforeValidator(parse_percent),
    WithJsonSchema(percent_schema()),
    PlainSerializer(fmt_percent, return_type=str),
]
"""A share from 0 to 1, written 80% or 0.8."""


_SIGNED_PERCENT = re.compile(rf"\s*(?P<number>-?{NUMBER})\s*%\s*")


def option_share(value: Any) -> Any:
    """A strategy's share threshold as a fraction: `5%` is 0.05 (as a plan's shares and a
    `metric` rule's bounds are written), and a bare number past 1 is a percent written
    without its sign, refused: `min_share: 5%` was no decimal, and `max_surplus: 25` allowed
    a surplus of 2,500%, bounding nothing (review author59). Bounds and signs are the
    options' own (``Options.MOST``, ``SIGNED``); anything else is left to the field."""
    if isinstance(value, str) and (match := _SIGNED_PERCENT.fullmatch(value)):
        return FIGURES.divide(Decimal(match["number"]), 100)
    number = _number(value)
    if number is not None and number.is_finite() and abs(number) > 1:
        written = _figure(number)
        raise bad(
            f"{written} is not a share (a bare number must be a fraction from 0 to 1)",
            f"write {written}% or {_figure(FIGURES.divide(number, 100))}",
        )
    return value


OptionShare = BeforeValidator(option_share)
"""Marks a rule option as a share: `Annotated[Decimal, OptionShare, LOWER]`."""


DEFAULT_MAX_OCCUPANCY = Decimal("0.85")
"""The occupancy ceiling a plan that states no `staffing.max_occupancy` is checked at, and
`staff` sizes at unless `--max-occupancy` says otherwise (one figure, so that they agree)."""


def occupancy_ceiling(value: Decimal) -> Decimal:
    """An occupancy ceiling from 10% to 100%: below 10% is almost always a slip such as
    0.85% for 85% (a plan's `max_occupancy` and `staff --max-occupancy` alike)."""
    if value < Decimal("0.1"):
        raise bad(
            f"an occupancy ceiling of {as_percent(value)}% leaves agents almost "
            "no time for contacts (the least is 10%)",
            "write the share of available time agents may spend on contacts, e.g. 85%",
        )
    return value


LEAST_ABANDONMENT = Decimal("0.00001")
"""The lowest abandonment ceiling: however many people answer, a caller with a finite
patience may hang up before one is free, so 0% is never kept; below 0.001% a ceiling is
finer than the precision cs-align judges a figure at."""


def parse_abandonment(value: Any) -> Decimal:
    """An abandonment ceiling: a share from 0.001% to 100%."""
    share = parse_percent(value)
    if share < LEAST_ABANDONMENT:
        raise bad(
            f"an abandonment ceiling of {fmt_percent(share)} is never kept: with patience, "
            "some caller always hangs up before an answer",
            "write the share you can accept, e.g. 5%",
        )
    return share


Abandonment = Annotated[
    Decimal,
    BeforeValidator(parse_abandonment),
    WithJsonSchema(percent_schema(least=LEAST_ABANDONMENT)),
    PlainSerializer(fmt_percent, return_type=str),
]
"""Highest share of callers who may hang up before an answer: 5% or 0.05."""


# ---- service levels -----------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceLevelTarget:
    share: Decimal
    seconds: Decimal

    def __str__(self) -> str:
        return f"{fmt_percent(self.share)} in {fmt_seconds(self.seconds)}"


_WITHIN = rf"(?:{rx.anycase('within')}|{rx.anycase('in')})"
# The time ends on a character that is no blank: a lazy `.+?` before `\s*` could end at any
# blank, which took quadratic time on a long run of blanks.
_SL_IN = re.compile(rf"\s*(?P<share>{NUMBER})\s*%\s*{_WITHIN}\s+(?P<time>.*?\S)\s*")
_SL_SLASH = re.compile(rf"\s*(?P<share>{NUMBER})\s*/\s*(?P<seconds>{NUMBER})\s*")


def parse_service_level(value: Any) -> ServiceLevelTarget:
    """'80% in 20s' or '80/20' → ServiceLevelTarget(0.8, 20)."""
    if isinstance(value, ServiceLevelTarget):
        return value
    if not isinstance(value, str):
        raise bad(f"{shown(value)} is not a service level", 'write e.g. "80% in 20s" or "80/20"')
    return _service_level_text(value)


@functools.lru_cache(maxsize=512)  # plans repeat their targets; the result is immutable
def _service_level_text(value: str) -> ServiceLevelTarget:
    if match := _SL_IN.fullmatch(value):
        then = value[match.end("share") :].strip().removeprefix("%").strip()
        no_percent_slip(match["share"] + "%", "a service level", False, f" {then}")
        share = parse_percent(match["share"] + "%")
        seconds = _wait_in(value, match["time"])
    elif match := _SL_SLASH.fullmatch(value):
        _no_fraction_share(value, match["share"], match["seconds"])
        share = parse_percent(match["share"] + "%")
        seconds = Decimal(match["seconds"])
        # The bounds of a duration written with a unit: `80/0.5` was judged at half a second
        # and `80/99999999` at 1157 days, past the year a duration may be (review input59).
        too_short(seconds, f"{match['seconds'].strip()}s", MIN_WAIT)
        if seconds > MAX_SECONDS:
            raise bad(
                f"the wait in {shown(value)} is longer than a year",
                'the slash form is percent/seconds; write e.g. "80/20" or "80% in 20s"',
            )
    else:
        raise bad(f"{shown(value)} is not a service level", _write_service_level(value))
    if share == 0:
        raise bad("a service level of 0% promises nothing", 'write e.g. "80% in 20s"')
    if share == 1:
        raise bad(
            "a service level of 100% is never kept by a queue: however many people answer, "
            "some contact finds them all busy",
            'write the share you plan for, e.g. "99% in 20s"',
        )
    if share > MOST_SERVICE_LEVEL:
        raise bad(
            f"a service level of {as_percent(share)}% is finer than cs-align can tell from 100%",
            'write at most 99.999%, e.g. "99.9% in 20s"',
        )
    return ServiceLevelTarget(share=share, seconds=seconds)


def _wait_in(value: str, time: str) -> Decimal:
    """The wait of "80% in 20s"; one without its unit ("80% in 20") is told the service
    level with it, as "80% in 20s" (was "20 has no unit — give a unit: 20m for minutes or
    20s for seconds", the figure alone: review user60)."""
    if (number := _number(time.strip())) is not None and 0 < number <= MAX_SECONDS:
        head = value[: value.rindex(time)].rstrip()
        raise bad(
            f"the wait in {shown(value)} has no unit",
            f'write "{head} {_plain(number)}s" (seconds), or give its unit: 20s, 2m',
        )
    return parse_duration(time, allow_zero=True, least=MIN_WAIT)


def _no_fraction_share(value: str, share: str, seconds: str) -> None:
    """`80/20` is percent/seconds; `0.8/20` is a share written as a fraction, as a plan
    writes shares (0.8 is 80%), and read as 0.8% it promised almost nothing: the plan
    passed staffing-meets-targets with a third of the staff the 80% needs (user54)."""
    try:
        figure = Decimal(share.replace("_", ""))
    except InvalidOperation:
        return
    if 0 < figure < 1:
        percent = _plain(FIGURES.multiply(figure, 100))
        raise bad(
            f"{shown(value)} writes its share as a fraction, but the slash form is "
            "percent/seconds (80/20 is 80% in 20s)",
            f'write "{percent}% in {_plain(Decimal(seconds))}s" (or {percent}/{seconds.strip()}); '
            f'for {_plain(figure)}% write "{_plain(figure)}% in {_plain(Decimal(seconds))}s"',
        )


_SL_LOOSE = re.compile(
    rf"\s*(?P<share>\d[\d.,]*)\s*(?P<percent>%?)\s*(?:{_WITHIN}\s+|/\s*)(?P<time>.*?\S)\s*"
)


_SL_PAIR = re.compile(
    rf"\s*(?P<share>\d[\d.]*)\s*(?P<percent>%)\s*(?:[@,]|{rx.anycase('at')}(?=\s))?\s*"
    r"(?P<time>\S.*?)\s*"
)
"""A share and a time with no `in` between (`80% 20s`, `80% @ 20s`, `80%, 20s`)."""


def _write_service_level(text: str) -> str:
    """What to write for a service level nearly written: its share as a percentage (0.8 or
    80 → 80%, 80,5% → 80.5%) and its time with a unit (20 → 20s), or the general form."""
    general = 'write e.g. "80% in 20s" or "80/20"'
    match = _SL_LOOSE.fullmatch(squeezed(text)) or _SL_PAIR.fullmatch(squeezed(text))
    if match is None:
        return _half_service_level(squeezed(text)) or general
    try:
        share = Decimal(match["share"].replace(",", ".", 1))
        if not match["percent"] and share <= 1:
            share *= 100
        if not 0 < share < 100:
            return general
        time = match["time"]
        if _number(time) is not None:
            time = f"{_plain(Decimal(time))}s"
        seconds = parse_duration(time.replace(",", ".", 1), allow_zero=True, least=MIN_WAIT)
    except (InvalidOperation, PydanticCustomError, ValueError):
        return general
    return f'write "{_plain(share)}% in {fmt_seconds(seconds)}"'


def _half_service_level(text: str) -> str | None:
    """A service level written as its time alone (`20s`, `4h`) or its share alone (`80%`):
    told "write e.g. \"80% in 20s\"", the form, not which half is missing (review user61)."""
    if re.fullmatch(rf"\s*{NUMBER}\s*%\s*", text):
        share = text.replace(" ", "")
        return f'write "{share} in 20s": a service level is a share and the time it is answered in'
    try:
        seconds = parse_duration(text, least=MIN_WAIT)
    except (PydanticCustomError, ValueError):
        return None
    return (
        f'write "80% in {fmt_seconds(seconds)}": a service level is a share and the time it '
        "is answered in"
    )


MOST_SERVICE_LEVEL = Decimal("0.99999")
"""The highest share a service level may promise. 100% is never kept (a queue at any
headcount has contacts that find everyone busy), and above 99.999% the share of contacts
missed is too small for the noise a figure is judged with (1e-9) to be negligible."""


def _service_level_schema() -> dict[str, Any]:
    share = rx.within(Decimal(0), MOST_SERVICE_LEVEL * 100, r"\s*[%/]", low_open=True)
    # Nor a fraction before the slash: 0.8/20 is refused as the loader refuses it.
    share += rx.within(Decimal(1), None, r"\s*/")
    # Nor a share under 1% (0.8% in 20s), which the loader asks about (no_percent_slip).
    share += rx.within(Decimal(1), None, r"\s*%")
    return {
        "type": "string",
        "pattern": rf"^{ONE_OF_EACH_UNIT}\s*{share}{NUMBER}\s*"
        rf"(?:%\s*{_WITHIN}\s+{DURATION}|/\s*{NUMBER})\s*$",
        "examples": ["80% in 20s", "80/20"],
    }


ServiceLevel = Annotated[
    ServiceLevelTarget,
    BeforeValidator(parse_service_level),
    WithJsonSchema(_service_level_schema()),
    PlainSerializer(str, return_type=str),
]


# ---- money --------------------------------------------------------------------------------

# The blanks before a scale belong to it: with `\s*` on either side of an optional scale, a
# long run of blanks could be split between them in every way (quadratic time).
_MONEY = re.compile(rf"\s*(?P<amount>{FIGURE})(?:\s*(?P<scale>[kKMB]|bn))?\s*")
_SCALE = {None: 1, "k": 1000, "K": 1000, "M": 10**6, "B": 10**9, "bn": 10**9}


def parse_money(value: Any) -> Decimal:
    """6200000, 6_200_000, '6.2M', '62k' → exact Decimal; never through a float."""
    if isinstance(value, bool) or value is None:
        raise bad(f"{shown(value)} is not an amount", "write an amount such as 6200000 or 6.2M")
    if isinstance(value, int | Decimal | float):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        amount = _money_text(str(value))
    if not amount.is_finite():  # `.inf` was said as "Infinity", a figure no one wrote
        raise bad(
            f"{shown(value)} is not a finite amount", "write an amount such as 6200000 or 6.2M"
        )
    said = as_said(value)
    if amount < 0:
        raise bad(f"{said} is negative", "amounts are zero or more")
    if amount > MONEY_MAX:
        raise bad(
            f"{said} is an absurd amount (over 10 trillion)",
            "check the number of digits; write e.g. 6.2M",
        )
    return amount


def _money_text(text: str) -> Decimal:
    stripped = text.strip()
    if match := _MONEY.fullmatch(stripped):
        factor = _SCALE[match["scale"]]
        amount = FIGURES.multiply(Decimal(match["amount"].replace("_", "")), factor)
        # 62.500k is 62500, as written, not 62500.000: the decimals of the written figure
        # are no decimals of the amount (the plan reads three as a dot between thousands).
        # One past MONEY_MAX is refused as absurd as it is: its quantize to units ran past
        # the 28 digits of Decimal's context ("8888…8k", 26 to 40 digits, a plan's or a
        # config's: "internal error … InvalidOperation", review reattack58).
        whole = factor != 1 and amount <= MONEY_MAX and amount == amount.to_integral_value()
        return amount.quantize(Decimal(1)) if whole else amount
    if _CURRENCY.search(stripped):
        bare = _CURRENCY.sub(" ", stripped).strip()
        raise bad(
            f"{shown(text)} has a currency symbol",
            f"leave it out, the plan's `currency:` sets it: {_write_amount(bare)}",
        )
    if "," in stripped or _SPACED.fullmatch(stripped):
        what = "commas, which are ambiguous" if "," in stripped else "spaces between digits"
        raise bad(f"{shown(text)} uses {what}", _write_amount(stripped))
    if re.match(r"^[\d.]+\s*(MM|mm|m|Mn|mn)$", stripped):
        raise bad(f"{text!r} has an ambiguous suffix", "write k for thousands, M for millions")
    if stripped.startswith("-"):
        raise bad(f"{text} is negative", "amounts are zero or more")
    if worded := _WORDED.fullmatch(stripped):
        scale = _WORD_SCALE[worded["word"].lower().rstrip("s")]
        raise bad(f"{text!r} writes its scale as a word", f"write {worded['amount']}{scale}")
    raise bad(f"{shown(text)} is not an amount", _write_amount(stripped))


_WORDED = re.compile(
    rf"(?P<amount>{FIGURE})[ \u00a0]*(?P<word>thousands?|millions?|billions?)", re.IGNORECASE
)
_WORD_SCALE = {"thousand": "k", "million": "M", "billion": "B"}
_WORD_AT_END = re.compile(r"(?<=\d)[ \u00a0]*(?P<word>thousands?|millions?|billions?)$", re.I)
"""`1.39 million`: what a client's brief writes, told as the same figure (`1.39M`) where it
was told "write an amount such as 6200000" (review user52)."""


_CURRENCY = re.compile(r"[$€£¥]|^[A-Z]{3}(?=[\s\d])|(?<=[\d\s])[A-Z]{3}$")
"""A currency symbol anywhere, or an ISO code before or after the figure (USD 62000,
62000 USD)."""
_SPACED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?:\s*(?:[kKMB]|bn))?")
"""Thousands set apart by spaces, as French and Swiss figures are written: 62 000."""
_TAIL = r"(?P<scale>\s*(?:%|[a-zA-Z]+))?"
"""What may follow a figure: a scale (62k, 2.5M), a percent sign or a unit (7,5m)."""
_SEPARATED = re.compile(
    r"(?P<whole>\d{1,3}(?P<sep>[,\s\u00a0\u202f])\d{2,3}(?:(?P=sep)\d{2,3})*(?<=\d{3}))"
    rf"(?P<fraction>\.\d+)?{_TAIL}"
)
_DECIMAL_COMMA = re.compile(rf"(?P<whole>\d{{1,3}}(?:\.\d{{3}})+|\d+),(?P<fraction>\d+){_TAIL}")
_DOTTED = re.compile(rf"(?P<whole>\d{{1,3}}(?:\.\d{{3}}){{2,}}){_TAIL}")
"""Thousands set apart by dots (1.234.567): two dots are never a decimal point."""


def _write_amount(text: str) -> str:
    """What to write for an amount written with a currency symbol or separators; a scale in
    words is written as its letter (`$1.39 million`, `1,39 million`: review user52)."""
    text = squeezed(text)
    if len(text) < 60 and (worded := _WORD_AT_END.search(text)):
        text = text[: worded.start()] + _WORD_SCALE[worded["word"].lower().rstrip("s")]
    if _MONEY.fullmatch(text):
        return f"write {text}"
    return (
        write_figure(text)
        or _write_exponent(text)
        or "write an amount such as 6200000, 6_200_000 or 6.2M"
    )


_EXPONENT = re.compile(r"\+?\d+(?:\.\d+)?[eE][+-]?\d{1,2}")


def _write_exponent(text: str) -> str | None:
    """An amount quoted in scientific notation written out: `"6.2e4"` is text to YAML, where
    unquoted 6.2e4 is the number 62000, and was told "write an amount such as 6200000"
    (review user60); None for anything else, or past the largest amount."""
    if not _EXPONENT.fullmatch(text):
        return None
    amount = Decimal(text)
    return f"write {amount.normalize():f}" if amount <= MONEY_MAX else None


def write_figure(text: str) -> str | None:
    """What to write for a figure written with separators or a decimal comma, as the same
    figure, never another; None when it is neither. A comma that may be either a thousands
    separator or a decimal comma (1,250M) gets both readings; one that can only be a decimal
    comma (2,5M, 2.480,50, 32,5%) gets the decimal point, never the digits run together
    (25M is ten times 2,5M)."""
    text = squeezed(text)
    grouped = _SEPARATED.fullmatch(text)
    decimal = _DECIMAL_COMMA.fullmatch(text)
    dotted = _DOTTED.fullmatch(text)
    readings = []
    if grouped:
        whole = re.sub(r"\D", "", grouped["whole"])
        rest = f"{grouped['fraction'] or ''}{(grouped['scale'] or '').strip()}"
        readings.append(f"{whole}{rest} or {int(whole):_}{rest}")
    if decimal:
        whole = decimal["whole"].replace(".", "")
        # Read as a decimal comma, 62,000 is 62: told "62.000", a dot before three digits
        # that the money reader asks about as a dot between thousands (review user60); a
        # scaled figure keeps them (1.540M is read as written).
        plain = grouped and not decimal["scale"]
        fraction = decimal["fraction"].rstrip("0") if plain else decimal["fraction"]
        point = f".{fraction}" if fraction else ""
        readings.append(f"{whole}{point}{(decimal['scale'] or '').strip()}")
    if dotted:
        whole, scale = dotted["whole"].replace(".", ""), (dotted["scale"] or "").strip()
        readings.append(f"{whole}{scale} or {int(whole):_}{scale}")
    if len(readings) == 2:
        return f"write {readings[0]}; {readings[1]} if the comma is a decimal point"
    if readings:
        return f"write {readings[0]}"
    return None


def minor(currency: str) -> Decimal:
    """The smallest amount of ``currency`` (ISO 4217's minor unit): 0.01 USD, 1 JPY,
    0.001 KWD. Money is computed to it and shown in it."""
    return Decimal(1).scaleb(-minor_units(currency))


def fmt_money(amount: Decimal, currency: str = "", *, cents: bool = False) -> str:
    """An amount in the currency's minor units, whole amounts without them: 7,275,075 EUR,
    48,500.50 EUR, 32,437,088 JPY (the yen has no cents), 1,250.125 KWD; with ``cents``,
    whole amounts with them too (7,275,075.00 EUR), for a column where another has them."""
    digits = minor_units(currency)
    # Rounded here by the same rule as the figure was worked out (a format spec would round
    # half to even), so an amount shown is the amount compared.
    text = f"{round_money(amount, Decimal(1).scaleb(-digits)):,.{digits}f}"
    if digits and not cents:
        text = text.removesuffix("." + "0" * digits)
    return f"{text} {currency}".strip()


def fmt_amount(amount: Decimal, currency: str, *, cents: bool = False) -> str:
    """An amount in the currency's minor units, without its code: a table column headed by
    it (a diff's BHD budget is 114,959.035, never 114,959.04)."""
    shown = fmt_money(amount, currency, cents=cents)
    return shown.removesuffix(f" {currency}") if currency else shown


def any_cents(amounts: Iterable[tuple[Decimal | None, str]]) -> bool:
    """Whether any of the amounts (each with its currency) shows minor units: then a table
    shows every amount of its column with them, so that a client's deck reads 1,283,400.00
    above 82,800.50, decimal points in line (review user59: 1,283,400 above 82,800.50)."""
    return any(a is not None and "." in fmt_money(a, c) for a, c in amounts)


def _money_schema() -> dict[str, Any]:
    texts = []
    for suffix, scale in (("", 1), ("[kK]", 10**3), ("M", 10**6), ("(?:B|bn)", 10**9)):
        end = rf"\s*{suffix}"
        limit = rx.within(None, MONEY_MAX / scale, end + r"\s*$", underscores=True)
        texts.append(limit + FIGURE + end)
    return {
        "anyOf": [
            {"type": "number", "minimum": 0, "maximum": int(MONEY_MAX)},
            {"type": "string", "pattern": rf"^\s*(?:{'|'.join(texts)})\s*$"},
        ],
        "examples": [6200000, "6.2M", "62k", "6_200_000"],
    }


Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    WithJsonSchema(_money_schema()),
    PlainSerializer(str, return_type=str),
]
"""An amount from 0 to 10 trillion: 6200000, 6_200_000, 6.2M or 62k."""


_CURRENCY_NAMES = {
    "$": "the code of the dollar you mean: USD, CAD, AUD, NZD, SGD, HKD …",
    "us$": "USD",
    "us dollar": "USD",
    "us dollars": "USD",
    "dollar": "the code of the dollar you mean: USD, CAD, AUD, NZD, SGD, HKD …",
    "dollars": "the code of the dollar you mean: USD, CAD, AUD, NZD, SGD, HKD …",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "pound sterling": "GBP",
    "sterling": "GBP",
    "¥": "JPY for the yen, CNY for the yuan",
    "yen": "JPY",
    "yuan": "CNY",
    "rmb": "CNY",
    "₹": "INR",
    "rupee": "INR",
    "rupees": "INR",
    "chf": "CHF",
    "swiss franc": "CHF",
    "swiss francs": "CHF",
    "c$": "CAD",
    "a$": "AUD",
    "r$": "BRL",
    "kr": "the code of the krone or krona you mean: SEK, NOK, DKK or ISK",
}
"""A currency written as its sign or its name, and the ISO 4217 code to write for it."""


def parse_currency(value: Any) -> str:
    if not isinstance(value, str) or value.upper() not in ISO_4217:
        meant = _CURRENCY_NAMES.get(re.sub(r"[\s.]+", " ", str(value)).strip().lower())
        raise bad(
            f"{shown(value)} is not an ISO 4217 currency code",
            f"write {meant}" if meant else "write e.g. USD, EUR or GBP",
        )
    if value != value.upper():
        raise bad(f"{shown(value)} must be upper case", f"write {value.upper()}")
    return value


Currency = Annotated[
    str,
    BeforeValidator(parse_currency),
    WithJsonSchema({"type": "string", "enum": sorted(ISO_4217)}),
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


def calendar_note(month: bool, spread: str) -> str:
    """The assumption line that says how long a month and a year are, as `check` and `staff`
    state it (``month``: a figure is given per month, so its length is said too), and what
    is ``spread`` over them: a planner checking 30,000 calls a month by hand takes 4.33,
    4.345 or 4.348 weeks, and 2,080 paid hours a year are 40 or 39.86 a week, by 52 or 52.18
    weeks (review calc50 F2, p-fix51o 4 and 7)."""
    days = PERIOD_HOURS["year"] / 24
    year = f"{float(days):g} days ({float(PERIOD_HOURS['year'] / 168):.2f} weeks)"
    if month:
        weeks = f"{float(PERIOD_HOURS['month'] / 168):.3f} weeks"
        return f"calendar: a month is {float(days):g} ÷ 12 days ({weeks}), a year {year}; {spread}"
    return f"calendar: a year is {year}; {spread}"


def exact(value: Decimal | int | Fraction) -> Fraction:
    """A plan's number as an exact fraction."""
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


PER_TEXT = rx.one_of(_PER)
_HOURS_PER = re.compile(rf"\s*(?P<amount>{FIGURE})\s*/\s*(?P<per>{PER_TEXT})\s*")


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def dot_between_thousands(
    amount: Decimal, noun: str, most: Decimal | Fraction | None = None, per: str = ""
) -> tuple[str, str] | None:
    """The question a figure written with three decimals asks where a thousand times it is as
    plain a reading: `1.800/year` is most often 1,800 hours written with a dot between
    thousands, and read as 1.8 it priced a plan's staff at a thousandth of their hours (review
    attack56 d). ``noun`` names what the figure counts (``hours a year``), ``per`` the unit
    written after it (``/year``); None where no such reading is there: fewer or more decimals,
    zero, 1000 and over, or a thousand times it past ``most``."""
    if not amount.is_finite() or amount.as_tuple().exponent != -3:
        return None
    if amount <= 0 or amount >= 1000:
        return None
    thousands = (amount * 1000).quantize(Decimal(1))
    if most is not None and thousands > most:
        return None
    exact_figure = amount.normalize()
    plain = f"{exact_figure:f}" if int(exact_figure.as_tuple().exponent) > -3 else f"{amount:f}0"
    return (
        f"{amount}{per} has three decimals: is the dot between thousands?",
        f"write {thousands}{per} for {thousands:,}{' ' + noun if noun else ''}, or {plain}{per} "
        f"for {exact_figure:f}",
    )


NOT_PAID_PER = ("day", "hour")
"""Periods paid hours are not written per: 7.5/day read as every calendar day is 2,739 paid
hours a year, which cut the staff a plan needs by 29% (review calc31 F2); a working day's
hours times the days worked a week is the planner's to say."""


def parse_per_year(value: Any) -> Fraction:
    """Paid hours a year, exactly: '1800/year', '40/week' or a bare number of hours a year.

    A rational, not a Decimal: 40/week is 40 × 8766 ÷ 168 hours a year, which no decimal
    holds, and a week's hours must come back as exactly 40 when they are divided out again.
    """
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        amount, per, written = Decimal(value), "year", ""
    elif isinstance(value, str) and (match := _HOURS_PER.fullmatch(value)):
        amount, per = Decimal(match["amount"].replace("_", "")), _PER[match["per"].lower()]
        written = f"/{match['per']}"
    else:
        raise bad(f"{shown(value)} is not hours per period", "write e.g. 1800/year or 40/week")
    if per in NOT_PAID_PER:
        week = f"{5 * amount.normalize():f}/week for a five-day week" if per == "day" else "40/week"
        raise bad(
            f"{value} is ambiguous: paid hours are worked on working days, not every {per}",
            f"write the hours a week or a year, e.g. {week}, or 1800/year",
        )
    if not amount.is_finite():  # `.inf` was "Infinity must be more than zero"
        raise bad(f"{shown(value)} is not hours per period", "write e.g. 1800/year or 40/week")
    if amount <= 0:
        raise bad(
            f"{as_said(value)} must be more than zero",
            "write e.g. 1800/year",
        )
    if asked := dot_between_thousands(
        amount, f"hours a {per}", _decimal(PERIOD_HOURS[per]), written
    ):
        raise bad(*asked)
    if exact(amount) > PERIOD_HOURS[per]:
        raise bad(
            f"{as_said(value)} is more hours than a {per} has",
            f"write at most {_decimal(PERIOD_HOURS[per]):f}/{per}, e.g. 1800/year",
        )
    return Fraction(amount) * PERIOD_HOURS["year"] / PERIOD_HOURS[per]


def _hours_per_schema() -> dict[str, Any]:
    texts = []
    for period, hours in PERIOD_HOURS.items():
        if period in NOT_PAID_PER:
            continue
        per = rx.one_of(name for name, full in _PER.items() if full == period)
        end = rf"\s*/\s*{per}"
        fits = rx.within(
            Decimal(0), _decimal(hours), end + r"\s*$", low_open=True, underscores=True
        )
        texts.append(fits + FIGURE + end)
    return {
        "anyOf": [
            {"type": "number", "exclusiveMinimum": 0, "maximum": int(PERIOD_HOURS["year"])},
            {"type": "string", "pattern": rf"^\s*(?:{'|'.join(texts)})\s*$"},
        ],
        "examples": ["1800/year", "40/week"],
    }


def _hours_number(value: Fraction) -> int | float:
    """Hours a year as JSON writes a number (the schema's default reads 2080)."""
    return value.numerator if value.denominator == 1 else float(value)


HoursPerYear = Annotated[
    Fraction,
    BeforeValidator(parse_per_year),
    WithJsonSchema(_hours_per_schema()),
    PlainSerializer(_hours_number, return_type=float),
]
"""Paid hours a year, as an exact rational: 1800/year, 40/week, or a number of hours a year."""


FIGURES = Context(prec=100)
"""The context arithmetic on a figure as written is done in: a number cs-align reads has at
most MAX_DIGITS digits, and Decimal's default of 28 rounded it when scaled (k, M) or made a
share (÷ 100) or a percent (× 100): `staff --volume 888…8k/h` (30 digits) was told "write
888888888888888888888888888900000/hour", and a share of 99.999…9% (31 nines) read as 100%
(review input59). 100 digits hold any such figure exactly."""
_CENTS = FIGURES


def as_percent(share: Decimal) -> str:
    """A share as the percentage written, every digit kept: 0.99999999 → 99.999999."""
    return f"{FIGURES.multiply(share, 100).normalize(FIGURES):f}"


"""The context money is rounded to its minor unit in. Decimal's default (28 digits) cannot
hold a cent-exact figure past 10^26, which a plan's inputs can still ask for: the staff a
shrinkage of 99.9999999999999999999% needs cost 10^28 a year, and quantizing it stopped the
run as an internal error (review attack49 A01). Such a need is now refused as unusable
input (`sizing.MAX_FTE`, review p-fix51o 6); the wide context stays, so that no figure
within the bound is ever rounded to the default's digits."""


def round_money(amount: Decimal, unit: Decimal) -> Decimal:
    """``amount`` to ``unit`` (a currency's minor unit), half a unit up: the one rule for
    money cs-align works out, as budget holders round. Half-to-even (Decimal's default)
    sent a half-yen shortfall to the even neighbour, so 12,500,012.5 JPY passed a line of
    12,500,012 and 13,500,013.5 failed one of 13,500,013 (review calc41 F4). Only a rule
    that needs a direction rounds otherwise, and says so: a floor up, a cap down.

    "Up" is towards more money for a negative amount too (a cut, a saving): half a fils of
    −2,700.0375 KWD is −2,700.037, so a cut's money is the change of the rounded costs
    (14 FTE at 9,000.125 = 126,001.750, 13.7 = 123,301.713: −2,700.037). Decimal's
    ROUND_HALF_UP rounds away from zero and said −2,700.038 beside them (review calc49 D6)."""
    if amount < 0:
        # copy_abs and copy_negate are exact: unary minus would round to 28 digits.
        rounded = amount.copy_abs().quantize(unit, rounding=ROUND_HALF_DOWN, context=_CENTS)
        return rounded.copy_negate() if rounded else rounded  # never "-0"
    return amount.quantize(unit, rounding=ROUND_HALF_UP, context=_CENTS)


def round_up(amount: Decimal, unit: Decimal) -> Decimal:
    """``amount`` up to ``unit``: for a floor a rule asks for (goodwill's least share), which
    a figure rounded half up could leave a fraction of a unit short of."""
    return amount.quantize(unit, rounding=ROUND_CEILING, context=_CENTS)


def round_down(amount: Decimal, unit: Decimal) -> Decimal:
    """``amount`` down to ``unit``: for a cap (the most goodwill or a budget change may be),
    which a figure rounded half up could pass by a fraction of a unit."""
    return amount.quantize(unit, rounding=ROUND_FLOOR, context=_CENTS)


def scale(amount: Decimal, factor: Fraction, places: Decimal = Decimal("0.01")) -> Decimal:
    """Money × an exact rational, rounded once at the end, half up (`round_money`), to cents
    unless told."""
    exact = FIGURES.divide(FIGURES.multiply(amount, factor.numerator), factor.denominator)
    return round_money(exact, places)


def split_cost(
    cost: Decimal, ftes: Mapping[str, Fraction], places: Decimal = Decimal("0.01")
) -> dict[str, Decimal]:
    """Each part's share of the loaded ``cost`` of all the FTE in ``ftes``, to the minor unit
    ``places``, adding up to their cost rounded once (``scale``): rounded down, then a unit
    more to the parts with the largest remainders (review calc19 K6: channels adding up to
    31,172.589 beside 31,172.590). Every command prices a channel's shortfall so, beside a
    total or alone (review calc44 K02: `whatif` said 76,364.25 EUR where `promise` and the
    report, rounding the channel alone, said 76,364.26)."""
    total = scale(cost, sum(ftes.values(), Fraction(0)), places)
    unit = Fraction(places)
    exact = {k: Fraction(cost) * fte / unit for k, fte in ftes.items()}
    units = {k: math.floor(v) for k, v in exact.items()}
    left = int(total / places) - sum(units.values())
    for k in sorted(exact, key=lambda k: units[k] - exact[k])[: max(left, 0)]:
        units[k] += 1
    return {k: n * places for k, n in units.items()}


def period_name(value: Any) -> str:
    name = _PER.get(value.strip().lower()) if isinstance(value, str) else None
    if not name:
        raise bad(f"{shown(value)} is not a period", "write hour, day, week, month or year")
    return name


Per = Annotated[
    str,
    BeforeValidator(period_name),
    WithJsonSchema({"type": "string", "pattern": rf"^\s*{PER_TEXT}\s*$", "examples": ["month"]}),
]
"""A period: hour, day, week, month or year (h, d, w, wk, mo, y, yr)."""


# ---- plain figures, whole numbers and dates -----------------------------------------------

_FIGURE_RE = re.compile(rf"\s*{FIGURE}\s*")


_NUMBER_AND_WORD = re.compile(
    rf"\s*(?P<number>{FIGURE})\s*(?P<word>(?![eE][+-]?\d)[^\W\d_][\w .]*?)\s*"
)
"""A number with a word after it: 16.2 FTE, 120h, 4 hours."""


def write_number(text: str) -> str | None:
    """What to write for a number written with separators, a decimal comma or a word after
    it (the field's name says its unit), or None. A number in scientific notation is that
    number written out, not a number with a word: "1e3" quoted was "write 1 (… no 'e3')"
    where the plan reads 1e3 unquoted as 1000."""
    from cs_align.yamlsafe import classify_plain

    value, problem = classify_plain(squeezed(text).strip())
    if problem is not None and any(c.isdigit() for c in text):
        return problem[1].split(", or quote it")[0]  # 1e400: "write a realistic figure"
    if isinstance(value, Decimal) and value.is_finite():
        return f"write {_figure(value)}"
    if match := _NUMBER_AND_WORD.fullmatch(squeezed(text)):
        return _without_word(squeezed(text).strip(), match["number"], match["word"])
    return write_figure(text)


_SCALE_WORDS = {"k": 3, "K": 3, "thousand": 3, "M": 6, "million": 6, "B": 9, "bn": 9, "billion": 9}
"""Scales a figure may carry, by exponent: `9k` contacts are 9000, never 9. `m` is not one
(it is minutes); words are read in any case, letters as written."""

_OTHER_UNITS = frozenset(unit for unit, seconds in _UNIT_SECONDS.items() if seconds != 3600) | {
    *("w", "wk", "wks", "week", "weeks", "mo", "month", "months"),
    *("y", "yr", "yrs", "year", "years"),
}
"""Units of time other than the hour: the only unit a plain figure's field (hours of
training a year, hours a month) names is the hour, so `2 weeks` is not 2 of them."""


def _without_word(text: str, number: str, word: str) -> str:
    """What to write for a figure with a word after it: the figure alone where the word is
    the field's unit (`16.2 FTE`, `120h`), the figure scaled where it is a scale, and no
    figure where the word changes it: `contacts: 9k` was told "write 9", `training_hours_
    per_agent: 2 weeks` "write 2", `agents: 0x10` "write 0" (review input62)."""
    exponent = _SCALE_WORDS.get(word, _SCALE_WORDS.get(word.lower()) if len(word) > 2 else None)
    if exponent is not None:
        scaled = _figure(Decimal(number).scaleb(exponent))
        return f"write {scaled} ({text} is {scaled}; the figure is written out in digits)"
    if number.lstrip("0") == "" and word[:1].lower() in "xob":
        try:
            value = int(text, 0)
        except ValueError:
            return "write the figure in decimal digits"
        return f"write {value} (figures are read in decimal digits: {text} is {value})"
    if word.lower() in _OTHER_UNITS:
        return f"write the figure alone, in the unit the field's name says: {text} is not {number}"
    return f"write {number} (the field's name says its unit: no {word!r})"


_PERCENT_OF = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%\s*")


def bounded(
    low: int, high: int, what: str = "", example: str = "", least: Decimal | None = None
) -> Callable[[Any], Decimal]:
    """A parser of numbers from ``low`` to ``high``, written as numbers or as text; ``what``
    the figure is and an ``example`` of one make the message of one out of range. ``least``:
    the smallest a later check takes, said as the range's start (an exchange rate was told
    "write a number from 0 to 1000000000", and 0 and 0.0000001 are refused after)."""
    start = _figure(least) if least is not None else str(low)

    def parse(value: Any) -> Decimal:
        if isinstance(value, str) and _FIGURE_RE.fullmatch(value):
            value = Decimal(value.replace("_", ""))
        number = None if isinstance(value, str) else _number(value)
        if number is None or not number.is_finite():
            fix = write_number(value) if isinstance(value, str) else None
            if what and isinstance(value, str) and (share := _PERCENT_OF.fullmatch(value)):
                # `peak_factor: 130%` was told "write a number, e.g. 42 or 12.5".
                times = _figure(FIGURES.divide(Decimal(share[1]), 100))
                fix = f"write {times} (a {what} is a number of times, not a percentage)"
            raise bad(f"{shown(value)} is not a number", fix or "write a number, e.g. 42 or 12.5")
        if what and not low <= number <= high:
            side = f"below {start}, the smallest" if number < low else f"above {high}, the largest"
            raise bad(
                f"{_figure(number)} is {side} {what}",
                f"write a number from {start} to {high}" + (f", e.g. {example}" if example else ""),
            )
        if number < low:
            raise bad(f"{_figure(number)} is below {low}", f"write a number of at least {low}")
        if number > high:
            raise bad(f"{_figure(number)} is above {high}", f"write a number of at most {high}")
        return number

    return parse


def _figure(number: Decimal) -> str:
    """A number as digits (1e9 read by YAML is 1000000000, not Python's 1E+9)."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def plan_number(label: str, text: str) -> Any:
    """An option's text read as a plan reads the same unquoted value: `1e9`, `+1.3`, `.5`,
    `3e-1` and `1_000` are numbers in a plan, so they are numbers here (user45 U08:
    `--peak-factor 1e9` was "not a number"); other text is left to the option's parser.
    A number a plan refuses (`1e400`, `042`, `1_000_`) is refused as there."""
    from cs_align.errors import usage

    plain_digits(label, text)
    try:
        return read_as_plan(text)
    except PydanticCustomError as exc:
        ctx = exc.context or {}
        raise usage(f"{label} {text!r}: {ctx['message']}", str(ctx["fix"])) from None


def read_as_plan(text: str) -> Any:
    """Text read as a plan reads the same unquoted value: a number (`2e5`, `+1.3`, `1_000`)
    as an exact number, other text as it is; a number a plan refuses (`1e400`, `042`,
    `1_000_`) is refused as there (`bad`). What `plan_number` reads an option's text by, and
    a setting's text where a number is one part of it (a guardrail's `2e5:warn`)."""
    from cs_align.yamlsafe import classify_plain

    value, problem = classify_plain(text.strip()) if text.strip() else (text, None)
    if problem is not None and any(c.isdigit() for c in text):
        fix = problem[1].split(", or quote it")[0]  # no YAML to quote in
        raise bad(problem[0], fix)  # 042, 1_000_, 1e400
    if problem is None and isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    return text


def figure_schema(low: int, high: int) -> dict[str, Any]:
    """Numbers from ``low`` to ``high``, or the same as text: `40_000` is text to YAML 1.2
    editors and a number to cs-align's reader, so the schema takes both."""
    text = rx.within(Decimal(low) if low else None, Decimal(high), r"\s*$", underscores=True)
    return {
        "anyOf": [
            {"type": "number", "minimum": low, "maximum": high},
            {"type": "string", "pattern": rf"^\s*{text}{FIGURE}\s*$"},
        ]
    }


def _whole(value: Any) -> Any:
    if isinstance(value, str | bool):
        raise bad(
            f"{shown(value)} is not a whole number", "write a whole number, e.g. 2 (unquoted)"
        )
    return value


WHOLE = BeforeValidator(_whole)
"""For whole numbers: text and true/false are refused, as the schema's `integer` refuses
them. It goes after any range (`Annotated[int, Field(ge=1), WHOLE]`), which pydantic can
then still state in the schema."""

_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        fix = _write_date(value) if isinstance(value, str) else None
        raise bad(f"{shown(value)} is not a date", fix or "write YYYY-MM-DD, e.g. 2027-01-01")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad(
            f"{value} is not a day of the calendar", "write YYYY-MM-DD, e.g. 2027-01-31"
        ) from None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NUMERIC_DATE = re.compile(r"\s*(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})\s*")
_DAY_MONTH = re.compile(
    r"\s*(?:(\d{1,2})\.?\s+([a-zA-Z]{3,})\.?|([a-zA-Z]{3,})\.?\s+(\d{1,2}))"
    r"(?:st|nd|rd|th)?,?\s+(\d{4})\s*"
)  # 31 Dec 2027, December 31st, 2027
_DATE_AND_TIME = re.compile(
    r"\s*(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*"
)


def _write_date(text: str) -> str | None:
    """What to write for a date written another way than YYYY-MM-DD: the same day, both
    readings where the day and month could be either (01/02/2027), or None."""

    def day(year: int, month: int, of: int) -> dt.date | None:
        try:
            return dt.date(year, month, of)
        except ValueError:
            return None

    text = squeezed(text)
    if match := _DATE_AND_TIME.fullmatch(text):
        return f"write {match[1]} (a date, without the time)"
    if match := _DAY_MONTH.fullmatch(text):
        of, name = (match[1], match[2]) if match[1] else (match[4], match[3])
        month = _MONTHS.index(name[:3].lower()) + 1 if name[:3].lower() in _MONTHS else 0
        found = day(int(match[5]), month, int(of)) if month else None
        return f"write {found.isoformat()}" if found else None
    if (match := _NUMERIC_DATE.fullmatch(text)) is None:
        return None
    first, second, last = int(match[1]), int(match[3]), int(match[4])
    if len(match[1]) == 4:  # 2027/12/31
        found = day(first, second, last)
        return f"write {found.isoformat()}" if found else None
    if len(match[4]) != 4:
        return None
    day_first, month_first = day(last, second, first), day(last, first, second)
    if day_first and month_first and day_first != month_first:
        return (
            f"write {day_first.isoformat()} if {first} is the day, "
            f"{month_first.isoformat()} if it is the month"
        )
    found = day_first or month_first
    return f"write {found.isoformat()}" if found else None


Date = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": f"^{_DATE.pattern}$"}),
]
"""A calendar date written YYYY-MM-DD."""
