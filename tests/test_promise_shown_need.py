"""promise shows a need beside the planned FTE as every other command does
(`units.shown_need`): rounded up to the tenth `fix` writes, never above planned staff that
keep it (review calc60, left: "needs 10.6 FTE (plan 10.55)" where whatif said 10.55)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Invoke
from tests.test_casebook import whatif_row, write
from tests.test_casebook_calc60 import full


def test_a_need_kept_by_the_planned_staff_is_shown_as_them(invoke: Invoke, tmp_path: Path) -> None:
    # 3,360 mails a week × 6 min = 336 h of work; at 32 productive hours an FTE that is 10.5
    # FTE, the load itself, at a 100% ceiling. 10.55 planned FTE are 10.55 × 32 = 337.6 h:
    # 336/337.6 = 99.5% busy, within the ceiling, so they keep up and nothing is short. The
    # tenth above the load, 10.6, is what a plan short of it is told; this plan needs only
    # the 10.55 it has, as whatif says.
    plan = write(tmp_path, "full.yaml", full("10.55"))
    assert whatif_row(invoke("whatif", plan).out, "as planned")[1:3] == ["10.55", "0.0"]
    said = invoke("promise", plan).out
    assert "its workload at the ceiling needs 10.55 FTE (plan 10.55)" in said
    assert "10.6" not in said


def test_a_need_short_of_the_planned_staff_is_still_rounded_up(
    invoke: Invoke, tmp_path: Path
) -> None:
    # 10.5 FTE are exactly the load (100% busy): they fall behind, and the least tenth that
    # keeps up is 10.6, 0.1 × 45,000 = 4,500 EUR a year more.
    plan = write(tmp_path, "full.yaml", full("10.5"))
    assert "its workload at the ceiling needs 10.6 FTE (plan 10.5), 4,500 EUR a year more" in (
        invoke("promise", plan).out
    )
