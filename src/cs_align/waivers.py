"""Waivers: a finding accepted on purpose, by rule id and plan path, until a date.

They live in the plan (`waivers:`) or in a waiver file (`--waivers FILE`, a mapping with
the same `waivers:` list); a waived finding is still listed and counted, but does not fail.
Governance: each names a real owner and reason (plan.Waiver), expires at most
`max_waiver_days` ahead, and warns in its last two weeks.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError, model_validator

from cs_align.errors import PlanError, Problem
from cs_align.findings import Finding, Severity, Waived
from cs_align.plan import Model, Waiver, one_waiver_each
from cs_align.repo import WORKTREE, Tree, backslash_fix, display
from cs_align.rules import EXPIRED, EXPIRING, REGISTRY
from cs_align.yamlsafe import Document, Pos

MAX_WAIVER_DAYS = 180
"""Default for the config's max_waiver_days: how far ahead a waiver may expire."""
EXPIRING_DAYS = 14
"""A waiver this close to its expiry is a warning: renew it or fix the finding."""


class WaiverFile(Model):
    """A file of waivers shared by several plans."""

    waivers: tuple[Waiver, ...] = ()

    @model_validator(mode="after")
    def _one_waiver_each(self) -> WaiverFile:
        one_waiver_each(self.waivers)
        return self


class WaiverEntry(NamedTuple):
    """A waiver and where it was written, so findings about it can point at its own line."""

    waiver: Waiver
    doc: Document
    path: tuple[str | int, ...]
    line: int | None = None
    """An inline waiver covers the findings at this line of its plan (and no path)."""

    @property
    def where(self) -> str:
        return f"{self.doc.file}:{self.doc.value_pos(self.path).line}"

    @property
    def covers(self) -> str:
        """What it covers, as messages say it: a plan path, or a line."""
        return f"line {self.line}" if self.line is not None else self.waiver.path

    def pos(self, key: str) -> tuple[int, int]:
        found = self.doc.value_pos((*self.path, key))
        return found.line, found.column


def from_document(waivers: Sequence[Waiver], doc: Document) -> list[WaiverEntry]:
    return [WaiverEntry(waiver=w, doc=doc, path=("waivers", i)) for i, w in enumerate(waivers)]


def load_waiver_file(path: str | Path, tree: Tree = WORKTREE) -> list[WaiverEntry]:
    from cs_align.loader import require_mapping, validate
    from cs_align.yamlsafe import decode, load_text

    name = display(Path(path))
    raw = tree.read(Path(path), name)
    if raw is None:
        raise PlanError(
            [
                Problem(
                    file=name,
                    line=0,
                    column=0,
                    message="no such file",
                    fix=backslash_fix(name, "check the path"),
                )
            ]
        )
    name = tree.shown(Path(path), name)
    doc = load_text(decode(raw, name), name, "a waiver file holds `waivers:` and a list", yes_no=())
    require_mapping(doc, "a waiver file", "start it with `waivers:`")
    return from_document(validate(WaiverFile, doc).waivers, doc)


@functools.lru_cache(maxsize=256)
def _pattern(path: str) -> tuple[str, ...]:
    """A waiver path as a pattern: `**` is anything, `*` anything within one dotted part,
    every other character itself (so `channels[phone]` is matched literally). Its parts:
    runs of literal text between wildcards, and one wildcard for each run of them (`**`
    when the run holds one, else `*`)."""
    parts: list[str] = []
    for part in re.split(r"(\*+)", path):
        if part.startswith("*"):
            parts.append("**" if "**" in part else "*")
        elif part:
            parts.append(part)
    return tuple(parts)


def matches(pattern: str, path: str) -> bool:
    """Whether ``path`` is one the waiver's ``pattern`` covers.

    Matched by the set of places in ``path`` each part of the pattern can end at, not by a
    regular expression: `.*a.*a.*a…` backtracks through every way of placing the wildcards,
    so a waiver path of a few dozen `**` took minutes against one finding's path. This takes
    time in proportion to the pattern's parts times the path's length."""
    ends = {0}
    for part in _pattern(pattern):
        if part == "**":
            ends = set(range(min(ends), len(path) + 1))
        elif part == "*":  # anything within one dotted part: up to the next dot
            reach: set[int] = set()
            for start in sorted(ends):
                if start in reach:
                    continue
                stop = path.find(".", start)
                reach.update(range(start, (len(path) if stop < 0 else stop) + 1))
            ends = reach
        else:
            ends = {end + len(part) for end in ends if path.startswith(part, end)}
        if not ends:
            return False
    return len(path) in ends


