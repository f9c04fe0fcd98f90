"""attack54b: hostile and unusual plan input, in every command (helper attack54b)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GOOD, Invoke

UNDERFUNDED = (EXAMPLES / "delight-underfunded-misaligned.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "flags", "written"),
    [
        # A share may be written 0.3 as well as 30% (README): fix raises delight's shrinkage
        # to its floor of 25% and wrote "25%" beside the 0 as written, then compared the two
        # as numbers: "internal error: InvalidOperation", exit 2.
        (GOOD.replace("shrinkage: 32%", "shrinkage: 0"), (), "shrinkage: 25%"),
        (GOOD.replace("shrinkage: 32%", "shrinkage: 0.1"), (), "shrinkage: 25%"),
        # --keep-budget loosens the abandonment ceiling to what the money keeps: 14.6%.
        (
            UNDERFUNDED.replace("abandonment_max: 8%", "abandonment_max: 0.08"),
            ("--keep-budget",),
            "abandonment_max: 14.6%",
        ),
    ],
)
def test_fix_rewrites_a_share_written_as_a_plain_number(
    text: str, flags: tuple[str, ...], written: str, tmp_path: Path, invoke: Invoke
) -> None:
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = invoke("fix", "plan.yaml", "-f", "diff", *flags, cwd=tmp_path)
    assert "internal error" not in result.err
    assert result.code in (0, 1), result.err
    assert any(line.startswith("+") and written in line for line in result.out.splitlines())
