"""YAML text → plain Python values with the line:column of every key and value.

Built on PyYAML's event stream rather than its constructors, so nothing YAML 1.1 would
silently change (yes/no booleans, 042 octals, 7:30 base-60 numbers, tags, duplicate keys,
merged documents) gets through, and so aliases cannot expand into a memory bomb.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

import yaml

from cs_align.errors import PlanError, Problem
from cs_align.units import (
    MAX_DIGITS,
    clock_duration,
    past_exponent,
    too_many_digits,
    write_figure,
)

MAX_DEPTH = 64
MAX_NODES = 100_000
_DECIMAL_CHARACTERS = MAX_DIGITS + 10
"""The longest a plain decimal may be written (MAX_DIGITS digits, with room for a sign, a
point, an exponent and underscores), told before Decimal reads it: the figure's size is
then held to 10^±MAX_EXPONENT (`units.past_exponent`)."""
_DIGIT_RUN = re.compile("[0-9_]{" + str(MAX_DIGITS + 1) + ",}")


def longest_digits(text: str) -> int:
    """The digits of the first run in ``text`` of more than MAX_DIGITS (underscores not
    counted), or 0: a text no reader of cs-align's takes, YAML's or TOML's. Linear time."""
    for run in _DIGIT_RUN.finditer(text):
        digits = len(run[0]) - run[0].count("_")
        if digits > MAX_DIGITS:
            return digits
    return 0


Path = tuple[str | int, ...]

_BOOL_11 = re.compile(r"(?i)^(yes|no|on|off)$")
_INT = re.compile(r"^[-+]?[0-9][0-9_]*$")
_DEC = re.compile(r"^[-+]?([0-9][0-9_]*)?(\.[0-9_]*)?([eE][-+]?[0-9]+)?$")
# YAML 1.1's timestamp: a date, or a date and a time.
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:.*)?$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
# An underscore with no digit on one side: `1_000_`, `1__000`, `16._5`. YAML 1.1 reads these
# as numbers (it drops every `_`), YAML 1.2 as text; Python and cs-align's own figures
# (`9_000/month`) allow `_` only between two digits.
_STRAY_UNDERSCORE = re.compile(r"(?<![0-9])_|_(?![0-9])")
_SPECIAL = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off"})
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""Characters a plan may not hold: control characters (C0 and C1), the line and paragraph
separators YAML reads as line breaks where a reviewer sees none, and the bidirectional
overrides and isolates that make text read differently from how it parses."""
_LONE_CR = re.compile(r"\r(?!\n)")
HIDDEN_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
"""Line breaks to YAML that a reviewer's screen (and a line-by-line reading) would not show:
a lone carriage return, NEL, and the line and paragraph separators. The loader refuses them."""


def hidden_break(text: str) -> re.Match[str] | None:
    """Where ``text`` has a HIDDEN_BREAK, if it has one. Most files hold none of its
    characters, and looking for them one by one is 300 times as fast as the pattern (a
    folder scan asks this of every YAML file)."""
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return HIDDEN_BREAK.search(text)
    return None


class Pos(NamedTuple):
    line: int
    column: int


class _Mark(Protocol):
    """The parser's mark: 0-based line and column."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


Where = Pos | _Mark
"""A stored position: the parser's own mark (0-based, turned into a Pos only when asked
for, since most are never read) or a Pos."""


def _pos(where: Where) -> Pos:
    if type(where) is Pos:
        return where
    return Pos(line=where.line + 1, column=where.column + 1)


@dataclass
class Document:
    """A loaded YAML file: its data and where each part of it was written."""

    file: str
    data: Any
    values: dict[Path, Where] = field(default_factory=dict)
    keys: dict[Path, Where] = field(default_factory=dict)

    def value_pos(self, path: Path) -> Pos:
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found:
                return _pos(found)
        return Pos(line=1, column=1)

    def key_pos(self, path: Path) -> Pos:
        found = self.keys.get(path)
        return _pos(found) if found else self.value_pos(path)

    def finding_pos(self, path: Path) -> Pos:
        """Where a finding about ``path`` points: the key of a block (a mapping or a list,
        whose value starts on a later line), else the value itself."""
        node: Any = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return self.value_pos(path)
        if isinstance(node, dict | list) and path in self.keys:
            return _pos(self.keys[path])
        return self.value_pos(path)