def check_expiries(entries: list[WaiverEntry], today: dt.date, max_days: int) -> None:
    """Refuse waivers that expire further ahead than the policy allows (exit 2)."""
    latest = today + dt.timedelta(days=max_days)
    problems = [
        Problem(
            file=e.doc.file,
            line=e.pos("expires")[0],
            column=e.pos("expires")[1],
            message=f"waiver for {e.waiver.rule} expires {e.waiver.expires}, more than "
            f"{max_days} days ahead (max_waiver_days)",
            fix=f"set an expiry on or before {latest.isoformat()}, when the finding must be "
            "looked at again",
        )
        for e in entries
        if e.waiver.expires > latest
    ]
    if problems:
        raise PlanError(problems)


def apply_waivers(
    findings: list[Finding],
    entries: list[WaiverEntry],
    today: dt.date,
    max_days: int | None = None,
    checked: tuple[frozenset[str], str] | None = None,
) -> tuple[list[Finding], list[str]]:
    """Mark waived findings; an error per expired waiver, a warning per waiver about to
    expire; list waivers matching nothing. ``max_days`` refuses waivers set too far ahead;
    ``checked`` is the rules the plan's strategy checks and its name, to say of a waiver of a
    rule it does not check that it can never match."""
    if not entries:
        return findings, []
    if max_days is not None:
        check_expiries(entries, today, max_days)
    result: list[Finding] = []
    used: set[int] = set()
    for finding in findings:
        index = _match(finding, entries)
        if index is None:
            result.append(finding)
            continue
        used.add(index)
        entry = entries[index]
        if entry.waiver.expires < today:
            result += [finding, _about(finding, entry, expired=True)]
            continue
        result.append(finding._replace(waived=_justification(entry)))
        if (entry.waiver.expires - today).days <= EXPIRING_DAYS:
            result.append(_about(finding, entry, expired=False))
    unmatched = [
        f"{e.where}: the waiver for {e.waiver.rule} at {e.covers} matches no finding"
        + _never(e.waiver.rule, checked)
        for i, e in enumerate(entries)
        if i not in used
    ]
    return result, unmatched


def _never(rule: str, checked: tuple[frozenset[str], str] | None) -> str:
    """Why a waiver of ``rule`` can never match, where the strategy does not check the rule:
    "matches no finding" alone read as a waiver that had done its work (review author59: a
    waiver of cost-pace on a delight plan, or of a rule the strategy switched off)."""
    if checked is None or rule in checked[0] or rule not in REGISTRY:
        return ""
    return (
        f": the plan's strategy {checked[1]} does not check {rule}, so it never will "
        "— drop the waiver, or enable the rule in the strategy"
    )


def _justification(entry: WaiverEntry) -> Waived:
    waiver = entry.waiver
    return Waived(
        reason=waiver.reason,
        owner=waiver.owner,
        expires=waiver.expires.isoformat(),
        file=entry.doc.file,
        line=entry.pos("rule")[0],
    )


def _match(finding: Finding, entries: list[WaiverEntry]) -> int | None:
    for index, entry in enumerate(entries):
        waiver = entry.waiver
        if waiver.rule != finding.rule:
            continue
        if entry.line is None and matches(waiver.path, finding.path):
            return index
        if entry.line == finding.line and finding.file in ("", entry.doc.file):
            return index
    return None


def _about(finding: Finding, entry: WaiverEntry, *, expired: bool) -> Finding:
    waiver = entry.waiver
    line, column = entry.pos("expires")
    what = f"the waiver for {waiver.rule} at {entry.covers} (owner {waiver.owner})"
    return Finding(
        rule=EXPIRED if expired else EXPIRING,
        severity=Severity.error if expired else Severity.warning,
        area=finding.area,
        title="A waiver has expired" if expired else "A waiver expires soon",
        message=f"{what} expired on {waiver.expires}; the finding it covered counts again"
        if expired
        else f"{what} expires on {waiver.expires}; the finding it covers will count again",
        path=f"waivers[{entry.path[-1]}].expires" if entry.line is None else "plan",
        line=line,
        column=column,
        fix="fix the finding, or renew the waiver with a new date and reason",
        source="waiver",
        strategy=finding.strategy,
        file=entry.doc.file,
    )


