"""The gate reads the plans of the work tree once a run, however many of its checks ask."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke, _clear_caches
from tests.security.conftest import ALIGNED, Repo, on_main


@pytest.mark.parametrize(
    "args",
    [
        ("check", "plans/", "--policy-ref", "main", "-f", "json"),
        ("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json"),
    ],
    ids=["check", "diff"],
)
def test_each_plan_of_the_work_tree_is_read_for_its_budget_once_a_run(
    repo: Repo, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    # The organisation checks (work moved, ceilings lowered, contacts promised, the change's
    # id) each asked for the plans of the folder now, and each read and parsed every one of
    # them again: in a pull request changing one plan of three, `check --policy-ref` read
    # the two it left alone 16 times each.
    from cs_align import organisations

    west = ALIGNED.replace("Example Delight Co", "West Co")
    east = ALIGNED.replace("Example Delight Co", "East Co")
    on_main(repo, {"plans/west.yaml": west, "plans/east.yaml": east})
    repo.write("plans/acme.yaml", ALIGNED.replace("total: 1540241", "total: 1550000"))
    repo.commit("a little more money")
    read: Counter[str] = Counter()
    budgeted = organisations._budgeted

    def counted(raw: bytes | None, path: Path | None = None) -> Any:
        if path is not None and path.parent.name == "plans" and raw == path.read_bytes():
            read[path.name] += 1
        return budgeted(raw, path)

    monkeypatch.setattr(organisations, "_budgeted", counted)
    result = invoke(*args, cwd=repo.root)
    assert result.code in (0, 1), result.err
    assert set(read) == {"acme.yaml", "east.yaml", "west.yaml"}, read
    # A plan main holds as it is reads the same at main and now; the people's work moved is
    # weighed within the plans' folder and across the repository: four reads at most.
    assert max(read.values()) <= 4, read


def test_the_action_s_diffs_read_each_plan_once_for_all_plans(
    repo: Repo,
    invoke: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # scripts/action.sh diffs every plan of the pull request in one process
    # (cs_align.action). Each diff read the folder's plans again, at main and now: with
    # three plans, one was parsed for its budget 12 times (4 a diff); a pull request of N
    # plans, up to 4N times. The diffs read one repository at one base: now 4 times a run.
    import signal

    from cs_align import action, organisations

    west = ALIGNED.replace("Example Delight Co", "West Co")
    east = ALIGNED.replace("Example Delight Co", "East Co")
    on_main(repo, {"plans/west.yaml": west, "plans/east.yaml": east})
    repo.write("plans/acme.yaml", ALIGNED.replace("total: 1540241", "total: 1550000"))
    repo.write("plans/west.yaml", west.replace("agents: 4.5", "agents: 4.6"))
    repo.commit("a little more money, and a figure")
    out = repo.root.parent / "out"
    out.mkdir()
    (out / "gone.z").write_bytes(b"")
    checked = invoke(
        "check", "plans/", "--policy-ref", "main", "-f", f"json:{out}/check.json", cwd=repo.root
    )
    assert checked.code == 1, checked.err  # west's figure counts 0.1 FTE twice
    common = ["--base-ref", "main", "--gated", "plans/"]
    # What each plan's own `cs-align diff` process writes, to compare the run's diffs with.
    alone = {}
    for n, plan in enumerate(["plans/acme.yaml", "plans/east.yaml", "plans/west.yaml"], 1):
        data = repo.root.parent / f"alone-{n}.json"
        formats = ("-f", f"json:{data}", "-f", "github")
        result = invoke("diff", *common, *formats, "--", plan, cwd=repo.root)
        alone[n] = (result.code, result.out, data.read_text(encoding="utf-8"))

    read: Counter[str] = Counter()
    budgeted = organisations._budgeted

    def counted(raw: bytes | None, path: Path | None = None) -> Any:
        if path is not None and path.parent.name == "plans" and raw == path.read_bytes():
            read[path.name] += 1
        return budgeted(raw, path)

    monkeypatch.setattr(organisations, "_budgeted", counted)
    monkeypatch.chdir(repo.root)
    monkeypatch.setenv("CS_ALIGN_WORKERS", "1")
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    capsys.readouterr()
    _clear_caches()  # as a new process starts
    try:
        code = action.main([str(out), "main", "", *common])
    finally:
        for number, handler in handlers.items():  # cli.main installs its own
            signal.signal(number, handler)
    annotations = capsys.readouterr().out
    assert set(read) == {"acme.yaml", "east.yaml", "west.yaml"}, read
    assert max(read.values()) <= 4, read
    # The same verdicts, JSON and annotations as each plan's diff in a process of its own.
    assert code == max(c for c, _, _ in alone.values()) == 1
    assert annotations == "".join(github for _, github, _ in alone.values())
    for n, (_, _, data) in alone.items():
        assert (out / f"diff-{n}.json").read_text(encoding="utf-8") == data, n
    assert (out / "diffs.tsv").read_text(encoding="utf-8") == "".join(
        f"{'blocking' if c else 'passing'}\t{out}/diff-{n}.md\n" for n, (c, _, _) in alone.items()
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", "plans/", "--policy-ref", "main", "-f", "json"),
        ("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json"),
    ],
    ids=["check", "diff"],
)
def test_each_file_at_the_trusted_revision_is_read_from_git_once_a_run(
    repo: Repo, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    # Several checks of every plan read the folder's plans at main (its budget, the contacts
    # promised, the change's id): `check --policy-ref` of a folder of 20 plans started 98 git
    # processes, 80 of them re-reading files it had read (bench/gate_reads.py); now 18.
    from cs_align import repo as git_reads

    plans = {f"plans/org{i}.yaml": ALIGNED.replace("Delight Co", f"Org {i}") for i in range(5)}
    on_main(repo, plans)
    repo.write("plans/acme.yaml", ALIGNED.replace("total: 1540241", "total: 1550000"))
    repo.commit("a little more money")
    # Every object's bytes come from the repository's reader (one `git cat-file --batch`):
    # what it is asked for a blob is what git reads of it.
    asked: Counter[str] = Counter()
    contents = git_reads.GitReader.contents

    def counted(self: git_reads.GitReader, name: str) -> tuple[str, bytes] | None:
        found = contents(self, name)
        if found is not None and found[0] == "blob":
            asked[name] += 1
        return found

    monkeypatch.setattr(git_reads.GitReader, "contents", counted)
    result = invoke(*args, cwd=repo.root)
    assert result.code in (0, 1), result.err
    at_main = {
        repo.git("rev-parse", f"main:{name}").strip() for name in [*plans, "plans/acme.yaml"]
    }
    assert at_main <= set(asked), asked  # every plan of the folder is read at main
    assert max(asked.values()) == 1, asked
