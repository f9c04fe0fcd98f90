"""Queues at a fractional headcount: planned staff that is not a whole number of people.

A plan's FTE rarely give a whole number of people on shift: 3.64 positions means four people
for 64% of the open hours and three for the rest. Contacts arrive evenly, so service level,
ASA and abandonment are the two whole neighbours' figures weighted 36 : 64 (linear
interpolation), and occupancy is the busy time so weighted over the staffed time (workload ÷
staff for Erlang C).

That time-share breaks down where the lower headcount could not keep up at all (Erlang C
with no more people than the load) and below one person: part of the week would feed a
queue that grows without bound. There x is read instead as ⌈x⌉ people each working
x ÷ ⌈x⌉ of the time, that is ⌈x⌉ servers at that speed: 0.6 of a position answers like one
person at 60% speed, 2.5 like three people at 83%. Either way the figures rise with x and
agree with the whole headcounts at every whole number.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import NamedTuple

from cs_align import queueing as q

Number = Fraction | float | int


class Performance(NamedTuple):
    """What a (possibly fractional) number of servers achieve on a queue."""

    service_level: float
    asa: float | None
    """Mean wait of answered contacts in seconds; None when the queue grows without bound."""
    busy: float
    """Servers' busy time in Erlangs (carried load): occupancy is busy ÷ servers."""
    abandonment: float | None
    stable: bool
    tail: tuple[tuple[float, float], ...] | None
    """Erlang C only: P(wait > T) = Σ a·exp(−r·T), as (a, r) terms."""


class Queue(NamedTuple):
    """One queue: offered load in Erlangs, handle time in seconds, patience for Erlang A."""

    load: float
    aht: float
    patience: float | None = None
    known: Mapping[int, q.QueueResult] | None = None
    """Erlang A results already worked out for whole headcounts (sizing solved nearby)."""
    known_at: float = 0.0
    """The service-level time those results were worked out at."""

    def at(self, servers: Number, threshold: float) -> Performance:
        """The figures ``servers`` (whole or not) achieve, service level within ``threshold``."""
        if servers <= 0:
            return Performance(0.0, None, 0.0, 1.0 if self.patience else None, False, None)
        n = math.floor(servers)
        share = float(servers) - n
        if share == 0:
            return self._whole(n, threshold)
        if n == 0 or (self.patience is None and n <= self.load):
            return self._slowed(n + 1, float(servers), threshold)
        low, high = self._whole(n, threshold), self._whole(n + 1, threshold)
        return _blend(((low, 1 - share), (high, share)))

    def _whole(self, n: int, threshold: float) -> Performance:
        if self.known is not None and threshold == self.known_at and n in self.known:
            a = self.known[n]
            return Performance(a.service_level, a.asa, a.occupancy * n, a.abandonment, True, None)
        return self._server(n, self.load, self.aht, threshold)

    def _slowed(self, m: int, servers: float, threshold: float) -> Performance:
        """``m`` servers each working ``servers / m`` of the time."""
        speed = servers / m
        r = self._server(m, self.load / speed, self.aht / speed, threshold)
        return r._replace(busy=r.busy * speed)

    def _server(self, n: int, load: float, aht: float, threshold: float) -> Performance:
        if self.patience is not None:
            a = q.evaluate_a(n, load, aht, threshold, self.patience)
            return Performance(a.service_level, a.asa, a.occupancy * n, a.abandonment, True, None)
        c = q.evaluate_c(n, load, aht, threshold)
        if not c.stable:
            return Performance(0.0, None, float(n), None, False, None)
        rate = (n - load) / aht
        return Performance(c.service_level, c.asa, load, None, True, ((c.prob_wait, rate),))

    def least(self, share: float, threshold: float) -> float:
        """Fewest servers, whole or not, answering ``share`` within ``threshold`` (Erlang C).

        Deferred work is staffed in hours, not in whole people, so its need is the exact
        point on the interpolated curve where the target is met.
        """
        if self.load <= 0:
            return 0.0
        n = q.required_c(self.load, self.aht, share, threshold).agents
        if n - 1 > self.load:  # both neighbours stable: solve the straight line
            low = self._whole(n - 1, threshold).service_level
            high = self._whole(n, threshold).service_level
            return n - 1 + (share - low) / (high - low) if high > low else float(n)
        return self._least_slowed(n, share, threshold)

    def _least_slowed(self, m: int, share: float, threshold: float) -> float:
        """The root on the slowed reading, where P(wait > T) = C·exp(−(x − load)·T/aht).

        So x = load + aht·ln(C/(1 − share))/T, and C changes slowly with x: from C = 1 (an
        upper bound, since C ≤ 1) a secant on that fixed point converges in a few steps
        when T is well above the handle time; a bracketing search takes over otherwise.
        """
        lo, hi = max(self.load, m - 1.0), float(m)
        if threshold > 0:
            hi = min(hi, self.load + self.aht * math.log(1 / (1 - share)) / threshold)

            def moved(x: float) -> float:
                wait = q.erlang_c(m, self.load * m / x)
                return self.load + self.aht * math.log(wait / (1 - share)) / threshold - x

            x0, h0 = hi, moved(hi)
            x1 = x0 + h0
            for _ in range(12):
                if not lo < x1 <= hi:
                    break
                h1 = moved(x1)
                if abs(h1) < 1e-12 * x1 or h1 == h0:
                    return x1
                x0, h0, x1 = x1, h1, x1 - h1 * (x1 - x0) / (h1 - h0)
        return _solve(lambda x: self._slowed(m, x, threshold).service_level - share, lo, hi)


