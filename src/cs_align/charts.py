"""Charts for reports: Mermaid blocks for Markdown, self-contained inline SVG for HTML."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import NamedTuple

from markupsafe import Markup

from cs_align.escaping import visible
from cs_align.units import any_cents, fmt_amount, fmt_money, fmt_on_shift, fmt_share

PLANNED, REQUIRED, TARGET = "#2b6cb0", "#c05621", "#718096"
WIDTH = 480
"""The charts' width in their own units. Their text is 12 units high: the page draws a chart
at most 560 px wide, and a 390 px phone at about 0.76 of its size, so no label is smaller
than 9 px (at 640 units a phone drew them at 6.3 px: review consult47)."""
PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#319795", "#4a5568")


def _label(text: str) -> str:
    """A label safe inside a Mermaid string: no quotes, brackets, markup or line breaks
    (Mermaid's strict mode escapes markup, a looser renderer would not)."""
    cleaned = "".join(c if c.isprintable() else " " for c in text)
    for bad in '"[]{}();#`<>&':
        cleaned = cleaned.replace(bad, " ")
    return cleaned.strip()[:40] or "?"


def _fte(value: float) -> str:
    """An FTE label: a need arrives rounded up to the tenth; a planned figure shows as
    written to the thousandth, never rounded up (54.969, not 55.0)."""
    thousandths = math.floor(round(value * 1000, 6))
    text = f"{thousandths / 1000:,.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _level(value: float, target: float) -> str:
    """A service level plotted beside its target: a miss never reads as the target
    (79.998, not 80.0)."""
    return fmt_share(value, target).removesuffix("%")


def mermaid_fte(rows: list[tuple[str, float, float]]) -> str:
    """Needed vs planned FTE per channel as a Mermaid xychart (bars, then a line)."""
    labels = ", ".join(f'"{_label(r[0])}"' for r in rows)
    top = max((max(r[1], r[2]) for r in rows), default=1) * 1.15 or 1
    return (
        "xychart-beta\n"
        '    title "Needed (bars) vs planned (line) FTE per channel"\n'
        f"    x-axis [{labels}]\n"
        f'    y-axis "FTE" 0 --> {_axis_top(top)}\n'
        f"    bar [{', '.join(_fte(r[1]) for r in rows)}]\n"
        f"    line [{', '.join(_fte(r[2]) for r in rows)}]"
    )


def _axis_top(top: float) -> str:
    """An axis's top, never under the figures it holds: whole from 10 up, else up to the
    tenth (0.2 FTE needed and planned drew an axis "0 --> 0", its bars past the top)."""
    if top >= 10:
        return str(math.ceil(top))
    return f"{math.ceil(round(top * 10, 9)) / 10:.1f}"


def mermaid_budget(lines: Sequence[tuple[str, float | Decimal]], currency: str = "") -> str:
    """The budget lines as a Mermaid pie, each slice named with its amount as the budget table
    writes it ("people 1,283,400 USD"): `showData` printed the number Mermaid reads beside
    the name, "people [1283400]", with no separator and no currency (review outputs60). The
    number a slice is sized by is the amount in the currency's minor units (66666.667 KWD,
    78000000 JPY), never rounded to two decimals; with cents on every label where one has them,
    as the table sets its column."""
    amounts = [(name, Decimal(str(amount))) for name, amount in lines if amount > 0]
    cents = any_cents((a, currency) for _, a in amounts)  # as the table beside it
    body = "\n".join(
        f'    "{_label(name)} {fmt_money(amount, currency, cents=cents)}" : '
        f"{fmt_amount(amount, currency).replace(',', '')}"
        for name, amount in amounts
    )
    title = f"Budget split ({currency})" if currency else "Budget split"
    return f"pie\n    title {title}\n{body}"


def _people(n: float) -> str:
    """A headcount label: whole, or to two decimals for the planned part-time cover, cut
    down as every output shows it (`units.fmt_on_shift`)."""
    return f"{n:.0f}" if n == int(n) else fmt_on_shift(n)


def mermaid_curve(channel: str, points: list[tuple[float, float]], target: float) -> str:
    xs = ", ".join(_people(n) for n, _ in points)
    ys = ", ".join(_level(sl, target) for _, sl in points)
    goal = ", ".join(f"{target * 100:.1f}" for _ in points)
    return (
        "xychart-beta\n"
        f'    title "{_label(channel)}: service level vs agents on shift"\n'
        f'    x-axis "agents on shift" [{xs}]\n'
        '    y-axis "% answered in time" 0 --> 100\n'
        f"    line [{ys}]\n"
        f"    line [{goal}]"
    )


def _svg(width: int, height: int, body: list[str], title: str, says: str = "") -> Markup:
    """An inline chart. ``says`` is its figures in words: a screen reader reads a
    `role="img"` by its label alone, not the texts drawn inside (review user56: "Budget
    split" and nothing more), so the label carries the title and the figures."""
    label = escape(visible(f"{title}: {says}" if says else title))
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{label}" class="chart">'
        f"<title>{label}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}">'
        f"{escape(visible(text))}</text>"
    )


