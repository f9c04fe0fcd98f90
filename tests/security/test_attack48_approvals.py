"""An approval by id approves the change its note says, and no other (review attack48)."""

from __future__ import annotations

import datetime as dt

from tests.conftest import Repo
from tests.security.conftest import on_main
from tests.security.test_attack47_approvals import (
    SOON,
    WAIVERS,
    Cli,
    _approve,
    _check,
    _ids,
    _short_email,
)

BUDGET_WAIVER = (
    "  - {rule: budget-funds-targets, reason: hiring two reps in Q1 to cover email, "
    f"owner: '@ops-lead', expires: {SOON}}}\n"
)
OCCUPANCY_WAIVER = (
    "  - {rule: occupancy-cap, reason: seasonal peak accepted until hiring, "
    f"owner: '@ops-lead', expires: {SOON}}}\n"
)
MORE_EMAIL = ("volume: {contacts: 2500, per: month}", "volume: {contacts: 6000, per: month}")


def test_approving_an_added_waiver_leaves_old_waivers_on_changed_subjects_said(
    repo: Repo, cli: Cli
) -> None:
    # Main waives the e-mail shortfall. The pull request adds a waiver (occupancy-cap) and
    # puts 2.4 times the e-mail on the same staff: the finding says four changes, the added
    # waiver and three of main's waivers now over a changed subject or finding. Approving
    # the added waiver's id alone granted every waiver of the plan as written, so the three
    # other notes went unsaid and the run passed (review attack48 B01).
    base = _short_email(WAIVERS + BUDGET_WAIVER)
    on_main(repo, {"plans/acme.yaml": base})
    repo.write("plans/acme.yaml", (base + OCCUPANCY_WAIVER).replace(*MORE_EMAIL))
    repo.commit("more e-mail, one more waiver")
    code, found = _check(cli)
    ids = _ids(found["plans/acme.yaml"][2])
    assert code == 1 and len(ids) == 4, found
    assert "1 added or edited (occupancy-cap)" in found["plans/acme.yaml"][1]
    code, found = _check(cli, *_approve(ids[:1]))
    severity, message, _ = found["plans/acme.yaml"]
    assert code == 1 and severity == "error", found
    assert "the waiver for staffing-meets-targets at channels[email].target covers a changed" in (
        message
    )


def test_approving_an_added_waiver_grants_it_beside_main_s_unchanged_ones(
    repo: Repo, cli: Cli
) -> None:
    # The control: main's waivers over an unchanged e-mail line, one waiver added: approved
    # by its id, the run passes.
    base = _short_email(WAIVERS + BUDGET_WAIVER)
    on_main(repo, {"plans/acme.yaml": base})
    repo.write("plans/acme.yaml", base + OCCUPANCY_WAIVER)
    repo.commit("one more waiver")
    code, found = _check(cli)
    ids = _ids(found["plans/acme.yaml"][2])
    assert code == 1 and len(ids) == 1, found
    code, found = _check(cli, *_approve(ids))
    assert code == 0 and found["plans/acme.yaml"][0] == "info", found


def test_an_edited_waiver_approved_by_its_id_still_grants_it_as_written(
    repo: Repo, cli: Cli
) -> None:
    # The other control: the pull request puts off the hiring (the staffing waiver's expiry
    # moved) and grows the e-mail it waives. The waiver the reviewer approves is the edited
    # one, as written, over the finding as it reads: approved by its id, it is granted.
    base = _short_email(WAIVERS + BUDGET_WAIVER)
    on_main(repo, {"plans/acme.yaml": base})
    later = (dt.date.today() + dt.timedelta(days=150)).isoformat()
    edited = base.replace(f"expires: {SOON}", f"expires: {later}")
    repo.write("plans/acme.yaml", edited.replace(*MORE_EMAIL))
    repo.commit("hiring put off, more e-mail")
    code, found = _check(cli)
    ids = _ids(found["plans/acme.yaml"][2])
    assert code == 1 and "3 added or edited" in found["plans/acme.yaml"][1], found
    code, found = _check(cli, *_approve(ids[:1]))
    assert code == 0 and found["plans/acme.yaml"][0] == "info", found
