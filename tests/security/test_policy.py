"""The policy comes from the trusted side: a pull request cannot rewrite what judges it."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, Invoke
from tests.security.conftest import ALIGNED, MISALIGNED, Repo, Result

LAX = (
    "id: lax\nname: Lax\nextends: delight\nrules:\n"
    "  - {rule: staffing-meets-targets, severity: disable}\n"
    "  - {rule: abandonment-max, severity: disable}\n"
    "  - {rule: occupancy-cap, severity: disable}\n"
)
Cli = Callable[..., Result]


def _lax_pr(repo: Repo) -> None:
    """The attack: a misaligned plan, plus a config pointing every plan at a lax strategy."""
    repo.write("plans/acme.yaml", MISALIGNED)
    repo.write(".cs-align.yaml", "strategy: lax.yaml\n")
    repo.write("lax.yaml", LAX)
    repo.commit("loosen the policy")


def test_a_pr_config_pointing_at_a_lax_strategy_is_judged_by_the_base_policy(
    repo: Repo, cli: Cli
) -> None:
    _lax_pr(repo)
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert result.code == 1
    plan = json.loads(result.out)["plans"][0]
    assert plan["strategy"] == "delight"  # the base's policy: the plan's own strategy
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    assert changed["severity"] == "error"
    assert ".cs-align.yaml changed" in changed["message"]
    assert "strategy: (unset) → lax.yaml" in changed["message"]
    assert "staffing-meets-targets" in {f["rule"] for f in plan["findings"]}


def test_accepting_the_change_on_the_command_line_uses_the_new_policy_and_says_so(
    repo: Repo, cli: Cli
) -> None:
    _lax_pr(repo)
    result = cli(
        "check", "plans/acme.yaml", "--policy-ref", "main", "--allow-policy-change", "-f", "json"
    )
    plan = json.loads(result.out)["plans"][0]
    assert plan["strategy"] == "lax.yaml (extends delight)"
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    assert changed["severity"] == "info" and "lax.yaml added" in changed["message"]


def test_a_config_file_cannot_switch_the_policy_check_off(repo: Repo, cli: Cli) -> None:
    repo.write(".cs-align.yaml", "allow_policy_change: true\nstrategy: lax.yaml\n")
    repo.write("lax.yaml", LAX)
    reviewed = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert reviewed.code == 1  # the PR's config is compared, never applied
    assert "policy-changed" in reviewed.out
    unreviewed = cli("check", "plans/acme.yaml")
    assert unreviewed.code == 2  # and it is not a setting any config may give
    assert "unknown key 'allow_policy_change'" in unreviewed.err


def test_diff_judges_base_and_head_by_the_base_policy(repo: Repo, cli: Cli) -> None:
    _lax_pr(repo)
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    assert result.code == 1
    diff = json.loads(result.out)["diff"]
    assert diff["blocked"] is True
    new = {f["rule"] for f in diff["findings"]["new"]}
    assert {"policy-changed", "staffing-meets-targets"} <= new


def test_diff_keeps_the_base_guardrails_when_the_pr_removes_them(repo: Repo, cli: Cli) -> None:
    grown = (
        (repo.root / "plans/acme.yaml")
        .read_text()
        .replace("total: 1540241", "total: 1800000")
        .replace("tooling: 82800", "tooling: 342559")
    )
    repo.write("plans/acme.yaml", grown)
    repo.write(".cs-align.yaml", "fail_on: error\n")  # the 5% cap removed
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    guardrails = {g["guardrail"]: g for g in json.loads(result.out)["diff"]["guardrails"]}
    assert guardrails["max_budget_increase"]["action"] == "block"  # main's 5% still holds
    assert result.code == 1


def test_a_strategy_file_claiming_a_builtin_id_is_refused(repo: Repo, cli: Cli) -> None:
    repo.write("plans/lax.yaml", "id: delight\nname: Delight\nrules: []\n")
    repo.write("plans/acme.yaml", MISALIGNED.replace("strategy: delight", "strategy: lax.yaml"))
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2
    assert "plans/lax.yaml:1:5: strategy id 'delight' is reserved" in result.err
    assert "extends: delight" in result.err


def test_an_alias_is_reserved_too(repo: Repo, cli: Cli) -> None:
    repo.write("plans/z.yaml", "id: zappos-delight\nname: Z\nextends: delight\n")
    repo.write("plans/acme.yaml", MISALIGNED.replace("strategy: delight", "strategy: z.yaml"))
    assert cli("check", "plans/acme.yaml").code == 2


def test_a_custom_strategy_is_shown_as_its_file_everywhere(repo: Repo, cli: Cli) -> None:
    repo.write("plans/ours.yaml", "id: ours\nname: Ours\nextends: delight\n")
    repo.write("plans/acme.yaml", MISALIGNED.replace("strategy: delight", "strategy: ours.yaml"))
    shown = "plans/ours.yaml (extends delight)"
    table = cli("check", "plans/acme.yaml").out
    assert f"declared strategy {shown}" in table
    assert (
        json.loads(cli("check", "plans/acme.yaml", "-f", "json").out)["plans"][0]["strategy"]
        == shown
    )
    assert f"strategy {shown}" in cli("check", "plans/acme.yaml", "-f", "markdown").out
    sarif = json.loads(cli("check", "plans/acme.yaml", "-f", "sarif").out)
    assert sarif["runs"][0]["properties"]["plans"][0]["strategy"] == shown
    assert f'name="strategy" value="{shown}"' in cli("check", "plans/acme.yaml", "-f", "junit").out


def test_two_config_files_that_both_apply_are_an_error(repo: Repo, cli: Cli) -> None:
    repo.git("rm", "-q", ".cs-align.yaml")
    repo.write(
        "pyproject.toml",
        '[tool.cs-align.guardrails]\nmax_budget_increase = "5%"\nmax_total = "2M"\n',
    )
    repo.commit("project config in pyproject")
    assert cli("check", "plans/acme.yaml").code == 0
    repo.write(".cs-align.yaml", "fail_on: error\n")  # would silently drop the guardrails
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    assert result.code == 2
    assert "two config files apply: .cs-align.yaml and pyproject.toml" in result.err


def test_pyproject_edits_outside_the_cs_align_table_are_not_policy_changes(
    repo: Repo, cli: Cli
) -> None:
    repo.git("rm", "-q", ".cs-align.yaml")
    repo.write("pyproject.toml", '[project]\nname = "x"\n\n[tool.cs-align]\nfail_on = "error"\n')
    repo.commit("pyproject")
    repo.git("checkout", "-q", "-b", "bump")
    repo.write("pyproject.toml", '[project]\nname = "y"\n\n[tool.cs-align]\nfail_on = "error"\n')
    result = cli("check", "plans/acme.yaml", "--policy-ref", "pr", "-f", "json")
    assert result.code == 0
    assert "policy-changed" not in result.out


def test_a_cs_align_table_added_to_an_existing_pyproject_is_a_reported_policy_change(
    repo: Repo, cli: Cli
) -> None:
    # Review attack31 A3: the base's pyproject.toml had no [tool.cs-align]; a pull request
    # adding one (here a strategy with no rules) was neither obeyed nor reported, and judged
    # every later change once merged. The same settings in a new .cs-align.yaml were.
    with _on_base(repo, "a Python project"):
        repo.git("rm", "-q", ".cs-align.yaml")
        repo.write("pyproject.toml", '[project]\nname = "x"\n')
    repo.write("pyproject.toml", '[project]\nname = "x"\n\n[tool.cs-align]\nstrategy = "h.yaml"\n')
    repo.write("h.yaml", "id: house\nname: House rules\nrules: [{rule: volume-stated}]\n")
    repo.commit("house rules")
    for args in (("check", "--policy-ref", "main"), ("diff", "--base-ref", "main")):
        result = cli(*args, "plans/acme.yaml", "-f", "json")
        assert result.code == 1, (args, result.out)
        assert (
            "pyproject.toml [tool.cs-align] added (strategy: (unset) → h.yaml); judged by "
            "main's policy" in result.out
        ), args
    accepted = cli("check", "--policy-ref", "main", "--allow-policy-change", "plans/acme.yaml")
    assert "strategy h.yaml, not the declared delight" in accepted.out


def test_an_error_in_the_trusted_policy_names_the_revision_it_is_read_at(
    repo: Repo, cli: Cli
) -> None:
    # Review input31 F13: main's config says `fail_on: critical`; the change fixes it. The
    # error was shown at `.cs-align.yaml:1:10`, a line that no longer says so, as though the
    # change could fix what is read at main. Plans read there are named `main:…`; so are
    # policy files.
    with _on_base(repo, "a broken policy"):
        repo.write(".cs-align.yaml", "fail_on: critical\n")
    repo.write(".cs-align.yaml", "fail_on: error\n")
    repo.commit("the policy mended")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 2
    assert result.err.startswith("main:.cs-align.yaml:1:10: fail_on: must be"), result.err
    assert cli("check", "plans/acme.yaml").code == 0  # the working tree's own is read as is


def test_the_config_search_stops_at_the_repository_root(repo: Repo, cli: Cli) -> None:
    (repo.root.parent / ".cs-align.yaml").write_text("fail_on: info\n")
    repo.git("rm", "-q", ".cs-align.yaml")
    result = cli("check", "plans/acme.yaml", "--show-config")  # settings on stderr beside plans
    assert "fail_on" in result.err and "(default)" in result.err.split("fail_on")[1].split("\n")[0]


def test_a_waiver_the_pr_adds_to_the_plan_is_a_policy_change(repo: Repo, cli: Cli) -> None:
    import datetime as dt

    soon = dt.date.today() + dt.timedelta(days=60)
    waiver = (
        "waivers:\n  - rule: staffing-meets-targets\n    path: '**'\n"
        "    reason: the new hires start next quarter\n    owner: ops-lead\n"
        f"    expires: {soon}\n"
    )
    repo.write("plans/acme.yaml", MISALIGNED + waiver)
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    plan = json.loads(result.out)["plans"][0]
    assert result.code == 1
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    assert "waivers in the plan: 1 added or edited (staffing-meets-targets)" in changed["message"]
    staffing = next(f for f in plan["findings"] if f["rule"] == "staffing-meets-targets")
    assert "waived" not in staffing  # main had no such waiver: it does not apply


def test_a_policy_file_swapped_for_a_link_is_a_policy_change(repo: Repo, cli: Cli) -> None:
    repo.write("strategies/premium.yaml", "id: premium\nname: Premium\nextends: delight\n")
    repo.write("strategies/basic.yaml", "id: basic\nname: Basic\nextends: fast-food\n")
    repo.write(
        "plans/acme.yaml",
        MISALIGNED.replace("strategy: delight", "strategy: ../strategies/premium.yaml"),
    )
    repo.commit("premium strategy")
    premium = repo.root / "strategies" / "premium.yaml"
    premium.unlink()
    premium.symlink_to("basic.yaml")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "pr", "-f", "json")
    plan = json.loads(result.out)["plans"][0]
    assert plan["strategy"] == "strategies/premium.yaml (extends delight)"  # the trusted one
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    assert "strategies/premium.yaml changed" in changed["message"]
    assert result.code == 1


def test_a_renamed_plan_is_compared_with_its_old_self(repo: Repo, cli: Cli) -> None:
    repo.git("mv", "plans/acme.yaml", "plans/acme-2027.yaml")
    loose = (
        (repo.root / "plans/acme-2027.yaml")
        .read_text()
        .replace("strategy: delight", "strategy: fast-food")
        .replace("uses_scripts: false", "uses_scripts: true")
    )
    repo.write("plans/acme-2027.yaml", loose)
    repo.commit("rename and loosen")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    plan = json.loads(result.out)["plans"][0]
    assert result.code == 1
    assert plan["strategy"] == "delight"  # the strategy main gave the plan judges it
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    assert "compared with plans/acme.yaml, which the change renamed" in changed["message"]
    assert "strategy: delight → fast-food" in changed["message"]
    diff = json.loads(cli("diff", "--base-ref", "main", "plans/acme-2027.yaml", "-f", "json").out)
    assert diff["diff"]["base"]["path"] == "main:plans/acme.yaml"


def test_a_waiver_does_not_follow_its_id_to_another_channel(repo: Repo, cli: Cli) -> None:
    import datetime as dt

    soon = dt.date.today() + dt.timedelta(days=60)
    waiver = (
        f"waivers:\n  - rule: staffing-meets-targets\n    path: 'channels[email].**'\n"
        f"    reason: the email pilot is staffed next quarter\n    owner: ops-lead\n"
        f"    expires: {soon}\n"
    )
    thin_email = ALIGNED.replace("    agents: 4.5\n", "    agents: 1\n", 1)
    repo.write("plans/acme.yaml", thin_email + waiver)
    repo.commit("waive the thin email pilot")
    # The change gives the phone line the id `email` and cuts it: the waiver must not follow.
    swapped = thin_email.replace("id: email", "id: mail").replace("id: phone", "id: email")
    swapped = swapped.replace("    agents: 16.2\n", "    agents: 5\n")
    repo.write("plans/acme.yaml", swapped + waiver)
    result = cli("check", "plans/acme.yaml", "--policy-ref", "pr", "-f", "json")
    plan = json.loads(result.out)["plans"][0]
    cut = [f for f in plan["findings"] if f["rule"] == "staffing-meets-targets"]
    assert cut and all("waived" not in f for f in cut)
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    assert "covers a changed subject" in changed["message"]
    assert result.code == 1


def test_a_channel_handed_to_another_strategy_by_its_id_is_a_policy_change(
    repo: Repo, cli: Cli
) -> None:
    mix = "strategy: {primary: delight, by_channel: {email: fast-food}}"
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight", mix))
    repo.commit("email judged as fast food")
    swapped = ALIGNED.replace("strategy: delight", mix)
    swapped = swapped.replace("id: email", "id: mail").replace("id: phone", "id: email")
    repo.write("plans/acme.yaml", swapped)
    result = cli("check", "plans/acme.yaml", "--policy-ref", "pr", "-f", "json")
    plan = json.loads(result.out)["plans"][0]
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    assert (
        "channel email, which the mix gives fast-food, is now voice (was email)"
        in changed["message"]
    )


def test_a_new_segment_with_its_own_strategy_is_a_policy_change(repo: Repo, cli: Cli) -> None:
    # The pull request adds a segment judged by a lax strategy and a channel in it: the
    # channel would escape delight's answer-speed floor, so the mix change must be shown.
    segments = (
        "segments:\n  - {id: retail, share: 99%}\n"
        "  - {id: legacy, share: 1%, strategy: because-we-can}\n"
    )
    letters = (
        "  - id: letters\n    kind: email\n    segment: legacy\n    hours: Mon-Fri 08:00-18:00\n"
        "    volume: {contacts: 200, per: month}\n    handle_time: 8m\n"
        "    target: {first_response: 10 business days}\n    agents: 0.5\n"
    )
    text = ALIGNED.replace("channels:\n", segments + "channels:\n", 1)
    text = text.replace("  - id: help-centre", letters + "  - id: help-centre", 1)
    repo.write("plans/acme.yaml", text)
    for args in (
        ("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json"),
        ("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json"),
    ):
        result = cli(*args)
        assert result.code == 1, result.out + result.err
        message = json.dumps(json.loads(result.out))
        assert "segment legacy's practices are judged by because-we-can (new)" in message
        assert "channel letters (new) is judged by because-we-can, not delight" in message


def test_a_policy_file_that_is_a_symlink_at_the_base_is_refused(repo: Repo, cli: Cli) -> None:
    # The trusted side is read from git's tree, not the disk: a link there is refused by
    # its mode, even one to a good strategy inside the repository.
    repo.write("real.yaml", "id: ours\nname: Ours\nextends: delight\n")
    (repo.root / "ours.yaml").symlink_to("real.yaml")
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: ../ours.yaml"))
    repo.commit("a strategy that is a link")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "HEAD")
    assert result.code == 2
    assert "HEAD:ours.yaml: is a symbolic link, not a file — name a regular file" in result.err


def test_a_folder_named_like_pathspec_magic_is_read_as_a_name(repo: Repo, cli: Cli) -> None:
    # ":(glob)*" would be pathspec magic to git; cs-align's reads of the trusted tree take
    # every name literally, so the plan beside its strategy in that folder is judged.
    folder = ":(glob)*"
    repo.write(f"{folder}/ours.yaml", "id: ours\nname: Ours\nextends: delight\n")
    repo.write(
        f"{folder}/acme.yaml", MISALIGNED.replace("strategy: delight", "strategy: ours.yaml")
    )
    repo.commit("a folder with an odd name")
    result = cli("check", f"{folder}/acme.yaml", "--policy-ref", "HEAD", "-f", "json")
    plan = json.loads(result.out)["plans"][0]
    assert result.code == 1 and plan["strategy"] == f"{folder}/ours.yaml (extends delight)"
    assert "policy-changed" not in {f["rule"] for f in plan["findings"]}


def test_a_huge_policy_file_at_the_base_is_refused_unread(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # git gives its size first: the blob is never read into memory.
    from cs_align import repo as repository

    repo.write("huge.yaml", "id: huge\nname: Huge\nextends: delight\n" + "#" * 6_000_000)
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: ../huge.yaml"))
    repo.commit("a strategy of six megabytes")
    read: list[str] = []
    real = repository._blob.__wrapped__
    monkeypatch.setattr(
        repository, "_blob", lambda root, blob: read.append(blob) or real(root, blob)
    )
    result = cli("check", "plans/acme.yaml", "--policy-ref", "HEAD")
    assert result.code == 2 and "\nHEAD:huge.yaml: is larger than 5 MB" in "\n" + result.err
    assert read and repo.git("rev-parse", "HEAD:huge.yaml").strip() not in read


def test_a_link_the_change_adds_is_read_as_git_has_it_even_through_a_linked_workspace(
    repo: Repo, cli: Cli
) -> None:
    # The workspace is reached through a symlink (macOS's /tmp, a linked runner folder): the
    # link up to the root is followed, the one the change adds inside the repository is not,
    # so swapping the strict strategy for a link to a laxer file is a policy change.
    repo.write("plans/ours.yaml", "id: ours\nname: Ours\nextends: genius\n")
    repo.write("plans/lax.yaml", "id: lax\nname: Lax\nextends: delight\n")
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: ours.yaml"))
    repo.commit("a strict strategy of our own")
    (repo.root / "plans" / "ours.yaml").unlink()
    (repo.root / "plans" / "ours.yaml").symlink_to("lax.yaml")
    linked = repo.root.parent / "linked"
    linked.symlink_to(repo.root)
    for plan in ("plans/acme.yaml", str(linked / "plans" / "acme.yaml")):
        result = cli("check", plan, "--policy-ref", "HEAD", "-f", "json")
        found = json.loads(result.out)["plans"][0]["findings"]
        assert result.code == 1, plan
        assert "plans/ours.yaml changed" in next(
            f["message"] for f in found if f["rule"] == "policy-changed"
        )


def test_a_plan_in_a_nested_checkout_is_new_to_the_reviewed_repository(
    repo: Repo, cli: Cli
) -> None:
    # The change brings a repository of its own (a submodule, a nested checkout) whose
    # `main` holds a generous plan: the diff is against the reviewed repository's main,
    # where the plan does not exist, not against the history the change brought along.
    nested = repo.root / "plans" / "vendor"
    nested.mkdir(parents=True)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=nested, check=True)
    (nested / "acme.yaml").write_text(ALIGNED.replace("agents: 16.2", "agents: 30"))
    subprocess.run([*git, "add", "-A"], cwd=nested, check=True)
    subprocess.run([*git, "commit", "-qm", "generous"], cwd=nested, check=True)
    (nested / "acme.yaml").write_text(ALIGNED)
    result = cli("diff", "--base-ref", "main", "plans/vendor/acme.yaml", "-f", "json")
    diff = json.loads(result.out)["diff"]
    # A new plan's base is empty: no strategy, nothing read at a revision.
    assert diff["base"]["path"] == "plans/vendor/acme.yaml" and diff["base"]["strategy"] == ""


def test_a_git_failure_on_the_trusted_side_names_what_it_could_not_read(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cs_align import repo as repository

    def missing(*_: object) -> bytes:
        raise repository.GitError("fatal: unable to read 3f892c4")

    monkeypatch.setattr(repository, "_size", missing)
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 2
    assert result.err.startswith(
        "main:.cs-align.yaml: cannot be read from git (fatal: unable to read 3f892c4) — "
        "check that the revision was fetched whole"
    ), result.err
    assert "internal error" not in result.err and os.linesep + "Traceback" not in result.err


def test_renaming_a_channel_out_of_a_stricter_segment_is_a_policy_change(
    repo: Repo, cli: Cli
) -> None:
    # The bank mix judges the private line by extraordinary-trust. Renamed into the retail
    # segment (fast-food), with a slower target and fewer agents, it is a new channel to the
    # primary strategy; the line the mix handed to the stricter one is gone, and says so.
    from tests.conftest import EXAMPLES

    bank = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
    repo.write("plans/bank.yaml", bank)
    repo.commit("the bank's plan")
    moved = bank.replace(
        "  - id: private-line\n    kind: voice\n    segment: private\n",
        "  - id: priv-line\n    kind: voice\n    segment: retail\n",
    ).replace(
        'target: {service_level: "80% in 20s"}\n    agents: 8.1',
        'target: {service_level: "80% in 5m"}\n    agents: 5.3',
    )
    assert moved.count("priv-line") == 1 and "agents: 5.3" in moved
    repo.write("plans/bank.yaml", moved)
    for args in (
        ("check", "plans/bank.yaml", "--policy-ref", "HEAD", "-f", "json"),
        ("diff", "--base-ref", "HEAD", "plans/bank.yaml", "-f", "json"),
    ):
        result = cli(*args)
        assert result.code == 1, result.out + result.err
        assert (
            "channel private-line, which the mix gave extraordinary-trust, is gone "
            "(no longer judged by extraordinary-trust)"
        ) in json.dumps(json.loads(result.out))


@pytest.mark.parametrize("lines_too", [False, True], ids=["segment", "segment-and-lines"])
def test_a_segment_renamed_with_its_lines_and_strategy_is_no_policy_change(
    repo: Repo, cli: Cli, lines_too: bool
) -> None:
    # Review attack46 H01: the bank's `private` segment renamed `premier` everywhere (the
    # segment, its channels' `segment:`, `by_segment`; and with its lines' ids too) keeps
    # every channel and practice under extraordinary-trust, yet read as a new segment and
    # "segment private's practices are judged by fast-food", a segment no longer there.
    # The `strategy:` text names the segment, so its change is still shown for review.
    from tests.conftest import EXAMPLES

    bank = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
    repo.write("plans/bank.yaml", bank)
    repo.commit("the bank's plan")
    if lines_too:
        renamed = bank.replace("private", "premier")
    else:
        renamed = (
            bank.replace("segment: private", "segment: premier")
            .replace("{private: extraordinary-trust}", "{premier: extraordinary-trust}")
            .replace("id: private\n", "id: premier\n")
        )
    assert "segment: premier" in renamed and "id: premier\n" in renamed
    repo.write("plans/bank.yaml", renamed)
    for args in (
        ("check", "plans/bank.yaml", "--policy-ref", "HEAD", "-f", "json"),
        ("diff", "--base-ref", "HEAD", "plans/bank.yaml", "-f", "json"),
    ):
        result = cli(*args)
        said = json.dumps(json.loads(result.out))
        assert "segment private" not in said and "segment premier" not in said, said
        assert "by_segment: {premier: extraordinary-trust}}" in said
    # Control: the renamed segment's lines handed to the retail segment's strategy are said.
    moved = renamed.replace("{premier: extraordinary-trust}", "{premier: fast-food}")
    repo.write("plans/bank.yaml", moved)
    result = cli("check", "plans/bank.yaml", "--policy-ref", "HEAD", "-f", "json")
    assert result.code == 1, result.out + result.err
    assert "segment premier's practices are judged by fast-food (new)" in result.out


def _rewritten(text: str) -> str:
    """The same plan as git would not recognise it: comments gone, a page of notes on top."""
    body = [line.split("  #")[0].rstrip() for line in text.split("\n")]
    notes = [f"# planning note {i}: see the 2027 workbook, tab {i}" for i in range(60)]
    return "\n".join([*notes, *(line for line in body if not line.lstrip().startswith("#"))])


def test_a_plan_deleted_and_added_under_a_new_name_is_still_that_plan(repo: Repo, cli: Cli) -> None:
    # Deleted, and added again rewritten under a new name (git sees no rename): the plan the
    # change deletes that names the same organisation is its base, so a 50% budget rise is
    # still blocked and the strategy swap is still a policy change.
    grown = ALIGNED.replace("total: 1540241", "total: 2310241").replace(
        "tooling: 82800", "tooling: 852800"
    )
    repo.git("rm", "-q", "plans/acme.yaml")
    repo.write("plans/acme-2027.yaml", _rewritten(grown))
    repo.commit("a new plan for 2027")
    assert not repo.git("diff", "-M", "--name-status", "--diff-filter=R", "main").strip()
    blocked = cli(
        "diff", "--base-ref", "main", "plans/acme-2027.yaml", "--max-budget-increase", "5%"
    )
    assert blocked.code == 1, blocked.out + blocked.err
    assert "budget total increases by 770,000" in blocked.out
    lax = _rewritten(grown).replace("strategy: delight", "strategy: because-we-can")
    repo.write("plans/acme-2027.yaml", lax)
    checked = cli("check", "plans/acme-2027.yaml", "--policy-ref", "main", "-f", "json")
    changed = next(
        f for f in json.loads(checked.out)["plans"][0]["findings"] if f["rule"] == "policy-changed"
    )
    assert "compared with plans/acme.yaml, which the change renamed" in changed["message"]
    assert "strategy: delight → because-we-can" in changed["message"]


def test_a_plan_moved_under_a_new_name_is_no_deletion(repo: Repo, cli: Cli) -> None:
    # Moved and rewritten (git sees no rename): the old name's diff is the new plan's against
    # it, as the new name's is. It used to be a deletion: -100% of the budget, which a
    # max_budget_decrease of 10% blocked, so a gate failed a move that changed nothing.
    repo.git("rm", "-q", "plans/acme.yaml")
    repo.write("plans/acme-2027.yaml", _rewritten(ALIGNED))
    repo.commit("the 2027 plan")
    assert not repo.git("diff", "-M", "--name-status", "--diff-filter=R", "main").strip()
    limits = ("--max-budget-increase", "5%", "--max-budget-decrease", "10%", "-f", "json")
    for name in ("plans/acme.yaml", "plans/acme-2027.yaml"):
        result = cli("diff", "--base-ref", "main", name, *limits)
        diff = json.loads(result.out)["diff"]
        assert result.code == 0 and diff["guardrails"] == [], result.out
        assert diff["base"]["path"] == "main:plans/acme.yaml"
        assert diff["plan"]["path"] == "plans/acme-2027.yaml"
        assert diff["budget"][-1]["delta"] == "0"
    # A move does not hide a rise: either name's diff blocks the new plan's +50%.
    grown = ALIGNED.replace("total: 1540241", "total: 2310241").replace(
        "tooling: 82800", "tooling: 852800"
    )
    repo.write("plans/acme-2027.yaml", _rewritten(grown))
    repo.commit("grown")
    for name in ("plans/acme.yaml", "plans/acme-2027.yaml"):
        assert cli("diff", "--base-ref", "main", name, *limits).code == 1
    # A plan nothing carries on is deleted, as before.
    repo.git("rm", "-q", "plans/acme-2027.yaml")
    repo.commit("gone")
    gone = cli("diff", "--base-ref", "main", "plans/acme.yaml", *limits)
    assert gone.code == 1 and json.loads(gone.out)["diff"]["plan"]["path"] == "plans/acme.yaml"
    assert "budget total decreases by 1,540,241" in gone.out


@pytest.mark.parametrize("how", ["git-mv", "rewritten"])
def test_a_plan_from_another_top_folder_is_no_base(repo: Repo, cli: Cli, how: str) -> None:
    # An archived copy at the base (archive/, out of the gate's view) moved into plans/
    # beside the plan it copies: judged against the archived copy, it changed nothing, while
    # Example Delight Co's plans in plans/ went from 1,540,241 to 3,080,482 (+100%). Only a
    # plan of the new plan's own top folder is its base, by git's rename or by organisation.
    with _on_base(repo, "the archive"):
        repo.write("archive/acme-2026.yaml", ALIGNED)
    if how == "git-mv":
        repo.git("mv", "archive/acme-2026.yaml", "plans/acme-west.yaml")
    else:
        repo.git("rm", "-q", "archive/acme-2026.yaml")
        repo.write("plans/acme-west.yaml", _rewritten(ALIGNED))
    repo.commit("west")
    result = _diff_new(cli, "plans/acme-west.yaml")
    diff = json.loads(result.out)["diff"]
    assert result.code == 1 and diff["base"]["strategy"] == "", result.out  # no base
    assert any(g["action"] == "block" for g in diff["guardrails"]), result.out


def test_links_round_a_loop_are_refused_not_a_crash(repo: Repo, cli: Cli) -> None:
    # plans/a.yaml → b.yaml → a.yaml beside a new plan: diff still judges the new plan (its
    # organisation's total is read without following the loop), and check refuses the
    # links as plans that lead to no file; neither stops at an internal error.
    (repo.root / "plans" / "a.yaml").symlink_to("b.yaml")
    (repo.root / "plans" / "b.yaml").symlink_to("a.yaml")
    repo.write("plans/acme-west.yaml", _rewritten(ALIGNED))
    repo.commit("west and a loop")
    result = _diff_new(cli, "plans/acme-west.yaml")
    assert result.code == 1 and "internal error" not in result.err, result.err
    assert any(g["action"] == "block" for g in json.loads(result.out)["diff"]["guardrails"])
    checked = cli("check", "plans/", "-f", "json")
    assert checked.code == 2 and "internal error" not in checked.err
    assert "plans/a.yaml: is a symbolic link round a loop: it leads to no file" in checked.err


def test_a_second_plan_beside_one_with_no_budget_says_so(repo: Repo, cli: Cli) -> None:
    # The organisation's plan at the base states a total of 0: a 5% limit cannot measure
    # the second plan's 1,540,241 from nothing, and the block says that (it used to say the
    # plans were in another currency).
    with _on_base(repo, "no budget yet"):
        repo.write("plans/acme.yaml", ALIGNED.replace("total: 1540241", "total: 0"))
    repo.write("plans/acme-west.yaml", _rewritten(ALIGNED))
    repo.commit("west")
    result = _diff_new(cli, "plans/acme-west.yaml")
    blocks = [g for g in json.loads(result.out)["diff"]["guardrails"] if g["action"] == "block"]
    assert result.code == 1 and [b["message"] for b in blocks] == [
        "the plans naming Example Delight Co at the base state no budget, and with this new "
        "one they hold 1,540,241 USD: a 5% limit cannot measure growth from nothing"
    ], result.out


GROWN = ALIGNED.replace("total: 1540241", "total: 2310241").replace(
    "tooling: 82800", "tooling: 852800"
)
"""The aligned plan with 770,000 more (+50%) for tooling."""


def test_a_deleted_plan_is_carried_on_only_by_the_plan_whose_base_it_is(
    repo: Repo, cli: Cli
) -> None:
    # acme.yaml is deleted, and Beta Corp's bigger plan is renamed to acme-2027.yaml and
    # relabelled Example Delight Co. acme-2027's base is beta.yaml (git's rename), so it
    # does not carry acme.yaml on: acme.yaml's diff is a deletion, which Example Delight Co
    # makes up for (acme-2027 now names it), and acme-2027's relabelling joins Example
    # Delight Co's plans (+50%) and leaves Beta Corp with nothing (-100%): both limits
    # block it. Both used to pass: acme.yaml's diff was acme-2027's, at 0%.
    with _on_base(repo, "beta"):
        repo.write("plans/beta.yaml", GROWN.replace("Example Delight Co", "Beta Corp"))
    repo.git("rm", "-q", "plans/acme.yaml")
    repo.git("mv", "plans/beta.yaml", "plans/acme-2027.yaml")
    repo.write("plans/acme-2027.yaml", GROWN)
    repo.commit("beta becomes acme")
    limits = ("--max-budget-increase", "5%", "--max-budget-decrease", "5%", "-f", "json")
    gone = cli("diff", "--base-ref", "main", "plans/acme.yaml", *limits)
    assert json.loads(gone.out)["diff"]["plan"]["path"] == "plans/acme.yaml"  # a deletion
    relabelled = cli("diff", "--base-ref", "main", "plans/acme-2027.yaml", *limits)
    assert relabelled.code == 1, relabelled.out
    assert "the plans naming Example Delight Co grow together from 1,540,241 USD to " in (
        relabelled.out
    )
    assert "the plans naming Beta Corp shrink together from 2,310,241 USD to 0 USD" in (
        relabelled.out
    )


@pytest.mark.parametrize("name", ["plans/acme.yaml.txt", "plans/acme.md"])
def test_a_plan_renamed_to_a_name_no_check_reads_is_deleted_money(
    repo: Repo, cli: Cli, name: str
) -> None:
    # Review attack43 C03: `git mv plans/acme.yaml plans/acme.yaml.txt` left the gate (the
    # check reads .yaml and .yml only) while the decrease limit counted its 1,540,241 USD as
    # kept by the organisation's plans: "deleted, -100%" passed a 10% limit. Renamed out of
    # the plans, it is the organisation's money gone, as `git rm` is: 1,540,241 of 1,540,241.
    repo.git("mv", "plans/acme.yaml", name)
    repo.commit("renamed out of the plans")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "10%")
    assert result.code == 1, result.out
    assert "blocked by max_budget_decrease" in result.out, result.out


def test_a_plan_relabelled_to_another_organisation_counts_with_its_plans(
    repo: Repo, cli: Cli
) -> None:
    # beta.yaml, Beta Corp's, is relabelled Example Delight Co: against itself it changed
    # nothing, but Example Delight Co's plans grow by its whole budget (+100%).
    with _on_base(repo, "beta"):
        repo.write("plans/beta.yaml", ALIGNED.replace("Example Delight Co", "Beta Corp"))
    repo.write("plans/beta.yaml", ALIGNED)
    repo.commit("relabelled")
    result = _diff_new(cli, "plans/beta.yaml")
    blocks = [g for g in json.loads(result.out)["diff"]["guardrails"] if g["action"] == "block"]
    assert result.code == 1 and blocks, result.out
    assert "from 1,540,241 USD to 3,080,482 USD (+100%)" in blocks[0]["message"]


def test_last_years_plan_archived_and_this_years_added_is_a_rollover(repo: Repo, cli: Cli) -> None:
    # The yearly rollover: last year's plan moved to archive/, this year's added with +3%.
    # The archived plan left plans/, so this year's is paired with it by organisation and
    # judged against it (+3% under a 5% limit): it used to block as "new while the change
    # deletes plans/acme.yaml".
    (repo.root / "archive").mkdir()
    repo.git("mv", "plans/acme.yaml", "archive/acme-2026.yaml")
    rollover = ALIGNED.replace("total: 1540241", "total: 1586448").replace(
        "tooling: 82800", "tooling: 129007"
    )
    repo.write("plans/acme-2027.yaml", _rewritten(rollover))
    repo.commit("rollover")
    result = _diff_new(cli, "plans/acme-2027.yaml")
    diff = json.loads(result.out)["diff"]
    assert result.code == 0 and diff["base"]["path"] == "main:plans/acme.yaml", result.out
    assert diff["budget"][-1]["delta"] == "46207"


def test_an_archived_plan_moved_in_for_a_deleted_one_is_judged_against_it(
    repo: Repo, cli: Cli
) -> None:
    # acme.yaml is deleted and a smaller archived plan of the organisation moved into plans/
    # in its place: it carries acme.yaml on, and is judged against it (-82%), which a 5%
    # decrease limit blocks, under either name.
    with _on_base(repo, "the archive"):
        small = ALIGNED.replace("total: 1540241", "total: 276840").replace(
            "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
            "lines: {people: 276840}",
        )
        repo.write("archive/acme-2020.yaml", small)
    repo.git("rm", "-q", "plans/acme.yaml")
    (repo.root / "plans").mkdir(exist_ok=True)
    repo.git("mv", "archive/acme-2020.yaml", "plans/acme-2027.yaml")
    repo.commit("swap")
    for name in ("plans/acme.yaml", "plans/acme-2027.yaml"):
        result = cli("diff", "--base-ref", "main", name, "--max-budget-decrease", "5%")
        assert result.code == 1 and "budget total decreases by 1,263,401" in result.out, name


def test_diff_and_report_of_a_link_round_a_loop_say_so(repo: Repo, cli: Cli) -> None:
    (repo.root / "plans" / "a.yaml").symlink_to("b.yaml")
    (repo.root / "plans" / "b.yaml").symlink_to("a.yaml")
    for args in (("diff", "--base-ref", "main", "plans/a.yaml"), ("report", "plans/a.yaml")):
        result = cli(*args, "-o", str(repo.root / "out.md")) if args[0] == "report" else cli(*args)
        assert result.code == 2 and "internal error" not in result.err, result.err
        assert "round a loop" in result.err or "symbolic links" in result.err, result.err


def test_a_strategy_named_through_a_loop_is_placed_and_never_obeyed_by_a_runner(
    repo: Repo, cli: Cli
) -> None:
    """Review attack31 A6: a segment's strategy through a link round a loop reached
    `cli.main` as a bare OSError, printed with its file name raw: `##[endgroup]` in the
    Action's log, and no file:line:col. It is the plan's error at the reference, and every
    line on stderr goes through the escaping the outputs have."""
    loop = "loop##[endgroup]"
    (repo.root / "plans" / loop).symlink_to(loop)
    segment = f'segments:\n  - {{id: all, share: 100%, strategy: "{loop}/x.yaml"}}\n'
    repo.write("plans/acme.yaml", ALIGNED + segment)
    repo.commit("a segment's strategy round a loop")
    line = len(ALIGNED.splitlines()) + 2
    for args in (("diff", "--base-ref", "main"), ("check", "--policy-ref", "main"), ("check",)):
        result = cli(*args, "plans/acme.yaml")
        assert result.code == 2, (args, result.err)
        assert "##[" not in result.err and "##[" not in result.out, args
        assert f"plans/acme.yaml:{line}:" in result.err, (args, result.err)
        assert "cannot be read: Too many levels of symbolic links" in result.err


def test_every_line_on_stderr_is_escaped(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from cs_align.commands import check

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error", "plans/x##[group]\x1b[2J.yaml")

    monkeypatch.setattr(check, "run", broken)
    result = invoke("check", "examples/delight-aligned.yaml")
    assert result.code == 2
    assert result.err == (  # with what to do since input61
        "cs-align: plans/x#\\x23[group]\\x1b[2J.yaml: Input/output error — check the file and "
        "its folder, then run again\n"
    )


def test_a_plan_relabelled_away_from_its_organisation_leaves_it_judged(
    repo: Repo, cli: Cli
) -> None:
    # acme.yaml now names Fresh Co while east.yaml keeps the name: against itself it
    # changed nothing, but Example Delight Co loses acme's budget (-50%), which a 5% decrease
    # limit blocks. (Every plan of it renamed Fresh Co is the organisation renamed, its
    # money kept: review attack55 c, tests/security/test_attack55.py.)
    with _on_base(repo, "a second plan"):
        repo.write("plans/east.yaml", ALIGNED)
    repo.write("plans/acme.yaml", ALIGNED.replace("Example Delight Co", "Fresh Co"))
    repo.commit("relabelled away")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "5%")
    assert result.code == 1, result.out
    assert (
        "the plans naming Example Delight Co shrink together from 3,080,482 USD to 1,540,241 "
        "USD (-50%) as this one leaves it for Fresh Co" in result.out
    ), result.out


def test_a_rollover_of_two_plans_is_judged_as_the_organisations_plans(repo: Repo, cli: Cli) -> None:
    # Two plans of the organisation (east and west) archived and next year's two added at
    # +3% together: with two plans gone, neither new one has one base, so both are judged
    # with the organisation's plans in plans/ (+3% under 5%). Both used to block.
    with _on_base(repo, "east and west"):
        repo.git("mv", "plans/acme.yaml", "plans/acme-west.yaml")
        repo.write("plans/acme-east.yaml", _rewritten(ALIGNED))
    (repo.root / "archive").mkdir()
    for side in ("east", "west"):
        repo.git("mv", f"plans/acme-{side}.yaml", f"archive/acme-{side}-2026.yaml")
    rollover = ALIGNED.replace("total: 1540241", "total: 1586448").replace(
        "tooling: 82800", "tooling: 129007"
    )
    for side in ("east", "west"):
        repo.write(f"plans/acme-{side}-2027.yaml", _rewritten(rollover) + f"# {side}\n")
    repo.commit("rollover")
    limits = ("--max-budget-increase", "5%", "--max-budget-decrease", "5%")
    for side in ("east", "west"):
        result = cli("diff", "--base-ref", "main", f"plans/acme-{side}-2027.yaml", *limits)
        assert result.code == 0, result.out
    # The archived plans' own diffs (the Action runs them: they were plans at the base) are
    # deletions the organisation's new plans make up for: no decrease for the organisation.
    for side in ("east", "west"):
        result = cli("diff", "--base-ref", "main", f"plans/acme-{side}.yaml", *limits)
        assert result.code == 0, result.out


def test_plans_at_the_root_are_totalled_with_the_roots_plans_only(repo: Repo, cli: Cli) -> None:
    # Plans kept at the repository's root: an archive of copies in archive/ is no part of
    # the root's total, so a second plan at the root (+100%) blocks a 5% limit.
    with _on_base(repo, "plans at the root"):
        repo.git("mv", "plans/acme.yaml", "acme.yaml")
        (repo.root / "archive").mkdir(exist_ok=True)
        for year in range(2020, 2026):
            repo.write(f"archive/acme-{year}.yaml", ALIGNED)
    repo.write("acme-west.yaml", _rewritten(ALIGNED))
    repo.commit("west")
    result = _diff_new(cli, "acme-west.yaml")
    assert result.code == 1 and "grow together from 1,540,241 USD to 3,080,482 USD" in (
        result.out
    ), result.out


def test_a_glob_takes_plans_only(repo: Repo, cli: Cli) -> None:
    # `*.yaml` at a root that holds the config: the config is no plan to judge.
    repo.write("acme.yaml", ALIGNED)
    repo.commit("a plan at the root")
    result = cli("check", "*.yaml", "-f", "json")
    assert result.code == 0, result.err
    assert [p["path"] for p in json.loads(result.out)["plans"]] == ["acme.yaml"]


def test_a_budget_in_another_currency_cannot_pass_a_limit(repo: Repo, cli: Cli) -> None:
    # The same figures in Kuwaiti dinars are about three times the money; in yen, about a
    # hundredth. A limit cannot compare totals in two currencies, so both block.
    for currency in ("KWD", "JPY"):
        repo.write("plans/acme.yaml", ALIGNED.replace("currency: USD", f"currency: {currency}"))
        repo.commit(currency)
        result = cli(
            "diff",
            "--base-ref",
            "main",
            "plans/acme.yaml",
            "--max-budget-increase",
            "5%",
            "--max-budget-decrease",
            "5%",
        )
        assert result.code == 1, result.out
        # Both limits: neither is relieved by the organisation's plans, whose totals the
        # change of money makes as incomparable.
        said = f"currency changed USD → {currency}: a 5% limit cannot compare"
        assert result.out.count(said) >= 2, result.out


def test_a_plan_relabelled_to_an_organisation_in_another_currency_blocks(
    repo: Repo, cli: Cli
) -> None:
    # Example Delight Co's second plan is in euros: the plans it keeps cannot be added up
    # when acme.yaml leaves it, and the decrease limit blocks rather than passing.
    with _on_base(repo, "a plan in euros"):
        repo.write("plans/acme-eu.yaml", ALIGNED.replace("currency: USD", "currency: EUR"))
    repo.write("plans/acme.yaml", ALIGNED.replace("Example Delight Co", "Fresh Co"))
    repo.commit("relabelled away")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "5%")
    assert result.code == 1 and "cannot add them up" in result.out, result.out


def test_plans_relabelled_away_together_each_leave_their_organisation(repo: Repo, cli: Cli) -> None:
    # Three plans of Example Delight Co relabelled Fresh Co, a fourth keeping the name: for
    # each, the plans the organisation keeps are those that still name it (the fourth), not
    # its relabelled siblings, so each sees the organisation fall by 75% (it used to see
    # -33% each at most). All four renamed is the organisation renamed (review attack55 c).
    with _on_base(repo, "east, west and north"):
        for side in ("east", "west", "north"):
            repo.write(f"plans/acme-{side}.yaml", _rewritten(ALIGNED) + f"# {side}\n")
    for name in ("acme", "acme-east", "acme-west"):
        text = (repo.root / "plans" / f"{name}.yaml").read_text()
        repo.write(f"plans/{name}.yaml", text.replace("Example Delight Co", "Fresh Co"))
    repo.commit("three relabelled")
    for name in ("acme", "acme-east", "acme-west"):
        result = cli(
            "diff", "--base-ref", "main", f"plans/{name}.yaml", "--max-budget-decrease", "40%"
        )
        assert result.code == 1 and "(-75%)" in result.out, (name, result.out)


def test_a_budget_given_or_taken_is_measured(repo: Repo, cli: Cli) -> None:
    # A plan with no budget at the base given one: a 5% limit measures it with the
    # organisation's plans (acme.yaml's 1,540,241: +100%), where it used to be a "new"
    # amount, only reported. A budget taken out is a decrease of its whole amount.
    unfunded = ALIGNED[: ALIGNED.index("\nbudget:")] + "\n"
    with _on_base(repo, "a plan without a budget"):
        repo.write("plans/acme-bot.yaml", _rewritten(unfunded))
    repo.write("plans/acme-bot.yaml", _rewritten(ALIGNED))
    repo.commit("funded")
    given = _diff_new(cli, "plans/acme-bot.yaml")
    assert given.code == 1 and "grow together from 1,540,241 USD to 3,080,482 USD" in (given.out), (
        given.out
    )
    repo.write("plans/acme-bot.yaml", _rewritten(unfunded))
    repo.write("plans/acme.yaml", unfunded)
    repo.commit("unfunded")
    taken = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "5%")
    assert taken.code == 1 and "budget total decreases by 1,540,241" in taken.out, taken.out


def test_a_plan_named_dot_yaml_counts_in_its_organisations_total(repo: Repo, cli: Cli) -> None:
    # plans/.yaml is a plan to the folder scan (it ends in .yaml), though its suffix is
    # empty to pathlib: Beta Corp's plan so named at the base counts in Beta Corp's total,
    # so a second Beta Corp plan (+100%) blocks. It was left out, and the second plan was
    # only reported as a new organisation's.
    beta = ALIGNED.replace("Example Delight Co", "Beta Corp")
    with _on_base(repo, "beta, named .yaml"):
        repo.write("plans/.yaml", beta)
    repo.write("plans/beta-2.yaml", _rewritten(beta))
    repo.commit("a second beta plan")
    result = _diff_new(cli, "plans/beta-2.yaml")
    assert result.code == 1 and "the plans naming Beta Corp grow together" in result.out, result.out


def test_a_budget_for_a_shorter_period_is_judged_as_the_money_it_is(repo: Repo, cli: Cli) -> None:
    # The limits judge what the proposal spends in the base's days still to come (all of
    # 2027): January's plan with January's money, 1,540,241 × 1/12 = 128,353.42, spends
    # 91.7% less there, and February to December are left to no plan (review attack41 B10:
    # compared a day for a day, it was "0%"). The year's money in half the year is the
    # year's money (0%). Twice the time for twice the total is the same money (0%, passes).
    january = ALIGNED.replace("end: 2027-12-31", "end: 2027-01-31").replace(
        "total: 1540241", "total: 128353.42"
    )
    lines = "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}"
    january = january.replace(
        lines, "lines: {people: 106950, training: 12420, tooling: 6900, goodwill: 2083.42}"
    )
    repo.write("plans/acme.yaml", january)
    repo.commit("January")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "10%")
    assert result.code == 1, result.out
    assert "budget total decreases by 1,411,887.58 USD (91.67%)" in result.out
    half = ALIGNED.replace("end: 2027-12-31", "end: 2027-06-30")
    repo.write("plans/acme.yaml", half)
    repo.commit("half a year")
    tripped = json.loads(_diff_new(cli, "plans/acme.yaml").out)["diff"]["guardrails"]
    assert "max_budget_increase" not in [t["guardrail"] for t in tripped]
    double = (
        ALIGNED.replace("end: 2027-12-31", "end: 2028-12-31")
        .replace("total: 1540241", "total: 3080482")
        .replace(
            "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
            "lines: {people: 2566800, training: 298080, tooling: 165600, goodwill: 50002}",
        )
    )
    repo.write("plans/acme.yaml", double)
    repo.commit("two years")
    assert _diff_new(cli, "plans/acme.yaml").code == 0


_TWO_YEARS = (
    ALIGNED.replace("end: 2027-12-31", "end: 2028-12-31")
    .replace("total: 1540241", "total: 3080482")
    .replace(
        "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
        "lines: {people: 2566800, training: 298080, tooling: 165600, goodwill: 50002}",
    )
)
_PERIOD = "period: {start: 2027-01-01, end: 2027-12-31}\n"


@pytest.mark.parametrize(
    ("base", "proposal", "code", "increase"),
    [
        # no period at the base (a year); the proposal states half a year: twice the money
        (
            ALIGNED.replace(_PERIOD, ""),
            ALIGNED.replace("end: 2027-12-31", "end: 2027-06-30"),
            1,
            "1,540,241 USD (100%)",
        ),
        # two years at the base; the proposal drops its period (a year): twice the money
        (
            _TWO_YEARS,
            _TWO_YEARS.replace(_PERIOD.replace("2027-12", "2028-12"), ""),
            1,
            "3,080,482 USD (100%)",
        ),
        # no period at the base; the proposal states the year it meant: the same money
        (ALIGNED.replace(_PERIOD, ""), ALIGNED, 0, None),
    ],
    ids=["half-year-added", "two-years-dropped", "the-year-stated"],
)
def test_a_plan_without_a_period_budgets_a_year_in_the_diff_too(
    repo: Repo, cli: Cli, base: str, proposal: str, code: int, increase: str | None
) -> None:
    # Everywhere else a plan without a period budgets one year; the diff's guardrails
    # compared totals unscaled whenever either side had none, so adding a half-year period
    # (or deleting a two-year one) at the same total doubled the money a year at 0%.
    assert base != ALIGNED and proposal != base
    with _on_base(repo, "the base"):
        repo.write("plans/acme.yaml", base)
    repo.write("plans/acme.yaml", proposal)
    repo.commit("the proposal")
    result = _diff_new(cli, "plans/acme.yaml")
    assert result.code == code, result.out
    if increase:
        assert f"period as long as the base's increases by {increase}" in result.out


def _tripped(result: Result) -> dict[str, str]:
    return {g["guardrail"]: g["message"] for g in json.loads(result.out)["diff"]["guardrails"]}


def test_max_total_cannot_be_passed_by_changing_the_currency(repo: Repo, cli: Cli) -> None:
    # Review attack31 A2: the same figures in dinars (about 3.25 times the dollars) passed a
    # 1.6M cap the USD plan met, as the increase and decrease limits already refused to.
    with _on_base(repo, "a cap"):
        repo.write(".cs-align.yaml", "guardrails:\n  max_total: 1.6M\n")
    repo.write("plans/acme.yaml", ALIGNED.replace("currency: USD", "currency: KWD"))
    repo.commit("the same figures, in dinars")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    assert result.code == 1, result.out
    tripped = _tripped(result)
    assert tripped["max_total"] == (
        "currency changed USD → KWD: a 1,600,000 USD limit cannot compare the totals"
    )
    # The hour's price cannot be compared either: policy (review attack43 C10).
    assert set(tripped) == {"max_total", "no_new_errors"}
    assert "in another currency, the prices cannot be compared" in tripped["no_new_errors"]


def test_max_total_cannot_be_passed_by_a_new_plan_in_another_currency(repo: Repo, cli: Cli) -> None:
    # Review attack32 F1: the switch above trips, but a second plan for the organisation,
    # new in the change and written in dinars, was compared with the cap as if in dollars.
    with _on_base(repo, "a cap"):
        repo.write(".cs-align.yaml", "guardrails:\n  max_total: 1.6M\n")
    repo.write("plans/acme-kw.yaml", ALIGNED.replace("currency: USD", "currency: KWD"))
    repo.commit("a second plan, in dinars")
    result = cli("diff", "--base-ref", "main", "plans/acme-kw.yaml", "-f", "json")
    assert result.code == 1, result.out
    assert _tripped(result)["max_total"] == (
        "the plans naming Example Delight Co at the base are budgeted in another currency than "
        "this new one (KWD): a cap of 1,600,000 cannot compare its total"
    )


def test_max_total_caps_the_total_a_proposal_states_new_or_not(repo: Repo, cli: Cli) -> None:
    # max_total is "the highest budget total a proposal may have", and the most it may spend
    # a year. It was compared with the total scaled to the base's period: 3.9M for two years
    # passed a 2M cap as 1.95M, while the same file as a new plan was blocked. Compared with
    # the stated total alone, 1,999,999 for January alone (about 24M a year) passed.
    with _on_base(repo, "a cap"):
        repo.write(".cs-align.yaml", "guardrails:\n  max_total: 2M\n")
    over = _TWO_YEARS.replace("total: 3080482", "total: 3900000").replace(
        "goodwill: 50002", "goodwill: 869520"
    )
    repo.write("plans/acme.yaml", over)
    repo.write("plans/other.yaml", over.replace("Example Delight Co", "Other Org"))
    repo.commit("two years, 3.9M")
    cap = "budget total 3,900,000 USD is above the cap of 2,000,000 USD by 1,900,000 USD"
    for name in ("plans/acme.yaml", "plans/other.yaml"):  # an old plan, and a new one
        result = cli("diff", "--base-ref", "main", name, "-f", "json")
        assert result.code == 1 and _tripped(result).get("max_total") == cap, result.out
    half = ALIGNED.replace("end: 2027-12-31", "end: 2027-06-30").replace(
        "total: 1540241", "total: 1200000"
    )
    half = half.replace(
        "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
        "lines: {people: 1000000, training: 100000, tooling: 80000, goodwill: 20000}",
    )
    repo.write("plans/acme.yaml", half)
    repo.commit("half a year, 1.2M")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    assert _tripped(result).get("max_total") == (
        "budget total 1,200,000 USD for ½ year is 2,400,000 USD a year, above the cap of "
        "2,000,000 USD"
    ), result.out
    lower = half.replace("total: 1200000", "total: 900000").replace(
        "people: 1000000", "people: 700000"
    )
    repo.write("plans/acme.yaml", lower)  # 1.8M a year: within the cap
    repo.commit("half a year, 0.9M")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    assert "max_total" not in _tripped(result), result.out


@pytest.mark.parametrize("how", ["rewritten", "git-mv"])
def test_a_split_that_keeps_the_total_passes_a_decrease_limit(
    repo: Repo, cli: Cli, how: str
) -> None:
    # acme.yaml split into north and south halves of the same organisation, the total
    # kept: each half, and acme.yaml's own diff (a deletion, or the renamed half at -50%),
    # is judged with the organisation's plans, which lose nothing. All used to block a 5%
    # decrease limit. A cut the other plans do not make up for still blocks.
    half = ALIGNED.replace("total: 1540241", "total: 770120").replace(
        "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
        "lines: {people: 770120}",
    )
    if how == "git-mv":
        repo.git("mv", "plans/acme.yaml", "plans/acme-north.yaml")
        repo.write("plans/acme-north.yaml", half)
    else:
        repo.git("rm", "-q", "plans/acme.yaml")
        repo.write("plans/acme-north.yaml", _rewritten(half) + "# north\n")
    repo.write("plans/acme-south.yaml", _rewritten(half.replace("770120", "770121")))
    repo.commit("split")
    limits = ("--max-budget-increase", "5%", "--max-budget-decrease", "5%", "-f", "json")

    def budget_limits(name: str) -> list[str]:
        # Half the money funds less staff: the halves' new errors are theirs to fix; the
        # budget limits are what a split must keep.
        result = cli("diff", "--base-ref", "main", name, *limits)
        tripped = json.loads(result.out)["diff"]["guardrails"]
        return [
            g["message"]
            for g in tripped
            if g["guardrail"].startswith("max_budget") and g["action"] == "block"
        ]

    for name in ("plans/acme.yaml", "plans/acme-north.yaml", "plans/acme-south.yaml"):
        assert budget_limits(name) == [], name
    repo.git("rm", "-q", "plans/acme-south.yaml")
    repo.commit("south gone")
    assert budget_limits("plans/acme.yaml" if how == "rewritten" else "plans/acme-north.yaml")


def test_an_organisations_plans_add_up_as_money_a_year(repo: Repo, cli: Cli) -> None:
    # acme.yaml (a year, 1,540,241) deleted and two plans of the organisation added, each
    # with the same total for five years: 616,096.40 a year between them. The organisation's
    # plans are added up a year, so the deletion is not made up for (-60%) and a 5%
    # decrease limit blocks it; in raw totals (3,080,482) it looked made up for twice over.
    repo.git("rm", "-q", "plans/acme.yaml")
    five = ALIGNED.replace("end: 2027-12-31", "end: 2031-12-31")
    for side in ("east", "west"):
        repo.write(f"plans/acme-{side}.yaml", _rewritten(five) + f"# five years, {side}\n")
    repo.commit("five years for the money of one")
    limits = ("--max-budget-increase", "5%", "--max-budget-decrease", "5%")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", *limits)
    assert result.code == 1 and "budget total decreases by 1,540,241" in result.out, result.out


HALF = ALIGNED.replace("total: 1540241", "total: 770120").replace(
    "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
    "lines: {people: 770120}",
)
"""The aligned plan with half its budget."""


def test_what_an_organisation_keeps_counts_a_file_once_and_a_name_that_reads_two_ways_not_at_all(
    repo: Repo, cli: Cli
) -> None:
    # acme.yaml is deleted. What makes up for it must be Example Delight Co's money:
    # - a half-budget plan and a link to it are one plan (-50%, blocked; two names of one
    #   file counted twice made it up);
    # - a plan relabelled from "Example Delight C6" to "Example Delight C𑣕" (a letter that
    #   reads as o one way and 6 the other) is not Example Delight Co's (-100%, blocked).
    limits = ("--max-budget-decrease", "5%")
    with _on_base(repo, "C6"):
        repo.write(
            "plans/c6.yaml", _rewritten(ALIGNED.replace("Example Delight Co", "Example Delight C6"))
        )
    repo.git("rm", "-q", "plans/acme.yaml")
    repo.write("plans/bots.yaml", _rewritten(HALF))
    (repo.root / "plans" / "bots-link.yaml").symlink_to("bots.yaml")
    repo.commit("half, twice")
    linked = cli("diff", "--base-ref", "main", "plans/acme.yaml", *limits)
    assert linked.code == 1 and "decreases by 1,540,241" in linked.out, linked.out
    repo.git("rm", "-q", "plans/bots.yaml", "plans/bots-link.yaml")
    text = (repo.root / "plans" / "c6.yaml").read_text()
    repo.write("plans/c6.yaml", text.replace("Example Delight C6", "Example Delight C\U000118d5"))
    repo.commit("C6 reads two ways")
    bridged = cli("diff", "--base-ref", "main", "plans/acme.yaml", *limits)
    assert bridged.code == 1 and "decreases by 1,540,241" in bridged.out, bridged.out


@contextmanager
def _on_base(repo: Repo, message: str) -> Iterator[None]:
    """What the block writes is committed to the base (main), then merged into the pull
    request's branch (pr), which the test goes on changing."""
    repo.git("checkout", "-q", "main")
    yield
    repo.commit(message)
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")


