"""Where output goes: stdout that tolerates a closed pipe, and files written atomically.

An output file is only ever a regular file: never written through a symbolic link, never a
folder, device or FIFO. It appears whole or not at all, with the mode the umask gives. It
replaces an existing file only when that file is cs-align's own earlier output of the same
kind (or empty), or when the command's --force says so; never a plan (see `may_replace`).
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TextIO

from cs_align.errors import usage
from cs_align.repo import as_folder, in_git_folder, kind_of, resolved

_LIVE: set[AtomicFile] = set()
"""Temp files not yet committed or discarded: removed if the process is told to stop."""


def emit(text: str) -> None:
    """Write to stdout; a reader that went away (`| head`) is not an error, a stdout that
    cannot take the text (closed, full disk) is unusable output (exit 2, one line)."""
    if not text:
        return
    stream = sys.stdout
    if stream is None:
        raise usage("standard output is closed", "run with stdout open, or write with -o FILE")
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:  # a stdout set to a narrower encoding (PYTHONIOENCODING)
            write_utf8(stream, text)
        stream.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except OSError as exc:
        raise usage(
            f"cannot write to standard output: {exc.strerror or exc}",
            "check where stdout goes, or write with -o FILE",
        ) from None


def write_utf8(stream: TextIO, text: str) -> None:
    """``text`` as UTF-8 bytes, as every file cs-align writes: escaped into the encoding,
    JSON and SARIF were no longer JSON and `fix -o -` changed the plan's text ("Café" became
    "Caf\\xe9"; review user26 U1). A stream with no bytes beneath it gets escapes, and so
    does a lone surrogate (a template's `{{ "\\ud800" }}`), as in a file cs-align writes."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        encoding = stream.encoding or "utf-8"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        return
    stream.flush()
    buffer.write(text.encode("utf-8", "backslashreplace"))
    buffer.flush()


def say(message: str) -> None:
    """A line on stderr; in UTF-8 where stderr's encoding is narrower (it escaped a file's
    "café" as "caf\\xe9", review attack27), as on stdout. Each line is made `visible`
    here, once for every message: an OSError's file name reached a CI log raw, `##[endgroup]`
    and all (review attack31 A6)."""
    from cs_align.escaping import visible

    if sys.stderr is not None:
        text = "\n".join(map(visible, message.split("\n"))) + "\n"
        try:
            text.encode(sys.stderr.encoding or "utf-8")
            fits = True
        except UnicodeEncodeError:
            fits = False
        try:
            if fits:
                sys.stderr.write(text)
                sys.stderr.flush()
            else:
                write_utf8(sys.stderr, text)
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_STREAMS = {
    "/dev/stdout": "output",
    "/dev/fd/1": "output",
    "/proc/self/fd/1": "output",
    "/dev/stderr": "error",
    "/dev/fd/2": "error",
    "/proc/self/fd/2": "error",
}
"""The names a shell gives standard output and error: `-o /dev/stdout` is `-o -`."""


def output_file(text: str | Path) -> Path:
    """The file a flag names to write, read as written: a name ending in a slash names a
    folder, which is refused here, where the slash is still seen (`-o nothere/` wrote a file
    named `nothere`, the slash dropped by `Path`: review attack57). A Path is the option's
    default, which click passes through the parser too (`cs-align init` alone was an
    internal error: review user58)."""
    if isinstance(text, Path):
        return text
    if text.endswith(("/", os.sep)) and text.strip("/" + os.sep):
        if Path(text).is_dir():
            raise usage(f"{as_folder(text)} is a folder, not a file", "name a file to write")
        raise usage(
            f"{text}: no such folder",
            f"name a file to write ({text.rstrip('/' + os.sep)}, without the closing slash), "
            "or create the folder and name a file in it",
        )
    return Path(text)


def check_target(target: Path, shown: Path | None = None) -> None:
    """Refuse to write where only a regular file (or nothing yet) may be; ``shown`` is the
    name as the user wrote it, for the message (review user55: `-o sub/` was told
    `/home/…/sub is a folder`)."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise usage(f"{target}: {exc.strerror}", "write the output somewhere else") from None
    if stream := _STREAMS.get(str(target)):
        raise usage(
            f"{target} is standard {stream}, not a file; cs-align writes only regular files",
            "name `-` for standard output (`-o -`, `-f FORMAT:-`), or leave -o out"
            + ("; messages already go to standard error" if stream == "error" else ""),
        )
    if str(target) == "/dev/null":
        raise usage(
            "/dev/null is a device, not a file; cs-align writes only regular files",
            "leave -o out and redirect: > /dev/null (the exit code still tells the verdict)",
        )
    if stat.S_ISLNK(info.st_mode):
        raise usage(
            f"{target} is a symbolic link; cs-align never writes through one",
            "write to the real file's path, or remove the link",
        )
    if not stat.S_ISREG(info.st_mode):
        name = as_folder(shown or target) if stat.S_ISDIR(info.st_mode) else shown or target
        raise usage(f"{name} is {kind_of(info.st_mode)}, not a file", "name a file to write")


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back for the block; they are delivered when it ends."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def writable(
    target: Path,
    protect: set[Path] | None = None,
    *,
    kind: str | None,
    force: bool = False,
    command: str = "",
    plan_fix: str = "name another file for the output",
) -> Path:
    """``target`` made absolute, or exit 2 for every reason cs-align does not write there:
    not a regular file, an input plan, no such folder, inside `.git` or outside the
    repository through a link, or an existing file it may not replace (:func:`may_replace`;
    ``kind`` None: `fix --in-place`, rewriting the plan it was given). Commands call it
    before their work too, so a refusal costs no wait."""
    absolute = Path(os.path.abspath(target))
    check_target(absolute, target)
    if protect and resolved(absolute) in protect:
        raise usage(f"{target} is one of the input plans", "write the output somewhere else")
    folder = absolute.parent
    if not folder.is_dir():
        raise usage(f"{target}: folder {target.parent} does not exist", "create it first")
    _inside_its_repository(absolute)
    if kind is not None:
        may_replace(target, kind, force, command, plan_fix)
    return absolute


class AtomicFile:
    """A file written through a temp file in the same folder, fsynced, then renamed over
    the target (a rename replaces a link rather than following it).

    Until ``commit`` the target is untouched; ``discard`` (or an exception inside a
    ``with`` block, or SIGTERM) removes the temp file, so a failed run never leaves half a
    file.
    """

    def __init__(
        self,
        target: Path,
        protect: set[Path] | None = None,
        *,
        kind: str | None,
        force: bool = False,
        command: str = "",
    ) -> None:
        self.target = writable(target, protect, kind=kind, force=force, command=command)
        folder = self.target.parent
        # Ctrl-C between creating the temp file and registering it would leave it behind.
        with signals_held():
            try:
                fd, self.temp = tempfile.mkstemp(
                    dir=folder, prefix=f".{self.target.name}.", suffix=".tmp"
                )
            except OSError as exc:
                raise usage(f"{target}: cannot write: {exc.strerror}", "check the folder") from None
            self.handle = os.fdopen(
                fd, "w", encoding="utf-8", newline="\n", errors="backslashreplace"
            )
            _LIVE.add(self)

    def write(self, text: str) -> None:
        try:
            self.handle.write(text)
        except OSError as exc:
            self.discard()
            raise usage(f"{self.target}: cannot write: {exc.strerror}", "check the disk") from None

    def commit(self) -> None:
        try:
            self.handle.flush()
            os.fchmod(self.handle.fileno(), _mode(self.target))
            os.fsync(self.handle.fileno())
            self.handle.close()
            check_target(self.target)  # nothing swapped in meanwhile that rename would hide
            os.replace(self.temp, self.target)
        except OSError as exc:
            self.discard()
            raise usage(f"{self.target}: cannot write: {exc.strerror}", "check the disk") from None
        _LIVE.discard(self)

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        Path(self.temp).unlink(missing_ok=True)
        _LIVE.discard(self)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def _inside_its_repository(target: Path) -> None:
    """An output inside a git work tree must not reach outside it through a folder link
    (a pull request could commit `reports -> ../..`, or a link to another checkout), and
    never lands in a `.git` folder (a config could aim `json:.git/HEAD`)."""
    parent = Path(os.path.abspath(target.parent))
    real = resolved(parent)
    if in_git_folder(parent):
        raise usage(
            f"{target}: cs-align never writes inside a .git folder",
            "write the output to a file in the work tree or elsewhere",
        )
    root = _root_above_links(parent)
    if root is not None and not real.is_relative_to(resolved(root)):
        raise usage(
            f"{target}: its folder leads outside the repository through a link ({real})",
            "write to a folder inside the repository, or to the real path",
        )


def _root_above_links(folder: Path) -> Path | None:
    """The git top level holding ``folder``, found without entering a folder link (a link
    to another checkout would otherwise be its own repository)."""
    for candidate in (folder, *folder.parents):
        if os.path.islink(candidate):
            continue
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def discard_all() -> None:
    """Remove every temp file not yet committed (the process is stopping)."""
    for live in list(_LIVE):
        live.discard()


def _mode(target: Path) -> int:
    """The mode the written file gets: a replaced file's own (a plan kept private to a group
    stays so after `fix --in-place`), a new one's from the umask, as any tool's."""
    try:
        found = os.lstat(target)
    except OSError:
        return 0o666 & ~_umask()
    if stat.S_ISREG(found.st_mode):
        return stat.S_IMODE(found.st_mode) & 0o777
    return 0o666 & ~_umask()


def write_atomic(
    target: Path,
    text: str,
    protect: set[Path] | None = None,
    *,
    kind: str | None,
    force: bool = False,
    command: str = "",
) -> None:
    """Write ``text`` to ``target`` atomically; never onto a protected (input) file, and
    over an existing file only as :func:`may_replace` allows for output of ``kind``."""
    with AtomicFile(target, protect, kind=kind, force=force, command=command) as out:
        out.write(text)


_OWN_HEAD = 8192
"""How much of an existing file's start (and end) is read to tell whether cs-align wrote it."""
_JSON = re.compile(r'\s*\{\s*"version"\s*:\s*"[^"\n]*"\s*,\s*"(?:plans|diff|plan)"\s*:')
_SARIF = re.compile(
    r'\s*\{\s*"\$schema"\s*:\s*"[^"\n]*sarif[^"\n]*"\s*,\s*"version"\s*:\s*"2\.1\.0"\s*,'
    r'\s*"runs"\s*:\s*\[\s*\{\s*"tool"\s*:\s*\{\s*"driver"\s*:\s*\{\s*"name"\s*:\s*"cs-align"'
)
_JUNIT = re.compile(r'\s*(?:<\?xml[^>]*\?>\s*)?<testsuites name="cs-align(?: diff)?"')
_BATCH = re.compile(r"\d+ plans?: \d+ aligned, \d+ at-risk, \d+ misaligned")
_DIFF_HEAD = re.compile(r"(?:❌ blocked by |\S+ passes — verdict )")
_WHATIF_HEAD = re.compile(r".*\): as planned (?:aligned|at-risk|misaligned), [\d.,]+ FTE planned")
_CSV = "scenario,volume,aht,shrinkage,attrition,agents,verdict,channel,"
REPORT_MARKER = "generated by cs-align report"
_KINDS = ("table", "json", "sarif", "junit", "markdown", "github", "csv", "md")
"""Every kind of output cs-align writes that `_ours` recognises (a starter plan aside)."""
STARTER = "plan written by `cs-align init`"


