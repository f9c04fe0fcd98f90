"""Hours of operation: '24x7', 'Mon-Fri 08:00-20:00', or a list of such."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from cs_align.patterns import anycase, one_of, unnamed
from cs_align.units import DAYS, WEEK_MINUTES, bad, shown, squeezed

_ALWAYS = re.compile(r"\s*24\s*[xX/]\s*(?P<days>[57])\s*")
_DAY = one_of(DAYS) + "[a-zA-Z]*"
"""Mon, Monday, tues …: a weekday is known by its first three letters."""
_EVERY_DAY = rf"{anycase('daily')}|{anycase('every')}\s*{anycase('day')}"
_DAY_SPEC = re.compile(rf"(?:{_EVERY_DAY}|{_DAY}(?:\s*-\s*{_DAY})?)")
_DAY_LIST = rf"{_DAY_SPEC.pattern}(?:\s*,\s*{_DAY_SPEC.pattern})*"
# The days start and end on a character that is no blank, so that no blank can belong to
# either of two neighbouring quantifiers (that took quadratic time on a long run of blanks).
_SPAN = re.compile(
    r"\s*(?P<days>[A-Za-z,\-](?:[A-Za-z,\-\s]*?[A-Za-z,\-])?)\s+"
    r"(?P<start>[0-9]{1,2}:[0-9]{2})\s*-\s*"
    r"(?P<end>[0-9]{1,2}:[0-9]{2})\s*"
)
"""A span's parts, each then checked on its own so that a message can name the wrong one."""
_CLOCK = "(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|24:00"
SPAN = rf"(?:{unnamed(_ALWAYS.pattern)}|\s*{_DAY_LIST}\s+(?:{_CLOCK})\s*-\s*(?:{_CLOCK})\s*)"
"""One span of opening hours as the schema states it: what the parser accepts, except a
span that opens and closes at the same time."""
_FIX = (
    'write "24x7", "Mon-Fri 08:00-20:00", or a list of such: '
    '["Mon-Fri 08:00-20:00", "Sat 10:00-16:00"]'
)


@dataclass(frozen=True)
class Schedule:
    """Open intervals as (start, end) minutes from Monday 00:00, sorted, not overlapping."""

    text: str
    intervals: tuple[tuple[int, int], ...]
    opens: tuple[int, ...]
    """Minute of the week each open day first opens, in order. Hours past midnight belong
    to the day they open on: "Mon-Fri 22:00-06:00" opens on 5 days, not on the 6 it touches."""

    @property
    def open_days(self) -> int:
        """Weekdays the channel opens on."""
        return len(self.opens)

    @functools.cached_property
    def weekly_hours(self) -> Fraction:
        return Fraction(sum(end - start for start, end in self.intervals), 60)

    @functools.cached_property
    def weekly_seconds(self) -> int:
        return 60 * sum(end - start for start, end in self.intervals)

    def open_minutes(self, start: int, end: int) -> int:
        """Minutes open within [start, end) minutes of the week."""
        return sum(max(0, min(end, e) - max(start, s)) for s, e in self.intervals)

    @functools.cached_property
    def open_each_minute(self) -> tuple[int, ...]:
        """1 for each minute of the week the channel is open, 0 where it is closed."""
        found = [0] * WEEK_MINUTES
        for start, end in self.intervals:
            found[start:end] = [1] * (end - start)
        return tuple(found)

    def open_before(self, weeks: int) -> list[int]:
        """The open minutes before each minute of ``weeks`` weeks from Monday 00:00 (the
        first 0): what is open between two minutes is the difference."""
        return list(itertools.accumulate(self.open_each_minute * weeks, initial=0))

    @functools.cached_property
    def hours_per_open_day(self) -> Fraction:
        """Open hours on an average open day: what one business day counts."""
        return self.weekly_hours / self.open_days if self.open_days else Fraction(0)

    @functools.cached_property
    def longest_gap(self) -> tuple[int, int]:
        """(minutes, start) of the longest closed stretch, round the week; (0, 0) if always open.

        A contact that arrives as the channel closes waits all of it.
        """
        if not self.gaps:
            return (0, 0)
        return max(self.gaps, key=lambda gap: (gap[0], -gap[1]))

    @functools.cached_property
    def gaps(self) -> tuple[tuple[int, int], ...]:
        """(minutes, start) of every closed stretch, round the week; none if always open."""
        if not self.intervals:
            return ((WEEK_MINUTES, 0),)
        if self.intervals == ((0, WEEK_MINUTES),):
            return ()
        return tuple(
            ((start - prev_end) % WEEK_MINUTES, prev_end % WEEK_MINUTES)
            for (_, prev_end), (start, _) in zip(
                self.intervals[-1:] + self.intervals[:-1], self.intervals, strict=True
            )
        )

    def __str__(self) -> str:
        return self.text