def test_many_files_at_the_base_are_read_as_one_is(repo: Repo) -> None:
    # Revision.read_many reads a folder's plans in two git processes (read takes two a
    # file); it gives what read gives, and leaves out what read refuses: a link, a folder,
    # a file over 5 MB.
    from cs_align.repo import revision

    repo.write("plans/other.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
    repo.write("plans/huge.yaml", "#" * 6_000_000)
    (repo.root / "plans" / "link.yaml").symlink_to("acme.yaml")
    repo.write("plans/folder.yaml/inner.yaml", ALIGNED)
    repo.commit("files of every kind")
    rev = revision("HEAD", repo.root)
    names = ("acme.yaml", "other.yaml", "huge.yaml", "link.yaml", "folder.yaml", "gone.yaml")
    found = rev.read_many([repo.root / "plans" / n for n in names])
    assert sorted(p.name for p in found) == ["acme.yaml", "other.yaml"]
    for path, data in found.items():
        assert data == rev.read(path, path.name) == path.read_bytes()


def test_a_blob_git_cannot_give_is_left_out_alone(repo: Repo) -> None:
    # Review final22: one blob missing from git emptied the whole read, and a repository
    # with plans looked like one without (a new organisation then passed).
    from cs_align.repo import revision

    repo.write("plans/other.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
    repo.write("plans/notes.yaml", "a: note\n")
    repo.commit("two more files")
    blob = repo.git("rev-parse", "HEAD:plans/notes.yaml").strip()
    (repo.root / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    rev = revision("HEAD", repo.root)
    names = ("acme.yaml", "other.yaml", "notes.yaml")
    found = rev.read_many([repo.root / "plans" / n for n in names])
    assert sorted(p.name for p in found) == ["acme.yaml", "other.yaml"]


def test_a_file_the_change_turns_into_a_plan_counts_its_work(repo: Repo, cli: Cli) -> None:
    # Review final22: only files the change added were counted now; a link at the base
    # turned into a fast-food plan took the email channel split off the delight plan.
    (repo.root / "plans" / "c.yaml").symlink_to("acme.yaml")
    repo.commit("a link")
    kept, half = _email_split_off("Example Delight Co (Email)")
    (repo.root / "plans" / "c.yaml").unlink()
    repo.write("plans/c.yaml", half.replace("Example Delight Co (Email)", "Example Delight Co"))
    repo.write("plans/acme.yaml", kept)
    repo.commit("the link is a plan now")
    result = cli("check", "plans/", "--policy-ref", "HEAD~1", "-f", "json")
    changed = [m for p in json.loads(result.out)["plans"] for m in _moved(result, p["path"])]
    assert any("work under delight falls from 283.6 to 207 hours a week" in m for m in changed)
    assert result.code == 1


def test_a_small_fall_in_hours_shows_the_digits_that_tell() -> None:
    from fractions import Fraction

    from cs_align.policy import _hours

    assert _hours(Fraction(2836, 10), Fraction(28358, 100)) == ("283.60", "283.58")
    assert _hours(Fraction(2836, 10), Fraction(207)) == ("283.6", "207")


def _budget_guardrail(result: Result) -> dict[str, str]:
    """The budget limit's verdict (a new organisation's policy-changed error trips
    `no_new_errors` beside it)."""
    found = json.loads(result.out)["diff"]["guardrails"]
    return next(g for g in found if g["guardrail"] == "max_budget_increase")


def _diff_new(cli: Cli, name: str) -> Result:
    return cli("diff", "--base-ref", "main", name, "--max-budget-increase", "5%", "-f", "json")


def test_a_plan_that_may_replace_a_deleted_one_is_blocked_by_a_share_limit(
    repo: Repo, cli: Cli
) -> None:
    # Deleted, and added again under a new name with its organisation spelt differently:
    # nothing pairs the two, and a 5% limit cannot compare a plan with nothing. While the
    # change deletes a plan no other plan carries on, the new one blocks; a plan that is
    # simply new (below) is only reported.
    grown = ALIGNED.replace("total: 1540241", "total: 2310241").replace(
        "tooling: 82800", "tooling: 852800"
    )
    repo.git("rm", "-q", "plans/acme.yaml")
    renamed = grown.replace(
        "organisation: Example Delight Co", "organisation: Example Delight Group"
    )
    repo.write("plans/acme-2027.yaml", _rewritten(renamed))
    repo.commit("a new plan for 2027")
    result = _diff_new(cli, "plans/acme-2027.yaml")
    assert result.code == 1, result.out + result.err
    tripped = _budget_guardrail(result)
    assert tripped["action"] == "block"
    assert "new while the change deletes plans/acme.yaml" in tripped["message"]


def test_a_plan_split_in_two_is_compared_with_neither_half(repo: Repo, cli: Cli) -> None:
    # Two plans naming the deleted plan's organisation: it is neither's base (each half
    # would look +4% against the whole), so each new half blocks under the 5% limit.
    repo.git("rm", "-q", "plans/acme.yaml")
    for half in ("north", "south"):
        repo.write(f"plans/acme-{half}.yaml", _rewritten(ALIGNED))
    repo.commit("split the plan")
    for half in ("north", "south"):
        result = _diff_new(cli, f"plans/acme-{half}.yaml")
        assert result.code == 1, result.out
        assert json.loads(result.out)["diff"]["base"]["strategy"] == ""  # no pairing


def test_a_new_plan_beside_a_renamed_one_is_only_reported(repo: Repo, cli: Cli) -> None:
    # The old plan is renamed (git pairs it) and a brand-new plan is added: the new one
    # replaces nothing, so a share limit reports it and does not block.
    repo.git("mv", "plans/acme.yaml", "plans/acme-2027.yaml")
    other = ALIGNED.replace("organisation: Example Delight Co", "organisation: Other Co")
    repo.write("plans/other.yaml", other)
    repo.commit("rename and add")
    # A new organisation is a policy change (reviews attack19-21); accepted, the budget's
    # share limit only reports the new plan.
    result = cli(
        "diff",
        "--base-ref",
        "main",
        "plans/other.yaml",
        "--max-budget-increase",
        "5%",
        "--allow-policy-change",
        "-f",
        "json",
    )
    assert result.code == 0, result.out
    (tripped,) = json.loads(result.out)["diff"]["guardrails"]
    assert tripped["action"] == "warn" and "(a new plan)" in tripped["message"]


def test_a_moved_plan_whose_strategy_file_now_means_another_is_a_policy_change(
    repo: Repo, cli: Cli
) -> None:
    # `strategy: ours.yaml` beside the plan: moved from plans/us to plans/eu, the same words
    # name the base's laxer plans/eu/ours.yaml. The plan's text is unchanged; its policy is not.
    repo.write("plans/us/ours.yaml", "id: ours\nname: Ours\nextends: delight\n")
    repo.write("plans/eu/ours.yaml", "id: ours\nname: Ours\nextends: fast-food\n")
    repo.write("plans/us/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: ours.yaml"))
    repo.commit("two regions")
    repo.git("mv", "plans/us/acme.yaml", "plans/eu/acme.yaml")
    repo.commit("move acme")
    result = cli("check", "plans/eu/acme.yaml", "--policy-ref", "HEAD~1", "-f", "json")
    changed = next(
        f for f in json.loads(result.out)["plans"][0]["findings"] if f["rule"] == "policy-changed"
    )
    assert result.code == 1
    assert (
        "strategy ours.yaml now means plans/eu/ours.yaml (it meant plans/us/ours.yaml where the "
        "plan was)"
    ) in changed["message"]


@pytest.mark.parametrize("decoy", ["strategy-shaped", "renamed-to-markdown", "odd-organisation"])
def test_only_a_plan_file_carries_a_deleted_plan_on(repo: Repo, cli: Cli, decoy: str) -> None:
    # The plan comes back +50% under a new name with its organisation spelt differently;
    # a file that is no plan (a strategy-shaped file naming the old organisation, the old
    # plan renamed to a .md, a YAML file whose organisation is a list) cannot stand in for
    # it, so the % limit still blocks the newcomer.
    grown = ALIGNED.replace("total: 1540241", "total: 2310241").replace(
        "tooling: 82800", "tooling: 852800"
    )
    grown = grown.replace("organisation: Example Delight Co", "organisation: Example Delight Group")
    if decoy == "renamed-to-markdown":
        repo.git("mv", "plans/acme.yaml", "plans/acme-2026.md")
    else:
        repo.git("rm", "-q", "plans/acme.yaml")
    if decoy == "strategy-shaped":
        repo.write(
            "plans/notes.yaml", "id: notes\nextends: delight\norganisation: Example Delight Co\n"
        )
    if decoy == "odd-organisation":
        repo.write("docs/x.yaml", "organisation: [a]\n")
    repo.write("plans/acme-2027.yaml", _rewritten(grown))
    repo.commit("a decoy")
    result = _diff_new(cli, "plans/acme-2027.yaml")
    assert result.code == 1, result.out + result.err
    assert _budget_guardrail(result)["action"] == "block"


def test_the_new_half_of_a_split_blocks_even_when_git_pairs_the_other(repo: Repo, cli: Cli) -> None:
    # West is the old file renamed (git pairs it: +3.9%); east is new and names the same
    # organisation: half of a split, judged with the organisation's plans (+107.76%), so the
    # % limit blocks it.
    east = ALIGNED.replace("total: 1540241", "total: 1600000").replace(
        "tooling: 82800", "tooling: 142559"
    )
    repo.git("mv", "plans/acme.yaml", "plans/acme-west.yaml")
    repo.write("plans/acme-west.yaml", east)
    repo.write("plans/acme-east.yaml", _rewritten(east))
    repo.commit("split in two")
    assert (
        cli(
            "diff", "--base-ref", "main", "plans/acme-west.yaml", "--max-budget-increase", "5%"
        ).code
        == 0
    )
    result = _diff_new(cli, "plans/acme-east.yaml")
    assert result.code == 1, result.out
    assert "grow together from 1,540,241 USD to 3,200,000 USD (+107.76%)" in result.out, [
        g["message"] for g in json.loads(result.out)["diff"]["guardrails"]
    ]


def test_a_moved_plans_segment_strategy_file_that_now_means_another_is_a_policy_change(
    repo: Repo, cli: Cli
) -> None:
    from tests.conftest import EXAMPLES

    bank = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
    mix = "strategy:\n  primary: fast-food\n  by_segment: {private: extraordinary-trust}\n"
    assert mix in bank and "  - id: private\n    share: 5%\n" in bank
    bank = bank.replace(mix, "strategy: fast-food\n").replace(
        "  - id: private\n    share: 5%\n",
        "  - id: private\n    share: 5%\n    strategy: trust.yaml\n",
    )
    repo.write("plans/us/trust.yaml", "id: trust\nname: Trust\nextends: extraordinary-trust\n")
    repo.write("plans/eu/trust.yaml", "id: trust\nname: Trust\nextends: fast-food\n")
    repo.write("plans/us/bank.yaml", bank)
    repo.commit("two regions")
    repo.git("mv", "plans/us/bank.yaml", "plans/eu/bank.yaml")
    repo.commit("move the bank")
    result = cli("check", "plans/eu/bank.yaml", "--policy-ref", "HEAD~1", "-f", "json")
    assert result.code == 1, result.out + result.err
    assert "strategy trust.yaml now means plans/eu/trust.yaml" in result.out


def test_a_plan_archived_out_of_view_cannot_vouch_for_its_successor(repo: Repo, cli: Cli) -> None:
    # The old plan is moved, unchanged, to archive/ (git's rename), and a +50% successor with
    # its organisation spelt differently appears in plans/: the archived file is out of the
    # gate's view and carries nothing on, so the successor blocks a % limit.
    grown = ALIGNED.replace("total: 1540241", "total: 2310241").replace(
        "tooling: 82800", "tooling: 852800"
    )
    grown = grown.replace("organisation: Example Delight Co", "organisation: Example Delight Group")
    (repo.root / "archive").mkdir()
    repo.git("mv", "plans/acme.yaml", "archive/acme.yaml")
    repo.write("plans/acme-2027.yaml", _rewritten(grown))
    repo.commit("archive and replace")
    result = _diff_new(cli, "plans/acme-2027.yaml")
    assert result.code == 1, result.out
    assert "new while the change deletes plans/acme.yaml" in result.out


def test_a_deleted_plan_git_renamed_to_one_half_is_not_the_other_halfs_base(
    repo: Repo, cli: Cli
) -> None:
    # West is the old file renamed (and its organisation renamed); east is a rewrite naming
    # the old organisation. The old plan is west's base already: east is new while the change
    # deletes it, half of a split, and blocks.
    east = ALIGNED.replace("total: 1540241", "total: 1600000").replace(
        "tooling: 82800", "tooling: 142559"
    )
    repo.git("mv", "plans/acme.yaml", "plans/acme-west.yaml")
    repo.write(
        "plans/acme-west.yaml",
        east.replace("organisation: Example Delight Co", "organisation: Example Delight Co (West)"),
    )
    repo.write("plans/acme-east.yaml", _rewritten(east))
    repo.commit("split in two")
    result = _diff_new(cli, "plans/acme-east.yaml")
    assert result.code == 1, result.out
    assert json.loads(result.out)["diff"]["base"]["strategy"] == ""


def test_a_second_plan_for_an_organisation_counts_with_its_first(repo: Repo, cli: Cli) -> None:
    # acme.yaml stays as it is; acme-west.yaml is added for the same organisation, with as
    # much again: 1,540,241 → 3,080,482 (+100%) for Example Delight Co's plans together,
    # over a 5% limit. Each plan alone would look unchanged or new.
    repo.write("plans/acme-west.yaml", _rewritten(ALIGNED))
    repo.commit("a second plan for the same organisation")
    assert (
        cli("diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-increase", "5%").code
        == 0
    )
    result = _diff_new(cli, "plans/acme-west.yaml")
    assert result.code == 1, result.out
    grew = [g for g in json.loads(result.out)["diff"]["guardrails"] if g["action"] == "block"]
    assert grew == [
        {
            "guardrail": "max_budget_increase",
            "action": "block",
            "message": "the plans naming Example Delight Co grow together from 1,540,241 USD "
            "to 3,080,482 USD (+100%) with this new one; the limit is 77,012.05 USD (5%)",
        }
    ]


@pytest.mark.parametrize(
    "disguise",
    [
        "escaped",
        "relabelled",
        "spaced",
        "unseen",
        "look-alike",
        "greek-capital",
        "lunate-sigma",
        "tab",
        "punctuated",
        "other-currency",
        "archived-at-the-base",
    ],
)
def test_an_organisations_plans_are_counted_however_they_are_written(
    repo: Repo, cli: Cli, disguise: str
) -> None:
    # A second plan for the organisation, as much again (+100% over a 5% limit), with the
    # first plan's name written so that a text search would miss it, relabelled, the new
    # one's name spaced differently or spelt with look-alike letters of another script, or
    # the new one in another currency: all block. Plans
    # outside the new plan's top folder (an archive at the base) do not dilute the total.
    first = ALIGNED
    second = _rewritten(ALIGNED)
    if disguise == "escaped":
        first = ALIGNED.replace(
            "organisation: Example Delight Co", 'organisation: "Example Delight C\\u006f"'
        )
    if disguise == "relabelled":
        first = ALIGNED.replace("organisation: Example Delight Co", "organisation: Other EMEA")
    if disguise == "spaced":
        second = second.replace(
            "organisation: Example Delight Co", "organisation: Example  Delight Co "
        )
    if disguise == "unseen":  # a zero-width space and a NUL a screen does not show
        second = second.replace(
            "organisation: Example Delight Co", 'organisation: "Example\\u200b Delight Co\\0"'
        )
    if disguise == "look-alike":  # Cyrillic е and о: on a screen, the same name
        second = second.replace(
            "organisation: Example Delight Co", "organisation: Example D\u0435light C\u043e"
        )
    if disguise == "greek-capital":  # a Greek Ε, whose small letter looks like no Latin one
        second = second.replace(
            "organisation: Example Delight Co", "organisation: \u0395xample Delight Co"
        )
    if disguise == "lunate-sigma":  # a Greek capital lunate sigma, Ϲ, for the C
        second = second.replace(
            "organisation: Example Delight Co", "organisation: Example Delight \u03f9o"
        )
    if disguise == "tab":  # a tab for the space, which a screen shows as a space
        second = second.replace(
            "organisation: Example Delight Co", 'organisation: "Example\\tDelight Co"'
        )
    if disguise == "punctuated":
        second = second.replace(
            "organisation: Example Delight Co", "organisation: Example Delight Co."
        )
    if disguise == "other-currency":
        second = second.replace("currency: USD", "currency: EUR")
    if disguise == "archived-at-the-base":
        with _on_base(repo, "the archive"):
            for year in range(2020, 2026):
                repo.write(f"archive/acme-{year}.yaml", ALIGNED)
        second = second.replace("total: 1540241", "total: 300000").replace(
            "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
            "lines: {people: 300000}",
        )
    repo.write("plans/acme.yaml", first)
    repo.write("plans/acme-west.yaml", second)
    repo.commit("a second plan")
    result = _diff_new(cli, "plans/acme-west.yaml")
    blocks = [g for g in json.loads(result.out)["diff"]["guardrails"] if g["action"] == "block"]
    assert result.code == 1 and blocks, result.out
    if disguise == "other-currency":
        assert blocks[-1]["message"] == (
            "the plans naming Example Delight Co at the base are budgeted in another currency "
            "than this new one (EUR): a 5% limit cannot add them up"
        )


def test_a_link_out_of_the_repository_is_never_read_for_an_organisations_budget(
    repo: Repo, cli: Cli
) -> None:
    # The change adds plans/out.yaml, a link to a plan outside the repository naming the
    # same organisation: it is not read, so its budget is in no total the gate prints.
    # (A distinctive amount: JSON shares at full precision hold runs of 9s.)
    (repo.outside / "secret.yaml").write_text(ALIGNED.replace("total: 1540241", "total: 7654321"))
    (repo.root / "plans" / "out.yaml").symlink_to(repo.outside / "secret.yaml")
    repo.write("plans/acme-west.yaml", _rewritten(ALIGNED))
    repo.commit("a second plan, and a link out")
    result = _diff_new(cli, "plans/acme-west.yaml")
    assert result.code == 1, result.out
    assert "from 1,540,241 USD to 3,080,482 USD (+100%)" in result.out
    assert "7654321" not in result.out and "7,654,321" not in result.out


def test_a_new_plan_cannot_move_an_organisation_to_a_looser_strategy(repo: Repo, cli: Cli) -> None:
    # Review attack17 F2: the delight plan split in two new plans of the same organisation,
    # each declaring fast-food, passed: a new plan is judged by the strategy it declares,
    # and no policy-changed named the swap (the README: "a strategy swap cannot hide behind
    # a new file name").
    repo.git("rm", "-q", "plans/acme.yaml")
    looser = ALIGNED.replace("strategy: delight", "strategy: fast-food")
    repo.write("plans/acme-voice.yaml", _rewritten(looser))
    repo.write("plans/acme-written.yaml", _rewritten(looser) + "# the written channels\n")
    repo.commit("split in two")
    for half in ("plans/acme-voice.yaml", "plans/acme-written.yaml"):
        result = cli("check", half, "--policy-ref", "main", "-f", "json")
        (plan,) = json.loads(result.out)["plans"]
        changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
        assert (
            "strategy: fast-food in a plan that is new for Example Delight Co, whose "
            in (changed["message"])
        )
        assert "plans at main declare delight" in changed["message"]
        assert result.code == 1
    # A new plan keeping the organisation's strategy is no change of policy.
    repo.write("plans/acme-written.yaml", _rewritten(ALIGNED))
    repo.commit("the same strategy")
    result = cli("check", "plans/acme-written.yaml", "--policy-ref", "main", "-f", "json")
    assert "policy-changed" not in result.out and result.code == 0


def test_last_periods_figures_are_policy(repo: Repo, cli: Cli) -> None:
    # Review attack17 F3: `history:` (what cost-pace and best-tier-served-better judge by)
    # was read from the change: lowering last period's cost per contact passed a cut too
    # fast, with no word.
    with _on_base(repo, "a history"):
        repo.write("plans/acme.yaml", ALIGNED + "history:\n  cost_per_contact: 60\n")
    repo.write("plans/acme.yaml", ALIGNED + "history:\n  cost_per_contact: 17\n")
    repo.commit("a lower baseline")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    (plan,) = json.loads(result.out)["plans"]
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    # Shown as the plan writes it, not as Python prints it (review attack41 F02).
    assert "history: {cost_per_contact: 60} → {cost_per_contact: 17}" in changed["message"]
    assert result.code == 1
    # The same figure quoted, or with a trailing zero, is the same history: no change.
    for same in ('"60"', "60.0"):
        repo.write("plans/acme.yaml", ALIGNED + f"history:\n  cost_per_contact: {same}\n")
        repo.commit(f"history written {same}")
        result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
        assert "history:" not in result.out, result.out


def test_relabelling_another_plan_cannot_carry_a_channel_to_a_looser_strategy(
    repo: Repo, cli: Cli
) -> None:
    # Review attack18 G11: another organisation's fast-food plan, relabelled to this
    # organisation in one line, took its channel with no policy-changed (it had a base).
    other = ALIGNED.replace("Example Delight Co", "Other Co").replace(
        "strategy: delight", "strategy: fast-food"
    )
    with _on_base(repo, "another organisation"):
        repo.write("plans/other.yaml", other)
    repo.write("plans/other.yaml", other.replace("Other Co", "Example Delight Co"))
    repo.commit("relabelled")
    result = cli("check", "plans/other.yaml", "--policy-ref", "main", "-f", "json")
    (plan,) = json.loads(result.out)["plans"]
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    assert (
        "strategy: fast-food in a plan relabelled to Example Delight Co, whose plans at "
        in (changed["message"])
    )


def _email_split_off(name: str, strategy: str = "fast-food") -> tuple[str, str]:
    """Review attack18 G2's change: the email channel leaves the delight plan (4.5 FTE and
    their 279,000, 4.5 x 62,000, with it), and a new plan for it names organisation
    ``name``."""
    email = ALIGNED[ALIGNED.index("  - id: email") : ALIGNED.index("  - id: help-centre")]
    kept = (
        ALIGNED.replace(email, "")
        .replace("agents: 20.7 ", "agents: 16.2 ")
        .replace("total: 1540241", "total: 1261241")
        .replace("people: 1283400", "people: 1004400")
    )
    half = (
        ALIGNED.replace("Example Delight Co", name)
        .replace("strategy: delight", f"strategy: {strategy}")
        .replace(ALIGNED[ALIGNED.index("  - id: phone") : ALIGNED.index("  - id: email")], "")
    )
    return kept, half


LOST = "work under delight falls from 283.6 to {left} hours a week (plans/acme.yaml)"
"""The delight plan's people's work: 9,000 calls a month at 6 min and 2,500 emails at 8 min.
A month is 365.25 ÷ 12 ÷ 7 = 4.348 weeks: 2,069.9 calls and 574.9 emails a week, 207.0 and
76.7 hours; 283.6 in all. Without the emails, 207."""
MOVED = LOST + " while this plan takes on work under fast-food"
STRANGER = "an organisation no plan at main names, under {under}, while " + LOST


def _moved(result: Result, plan: str) -> list[str]:
    found = {p["path"]: p for p in json.loads(result.out)["plans"]}[plan]["findings"]
    return [f["message"] for f in found if f["rule"] == "policy-changed"]


@pytest.mark.parametrize(
    "name", ["Example Delight Co (Email)", "Example Delight Company", "Acme Written Care"]
)
def test_a_channel_split_off_under_a_new_name_is_still_judged_a_move(
    repo: Repo, cli: Cli, name: str
) -> None:
    # Review attack18 G2: the email channel split off the delight plan into a new plan for
    # "Example Delight Co (Email)" declaring fast-food passed (exit 0): an organisation
    # the base had no plan for chose its own strategy. The work moved; the name is new.
    kept, half = _email_split_off(name)
    repo.write("plans/acme.yaml", kept)
    repo.write("plans/acme-email.yaml", half)
    repo.commit("the email channel split off")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "plans/acme-email.yaml")
    assert f"this plan names {name}, " + STRANGER.format(under="fast-food", left=207) in changed
    assert result.code == 1
    # A reviewer accepts it on the command line, and it is said to be accepted.
    accepted = cli(
        "check", "plans/acme-email.yaml", "--policy-ref", "main", "--allow-policy-change"
    )
    assert "(plans/acme.yaml); accepted with --allow-policy-change" in accepted.out


@pytest.mark.parametrize(
    "dodge",
    [
        "stub left behind",
        "another id",
        "a segment's strategy",
        "another kind",
        "a second's handle time left behind",
        "a link doubles the stub",
    ],
)
def test_a_split_off_channel_cannot_dodge_the_move(repo: Repo, cli: Cli, dodge: str) -> None:
    # Review attack19 H1-H3: the move was matched by channel id and by the plan's own
    # `strategy:`. A stub `email` of 10 a month left in the delight plan, the id renamed
    # (`mail`), or `strategy: delight` with every channel in a segment judged by fast-food
    # each passed. Work is counted by kind and by the strategy that judges each channel.
    kept, half = _email_split_off("Example Delight Co (Email)")
    if dodge == "stub left behind":
        email = ALIGNED[ALIGNED.index("  - id: email") : ALIGNED.index("  - id: help-centre")]
        stub = email.replace("contacts: 2500", "contacts: 10").replace("agents: 4.5", "agents: 1")
        kept = kept.replace("  - id: help-centre", stub + "  - id: help-centre")
    if dodge == "another id":
        half = half.replace("id: email", "id: mail")
    if dodge == "another kind":  # review attack20 J1: emails arrive as chat
        half = half.replace("kind: email", "kind: chat")
    if dodge == "a second's handle time left behind":  # J2: all 2,500 stay, at 1 s each
        email = ALIGNED[ALIGNED.index("  - id: email") : ALIGNED.index("  - id: help-centre")]
        stub = email.replace("handle_time: 8m", "handle_time: 1s").replace("4.5", "0.1")
        kept = kept.replace("  - id: help-centre", stub + "  - id: help-centre")
    if dodge == "a link doubles the stub":  # J8: plans/mirror.yaml → acme.yaml
        (repo.root / "plans" / "mirror.yaml").symlink_to("acme.yaml")
    if dodge == "a segment's strategy":
        half = (
            half.replace("strategy: fast-food", "strategy: delight").replace(
                "    kind: email\n", "    kind: email\n    segment: everyone\n"
            )
            + "segments:\n  - {id: everyone, share: 100%, strategy: fast-food}\n"
        )
    repo.write("plans/acme.yaml", kept)
    repo.write("plans/acme-email.yaml", half)
    repo.commit(dodge)
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    # 10 emails a month are 2.3 a week, 0.3 hours at 8 min; 574.9 at 1 s are 0.2 hours
    left = {"stub left behind": "207.3", "a second's handle time left behind": "207.1"}
    left = left.get(dodge, "207")
    under = "delight, fast-food" if dodge == "a segment's strategy" else "fast-food"
    (changed,) = _moved(result, "plans/acme-email.yaml")
    assert STRANGER.format(under=under, left=left) in changed, changed
    assert result.code == 1


def test_work_moved_to_another_top_folder_is_still_a_move(repo: Repo, cli: Cli) -> None:
    # Review attack19 H4 (attack18 G3): with the gate given `plans/ email/`, the email
    # channel split off into email/acme-email.yaml, a new organisation's plan declaring
    # fast-food, passed: each folder was counted alone. Across the repository the work
    # under delight falls while the work under fast-food grows.
    kept, half = _email_split_off("Example Delight Co (Email)")
    repo.write("plans/acme.yaml", kept)
    repo.write("email/acme-email.yaml", half)
    repo.commit("the email channel split off into another folder")
    result = cli("check", "plans/", "email/", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "email/acme-email.yaml")
    assert STRANGER.format(under="fast-food", left=207) in changed
    assert result.code == 1
    # A plan archived out of plans/ still answers its work across the repository; in
    # plans/, where the gate looks, its delight work is gone while fast-food work arrives.
    (repo.root / "archive").mkdir()
    repo.git("mv", "plans/acme.yaml", "archive/acme.yaml")
    repo.git("rm", "-q", "email/acme-email.yaml")
    _, whole = _email_split_off("Example Fresh Co")
    repo.write("plans/fresh.yaml", whole.replace("id: email", "id: written"))
    repo.commit("archived, and a new organisation")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "plans/fresh.yaml")
    assert "no plan at main names, under fast-food, while work under delight " in changed


