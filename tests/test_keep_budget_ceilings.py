"""`fix --keep-budget` writes only targets its staff keep: check on its output finds no
abandonment ceiling it wrote missed (review: a KWD plan with a tight budget and a service
level and abandonment target was written an abandonment ceiling of 40.1%, then missed).
Over intraday intervals a ceiling written moves the staff it was read from; a ceiling still
missed once the rounds stop is raised to what the staff then give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cs_align.engine import CheckOptions, assess
from cs_align.fixer import fix
from cs_align.loader import parse_plan

DATA = Path(__file__).parent / "data" / "plans"


def _kuwaiti(strategy: str, people: int, intraday: bool) -> str:
    """A phone line in KWD (intraday, or 9,000 calls a month flat), 80% in 20s and at most 8%
    abandoning with callers patient for a minute or two, beside a chat line with a ceiling
    of its own; the people line ``people`` KWD at 14,321.987 an FTE."""
    text = (DATA / "intraday-abandonment-gbp.yaml").read_text(encoding="utf-8")
    text = text.replace("currency: GBP", "currency: KWD").replace(
        "strategy: delight", f"strategy: {strategy}"
    )
    text = text.replace(
        "target: {abandonment_max: 1%}",
        'target: {service_level: "80% in 20s", abandonment_max: 8%}',
    )
    if not intraday:
        text = re.sub(
            r"volume:\n      interval: 1h\n      intervals:\n(        - .*\n)+",
            "volume: {contacts: 9000, per: month}\n",
            text,
        ).replace("patience: 60s", "patience: 2m")
    text = text.replace(
        "  - id: help-centre",
        "  - id: chat\n    kind: chat\n    hours: Mon-Fri 09:00-21:00\n"
        "    volume: {contacts: 400, per: day}\n    handle_time: 9m\n    concurrency: 2\n"
        '    patience: 90s\n    target: {service_level: "80% in 60s", abandonment_max: 5%}\n'
        "    agents: 8\n  - id: help-centre",
    )
    text = text.replace("staffing:\n  agents: 14", "staffing:\n  agents: 22")
    text = text.replace("loaded_cost_per_fte: 48000", "loaded_cost_per_fte: 14321.987")
    text = re.sub(
        r"budget:\n  total: \d+\n  lines: \{[^}]*\}",
        f"budget:\n  total: {people + 50_000}\n  lines: {{people: {people}, training: 50000}}",
        text,
    )
    return text + "exchange_rates: {USD: 0.307}\n"


@pytest.mark.parametrize(
    ("strategy", "people", "intraday"),
    [
        ("delight", 150_000, True),
        ("fast-food", 190_000, True),
        ("fast-food", 300_000, True),
        ("cost-race", 120_000, False),
        ("delight", 230_000, False),
    ],
)
def test_a_ceiling_keep_budget_writes_is_kept(strategy: str, people: int, intraday: bool) -> None:
    text = _kuwaiti(strategy, people, intraday)
    loaded = parse_plan(text, "plan.yaml")
    result = fix(text, loaded, CheckOptions(), keep_budget=True)
    written = {
        c.path.removesuffix(".target.abandonment_max"): c.after
        for c in result.changes
        if c.path.endswith(".target.abandonment_max")
    }
    assert written, "the money keeps no abandonment ceiling the plan states"
    again = assess(parse_plan(result.text, "plan.yaml"), CheckOptions(), reveal=False)
    assert again.metrics is not None
    for where, ceiling in written.items():
        channel = where.removeprefix("channels[").removesuffix("]")
        m = again.metrics.channel(channel)
        assert m is not None and "abandonment" not in m.misses, (where, ceiling, m.abandonment)
        # Written rounded up, to the tenth of a point: never a figure below what they give.
        assert m.abandonment is not None
        assert float(ceiling.removesuffix("%")) / 100 >= m.abandonment - 1e-12
