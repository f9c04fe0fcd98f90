"""The benchmarks time what a user pays (issue #14)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_batch_bench_runs_check_with_bytecode_caching_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A shell that exports PYTHONDONTWRITEBYTECODE (as CI images and this project's sessions
    # do) made bench/batch.py's checks compile every cs_align module from source in a
    # checkout never run without it: a cost in its plans/s no user pays. bench/startup.py
    # already dropped the variable.
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    batch = _load("batch")
    seen: list[dict[str, str]] = []

    def run(args: list[str], env: dict[str, str], **_: Any) -> subprocess.CompletedProcess[str]:
        seen.append(env)
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(batch.subprocess, "run", run)
    monkeypatch.setattr(sys, "argv", ["batch.py", "3"])
    batch.main()
    assert len(seen) == 2  # the pooled run and the one-process baseline
    assert all("PYTHONDONTWRITEBYTECODE" not in env for env in seen)
    assert [env.get("CS_ALIGN_WORKERS") for env in seen] == [None, "1"]
    assert "3 plans" in capsys.readouterr().out