def test_a_segment_cannot_carry_a_new_plan_to_another_strategy(repo: Repo, cli: Cli) -> None:
    # Review attack19 H1: halves of the delight plan declaring delight, with every channel
    # in a segment judged by fast-food, passed as plans new for the organisation.
    repo.git("rm", "-q", "plans/acme.yaml")
    segmented = ALIGNED.replace("    kind: voice\n", "    kind: voice\n    segment: all\n")
    segmented += "segments:\n  - {id: all, share: 100%, strategy: fast-food}\n"
    repo.write("plans/acme-2.yaml", _rewritten(segmented))
    repo.write("plans/acme-3.yaml", _rewritten(segmented) + "# the other half\n")
    repo.commit("split in two, each with a segment")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    for half in ("plans/acme-2.yaml", "plans/acme-3.yaml"):
        (changed,) = _moved(result, half)
        assert (
            "strategy: fast-food in a plan that is new for Example Delight Co, whose plans at "
            "main declare delight" in changed
        )


def test_a_channel_moved_into_another_strategys_plan_is_a_change_of_policy(
    repo: Repo, cli: Cli
) -> None:
    # The same move into a fast-food plan the base already had, of another organisation,
    # as a channel new to it.
    kept, other = _email_split_off("Other Co")
    own = other.replace("id: email", "id: mail").replace("contacts: 2500", "contacts: 100")
    with _on_base(repo, "another organisation"):
        repo.write("plans/other.yaml", own)
    email = other[other.index("  - id: email") : other.index("  - id: help-centre")]
    repo.write("plans/acme.yaml", kept)
    repo.write("plans/other.yaml", own.replace("  - id: mail", email + "  - id: mail"))
    repo.commit("email handed over")
    result = cli("check", "plans/other.yaml", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "plans/other.yaml")
    assert MOVED.format(left=207) in changed
    # Review attack20 J4: its self-service help centre, same id, turned into the email
    # channel that takes the work.
    centre = own[own.index("  - id: help-centre") : own.index("\nstaffing:")]
    repo.write(
        "plans/other.yaml", own.replace(centre, email.replace("id: email", "id: help-centre"))
    )
    repo.commit("the help centre answers email now")
    result = cli("check", "plans/other.yaml", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "plans/other.yaml")
    assert MOVED.format(left=207) in changed


