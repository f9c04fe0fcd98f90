"""What the commands share: output formats and targets, how policy files are reached, the
check options a config gives, and the one-line reason a command exits 1."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from cs_align.config import Settings, fail_level, joined_format_fix, resolve
from cs_align.deadline import PLAN_SECONDS, Overtime, within
from cs_align.engine import CheckOptions
from cs_align.errors import (
    CsAlignError,
    PlanError,
    Problem,
    StrategyError,
    format_name,
    internal,
    stop_if_interrupted,
    unknown_format,
    usage,
)
from cs_align.output import emit, output_file, say, writable, write_atomic
from cs_align.repo import (
    DEFAULT_ACCESS,
    WORKTREE,
    Access,
    Reviewed,
    Revision,
    Tree,
    absolute,
    display,
    resolved,
    revision,
)
from cs_align.reporters import ALIASES, FORMATS

if TYPE_CHECKING:
    from cs_align.findings import Report, Severity


def parse_formats(
    fmts: list[str], output: Path | None, source: str = ""
) -> list[tuple[str, Path | None]]:
    """FORMAT and FORMAT:FILE → (format, file or None); ``source`` says where they were
    set when that was not the command line (a config file's are checked as it loads).

    At most one format goes to standard output (two documents back to back are neither),
    each FILE is named by one format, and FORMAT: names no file at all: each is exit 2."""
    result: list[tuple[str, Path | None]] = []
    from_ = f" (from {source})" if source and source != "command line" else ""
    for item in fmts:
        name, colon, target = item.partition(":")
        name = format_name(name)  # -f JSON is json (review user45 U12)
        name = ALIASES.get(name, name)
        if name not in FORMATS:
            told = unknown_format(name, FORMATS).problems[0]
            where = "environment" if source.startswith("environment") else "flag"
            raise usage(f"{told.message}{from_}", joined_format_fix(item, where) or told.fix)
        if colon and not target.strip():
            raise usage(
                f"format {item!r}{from_} names no file",
                f"write {name}:FILE to write it to a file, or {name} for standard output",
            )
        # FORMAT:- is standard output, as `-` is everywhere else (not a file named -)
        file = output_file(target) if target and target != "-" else None
        if file is not None:  # `-f json:r.sarif` wrote JSON into r.sarif (review final25 L3)
            suffixed(name, file, chosen=True, named_by=f"--format {item}{from_}")
        result.append((name, file))
    result = list(dict.fromkeys(result))  # `-f json -f json` prints it once
    if output is not None and str(output) != "-" and len(result) == 1 and result[0][1] is None:
        result = [(suffixed(result[0][0], output, chosen=bool(source)), None)]
    if output is not None:
        if len(result) != 1:
            raise usage("--output goes with a single --format", "use FORMAT:FILE for several")
        if str(output) != "-":  # -o - is standard output
            if result[0][1] is not None:
                raise usage(
                    f"--output {output} and --format {result[0][0]}:{result[0][1]} both name "
                    "a file",
                    "name the file once, with -o FILE or with FORMAT:FILE",
                )
            result = [(result[0][0], output)]
    to_stdout = [name for name, target in result if target is None]
    if len(to_stdout) > 1:
        others = [n for n in to_stdout if n != "table"] or to_stdout
        raise usage(
            f"{' and '.join(to_stdout)}{from_} would go to standard output one after the "
            "other, and neither would read: at most one format may go to standard output",
            f"name a file for the others, e.g. -f {others[-1]}:results.{_SUFFIX[others[-1]]}",
        )
    named: dict[Path, str] = {}
    for name, file in result:
        if file is None:
            continue
        key = resolved(file)
        if key in named:
            raise usage(
                f"{named[key]} and {name}{from_} both name the file {file}: the one written "
                "last would replace the other",
                "name a file for each format",
            )
        named[key] = name
    return result


OTHER_DOCUMENTS = {
    ".pdf": "a PDF",
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".odt": "an OpenDocument text",
    ".rtf": "an RTF document",
    ".pptx": "a PowerPoint deck",
    ".xlsx": "an Excel workbook",
    ".png": "an image",
    ".jpg": "an image",
}
"""Names of documents no command writes: `report -o client.pdf -f html` wrote HTML into a
file every viewer then refused as a broken PDF, `check -o x.pdf` the table, `whatif -o
scenarios.xlsx` text a spreadsheet refuses (user54)."""


_SUFFIX = {
    "table": "txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "markdown": "md",
    "github": "txt",
}


def suffixed(
    fmt: str,
    output: Path,
    *,
    chosen: bool,
    by_suffix: dict[str, str] | None = None,
    named_by: str = "",
    command: str = "this command",
) -> str:
    """The format an -o FILE is written in: the one asked for, or, when none was (``chosen``
    False), the one its name says (`-o results.sarif` is SARIF, not the table). A name that
    says another format than the one asked for, or one ``command`` does not write (its own
    ``by_suffix`` map says which it does), is exit 2 (review user19 U2: `-o results.sarif`
    wrote the table, and the upload failed far from its cause)."""
    suffix = output.suffix.lower()
    own = by_suffix or BY_SUFFIX
    named = own.get(suffix)
    named_by = named_by or f"--output {output}"
    formats = {*own.values(), "table"} if by_suffix else set(FORMATS)
    its = next((s for s, f in own.items() if f == str(output).lower()), ".txt")
    file_fix = f"to write a file, give it a suffix (results{its})"
    not_a_format(output, named_by, _FORMAT_NAMES, formats, file_fix)
    suffixes = _suffixes(own)
    if other := OTHER_DOCUMENTS.get(suffix):
        raise usage(
            f"{named_by} is named as {other}, which cs-align does not write",
            f"name the file for what {command} writes ({suffixes})",
        )
    elsewhere = {**BY_SUFFIX, **_ELSEWHERE}.get(suffix)
    if named is None and elsewhere is not None:  # `check -o r.html` wrote the table into it
        raise usage(
            f"{named_by} is named as {elsewhere}, which {command} does not write",
            f"name the file for what {command} writes ({suffixes}), or use "
            "the command that writes the other",
        )
    if suffix in (".yaml", ".yml") and not output.exists():  # an existing one: is it a plan?
        raise usage(
            f"{named_by} is named as YAML, as a plan is: a folder check would judge it as "
            "one, unusable",
            f"name the file for what {command} writes ({suffixes})",
        )
    if named is None or named == fmt:
        return fmt
    if not chosen:
        return named
    raise usage(
        f"{named_by} is named as {named}, but the format is {fmt}",
        f"pass -f {named}, or name the file for {fmt}",
    )


def _suffixes(by_suffix: dict[str, str]) -> str:
    """The suffixes to name a file for each format, one a format (`.md`, not `.markdown`
    too), then `.txt` for the table."""
    first: dict[str, str] = {}
    for suffix, name in by_suffix.items():
        first.setdefault(name, suffix)
    return ", ".join([*first.values(), ".txt"])


def not_a_format(
    output: Path, named_by: str, names: set[str], formats: set[str], file_fix: str
) -> None:
    """Refuse (exit 2) an output named just like a format (one of ``names``): `-o json`
    wrote the table into ./json (review user26 U5). The fix names the -f meant when the
    command writes a format of that name (``formats``; `-o html` was told to write
    `-f html`, no format of `check`'s, final28 R2), then ``file_fix``."""
    name = str(output).lower()
    if name in names:
        chosen = f"to choose the format write -f {name}; " if name in formats else ""
        raise usage(f"{named_by} names a file called {output}, not a format", chosen + file_fix)


_FORMAT_NAMES = {*FORMATS, "html", "csv", "md", "txt", "xml", "diff"}
"""Names that are a format's, not a file's: an -o (or FORMAT:FILE) naming just one of these
meant -f."""
BY_SUFFIX = {
    ".json": "json",
    ".sarif": "sarif",
    ".xml": "junit",
    ".md": "markdown",
    ".markdown": "markdown",
}
"""The format a file's name says (`.txt` says none: the table and GitHub's annotations).
`.markdown` is Markdown, as `report` reads it: `-o summary.markdown` wrote the table into
it (review user60)."""
_ELSEWHERE = {
    ".html": "an HTML report (`cs-align report` writes one)",
    ".htm": "an HTML report (`cs-align report` writes one)",
    ".csv": "CSV (`cs-align whatif` writes it)",
}
"""Names of formats other commands write: a name that says one is refused, not filled with
another format."""


def access_for(
    policy_ref: str | None,
    accept: bool,
    allow_outside: bool,
    approved: Sequence[str] | None = None,
    gated: Sequence[str] = (),
) -> Access:
    """How the run reaches policy files: at the trusted revision when one is given, with
    the changes a reviewer approved one by one (``approved``, see ``approvals``), and the
    top folders of the paths the run gates (``gated``) counted as one scope (see
    ``organisations.gated_with``)."""
    ids = approvals(approved or ())
    if policy_ref is None:
        if ids:
            raise usage(
                "--approve-policy-change approves a change under review, and nothing is: "
                "no --policy-ref (or --base-ref)",
                "add --policy-ref REV, the revision whose policy judges the change",
            )
        return Access(allow_outside=allow_outside)
    from cs_align.organisations import gated_with  # the gate's, off a plain check's start

    tree = Reviewed(gated_with(revision(policy_ref), gated), accept, ids)
    _warn_behind(tree.trusted)
    return Access(tree=tree, allow_outside=allow_outside)


_WARNED: set[tuple[Path, str]] = set()
"""The trusted commits (by repository) a run has warned of a checkout behind: once each."""


def _warn_behind(rev: Revision) -> None:
    """A warning line on stderr where the checkout does not hold the tip of the revision it
    is judged by (the branch is behind it): `check --policy-ref` and `diff --base-ref` then
    judge the change apart from what that revision gained since, not what merging it gives
    (review attack52: the Action refuses such a checkout; a custom workflow or a local run
    was told nothing). Not a failure: a local run on an older branch is a fair question."""
    from cs_align.repo import lacks_tip

    if (rev.root, rev.commit) in _WARNED or not lacks_tip(rev.root, rev.commit):
        return
    _WARNED.add((rev.root, rev.commit))
    say(
        f"cs-align: warning: the checkout does not hold {rev.ref}'s tip ({rev.commit[:12]}): "
        f"the change is judged apart from what {rev.ref} gained since the branch left it, not "
        f"as merging it gives; merge {rev.ref} into the branch (or rebase onto it) and run "
        "again"
    )


def approvals(written: Sequence[str]) -> frozenset[str]:
    """The change ids of --approve-policy-change (repeated, or separated by commas or
    spaces): each the 32 hexadecimal digits the policy-changed finding gives a change."""
    if not written:  # the usual run: the gate's modules stay off its start-up
        return frozenset()
    from cs_align.policy import CHANGE_ID

    ids = [part.lower() for text in written for part in text.replace(",", " ").split()]
    for given in ids:
        if not CHANGE_ID.fullmatch(given):
            raise usage(
                f"--approve-policy-change: {given!r} is no change id",
                "write the id the policy-changed finding gives the change you approve "
                "(32 hexadecimal digits, e.g. --approve-policy-change "
                "3f9c0a1b2d4e5f60a1b2c3d4e5f60718)",
            )
    return frozenset(ids)


def trusted_tree(access: Access) -> Tree:
    """Where a plan that is not under review (a base plan) reads policy files."""
    return access.tree.trusted if isinstance(access.tree, Reviewed) else WORKTREE


@contextmanager
def named_by(flag: str, written: str, waivers: bool = False) -> Iterator[None]:
    """A file a flag names that cannot be opened (missing, a folder, a device) is told with
    the flag and the name as written (`--waivers sub/: is a folder, not a file`): it said
    `sub: is a folder …`, which names no flag, and looks like a plan (review user55). What
    is wrong inside a file it opened keeps its own file:line:col."""
    try:
        yield
    except PlanError as exc:
        if len(exc.problems) != 1 or exc.problems[0].line:
            raise
        problem = exc.problems[0]
        fix = problem.fix.replace("a .yaml file", "a .yaml waiver file") if waivers else problem.fix
        given = f"{flag}={written}" if flag.startswith("CS_ALIGN_") else f"{flag} {written}"
        raise usage(f"{given}: {problem.message}", fix) from None


def options_from(settings: Settings, access: Access = DEFAULT_ACCESS) -> CheckOptions:
    from cs_align.waivers import load_waiver_file

    files = [Path(p) for p in settings["waivers"]]
    source = settings.sources.get("waivers", "")
    # A config's waivers are checked where it names them (config._files_named).
    flag = {"command line": "--waivers", "environment CS_ALIGN_WAIVERS": "CS_ALIGN_WAIVERS"}.get(
        source, ""
    )
    entries = []
    for written, path in zip(settings["waivers"], files, strict=True):
        with named_by(flag, written, waivers=True) if flag else contextlib.nullcontext():
            entries += load_waiver_file(path, access.tree)
    home = settings.config.parent if settings.config else None
    return CheckOptions(
        strategy=settings["strategy"],
        ignore_waivers=settings["ignore_waivers"],
        waivers=tuple(entries),
        max_waiver_days=settings["max_waiver_days"],
        access=access._replace(home=home),
        policy_files=tuple(
            absolute(p) for p in [*files, *filter(None, [settings.config]), *_added(access)]
        ),
        config=display(settings.config) if settings.config else "",
        resilience=settings["resilience"],
        overrides=tuple(note for _, note in settings.overridden),
        flagged=settings.flagged,
    )


def _added(access: Access) -> list[Path]:
    """Policy files the change under review adds that were found so far: a config, which is
    not obeyed until accepted and so is named by nothing else, is still a change to report;
    so is the trusted config a change moves to another name, once the move is accepted."""
    from cs_align.config import CONFIG_NAMES

    if not isinstance(access.tree, Reviewed):
        return []
    configs = (*CONFIG_NAMES, "pyproject.toml")
    return [
        path
        for path, how in access.tree.changed.items()
        if how == "added" or (how == "deleted" and path.name in configs)
    ]


def overtime(path: str, seconds: int) -> Problem:
    """The problem a plan is when judging it ran past its time limit."""
    return Problem(
        file=path,
        line=0,
        column=0,
        message=f"checking it took over {seconds} s",
        fix="its volumes, intervals or patience are far beyond a real plan's, or it is very "
        "large for one plan: check the figures and their units, or split it into several plans",
    )


@contextmanager
def timed(path: str, plans: int = 1) -> Iterator[None]:
    """Work on the plan at ``path`` (as the user named it) within PLAN_SECONDS of wall-clock
    time for each of ``plans`` plans' worth of judging; past that, the plan is unusable
    input: "checking it took over N s" (exit 2).

    Every command that evaluates a plan runs its evaluation in one: a plan's figures decide
    how long sizing takes, and a plan is untrusted input.
    """
    seconds = PLAN_SECONDS * plans
    try:
        with within(seconds):
            yield
    except Overtime:
        raise PlanError([overtime(path, seconds)]) from None


def unexpected(path: str, exc: Exception) -> Problem:
    """A fault of cs-align's own while checking the plan at ``path``, as that plan's
    problem, so a batch still reports every other plan (CS_ALIGN_DEBUG=1 prints the
    traceback too). A stop signal that a library wrapped (see `errors.interrupt`) stops
    the run instead."""
    stop_if_interrupted(exc)
    if os.environ.get("CS_ALIGN_DEBUG") == "1":
        import traceback

        traceback.print_exc()
    return Problem(
        file=path,
        line=0,
        column=0,
        message=f"internal error while checking this plan: {internal(exc)}",
        fix="please report it",
    )


def may_write(targets: list[tuple[str, Path | None]], protect: set[Path]) -> None:
    """Refuse (exit 2), before any work, a target cs-align may not write (`writable`)."""
    for name, target in targets:
        if target is not None:
            writable(target, protect, kind=name)


def write_outputs(
    targets: list[tuple[str, Path | None]], texts: dict[str, str], protect: set[Path]
) -> None:
    may_write(targets, protect)  # all of them, before the first is written
    for name, target in targets:
        if target is None:
            emit(texts[name])
        else:
            write_atomic(target, texts[name], protect, kind=name)


@contextmanager
def settled(
    fmts: list[str] | None, output: Path | None, plans: list[str], access: Access = DEFAULT_ACCESS
) -> Iterator[None]:
    """Settings read within: a config file that is unusable input still reaches every
    format the command line names, as a document carrying its error, as an unusable plan
    does (review out29 R4: CI got empty SARIF and no annotation, exit 2). The formats a
    config names are not known, and the table leaves the message to stderr. A problem in
    the trusted revision's own file says how the change that mends it passes (see
    ``mendable``)."""
    try:
        yield
    except (PlanError, StrategyError) as exc:
        mendable(exc, access)
        from cs_align.findings import Severity
        from cs_align.reporters import Results, reporter

        results = Results(reports=(), problems=exc.problems, fail_on=Severity.error)
        protect = {resolved(Path(p)) for p in plans if p != "-"}
        try:
            targets = parse_formats(fmts or ["table"], output, "command line" if fmts else "")
            write_outputs(targets, {n: reporter(n).render(results) for n, _ in targets}, protect)
        except CsAlignError:
            pass  # the formats cannot be written: the config's error is the one to tell
        raise


def mendable(exc: CsAlignError, access: Access) -> None:
    """Problems in a file as the trusted revision has it (``REF:name``) that this version
    refuses (a value an older release took, say) say how the change that mends the file
    passes: every pull request failed with exit 2, the one mending it too, and nothing
    said what to do (review attack32 F2)."""
    if not isinstance(access.tree, Reviewed):
        return
    ref = access.tree.trusted.ref
    hint = (
        f"this is the file as {ref} has it, which this version of cs-align refuses: mend it "
        f"in the change, and judge that change with `cs-align check --policy-ref {ref} "
        "--allow-policy-change`, which reports what it does to the policy"
    )
    exc.problems[:] = [
        p._replace(fix=f"{p.fix}; {hint}" if p.fix else hint) if p.file.startswith(f"{ref}:") else p
        for p in exc.problems
    ]


def judged(
    flags: Mapping[str, object], config: str | None, allow_outside: bool = False
) -> tuple[Severity, CheckOptions]:
    """The --fail-on level and check options a command shares with `check`: the same
    config file, environment, waivers and strategy."""
    access = access_for(None, False, allow_outside)
    settings = resolve(flags, config, tree=access.tree, allow_outside=allow_outside)
    return fail_level(settings), options_from(settings, access)


def failing(checked: Report, level: Severity, typed: str) -> str:
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
