"""Call-centre queueing math: Erlang B, C and A. Pure functions over floats and fractions.

Notation: ``load`` is the offered load A in Erlangs (arrival rate × mean handle time),
``aht`` the mean handle time and ``threshold`` the service-level time, both in seconds.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from cs_align.incgamma import log_gamma_p_diff

MAX_AGENTS = 200_000
"""The largest queue sized or evaluated near its load: past it, :class:`TooManyAgents`.

Far beyond any one contact centre, and what keeps the work bounded: evaluating ``n``
agents near the load takes O(n) steps (far above the load, the answer is direct; see
:func:`erlang_b`)."""
TOLERANCE = 1e-9
"""How far a computed figure may lie past its target and still keep it: the floating noise
of a figure exactly on it. One person on 0.275 Erlangs answers 1 − 0.275 = 72.5% at once,
exactly, which floats compute as 0.7249999999999999; 0.8 Erlangs on one person wait 0.8 ×
6 min ÷ 0.2 = 24 min on average, computed as a hair over 1,440 s. The sizing
(:func:`keeps`), the judge of planned staff (`sizing.misses`), `staff` and the shares
shown (`units.fmt_share_against`) read a target alike (review calc51 D1: the judge kept
such a plan while the sizing asked for a second person and `staff --agents 1` said "not
met"); so do the ceilings, occupancy and abandonment, wherever a rule, the sizing, `fix`,
`staff` or the gate holds a figure to one (each had 1e-12 of its own, so a share shown on
its bound could be judged past it)."""


def keeps(
    result: QueueResult,
    sl: float,
    asa: float | None = None,
    abandonment_max: float | None = None,
) -> bool:
    """Whether ``result`` keeps a service level of ``sl``, an ASA of at most ``asa`` and at
    most ``abandonment_max`` hanging up, to :data:`TOLERANCE`; a queue that cannot keep up
    keeps no ASA."""
    wait = result.asa if result.asa is not None else math.inf
    return (
        result.service_level >= sl - TOLERANCE
        and (asa is None or wait <= asa + TOLERANCE)
        and (abandonment_max is None or (result.abandonment or 0.0) <= abandonment_max + TOLERANCE)
    )


REMEMBERED = 1 << 16
"""How many queue evaluations (`erlang_b_near`, `evaluate_a`) are kept for a repeat call.

Each costs O(√A) steps or more, and a plan asks the same ones many times over: the sizing,
the judge of planned staff, the ceiling and every command's other views of a channel ask
each interval's headcounts anew, and a day of intervals repeats its volumes (review input58:
one channel of 1,440 one-minute intervals at 200 Erlangs made 77,766 Erlang A evaluations
of 34 distinct queues, 10 s; ten such channels ran into the 60 s limit). Pure functions of
their arguments, kept exactly (`typed`: 1 and 1.0 are not taken for each other); at most
this many, the least recently used dropped first (a few MB)."""

_LOG_NEGLIGIBLE = -750.0
"""Below the log of the smallest float (about 4.9e-324 = e^-744.4), with room for rounding."""


class TooManyAgents(ValueError):
    """A queue needs (or is asked about) more than :data:`MAX_AGENTS` agents near its load."""

    def __init__(self) -> None:
        super().__init__(f"more than {MAX_AGENTS:,} agents needed")


class QueueResult(NamedTuple):
    """What ``agents`` positions achieve on a queue."""

    agents: int
    offered_load: float
    stable: bool
    prob_wait: float
    service_level: float
    asa: float | None
    """Average speed of answer in seconds (answered contacts); None when unstable."""
    occupancy: float
    abandonment: float | None = None
    """Share of offered contacts that hang up (Erlang A only)."""


class Requirement(NamedTuple):
    """The fewest positions that meet every constraint, and which one decided it."""

    agents: int
    binding: str
    result: QueueResult


def negligible_b(agents: int, load: float) -> bool:
    """Whether Erlang B is below the smallest float: ``agents`` so far above the load that
    the recursion could only count down to 0.

    For N ≥ A + 1, B(N, A) = P(X = N) / P(X ≤ N) with X ~ Poisson(A), and P(X ≤ N) ≥ 1/2
    (the median of X is below A + 1/3); so B ≤ 2·A^N·e^−A / N!, taken in logs. Then the
    chance of waiting underflows too and the service level is 1 to machine precision, so
    the answer is direct, however many agents (``agents: 999999999`` costs nothing).
    """
    if load <= 0 or agents < load + 1:
        return False
    log_bound = math.log(2.0) - load + agents * math.log(load) - math.lgamma(agents + 1.0)
    return log_bound < _LOG_NEGLIGIBLE


def erlang_b(agents: int, load: float) -> float:
    """Blocking probability of M/M/N/N by the stable recursion (no factorials); 0 at once
    when it is below the smallest float (:func:`negligible_b`). Over MAX_AGENTS agents
    otherwise, :class:`TooManyAgents`: the recursion takes a step an agent."""
    if negligible_b(agents, load):
        return 0.0
    if agents > MAX_AGENTS:
        raise TooManyAgents
    b = 1.0
    for n in range(1, agents + 1):
        b = load * b / (n + load * b)
    return b


@functools.lru_cache(maxsize=REMEMBERED, typed=True)
def erlang_b_near(agents: int, load: float) -> float:
    """Erlang B for any headcount, in O(√A) steps instead of O(A).

    Well below the load, B(n, A) is close to 1 − n/A, and the recursion pulls a start near
    that value onto the true curve by a factor n/A a step (A/n above the load): it starts at
    least 12·√A + 20 agents below the load, and far enough below ``agents`` that those
    factors multiply to under e^-50 (:func:`_start`). Starting 12·√A + 20 below the load
    whatever the headcount left an error of 0.6% one agent above that start (review
    attack54): a factor close to 1 a step, taken once; and a headcount further below went
    step by step from 1, 0.6 s a channel offered 150,000 Erlangs and staffed far below it,
    as Erlang A asks (a queue whose callers hang up is stable below its load).
    """
    first = _start(agents, load)
    if first <= 0 or agents > MAX_AGENTS or negligible_b(agents, load):
        return erlang_b(agents, load)
    b = 1.0 - first / load
    for n in range(first + 1, agents + 1):
        b = load * b / (n + load * b)
    return b


def _start(agents: int, load: float) -> int:
    """Where :func:`erlang_b_near` starts its recursion for ``agents`` (0 or less: at 1).

    The steps from s to n below the load shrink an error by ∏ k/A ≤ exp(−Σ (A − k)/A)
    ≈ exp(−((A − s)² − d²) / 2A), d = A − n: under e^-50 where (A − s)² ≥ 100·A + d². Above
    the load the steps from A on shrink it further. At most 10·√A + 20 steps below the load
    and 12·√A + 20 at it."""
    below = max(0.0, load - agents)
    reach = math.sqrt(100 * load + below * below)
    return math.floor(min(load - 12 * math.sqrt(load) - 20, load - reach))


def wait_from_b(agents: int, load: float, b: float) -> float:
    """Erlang C (the chance of waiting) from Erlang B with the same agents and load."""
    return agents * b / (agents - load * (1 - b))


_c_from_b = wait_from_b


def erlang_c(agents: int, load: float) -> float:
    """Probability an arrival waits in M/M/N; 1 when the queue is unstable (N ≤ A)."""
    if agents <= load:
        return 1.0
    return _c_from_b(agents, load, erlang_b_near(agents, load))


def _unstable(agents: int, load: float) -> QueueResult:
    return QueueResult(
        agents=agents,
        offered_load=load,
        stable=False,
        prob_wait=1.0,
        service_level=0.0,
        asa=None,
        occupancy=1.0,
    )


def _evaluate_c_with_b(
    agents: int, load: float, aht: float, threshold: float, b: float
) -> QueueResult:
    if agents <= load:
        return _unstable(agents, load)
    c = _c_from_b(agents, load, b)
    gap = agents - load
    sl = 1.0 - c * math.exp(-gap * threshold / aht)
    return QueueResult(
        agents=agents,
        offered_load=load,
        stable=True,
        prob_wait=c,
        service_level=min(1.0, max(0.0, sl)),
        asa=c * aht / gap,
        occupancy=load / agents,
    )


def evaluate_c(agents: int, load: float, aht: float, threshold: float) -> QueueResult:
    """Erlang C: service level within ``threshold``, ASA and occupancy for ``agents``.

    A headcount that cannot keep up, or one so far above the load that no one waits, is
    answered at once; in between, a queue over :data:`MAX_AGENTS` is :class:`TooManyAgents`.
    """
    if agents <= load:
        return _unstable(agents, load)
    return _evaluate_c_with_b(agents, load, aht, threshold, erlang_b_near(agents, load))


def required_c(
    load: float | Fraction,
    aht: float,
    sl: float,
    threshold: float,
    asa: float | None = None,
    max_occupancy: Fraction | None = None,
) -> Requirement:
    """Fewest positions with service level ≥ ``sl`` (and ASA ≤ ``asa``, occupancy ≤ cap)."""
    a = float(load)
    if a >= MAX_AGENTS:  # a stable queue needs more agents than its load
        raise TooManyAgents
    start = math.floor(a) + 1
    b = erlang_b_near(start - 1, a)
    n = start
    while True:
        b = a * b / (n + a * b)
        result = _evaluate_c_with_b(n, a, aht, threshold, b)
        if keeps(result, sl, asa):
            break
        n += 1
        if n > MAX_AGENTS:
            raise TooManyAgents
    if n == start:
        binding = "stability"  # the first stable headcount already meets every target
    elif asa is not None and keeps(evaluate_c(n - 1, a, aht, threshold), sl):
        binding = "asa"
    else:
        binding = "service_level"
    return _cap(
        Requirement(agents=n, binding=binding, result=result),
        load,
        max_occupancy,
        lambda m: evaluate_c(m, a, aht, threshold),
    )


def _cap(
    req: Requirement,
    load: float | Fraction,
    max_occupancy: Fraction | None,
    evaluate: Callable[[int], QueueResult],
    busy: Callable[[int], float] | None = None,
) -> Requirement:
    if max_occupancy is None or max_occupancy <= 0:
        return req
    floor_n = occupancy_floor(load, max_occupancy, busy)
    if floor_n > req.agents:
        return Requirement(agents=floor_n, binding="occupancy", result=evaluate(floor_n))
    return req


def occupancy_floor(
    load: float | Fraction, max_occupancy: Fraction, busy: Callable[[int], float] | None = None
) -> int:
    """Fewest whole agents whose occupancy stays under the ceiling: the whole headcount at
    or above :func:`ceiling_servers` (occupancy falls as agents are added)."""
    return max(1, math.ceil(ceiling_servers(load, max_occupancy, busy)))


def ceiling_servers(
    load: float | Fraction,
    max_occupancy: Fraction,
    busy: Callable[[int], float] | None = None,
    person: int = 1,
) -> Fraction:
    """Fewest servers, whole or not, whose occupancy (busy time ÷ servers) stays under the
    ceiling: the one reading of the occupancy ceiling every command shares.

    Without abandonment every contact is served, the busy time is the offered load, and the
    answer is A ÷ ceiling, exactly. With it (Erlang A), ``busy(n)`` is the carried load of
    n whole servers, A·(1 − abandonment(n)), less than A: 16 Erlangs with 30 s patience and
    a 4-minute handle time keep 16 servers 85.5% busy and 17 servers 83.4%, so an 85%
    ceiling is held from about 16.2, not from 16 ÷ 0.85 = 18.8. Between whole headcounts the
    busy time is the two whole ones' weighted as `fractional` weighs them, so the answer is
    the exact point in that stretch. Below ``person`` servers (one person part of the time,
    nobody the rest) occupancy is one person's at any share: when one person holds the
    ceiling, the need is the offered load at the ceiling, at most one person.
    """
    exact = Fraction(load) if isinstance(load, Fraction) else Fraction(repr(load))
    offered = exact / max_occupancy
    if busy is None or exact == 0:
        return offered
    cap = float(max_occupancy)

    def over(n: int) -> bool:
        return busy(n) > cap * n + TOLERANCE * n

    if not over(person):
        return min(offered, Fraction(person))
    lo, hi = person, max(person + 1, math.ceil(offered))  # busy ≤ A: A ÷ ceiling holds
    step = 1
    while hi - step > lo and not over(hi - step):
        hi -= step
        step *= 2
    lo = max(lo, hi - step)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if over(mid) else (lo, mid)
    # Solved in fractions: the exact point on the line between the two headcounts' figures.
    below, above = Fraction(busy(lo)), Fraction(busy(hi))  # lo is over the ceiling, hi not
    room = max_occupancy - (above - below)  # > 0: occupancy falls from lo to hi
    share = (below - max_occupancy * lo) / room if room > 0 else Fraction(1)
    return lo + min(Fraction(1), max(Fraction(0), share))


def scheduled_agents(required: int | Fraction, shrinkage: Decimal | Fraction) -> int:
    """Positions to schedule so ``required`` remain after shrinkage, on exact rationals."""
    available = 1 - Fraction(shrinkage)
    if available <= 0:
        raise ValueError("shrinkage of 100% leaves no one to answer")
    return math.ceil(Fraction(required) / available)


# ---- Erlang A (M/M/N+M) -------------------------------------------------------------------


def _harmonic(a: float, m: int) -> float:
    """Σ 1/(a + i) for i = 1 … m: summed term by term when there are few, else as the
    difference of digamma functions ψ(a + m + 1) − ψ(a + 1) from their asymptotic series.

    Patient callers put the peak of the queue far out: an hour's patience on a million
    calls an hour, millions of states, where summing each term took seconds, and a year's
    (valid until patience was capped at an hour) a minute (review user19 U6)."""
    if m <= 256:
        return math.fsum(1.0 / (a + i) for i in range(1, m + 1))
    x, head = a + 1, 0.0
    while x < 40:  # ψ(x) = ψ(x + 1) − 1/x, up to where the series is exact to a double
        head, x, m = head + 1.0 / x, x + 1, m - 1
    # ψ(z) ~ ln z − 1/(2z) − 1/(12z²) + 1/(120z⁴) − 1/(252z⁶); the next term is under 1e-15
    # from z = 40 on. ln(y) − ln(x) is taken as log1p(m/x), y = x + m: the two are close
    # when m ≪ a, and m is exact where y − x is not.
    return head + math.log1p(m / x) + _digamma_tail(x + m) - _digamma_tail(x)


def _digamma_tail(z: float) -> float:
    z2 = z * z
    return -1 / (2 * z) - 1 / (12 * z2) + 1 / (120 * z2 * z2) - 1 / (252 * z2 * z2 * z2)


def _series(n: int, lam: float, mu: float, theta: float) -> tuple[float, float, float, float]:
    """Sums over waiting states j ≥ 0 relative to π_N, scaled by exp(log_scale).

    t_j = b^j / ∏_{i=1..j}(a+i) with a = Nμ/θ, b = λ/θ. Returns (log_scale, Σt_j,
    Σt_j·a/(a+j+1), Σt_j·a/(a+j+1)·H_j) where H_j = Σ_{i=1..j+1} 1/(a+i); these give the
    probability of waiting, of being served after waiting, and the mean wait of the served.
    """
    a, b = n * mu / theta, lam / theta
    peak = max(0, math.floor(b - a))
    log_scale = (
        peak * math.log(b) - (math.lgamma(a + peak + 1) - math.lgamma(a + 1)) if peak else 0.0
    )
    h_peak = _harmonic(a, peak + 1)
    s0 = s1 = s2 = 0.0
    t, h, j = 1.0, h_peak, peak
    while True:  # forward from the peak
        served = a / (a + j + 1)
        s0, s1, s2 = s0 + t, s1 + t * served, s2 + t * served * h
        t *= b / (a + j + 1)
        j += 1
        h += 1.0 / (a + j + 1)
        # Past the peak each term is the last times a ratio that falls, so what is left is
        # under t ÷ (1 − ratio): once that is negligible, so is the tail. Waiting for the
        # ratio to fall under 0.9 alone took b/9 terms more (b = λ/θ, the calls a patience
        # holds): a million Erlangs of one-second calls with 2 minutes' patience, a plan's
        # `hours: Mon 00:00-00:01`, was minutes of terms of 0 (review input63).
        ratio = b / (a + j + 1)
        if t < 1e-17 * s0 and (ratio < 0.9 or t < 1e-16 * s0 * (1 - ratio)):
            break
    t, h, j = 1.0, h_peak, peak
    while j > 0:  # backward
        t *= (a + j) / b
        h -= 1.0 / (a + j + 1)
        j -= 1
        served = a / (a + j + 1)
        s0, s1, s2 = s0 + t, s1 + t * served, s2 + t * served * h
        if t < 1e-17 * s0:
            break
    return log_scale, s0, s1, s2


@functools.lru_cache(maxsize=REMEMBERED, typed=True)
def evaluate_a(
    agents: int, load: float, aht: float, threshold: float, patience: float
) -> QueueResult:
    """Erlang A: service level of offered contacts, abandonment, ASA of answered contacts.

    Exact closed forms (Garnett, Mandelbaum & Reiman 2002; Mandelbaum & Zeltyn 2007): the
    served-within-T share needs the regularised lower incomplete gamma function.
    """
    mu, theta = 1.0 / aht, 1.0 / patience
    lam = load * mu
    a, b = agents * mu / theta, lam / theta
    eb = erlang_b_near(agents, load)  # O(√A): a 100,000-agent queue is one of many
    log_scale, s0, s1, s2 = _series(agents, lam, mu, theta)
    # D = Σ_k π_k / π_N = (1/E_B − 1) + Σ_j t_j, taken in logs to survive extreme loads.
    rest = (1.0 / eb - 1.0) if eb > 0 else math.inf
    log_s0 = log_scale + math.log(s0)
    log_d = (
        log_s0
        if rest == 0
        else _logaddexp(math.log(rest) if rest != math.inf else math.inf, log_s0)
    )
    p_wait = math.exp(log_s0 - log_d)
    served_after_wait = math.exp(log_scale + math.log(s1) - log_d)
    abandon = max(0.0, p_wait - served_after_wait)
    mean_wait_served = math.exp(log_scale + math.log(s2) - log_d) / theta if s2 > 0 else 0.0
    answered = 1.0 - abandon
    within = 0.0
    if threshold > 0:
        log_diff = log_gamma_p_diff(a + 1, b * math.exp(-theta * threshold), b)
        if log_diff is not None:
            log_ai = math.log(a) + b - (a + 1) * math.log(b) + math.lgamma(a + 1) + log_diff
            within = math.exp(log_ai - log_d)
    sl = min(1.0, max(0.0, (1.0 - p_wait) + within))
    busy = load * answered  # carried load: λ(1 − P_ab)/μ
    return QueueResult(
        agents=agents,
        offered_load=load,
        stable=True,
        prob_wait=p_wait,
        service_level=sl,
        asa=mean_wait_served / answered if answered > 0 else None,
        occupancy=min(1.0, busy / agents),
        abandonment=abandon,
    )


def _logaddexp(x: float, y: float) -> float:
    if x == math.inf or y == math.inf:
        return math.inf
    hi, lo = max(x, y), min(x, y)
    return hi + math.log1p(math.exp(lo - hi))


def required_a(
    load: float | Fraction,
    aht: float,
    sl: float,
    threshold: float,
    patience: float,
    asa: float | None = None,
    abandonment_max: float | None = None,
    max_occupancy: Fraction | None = None,
    seen: dict[int, QueueResult] | None = None,
) -> Requirement:
    """Fewest positions meeting the targets with abandonment; may be below the load.

    Service level, ASA and abandonment all improve with every added agent, so the answer is
    found by bracketing from the Erlang C headcount (usually close) and bisecting. ``seen``
    collects every headcount evaluated, for a caller that will judge a headcount nearby.
    """
    a = float(load)
    seen = {} if seen is None else seen

    def result(n: int) -> QueueResult:
        if n not in seen:
            seen[n] = evaluate_a(n, a, aht, threshold, patience)
        return seen[n]

    def meets(n: int) -> bool:
        return keeps(result(n), sl, asa, abandonment_max)

    lo, hi = _bracket(meets, max(1, required_c(a, aht, sl, threshold).agents))
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if meets(mid) else (mid, hi)
    binding = _binding_a(result(hi - 1) if hi > 1 else None, sl, asa)
    return _cap(
        Requirement(agents=hi, binding=binding, result=result(hi)),
        load,
        max_occupancy,
        result,
        lambda n: result(n).occupancy * n,  # carried load: callers who hang up keep no one busy
    )


def _bracket(meets: Callable[[int], bool], guess: int) -> tuple[int, int]:
    """(lo, hi) with meets(hi) true and lo = 0 or meets(lo) false."""
    if meets(guess):
        # Abandonment lowers the Erlang C headcount by a gap that grows with the load: for
        # small queues it is usually 0–2 agents, so the search steps down one at a time
        # twice (2–3 evaluations for most channels); large queues start with wide steps.
        hi, step, moved = guess, (1 if guess < 64 else guess // 8), 0
        while hi - step >= 1 and meets(hi - step):
            hi -= step
            moved += 1
            if moved >= 2 or step > 1:
                step *= 2
        return max(0, hi - step), hi
    lo, step = guess, max(1, guess // 8)
    while not meets(lo + step):
        lo += step
        step *= 2
        if lo > MAX_AGENTS:
            raise TooManyAgents
    return lo, lo + step


def _binding_a(prev: QueueResult | None, sl: float, asa: float | None) -> str:
    """Which target the headcount below the answer misses first; below one agent, with
    nobody to answer, the first target stated (no service level where none is asked: `staff
    --target none --asa 3m` read "service_level binds", review p-fix53f 5)."""
    if prev is None:
        return "service_level" if sl > 0 else "asa" if asa is not None else "abandonment"
    if not keeps(prev, sl):
        return "service_level"
    if asa is not None and not keeps(prev, sl, asa):
        return "asa"
    return "abandonment"


def threshold_for(result_at: float, agents: int, load: float, aht: float) -> float | None:
    """Shortest T with Erlang C service level ≥ ``result_at`` for ``agents``; None if never."""
    if agents <= load:
        return None
    c = erlang_c(agents, load)
    if c <= 1 - result_at:
        return 0.0
    return -math.log((1 - result_at) / c) * aht / (agents - load)
