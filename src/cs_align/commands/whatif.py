"""`whatif`: stress a plan and print each scenario's figures in the format asked for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cs_align.commands.common import judged, suffixed, timed
from cs_align.errors import ExitCode, PlanError, StrategyError, unknown_format
from cs_align.escaping import visible
from cs_align.output import emit
from cs_align.repo import resolved

if TYPE_CHECKING:
    from collections.abc import Mapping

SCENARIOS_A_PLAN = 100
"""The time limit is a plan's (`common.timed`), and as long again for every this many
scenarios asked for (on the examples, 100 scenarios take about a third of a second)."""


def run(
    plan: str,
    vary: list[str],
    grid: bool,
    fmt: str | None,
    output: Path | None,
    fail_on: str | None,
    strategy: str | None,
    config: str | None,
) -> int:
    """`cs-align whatif`: print (or write) the scenarios; the exit code is the plan's as
    planned, as check would give it."""
    flags = {"fail_on": fail_on, "strategy": strategy}
    text, fails = run_whatif(plan, vary, grid, fmt, output, flags, config)
    emit(text)
    return ExitCode.FINDINGS if fails else ExitCode.OK


def run_whatif(
    plan: str,
    vary: list[str],
    grid: bool,
    fmt: str | None,
    output: Path | None,
    flags: Mapping[str, object],
    config: str | None,
) -> tuple[str, bool]:
    """The text to print (empty when written to ``output``) and whether the plan as planned
    fails at --fail-on, as `check` would say; an unusable config file, like an unusable
    plan, still gives a document of the format asked for."""
    from cs_align.loader import load_plan
    from cs_align.output import writable, write_atomic
    from cs_align.reporters import ALIASES
    from cs_align.reporters.whatif import RENDER, render_problems
    from cs_align.scenarios import scenarios
    from cs_align.whatif import run

    fmt = ALIASES.get(fmt, fmt) if fmt is not None else None  # `-f md`, as check and diff
    if fmt is not None and fmt not in RENDER:
        raise unknown_format(fmt, tuple(RENDER))
    found = scenarios(vary, grid)
    if output is not None and str(output) == "-":
        output = None  # `-o -` is standard output, as in `check` and `diff`
    if output is not None:
        named = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".csv": "csv"}
        fmt = suffixed(
            fmt or "table", output, chosen=fmt is not None, by_suffix=named, command="whatif"
        )
    fmt = fmt or "table"
    protect = {resolved(Path(plan))} if plan != "-" else set()
    if output is not None:
        writable(output, protect, kind=fmt)  # before the work
    try:
        level, options = judged(flags, config)
        with timed(plan, plans=1 + len(found) // SCENARIOS_A_PLAN):
            loaded = load_plan(plan)
            result = run(loaded, options, found)
            text = RENDER[fmt](result)  # its size is the plan's too: within its time
    except (PlanError, StrategyError) as exc:
        # Unusable input still gives a document of the format asked for, then exits 2.
        unusable = render_problems(fmt, plan, exc.problems)
        if output is not None and unusable:
            write_atomic(output, unusable, protect, kind=fmt)
        else:
            emit(unusable)
        raise
    fails = result.planned.report.fails(level)
    if output is None:
        return text, fails
    write_atomic(output, text, protect, kind=fmt)
    return f"wrote {visible(str(output))} ({fmt}, {len(result.outcomes)} scenarios)\n", fails
