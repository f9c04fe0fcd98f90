"""A batch told to stop leaves nothing behind: no temp file, no worker process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.security.conftest import ALIGNED


def _workers_of(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def _alive_after(workers: list[int], seconds: float) -> list[int]:
    """The workers still running ``seconds`` after their batch ended (or as soon as none is:
    a worker gone does not come back)."""
    deadline = time.monotonic() + seconds
    while [w for w in workers if Path(f"/proc/{w}").exists()] and time.monotonic() < deadline:
        time.sleep(0.01)
    return [w for w in workers if Path(f"/proc/{w}").exists()]


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to see worker processes")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_batch_removes_its_temp_file_and_its_workers(tmp_path: Path, signum: int) -> None:
    # 400 plans keep two workers busy many times longer than the wait below takes to see
    # them start (the batch ends early only if checking became 20 times faster); more
    # plans make larger chunks, and the stop waits for the chunks the workers hold.
    plans = tmp_path / "plans"
    plans.mkdir()
    for i in range(400):
        (plans / f"p{i:04d}.yaml").write_text(ALIGNED.replace("Example Delight Co", f"Co {i}"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cs_align", "check", str(plans), "-f", "json", "-o", "out.json"],
        cwd=tmp_path,
        env={**os.environ, "CS_ALIGN_WORKERS": "2", "CI": "1"},
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120  # a loaded machine starts workers slowly
    while not list(tmp_path.glob(".out.json.*.tmp")) or len(_workers_of(proc.pid)) < 2:
        assert time.monotonic() < deadline and proc.poll() is None, "the batch never got going"
        time.sleep(0.01)
    workers = _workers_of(proc.pid)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signum, err  # what the process said, should it fail
    assert err.strip() in ("cs-align: terminated", "cs-align: interrupted")
    assert not list(tmp_path.glob(".out.json.*.tmp")) and not (tmp_path / "out.json").exists()
    assert not _alive_after(workers, 0.5)


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to see worker processes")
def test_a_stop_while_the_workers_start_leaves_none_behind(tmp_path: Path) -> None:
    # The signal lands the moment the first worker is forked, before it has set its own
    # handlers: the parent holds stops back until the pool is built, then stops it whole.
    plans = tmp_path / "plans"
    plans.mkdir()
    for i in range(400):
        (plans / f"p{i:04d}.yaml").write_text(ALIGNED.replace("Example Delight Co", f"Co {i}"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cs_align", "check", str(plans), "-f", "json"],
        cwd=tmp_path,
        env={**os.environ, "CS_ALIGN_WORKERS": "2", "CI": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not _workers_of(proc.pid):
        assert time.monotonic() < deadline and proc.poll() is None, "no worker ever started"
        time.sleep(0.001)
    workers = _workers_of(proc.pid)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert (proc.returncode, err.strip()) == (128 + signal.SIGINT, "cs-align: interrupted")
    assert not _alive_after(workers, 0.5)
