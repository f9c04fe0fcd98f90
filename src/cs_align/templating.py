"""Render report templates in Jinja2's immutable sandbox, with limits and clear errors.

User templates cannot run code or reach files outside their folder: the sandbox blocks
attribute tricks, the loader is confined to one folder, undefined names are errors, HTML is
autoescaped, and rendering stops after a time and size limit.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import selectors
import signal
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cs_align.deadline import Overtime, within
from cs_align.errors import CsAlignError, Problem, close_matches
from cs_align.repo import backslash_fix, resolved

BUILTIN = Path(__file__).resolve().parent / "templates"
NAMES = {"md": "report.md", "html": "report.html"}
MAX_SECONDS = 10
MAX_BYTES = 20_000_000
MAX_MEMORY = 1 << 30
"""Address space a render may add to the process: 1 GiB (see :func:`memory_ceiling`)."""


class TemplateError(CsAlignError):
    """A report template is unusable."""


FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
"""The report's format by a file's suffix: the report's own (`-o r.html`) and a template's."""
_KIND_NAMES = {"md": "a Markdown", "html": "an HTML"}


def _same_kind(fmt: str, template: Path, written: str) -> None:
    """Refuse a template of the other format than the report's: `-o r.md --template
    report.html` wrote HTML, escaped for HTML, into r.md, and said "wrote r.md (md)"
    (review user58), as `-f json -o x.sarif` is refused. A name of neither kind (`.j2`,
    `.txt`) is the user's to choose."""
    kind = FORMATS.get(template.suffix.lower())
    if kind is None or kind == fmt:
        return
    raise TemplateError(
        [
            Problem(
                file=written,
                line=0,
                column=0,
                message=f"is {_KIND_NAMES[kind]} template, and the report is "
                f"{_KIND_NAMES[fmt].split(' ', 1)[1]}",
                fix=f"name {_KIND_NAMES[fmt]} template (such as {NAMES[fmt]}), or write the "
                f"report as .{kind} (-o REPORT.{kind})",
            )
        ]
    )


def locate(fmt: str, given: str | Path | None) -> tuple[Path, str]:
    """(folder the loader may read, template name) for a built-in, a file or a folder;
    ``given`` as the user wrote it, which messages show (`nothere/`, not Path's `nothere`)."""
    if given is None:
        return BUILTIN, NAMES[fmt]
    written, template = str(given), Path(given)
    if template.exists() and not (template.is_dir() or template.is_file()):
        raise TemplateError(
            [
                Problem(
                    file=written,
                    line=0,
                    column=0,
                    message="is not a regular file or folder",
                    fix="name a template",
                )
            ]
        )
    if template.is_dir():
        name = NAMES[fmt]
        if not (template / name).is_file():
            raise TemplateError(
                [
                    Problem(
                        file=written,
                        line=0,
                        column=0,
                        message=f"no {name} in this folder",
                        fix="export the built-ins with --export-templates DIR",
                    )
                ]
            )
        return resolved(template), name
    if template.is_file():
        _same_kind(fmt, template, written)
        return resolved(template).parent, template.name
    raise TemplateError(
        [
            Problem(
                file=written,
                line=0,
                column=0,
                message="no such template file or folder",
                fix=backslash_fix(written, "check the path"),
            )
        ]
    )


@functools.lru_cache(maxsize=8)
def _environment(folder: Path, autoescape: bool) -> Any:
    """One sandbox per template folder, so a template compiles once per process; Jinja
    recompiles it when its file changes (the loader reports each file's modification)."""
    from jinja2 import StrictUndefined

    from cs_align.sandbox import CappedSandbox, ConfinedLoader

    return CappedSandbox(
        loader=ConfinedLoader(folder),
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


def render(fmt: str, context: dict[str, Any], template: str | Path | None = None) -> str:
    folder, name = locate(fmt, template)
    env = _environment(folder, fmt == "html")
    shown = str(folder / name)
    try:
        compiled = env.get_template(name)
        if not hasattr(os, "fork"):
            return _generate(compiled, context, shown)
        return _apart(lambda: _generate(compiled, context, shown), shown, name, folder)
    except TemplateError as error:  # the render child's fault, said in the parent
        raise _as_written(_with_meant(error, context), folder, template) from None
    except CsAlignError:
        raise
    except Exception as exc:  # any template fault is the template's, never a traceback
        told = _with_meant(_as_error(exc, shown, name, folder), context)
        raise _as_written(told, folder, template) from None


def _as_written(error: TemplateError, folder: Path, given: str | Path | None) -> TemplateError:
    """The error with the template's files named as the user named them (`--template
    tpl/` → `tpl/report.md:3:1`), not by the absolute path the sandbox reads them at
    (review user55: `/home/runner/work/…/tpl/report.md`, in a CI log and a client's
    terminal alike). The built-in templates keep their own path."""
    if given is None:
        return error
    template = Path(given)
    written = template if template.is_dir() else template.parent
    here = "the current folder" if str(written) == "." else str(written)

    def shown(problem: Problem) -> Problem:
        try:
            inside = Path(problem.file).relative_to(folder)
        except ValueError:
            return problem
        message = problem.message.replace(f" in {folder}", f" in {here}")
        return problem._replace(file=str(written / inside), message=message)

    return TemplateError([shown(p) for p in error.problems])


def _with_meant(error: TemplateError, context: dict[str, Any]) -> TemplateError:
    """The error, its first problem's fix naming the name an undefined one is a slip of."""
    first, *rest = error.problems
    meant = _meant(first.message, context)
    if meant is None:
        return error
    return TemplateError([first._replace(fix=f"did you mean {meant!r}? {first.fix}"), *rest])


_UNDEFINED = re.compile(r"has no attribute '(\w+)'|'(\w+)' is undefined")


def _meant(message: str, context: dict[str, Any]) -> str | None:
    """The name the report provides that an undefined one is a slip of (`take.neded_fte`
    for `take.needed_fte`): a template author was told only that names are exact (user54)."""
    found = _UNDEFINED.search(message)
    if not found:
        return None
    names: set[str] = set()
    stack: list[Any] = [context]
    while stack and len(names) < 5000:
        item = stack.pop()
        if isinstance(item, dict):
            names.update(str(k) for k in item)
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item[:50])
    close = close_matches(found[1] or found[2], sorted(names), 0.8)
    return close[0] if close else None


def _as_error(exc: Exception, shown: str, name: str, folder: Path) -> TemplateError:
    """What a user is told of an exception compiling or rendering the template."""
    from jinja2 import TemplateNotFound

    if isinstance(exc, TemplateNotFound):
        return TemplateError(
            [
                Problem(
                    file=shown,
                    line=0,
                    column=0,
                    message=f"template {exc.name!r} not found in {folder}",
                    fix="templates may only include regular files (up to 1 MB) from their own "
                    "folder; symbolic links that lead outside it are not followed",
                )
            ]
        )
    if isinstance(exc, Overtime):
        return _overtime(shown)
    if isinstance(exc, MemoryError):
        return TemplateError(
            [
                Problem(
                    file=shown,
                    line=0,
                    column=0,
                    message=f"rendering needed more than {MAX_MEMORY >> 20} MB of memory",
                    fix="look for filters and loops that build huge lists or text step by "
                    "step (map, select, list, upper, join …)",
                )
            ]
        )
    return _template_error(exc, shown, name, folder)


def _generate(compiled: Any, context: dict[str, Any], shown: str) -> str:
    with within(MAX_SECONDS), memory_ceiling(MAX_MEMORY):
        return _collect(compiled.generate(**context), shown)


def _overtime(shown: str) -> TemplateError:
    return TemplateError(
        [
            Problem(
                file=shown,
                line=0,
                column=0,
                message=f"rendering took over {MAX_SECONDS} s",
                fix="look for loops that do not end or grow too fast",
            )
        ]
    )


SLACK = 2.0
"""Seconds past MAX_SECONDS after which a render that has not stopped itself is killed."""


def _apart(work: Callable[[], str], shown: str, name: str, folder: Path) -> str:
    """``work()`` in a forked child, which is killed if it runs past the time limit.

    The time limit inside a render is SIGALRM, which Python handles only between
    bytecodes: one comparison, hash or sort of two structures each of which passed the
    sandbox's size checks (`[[1]*10**6]*10**6 == [[1]*10**6]*10**6`, 10^12 steps) runs in C
    for hours, and the SIGTERM a CI job sends waits for it too. A child can be killed
    whatever it is doing. Its errors come back as problems (a TemplateError's, or what
    render says of any other exception); its memory ceiling is its own, so a library
    user's other threads no longer share it."""
    try:
        read_end, write_end = os.pipe()
    except OSError:  # no descriptors to spare (EMFILE): render here, as without fork
        return work()
    try:
        with warnings.catch_warnings():  # a library user's threads: the child is killed if stuck
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:  # no process to spare (EAGAIN, ENOMEM): render here, as without fork
        os.close(read_end)
        os.close(write_end)
        return work()
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            os.close(read_end)
            _cpu_cap(math.ceil(MAX_SECONDS + SLACK))
            outcome: dict[str, Any]
            try:
                outcome = {"text": work()}
            except CsAlignError as exc:
                outcome = {"problems": [p._asdict() for p in exc.problems]}
            except Exception as exc:  # as render says it
                problems = _as_error(exc, shown, name, folder).problems
                outcome = {"problems": [p._asdict() for p in problems]}
            view = memoryview(_packed(outcome))
            while view:
                view = view[os.write(write_end, view) :]
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        received = _read_until(read_end, time.monotonic() + MAX_SECONDS + SLACK)
    finally:
        os.close(read_end)
        _reap(pid)
    if received is None:
        raise _overtime(shown)
    outcome = _unpacked(received)
    if "text" in outcome:
        return str(outcome["text"])
    if "problems" in outcome:
        raise TemplateError([Problem(**fields) for fields in outcome["problems"]])
    raise TemplateError(
        [
            Problem(
                file=shown,
                line=0,
                column=0,
                message="rendering stopped before it finished",
                fix="run the report again; if it stops again, simplify the template",
            )
        ]
    )


def _cpu_cap(seconds: int) -> None:
    """Kill this render child once it has used ``seconds`` of CPU: the parent kills it at
    the same time on the clock, but a parent killed itself (SIGKILL, the OOM killer) left a
    child stuck in one C call running at full CPU for hours, an orphan. CPU time never runs
    ahead of the clock, so this never stops a render the parent would have let finish.
    Soft and hard limits alike: the kernel sends SIGKILL, no SIGXCPU and no core file."""
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard == resource.RLIM_INFINITY or hard > seconds:
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    except (ImportError, OSError, ValueError):
        pass


def _packed(outcome: dict[str, Any]) -> bytes:
    """What the child sends: a report as UTF-8 after a marker byte, so a 20 MB report of
    emoji is 80 MB through the pipe (JSON's ASCII escapes made it 240 MB, 3 times the
    memory on both sides and seconds of the parent's time limit); problems as JSON. Lone
    surrogates pass through as written, and the report writes them escaped."""
    if "text" in outcome:
        text = str(outcome["text"]).encode("utf-8", "surrogatepass")
        return b"T%d\n" % len(text) + text  # its length: a report cut short is no report
    return b"P" + json.dumps(outcome).encode("ascii")


def _unpacked(received: bytes) -> dict[str, Any]:
    """What the child sent, or {} for output cut short (a child that stopped midway)."""
    try:
        if received[:1] == b"T":
            length, _, text = received[1:].partition(b"\n")
            if int(length) == len(text):
                return {"text": text.decode("utf-8", "surrogatepass")}
        if received[:1] == b"P":
            outcome = json.loads(received[1:])
            return outcome if isinstance(outcome, dict) else {}
    except ValueError:  # UnicodeDecodeError too
        pass
    return {}


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes, or None when it has not finished by ``deadline``."""
    chunks: list[bytes] = []
    # A selector, not select.select: that refuses a descriptor past 1023, and a library
    # user's process holding a thousand files or sockets read every render as the template's
    # error ('template error: filedescriptor out of range in select()').
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _reap(pid: int) -> None:
    """Kill the child if it still runs (a stop, a time limit) and wait for it."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass


@contextmanager
def memory_ceiling(extra: int) -> Iterator[None]:
    """Cap the process's address space at its present size plus ``extra`` bytes for the
    block, so that an allocation past it fails with MemoryError instead of taking the
    machine's memory (and the OOM killer taking the process).

    The sandbox refuses any one operation that would build something huge, but a template
    can still grow a structure in many small steps (`[s] * 10**6 | map("upper") | list`)
    faster than the time limit stops it; this is the limit on all of them at once. Linux
    (and other systems with ``/proc/self/statm`` and ``RLIMIT_AS``) only: elsewhere the
    block runs as it is, under the time and output limits. The soft limit is lowered and
    set back afterwards; the hard limit is never touched, and a lower limit already in
    force is kept. The limit is the whole process's: :func:`render` sets it in the child it
    renders in (see :func:`_apart`); where there is no fork, a library user's other threads
    share it while a report renders.
    """
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError, IndexError):
        yield
        return
    unlimited = resource.RLIM_INFINITY
    ceiling = size + extra if hard == unlimited else min(size + extra, hard)
    if soft != unlimited and soft <= ceiling:
        yield
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _collect(chunks: Iterator[str], shown: str) -> str:
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_BYTES:
            raise TemplateError(
                [
                    Problem(
                        file=shown,
                        line=0,
                        column=0,
                        message="the report grew over 20 MB",
                        fix="look for a loop that repeats too much",
                    )
                ]
            )
        parts.append(chunk)
    return "".join(parts)


def _template_error(
    exc: Exception, shown: str, name: str, folder: Path | None = None
) -> TemplateError:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    inner = _innermost(exc, folder) if folder is not None else None
    line = getattr(exc, "lineno", None) or (inner[1] if inner else _template_line(exc, name))
    message = str(getattr(exc, "message", None) or exc).splitlines()[0]
    if isinstance(exc, TemplateSyntaxError):
        fix = "fix the template syntax on this line"
    elif isinstance(exc, UndefinedError):
        # `cs-align report --help` lists them since user56; the fix sent authors to read
        # the built-ins instead.
        fix = (
            "use a name the report provides (`cs-align report --help` lists them); names are exact"
        )
    elif isinstance(exc, SecurityError) and "size limit" in str(exc):
        fix = "templates may not build text over 1 MB or 10^6 items in one step"
    elif isinstance(exc, SecurityError):
        fix = "templates may only read the report data; they cannot call into Python"
    elif isinstance(exc, ValueError) and "integer string conversion" in message:
        # Python's own advice (sys.set_int_max_str_digits) means nothing to a template author.
        message = "a whole number of more than 4300 digits cannot be shown"
        fix = "show a smaller figure: templates show the report's figures, not numbers made up"
    elif isinstance(exc, RecursionError):
        fix = "a macro calls itself without end; give the recursion a stopping case"
    else:
        fix = "check the expression on this line"
    where = getattr(exc, "filename", None) or (inner[0] if inner else shown)
    return TemplateError(
        [
            Problem(
                file=where,
                line=line or 0,
                column=0 if not line else 1,
                message=f"template error: {message}",
                fix=fix,
            )
        ]
    )


def _innermost(exc: Exception, folder: Path) -> tuple[str, int] | None:
    """The template file and line a render-time error happened at: the innermost frame
    from a template of the folder. An undefined name in an included template was told at
    the `{% include %}` line of the one including it (review user55)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.lineno and Path(frame.filename).is_relative_to(folder):
            return frame.filename, frame.lineno
    return None


def _template_line(exc: Exception, name: str) -> int | None:
    """The template line Jinja put into the traceback for a render-time error."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(name) and frame.lineno:
            return frame.lineno
    return None


def export(folder: Path, force: bool) -> list[Path]:
    """Copy the built-in templates into ``folder`` as a starting point."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in NAMES.values():
        target = folder / name
        if target.exists() and not force:
            raise TemplateError(
                [
                    Problem(
                        file=str(target),
                        line=0,
                        column=0,
                        message="already exists",
                        fix="choose another folder, or pass --force",
                    )
                ]
            )
        from cs_align.output import write_atomic

        text = (BUILTIN / name).read_text(encoding="utf-8")
        write_atomic(target, text, kind="template", force=force, command="report")
        written.append(target)
    return written
