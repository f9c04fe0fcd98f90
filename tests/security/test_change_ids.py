"""A change's id (review fix49g): of what the change is, field by field, so no two changes
share one, and not of the day the run happens."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from cs_align.policy import Note, change_id
from tests.security.conftest import ALIGNED, Repo, Result, on_main
from tests.security.test_attack47_approvals import _approve
from tests.security.test_policy import _without_phone
from tests.security.test_policy_periods import _for

Cli = Callable[..., Result]


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


def _rest_of_year(repo: Repo, today: dt.date, rest: str) -> None:
    """Main's plan for the year; the change ends it ``today`` and adds ``rest`` for the days
    after it."""
    year = today.year
    on_main(repo, {"plans/acme.yaml": _for(ALIGNED, f"{year}-01-01", f"{year}-12-31")})
    repo.write("plans/acme.yaml", _for(ALIGNED, f"{year}-01-01", f"{today}"))
    repo.write("plans/acme-rest.yaml", _for(rest, f"{today + DAY}", f"{year}-12-31"))
    repo.commit("the plan ends today; the rest of the year without a phone line")


def _on(monkeypatch: pytest.MonkeyPatch, today: dt.date) -> None:
    """Runs read ``today`` as the day they happen on."""
    import cs_align.engine

    monkeypatch.setattr(cs_align.engine, "day", lambda options: today)


def _policy_changed(cli: Cli, *args: str) -> tuple[int, str, str, list[str]]:
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json", *args)
    assert result.code in (0, 1), result.err
    (found,) = (
        f
        for p in json.loads(result.out)["plans"]
        for f in p["findings"]
        if f["rule"] == "policy-changed"
    )
    ids = re.findall(r"--approve-policy-change ([0-9a-f]{32})", found["fix"])
    return result.code, found["severity"], found["message"], ids


DAY = dt.timedelta(days=1)
TENTH = dt.date(2026, 12, 10)


def test_an_approval_of_the_days_still_to_come_holds_the_next_day(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plan in force ends on 10 December and the rest of the year's plan has no phone
    # line. Over 2026 the phone is gone 21 days of 365: 2,069.8 × 21 ÷ 365 = 119 of 2,644.7
    # calls a week (4.5%, within a tenth); over the days still to come, 10-31 December, on
    # 21 of 22 days: the cut is said "from 2026-12-10 to 2026-12-31", and its id was of
    # that text (and of its figures, counted on the day), so the reviewer's approval of
    # 10 December approved nothing on 11 December: the same change failed again.
    _rest_of_year(repo, TENTH, _without_phone(ALIGNED))
    _on(monkeypatch, TENTH)
    code, _, message, ids = _policy_changed(cli)
    assert code == 1 and "from 2026-12-10 to 2026-12-31 at main" in message, message
    assert _policy_changed(cli, *_approve(ids))[:2] == (0, "info")
    for later in (TENTH + DAY, TENTH + 2 * DAY):
        _on(monkeypatch, later)
        code, severity, message, _ = _policy_changed(cli, *_approve(ids))
        assert (code, severity) == (0, "info"), message
        # The message still says the figures of the day it is read on.
        assert "people answer 2,645 contacts a week" in message, message


def test_an_approval_of_the_days_still_to_come_covers_no_other_change(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: the same note, once approved, read for another change the next day (the
    # rest of the year's e-mail team cut as well, or the plan in force ended a day later):
    # the plans the figures are counted from differ, so the id does, whatever the day.
    _rest_of_year(repo, TENTH, _without_phone(ALIGNED))
    _on(monkeypatch, TENTH)
    ids = _policy_changed(cli)[3]
    assert _policy_changed(cli, *_approve(ids))[0] == 0
    rest = (repo.root / "plans/acme-rest.yaml").read_text(encoding="utf-8")
    assert "agents: 4.5" in rest and "2026-12-11" in rest
    for name, text in (
        ("plans/acme-rest.yaml", rest.replace("agents: 4.5", "agents: 2.0")),
        ("plans/acme-rest.yaml", rest.replace("2026-12-11", "2026-12-20")),
    ):
        repo.write(name, text)
        repo.commit("another change")
        for day in (TENTH, TENTH + DAY):
            _on(monkeypatch, day)
            code, severity, message, pending = _policy_changed(cli, *_approve(ids))
            assert (code, severity) == (1, "error") and pending, (day, message)
        repo.write(name, rest)
        repo.commit("back")
