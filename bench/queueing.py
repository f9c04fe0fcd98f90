"""Benchmark: required-agent solves, an Erlang A solve, a week of intervals.

Prints figures; compares against pyworkforce's ErlangC when it is installed (install it only
for the benchmark: `pip install pyworkforce`), else against a textbook factorial Erlang C.
Run: python bench/queueing.py
"""

from __future__ import annotations

import math
import time

from cs_align import queueing as q

LOADS = [0.1 + i * (2000 - 0.1) / 999 for i in range(1000)]


def ours() -> None:
    for a in LOADS:
        q.required_c(a, 180.0, 0.8, 20.0)


def textbook() -> None:
    """Erlang C from the power series, agent by agent: the usual hand-written baseline."""
    for a in LOADS[:100]:  # 10× fewer: it is slow
        n = math.floor(a) + 1
        while True:
            log_terms = [k * math.log(a) - math.lgamma(k + 1) for k in range(n)]
            top = max(log_terms)
            head = sum(math.exp(t - top) for t in log_terms)
            tail = math.exp(n * math.log(a) - math.lgamma(n + 1) - top) * n / (n - a)
            c = tail / (head + tail)
            if 1 - c * math.exp(-(n - a) * 20 / 180) >= 0.8:
                break
            n += 1


def pyworkforce() -> float | None:
    try:
        from pyworkforce.queuing import ErlangC  # type: ignore[import-not-found]
    except ImportError:
        return None
    start = time.perf_counter()
    for a in LOADS:
        erlang = ErlangC(
            transactions=a * 1800 / 180, aht=3, asa=20 / 60, interval=30, shrinkage=0.0
        )
        erlang.required_positions(service_level=0.8, max_occupancy=1.0)
    return time.perf_counter() - start


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def week_of_intervals() -> None:
    for _channel in range(5):
        for interval in range(7 * 96):
            load = 5 + 40 * math.sin(math.pi * (interval % 96) / 96) ** 2
            q.required_c(load, 240.0, 0.8, 20.0)


def main() -> None:
    t_ours = timed(ours)
    print(f"1,000 Erlang C solves, A = 0.1 … 2,000: {t_ours:.3f} s")
    baseline = pyworkforce()
    if baseline is not None:
        print(
            f"pyworkforce ErlangC.required_positions, same inputs: {baseline:.3f} s "
            f"→ {baseline / t_ours:.1f}× faster"
        )
    else:
        t_text = timed(textbook) * 10
        print(
            f"textbook power-series Erlang C (extrapolated from 100): {t_text:.3f} s "
            f"→ {t_text / t_ours:.1f}× faster (pyworkforce not installed)"
        )
    start = time.perf_counter()
    q.required_a(1400.0, 300.0, 0.8, 20.0, 180.0)
    print(f"Erlang A solve at ~1,400 agents: {(time.perf_counter() - start) * 1000:.1f} ms")
    print(f"a week of 15-minute intervals × 5 channels: {timed(week_of_intervals):.3f} s")


if __name__ == "__main__":
    main()
