"""The planned staff can keep every declared response target.

Why: a promised answer time is a staffing decision. Queueing math (Erlang C; Erlang A when
`patience` is given) says how many people must be on shift for the target at the planned
volume and handle time; a plan with fewer promises what it does not fund.

Source: 002 (responding quickly needs appropriate staffing); 004 (FedEx's 81-second answer
is a promise quietly broken).

Options:
    tolerance_fte: FTE a channel may fall short before it fails (default 0.5, rounding).

Fails:
    - {id: phone, kind: voice, volume: 40000/month, handle_time: 7m30s,
       target: {service_level: 80% in 20s}, agents: 20}        # needs about 60 FTE
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from cs_align.rules.base import CHANNEL, LOWER, Context, Hit, Options, fte, pct, secs
from cs_align.units import exact

ID = "staffing-meets-targets"
AREA = "staffing"
SEVERITY = "error"
TITLE = "Staffing can keep every declared target"
SOURCE = "002, 004"
REACH = CHANNEL


class StaffingOptions(Options):
    tolerance_fte: Annotated[Decimal, LOWER] = Decimal("0.5")


OPTIONS = StaffingOptions


def check(ctx: Context, options: StaffingOptions) -> Iterator[Hit]:
    for index, channel, m in ctx.channels():
        if not m.target_text or m.required_positions == 0:
            continue
        if m.fte_gap <= exact(options.tolerance_fte):
            continue
        achieved = "which cannot keep up (the queue grows without bound)"
        if m.stable and m.service_level is not None:
            if m.model in ("workload", "erlang-c-deferred"):
                achieved = f"which answers 90% within {secs(m.first_response)}"
            else:
                achieved = (
                    f"which answers {pct(m.service_level)} within the target time "
                    f"with ASA {secs(m.asa)}"
                )
        yield Hit(
            f"{channel.id}: {m.target_text} needs {m.required_positions} agents on shift "
            f"= {fte(m.required_fte)} FTE; plan has {fte(m.planned_fte)} FTE, {achieved}",
            ("channels", index, "target"),
            f"plan {fte(m.required_fte)} FTE for {channel.id} "
            f"(+{fte(m.fte_gap)}), or promise what the staff can keep "
            f"(`cs-align promise`)",
        )
