"""`check` and `diff`: inputs in, reports rendered to stdout or files, one exit code out."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cs_align.config import Settings, fail_level
from cs_align.deadline import PLAN_SECONDS, Overtime, within
from cs_align.discovery import declares_version, expand
from cs_align.engine import CheckOptions, check_file, evaluate, judge
from cs_align.errors import CsAlignError, PlanError, Problem, StrategyError, usage
from cs_align.findings import Report, Severity, Summary
from cs_align.output import AtomicFile, emit, write_atomic
from cs_align.repo import (
    DEFAULT_ACCESS,
    WORKTREE,
    Access,
    GitError,
    Reviewed,
    Revision,
    Tree,
    absolute,
    display,
    revision,
)
from cs_align.reporters import FORMATS, Batch, Results, Streamable, reporter

if TYPE_CHECKING:
    from cs_align.diff import PlanDiff
    from cs_align.loader import LoadedPlan

PARALLEL_FROM = 24
"""Below this many plans, worker processes cost more than they save."""


def parse_formats(
    fmts: list[str], output: Path | None, source: str = ""
) -> list[tuple[str, Path | None]]:
    """FORMAT and FORMAT:FILE → (format, file or None); ``source`` says where they were
    set when that was not the command line (a config file's are checked as it loads)."""
    result: list[tuple[str, Path | None]] = []
    from_ = f" (from {source})" if source and source != "command line" else ""
    for item in fmts:
        name, _, target = item.partition(":")
        if name not in FORMATS:
            raise usage(f"unknown format {name!r}{from_}", f"use one of {', '.join(FORMATS)}")
        result.append((name, Path(target) if target else None))
    if output is not None:
        if len(result) != 1:
            raise usage("--output goes with a single --format", "use FORMAT:FILE for several")
        result = [(result[0][0], output)]
    return result


def access_for(policy_ref: str | None, accept: bool, allow_outside: bool) -> Access:
    """How the run reaches policy files: at the trusted revision when one is given."""
    if policy_ref is None:
        return Access(allow_outside=allow_outside)
    return Access(Reviewed(revision(policy_ref), accept), allow_outside)


def trusted_tree(access: Access) -> Tree:
    """Where a plan that is not under review (a base plan) reads policy files."""
    return access.tree.trusted if isinstance(access.tree, Reviewed) else WORKTREE


def options_from(settings: Settings, access: Access = DEFAULT_ACCESS) -> CheckOptions:
    from cs_align.waivers import load_waiver_file

    files = [Path(p) for p in settings["waivers"]]
    entries = [e for path in files for e in load_waiver_file(path, access.tree)]
    home = settings.config.parent if settings.config else None
    return CheckOptions(
        strategy=settings["strategy"],
        ignore_waivers=settings["ignore_waivers"],
        waivers=tuple(entries),
        max_waiver_days=settings["max_waiver_days"],
        access=access._replace(home=home),
        policy_files=tuple(absolute(p) for p in [*files, *filter(None, [settings.config])]),
        config=display(settings.config) if settings.config else "",
        resilience=settings["resilience"],
    )


def run_check(
    paths: list[str],
    settings: Settings,
    output: Path | None,
    stdin_filename: str | None,
    plans_only: bool = False,
    access: Access = DEFAULT_ACCESS,
) -> int:
    level = fail_level(settings)
    targets = parse_formats(settings["format"], output, settings.sources.get("format", ""))
    if plans_only:
        paths = [p for p in paths if p == "-" or Path(p).is_dir() or declares_version(Path(p))]
        if not paths:
            return 0
    inputs = expand(paths, access.allow_outside)
    protect = _overwritten_inputs(inputs, [t for _, t in targets if t is not None])
    sinks = [_sink(name, target, len(inputs), level, protect) for name, target in targets]
    # Streamed formats' text for a plan is rendered by the workers, which send only text.
    pieces = tuple(dict.fromkeys(s.name for s in sinks if s.batch.streaming))
    whole = not all(s.batch.streaming for s in sinks)
    problems: list[Problem] = []
    failed = False
    try:
        options = options_from(settings, access)
        for result in iter_checks(inputs, options, stdin_filename, pieces, whole, level):
            if isinstance(result, list):
                problems += result
                continue
            assert isinstance(result, Outcome)
            failed = failed or result.summary.fails(level)
            for sink in sinks:
                piece = result.pieces.get(sink.name)
                sink.write(sink.batch.add(result.report, piece, result.summary))
        # Unusable input is reported in every format too (CI reads these files), then exit 2.
        for sink in sinks:
            sink.write(sink.batch.close(problems))
            sink.commit()
    finally:
        for sink in sinks:
            sink.discard()
    if problems:
        raise PlanError(problems)
    return 1 if failed else 0


def _overwritten_inputs(inputs: list[str], targets: list[Path]) -> set[Path]:
    """The output targets that are one of the input plans, by any path (symlink, hard link).

    Only a file that exists can be both; comparing device and inode costs one stat a plan,
    where resolving every input path would cost several (10,000 plans: 0.3 s).
    """
    existing: dict[tuple[int, int], Path] = {}
    for target in targets:
        try:
            info = target.stat()
        except OSError:
            continue
        existing[(info.st_dev, info.st_ino)] = target.resolve()
    if not existing:
        return set()
    found = set()
    for path in inputs:
        if path == "-":
            continue
        try:
            info = os.stat(path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in existing:
            found.add(existing[(info.st_dev, info.st_ino)])
    return found


class _Sink:
    """One format going to stdout, or to a file that appears whole when the run ends."""

    def __init__(self, name: str, batch: Batch, file: AtomicFile | None) -> None:
        self.name, self.batch, self.file = name, batch, file

    def write(self, text: str) -> None:
        if self.file is None:
            emit(text)
        else:
            self.file.write(text)

    def commit(self) -> None:
        if self.file is not None:
            self.file.commit()
            self.file = None

    def discard(self) -> None:
        if self.file is not None:
            self.file.discard()


def _sink(name: str, target: Path | None, total: int, level: Severity, protect: set[Path]) -> _Sink:
    colour = name == "table" and target is None and sys.stdout is not None and sys.stdout.isatty()
    batch = Batch(name, total, level, colour=colour)
    return _Sink(name, batch, AtomicFile(target, protect) if target is not None else None)


def check_many(
    inputs: list[str], options: CheckOptions, stdin_filename: str | None = None
) -> list[Report]:
    """Check every input; raise one error listing every problem in every unusable file."""
    results = list(iter_checks(inputs, options, stdin_filename))
    problems = [p for r in results if isinstance(r, list) for p in r]
    if problems:
        raise PlanError(problems)
    return [r for r in results if isinstance(r, Report)]


class Outcome(NamedTuple):
    """A checked plan as a batch needs it: its summary, its text in each format that takes
    pieces, and the whole report only when some other format needs it."""

    summary: Summary
    pieces: dict[str, str]
    report: Report | None


_Job = tuple[str, CheckOptions, str | None, tuple[str, ...] | None, bool, Severity]


def iter_checks(
    inputs: list[str],
    options: CheckOptions,
    stdin_filename: str | None = None,
    pieces: tuple[str, ...] | None = None,
    whole: bool = True,
    fail_on: Severity = Severity.error,
) -> Iterator[Report | Outcome | list[Problem]]:
    """Results in input order; large batches run in worker processes.

    Each result is a Report, or with ``pieces`` (format names) an Outcome carrying those
    formats' text for the plan (and the report if ``whole``); a list of problems for an
    unusable file.
    """
    files = [p for p in inputs if p != "-"]
    if "-" in inputs:
        yield _check_one(("-", options, stdin_filename, pieces, whole, fail_on))
    jobs: list[_Job] = [(p, options, None, pieces, whole, fail_on) for p in files]
    workers = _workers()
    if len(files) < PARALLEL_FROM or workers == 1:
        yield from (_check_one(job) for job in jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, initializer=_worker_start)
    try:
        chunk = max(1, min(64, len(jobs) // (workers * 8)))
        yield from _with_progress(pool.map(_check_one, jobs, chunksize=chunk), len(jobs))
    finally:
        # On Ctrl-C or an early stop, drop the queued work instead of finishing it.
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start() -> None:
    """Workers leave Ctrl-C and SIGTERM to the main process, which stops them; and they
    die with it should it be killed outright (Linux: the parent-death signal)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() == 1:  # the parent is already gone
            os._exit(1)


def _workers() -> int:
    """CS_ALIGN_WORKERS, or every core."""
    text = os.environ.get("CS_ALIGN_WORKERS", "")
    if text:
        if not text.isdigit() or int(text) < 1:
            raise usage(f"CS_ALIGN_WORKERS={text!r} is not a positive number", "write e.g. 2")
        return int(text)
    return os.cpu_count() or 1


def _check_one(job: _Job) -> Report | Outcome | list[Problem]:
    path, options, shown, pieces, whole, fail_on = job
    try:
        with within(PLAN_SECONDS):
            report = check_file(path, options, shown)
    except CsAlignError as exc:
        return exc.problems
    except Overtime:
        return [overtime(shown or path)]
    if pieces is None:
        return report
    texts = {}
    for name in pieces:
        streamable = reporter(name)
        assert isinstance(streamable, Streamable)
        texts[name] = streamable.render_one(report, fail_on)
    return Outcome(report.summary(), texts, report if whole else None)


def _with_progress(
    results: Iterator[Report | Outcome | list[Problem]], total: int
) -> Iterator[Report | Outcome | list[Problem]]:
    """A progress bar on an interactive terminal; nothing in CI logs or pipes."""
    if sys.stderr is None or not sys.stderr.isatty() or os.environ.get("CI"):
        yield from results
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("checking plans", total=total)
        for result in results:
            progress.advance(task)
            yield result


def at_revision(rev: Revision, plan: str) -> LoadedPlan | None:
    """The plan as it was at ``rev`` (None when it did not exist there). It keeps its
    working-tree path, so the files it names are looked up beside it, at ``rev``."""
    from cs_align.loader import parse_plan
    from cs_align.yamlsafe import decode

    path = Path(plan)
    try:
        raw = rev.read(path, f"{rev.ref}:{display(path, rev.root)}")
        if raw is None and (old := rev.renamed_from(path)) is not None:
            path, raw = old, rev.read(old, f"{rev.ref}:{display(old, rev.root)}")
    except GitError as exc:
        raise usage(f"--base-ref {rev.ref}: cannot read {plan} ({exc})", "check the ref") from None
    name = f"{rev.ref}:{display(path, rev.root)}"
    return None if raw is None else parse_plan(decode(raw, name), name, path)


def run_diff(
    base: str | None,
    plan: str,
    base_ref: str | None,
    settings: Settings,
    output: Path | None,
    access: Access = DEFAULT_ACCESS,
    base_settings: Settings | None = None,
) -> int:
    """``settings`` judge the proposal; ``base_settings`` (the config as the trusted
    revision has it, when the proposal's own was accepted) judge the base."""
    level = fail_level(settings)
    if (base is None) == (base_ref is None):
        raise usage(
            "diff needs a base: a BASE file or --base-ref, not both",
            "write `cs-align diff base.yaml plan.yaml` or "
            "`cs-align diff --base-ref origin/main plan.yaml`",
        )
    targets = parse_formats(settings["format"], output, settings.sources.get("format", ""))
    protect = {Path(plan).resolve(), *([Path(base).resolve()] if base else [])}
    try:
        diff = _timed_diff(base, plan, base_ref, settings, access, base_settings)
    except (PlanError, StrategyError) as exc:
        # Unusable input still reaches every format a CI run reads, then exits 2.
        results = Results((), exc.problems, level)
        _write(targets, {n: reporter(n).render(results) for n, _ in targets}, protect)
        raise
    _write(targets, {n: reporter(n).render_diff(diff, level) for n, _ in targets}, protect)
    return 1 if diff.fails(level) else 0


def _timed_diff(
    base: str | None,
    plan: str,
    base_ref: str | None,
    settings: Settings,
    access: Access,
    base_settings: Settings | None,
) -> PlanDiff:
    """The diff, within the time two plans may take (a runaway plan is unusable input)."""
    try:
        with within(2 * PLAN_SECONDS):
            return _diff(base, plan, base_ref, settings, access, base_settings)
    except Overtime:
        raise PlanError([overtime(plan)]) from None


def _diff(
    base: str | None,
    plan: str,
    base_ref: str | None,
    settings: Settings,
    access: Access,
    base_settings: Settings | None,
) -> PlanDiff:
    from cs_align.diff import compare
    from cs_align.loader import load_plan

    options = options_from(settings, access)
    trusted = access._replace(tree=trusted_tree(access))
    plain = options_from(base_settings or settings, trusted)
    if base_ref is not None:
        rev = revision(base_ref, Path(plan).parent)
        old = at_revision(rev, plan)
        base_options = dataclasses.replace(plain, access=plain.access._replace(tree=rev))
        before = evaluate(old, base_options) if old else None
    else:
        old = load_plan(str(base))
        before = evaluate(old, plain)
    exists = plan == "-" or Path(plan).exists() or base_ref is None
    new = load_plan(plan) if exists else None
    if old is None and new is None:
        raise usage(
            f"{plan} exists neither at {base_ref} nor in the working tree", "check the path"
        )
    after = judge(new, options) if new is not None else None
    name = display(Path(plan)) if plan != "-" else "-"
    return compare((old, before), (new, after), name, settings)


def overtime(path: str) -> Problem:
    return Problem(
        path,
        0,
        0,
        f"checking it took over {PLAN_SECONDS} s",
        "its volumes, intervals or patience are far beyond a real plan's; check the figures "
        "and their units",
    )


def _write(
    targets: list[tuple[str, Path | None]], texts: dict[str, str], protect: set[Path]
) -> None:
    for name, target in targets:
        if target is None:
            emit(texts[name])
        else:
            write_atomic(target, texts[name], protect)
