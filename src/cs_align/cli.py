"""The command line: typer declarations of every command and flag, each calling its module
in `cs_align.commands`; and `main`, the only place that exits.

Annotations here are evaluated (no `from __future__ import annotations`): typer reads every
command's signature at start-up, and string annotations would make it `eval` each one
(5% of a `check`'s instructions, measured with callgrind)."""

import inspect
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperOption

from cs_align.errors import (
    RECEIVED,
    CsAlignError,
    ExitCode,
    Interrupted,
    UsageError,
    format_name,
    interrupt,
    os_fix,
    quiet_stops,
    stop_if_interrupted,
    usage,
)
from cs_align.output import emit, output_file, say
from cs_align.reporters import FORMATS

_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_HELD = "\u2011"
"""A hyphen inside a word, held as a non-breaking hyphen while help is wrapped."""


class _Command(TyperCommand):
    """A command whose options refuse an empty value (exit 2): `--strategy "$POLICY"` with
    the variable unset judged the plan by its own strategy, handing the choice back to the
    change under review; `report --baseline ""` dropped the diff, `staff --patience ""` the
    callers' patience (review user26 U4)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's click Context
        """Read as written, before a value becomes a path ("" would be the current folder)."""
        takes = {
            name: param
            for param in self.params
            if isinstance(param, TyperOption) and not param.is_flag
            for name in param.opts
        }
        value_next = False  # the token is an option's value, `--` included (attack27 A3)
        for at, arg in enumerate(args):
            following = args[at + 1] if at + 1 < len(args) else None
            if arg == "--" and not value_next:
                break
            name, equals, value = arg.partition("=")
            option = None if value_next else takes.get(name if equals else arg)
            value_next = option is not None and not equals
            if option is not None and (value if equals else following) == "":
                raise typer.BadParameter(
                    "is empty (an unset variable?): give it a value, or leave the option out",
                    ctx=ctx,
                    param=option,
                )
        rest: list[str] = super().parse_args(ctx, args)
        for param in self.get_params(ctx):
            if self._needs(param) and ctx.params.get(param.name) is None:
                raise _unnamed(ctx, str(param.metavar))
        return rest

    needed: tuple[str, ...] = ()
    """Arguments (by metavar) the command needs, which it asks for itself when left out."""

    def _needs(self, param: Any) -> bool:
        return param.param_type_name == "argument" and param.metavar in self.needed

    def collect_usage_pieces(self, ctx: Any) -> list[str]:  # typer's click types
        """The usage line as a shell user reads one: a required argument bare (`PLAN`), an
        optional one in brackets. typer 0.29 wrote a required one in braces (`promise
        [OPTIONS] {PLAN}`), which reads as a choice or as text to type (user54)."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                pieces.extend(param.get_usage_pieces(ctx))
                continue
            name = param.metavar or str(param.name).upper()
            name = name if param.required or self._needs(param) else f"[{name}]"
            pieces.append(name + "..." * (param.nargs != 1))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:  # typer's click types
        """Arguments and options, each named as a user writes it and wrapped between words:
        typer 0.29 added an argument's Python type (`PLAN <list[str]>`, `ID <str>`), and
        click's wrap broke ids a user copies at their hyphens (`fast-` / `food`, `cs-` /
        `align`; review user52)."""
        rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or param.param_type_name not in rows:
                continue
            term, text = record
            if param.param_type_name == "argument":
                term = (param.metavar or str(param.name).upper()) + "..." * (param.nargs != 1)
            rows[param.param_type_name].append((term, _WORD_HYPHEN.sub(_HELD, text)))
        for title, kind in (("Arguments", "argument"), ("Options", "option")):
            if rows[kind]:
                with formatter.section(title):
                    formatter.write_dl(rows[kind])

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        """The command's description, wrapped between words as the options are."""
        text = inspect.cleandoc(self.help or "").partition("\f")[0]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(_WORD_HYPHEN.sub(_HELD, text))

    def get_help(self, ctx: Any) -> str:
        return str(super().get_help(ctx)).replace(_HELD, "-")

    def format_epilog(self, ctx: Any, formatter: Any) -> None:  # typer's click types
        """Examples to copy, as written (click would re-wrap an epilog into one paragraph)."""
        examples = EXAMPLES.get(ctx.command_path.removeprefix(ctx.find_root().info_name or ""))
        if not examples:
            return
        formatter.write_paragraph()
        formatter.write_text("Examples:")
        for line in examples:
            formatter.write(f"{' ' * (formatter.current_indent + 2)}{line}\n".rstrip(" "))


