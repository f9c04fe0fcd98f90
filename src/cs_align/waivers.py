"""Waivers: a finding accepted on purpose, by rule id and plan path, until a date."""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import replace

from cs_align.findings import Finding, Severity
from cs_align.loader import LoadedPlan

EXPIRED = "waiver-expired"


def apply_waivers(
    loaded: LoadedPlan, findings: list[Finding], ignore: bool, today: dt.date | None
) -> tuple[list[Finding], list[str]]:
    waivers = loaded.plan.waivers
    if ignore or not waivers:
        return findings, []
    today = today or dt.date.today()
    result, used = [], set()
    expired: list[Finding] = []
    for finding in findings:
        match = next(
            (
                i
                for i, w in enumerate(waivers)
                if w.rule == finding.rule and fnmatch.fnmatchcase(finding.path, w.path)
            ),
            None,
        )
        if match is None:
            result.append(finding)
            continue
        used.add(match)
        waiver = waivers[match]
        if waiver.expires < today:
            result.append(finding)
            pos = loaded.doc.value_pos(("waivers", match, "expires"))
            expired.append(
                Finding(
                    EXPIRED,
                    Severity.error,
                    finding.area,
                    "A waiver has expired",
                    f"the waiver for {waiver.rule} at {waiver.path} "
                    f"(owner {waiver.owner}) expired on {waiver.expires}",
                    f"waivers[{match}].expires",
                    pos.line,
                    pos.column,
                    "fix the finding, or renew the waiver with a new date and reason",
                    "waiver",
                    finding.strategy,
                )
            )
            continue
        result.append(
            replace(
                finding,
                waived={
                    "reason": waiver.reason,
                    "owner": waiver.owner,
                    "expires": waiver.expires.isoformat(),
                },
            )
        )
    unmatched = [
        f"waivers[{i}]: {w.rule} at {w.path} matches no finding"
        for i, w in enumerate(waivers)
        if i not in used
    ]
    return result + expired, unmatched
