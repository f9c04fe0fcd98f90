"""Generated plans for differential tests: every channel kind, every built-in strategy and
mixes, per-period volumes and intraday intervals, with and without a budget."""

from __future__ import annotations

from hypothesis import strategies as st

STRATEGIES = [
    "universal",
    "automated",
    "because-we-can",
    "cost-race",
    "delight",
    "engagement",
    "extraordinary-trust",
    "fast-food",
    "genius",
    "squeaky-wheel",
    "tiered",
]
KINDS = ["voice", "chat", "messaging", "in-person", "email", "social", "community", "self-service"]
QUEUED = {"voice", "chat", "messaging", "in-person"}
HOURS = [
    "24x7",
    "Mon-Fri 08:00-20:00",
    "Mon-Sat 09:00-17:30",
    '["Mon-Fri 08:00-12:00", "Mon-Fri 13:00-17:00"]',
    '["Mon-Fri 08:00-20:00", "Sat 09:00-13:00"]',
    "Sun-Thu 07:30-16:00",
]
# Interval tilings for the hours above that have one span a day (start, end in hours).
SPANS = {"24x7": (0, 24), "Mon-Fri 08:00-20:00": (8, 20)}
QUEUED_TARGETS = [
    '{service_level: "80% in 20s"}',
    '{service_level: "90% in 60s", asa: 15s}',
    "{asa: 30s}",
    '{service_level: "80% in 2m"}',
    '{service_level: "50% in 10m"}',
]
WRITTEN_TARGETS = [
    "{first_response: 4h}",
    "{first_response: 24h}",
    "{first_response: 1 business day}",
    "{first_response: 8 business hours}",
    "{first_response: 30m}",
]


@st.composite
def channel(draw: st.DrawFn, index: int, segment: str | None = None) -> str:
    kind = draw(st.sampled_from(KINDS))
    lines = [f"  - id: {kind}-{index}", f"    kind: {kind}"]
    if segment:
        lines.append(f"    segment: {segment}")
    if kind == "self-service":
        lines.append(f"    containment: {draw(st.integers(0, 90))}%")
        if draw(st.booleans()):
            lines.append("    outage_updates: true")
        return "".join(line + "\n" for line in lines)
    staffed = "humans"
    if kind != "voice" and draw(st.integers(0, 5)) == 0:
        staffed = draw(st.sampled_from(["bots", "mixed"]))
        lines.append(f"    staffed_by: {staffed}")
    hours = draw(st.sampled_from(HOURS))
    lines.append(f"    hours: {hours}")
    if hours in SPANS and draw(st.integers(0, 3)) == 0:
        start, end = SPANS[hours]
        step = draw(st.sampled_from([1, 2, 4]))
        counts = [draw(st.integers(0, 400)) for _ in range(start, end, step)]
        if not any(counts):
            counts[0] = 1
        intervals = ", ".join(
            f'{{at: "{h:02d}:00", contacts: {n}}}'
            for h, n in zip(range(start, end, step), counts, strict=True)
        )
        lines.append(f"    volume: {{interval: {step}h, intervals: [{intervals}]}}")
    else:
        per = draw(st.sampled_from(["hour", "day", "week", "month", "year"]))
        scale = {"hour": 1, "day": 1, "week": 7, "month": 30, "year": 365}[per]
        lines.append(f"    volume: {{contacts: {draw(st.integers(1, 1500)) * scale}, per: {per}}}")
    lines.append(f"    handle_time: {draw(st.integers(20, 1800))}s")
    if kind in QUEUED:
        target = draw(st.sampled_from(QUEUED_TARGETS))
        if kind == "voice" and draw(st.booleans()):
            lines.append(f"    patience: {draw(st.integers(20, 900))}s")
            if draw(st.booleans()):
                target = target[:-1] + f", abandonment_max: {draw(st.integers(2, 20))}%}}"
                target = target.replace("{, ", "{")
        if kind in ("chat", "messaging"):
            lines.append(f"    concurrency: {draw(st.integers(1, 4))}")
        if draw(st.integers(0, 4)) == 0:
            lines.append(f"    peak_factor: {draw(st.sampled_from(['1.2', '1.5', '2']))}")
    else:
        target = draw(st.sampled_from(WRITTEN_TARGETS))
        if draw(st.integers(0, 4)) == 0:
            target = (
                target[:-1] + f", resolution: {draw(st.sampled_from(['48h', '3 business days']))}}}"
            )
    if draw(st.integers(0, 6)):
        lines.append(f"    target: {target}")
    if staffed != "bots" and draw(
        st.integers(0, 4)
    ):  # most channels state their staff; some share the pool
        lines.append(f"    agents: {draw(st.integers(0, 600)) / 10}")
    return "".join(line + "\n" for line in lines)