EXAMPLES: dict[str, tuple[str, ...]] = {
    " check": (
        "# the verdict and findings for a plan (exit 0 aligned enough, 1 findings, 2 bad input)",
        "cs-align check plan.yaml",
        "# every plan in a folder, SARIF to a file for code scanning, the table to the log",
        "cs-align check plans/ -f sarif:cs-align.sarif -f table",
        "# fail on warnings too; JSON to standard output",
        "cs-align check plan.yaml --fail-on warning -f json",
    ),
    " diff": (
        "# what a proposal changes against the plan it replaces",
        "cs-align diff old-plan.yaml plan.yaml",
        "# in CI: the plan against the base branch, judged by the base branch's policy",
        "cs-align diff --base-ref origin/main plans/acme.yaml --policy-ref origin/main",
    ),
    " report": (
        "# a client-ready HTML report (Markdown with .md)",
        "cs-align report plan.yaml -o report.html",
        "# with what changed since last year's plan",
        "cs-align report plan.yaml -o report.md --baseline last-year.yaml",
    ),
    " schema": (
        "# the schema beside your plans, for editors (see `# yaml-language-server:`)",
        "cs-align schema > plan.schema.json",
        "# the schema of what check -f json writes, to validate it in CI (diff: the same)",
        "cs-align schema check > check.schema.json",
        "# the schemas of your own strategy and waiver files, for editors",
        "cs-align schema strategy-file > strategy-file.schema.json",
        "cs-align schema waivers > waivers.schema.json",
    ),
    " staff": (
        "# agents for 100 calls a half hour, 3 minutes each, 80% answered in 20 seconds",
        'cs-align staff --volume 100/30m --aht 3m --target "80% in 20s"',
        "# callers who hang up after 2 minutes on average (Erlang A), at most 5% of them",
        "cs-align staff --volume 100/30m --aht 3m --patience 2m --abandonment-max 5%",
        "# what 12 agents achieve for a month's volume over weekday hours",
        'cs-align staff --volume 9000/month --aht 6m --hours "Mon-Fri 08:00-20:00" --agents 12',
        "# an e-mail inbox answered within 4 hours, in FTE, sized as `check` sizes one",
        "cs-align staff --kind email --volume 2500/month --aht 8m --first-response 4h",
    ),
    " promise": (
        "# the best targets the planned staff can keep, and what the declared ones cost",
        "cs-align promise plan.yaml",
    ),
    " whatif": (
        "# the default stress test: volume, handle time and shrinkage, one at a time",
        "cs-align whatif plan.yaml",
        "# 10% and 20% more contacts with handle times 30 seconds longer, every combination",
        "cs-align whatif plan.yaml --vary volume=+10%,+20% --vary aht=+30s --grid",
        "# the scenarios as CSV for a spreadsheet",
        "cs-align whatif plan.yaml -o scenarios.csv",
    ),
    " fix": (
        "# the least-cost changes that align the plan, as a table and a diff",
        "cs-align fix plan.yaml",
        "# the fixed plan written to a new file; or keep the money and lower the promises",
        "cs-align fix plan.yaml -o plan-fixed.yaml",
        "cs-align fix plan.yaml --keep-budget -f diff",
    ),
    " explain": (
        "# every rule, one line each; then one rule in full",
        "cs-align explain",
        "cs-align explain staffing-meets-targets",
        "# the rule's figures for your plan",
        "cs-align explain staffing-meets-targets --plan plan.yaml",
    ),
    " metrics": ("cs-align metrics", "cs-align metrics -f json"),
    " init": (
        "# a starter delight plan in plan.yaml (it passes check); then check it",
        "cs-align init --strategy delight plan.yaml",
        "cs-align check plan.yaml",
    ),
    " strategies list": ("cs-align strategies list",),
    " strategies show": (
        "# one strategy's purpose, promise and rules, with each threshold's source",
        "cs-align strategies show delight",
    ),
}
"""Each command's examples for its --help, by its command path after `cs-align`; each one
runs as written (tests/test_cli.py runs them) beside a plan.yaml."""


