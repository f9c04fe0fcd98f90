"""`fix`: the change set as a unified diff, a file written, a table of changes, or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cs_align.commands.common import OTHER_DOCUMENTS, judged, not_a_format, timed
from cs_align.errors import ExitCode, PlanError, StrategyError, unknown_format, usage
from cs_align.escaping import json_text, visible
from cs_align.output import emit
from cs_align.repo import resolved
from cs_align.reporters.json import unusable

if TYPE_CHECKING:
    from cs_align.engine import CheckOptions
    from cs_align.findings import Severity
    from cs_align.fixer import FixResult

FORMATS = ("table", "diff", "json")
_NEW_FILE = "name a new file for the fixed plan, or pass --in-place to rewrite the plan you fix"


def run(
    plan: str,
    output: Path | None,
    in_place: bool,
    keep_budget: bool,
    fmt: str,
    fail_on: str | None,
    strategy: str | None,
    config: str | None,
) -> int:
    """`cs-align fix`: print the changes (or write the fixed plan); exit 1 when the fixed plan
    still fails --fail-on, as check would judge it."""
    piped = output is not None and str(output) == "-"
    try:
        level, options = judged({"fail_on": fail_on, "strategy": strategy}, config)
        if piped:
            return _piped(plan, in_place, keep_budget, fmt, level, options)
        text, fails = run_fix(plan, output, in_place, keep_budget, fmt, level, options)
    except (PlanError, StrategyError) as exc:
        # A document with the errors, as check's, promise's and whatif's (never into a pipe
        # that reads a plan: `-o -` writes the fixed plan to standard output).
        if fmt == "json" and not piped:
            emit(unusable(plan, exc.problems, "changes"))
        raise
    emit(text)
    return ExitCode.FINDINGS if fails else ExitCode.OK


def _piped(
    plan: str, in_place: bool, keep_budget: bool, fmt: str, level: Severity, options: CheckOptions
) -> int:
    """`-o -`: the fixed plan to standard output (for `cs-align check -`), what changed to
    standard error."""
    if in_place:
        raise usage("--in-place rewrites the plan file itself", "give no --output")
    fixed, summary, fails = fixed_plan(plan, keep_budget, fmt, level, options)
    sys.stderr.write(summary)
    emit(fixed)
    return ExitCode.FINDINGS if fails else ExitCode.OK


_NOT_YAML = {
    ".json": "JSON",
    ".sarif": "SARIF",
    ".xml": "XML",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".html": "HTML",
    ".htm": "HTML",
    ".csv": "CSV",
}
"""Names of the formats other outputs are written in: `fix -f json -o fix.json` wrote the
fixed plan's YAML into fix.json, and `-o fixed.md` into a Markdown file (review user60),
where a .pdf was refused (user54)."""


def run_fix(
    plan: str,
    output: Path | None,
    in_place: bool,
    keep_budget: bool,
    fmt: str,
    level: Severity,
    options: CheckOptions,
) -> tuple[str, bool]:
    """What to print, and whether the fixed plan still fails at ``level`` (as check)."""
    from cs_align.fixer import fix
    from cs_align.loader import parse_plan, read_source
    from cs_align.output import writable, write_atomic

    if fmt not in FORMATS:
        raise unknown_format(fmt, FORMATS)
    if in_place and (output is not None or plan == "-"):
        raise usage("--in-place rewrites the plan file itself", "give a file, and no --output")
    if output is not None:  # before the work
        formats = {"json", "table", "diff"}  # `fix -o json` wrote ./json (final28 R6)
        fixed = "the fixed plan is written to a .yaml file (-o fixed.yaml)"
        not_a_format(output, f"--output {output}", formats, formats, fixed)
        suffix = output.suffix.lower()
        if other := OTHER_DOCUMENTS.get(suffix) or _NOT_YAML.get(suffix):  # YAML in a .pdf
            if suffix == ".json":
                fixed += "; -f json prints what changed as JSON, to standard output"
            raise usage(f"--output {output} is named as {other}, but the fixed plan is YAML", fixed)
        if plan != "-" and resolved(output) == resolved(Path(plan)):
            raise usage(
                f"{output} is the plan being fixed",
                "pass --in-place to rewrite it, or name a new file with -o",
            )
        writable(output, kind="fixed-plan", plan_fix=_NEW_FILE)
    name, text = read_source(plan)
    with timed(name):
        loaded = parse_plan(text, name, None if plan == "-" else Path(plan))
        result = fix(text, loaded, options, keep_budget)
    target = Path(plan) if in_place else output
    head = _head(plan)
    # --output always gets the plan, changed or not, so the next step always finds it;
    # --in-place leaves a file it would not change alone.
    written = target is not None and (bool(result.changes) or not in_place)
    if target is not None and written:
        protect = set() if in_place or plan == "-" else {resolved(Path(plan))}
        write_atomic(
            target, _as_written(head, result.text), protect, kind=None if in_place else "plan"
        )
    return _render(result, fmt, target, written, b"\r\n" in head), result.report.fails(level)


def fixed_plan(
    plan: str, keep_budget: bool, fmt: str, level: Severity, options: CheckOptions
) -> tuple[str, str, bool]:
    """The fixed plan's text, what changed (in ``fmt``), and whether it still fails."""
    from cs_align.fixer import fix
    from cs_align.loader import parse_plan, read_source

    if fmt not in FORMATS:
        raise unknown_format(fmt, FORMATS)
    name, text = read_source(plan)
    with timed(name):
        loaded = parse_plan(text, name, None if plan == "-" else Path(plan))
        result = fix(text, loaded, options, keep_budget)
    head = _head(plan)
    summary = _render(result, fmt, Path("-"), written=False, crlf=b"\r\n" in head)
    return _as_written(head, result.text), summary, result.report.fails(level)


def _render(
    result: FixResult, fmt: str, target: Path | None, written: bool, crlf: bool = False
) -> str:
    from cs_align.reporters import fix as formats

    shown = "" if target is not None else formats.diff(result, crlf)
    if fmt == "json":
        data = formats.as_json(result)
        return json_text(data, indent=2) + "\n"
    if fmt == "diff":
        return shown
    wrote = f"wrote {visible(str(target))}\n" if written else ""
    return shown + ("\n" if shown else "") + formats.table(result) + wrote


def _head(plan: str) -> bytes:
    """The plan file's first bytes, where its line endings and byte-order mark show (none
    for standard input): read once for the file written and the diff shown."""
    if plan == "-":
        return b""
    with open(plan, "rb") as file:
        return file.read(65536)


def _as_written(head: bytes, text: str) -> str:
    """Line endings and a byte-order mark as the file has them (plans are read without)."""
    if b"\r\n" in head:
        text = text.replace("\n", "\r\n")
    return "\ufeff" + text if head.startswith(b"\xef\xbb\xbf") else text
