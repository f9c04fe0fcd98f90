"""The report's stress test: the default `whatif`, a tornado chart, and per-channel detail
capped so a plan with thousands of channels still reads."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cs_align import charts
from cs_align.scenarios import scenarios
from cs_align.units import column_gap, column_planned, fmt_share, fmt_wait
from cs_align.whatif import WhatIf, ceiling_notes, exposures, run

if TYPE_CHECKING:
    from cs_align.engine import CheckOptions
    from cs_align.findings import Report
    from cs_align.loader import LoadedPlan

CHANNELS_SHOWN = 12
"""Per-channel rows and charts a report shows: the channels with the least headroom."""


def stress(loaded: LoadedPlan, options: CheckOptions, planned: Report) -> WhatIf:
    """The default what-if set, judged as `cs-align whatif PLAN` judges it (``planned``: the
    plan's own judgement)."""
    return run(loaded, options, scenarios([], grid=False), planned)


def least_headroom(whatif: WhatIf, limit: int = CHANNELS_SHOWN) -> list[str]:
    """Staffed channels, those that fail as planned first (a missed target, or a queue that
    cannot keep up: two such were left out for channels that kept theirs, review out29
    R17), then those closest to running short: the least planned FTE to spare, as a share
    of the planned FTE, under any scenario."""

    def headroom(cid: str) -> Fraction:
        spare = []
        for o in whatif.outcomes:
            m = o.metrics.channel(cid)
            if m is not None and m.planned_fte:
                spare.append((m.planned_fte - m.required_fte) / m.planned_fte)
        return min(spare, default=Fraction(-1))

    failing = {c.id for c in whatif.planned.channels if c.misses or not c.stable}
    ids = [c.id for c in whatif.planned.channels]
    return sorted(ids, key=lambda cid: (cid not in failing, headroom(cid), ids.index(cid)))[:limit]


def section(
    whatif: WhatIf,
    shown: list[str],
    money: Callable[[Decimal], str],
    text: Callable[[str], str],
    fmt: str,
) -> dict[str, Any]:
    """What the template's stress-test section reads."""
    from cs_align.escaping import html_prose, markdown_prose

    prose = markdown_prose if fmt == "md" else html_prose
    cost = whatif.cost
    total = len(whatif.planned.channels)
    # A channel kept to an ASA alone has no service level: its row is its ASA, named so
    # (review calc51 D3: such a plan's report had this table's heading and no row at all).
    rows = [
        {"channel": text(cid), "levels": _levels(whatif, cid)}
        for cid in shown
        if _has_level(whatif, cid)
    ]
    waits = [
        {"channel": text(f"{cid} (ASA)"), "levels": _waits(whatif, cid)}
        for cid in shown
        if not _has_level(whatif, cid) and _has_asa(whatif, cid)
    ]
    rows += waits
    names = [o.scenario.name for o in whatif.outcomes]
    return {
        "scenarios": [
            {
                "name": o.scenario.name,
                "verdict": o.report.verdict,
                "required_fte": column_planned(o.metrics.needed_fte),  # as `whatif` shows it
                "extra_fte": column_gap(o.extra_fte),
                "extra_cost": money(o.extra_cost(cost) or Decimal(0))
                if cost and o.extra_fte
                else "–",
                "breaks": text(", ".join(sorted({f.rule for f in o.broken}))) or "–",
            }
            for o in whatif.outcomes
        ],
        "factors": names,
        "rows": rows,
        "heading": "Service level and ASA by scenario" if waits else "Service level by scenario",
        "shown": len(shown),
        "total": total,
        "capped": total > len(shown),
        "tornado": _tornado(whatif, fmt),
        "left_out": [text(why) for why in whatif.skipped],
        # Staff other channels have to spare, which `fix` moves before it hires (p-fix51o 5);
        # prose, as a finding's fix: its `cs-align fix` showed with its backticks (user52).
        "spare_notes": [prose(note) for note in whatif.spare_notes()],
        # What `fix` adds to hold the occupancy ceiling, which the extra FTE leave out.
        "ceiling_notes": [prose(note) for note in ceiling_notes(whatif)],
    }


def _has_level(whatif: WhatIf, cid: str) -> bool:
    m = whatif.planned.metrics.channel(cid)
    return m is not None and m.service_level is not None


def _has_asa(whatif: WhatIf, cid: str) -> bool:
    m = whatif.planned.metrics.channel(cid)
    return m is not None and m.goal.asa is not None


def _waits(whatif: WhatIf, cid: str) -> list[str]:
    """A channel's ASA in each scenario as `whatif` shows it (rounded up; "–" where the
    queue cannot keep up and no average wait can be promised)."""
    found = []
    for o in whatif.outcomes:
        m = o.metrics.channel(cid)
        found.append(
            "–" if m is None or m.asa is None or not m.stable else fmt_wait(m.asa, m.goal.asa)
        )
    return found


def _levels(whatif: WhatIf, cid: str) -> list[str]:
    found = []
    for o in whatif.outcomes:
        m = o.metrics.channel(cid)
        level = m.service_level if m is not None else None
        if level is None or m is None:
            found.append("–")
        else:
            found.append(fmt_share(level, m.goal.share if m.goal.kind == "service_level" else None))
    return found


def _tornado(whatif: WhatIf, fmt: str) -> str:
    """FTE the targets need as each input moves over its range, largest swing first. Each
    bar is the difference of the needs the stress table shows (rounded up to the tenth), so
    the chart and the table beside it agree (63.3 − 50.6 = 12.7, not the exact 12.6)."""
    shown = whatif.planned.metrics.needed_fte  # a need, as the tables show it
    bars = [
        charts.Bar(
            key=e.key,
            low=float(e.low.metrics.needed_fte - shown),
            high=float(e.high.metrics.needed_fte - shown),
            low_label=e.low.scenario.varies[0].text,
            high_label=e.high.scenario.varies[0].text,
        )
        for e in exposures(whatif)
    ]
    if not bars or (not shown and not any(b.low or b.high for b in bars)):
        return ""  # nobody needed in any scenario: no chart of zeros (the table says so)
    base = float(shown)
    return charts.mermaid_tornado(bars, base) if fmt == "md" else charts.svg_tornado(bars, base)