def fmt_week_minute(minute: int) -> str:
    """Minutes from Monday 00:00 → 'Fri 18:00'."""
    day, rest = divmod(minute % WEEK_MINUTES, 1440)
    return f"{DAYS[day].title()} {rest // 60:02d}:{rest % 60:02d}"


ALWAYS = Schedule(
    text="24x7", intervals=((0, WEEK_MINUTES),), opens=tuple(day * 1440 for day in range(7))
)


def parse_hours(value: Any) -> Schedule:
    if isinstance(value, Schedule):
        return value
    texts = value if isinstance(value, list) else [value]
    if not texts:
        raise bad("the list of hours is empty", "write at least one span, e.g. Mon-Fri 08:00-20:00")
    if not all(isinstance(t, str) for t in texts):
        raise bad(f"{shown(value)} is not hours of operation", _FIX)
    return _schedule(tuple(texts))


@functools.lru_cache(maxsize=256)
def _schedule(texts: tuple[str, ...]) -> Schedule:
    """Plans repeat the same hours, and a Schedule is immutable: each is parsed once."""
    minutes: set[tuple[int, int]] = set()
    opening: dict[int, int] = {}
    for text in texts:
        for start, end in _spans(text):
            day = start // 1440
            opening[day] = min(opening.get(day, start), start)
            minutes.update(_wrap(start, end))
    return Schedule(
        text="; ".join(texts),
        intervals=_merge(sorted(minutes)),
        opens=tuple(sorted(opening.values())),
    )


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) minutes from Monday 00:00 of each opening the text names, one a day.
    One that runs past midnight ends after its day's 1440 minutes (past the week's, on a
    Sunday, until it is wrapped round to Monday)."""
    if always := _ALWAYS.fullmatch(text):
        return [(day * 1440, (day + 1) * 1440) for day in range(int(always["days"]))]
    match = _SPAN.fullmatch(text)
    if not match:
        raise bad(
            f"{text!r} is not hours of operation",
            _write_always(text)
            or _write_dashes(text)
            or _write_span(text)
            or _write_list(text)
            or _FIX,
        )
    start, end = _clock(match["start"], text), _clock(match["end"], text)
    if start == end:
        raise bad(f"{text!r} opens and closes at the same time", "write e.g. 08:00-20:00")
    spans = []
    for day in _days(match["days"], text):
        base = day * 1440
        stop = end if end > start else end + 1440  # closes after midnight
        spans.append((base + start, base + stop))
    return spans


# Each run of blanks belongs to one quantifier only, and the text is stripped first: two
# `\s*` side by side took quadratic time on a long run of blanks.
_LOOSE_TIME = r"[0-9]{1,2}(?:[:.h][0-9]{2}|h)?(?:\s*[aApP]\.?[mM]\.?)?"
_LOOSE_SPAN = re.compile(
    rf"(?:(?P<days>[A-Za-z](?:[A-Za-z,\-\s]*[A-Za-z,\-])?)\s*)?(?P<start>{_LOOSE_TIME})\s*"
    rf"(?:-|–|{anycase('to')}|{anycase('until')})\s*(?P<end>{_LOOSE_TIME})"
)


_DAY_WORDS = {"weekdays": "Mon-Fri", "weekends": "Sat-Sun", "weekend": "Sat-Sun"}


def _write_span(text: str) -> str | None:
    """What to write for a span written another way (8am-8pm, 9-5, 8.30-17.30, Mon-Fri
    9 to 5): its days and a 24-hour clock; None when it is not nearly a span."""
    match = _LOOSE_SPAN.fullmatch(squeezed(text))
    if match is None:
        return None
    days = re.sub(r"\s+", " ", match["days"] or "").strip()
    days = _days_meant(days) or days
    if days and not all(_DAY_SPEC.fullmatch(part.strip()) for part in days.split(",")):
        return None
    times = [_loose_clock(match[part]) for part in ("start", "end")]
    if None in times:
        return None
    start, end = (t for t in times if t is not None)
    bare = not re.search(r"[aApP:.h]", match["start"] + match["end"])
    if bare and end <= start < 12 * 60 and end + 12 * 60 > start:
        end += 12 * 60  # 9-5 is nine to five in the afternoon
    span = f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
    if days:
        return f'write "{days} {span}" (a 24-hour clock)'
    return f'write the days it opens and a 24-hour clock, e.g. "Mon-Fri {span}"'


_BETWEEN_SPANS = re.compile(r"(?<=[0-9mM])\s*[;,]\s*(?=[A-Za-z0-9])")
"""Where one span ends and the next begins in a line that holds two: after a time, at a
comma or semicolon (a comma between weekdays, `Mon, Wed 08:00-20:00`, follows no time)."""


def _write_list(text: str) -> str | None:
    """Two spans in one line (`Mon-Fri 08:00-20:00, weekends 10:00-16:00`) were told the
    forms (review user61): a plan lists them, one span an item, each as it reads. None
    unless every part is a span, or one a fix names."""
    parts = _BETWEEN_SPANS.split(squeezed(text))
    if len(parts) < 2 or len(text) > 200:
        return None
    spans = []
    for part in parts:
        try:
            _spans(part)
            spans.append(part)
            continue
        except PydanticCustomError as exc:
            fix = str((exc.context or {}).get("fix", ""))
        told = re.match(r'write "([^"]+)"', fix)
        if told is None or fix == _FIX:  # the forms are no span meant
            return None
        spans.append(told[1])
    items = ", ".join(f'"{span}"' for span in spans)
    return f"write a list, one span an item: [{items}]"


_ROUND_THE_CLOCK = re.compile(r"\s*24\s*[-\u2010-\u2014\u2212*]\s*(?P<days>[57])(?:\s*/\s*365)?\s*")


def _write_always(text: str) -> str | None:
    """`24-7` and `24/7/365` are how people write round the clock: they were told to write
    "Mon-Fri 24:00-07:00" and the list of forms (review user60)."""
    if always := _ROUND_THE_CLOCK.fullmatch(text) or _ALWAYS_365.fullmatch(text):
        return f'write "24x{always["days"]}"'
    return None


_ALWAYS_365 = re.compile(r"\s*24\s*[xX/]\s*(?P<days>[57])\s*/\s*365\s*")

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
"""Dashes a word processor or a slide writes where a plan's hours have a hyphen."""


