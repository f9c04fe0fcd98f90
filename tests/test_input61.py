"""Review input61: plans read as their authors wrote them, or refused at the value itself
with what to write instead; and any bytes at all given as a plan end in a clear exit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOOD, Invoke

VOLUME = "volume: {contacts: 9000, per: month}"


@pytest.mark.parametrize(
    ("volume", "said"),
    [
        (
            "volume: {contacts: ~, per: month}",
            "plan.yaml:15:24: channels[phone].volume.contacts: is empty — write e.g. "
            "`contacts: 40000`",
        ),
        (
            "volume: {contacts: 9000, per: }",
            "plan.yaml:15:35: channels[phone].volume.per: is empty — write e.g. `per: month`",
        ),
        (
            'volume: {interval: ~, intervals: [{at: "08:00", contacts: 9000}]}',
            "plan.yaml:15:24: channels[phone].volume.interval: is empty — write e.g. "
            "`interval: 30m`",
        ),
    ],
    ids=["contacts", "per", "interval"],
)
def test_a_volume_part_left_empty_is_told_at_that_part(
    invoke: Invoke, tmp_path: Path, volume: str, said: str
) -> None:
    # Before: "plan.yaml:15:13: channels[phone].volume: volume needs contacts and per", at
    # the `{`, of a volume that wrote both keys.
    assert VOLUME in GOOD
    (tmp_path / "plan.yaml").write_text(GOOD.replace(VOLUME, volume), encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err
    assert "needs contacts and per" not in result.err


def test_a_volume_without_its_period_is_still_told_what_it_needs(
    invoke: Invoke, tmp_path: Path
) -> None:
    plan = GOOD.replace(VOLUME, "volume: {contacts: 9000}")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "plan.yaml:15:13: channels[phone].volume: volume needs contacts and per" in result.err