def test_a_new_organisation_is_a_choice_of_policy_and_nothing_more(repo: Repo, cli: Cli) -> None:
    # A new organisation's strategy is a choice of policy (reviews attack19-21: no count of
    # the work tells it from a renamed part of an old one), named as such; when it takes
    # nothing, no work is said to move, and the plans beside it are not held to it.
    _, half = _email_split_off("Acme Written Care")
    repo.write("plans/acme-email.yaml", half)
    repo.write("plans/acme.yaml", ALIGNED.replace("refund_authority: 200", "refund_authority: 250"))
    repo.commit("a new organisation")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "plans/acme-email.yaml")
    assert changed.endswith(
        "this plan names Acme Written Care, an organisation no plan at main names, under "
        "fast-food; judged by main's policy and by the change's own strategy for this new plan"
    )
    assert _moved(result, "plans/acme.yaml") == []
    accepted = cli("check", "plans/", "--policy-ref", "main", "--allow-policy-change")
    assert "accepted with --allow-policy-change" in accepted.out
    # A channel no person answers, retired, takes no work from anyone (attack19 H5).
    retired = ALIGNED[ALIGNED.index("  - id: help-centre") : ALIGNED.index("\nstaffing:")]
    repo.write("plans/acme.yaml", ALIGNED.replace(retired, ""))
    repo.commit("the help centre retired")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert "work under" not in result.out and _moved(result, "plans/acme.yaml") == []
    # Nor does a channel split off into a new plan of the same strategy move any work.
    kept, same = _email_split_off("Acme Written Care", strategy="delight")
    repo.write("plans/acme.yaml", kept)
    repo.write("plans/acme-email.yaml", same)
    repo.commit("split, same strategy")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert "work under" not in result.out, result.out


