"""The batch progress count: on stderr, only on a terminal, never an escape, never in the output.

Whether a stream is a terminal is the process's own business, so these tests start one with
stdout and stderr on pseudo-terminals, as a user at a terminal runs it."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cs_align.commands.check import PARALLEL_FROM
from tests.conftest import GOOD

pty = pytest.importorskip("pty")


def _at_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run cs-align with stdout and stderr each on its own pseudo-terminal; their bytes."""
    out_master, out_slave = pty.openpty()
    err_master, err_slave = pty.openpty()
    whole = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")} | env
    process = subprocess.Popen(
        [sys.executable, "-m", "cs_align", *args],
        stdin=subprocess.DEVNULL,
        stdout=out_slave,
        stderr=err_slave,
        cwd=cwd,
        env=whole,
    )
    os.close(out_slave)
    os.close(err_slave)
    got = {out_master: b"", err_master: b""}
    open_ = set(got)
    deadline = time.monotonic() + 120
    while open_ and time.monotonic() < deadline:
        ready, _, _ = select.select(list(open_), [], [], 1)
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the other end closed (Linux reports EIO)
                data = b""
            if data:
                got[fd] += data
            else:
                open_.discard(fd)
    code = process.wait(timeout=10)
    os.close(out_master)
    os.close(err_master)
    return code, got[out_master], got[err_master]


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for n in range(PARALLEL_FROM):
        (folder / f"p{n:02}.yaml").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize("no_color", ["", "1"])
def test_progress_goes_to_stderr_and_leaves_the_output_whole(
    batch: Path, tmp_path: Path, no_color: str
) -> None:
    env = {"CS_ALIGN_WORKERS": "2", "NO_COLOR": no_color}
    code, out, err = _at_terminal(["check", "-f", "json", "plans"], tmp_path, env)
    assert code == 0, err
    # The JSON on the terminal is the JSON: no bar, no escape, no restyled brace.
    assert b"\x1b" not in out
    assert b"checking plans" not in out
    document = json.loads(out.replace(b"\r\n", b"\n"))
    assert len(document["plans"]) == PARALLEL_FROM
    # The count is on stderr, plain text, and wiped once the batch is done.
    assert f"checking plans {PARALLEL_FROM}/{PARALLEL_FROM}".encode() in err
    assert b"\x1b" not in err
    assert err.endswith(b"\r")


def test_no_progress_when_stderr_is_no_terminal(batch: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"CS_ALIGN_WORKERS": "2"}
    done = subprocess.run(
        [sys.executable, "-m", "cs_align", "check", "-f", "json", "plans"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0
    assert b"checking plans" not in done.stdout + done.stderr
    json.loads(done.stdout)
