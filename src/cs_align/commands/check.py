"""`check`: plans in (files, folders, globs, stdin), reports rendered to stdout or files in
every format asked for, one exit code out. Large batches run in worker processes."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from cs_align.commands.common import (
    access_for,
    options_from,
    parse_formats,
    settled,
    timed,
    unexpected,
)
from cs_align.config import Settings, fail_level, not_in_force, resolve
from cs_align.discovery import declares_version, discover, stdin_name
from cs_align.engine import CheckOptions, check_file
from cs_align.errors import (
    CsAlignError,
    PlanError,
    Problem,
    StrategyError,
    os_fix,
    stop_if_interrupted,
    usage,
)
from cs_align.findings import Report, Severity, Summary
from cs_align.output import AtomicFile, emit, say, signals_held
from cs_align.repo import DEFAULT_ACCESS, Access, Reviewed, resolved
from cs_align.reporters import Batch, streamer

PARALLEL_FROM = 24
"""Below this many plans, worker processes cost more than they save."""
MAX_WORKERS = 64
"""The most worker processes a batch starts, whatever CS_ALIGN_WORKERS or the core count say:
each worker holds its own Python and cs-align (tens of MB), so a typo (an extra zero) must
not fork thousands of them and take the machine's memory."""


def run(
    paths: list[str],
    *,
    fmt: list[str] | None,
    output: Path | None,
    fail_on: str | None,
    strategy: str | None,
    ignore_waivers: bool,
    waivers: list[str] | None,
    stdin_filename: str | None,
    plans_only: bool,
    config: str | None,
    show_config: bool,
    policy_ref: str | None,
    allow_policy_change: bool,
    approve_policy_change: list[str] | None,
    allow_outside: bool,
) -> int:
    """`cs-align check`: settings from flags, environment and config, then every plan."""
    access = access_for(
        policy_ref, allow_policy_change, allow_outside, approve_policy_change, paths
    )
    flags = {
        "format": fmt,
        "fail_on": fail_on,
        "strategy": strategy,
        "ignore_waivers": ignore_waivers,
        "waivers": waivers,
    }
    with settled(fmt, output, paths, access):
        settings = resolve(flags, config, tree=access.tree, allow_outside=allow_outside)
    if show_config and not paths:
        emit(settings.shown(output))
        return 0
    if show_config:
        # With plans named, the settings go to the log and the plans are still judged: a gate
        # given --show-config to see its settings passed a misaligned plan, exit 0, with
        # nothing checked (review user56).
        say(settings.describe().rstrip("\n"))
    if not paths:
        raise usage(
            "check names no plan",
            "name at least one plan file, folder, glob or - (standard input): "
            "`cs-align check plan.yaml`",
        )
    return run_check(
        paths, settings, output, stdin_filename, plans_only, access, named_config=bool(config)
    )


def run_check(
    paths: list[str],
    settings: Settings,
    output: Path | None,
    stdin_filename: str | None,
    plans_only: bool = False,
    access: Access = DEFAULT_ACCESS,
    named_config: bool = False,
) -> int:
    """Judge every plan ``paths`` reach; ``named_config``: --config named the settings file,
    so none nearer a plan is said to be out of force."""
    level = fail_level(settings)
    targets = parse_formats(settings["format"], output, settings.sources.get("format", ""))
    if stdin_filename is not None:
        stdin_name(stdin_filename)
    if plans_only:
        paths = [p for p in paths if p == "-" or Path(p).is_dir() or declares_version(Path(p))]
        if not paths:
            return 0
    # Paths that cannot be used (a link to a folder met in a folder, a link out of the
    # repository) are unusable input reported in every format, beside the plans read.
    found, unusable = discover(paths, access.allow_outside, isinstance(access.tree, Reviewed))
    inputs = _once(found)
    if not named_config:
        for note in not_in_force(inputs, settings.config):
            say(note)
    placing = [n for n, _ in targets if n in ("sarif", "github")]
    if "-" in inputs and stdin_filename is None and placing:
        say(
            "cs-align: note: the plan read from standard input has no file for "
            f"{' and '.join(placing)} to place its results on (`stdin` in SARIF, `-` in "
            "annotations) — give --stdin-filename PATH, the plan's path in the repository"
        )
    protect = _overwritten_inputs(inputs, [t for _, t in targets if t is not None])
    sinks = [_sink(name, target, len(inputs), level, protect) for name, target in targets]
    # Streamed formats' text for a plan is rendered by the workers, which send only text.
    pieces = tuple(dict.fromkeys(s.name for s in sinks if s.batch.streaming))
    whole = not all(s.batch.streaming for s in sinks)
    problems: list[Problem] = list(unusable)
    failed = False
    try:
        try:
            options = options_from(settings, access)
        except (PlanError, StrategyError) as exc:
            # A waiver file no plan can be judged without: reported in every format, as an
            # unusable plan is (review out29 R4); no plan is judged.
            problems, inputs, options = [*problems, *exc.problems], [], CheckOptions()
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


