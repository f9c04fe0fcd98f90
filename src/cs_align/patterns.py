"""Regular expressions the unit parsers and the plan's JSON Schema share.

They are written in the part of the syntax Python's `re` and JSON Schema's ECMA 262 read
alike: ASCII classes (`[0-9]`, never `\\d`, which Python widens to every script's digits),
case spelled out (`[mM]`; JSON Schema has no flags), and no escapes of ordinary characters.
Named groups are Python's only; `unnamed()` turns them into plain groups for the schema and
for patterns embedded in others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

CLOCK_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
"""A clock time of an intraday interval: "08:00" (00:00 to 23:59)."""
STRATEGY_ID = r"^[a-z0-9][a-z0-9\-]*$"
"""A strategy file's `id`: lower case, digits and '-'."""
SOME_TEXT = r"\S"
"""A name that may be any text but blank (a budget line's)."""


def number(underscores: bool = False) -> str:
    """A decimal written out: 1800 or 0.8 (and 6_200_000 with ``underscores``)."""
    whole = "[0-9](?:_?[0-9])*" if underscores else "[0-9]+"
    return whole + r"(?:\.[0-9]+)?"


def anycase(word: str) -> str:
    """`min` → `[mM][iI][nN]`: a word in any case, without a flag."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def one_of(words: Iterable[str]) -> str:
    """Any of the words, in any case, longest first so that none stops short."""
    return "(?:" + "|".join(anycase(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


def unnamed(pattern: str) -> str:
    """A Python pattern without its group names: what JSON Schema reads, and what can be
    embedded in another pattern that has groups of the same name."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def at_most(limit: Decimal, *, strict: bool = False, underscores: bool = False) -> str:
    """Numbers written as `number()` writes them whose value is at most ``limit``.

    With ``strict``, below it. Used inside lookaheads, followed by what ends the number, so
    range limits that the parsers check in code are stated in the schema too.
    """
    sep = "_?" if underscores else ""
    whole, _, fraction = f"{abs(limit):f}".partition(".")
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
    zeros = f"(?:0{sep})*" if sep else "0*"
    branches = []
    if whole != "0":
        branches.append(zeros + _below(whole, sep) + r"(?:\.[0-9]+)?")
    equal = zeros + sep.join(whole)
    if fraction:
        branches.append(equal + r"(?:\." + _fraction_at_most(fraction, strict) + ")?")
    elif not strict:
        branches.append(equal + r"(?:\.0+)?")
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"


def _below(whole: str, sep: str) -> str:
    """Whole numbers (no leading zeros) below ``whole``, digits joined by ``sep``."""
    size = len(whole)
    options = ["0"]
    if size > 1:
        options.append("[1-9]" + _digits(sep, 0, size - 2))
    for index, digit in enumerate(whole):
        low, high = (1 if index == 0 else 0), int(digit) - 1
        if high < low:
            continue
        prefix = sep.join(whole[:index]) + (sep if index else "")
        span = f"[{low}-{high}]" if low < high else str(low)
        rest = size - 1 - index
        options.append(prefix + span + _digits(sep, rest, rest))
    return "(?:" + "|".join(options) + ")"


def _digits(sep: str, least: int, most: int) -> str:
    """From ``least`` to ``most`` more digits, each after an optional separator."""
    if most == 0:
        return ""
    digit = f"(?:{sep}[0-9])" if sep else "[0-9]"
    if least == most:
        return digit if most == 1 else f"{digit}{{{most}}}"
    return f"{digit}{{{least},{most}}}"


def _fraction_at_most(fraction: str, strict: bool) -> str:
    """Digits after the point that make at most 0.``fraction`` (no trailing zeros in it)."""
    options = [
        f"{fraction[:index]}[0-{int(digit) - 1}][0-9]*"
        for index, digit in enumerate(fraction)
        if digit != "0"
    ]
    options += [fraction[:index] for index in range(1, len(fraction))]
    if not strict:
        options.append(f"{fraction}0*")
    return "(?:" + "|".join(options) + ")"


def within(
    low: Decimal | None,
    high: Decimal | None,
    after: str,
    *,
    low_open: bool = False,
    high_open: bool = False,
    underscores: bool = False,
) -> str:
    """Lookaheads that hold where the number that starts here, ended by ``after``, is in
    range: at least ``low`` (above it if ``low_open``) and at most ``high`` (below it if
    ``high_open``)."""
    checks = ""
    if low is not None:
        below = at_most(low, strict=not low_open, underscores=underscores)
        checks += f"(?!{below}{after})"
    if high is not None:
        checks += f"(?={at_most(high, strict=high_open, underscores=underscores)}{after})"
    return checks


STRATEGY_ALIASES = {"zappos-delight": "delight", "zappos": "delight"}
"""Other names a plan may give a built-in strategy, and the built-in each stands for."""
