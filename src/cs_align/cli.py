"""The command line: parse arguments, call the library, print. The only place that exits."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cs_align.errors import CsAlignError, ExitCode
from cs_align.output import emit

if TYPE_CHECKING:
    from cs_align.engine import CheckOptions
    from cs_align.findings import Report, Severity

app = typer.Typer(
    name="cs-align",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Check that a customer-service plan funds and staffs the strategy it declares.\n\n"
    "Start with `cs-align init --strategy delight plan.yaml`, then "
    "`cs-align check plan.yaml`. Exit codes: 0 aligned enough, 1 findings at or above "
    "--fail-on, 2 unusable input.",
)
strategies_app = typer.Typer(
    pretty_exceptions_enable=False,
    help="List and show the built-in strategies.",
    no_args_is_help=True,
)
app.add_typer(strategies_app, name="strategies")


def _version(value: bool) -> None:
    if value:
        from cs_align import __version__

        emit(f"cs-align {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Check that a customer-service plan funds and staffs the strategy it declares."""


FormatOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        help="table, json, sarif, junit, markdown or github; FORMAT:FILE writes that format "
        "to FILE (repeatable). Default: table.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the (single) format to this file, atomically."),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(help="error, warning or info: the lowest severity that makes the exit code 1."),
]
StrategyOpt = Annotated[
    str | None,
    typer.Option(help="Check against this strategy id or file instead of the plan's own."),
]
IgnoreWaiversOpt = Annotated[
    bool, typer.Option("--ignore-waivers", help="Show waived findings as failures.")
]
WaiversOpt = Annotated[
    list[str] | None,
    typer.Option("--waivers", help="A waiver file (a `waivers:` list); repeatable."),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        help="Settings file to use instead of the nearest .cs-align.yaml or "
        "pyproject.toml [tool.cs-align]."
    ),
]
ShowConfigOpt = Annotated[
    bool, typer.Option("--show-config", help="Print the effective settings and their sources.")
]
PolicyRefOpt = Annotated[
    str | None,
    typer.Option(
        help="Read the policy (config, strategy and waiver files) as it is at this git "
        "revision, e.g. origin/main; any change the working tree makes to it is a "
        "policy-changed error."
    ),
]
AllowPolicyOpt = Annotated[
    bool,
    typer.Option(
        "--allow-policy-change",
        help="Accept policy changes after review: judge by the working tree's policy and "
        "report the change as info.",
    ),
]
AllowOutsideOpt = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        help="Let plans, configs and strategies name files outside the repository.",
    ),
]