def _once(inputs: list[str]) -> list[str]:
    """Each plan file once, however often (or by whichever path or symbolic link) it was
    named: `check P P`, or a plan named and in a folder named too, is one plan, reported
    once. Hard links stay apart: git keeps them as two files, each a plan of its own."""
    seen: set[str] = set()
    kept = []
    for path in inputs:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


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
        existing[(info.st_dev, info.st_ino)] = resolved(target)
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
    file = AtomicFile(target, protect, kind=name) if target is not None else None
    return _Sink(name, batch, file)


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
    workers = min(_workers(), len(files))  # never a worker with no plan to check
    if len(files) < PARALLEL_FROM or workers <= 1:
        yield from (_check_one(job) for job in jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(jobs) // (workers * 8)))
    # A worker started fresh (spawn, forkserver: macOS, Windows, Linux from Python 3.14) runs
    # `python -c …` in the current folder, which would put the checkout first on its
    # sys.path: a `multiprocessing/` folder a pull request adds would run in it. Workers
    # inherit the environment: this keeps that folder off their path.
    os.environ["PYTHONSAFEPATH"] = "1"
    with signals_held():
        # A stop that arrives while the pool forks its workers and takes the work waits
        # until both are done, so it never leaves a half-built pool or an unstopped worker.
        pool = ProcessPoolExecutor(workers, initializer=_worker_start)
        results = pool.map(_check_one, jobs, chunksize=chunk)
    try:
        yield from _with_progress(results, len(jobs))
    finally:
        # On Ctrl-C or an early stop, drop the queued work instead of finishing it.
        pool.shutdown(wait=True, cancel_futures=True)


_STOPS = frozenset({signal.SIGINT, signal.SIGTERM})


def _worker_start() -> None:
    """Workers leave Ctrl-C and SIGTERM to the main process, which stops them; and they
    die with it should it be killed outright (Linux: the parent-death signal)."""
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
    if hasattr(signal, "pthread_sigmask"):
        # Forked while the parent held stops back (see iter_checks): take them from now on.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


def _workers() -> int:
    """CS_ALIGN_WORKERS (1 to MAX_WORKERS), or every core up to MAX_WORKERS."""
    text = os.environ.get("CS_ALIGN_WORKERS", "")
    fix = f"write a whole number from 1 to {MAX_WORKERS}, e.g. 2, or unset it to use every core"
    if text:
        digits = text.lstrip("0") if text.isascii() and text.isdigit() else ""
        if not digits:
            raise usage(f"environment CS_ALIGN_WORKERS={text!r} is not a positive number", fix)
        if len(digits) > 4 or int(digits) > MAX_WORKERS:  # 5000 digits are no int()
            raise usage(
                f"environment CS_ALIGN_WORKERS={text!r} asks for more than {MAX_WORKERS} "
                "worker processes",
                fix,
            )
        return int(digits)
    return min(os.cpu_count() or 1, MAX_WORKERS)


def _check_one(job: _Job) -> Report | Outcome | list[Problem]:
    """One plan's result; whatever goes wrong with it is its problem, not the batch's (an
    unexpected exception included), so every other plan is still reported. A stop signal
    ends the batch, even one that something on the way caught (`errors.interrupt`)."""
    result = _judged(job)
    stop_if_interrupted()
    return result


def _judged(job: _Job) -> Report | Outcome | list[Problem]:
    path, options, shown, pieces, whole, fail_on = job
    try:
        with timed(shown or path):
            report = check_file(path, options, shown)
        if pieces is None:
            return report
        texts = {}
        for name in pieces:
            streamable = streamer(name)
            assert streamable is not None
            texts[name] = streamable.render_one(report, fail_on)
    except CsAlignError as exc:
        return exc.problems
    except RecursionError:
        return [
            Problem(
                file=shown or path,
                line=0,
                column=0,
                message="the input nests too deeply to process",
                fix="flatten it",
            )
        ]
    except OSError as exc:  # a file or stream failed under us
        return [
            Problem(
                file=shown or path,
                line=0,
                column=0,
                message=f"cannot be checked: {exc.strerror or exc}",
                fix=os_fix(exc),
            )
        ]
    except Exception as exc:  # a fault of cs-align's own: this plan's problem, reported
        return [unexpected(shown or path, exc)]
    return Outcome(summary=report.summary(), pieces=texts, report=report if whole else None)


def _with_progress(
    results: Iterator[Report | Outcome | list[Problem]], total: int
) -> Iterator[Report | Outcome | list[Problem]]:
    """A count of plans checked, on stderr when it is an interactive terminal; nothing in CI
    logs or pipes. Never on stdout, whose text is the output (review user56: rich's bar went
    to stdout, so `check -f json DIR` on a terminal began with escapes and had its JSON
    restyled; and it wrote cursor escapes under NO_COLOR). It is plain text redrawn with a
    carriage return, no ANSI escape at all, and is wiped before each result is handed on, so
    output written to the same terminal never lands on the count's line."""
    err = sys.stderr
    if err is None or not err.isatty() or os.environ.get("CI"):
        yield from results
        return

    def show(text: str) -> None:
        err.write("\r" + text)
        err.flush()

    line = f"checking plans 0/{total}"
    show(line)
    try:
        for done, result in enumerate(results, start=1):
            show(" " * len(line) + "\r")  # wipe the count: the result may be written here
            yield result
            line = f"checking plans {done}/{total}"
            show(line)
    finally:
        show(" " * len(line) + "\r")