def _write_dashes(text: str) -> str | None:
    """Hours pasted from a document (`Mon–Fri 08:00–20:00`, en dashes) were told to write
    "Mon-Fri 08:00-20:00", which reads the same (review user60): the fix says what differs.
    None when the text has no dash, or is no span with hyphens either."""
    hyphens = text.translate(_DASHES)
    if hyphens == text:
        return None
    if _SPAN.fullmatch(hyphens) or _ALWAYS.fullmatch(hyphens):
        fix = f'write "{hyphens}"'
    elif (loose := _write_span(hyphens)) is not None:
        fix = loose
    else:
        return None
    return f"{fix}, with hyphens (-) where it has dashes (–)"


def _loose_clock(text: str) -> int | None:
    """Minutes after midnight of 8, 8am, 8:30pm, 20.30, 8h30; None past a day."""
    found = re.fullmatch(r"([0-9]{1,2})(?:[:.h]([0-9]{2})|h)?\s*(?:([aApP])\.?[mM]\.?)?", text)
    if found is None:
        return None
    hours, minutes, half = int(found[1]), int(found[2] or 0), (found[3] or "").lower()
    if half and not 1 <= hours <= 12:
        return None
    if half:
        hours = hours % 12 + (12 if half == "p" else 0)
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        return None
    return hours * 60 + minutes


def clock_meant(text: str) -> str | None:
    """The HH:MM a clock time written another way means (`8:00`, `8am`, `8.30pm`, `20h`),
    for a field that takes HH:MM alone (an interval's `at:`); None when it means none, or
    midnight at the day's end (24:00 starts no interval)."""
    minutes = _loose_clock(squeezed(text))
    if minutes is None or minutes >= 1440:
        return None
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _clock(text: str, whole: str) -> int:
    hours, minutes = (int(part) for part in text.split(":"))
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise bad(f"{text} in {whole!r} is not a time of day", "write times from 00:00 to 24:00")
    return hours * 60 + minutes