@app.command()
def check(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Plan files, folders, globs, or - for stdin.")
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    strategy: StrategyOpt = None,
    ignore_waivers: IgnoreWaiversOpt = False,
    waivers: WaiversOpt = None,
    stdin_filename: Annotated[
        str | None, typer.Option(help="Name to show for a plan read from stdin.")
    ] = None,
    plans_only: Annotated[
        bool,
        typer.Option(
            "--plans-only",
            help="Skip named files that do not declare a plan "
            "`version` (for hooks that pass every YAML file).",
        ),
    ] = False,
    config: ConfigOpt = None,
    show_config: ShowConfigOpt = False,
    policy_ref: PolicyRefOpt = None,
    allow_policy_change: AllowPolicyOpt = False,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Check plans against their declared strategy; print the verdict and findings.

    Settings come from flags, then CS_ALIGN_* environment variables, then the nearest
    .cs-align.yaml or pyproject.toml [tool.cs-align]; --show-config prints them. In CI,
    --policy-ref origin/main judges the plans by the policy of the base branch.
    """
    from cs_align.checkcmd import access_for, run_check
    from cs_align.config import Settings, resolve

    access = access_for(policy_ref, allow_policy_change, allow_outside)
    settings: Settings = resolve(
        {
            "format": fmt,
            "fail_on": fail_on,
            "strategy": strategy,
            "ignore_waivers": ignore_waivers,
            "waivers": waivers,
        },
        config,
        tree=access.tree,
        allow_outside=allow_outside,
    )
    if show_config:
        emit(settings.describe())
        return
    if not paths:
        raise typer.BadParameter(
            "name at least one plan file, folder, glob or -", param_hint="PATHS"
        )
    raise typer.Exit(run_check(paths, settings, output, stdin_filename, plans_only, access))


@app.command()
def diff(
    base: Annotated[
        str | None, typer.Argument(help="The base plan (omit with --base-ref).")
    ] = None,
    plan: Annotated[str | None, typer.Argument(help="The proposed plan.")] = None,
    base_ref: Annotated[
        str | None,
        typer.Option(help="Read the base from this git revision of PLAN (e.g. origin/main)."),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    strategy: StrategyOpt = None,
    ignore_waivers: IgnoreWaiversOpt = False,
    waivers: WaiversOpt = None,
    max_budget_increase: Annotated[
        str | None,
        typer.Option(
            help="Largest budget increase, amount or %, e.g. 5% or 200k; add :warn "
            "to warn instead of block."
        ),
    ] = None,
    max_budget_decrease: Annotated[
        str | None, typer.Option(help="Largest budget decrease, e.g. 10% or 500k[:warn].")
    ] = None,
    max_total: Annotated[
        str | None, typer.Option(help="Highest budget total, e.g. 7.5M[:warn].")
    ] = None,
    no_verdict_regression: Annotated[
        bool, typer.Option("--no-verdict-regression", help="Block if the verdict gets worse.")
    ] = False,
    no_new_errors: Annotated[
        bool,
        typer.Option(
            "--no-new-errors",
            help="Block on error findings the base did not have "
            "(on by default; set no_new_errors: false in config to turn off).",
        ),
    ] = False,
    config: ConfigOpt = None,
    show_config: ShowConfigOpt = False,
    policy_ref: PolicyRefOpt = None,
    allow_policy_change: AllowPolicyOpt = False,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """What a proposal changes against its base, gated by guardrails.

    Exit 1 when a guardrail blocks or the proposal adds (or worsens) a finding at or above
    --fail-on; findings the base already had do not fail the diff. With --base-ref, the
    policy (config, guardrails, strategy and waiver files) is read at that revision too,
    and changes to it are policy-changed errors; a plan new at the base is judged against
    an empty base, and a deleted plan is reported.
    """
    from cs_align.checkcmd import access_for, run_diff, trusted_tree
    from cs_align.config import Settings, resolve

    access = access_for(policy_ref or base_ref, allow_policy_change, allow_outside)
    flags = {
        "format": fmt,
        "fail_on": fail_on,
        "strategy": strategy,
        "ignore_waivers": ignore_waivers,
        "waivers": waivers,
        "max_budget_increase": _limit("--max-budget-increase", max_budget_increase),
        "max_budget_decrease": _limit("--max-budget-decrease", max_budget_decrease),
        "max_total": _limit("--max-total", max_total),
        "no_verdict_regression": "block" if no_verdict_regression else None,
        "no_new_errors": "block" if no_new_errors else None,
    }
    settings: Settings = resolve(flags, config, tree=access.tree, allow_outside=allow_outside)
    if show_config:
        emit(settings.describe())
        return
    if plan is None and base is not None and base_ref is not None:
        base, plan = None, base
    if plan is None:
        raise typer.BadParameter("name the proposed plan", param_hint="PLAN")
    # The base is judged by the trusted config even when the proposal's was accepted.
    trusted = resolve(flags, config, tree=trusted_tree(access), allow_outside=allow_outside)
    raise typer.Exit(run_diff(base, plan, base_ref, settings, output, access, trusted))


def _limit(flag: str, value: str | None) -> object:
    from cs_align.config import parse_limit
    from cs_align.units import parse_option

    return parse_option(flag, parse_limit, value)


@app.command()
def report(
    plan: Annotated[str | None, typer.Argument(help="The plan to report on.")] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="report.md or report.html (format from the name)."),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="md or html, if the name does not say.")
    ] = None,
    baseline: Annotated[
        str | None, typer.Option(help="A base plan: the report includes what changed.")
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(help="Your own template file, or a folder with report.md / report.html."),
    ] = None,
    export_templates: Annotated[
        Path | None,
        typer.Option(help="Copy the built-in templates into this folder and stop."),
    ] = None,
    strategy: StrategyOpt = None,
    force: Annotated[bool, typer.Option(help="Overwrite a file cs-align did not write.")] = False,
    fail_on: FailOnOpt = None,
    config: ConfigOpt = None,
    waivers: WaiversOpt = None,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Write a client-ready report with charts: Markdown (Mermaid) or HTML (inline SVG).

    Templates are Jinja2, rendered in a sandbox: a typo in a name is an error with its line.
    Start from the built-ins: `cs-align report --export-templates my-templates/`. The report
    is written whatever the verdict; the exit code is check's (1 for findings at or above
    --fail-on).
    """
    from cs_align.reportcmd import run_report
    from cs_align.templating import export

    if export_templates is not None:
        written = export(export_templates, force)
        emit("".join(f"wrote {p}\n" for p in written))
        return
    if plan is None or output is None:
        raise typer.BadParameter(
            "give a plan and -o report.md or -o report.html", param_hint="PLAN / --output"
        )
    flags = {"fail_on": fail_on, "strategy": strategy, "waivers": waivers}
    level, options = _judged(flags, config, allow_outside)
    message, checked = run_report(plan, output, fmt, baseline, template, force, options)
    emit(message + "\n")
    raise typer.Exit(ExitCode.FINDINGS if checked.fails(level) else ExitCode.OK)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the plan file (for editors and validators)."""
    from cs_align.commands import plan_schema

    emit(plan_schema() + "\n")


@app.command()
def staff(
    volume: Annotated[str, typer.Option(help="Contacts per interval: 120/30m, 240/h, 2000/day.")],
    aht: Annotated[str, typer.Option(help="Average handle time, e.g. 3m or 180s.")],
    target: Annotated[
        str, typer.Option(help='Service level, e.g. "80% in 20s" or 80/20.')
    ] = "80% in 20s",
    asa: Annotated[
        str | None, typer.Option(help="Also keep ASA at or under this, e.g. 15s.")
    ] = None,
    shrinkage: Annotated[str, typer.Option(help="Share of paid time off the phones.")] = "30%",
    max_occupancy: Annotated[str | None, typer.Option(help="Occupancy ceiling, e.g. 85%.")] = None,
    patience: Annotated[
        str | None, typer.Option(help="Mean caller patience (Erlang A), e.g. 2m.")
    ] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=20, help="Chats per agent.")] = 1,
    agents: Annotated[
        int | None, typer.Option(min=1, help="Evaluate this many agents instead of solving.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """How many agents a queue needs for a target (or what N agents achieve)."""
    from cs_align.staffcmd import run_staff

    emit(
        run_staff(
            volume, aht, target, asa, shrinkage, max_occupancy, patience, concurrency, agents, fmt
        )
    )


@app.command()
def promise(
    plan: Annotated[str, typer.Argument(help="The plan file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    fail_on: FailOnOpt = None,
    config: ConfigOpt = None,
) -> None:
    """The best targets the planned staff can keep, and what the declared ones need.

    The plan is checked too: exit 1 when it has findings at or above --fail-on, as check.
    """
    from cs_align.engine import evaluate
    from cs_align.loader import load_plan
    from cs_align.staffcmd import run_promise

    level, options = _judged({"fail_on": fail_on}, config)
    loaded = load_plan(plan)
    emit(run_promise(loaded, fmt))
    checked = evaluate(loaded, options)
    if checked.fails(level):
        sys.stderr.write(_failing(checked, level, plan))
        raise typer.Exit(ExitCode.FINDINGS)


@app.command()
def whatif(
    plan: Annotated[str, typer.Argument(help="The plan file.")],
    vary: Annotated[
        list[str] | None,
        typer.Option(
            help="KEY=V[,V…]: volume=+10%,+20%; aht=+30s or +10%; shrinkage=35% or +5pt; "
            "attrition=35% or +10pt; agents=-5%, -3 or 120 (repeatable). Default: volume "
            "±10/20/30%, aht ±10%, shrinkage +5pt."
        ),
    ] = None,
    grid: Annotated[bool, typer.Option(help="Every combination, not one at a time.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, markdown or csv.")] = (
        "table"
    ),
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    strategy: StrategyOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Stress a plan: each scenario's service level, ASA, abandonment, occupancy, the FTE
    the targets need, the extra cost and the verdict, judged by the same rules as check.

    Attrition above the plan's own leaves each extra leaver's seat without a trained agent
    for 74 days (a published time to fill and train; see README). Exit 1 when the plan as
    planned has findings at or above --fail-on (as check: the scenarios inform, they do not
    fail the run; the config's resilience guardrail makes check fail on a stress); 2 for
    unusable input.
    """
    from cs_align.whatifcmd import run_whatif

    level, options = _judged({"fail_on": fail_on, "strategy": strategy}, config)
    text, fails = run_whatif(plan, vary or [], grid, fmt, output, level, options)
    emit(text)
    raise typer.Exit(ExitCode.FINDINGS if fails else ExitCode.OK)


@app.command()
def fix(
    plan: Annotated[str, typer.Argument(help="The plan file.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the fixed plan here.")
    ] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite the plan file.")] = False,
    keep_budget: Annotated[
        bool,
        typer.Option("--keep-budget", help="Keep the money; set targets to what it keeps."),
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, diff or json.")] = "table",
    fail_on: FailOnOpt = None,
    strategy: StrategyOpt = None,
    config: ConfigOpt = None,
) -> None:
    """The least-cost changes that align the plan with its strategy: staff, budget lines,
    practices and promises, as a unified diff (comments and layout kept) and a table.

    Exit 0 when the fixed plan passes --fail-on (as check would judge it), 1 when findings
    left to a person remain at or above it, 2 for unusable input.
    """
    from cs_align.fixcmd import run_fix

    level, options = _judged({"fail_on": fail_on, "strategy": strategy}, config)
    text, fails = run_fix(plan, output, in_place, keep_budget, fmt, level, options)
    emit(text)
    raise typer.Exit(ExitCode.FINDINGS if fails else ExitCode.OK)


def _judged(
    flags: Mapping[str, object], config: Path | None, allow_outside: bool = False
) -> tuple[Severity, CheckOptions]:
    """The --fail-on level and check options a command shares with `check`: the same
    config file, environment, waivers and strategy."""
    from cs_align.checkcmd import access_for, options_from
    from cs_align.config import fail_level, resolve

    access = access_for(None, False, allow_outside)
    settings = resolve(flags, config, tree=access.tree, allow_outside=allow_outside)
    return fail_level(settings), options_from(settings, access)


def _failing(checked: Report, level: Severity, typed: str) -> str:
    """Why a command that prints no findings exits 1 (``typed``: the path as the user gave
    it, so the suggested command runs from where they are)."""
    from cs_align.escaping import visible
    from cs_align.findings import plural

    counts = checked.summary()
    at_or_above = sum(1 for f in checked.findings if f.counts and f.severity >= level)
    return (
        visible(
            f"cs-align: {checked.file} is {counts.verdict}: {plural(at_or_above, 'finding')} at "
            f"or above --fail-on {level.name}; `cs-align check {typed}` lists them"
        )
        + "\n"
    )


@strategies_app.command("list")
def strategies_list(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List the built-in strategies."""
    from cs_align.commands import list_strategies

    emit(list_strategies(fmt))


@strategies_app.command("show")
def strategies_show(
    strategy_id: Annotated[str, typer.Argument(metavar="ID")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Show one strategy: purpose, exemplars, promise and its rules."""
    from cs_align.commands import show_strategy

    emit(show_strategy(strategy_id, fmt))


@app.command()
def explain(
    rule_id: Annotated[str | None, typer.Argument(metavar="RULE-ID")] = None,
    plan: Annotated[str | None, typer.Option(help="Show the rule's figures for this plan.")] = None,
    markdown: Annotated[
        bool, typer.Option(help="Print every rule's reference as Markdown (docs/rules.md).")
    ] = False,
) -> None:
    """Explain a rule: why it matters, its source, options and an example that fails."""
    from cs_align.commands import explain_rule, rules_reference

    emit(rules_reference() if markdown else explain_rule(rule_id, plan))


@app.command()
def metrics(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List every named metric with its unit and meaning."""
    from cs_align.commands import list_metrics

    emit(list_metrics(fmt))


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the plan.")] = Path("plan.yaml"),
    strategy: Annotated[str, typer.Option(help="Strategy id.")] = "delight",
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter plan for a strategy (it passes `check`)."""
    from cs_align.commands import write_starter

    emit(write_starter(path, strategy, force) + "\n")


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM, raised past the CLI framework so the exit code can be 128 + N."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _fail(message: str, code: int) -> None:
    if sys.stderr is not None:
        try:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
        except OSError:
            pass
    sys.exit(code)


def main() -> None:
    import signal

    from cs_align.output import discard_all

    # cs-align's own process needs no third-party pydantic plugins (pydantic's documented
    # switch; library users are not affected).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        app()
    except CsAlignError as exc:
        _fail(exc.render(), ExitCode.UNUSABLE)
    except Interrupted as stop:
        name = "interrupted" if stop.signum == signal.SIGINT else "terminated"
        _fail(f"cs-align: {name}", 128 + stop.signum)
    except RecursionError:
        _fail("cs-align: the input nests too deeply to process — flatten it", ExitCode.UNUSABLE)
    except OSError as exc:  # a file or stream failed under us (EISDIR, ENOSPC, EBADF, …)
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"cs-align: {where}{exc.strerror or exc}", ExitCode.UNUSABLE)
    finally:
        discard_all()