app = typer.Typer(
    name="cs-align",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    # `-h` as well: the first thing many newcomers type (review user63); commands inherit it.
    # --help first: a usage error's "Try 'cs-align check --help'" names the first.
    context_settings={"help_option_names": ["--help", "-h"]},
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


def _one_of(names: tuple[str, ...]) -> str:
    return f"{', '.join(names[:-1])} or {names[-1]}"


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


class _OnePlan(_Command):
    """A command that judges one plan: without it, it says what to type, as check, diff and
    report do (click's "Missing argument 'PLAN'" showed no command; review input62)."""

    needed = ("PLAN",)


class _OneStrategy(_Command):
    needed = ("ID",)


_WHAT_TO_NAME = {
    "PLAN": ("plan", "plan.yaml", ""),
    "ID": ("strategy", "delight", " (`cs-align strategies list` lists the ids)"),
}
"""What a command's needed argument is, and what to write for it."""


def _given(value: str | None) -> str:
    """A needed argument, which ``_Command.parse_args`` has made sure was given."""
    assert value is not None
    return value


def _unnamed(ctx: Any, metavar: str) -> UsageError:
    words: list[str] = []
    while ctx.parent is not None:  # the command's words, without the program's name
        words.insert(0, ctx.info_name)
        ctx = ctx.parent
    command = " ".join(words)
    what, example, more = _WHAT_TO_NAME[metavar]
    return usage(f"{command} names no {what}", f"write `cs-align {command} {example}`{more}")


def _name(fmt: str | None) -> Any:
    """A format as the registry names it: `-f JSON` is json, as FORMAT in `-f JSON:out.json`
    is (format names are case-blind, as file suffixes are; review user45 U12)."""
    return format_name(fmt) if fmt is not None else None


FormatOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        help=f"{_one_of(FORMATS)}; FORMAT:FILE writes that format to FILE (repeatable: "
        "one format at most without a FILE, one format a FILE). Default: table.",
        metavar="FORMAT[:FILE]",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the (single) format to this file, atomically; an existing file only if it "
        "is cs-align's own earlier output of that format. `-` is standard output.",
        metavar="FILE",
        parser=output_file,
    ),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(
        help="error, warning or info: the lowest severity that makes the exit code 1. "
        "Default: error, or CS_ALIGN_FAIL_ON, or fail_on: in the settings file.",
        metavar="LEVEL",
    ),
]
StrategyOpt = Annotated[
    str | None,
    typer.Option(
        help="Check against this strategy id or file instead of the plan's own.", metavar="STRATEGY"
    ),
]
IgnoreWaiversOpt = Annotated[
    bool, typer.Option("--ignore-waivers", help="Show waived findings as failures.")
]
WaiversOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--waivers", help="A waiver file (a `waivers:` list); repeatable.", metavar="FILE"
    ),
]
ConfigOpt = Annotated[
    str | None,  # as written: `--config sub/` is told as `sub/`, not as Path's `sub`
    typer.Option(
        help="Settings file to use instead of the nearest .cs-align.yaml or "
        "pyproject.toml [tool.cs-align], searched from the current directory up to the "
        "repository's top (outside a repository, up to /).",
        metavar="FILE",
    ),
]
ShowConfigOpt = Annotated[
    bool,
    typer.Option(
        "--show-config",
        help="Print the effective settings and their sources, and stop (as JSON with -f "
        "json); with plans named, print them to stderr and judge the plans as usual.",
    ),
]
PolicyRefOpt = Annotated[
    str | None,
    typer.Option(
        help="Read the policy (config, strategy and waiver files) as it is at this git "
        "revision, e.g. origin/main; any change the working tree makes to it is a "
        "policy-changed error.",
        metavar="REV",
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
BUILT_IN = (
    "automated, because-we-can, cost-race, delight, engagement, extraordinary-trust, "
    "fast-food, genius, squeaky-wheel or tiered"
)
"""The built-in strategies a newcomer can name, written out for --help (reading the
strategies folder at import would slow every command's start); a test keeps it whole."""
ApproveOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--approve-policy-change",
        help="Approve one policy change after review, by the id the policy-changed finding "
        "gives it (repeat for each): only that change, as it read, is approved, and the "
        "trusted policy still judges.",
        metavar="ID",
    ),
]
AllowOutsideOpt = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        help="Let plans, configs and strategies name files outside the repository.",
    ),
]