def decode(raw: bytes, file: str) -> str:
    """Bytes → text, explaining rather than crashing on anything but UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanError(
            [
                Problem(
                    file=file,
                    line=1,
                    column=1,
                    message="the file is UTF-16 encoded",
                    fix="save it as UTF-8 (in most editors: Save with Encoding → UTF-8)",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Where the decoder stopped, in the bytes it decoded: after a BOM, which utf-8-sig
        # leaves out (counted in the file's bytes, a file with one was told the byte three
        # before, `0xef` for the `0xe9` of `\xef\xbb\xbf\xe9`). The column counts
        # characters, as every other column does (and SARIF says), not bytes: `\xe1\x80\x80
        # \x80` is column 2, not 4 (review input61).
        body: bytes = exc.object
        line = body.count(b"\n", 0, exc.start) + 1
        start = body.rfind(b"\n", 0, exc.start) + 1
        col = len(body[start : exc.start].decode("utf-8")) + 1
        byte = body[exc.start : exc.start + 1].hex()
        raise PlanError(
            [
                Problem(
                    file=file,
                    line=line,
                    column=col,
                    message=f"byte 0x{byte} is not valid UTF-8 "
                    "(the file looks like Latin-1 or Windows-1252)",
                    fix="save the file as UTF-8",
                )
            ]
        ) from None
    return normalise_newlines(text, file)


def normalise_newlines(text: str, file: str) -> str:
    """CRLF → LF. A carriage return alone is refused: YAML breaks the line there, a
    reviewer's screen and line numbers may not."""
    if lone := _LONE_CR.search(text):
        raise PlanError(
            [
                Problem(
                    file=file,
                    line=text.count("\n", 0, lone.start()) + 1,
                    column=lone.start() - (text.rfind("\n", 0, lone.start()) + 1) + 1,
                    message="a carriage return without a line feed (old Mac line endings): "
                    "the file's lines are not the lines a reviewer sees",
                    fix="save the file with LF or CRLF line endings",
                )
            ]
        )
    return text.replace("\r\n", "\n")


def _named(char: str) -> str:
    if char in "\u2028\u2029":
        return "line separator (a line break to YAML, none on screen)"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return "bidirectional text control"
    return "control character"


def _check_characters(text: str, file: str) -> None:
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise PlanError(
            [
                Problem(
                    file=file,
                    line=line,
                    column=col,
                    message=f"{_named(bad.group())} U+{ord(bad.group()):04X} in the file",
                    fix="remove it; plans, strategies, waivers and configs are plain UTF-8 text",
                )
            ]
        )


