"""Gate levers closed by review fix54g: each kind's contacts people answer handed to bots."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, Repo, examples
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_fix51g_gate import Cli
from tests.security.test_fix53g_gate import _on_main_at
from tests.security.test_money_moves import _edit

HELP = "  - id: help-centre\n"


def _to_bots(people: int, bots: int) -> str:
    """The delight plan with ``people`` of its 2,500 e-mails a month left to people and
    ``bots`` to a bot line that promises nothing (people-answer judges no line of bots
    without a target)."""
    line = (
        f"  - {{id: email-bot, kind: email, staffed_by: bots, hours: 24x7, "
        f"volume: {bots}/month, handle_time: 1m}}\n"
    )
    return _edit(ALIGNED, ("contacts: 2500", f"contacts: {people}"), (HELP, line + HELP))


# Review fix54g item 6 (attack notes: "44% of an email line, 9.6% of the plan, passes"): the
# people-work lever holds a tenth of the PLAN's contacts people answer. A week is a month's
# × 12 / 52.1786: phone 9,000 → 2,069.8, e-mail 2,500 → 574.9: 2,644.8 a week, a tenth
# 264.5. 1,100 e-mails a month to a bot are 253.0 a week: 9.6% of the plan, 44% of e-mail;
# the delight promise ("every email within 4 hours" by a trained person) is the e-mail
# customers', so the share is the kind's: 253 > 57.5 (a tenth of e-mail's 575).
def test_a_kind_s_contacts_handed_to_bots_past_a_tenth_of_that_kind_is_policy(
    repo: Repo, cli: Cli
) -> None:
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    repo.write("plans/acme.yaml", _to_bots(1400, 1100))
    repo.commit("44% of e-mail to a bot")
    notes = policy_notes(cli)
    # 1,400 a month: 322.0 a week; 575 → 322 is -44%.
    assert (
        "253 contacts a week people answered on email lines under delight at main are "
        "answered by bots now (email-bot (new) +253): email 575 → 322 (-44%), more than a "
        "tenth of that kind's" in notes
    ), notes


def test_a_line_turned_over_to_bots_in_place_is_said_of_its_kind(repo: Repo, cli: Cli) -> None:
    # The e-mail line kept under its id, `staffed_by: bots`, its target and agents dropped
    # (the staff's 4.5 FTE kept on the phone's): all 575.
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    bots = _edit(
        ALIGNED,
        ("    kind: email\n", "    kind: email\n    staffed_by: bots\n"),
        ("    target: {first_response: 4 business hours}\n    agents: 4.5\n", ""),
    )
    repo.write("plans/acme.yaml", bots)
    repo.commit("e-mail to bots")
    notes = policy_notes(cli)
    assert (
        "575 contacts a week people answered on email lines under delight at main are "
        "answered by bots now (email +575): email 575 → 0 (-100%)" in notes
    ), notes


def test_a_kind_handed_to_bots_in_another_plan_of_the_organisation_is_policy(
    repo: Repo, cli: Cli
) -> None:
    # The same 1,100 e-mails a month answered by a bot line in a new plan of the organisation
    # (the novelist's automated plan, relabelled): no bot line grew in this plan.
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    repo.write("plans/acme.yaml", _edit(ALIGNED, ("contacts: 2500", "contacts: 1400")))
    bots = (EXAMPLES / "novelist-automated-aligned.yaml").read_text(encoding="utf-8")
    bots = _edit(
        bots,
        ("organisation: A Novelist", "organisation: Example Delight Co"),
        ("currency: GBP", "currency: USD"),
        ("contacts: 400", "contacts: 1100"),
    )
    repo.write("plans/acme-bots.yaml", bots)
    repo.commit("44% of e-mail to a bot plan")
    notes = policy_notes(cli)
    assert (
        "253 contacts a week people answered on email lines under delight at main are "
        "answered by bots now (reader-mail (new) in plans/acme-bots.yaml +253): email 575 → "
        "322 (-44%)" in notes
    ), notes


def test_a_kind_moved_to_people_in_another_plan_is_no_move_to_bots(repo: Repo, cli: Cli) -> None:
    # The control: the 1,100 e-mails to people in a new plan of the organisation while a
    # bot line there takes 1,100 more of its own (a new forecast, not this plan's e-mails).
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    repo.write("plans/acme.yaml", _edit(ALIGNED, ("contacts: 2500", "contacts: 1400")))
    other = _edit(
        _to_bots(1100, 1100),
        ("id: email\n", "id: mail\n"),
        ("agents: 4.5", "agents: 2.5"),
    )
    repo.write("plans/acme-mail.yaml", other)
    repo.commit("e-mail split across two plans")
    assert "answered by bots now" not in policy_notes(cli)


def test_a_tenth_of_a_kind_to_bots_reads_nothing(repo: Repo, cli: Cli) -> None:
    # The control: 225 of 2,500 (9%: 51.7 a week, under 57.5) in one change.
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    repo.write("plans/acme.yaml", _to_bots(2275, 225))
    repo.commit("9% of e-mail to a bot")
    assert policy_notes(cli) == ""


def test_a_kind_handed_to_bots_a_step_under_a_tenth_adds_up_over_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 100 days ago 2,500 e-mails; 40 days ago main sent 225 (9%) to a bot; the change 225
    # more (9.9% of 2,275): 450 of 2,500, 18%. A week: 450 → 103.5; 2,050 → 471.4.
    _on_main_at(repo, monkeypatch, 100, ALIGNED + "# dated\n")
    _on_main_at(repo, monkeypatch, 40, _to_bots(2275, 225))
    repo.write("plans/acme.yaml", _to_bots(2050, 450))
    repo.commit("225 more e-mails to the bot")
    notes = policy_notes(cli)
    assert "over the 92 days since main on " in notes, notes
    assert "(each kind's contacts people answer: this change alone stays within" in notes, notes
    assert (
        "103 contacts a week people answered on email lines under delight at main on " in notes
    ), notes
    assert "email 575 → 471 (-18%)" in notes, notes


# Review fix54g item 5 (attack43 C08): the Action gates its `plans` input, `plans/*.yaml`,
# so a plan in plans/parked/ is never checked nor diffed, yet it was counted as one of the
# organisation's plans of plans/: staff and money moved from the gated plan into it read as
# a move (exit 0), and a later change could delete it unjudged.
GLOB = "plans/*.yaml"


def _acme(phone: str, total: str, people: int) -> str:
    """The delight plan with ``phone`` FTE on the phone, ``total`` in all, people money
    ``people`` (1,283,400 = 20.7 × 62,000 at main) and its total moved with it."""
    return _edit(
        ALIGNED,
        ("agents: 16.2", f"agents: {phone}"),
        ("agents: 20.7 ", f"agents: {total} "),
        ("total: 1540241", f"total: {1540241 - 1283400 + people}"),
        ("people: 1283400", f"people: {people}"),
    )


def _parked(agents: str, people: int) -> str:
    """A plan of the same organisation holding ``agents`` FTE on a phone line and their
    money (its e-mail line left out)."""
    email = ALIGNED[ALIGNED.index("  - id: email\n") : ALIGNED.index(HELP)]
    return _edit(
        ALIGNED,
        (email, ""),
        ("agents: 16.2", f"agents: {agents}"),
        ("agents: 20.7 ", f"agents: {agents} "),
        ("total: 1540241", f"total: {people + 256841}"),
        ("people: 1283400", f"people: {people}"),
    )


def _trips(cli: Cli) -> list[str]:
    result = cli(
        "diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "10%",
        "--gated", GLOB, "-f", "json",
    )  # fmt: skip
    assert result.code in (0, 1), result.err
    found = json.loads(result.out)["diff"]["guardrails"]
    return [g["message"] for g in found if g["guardrail"] == "max_budget_decrease"]


def _gated_notes(cli: Cli) -> str:
    result = cli("check", GLOB, "--policy-ref", "main", "-f", "json")
    assert result.code in (0, 1), result.err
    plans = json.loads(result.out)["plans"]
    assert [p["path"] for p in plans] == ["plans/acme.yaml"], plans
    found = plans[0]["findings"]
    return next((f["message"] for f in found if f["rule"] == "policy-changed"), "")


def test_staff_parked_in_a_plan_the_gate_does_not_cover_is_a_cut(repo: Repo, cli: Cli) -> None:
    # 5 FTE of the phone's 16.2 and 2,800 of its 9,000 calls a month moved to
    # plans/parked/acme.yaml: acme's people money 1,283,400 → 15.7 × 62,000 = 973,400, its
    # total 1,540,241 → 1,230,241 (-310,000, 20.13%; a tenth is 154,024.10). Its calls
    # 9,000 → 6,200 a month: 2,070 → 1,426 a week; with e-mail's 575, 2,645 → 2,001 (-24.3%).
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    moved = _edit(_acme("11.2", "15.7", 973400), ("contacts: 9000", "contacts: 6200"))
    repo.write("plans/acme.yaml", moved)
    parked = _edit(_parked("5", 310000), ("contacts: 9000", "contacts: 2800"))
    repo.write("plans/parked/acme.yaml", parked)
    repo.commit("5 FTE and their calls parked in plans/parked/")
    assert _trips(cli) == [
        "budget total decreases by 310,000 USD (20.13%); the limit is 154,024.10 USD (10%), "
        "over by 155,975.90 USD"
    ]
    notes = _gated_notes(cli)
    assert (
        "people answer 2,645 contacts a week to a target under delight in Example Delight "
        "Co's plans in plans/ in 2027 at main, 2,001 now (-24.3%)" in notes
    ), notes


def test_staff_moved_to_a_plan_the_gate_covers_is_a_move(repo: Repo, cli: Cli) -> None:
    # The control: the same 5 FTE and 2,800 calls moved to plans/beta.yaml, which
    # `plans/*.yaml` gates: the organisation's money and work are where they were.
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    moved = _edit(_acme("11.2", "15.7", 973400), ("contacts: 9000", "contacts: 6200"))
    repo.write("plans/acme.yaml", moved)
    parked = _edit(_parked("5", 310000), ("contacts: 9000", "contacts: 2800"))
    repo.write("plans/beta.yaml", parked)
    repo.commit("5 FTE and their calls moved to beta")
    assert _trips(cli) == []


@pytest.mark.parametrize("park", [True, False])
def test_staff_parked_a_step_at_a_time_is_a_cut_over_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, park: bool
) -> None:
    # 100 days ago acme 20.7 FTE (1,283,400; total 1,540,241); 40 days ago main moved 1.8 FTE
    # (111,600, 7.2% of the total) to plans/parked/acme.yaml; the change 1.8 more (111,600 of
    # 1,428,641, 7.8%). Over the window acme's total falls 223,200 (14.49%), past the 10%
    # (154,024.10) the gated plans may lose; parked's 223,200 is no gated plan's. The same
    # steps with nothing parked (``park`` False) say the same figures.
    _on_main_at(repo, monkeypatch, 100, ALIGNED + "# dated\n")
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        files = {
            "plans/acme.yaml": _acme("14.4", "18.9", 1171800),
        }
        if park:
            files["plans/parked/acme.yaml"] = _parked("1.8", 111600)
        on_main(repo, files, "1.8 FTE parked")
    repo.write("plans/acme.yaml", _acme("12.6", "17.1", 1060200))
    if park:
        repo.write("plans/parked/acme.yaml", _parked("3.6", 223200))
    repo.commit("1.8 FTE more parked")
    said = _trips(cli)
    assert len(said) == 1, said
    assert said[0].startswith("over the 92 days since main on "), said


# Review fix54g item 2: lines merged into one. A line's staff cut below what the targets it
# had at the window's start need, where they were loosened since, is the cut made in two
# (review fix47g); the comparison followed a line kept, renamed or moved, not lines merged.
# 100 days ago phone-a (6,000 calls a month) and phone-b (3,000) promised 90% in 10s with
# 11.9 and 7.6 FTE; 5 days ago both were loosened to 80% in 20s, staff kept; the change
# merges them into `phone` (9,000 calls) with 13.8 FTE, what one queue of them needs at
# 80% in 20s. One queue of 9,000 calls at 90% in 10s needs 15.6 FTE (cs-align's sizing:
# Erlang A with the 2m patience, 32% shrinkage): 13.8 is 11.5% below, past the tenth.
PHONE = ALIGNED[ALIGNED.index("  - id: phone\n") : ALIGNED.index("  - id: email\n")]


def _two_lines(target: str, a: str = "11.9", b: str = "7.6") -> str:
    """The delight plan with its phone line as phone-a (6,000 calls) and phone-b (3,000),
    each promising ``target``, with ``a`` and ``b`` FTE."""
    lines = ""
    for ident, calls, agents in (("phone-a", 6000, a), ("phone-b", 3000, b)):
        lines += _edit(
            PHONE,
            ("id: phone", f"id: {ident}"),
            ("contacts: 9000", f"contacts: {calls}"),
            ('"80% in 20s"', f'"{target}"'),
            ("agents: 16.2", f"agents: {agents}"),
        )
    total = f"{float(a) + float(b) + 4.5:.1f}"
    return _edit(ALIGNED, (PHONE, lines), ("agents: 20.7 ", f"agents: {total} "))


def _merged(agents: str) -> str:
    total = f"{float(agents) + 4.5:.1f}"
    return _edit(
        ALIGNED, ("agents: 16.2", f"agents: {agents}"), ("agents: 20.7 ", f"agents: {total} ")
    )


def test_lines_loosened_then_merged_with_the_staff_cut_is_the_cut_made_in_two(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_main_at(repo, monkeypatch, 100, _two_lines("90% in 10s"))
    _on_main_at(repo, monkeypatch, 5, _two_lines("80% in 20s"))
    repo.write("plans/acme.yaml", _merged("13.8"))
    repo.commit("phone-a and phone-b merged")
    notes = policy_notes(cli)
    # 11.9 + 7.6 = 19.5 FTE at main; 1 - 13.8 / 15.6 = 11.5%.
    assert (
        "phone (merged from phone-a + phone-b)'s staff are cut to 13.8 FTE (19.5 at main), "
        "11.5% below the 15.6 FTE the targets they had at the window's start (phone-a: "
        "service_level 90% in 10s, abandonment_max 8%; phone-b: service_level 90% in 10s, "
        "abandonment_max 8%) need for its work" in notes
    ), notes


def test_lines_merged_at_the_targets_they_had_are_no_cut(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: 80% in 20s throughout (10.5 + 7.2 FTE), merged with 13.8: one queue
    # pools better than two (review attack45 G19), and no target was loosened.
    _on_main_at(repo, monkeypatch, 100, _two_lines("80% in 20s", "10.5", "7.2"))
    _on_main_at(repo, monkeypatch, 5, _two_lines("80% in 20s", "10.5", "7.2") + "# again\n")
    repo.write("plans/acme.yaml", _merged("13.8"))
    repo.commit("phone-a and phone-b merged")
    assert policy_notes(cli) == ""


# Review fix54g item 1: a strategy changed within the window judged the plan as it was: one
# that lowered the bar for a kind the plan had no line of changed nothing a reviewer saw.
# 100 days ago the delight plan answered the phone alone; 5 days ago it declared a strategy
# of its own, delight with e-mail's first response at 50% in 48h (answer-speed's `written`),
# its phone judged as before; the change adds an e-mail line promising 48 business hours,
# staffed for it (3.3 FTE): delight's 90% in 4h fails it, the strategy main has passes it.
EMAIL = ALIGNED[ALIGNED.index("  - id: email\n") : ALIGNED.index(HELP)]
OURS = (
    "id: ours\nname: Ours\nextends: delight\nrules:\n"
    "  - {rule: answer-speed, severity: error, live: 80% in 20s, written: 50% in 48h}\n"
)


def _phone_only(strategy: str = "delight", email: str = "") -> str:
    total = "19.5" if email else "16.2"
    return _edit(
        ALIGNED,
        (EMAIL, email),
        ("agents: 20.7 ", f"agents: {total} "),
        ("strategy: delight", f"strategy: {strategy}"),
    )


def _bar_lowered(repo: Repo, monkeypatch: pytest.MonkeyPatch, hours: int) -> None:
    _on_main_at(repo, monkeypatch, 100, _phone_only())
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=5)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        files = {
            "plans/acme.yaml": _phone_only("strategies/ours.yaml"),
            "plans/strategies/ours.yaml": OURS,
        }
        on_main(repo, files, "a strategy of our own")
    email = _edit(
        EMAIL,
        ("first_response: 4 business hours", f"first_response: {hours} business hours"),
        ("agents: 4.5", "agents: 3.3"),
    )
    repo.write("plans/acme.yaml", _phone_only("strategies/ours.yaml", email))
    repo.commit("an e-mail line")


def test_a_line_of_a_kind_new_since_the_strategy_changed_meets_the_bar_it_had(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bar_lowered(repo, monkeypatch, 48)
    notes = policy_notes(cli)
    assert (
        "email (email, a kind this plan had no line of at main on " in notes
        and ") fails answer-speed under delight, the plan's strategy there: email: promises a "
        "first response within 48 business hours; this strategy needs at least 90% in 4h "
        "(later: within 48h of open time, not 4h); main judges it by strategies/ours.yaml"
        in notes
    ), notes


def test_a_line_of_a_new_kind_within_the_bar_the_plan_had_reads_nothing(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: the e-mail line promises 4 business hours, which delight allows.
    _bar_lowered(repo, monkeypatch, 4)
    assert policy_notes(cli) == ""


# Review fix54g items 3 and 4, which held (kept as tests): an inbox line turned live is sized
# as live (its staff judged), and a line moved into a new plan with its staff cut after its
# target was loosened is said against the plan it left.
def test_an_inbox_turned_live_is_sized_as_live(repo: Repo, cli: Cli) -> None:
    # 2,500 e-mails a month as chat at 80% in 60s need 6.5 FTE; the 4.5 kept miss it.
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    live = _edit(
        ALIGNED,
        ("kind: email", "kind: chat"),
        ("target: {first_response: 4 business hours}", 'target: {service_level: "80% in 60s"}'),
    )
    repo.write("plans/acme.yaml", live)
    repo.commit("e-mail to chat")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert result.code == 1, result.err
    found = {f["rule"]: f["message"] for f in json.loads(result.out)["plans"][0]["findings"]}
    assert "channel email is now chat (was email)" in found["policy-changed"], found
    assert found["staffing-meets-targets"].startswith("email: 80% in 1m needs 6.5 FTE"), found


def test_a_line_moved_to_a_new_plan_after_its_target_loosened_is_said_where_it_left(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 100 days ago the phone (9,000 calls) at 90% in 10s with 15.6 FTE; 5 days ago loosened
    # to 80% in 20s, staff kept; the change moves it to a new plan with 13.8 FTE.
    def acme(target: str) -> str:
        return _edit(ALIGNED, ('"80% in 20s"', f'"{target}"'), ("agents: 16.2", "agents: 15.6"))

    _on_main_at(repo, monkeypatch, 100, acme("90% in 10s"))
    _on_main_at(repo, monkeypatch, 5, acme("80% in 20s"))
    left = _edit(
        ALIGNED,
        (PHONE, ""),
        ("agents: 20.7 ", "agents: 4.5 "),
        ("people: 1283400", "people: 279000"),
        ("total: 1540241", "total: 535841"),
    )
    moved = _edit(ALIGNED, (EMAIL, ""), ("agents: 16.2", "agents: 13.8"), ("20.7 ", "13.8 "))
    repo.write("plans/acme.yaml", left)
    repo.write("plans/acme-phone.yaml", moved)
    repo.commit("the phone in a plan of its own")
    assert (
        "phone in plans/acme-phone.yaml (moved from this plan's phone)'s staff are cut to "
        "13.8 FTE (15.6 at main), 11.5% below the 15.6 FTE its targets at main on "
    ) in policy_notes(cli)


# The files a run's glob gates are those its glob finds: ``organisations._matches`` (the
# scope of item 5) against pathlib's glob, which ``discovery`` expands a plan glob with.
PARTS = st.sampled_from(["a", "b", "plans", "x.yaml", "y.yml", "ab.yaml"])
PATTERN_PARTS = st.sampled_from(["a", "plans", "*", "*.yaml", "a*", "?.yaml", "**", "x.yaml"])


@settings(max_examples=examples(100), deadline=None)
@given(
    files=st.lists(st.lists(PARTS, min_size=1, max_size=4), min_size=1, max_size=6),
    pattern=st.lists(PATTERN_PARTS, min_size=1, max_size=4).filter(lambda p: p[-1] != "**"),
)
def test_a_glob_gates_the_files_it_finds(
    tmp_path_factory: pytest.TempPathFactory, files: list[list[str]], pattern: list[str]
) -> None:
    from cs_align.organisations import _matches

    root = tmp_path_factory.mktemp("glob")
    made = set()
    for parts in files:
        path = root.joinpath(*parts)
        if any(p.is_file() for p in path.parents) or path.is_dir():
            continue  # a file where a folder is, or the other way round
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        made.add("/".join(parts))
    written = "/".join(pattern)
    found = {p.relative_to(root).as_posix() for p in root.glob(written) if p.is_file()}
    assert found == {f for f in made if _matches(written, f)}, (written, made)
