"""Red team attack50: the gate against a pull request's file names that git reads as
revisions, ..."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke, Repo, Result
from tests.security.conftest import MISALIGNED, on_main, policy_notes
from tests.security.test_gate_fix47g import _LOOSE, _TIGHT, _cut, _on_main_dated

Cli = Callable[..., Result]


def test_a_file_named_as_a_commit_of_main_hides_no_loosened_target(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fix47g's two-step cut (a target loosened and merged, then the staff cut to the looser
    # need) with one more file in the pull request: an empty file at the top named as the
    # commit main had 92 days back. git then reads that id as a revision and a file alike
    # (`git show ID` fails: "ambiguous argument ... both revision and filename"), the
    # history was taken as unreadable and the cut passed.
    _on_main_dated(repo, monkeypatch, 100, _TIGHT, "a tight target")
    anchor = repo.git("rev-parse", "main").strip()
    _on_main_dated(repo, monkeypatch, 0, _LOOSE, "the target loosened, the staff kept")
    repo.write("plans/acme.yaml", _cut("14.0"))
    repo.write(anchor, "")
    repo.commit("the staff cut to the looser target")
    notes = policy_notes(cli)
    assert "phone's staff are cut to 14.0 FTE (19.0 at main), 21.3% below the 17.8 FTE" in notes


def test_files_named_as_every_commit_of_main_change_no_verdict(repo: Repo, cli: Cli) -> None:
    # The class: every git command cs-align gives a commit id ends its revisions with `--`,
    # so no file name the pull request adds is read as one. With a file named as main's tip
    # the check and the diff stopped with "internal error: GitError ... please report it".
    repo.write("plans/acme.yaml", MISALIGNED.replace("Example Delight Co", "Example Co"))
    repo.commit("cut")
    said = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    shown = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    for commit in repo.git("rev-list", "main").split():
        repo.write(commit, "")
    repo.commit("decoys named as main's commits")
    decoyed = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert (decoyed.code, decoyed.err) == (said.code, said.err) == (1, "")
    assert json.loads(decoyed.out)["plans"] == json.loads(said.out)["plans"]
    diffed = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    assert (diffed.code, diffed.err) == (shown.code, shown.err) == (1, "")
    assert json.loads(diffed.out)["diff"] == json.loads(shown.out)["diff"]


def _dated(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, days_ago: int, name: str, text: str
) -> None:
    """``name`` committed to main with ``text`` ``days_ago`` days ago, merged into the pull
    request's branch."""
    day = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)).isoformat()
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day)
        patch.setenv("GIT_AUTHOR_DATE", day)
        on_main(repo, {name: text}, f"{name}, {days_ago} days ago")


