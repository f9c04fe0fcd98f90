"""`staff --agents N` says whether N agents meet the target, in the table and in JSON."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cs_align.cli import app

QUEUE = ("staff", "--volume", "100/30m", "--aht", "3m", "--target", "80% in 20s")
# Offered load A: 100 contacts × 3 min ÷ 30 min = 10 Erlangs.
# Erlang C with N agents: SL = 1 − P(wait)·e^(−(N − A)·T/AHT), T = 20 s, AHT = 180 s.
#   13 agents: P(wait) 0.285, SL = 1 − 0.285·e^(−3·20/180) = 1 − 0.285 × 0.717 = 79.6% < 80%
#   14 agents: P(wait) 0.174, SL = 1 − 0.174·e^(−4·20/180) = 1 − 0.174 × 0.641 = 88.8%, ASA 7.8 s


def staff(*args: str) -> str:
    result = CliRunner().invoke(app, [*QUEUE, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def as_json(*args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(staff(*args, "-f", "json"))
    return data


def test_json_says_whether_the_given_agents_meet_the_target() -> None:
    assert as_json("--agents", "13")["meets_target"] is False
    assert as_json("--agents", "14")["meets_target"] is True
    assert as_json()["meets_target"] is True  # the solved answer, 14, meets it by definition
    # 14 agents answer 88.8% within 20 s, but wait 7.8 s on average: an ASA target of 5 s fails.
    assert as_json("--agents", "14", "--asa", "5s")["meets_target"] is False


def test_table_says_it_in_its_answer_line() -> None:
    short = staff("--agents", "13").splitlines()[1]
    assert short == (
        "given 13 agents on shift (19 scheduled after shrinkage): target 80% in 20s not met "
        "— service level 79.6%, ASA 17s"
    )
    enough = staff("--agents", "14", "--asa", "10s").splitlines()[1]
    assert "target 80% in 20s and ASA within 10s met — service level 88.8%, ASA 7.8s" in enough
    unstable = staff("--agents", "9").splitlines()[1]  # fewer agents than Erlangs of load
    assert "not met — service level 0.0%, ASA never" in unstable


@settings(max_examples=12, deadline=None)
@given(
    contacts=st.integers(5, 400),
    seconds=st.integers(60, 900),
    patience=st.sampled_from([None, "90s", "5m"]),
    concurrency=st.integers(1, 3),
)
def test_the_solved_headcount_meets_the_target_and_one_fewer_does_not(
    contacts: int, seconds: int, patience: str | None, concurrency: int
) -> None:
    args = ["--volume", f"{contacts}/30m", "--aht", f"{seconds}s", "--target", "80/20"]
    args += ["--concurrency", str(concurrency)] + (["--patience", patience] if patience else [])
    solved = json.loads(CliRunner().invoke(app, ["staff", *args, "-f", "json"]).stdout)
    n = solved["required_agents"]

    def meets(agents: int) -> bool:
        out = CliRunner().invoke(app, ["staff", *args, "--agents", str(agents), "-f", "json"])
        result: bool = json.loads(out.stdout)["meets_target"]
        return result

    assert solved["meets_target"] and meets(n)
    if n > 1 and solved["binding_constraint"] == "service_level" and concurrency == 1:
        assert not meets(n - 1)
