"""attack53: a pull request of many plans must not make the gate's run take hours."""

from __future__ import annotations

import signal
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import Invoke, _clear_caches
from tests.security.conftest import ALIGNED, Repo


def _action_diffs(repo: Repo, invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> int:
    """The Action's step 2 (every plan's diff, in one process) on the committed change;
    its exit code."""
    from cs_align import action

    out = repo.root.parent / "out"
    out.mkdir()
    gone = repo.git(
        "diff",
        "-z",
        "--name-only",
        "--no-renames",
        "--diff-filter=DMT",
        "main...HEAD",
        "--",
        "plans/",
    )
    (out / "gone.z").write_text(gone, encoding="utf-8")
    checked = invoke(
        "check", "plans/", "--policy-ref", "main", "-f", f"json:{out}/check.json", cwd=repo.root
    )
    assert checked.code in (0, 1), checked.err
    monkeypatch.chdir(repo.root)
    monkeypatch.setenv("CS_ALIGN_WORKERS", "1")
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    _clear_caches()  # as the Action's new process starts
    try:
        return action.main([str(out), "main", "", "--base-ref", "main", "--gated", "plans/"])
    finally:
        for number, handler in handlers.items():  # cli.main installs its own
            signal.signal(number, handler)


def test_the_action_s_diffs_of_many_new_plans_read_each_one_s_kind_a_few_times(
    repo: Repo, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pull request adding 1,000 plans (each its own organisation) took the Action's diffs
    # 465 s (131 CPU s) on this machine, 200 plans 25 s: each new plan's diff asked whether
    # every other new plan could carry on a plan the change deletes (organisations.replaced),
    # reading its kind, resolving its path: N² files. 10,000 plans would hold the runner
    # for hours (a GitHub job ends at 6 h). Now each plan's kind is read a few times a run.
    from cs_align import discovery

    n = 12
    for i in range(n):
        repo.write(f"plans/org{i:02d}.yaml", ALIGNED.replace("Example Delight Co", f"Org {i}"))
    repo.commit("many new plans")
    kinds: Counter[str] = Counter()
    kind = discovery.kind

    def counted(path: Path) -> str | None:
        if path.name.startswith("org"):
            kinds[path.name] += 1
        return kind(path)

    monkeypatch.setattr(discovery, "kind", counted)
    code = _action_diffs(repo, invoke, monkeypatch)
    assert code == 1  # each new organisation is a change of policy to review
    assert len(kinds) == n, kinds
    # Before: 12 reads of each (the check's, and one in each other new plan's diff); now 2.
    assert max(kinds.values()) <= 4, kinds


def test_the_action_s_diffs_of_many_plans_of_one_organisation_parse_each_a_few_times(
    repo: Repo, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    # main's plan deleted and 300 small plans of the same organisation added in its place:
    # each new plan's diff summed the organisation's plans now (organisations._totals),
    # parsing every one of them again: N² parses, over 5 minutes of the Action's diffs on
    # this machine (16.7 CPU s now); 10,000 plans would take days. Now once a run.
    from cs_align import organisations

    repo.git("rm", "-q", "plans/acme.yaml")
    n = 12
    for i in range(n):
        small = ALIGNED.replace("contacts: 9000", f"contacts: {800 + i}")
        repo.write(f"plans/acme{i:02d}.yaml", small.replace("agents: 16.2", "agents: 2.2"))
    repo.commit("one plan split in many")
    parsed: Counter[str] = Counter()
    budgeted = organisations._budgeted

    def counted(raw: bytes | None, path: Path | None = None) -> organisations.Budgeted | None:
        for plan in (repo.root / "plans").glob("acme*.yaml"):
            if raw == plan.read_bytes():
                parsed[plan.name] += 1
        return budgeted(raw, path)

    monkeypatch.setattr(organisations, "_budgeted", counted)
    code = _action_diffs(repo, invoke, monkeypatch)
    assert code == 1  # a team cut by its split: judged, and failed
    assert len(parsed) == n, parsed
    # Before: 12 or more parses of each (one in each new plan's diff, and others'); now a few.
    assert max(parsed.values()) <= 4, parsed
