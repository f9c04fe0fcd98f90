"""Where each key and value of `[tool.cs-align]` is written in a pyproject.toml.

tomllib gives values without positions; config errors must still name file:line:col. This
reads the lines of the cs-align tables (`[tool.cs-align]`, `[tool.cs-align.guardrails]`)
for their keys (dotted ones too) and the items of their arrays. It only locates: the file
is parsed by tomllib, and anything it does not find points at the table's header instead.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cs_align.yamlsafe import Document, Path, Pos

TABLE = ("tool", "cs-align")
_BARE = r"[A-Za-z0-9_-]+"
_PART = rf"(?:{_BARE}|\"[^\"]*\"|'[^']*')"
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"^\s*\[\s*(?P<name>{_DOTTED})\s*\]\s*(?:#.*)?$")
_ARRAY_OF_TABLES = re.compile(rf"^\s*\[\[\s*(?P<name>{_DOTTED})\s*\]\]\s*(?:#.*)?$")
_KEY = re.compile(rf"^(?P<indent>\s*)(?P<key>{_DOTTED})\s*=\s*")


def _parts(dotted: str) -> tuple[str, ...]:
    """`tool."cs-align" . guardrails` → ('tool', 'cs-align', 'guardrails')."""
    return tuple(p.strip("\"'") for p in re.findall(_PART, dotted))


def locate(text: str, name: str) -> Document:
    """An empty document for the file ``name`` holding where `[tool.cs-align]`'s keys and
    values are (its keys as the config reads them: `fail-on` is `fail_on`)."""
    doc = Document(file=name, data=None)
    lines = text.splitlines()
    prefix: Path | None = None
    row = 0
    tables: dict[Path, int] = {}  # how many of each [[array of tables]] so far
    while row < len(lines):
        line = lines[row]
        header = _ARRAY_OF_TABLES.match(line) or _HEADER.match(line)
        if header or line.lstrip().startswith("[["):
            prefix = _table(doc, header, row, tables) if header else None
        elif prefix is not None and (key := _KEY.match(line)):
            row = _entry(doc, lines, row, (*prefix, *_parts(key["key"])), key)
        row += 1
    return doc


def _table(doc: Document, header: re.Match[str], row: int, tables: dict[Path, int]) -> Path | None:
    """Record a table header of `[tool.cs-align]`'s (`[tool.cs-align.guardrails]`,
    `[[tool.cs-align.waivers]]`) at the name each of its parts is written at: a problem
    with a key a header names (`[tool.cs-align.guardrail]`) was placed at the file's first
    line, whatever table stood there (review input63). The path its keys are under."""
    spans = [(m.start(), m[0]) for m in re.finditer(_PART, header["name"])]
    if tuple(p.strip("\"'") for _, p in spans[:2]) != TABLE:
        return None
    start = header.start("name")
    path: Path = ()
    for offset, part in spans[2:]:
        name = part.strip("\"'")
        path = (*path, name if path else name.replace("-", "_"))  # as _entry reads a key
        at = Pos(line=row + 1, column=start + offset + 1)
        doc.keys.setdefault(path, at)
        doc.values.setdefault(path, at)
    if not path:
        doc.values[()] = Pos(line=row + 1, column=1)
    elif header.re is _ARRAY_OF_TABLES:
        index = tables[path] = tables.get(path, -1) + 1
        path = (*path, index)
        doc.values.setdefault(path, Pos(line=row + 1, column=header.start() + 1))
    return path


def _entry(doc: Document, lines: list[str], row: int, path: Path, key: re.Match[str]) -> int:
    """Record a `key = value` line (and an array's items); the last row the value takes."""
    path = (str(path[0]).replace("-", "_"), *path[1:])
    doc.keys[path] = Pos(line=row + 1, column=len(key["indent"]) + 1)
    doc.values[path] = Pos(line=row + 1, column=key.end() + 1)
    if lines[row][key.end() :].startswith("{"):
        _inline(doc, lines[row], row, key.end(), path)
    if not lines[row][key.end() :].startswith("["):
        return row
    items, last = _items(lines, row, key.end())
    for index, pos in enumerate(items):
        doc.values[(*path, index)] = pos
    return last


_INLINE_KEY = re.compile(rf"\s*(?P<key>{_DOTTED})\s*=\s*")


def _inline(doc: Document, line: str, row: int, start: int, path: Path) -> None:
    """Record the keys and values of the inline table opening at ``line[start]`` (`{value =
    "5%", action = "warn"}`, nested ones too): a problem with one of them was placed at the
    `{` (review input61). TOML writes an inline table on one line."""
    c = start + 1
    while (key := _INLINE_KEY.match(line, c)) is not None:
        inner = (*path, *_parts(key["key"]))
        doc.keys[inner] = Pos(line=row + 1, column=key.start("key") + 1)
        doc.values[inner] = Pos(line=row + 1, column=key.end() + 1)
        if line.startswith("{", key.end()):
            _inline(doc, line, row, key.end(), inner)
        c = _value_end(line, key.end())
        if not line.startswith(",", c):
            return
        c += 1


def _value_end(line: str, start: int) -> int:
    """Where the value starting at ``line[start]`` ends: at the `,` or `}` after it, outside
    its strings, arrays and tables."""
    depth, quote, c = 0, "", start
    while c < len(line):
        ch = line[c]
        if quote:
            c += 1 if ch == "\\" and quote == '"' else 0
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}" and depth:
            depth -= 1
        elif ch in ",}":
            return c
        c += 1
    return c