class _Builder:
    """Builds values from the parser's events, each node handed the event that opens it.

    This loop runs for every key and value of every plan, so it reads events directly
    (no look-ahead buffer) and compares event types by identity.
    """

    def __init__(
        self,
        file: str,
        get_event: Callable[[], Any],
        text: str = "",
        yes_no: Collection[str] | None = None,
    ) -> None:
        self.file = file
        self.yes_no = yes_no  # the keys that take true or false, where the reader says
        self.text = text  # the source, to quote a figure YAML split at its commas
        self.get_event = get_event
        self.doc = Document(file=file, data=None)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.aliased = False  # whether an alias has been expanded: what to blame past the cap
        # A value YAML tools disagree on (`yes`, `042`, `1e400`), with the path it was
        # written at: named once the whole file is read, when a channel's id is known.
        self.unclear: list[tuple[Path, Where, str, str]] = []

    def problems(self, data: Any) -> list[Problem]:
        """The unclear values, each named by its field as the loader names one
        (`channels[phone].agents: …`), so the reader knows which figure without counting
        columns (review user55)."""
        out = []
        for path, where, message, fix in self.unclear:
            pos = _pos(where)
            named = f"{plan_path(data, path)}: {message}" if path else message
            out.append(
                Problem(file=self.file, line=pos.line, column=pos.column, message=named, fix=fix)
            )
        return out

    def fail(self, where: Where, message: str, fix: str) -> PlanError:
        pos = _pos(where)
        return PlanError(
            [
                *self.problems(None),
                Problem(file=self.file, line=pos.line, column=pos.column, message=message, fix=fix),
            ]
        )

    def count(self, n: int, where: Where) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES and self.aliased:
            raise self.fail(
                where,
                f"the file expands to more than {MAX_NODES:,} values "
                "(aliases referring to aliases, or far more than one plan holds)",
                "write aliases' values out, or split it: a plan needs a few hundred values "
                "and holds at most 1,000 channels",
            )
        if self.nodes > MAX_NODES:  # no alias: it is written out that long (review user45 U10)
            raise self.fail(
                where,
                f"the file holds more than {MAX_NODES:,} values, more than one plan may "
                "(hundreds of channels, each with a day of short intervals, reach it)",
                "split it into several plans (one a site or brand; a folder check judges "
                "them together), or give intervals of 30m or 1h",
            )

    def node(self, event: Any, path: Path, depth: int) -> tuple[Any, int]:
        mark = event.start_mark
        if depth > MAX_DEPTH:
            raise self.fail(
                mark,
                f"nesting deeper than {MAX_DEPTH} levels",
                "a plan is at most a few levels deep; flatten the structure",
            )
        kind = type(event)
        if kind is _Alias:
            if event.anchor not in self.anchors:
                raise self.fail(
                    mark,
                    f"alias *{event.anchor} refers to an anchor that is not "
                    "defined before it (or refers to itself)",
                    f"define &{event.anchor} earlier, or write the value out",
                )
            value, size = self.anchors[event.anchor]
            self.aliased = True
            self.count(size, mark)
            self.doc.values[path] = mark
            return value, size
        tag = event.tag
        if tag is not None and tag != "!":
            raise self.fail(
                mark,
                f"YAML tag {tag} is not allowed in cs-align's files",
                "remove the tag; write plain values (cs-align never runs code "
                "or includes files from what it reads)",
            )
        self.doc.values[path] = mark
        if kind is _Scalar:
            value, size = self.scalar(event, path), 1
        elif kind is _SequenceStart:
            value, size = self.sequence(path, depth)
        elif kind is _MappingStart:
            value, size = self.mapping(path, depth)
        else:  # pragma: no cover - the parser guarantees one of the above
            raise self.fail(mark, "unexpected YAML structure", "check the indentation")
        self.count(1, mark)
        if event.anchor:
            self.anchors[event.anchor] = (value, size)
        return value, size

    def scalar(self, event: Any, path: Path) -> Any:
        if event.style:  # quoted or block: always text ('' or None means plain)
            return self.text_scalar(event, path)
        value, problem = classify_plain(event.value)
        if problem:  # said once, by its field: text_scalar said a 44-digit figure again
            self.unclear.append((path, event.start_mark, *self.tailored(path, value, problem)))
            return value
        return self.text_scalar(event, path) if isinstance(value, str) else value

    def tailored(self, path: Path, text: Any, problem: tuple[str, str]) -> tuple[str, str]:
        """A YAML 1.1 boolean (`off`, `no`, `on`) where no true or false belongs — a
        severity, a channel id, a list of words — is told to be quoted, and one where a
        yes/no belongs the one it means: "write true or false, or quote it" was a fix the
        field then refused either way (review input61: `severity: off`, `uses_scripts: no`)."""
        if self.yes_no is None or not isinstance(text, str) or not _BOOL_11.match(text):
            return problem
        key = path[-1] if path else None
        if isinstance(key, str) and key in self.yes_no:  # a yes/no: the one it means
            meant = "true" if text.lower() in ("yes", "on") else "false"
            return problem[0], f"write {meant}"
        return problem[0], f'quote it, as the text it is here: "{text}"'

    def text_scalar(self, event: Any, path: Path) -> str:
        """A text scalar, refused when it holds a number of more than MAX_DIGITS digits, as
        a number YAML reads is: the figures written as text ("62k", "1800/year", "80/20",
        "0.5/month") are read by parsers that take their digits as they come (review
        input58: "8000…0/year", a million digits, ran past the 60 s limit inside one
        conversion; "8000…0k" was "internal error … Overflow" and "0.000…1/month" one of
        "math domain error", exit 2 with no line). No name or sentence holds such a run.
        Refused once the file is read, named by its field as a number of as many digits is
        (`budget.total: a 47-digit number …`, review input61); nothing reads it before."""
        value: str = event.value
        if digits := longest_digits(value):
            self.unclear.append((path, event.start_mark, *too_many_digits(digits)))
        return value

    def sequence(self, path: Path, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        size = 1
        get_event = self.get_event
        event = get_event()
        while type(event) is not _SequenceEnd:
            value, n = self.node(event, (*path, len(items)), depth + 1)
            items.append(value)
            size += n
            event = get_event()
        return items, size

    def mapping(self, path: Path, depth: int) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        size = 1
        get_event = self.get_event
        keys = self.doc.keys
        event = get_event()
        last: Any = None  # the event that opened the value before this key
        while type(event) is not _MappingEnd:
            mark = event.start_mark
            if type(event) is not _Scalar or event.tag not in (None, "!"):
                raise self.fail(
                    mark,
                    "a key must be plain text",
                    "write a simple name such as `agents:`",
                )
            key = event.value
            if split := self.split_figure(last, event):
                raise split
            if not event.style and classify_plain(key) != (key, None):  # a number, yes/no…
                raise self.fail(
                    mark,
                    f"key {key!r} is not text (YAML reads it as a number, boolean or null)",
                    f'quote it: "{key}":',
                )
            if not event.style and _TIMESTAMP.match(key):
                # `lines: {2027-01-01: 5}` was a line named by the text, where YAML 1.1 tools
                # (PyYAML's default) read a date, as they read `yes` (review input61).
                raise self.fail(
                    mark,
                    f"key {key!r} is a date to some YAML tools and text to others",
                    f'quote it: "{key}":',
                )
            key_path = (*path, key)
            if key in out:
                first = _pos(keys[key_path])
                raise self.fail(
                    mark,
                    f"duplicate key {key!r} (first at line {first.line})",
                    "keep one of them; YAML would silently keep only the last",
                )
            keys[key_path] = mark
            last = get_event()
            out[key], n = self.node(last, key_path, depth + 1)
            size += n
            event = get_event()
        return out, size

    def split_figure(self, value: Any, key: Any) -> PlanError | None:
        """A figure written with commas in a `{…}` mapping (`{people: 2,480,000}`): the
        commas end its entries, so YAML reads `people: 2` and keys `480` and `000`. Told as
        the figure it was, with what to write, not as a key to quote."""
        if not key.value[:1].isdigit() or key.style or type(value) is not _Scalar:
            return None
        start: Any = value.start_mark
        end: Any = value.end_mark
        if (
            value.style
            or not _DIGITS.fullmatch(value.value)
            or not _COMMA.fullmatch(self.text, end.index, key.start_mark.index)
        ):
            return None
        figure = _SPLIT.match(self.text, start.index)
        written = figure[0] if figure else value.value
        fix = write_figure(written) or "write the number without commas"
        return self.fail(
            start,
            f"`{written}`: inside `{{…}}` a comma ends an entry, so YAML splits this number at "
            "its commas",
            fix,
        )


_DIGITS = re.compile(r"[-+]?\d+(?:\.\d+)?")
_COMMA = re.compile(",")  # a comma with no blank on either side: a separator in a figure
_SPLIT = re.compile(r"[-+]?\d[\d.]*(?:,\d[\d.]*)+(?:[ \t]*[^\s,}\]#:]+)?")

_Alias = yaml.AliasEvent
_Scalar = yaml.ScalarEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent


@lru_cache(maxsize=4096)  # plans repeat their keys and many values; results are immutable
def classify_plain(text: str) -> tuple[Any, tuple[str, str] | None]:
    """The value of an unquoted scalar under YAML 1.2 rules, or why it is ambiguous."""
    if text[:1].isalpha() and text.lower() not in _WORDS:
        return text, None  # the common case: plain text that no YAML version reads otherwise
    if text in ("", "~", "null", "Null", "NULL"):
        return None, None
    if text in ("true", "True", "TRUE"):
        return True, None
    if text in ("false", "False", "FALSE"):
        return False, None
    if _BOOL_11.match(text):
        return text, (
            f"`{text}` is a boolean to some YAML tools and text to others",
            f'write true or false, or quote it if you mean the text: "{text}"',
        )
    if _SEXAGESIMAL.match(text):
        duration = clock_duration(text) or "write a duration with units, e.g. 7m30s"
        return text, (
            f"`{text}` is read as a base-60 number by YAML 1.1 tools",
            f'quote a clock time ("{text}"); as a duration, {duration}',
        )
    if "_" in text and _STRAY_UNDERSCORE.search(text) and (_INT.match(text) or _DEC.match(text)):
        plain = re.sub(r"_+", "_", text).strip("_").replace("_.", ".").replace("._", ".")
        bare = plain.replace("_", "")
        write = bare if bare == plain else f"{bare} or {plain}"
        return text, (
            f"`{text}` has an underscore that is not between two digits: YAML 1.1 tools read "
            "it as a number, YAML 1.2 ones as text",
            f'write {write}, or quote it if you mean the text: "{text}"',
        )
    if _INT.match(text):
        digits = text.lstrip("+-").replace("_", "")
        if len(digits) > 1 and digits.startswith("0"):
            return text, (
                f"`{text}` has a leading zero, which YAML 1.1 reads as octal",
                f'write {digits.lstrip("0") or "0"}, or quote it: "{text}"',
            )
        if len(digits) > MAX_DIGITS:
            return text, too_many_digits(len(digits))
        return int(text.replace("_", "")), None
    if text.lower() in _SPECIAL:
        return Decimal(_SPECIAL[text.lower()]), None
    if _DEC.match(text) and any(c.isdigit() for c in text):
        if len(text) > _DECIMAL_CHARACTERS:
            return text, (
                f"a {len(text)}-character number is out of range",
                "write a realistic figure",
            )
        try:
            value = Decimal(text.replace("_", ""))
        except ArithmeticError:  # "_" alone between the marks: "1_e5" is no number
            return text, None
        if past_exponent(value):
            return text, (f"`{text}` is out of range", "write a realistic figure")
        return value, None
    return text, None


def plan_path(data: Any, path: tuple[int | str, ...]) -> str:
    """('channels', 0, 'target') → 'channels[phone].target' (ids read better than indexes)."""
    text, node = "", data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str) and ident and not ident.isprintable():
                text += f"[{ident!r}]"  # as a blank key is, for its invisible characters
            else:
                text += f"[{ident}]" if isinstance(ident, str) and ident else f"[{part}]"
            node = item
        else:
            # A blank key is shown as one, and a key with characters a reader cannot see
            # (a zero-width space, U+200B) as its escapes: they were shown raw (input61).
            if not part.strip() or part != part.strip() or not part.isprintable():
                text += f"[{part!r}]"
            else:
                text += f".{part}" if text else part
            node = node.get(part) if isinstance(node, dict) else None
    return text or "plan"