@app.command(cls=_Command)
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Plan files, folders, globs, or - for stdin.", metavar="PLAN"),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    strategy: StrategyOpt = None,
    ignore_waivers: IgnoreWaiversOpt = False,
    waivers: WaiversOpt = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            help="Name to show for a plan read from stdin: its path in the repository, on "
            "which SARIF and -f github place the results.",
            metavar="NAME",
        ),
    ] = None,
    plans_only: Annotated[
        bool,
        typer.Option(
            "--plans-only",
            help="Skip named files that are plainly not plans: no `version` beside a plan's "
            "own keys (organisation, channels …), such as workflows and compose files "
            "(for hooks that pass every YAML file).",
        ),
    ] = False,
    config: ConfigOpt = None,
    show_config: ShowConfigOpt = False,
    policy_ref: PolicyRefOpt = None,
    allow_policy_change: AllowPolicyOpt = False,
    approve_policy_change: ApproveOpt = None,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Check plans against their declared strategy; print the verdict and findings.

    Settings come from flags, then CS_ALIGN_* environment variables, then the nearest
    .cs-align.yaml or pyproject.toml [tool.cs-align] up from the current directory;
    --show-config prints them. In CI,
    --policy-ref origin/main judges the plans by the policy of the base branch. A large
    batch runs on every core; CS_ALIGN_WORKERS=N (1 to 64) sets how many processes.
    """
    from cs_align.commands import check as command

    code = command.run(
        paths or [],
        fmt=fmt,
        output=output,
        fail_on=fail_on,
        strategy=strategy,
        ignore_waivers=ignore_waivers,
        waivers=waivers,
        stdin_filename=stdin_filename,
        plans_only=plans_only,
        config=config,
        show_config=show_config,
        policy_ref=policy_ref,
        allow_policy_change=allow_policy_change,
        approve_policy_change=approve_policy_change,
        allow_outside=allow_outside,
    )
    raise typer.Exit(code)


@app.command(cls=_Command)
def diff(
    base: Annotated[
        str | None, typer.Argument(help="The base plan (omit with --base-ref).", metavar="BASE")
    ] = None,
    plan: Annotated[str | None, typer.Argument(help="The proposed plan.", metavar="PLAN")] = None,
    base_ref: Annotated[
        str | None,
        typer.Option(
            help="Read the base from this git revision (e.g. origin/main) of the repository "
            "you run in, or of PLAN's own when PLAN lies outside it.",
            metavar="REV",
        ),
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
            "to warn instead of block.",
            metavar="LIMIT[:warn]",
        ),
    ] = None,
    max_budget_decrease: Annotated[
        str | None,
        typer.Option(
            help="Largest budget decrease, e.g. 10% or 500k[:warn].", metavar="LIMIT[:warn]"
        ),
    ] = None,
    max_total: Annotated[
        str | None,
        typer.Option(
            help="Highest budget total a proposal may state, and may spend a year (a plan "
            "for part of a year is scaled up), e.g. 7.5M[:warn].",
            metavar="AMOUNT[:warn]",
        ),
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
    approve_policy_change: ApproveOpt = None,
    allow_outside: AllowOutsideOpt = False,
    gated: Annotated[
        list[str] | None,
        typer.Option(
            "--gated",
            help="Another path the same gate checks (as given to check; repeat for each): "
            "its top folder's plans are counted with the plan's own, so a line moved "
            "between gated folders is no line gone.",
            metavar="PATH",
        ),
    ] = None,
) -> None:
    """What a proposal changes against its base, gated by guardrails.

    Exit 1 when a guardrail blocks or the proposal adds (or worsens) a finding at or above
    --fail-on; findings the base already had do not fail the diff. With --base-ref, the
    policy (config, guardrails, strategy and waiver files) is read at that revision too,
    and changes to it are policy-changed errors; a plan new at the base is judged against
    an empty base, and a deleted plan is reported.
    """
    from cs_align.commands import diff as command

    code = command.run(
        base,
        plan,
        base_ref=base_ref,
        fmt=fmt,
        output=output,
        fail_on=fail_on,
        strategy=strategy,
        ignore_waivers=ignore_waivers,
        waivers=waivers,
        max_budget_increase=max_budget_increase,
        max_budget_decrease=max_budget_decrease,
        max_total=max_total,
        no_verdict_regression=no_verdict_regression,
        no_new_errors=no_new_errors,
        config=config,
        show_config=show_config,
        policy_ref=policy_ref,
        allow_policy_change=allow_policy_change,
        approve_policy_change=approve_policy_change,
        allow_outside=allow_outside,
        gated=gated,
    )
    raise typer.Exit(code)


@app.command(cls=_Command)
def report(
    plan: Annotated[
        str | None, typer.Argument(help="The plan to report on.", metavar="PLAN")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="report.md or report.html (format from the name); `-` is standard output "
            "(with --format).",
            metavar="FILE",
            parser=output_file,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="md or html, if the name does not say.", metavar="md|html"
        ),
    ] = None,
    baseline: Annotated[
        str | None,
        typer.Option(help="A base plan: the report includes what changed.", metavar="PLAN"),
    ] = None,
    template: Annotated[
        str | None,  # as written, for messages (`nothere/`, not `nothere`)
        typer.Option(
            help="Your own template file, or a folder with report.md / report.html.", metavar="PATH"
        ),
    ] = None,
    export_templates: Annotated[
        Path | None,
        typer.Option(help="Copy the built-in templates into this folder and stop.", metavar="DIR"),
    ] = None,
    strategy: StrategyOpt = None,
    force: Annotated[
        bool, typer.Option(help="Overwrite a file cs-align did not write (never a plan).")
    ] = False,
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

    Template variables (the built-ins show most in use): generator, format, plan (organisation,
    period, strategy, promise …), verdict, areas (each with name, verdict, findings, and
    also: findings of another area that judge this one too), revealed, gaps, promises,
    people_line, channels, budget, take, sensitivity, assumptions, models, waived,
    unmatched_waivers, diff (with --baseline, else none) and charts.
    """
    from cs_align.commands import report as command

    code = command.run(
        plan,
        output=output,
        fmt=_name(fmt),
        baseline=baseline,
        template=template,
        export_templates=export_templates,
        strategy=strategy,
        force=force,
        fail_on=fail_on,
        config=config,
        waivers=waivers,
        allow_outside=allow_outside,
    )
    raise typer.Exit(code)


