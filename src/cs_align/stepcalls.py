"""What a gate's workflow runs beyond its own files: the scripts its steps name, and the
remote reusable workflows it takes at a branch or tag.

A `pull_request` run takes every file of the checkout from the pull request. The workflow
and its local actions are watched (`action._own_workflow`), but a step's `run:
./scripts/gate.sh` runs a script that stands anywhere, and the pull request could edit it to
pass `--max-budget-increase 1000%` while the workflow it runs in stays main's (gate59, left).
The files are read from git (the commit checked out), never through the checkout, so a
link the pull request adds reads nothing outside the repository."""

from __future__ import annotations

import os
import re
from pathlib import Path

from cs_align.repo import git

# A word of a workflow or script that may name a file: what a shell, `${{ }}` or quotes end.
_WORD = r"[A-Za-z0-9_.@+/-]+"
# Files that are cs-align's input, judged by the policy (a changed config or strategy is a
# policy change of its own), or a document: named by a step, they run nothing.
_DATA = (".yaml", ".yml", ".json", ".toml", ".csv", ".md", ".txt")
# `uses: OWNER/REPO/.github/workflows/NAME.yml@REF`: a reusable workflow of a repository.
_REMOTE_WORKFLOW = re.compile(
    r"""uses:\s*["']?([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/\.github/workflows/[^@\s"']+)@([^\s"'#]+)"""
)
# Files a command reads by itself when a step names only the command (`run: make gate`).
_IMPLIED = {
    "make": ("Makefile", "makefile", "GNUmakefile"),
    "npm": ("package.json",),
    "yarn": ("package.json",),
    "pnpm": ("package.json",),
    "tox": ("tox.ini",),
    "nox": ("noxfile.py",),
    "just": ("justfile", "Justfile", ".justfile"),
    "rake": ("Rakefile", "rakefile"),
}
_COMMIT = re.compile(r"[0-9a-f]{40}")
_MOST = 200  # scripts followed from the workflow: a bound on what a pull request makes it read


def _words(files: list[str]) -> set[str]:
    """Every word of ``files`` at HEAD that may name a file (each with its leading folders
    cut off one by one too: `$GITHUB_WORKSPACE/scripts/gate.sh` names scripts/gate.sh)."""
    if not files:
        return set()
    literal = [f":(literal){name}" for name in files]
    found = git(
        ["grep", "-h", "-o", "-I", "-E", _WORD, "HEAD", "--", *literal], Path.cwd(), ok=(1,)
    )
    words: set[str] = set()
    for word in os.fsdecode(found).splitlines():
        if "/" not in word and "." not in word:  # a command or a word (`cat LICENSE`): no script
            words.update(_IMPLIED.get(word, ()))
            continue
        parts = word.split("/")
        words.update(os.path.normpath("/".join(parts[n:])) for n in range(len(parts)))
        if "." in word and "/" not in word:  # `python -m tools.gate`: a module's files
            module = word.replace(".", "/")
            words.update(f"{module}{end}" for end in (".py", "/__main__.py", "/__init__.py"))
    return words


def _listed(pathspecs: list[str]) -> list[str]:
    """The files of the checkout that ``pathspecs`` reach (none given: every one), by their
    paths from the top, as git's index has them (the commit checked out)."""
    listed = git(["ls-files", "-z", "--", *pathspecs], Path.cwd())
    return [n for n in os.fsdecode(listed).split("\0") if n]


def _tracked() -> set[str]:
    """The files of the commit checked out, by their paths from the top."""
    return set(_listed([]))


def _runs(name: str) -> bool:
    """Whether a file a step names may be run: any but data, or a command's own file."""
    implied = any(name in files for files in _IMPLIED.values())
    return implied or not name.lower().endswith(_DATA)


def scripts(watched: list[str]) -> list[str]:
    """The files that the files of ``watched`` (pathspecs: the workflows and actions) name
    and so may run, and the files those name in turn, up to `_MOST`: scripts, never data."""
    start = _listed(watched)
    tracked, found = _tracked(), dict.fromkeys(start)
    new = start
    while new and len(found) < _MOST:
        named = (w for w in _words(new) if w in tracked and _runs(w))
        new = [w for w in sorted(named) if w not in found][: _MOST - len(found)]
        found.update(dict.fromkeys(new))
    return [n for n in found if n not in start]


def remote_workflows(watched: list[str]) -> list[str]:
    """The reusable workflows of other repositories (or of this one, at another revision)
    that the files of ``watched`` call at a branch or tag rather than a commit id: what
    they pass this gate can change with no change to this repository."""
    if not watched:
        return []
    found = git(["grep", "-h", "-I", "-E", "uses:", "HEAD", "--", *watched], Path.cwd(), ok=(1,))
    called = _REMOTE_WORKFLOW.findall(os.fsdecode(found))
    return sorted({f"{path}@{ref}" for path, ref in called if not _COMMIT.fullmatch(ref)})
