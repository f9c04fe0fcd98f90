"""Queues at a fractional headcount: planned staff that is not a whole number of people.

A plan's FTE rarely give a whole number of people on shift: 3.64 positions means four people
for 64% of the open hours and three for the rest. Contacts arrive evenly, so

- with patience (Erlang A), service level, ASA and abandonment are the two whole
  headcounts' figures weighted 36 : 64 (linear interpolation);
- without (Erlang C), the chance of waiting is so weighted (36% × C(3) + 64% × C(4), where
  a headcount that cannot keep up has C = 1), and waiting contacts are cleared by the spare
  capacity of the 3.64 people: P(wait > T) = C·exp(−(3.64 − A)·T/aht), ASA = C·aht/(3.64 − A).
  Interpolating the service level itself would call 3.64 people on 3.0 Erlangs a queue that
  never clears, since three of them cannot keep up; and a reading that changed with the
  load could ask for fewer people as volume grows;
- a person brings as many servers as the chats they take at once: 2.6 people taking 3
  chats each are 6 chat slots 40% of the time and 9 the rest (not 7 and 8: no one works
  7.8 slots; review calc26 D1), and the spare capacity is that of the 7.8 slots;
- below one person, 0.6 of a position is one person 60% of the time and nobody the rest,
  as above. A contact that
  finds nobody is not answered within a queue's target, so the service level is 60% of one
  person's. With patience, those callers hang up: the answered share is 60% of one person's,
  abandonment 40% + 60% of one person's. Without, they wait for the person to come back:
  every contact is answered in the end, at one person's work over 60% of the time, and no
  mean wait can be promised. Inbox work (email, social, community and messaging, whatever
  the target) is the exception (a queue built with ``waits_for_staff``): a message that
  arrives while nobody is on shift waits in the inbox for the next person, so the pooled
  reading above holds for it.

Occupancy is busy time over staffed time (workload ÷ staff for Erlang C). Every figure
rises with the staff, falls with the load, and equals the whole headcount's at every whole
number.
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
    person: int = 1
    """Servers one person brings (the chats they take at once)."""
    waits_for_staff: bool = False
    """Inbox work: a contact that arrives while nobody is on shift waits for the next person
    (a caller's or a live chat's is not answered in time)."""

    def at(self, servers: Number, threshold: float) -> Performance:
        """The figures ``servers`` (whole or not) achieve, service level within ``threshold``."""
        if servers <= 0:
            return Performance(
                service_level=0.0,
                asa=None,
                busy=0.0,
                abandonment=1.0 if self.patience else None,
                stable=False,
                tail=None,
            )
        k = self.person  # people come whole, each with all the chats they take at once
        people = servers / k if k > 1 else servers
        n = math.floor(people)
        share = float(people) - n
        if share == 0:
            return self._whole(n * k, threshold)
        if n == 0 and (self.patience is not None or not self.waits_for_staff):
            return self._part_time(float(people), threshold)
        low, high = n * k, (n + 1) * k
        if self.patience is None:
            waits = (self._wait(low), self._wait(high))
            return self._pooled(float(servers), share, waits, threshold)
        return _blend(
            ((self._whole(low, threshold), 1 - share), (self._whole(high, threshold), share))
        )

    def _whole(self, n: int, threshold: float) -> Performance:
        if self.known is not None and threshold == self.known_at and n in self.known:
            a = self.known[n]
            return Performance(
                service_level=a.service_level,
                asa=a.asa,
                busy=a.occupancy * n,
                abandonment=a.abandonment,
                stable=True,
                tail=None,
            )
        if self.patience is not None:
            a = q.evaluate_a(n, self.load, self.aht, threshold, self.patience)
            return Performance(
                service_level=a.service_level,
                asa=a.asa,
                busy=a.occupancy * n,
                abandonment=a.abandonment,
                stable=True,
                tail=None,
            )
        c = q.evaluate_c(n, self.load, self.aht, threshold)
        if not c.stable:
            return Performance(
                service_level=0.0,
                asa=None,
                busy=float(n),
                abandonment=None,
                stable=False,
                tail=None,
            )
        rate = (n - self.load) / self.aht
        return Performance(
            service_level=c.service_level,
            asa=c.asa,
            busy=self.load,
            abandonment=None,
            stable=True,
            tail=((c.prob_wait, rate),),
        )

    def _part_time(self, share: float, threshold: float) -> Performance:
        """One person ``share`` of the time, nobody the rest. With patience the calls nobody
        is there for are lost and the answered ones wait as one person's do; without, they
        wait for the person, so none of them is answered in time and all of the work is done
        in ``share`` of the time."""
        one = self._whole(self.person, threshold)
        if self.patience is None:
            stable = one.stable and self.load < share * self.person
            # Not answered within T: everyone who finds nobody, and one person's own tail.
            tail = ((1 - share, 0.0), *((a * share, r) for a, r in one.tail or ()))
            return Performance(
                service_level=one.service_level * share if stable else 0.0,
                asa=None,
                busy=self.load if stable else share * self.person,
                abandonment=None,
                stable=stable,
                tail=tail if stable and one.tail is not None else None,
            )
        return Performance(
            service_level=one.service_level * share,
            asa=one.asa,
            busy=one.busy * share,
            abandonment=1 - share * (1 - (one.abandonment or 0.0)),
            stable=True,
            tail=None,
        )

    def _waits(self, n: int) -> tuple[float, float]:
        """Erlang C's chance of waiting with n and n + 1 servers (1 where they cannot keep up)."""
        b = q.erlang_b_near(n, self.load)
        c_n = q.wait_from_b(n, self.load, b) if n > self.load else 1.0
        b = self.load * b / (n + 1 + self.load * b)
        return c_n, q.wait_from_b(n + 1, self.load, b) if n + 1 > self.load else 1.0

    def _wait(self, n: int) -> float:
        """Erlang C's chance of waiting with n servers (1 where they cannot keep up)."""
        return self._waits(n)[0]

    def _pooled(
        self, servers: float, share: float, waits: tuple[float, float], threshold: float
    ) -> Performance:
        """Erlang C between two whole headcounts, the higher ``share`` of the time (see the
        module's note); ``waits`` are their chances of waiting."""
        if servers <= self.load:
            return Performance(
                service_level=0.0, asa=None, busy=servers, abandonment=None, stable=False, tail=None
            )
        wait = (1 - share) * waits[0] + share * waits[1]
        rate = (servers - self.load) / self.aht
        level = min(1.0, max(0.0, 1.0 - wait * math.exp(-rate * threshold)))
        return Performance(
            service_level=level,
            asa=wait / rate,
            busy=self.load,
            abandonment=None,
            stable=True,
            tail=((wait, rate),),
        )

    def least(self, share: float, threshold: float) -> float:
        """Fewest servers, whole or not, answering ``share`` within ``threshold`` (Erlang C).

        Deferred work is staffed in hours, not in whole people, so its need is the exact
        point on the curve between whole headcounts where the target is met.
        """
        if self.load <= 0:
            return 0.0
        k = self.person
        if k > 1:  # whole people, each with k chats (review calc27 N2): solved in people
            people = q.required_c(self.load, self.aht, share, threshold).agents // k
            while self.at(people * k, threshold).service_level < share - q.TOLERANCE:
                people += 1
            low = max(self.load / k, people - 1.0)
            return k * _solve(
                lambda x: self.at(x * k, threshold).service_level - share, low, float(people)
            )
        n = q.required_c(self.load, self.aht, share, threshold).agents
        lo = max(self.load, n - 1.0)
        waits = self._waits(n - 1)
        return _solve(
            lambda x: self._pooled(x, x - (n - 1), waits, threshold).service_level - share,
            lo,
            float(n),
        )