_KEY_AND_VALUE = re.compile(r"([^\s:]+)(:?)\s*(.*)")


def _colonless_key(exc: yaml.YAMLError, lines: list[str]) -> Problem | None:
    """A key written without its colon (`organisation Acme`, `kind voice`, `staffing`):
    YAML reads the line on as text and stops at the next line, where it finds no `:`, or a
    `:` after the text that ran on. The error named that next line, which is right, with
    "check the indentation and punctuation on this line" (review user52): name the line
    that lacks the colon, and write it with one."""
    problem = getattr(exc, "problem", None) or ""
    context = getattr(exc, "context", None) or ""
    start, stop = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    if "could not find expected ':'" in problem and "simple key" in context and start:
        row, col = start.line, start.column
    elif "mapping values are not allowed" in problem and stop and 0 < stop.line < len(lines):
        row = stop.line - 1
        while row >= 0 and (not lines[row].strip() or lines[row].lstrip().startswith("#")):
            row -= 1
        here = lines[stop.line]
        indent = len(here) - len(here.lstrip(" "))
        above = lines[row] if row >= 0 else ""
        if len(above) - len(above.lstrip(" ")) != indent or ":" in above:
            return None
        col = indent
    else:
        return None
    if row >= len(lines) or col > 1024:
        return None
    source = lines[row][col:].split(" #")[0].strip()
    found = _KEY_AND_VALUE.fullmatch(source)
    if not source or len(source) > 80 or found is None or ": " in source:
        return None
    key, colon, value = found.groups()
    if colon:
        lacks, write = "no space after its colon", f"write `{key}: {value}`"
    else:
        lacks = "no colon after its key"
        write = f"write `{key}: {value}`" if value else f"write `{key}:`"
    return Problem(
        file="",
        line=row + 1,
        column=col + 1,
        message=f"not valid YAML: `{source}` has {lacks}",
        fix=write,
    )


