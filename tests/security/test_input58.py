"""Review input58: figures that are valid in form but no plan's, refused where they are
written, never an internal error."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.security.conftest import ALIGNED, Repo, Result, cli, repo

__all__ = ["cli", "repo"]

Cli = Callable[..., Result]

MILLION_DIGITS = "6" + "0" * 1_000_000 + "m"
TINY = "0." + "0" * 400 + "1s"


@pytest.mark.parametrize(
    ("written", "where", "said"),
    [
        # A million digits: Decimal's exponent overflowed, "internal error … Overflow".
        (("handle_time: 6m", f"handle_time: {MILLION_DIGITS}"), "16:18", "a 1000001-character"),
        (
            (
                "first_response: 4 business hours",
                f"first_response: 1{'0' * 1_000_000} business hours",
            ),
            "25:30",
            "a 1000001-character",
        ),
        # 400 zeros: a float of 0 s, "internal error … ZeroDivisionError: float division by zero".
        (("handle_time: 6m", f"handle_time: {TINY}"), "16:18", "a 403-character"),
        (("patience: 2m ", f"patience: {TINY} "), "18:15", "a 403-character"),
        (("handle_time: 6m", f"handle_time: 0.{'0' * 35}1s"), "16:18", "`0.0000000000"),
    ],
    ids=["million-digits", "business-million", "tiny-handle-time", "tiny-patience", "e-37"],
)
@pytest.mark.parametrize("command", ["check", "promise", "whatif", "fix"])
def test_a_duration_no_plan_has_is_refused_where_it_is_written(
    repo: Repo, cli: Cli, written: tuple[str, str], where: str, said: str, command: str
) -> None:
    old, new = written
    assert old in ALIGNED
    repo.write("plans/far.yaml", ALIGNED.replace(old, new, 1))
    result = cli(command, "plans/far.yaml")
    assert result.code == 2, result.out + result.err
    assert f"plans/far.yaml:{where}: " in result.err, result.err
    assert said in result.err and "in a duration is out of range" in result.err
    assert "write a realistic duration, e.g. 20s, 7m30s or 4h" in result.err
    assert "internal error" not in result.err
