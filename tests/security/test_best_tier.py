"""Under the tiered strategy, which segment is the best tier, and how much of the plan's work
its own lines take, is policy under review: `best-tier-served-better` protects the
best-ranked segment's lines (review attack39 F3, F5)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import EXAMPLES, Repo, Result
from tests.security.conftest import on_main, policy_notes

Cli = Callable[..., Result]
TIERED = (EXAMPLES / "tiered-aligned.yaml").read_text(encoding="utf-8")
STANDARD = "  - {id: standard, share: 90%}\n"


def test_re_ranking_the_segments_is_policy(repo: Repo, cli: Cli) -> None:
    on_main(repo, {"plans/acme.yaml": TIERED})
    assert STANDARD in TIERED
    swapped = TIERED.replace("    rank: 1\n", "    rank: 2\n", 1).replace(
        STANDARD, "  - {id: standard, share: 90%, rank: 1}\n"
    )
    repo.write("plans/acme.yaml", swapped)
    repo.commit("standard ranked first")
    assert (
        "segments: the best tier is standard now, gold at main (the tier "
        "best-tier-served-better protects)"
    ) in policy_notes(cli)


def test_a_new_tier_ranked_above_the_best_is_policy(repo: Repo, cli: Cli) -> None:
    on_main(repo, {"plans/acme.yaml": TIERED})
    vip = TIERED.replace("    rank: 1\n", "    rank: 2\n", 1).replace(
        STANDARD, "  - {id: vip, share: 0%, rank: 1}\n" + STANDARD
    )
    repo.write("plans/acme.yaml", vip)
    repo.commit("a vip tier above gold")
    assert "segments: the best tier is vip now, gold at main" in policy_notes(cli)


def test_the_best_tiers_calls_moved_to_the_standard_queue_are_policy(repo: Repo, cli: Cli) -> None:
    # A month's contacts are 12 ÷ 52.18 weeks' (365.25 days ÷ 7): gold-phone's 1,500 a month
    # are 345 a week, of 1,500 + 9,000 = 10,500 live (2,415); with 15 left on it and 1,485
    # added to the standard phone, 3 of the same 2,415: 1 − 15/1,500 = 99% fewer.
    on_main(repo, {"plans/acme.yaml": TIERED})
    moved = TIERED.replace("contacts: 1500,", "contacts: 15,", 1).replace(
        "contacts: 9000,", "contacts: 10485,", 1
    )
    repo.write("plans/acme.yaml", moved)
    repo.commit("gold's calls in the standard queue")
    assert (
        "the best tier's own live lines (gold) answer 3 contacts a week now, 345 at main "
        "(-99%), of 2,415 and 2,415 live: its customers wait in the other tiers' queues"
    ) in policy_notes(cli)


def test_the_other_tiers_growth_takes_nothing_from_the_best(repo: Repo, cli: Cli) -> None:
    # Review attack40 A13: the standard queue's calls up 22% lowered gold's share, which read
    # as gold's customers moved. Gold's own calls are unchanged.
    on_main(repo, {"plans/acme.yaml": TIERED})
    repo.write("plans/acme.yaml", TIERED.replace("contacts: 9000,", "contacts: 11000,", 1))
    repo.commit("more standard calls")
    assert "best tier" not in policy_notes(cli)


def test_e_mail_relabelled_as_the_best_tiers_pads_nothing(repo: Repo, cli: Cli) -> None:
    # Review attack40 A06: a new e-mail line of gold's kept gold's share of all contacts
    # while 90% of its calls went to the standard queue.
    on_main(repo, {"plans/acme.yaml": TIERED})
    gold_mail = (
        "  - {id: gold-mail, kind: email, segment: gold, volume: 20000/month, handle_time: 1m,"
        " target: {first_response: 4h}, agents: 2}\n"
    )
    padded = (
        TIERED.replace("contacts: 1500,", "contacts: 150,", 1)
        .replace("contacts: 9000,", "contacts: 10350,", 1)
        .replace("  - id: help-centre\n", gold_mail + "  - id: help-centre\n", 1)
    )
    assert "gold-mail" in padded
    repo.write("plans/acme.yaml", padded)
    repo.commit("gold's calls in the standard queue, its e-mail gold's")
    assert "the best tier's own live lines (gold)" in policy_notes(cli)


def test_the_best_tiers_calls_moved_to_an_inbox_of_its_own_are_no_move(
    repo: Repo, cli: Cli
) -> None:
    # Review attack41 F01: a third of gold's calls (1,500 → 1,000 a month) moved to a new
    # gold e-mail inbox read as "its customers wait in the other tiers' queues": gold's
    # live contacts 345 → 230 a week, yet the other queues' stayed 2,070 (9,000 a month ×
    # 12 ÷ 52.18); they took none of the 115 a week gold's phone lost.
    on_main(repo, {"plans/acme.yaml": TIERED})
    gold_mail = (
        "  - {id: gold-mail, kind: email, segment: gold, hours: 24x7, volume: 500/month,"
        " handle_time: 8m, target: {first_response: 1h}, agents: 3}\n"
    )
    own = TIERED.replace("contacts: 1500,", "contacts: 1000,", 1).replace(
        "  - id: help-centre\n", gold_mail + "  - id: help-centre\n", 1
    )
    assert "gold-mail" in own
    repo.write("plans/acme.yaml", own)
    repo.commit("gold's e-mail of its own")
    assert "best tier" not in policy_notes(cli)
    # The control: the same 500 calls into the standard queue instead are a move.
    repo.write("plans/acme.yaml", own.replace("contacts: 9000,", "contacts: 9500,", 1))
    repo.commit("and the standard queue took them too")
    assert (
        "the best tier's own live lines (gold) answer 230 contacts a week now, 345 at main"
    ) in policy_notes(cli)


def test_half_minute_chats_of_the_best_tiers_pad_nothing(repo: Repo, cli: Cli) -> None:
    # Review attack41 B06: 90% of gold's calls to the standard queue, and a new gold chat of
    # 1,600 half-minute contacts a month, 3 at a time, kept gold's live contacts up. Its
    # hours: 1,500 calls × 8 min = 200 h a month, 46.0 a week (× 12 ÷ 52.18) at main;
    # now 150 × 8 min + 1,600 × 30 s ÷ 3 = 20 + 4.4 = 24.4 h a month, 5.6 a week: 87.8% less.
    on_main(repo, {"plans/acme.yaml": TIERED})
    gold_chat = (
        "  - {id: gold-chat, kind: chat, segment: gold, hours: 24x7, volume: 1600/month,"
        ' handle_time: 30s, concurrency: 3, target: {service_level: "95% in 10s"}, agents: 5}\n'
    )
    padded = (
        TIERED.replace("contacts: 1500,", "contacts: 150,", 1)
        .replace("contacts: 9000,", "contacts: 10350,", 1)
        .replace("  - id: help-centre\n", gold_chat + "  - id: help-centre\n", 1)
    )
    repo.write("plans/acme.yaml", padded)
    repo.commit("gold's calls in the standard queue, a gold chat of half minutes")
    assert (
        "the best tier's own live lines (gold) take 5.6 hours of work a week now, 46.0 at main "
        "(-87.8%)"
    ) in policy_notes(cli)


def test_the_best_tiers_handle_time_improved_is_no_move(repo: Repo, cli: Cli) -> None:
    # Review attack42 F05: gold's calls at 6 minutes instead of 8 took a quarter fewer
    # hours, read as its customers waiting in the other queues. A line kept under its id
    # counts at its time per contact then: 345 calls a week, the same hours.
    on_main(repo, {"plans/acme.yaml": TIERED})
    faster = TIERED.replace("    handle_time: 8m\n", "    handle_time: 6m\n", 1)
    assert faster != TIERED
    repo.write("plans/acme.yaml", faster)
    repo.commit("gold's calls shorter")
    assert "best tier" not in policy_notes(cli)


def test_a_forecast_that_falls_for_every_tier_alike_is_no_policy_change(
    repo: Repo, cli: Cli
) -> None:
    # Every line 20% fewer contacts: gold's share stays 1,200 of 10,400 = 11.5%.
    on_main(repo, {"plans/acme.yaml": TIERED})
    fewer = (
        TIERED.replace("contacts: 1500,", "contacts: 1200,", 1)
        .replace("contacts: 9000,", "contacts: 7200,", 1)
        .replace("contacts: 2500,", "contacts: 2000,", 1)
    )
    repo.write("plans/acme.yaml", fewer)
    repo.commit("a smaller forecast")
    assert "best tier" not in policy_notes(cli)


def test_segments_of_a_mix_are_not_tiers(repo: Repo, cli: Cli) -> None:
    # Under a strategy that does not judge a best tier, the order of segments is no policy.
    mix = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
    on_main(repo, {"plans/acme.yaml": mix})
    retail = "  - {id: retail, share: 95%}\n"
    assert retail in mix and "\n\nbudget:" in mix
    reordered = mix.replace(retail, "", 1).replace("\n\nbudget:", "\n" + retail + "\nbudget:", 1)
    repo.write("plans/acme.yaml", reordered)
    repo.commit("segments listed in another order")
    assert "best tier" not in policy_notes(cli)


def test_the_standard_queue_tagged_as_the_best_tiers_is_policy(repo: Repo, cli: Cli) -> None:
    # Review attack39 F3 (s04d): with every live line the best tier's, no other customer's
    # wait was left to serve gold better than, and gold's own line was cut to the standard
    # promise.
    on_main(repo, {"plans/acme.yaml": TIERED})
    tagged = TIERED.replace(
        "  - id: phone\n    kind: voice\n", "  - id: phone\n    kind: voice\n    segment: gold\n", 1
    )
    assert tagged != TIERED
    repo.write("plans/acme.yaml", tagged)
    repo.commit("the standard queue is gold's too")
    assert "channels: phone serves gold now (the best tier at main)" in policy_notes(cli)


def test_the_best_tier_renamed_is_the_same_tier(repo: Repo, cli: Cli) -> None:
    # Review attack40 A14: gold renamed to premium, its share and lines the same, read as
    # another segment ranked best.
    on_main(repo, {"plans/acme.yaml": TIERED})
    renamed = TIERED.replace("segment: gold", "segment: premium").replace(
        "  - id: gold\n", "  - id: premium\n"
    )
    assert renamed.count("premium") == 2
    repo.write("plans/acme.yaml", renamed)
    repo.commit("gold is premium now")
    assert policy_notes(cli) == ""