_KEYED = re.compile(r"(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#'\"{\[][^:#]*?):\s+(?P<value>.*)")


def _colon_in_value(exc: yaml.YAMLError, lines: list[str]) -> Problem | None:
    """A value that holds `: ` (`promise: Calls: answered in a minute`, `organisation: Acme:
    the shoe people`): YAML reads the second colon as a key of its own. It was told "mapping
    values are not allowed in this context — check the indentation and punctuation on this
    line" (review user52): say to quote the value, and write it quoted."""
    problem = getattr(exc, "problem", None) or ""
    stop = getattr(exc, "problem_mark", None)
    if "mapping values are not allowed" not in problem or stop is None:
        return None
    line = lines[stop.line] if stop.line < len(lines) else ""
    keyed = _KEYED.fullmatch(line.split(" #")[0].rstrip())
    if keyed is None or len(line) > 200 or keyed.end("key") >= stop.column:
        return None
    value = keyed["value"]
    if value[:1] in "'\"{[|>&*!" or '"' in value or "\\" in value:
        return None
    return Problem(
        file="",
        line=stop.line + 1,
        column=keyed.start("value") + 1,
        message=f"not valid YAML: the value of `{keyed['key']}` holds `: `, "
        "which YAML reads as another key",
        fix=f'quote the value: {keyed["key"]}: "{value}"',
    )