@st.composite
def plans(draw: st.DrawFn) -> str:
    """A valid plan's text."""
    mixed = draw(st.integers(0, 5)) == 0
    n = draw(st.integers(1, 4))
    segments = ""
    if mixed:
        strategy = (
            f"\n  primary: {draw(st.sampled_from(STRATEGIES))}\n"
            f"  by_segment: {{b: {draw(st.sampled_from(STRATEGIES))}}}"
        )
        share = draw(st.integers(5, 95))
        segments = (
            f"segments:\n  - {{id: a, share: {share}%}}\n  - {{id: b, share: {100 - share}%}}\n"
        )
        channels = "".join(draw(channel(i, "ab"[i % 2])) for i in range(max(n, 2)))
    else:
        strategy = draw(st.sampled_from(STRATEGIES))
        channels = "".join(draw(channel(i)) for i in range(n))
    practices = "".join(
        f"  {name}: {draw(values)}\n"
        for name, values in (
            ("training_hours_per_agent", st.integers(0, 160)),
            ("uses_scripts", st.sampled_from(["true", "false"])),
            (
                "rewarded_on",
                st.sampled_from(["[csat]", "[handle_time, csat]", "[contacts_per_hour]"]),
            ),
            ("refund_authority", st.integers(0, 400)),
            ("escalation_to_engineering", st.sampled_from(["true", "false"])),
            ("leadership_service_hours_per_month", st.integers(0, 6)),
            ("product_people_in_conversation", st.sampled_from(["true", "false"])),
        )
        if draw(st.integers(0, 5))
    )
    budget = ""
    if draw(st.integers(0, 5)):
        people = draw(st.integers(0, 4_000_000))
        training = draw(st.integers(0, 90_000))
        total = people + training + draw(st.sampled_from([0, 0, 1000, -1000]))
        lines = f"{{people: {people}, training: {training}}}"
        budget = f"budget:\n  total: {max(total, 0)}\n  lines: {lines}\n"
    period = draw(
        st.sampled_from(
            [
                "",
                "period: {start: 2027-01-01, end: 2027-12-31}\n",
                "period: {start: 2027-01-01, end: 2027-06-30}\n",
            ]
        )
    )
    total_agents = draw(st.sampled_from(["", f"  agents: {draw(st.integers(0, 1500)) / 10}\n"]))
    paid = draw(
        st.sampled_from(
            ["", "  paid_hours_per_fte: 1800/year\n", "  paid_hours_per_fte: 37.5/week\n"]
        )
    )
    cost = draw(
        st.sampled_from(
            [
                "",
                f"  loaded_cost_per_fte: {draw(st.integers(20, 120)) * 1000}\n",
                f"  loaded_cost_per_fte: {draw(st.integers(200_000, 9_000_000)) / 100}\n",
            ]
        )
    )
    currency = draw(st.sampled_from(["", "", "currency: EUR\n", "currency: KWD\n"]))
    if "." not in cost and draw(st.integers(0, 5)) == 0:
        currency = "currency: JPY\n"
    return (
        "version: 1\norganisation: Generated Co\n"
        + currency
        + period
        + f"strategy: {strategy}\n"
        + 'promise: "People answer quickly and can put things right."\n'
        + "channels:\n"
        + channels
        + segments
        + "staffing:\n"
        + total_agents
        + f"  shrinkage: {draw(st.integers(0, 45))}%\n"
        + f"  max_occupancy: {draw(st.integers(60, 100))}%\n"
        + paid
        + cost
        + practices
        + budget
    )