def _ends(path: Path) -> tuple[str, str, int]:
    """The start and end of a file as text (bytes that are not UTF-8 replaced), and its size."""
    with path.open("rb") as handle:
        head = handle.read(_OWN_HEAD)
        size = handle.seek(0, 2)
        handle.seek(max(0, size - _OWN_HEAD))
        tail = handle.read()
    return _text(head), _text(tail), size


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").removeprefix("\ufeff")


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _ours(kind: str, head: str, tail: str, whole: bool) -> bool:
    """Whether text that starts with ``head`` and ends with ``tail`` is cs-align's own
    output of ``kind`` (``whole``: ``head`` is the whole file)."""
    first = _lines(head)[:2]
    if kind == "json":
        return bool(_JSON.match(head))
    if kind == "sarif":
        return bool(_SARIF.match(head))
    if kind == "junit":
        return bool(_JUNIT.match(head))
    if kind == "markdown":
        return head.startswith(("<!-- cs-align-report -->", "### What if: "))
    if kind == "github":  # workflow commands, one a line: every line cs-align wrote
        lines = _lines(head if whole else head.rsplit("\n", 1)[0])
        return bool(lines) and all(line.startswith("::") for line in lines)
    if kind == "csv":
        return head.startswith(_CSV)
    if kind == "table":
        last = _lines(tail)[-1:]
        return bool(
            (first and first[0].startswith("╭─ "))
            or (last and _BATCH.match(last[0]))
            or (len(first) == 2 and _DIFF_HEAD.match(first[0]) and " → " in first[1])
            or (first and _WHATIF_HEAD.fullmatch(first[0]))
        )
    if kind in ("md", "html"):  # `report`
        return REPORT_MARKER in tail
    if kind == "plan":  # `init`'s starter plan (a plan `fix` writes has no mark)
        return STARTER in "\n".join(head.splitlines()[:5])
    return False