def _blend(parts: Iterable[tuple[Performance, float]]) -> Performance:
    """Weighted figures of queues that each see a share of the contacts."""
    parts = [(p, w) for p, w in parts if w > 0]
    stable = all(p.stable for p, _ in parts)
    waits = [p.asa for p, _ in parts]
    dropped = [p.abandonment for p, _ in parts]
    tails = [p.tail for p, _ in parts]
    return Performance(
        service_level=sum(p.service_level * w for p, w in parts),
        asa=None if None in waits else sum((p.asa or 0.0) * w for p, w in parts),
        busy=sum(p.busy * w for p, w in parts),
        abandonment=None if None in dropped else sum((p.abandonment or 0.0) * w for p, w in parts),
        stable=stable,
        tail=None
        if None in tails
        else tuple((a * w, r) for p, w in parts for a, r in (p.tail or ())),
    )


def _answered_wait(parts: list[tuple[Performance, float]]) -> float:
    """The average wait of the contacts answered over a day's intervals: each one's ASA (its
    answered contacts' wait) weighted by the contacts it answers, not those offered, where
    callers hang up (review calc39 F7: busy intervals lose more callers and wait longer, and
    offered weights told 6.01 s where the answered waited 5.98 s on average). Between two
    headcounts (``_blend``) figures stay a straight line, as `staff` documents."""
    if all(not p.abandonment for p, _ in parts):
        return sum((p.asa or 0.0) * w for p, w in parts)
    answered = [(p.asa or 0.0, w * (1 - (p.abandonment or 0.0))) for p, w in parts]
    served = sum(a for _, a in answered)
    return sum(wait * a for wait, a in answered) / served if served else 0.0


def mix(parts: Iterable[tuple[Performance, float]]) -> Performance:
    """Figures over several intervals, weighted by their contacts (busy time adds up)."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0][0]
    total = sum(w for _, w in parts)
    if total <= 0:
        return Performance(
            service_level=1.0, asa=0.0, busy=0.0, abandonment=None, stable=True, tail=()
        )
    shares = [(p, w / total) for p, w in parts]
    blended = _blend(shares)
    asa = None if blended.asa is None else _answered_wait([(p, w) for p, w in shares if w > 0])
    return blended._replace(busy=sum(p.busy for p, _ in parts), asa=asa)


def keepable(parts: list[tuple[Queue, Number, float]], share: float) -> float | None:
    """Shortest T with the contact-weighted service level within T at least ``share``.

    Erlang C tails are sums of exponentials, so the level is concave in T and Newton's
    method from T = 0 climbs to the answer without overshooting. Erlang A is bisected.
    """
    if share >= 1:
        return None  # no time keeps every contact (units refuses such a target)
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


def _newton(terms: list[tuple[float, float]], share: float) -> float | None:
    """Shortest T with 1 − Σ a·exp(−r·T) ≥ share; None when the terms that never decay
    (r = 0: contacts that find nobody on shift) leave too few to reach it."""
    if 1 - sum(a for a, r in terms if r <= 0) < share - 1e-13:
        return None
    if all(r <= 0 for _, r in terms):
        return 0.0  # nothing decays, and what never does leaves enough answered at once
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
