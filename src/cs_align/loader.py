"""Plan files → validated Plan models, with file:line:col on every problem."""

from __future__ import annotations

import functools
import json
import re
import sys
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel, ValidationError

from cs_align.errors import PlanError, Problem, close_matches, empty_name
from cs_align.patterns import CLOCK_TIME, SOME_TEXT, STRATEGY_ID
from cs_align.plan import Plan
from cs_align.repo import MAX_BYTES, read_file
from cs_align.repo import display as shown
from cs_align.units import as_said, ascii_figure, other_digit
from cs_align.units import shown as written
from cs_align.yamlsafe import Document, decode, load_text
from cs_align.yamlsafe import plan_path as plan_path  # where it was first defined

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from cs_align.sizing import Oversized
    from cs_align.waivers import WaiverEntry


class LoadedPlan(NamedTuple):
    plan: Plan
    doc: Document
    path: Path | None = None
    """Where the plan lives in the working tree (a plan read at a git revision keeps its
    working-tree path): files it names resolve from this folder. None for stdin."""
    inline: tuple[WaiverEntry, ...] = ()
    """Waivers written as `# cs-align: waive …` comments."""

    @property
    def file(self) -> str:
        return self.doc.file

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()


def read_source(path: str | Path, display: str | None = None) -> tuple[str, str]:
    """Read a file (or stdin for '-') as text; return (display name, text)."""
    if isinstance(path, str) and not path:
        raise empty_name()
    name = display or (str(path) if str(path) == "-" else shown(Path(path)))
    if str(path) == "-":
        if sys.stdin is None:
            raise PlanError(
                [
                    Problem(
                        file=name,
                        line=0,
                        column=0,
                        message="standard input is closed",
                        fix="pipe a plan in, or name a file",
                    )
                ]
            )
        try:
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        except OSError as exc:
            raise PlanError(
                [
                    Problem(
                        file=name,
                        line=0,
                        column=0,
                        message=f"cannot read standard input: {exc.strerror}",
                        fix="name a file",
                    )
                ]
            ) from None
        if len(raw) > MAX_BYTES:
            raise PlanError(
                [
                    Problem(
                        file=name,
                        line=0,
                        column=0,
                        message="is larger than 5 MB",
                        fix="check the input",
                    )
                ]
            )
    else:
        raw = read_file(path, name)
    return name, decode(raw, name)


def load_plan(path: str | Path, display: str | None = None) -> LoadedPlan:
    name, text = read_source(path, display)
    return parse_plan(text, name, None if str(path) == "-" else Path(path))


def parse_plan(text: str, file: str, path: Path | None = None) -> LoadedPlan:
    doc = load_text(text, file, yes_no=yes_no_keys(Plan))
    require_mapping(doc, "a plan", "start with `version: 1`; `cs-align init` writes a starter plan")
    if path is None and file != "-" and _exists(file):
        path = Path(file)
    return LoadedPlan(
        plan=validate(Plan, doc), doc=doc, path=path, inline=comment_waivers(text, file)
    )


