"""Review attack44 A07-A09: under a strategy of people, the contacts people answer moved
from lines of one kind to lines of another within a plan, with no single line renamed.

attack43 C09 reported a line gone while one new line of another kind took its contacts
(within a tenth). The delight phone line split into two in-person lines of 8,000 and 1,000
calls a month (neither within a tenth of 9,000), or kept under its id with 1,000 calls beside
a new store taking 8,000, kept every count the gate compares: contacts, live contacts, hours,
the time each gets. Eight in nine callers lost the phone number, and the gate passed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.security.conftest import ALIGNED, Repo, Result, on_main

Cli = Callable[..., Result]

PHONE = """  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 9000, per: month}
    handle_time: 6m
    target: {service_level: "80% in 20s", abandonment_max: 8%}
    patience: 2m               # mean caller patience: enables Erlang A
    agents: 16.2
"""


def _line(ident: str, kind: str, contacts: int, agents: str) -> str:
    return (
        f"  - id: {ident}\n    kind: {kind}\n    hours: Mon-Fri 08:00-20:00\n"
        f"    volume: {{contacts: {contacts}, per: month}}\n    handle_time: 6m\n"
        '    target: {service_level: "80% in 20s", abandonment_max: 8%}\n'
        f"    patience: 2m\n    agents: {agents}\n"
    )


def _staffed(plan: str) -> str:
    """The plan with e-mail at its need (3.9 FTE) and 21.0 FTE in all, budget +1.2%."""
    plan = plan.replace("business hours}\n    agents: 4.5", "business hours}\n    agents: 3.9")
    plan = plan.replace("agents: 20.7 ", "agents: 21.0 ").replace(
        "people: 1283400", "people: 1302000"
    )
    return plan.replace("total: 1540241", "total: 1558841")


def _phone_as(lines: str) -> str:
    assert PHONE in ALIGNED
    return _staffed(ALIGNED.replace(PHONE, lines, 1))


@pytest.mark.parametrize("kind", ["in-person", "chat"])
def test_a_phone_line_split_into_lines_of_another_kind_is_policy(
    repo: Repo, cli: Cli, kind: str
) -> None:
    changed = _phone_as(
        _line("store-north", kind, 8000, "12.6") + _line("store-south", kind, 1000, "4.5")
    )
    repo.write("plans/acme.yaml", changed)
    repo.commit("the phone line as two lines of another kind")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 1, result.out
    said = " ".join(result.out.split())
    assert (
        f"2,070 contacts a week people answered on voice lines under delight at main are "
        f"answered on lines of another kind now ({kind} +2,070): voice 2,070 → 0"
    ) in said, result.out


def test_a_phone_line_kept_beside_a_new_line_of_another_kind_is_policy(
    repo: Repo, cli: Cli
) -> None:
    kept = _line("phone", "voice", 1000, "4.5")
    repo.write("plans/acme.yaml", _phone_as(kept + _line("store", "in-person", 8000, "12.6")))
    repo.commit("most calls to a store")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 1, result.out
    assert "voice 2,070 → 230" in " ".join(result.out.split()), result.out


def test_an_inbox_kept_beside_a_new_social_line_is_policy(repo: Repo, cli: Cli) -> None:
    # attack44 A09: the private inbox's customers sent to a public network's messages.
    social = (
        "    agents: 0.9\n  - id: social-dm\n    kind: social\n    hours: Mon-Fri 08:00-18:00\n"
        "    volume: {contacts: 2200, per: month}\n    handle_time: 8m\n"
        "    target: {first_response: 4 business hours}\n    agents: 3.6\n"
    )
    changed = ALIGNED.replace(
        "volume: {contacts: 2500, per: month}", "volume: {contacts: 300, per: month}", 1
    ).replace("business hours}\n    agents: 4.5\n", "business hours}\n" + social, 1)
    assert "social-dm" in changed
    repo.write("plans/acme.yaml", changed)
    repo.commit("the inbox's customers to social")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 1, result.out
    assert "email 575 → 69" in " ".join(result.out.split()), result.out


@pytest.mark.parametrize(
    "lines",
    [
        # The phone line split in two phone lines: the callers keep their number.
        _line("phone-sales", "voice", 4500, "8.8") + _line("phone-help", "voice", 4500, "8.8"),
        # A forecast moved a little from the phone line to a new chat line (a twentieth).
        _line("phone", "voice", 8550, "16.2") + _line("chat", "chat", 450, "1.5"),
        # A new chat line beside the phone line, which keeps every call.
        PHONE + _line("chat", "chat", 900, "2.5"),
    ],
    ids=["split-same-kind", "small-shift", "line-added"],
)
def test_lines_of_a_kind_that_keep_its_contacts_are_no_policy_change(
    repo: Repo, cli: Cli, lines: str
) -> None:
    plan = ALIGNED.replace(PHONE, lines, 1)
    repo.write("plans/acme.yaml", plan)
    repo.commit("honest")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert "lines of another kind" not in " ".join(result.out.split()), result.out


def _email_plan() -> str:
    """The organisation's second plan at main: the e-mail line alone, 4.5 FTE."""
    plan = ALIGNED.replace(PHONE, "", 1).replace("agents: 20.7 ", "agents: 4.5 ")
    plan = plan.replace("total: 1540241", "total: 336000")
    return plan.replace(
        "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
        "lines: {people: 279000, training: 32400, tooling: 18000, goodwill: 6600}",
    )