@app.command(cls=_Command)
def schema(
    output: Annotated[
        str,
        typer.Argument(
            help="Whose schema: plan (the plan file, the default); strategy-file or waivers "
            "(a strategy file or a waiver file you write); or check, diff, staff, "
            "promise, whatif, fix, metrics, strategies, strategy or config (what that command, "
            "`strategies list`, `strategies show` or `check --show-config` writes with --format "
            "json).",
            metavar="OUTPUT",
        ),
    ] = "plan",
) -> None:
    """Print a JSON Schema (draft 2020-12): of the plan file, a strategy file or a waiver
    file (for editors and validators), or of what `check`, `diff`, `staff`, `promise`,
    `whatif`, `fix`, `metrics`, `strategies list`, `strategies show` or `check --show-config`
    writes with --format json (for CI that reads it)."""
    from cs_align.commands import info

    emit(info.schema_text(output) + "\n")


@app.command(cls=_Command)
def staff(
    volume: Annotated[
        str,
        typer.Option(
            help="Contacts per interval (120/30m, 240/h) or per period, as a plan writes them "
            "(2000/day, 9000/month).",
            metavar="N/INTERVAL",
        ),
    ],
    aht: Annotated[
        str, typer.Option(help="Average handle time, e.g. 3m or 180s.", metavar="DURATION")
    ],
    target: Annotated[
        str | None,
        typer.Option(
            help='Service level, e.g. "80% in 20s" or 80/20; none for a line kept to an ASA '
            "(--asa) or an abandonment ceiling (--abandonment-max) alone, as a plan's "
            '`target: {asa: 30s}`. Default: "80% in 20s"; none beside --first-response.',
            metavar="SL",
        ),
    ] = None,
    asa: Annotated[
        str | None,
        typer.Option(help="Also keep ASA at or under this, e.g. 15s.", metavar="DURATION"),
    ] = None,
    shrinkage: Annotated[
        str, typer.Option(help="Share of paid time off the phones.", metavar="PERCENT")
    ] = "30%",
    max_occupancy: Annotated[
        str | None,
        typer.Option(
            help="Occupancy ceiling from 10% to 100%, e.g. 90%, or none to size for the "
            "targets alone. Default: 85%, the ceiling check holds a plan that states none to, "
            "so staff and check agree; the answer says which ceiling it applied.",
            metavar="PERCENT",
        ),
    ] = None,
    patience: Annotated[
        str | None,
        typer.Option(help="Mean caller patience (Erlang A), e.g. 2m.", metavar="DURATION"),
    ] = None,
    abandonment_max: Annotated[
        str | None,
        typer.Option(
            help="Also keep the share of callers who hang up at or under this, e.g. 5% "
            "(needs --patience), as a plan's target.abandonment_max.",
            metavar="PERCENT",
        ),
    ] = None,
    peak_factor: Annotated[
        str | None,
        typer.Option(
            help="Size for the busiest time: the volume's average times this, 1 to 20 (e.g. "
            "1.3), as a channel's peak_factor.",
            metavar="N",
        ),
    ] = None,
    concurrency: Annotated[str, typer.Option(help="Chats per agent, 1 to 20.", metavar="N")] = "1",
    agents: Annotated[
        str | None,
        typer.Option(help="Evaluate this many agents instead of solving.", metavar="N"),
    ] = None,
    hours: Annotated[
        list[str] | None,
        typer.Option(
            help="Open hours a volume per day, week or month arrives in, as a plan writes "
            'them: "Mon-Fri 08:00-20:00" spreads 2000/day over 12 hours and 9000/month over '
            "60 a week, as `check` does. Repeat it for a list of spans, as a plan's `hours:` "
            'list: --hours "Mon-Fri 08:00-12:00" --hours "Mon-Fri 13:00-17:00". Without it, '
            "contacts arrive around the clock.",
            metavar="HOURS",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="The line's channel kind, as a plan's `kind:` (voice, chat, messaging, "
            "in-person, email, social, community): size it as `check` sizes such a channel, "
            "in FTE, e.g. an e-mail inbox as work over the open week, not a live queue. "
            "Refused where check would not size the flags as given (--peak-factor on an "
            "inbox, --concurrency on a voice line, --patience on inbox work, "
            "--max-occupancy none). --agents then means people on shift every open hour.",
            metavar="KIND",
        ),
    ] = None,
    first_response: Annotated[
        str | None,
        typer.Option(
            help="With --kind: a first response target, as a plan's target.first_response "
            '(4h, "8 business hours", "1 business day"): 90% answered within it.',
            metavar="WAIT",
        ),
    ] = None,
    paid_hours: Annotated[
        str | None,
        typer.Option(
            help="With --kind: paid hours per FTE, as a plan's staffing.paid_hours_per_fte "
            "(1800/year, 40/week). Default: 2080/year, as check's.",
            metavar="HOURS",
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table or json.", metavar="table|json")
    ] = "table",
) -> None:
    """How many agents a queue needs for a target (or what N agents achieve); with --kind,
    the FTE a line of that kind needs, sized as `check` sizes it."""
    from cs_align.commands import staff as command

    args = command.StaffArgs(
        volume=volume,
        aht=aht,
        target="80% in 20s" if target is None else target,
        asa=asa,
        shrinkage=shrinkage,
        max_occupancy=max_occupancy,
        patience=patience,
        concurrency=concurrency,
        agents=agents,
        hours=hours,
        fmt=_name(fmt),
        abandonment_max=abandonment_max,
        peak_factor=peak_factor,
        kind=kind,
        first_response=first_response,
        paid_hours=paid_hours,
        target_given=target is not None,
    )
    raise typer.Exit(command.run(args))


@app.command(cls=_OnePlan)
def promise(
    plan: Annotated[str | None, typer.Argument(help="The plan file.", metavar="PLAN")] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table or json.", metavar="table|json")
    ] = "table",
    fail_on: FailOnOpt = None,
    config: ConfigOpt = None,
) -> None:
    """The best targets the planned staff can keep, and what the declared ones need.

    The plan is checked too: exit 1 when it has findings at or above --fail-on, as check.
    """
    from cs_align.commands import promise as command

    raise typer.Exit(command.run(_given(plan), _name(fmt), fail_on, config))


