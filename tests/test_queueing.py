"""Queueing math against independent exact computation (mpmath) and published examples."""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction
from typing import Any

import mpmath as mp
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cs_align import queueing as q
from tests.conftest import examples

mp.mp.dps = 50


@functools.cache
def poisson_sums(a: float) -> list[mp.mpf]:
    """Partial sums of a^k/k! for k < n, indexed by n, in 50-digit arithmetic: enough
    terms for any headcount the tests ask about. Each term is the last times a/k, so a load
    of 5,000 costs a few thousand multiplications rather than as many factorials."""
    a_ = mp.mpf(a)
    upto = int(a + 12 * a**0.5 + 40)
    sums, term, total = [mp.mpf(0)], mp.mpf(1), mp.mpf(0)
    for k in range(upto + 1):
        if k:
            term = term * a_ / k
        total += term
        sums.append(total)
    return sums


def exact_c(n: int, a: float, aht: float, t: float) -> tuple[float, float, float]:
    """Erlang C from the factorial sums in 50-digit arithmetic: (P wait, SL, ASA)."""
    a_ = mp.mpf(a)
    sums = poisson_sums(a)
    head = sums[n]  # the sum of a^k/k! for k < n
    top = (sums[n + 1] - sums[n]) * n / (n - a_)  # a^n/n! · n/(n − a)
    c = top / (head + top)
    sl = 1 - c * mp.e ** (-(n - a_) * t / aht)
    return float(c), float(sl), float(c * aht / (n - a_))


def exact_required(a: float, aht: float, share: float, t: float) -> int:
    n = int(mp.floor(a)) + 1
    while exact_c(n, a, aht, t)[1] < share:
        n += 1
    return n


