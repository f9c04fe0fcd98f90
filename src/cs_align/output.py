"""Where output goes: stdout that tolerates a closed pipe, and files written atomically.

An output file is only ever a regular file: never written through a symbolic link, never a
folder, device or FIFO. It appears whole or not at all, with the mode the umask gives.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from cs_align.errors import usage
from cs_align.repo import kind_of, resolved

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
        except UnicodeEncodeError:  # a terminal that cannot show some character
            encoding = stream.encoding or "utf-8"
            stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        stream.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except OSError as exc:
        raise usage(
            f"cannot write to standard output: {exc.strerror or exc}",
            "check where stdout goes, or write with -o FILE",
        ) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_target(target: Path) -> None:
    """Refuse to write where only a regular file (or nothing yet) may be."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise usage(f"{target}: {exc.strerror}", "write the output somewhere else") from None
    if stat.S_ISLNK(info.st_mode):
        raise usage(
            f"{target} is a symbolic link; cs-align never writes through one",
            "write to the real file's path, or remove the link",
        )
    if not stat.S_ISREG(info.st_mode):
        raise usage(f"{target} is {kind_of(info.st_mode)}, not a file", "name a file to write")


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


class AtomicFile:
    """A file written through a temp file in the same folder, fsynced, then renamed over
    the target (a rename replaces a link rather than following it).

    Until ``commit`` the target is untouched; ``discard`` (or an exception inside a
    ``with`` block, or SIGTERM) removes the temp file, so a failed run never leaves half a
    file.
    """

    def __init__(self, target: Path, protect: set[Path] | None = None) -> None:
        self.target = Path(os.path.abspath(target))
        check_target(self.target)
        if protect and resolved(self.target) in protect:
            raise usage(f"{target} is one of the input plans", "write the output somewhere else")
        folder = self.target.parent
        if not folder.is_dir():
            raise usage(f"{target}: folder {folder} does not exist", "create it first")
        _inside_its_repository(self.target)
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
            os.fchmod(self.handle.fileno(), 0o666 & ~_umask())
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
    if ".git" in real.parts or ".git" in parent.parts:
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


def write_atomic(target: Path, text: str, protect: set[Path] | None = None) -> None:
    """Write ``text`` to ``target`` atomically; never onto a protected (input) file."""
    with AtomicFile(target, protect) as out:
        out.write(text)