def _own_json(path: Path, head: str) -> bool:
    """Whether ``path`` is cs-align's JSON or SARIF output: it starts as they do and all of
    it is JSON."""
    if not (_JSON.match(head) or _SARIF.match(head)):
        return False
    from cs_align.repo import MAX_BYTES

    try:
        if path.stat().st_size > MAX_BYTES:
            return True  # as large as no plan may be: the start decides
        json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return True


def may_replace(
    target: Path,
    kind: str,
    force: bool = False,
    command: str = "",
    plan_fix: str = "name another file for the output",
) -> None:
    """Refuse (exit 2) to replace an existing file that is not cs-align's own earlier output
    of ``kind``: a config (which may come from a pull request) or a typo must not overwrite
    README.md, a workflow or a source file. An empty file holds nothing to lose; ``force``
    (the command's --force) allows any other file but a plan, which no output ever replaces
    (``command``: the --force's command, "" when it has none)."""
    try:
        if not target.is_file():
            return  # nothing there (or not a file: check_target says so)
        head, tail, size = _ends(target)
    except OSError:
        return  # what cannot be read is refused where it is written, with the reason
    whole = size <= _OWN_HEAD
    if size == 0:
        return
    # A plan is never replaced, whatever marks it carries (a comment can copy any of them).
    # cs-align's JSON or SARIF names a top-level `version`, as a plan does: it is told apart
    # by being that JSON throughout (read first: a batch's JSON is quick to read as JSON and
    # slow as YAML).
    starter = kind == "plan" and force and _ours(kind, head, tail, whole)  # init --force
    from cs_align.discovery import is_plan  # only when a file is there to replace

    if not starter and not _own_json(target, head) and is_plan(target):
        raise usage(
            f"{target} is a plan (cs-align would check it as one): no output is ever "
            "written over a plan, --force or not",
            plan_fix,
        )
    if _ours(kind, head, tail, whole) or force:
        return
    what = {"md": "report", "html": "report", "plan": "plan", "fixed-plan": "plan"}.get(
        kind, f"{kind} output"
    )
    raise usage(
        f"{target} exists and is not a {what} cs-align wrote: cs-align does not overwrite it",
        f"name another file, or pass --force to `cs-align {command}` to replace it"
        if command
        else "name another file, or delete this one first if it is yours to replace",
    )
