"""Review attack54: what a pull request's figures cost the gate to judge.

A plan may offer a channel up to 200,000 agents' worth of contacts (queueing.MAX_AGENTS),
and hold 1,000 channels; Erlang A judges a queue whose callers hang up far below its load.
Its Erlang B took a step an agent there (0.6 s a channel offered 150,000 Erlangs and staffed
at 16), so one plan of a thousand such channels kept the gate busy ten minutes a check, and
a pull request of a few dozen outlasted the job."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align import queueing as q
from tests.conftest import examples, unless_it_hangs
from tests.security.conftest import ALIGNED, Repo, Result

Cli = Callable[..., Result]

PHONE = ALIGNED[ALIGNED.index("  - id: phone") : ALIGNED.index("  - id: email")]


def _overloaded(channels: int) -> str:
    """The aligned plan with ``channels`` phone lines, each offered 400 million calls a month
    of 6 minutes over 12 h a weekday: 400e6 × 360 s ÷ (365.25 ÷ 12 × 5/7 days × 12 h × 3600 s)
    ≈ 153,000 Erlangs, answered by 16.2 FTE."""
    line = PHONE.replace("contacts: 9000, per: month", "contacts: 400000000, per: month")
    many = "".join(line.replace("id: phone", f"id: phone{i}") for i in range(channels))
    return ALIGNED.replace(PHONE, many)


def test_a_plan_of_channels_staffed_far_below_their_load_is_judged_at_once(
    repo: Repo, cli: Cli
) -> None:
    repo.write("plans/acme.yaml", _overloaded(20))
    with unless_it_hangs(120):
        start = time.process_time()
        result = cli("check", "plans/acme.yaml", "-f", "json")
        spent = time.process_time() - start
    assert result.code == 1, result.err
    assert '"staffing-meets-targets"' in result.out
    # 20 channels took 4.5 s of CPU here (over half of it ~1,000 Erlang B recursions of
    # ~150,000 steps each); in O(√A) steps 1.35 s, most of it loading and Erlang A's series.
    assert spent < 3, spent


@settings(max_examples=examples(200), deadline=None)
@given(
    load=st.floats(20, 150_000),
    share=st.floats(0, 1.002),
)
def test_erlang_b_matches_the_full_recursion_at_any_headcount(load: float, share: float) -> None:
    agents = max(1, round(load * share))
    full, near = q.erlang_b(agents, load), q.erlang_b_near(agents, load)
    assert abs(full - near) <= 1e-12 * full


@pytest.mark.parametrize("load", [500.0, 2689.0, 19_619.87, 145_929.56])
def test_erlang_b_just_above_where_the_shortcut_starts_is_exact(load: float) -> None:
    # One agent above load − 12·√A − 20 the recursion started there took one step: 0.6% off
    # at 145,929.56 Erlangs (141,326 agents), 0.1% at 2,689.
    agents = math.floor(load - 12 * math.sqrt(load) - 20) + 1
    full, near = q.erlang_b(agents, load), q.erlang_b_near(agents, load)
    assert abs(full - near) <= 1e-12 * full