def _items(lines: list[str], row: int, col: int) -> tuple[list[Pos], int]:
    """Where each item of the array opening at ``lines[row][col]`` starts, and the row it
    closes on (strings, comments and nested arrays or tables taken into account)."""
    found: list[Pos] = []
    depth, quote, expect = 0, "", False
    for r in range(row, len(lines)):
        line, c = lines[r], col if r == row else 0
        while c < len(line):
            ch = line[c]
            if quote:
                c += 1 if ch == "\\" and quote == '"' else 0
                quote = "" if ch == quote else quote
            elif ch == "#":
                break
            elif not ch.isspace():
                if expect and ch not in ",]":
                    found.append(Pos(line=r + 1, column=c + 1))
                    expect = False
                quote = ch if ch in "\"'" else ""
                depth += (ch in "[{") - (ch in "]}")
                if depth == 0:
                    return found, r
                expect = expect or (depth == 1 and ch in "[,")
            c += 1
    return found, len(lines) - 1


# A TOML number as written: decimal, hex/octal/binary, float with exponent, inf and nan.
_NUMBER = re.compile(
    r"(?<![\w.])[+-]?(?:0[xob][0-9A-Fa-f_]+|inf|nan|[0-9][0-9_]*(?:\.[0-9_]+)?"
    r"(?:[eE][+-]?[0-9_]+)?)(?![\w.])"
)


def written(
    text: str, pos: Pos, key: str | int, figure: Decimal | None = None
) -> tuple[str, Pos] | None:
    """The number as the author wrote it at ``pos`` (and where), so a message quotes
    `1e400` rather than the figure tomllib made of it (`1E+400`). A value inside an inline
    table (`guardrails = {max_total = 1e400}`) is found after its key on that line, one in
    a nested array (`[[1e400]]`) as the first number on the line from ``pos`` that reads
    as ``figure``; None when no number stands there."""
    lines = text.splitlines()
    if not 0 < pos.line <= len(lines):
        return None
    line, column = lines[pos.line - 1], pos.column - 1
    if line[column : column + 1] == "{" and isinstance(key, str):
        inner = re.compile(rf"(?:^|[{{,\s])[\"']?{re.escape(key)}[\"']?\s*=\s*")
        found = inner.search(line, column)
        column = found.end() if found else column
    for number in _NUMBER.finditer(line, column):
        if figure is None or _reads_as(number[0], figure):
            return number[0], Pos(line=pos.line, column=number.start() + 1)
    return None


def _reads_as(token: str, figure: Decimal) -> bool:
    """Whether the TOML number ``token`` is ``figure`` (NaN is NaN here)."""
    import tomllib

    try:
        value = Decimal(tomllib.loads(f"x = {token}", parse_float=Decimal)["x"])
    except (tomllib.TOMLDecodeError, ArithmeticError):
        return False
    return value == figure or (value.is_nan() and figure.is_nan())
