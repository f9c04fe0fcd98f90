"""Under review the gate judges what the change commits, not what a checkout shows: a file
git converts on checkout (an `ident`, a filter or a working-tree encoding that the change's
own `.gitattributes` may switch on) is unusable input (review attack29 A01)."""

from __future__ import annotations

import pytest
import yaml

from tests.security.conftest import Repo, cli

__all__ = ["cli"]

# Example Delight Co's plan (examples/delight-aligned.yaml) as one flow mapping. In the
# blob, the promise ends at `$Id: "` and a budget of 3,080,482 follows (twice the base's
# 1,540,241; its first line is named "$ reserve"); a comment ends the line. A checkout with
# `ident` replaces `$Id: ","budget":{"lines":{$` by `$Id: <blob id> $`: the promise then runs
# on to the quote in the comment, and the base's budget after it is what a reader of the
# file on disk sees.
DOUBLED = """\
{version: 1, organisation: Example Delight Co, currency: USD,
 period: {start: 2027-01-01, end: 2027-12-31}, strategy: delight,
 channels: [
  {id: phone, kind: voice, hours: Mon-Fri 08:00-20:00, volume: {contacts: 9000, per: month},
   handle_time: 6m, target: {service_level: "80% in 20s", abandonment_max: 8%}, patience: 2m,
   agents: 16.2},
  {id: email, kind: email, hours: Mon-Fri 08:00-18:00, volume: {contacts: 2500, per: month},
   handle_time: 8m, target: {first_response: 4 business hours}, agents: 4.5},
  {id: help-centre, kind: self-service, containment: 50%, outage_updates: true}],
 staffing: {agents: 20.7, shrinkage: 32%, max_occupancy: 85%, paid_hours_per_fte: 1800/year,
   loaded_cost_per_fte: 62000, training_hours_per_agent: 120, uses_scripts: false,
   rewarded_on: [csat, first_contact_resolution], refund_authority: 200,
   escalation_to_engineering: true, leadership_service_hours_per_month: 4,
   annual_attrition: 20%, product_people_in_conversation: false},
 promise: "A trained person answers 80% of calls within 20 seconds and every email within 4 hours. $Id: ","budget":{"lines":{$ reserve: 0, people: 1283400, training: 149040, tooling: 82800, goodwill: 25001, outreach: 1540241}, total: 3080482} # ", budget: {total: 1540241, lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}}
}
"""  # noqa: E501


def _checked_out_again(repo: Repo, *paths: str) -> None:
    """As a fresh clone of the branch shows the files: through its .gitattributes."""
    for path in paths:
        (repo.root / path).unlink()
    repo.git("checkout", "--", *paths)


def test_a_budget_hidden_from_the_checkout_by_ident_is_refused(repo: Repo, cli: object) -> None:
    repo.write("plans/acme.yaml", DOUBLED)
    repo.commit("acme: budget 3,080,482")  # committed before the attribute exists
    repo.write(".gitattributes", "plans/*.yaml ident\n")
    repo.git("add", ".gitattributes")  # alone: `git add` of the plan now would clean it
    repo.git("commit", "-qm", "attributes")
    _checked_out_again(repo, "plans/acme.yaml")
    on_disk = yaml.safe_load((repo.root / "plans" / "acme.yaml").read_text(encoding="utf-8"))
    committed = yaml.safe_load(repo.git("show", "HEAD:plans/acme.yaml"))
    assert (on_disk["budget"]["total"], committed["budget"]["total"]) == (1540241, 3080482)
    assert cli("check", "plans/acme.yaml").code == 0  # outside review: the file as it is
    message = (
        "plans/acme.yaml: git converts this file on checkout (ident in .gitattributes), so "
        "the file on disk is not the one the change commits: under review the gate judges "
        "what merges — remove ident for it from .gitattributes"
    )
    for args in (
        ("check", "plans/", "--policy-ref", "main"),
        ("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json"),
        ("diff", "--base-ref", "main", "plans/acme.yaml"),
    ):
        result = cli(*args)  # type: ignore[operator]
        assert result.code == 2, (args, result.out, result.err)
        assert message in result.err, args