def _dash_without_space(exc: yaml.YAMLError, lines: list[str]) -> Problem | None:
    """A list item written `-id: email`: YAML reads `-id` as text, not an item, and was
    told "did not find expected '-' indicator" (or, for `-email` under `- phone`, that a
    key had no colon; review user52). Say the dash needs a space after it."""
    problem = getattr(exc, "problem", None) or ""
    mark = getattr(exc, "problem_mark", None)
    if "could not find expected ':'" in problem:
        mark = getattr(exc, "context_mark", None)
    elif "expected '-' indicator" not in problem:
        return None
    if mark is None or mark.line >= len(lines):
        return None
    source = lines[mark.line].split(" #")[0].strip()
    if not re.fullmatch(r"-[^\s-].{0,78}", source):
        return None
    return Problem(
        file="",
        line=mark.line + 1,
        column=len(lines[mark.line]) - len(lines[mark.line].lstrip()) + 1,
        message=f"not valid YAML: `{source}` has no space after its dash, so it is no list item",
        fix=f"write `- {source[1:]}`",
    )


def _fatal(exc: yaml.YAMLError, file: str, text: str) -> PlanError:
    lines = text.split("\n")
    told = (
        _dash_without_space(exc, lines) or _colonless_key(exc, lines) or _colon_in_value(exc, lines)
    )
    if told is not None:
        return PlanError([told._replace(file=file)])
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    # A quote never closed runs to the end of the file: the line to fix is where it opens.
    unclosed = "quoted scalar" in context and "end of stream" in problem
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if unclosed:
        mark = getattr(exc, "context_mark", None) or mark
        problem = "a quoted value opens here and is never closed"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    # The end of the stream is past the last line (after its newline): point at the file's
    # last character, a place code scanning and annotations can show (review out29 R13).
    body = text.rstrip()
    if line > body.count("\n") + 1:
        line, col = body.count("\n") + 1, max(len(body) - body.rfind("\n") - 1, 1)
    fix = (
        "close the quote on this line"
        if unclosed
        else "check the indentation and punctuation on this line"
    )
    lines = text.split("\n")
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source_line[: max(col, 1)] or "tab" in problem.lower():
        fix = "indent with spaces; YAML does not allow tabs for indentation"
    elif "nesting depth" in problem:
        fix = f"a plan is at most a few levels deep (the limit is {MAX_DEPTH})"
    elif "found duplicate anchor" in problem:
        fix = "give each anchor a different name"
    elif "could not find expected ':'" in problem and col > 1024:
        # YAML reads a key of at most 1024 characters on one line; past that, no key at all.
        problem = "a key longer than 1024 characters"
        fix = "shorten the key (the names cs-align reads are short)"
        col = 1
    return PlanError(
        [Problem(file=file, line=line, column=col, message=f"not valid YAML: {problem}", fix=fix)]
    )


