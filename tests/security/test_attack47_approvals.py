"""An approval by id covers what the reviewer read (review attack47): a change's id binds what
its note names but does not show in full: the text of a policy file the change adds (which
judges the plan: nothing trusted to read instead), which channels a new plan puts under each
strategy, a value the note cuts short."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

from tests.conftest import EXAMPLES, Repo, Result
from tests.security.conftest import ALIGNED

Cli = Callable[..., Result]

STRICT = "id: west\nname: West\nextends: delight\n"
LOOSE = (
    "id: west\nname: West\nextends: delight\nrules:\n"
    "  - {rule: abandonment-max, severity: disable}\n"
    "  - {rule: staffing-meets-targets, severity: disable}\n"
    "  - {rule: answer-speed, severity: disable}\n"
)
LOOSER_PHONE = ('80% in 20s", abandonment_max: 8%', '50% in 10m", abandonment_max: 40%')


def _check(cli: Cli, *args: str) -> tuple[int, dict[str, tuple[str, str, str]]]:
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json", *args)
    assert result.code in (0, 1), result.err
    return result.code, {
        p["path"]: (f["severity"], f["message"], f["fix"])
        for p in json.loads(result.out)["plans"]
        for f in p["findings"]
        if f["rule"] == "policy-changed"
    }


def _approve(ids: list[str]) -> list[str]:
    return [word for i in ids for word in ("--approve-policy-change", i)]


def _ids(fix: str) -> list[str]:
    return re.findall(r"--approve-policy-change ([0-9a-f]{32})", fix)


def _approved_then(
    repo: Repo, cli: Cli, plan: str, first: dict[str, str], then: dict[str, str]
) -> tuple[int, tuple[str, str, str]]:
    """``first`` committed and approved by its ids, then ``then`` committed: the check
    with the first approvals (exit code, the plan's policy-changed finding)."""
    for name, text in first.items():
        repo.write(name, text)
    repo.commit("as the reviewer read it")
    code, found = _check(cli)
    ids = _ids(found[plan][2])
    assert code == 1 and ids, found
    code, found = _check(cli, *_approve(ids))
    assert code == 0 and found[plan][0] == "info", found
    for name, text in then.items():
        repo.write(name, text)
    repo.commit("after the approval")
    code, found = _check(cli, *_approve(ids))
    return code, found[plan]


def test_an_approved_strategy_file_the_change_adds_is_approved_as_it_read(
    repo: Repo, cli: Cli
) -> None:
    # A new organisation's plan under a strategy file the pull request adds: the file judges
    # it (nothing at main to read instead). Its note said "strategies/west.yaml added", so
    # its id stayed when the file was loosened after the approval, and the plan with its
    # phone target and team cut passed silently.
    west = ALIGNED.replace("strategy: delight", "strategy: ../strategies/west.yaml").replace(
        "Example Delight Co", "West Co"
    )
    loose = west.replace(*LOOSER_PHONE).replace("agents: 16.2", "agents: 6.2")
    code, (severity, message, fix) = _approved_then(
        repo,
        cli,
        "plans/west.yaml",
        {"plans/west.yaml": west, "strategies/west.yaml": STRICT},
        {"plans/west.yaml": loose, "strategies/west.yaml": LOOSE},
    )
    assert code == 1 and severity == "error", message
    assert "strategies/west.yaml added" in message and _ids(fix)


def test_a_strategy_file_kept_as_approved_stays_approved(repo: Repo, cli: Cli) -> None:
    # The control: the plan edited after the approval, the added file kept as it read.
    west = ALIGNED.replace("strategy: delight", "strategy: ../strategies/west.yaml").replace(
        "Example Delight Co", "West Co"
    )
    code, (severity, message, _) = _approved_then(
        repo,
        cli,
        "plans/west.yaml",
        {"plans/west.yaml": west, "strategies/west.yaml": STRICT},
        {"plans/west.yaml": west.replace("within 4 hours", "within four hours")},
    )
    assert code == 0 and severity == "info", message


MIX = "strategy: {primary: delight, by_channel: {email: fast-food}}"
WIDER = "strategy: {primary: delight, by_channel: {email: fast-food, phone: fast-food}}"


def test_a_new_plans_strategy_approved_for_one_channel_covers_no_other(
    repo: Repo, cli: Cli
) -> None:
    # A new plan of the organisation puts its e-mail under fast-food; approved. The phone
    # line then handed to fast-food too (80% in 5m, 16.2 → 12 FTE) said the same note
    # ("strategy: fast-food in a plan that is new for …"), kept its id and passed.
    west = ALIGNED.replace("strategy: delight", MIX)
    phone = (
        west.replace(MIX, WIDER)
        .replace('80% in 20s", abandonment_max: 8%', '80% in 5m"')
        .replace("    patience: 2m               # mean caller patience: enables Erlang A\n", "")
        .replace("agents: 16.2", "agents: 12.0")
    )
    code, (severity, message, fix) = _approved_then(
        repo, cli, "plans/west.yaml", {"plans/west.yaml": west}, {"plans/west.yaml": phone}
    )
    assert code == 1 and severity == "error", message
    assert "strategy: fast-food" in message and _ids(fix)
    # and it says why the id moved: which lines fast-food judges now.
    assert "(fast-food judges phone, email)" in message


def test_a_new_plans_strategy_kept_as_approved_stays_approved(repo: Repo, cli: Cli) -> None:
    west = ALIGNED.replace("strategy: delight", MIX)
    code, (severity, message, _) = _approved_then(
        repo,
        cli,
        "plans/west.yaml",
        {"plans/west.yaml": west},
        {"plans/west.yaml": west.replace("within 4 hours", "within four hours")},
    )
    assert code == 0 and severity == "info", message


COST_RACE = (EXAMPLES / "cost-race-aligned.yaml").read_text(encoding="utf-8")
HISTORY = (
    "history:\n  cost_per_contact: 11.16   # last period: an 8% cut, inside the race's 2-15% pace\n"
)
PADDED = (
    "history:\n  budget_total: 1_500_000.00\n  best_tier_service_level: 80.00%\n"
    "  cost_per_contact: {}\n"
)


def test_a_history_approved_is_approved_as_it_read_past_the_notes_cut(repo: Repo, cli: Cli) -> None:
    # The note "history: A → B" shows 80 characters of each side: the baseline cost-pace
    # judges by, written after a padded front, changed after the approval (11.20 → 12.00)
    # kept the id.
    assert HISTORY in COST_RACE
    repo.write("plans/acme.yaml", COST_RACE)
    repo.commit("a cost-race plan")
    repo.git("checkout", "-q", "main")
    repo.write("plans/acme.yaml", COST_RACE)
    repo.commit("a cost-race plan")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "-X", "theirs", "main")
    code, (severity, message, _) = _approved_then(
        repo,
        cli,
        "plans/acme.yaml",
        {"plans/acme.yaml": COST_RACE.replace(HISTORY, PADDED.format("11.20"))},
        {"plans/acme.yaml": COST_RACE.replace(HISTORY, PADDED.format("12.00"))},
    )
    assert code == 1 and severity == "error", message
    # The control: the same history again is the same id.
    repo.write("plans/acme.yaml", COST_RACE.replace(HISTORY, PADDED.format("11.20")))
    repo.commit("back as read")
    _, found = _check(cli)
    ids = _ids(found["plans/acme.yaml"][2])
    code, found = _check(cli, *_approve(ids))
    assert code == 0 and found["plans/acme.yaml"][0] == "info"


