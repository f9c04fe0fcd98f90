"""Waivers: a finding accepted on purpose, by rule id and plan path, until a date.

They live in the plan (`waivers:`) or in a waiver file (`--waivers FILE`, a mapping with
the same `waivers:` list); a waived finding is still listed and counted, but does not fail.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from pathlib import Path
from typing import NamedTuple

from pydantic import Field

from cs_align.findings import Finding, Severity
from cs_align.plan import Model, Waiver
from cs_align.rules import EXPIRED
from cs_align.yamlsafe import Document


class WaiverFile(Model):
    """A file of waivers shared by several plans."""

    waivers: list[Waiver] = Field(default_factory=list)


class WaiverEntry(NamedTuple):
    """A waiver and where it was written, so an expired one can point at its own line."""

    waiver: Waiver
    doc: Document
    path: tuple[str | int, ...]

    @property
    def where(self) -> str:
        return f"{self.doc.file}:{self.doc.value_pos(self.path).line}"


def from_document(waivers: list[Waiver], doc: Document) -> list[WaiverEntry]:
    return [WaiverEntry(w, doc, ("waivers", i)) for i, w in enumerate(waivers)]


def load_waiver_file(path: str | Path) -> list[WaiverEntry]:
    from cs_align.loader import read_source, require_mapping, validate
    from cs_align.yamlsafe import load_text

    name, text = read_source(path)
    doc = load_text(text, name)
    require_mapping(doc, "a waiver file", "start it with `waivers:`")
    return from_document(validate(WaiverFile, doc).waivers, doc)


def apply_waivers(
    findings: list[Finding], entries: list[WaiverEntry], today: dt.date | None = None
) -> tuple[list[Finding], list[str]]:
    """Mark waived findings; add an error per expired waiver; list waivers matching nothing."""
    if not entries:
        return findings, []
    today = today or dt.date.today()
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
            result += [finding, _expired(finding, entry)]
        else:
            waiver = entry.waiver
            result.append(
                finding._replace(
                    waived={
                        "reason": waiver.reason,
                        "owner": waiver.owner,
                        "expires": waiver.expires.isoformat(),
                    },
                )
            )
    unmatched = [
        f"{e.where}: the waiver for {e.waiver.rule} at {e.waiver.path} matches no finding"
        for i, e in enumerate(entries)
        if i not in used
    ]
    return result, unmatched


def _match(finding: Finding, entries: list[WaiverEntry]) -> int | None:
    for index, entry in enumerate(entries):
        waiver = entry.waiver
        if waiver.rule == finding.rule and fnmatch.fnmatchcase(finding.path, waiver.path):
            return index
    return None


def _expired(finding: Finding, entry: WaiverEntry) -> Finding:
    waiver = entry.waiver
    pos = entry.doc.value_pos((*entry.path, "expires"))
    return Finding(
        EXPIRED,
        Severity.error,
        finding.area,
        "A waiver has expired",
        f"the waiver for {waiver.rule} at {waiver.path} (owner {waiver.owner}) expired on "
        f"{waiver.expires}; the finding it covered counts again",
        f"waivers[{entry.path[-1]}].expires",
        pos.line,
        pos.column,
        "fix the finding, or renew the waiver with a new date and reason",
        "waiver",
        finding.strategy,
        file=entry.doc.file,
    )