@app.command(cls=_OnePlan)
def whatif(
    plan: Annotated[str | None, typer.Argument(help="The plan file.", metavar="PLAN")] = None,
    vary: Annotated[
        list[str] | None,
        typer.Option(
            help="KEY=V[,V…]: volume=+10%,+20%; aht=+30s or +10%; shrinkage=35% or +5pt; "
            "attrition=35% or +10pt; agents=-5%, -3 or 120 (repeatable). Default: volume "
            "±10/20/30%, aht ±10%, shrinkage +5pt.",
            metavar="KEY=V[,V…]",
        ),
    ] = None,
    grid: Annotated[bool, typer.Option(help="Every combination, not one at a time.")] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, markdown or csv (default: the table, or what -o's name says: "
            ".json, .md, .csv).",
            metavar="FORMAT",
        ),
    ] = None,
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
    from cs_align.commands import whatif as command

    raise typer.Exit(
        command.run(_given(plan), vary or [], grid, _name(fmt), output, fail_on, strategy, config)
    )


@app.command(cls=_OnePlan)
def fix(
    plan: Annotated[str | None, typer.Argument(help="The plan file.", metavar="PLAN")] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the fixed plan to this new file (never over a plan or a file "
            "cs-align did not write; --in-place rewrites the plan itself). `-` writes it to "
            "standard output, and what changed to standard error.",
            metavar="FILE",
            parser=output_file,
        ),
    ] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite the plan file.")] = False,
    keep_budget: Annotated[
        bool,
        typer.Option("--keep-budget", help="Keep the money; set targets to what it keeps."),
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, diff or json.", metavar="FORMAT")
    ] = "table",
    fail_on: FailOnOpt = None,
    strategy: StrategyOpt = None,
    config: ConfigOpt = None,
) -> None:
    """The least-cost changes that align the plan with its strategy: staff, budget lines,
    practices and promises, as a unified diff (comments and layout kept) and a table.

    Exit 0 when the fixed plan passes --fail-on (as check would judge it), 1 when findings
    left to a person remain at or above it, 2 for unusable input.
    """
    from cs_align.commands import fix as command

    raise typer.Exit(
        command.run(
            _given(plan), output, in_place, keep_budget, _name(fmt), fail_on, strategy, config
        )
    )


