"""A plan at the trusted revision that this release refuses (a period past ten years, a
channel id twice: an older release read it) is no part of its organisation's work or money on
either side of a change (review attack47 A13): counted now and not at the base, the plan a
change mends made the organisation look grown, and hid a line cut from another of its plans."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main

Cli = Callable[..., Result]

LONG = ALIGNED.replace("end: 2027-12-31", "end: 2040-12-31", 1)
TWICE = ALIGNED.replace("  - id: email\n", "  - id: phone\n", 1)


def _without_phone() -> str:
    """acme.yaml with its phone line (9,000 calls a month, 16.2 FTE) gone, money to match."""
    head, rest = ALIGNED.split("  - id: phone\n")
    text = head + "  - id: email\n" + rest.split("  - id: email\n")[1]
    for old, new in (
        ("agents: 20.7", "agents: 4.5"),
        ("total: 1540241", "total: 352001"),
        ("people: 1283400", "people: 279000"),
        ("training: 149040", "training: 32400"),
        ("tooling: 82800", "tooling: 18000"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _gate(cli: Cli) -> tuple[dict[str, str], int]:
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert result.code in (0, 1), result.err
    notes = {
        p["path"]: "; ".join(f["message"] for f in p["findings"] if f["rule"] == "policy-changed")
        for p in json.loads(result.out)["plans"]
    }
    diff = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "10%").code
    return notes, diff


def test_a_line_cut_beside_a_refused_plan_mended_is_seen(repo: Repo, cli: Cli) -> None:
    for refused in (LONG, TWICE):
        on_main(repo, {"plans/acme.yaml": ALIGNED, "plans/b.yaml": refused})
        repo.write("plans/b.yaml", ALIGNED)
        repo.write("plans/acme.yaml", _without_phone())
        repo.commit("b mended; acme's phone line gone")
        notes, diff = _gate(cli)
        assert "phone is gone" in notes["plans/acme.yaml"], notes
        assert "no plan this release reads" in notes["plans/b.yaml"], notes
        assert diff == 1
        repo.git("reset", "-q", "--hard", "main")


def test_a_refused_plan_mended_alone_is_the_only_change_said(repo: Repo, cli: Cli) -> None:
    # The control: the mend alone; and the line cut where every plan at main is read.
    on_main(repo, {"plans/acme.yaml": ALIGNED, "plans/b.yaml": LONG})
    repo.write("plans/b.yaml", ALIGNED)
    repo.commit("b mended")
    notes, diff = _gate(cli)
    assert notes["plans/acme.yaml"] == "" and diff == 0, notes
    assert "no plan this release reads" in notes["plans/b.yaml"]
    repo.write("plans/acme.yaml", _without_phone())
    repo.commit("and acme's phone line")
    on_main(repo, {"plans/b.yaml": ALIGNED})
    notes, diff = _gate(cli)
    assert "phone is gone" in notes["plans/acme.yaml"] and diff == 1, notes