PLAN_START = "a plan starts with `version: 1`; `cs-align init` writes one"


def load_text(
    text: str, file: str, starts: str = PLAN_START, yes_no: Collection[str] | None = None
) -> Document:
    """Parse ``text`` (already decoded) into a positioned document; ``starts`` says what
    the file should hold, for one that is empty; ``yes_no``, where the reader knows them,
    the keys that take true or false (a `no` elsewhere is told to be quoted)."""
    text = text.removeprefix("\ufeff")
    text = normalise_newlines(text, file)
    _check_characters(text, file)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        return _build(file, loader.get_event, starts, text, yes_no)
    except yaml.YAMLError as exc:
        raise _fatal(exc, file, text) from None
    except RecursionError:  # pragma: no cover - the depth cap stops nesting first
        raise PlanError(
            [
                Problem(
                    file=file,
                    line=1,
                    column=1,
                    message=f"nesting deeper than {MAX_DEPTH} levels",
                    fix="a plan is at most a few levels deep",
                )
            ]
        ) from None
    finally:
        loader.dispose()


def _build(
    file: str,
    get_event: Callable[[], Any],
    starts: str,
    text: str = "",
    yes_no: Collection[str] | None = None,
) -> Document:
    builder = _Builder(file, get_event, text, yes_no)
    get_event()  # StreamStart
    if type(get_event()) is yaml.StreamEndEvent:  # else DocumentStart
        raise PlanError(
            [
                Problem(
                    file=file,
                    line=1,
                    column=1,
                    message="the file is empty",
                    fix=starts,
                )
            ]
        )
    builder.doc.data, _ = builder.node(get_event(), (), 0)
    get_event()  # DocumentEnd
    extra = get_event()
    if type(extra) is not yaml.StreamEndEvent:
        raise builder.fail(
            extra.start_mark,
            "the file holds more than one YAML document",
            "keep one plan per file; remove the `---` and what follows",
        )
    if builder.doc.data is None:
        raise PlanError(
            [
                Problem(
                    file=file,
                    line=1,
                    column=1,
                    message="the file holds no values",
                    fix=starts,
                )
            ]
        )
    if builder.unclear:
        raise PlanError(builder.problems(builder.doc.data))
    return builder.doc