# ---- inline waivers: `# cs-align: waive RULE reason="…" owner=… expires=YYYY-MM-DD` -------

_INLINE = re.compile(r"(?:^|\s)#\s*cs-align:\s*waive\b(?P<body>.*)$")
_NEAR = re.compile(r"(?:^|\s)#\s*(?P<said>cs[-_ ]?align\b\s*(?::\s*)?wai(?:ve?)?\b)", re.IGNORECASE)
"""A comment that starts like an inline waiver: `# CS-ALIGN: waive`, `# cs-align: waiv`
(not `# cs-align: wait for Q3`, nor `# cs-align: waivers live in …`)."""
_FIELDS = ("reason", "owner", "expires")
INLINE_FORM = 'write `# cs-align: waive RULE-ID reason="why" owner=team expires=YYYY-MM-DD`'


def inline_waivers(text: str, file: str) -> list[WaiverEntry]:
    """Waivers written as comments on a finding's line or alone on the line above it."""
    from cs_align.loader import maybe_waivers

    if not maybe_waivers(text):  # the common case: no inline waiver at all
        return []
    entries, problems = [], []
    for number, line in enumerate(text.split("\n"), 1):
        found = _INLINE.search(line)
        if found is None or not _outside_quotes(line[: found.start()]):
            near = _NEAR.search(line)
            if near is not None and _outside_quotes(line[: near.start()]):
                problems.append(  # a waiver a reviewer would trust, and no tool reads
                    Problem(
                        file=file,
                        line=number,
                        column=line.index("#", near.start()) + 1,
                        message=f"{near['said'].strip()!r} looks like an inline waiver but is "
                        "not one (lower case, `cs-align:` then `waive`)",
                        fix=INLINE_FORM,
                    )
                )
            continue
        column = line.index("#", found.start()) + 1
        alone = not line[: column - 1].strip()
        try:
            waiver = _inline_waiver(found["body"])
        except _InlineError as exc:
            problems.append(
                Problem(
                    file=file,
                    line=number,
                    column=column,
                    message=f"inline waiver: {exc}",
                    fix=exc.fix or INLINE_FORM,
                )
            )
            continue
        doc = Document(
            file=file, data=None, values={("waivers", 0): Pos(line=number, column=column)}
        )
        entries.append(
            WaiverEntry(
                waiver=waiver, doc=doc, path=("waivers", 0), line=number + 1 if alone else number
            )
        )
    if problems:
        raise PlanError(problems)
    return entries


class _InlineError(Exception):
    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix  # the value's own fix (did you mean …?); else the comment's form


def _inline_waiver(body: str) -> Waiver:
    import shlex

    try:
        words = shlex.split(body)
    except ValueError as exc:
        raise _InlineError(f"{exc} (a quote is not closed?)") from None
    if not words or "=" in words[0]:
        raise _InlineError("no rule id after `waive`")
    fields: dict[str, str] = {"rule": words[0]}
    for word in words[1:]:
        key, eq, value = word.partition("=")
        if not eq or key not in _FIELDS:
            typographic = any(c in body for c in "“”‘’")
            curly = ' (typographic quotes “ ” do not quote: write straight ones, ")'
            curly = curly if typographic else ""
            raise _InlineError(f"{word!r} is not one of reason=…, owner=…, expires=…{curly}")
        if key in fields:  # the last one silently won (review input31 F12)
            raise _InlineError(f"{key}= is written twice: write it once")
        fields[key] = value
    missing = [k for k in _FIELDS if k not in fields]
    if missing:
        raise _InlineError(f"missing {', '.join(missing)}")
    try:
        return Waiver.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        ctx = error.get("ctx") or {}
        # The fix the value's check gives (a rule id's did-you-mean, review user45 U11).
        raise _InlineError(
            str(ctx.get("message") or error["msg"]), str(ctx.get("fix") or "")
        ) from None


def _outside_quotes(prefix: str) -> bool:
    """Whether a `#` after ``prefix`` starts a comment rather than sitting in a string."""
    return prefix.count('"') % 2 == 0 and prefix.count("'") % 2 == 0