@strategies_app.command("list", cls=_Command)
def strategies_list(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table or json.", metavar="table|json")
    ] = "table",
) -> None:
    """List the built-in strategies."""
    from cs_align.commands import info

    emit(info.list_strategies(_name(fmt)))


@strategies_app.command("show", cls=_OneStrategy)
def strategies_show(
    strategy_id: Annotated[
        str | None, typer.Argument(metavar="ID", help=f"A built-in strategy: {BUILT_IN}.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table or json.", metavar="table|json")
    ] = "table",
) -> None:
    """Show one strategy: purpose, exemplars, promise and its rules."""
    from cs_align.commands import info

    emit(info.show_strategy(_given(strategy_id), _name(fmt)))


@app.command(cls=_Command)
def explain(
    rule_id: Annotated[
        str | None,
        typer.Argument(
            metavar="RULE-ID",
            help="A rule id, such as staffing-meets-targets (a finding names its rule). "
            "Without one: every rule id with its title.",
        ),
    ] = None,
    plan: Annotated[
        str | None, typer.Option(help="Show the rule's figures for this plan.", metavar="PLAN")
    ] = None,
    markdown: Annotated[
        bool, typer.Option(help="Print every rule's reference as Markdown (docs/rules.md).")
    ] = False,
) -> None:
    """Explain a rule: why it matters, its source, options and an example that fails."""
    from cs_align.commands import info

    emit(info.rules_reference() if markdown else info.explain_rule(rule_id, plan))


@app.command(cls=_Command)
def metrics(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table or json.", metavar="table|json")
    ] = "table",
) -> None:
    """List every named metric with its unit and meaning."""
    from cs_align.commands import info

    emit(info.list_metrics(_name(fmt)))


