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


def test_instruction_bench_counts_check_against_the_floor_and_another_revision(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Instruction counts are the figure a shared, noisy machine can still compare (issue #14's
    # start-up goal): the floor, this checkout's src and the revision's own src, each with
    # bytecode caching on and warmed twice before the one run valgrind counts.
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    bench = _load("instructions")
    counted: list[tuple[list[str], dict[str, str]]] = []
    counts = iter([750_000_000, 1_300_000_000, 1_000_000_000])

    def run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        if args[0] == "valgrind":
            counted.append((args, kwargs["env"]))
            return subprocess.CompletedProcess(args, 0, "", f"==1== Collected : {next(counts)}\n")
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(bench.subprocess, "run", run)
    monkeypatch.setattr(sys, "argv", ["instructions.py", "HEAD~1"])
    bench.main()
    assert all("PYTHONDONTWRITEBYTECODE" not in env for _, env in counted)
    floor, ours, theirs = counted
    assert "PYTHONPATH" not in floor[1]
    assert ours[1]["PYTHONPATH"] == str(bench.ROOT / "src")
    assert theirs[1]["PYTHONPATH"].endswith(str(Path("other") / "src"))
    assert ours[0][-6:] == ["-m", "cs_align", "check", str(bench.PLAN), "--format", "json"]
    out = capsys.readouterr().out
    # 1,300 M / 750 M = 1.733; 1,300 M / 1,000 M = 1.300
    assert "check            1300.0 M instructions  1.733 × floor+model" in out
    assert "check / HEAD~1 = 1.300" in out