def test_a_change_has_one_id_however_its_base_is_named(repo: Repo, cli: Cli) -> None:
    # Notes say the base's name ("0.8 at main"), and the id was of the note as said: the
    # Action's refs/remotes/origin/main, a local origin/main and a merge queue's base_sha
    # gave one change three ids, so an id read in one run approved nothing in another.
    repo.write("plans/acme.yaml", ALIGNED.replace("shrinkage: 32%", "shrinkage: 22%", 1))
    repo.write("plans/west.yaml", ALIGNED.replace("strategy: delight", MIX))
    repo.commit("a lever and a new plan")
    sha = repo.git("rev-parse", "main").strip()
    seen = []
    for ref in ("main", "refs/heads/main", sha):
        result = cli("check", "plans/", "--policy-ref", ref, "-f", "json")
        assert result.code == 1, result.err
        seen.append(_ids(result.out))
    assert len(seen[0]) == 4 and seen[0] == seen[1] == seen[2], seen
    # The note still names the base as the run does.
    result = cli("check", "plans/", "--policy-ref", "refs/heads/main", *_approve(seen[0]))
    assert result.code == 0, result.out
    assert "at refs/heads/main" in result.out


def test_a_change_id_is_too_long_for_two_changes_to_be_made_to_share_one(
    repo: Repo, cli: Cli
) -> None:
    # The pull request writes both the change a reviewer approves and the one it pushes
    # next (a comment in an added strategy file is enough to vary either): with ids of 64
    # bits, a pair sharing one is found after about 2^32 tries (review attack47 A11,
    # /work/h-attack47-scratch/a11_birthday.py finds 36 bits in 2 s). 128 bits put it out
    # of reach; an id's first half is no id.
    repo.write("plans/west.yaml", ALIGNED.replace("strategy: delight", MIX))
    repo.commit("a new plan")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    (fix,) = (
        f["fix"]
        for p in json.loads(result.out)["plans"]
        for f in p["findings"]
        if f["rule"] == "policy-changed"
    )
    (given,) = re.findall(r"--approve-policy-change ([0-9a-f]+)", fix)
    assert len(given) == 32, fix
    half = cli("check", "plans/", "--policy-ref", "main", "--approve-policy-change", given[:16])
    assert half.code == 2 and "is no change id" in half.err
    assert cli("check", "plans/", "--policy-ref", "main", *_approve([given])).code == 0


