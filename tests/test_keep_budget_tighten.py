"""`fix --keep-budget` writes a loosened intraday target as tight as the staff keep it, as
`promise` of the fixed plan says (recalc58). A tighter target places the staff again over
the intervals; where the first tighter figure was then missed, the loose one was written
back: the delight phone beside a chat 0.5 FTE cannot keep up
(tests/data/plans/intraday-retarget-beside-unkept.yaml) at a people line of 760,000 GBP
had 15.8 FTE written 80% in 25m, and `promise` of that plan said 'can keep 80% in 15m10s;
declared 80% in 25m is kept by the planned 15.8 FTE; 15.5 FTE would keep it'."""

from __future__ import annotations

import json
from pathlib import Path

from cs_align.engine import CheckOptions
from cs_align.fixer import fix
from cs_align.loader import parse_plan
from tests.conftest import ROOT, Invoke

PLAN = ROOT / "tests" / "data" / "plans" / "intraday-retarget-beside-unkept.yaml"


def test_a_tightened_target_missed_where_it_places_the_staff_is_written_as_they_keep_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    # By hand: 760,000 / 48,000 = 15.83 → 15.8 FTE, all on the phone (the chat's 11.1 to
    # keep up is beyond the money, `keepbudget._whole_first`). Placed for 80% in 25m the
    # 15.8 keep 80% in 13m13s; 14m, written so, places them where they miss it; placed for
    # 14m they keep 15m10s, so 16m (the minute up, under an hour), and there they keep it.
    # The chat asks 99% in 5s, more FTE than the phone's targets need, so the phone is
    # poured first (with its 80% in 30s, 16.0 FTE, the chat is kept whole first: planner60).
    text = PLAN.read_text(encoding="utf-8").replace("people: 816000", "people: 760000")
    text = text.replace('"80% in 30s"', '"99% in 5s"')
    result = fix(text, parse_plan(text, "plan.yaml"), CheckOptions(), keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes["channels[phone].agents"] == "15.8"
    assert changes["channels[phone].target.service_level"] == "80% in 16m"  # was 80% in 25m
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(result.text, encoding="utf-8")
    said = invoke("promise", str(fixed)).out
    assert said.startswith("phone: can keep 80% in 15m10s; declared 80% in 16m is kept"), said
    findings = json.loads(invoke("check", str(fixed), "-f", "json").out)["plans"][0]["findings"]
    missed = [f["path"] for f in findings if f["rule"] == "staffing-meets-targets"]
    assert missed == ["channels[chat].target"], missed  # the phone keeps what fix wrote