def _written_empty(node: Any, path: tuple[int | str, ...]) -> Iterator[tuple[int | str, ...]]:
    """The path of each key written with nothing (or `~`, `null`) after its colon."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _written_empty(item, (*path, index))
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if value is None and isinstance(key, str):
            yield (*path, key)
        else:
            yield from _written_empty(value, (*path, key))


def _empty_value(doc: Document, path: tuple[int | str, ...]) -> Problem:
    key = str(path[-1])
    example = _example_of(key, path)
    shown = f"`{key}: …`" if example == "…" else f"e.g. `{key}: {example}`"
    pos = doc.value_pos(path)
    return Problem(
        file=doc.file,
        line=pos.line,
        column=pos.column,
        message=f"{plan_path(doc.data, path)}: is empty, which would read as the key left out",
        fix=f"write its value, {shown}, or remove the key",
    )


def oversized(loaded: LoadedPlan, exc: Oversized, changed: str = "") -> PlanError:
    """A channel too large to size, as the plan's problem at the channel's volume (its
    ``changed`` inputs, e.g. "under a what-if or stress", when it is they that make it so)."""
    index = next((i for i, c in enumerate(loaded.plan.channels) if c.id == exc.channel), None)
    path: tuple[int | str, ...] = () if index is None else ("channels", index, "volume")
    if index is not None and "volume" not in loaded.doc.data["channels"][index]:
        path = path[:-1]
    staffing = loaded.doc.data.get("staffing")
    if exc.path and isinstance(staffing, dict) and exc.path[-1] in staffing:
        path = exc.path  # the staffing line that leaves an FTE no productive hours
    pos = loaded.doc.value_pos(path)
    where = plan_path(loaded.doc.data, path) if path else f"channel {exc.channel}"
    message = f"{where}: {exc.message}" + (f" {changed}" if changed else "")
    return PlanError(
        [Problem(file=loaded.file, line=pos.line, column=pos.column, message=message, fix=exc.fix)]
    )


def maybe_waivers(text: str) -> bool:
    """Whether a text may hold an inline waiver, or a comment spelt like one (`# CS-ALIGN:
    waive`, `# cs-align: waiv`): one search, so that most plans skip the line-by-line read."""
    return re.search(r"align\s*(?::\s*)?wai", text, re.IGNORECASE) is not None


def comment_waivers(text: str, file: str) -> tuple[WaiverEntry, ...]:
    if not maybe_waivers(text):  # most plans: skip importing the waiver machinery
        return ()
    from cs_align.waivers import inline_waivers

    return tuple(inline_waivers(text, file))


def _exists(file: str) -> bool:
    """Whether the name a plan is shown by is a file: a name given to text from standard
    input (`--stdin-filename`) is a label, and one no file system can hold (a part over 255
    bytes) made its check "cannot be checked: File name too long" (review input61)."""
    try:
        return Path(file).exists()
    except OSError:
        return False


def require_mapping(doc: Document, what: str, fix: str) -> None:
    """Refuse a YAML file whose top level is not `key: value` pairs, or that is plainly
    another kind of file than ``what`` (a plan given as a waiver file was told to remove
    each of its keys, one line each: review input31 F04)."""
    if not isinstance(doc.data, dict):
        raise PlanError(
            [
                Problem(
                    file=doc.file,
                    line=1,
                    column=1,
                    message=f"{what} is a mapping of keys to values",
                    fix=fix,
                )
            ]
        )
    found = kind_of(doc.data)
    if found is not None and found != what:
        raise PlanError(
            [
                Problem(
                    file=doc.file,
                    line=1,
                    column=1,
                    message=f"this is {found}, not {what}",
                    fix=f"name {what} here ({fix.removeprefix('write ')})",
                )
            ]
        )


def kind_of(data: dict[str, Any]) -> str | None:
    """What a YAML mapping plainly is, by its top-level keys: "a plan" (`version` beside
    `organisation` or `channels`), "a waiver file" (`waivers` alone, a list of mappings:
    a config's names files) or "a strategy file"
    (`id` beside `rules` or `extends`); None when it is none of them plainly."""
    keys = set(data)
    if "version" in keys and keys & {"organisation", "channels"}:
        return "a plan"
    listed = data.get("waivers")
    # A config's `waivers:` names files (text); a waiver file's are mappings.
    mappings = isinstance(listed, list) and listed and all(isinstance(w, dict) for w in listed)
    if keys == {"waivers"} and mappings:
        return "a waiver file"
    if "id" in keys and keys & {"rules", "extends"} and not keys & {"version", "channels"}:
        return "a strategy file"
    return None


M = typing.TypeVar("M", bound=BaseModel)


def validate(model: type[M], doc: Document) -> M:
    """``doc`` as a ``model``, refusing a key written with no value (`abandonment_max: ~`,
    `budget:` and nothing under it, a config's `max_budget_increase:`) beside what the model
    refuses: it was read as the key left out, so a ceiling or a guardrail whose figure a
    template lost was silently off (review input62)."""
    empty = list(_written_empty(doc.data, ()))
    try:
        found = model.model_validate(doc.data)
    except ValidationError as exc:
        told = problems(model, doc, exc)
        # A key not known is told so, once; so is a value the model itself finds empty.
        unknown = {_doc_path(doc.data, e) for e in exc.errors() if e["type"] == "extra_forbidden"}
        at = {(p.line, p.column) for p in told}
        more = [_empty_value(doc, path) for path in empty if path not in unknown]
        more = [p for p in more if (p.line, p.column) not in at]
        raise PlanError(sorted([*told, *more], key=lambda p: (p.line, p.column))) from None
    if empty:
        raise PlanError([_empty_value(doc, path) for path in empty])
    return found


def problems(model: type[BaseModel], doc: Document, exc: ValidationError) -> list[Problem]:
    """Validation errors → positioned problems, one per place.

    A union (``strategy: str | Mix``) reports a type mismatch for each branch it rejects;
    those are dropped when the value has a more specific problem, and kept once otherwise.
    """
    located = [(_doc_path(doc.data, e), e) for e in exc.errors()]
    specific = [path for path, e in located if not _is_type_mismatch(e)]
    found: dict[tuple[int, int], Problem] = {}
    for path, error in located:
        if _is_type_mismatch(error) and any(p[: len(path)] == path for p in specific):
            continue
        problem = _problem(model, doc, path, error)
        found.setdefault((problem.line, problem.column), problem)
    return sorted(found.values(), key=lambda p: (p.line, p.column))


def _is_type_mismatch(error: Any) -> bool:
    return str(error["type"]) in (
        "string_type",
        "model_type",
        "dict_type",
        "model_attributes_type",
        "union_tag_invalid",
    )


def _doc_path(data: Any, error: Any) -> tuple[int | str, ...]:
    """The pydantic location with union-branch names dropped: the path into the document."""
    loc: tuple[int | str, ...] = error["loc"]
    names_a_key = error["type"] in ("missing", "extra_forbidden")
    path: list[int | str] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
        elif names_a_key and isinstance(node, dict) and part == loc[-1]:
            path.append(part)  # a missing or unknown key at the end
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def _problem(
    model: type[BaseModel], doc: Document, path: tuple[int | str, ...], error: Any
) -> Problem:
    kind = str(error["type"])
    where = plan_path(doc.data, path)
    if kind == "extra_forbidden":
        pos = doc.key_pos(path)
        key = str(path[-1])
        allowed = sorted(_fields_at(model, path[:-1]))
        return Problem(
            file=doc.file,
            line=pos.line,
            column=pos.column,
            message=f"unknown key {key!r}{_in(where, path)}" + _odd_characters(key),
            fix="YAML merge keys (`<<`) are not read: write the keys out here"
            if key == "<<"
            else _elsewhere(model, doc.file, path, allowed) or _suggest(key, allowed),
        )
    if kind == "missing":
        pos = doc.key_pos(path[:-1]) if len(path) > 1 else doc.value_pos(())
        missing = str(error["loc"][-1])
        # `Version: 1` for `version: 1`, `organization:` for `organisation:`
        written = _near(doc.data, path[:-1], missing, _fields_at(model, path[:-1]))
        if written is not None:
            pos = doc.key_pos((*path[:-1], written))
        cased = written is not None and written.strip().lower() == missing
        return Problem(
            file=doc.file,
            line=pos.line,
            column=pos.column,
            message=f"missing required key {missing!r}{_in(where, path)}",
            fix=_add_missing(missing, path)
            if written is None
            else f"write {written!r} as `{missing}`" + (" (keys are lower case)" if cased else ""),
        )
    ctx = error.get("ctx") or {}
    if kind == "cs_align" and ctx.get("at"):
        path = (*path, *ctx["at"])  # a model's check that names one of its parts
        where = plan_path(doc.data, path)
    # A setting not known (`{value: 5%, acton: warn}`) is told at its name (input62).
    pos = doc.key_pos(path) if ctx.get("key") else doc.value_pos(path)
    if kind == "cs_align":
        message, fix = ctx["message"], ctx["fix"]
    elif _left_empty(kind, error.get("input")) and path and str(path[-1]).strip():
        message, fix = _empty(path)
    else:
        message, fix = _describe(kind, error)
    return Problem(
        file=doc.file,
        line=pos.line,
        column=pos.column,
        message=clipped(f"{where}: {message}"),
        fix=clipped(
            _straight_quotes(_value_at(doc.data, path))
            or _ascii_digits(_value_at(doc.data, path))
            or fix
        ),
    )


QUOTED_AT_MOST = 60
"""The most characters of a value a message quotes: the rest is cut to `…`."""

_LONG_QUOTE = re.compile(rf"'[^'\n]{{{QUOTED_AT_MOST + 1},}}'|\"[^\"\n]{{{QUOTED_AT_MOST + 1},}}\"")


_LONG_WORD = re.compile(rf"[^\s'\"]{{{QUOTED_AT_MOST + 21},}}")
"""A run of text with no blank far longer than any word or figure: a value shown unquoted
(`８８８…８ has no unit`)."""


def clipped(text: str) -> str:
    """``text`` with each value it quotes (or shows as one long run) cut to QUOTED_AT_MOST
    characters: a message showed the whole of what the file wrote, so a 100,000-character
    `handle_time` made a 100 KB line on standard error and in every output (review
    reattack58)."""
    text = _LONG_QUOTE.sub(lambda m: f"{m[0][:QUOTED_AT_MOST]}…{m[0][-1]}", text)
    return _LONG_WORD.sub(lambda m: f"{m[0][:QUOTED_AT_MOST]}…", text)


_CURLY = {"\u201c": "\u201d", "\u2018": "\u2019", "\u201e": "\u201c", "\u00ab": "\u00bb"}


def _straight_quotes(value: Any) -> str | None:
    """The fix for a value a word processor quoted (“80% in 20s”, ‘6m’): YAML reads curly
    quotes as part of the text, so `shrinkage: “32%”` was told "write e.g. 80% or 0.8" and
    `total: “1388520”` "write an amount such as 6200000" (review user52)."""
    if not isinstance(value, str) or len(value) < 3 or _CURLY.get(value[0]) != value[-1]:
        return None
    inner = value[1:-1].strip()
    return f'write straight quotes, "{inner}", or none: {inner} (YAML reads curly quotes as text)'


def _ascii_digits(value: Any) -> str | None:
    """The fix for a figure written with look-alike digits or percent sign (`６m`,
    `８０% in ２０s`, `8％`): each was told the field's general example ("write e.g. 20s,
    7m30s, 4h"), with no word of the character that is not a digit (review input62)."""
    if not isinstance(value, str) or (wrong := other_digit(value)) is None:
        return None
    return f"write {ascii_figure(value)} ({wrong})"


def _value_at(data: Any, path: tuple[int | str, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_EXAMPLES = {
    "version": "1",
    "organisation": "Acme Support",
    "strategy": "delight",
    "channels": "[{id: phone, kind: voice, volume: 9000/month, handle_time: 6m, …}]",
    "start": "2027-01-01",
    "end": "2027-12-31",
    "primary": "fast-food",
    "kind": "voice",
    "at": '"08:00"',
    "contacts": "9000",
    "per": "month",
    "interval": "30m",
    "intervals": '[{at: "08:00", contacts: 120}, …]',
    "total": "2.6M",
    "share": "95%",
    "reason": '"why the finding is accepted for now"',
    "owner": "a.person@example.com",
    "path": "staffing.uses_scripts",
    "expires": "2027-06-30",
    "abandonment_max": "5%",
    "service_level": '"80% in 20s"',
    "first_response": "4h",
    "resolution": "24h",
    "asa": "30s",
    "patience": "2m",
    "handle_time": "6m",
    "agents": "16.2",
    "shrinkage": "32%",
    "max_occupancy": "85%",
    "loaded_cost_per_fte": "62000",
    "budget": "{total: 2.6M, lines: {people: 2.4M}}",
    "hours": "Mon-Fri 08:00-20:00",
    "containment": "50%",
    "fail_on": "error",
    "format": "json",
    "max_budget_increase": "5%",
    "max_budget_decrease": "10%",
    "max_total": "2.6M",
    "max_waiver_days": "90",
    "no_verdict_regression": "block",
    "no_new_errors": "block",
    "resilience": "{volume: +10%}",
}
"""A value of each key a plan must state, for the fix of one missing: what `add version: …`
left the reader to guess (review user49 U12)."""


def _left_empty(kind: str, value: object) -> bool:
    """Whether text was left out: nothing after the colon, or `""`."""
    if kind == "string_type":
        return value is None
    return kind in ("too_short", "string_too_short") and isinstance(value, str) and not value


def _empty(path: tuple[int | str, ...]) -> tuple[str, str]:
    """A key written with nothing after it (`owner:`), where text belongs: it was told
    "expected text — write text, quoted if it could be read as a number" (review user60)."""
    key = str(path[-1])
    if key == "rule":
        return "is empty", f"write {_rule_meant(path)} after the colon{_IDS}"
    example = _example_of(key, path)
    if example == "…":
        return "is empty", "write its text after the colon, or leave the key out"
    return "is empty", f"write e.g. `{key}: {example}`"


def _add_missing(key: str, path: tuple[int | str, ...]) -> str:
    """What to add for a required key left out. A rule is the one the entry means, which no
    example can name: `- {severity: error}` was told "add `rule: goodwill-budget` here", a
    rule the author never meant (review user61)."""
    if key == "rule":
        return f"add `rule: …` here, {_rule_meant(path)}{_IDS}"
    return f"add `{key}: {_example_of(key, path)}` here"


def _rule_meant(path: tuple[int | str, ...]) -> str:
    """The rule an entry at ``path`` names: one a waiver waives, or a strategy entry sets."""
    whose = "waives" if path[:1] == ("waivers",) else "sets"
    return f"the id of the rule the entry {whose}"


_IDS = " (`cs-align explain` lists the ids)"


def _example_of(key: str, path: tuple[int | str, ...]) -> str:
    if key == "id":
        return "retail" if path[:1] == ("segments",) else "phone"
    return _EXAMPLES.get(key, "…")


def _near(data: Any, path: tuple[int | str, ...], missing: str, allowed: set[str]) -> str | None:
    """A key written where ``missing`` belongs that differs from it only in case or
    spacing, such as `Version` (user19 U9: only "missing required key 'version'"), or is
    misspelt, such as `organization`, which is no key of its own: it was told twice, once
    as missing with "add `organisation: Acme Support` here", a name that was not the
    plan's, at the top of the file, and once as unknown (review user52)."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(data, dict):
        return None
    unknown = [k for k in data if isinstance(k, str) and k != missing and k not in allowed]
    cased = next((k for k in unknown if k.strip().lower() == missing), None)
    # Two letters swapped (`di` for `id`, `sahre` for `share`): below difflib's cutoff for
    # a short key, and it was told only "add `id: phone` here".
    swapped = next((k for k in unknown if sorted(k.strip().lower()) == sorted(missing)), None)
    close = close_matches(missing, unknown, 0.8)
    return cased or swapped or (close[0] if close else None)


def _in(where: str, path: tuple[int | str, ...]) -> str:
    parent = where.rsplit(".", 1)[0] if "." in where else ""
    return f" in {parent}" if len(path) > 1 and parent else ""


def _odd_characters(key: str) -> str:
    odd = [f"U+{ord(c):04X}" for c in key if not c.isascii() or not c.isprintable()]
    return f" (it contains {', '.join(odd)}, which looks like plain text but is not)" if odd else ""


def _look_alike(raw: object) -> str:
    """Name the characters of a refused value that a reader cannot see are not ASCII (a
    Cyrillic `р`, a zero-width space): `'рhone' is not a valid name` read as nonsense."""
    import unicodedata

    from cs_align.lookalikes import LOOK_ALIKE

    if not isinstance(raw, str):
        return ""
    hidden = [
        f"U+{ord(c):04X}"
        for c in dict.fromkeys(raw)
        if c in LOOK_ALIKE or (not c.isascii() and unicodedata.category(c) in ("Cf", "Cc", "Zs"))
    ]
    if not hidden:
        return ""
    looks = "looks like plain text but is" if len(hidden) == 1 else "look like plain text but are"
    return f" (it contains {', '.join(hidden)}, which {looks} not)"


def _elsewhere(
    model: type[BaseModel], file: str, path: tuple[int | str, ...], allowed: list[str]
) -> str | None:
    """Where a key not known at its place is a key of the same file: a config's
    `resilience:` written beside `fail_on:`, not under `guardrails:`, or a plan's
    `shrinkage:` at its top, not under `staffing:`, was told "remove it; allowed here: …",
    which drops the setting (review input63). None when the key is of no other place, or
    is one of this place written in another case or spelling (`near_key` tells that)."""
    key = str(path[-1])
    if re.sub(r"[-\s]+", "_", key.strip().lower()) in allowed:
        return None
    here = tuple("[…]" if isinstance(p, int) else p for p in path[:-1])
    homes = [h for h in _homes(model).get(key, ()) if h != here]
    if not homes:
        return None
    toml = file.endswith(".toml")
    named = " or ".join(_home_name(h, toml) for h in homes[:3])
    here_too = f"; allowed here: {', '.join(allowed)}" if allowed else ""
    return f"move it {named}, where {key} belongs{here_too}"


def _home_name(home: tuple[str, ...], toml: bool) -> str:
    """A place in a file as its author writes it: `under guardrails:`, `into an entry of
    channels[…].target:`, `to the top level`; in a pyproject.toml, its table."""
    if not home:
        return "directly under [tool.cs-align]" if toml else "to the top level of the file"
    dotted = ".".join(home).replace(".[…]", "[…]")
    if toml and "[…]" not in dotted:
        return f"under [tool.cs-align.{dotted}]"
    return f"under `{dotted}`" if dotted.endswith("[…]") else f"under `{dotted}:`"


@functools.cache
def _homes(model: type[BaseModel]) -> dict[str, list[tuple[str, ...]]]:
    """Each key of ``model``'s file → the places it is a key of, shallowest first (a
    list's entries as `[…]`: `channels[…].target`), four levels deep."""
    found: dict[str, list[tuple[str, ...]]] = {}
    todo: list[tuple[Any, tuple[str, ...]]] = [(model, ())]
    while todo:
        annotation, at = todo.pop(0)
        for sub in _models_in(annotation):
            for name, info in sub.model_fields.items():
                if at not in found.setdefault(name, []):
                    found[name].append(at)
                if len(at) < 4:
                    todo.append(_inner(info.annotation, (*at, name)))
    return found


def _inner(annotation: Any, at: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
    """A field's models and their place, a list's entries opened: `list[Channel]` at
    `channels` → Channel at `channels[…]`."""
    for arg in _flatten(annotation):
        if typing.get_origin(arg) in (list, tuple):  # a waiver file's tuple[Waiver, ...]
            return typing.get_args(arg)[0], (*at, "[…]")
    return annotation, at


def _suggest(key: str, allowed: list[str]) -> str:
    return near_key(key, allowed) or (
        f"remove it; allowed here: {', '.join(allowed)}" if allowed else "remove it"
    )


def near_key(key: str, allowed: Sequence[str]) -> str | None:
    """ "did you mean …?" for the key meant, read blind to case and to `-` or a space for
    `_`, or None. `CURRENCY` and `HANDLE_TIME` (keys in capitals) were told "remove it",
    which for an optional key drops the value silently (the plan in USD again), while
    `Currency` was told "did you mean"."""
    plain = re.sub(r"[-\s]+", "_", key.strip().lower())
    if plain in allowed:
        return f"did you mean {plain!r}? (keys are lower case, words joined by _)"
    close = close_matches(key, allowed, 0.6)
    ascii_key = "".join(c for c in key if c.isascii() and c.isprintable())
    close = close or close_matches(ascii_key, allowed, 0.6)
    close = close or close_matches(plain, allowed, 0.6)
    return f"did you mean {close[0]!r}?" if close else None


_DESCRIPTIONS = {
    "literal_error": ("must be {expected}", "write {expected}"),
    "enum": ("{shown} is not allowed here", "write one of {expected}"),
    "string_pattern_mismatch": (
        "is not a valid name",
        "use ASCII letters, digits, '-', '_' or '.', starting with a letter or digit",
    ),
    "bool_type": ("expected true or false", "write true or false (unquoted)"),
    "bool_parsing": ("expected true or false", "write true or false (unquoted)"),
    "string_type": ("expected text", "write text, quoted if it could be read as a number"),
    "list_type": ("expected a list", "write a list: one `- item` per line"),
    "tuple_type": ("expected a list", "write a list: one `- item` per line"),
    "set_type": ("expected a list", "write a list: one `- item` per line"),
    "frozen_set_type": ("expected a list", "write a list: one `- item` per line"),
    "iterable_type": ("expected a list", "write a list: one `- item` per line"),
    "finite_number": ("expected a finite number", "write a number such as 42"),
    "float_parsing": ("expected a number", "write e.g. 42"),
    "float_type": ("expected a number", "write e.g. 42"),
    "greater_than": ("must be more than {gt}", "write a number above {gt}"),
    "less_than": ("must be less than {lt}", "write a number below {lt}"),
    "dict_type": ("expected a mapping", "write `key: value` pairs, indented under it"),
    "model_type": ("expected a mapping", "write `key: value` pairs, indented under it"),
    "too_short": ("is empty", "add at least one entry"),
    "date_from_datetime_parsing": ("is not a date", "write YYYY-MM-DD, e.g. 2027-01-01"),
    "date_parsing": ("is not a date", "write YYYY-MM-DD, e.g. 2027-01-01"),
    "date_type": ("is not a date", "write YYYY-MM-DD, e.g. 2027-01-01"),
    "greater_than_equal": ("must be at least {ge}", "write a number of at least {ge}"),
    "less_than_equal": ("must be at most {le}", "write a number of at most {le}"),
    "int_parsing": ("expected a whole number", "write e.g. 2"),
    "int_type": ("expected a whole number", "write e.g. 2"),
    "int_from_float": ("expected a whole number", "write e.g. 2"),
    "decimal_parsing": ("expected a number", "write e.g. 42"),
    "decimal_type": ("expected a number", "write e.g. 42"),
    "string_too_long": ("is too long", "shorten it to at most {max_length} characters"),
    "too_long": (
        "holds {actual_length} entries, more than the {max_length} cs-align judges in one plan",
        "split it into several plans (one a site or brand); a folder check judges them all",
    ),
    "string_too_short": ("is empty", "write some text"),
}


_LISTS = frozenset({"list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"})

_ITEM_COMMA = re.compile(r",(?!(?<=\d,)\d{3}(?!\d))")
"""A comma that parts a list's items: not one between a digit and three more, a thousands
comma (`$2,000`, `1,200`), which is part of its figure."""
_PLAIN_ITEM = re.compile(r"[^\s,\[\]{}#&*!|>'\"%@`?:-](?:[^,\[\]{}\"]*[^\s,\[\]{}\"])?")
"""An item a YAML flow list holds unquoted, and that reads back as written."""


_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


def list_items(text: str) -> list[str]:
    """The items one line of text names, read as a list: parted at its commas but for
    thousands commas, each trimmed (`csat, handle_time` → csat and handle_time; `Ritz-Carlton's
    $2,000 rule` is one item; review user58: it was cut into `$2` and `000 rule`)."""
    return [part.strip() for part in _ITEM_COMMA.split(text) if part.strip()]


def flow_list(items: list[str]) -> str:
    """``items`` as a YAML flow list: `[csat, handle_time]`; an item with a comma of its own
    (or another character a flow list reads otherwise) in double quotes, so it stays one."""
    return "[" + ", ".join(_flow_item(item) for item in items) + "]"


def _flow_item(item: str) -> str:
    if _PLAIN_ITEM.fullmatch(item) and ": " not in item and " #" not in item:
        return item
    return json.dumps(item, ensure_ascii=False)  # YAML's double quotes are JSON's


_FLOW_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|[^,"]+')
"""A quoted item, or a run of an unquoted one (which holds no quote: `_PLAIN_ITEM`); in one
pass: a lazy match followed by blanks and a comma took quadratic time on a run of blanks."""


def flow_items(text: str) -> list[str]:
    """The items of a flow list `flow_list` wrote (its text between the brackets)."""
    found = [m[0].strip() for m in _FLOW_ITEM.finditer(text)]
    return [json.loads(item) if item.startswith('"') else item for item in found if item]


_PATTERNS = {
    CLOCK_TIME: (
        "is not a clock time",
        'write HH:MM from 00:00 to 23:59, quoted, e.g. "08:00"',
    ),
    STRATEGY_ID: (
        "is not a strategy id",
        "use lower-case letters, digits and '-', starting with a letter or digit, e.g. my-strategy",
    ),
    SOME_TEXT: ("is blank", "name it, e.g. tooling"),
}
"""Pattern-checked fields other than a channel or segment id, by their pattern."""


def _name_for(raw: object) -> str:
    """The id a name that breaks the id pattern was most likely meant as: lower case, each
    run of other characters one `-` (`Phone Line` → `phone-line`), a letter that looks like
    an ASCII one read as it (a Cyrillic `р` in `рhone` is `p`) and an accent dropped
    (`café` → `cafe`): `рhone` was told to write `hone`, and `café` `caf` (review
    input60); "" when nothing is left or the value is no text."""
    if not isinstance(raw, str):
        return ""
    import unicodedata

    from cs_align.lookalikes import LOOK_ALIKE

    read = "".join(LOOK_ALIKE.get(c, c) for c in unicodedata.normalize("NFC", raw))
    bare = "".join(  # accents and zero-width characters dropped, not made a `-`
        c
        for c in unicodedata.normalize("NFKD", read)
        if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    return re.sub(r"[^a-z0-9]+", "-", bare.strip().lower()).strip("-")[:60]


def _clock_for(raw: object) -> str | None:
    """The HH:MM an interval's `at: "8:00"` or `"8am"` means: they were told only the form
    "HH:MM … e.g. \"08:00\"", where `hours:` reads 8:00 itself (review user60)."""
    from cs_align.schedule import clock_meant

    return clock_meant(raw) if isinstance(raw, str) and len(raw) < 40 else None


def _describe(kind: str, error: Any) -> tuple[str, str]:
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    raw = error.get("input")
    # As the file wrote it: `.inf` was quoted as 'Infinity', a word no one wrote (input60).
    ctx["input"] = as_said(raw)[:60]
    # As the file wrote it: an empty `kind:` is null, not Python's 'None' (review user60).
    ctx["shown"] = written(raw[:60] if isinstance(raw, str) else raw)
    if kind in ("enum", "literal_error") and isinstance(raw, list | dict):
        # Python's repr of what the file wrote ("['voice']") is no YAML (input31 F16).
        return f"{written(raw)} is not allowed here", f"write one value, one of {ctx['expected']}"
    if kind in ("enum", "literal_error"):
        # pydantic's "'voice', 'chat' or 'email'": each option as its repr quotes it, so
        # an option's own comma or " or " cannot cut it in two.
        expected = ctx.get("expected", "")
        options = [a or b for a, b in _QUOTED.findall(expected)] or [
            o.strip()
            for o in expected.replace(" or ", ",").split(",")  # numbers: `1`
        ]
        close = close_matches(ctx["input"], options, 0.6)
        if close and close[0] == ctx["input"] and isinstance(error.get("input"), str):
            return f"{ctx['input']!r} is text here", f"write {close[0]} without quotes"
        if close:
            return f"{ctx['shown']} is not allowed here", f"did you mean {close[0]!r}?"
    if kind in _LISTS and isinstance(raw, str) and raw.strip() and "\n" not in raw:
        # `rewarded_on: csat` was told to write "one `- item` per line" (review user56).
        items = list_items(raw)
        one = " (a list, even of one item)" if len(items) == 1 else " (a list)"
        return "expected a list", f"write {flow_list(items)}{one}"
    if kind == "string_pattern_mismatch":
        # Each pattern its own words, with the value (review input31 F03: a clock time and
        # a strategy id were told the rules of a channel id, which "08:00" cannot follow).
        message, fix = _PATTERNS.get(ctx.get("pattern", ""), _DESCRIPTIONS[kind])
        if ctx.get("pattern") not in _PATTERNS and (name := _name_for(raw)):
            fix = f"write {name} ({fix})"  # `Phone Line` → phone-line (review user56)
        if ctx.get("pattern") == CLOCK_TIME and (clock := _clock_for(raw)):
            fix = f'write "{clock}" (HH:MM, a 24-hour clock, quoted)'
        return f"{ctx['input']!r} {message}{_look_alike(raw)}", fix.format(**ctx)
    message, fix = _DESCRIPTIONS.get(kind, (error["msg"], "see `cs-align schema` for the format"))
    try:
        return message.format(**ctx), fix.format(**ctx)
    except (KeyError, IndexError):
        return error["msg"], "see `cs-align schema` for the format"


def _fields_at(model: type[BaseModel], path: tuple[int | str, ...]) -> set[str]:
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return set()
    found = _models_in(current)
    return {name for m in found for name in m.model_fields}


def _step(annotation: Any, part: int | str) -> Any:
    for candidate in _models_in(annotation):
        if isinstance(part, str) and part in candidate.model_fields:
            return candidate.model_fields[part].annotation
    for arg in _flatten(annotation):
        origin = typing.get_origin(arg)
        if origin is list and isinstance(part, int):
            return typing.get_args(arg)[0]
        if origin is dict and isinstance(part, str):
            return typing.get_args(arg)[1]
    return None


def _flatten(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _flatten(arg)]
    if origin is typing.Annotated:
        return _flatten(typing.get_args(annotation)[0])
    return [annotation]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    return [a for a in _flatten(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]


@functools.cache
def yes_no_keys(*models: type[BaseModel]) -> frozenset[str]:
    """The keys that take true or false anywhere in ``models`` and the models they hold
    (`uses_scripts`, `public`): a YAML 1.1 boolean (`no`, `off`) at any other key is text
    its author must quote, not a yes/no to write as true or false."""
    found: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo = list(models)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            kinds = list(_within(info.annotation))
            if bool in kinds:
                found.add(name)
            todo += [k for k in kinds if isinstance(k, type) and issubclass(k, BaseModel)]
    return frozenset(found)


def _within(annotation: Any) -> Iterator[Any]:
    """Every type an annotation names: its own, a union's, a list's or a mapping's items."""
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _within(arg)