def test_a_plan_judged_as_new_for_want_of_a_base_is_approved_as_it_read(
    repo: Repo, cli: Cli
) -> None:
    # main's plan is one this release refuses (a 14-year period): the change that mends it
    # is judged as a new plan, nothing compared with main. The note's id did not depend on
    # the plan, so once the mend was approved a push lowering shrinkage 32% → 25% (a lever
    # no new plan is compared on: the staff it frees could go next) kept the approval.
    repo.git("checkout", "-q", "main")
    repo.write("plans/acme.yaml", ALIGNED.replace("end: 2027-12-31", "end: 2040-12-31", 1))
    repo.commit("a long plan, as an older release read it")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "-X", "theirs", "main")
    lighter = ALIGNED.replace("shrinkage: 32%", "shrinkage: 25%", 1)
    code, (severity, message, _) = _approved_then(
        repo, cli, "plans/acme.yaml", {"plans/acme.yaml": ALIGNED}, {"plans/acme.yaml": lighter}
    )
    assert code == 1 and severity == "error", message
    assert "is no plan this release reads" in message
    # The control: a comment added after the approval keeps it.
    repo.write("plans/acme.yaml", ALIGNED + "# mended\n")
    repo.commit("a comment")
    _, found = _check(cli)
    ids = _ids(found["plans/acme.yaml"][2])
    repo.write("plans/acme.yaml", ALIGNED + "# mended, reviewed\n")
    repo.commit("another comment")
    code, found = _check(cli, *_approve(ids))
    assert code == 0 and found["plans/acme.yaml"][0] == "info", found


SHORT_EMAIL = [
    ("agents: 4.5", "agents: 3.0"),
    ("agents: 20.7", "agents: 19.2"),
    ("total: 1540241", "total: 1430441"),
    ("people: 1283400", "people: 1190400"),
    ("training: 149040", "training: 138240"),
    ("tooling: 82800", "tooling: 76800"),
]
SOON = (dt.date.today() + dt.timedelta(days=90)).isoformat()
LATER = (dt.date.today() + dt.timedelta(days=120)).isoformat()
WAIVERS = (
    "waivers:\n"
    "  - {rule: staffing-meets-targets, reason: hiring two reps in Q1 to cover email, "
    f"owner: '@ops-lead', expires: {SOON}}}\n"
    "  - {rule: deferred-backlog, reason: hiring two reps in Q1 to cover email, "
    f"owner: '@ops-lead', expires: {SOON}}}\n"
)