def _cut(text: str, most: int) -> str:
    """A label cut to ``most`` characters, its end shown as cut (the table beside the chart
    gives it whole)."""
    return text if len(text) <= most else text[: most - 1] + "…"


def svg_fte(rows: list[tuple[str, float, float]]) -> Markup:
    """Horizontal grouped bars: needed and planned FTE for each channel. The needs plotted
    are the channels table's "needed FTE", so the legend says "needed" (it said "required",
    JSON's name for another figure); each bar's label names it too, so the colour is not the
    only thing telling the two apart."""
    width, left, row_h = WIDTH, 150, 44
    height = 40 + row_h * len(rows)
    top = max((max(r[1], r[2]) for r in rows), default=1) or 1
    scale = (width - left - 100) / top
    body = [
        f'<rect x="{left}" y="8" width="12" height="12" fill="{REQUIRED}"/>',
        _text(left + 18, 18, "needed"),
        f'<rect x="{left + 100}" y="8" width="12" height="12" fill="{PLANNED}"/>',
        _text(left + 118, 18, "planned"),
    ]
    for i, (name, needed, planned) in enumerate(rows):
        y = 32 + i * row_h
        body.append(_text(left - 8, y + 22, _cut(name, 17), "end"))
        for j, (value, colour, what) in enumerate(
            ((needed, REQUIRED, "needed"), (planned, PLANNED, "planned"))
        ):
            bar_y = y + 4 + j * 18
            body.append(
                f'<rect x="{left}" y="{bar_y}" width="{max(value * scale, 1):.1f}" height="16" '
                f'fill="{colour}"/>'
            )
            body.append(_text(left + value * scale + 6, bar_y + 13, f"{_fte(value)} {what}"))
    says = "; ".join(f"{name} {_fte(n)} needed, {_fte(p)} planned" for name, n, p in rows)
    return _svg(width, height, body, "Needed vs planned FTE per channel", says)


