"""A change's id (review fix49g): of what the change is, field by field, so no two changes
share one, and not of the day the run happens."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from cs_align.policy import Note, change_id


def _id(path: str, note: str, key: str = "") -> str:
    """The id ``check`` gives the note ``note`` (naming ``key``) on the plan at ``path``."""
    trusted = SimpleNamespace(ref="main", relative=lambda p: Path(p))
    loaded: Any = SimpleNamespace(path=Path(path))
    tree: Any = SimpleNamespace(trusted=trusted)
    return change_id(loaded, Note(note, key), tree)


def test_no_two_changes_share_an_id_by_moving_text_between_their_fields() -> None:
    # The id was of the path, the note and what it names joined by newlines: the plan
    # plans/a.yaml with the note "b\nc" and the plan "plans/a.yaml\nb" with the note "c"
    # gave the same bytes, and so did a note "x" naming "y" and a note "x\ny" naming
    # nothing: an approval of one approved the other.
    assert _id("plans/a.yaml", "b\nc") != _id("plans/a.yaml\nb", "c")
    assert _id("plans/a.yaml", "x", "y") != _id("plans/a.yaml", "x\ny")
    assert _id("plans/a.yaml", "x\ny", "z") != _id("plans/a.yaml", "x", "y\nz")
    # The same change is the same id, run after run.
    assert _id("plans/a.yaml", "x", "y") == _id("plans/a.yaml", "x", "y")
    assert len(_id("plans/a.yaml", "x")) == 32
