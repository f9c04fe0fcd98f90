"""Under a strategy of people, how a line's work is sized is policy wherever the line
goes: a sizing lever lightened on a line moved into another plan of the organisation
(attack43 C02), on a line split in two (C07), or with the staff kept for a later change
to cut (C05) is `policy-changed` as it is on a line kept in place (see
``test_lighter_need``)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, policy_notes
from tests.security.test_policy import _on_base

Cli = Callable[..., Result]
HOURS = "    hours: Mon-Fri 08:00-20:00\n"
PEAKED = ALIGNED.replace(HOURS, HOURS + "    peak_factor: 1.5\n", 1).replace(
    "agents: 16.2", "agents: 21", 1
)
PHONE = ALIGNED[ALIGNED.index("  - id: phone\n") : ALIGNED.index("  - id: email\n")]
MAIL = ALIGNED[ALIGNED.index("  - id: email\n") : ALIGNED.index("  - id: help-centre\n")]


def _gate(cli: Cli, *plans: str) -> str:
    return "\n".join(policy_notes(cli, plan) for plan in plans)


def test_a_peak_dropped_with_the_staff_kept_is_a_lighter_need(repo: Repo, cli: Cli) -> None:
    # Attack43 C05: the peak dropped and the 21 FTE kept passed (no staff fell), and the
    # next change cut them to the 13.8 the targets then need (the need was met).
    with _on_base(repo, "the peak stated"):
        repo.write("plans/acme.yaml", PEAKED)
    repo.write("plans/acme.yaml", ALIGNED.replace("agents: 16.2", "agents: 21", 1))
    repo.commit("no peak, the staff kept")
    assert (
        "phone's targets need 24.6% fewer staff for the same work under delight: "
        "13.8 FTE for 207.0 hours a week now, 18.3 at main, sized from "
        "phone.peak_factor 1.5 → (not stated)"
    ) in policy_notes(cli)


def test_shrinkage_stated_lower_with_the_staff_kept_is_a_lighter_need(repo: Repo, cli: Cli) -> None:
    # The staff's own levers too: 32% of paid hours lost to leave and training stated as
    # 20% makes each FTE give more hours, so the same calls need fewer of them (the hour
    # price says so too: the same money buys more hours).
    repo.write("plans/acme.yaml", ALIGNED.replace("shrinkage: 32%", "shrinkage: 20%", 1))
    repo.commit("less shrinkage, the staff kept")
    notes = policy_notes(cli)
    assert "phone's targets need 15.2% fewer staff for the same work" in notes, notes
    assert "sized from staffing.shrinkage 32% → 20%" in notes, notes


def test_a_peak_dropped_on_a_line_split_in_two_is_a_lighter_need(repo: Repo, cli: Cli) -> None:
    # Attack43 C07: `phone` split into `phone-a` and `phone-b`, 4,500 calls a month each,
    # without its peak: no line of the kind took 9,000 calls, so none was paired. At main
    # the calls peak at twice the average and the targets need 22.7 FTE; each half without
    # it needs 9.0 (two small teams pool worse than one): 1 − 18/22.7 = 20.7% fewer.
    with _on_base(repo, "the calls peak at twice the average"):
        repo.write("plans/acme.yaml", _peaked("2", "23"))
    repo.write("plans/acme.yaml", ALIGNED.replace(PHONE, _halves(""), 1))
    repo.commit("the phone split in two, no peak")
    assert (
        "phone-a + phone-b's targets need 20.7% fewer staff for the same work under delight: "
        "18.0 FTE for 207.0 hours a week now, 22.7 at main, sized from split from phone; "
    ) in policy_notes(cli)


def test_a_line_split_with_its_peak_kept_is_no_lighter_need(repo: Repo, cli: Cli) -> None:
    # The control: split with each half keeping the peak, two small teams need more than
    # the one did (and one half is staffed by more people than the whole was).
    with _on_base(repo, "the calls peak at twice the average"):
        repo.write("plans/acme.yaml", _peaked("2", "23"))
    repo.write("plans/acme.yaml", ALIGNED.replace(PHONE, _halves("2"), 1))
    repo.commit("the phone split in two, its peak kept")
    assert "fewer staff for the same work" not in policy_notes(cli)


def _peaked(factor: str, agents: str) -> str:
    """The plan with its phone calls peaking at ``factor`` times the average."""
    peaked = ALIGNED.replace(HOURS, HOURS + f"    peak_factor: {factor}\n", 1)
    return peaked.replace("agents: 16.2", f"agents: {agents}", 1)


def _halves(factor: str) -> str:
    """The phone line as two of 4,500 calls a month, 9 FTE each (with a peak: 15)."""
    half = PHONE.replace("contacts: 9000,", "contacts: 4500,", 1)
    if factor:
        half = half.replace(HOURS, HOURS + f"    peak_factor: {factor}\n", 1)
    half = half.replace("agents: 16.2", "agents: 15" if factor else "agents: 9", 1)
    return half.replace("id: phone", "id: phone-a", 1) + half.replace("id: phone", "id: phone-b")


def test_a_peak_dropped_on_a_line_moved_to_another_plan(repo: Repo, cli: Cli) -> None:
    # Attack43 C02: the phone line deleted here and added to the west's plan without its
    # peak: each plan compared its own lines alone. Both plans now say it.
    west = ALIGNED.replace(PHONE, "", 1).replace("agents: 20.7", "agents: 4.5", 1)
    with _on_base(repo, "two plans, the peak stated"):
        repo.write("plans/acme.yaml", PEAKED)
        repo.write("plans/acme-west.yaml", west)
    repo.write("plans/acme.yaml", west)
    repo.write("plans/acme-west.yaml", ALIGNED)
    repo.commit("the phone moved west, no peak")
    assert (
        "phone's targets need 24.6% fewer staff for the same work under delight in "
        "plans/acme-west.yaml: 13.8 FTE for 207.0 hours a week now, 18.3 at main, sized from "
        "moved from this plan's phone; phone.peak_factor 1.5 → (not stated)"
    ) in policy_notes(cli)
    assert (
        "phone's targets need 24.6% fewer staff for the same work under delight: 13.8 FTE for "
        "207.0 hours a week now, 18.3 at main, sized from moved from phone in plans/acme.yaml; "
        "phone.peak_factor 1.5 → (not stated)"
    ) in policy_notes(cli, "plans/acme-west.yaml")


def test_a_line_moved_to_a_new_plan_is_compared(repo: Repo, cli: Cli) -> None:
    # The plan it went to is new (no base of its own), or (below) the plan it left is
    # gone: the other side of the move says it.
    west = ALIGNED.replace(PHONE, "", 1).replace("agents: 20.7", "agents: 4.5", 1)
    with _on_base(repo, "the peak stated"):
        repo.write("plans/acme.yaml", PEAKED)
    repo.write("plans/acme.yaml", west)
    repo.write("plans/acme-west.yaml", ALIGNED)
    repo.commit("the phone moved to a new plan, no peak")
    assert "phone's targets need 24.6% fewer staff" in policy_notes(cli)


def test_a_line_moved_from_a_plan_deleted_is_compared(repo: Repo, cli: Cli) -> None:
    west = ALIGNED.replace(PHONE, "", 1).replace("agents: 20.7", "agents: 4.5", 1)
    with _on_base(repo, "two plans, the peak stated"):
        repo.write("plans/acme.yaml", west)
        repo.write("plans/acme-west.yaml", PEAKED.replace(MAIL, "", 1))
    repo.write("plans/acme.yaml", ALIGNED)
    repo.git("rm", "-q", "plans/acme-west.yaml")
    repo.commit("the west closed, its phone moved here without the peak")
    assert (
        "sized from moved from phone in plans/acme-west.yaml; phone.peak_factor 1.5 → (not stated)"
    ) in policy_notes(cli)


def test_a_line_moved_as_it_was_is_no_lighter_need(repo: Repo, cli: Cli) -> None:
    # The control: moved with its peak and its staff, or with a lever that raises the need.
    west = PEAKED.replace(PHONE, "", 1).replace("agents: 20.7", "agents: 4.5", 1)
    phone = PEAKED[PEAKED.index("  - id: phone\n") : PEAKED.index("  - id: email\n")]
    with _on_base(repo, "two plans, the peak stated"):
        repo.write("plans/acme.yaml", PEAKED)
        repo.write("plans/acme-west.yaml", west)
    repo.write("plans/acme.yaml", west)
    repo.write("plans/acme-west.yaml", PEAKED)
    repo.commit("the phone moved west as it was")
    assert _gate(cli, "plans/acme.yaml", "plans/acme-west.yaml").strip() == ""
    higher = PEAKED.replace(phone, phone.replace("peak_factor: 1.5", "peak_factor: 2", 1), 1)
    repo.write("plans/acme-west.yaml", higher.replace("agents: 21", "agents: 23", 1))
    repo.commit("and its peak stated higher")
    assert "fewer staff" not in _gate(cli, "plans/acme.yaml", "plans/acme-west.yaml")


def test_an_honest_staff_change_or_a_heavier_lever_is_no_lighter_need(repo: Repo, cli: Cli) -> None:
    # The controls for C05: more staff with every lever as it was; a lever that raises the
    # need (a peak stated) with the staff kept; a target loosened with the staff kept (the
    # strategy's rules judge targets).
    repo.write("plans/acme.yaml", ALIGNED.replace("agents: 16.2", "agents: 18", 1))
    repo.commit("more staff")
    assert policy_notes(cli) == ""
    repo.write("plans/acme.yaml", PEAKED.replace("agents: 21", "agents: 16.2", 1))
    repo.commit("a peak stated, the staff kept")
    assert "fewer staff" not in policy_notes(cli)
    repo.write("plans/acme.yaml", ALIGNED.replace('"80% in 20s"', '"80% in 30s"', 1))
    repo.commit("a slower promise, the staff kept")
    assert "fewer staff" not in policy_notes(cli)


def test_a_pooled_team_grown_or_cut_with_its_levers_kept_is_no_lighter_need(
    repo: Repo, cli: Cli
) -> None:
    # The control for a team shared by its lines (no `agents:` of their own): its size moves,
    # its levers do not, so neither line's need for the same work moves.
    pooled = ALIGNED.replace("    agents: 16.2\n", "", 1).replace("    agents: 4.5\n", "", 1)
    with _on_base(repo, "a pooled team"):
        repo.write("plans/acme.yaml", pooled)
    repo.write("plans/acme.yaml", pooled.replace("agents: 20.7", "agents: 23", 1))
    repo.commit("a larger team")
    assert "fewer staff" not in policy_notes(cli)
    repo.write("plans/acme.yaml", pooled.replace("agents: 20.7", "agents: 19", 1))
    repo.commit("a smaller team")
    assert "fewer staff" not in policy_notes(cli)


def test_a_shorter_handle_time_with_the_staff_kept_or_cut_to_it_is_no_lighter_need(
    repo: Repo, cli: Cli
) -> None:
    # Handle time is the work, not a lever: calls measured at 5 minutes instead of 6 are a
    # sixth less work (attack37 F2's honest example), judged by the time per contact, not
    # as a lighter need, whether the 16.2 FTE are kept or cut to the 11.6 the work then needs.
    shorter = ALIGNED.replace("handle_time: 6m", "handle_time: 5m", 1)
    assert shorter != ALIGNED
    repo.write("plans/acme.yaml", shorter)
    repo.commit("calls take 5 minutes, the staff kept")
    assert "fewer staff for the same work" not in policy_notes(cli)
    repo.write("plans/acme.yaml", shorter.replace("agents: 16.2", "agents: 11.6", 1))
    repo.commit("the staff cut to the shorter calls")
    assert "fewer staff for the same work" not in policy_notes(cli)


def test_lines_split_among_more_new_lines_than_are_searched_are_paired(
    repo: Repo, cli: Cli
) -> None:
    # Eleven phone lines, each split in two without the peak: 22 new lines of the kind,
    # more than the 20 searched a group at a time, paired none, and only all 22 together
    # (99,000 calls beside each line's 9,000) were tried. The largest new lines that fit
    # within a tenth of a gone line are its halves: each line now reads as the C07 split
    # (22.7 FTE at main, 18.0 for the halves: 20.7% fewer).
    lines, halves = "", ""
    for i in range(11):
        peaked = PHONE.replace(HOURS, HOURS + "    peak_factor: 2\n", 1)
        lines += peaked.replace("agents: 16.2", "agents: 23").replace("id: phone", f"id: phone{i}")
        halves += _halves("").replace("id: phone-", f"id: phone{i}-")
    assert lines.count("peak_factor: 2") == 11 and halves.count("contacts: 4500") == 22
    total = "agents: 20.7 "
    with _on_base(repo, "eleven peaked lines"):
        repo.write(
            "plans/acme.yaml", ALIGNED.replace(PHONE, lines, 1).replace(total, "agents: 257.5 ")
        )
    repo.write(
        "plans/acme.yaml", ALIGNED.replace(PHONE, halves, 1).replace(total, "agents: 202.5 ")
    )
    repo.commit("every line split in two, the peaks dropped")
    notes = policy_notes(cli)
    assert "phone0-a + phone0-b's targets need 20.7% fewer staff for the same work" in notes, notes
    assert "phone10-a + phone10-b's targets need 20.7% fewer staff" in notes, notes


def test_a_lever_moved_a_little_on_a_small_line_is_no_lighter_need(repo: Repo, cli: Cli) -> None:
    # Review attack45 G01: the need is the least to a tenth of an FTE, so on a line of less
    # than one FTE a lever moved by a point read as a tenth gone: shrinkage re-measured at
    # 31% instead of 32% (1.5% fewer hours lost) took 431 emails a month from 0.8 FTE to
    # 0.7, "12.5% fewer staff for the same work". A need of 0.8 at a tenth may be 0.71: the
    # cut counts from the least the line can have needed.
    small = ALIGNED.replace("contacts: 2500,", "contacts: 431,", 1).replace(
        "agents: 4.5", "agents: 1", 1
    )
    with _on_base(repo, "a small inbox"):
        repo.write("plans/acme.yaml", small)
    repo.write("plans/acme.yaml", small.replace("shrinkage: 32%", "shrinkage: 31%", 1))
    repo.commit("shrinkage re-measured")
    assert "fewer staff for the same work" not in policy_notes(cli)
    # The control: a lever lightened for real on the same line (shrinkage 32% → 12%: 0.8 →
    # 0.6, 0.6 < 0.9 × 0.7) is still said.
    repo.write("plans/acme.yaml", small.replace("shrinkage: 32%", "shrinkage: 12%", 1))
    repo.commit("shrinkage stated far lower")
    assert "email's targets need 25% fewer staff for the same work" in policy_notes(cli)


def test_a_peak_dropped_behind_a_rename_or_split_with_more_calls_is_seen(
    repo: Repo, cli: Cli
) -> None:
    # Review attack45 G10: a line renamed, or split, is paired with its new lines by their
    # contacts within a tenth; claimed 11% higher (9,000 calls a month → 10,000), the line
    # was paired with nothing and its peak dropped unseen, the 23 FTE kept for a later cut.
    # A line kept under its id is sized again at the work it had (attack42 B02); so now are
    # the new lines of its kind that take more than its contacts.
    with _on_base(repo, "the calls peak at twice the average"):
        repo.write("plans/acme.yaml", _peaked("2", "23"))
    calls = PHONE.replace("id: phone", "id: calls", 1).replace(
        "contacts: 9000,", "contacts: 10000,"
    )
    repo.write(
        "plans/acme.yaml", ALIGNED.replace(PHONE, calls.replace("agents: 16.2", "agents: 23"))
    )
    repo.commit("renamed, 11% more calls, no peak")
    assert (
        "calls's targets need 39.2% fewer staff for the same work under delight: 13.8 FTE for "
        "207.0 hours a week now, 22.7 at main, sized from renamed from phone"
    ) in policy_notes(cli)
    half = calls.replace("contacts: 10000,", "contacts: 5000,").replace(
        "agents: 16.2", "agents: 12"
    )
    halves = half.replace("id: calls", "id: phone-a", 1) + half.replace("id: calls", "id: phone-b")
    repo.write("plans/acme.yaml", ALIGNED.replace(PHONE, halves))
    repo.commit("split in two, 11% more calls, no peak")
    assert "phone-a + phone-b's targets need" in policy_notes(cli)


def test_a_line_renamed_with_more_calls_and_its_peak_kept_is_no_lighter_need(
    repo: Repo, cli: Cli
) -> None:
    # The control: renamed with a fifth more calls, the peak kept and the team grown.
    with _on_base(repo, "the calls peak at twice the average"):
        repo.write("plans/acme.yaml", _peaked("2", "23"))
    grown = _peaked("2", "27").replace("contacts: 9000,", "contacts: 10800,", 1)
    repo.write("plans/acme.yaml", grown.replace("  - id: phone\n", "  - id: calls\n", 1))
    repo.commit("renamed, a fifth more calls, the peak kept")
    assert "fewer staff for the same work" not in policy_notes(cli)


def _regions(factor: str, agents: str) -> tuple[str, str]:
    """The phone line split between this plan (`phone-a`) and a new west plan (`phone-b`),
    4,500 calls a month each, ``agents`` FTE each, peaking at ``factor`` (none if empty)."""
    half = PHONE.replace("contacts: 9000,", "contacts: 4500,", 1)
    if factor:
        half = half.replace(HOURS, HOURS + f"    peak_factor: {factor}\n", 1)
    half = half.replace("agents: 16.2", f"agents: {agents}", 1)
    here = ALIGNED.replace(PHONE, half.replace("id: phone", "id: phone-a", 1), 1)
    west = ALIGNED.replace(MAIL, "", 1).replace(PHONE, half.replace("id: phone", "id: phone-b"))
    return here, west


def test_a_peak_dropped_on_a_line_split_between_two_plans_is_seen(repo: Repo, cli: Cli) -> None:
    # Review attack45 G11: half the calls kept here as `phone-a`, half moved to a new west
    # plan as `phone-b`, without the peak, the 23 FTE kept (11.5 each): neither half alone
    # takes the line's calls within a tenth, so neither plan paired it. The plan it left says
    # it (the west's is new: it has no side of its own): 9.0 FTE a half, 18.0 against 22.7.
    with _on_base(repo, "the calls peak at twice the average"):
        repo.write("plans/acme.yaml", _peaked("2", "23"))
    here, west = _regions("", "11.5")
    repo.write("plans/acme.yaml", here)
    repo.write("plans/acme-west.yaml", west)
    repo.commit("half the calls to the west, no peak")
    assert (
        "phone-a + phone-b in plans/acme-west.yaml's targets need 20.7% fewer staff for the "
        "same work under delight: 18.0 FTE for 207.0 hours a week now, 22.7 at main, sized "
        "from split from phone; "
    ) in policy_notes(cli)


def test_a_line_split_between_two_plans_with_its_peak_is_no_lighter_need(
    repo: Repo, cli: Cli
) -> None:
    # The control: each half keeps the peak (two small teams need more than the one did).
    with _on_base(repo, "the calls peak at twice the average"):
        repo.write("plans/acme.yaml", _peaked("2", "23"))
    here, west = _regions("2", "15")
    repo.write("plans/acme.yaml", here)
    repo.write("plans/acme-west.yaml", west)
    repo.commit("half the calls to the west, the peak kept")
    assert "fewer staff" not in _gate(cli, "plans/acme.yaml", "plans/acme-west.yaml")


def test_a_line_split_into_a_plan_that_was_there_is_seen_from_both(repo: Repo, cli: Cli) -> None:
    # The west's plan was there at main (its own inbox): each plan pairs the line from its
    # side, the half it holds with the other's.
    here, west = _regions("", "11.5")
    west_mail = ALIGNED.replace(PHONE, "", 1).replace("id: email", "id: email-w", 1)
    with _on_base(repo, "the calls peak at twice the average, a west inbox"):
        repo.write("plans/acme.yaml", _peaked("2", "23"))
        repo.write("plans/acme-west.yaml", west_mail)
    repo.write("plans/acme.yaml", here)
    repo.write("plans/acme-west.yaml", west.replace("id: email", "id: email-w", 1))
    repo.commit("half the calls to the west, no peak")
    assert "phone-a + phone-b in plans/acme-west.yaml's targets need 20.7%" in policy_notes(cli)
    assert (
        "phone-b + phone-a in plans/acme.yaml's targets need 20.7% fewer staff for the same "
        "work under delight: 18.0 FTE for 207.0 hours a week now, 22.7 at main, sized from "
        "split from phone in plans/acme.yaml; "
    ) in policy_notes(cli, "plans/acme-west.yaml")


def test_a_peak_dropped_behind_a_rename_with_fewer_calls_is_seen(repo: Repo, cli: Cli) -> None:
    # Review attack45 G12: renamed with 15% fewer calls (7,650 a month, the rest made up on
    # a chat line so that people answer as many contacts), no peak, the 23 FTE kept: paired
    # with nothing, the peak dropped unseen. Sized at the 9,000 calls it had: 13.8 FTE.
    chat = (
        "  - id: chat\n    kind: chat\n    hours: Mon-Fri 08:00-20:00\n"
        "    volume: {contacts: 3000, per: month}\n    handle_time: 6m\n"
        '    target: {service_level: "80% in 20s"}\n    agents: 10\n'
    )
    with _on_base(repo, "the calls peak at twice the average, a chat line"):
        repo.write("plans/acme.yaml", _peaked("2", "23").replace(MAIL, chat + MAIL, 1))
    calls = PHONE.replace("id: phone", "id: calls", 1).replace("9000,", "7650,", 1)
    fewer = ALIGNED.replace(PHONE, calls.replace("16.2", "23", 1), 1)
    repo.write("plans/acme.yaml", fewer.replace(MAIL, chat.replace("3000", "4350") + MAIL, 1))
    repo.commit("renamed, 15% of the calls to chat, no peak")
    assert (
        "calls's targets need 39.2% fewer staff for the same work under delight: 13.8 FTE for "
        "207.0 hours a week now, 22.7 at main, sized from renamed from phone"
    ) in policy_notes(cli)


def _merge(peaks: tuple[str, str], agents: tuple[str, str]) -> str:
    """The phone line as an east and a west team of 4,500 calls a month each."""
    lines = ""
    for name, factor, staff in zip(("east", "west"), peaks, agents, strict=True):
        half = PHONE.replace("contacts: 9000,", "contacts: 4500,", 1)
        half = half.replace(HOURS, HOURS + f"    peak_factor: {factor}\n", 1)
        lines += half.replace("agents: 16.2", f"agents: {staff}", 1).replace(
            "id: phone", f"id: phone-{name}", 1
        )
    return ALIGNED.replace(PHONE, lines, 1)


def test_lines_merged_into_one_without_their_peak_are_a_lighter_need(repo: Repo, cli: Cli) -> None:
    # Review attack45 G17: an east and a west team, each peaking at twice the average,
    # merged into one phone line without the peak, 30 FTE kept: no line gone took the new
    # line's 9,000 calls within a tenth, so none was paired. Each is compared with the
    # merged line at its own 4,500 calls (one pool needs fewer than two for the same work,
    # which is no lighter lever): 9.0 + 9.0 against 13.8 + 13.8.
    with _on_base(repo, "two regional teams"):
        repo.write("plans/acme.yaml", _merge(("2", "2"), ("15", "15")))
    repo.write("plans/acme.yaml", ALIGNED.replace("agents: 16.2", "agents: 30", 1))
    repo.commit("one team, no peak")
    assert (
        "phone's targets need 34.8% fewer staff for the same work under delight: 18.0 FTE for "
        "207.0 hours a week now, 27.6 at main, sized from merged from phone-east + phone-west"
    ) in policy_notes(cli)


def test_lines_merged_with_their_peaks_blended_are_no_lighter_need(repo: Repo, cli: Cli) -> None:
    # The control: the east peaking at 2, the west at 1.2, the one team at 1.6 (their calls
    # added up), with fewer staff than the two teams had: the pool needs fewer.
    with _on_base(repo, "two regional teams"):
        repo.write("plans/acme.yaml", _merge(("2", "1.2"), ("15", "11")))
    merged = ALIGNED.replace(HOURS, HOURS + "    peak_factor: 1.6\n", 1)
    repo.write("plans/acme.yaml", merged.replace("agents: 16.2", "agents: 22", 1))
    repo.commit("one team")
    assert "fewer staff for the same work" not in policy_notes(cli)


def test_a_peak_dropped_on_a_line_moved_with_more_calls_is_seen(repo: Repo, cli: Cli) -> None:
    # Review attack45 G18: G10 across plans. Deleted here and added to a new west plan with
    # 10,000 calls a month for 9,000 and no peak, the 23 FTE kept there: no pairing within a
    # tenth found it. The lines of its kind left on both sides are paired at last.
    west = ALIGNED.replace(MAIL, "", 1).replace("contacts: 9000,", "contacts: 10000,", 1)
    with _on_base(repo, "the calls peak at twice the average"):
        repo.write("plans/acme.yaml", _peaked("2", "23"))
    repo.write("plans/acme.yaml", ALIGNED.replace(PHONE, "", 1))
    repo.write("plans/acme-west.yaml", west.replace("agents: 16.2", "agents: 23", 1))
    repo.commit("the phone to the west with 11% more calls, no peak")
    assert (
        "phone's targets need 39.2% fewer staff for the same work under delight in "
        "plans/acme-west.yaml: 13.8 FTE for 207.0 hours a week now, 22.7 at main, sized from "
        "moved from this plan's phone"
    ) in policy_notes(cli)
    # The control: moved with more calls and its peak, the team grown with them.
    peaked = _peaked("2", "26").replace(MAIL, "", 1).replace("contacts: 9000,", "contacts: 10000,")
    repo.write("plans/acme-west.yaml", peaked)
    repo.commit("and its peak kept")
    assert "fewer staff" not in _gate(cli, "plans/acme.yaml", "plans/acme-west.yaml")


def _regional(name: str, factor: str, agents: str) -> str:
    """A plan of 4,500 calls a month on `phone-<name>`, peaking at ``factor``."""
    half = PHONE.replace("contacts: 9000,", "contacts: 4500,", 1)
    half = half.replace(HOURS, HOURS + f"    peak_factor: {factor}\n", 1)
    half = half.replace("agents: 16.2", f"agents: {agents}", 1).replace(
        "id: phone", f"id: phone-{name}", 1
    )
    return ALIGNED.replace(PHONE, half, 1)


def test_a_regional_plan_merged_into_another_with_peaks_blended_passes(
    repo: Repo, cli: Cli
) -> None:
    # Review attack45 G19: the west's plan closed, its 4,500 calls a month (peaking at 1.2)
    # taken by the east's line (peaking at 2), one team of 9,000 calls peaking at 1.6: the
    # east's line was compared alone at its own calls, "13.8% fewer staff" (at main when
    # the line kept its id). The west's line is now compared with it too, at its calls.
    west = _regional("west", "1.2", "11").replace(MAIL, "", 1)
    with _on_base(repo, "two regional plans"):
        repo.write("plans/acme.yaml", _regional("east", "2", "15"))
        repo.write("plans/acme-west.yaml", west)
    one = ALIGNED.replace(HOURS, HOURS + "    peak_factor: 1.6\n", 1).replace("16.2", "26", 1)
    for name in ("phone-east", "phone"):  # the east's line kept, or renamed
        repo.write("plans/acme.yaml", one.replace("id: phone\n", f"id: {name}\n", 1))
        if (repo.root / "plans/acme-west.yaml").exists():
            repo.git("rm", "-q", "plans/acme-west.yaml")
        repo.commit(f"one team as {name}")
        assert "fewer staff for the same work" not in policy_notes(cli), name


def test_a_regional_plan_merged_into_another_without_its_peak_is_seen(repo: Repo, cli: Cli) -> None:
    # The control: both peaking at 2, merged without the peak: 9.0 + 9.0 against 13.8 + 13.8.
    west = _regional("west", "2", "15").replace(MAIL, "", 1)
    with _on_base(repo, "two regional plans"):
        repo.write("plans/acme.yaml", _regional("east", "2", "15"))
        repo.write("plans/acme-west.yaml", west)
    repo.write("plans/acme.yaml", ALIGNED.replace("id: phone\n", "id: phone-east\n", 1))
    repo.git("rm", "-q", "plans/acme-west.yaml")
    repo.commit("one team, no peak")
    assert (
        "phone-east's targets need 34.8% fewer staff for the same work under delight: 18.0 FTE "
        "for 207.0 hours a week now, 27.6 at main, sized from merged with phone-west in "
        "plans/acme-west.yaml"
    ) in policy_notes(cli)


def test_intervals_in_place_of_a_peak_factor_say_their_own_peak(repo: Repo, cli: Cli) -> None:
    # Review attack45 G02: a peak factor staffs every open hour at the peak, intervals each
    # hour at its own load, so intervals that bear the factor out need fewer staff too: a
    # reviewer is asked, and told how far the intervals' busiest hour stands above their
    # average beside the factor they replaced (412 calls a day peaking at 54: 1.57).
    counts = [24, 34, 45, 54, 41, 38, 34, 32, 31, 27, 28, 24]
    intervals = "    volume:\n      interval: 1h\n      intervals:\n" + "".join(
        f'        - {{at: "{8 + i:02d}:00", contacts: {n}}}\n' for i, n in enumerate(counts)
    )
    with _on_base(repo, "the calls peak at 1.5 times the average"):
        repo.write("plans/acme.yaml", PEAKED)
    volume = "    volume: {contacts: 9000, per: month}\n"
    given = PEAKED.replace(volume, intervals, 1).replace("    peak_factor: 1.5\n", "", 1)
    repo.write("plans/acme.yaml", given)
    repo.commit("the calls of each hour, from the telephony reports")
    assert "the intervals' busiest is 1.57 times their average (peak_factor was 1.5)" in (
        policy_notes(cli)
    )