def test_an_organisation_whose_plans_are_elsewhere_is_new_in_this_folder(
    repo: Repo, cli: Cli
) -> None:
    # Review attack23 M2 to M4: an organisation named only by a plan outside this plan's top
    # folder (an archive, the examples, a second gated folder) was not new, and its plans'
    # strategies and budget, compared in this folder only, were none: delight's email moved
    # into a plan for "Example Fast-food Co", whose one plan was archived, kept under
    # delight by `by_channel` with fast-food's practices (exit 0).
    fast = (EXAMPLES / "fast-food-aligned.yaml").read_text(encoding="utf-8")
    with _on_base(repo, "last year's plan, archived"):
        repo.write("archive/fast-food-2026.yaml", fast)
    kept, half = _email_split_off("Example Fast-food Co")
    repo.write("plans/acme.yaml", kept)
    repo.write("plans/ff-email.yaml", half.replace("strategy: fast-food", _BY_CHANNEL))
    repo.commit("the email moved to an organisation known elsewhere")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "plans/ff-email.yaml")
    assert (
        "this plan names Example Fast-food Co, an organisation no plan in plans/ names at main "
        "(only plans elsewhere in the repository do), under delight, fast-food" in changed
    )
    assert result.code == 1
    # A gate over two folders: a plan in email/ for the delight organisation of plans/,
    # declaring fast-food, is judged with the organisation's plans in both folders, which
    # one run gates as one scope (review fix47g): a new plan of it under another strategy.
    # Gated alone, email/ knows no such organisation.
    repo.git("reset", "-q", "--hard", "main")
    repo.write("email/acme-ff.yaml", fast.replace("Example Fast-food Co", "Example Delight Co"))
    repo.commit("a second organisation's plan in another folder")
    result = cli("check", "plans/", "email/", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "email/acme-ff.yaml")
    assert (
        "strategy: fast-food in a plan that is new for Example Delight Co, whose plans at main "
        "declare delight" in changed
    )
    assert _moved(result, "plans/acme.yaml") == []
    result = cli("check", "email/", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "email/acme-ff.yaml")
    assert "an organisation no plan in email/ names at main" in changed


