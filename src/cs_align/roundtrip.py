"""Edit a plan's YAML text in place: only the changed values move, every other byte stays.

ruamel.yaml's round-trip mode composes the text into nodes that know where each value
starts and ends; each edit splices its new text there, or inserts a new key beside its
siblings in the mapping's own style (block or flow). Re-dumping the whole document instead
would re-indent and re-wrap it, so a reviewer's diff would show lines nobody changed.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from cs_align.errors import PlanError, Problem

PathT = tuple[str | int, ...]
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 %._/+-]*")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "~"})


class Edit(NamedTuple):
    """A value to write at a path of the plan (a key that is missing is added)."""

    path: PathT
    value: Any
    """As the plan's loader reads it back: Decimal, str, bool or a list of them."""


def render(value: Any, quote: str | None = None) -> str:
    """A value as YAML text: numbers plain, text plain when it reads back the same."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, Decimal | int):
        return f"{Decimal(value).normalize():f}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(render(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {render(v)}" for k, v in value.items()) + "}"
    text = str(value)
    if quote == "'" and "'" not in text:
        return f"'{text}'"
    if quote or not _PLAIN.fullmatch(text) or text.lower() in _RESERVED or _numeric(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _numeric(text: str) -> bool:
    try:
        Decimal(text.replace("_", ""))
    except ArithmeticError:
        return False
    return True


def apply(text: str, edits: Sequence[Edit], file: str) -> str:
    """``text`` with every edit made; the rest of it byte for byte."""
    root, shared = _composed(text)
    splices = [_splice(text, root, edit, shared, file) for edit in edits]
    # Keys added at one place (the end of nested mappings) go innermost first.
    merged: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for start, end, new, depth in splices:
        merged.setdefault((start, end), []).append((-depth, new))
    out = text
    for (start, end), parts in sorted(merged.items(), reverse=True):
        out = out[:start] + "".join(new for _, new in sorted(parts)) + out[end:]
    return out


@functools.lru_cache(maxsize=2)
def _composed(text: str) -> tuple[Any, frozenset[int]]:
    """The text's nodes, and those aliased: composed once however many drafts are made."""
    from ruamel.yaml import YAML

    root = YAML(typ="rt").compose(_untabbed(text))
    return root, frozenset(_shared(root))


def _untabbed(text: str) -> str:
    """``text`` with each tab outside a scalar (after a colon, before a comment, at a line's
    end) read as a space: YAML and the plan reader allow such tabs, ruamel's round-trip
    scanner does not (review user19 U1: `kind:<TAB>voice` made `fix` an internal error). A
    character for a character, so every position is the text's own and the edits keep the
    tabs as written."""
    if "\t" not in text:
        return text
    import yaml

    scalars = iter(
        (token.start_mark.index, token.end_mark.index)
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if isinstance(token, yaml.ScalarToken)
    )  # in the order they are written: one pass over the tabs and them (a 5 MB plan)
    chars, span = list(text), next(scalars, None)
    for at in (i for i, char in enumerate(text) if char == "\t"):
        while span is not None and span[1] <= at:
            span = next(scalars, None)
        if span is None or not span[0] <= at:
            chars[at] = " "
    return "".join(chars)


def _shared(root: Any) -> set[int]:
    """Nodes reached by more than one path: values written once and aliased (`*name`)."""
    seen: set[int] = set()
    twice: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            twice.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node.value, list):
            for item in node.value:
                stack.extend(item if isinstance(item, tuple) else (item,))
    return twice


def _child(node: Any, part: str | int) -> tuple[Any, Any] | None:
    """(key node or None, value node) of ``part`` in a mapping or sequence node."""
    if isinstance(part, int):
        items = node.value if node.tag.endswith(":seq") else []
        return (None, items[part]) if part < len(items) else None
    if not node.tag.endswith(":map"):
        return None
    return next(((k, v) for k, v in node.value if k.value == part), None)


Splice = tuple[int, int, str, int]
"""Replace text[start:end] with new text; the last figure orders additions at one place."""


