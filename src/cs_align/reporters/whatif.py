"""`whatif` in every format it speaks: table, JSON, Markdown and CSV, from one `WhatIf`."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cs_align import __version__
from cs_align.escaping import csv_cell, json_text, markdown, markdown_prose, visible
from cs_align.metrics import ChannelMetrics
from cs_align.promise import kept_first
from cs_align.reporters.json import added, channel_dict, problem_dict, unusable
from cs_align.reporters.json import gap as json_gap
from cs_align.reporters.json import need as json_need
from cs_align.reporters.json import needed as json_needed
from cs_align.reporters.json import planned as json_planned
from cs_align.scenarios import KEYS
from cs_align.units import (
    any_cents,
    column_gap,
    column_need,
    column_planned,
    fmt_money,
    fmt_share,
)
from cs_align.whatif import Outcome, WhatIf, ceiling_notes

if TYPE_CHECKING:
    from cs_align.errors import Problem

_CHANNEL_HEAD = ("achieved", "ASA", "abandoned", "occupancy", "first response", "FTE needed")


def _head(m: ChannelMetrics) -> list[str]:
    """A channel's table head: its first response is in open time where it closes part of
    the week, as `check`, `promise` and the report say it (the column read "59m" as if by
    the clock; review calc53 W10)."""
    timed = m.open_time and m.first_response is not None
    named = "first response (open time)" if timed else "first response"
    return ["scenario", *(named if h == "first response" else h for h in _CHANNEL_HEAD)]


def _pct(value: float | None, bound: float | None = None) -> str:
    """A share as every output shows it (see ``fmt_share``)."""
    return "–" if value is None else fmt_share(value, bound)


def _occupied(m: ChannelMetrics, cap: float) -> str:
    """Occupancy as `occupancy-cap` judges it: over intervals, the week's beside the busiest
    interval's, named (review calc41 F7: a week's 84.7% hid a 92.5% peak)."""
    if not m.highest_at or m.highest_occupancy is None or not m.stable:
        return _pct(m.occupancy, cap)
    # The week's beside the ceiling too, as check's occupancy-cap message gives it.
    return f"{_pct(m.occupancy, cap)} ({_pct(m.highest_occupancy, cap)} at {m.highest_at})"


def _lost(value: float | None, bound: float | None) -> str:
    """Callers who hang up, measured: as `check` and the report show them, to the nearest
    tenth, or beside the ceiling with the digits that show which side it is on (review
    calc31 F4: rounded up here, 1.6% where the report said 1.5%). A target `promise`
    offers is another figure: a ceiling to write, rounded up so that the staff keep it."""
    return "–" if value is None else fmt_share(value, bound)


def _secs(value: float | None, target: float | None = None) -> str:
    """A wait; none where the queue grows without bound. Beside its target, to the places
    the target is written with (`fmt_wait`)."""
    from cs_align.rules.base import secs

    return "–" if value is None else secs(value, target)


def _spent(whatif: WhatIf, amount: Decimal | None, cents: bool = False) -> str:
    return "–" if amount is None else fmt_money(amount, whatif.loaded.plan.currency, cents=cents)


def _breaks(outcome: Outcome, limit: int = 2) -> str:
    shown = [f"{f.rule} ({f.path.split('.')[0]})" for f in outcome.broken[:limit]]
    more = len(outcome.broken) - limit
    return ", ".join(shown) + (f", +{more} more" if more > 0 else "")


def _summary_rows(whatif: WhatIf) -> list[list[str]]:
    currency = whatif.loaded.plan.currency
    # Every cost of the column with cents where one has them: decimal points in line (user59).
    cents = any_cents((o.extra_cost(whatif.cost), currency) for o in whatif.outcomes if o.extra_fte)
    return [
        [
            o.scenario.name,
            o.report.verdict,
            column_planned(o.metrics.needed_fte),  # what the budget must fund: the channels' sum
            column_gap(o.extra_fte),
            _spent(whatif, o.extra_cost(whatif.cost), cents) if o.extra_fte else "–",
            _breaks(o),
        ]
        for o in whatif.outcomes
    ]


def _channels_rows(whatif: WhatIf) -> dict[str, list[list[str]]]:
    """Each channel's rows, one a scenario, by channel id: every scenario's channels and
    costs looked up once (each channel's rows pricing every scenario's split of the extra
    cost anew took the square of the channels: `whatif` on 990 channels rendered its table
    for minutes after the 60-second limit on the work had passed)."""
    rows: dict[str, list[list[str]]] = {}
    cap = float(whatif.loaded.plan.staffing.max_occupancy)
    for o in whatif.outcomes:
        costs = o.channel_costs(whatif.cost)
        for m in o.metrics.channels:
            rows.setdefault(m.id, []).append(_channel_row(whatif, o, m, cap, costs))
    return rows


def _channel_row(
    whatif: WhatIf, o: Outcome, m: ChannelMetrics, cap: float, costs: dict[str, Decimal]
) -> list[str]:
    # A first-response time is one the staff keep: rounded up, as `promise` and the
    # report show it (keeping 95s means keeping 94.2s).
    first = (
        None
        if m.first_response is None
        else kept_first(m.first_response, m.goal.seconds if m.goal.timed else None)
    )
    share = m.goal.share if m.goal.kind == "service_level" else None
    return [
        o.scenario.name,
        _pct(m.service_level, share),
        _secs(m.asa, m.goal.asa),
        _lost(m.abandonment, m.goal.abandonment),
        _occupied(m, cap),
        first or "–",
        column_need(m.needed_fte, m.planned_fte),
        _spent(whatif, costs.get(m.id)) if m.extra_fte else "–",
    ]


def _heading(whatif: WhatIf, text: Callable[[str], str]) -> str:
    plan, planned = whatif.loaded.plan, whatif.planned
    return (
        f"{text(whatif.loaded.file)} ({text(plan.organisation)}, {text(planned.report.strategy)}): "
        f"as planned {planned.report.verdict}, {_planned(planned.metrics.planned_fte)}"
    )


def _planned(fte: Fraction) -> str:
    """Staff planned, in words where there are none: "nobody planned", never "0.0 FTE"."""
    return f"{column_planned(fte)} FTE planned" if fte else "nobody planned"


def _grid(head: list[str], rows: list[list[str]], left: set[int], indent: str = "  ") -> str:
    """Columns padded to their widest cell: those in ``left`` flush left, figures right."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = []
    for row in [head, *rows]:
        cells = [
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append(indent + "  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _channel_line(m: ChannelMetrics) -> str:
    planned = f"planned {column_planned(m.planned_fte)} FTE" if m.planned_fte else "nobody planned"
    return f"{m.id}: {m.goal.full_text or 'no target'}; {planned}"


SUMMARY_HEAD = ["scenario", "verdict", "FTE needed", "extra FTE", "extra cost a year", "breaks"]


def render_table(whatif: WhatIf) -> str:
    parts = [
        visible(_heading(whatif, str)) + "\n\n",
        _grid(SUMMARY_HEAD, [[visible(c) for c in r] for r in _summary_rows(whatif)], {0, 1, 5}),
        *_table_notes(whatif.spare_notes()),
        *_table_notes(ceiling_notes(whatif)),
    ]
    rows = _channels_rows(whatif)
    for m in whatif.planned.channels:
        parts.append(f"\n  {visible(_channel_line(m))}\n")
        head = [*_head(m), "extra cost a year"]
        parts.append(_grid(head, rows.get(m.id, []), {0}, "    "))
    parts += [f"\n  left out: {visible(why)}\n" for why in _left_out(whatif)]
    return "".join(parts)


def _table_notes(notes: list[str]) -> list[str]:
    """The first staff-to-spare note in full, the other scenarios' figures under it."""
    return [
        f"  note: {visible(note)}\n" if not i else f"    {visible(note)}\n"
        for i, note in enumerate(notes)
    ]


def _markdown_notes(notes: list[str]) -> list[str]:
    """As `_table_notes`: the first a paragraph, the other scenarios a list under it."""
    if not notes:
        return []
    lead = f"\nNote: {markdown_prose(notes[0])}."
    if len(notes) == 1:
        return [lead + "\n"]
    items = "".join(f"- {markdown_prose(note)}\n" for note in notes[1:])
    return [f"{lead} In the other scenarios:\n\n{items}"]


def _left_out(whatif: WhatIf) -> list[str]:
    """The default stresses left out, and why (the plan is judged; a stress is not asked)."""
    return [f"{why} (a default stress, left out)" for why in whatif.skipped]


def _md_table(head: list[str], rows: list[list[str]], left: set[int]) -> str:
    aligns = ["---" if i in left else "---:" for i in range(len(head))]
    lines = [head, aligns, *rows]
    return "".join("| " + " | ".join(line) + " |\n" for line in lines)


def render_markdown(whatif: WhatIf) -> str:
    summary = [[markdown(c) for c in r] for r in _summary_rows(whatif)]
    parts = [
        f"### What if: {_heading(whatif, markdown)}\n\n",
        _md_table(SUMMARY_HEAD, summary, {0, 1, 5}),
        *_markdown_notes(whatif.spare_notes()),
        *_markdown_notes(ceiling_notes(whatif)),
    ]
    channels_rows = _channels_rows(whatif)
    for m in whatif.planned.channels:
        parts.append(f"\n{markdown(_channel_line(m))}\n\n")
        rows = [[markdown(c) for c in r] for r in channels_rows.get(m.id, [])]
        parts.append(_md_table([*_head(m), "extra cost a year"], rows, {0}))
    parts += [f"\nLeft out: {markdown(why)}\n" for why in _left_out(whatif)]
    return "".join(parts)


def _channel_json(m: ChannelMetrics, cost: Decimal | None) -> dict[str, Any]:
    return {
        **channel_dict(m),
        "keeps_targets": not m.misses,
        "extra_fte": json_gap(m.extra_fte),
        "extra_cost": None if cost is None else str(cost),
    }


def _outcome_json(whatif: WhatIf, o: Outcome) -> dict[str, Any]:
    cost = whatif.cost
    extra, shares = o.extra_cost(cost), o.channel_costs(cost)
    return {
        "scenario": o.scenario.name,
        "changes": {v.key: v.text for v in o.scenario.varies},
        "verdict": o.report.verdict,
        "counts": {"error": o.report.summary().errors, "warning": o.report.summary().warnings},
        "required_fte": added(json_need(m.required_fte) for m in o.channels),
        # The channels' figures added up, as the table's are (each as JSON gives it).
        "needed_fte": added(json_needed(m.needed_fte, m.planned_fte) for m in o.channels),
        "planned_fte": json_planned(o.metrics.planned_fte),
        # The channels' gaps added up exactly, then shown as the table shows it, and priced
        # once (review calc39 F6: 2.8 FTE beside the cost of 2.7 and the table's 2.7).
        "extra_fte": json_gap(o.extra_fte),
        "extra_cost": None if extra is None else str(extra),
        # What `fix` may move to a short channel for nothing before it hires (extra_fte
        # prices each short channel alone; review p-fix51o 5).
        "spare_fte": json_planned(sum(whatif.spare(o).values(), Fraction(0))),
        "breaks": [f.to_dict() for f in o.broken],
        "channels": [_channel_json(m, shares.get(m.id)) for m in o.channels],
    }


def render_json(whatif: WhatIf) -> str:
    data = {
        "version": __version__,
        "plan": whatif.loaded.file,
        "strategy": whatif.planned.report.strategy,
        "currency": whatif.loaded.plan.currency,
        "cost_period": "year",
        "scenarios": [_outcome_json(whatif, o) for o in whatif.outcomes],
        "left_out": list(whatif.skipped),
    }
    return json_text(data, indent=2) + "\n"


CSV_HEAD = [
    "scenario",
    *KEYS,
    "verdict",
    "channel",
    "target",
    "service_level",
    "asa_seconds",
    "abandonment",
    "occupancy",
    "first_response_seconds",
    "planned_fte",
    "required_fte",
    "extra_fte",
    "extra_cost",
    "needed_fte",
    # Appended (other tools read this CSV by position too): the scenario's staff to spare,
    # as JSON's `spare_fte`, and this channel's part of them (review p-fix51o: CSV had none).
    "spare_fte",
    "channel_spare_fte",
    # Appended: the currency extra_cost is in and the period it covers, as JSON's top-level
    # `currency` and `cost_period` (review outputs60: a spreadsheet read "2500.03" of what).
    "currency",
    "cost_period",
]
_CHANNEL_KEYS = CSV_HEAD[9 : CSV_HEAD.index("spare_fte")]


def render_csv(whatif: WhatIf) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEAD)
    money = [whatif.loaded.plan.currency, "year"]
    for o in whatif.outcomes:
        varied = {v.key: v.text for v in o.scenario.varies}
        lead = [o.scenario.name, *(varied.get(k, "") for k in KEYS), o.report.verdict]
        shares = o.channel_costs(whatif.cost)
        spare = whatif.spare(o)
        total = json_planned(sum(spare.values(), Fraction(0)))
        for m in o.channels:
            row = _channel_json(m, shares.get(m.id))
            figures = [row[k] for k in _CHANNEL_KEYS]
            mine = json_planned(spare.get(m.id, Fraction(0)))
            writer.writerow([*lead, m.id, m.goal.full_text, *figures, total, mine, *money])
        if not o.channels:  # no channel people staff: the scenario and its verdict still are
            blank = ["" for _ in CSV_HEAD[len(lead) : -len(money)]]  # review input31 F15
            writer.writerow([*lead, *blank, *money])
    return out.getvalue()


RENDER: dict[str, Callable[[WhatIf], str]] = {
    "table": render_table,
    "json": render_json,
    "markdown": render_markdown,
    "csv": render_csv,
}
"""whatif's formats: name → renderer."""


def render_problems(fmt: str, plan: str, problems: Sequence[Problem]) -> str:
    """Unusable input in the format asked for, a document that carries the errors as
    `check`'s do: `whatif -f json | jq` read empty input, not the message (review out29
    R12). JSON keeps its keys (no scenarios) and adds `errors`; CSV is the errors, under
    their JSON keys; the table leaves them to stderr, as check's does."""
    if fmt == "json":
        return unusable(plan, problems, "scenarios")
    errors = [problem_dict(p) for p in problems]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(errors[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(
            {key: csv_cell(value) if isinstance(value, str) else value for key, value in e.items()}
            for e in errors
        )
        return out.getvalue()
    if fmt == "markdown":
        lines = [f"### What if: ❌ unusable input, {markdown(plan)} could not be judged\n\n"]
        for p in problems:
            where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
            fix = f" — *fix:* {markdown_prose(p.fix)}" if p.fix else ""
            lines.append(f"- {markdown(where)}: {markdown_prose(p.message)}{fix}\n")
        return "".join(lines)
    return ""