def test_a_plan_moved_to_another_top_folder_is_said_to_be_moved(repo: Repo, cli: Cli) -> None:
    # Review attack24 N3: `git mv plans budgets` makes each plan new in budgets/, where no
    # plan named its organisation at the base, and the message said only that plans
    # elsewhere did. A move between top folders is a change a reviewer accepts once; the
    # message says it is one.
    repo.git("mv", "plans", "budgets")
    repo.commit("plans/ is budgets/ now")
    result = cli("check", "budgets/", "--policy-ref", "main", "-f", "json")
    (changed,) = _moved(result, "budgets/acme.yaml")
    assert (
        "this plan (moved from plans/acme.yaml, another top folder) names Example Delight Co, "
        "an organisation no plan in budgets/ names at main" in changed
    )


def test_a_new_organisation_read_from_stdin_is_a_choice_of_policy(repo: Repo, invoke: Any) -> None:
    # Review final25 M1: a plan piped in has no folder; the top-folder scope of a known
    # organisation left it out, and a new organisation's plan passed (exit 0).
    text = ALIGNED.replace("Example Delight Co", "Brand New Org")
    result = invoke(
        "check", "-", "--policy-ref", "main", "-f", "json", cwd=repo.root, stdin=text.encode()
    )
    assert "this plan names Brand New Org, an organisation no plan at main names" in result.out
    assert result.code == 1


_BY_CHANNEL = "strategy:\n  primary: fast-food\n  by_channel: {email: delight}"