def test_calls_sent_to_a_store_in_another_plan_of_the_organisation_are_policy(
    repo: Repo, cli: Cli
) -> None:
    # attack44 A10: A08 across two plans, the money moved to the dollar with the store.
    on_main(repo, {"plans/acme-eu.yaml": _email_plan()})
    kept = ALIGNED.replace(PHONE, _line("phone", "voice", 1000, "4.5"), 1)
    kept = kept.replace("business hours}\n    agents: 4.5", "business hours}\n    agents: 3.6")
    kept = kept.replace("agents: 20.7 ", "agents: 8.1 ").replace(
        "people: 1283400", "people: 502200"
    )
    repo.write("plans/acme.yaml", kept.replace("total: 1540241", "total: 759041"))
    store = _line("store", "in-person", 8000, "12.6")
    eu = _email_plan().replace("  - id: help-centre\n", store + "  - id: help-centre\n", 1)
    eu = eu.replace("agents: 4.5 ", "agents: 17.1 ").replace("people: 279000", "people: 1060200")
    repo.write("plans/acme-eu.yaml", eu.replace("total: 336000", "total: 1117200"))
    repo.commit("most calls to a store of the other plan")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 1, result.out
    said = " ".join(result.out.split())
    assert "answered on lines of another kind now (in-person +1,840): voice 2,070 → 230" in said


def test_a_phone_line_moved_to_another_plan_as_it_was_is_no_kind_moved(
    repo: Repo, cli: Cli
) -> None:
    on_main(repo, {"plans/acme-eu.yaml": _email_plan()})
    without = ALIGNED.replace(PHONE, "", 1).replace("agents: 20.7 ", "agents: 4.5 ")
    without = without.replace("people: 1283400", "people: 279000")
    repo.write("plans/acme.yaml", without.replace("total: 1540241", "total: 535841"))
    eu = _email_plan().replace("  - id: help-centre\n", PHONE + "  - id: help-centre\n", 1)
    eu = eu.replace("agents: 4.5 ", "agents: 20.7 ").replace("people: 279000", "people: 1283400")
    repo.write("plans/acme-eu.yaml", eu.replace("total: 336000", "total: 1340400"))
    repo.commit("the phone line moved to the other plan")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert "lines of another kind" not in " ".join(result.out.split()), result.out
    assert result.code == 0, result.out


@pytest.mark.parametrize("kind", ["in-person", "voice"])
def test_a_plan_deleted_while_its_calls_go_to_a_store_elsewhere_is_policy(
    repo: Repo, cli: Cli, kind: str
) -> None:
    # attack44 A12: the plan that lost the phone line deleted, its e-mail line and a store
    # taking its calls put into the organisation's other plan, with the money. Control
    # (`voice`): the same lines moved as they were.
    on_main(repo, {"plans/acme-eu.yaml": _email_plan().replace("id: email", "id: email-eu")})
    email = ALIGNED[ALIGNED.index("  - id: email\n") : ALIGNED.index("  - id: help-centre\n")]
    store = PHONE.replace("id: phone", "id: store").replace("kind: voice", f"kind: {kind}")
    eu = _email_plan().replace("id: email", "id: email-eu")
    eu = eu.replace("  - id: help-centre\n", store + email + "  - id: help-centre\n", 1)
    eu = eu.replace("agents: 4.5 ", "agents: 25.2 ").replace("total: 336000", "total: 1876241")
    eu = eu.replace(
        "lines: {people: 279000, training: 32400, tooling: 18000, goodwill: 6600}",
        "lines: {people: 1562400, training: 181440, tooling: 100800, goodwill: 31601}",
    )
    repo.write("plans/acme-eu.yaml", eu)
    repo.git("rm", "-q", "plans/acme.yaml")
    repo.commit("the plan deleted, its work in the other")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    said = " ".join(result.out.split())
    if kind == "voice":
        assert "lines of another kind" not in said, result.out
        assert result.code == 0, result.out
        return
    assert result.code == 1, result.out
    assert (
        "2,070 contacts a week people answered on voice lines under delight at main are "
        "answered on lines of another kind now (in-person +2,070): voice 2,070 → 0; "
        "plans/acme.yaml is deleted"
    ) in said, result.out


def test_a_months_plan_whose_calls_go_to_a_store_is_policy(repo: Repo, cli: Cli) -> None:
    # A plan for December: its calls are a twelfth of the year's, compared on that scale.
    december = "period: {start: 2027-12-01, end: 2027-12-31}"
    on_main(
        repo,
        {
            "plans/acme.yaml": ALIGNED.replace(
                "period: {start: 2027-01-01, end: 2027-12-31}", december
            )
        },
    )
    kept = _line("phone", "voice", 1000, "4.5")
    changed = _phone_as(kept + _line("store", "in-person", 8000, "12.6"))
    repo.write(
        "plans/acme.yaml", changed.replace("period: {start: 2027-01-01, end: 2027-12-31}", december)
    )
    repo.commit("December's calls to a store")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 1, result.out
    assert "answered on lines of another kind now (in-person +156)" in " ".join(result.out.split())
