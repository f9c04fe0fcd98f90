"""One exit-code rule for every command that judges a plan: check, report and promise exit
0, 1 or 2 by the same --fail-on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GOOD, Invoke

MISALIGNED = str(EXAMPLES / "delight-fedex-misaligned.yaml")
ALIGNED = str(EXAMPLES / "delight-aligned.yaml")


@pytest.fixture
def at_risk(tmp_path: Path) -> str:
    """The aligned plan with too little training: a warning (training-hours), no error."""
    path = tmp_path / "at-risk.yaml"
    path.write_text(GOOD.replace("training_hours_per_agent: 120", "training_hours_per_agent: 20"))
    return str(path)


Cs = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cs(invoke: Invoke) -> Cs:
    """`cs-align ARGS` in process: (exit code, stdout, stderr)."""

    def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        result = invoke(*args, env=env)
        return result.code, result.out, result.err

    return run


def test_commands_agree_on_a_misaligned_plan(cs: Cs, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    code, stdout, _ = cs("check", MISALIGNED, "-f", "json")
    errors = [f for f in json.loads(stdout)["plans"][0]["findings"] if f["severity"] == "error"]
    assert code == 1 and errors
    code, stdout, _ = cs("report", MISALIGNED, "-o", str(out))
    assert code == 1 and "verdict misaligned" in stdout and out.exists()
    code, stdout, stderr = cs("promise", MISALIGNED)
    assert code == 1 and "phone: can keep" in stdout
    # promise prints no findings, so it says why it fails: as many as check counts.
    assert f"is misaligned: {len(errors)} findings at or above --fail-on error" in stderr
    assert f"cs-align check {MISALIGNED}" in stderr


def test_commands_agree_on_an_aligned_plan(cs: Cs, tmp_path: Path) -> None:
    for args in (
        ("check", ALIGNED),
        ("report", ALIGNED, "-o", str(tmp_path / "r.html")),
        ("promise", ALIGNED),
        ("promise", ALIGNED, "-f", "json"),
    ):
        code, _, stderr = cs(*args)
        assert (code, stderr) == (0, ""), args


def test_fail_on_moves_the_threshold_for_every_command(
    cs: Cs, at_risk: str, tmp_path: Path
) -> None:
    report = ("report", at_risk, "-o", str(tmp_path / "r.md"))
    for command in (("check", at_risk), report, ("promise", at_risk)):
        assert cs(*command)[0] == 0, command
        assert cs(*command, "--fail-on", "warning")[0] == 1, command
    _, _, stderr = cs("promise", at_risk, "--fail-on", "warning")
    assert "is at-risk: 1 finding at or above --fail-on warning" in stderr


def test_fail_on_comes_from_the_environment_as_for_check(cs: Cs, at_risk: str) -> None:
    assert cs("promise", at_risk, env={"CS_ALIGN_FAIL_ON": "warning"})[0] == 1
    assert cs("promise", at_risk, "--fail-on", "error", env={"CS_ALIGN_FAIL_ON": "info"})[0] == 0


def test_a_bad_fail_on_is_unusable_input_before_anything_is_written(cs: Cs, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    code, _, message = cs("report", ALIGNED, "-o", str(out), "--fail-on", "severe")
    assert code == 2 and "'severe' (from command line) is not a severity" in message
    assert not out.exists()
    code, stdout, message = cs("promise", ALIGNED, env={"CS_ALIGN_FAIL_ON": "high"})
    assert code == 2 and stdout == "" and "environment CS_ALIGN_FAIL_ON" in message


def test_version_ends_with_a_newline(cs: Cs) -> None:
    assert cs("--version") == (0, "cs-align 0.1.0\n", "")
