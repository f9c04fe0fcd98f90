"""The trusted revision is read through one `git cat-file` reader a repository a run
(repo.GitReader), not a git process a question; and the reader's processes end with it."""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke
from tests.security.conftest import ALIGNED, Repo, on_main


def _children() -> list[str]:
    """The command lines of this process's living children (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            if entry.name.isdigit() and int(stat.rpartition(")")[2].split()[1]) == os.getpid():
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                if stat.rpartition(")")[2].split()[0] != "Z":
                    found.append(cmdline)
        except (OSError, ValueError, IndexError):
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    "args",
    [
        ("check", "plans/", "--policy-ref", "main", "-f", "json"),
        ("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json"),
    ],
    ids=["check", "diff"],
)
def test_a_gate_run_reads_git_through_one_reader_and_leaves_no_process(
    repo: Repo, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    # Every folder listed, file sized and file read at main was a git process of its own
    # (ls-tree, cat-file -s, cat-file blob): a check of a folder of six plans started 52 of
    # them, most of the security suite's CPU time. One reader a repository answers them all.
    plans = {f"plans/org{i}.yaml": ALIGNED.replace("Delight Co", f"Org {i}") for i in range(5)}
    on_main(repo, {**plans, "plans/ours.yaml": "id: ours\nname: Ours\nextends: delight\n"})
    repo.write("plans/acme.yaml", ALIGNED.replace("total: 1540241", "total: 1550000"))
    repo.commit("a little more money")
    started: list[list[str]] = []
    real = subprocess.Popen.__init__

    def counted(self: subprocess.Popen[Any], command: Any, *rest: Any, **kw: Any) -> None:
        if isinstance(command, list) and command[:1] == ["git"]:
            started.append([str(word) for word in command])
        real(self, command, *rest, **kw)

    monkeypatch.setattr(subprocess.Popen, "__init__", counted)
    result = invoke(*args, cwd=repo.root)
    assert result.code in (0, 1), result.err
    asked = [" ".join(c[3:5]) for c in started]
    assert not [a for a in asked if a.startswith(("ls-tree", "--literal-pathspecs ls-tree"))]
    assert sorted(a for a in asked if a.startswith("cat-file")) == [
        "cat-file --batch",
        "cat-file --batch-check",
    ], asked
    # How git checks each file out (its attributes) is asked of one `git check-attr`
    # process: one was started for each file read at the change (a plan, the config, a
    # strategy), 2 in this check and in this diff (more with strategy or waiver files).
    assert [a for a in asked if "check-attr" in a] == ["check-attr --cached"], asked
    # What the change adds, edits, deletes and renames is one listing a pair of commits,
    # and a commit's time and day are read from its object: no `git show`, no --name-only.
    assert not [a for a in asked if a.startswith(("show", "diff --name-only"))], asked
    # Nor is any other question asked of git twice in a run (whether the clone is
    # shallow, the window's first commit and its day were asked once for each plan).
    asked_twice = Counter(tuple(c) for c in started)
    twice = [" ".join(c) for c, n in asked_twice.items() if n > 1]
    assert twice == [], twice
    # Closed with the command: no git process of the run is left running.
    assert not [c for c in _children() if "cat-file" in c or "check-attr" in c], _children()


def test_the_reader_tells_checkout_attributes_as_one_git_check_attr_does(repo: Repo) -> None:
    # The index's .gitattributes decides (--cached), not the one on disk; names taken
    # literally (a space, pathspec magic, a newline, non-ASCII); any number of files, one
    # process, asked a path at a time.
    from cs_align import repo as git_reads

    repo.write(
        ".gitattributes",
        "plans/*.yaml ident\n*.bin filter=lfs\n*.txt working-tree-encoding=UTF-16\n",
    )
    repo.commit("attributes")
    repo.write(".gitattributes", "")  # on disk only: the index's still decides
    names = [
        "plans/acme.yaml",
        "plans/a b.yaml",
        "plans/:(exclude)x.yaml",
        "plans/new\nline.yaml",
        "plans/é.yaml",
        "data.bin",
        "notes.txt",
        ".cs-align.yaml",
        *[f"plans/deep/p{i}.yaml" for i in range(300)],
    ]
    given = b"".join(os.fsencode(n) + b"\0" for n in names)
    expected = subprocess.run(
        ["git", "check-attr", "--cached", "-z", "--stdin", *git_reads.CONVERSIONS],
        cwd=repo.root,
        input=given,
        capture_output=True,
        check=True,
    ).stdout
    reader = git_reads.GitReader(repo.root)
    try:
        answered = reader.conversions(names[:3]) + reader.conversions(names[3:])
        assert b"".join(f + b"\0" for f in answered) == expected
        assert answered[1:3] == [b"ident", b"set"] and b"lfs" in answered
    finally:
        reader.close()
    assert not [c for c in _children() if "check-attr" in c], _children()
    # And through `converted`, within a run and without one alike.
    paths = [repo.root / n for n in ("plans/acme.yaml", "data.bin", "notes.txt", ".cs-align.yaml")]
    alone = git_reads.converted(paths)
    with git_reads.reading():
        within = git_reads.converted(paths)
    assert (
        within
        == alone
        == {
            paths[0]: "ident",
            paths[1]: "filter=lfs",
            paths[2]: "working-tree-encoding=UTF-16",
        }
    )
    assert not [c for c in _children() if "check-attr" in c], _children()


def test_the_reader_lists_folders_as_git_ls_tree_does(repo: Repo) -> None:
    # Names taken literally (spaces, pathspec magic, a newline, non-UTF-8 bytes), modes as
    # git shows them (executable, link, folder, submodule), nested folders.
    from cs_align import repo as git_reads

    names = ["plans/a b.yaml", "plans/:(exclude)x.yaml", "plans/new\nline.yaml", "plans/é.yaml"]
    for name in names:
        repo.write(name, "x: 1\n")
    (repo.root / "plans" / "deep" / "er").mkdir(parents=True)
    repo.write("plans/deep/er/z.yaml", "z: 1\n")
    (repo.root / "plans" / "run.sh").write_text("#!/bin/sh\n")
    (repo.root / "plans" / "run.sh").chmod(0o755)
    (repo.root / "plans" / "link.yaml").symlink_to("acme.yaml")
    (repo.root / os.fsdecode(b"plans/\xff.yaml")).write_text("y: 1\n")
    repo.commit("odd names")
    blob = repo.git("rev-parse", "HEAD:plans/acme.yaml").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{blob},plans/sub")
    repo.git("commit", "-qm", "a submodule")
    commit = repo.git("rev-parse", "HEAD").strip()
    reader = git_reads.GitReader(repo.root)
    try:
        for folder in ("", "plans", "plans/deep", "plans/deep/er", "plans/none", "plans/acme.yaml"):
            where = ["--", f"{folder}/"] if folder else []
            listed = subprocess.run(
                ["git", "--literal-pathspecs", "ls-tree", "-z", commit, *where],
                cwd=repo.root,
                capture_output=True,
                check=True,
            ).stdout
            expected = {}
            for line in listed.split(b"\0")[:-1]:
                info, _, name = line.partition(b"\t")
                mode, kind, oid = info.decode().split()
                expected[name.decode("utf-8", "surrogateescape")] = (mode, kind, oid)
            assert {k: tuple(v) for k, v in reader.folder(commit, folder).items()} == expected
        recursive = subprocess.run(
            ["git", "ls-tree", "-r", "-z", "--name-only", commit, "--", "plans/"],
            cwd=repo.root,
            capture_output=True,
            check=True,
        ).stdout
        every = [n.decode("utf-8", "surrogateescape") for n in recursive.split(b"\0")[:-1]]
        assert reader.files(commit, "plans") == every
        assert reader.info("0" * 40) is None
        with pytest.raises(git_reads.GitError):
            reader.folder("0" * 40, "")
    finally:
        reader.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_a_forked_child_reads_through_a_reader_of_its_own(repo: Repo) -> None:
    # A worker forked mid-run (a batch's pool, a template's render) writing to its parent's
    # pipes would interleave its questions with the parent's: it starts its own reader.
    from cs_align import repo as git_reads

    blob = repo.git("rev-parse", "HEAD:plans/acme.yaml").strip()
    parent = git_reads.reader(repo.root)
    try:
        assert parent.contents(blob) == ("blob", ALIGNED.encode())
        pid = os.fork()
        if pid == 0:  # the child: its answer is its exit code
            ok = git_reads.reader(repo.root) is not parent
            ok = ok and git_reads.reader(repo.root).contents(blob) == ("blob", ALIGNED.encode())
            git_reads.close_readers()
            os._exit(0 if ok else 1)
        assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
        assert parent.contents(blob) == ("blob", ALIGNED.encode())
    finally:
        git_reads.close_readers()
    assert not [c for c in _children() if "cat-file" in c]


def test_what_the_change_adds_edits_deletes_and_renames_is_what_git_lists(repo: Repo) -> None:
    # One `git diff -M --name-status` a run answers what three listings answered (the files
    # added or edited, those deleted, those renamed): each kind exactly as git's own
    # --no-renames listing gives it, in its order, for the work tree and between commits.
    from cs_align import repo as git_reads

    text = "".join(f"line {i}: {'x' * 40}\n" for i in range(60))
    olds = {
        "plans/moved.yaml": text,
        "plans/a b.yaml": text.replace("x", "y"),
        "plans/gone.yaml": "gone: 1\n",
        "plans/kind.yaml": "kind: 1\n",
        "plans/edited.yaml": "edited: 1\n",
        "plans/é.yaml": text.replace("x", "z"),
        "plans/copied.yaml": text.replace("x", "w"),
        "plans.yaml": "top: 1\n",
        "plans/sub/deep.yaml": text.replace("x", "v"),
    }
    on_main(repo, olds)
    base = repo.git("rev-parse", "HEAD").strip()
    repo.git("mv", "plans/moved.yaml", "plans/now here.yaml")
    repo.git("mv", "plans/a b.yaml", "plans/new\nline.yaml")
    repo.git("mv", "plans/sub/deep.yaml", "plans/sub.yaml")
    repo.git("rm", "-q", "plans/gone.yaml")
    (repo.root / "plans" / "kind.yaml").unlink()
    (repo.root / "plans" / "kind.yaml").symlink_to("edited.yaml")
    repo.write("plans/edited.yaml", "edited: 2\n")
    repo.write("plans/é.yaml", text.replace("x", "z") + "more\n")
    repo.write("plans/copy.yaml", text.replace("x", "w"))
    repo.write("plans/added.yaml", "added: 1\n")
    repo.git("add", "plans/added.yaml", "plans/copy.yaml")
    repo.commit("the change")
    repo.write("plans/untracked.yaml", "untracked: 1\n")
    (repo.root / "plans.yaml").unlink()  # deleted in the work tree alone
    head = repo.git("rev-parse", "HEAD").strip()
    (repo.root / "plans" / "edited.yaml").write_text("edited: 3\n")  # and not committed
    repo.git("mv", "plans/copied.yaml", "plans/copied-now.yaml")  # staged, not committed

    def listed(kinds: str, *commits: str) -> list[str]:
        out = subprocess.run(
            [
                *("git", "diff", "--name-only", "--no-renames", f"--diff-filter={kinds}", "-z"),
                *("--end-of-options", *commits, "--"),
            ],
            cwd=repo.root,
            capture_output=True,
            check=True,
        ).stdout
        return [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]

    git_reads.changed.cache_clear()
    git_reads._statuses.cache_clear()
    for commits in ((base,), (base, head)):
        for kinds in ("A", "AM", "AMT", "D"):
            assert git_reads._listed(repo.root, *commits[:1], kinds, *commits[1:]) == listed(
                kinds, *commits
            ), (kinds, commits)
    assert git_reads.deleted(repo.root, base) == tuple(repo.root / n for n in listed("D", base))
    untracked = [repo.root / "plans" / "untracked.yaml"]
    assert list(git_reads.changed(repo.root, base, "AMT")) == [
        *(repo.root / n for n in listed("AMT", base)),
        *untracked,
    ]
    assert git_reads.changed(repo.root, base, to=head) == tuple(
        repo.root / n for n in listed("AM", base, head)
    )
    renamed = git_reads.renamed_to(repo.root, base)
    assert {
        str(o.relative_to(repo.root)): str(n.relative_to(repo.root)) for o, n in renamed.items()
    } == {
        "plans/moved.yaml": "plans/now here.yaml",
        "plans/a b.yaml": "plans/new\nline.yaml",
        "plans/sub/deep.yaml": "plans/sub.yaml",
        "plans/copied.yaml": "plans/copied-now.yaml",
    }
    assert "plans/kind.yaml" in listed("T", base)  # a link where a file was: typed, not edited


def test_a_commit_s_time_and_day_are_read_as_git_show_prints_them(repo: Repo) -> None:
    # The window's start (%ct) and the day that names it (%cs, in the committer's own time
    # zone) are read from the commit object through the reader, not two `git show`s a run;
    # a committer line git would read otherwise is asked of git, as before.
    from cs_align import repo as git_reads

    tree = repo.git("rev-parse", "HEAD^{tree}").strip()
    lines = [
        b"Dee <d@example.com> 1788444592 +0000",
        b"Late <l@example.com> 1788393599 +0530",  # 23:59:59 UTC: the next day in India
        b"Early <e@example.com> 1788393600 -0800",  # 00:00 UTC: the day before in California
        b"Odd <o@example.com> 1788393600 +0099",  # 99 minutes, as git reads it
        b"Far <f@example.com> 1788393600 +9959",  # past a day: asked of git
        b"Two <a@b> <c@d> 1788393600 -0000",
        b"Spaces <s@example.com>  1788393600  +0100",  # asked of git
        b"No date <n@example.com>",  # asked of git
        b"Zero <z@example.com> 0 +0000",
        b"Trailer <t@example.com> 1788393600 +0100 extra",  # asked of git
    ]
    try:
        for line in lines:
            body = b"tree %s\nauthor A <a@example.com> 1 +0000\ncommitter %s\n\nm\n" % (
                tree.encode(),
                line,
            )
            commit = (
                subprocess.run(
                    ["git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
                    cwd=repo.root,
                    input=body,
                    capture_output=True,
                    check=True,
                )
                .stdout.decode()
                .strip()
            )
            shown = repo.git("show", "-s", "--format=%ct%n%cs", commit).split("\n")[:2]
            stamped = git_reads._committed(repo.root, commit)
            if stamped is not None:
                assert [str(stamped[0]), stamped[1]] == shown, line
            else:
                assert line.endswith((b"+9959", b"  +0100", b">", b"extra")), line
            git_reads._day.cache_clear()
            assert git_reads._day(repo.root, commit) == shown[1], line
        blob = repo.git("rev-parse", "HEAD:plans/acme.yaml").strip()
        assert git_reads._committed(repo.root, blob) is None  # no commit: asked of git
        assert git_reads._committed(repo.root, "0" * 40) is None
    finally:
        git_reads.close_readers()