def test_a_yaml_file_that_reads_as_no_plan_on_disk_is_refused_in_a_folder(
    repo: Repo, cli: object
) -> None:
    """A checkout may make a committed plan read as no plan at all, which a folder's scan
    would skip unjudged: every YAML file the scan reads is held to the rule."""
    repo.write("plans/notes.yaml", "# $Id$\nnotes: [one, two]\n")
    repo.write(".gitattributes", "plans/notes.yaml filter=tidy\n")
    repo.commit("notes")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert result.code == 2
    assert "plans/notes.yaml: git converts this file on checkout (filter=tidy in" in result.err
    assert '"path": "plans/acme.yaml"' in result.out  # the other plan is still judged


def test_a_policy_file_git_converts_is_refused_under_review(repo: Repo, cli: object) -> None:
    """A config whose commit lifts the 5% limit, shown on disk as the base's, would pass as
    unchanged policy and land on main, the trusted side of every later review."""
    repo.write(".gitattributes", ".cs-align.yaml working-tree-encoding=ISO-8859-1\n")
    repo.commit("attributes")
    _checked_out_again(repo, ".cs-align.yaml")
    for args in (
        ("check", "plans/acme.yaml", "--policy-ref", "main"),
        ("diff", "--base-ref", "main", "plans/acme.yaml"),
    ):
        result = cli(*args)  # type: ignore[operator]
        assert result.code == 2, args
        assert (
            ".cs-align.yaml: git converts this file on checkout (working-tree-encoding=ISO-8859-1"
            in result.err
        )


@pytest.mark.parametrize("how", ["attributes", "core.autocrlf"])
def test_line_endings_and_other_attributes_are_no_conversion(
    repo: Repo, cli: object, how: str
) -> None:
    """A plan and a policy read the same with CRLF as with LF: a checkout by `text eol=crlf`
    (with attributes that do not touch content) or by a Windows runner's core.autocrlf is
    judged, and changes no policy (every policy file was reported changed)."""
    if how == "attributes":
        repo.write(".gitattributes", "*.yaml text eol=crlf diff linguist-generated\n")
        repo.commit("attributes")
    else:
        repo.git("config", "core.autocrlf", "true")
    _checked_out_again(repo, "plans/acme.yaml", ".cs-align.yaml")
    assert (repo.root / "plans" / "acme.yaml").read_bytes().count(b"\r\n") > 10
    for args in (
        ("check", "plans/", "--policy-ref", "main"),
        ("diff", "--base-ref", "main", "plans/acme.yaml"),
    ):
        result = cli(*args)  # type: ignore[operator]
        assert result.code == 0, (args, result.out, result.err)


def test_attributes_are_read_as_the_checkout_read_them(repo: Repo, cli: object) -> None:
    """A .gitattributes that converts itself reads one way on disk and another to checkout,
    which applies the index's copy: on disk, `x=$Id:y$` is expanded past what an attribute
    line may hold and git drops the line that gives the plans `ident` (review attack30 B01:
    the check read the disk's copy, saw no attribute, and the doubled budget passed)."""
    repo.write("plans/acme.yaml", DOUBLED)
    repo.commit("acme: budget 3,080,482")
    attributes = repo.outside / "gitattributes"
    attributes.write_text(".gitattributes ident\nplans/*.yaml ident x=$Id:y$\n")
    blob = repo.git("hash-object", "-w", "--no-filters", str(attributes)).strip()
    repo.git("update-index", "--add", "--cacheinfo", f"100644,{blob},.gitattributes")
    repo.git("commit", "-qm", "attributes")
    (repo.root / "plans" / "acme.yaml").unlink()
    repo.git("checkout", "--", ".")
    assert "x=$Id: " in (repo.root / ".gitattributes").read_text(encoding="utf-8")
    on_disk = yaml.safe_load((repo.root / "plans" / "acme.yaml").read_text(encoding="utf-8"))
    assert on_disk["budget"]["total"] == 1540241  # the base's, shown by the conversion
    for args in (
        ("check", "plans/", "--policy-ref", "main"),
        ("diff", "--base-ref", "main", "plans/acme.yaml"),
    ):
        result = cli(*args)  # type: ignore[operator]
        assert result.code == 2, (args, result.out)
        assert "plans/acme.yaml: git converts this file on checkout (ident in" in result.err