def _splice(text: str, root: Any, edit: Edit, shared: frozenset[int], file: str) -> Splice:
    node, depth = root, 0
    for part in edit.path:
        found = _child(node, part)
        if found is None:
            break
        node, depth = found[1], depth + 1
        if id(node) in shared:
            line = node.start_mark.line + 1
            raise PlanError(
                [
                    Problem(
                        file=file,
                        line=line,
                        column=node.start_mark.column + 1,
                        message="fix cannot change a value written once and reused with a YAML "
                        "alias",
                        fix="write the value out where it is used, then run fix again",
                    )
                ]
            )
    if depth == len(edit.path):
        return (*_replace(text, node, edit.value), depth)
    return (*_insert(text, node, edit.path[depth:], edit.value, file), depth)


def _replace(text: str, node: Any, value: Any) -> tuple[int, int, str]:
    start = node.start_mark.index
    anchor = f"&{node.anchor} " if getattr(node, "anchor", None) else ""
    if anchor and text.startswith("&", start):
        start = text.index(" ", start) + 1
        anchor = ""
    if node.tag.endswith((":map", ":seq")) and not node.flow_style:
        # A block collection becomes a flow one on its key's line.
        return _after_colon(text, start), _end(node), f" {anchor}{render(value)}"
    return start, _end(node), anchor + render(value, getattr(node, "style", None))


def _after_colon(text: str, block_start: int) -> int:
    """Where a block value's text begins: just after the colon of its key."""
    return text.rindex(":", 0, block_start) + 1


def _end(node: Any) -> int:
    """Where a value's own text ends (a block collection: at its last scalar, so the line
    break and whatever follows stay)."""
    if node.tag.endswith((":map", ":seq")) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end(last[1] if isinstance(last, tuple) else last)
    return int(node.end_mark.index)


def _insert(text: str, parent: Any, rest: PathT, value: Any, file: str) -> tuple[int, int, str]:
    """A missing key (and any missing mappings above it) added to ``parent``."""
    key, nested = rest[0], value
    for part in reversed(rest[1:]):
        nested = {part: nested}
    item = f"{key}: {render(nested)}"
    if not parent.tag.endswith(":map"):
        mark = parent.start_mark
        raise PlanError(
            [
                Problem(
                    file=file,
                    line=mark.line + 1,
                    column=mark.column + 1,
                    message=f"fix cannot add {key!r} here: the value is not a mapping",
                    fix=f"write it as a mapping with `{key}:` in it, then run fix again",
                )
            ]
        )
    if parent.flow_style:
        if not parent.value:
            close = parent.end_mark.index - 1  # the closing brace
            return close, close, item
        at = _end(parent.value[-1][1])
        return at, at, f", {item}"
    first_key = parent.value[0][0]
    at = text.find("\n", _end(parent))
    at = len(text) if at < 0 else at
    return at, at, "\n" + " " * first_key.start_mark.column + item


def unified(before: str, after: str, name: str) -> str:
    """A unified diff of the plan, as `patch -p0` and reviewers read it. The plan's lines are
    shown as every output shows user text (`escaping.visible`): a line of a block scalar
    that starts with `::`, or a comment holding `##[`, would otherwise be a workflow
    command in a CI log (review final25 M2); a plan that holds one is not patched as is."""
    from cs_align.escaping import visible

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"{name}",
        f"{name}",
    )
    shown = []
    for line in lines:
        body = line.rstrip("\n")
        if body.startswith(("---", "+++", "@@")):
            shown.append(visible(body))
        else:  # the mark, then the plan's line
            shown.append(body[:1] + _patchable(body[1:]))
    return "".join(f"{line}\n" for line in shown)


def _patchable(line: str) -> str:
    """A plan's line as `escaping.visible` shows it, but with its tabs and a CRLF line's end
    as they are in the file: `patch -p0` matches bytes, and a tab shown as `\\x09` or a
    dropped `\\r` failed every hunk that held one (review input31 F17). Neither starts a
    workflow command; a `::` after a tab is still defused."""
    from cs_align.escaping import visible

    end = "\r" if line.endswith("\r") else ""
    body = line[: len(line) - len(end)]
    return "\t".join(visible(part) for part in body.split("\t")) + end