def test_a_plan_named_like_a_pattern_keeps_its_history(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same two-step cut, of a plan whose file is named `plans/*.yaml`: git read the name
    # as a pattern when asked which commit added it, took the commit that had edited
    # plans/acme.yaml before it as that one, found no such file there and judged the cut
    # with no history (it passed).
    other = _TIGHT.replace("Example Delight Co", "Other Co")
    note = (repo.root / "plans/acme.yaml").read_text(encoding="utf-8") + "# reviewed\n"
    _dated(repo, monkeypatch, 60, "plans/acme.yaml", note)
    _dated(repo, monkeypatch, 50, "plans/*.yaml", other)
    loose = _LOOSE.replace("Example Delight Co", "Other Co")
    _dated(repo, monkeypatch, 0, "plans/*.yaml", loose)
    repo.write("plans/*.yaml", _cut("14.0", loose))
    repo.commit("the staff cut to the looser target")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert result.code == 1, result.err
    plan = next(p for p in json.loads(result.out)["plans"] if p["path"] == "plans/*.yaml")
    notes = [f["message"] for f in plan["findings"] if f["rule"] == "policy-changed"]
    assert any("phone's staff are cut to 14.0 FTE (19.0 at main)" in n for n in notes), notes


def test_a_shallow_clone_does_not_pass_a_cut_its_history_would_judge(
    repo: Repo, cli: Cli, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # fix47g's two-step cut, checked in a clone of depth 1 (actions/checkout's default, with
    # main fetched beside it): main's history ended at its tip, was read as a young
    # repository's, and the cut that a whole clone holds up (exit 1) passed with exit 0.
    _on_main_dated(repo, monkeypatch, 100, _TIGHT, "a tight target")
    _on_main_dated(repo, monkeypatch, 0, _LOOSE, "the target loosened, the staff kept")
    repo.write("plans/acme.yaml", _cut("14.0"))
    repo.commit("the staff cut to the looser target")
    assert cli("check", "plans/", "--policy-ref", "main").code == 1
    shallow = tmp_path / "shallow"
    clone = ["clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "pr"]
    repo.git(*clone, repo.root.as_uri(), str(shallow))
    result = invoke("check", "plans/", "--policy-ref", "refs/remotes/origin/main", cwd=shallow)
    assert result.code == 2, result.out
    assert "refs/remotes/origin/main: its history is cut short at" in result.err
    assert "(a shallow clone)" in result.err and "fetch-depth: 0" in result.err
    # A shallow clone with no staff cut to judge reads no history, and is judged as a whole
    # clone is.
    repo.write("plans/acme.yaml", _LOOSE)
    repo.commit("the staff kept")
    whole = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    again = tmp_path / "again"
    repo.git(*clone, repo.root.as_uri(), str(again))
    ref = "refs/remotes/origin/main"
    kept = invoke("check", "plans/", "--policy-ref", ref, "-f", "json", cwd=again)
    assert (kept.code, kept.err) == (whole.code, "")
    assert (
        json.loads(kept.out)["plans"][0]["findings"]
        == json.loads(whole.out)["plans"][0]["findings"]
    )


def test_a_line_renamed_with_its_staff_cut_after_a_loosened_target_is_seen(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fix47g's two-step cut with the phone line renamed to `voice` in the second change: the
    # anchor was looked up by id alone, found no `voice` at main, and the cut passed (exit 0,
    # no finding) though the renamed line is paired with `phone` everywhere else.
    _on_main_dated(repo, monkeypatch, 100, _TIGHT, "a tight target")
    _on_main_dated(repo, monkeypatch, 0, _LOOSE, "the target loosened, the staff kept")
    repo.write("plans/acme.yaml", _cut("14.0").replace("id: phone", "id: voice"))
    repo.commit("the staff cut to the looser target, the line renamed")
    notes = policy_notes(cli)
    assert "voice (renamed from phone)'s staff are cut to 14.0 FTE (19.0 at main), 21.3% below" in (
        notes
    ), notes
    # The control: renamed with the staff fitting the tight target's need is no cut.
    repo.write("plans/acme.yaml", _cut("16.2").replace("id: phone", "id: voice"))
    repo.commit("a smaller cut")
    assert "staff are cut" not in policy_notes(cli)


def _phone_moved_out(text: str) -> tuple[str, str]:
    """``text`` (a fix47g plan, 4.5 email FTE beside the phone's) split in two plans of the
    organisation: the email line left, and a new plan with the phone line alone."""
    i, j = text.index("  - id: phone"), text.index("  - id: email")
    phone_fte = text[i:j].split("agents: ")[1].split()[0]
    left = (
        (text[:i] + text[j:])
        .replace(f"agents: {float(phone_fte) + 4.5:.1f} ", "agents: 4.5 ")
        .replace("total: 1540241", "total: 672241")
        .replace("people: 1283400", "people: 415400")
    )
    phone = (
        text[: text.index("channels:")]
        + "channels:\n"
        + text[i:j]
        + text[text.index("staffing:") :]
    )
    phone = (
        phone.replace(f"agents: {float(phone_fte) + 4.5:.1f} ", f"agents: {phone_fte} ")
        .replace("total: 1540241", "total: 868000")
        .replace("people: 1283400", "people: 868000")
        .replace(
            "training: 149040, tooling: 82800, goodwill: 25001",
            "training: 0, tooling: 0, goodwill: 0",
        )
    )
    return left, phone


def test_a_line_moved_to_another_plan_with_its_staff_cut_after_a_loosened_target_is_seen(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fix47g's two-step cut whose second step moves the phone line, its staff cut from 19.0
    # to 14.0 FTE, into a new plan of the organisation (plans/acme-phone.yaml): the anchor
    # looked at this plan's own lines alone, and the run passed (exit 0; the new plan's
    # goodwill and training warnings only).
    _on_main_dated(repo, monkeypatch, 100, _TIGHT, "a tight target")
    _on_main_dated(repo, monkeypatch, 0, _LOOSE, "the target loosened, the staff kept")
    left, phone = _phone_moved_out(_cut("14.0"))
    repo.write("plans/acme.yaml", left)
    repo.write("plans/acme-phone.yaml", phone)
    repo.commit("the phones in a plan of their own, their staff cut")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert result.code == 1, result.out
    plan = next(p for p in json.loads(result.out)["plans"] if p["path"] == "plans/acme.yaml")
    notes = " ".join(f["message"] for f in plan["findings"] if f["rule"] == "policy-changed")
    said = "phone in plans/acme-phone.yaml (moved from this plan's phone)'s staff are cut to 14.0"
    assert said in notes, notes
    # The control: moved with the staff the tight target needs (16.2 FTE) is no cut.
    left, phone = _phone_moved_out(_cut("16.2"))
    repo.write("plans/acme.yaml", left)
    repo.write("plans/acme-phone.yaml", phone)
    repo.commit("the phones moved, a smaller cut")
    again = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert "staff are cut" not in again.out


def test_a_cut_after_a_target_loosened_in_a_change_that_renamed_the_line_is_seen(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first step loosens the phone's target and renames the line `voice` (staff kept,
    # which passes); the second cuts voice's staff to the looser need. The anchor had no
    # `voice` 92 days back, and the cut passed (exit 0, no finding).
    _on_main_dated(repo, monkeypatch, 100, _TIGHT, "a tight target")
    renamed = _LOOSE.replace("id: phone", "id: voice")
    _on_main_dated(repo, monkeypatch, 0, renamed, "the target loosened, the line renamed")
    repo.write("plans/acme.yaml", _cut("14.0", renamed))
    repo.commit("the staff cut to the looser target")
    notes = policy_notes(cli)
    assert "voice's staff are cut to 14.0 FTE (19.0 at main), 21.3% below the 17.8 FTE" in notes
    assert "(service_level 95% in 10s, abandonment_max 8%, as phone)" in notes, notes


def test_a_cut_after_a_target_loosened_as_the_line_moved_to_a_new_plan_is_seen(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first step moves the phone line into a new plan of the organisation with its
    # target loosened (staff kept: it passes); the second cuts its staff there. The new
    # file's history began with the loosened target, and the cut passed (exit 0).
    _on_main_dated(repo, monkeypatch, 100, _TIGHT, "a tight target")
    left, phone = _phone_moved_out(_LOOSE)
    on_main(repo, {"plans/acme.yaml": left, "plans/acme-phone.yaml": phone}, "phones apart")
    repo.write("plans/acme-phone.yaml", _phone_moved_out(_cut("14.0"))[1])
    repo.commit("the staff cut to the looser target")
    notes = policy_notes(cli, "plans/acme-phone.yaml")
    assert "phone's staff are cut to 14.0 FTE (19.0 at main), 21.3% below the 17.8 FTE" in notes
    assert "its targets at main on " in notes and "(service_level 95% in 10s" in notes, notes


def test_a_cut_after_a_line_moved_renamed_and_loosened_in_one_change_is_seen(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A09's first step also renames the line `voice`: the new file's own `voice` (loosened)
    # stood in for the organisation's `phone` at the window's start, and the cut passed.
    _on_main_dated(repo, monkeypatch, 100, _TIGHT, "a tight target")
    left, phone = _phone_moved_out(_LOOSE)
    voice = phone.replace("id: phone", "id: voice")
    on_main(repo, {"plans/acme.yaml": left, "plans/acme-phone.yaml": voice}, "phones apart")
    cut = _phone_moved_out(_cut("14.0"))[1].replace("id: phone", "id: voice")
    repo.write("plans/acme-phone.yaml", cut)
    repo.commit("the staff cut to the looser target")
    notes = policy_notes(cli, "plans/acme-phone.yaml")
    assert "voice's staff are cut to 14.0 FTE (19.0 at main), 21.3% below the 17.8 FTE" in notes
    assert "(service_level 95% in 10s, abandonment_max 8%, as phone)" in notes, notes
