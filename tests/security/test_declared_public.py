"""A channel of a private kind declared public under review is policy: `public-channel`
counts it as the open dialogue engagement and squeaky-wheel ask for (review attack39 F4:
the community forum closed and the e-mail inbox called public, the rule held)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import EXAMPLES, Repo, Result
from tests.security.conftest import on_main, policy_notes

Cli = Callable[..., Result]
ENGAGEMENT = (EXAMPLES / "engagement-aligned.yaml").read_text(encoding="utf-8")
COMMUNITY = (
    "  - id: community\n    kind: community\n    hours: Mon-Fri 09:00-17:00\n"
    "    volume: {contacts: 800, per: month}\n    handle_time: 10m\n"
    "    target: {first_response: 4 business hours}\n    agents: 1.8\n"
)
EMAIL = "  - id: email\n    kind: email\n"


def _policy_notes(repo: Repo, cli: Cli, text: str) -> str:
    """plans/acme.yaml is the example at main and ``text`` in the change."""
    on_main(repo, {"plans/acme.yaml": ENGAGEMENT})
    repo.write("plans/acme.yaml", text)
    repo.commit("the change")
    return policy_notes(cli)


def test_the_forum_closed_and_the_inbox_called_public_is_policy(repo: Repo, cli: Cli) -> None:
    assert COMMUNITY in ENGAGEMENT and EMAIL in ENGAGEMENT
    closed = ENGAGEMENT.replace(COMMUNITY, "").replace(EMAIL, EMAIL + "    public: true\n")
    assert (
        "channels[email].public: false → true (a channel of kind email, which public-channel "
        "counts only when declared public)"
    ) in _policy_notes(repo, cli, closed)


def test_a_new_public_line_of_a_public_kind_is_no_declaration(repo: Repo, cli: Cli) -> None:
    forum = COMMUNITY.replace("id: community", "id: forum").replace(
        "kind: community", "kind: social"
    )
    assert _policy_notes(repo, cli, ENGAGEMENT.replace(COMMUNITY, COMMUNITY + forum)) == ""


def test_a_new_plan_of_the_organisation_declaring_its_inbox_public_is_policy(
    repo: Repo, cli: Cli
) -> None:
    # Review attack40 A15: a new region's plan, with no forum and its e-mail called public.
    repo.git("checkout", "-q", "main")
    repo.write("plans/acme.yaml", ENGAGEMENT)
    repo.commit("an engagement plan")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    west = ENGAGEMENT.replace(COMMUNITY, "").replace(EMAIL, EMAIL + "    public: true\n")
    repo.write("plans/acme-west.yaml", west)
    repo.commit("a western region")
    result = cli("check", "plans/acme-west.yaml", "--policy-ref", "main", "-f", "json")
    assert "channels[email].public: (a new channel) → true" in result.out


def test_the_inbox_renamed_and_called_social_is_policy(repo: Repo, cli: Cli) -> None:
    # Review attack41 B07: the forum closed, and the inbox given a new id and `kind: social`:
    # a new line of a public kind declared nothing. It takes the e-mail's 2,500 contacts a
    # month, × 12 ÷ 52.18 weeks = 575 a week, and the e-mail line is gone.
    inbox = EMAIL.replace("id: email", "id: inbox").replace("kind: email", "kind: social")
    closed = ENGAGEMENT.replace(COMMUNITY, "").replace(EMAIL, inbox)
    assert (
        "channels: inbox (social, public) takes the 575 contacts a week of email (email, "
        "private), gone: a private line declared public under a new id"
    ) in _policy_notes(repo, cli, closed)