def _blend(parts: Iterable[tuple[Performance, float]]) -> Performance:
    """Weighted figures of queues that each see a share of the contacts."""
    parts = [(p, w) for p, w in parts if w > 0]
    stable = all(p.stable for p, _ in parts)
    waits = [p.asa for p, _ in parts]
    dropped = [p.abandonment for p, _ in parts]
    tails = [p.tail for p, _ in parts]
    return Performance(
        sum(p.service_level * w for p, w in parts),
        None if None in waits else sum((p.asa or 0.0) * w for p, w in parts),
        sum(p.busy * w for p, w in parts),
        None if None in dropped else sum((p.abandonment or 0.0) * w for p, w in parts),
        stable,
        None if None in tails else tuple((a * w, r) for p, w in parts for a, r in (p.tail or ())),
    )


def mix(parts: Iterable[tuple[Performance, float]]) -> Performance:
    """Figures over several intervals, weighted by their contacts (busy time adds up)."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0][0]
    total = sum(w for _, w in parts)
    if total <= 0:
        return Performance(1.0, 0.0, 0.0, None, True, ())
    blended = _blend((p, w / total) for p, w in parts)
    return blended._replace(busy=sum(p.busy for p, _ in parts))


def keepable(parts: list[tuple[Queue, Number, float]], share: float) -> float | None:
    """Shortest T with the contact-weighted service level within T at least ``share``.

    Erlang C tails are sums of exponentials, so the level is concave in T and Newton's
    method from T = 0 climbs to the answer without overshooting. Erlang A is bisected.
    """
    total = sum(w for _, _, w in parts) or 1.0
    if all(queue.patience is None for queue, _, _ in parts):
        terms: list[tuple[float, float]] = []
        for queue, servers, weight in parts:
            tail = queue.at(servers, 0.0).tail
            if tail is None:
                return None
            terms += [(a * weight / total, r) for a, r in tail]
        return _newton(terms, share)

    def level(t: float) -> float:
        return sum(queue.at(x, t).service_level * w for queue, x, w in parts) / total

    return _bisect_time(level, share, max(queue.aht for queue, _, _ in parts))


def _newton(terms: list[tuple[float, float]], share: float) -> float:
    if len(terms) == 1:  # one exponential tail: solve it outright
        a, r = terms[0]
        return max(0.0, math.log(a / (1 - share)) / r) if a > 0 else 0.0
    t = 0.0
    for _ in range(200):
        miss = sum(a * math.exp(-r * t) for a, r in terms)
        gap = 1 - miss - share
        if gap >= -1e-13:
            return t
        slope = sum(a * r * math.exp(-r * t) for a, r in terms)
        t -= gap / slope
    return t


def _bisect_time(level: Callable[[float], float], share: float, aht: float) -> float | None:
    if level(0.0) >= share:
        return 0.0
    hi = aht
    while level(hi) < share:
        hi *= 4
        if hi > 1e9:
            return None  # too many hang up before an answer, however long the target
    lo = 0.0
    while hi - lo > max(1e-6 * hi, 1e-3):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if level(mid) >= share else (mid, hi)
    return hi


def _solve(gap: Callable[[float], float], lo: float, hi: float) -> float:
    """The root of an increasing ``gap`` in [lo, hi] (Illinois false position)."""
    g_lo, g_hi = gap(lo), gap(hi)
    if g_hi <= 0:
        return hi
    if g_lo >= 0:
        return lo
    side = 0
    for _ in range(100):
        x = hi - g_hi * (hi - lo) / (g_hi - g_lo)
        g = gap(x)
        if abs(g) < 1e-13 or hi - lo < 1e-12 * max(1.0, hi):
            return x if g >= 0 else hi
        if g > 0:
            hi, g_hi = x, g
            if side == 1:
                g_lo /= 2
            side = 1
        else:
            lo, g_lo = x, g
            if side == -1:
                g_hi /= 2
            side = -1
    return hi
