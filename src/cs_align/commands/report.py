"""`report`: a client-ready Markdown or HTML report, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cs_align.commands.common import OTHER_DOCUMENTS, judged, timed
from cs_align.errors import ExitCode, UsageError, unknown_format, usage
from cs_align.escaping import visible
from cs_align.output import REPORT_MARKER, emit, writable
from cs_align.repo import as_folder, resolved
from cs_align.templating import FORMATS

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff
    from cs_align.engine import CheckOptions
    from cs_align.findings import Report
    from cs_align.loader import LoadedPlan

MARKER = REPORT_MARKER


_OTHER_OUTPUTS = {
    ".json": "JSON",
    ".sarif": "SARIF",
    ".xml": "XML",
    ".csv": "CSV",
    ".yaml": "YAML (a plan's name)",
    ".yml": "YAML (a plan's name)",
}
"""Names of what other commands write, or of a plan: `report -f html -o report.json` wrote
HTML into report.json, and `-o report.yaml` into a file a folder check then judged as a
plan, unusable (review user60)."""


def _format(output: Path, fmt: str | None) -> str:
    if output.is_dir():  # "cannot tell the format of adir" (review input31 F16)
        raise usage(
            f"--output {as_folder(output)} is a folder", "name a file in it, e.g. report.md"
        )
    if other := OTHER_DOCUMENTS.get(output.suffix.lower()):
        raise usage(
            f"--output {output} is named as {other}, which cs-align does not write",
            f"write {output.with_suffix('.html').name} and open it in a browser (print it "
            "to PDF from there: the report has print styles), or .md for Markdown",
        )
    other = _OTHER_OUTPUTS.get(output.suffix.lower())
    if other and not (output.suffix.lower() in (".yaml", ".yml") and output.exists()):
        # An existing .yaml is told whether it is a plan, which no output replaces.
        raise usage(
            f"--output {output} is named as {other}, but a report is Markdown or HTML",
            f"name the file {output.with_suffix('.html').name} or {output.with_suffix('.md').name}",
        )
    found = FORMATS.get(output.suffix.lower())
    if fmt is not None:
        fmt = "md" if fmt == "markdown" else fmt  # as `check` names it
        if fmt not in ("md", "html"):
            raise unknown_format(fmt, ("md", "html"), "report format")
        if found is not None and found != fmt:  # `-o r.md -f html` wrote HTML into r.md
            raise usage(
                f"--output {output} is named as {found}, but the format is {fmt}",
                f"pass --format {found}, or name the file .{fmt}",
            )
        return fmt
    if found is None:
        raise usage(
            f"cannot tell the format of {output}",
            "name the file .md or .html, or pass --format md|html",
        )
    return found


def _stamp(text: str) -> str:
    return text.rstrip("\n") + f"\n<!-- {MARKER} -->\n"


def run(
    plan: str | None,
    *,
    output: Path | None,
    fmt: str | None,
    baseline: str | None,
    template: str | None,
    export_templates: Path | None,
    strategy: str | None,
    force: bool,
    fail_on: str | None,
    config: str | None,
    waivers: list[str] | None,
    allow_outside: bool,
) -> int:
    """`cs-align report`: write the report (or export the templates); the exit code is
    check's, whatever was written."""
    from cs_align.templating import export

    if export_templates is not None:
        written = export(export_templates, force)
        emit("".join(f"wrote {visible(str(p))}\n" for p in written))
        return ExitCode.OK
    if plan is None or output is None:
        raise _unnamed(plan)
    flags = {"fail_on": fail_on, "strategy": strategy, "waivers": waivers}
    level, options = judged(flags, config, allow_outside)
    message, checked = run_report(plan, output, fmt, baseline, template, force, options)
    emit(message + "\n")
    return ExitCode.FINDINGS if checked.fails(level) else ExitCode.OK


def _unnamed(plan: str | None) -> UsageError:
    """What a report command that names no plan or no file to write should add: click's
    usage form ("Invalid value for PLAN / --output") blamed the plan that was given and
    showed no command to type (review outputs60)."""
    other = "(or -o report.html; -o - with -f md or -f html for standard output)"
    if plan is None:
        return usage(
            "report names no plan", f"write `cs-align report plan.yaml -o report.md` {other}"
        )
    return usage(
        "report names no file to write",
        f"add -o: `cs-align report {visible(plan)} -o report.md` {other}",
    )


def run_report(
    plan: str,
    output: Path,
    fmt: str | None,
    baseline: str | None,
    template: str | None,
    force: bool,
    options: CheckOptions | None = None,
) -> tuple[str, Report]:
    """Write the report; return what to tell the user, and the checked plan (for the exit
    code)."""
    from cs_align.engine import CheckOptions, assess
    from cs_align.keepbudget import funded
    from cs_align.loader import parse_plan, read_source
    from cs_align.output import write_atomic
    from cs_align.report import build, fixed_fte
    from cs_align.reportstress import stress
    from cs_align.templating import render

    stdout = str(output) == "-"  # `-o -` is standard output, as in `check` and `diff`
    if stdout and fmt is None:
        raise usage("-o - writes the report to standard output", "pass --format md or html")
    kind = _format(output, fmt)
    target = resolved(output)
    inputs = {resolved(Path(plan)), *([resolved(Path(baseline))] if baseline else [])}
    if target in inputs:
        raise usage(f"{output} is an input plan", "write the report to another file")
    if not stdout:
        writable(output, inputs, kind=kind, force=force, command="report")  # before the work
    options = options or CheckOptions()
    # The plans' figures within the time each plan may take; rendering has its own limit.
    with timed(plan, plans=2 if baseline else 1):
        name, source = read_source(plan)
        loaded = parse_plan(source, name, None if plan == "-" else Path(plan))
        report = assess(loaded, options)
        diff = _baseline(baseline, report, loaded, options) if baseline else None
        paid = funded(source, loaded, options)  # as `promise` says it
        fixed = fixed_fte(source, loaded, options, report)  # the team `fix` leaves
        data = build(loaded, report, kind, stress(loaded, options, report), diff, paid, fixed)
    text = render(kind, data, template)
    if stdout:
        return _stamp(text).rstrip("\n"), report
    write_atomic(output, _stamp(text), inputs, kind=kind, force=force, command="report")
    return f"wrote {visible(str(output))} ({kind}, verdict {report.verdict})", report


def _baseline(path: str, report: Report, loaded: LoadedPlan, options: CheckOptions) -> PlanDiff:
    from cs_align.commands.common import named_by
    from cs_align.config import DEFAULTS, Settings
    from cs_align.diff import compare
    from cs_align.engine import assess
    from cs_align.loader import load_plan

    with named_by("--baseline", path):
        old = load_plan(path)
    return compare(
        (old, assess(old, options)), (loaded, report), loaded.file, Settings(values=dict(DEFAULTS))
    )