def svg_budget(lines: list[tuple[str, float]]) -> Markup:
    """One stacked bar of the budget lines, with a legend."""
    width, bar_w = WIDTH, WIDTH - 40
    parts = [(n, a) for n, a in lines if a > 0]
    total = sum(a for _, a in parts) or 1
    body, x = [], 20.0
    for i, (_name, amount) in enumerate(parts):
        w = amount / total * bar_w
        colour = PALETTE[i % len(PALETTE)]
        body.append(f'<rect x="{x:.1f}" y="10" width="{w:.1f}" height="28" fill="{colour}"/>')
        x += w
    for i, (name, amount) in enumerate(parts):
        lx, ly = 20 + (i % 2) * 220, 60 + (i // 2) * 20
        body.append(
            f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        body.append(_text(lx + 18, ly, f"{_cut(name, 16)} {amount / total * 100:.1f}%"))
    height = 70 + ((len(parts) - 1) // 2) * 20 + 10
    says = ", ".join(f"{name} {amount / total * 100:.1f}%" for name, amount in parts)
    return _svg(width, height, body, "Budget split", says)


def svg_curve(
    channel: str, points: list[tuple[float, float]], target: float, planned: float
) -> Markup:
    """Service level against people on shift, with the target and the planned headcount.
    The channel and the axes are named in the picture, not only in its tooltip (three
    unnamed curves could not be told apart), and the planned point is a ring labelled
    "planned", not only another colour."""
    width, height, left, bottom, top = WIDTH, 290, 50, 44, 40
    title = f"{channel}: service level by people on shift"
    if not points:
        return _svg(width, 40, [_text(10, 20, f"{channel}: no data")], channel)
    xs = [n for n, _ in points]
    span = max(xs[-1] - xs[0], 1)
    plot_w, plot_h = width - left - 20, height - bottom - top

    def px(n: float) -> float:
        return left + (n - xs[0]) / span * plot_w

    def py(level: float) -> float:
        return top + (1 - level) * plot_h

    path = " ".join(
        f"{'M' if i == 0 else 'L'}{px(n):.1f},{py(sl):.1f}" for i, (n, sl) in enumerate(points)
    )
    body = [
        _text(4, 16, _cut(title, 64), "start", 13),
        f'<line x1="{left}" y1="{py(target):.1f}" x2="{width - 20}" y2="{py(target):.1f}" '
        f'stroke="{TARGET}" stroke-dasharray="6 4"/>',
        # Above the line, or below it where the curve runs close above (a 95% target).
        _text(
            width - 22,
            py(target) + (14 if target >= 0.85 else -4),
            f"target {target * 100:.0f}%",
            "end",
        ),
        f'<path d="{path}" fill="none" stroke="{PLANNED}" stroke-width="2"/>',
        f'<line x1="{left}" y1="{py(0):.1f}" x2="{width - 20}" y2="{py(0):.1f}" stroke="#999"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{py(0):.1f}" stroke="#999"/>',
        _text(left - 6, py(1) + 4, "100%", "end"),
        _text(left - 6, py(0) + 4, "0%", "end"),
        _text(left + plot_w / 2, height - 4, "people on shift", "middle"),
    ]
    # A tick label closer than this to the planned headcount's would print over it
    # ("10" and "10.09" read "1010.09").
    crowded = 26.0
    for n, sl in points:
        if n == planned:
            body.append(
                f'<circle cx="{px(n):.1f}" cy="{py(sl):.1f}" r="6" fill="#fff" '
                f'stroke="{REQUIRED}" stroke-width="3"/>'
            )
            body.append(_text(px(n), py(sl) - 10, "planned", "middle"))
        else:
            body.append(f'<circle cx="{px(n):.1f}" cy="{py(sl):.1f}" r="4" fill="{PLANNED}"/>')
            if abs(px(n) - px(planned)) < crowded and planned in xs:
                continue
        body.append(_text(px(n), height - bottom + 16, _people(n), "middle"))
    says = f"target {target * 100:.0f}%; " + ", ".join(
        f"{_people(n)} on shift{' (planned)' if n == planned else ''} {sl * 100:.1f}%"
        for n, sl in points
    )
    return _svg(width, height, body, title, says)


class Bar(NamedTuple):
    """One input of a tornado chart: the change in FTE at its lowest and highest value."""

    key: str
    low: float
    high: float
    low_label: str
    high_label: str

    @property
    def span(self) -> str:
        if self.low_label == self.high_label:
            return f"{self.key} {self.high_label}"
        return f"{self.key} {self.low_label} to {self.high_label}"


def mermaid_tornado(bars: list[Bar], base: float) -> str:
    """Mermaid has no tornado chart: each input's swing in FTE, largest first, as bars."""
    labels = ", ".join(f'"{_label(b.span)}"' for b in bars)
    swings = [max(b.high, b.low, 0) - min(b.low, b.high, 0) for b in bars]
    top = max(swings, default=1) * 1.15 or 1
    return (
        "xychart-beta horizontal\n"
        f'    title "Swing in FTE the targets need (as planned {_planned_need(base)})"\n'
        f"    x-axis [{labels}]\n"
        f'    y-axis "FTE" 0 --> {_axis_top(top)}\n'
        f"    bar [{', '.join(f'{s:.1f}' for s in swings)}]"
    )


def _planned_need(base: float) -> str:
    """The plan's need as planned, as the report's text says it: "nobody" where no target
    needs people (a bots-only plan's chart read "0.0 FTE needed")."""
    return f"{base:,.1f} FTE" if base else "nobody"


def svg_tornado(bars: list[Bar], base: float) -> Markup:
    """Bars either side of the plan as planned: FTE the targets need at each input's lowest
    and highest value, the input the plan is most exposed to on top."""
    # Input names flush left, then room for the labels of bars that reach either edge.
    width, left, right, row_h = WIDTH, 150, 90, 30
    height = 46 + row_h * len(bars)
    reach = max((max(abs(b.low), abs(b.high)) for b in bars), default=1.0) or 1.0
    half = (width - left - right) / 2
    zero = left + half

    def x(value: float) -> float:
        return zero + value / reach * half

    body = [
        _text(zero, 14, f"as planned: {_planned_need(base)} needed", "middle"),
        f'<line x1="{zero:.1f}" y1="22" x2="{zero:.1f}" y2="{height - 6}" stroke="#999"/>',
    ]
    for i, bar in enumerate(bars):
        y = 26 + i * row_h
        body.append(_text(4, y + 15, bar.key))
        sides = [(bar.high, bar.high_label, REQUIRED)]
        if bar.low_label != bar.high_label:
            sides.append((bar.low, bar.low_label, PLANNED))
        for value, label, colour in sides:
            body += _side(x(0), x(value), y, value, label, colour)
    title = "Tornado: FTE the targets need as each input moves (largest swing on top)"
    says = f"as planned {_planned_need(base)} needed; " + "; ".join(
        ", ".join(
            f"{bar.key} {label} {value:+,.1f}"
            for value, label in dict.fromkeys(
                [(bar.high, bar.high_label), (bar.low, bar.low_label)]
            )
            if label
        )
        for bar in bars
    )
    return _svg(width, height, body, title, says)


def _side(zero: float, end: float, y: float, value: float, label: str, colour: str) -> list[str]:
    """One side of a tornado bar, from the plan as planned to ``value``, labelled."""
    low, high = sorted((zero, end))
    anchor, at = ("end", low - 4) if value < 0 else ("start", high + 4)
    return [
        f'<rect x="{low:.1f}" y="{y + 3}" width="{max(high - low, 1):.1f}" height="18" '
        f'fill="{colour}"/>',
        _text(at, y + 16, f"{label}: {value:+,.1f}", anchor),
    ]