def _short_email(waivers: str = WAIVERS) -> str:
    text = ALIGNED
    for old, new in SHORT_EMAIL:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + waivers


def test_waivers_approved_by_their_ids_are_granted_as_written(repo: Repo, cli: Cli) -> None:
    # A pull request cuts the e-mail team for a quarter and waives the two findings that
    # follows. Approving every change the finding names turned it info ("each approved")
    # while the waivers were not granted (only main's waive), so the run still failed on
    # the findings they waive: only --allow-policy-change, every change of the run, could
    # grant a waiver (review attack47 A08).
    repo.write("plans/acme.yaml", _short_email())
    repo.commit("a quarter short on e-mail, waived")
    code, found = _check(cli)
    ids = _ids(found["plans/acme.yaml"][2])
    assert code == 1 and len(ids) == 1, found
    code, found = _check(cli, *_approve(ids))
    assert code == 0 and found["plans/acme.yaml"][0] == "info", found
    # The waivers as approved: another reason, owner or expiry is another id.
    later = _short_email(WAIVERS.replace(SOON, LATER))
    repo.write("plans/acme.yaml", later)
    repo.commit("for half a year")
    code, found = _check(cli, *_approve(ids))
    assert code == 1 and found["plans/acme.yaml"][0] == "error", found
    # And a waiver's approval is of the finding it waived as it read: the team cut further
    # is another finding, and the waiver does not carry over to it.
    repo.write("plans/acme.yaml", _short_email())
    repo.commit("back as approved")
    assert _check(cli, *_approve(ids))[0] == 0
    further = (
        _short_email().replace("agents: 3.0", "agents: 2.5").replace("agents: 19.2", "agents: 18.7")
    )
    further = further.replace("total: 1430441", "total: 1399441").replace(
        "people: 1190400", "people: 1159400"
    )
    repo.write("plans/acme.yaml", further)
    repo.commit("fewer still")
    code, found = _check(cli, *_approve(ids))
    assert code == 1 and found["plans/acme.yaml"][0] == "error", found


def test_waivers_not_approved_are_not_granted(repo: Repo, cli: Cli) -> None:
    # The control: unapproved (or approved for another plan's change), the waivers the pull
    # request adds waive nothing, and the findings they would waive count.
    repo.write("plans/acme.yaml", _short_email())
    repo.write("plans/west.yaml", ALIGNED.replace("strategy: delight", MIX))
    repo.commit("a quarter short on e-mail, waived; and a new plan")
    _, found = _check(cli)
    other = _ids(found["plans/west.yaml"][2])
    for approvals in ([], _approve(other)):
        result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json", *approvals)
        (plan,) = json.loads(result.out)["plans"]
        counted = {f["rule"] for f in plan["findings"] if f["severity"] == "error"}
        assert result.code == 1 and {"staffing-meets-targets", "policy-changed"} <= counted


def test_every_waiver_a_change_adds_is_named(repo: Repo, cli: Cli) -> None:
    # The note named three waivers of four: the fourth (here a waiver of people-answer, the
    # rule that keeps customers reaching people) was granted by an approval unnamed.
    rules = ("staffing-meets-targets", "deferred-backlog", "abandonment-max", "people-answer")
    waivers = "waivers:\n" + "".join(
        f"  - {{rule: {rule}, reason: hiring two reps in Q1 to cover email, "
        f"owner: '@ops-lead', expires: {SOON}}}\n"
        for rule in rules
    )
    repo.write("plans/acme.yaml", _short_email(waivers))
    repo.commit("four waivers")
    _, found = _check(cli)
    message = found["plans/acme.yaml"][1]
    assert f"4 added or edited ({', '.join(rules)})" in message, message