def _days(text: str, whole: str) -> list[int]:
    result: list[int] = []
    parts = [p.strip() for p in text.split(",")]  # `\s*,\s*` is quadratic on blanks
    for part in parts:
        if not part and any(parts):
            days = ", ".join(p for p in parts if p)
            raise bad(
                f"{whole!r} has a comma with no weekday beside it",
                f'write "{whole.replace(text, days, 1)}" (a comma parts weekdays: Mon-Fri, Sun)',
            )
        if not _DAY_SPEC.fullmatch(part):
            raise bad(f"{part!r} in {whole!r} is not a weekday", _write_days(part, whole))
        first, _, last = re.sub(r"\s+", "", part).lower().partition("-")
        if first in ("daily", "everyday"):
            return list(range(7))
        a, b = DAYS.index(first[:3]), DAYS.index((last or first)[:3])
        result.extend(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return result


_DAYS_TO = re.compile(r"\s+(?:to|through|thru|till|until)\s+|\s*[–—]\s*", re.IGNORECASE)


def _write_days(part: str, whole: str) -> str:
    """`Monday to Friday 08:00-20:00` was told "write Mon, Tue, … Sun, Mon-Fri or daily"
    (review user52): a range of days written in words is told whole, as `Mon-Fri`."""
    days = _DAYS_TO.sub("-", part, count=1) if len(part) < 40 else part
    if days != part and _DAY_SPEC.fullmatch(days):
        first, _, last = days.partition("-")
        return f'write "{whole.replace(part, f"{first[:3].title()}-{last.strip()[:3].title()}")}"'
    if (meant := _days_meant(part)) is not None:
        return f'write "{whole.replace(part, meant, 1)}"'
    return "write Mon, Tue, … Sun, Mon-Fri or daily"


_SHORT_DAYS = {"mo": "Mon", "tu": "Tue", "we": "Wed", "th": "Thu", "fr": "Fri", "sa": "Sat"}
_SHORT_DAYS |= {"su": "Sun", "m": "Mon", "f": "Fri"}


def _days_meant(part: str) -> str | None:
    """The days ``part`` means where people write them otherwise: `weekdays 08:00-20:00`,
    `Mo-Fr`, `M-F` were told only "write Mon, Tue, … Sun, Mon-Fri or daily" (review
    user61); None for words that mean no days."""
    if (word := _DAY_WORDS.get(part.strip().lower())) is not None:
        return word
    ends = re.fullmatch(r"([A-Za-z]{1,2})(?:\s*-\s*([A-Za-z]{1,2}))?", part.strip())
    if ends is None:
        return None
    days = [_SHORT_DAYS.get(end.lower()) for end in ends.groups() if end is not None]
    return "-".join(d for d in days if d) if all(days) else None


def weekdays(value: Any) -> Any:
    """A volume's `days:` as `hours:` spells weekdays: ``[Mon-Fri]``, ``[Monday, sat]``,
    ``Mon-Fri, Sun`` or ``daily`` read as ``[mon, tue, wed, thu, fri]`` and so on (review
    calc51 W2: `days: [Mon-Fri]` beside `hours: Mon-Fri 08:00-20:00` was refused with the
    seven names and nothing about the range). Anything else is left for the model to refuse."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        return value
    found: list[Any] = []
    for item in items:
        if isinstance(item, str) and item.strip().lower() in DAYS:
            found.append(item.strip().lower())
        elif isinstance(item, str) and item.strip():
            found.extend(DAYS[i] for i in _days(item, item))
        else:
            found.append(item)
    return found


WEEKDAYS_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {
            "type": "array",
            "items": {"type": "string", "pattern": f"^{_DAY_LIST}$"},
            "minItems": 1,
            "uniqueItems": True,
        },
        {"type": "string", "pattern": f"^{_DAY_LIST}$"},
    ],
    "examples": [["mon", "tue", "wed", "thu", "fri"], ["Mon-Fri", "Sat"], "daily"],
}
"""What `weekdays` reads, for editors: names, ranges and `daily`, as `hours:` writes them."""


def _wrap(start: int, end: int) -> list[tuple[int, int]]:
    if end <= WEEK_MINUTES:
        return [(start, end)]
    return [(start, WEEK_MINUTES), (0, end - WEEK_MINUTES)]


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


Hours = Annotated[
    Schedule,
    BeforeValidator(parse_hours),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": f"^{SPAN}$"},
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": f"^{SPAN}$"},
                    "minItems": 1,
                },
            ],
            "examples": ["24x7", "Mon-Fri 08:00-20:00", ["Mon-Fri 08:00-20:00", "Sat 09:00-13:00"]],
        }
    ),
    PlainSerializer(str, return_type=str),
]
