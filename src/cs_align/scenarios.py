"""What-if scenarios: `--vary KEY=V[,V…]` as users write it.

Every scenario is a set of changed inputs to the one sizing model (`metrics.compute`,
through `cs_align.inputs`); this module reads the user's words and says what they change:

- ``volume=+10%`` (relative; every channel's contacts);
- ``aht=+30s`` (seconds added to every channel's handle time) or ``aht=+10%`` (relative);
- ``shrinkage=35%`` (the value), ``+5pt`` (points added) or ``+10%`` (relative);
- ``attrition=35%``, ``+10pt`` or ``+50%`` likewise (see `cs_align.inputs`);
- ``agents=-5%`` (relative), ``agents=-3`` (FTE added to the total, spread over the
  channels in proportion to their planned FTE) or ``agents=120`` (the total FTE).

Each value is bounded (:data:`LIMITS`), for `--vary` and the config's resilience stress
alike: a relative change from -100% (not included) to +1000%, handle time moved by at most
24 hours, shares by at most 100 points, staff by at most 10^9 FTE. Past these a stress
describes no plan, and only makes the sizing work harder.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from cs_align.errors import UsageError, usage
from cs_align.units import FIGURES, plain_digits

KEYS = ("volume", "aht", "shrinkage", "attrition", "agents")
DEFAULT = (
    ("volume", ("-30%", "-20%", "-10%", "+10%", "+20%", "+30%")),
    ("aht", ("-10%", "+10%")),
    ("shrinkage", ("+5pt",)),
)
"""The one-at-a-time set `whatif` and reports use when no `--vary` is given."""
MAX_SCENARIOS = 10_000
MAX_RELATIVE = Fraction(11)
"""+1000%: the largest relative change (a factor of 11)."""
MAX_SECONDS = Fraction(24 * 3600)
"""The most seconds `aht=±…` may add to or take from every handle time."""
MAX_POINTS = Fraction(1)
"""100 points: the most `+…pt` may move a share."""
MAX_FTE = Fraction(10**9)
"""The most FTE `agents=…` may set or add (a plan's own figures stop there too)."""
LIMITS = "+1000% (relative), ±24h (aht), ±100pt (shares), 10^9 FTE (agents)"
_VALUE = re.compile(
    r"(?P<sign>[+-])?\s*(?P<number>(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)"
    r"(?:[eE][-+]?[0-9]+)?)\s*(?P<unit>%|pt|pts|points?|[a-z]+)?",
    re.IGNORECASE,
)
_FORMS = {
    "volume": "+10% or -20% (relative to the plan)",
    "aht": "+30s, -1m (added to every handle time) or +10% (relative)",
    "shrinkage": "35% (the value), +5pt (points added) or +10% (relative)",
    "attrition": "35% (the value), +10pt (points added) or +50% (relative)",
    "agents": "-5% (relative), -3 (FTE added to the total) or 120 (the total FTE)",
}


@dataclass(frozen=True)
class Vary:
    """One input changed one way: ``aht=+30s``."""

    key: str
    text: str
    """The value as the user wrote it, tidied: +30s, 35%, +5pt."""
    how: str
    """relative (a factor), points (added to a share), value (instead of the plan's), or
    amount (seconds or FTE added)."""
    number: Fraction
    """The factor, the points or value as a share, the seconds or FTE."""

    def __str__(self) -> str:
        return f"{self.key} {self.text}"


@dataclass(frozen=True)
class Scenario:
    varies: tuple[Vary, ...] = ()
    asked: bool = True
    """Whether the user asked for it (`--vary`), not a default stress: a default that takes
    an input out of range (shrinkage +5pt on 97%) is left out and said so, not exit 2."""

    @property
    def name(self) -> str:
        return ", ".join(str(v) for v in self.varies) or "as planned"

    def value(self, key: str) -> Vary | None:
        return next((v for v in self.varies if v.key == key), None)


AS_PLANNED = Scenario()


_THOUSANDS = re.compile(r"(?<![\d.])[+-]?\d{1,3}(?:,\d{3})*,0\d\d(?:,\d{3})*(?:\.\d+)?(?![\d.])")
"""A figure with a thousands comma no list of values can mean: a group `000` or `050` after
a digit (`12,000`, `1,050`, `12,000.5`), which no one writes as a value of its own. `1,200`
is left to read as the two values it also is (`agents=100,120` is a list)."""
_WHOLE = re.compile(r"[+-]?[0-9]+")
_BARE = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def parse_vary(option: str) -> tuple[str, tuple[Vary, ...]]:
    """``volume=+10%,+20%`` → ('volume', (Vary, Vary)); exit 2 with the fix when unusable."""
    plain_digits("--vary", option, lists=True)
    key, sep, values = option.partition("=")
    key = key.strip().lower()
    if key in ("handle_time", "handle-time"):
        key = "aht"
    if not sep or key not in KEYS:
        raise usage(
            f"--vary {option!r}: name one of {', '.join(KEYS)} and its values",
            "write e.g. --vary volume=+10%,+20% or --vary aht=+30s",
        )
    if grouped := _THOUSANDS.search(values):  # `volume=12,000` was "volume=12: not a value"
        figure = grouped[0]
        raise usage(
            f"--vary {option!r}: {figure} is one figure written with a thousands comma, and "
            "--vary parts its values at commas",
            f"write {figure.replace(',', '')}, without the comma (e.g. {key}={_FORMS[key]})",
        )
    parts = [p.strip() for p in values.split(",")]
    _decimal_comma(option, key, parts)
    if not any(parts):
        raise usage(f"--vary {option!r}: no values", f"write e.g. {key}={_FORMS[key]}")
    if "" in parts:  # `+10%,,+20%`: a value left out, or a typo (review input31 F12)
        kept = ",".join(p for p in parts if p)
        raise usage(
            f"--vary {option!r}: an empty value (two commas together, or one at an end)",
            f"write {key}={kept}",
        )
    if any("=" in p for p in parts):  # review user26 U6
        _many_inputs(option, key, values)
    _parted_otherwise(option, key, parts)
    return key, tuple(parse_value(key, p) for p in parts)


_OTHER_PARTS = re.compile(r"\s*[;/]\s*|\s+")


def _parted_otherwise(option: str, key: str, parts: list[str]) -> None:
    """Refuse values parted by a semicolon, a slash or a blank, each of which --vary reads,
    with the list written with commas: `volume=+10%;+20%` was told only "not a value for
    volume — write volume=+10% or -20%" (review user61). `aht=+1m 30s` is one value."""
    pieces = [piece for part in parts for piece in _OTHER_PARTS.split(part) if piece]
    if len(pieces) == len(parts):
        return
    try:
        for piece in pieces:
            parse_value(key, piece)
    except UsageError:
        return
    raise usage(
        f"--vary {option!r}: {' and '.join(pieces)} are {len(pieces)} values, and --vary parts "
        "its values at commas",
        f"write {key}={','.join(pieces)}",
    )


_INPUTS = re.compile(r"\s*[,;]\s*|\s+(?=[^\s,;=]+\s*=)")
"""Where values written after ``key=`` part, to tell each input its own --vary: at commas, and
at a semicolon or a blank before another input (`volume=+10%;aht=+5%`, as lists are written
elsewhere, was told "--vary volume=+10% or -20% … --vary +10%;aht=+5%", review user61)."""


def _many_inputs(option: str, key: str, values: str) -> None:
    """Refuse one --vary naming several inputs, with the options that vary each (exit 2)."""
    parts = [p for p in _INPUTS.split(values.strip()) if p]
    at = next(i for i, p in enumerate(parts) if "=" in p)
    groups = [f"{key}={','.join(parts[:at]) or _FORMS[key]}"]
    for part in parts[at:]:  # each input with its own values (review final28 R4)
        if "=" in part:
            groups.append("".join(part.split()))
        else:
            groups[-1] += f",{part}"
    raise usage(
        f"--vary {option!r}: {parts[at]} is another input, and one --vary varies one",
        "repeat the option: " + " ".join(f"--vary {g}" for g in groups),
    )


def _decimal_comma(option: str, key: str, parts: list[str]) -> None:
    """Refuse a figure written with a decimal comma, which --vary would part into two values
    (review reattack58): `agents=-0,5` ran agents -0 (the plan as it is) and agents 5 (a
    total of 5 FTE), exit 0; `agents=+1,5` agents +1 and a total of 5; `agents=1,05` was
    told "`05` has a leading zero ... write 5", and `volume=+10,5%` "volume=+10: not a
    value". A whole number, then a value with no sign that begins with 0 and a digit (`05`),
    has a unit (`5%`, `5m`), or follows a signed one (`+1,5`: a change, then a total) is
    one figure. `agents=16,5` stays the two totals it also is; `agents=5,-1` two values."""
    for before, after in itertools.pairwise(parts):
        if not _WHOLE.fullmatch(before) or not after[:1].isdigit():
            continue
        bare = _BARE.fullmatch(after) is not None
        if not (after[:2].isdigit() and after[0] == "0") and bare and before[0] not in "+-":
            continue
        figure = f"{before},{after}"
        comma, fix = "a decimal comma", f"write {before}.{after}, with a decimal point"
        if bare and len(after) == 3:  # `-3,120`: a thousands comma as well
            comma = "a comma"
            fix = f"write {before}{after} (a thousands comma) or {before}.{after} (a decimal one)"
        if bare and before[0] in "+-" and after[0] != "0" and int(before):
            # Two values, a change and a total, read as written once the total comes first.
            ordered = [p for p in parts if p[:1] not in "+-"] + [p for p in parts if p[:1] in "+-"]
            fix += f"; for the values {before} and {after}, write {key}={','.join(ordered)}"
        raise usage(
            f"--vary {option!r}: {figure} reads as one figure written with {comma}, "
            "and --vary parts its values at commas",
            fix,
        )


def parse_value(key: str, text: str) -> Vary:
    """One value of one key, e.g. ('aht', '+30s'), within :data:`LIMITS`."""
    vary = _parse_value(key, text.strip())
    if not _bounded(vary):
        raise usage(
            f"--vary {key}={text.strip()}: beyond what a stress can mean",
            f"stay within {LIMITS}",
        )
    return vary


def _bounded(vary: Vary) -> bool:
    if vary.how == "relative":
        return vary.number <= MAX_RELATIVE
    if vary.how == "points":
        return abs(vary.number) <= MAX_POINTS
    if vary.key == "aht":
        return abs(vary.number) <= MAX_SECONDS
    if vary.key == "agents":
        return abs(vary.number) <= MAX_FTE
    return True


def _parse_value(key: str, text: str) -> Vary:
    if key == "aht" and text[:1] in "+-" and not text.endswith("%"):
        return Vary(key=key, text=text.replace(" ", ""), how="amount", number=_seconds(key, text))
    match = _VALUE.fullmatch(text)
    if match is None:
        raise _unusable(key, text)
    sign, unit = match["sign"] or "", (match["unit"] or "").lower()
    number = Fraction(_number(key, text, match["number"]))
    signed = -number if sign == "-" else number
    tidy = f"{sign}{_plain(match['number'])}"
    if unit == "%" and sign:
        if signed <= -100:
            # A cut of less than all (-99% is one): "-50% or less" read as "at most -50%"
            # (review calc53).
            raise usage(
                f"--vary {key}={text}: leaves nothing",
                f"write a cut of less than 100%, e.g. {key}=-50%",
            )
        return Vary(key=key, text=f"{tidy}%", how="relative", number=1 + signed / 100)
    if key in ("shrinkage", "attrition"):
        return _share(key, text, tidy, sign, unit, number, signed)
    if key == "agents" and not unit:
        how = "amount" if sign else "value"
        return Vary(key=key, text=tidy, how=how, number=signed)
    raise _unusable(key, text)


def _share(
    key: str, text: str, tidy: str, sign: str, unit: str, number: Fraction, signed: Fraction
) -> Vary:
    if unit in ("pt", "pts", "point", "points") and sign:
        return Vary(key=key, text=f"{tidy}pt", how="points", number=signed / 100)
    if unit == "%" and not sign:
        # Shrinkage stays under 100% (some time must be left for contacts); attrition, as a
        # plan states it, may be 100% (review calc54 F4: `attrition=100%` was refused).
        if number > 100 or (number == 100 and key == "shrinkage"):
            most = "stay under 100%" if key == "shrinkage" else "be at most 100%"
            raise usage(f"--vary {key}={text}: a share must {most}", "write e.g. 35%")
        if key == "shrinkage" and 0 < number < 1:  # as a plan's shrinkage: 0.8% (user55)
            meant = _plain(tidy + "e2")
            raise usage(
                f"--vary {key}={text}: shrinkage of {tidy}% is less than one "
                f"percent: almost surely {meant}% written as a fraction with a percent sign",
                f"write {key}={meant}%",
            )
        return Vary(key=key, text=f"{tidy}%", how="value", number=number / 100)
    raise _unusable(key, text)


def _duration(text: str) -> bool:
    """Whether the text is a duration a plan reads (`1m30s`)."""
    from pydantic_core import PydanticCustomError

    from cs_align.units import parse_duration

    try:
        parse_duration(text)
    except PydanticCustomError:
        return False
    return True


def _seconds(key: str, text: str) -> Fraction:
    """``+30s``, ``-1m30s`` → signed seconds."""
    from pydantic_core import PydanticCustomError

    from cs_align.units import parse_duration

    body = text[1:].strip()
    try:
        seconds = Fraction(parse_duration(body))
    except PydanticCustomError as exc:
        if "under a second" in str(exc):  # units.MIN_SECONDS, said as for a plan's duration
            fix = exc.context["fix"] if exc.context else ""
            raise usage(f"--vary {key}={text}: {exc}", fix) from None
        if not re.fullmatch(
            r"0+(?:\.0*)?\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)", body.lower()
        ):
            raise _unusable(key, text) from None
        seconds = Fraction(0)  # +0s keeps the handle times, as +0% does (user19 U9)
    return -seconds if text[0] == "-" else seconds


def _number(key: str, text: str, number: str) -> Decimal:
    """A value's number spelt as a plan may spell one (1.2e2, 1_000, .5; user45 U08), and
    refused where a plan refuses it (1e400, 1_000_, 042)."""
    from cs_align.yamlsafe import classify_plain

    value, problem = classify_plain(number)
    if problem is not None:
        fix = problem[1].split(", or quote it")[0]
        raise usage(f"--vary {key}={text}: {problem[0]}", fix)
    if not isinstance(value, int | Decimal):  # pragma: no cover - the pattern admits numbers
        raise _unusable(key, text)
    return Decimal(value)


def _plain(number: str) -> str:
    try:
        return f"{Decimal(number.replace('_', '')).normalize(FIGURES):f}"
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        return number


def _unusable(key: str, text: str) -> Exception:
    fix = _taken(key, _meant(key, text)) or f"write {key}={_FORMS[key]}"
    return usage(f"--vary {key}={text}: not a value for {key}", fix)


_WITHIN = f"a stress stays within {LIMITS}"


def _taken(key: str, fix: str | None) -> str | None:
    """``fix`` ("write aht=+90000s (seconds added) or aht=+90000% (relative)") with only the
    forms that --vary then takes: each it offered was refused in turn when past a limit
    (review input63). When none is, the forms and the limits."""
    if fix is None:
        return None
    forms = fix.removeprefix("write ").split(" or ")
    kept = []
    for form in forms:
        value = form.split(" (")[0].removeprefix(f"{key}=")
        try:
            parse_value(key, value)
        except UsageError:
            continue
        kept.append(form)
    if len(kept) == len(forms):
        return fix
    return f"write {' or '.join(kept)}" if kept else f"write {key}={_FORMS[key]}; {_WITHIN}"


def _meant(key: str, text: str) -> str | None:
    """The value a slip most likely means, said as --vary writes it: `volume=10%` (a change
    needs its sign), `volume=+10` (its percent), `shrinkage=0.35` (a plan's fraction),
    `aht=30s` (an amount added needs its sign); each was told only the forms (review
    user60). None where no one reading stands out."""
    if len(text) > 40:
        return None
    if key == "aht" and text[:1] not in "+-" and not text.endswith("%") and _duration(text):
        return f"write {key}=+{text} (added to every handle time) or {key}=-{text}"
    match = _VALUE.fullmatch(text)
    if match is None:
        return None
    sign, number, unit = match["sign"] or "", _plain(match["number"]), match["unit"] or ""
    if key == "volume" and unit == "%" and not sign:
        return f"write {key}=+{number}% ({number}% more) or {key}=-{number}% ({number}% fewer)"
    if key == "volume" and sign and not unit:
        return f"write {key}={sign}{number}% (relative to the plan)"
    if key in ("shrinkage", "attrition") and not sign and not unit and 0 < Decimal(number) <= 1:
        percent = _plain(f"{number}e2")
        return f"write {key}={percent}% (the value; a plan's {number} is {percent}%)"
    if key in ("shrinkage", "attrition") and not sign and not unit and Decimal(number) < 100:
        return f"write {key}={number}% (the value: a share has its percent sign)"
    if key == "agents" and unit.lower() == "fte":
        return f"write {key}={sign}{number} (FTE {'added to' if sign else 'in'} the total)"
    if key == "aht" and sign and not unit:
        return f"write {key}={sign}{number}s (seconds added) or {key}={sign}{number}% (relative)"
    return None


def scenarios(options: Sequence[str], grid: bool) -> list[Scenario]:
    """The scenarios to run, as planned first: one input at a time, or with ``grid`` every
    combination of the values given (keys merged in the order first named)."""
    given = [parse_vary(o) for o in options] if options else _defaults()
    asked = bool(options)
    merged: dict[str, list[Vary]] = {}
    for key, values in given:
        merged.setdefault(key, []).extend(v for v in values if v not in merged.get(key, []))
    # Counted before any is built: three --vary of 199 values with --grid made all 7.9 million
    # combinations (1.3 GB, half a minute) to refuse them (review input61).
    sizes = [len(values) for values in merged.values()]
    count = math.prod(sizes) if grid else sum(sizes)
    if count > MAX_SCENARIOS:
        raise usage(
            f"{count:,} scenarios is more than {MAX_SCENARIOS:,}",
            "vary fewer inputs, or give fewer values to --grid",
        )
    if grid:
        found = [
            Scenario(varies=combo, asked=asked) for combo in itertools.product(*merged.values())
        ]
    else:
        found = [Scenario(varies=(v,), asked=asked) for values in merged.values() for v in values]
    return [AS_PLANNED, *found]


def _defaults() -> list[tuple[str, tuple[Vary, ...]]]:
    return [(key, tuple(parse_value(key, v) for v in values)) for key, values in DEFAULT]