@app.command(cls=_Command)
def init(
    path: Annotated[
        Path,
        typer.Argument(help="Where to write the plan.", metavar="PATH", parser=output_file),
    ] = Path("plan.yaml"),
    strategy: Annotated[
        str,
        typer.Option(
            help=f"The plan's strategy: {BUILT_IN} (`cs-align strategies list` says what each "
            "promises).",
            metavar="STRATEGY",
        ),
    ] = "delight",
    force: Annotated[
        bool,
        typer.Option(
            help="Overwrite an existing file: a starter plan as init wrote it (not one "
            "since edited), or a file that is no plan."
        ),
    ] = False,
) -> None:
    """Write a commented starter plan for a strategy (it passes `check`)."""
    from cs_align.commands import init as command

    raise typer.Exit(command.run(path, strategy, force))


def _fail(message: str, code: int) -> None:
    """``message`` on stderr, then exit."""
    say(message)
    sys.exit(code)


def _internal(exc: Exception) -> None:
    """An unexpected exception: one line on stderr and exit 2 (exit 1 would read as findings
    to CI); with CS_ALIGN_DEBUG=1 in the environment, the traceback first."""
    from cs_align.errors import internal
    from cs_align.escaping import visible

    if os.environ.get("CS_ALIGN_DEBUG") == "1" and sys.stderr is not None:
        import contextlib
        import traceback

        with contextlib.suppress(OSError):
            traceback.print_exception(exc, file=sys.stderr)
    _fail(
        visible(f"cs-align: internal error: {internal(exc)} — please report it"),
        ExitCode.UNUSABLE,
    )


def _warn_unread_variables() -> None:
    """One stderr line for each CS_ALIGN_* variable the run would silently not obey (see
    `config.unread_variables`); the settings module loads only when one is set."""
    if not any(name.startswith("CS_ALIGN_") for name in os.environ):
        return
    from cs_align.config import unread_variables

    for warning in unread_variables(os.environ):
        say(f"cs-align: warning: {warning}")


def main(prog_name: str | None = None) -> None:
    """Run the command line on sys.argv; ``prog_name`` is the name usage messages give it
    (by default click's reading of how the process was started)."""
    import signal

    from cs_align.output import discard_all
    from cs_align.repo import reading

    # cs-align's own process needs no third-party pydantic plugins (pydantic's documented
    # switch); a library calling main() has its environment back when main() returns
    # (review attack56b: the variable outlived the call, in its child processes too).
    plugins = "PYDANTIC_DISABLE_PLUGINS"
    set_here = plugins not in os.environ
    os.environ.setdefault(plugins, "__all__")
    RECEIVED.clear()
    # The caller's handlers come back when main() returns, as its unraisable hook does: a
    # library calling main() in process had its Ctrl-C raise cs-align's Interrupted, not
    # KeyboardInterrupt, ever after (review attack56b).
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    unraisable = sys.unraisablehook
    sys.unraisablehook = quiet_stops(unraisable)
    try:
        try:
            _warn_unread_variables()
            with reading():  # git's readers end with the command (or an outer run)
                app(prog_name=prog_name)
        except BaseException as exc:  # a stop that something caught or wrapped still stops
            stop_if_interrupted(exc)
            raise
    except CsAlignError as exc:
        _fail(exc.render(), ExitCode.UNUSABLE)
    except Interrupted as stop:
        name = "interrupted" if stop.signum == signal.SIGINT else "terminated"
        _fail(f"cs-align: {name}", 128 + stop.signum)
    except RecursionError:
        _fail("cs-align: the input nests too deeply to process — flatten it", ExitCode.UNUSABLE)
    except OSError as exc:  # a file or stream failed under us (EISDIR, ENOSPC, EBADF, …)
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"cs-align: {where}{exc.strerror or exc} — {os_fix(exc)}", ExitCode.UNUSABLE)
    except Exception as exc:  # a fault of cs-align's own: one line, exit 2, never exit 1
        _internal(exc)
    finally:
        discard_all()
        sys.unraisablehook = unraisable
        if set_here:
            os.environ.pop(plugins, None)
        for number, handler in handlers.items():
            if handler is not None:  # None: one not set from Python, left as cs-align's
                signal.signal(number, handler)
