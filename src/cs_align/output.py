"""Where output goes: stdout that tolerates a closed pipe, and files written atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from cs_align.errors import usage


def emit(text: str) -> None:
    """Write to stdout; a reader that went away (`| head`) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def write_atomic(target: Path, text: str, protect: set[Path] | None = None) -> None:
    """Write via a temp file in the same folder, fsync, then replace: never half-written."""
    resolved = target.resolve()
    if protect and resolved in protect:
        raise usage(f"{target} is one of the input plans", "write the output somewhere else")
    folder = resolved.parent
    if not folder.is_dir():
        raise usage(f"{target}: folder {folder} does not exist", "create it first")
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{resolved.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, resolved)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
