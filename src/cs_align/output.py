"""Where output goes: stdout that tolerates a closed pipe, and files written atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType

from cs_align.errors import usage


def emit(text: str) -> None:
    """Write to stdout; a reader that went away (`| head`) is not an error."""
    if not text:
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


class AtomicFile:
    """A file written through a temp file in the same folder, fsynced, then swapped in.

    Until ``commit`` the target is untouched; ``discard`` (or an exception inside a
    ``with`` block) removes the temp file, so a failed run never leaves half a file.
    """

    def __init__(self, target: Path, protect: set[Path] | None = None) -> None:
        self.target = target.resolve()
        if protect and self.target in protect:
            raise usage(f"{target} is one of the input plans", "write the output somewhere else")
        folder = self.target.parent
        if not folder.is_dir():
            raise usage(f"{target}: folder {folder} does not exist", "create it first")
        fd, self.temp = tempfile.mkstemp(dir=folder, prefix=f".{self.target.name}.", suffix=".tmp")
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> None:
        self.handle.write(text)

    def commit(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.temp, self.target)

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        Path(self.temp).unlink(missing_ok=True)

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


def write_atomic(target: Path, text: str, protect: set[Path] | None = None) -> None:
    """Write ``text`` to ``target`` atomically; never onto a protected (input) file."""
    with AtomicFile(target, protect) as out:
        out.write(text)