def _bank_split(private_strategy: object) -> dict[str, str]:
    """The bank's mix (examples/bank-mix-aligned.yaml) as two new plans: its retail channels
    under fast-food, and its private bankers' channels under ``private_strategy``, with no
    segments (the bankers' practices are then the plan's own, judged by its primary)."""
    bank = yaml.safe_load((EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8"))
    common = {k: bank[k] for k in ("version", "organisation", "currency", "period", "staffing")}

    def channels(private: bool) -> list[dict[str, object]]:
        return [
            {k: v for k, v in c.items() if k != "segment"}
            for c in bank["channels"]
            if c["id"].startswith("private") == private
        ]

    retail = {**common, "strategy": "fast-food", "channels": channels(False)}
    private = {**common, "strategy": private_strategy, "channels": channels(True)}
    return {"retail": json.dumps(retail, default=str), "private": json.dumps(private, default=str)}


@pytest.mark.parametrize("kept", [False, True])
def test_a_segment_split_off_keeps_the_strategy_its_reps_practices_answer_to(
    repo: Repo, cli: Cli, kept: bool
) -> None:
    # Review attack23 M1: the bank's private bankers (a segment under extraordinary-trust: no
    # scripts, refund authority 500) split off into a new plan that keeps each of their
    # channels under extraordinary-trust by `by_channel` but has no segment: the bankers
    # work under fast-food's practices, and it passed (exit 0, nothing said). The whole
    # private plan under extraordinary-trust keeps them where they were.
    ids = {"private-line": "extraordinary-trust", "private-email": "extraordinary-trust"}
    strategy = "extraordinary-trust" if kept else {"primary": "fast-food", "by_channel": ids}
    with _on_base(repo, "the bank"):
        repo.write("plans/bank.yaml", (EXAMPLES / "bank-mix-aligned.yaml").read_text())
    repo.git("rm", "-q", "plans/bank.yaml")
    for name, text in _bank_split(strategy).items():
        repo.write(f"plans/bank-{name}.yaml", text)
    repo.commit("the bankers split off")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    moved = [m for m in _moved(result, "plans/bank-private.yaml") if "work under" in m]
    if kept:
        assert moved == []
        return
    (message,) = moved
    assert (
        "work under extraordinary-trust in a plan under fast-food falls from 78.2 to 0 hours a "
        "week (plans/bank.yaml) while this plan takes on work under extraordinary-trust with "
        "fast-food's practices in a plan under fast-food"
    ) in message
    assert result.code == 1


def _vip(trust: dict[str, Any], channel: str, agents: float) -> str:
    """The trust plan's ``channel`` alone, in a plan under fast-food whose every channel is
    in a segment judged by extraordinary-trust, with the bankers' practices kept and no
    goodwill line in its budget."""
    plan = {**trust, "organisation": "Example Bank"}
    plan["strategy"] = {"primary": "fast-food", "by_segment": {"vip": "extraordinary-trust"}}
    plan["channels"] = [{**c, "segment": "vip"} for c in trust["channels"] if c["id"] == channel]
    plan["segments"] = [{"id": "vip", "share": "100%"}]
    plan["staffing"] = {**trust["staffing"], "agents": agents}
    people = round(agents * 62000)
    plan["budget"] = {"total": people + 60000, "lines": {"people": people, "tooling": 60000}}
    return json.dumps(plan, default=str)


def test_a_plans_work_moved_under_a_looser_primary_is_a_move(repo: Repo, cli: Cli) -> None:
    # Review attack24 N2: a pure extraordinary-trust plan's people moved into two new plans
    # under fast-food, each channel in a segment judged by extraordinary-trust: every
    # channel kept its rules and practices, but the plans' budgets (goodwill: none) were
    # judged by fast-food's plan rules, which alone run on a budget (exit 0).
    text = (EXAMPLES / "extraordinary-trust-aligned.yaml").read_text(encoding="utf-8")
    trust = yaml.safe_load(text)
    with _on_base(repo, "the bank's trust plan"):
        repo.write("plans/trust.yaml", text.replace(trust["organisation"], "Example Bank"))
    repo.git("rm", "-q", "plans/trust.yaml")
    repo.write("plans/vip-phone.yaml", _vip(trust, "phone", 16.2))
    repo.write("plans/vip-email.yaml", _vip(trust, "email", 4.5))
    repo.commit("the trust plan's people under fast-food")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    (message,) = _moved(result, "plans/vip-phone.yaml")
    assert (
        "work under extraordinary-trust falls from 283.6 to 0 hours a week (plans/trust.yaml) "
        "while this plan takes on work under extraordinary-trust in a plan under fast-food"
    ) in message
    assert result.code == 1


def test_a_channel_moved_to_a_segment_under_looser_practices_is_said(repo: Repo, cli: Cli) -> None:
    # Review attack24 N1: the bank's private line, kept under extraordinary-trust by
    # `by_channel`, moved from the private segment to retail in place (one line): its
    # bankers worked to fast-food's practices (scripts, refund authority 20), exit 0.
    bank = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
    bank = bank.replace(
        "  by_segment: {private: extraordinary-trust}\n",
        "  by_segment: {private: extraordinary-trust}\n"
        "  by_channel: {private-line: extraordinary-trust}\n",
    )
    with _on_base(repo, "the bank"):
        repo.write("plans/bank.yaml", bank)
    line = "  - id: private-line\n    kind: voice\n    segment: private\n"
    repo.write("plans/bank.yaml", bank.replace(line, line.replace("private\n", "retail\n")))
    repo.commit("the private line's reps join retail")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert _moved(result, "plans/bank.yaml") == [
        "the policy differs from main: channel private-line's reps' practices are judged by "
        "fast-food (was extraordinary-trust: it moved from segment private to retail); judged "
        "by main's policy"
    ]
    assert result.code == 1


def test_a_mix_split_by_segment_keeping_each_strategy_is_no_change_of_policy(
    repo: Repo, cli: Cli
) -> None:
    # Review attack19 H6: the bank's mix (retail under fast-food, private clients under
    # extraordinary-trust) split in two plans, each under its segment's strategy, was two
    # policy-changed findings: strategies were compared as the plan's text.
    bank = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
    mix = "strategy:\n  primary: fast-food\n  by_segment: {private: extraordinary-trust}\n"
    retail = [bank.index("  - id: retail-phone"), bank.index("  - id: private-line")]
    private = [bank.index("  - id: private-line"), bank.index("  - id: help-centre")]
    with _on_base(repo, "the bank"):
        repo.write("plans/bank.yaml", bank)
    repo.git("rm", "-q", "plans/bank.yaml")
    halves = {
        "retail": bank.replace(bank[private[0] : private[1]], "").replace(
            mix, "strategy: fast-food\n"
        ),
        "private": bank.replace(bank[retail[0] : retail[1]], "").replace(
            mix, "strategy: extraordinary-trust\n"
        ),
    }
    for name, text in halves.items():
        repo.write(f"plans/bank-{name}.yaml", _rewritten(text))
    repo.commit("split by segment")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    for name in halves:
        assert _moved(result, f"plans/bank-{name}.yaml") == [], result.out


def test_a_new_plan_of_an_organisation_states_no_baseline_unseen(repo: Repo, cli: Cli) -> None:
    # Review attack18 G5: split in two new files of the same strategy, each half stated its
    # own history: (last period's cost per contact), and a cut too fast passed.
    repo.git("rm", "-q", "plans/acme.yaml")
    repo.write("plans/acme-2.yaml", _rewritten(ALIGNED) + "history:\n  cost_per_contact: 5\n")
    repo.write("plans/acme-3.yaml", _rewritten(ALIGNED) + "# the other half\n")
    repo.commit("split")
    result = cli("check", "plans/acme-2.yaml", "--policy-ref", "main", "-f", "json")
    assert "in a plan that is new for Example Delight Co, which has plans at main" in result.out
    assert result.code == 1


@pytest.mark.parametrize("name", ["ours.yaml", "s/ours"])
def test_a_strategy_file_is_the_file_it_names_not_its_words(
    repo: Repo, cli: Cli, name: str
) -> None:
    # Review attack18 G4: strategies were compared as written. `ours.yaml` in plans/eu/
    # (a fast-food file there) passed as the delight file of the same name in plans/, and
    # `./ours.yaml` for the very same file was a false alarm. A file named without a
    # suffix (`s/ours`) is a file too (attack23, read in the code).
    delight = "id: ours\nname: Ours\nextends: delight\n"
    with _on_base(repo, "our strategy"):
        repo.write(f"plans/{name}", delight)
        repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight", f"strategy: {name}"))
    repo.write(f"plans/eu/{name}", delight.replace("delight", "fast-food"))
    split = ALIGNED.replace("strategy: delight", f"strategy: {name}")
    repo.write("plans/eu/acme-eu.yaml", _rewritten(split))
    repo.write("plans/acme-2.yaml", _rewritten(split.replace(name, f"./{name}")))
    repo.commit("two new plans")
    eu = cli("check", "plans/eu/acme-eu.yaml", "--policy-ref", "main", "-f", "json")
    assert f"strategy: plans/eu/{name} in a plan that is new for Example Delight Co" in eu.out
    same = cli("check", "plans/acme-2.yaml", "--policy-ref", "main", "-f", "json")
    assert "in a plan that is new for" not in same.out


def _linked_top_folder(repo: Repo) -> None:
    """Review attack26 A2: `plans/` moved to `budgets/` and linked back, with a second plan
    for the organisation (its budget doubles against a 5% limit) added behind the link."""
    repo.git("mv", "plans", "budgets")
    os.symlink("budgets", repo.root / "plans")
    second = ALIGNED.replace("id: phone", "id: phone2").replace("id: email", "id: email2")
    repo.write("budgets/acme2.yaml", second)
    repo.commit("plans/ is a link to budgets/, with a second plan")


def test_a_gated_folder_turned_into_a_link_is_unusable_under_review(repo: Repo, cli: Cli) -> None:
    # git saw every plan renamed out of plans/ while the file system still showed them there:
    # the new plan was paired with acme.yaml as its base ("+0.0%"), and `check` and the
    # Action passed with nothing said.
    _linked_top_folder(repo)
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert result.code == 2, result.out
    (error,) = json.loads(result.out)["errors"]
    assert (
        error["file"] == "plans"
        and "is a symbolic link to a folder: under review" in error["message"]
    )
    assert (
        error["fix"]
        == "name the folder it links to (budgets) instead, or make plans a folder again"
    )
    # The folder it links to is judged as git has it: moved, and the new plan is new.
    named = cli("check", "budgets/", "--policy-ref", "main", "-f", "json")
    assert named.code == 1 and "moved from plans/acme.yaml" in named.out
    # Outside review a named link to a folder is followed, as the README says.
    assert cli("check", "plans/", "-f", "json").code == 0


def test_diff_of_a_plan_behind_a_linked_folder_is_unusable(repo: Repo, cli: Cli) -> None:
    _linked_top_folder(repo)
    for plan in ("plans/acme2.yaml", "plans/acme.yaml"):
        result = cli("diff", "--base-ref", "main", plan, "-f", "json")
        assert result.code == 2, result.out
        assert "plans: is a symbolic link to a folder: under review" in result.err


def test_a_link_to_the_repositorys_top_is_a_linked_folder_too(repo: Repo, cli: Cli) -> None:
    # Review attack27 A1: `cs -> .` has a `.git` through it, so the top of the repository was
    # found at the link and nothing below it was a link: the second plan passed as a rename.
    repo.git("mv", "plans/acme.yaml", "acme.yaml")
    os.rmdir(repo.root / "plans")
    os.symlink(".", repo.root / "plans")
    second = ALIGNED.replace("id: phone", "id: phone2").replace("id: email", "id: email2")
    repo.write("acme2.yaml", second)
    repo.commit("plans/ is a link to the top, with a second plan")
    for args in (("check", "plans/*.yaml"), ("diff", "--base-ref", "main", "plans/acme2.yaml")):
        result = cli(*args, "--policy-ref", "main", "-f", "json")
        assert result.code == 2, (args, result.out)
        assert "plans" in result.out + result.err
        assert "is a symbolic link to a folder: under review" in result.out + result.err


TRUST = (EXAMPLES / "extraordinary-trust-aligned.yaml").read_text(encoding="utf-8")


def test_a_ceiling_raised_over_an_overloaded_team_is_policy(repo: Repo, cli: Cli) -> None:
    # Review attack31 A7: occupancy-cap (an error under extraordinary trust) judges by the
    # plan's own ceiling, so cutting email from 4.5 to 3.5 FTE (93.4% occupied) and raising
    # max_occupancy to 99% in the same change passed.
    with _on_base(repo, "a trust plan"):
        repo.write("plans/trust.yaml", TRUST)
    cut = TRUST.replace("    agents: 4.5\n", "    agents: 3.5\n").replace(
        "  agents: 20.7 ", "  agents: 19.7 "
    )
    assert cut.count("agents: 3.5") == 1 and "agents: 19.7" in cut
    repo.write("plans/trust.yaml", cut.replace("max_occupancy: 85%", "max_occupancy: 99%"))
    repo.commit("cut email, raise the ceiling")
    result = cli("check", "plans/trust.yaml", "--policy-ref", "main", "-f", "json")
    (plan,) = json.loads(result.out)["plans"]
    changed = next(f for f in plan["findings"] if f["rule"] == "policy-changed")
    assert (
        "staffing.max_occupancy: 85% → 99% (the ceiling occupancy-cap judges by), which lifts "
        "it over planned agents occupied past 85% (email 93.4%)"
    ) in changed["message"]
    assert result.code == 1
    # A raise alone is reported too: merged, it would be the ceiling the next change's
    # overload is judged by (review attack33 F3). A lower ceiling is stricter, and is not.
    repo.write("plans/trust.yaml", TRUST.replace("max_occupancy: 85%", "max_occupancy: 90%"))
    repo.commit("a higher ceiling nobody reaches yet")
    result = cli("check", "plans/trust.yaml", "--policy-ref", "main", "-f", "json")
    assert "staffing.max_occupancy: 85% → 90% (the ceiling occupancy-cap judges by);" in (
        result.out
    )
    assert result.code == 1
    repo.write("plans/trust.yaml", TRUST.replace("max_occupancy: 85%", "max_occupancy: 80%"))
    repo.commit("a lower ceiling")
    result = cli("check", "plans/trust.yaml", "--policy-ref", "main", "-f", "json")
    assert "max_occupancy" not in result.out and result.code == 0


def test_a_new_plan_holds_its_organisations_ceiling(repo: Repo, cli: Cli) -> None:
    # Review attack33 F4: email split off into a new plan of the same organisation with a
    # 99% ceiling of its own, and cut to 93.4% occupied, passed.
    with _on_base(repo, "a trust plan"):
        repo.write("plans/trust.yaml", TRUST)
    split = TRUST.replace("max_occupancy: 85%", "max_occupancy: 99%")
    repo.write("plans/trust-email.yaml", split)
    repo.commit("a second plan with a higher ceiling")
    result = cli("check", "plans/trust-email.yaml", "--policy-ref", "main", "-f", "json")
    assert (
        "staffing.max_occupancy: 99% in a plan that is new for Example Extraordinary-trust Co, "
        "whose plans at main hold at most 85% (the ceiling occupancy-cap judges by)"
    ) in result.out
    assert result.code == 1


@pytest.mark.parametrize(
    "written",
    ["strategy: zappos", "strategy: zappos-delight", "strategy: {primary: zappos-delight}"],
)
def test_a_strategy_written_as_its_alias_is_no_change(repo: Repo, cli: Cli, written: str) -> None:
    # Review attack43 F01: `strategy: delight` written as its documented alias read as
    # "strategy: delight → zappos-delight; channel phone is judged by zappos-delight (was
    # delight)", and blocked the pull request; the loader judges both by delight.
    assert "strategy: delight\n" in ALIGNED
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight\n", written + "\n", 1))
    repo.commit("the alias")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 0 and "policy-changed" not in result.out, result.out
    # Another strategy is still a change.
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight\n", "strategy: genius\n", 1))
    repo.commit("another strategy")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert "strategy: delight → genius" in result.out, result.out


def test_a_channel_re_declared_as_another_kind_is_policy(repo: Repo, cli: Cli) -> None:
    # Review attack33 F8: the delight phone line kept its id, calls and promise but was
    # written `kind: chat` with 20 conversations each: 16.2 → 2.4 FTE passed with a warning.
    chat = ALIGNED.replace("    kind: voice\n", "    kind: chat\n    concurrency: 20\n", 1)
    assert chat != ALIGNED
    repo.write("plans/acme.yaml", chat.replace("    agents: 16.2\n", "    agents: 2.4\n", 1))
    repo.commit("the phone line as chat")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "channel phone is now chat (was voice)" in result.out
    assert result.code == 1


@pytest.mark.parametrize(
    ("line", "became"),
    [
        ("    kind: chat\n    concurrency: 2\n", "chat"),  # 16.2 FTE to a third as many
        ("    kind: in-person\n", "in-person"),  # every figure kept, the number gone
    ],
)
def test_a_line_whose_kind_changes_with_its_id_is_policy(
    repo: Repo, cli: Cli, line: str, became: str
) -> None:
    # Review attack43 C09: the same-id kind change above is reported, but the phone line
    # written `id: chat-support` (or `store`) with another kind passed: a new id read as a new
    # channel. The new line takes the old one's 9,000 calls a month (within a tenth), so it
    # is the phone line under another kind.
    changed = ALIGNED.replace("  - id: phone\n    kind: voice\n", f"  - id: store\n{line}", 1)
    assert changed != ALIGNED
    repo.write("plans/acme.yaml", changed)
    repo.commit("the phone line under another id and kind")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 1, result.out
    assert (
        f"channel phone (voice) is gone and store, a new {became} line, takes its contacts: "
        f"the line is now {became} (was voice)"
    ) in " ".join(result.out.split()), result.out


def test_a_line_people_answered_that_the_change_drops_is_policy(repo: Repo, cli: Cli) -> None:
    # Review attack34 A1, A2: under delight (people-answer), the phone line deleted beside
    # a token chat line, or renamed and re-declared chat at 20 conversations each, passed
    # a 65% cut: every rule holds of the plan as it is.
    token = (
        "  - id: chat\n    kind: chat\n    hours: Mon 09:00-10:00\n    volume: 1/month\n"
        '    handle_time: 5m\n    target: {service_level: "80% in 20s"}\n    agents: 0.1\n'
    )
    start = ALIGNED.index("  - id: phone\n")
    end = ALIGNED.index("  - id: email\n")
    repo.write("plans/acme.yaml", ALIGNED[:start] + token + ALIGNED[end:])
    repo.commit("the phone line gone, a token chat line")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert (
        "people answer 2,645 contacts a week to a target under delight in Example Delight Co's "
        "plans in plans/ in 2027 at main, 575 now (-78.3%): phone is gone"
    ) in result.out, result.out
    assert result.code == 1
    bots = ALIGNED.replace("    kind: voice\n", "    kind: voice\n    staffed_by: bots\n", 1)
    repo.write("plans/acme.yaml", bots.replace("    agents: 16.2\n", "", 1))
    repo.commit("the phone line to bots")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "575 now (-78.3%): phone is now answered by bots" in result.out
    assert result.code == 1
    # Re-declared self-service with its target dropped: no rule of the plan is left to fail.
    start = ALIGNED.index("  - id: phone\n")
    end = ALIGNED.index("  - id: email\n")
    help_line = "  - id: phone\n    kind: self-service\n    containment: 90%\n"
    repo.write("plans/acme.yaml", ALIGNED[:start] + help_line + ALIGNED[end:])
    repo.commit("the phone line as self-service")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "575 now (-78.3%): phone is now self-service" in result.out
    assert result.code == 1


def test_a_line_renamed_in_place_is_no_line_gone(repo: Repo, cli: Cli) -> None:
    # Review r35 F4: the phone line's id changed, nothing else, and the change was blocked
    # as a line people answered gone. A rename that sheds work is still a line gone.
    repo.write("plans/acme.yaml", ALIGNED.replace("  - id: phone\n", "  - id: voice-line\n", 1))
    repo.commit("the phone line renamed")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "people answer" not in result.out, result.out
    assert result.code == 0, result.out
    shed = ALIGNED.replace("  - id: phone\n", "  - id: voice-line\n", 1).replace(
        "volume: {contacts: 9000, per: month}", "volume: {contacts: 900, per: month}", 1
    )
    repo.write("plans/acme.yaml", shed.replace("    agents: 16.2\n", "    agents: 2.5\n", 1))
    repo.commit("renamed, with a tenth of its calls")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "phone is gone" in result.out, result.out
    assert result.code == 1


def test_a_line_a_mix_gives_a_strategy_of_people_handed_to_bots_is_policy(
    repo: Repo, cli: Cli
) -> None:
    # Review attack34 A3: in the bank's mix (fast-food, private clients under
    # extraordinary trust) the bankers' line handed to bots, its target and staff dropped,
    # passed with 502,200 USD less for people: the private clients still e-mail a person,
    # so no rule of the plan as it is fails.
    bank = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
    with _on_base(repo, "the bank"):
        repo.write("plans/bank.yaml", bank)
    start = bank.index("  - id: private-line\n")
    end = bank.index("  - id: ", start + 1)
    line = bank[start:end]
    bots = "".join(
        row + ("    staffed_by: bots\n" if row.strip().startswith("kind:") else "")
        for row in line.splitlines(keepends=True)
        if not row.strip().startswith(("target:", "agents:"))
    )
    repo.write("plans/bank.yaml", bank[:start] + bots + bank[end:])
    repo.commit("the bankers' line to bots")
    result = cli("check", "plans/bank.yaml", "--policy-ref", "main", "-f", "json")
    assert (
        "people answer 368 contacts a week to a target under extraordinary-trust in Example "
        "Bank's plans in plans/ in 2027 at main, 92 now (-75%): private-line is now answered "
        "by bots"
    ) in result.out, result.out
    assert result.code == 1


def test_a_line_moved_to_another_plan_of_the_organisation_is_not_dropped(
    repo: Repo, cli: Cli
) -> None:
    # Review attack34 C1: the email line split into a plan of its own, people answering it
    # there, is no line gone.
    start = ALIGNED.index("  - id: email\n")
    end = ALIGNED.index("\nstaffing:")
    email = ALIGNED[start:end]
    repo.write("plans/acme.yaml", ALIGNED[:start] + ALIGNED[end + 1 :])
    phone_start = ALIGNED.index("  - id: phone\n")
    repo.write("plans/acme-email.yaml", ALIGNED[:phone_start] + email + ALIGNED[end:])
    repo.commit("email in a plan of its own")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert result.code != 2, result.err
    assert "people answer" not in result.out
    assert "channel email" not in result.out


def test_a_line_another_plan_already_had_does_not_excuse_its_deletion(repo: Repo, cli: Cli) -> None:
    # Review r35 F2, F10: another region's plan (or last year's) with a `phone` line of its
    # own "answered" the deleted one, and the cut passed.
    with _on_base(repo, "a second region"):
        repo.write("plans/acme-west.yaml", ALIGNED)
    start, end = ALIGNED.index("  - id: phone\n"), ALIGNED.index("  - id: email\n")
    repo.write("plans/acme.yaml", ALIGNED[:start] + ALIGNED[end:])
    repo.commit("the phone line gone")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "phone is gone" in result.out, result.out
    assert result.code == 1


def test_a_line_the_mix_gives_a_strategy_of_others_is_not_the_peoples(repo: Repo, cli: Cli) -> None:
    # Review r35 F3: in the bank's mix (fast-food, with an extraordinary-trust segment),
    # the fast-food retail e-mail handed to bots was blocked as a line people answered.
    bank = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
    with _on_base(repo, "the bank"):
        repo.write("plans/bank.yaml", bank)
    start = bank.index("  - id: retail-email\n")
    end = bank.index("  - id: ", start + 1)
    repo.write("plans/bank.yaml", bank[:start] + bank[end:])
    repo.commit("no retail e-mail")
    result = cli("check", "plans/bank.yaml", "--policy-ref", "main", "-f", "json")
    assert "people answer" not in result.out, result.out


def test_a_base_whose_channels_are_no_list_is_read_as_none(repo: Repo, cli: Cli) -> None:
    # Review r35 F6: `channels: 5` at the base was "internal error … please report it".
    with _on_base(repo, "a broken base"):
        repo.write("plans/acme.yaml", ALIGNED.replace("channels:\n", "channels: 5\nold:\n", 1))
    repo.write("plans/acme.yaml", ALIGNED)
    repo.commit("mended")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert result.code in (0, 1), result.err


def test_work_moved_under_a_higher_reviewed_ceiling_is_policy(repo: Repo, cli: Cli) -> None:
    # Review attack34 B1: the organisation's second plan held a reviewed 95% ceiling; the
    # email team moved into it from the 85% plan and was cut to 93.4% occupied: passed.
    start, end = TRUST.index("  - id: email\n"), TRUST.index("\nstaffing:")
    email, phone_only = TRUST[start:end], TRUST[:start] + TRUST[end + 1 :]
    high = phone_only.replace("max_occupancy: 85%", "max_occupancy: 95%")
    with _on_base(repo, "two plans, two ceilings"):
        repo.write("plans/trust.yaml", TRUST)
        repo.write("plans/trust-high.yaml", high)
    cut = email.replace("    agents: 4.5\n", "    agents: 3.5\n")
    at = high.index("\nstaffing:")
    repo.write("plans/trust-high.yaml", high[:at] + "\n" + cut + high[at:])
    repo.write("plans/trust.yaml", phone_only)
    repo.commit("email moved under the higher ceiling")
    result = cli("check", "plans/trust-high.yaml", "--policy-ref", "main", "-f", "json")
    # The e-mail line: 2,500 a month × 12 ÷ 52.18 weeks × 8 min = 76.7 h a week.
    assert (
        "76.7 h a week of work people answer to a target left plans/trust.yaml (held to 85% "
        "occupancy at main) while this plan, whose ceiling is 95%, takes on 76.7 h of it"
    ) in result.out
    assert result.code == 1


def test_work_renamed_on_its_way_under_a_higher_ceiling_is_policy(repo: Repo, cli: Cli) -> None:
    # Review r35 F5: the same move as above with `email` arriving as `mail` matched no id,
    # and the cut passed.
    start, end = TRUST.index("  - id: email\n"), TRUST.index("\nstaffing:")
    email, phone_only = TRUST[start:end], TRUST[:start] + TRUST[end + 1 :]
    high = phone_only.replace("max_occupancy: 85%", "max_occupancy: 95%")
    with _on_base(repo, "two plans, two ceilings"):
        repo.write("plans/trust.yaml", TRUST)
        repo.write("plans/trust-high.yaml", high)
    cut = email.replace("    agents: 4.5\n", "    agents: 3.5\n").replace("id: email", "id: mail")
    at = high.index("\nstaffing:")
    repo.write("plans/trust-high.yaml", high[:at] + "\n" + cut + high[at:])
    repo.write("plans/trust.yaml", phone_only)
    repo.commit("email moved under the higher ceiling, renamed")
    result = cli("check", "plans/trust-high.yaml", "--policy-ref", "main", "-f", "json")
    assert (
        "76.7 h a week of work people answer to a target left plans/trust.yaml (held to 85% "
        "occupancy at main) while this plan, whose ceiling is 95%, takes on 76.7 h of it"
    ) in result.out, result.out
    assert result.code == 1


def test_two_plans_that_keep_their_lines_at_two_ceilings_move_nothing(repo: Repo, cli: Cli) -> None:
    # Review r35 F1: two regional plans, each with its phone and email lines, at 85% and
    # 90%, blocked every pull request once lines were matched by id alone.
    with _on_base(repo, "two regions"):
        repo.write("plans/trust-east.yaml", TRUST)
        repo.write(
            "plans/trust-west.yaml", TRUST.replace("max_occupancy: 85%", "max_occupancy: 90%")
        )
    repo.write("README.md", "notes\n")
    repo.commit("a README")
    for plan in ("plans/trust-east.yaml", "plans/trust-west.yaml"):
        result = cli("check", plan, "--policy-ref", "main", "-f", "json")
        assert "policy-changed" not in result.out and result.code == 0, (plan, result.out)


MEND = (
    "this is the file as main has it, which this version of cs-align refuses: mend it in the "
    "change, and judge that change with `cs-align check --policy-ref main "
    "--allow-policy-change`, which reports what it does to the policy"
)


def test_a_config_at_the_base_this_version_refuses_can_be_mended(repo: Repo, cli: Cli) -> None:
    # Review attack32 F2: main's config held a value an older release took ("1"); every
    # pull request's diff exited 2, the one mending it too, even accepted, and nothing said
    # what to do.
    with _on_base(repo, "an old config"):
        repo.write(".cs-align.yaml", 'guardrails:\n  no_verdict_regression: "1"\n')
    repo.write(".cs-align.yaml", "guardrails:\n  no_verdict_regression: block\n")
    repo.commit("the config mended")
    refused = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    assert refused.code == 2
    assert refused.err.startswith("main:.cs-align.yaml:2:26: guardrails.no_verdict_regression")
    assert refused.err.rstrip().endswith(MEND)
    accepted = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--allow-policy-change")
    assert accepted.code == 0, accepted.err
    assert "guardrails.no_verdict_regression: 1 → block" in accepted.out
    assert "accepted with --allow-policy-change" in accepted.out
    checked = cli("check", "--policy-ref", "main", "plans/", "--allow-policy-change")
    assert checked.code == 0, checked.err


def test_a_plan_at_the_base_this_version_refuses_says_how_to_pass(repo: Repo, cli: Cli) -> None:
    # The same for a base plan written `paid_hours_per_fte: 7.5/day` (refused since it read
    # as 7.5 hours every calendar day): the diff cannot read the base, check can judge the
    # change that mends it.
    old = ALIGNED.replace("paid_hours_per_fte: 1800/year", "paid_hours_per_fte: 7.5/day")
    assert old != ALIGNED
    with _on_base(repo, "an old plan"):
        repo.write("plans/acme.yaml", old)
    repo.write("plans/acme.yaml", ALIGNED)
    repo.commit("the plan mended")
    # Review gate59: the diff was exit 2 even accepted, so the Action (which diffs every
    # plan) could not pass the mend at all. It is judged as new, as the check judges it: a
    # policy change until accepted.
    refused = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    assert refused.code == 1, refused.err
    assert "main is no plan this release reads: the change is judged as a new plan" in refused.out
    accepted = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--allow-policy-change")
    assert accepted.code == 0, accepted.err
    assert "accepted with --allow-policy-change" in accepted.out
    assert cli("check", "--policy-ref", "main", "plans/", "--allow-policy-change").code == 0


PHONE = ALIGNED[ALIGNED.index("  - id: phone\n") : ALIGNED.index("  - id: email\n")]
TOKEN = (
    "  - id: phone\n    kind: voice\n    hours: Mon 08:00-09:00\n    volume: 1/month\n"
    '    handle_time: 6m\n    target: {service_level: "80% in 20s"}\n    agents: 0.1\n'
)


def _without_phone(text: str) -> str:
    return text.replace(PHONE, "", 1)


def test_people_work_is_counted_not_channel_ids_or_file_names(repo: Repo, cli: Cli) -> None:
    # Review attack36 H1: the phone line deleted, and a one-call-a-month `phone` line in
    # another plan of the organisation "carried" it; H4: `phone` kept as a token while its
    # 9,000 calls went to a bot; H6: the other region's file renamed, so its `phone` looked
    # brought in by the change. Each passed a 74-78% cut. Delight's example answers
    # 9,000 calls × 12 ÷ 52.18 weeks = 2,069.8 a week on the phone and 2,500 × 12 ÷ 52.18
    # = 574.9 e-mails: 2,644.7; without the phone, 574.9 (-78.3%).
    assert PHONE in ALIGNED
    repo.write("plans/acme.yaml", _without_phone(ALIGNED))
    stub = ALIGNED.replace(PHONE, TOKEN, 1).replace("  - id: email\n", "  - id: mail\n", 1)
    repo.write("plans/acme-stub.yaml", stub)
    repo.commit("the phone line gone, a token phone line elsewhere")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert (
        "people answer 2,645 contacts a week to a target under delight in Example Delight Co's "
        "plans in plans/ in 2027 at main, 1,150 now (-56.5%): phone is gone"
    ) in result.out, result.out
    assert result.code == 1

    bot = (
        "  - id: voice-assistant\n    kind: voice\n    staffed_by: bots\n"
        "    hours: Mon-Fri 08:00-20:00\n    volume: {contacts: 9000, per: month}\n"
        "    handle_time: 6m\n"
    )
    repo.git("rm", "-q", "plans/acme-stub.yaml")
    repo.write("plans/acme.yaml", ALIGNED.replace(PHONE, TOKEN + bot, 1))
    repo.commit("phone a token, its calls to a bot")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "575 now (-78.3%): phone 2,070 → 0 contacts a week" in result.out, result.out
    assert result.code == 1


def test_a_renamed_region_stands_in_for_no_deleted_line(repo: Repo, cli: Cli) -> None:
    # Review attack36 H6: plans/acme-west.yaml renamed (next year's file name) while
    # plans/acme.yaml drops its phone line: 5,289 contacts a week, 3,220 now.
    with _on_base(repo, "a second region"):
        repo.write("plans/acme-west.yaml", ALIGNED)
    repo.git("mv", "plans/acme-west.yaml", "plans/acme-west-2027.yaml")
    repo.write("plans/acme.yaml", _without_phone(ALIGNED))
    repo.commit("west renamed, the phone line gone")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert "contacts a week" in result.out and "now (-39.1%): phone is gone" in (result.out), (
        result.out
    )
    assert result.code == 1


def test_work_that_stays_with_people_is_no_policy_change(repo: Repo, cli: Cli) -> None:
    # Review attack36 M1, L2, L4, L5: a rename with a 1% forecast trim, a line split in
    # two, an IVR menu in front of a new queue that takes every call, a region's calls
    # merged into another's queue: people answer (nearly) the same hours, under delight.
    renamed = ALIGNED.replace("  - id: phone\n", "  - id: voice\n", 1).replace(
        "contacts: 9000,", "contacts: 8910,", 1
    )
    halves = PHONE.replace("contacts: 9000", "contacts: 4500").replace("agents: 16.2", "agents: 9")
    split = ALIGNED.replace(
        PHONE,
        halves.replace("id: phone", "id: phone-sales") + halves.replace("id: phone", "id: support"),
        1,
    ).replace("agents: 20.7", "agents: 22.5", 1)
    menu = "  - id: phone\n    kind: voice\n    staffed_by: bots\n"
    ivr = ALIGNED.replace(PHONE, menu + PHONE.replace("id: phone", "id: phone-agents"), 1)
    for name, text in (("renamed", renamed), ("split", split), ("ivr", ivr)):
        repo.write("plans/acme.yaml", text)
        repo.commit(name)
        result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
        assert "people answer" not in result.out, (name, result.out)
    with _on_base(repo, "a second region"):
        repo.write("plans/acme.yaml", ALIGNED)
        repo.write("plans/acme-west.yaml", ALIGNED)
    merged = ALIGNED.replace("contacts: 9000,", "contacts: 18000,", 1).replace(
        "agents: 16.2", "agents: 32.4", 1
    )
    repo.write("plans/acme.yaml", merged.replace("agents: 20.7", "agents: 36.9", 1))
    repo.write(
        "plans/acme-west.yaml", _without_phone(ALIGNED).replace("agents: 20.7", "agents: 4.5")
    )
    repo.commit("west's calls answered in the main queue")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert "people answer" not in result.out, result.out


def test_work_moved_under_a_higher_ceiling_is_counted_in_hours(repo: Repo, cli: Cli) -> None:
    # Review attack36 H5: a one-e-mail-a-month token left under `email` in the 85% plan
    # while its 2,500 e-mails a month opened as `mail` in the 95% plan; H3: the line moved
    # into an id the 95% plan held as a bot. Neither matched an id that left.
    start, end = TRUST.index("  - id: email\n"), TRUST.index("\nstaffing:")
    email, phone_only = TRUST[start:end], TRUST[:start] + TRUST[end + 1 :]
    high = phone_only.replace("max_occupancy: 85%", "max_occupancy: 95%")
    bot = "  - id: email\n    kind: email\n    staffed_by: bots\n"
    at = high.index("\nstaffing:")
    with _on_base(repo, "two plans, two ceilings, a bot"):
        repo.write("plans/trust.yaml", TRUST)
        repo.write("plans/trust-high.yaml", high[:at] + "\n" + bot + high[at + 1 :])
    token = email.replace("contacts: 2500", "contacts: 1").replace("agents: 4.5", "agents: 0.1")
    assert token != email
    repo.write("plans/trust.yaml", TRUST.replace(email, token, 1))
    cut = email.replace("    agents: 4.5\n", "    agents: 3.5\n")
    repo.write("plans/trust-high.yaml", high[:at] + "\n" + cut + high[at:])
    repo.commit("a token left behind, the work under the bot's id in the 95% plan")
    result = cli("check", "plans/trust-high.yaml", "--policy-ref", "main", "-f", "json")
    assert "76.6 h a week of work people answer to a target left plans/trust.yaml" in result.out, (
        result.out
    )
    assert result.code == 1


def test_a_line_retired_while_another_region_opens_a_small_one_is_no_move(
    repo: Repo, cli: Cli
) -> None:
    # Review attack36 M2: one region retired its e-mail line (76.7 h a week) while the
    # other, at a higher ceiling, opened 200 messages a month (2.3 h): no move.
    start, end = TRUST.index("  - id: email\n"), TRUST.index("\nstaffing:")
    phone_only = TRUST[:start] + TRUST[end + 1 :]
    high = TRUST.replace("max_occupancy: 85%", "max_occupancy: 90%")
    with _on_base(repo, "two regions"):
        repo.write("plans/trust.yaml", TRUST)
        repo.write("plans/trust-high.yaml", high)
    repo.write("plans/trust.yaml", phone_only)
    whatsapp = (
        "  - id: whatsapp\n    kind: messaging\n    hours: Mon-Fri 08:00-18:00\n"
        "    volume: 200/month\n    handle_time: 3m\n    target: {first_response: 1h}\n"
        "    agents: 0.5\n"
    )
    at = high.index("\nstaffing:")
    repo.write("plans/trust-high.yaml", high[:at] + "\n" + whatsapp + high[at + 1 :])
    repo.commit("e-mail retired in one region, WhatsApp opened in the other")
    result = cli("check", "plans/trust-high.yaml", "--policy-ref", "main", "-f", "json")
    assert "policy-changed" not in result.out, result.out


def test_a_strategy_written_as_a_mix_of_one_is_the_same_strategy(repo: Repo, cli: Cli) -> None:
    # Review attack36 L3: `strategy: delight` rewritten `strategy: {primary: delight}`
    # was a policy change; a real mix still is.
    assert "strategy: delight\n" in ALIGNED
    repo.write(
        "plans/acme.yaml", ALIGNED.replace("strategy: delight\n", "strategy: {primary: delight}\n")
    )
    repo.commit("the same strategy, as a mix")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "policy-changed" not in result.out, result.out
    mix = "strategy: {primary: delight, by_channel: {email: fast-food}}\n"
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight\n", mix))
    repo.commit("a real mix")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "strategy: delight → " in result.out, result.out


def test_a_line_a_mix_gives_a_strategy_renamed_is_the_same_line(repo: Repo, cli: Cli) -> None:
    # Review attack36 L1: the bankers' line renamed, nothing else, read as gone from
    # extraordinary trust and as a new channel handed to it.
    bank = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
    with _on_base(repo, "the bank"):
        repo.write("plans/bank.yaml", bank)
    repo.write("plans/bank.yaml", bank.replace("  - id: private-line\n", "  - id: banker-line\n"))
    repo.commit("the bankers' line renamed")
    result = cli("check", "plans/bank.yaml", "--policy-ref", "main", "-f", "json")
    assert "policy-changed" not in result.out, result.out
    assert result.code == 0


def test_the_contacts_counted_are_this_periods_and_staffed(repo: Repo, cli: Cli) -> None:
    # Review attack37 A1: a one-day copy of the plan (or last year's, or next year's)
    # answered this year's calls, so the phone line could go; A8: a copy staffed with a
    # tenth of a person for 9,000 calls did too. A plan counts for the share of this
    # plan's period it covers, and for the contacts its staff can answer.
    assert "period: {start: 2027-01-01, end: 2027-12-31}" in ALIGNED
    one_day = ALIGNED.replace("end: 2027-12-31", "end: 2027-01-01")
    repo.write("plans/acme-jan-1.yaml", one_day)
    repo.write("plans/acme.yaml", _without_phone(ALIGNED))
    repo.commit("a one-day copy, the phone line gone")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "phone is gone" in result.out, result.out
    junk = ALIGNED.replace("    agents: 16.2\n", "    agents: 0.1\n", 1)
    repo.git("rm", "-q", "plans/acme-jan-1.yaml")
    repo.write("plans/acme-stub.yaml", junk.replace("  - id: email\n", "  - id: mail\n", 1))
    repo.commit("a stub staffed with a tenth of a person")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "phone is gone" in result.out, result.out


def test_a_small_regions_phone_line_is_gone_whatever_the_organisations_size(
    repo: Repo, cli: Cli
) -> None:
    # Review attack37 A4: the tolerance was the organisation's, so a region with under a
    # tenth of its contacts could lose its whole phone line.
    big = ALIGNED.replace("contacts: 9000,", "contacts: 180000,", 1).replace(
        "agents: 16.2", "agents: 300", 1
    )
    with _on_base(repo, "a large region"):
        repo.write("plans/acme-big.yaml", big)
    repo.write("plans/acme.yaml", _without_phone(ALIGNED))
    repo.commit("the small region's phone line gone")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "phone is gone" in result.out, result.out


def test_calls_moved_to_email_are_fewer_answered_live(repo: Repo, cli: Cli) -> None:
    # Review attack37 A9: the phone number dropped and its callers' hours added to e-mail:
    # no live channel left, people-answer no longer applied, and -30.7% passed. A shorter
    # handle time is no fewer contacts (F2).
    more_mail = _without_phone(ALIGNED).replace("contacts: 2500,", "contacts: 11500,", 1)
    repo.write("plans/acme.yaml", more_mail.replace("agents: 4.5", "agents: 14", 1))
    repo.commit("the phone's callers told to e-mail")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert (
        "contacts a week live (voice, chat, messaging, in person) to a target under delight"
    ) in result.out, result.out
    assert "phone is gone" in result.out
    quicker = ALIGNED.replace("    handle_time: 6m\n", "    handle_time: 5m\n", 1)
    repo.write("plans/acme.yaml", quicker.replace("agents: 16.2", "agents: 13.8", 1))
    repo.commit("a shorter handle time")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "people answer" not in result.out, result.out


def test_a_plan_deleted_with_the_contacts_people_answered_is_policy(repo: Repo, cli: Cli) -> None:
    # Review attack37 A6: a region closed (its plan deleted) left every plan that stays as
    # it was, and its diff passed "deleted"; attack36 M4 moved the plan out of the folder.
    with _on_base(repo, "a second region"):
        repo.write("plans/acme-west.yaml", ALIGNED)
    repo.git("rm", "-q", "plans/acme-west.yaml")
    repo.commit("the west region closed")
    result = cli("diff", "--base-ref", "main", "plans/acme-west.yaml")
    assert result.code == 1
    assert (
        "people answer 5,290 contacts a week to a target under delight in Example Delight "
        "Co's plans in plans/ in 2027 at main, 2,645 now (-50%): plans/acme-west.yaml, "
        "which answered 2,645 of them, is deleted"
    ) in result.out, result.out
    # Its contacts answered by the plan that stays: no change of policy.
    doubled = ALIGNED.replace("contacts: 9000,", "contacts: 18000,", 1).replace(
        "contacts: 2500,", "contacts: 5000,", 1
    )
    staffed = doubled.replace("agents: 16.2", "agents: 32.4", 1).replace("agents: 4.5", "agents: 9")
    repo.write("plans/acme.yaml", staffed.replace("agents: 20.7", "agents: 41.4", 1))
    repo.commit("west's customers answered in the main plan")
    result = cli("diff", "--base-ref", "main", "plans/acme-west.yaml")
    assert "policy-changed" not in result.out, result.out


def test_a_plan_whose_period_is_over_may_be_deleted(repo: Repo, cli: Cli) -> None:
    old = ALIGNED.replace(
        "start: 2027-01-01, end: 2027-12-31", "start: 2025-01-01, end: 2025-12-31"
    )
    assert old != ALIGNED
    with _on_base(repo, "last year's plan"):
        repo.write("plans/acme-2025.yaml", old)
    repo.git("rm", "-q", "plans/acme-2025.yaml")
    repo.commit("2025 tidied away")
    result = cli("diff", "--base-ref", "main", "plans/acme-2025.yaml")
    assert "policy-changed" not in result.out and result.code == 0, result.out


def test_work_swapped_for_as_many_hours_of_another_kind_still_moved(repo: Repo, cli: Cli) -> None:
    # Review attack37 A3: the 85% plan took a phone line from the 95% plan as its e-mail
    # team went there: its hours rose, and the e-mail team's move under the higher ceiling
    # went unseen. Hours are counted by kind of channel.
    start, end = TRUST.index("  - id: email\n"), TRUST.index("\nstaffing:")
    email, phone_only = TRUST[start:end], TRUST[:start] + TRUST[end + 1 :]
    phone = TRUST[TRUST.index("  - id: phone\n") : start]
    high = phone_only.replace("max_occupancy: 85%", "max_occupancy: 95%")
    at = high.index("\nstaffing:")
    second = phone.replace("id: phone", "id: phone-two")
    with _on_base(repo, "two plans, two ceilings"):
        repo.write("plans/trust.yaml", TRUST)
        repo.write("plans/trust-high.yaml", high[:at] + "\n" + second + high[at + 1 :])
    repo.write("plans/trust.yaml", TRUST.replace(email, second, 1))
    repo.write("plans/trust-high.yaml", high[:at] + "\n" + email + high[at:])
    repo.commit("e-mail and a phone line swapped")
    result = cli("check", "plans/trust-high.yaml", "--policy-ref", "main", "-f", "json")
    assert "76.7 h a week of work people answer to a target left plans/trust.yaml" in (
        result.out
    ), result.out


def test_a_line_counts_for_the_contacts_its_staff_can_answer() -> None:
    # Chat at two conversations each: 600 a week × 10 min ÷ 2 = 50 hours on shift a week.
    # Half an FTE of 1,800 paid hours less 32% gives 0.5 × 1,224 ÷ 52.18 = 11.73 of them a
    # week (the week of 8,766 ÷ 168), so it answers 11.73 ÷ 50 of the 600: 140.7.
    from fractions import Fraction

    from cs_align.loader import parse_plan
    from cs_align.metrics import WEEKS_PER_YEAR
    from cs_align.organisations import promised_work

    chat = (
        "  - id: chat\n    kind: chat\n    hours: 24x7\n    volume: 600/week\n"
        "    handle_time: 10m\n    concurrency: 2\n    target: {first_response: 2m}\n"
        "    agents: 0.5\n"
    )
    text = ALIGNED.replace(PHONE, chat, 1)
    (line, _) = promised_work(parse_plan(text, "p.yaml").plan)
    expected = 600 * (Fraction(1, 2) * Fraction(1224) / WEEKS_PER_YEAR) / 50
    assert line.contacts == expected and float(expected) == pytest.approx(140.7, abs=0.05)


def test_a_small_trim_in_every_region_is_no_change_of_policy(repo: Repo, cli: Cli) -> None:
    # Review attack38 F5: 2.6% fewer calls in each of five regions blocked every plan: the
    # organisation's fall was measured against a tenth of one plan's contacts.
    trimmed = ALIGNED.replace("contacts: 9000,", "contacts: 8766,", 1)
    with _on_base(repo, "five regions"):
        for n in range(5):
            repo.write(f"plans/acme-{n}.yaml", ALIGNED)
    for n in range(5):
        repo.write(f"plans/acme-{n}.yaml", trimmed)
    repo.commit("a forecast trimmed everywhere")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert "people answer" not in result.out, result.out


def test_a_deleted_region_whose_calls_become_emails_elsewhere_is_policy(
    repo: Repo, cli: Cli
) -> None:
    # Review attack38 B5: the deleted plan's check did not look at live contacts apart, so
    # more e-mail in another plan stood in for its calls.
    with _on_base(repo, "a second region"):
        repo.write("plans/acme-west.yaml", ALIGNED)
    repo.git("rm", "-q", "plans/acme-west.yaml")
    # West's 9,000 calls and 2,500 e-mails a month as 11,500 more e-mails here: as many
    # contacts, none of them live.
    mail = ALIGNED.replace("contacts: 2500,", "contacts: 16500,", 1).replace(
        "agents: 4.5", "agents: 30", 1
    )
    repo.write("plans/acme.yaml", mail.replace("agents: 20.7", "agents: 46.2", 1))
    repo.commit("west closed, its callers told to e-mail")
    result = cli("diff", "--base-ref", "main", "plans/acme-west.yaml")
    assert "contacts a week live (voice, chat, messaging, in person)" in result.out, result.out
    assert result.code == 1


def test_work_moved_under_a_higher_ceiling_as_another_written_kind_still_moved(
    repo: Repo, cli: Cli
) -> None:
    # Review attack38 B10: the e-mail team moved into the 95% plan declared `kind: social`
    # and passed; F1: 4% of the e-mail moved between regions in a forecast refresh is no
    # move. Hours are counted live and written apart.
    start, end = TRUST.index("  - id: email\n"), TRUST.index("\nstaffing:")
    email, phone_only = TRUST[start:end], TRUST[:start] + TRUST[end + 1 :]
    high = phone_only.replace("max_occupancy: 85%", "max_occupancy: 95%")
    with _on_base(repo, "two plans, two ceilings"):
        repo.write("plans/trust.yaml", TRUST)
        repo.write("plans/trust-high.yaml", high)
    at = high.index("\nstaffing:")
    social = email.replace("kind: email", "kind: social").replace("id: email", "id: dm")
    repo.write("plans/trust-high.yaml", high[:at] + "\n" + social + high[at:])
    repo.write("plans/trust.yaml", phone_only)
    repo.commit("the e-mail team moved, as social")
    result = cli("check", "plans/trust-high.yaml", "--policy-ref", "main", "-f", "json")
    assert "h a week of work people answer to a target left plans/trust.yaml" in result.out


def test_a_forecast_refresh_between_regions_is_no_move(repo: Repo, cli: Cli) -> None:
    with _on_base(repo, "both with e-mail"):
        repo.write("plans/trust.yaml", TRUST)
        repo.write(
            "plans/trust-high.yaml", TRUST.replace("max_occupancy: 85%", "max_occupancy: 95%")
        )
    repo.write("plans/trust.yaml", TRUST.replace("contacts: 2500,", "contacts: 2400,", 1))
    more = TRUST.replace("contacts: 2500,", "contacts: 2600,", 1)
    repo.write("plans/trust-high.yaml", more.replace("max_occupancy: 85%", "max_occupancy: 95%"))
    repo.commit("a forecast refresh")
    result = cli("check", "plans/trust-high.yaml", "--policy-ref", "main", "-f", "json")
    assert "occupancy at main) while this plan" not in result.out, result.out


def test_another_organisations_plan_relabelled_and_renamed_answers_nothing(
    repo: Repo, cli: Cli
) -> None:
    # Review attack38 B8: another organisation's plan relabelled into this one and moved
    # with `git mv` carried the contacts of the phone line this plan dropped.
    other = ALIGNED.replace("organisation: Example Delight Co", "organisation: Other Delight Ltd")
    assert other != ALIGNED
    with _on_base(repo, "another organisation"):
        repo.write("plans/other.yaml", other)
    repo.git("mv", "plans/other.yaml", "plans/acme-north.yaml")
    repo.write("plans/acme-north.yaml", ALIGNED)
    repo.write("plans/acme.yaml", _without_phone(ALIGNED))
    repo.commit("the other organisation's plan adopted, the phone line gone")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "phone is gone" in result.out, result.out


def test_a_plan_replaced_by_a_link_to_another_answers_none_of_its_own(repo: Repo, cli: Cli) -> None:
    # Review attack38 B6: the west region's plan replaced by a link to the main plan read
    # as unchanged (its contacts were the linked plan's), and the organisation answered
    # half as many.
    with _on_base(repo, "a second region"):
        repo.write("plans/acme-west.yaml", ALIGNED)
    (repo.root / "plans" / "acme-west.yaml").unlink()
    (repo.root / "plans" / "acme-west.yaml").symlink_to("acme.yaml")
    repo.commit("west is a link to the main plan")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert "plans/acme-west.yaml is now a link to plans/acme.yaml" in result.out, result.out