def close(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-9 * max(abs(y), 1e-300) or abs(x - y) < 1e-15


@pytest.mark.parametrize("a", [0.01, 0.5, 3.3, 10, 47.5, 180, 900, 2500, 5000])
def test_erlang_c_matches_exact(a: float) -> None:
    req = q.required_c(a, 180.0, 0.8, 20.0)
    assert req.agents == exact_required(a, 180.0, 0.8, 20.0)
    for n in (req.agents, req.agents + 3):
        r = q.evaluate_c(n, a, 180.0, 20.0)
        c, sl, asa = exact_c(n, a, 180.0, 20.0)
        assert close(r.prob_wait, c) and close(r.service_level, sl)
        assert r.asa is not None and close(r.asa, asa)
        assert close(r.occupancy, a / n)


def test_published_worked_example() -> None:
    # 100 calls in 30 minutes, 180 s handle time, 80/20 → 14 agents, SL 88.8%, ASA 7.8 s.
    req = q.required_c(Fraction(100 * 180, 1800), 180.0, 0.8, 20.0)
    assert req.agents == 14
    assert round(req.result.service_level, 3) == 0.888
    assert req.result.asa is not None and round(req.result.asa, 1) == 7.8


def test_unstable_queue_is_reported_not_negative() -> None:
    r = q.evaluate_c(10, 10.0, 180.0, 20.0)
    assert not r.stable and r.service_level == 0.0 and r.asa is None and r.prob_wait == 1.0


def test_threshold_zero_is_share_answered_immediately() -> None:
    r = q.evaluate_c(14, 10.0, 180.0, 0.0)
    assert close(r.service_level, 1 - r.prob_wait)


def test_large_agent_counts_are_stable() -> None:
    req = q.required_c(19_000.0, 300.0, 0.8, 20.0)
    assert 19_000 < req.agents < 19_200
    assert 0.8 <= req.result.service_level <= 1.0


def test_scheduled_agents_are_exact() -> None:
    assert q.scheduled_agents(21, Decimal("0.3")) == 30
    assert q.scheduled_agents(14, Decimal("0.3")) == 20


def test_occupancy_cap_binds_exactly() -> None:
    req = q.required_c(Fraction(17), 180.0, 0.5, 60.0, max_occupancy=Fraction(85, 100))
    assert req.agents == 20 and req.binding == "occupancy"


def chain_a(n: int, a: float, aht: float, patience: float) -> tuple[list[Any], Any, Any]:
    """M/M/n+M's birth-death chain, unnormalised (π_k ∝ states[k]) out to where the states
    fall under 1e-40 of π_n; with μ and θ, in mpmath."""
    mu, th = mp.mpf(1) / aht, mp.mpf(1) / patience
    lam = a * mu
    states = [mp.mpf(1)]
    for k in range(1, n + 1):
        states.append(states[-1] * lam / (k * mu))
    j = 0
    while states[-1] > states[n] * mp.mpf(10) ** -40 or j < 10:
        states.append(states[-1] * lam / (n * mu + (j + 1) * th))
        j += 1
    return states, mu, th


def exact_a(n: int, a: float, aht: float, t: float, patience: float) -> tuple[float, ...]:
    """Erlang A by summing the birth-death chain and the per-state incomplete beta."""
    states, mu, th = chain_a(n, a, aht, patience)
    z = mp.fsum(states)
    x = mp.e ** (-th * t)
    b = n * mu / th
    pw = mp.fsum(states[n:]) / z
    sl, ab = 1 - pw, mp.mpf(0)
    for jj, p in enumerate(states[n:]):
        served = b / (b + jj + 1)
        sl += p / z * served * (1 - mp.betainc(b + 1, jj + 1, 0, x, regularized=True))
        ab += p / z * (1 - served)
    return float(sl), float(ab), float(pw)


@pytest.mark.parametrize(
    ("n", "a", "aht", "t", "patience"),
    [
        (14, 10.0, 180.0, 20.0, 120.0),
        (12, 10.0, 180.0, 20.0, 120.0),
        (5, 8.0, 300.0, 30.0, 60.0),
        (30, 35.0, 240.0, 20.0, 180.0),
        (3, 0.5, 100.0, 0.0, 50.0),
        (60, 55.0, 420.0, 30.0, 600.0),
    ],
)
def test_erlang_a_matches_exact(n: int, a: float, aht: float, t: float, patience: float) -> None:
    r = q.evaluate_a(n, a, aht, t, patience)
    sl, ab, pw = exact_a(n, a, aht, t, patience)
    assert close(r.service_level, sl) and close(r.prob_wait, pw)
    assert r.abandonment is not None and close(r.abandonment, ab)


def test_erlang_a_tends_to_erlang_c_with_infinite_patience() -> None:
    c = q.evaluate_c(14, 10.0, 180.0, 20.0)
    a = q.evaluate_a(14, 10.0, 180.0, 20.0, 1e9)
    assert abs(a.service_level - c.service_level) < 1e-6


def test_erlang_a_may_need_fewer_agents_than_the_load() -> None:
    req = q.required_a(20.0, 300.0, 0.5, 60.0, 30.0)
    assert req.agents < 20


@settings(max_examples=examples(60), deadline=None)
@given(a=st.floats(0.05, 300), share=st.floats(0.5, 0.95), t=st.floats(0, 120))
# The full suite of the README (user54) drew a share one float step above 50%: one agent on
# 0.5 E answers 50% at once, within queueing.TOLERANCE (1e-9) of it, which is a kept target
# by the contract every command judges with (`meets`); the strict `>=` here failed it.
@example(a=0.5, share=0.5000000000000001, t=0.0)
def test_required_is_minimal_and_monotone(a: float, share: float, t: float) -> None:
    req = q.required_c(a, 180.0, share, t)
    assert req.result.service_level >= share - q.TOLERANCE
    if req.agents - 1 > a:
        assert q.evaluate_c(req.agents - 1, a, 180.0, t).service_level < share - q.TOLERANCE
    more = q.evaluate_c(req.agents + 1, a, 180.0, t)
    assert more.service_level >= req.result.service_level
    assert (more.asa or 0) <= (req.result.asa or 0)


@settings(max_examples=examples(80), deadline=None)
@given(a=st.floats(20, 20_000), extra=st.integers(-5, 300))
def test_erlang_b_near_the_load_matches_the_full_recursion(a: float, extra: int) -> None:
    n = max(1, int(a) + extra)
    full, near = q.erlang_b(n, a), q.erlang_b_near(n, a)
    assert abs(full - near) <= 1e-12 * full


@settings(max_examples=examples(40), deadline=None)
@given(a=st.floats(0.2, 200), patience=st.floats(10, 900), share=st.floats(0.5, 0.9))
def test_erlang_a_required_is_minimal(a: float, patience: float, share: float) -> None:
    req = q.required_a(a, 180.0, share, 20.0, patience)
    assert req.result.service_level >= share
    if req.agents > 1:
        assert q.evaluate_a(req.agents - 1, a, 180.0, 20.0, patience).service_level < share


# ---- bounded work ----------------------------------------------------------------------------


def _recursion(n: int, a: float) -> float:
    """Erlang B by the plain recursion, every step (what erlang_b did before its shortcut)."""
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


@pytest.mark.parametrize("a", [0.01, 0.5, 3.3, 47.5, 900, 5000, 150_000])
def test_erlang_b_is_negligible_exactly_where_the_recursion_underflows(a: float) -> None:
    n = int(a) + 1
    while not q.negligible_b(n, a):
        n += 1
    assert _recursion(n, a) < 1e-300  # where the shortcut answers 0, so does the recursion
    assert q.erlang_b(n, a) == 0.0 and q.erlang_b(n - 1, a) == _recursion(n - 1, a)
    assert n < a + 45 * a**0.5 + 200  # the bound is tight: far fewer steps than agents


@pytest.mark.parametrize("load", [0.001, 3.45, 1000.0, 150_000.0])
def test_a_billion_agents_are_evaluated_at_once(load: float) -> None:
    from cs_align.deadline import Overtime, within

    try:
        with within(5):
            c = q.evaluate_c(999_999_999, load, 360.0, 20.0)
            a = q.evaluate_a(999_999_999, load, 360.0, 20.0, 120.0)
    except Overtime:
        pytest.fail("a billion agents took over 5 s")
    assert (c.service_level, c.prob_wait, c.asa) == (1.0, 0.0, 0.0)
    assert (a.service_level, a.abandonment) == (1.0, 0.0)


def test_a_queue_beyond_max_agents_is_too_many_at_once() -> None:
    from cs_align.deadline import Overtime, within

    try:
        with within(2):
            with pytest.raises(q.TooManyAgents, match="more than 200,000 agents needed"):
                q.required_c(1e12, 180.0, 0.8, 20.0)
            with pytest.raises(q.TooManyAgents):
                q.evaluate_c(300_000, 299_000.0, 180.0, 20.0)
            with pytest.raises(q.TooManyAgents):
                q.evaluate_a(10**9, 10**9 + 5.0, 180.0, 20.0, 60.0)
    except Overtime:
        pytest.fail("refusing a queue too large took over 2 s")
    assert issubclass(q.TooManyAgents, ValueError)  # what callers caught before
    assert q.evaluate_c(5, 1e12, 180.0, 20.0).stable is False  # far too few: no work at all


@settings(max_examples=examples(200), deadline=None)
@given(
    st.floats(min_value=1e-3, max_value=1e9),
    st.one_of(st.integers(1, 300), st.integers(257, 3_000_000)),
)
def test_the_harmonic_sum_of_a_queues_waiting_states_is_exact(a: float, m: int) -> None:
    # Σ 1/(a + i), i = 1 … m, is ψ(a + m + 1) − ψ(a + 1): summed term by term for a few,
    # from the digamma series for many (callers patient for hours put the queue's peak
    # millions of states out, and summing them took a minute: review user19 U6).
    mp.mp.dps = 40
    exact = mp.digamma(mp.mpf(a) + m + 1) - mp.digamma(mp.mpf(a) + 1)
    assert abs(q._harmonic(a, m) - float(exact)) <= 4e-15 * float(exact)


def exact_asa_a(n: int, a: float, aht: float, patience: float) -> float:
    """Erlang A's mean wait of answered callers, from the birth-death chain: a caller who
    finds j waiting is answered with chance nμ/(nμ + (j + 1)θ) and waits, position by
    position, 1/(nμ + iθ) for i = j + 1 down to 1 (Mandelbaum & Zeltyn 2007)."""
    states, mu, th = chain_a(n, a, aht, patience)
    z = mp.fsum(states)
    waited, answered, ahead = mp.mpf(0), mp.fsum(states[:n]) / z, mp.mpf(0)
    for jj, p in enumerate(states[n:]):
        served = n * mu / (n * mu + (jj + 1) * th)
        ahead += 1 / (n * mu + (jj + 1) * th)  # Σ 1/(nμ + iθ), i = 1 … jj + 1
        answered += p / z * served
        waited += p / z * served * ahead
    return float(waited / answered)


@pytest.mark.parametrize(("n", "a"), [(1, 2.0), (3, 4.5), (12, 14.0)])
def test_erlang_a_far_past_its_peak_matches_exact(n: int, a: float) -> None:
    # Agents short of the load, callers patient for 260 handle times: the waiting states
    # peak (a − n) × 260 out, past the 256 summed term by term, where the wait of the
    # answered is taken from the digamma series.
    mp.mp.dps = 30
    r = q.evaluate_a(n, a, 60.0, 0.0, 260 * 60.0)
    assert r.asa is not None and close(r.asa, exact_asa_a(n, a, 60.0, 260 * 60.0))
