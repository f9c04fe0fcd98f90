"""The Action's check and diffs (scripts/action.sh, steps 1 and 2) in one process.

`python -I -m cs_align.action --check OUT BASE ACCEPTED DIFF-ARGS...` (what the script
runs): first the check, `cs-align check` with the arguments listed in OUT/check-args
(NUL-separated), its standard output appended to OUT/check-annotations.txt and its exit
code written to OUT/check-code; then, with a BASE and the check's OUT/check.json written,
the diffs as below, the moves' notes going to OUT/notes-diffs.md (the script adds them to
the comment's notes after its own). The exit code is the diffs' (0: none were run). The
check was a `cs-align` process of its own: ~0.4 s of CPU a run spent starting Python and
importing cs-align twice. Between the two, every cache of what the check read (files, git)
is emptied, so the diffs read the repository as a process of their own would.

`python -I -m cs_align.action OUT BASE ACCEPTED DIFF-ARGS...`, with standard output appended
to OUT/diff-annotations.txt. Every plan the check read (OUT/check.json) is diffed, then every
file of OUT/gone.z (what the change deletes, changes or changes the type of, from git) that
was a plan at BASE and is no plan the check read: each as `cs-align diff DIFF-ARGS --format
markdown:OUT/diff-N.md --format sarif:OUT/diff-N.sarif --format json:OUT/diff-N.json
--format github -- PLAN` would, run by the command line's own `main`. The script started one
`cs-align diff` and, for each deleted file, two Python helpers a plan: ~0.5 s of start-up
each, most of the Action's time on a pull request of many plans.

The diffs share what they read: every one reads the same repository, unchanged, at the same
base, with the same options but the plan, so the caches of `repo` and `organisations` (the
folder's plans at the base and now, what the change adds, deletes and renames, each keyed
by the revision and folder) and the strategies loaded hold for all of them. A diff a
process read those once a plan: a pull request of N plans read a plan up to 4N times.

A deleted plan moved where the check does not read fails the run unless ACCEPTED is set (a
line in OUT/notes.md, an annotation). A diff shown once already is removed. OUT/diffs.tsv
lists each diff's Markdown kept, `blocking` (its diff exits non-zero) or `passing`, in
order; the exit code is the highest of the diffs' and of the moves', as the script took it.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cs_align import cli
from cs_align.errors import RECEIVED, Interrupted, stop_if_interrupted
from cs_align.escaping import code, github_data, github_property
from cs_align.repo import reading


def _diff(args: list[str]) -> int:
    """`cs-align ARGS` (a diff, or the check), its exit code; what it prints goes where this
    process prints."""
    saved = sys.argv
    sys.argv = ["cs-align", *args]
    try:
        # Named as the script's `cs-align diff` was: click would read `python -m
        # cs_align.action` as "python -m cs_align.cs-align" in a usage message.
        cli.main(prog_name="cs-align")
        status: object = 0
    except SystemExit as stop:
        status = stop.code
    finally:
        sys.argv = saved
        sys.stdout.flush()
        sys.stderr.flush()
    stop_if_interrupted()  # a stop ends the run, not this diff alone
    if status is None:
        return 0
    return status if isinstance(status, int) else 1


def _was_plan(base: str, path: str) -> bool:
    """Whether ``path`` was a plan at ``base``, by cs-align's own reading of its text there
    (read by `repo.git`, told the checkout's repository as every git cs-align runs is)."""
    from cs_align.discovery import kind
    from cs_align.repo import GitError, git

    try:
        # `--` after the revision: without it git refuses `BASE:PATH` when the change adds
        # a file of that name ("both revision and filename", attack50 A02).
        text = git(["show", "--end-of-options", f"{base}:{path}", "--"], Path.cwd())
    except GitError:
        return False
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / Path(path).name
        copy.write_bytes(text)
        try:
            return kind(copy) == "plan"
        except Exception as exc:  # no plan; said in a line, never a traceback
            said = f"cs-align: cannot tell whether {path} was a plan at {base}: {exc}"
            print(said, file=sys.stderr)
            return False


def _left_gate(diff: Path, gone: str, check: Path, notes: Path, accepted: str) -> bool:
    """False when the plan deleted as ``gone`` moved where the check does not read, and the
    move is not accepted: said as an annotation and in the comment's notes."""
    try:
        moved = json.loads(diff.read_text(encoding="utf-8"))["diff"]
        to = moved["plan"]["path"] if moved["status"] != "deleted" else gone
    except (OSError, ValueError, KeyError, TypeError):
        return True  # no diff to read: the diff itself has said why (exit 2)
    read = json.loads(check.read_text(encoding="utf-8"))
    gated = {p["path"] for p in read["plans"]} | {e["file"] for e in read["errors"]}
    if to == gone or to in gated:
        return True
    said = f"{gone} moved to {to}, which this workflow does not check"
    if accepted:
        why = "; accepted with --allow-policy-change"
        level, lead = "warning", "Note"
    else:
        why = (
            ": a plan that leaves the gated plans is not judged again; move it back, add its"
            " path to the plans input, or accept the move with --allow-policy-change"
        )
        level, lead = "error", "Fails the run"
    print(f"::{level} file={github_property(to)},title=cs-align::{github_data(said + why)}")
    with open(notes, "a", encoding="utf-8") as out:
        out.write(
            f"> **{lead}:** {code(gone)} moved to {code(to)}, which this workflow does not "
            f"check{why}.\n"
        )
    return bool(accepted)


def _gone(out: Path, base: str, present: list[str], words: list[str] | None = None) -> list[str]:
    """The files of gone.z that the plans ``words`` reach (None: every one), were plans at
    ``base`` and are no plan the check read."""
    found = []
    for name in (out / "gone.z").read_bytes().split(b"\0")[:-1]:
        path = os.fsdecode(name)
        if not path.lower().endswith((".yaml", ".yml")) or path in present:
            continue
        if words is not None and not any(_reaches(word, path) for word in words):
            continue
        if _was_plan(base, path):
            found.append(path)
    return found


def _gated(common: list[str]) -> list[str] | None:
    """The plans words of the run: the diffs' --gated (None when the run gives none)."""
    words = [a.removeprefix("--gated=") for a in common if a.startswith("--gated=")]
    words += [b for a, b in itertools.pairwise(common) if a == "--gated"]
    return words or None


def _reaches(word: str, path: str) -> bool:
    """Whether the plans ``word`` (a file, a folder or a glob, from the checkout's top)
    reaches ``path`` (from the top) as the check reads it: `*` within a folder's name, `**`
    any folders, none included. git's pathspec reads `*` across folders and `**/` as one
    folder at least, so `plans/**/*.yaml` left plans/acme.yaml out (review attack58)."""
    from cs_align.discovery import _MAGIC
    from cs_align.organisations import _matches

    written = Path(os.path.relpath(word)) if os.path.isabs(word) else Path(word)
    pattern = os.path.normpath(written).replace(os.sep, "/")
    if _MAGIC.search(pattern):
        return _matches(pattern, path)
    return pattern in (".", path) or path.startswith(f"{pattern}/")


def check(out: Path) -> int:
    """The Action's check, as the docstring of this module says; its exit code."""
    args = [os.fsdecode(a) for a in (out / "check-args").read_bytes().split(b"\0")[:-1]]
    sys.stdout.flush()
    said = _Said(sys.stderr)
    with open(out / "check-annotations.txt", "a", encoding="utf-8") as annotations:
        saved, sys.stdout = sys.stdout, annotations  # as `cs-align check … >> FILE` wrote
        sys.stderr = said  # what stops it, kept to be told
        try:
            status = _diff(["check", *args])
            if status == 0 and not (out / "check.json").is_file():
                status = _unjudged(out / "notes.md", "the check", "plans")
            elif not (out / "check.json").is_file():
                _stopped(out / "notes.md", status, said.text())
        finally:
            sys.stdout, sys.stderr = saved, said.stream
    (out / "check-code").write_text(f"{status}\n", encoding="utf-8")
    return status


class _Said:
    """Standard error, as it is, keeping a copy of the text written to it: as text, and as
    the UTF-8 bytes `output.write_utf8` writes to its ``buffer`` when the stream's encoding
    cannot hold a message (every message's " — "), which the copy missed: the comment then
    said only "the step's log says why" (review attack57)."""

    def __init__(self, stream: object) -> None:
        self.stream, self._text = stream, [""]

    @property
    def buffer(self) -> _SaidBytes | None:
        return _SaidBytes(self) if getattr(self.stream, "buffer", None) is not None else None

    def write(self, text: str) -> int:
        self._text.append(text)
        return int(self.stream.write(text))  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)

    def text(self) -> str:
        return "".join(self._text)


class _SaidBytes:
    """The bytes beneath a `_Said` stream, kept as text too."""

    def __init__(self, said: _Said) -> None:
        self._said = said

    def write(self, data: bytes) -> int:
        self._said._text.append(data.decode("utf-8", "replace"))
        return int(self._said.stream.buffer.write(data))  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._said.stream.buffer, name)  # type: ignore[attr-defined]


def _stopped(notes: Path, status: int, said: str) -> None:
    """A check that stopped before judging, its result unwritten (`plans/: no plan files
    found`, where the folder's only plan became a workflow, review attack57): the run failed
    with exit code 2 and a comment that said nothing but the code, the reason in the step's
    log alone. Its last line on standard error is an annotation and a line of the notes."""
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    reason = lines[-1].removeprefix("cs-align: ") if lines else "the step's log says why"
    why = f"the check stopped before judging (exit code {status}): {reason}"
    print(f"::error title=cs-align::{github_data(why)}", flush=True)
    with open(notes, "a", encoding="utf-8") as out:
        out.write(
            "> **cs-align could not judge this change:** the check stopped before judging "
            f"(exit code {status}): {code(reason)}\n"
        )


def _unjudged(notes: Path, what: str, inputs: str) -> int:
    """Exit code 2 for a command that exited 0 having written no result (review attack56b:
    `--help` in the args input printed diff's help, and each plan's guardrails went unjudged
    with exit code 0): an annotation and a line in the comment's notes say so."""
    why = (
        f"{what} exited 0 without judging (it wrote no result): a word of the {inputs} "
        "input stops it before it judges (such as --help); remove it"
    )
    print(f"::error title=cs-align::{github_data(why)}", flush=True)
    with open(notes, "a", encoding="utf-8") as out:
        out.write(f"> **cs-align could not judge this change:** {why}.\n")
    return 2


def _as_a_new_process() -> None:
    """Forget what was read (files, git, strategies): what reads next reads afresh, as a
    process of its own would. Pure caches (parsed units, rankings) stay."""
    from cs_align import organisations, repo, strategy

    strategy.load_strategy.cache_clear()
    for module in (repo, organisations):
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def gate(out: Path, base: str, accepted: str, common: list[str]) -> int:
    """The check, then every diff, as the docstring of this module says; the diffs' exit
    code."""
    _name_the_inputs()
    try:
        return _gate(out, base, accepted, common)
    finally:
        from cs_align import config

        config.FLAG_ORIGINS.clear()  # a process that goes on (a test) reads its own again


def _gate(out: Path, base: str, accepted: str, common: list[str]) -> int:
    check(out)
    if not (out / "check.json").is_file():
        return 0
    checked = json.loads((out / "check.json").read_text(encoding="utf-8"))
    rewritten = _not_as_committed(checked, base, common, out / "notes.md")
    if not base:
        return 2 if rewritten else 0
    return max(_judge_the_change(out, base, accepted, common, checked), 2 if rewritten else 0)


def _judge_the_change(
    out: Path, base: str, accepted: str, common: list[str], checked: dict[str, Any]
) -> int:
    """Every diff against ``base``, and what the workflow's inputs loosen; the exit code."""
    _as_a_new_process()
    worst = run(out, base, accepted, common, out / "notes-diffs.md")
    loosened = _say_overridden(out, base, out / "notes-diffs.md")
    for revision in _revisions(base, common):
        loosened = _off_the_base_branch(revision, out / "notes-diffs.md") or loosened
    loosened = _ungated_plans(checked, out / "notes-diffs.md") or loosened
    approved = "--approve-policy-change" in common
    if (loosened or accepted or approved) and _own_workflow(
        base, out / "notes-diffs.md", _judged(checked, base)
    ):
        worst = max(worst, 1)
    return worst


def _not_as_committed(read: dict[str, Any], base: str, common: list[str], notes: Path) -> bool:
    """Whether a file the check judged, or a YAML file the plans words reach, is on disk
    otherwise than the commit checked out holds it (changed, removed, or not in it): a pull request
    whose workflow ran `git show HEAD^1:plans/acme.yaml > plans/acme.yaml` before the gate
    had main's text judged in place of its cut, exit 0, its inputs loosening nothing
    (reattack61). The gate judges what merges; each such file is said, and the run is
    unusable (exit code 2)."""
    from cs_align.repo import GitError, git

    judged, words = _judged(read, base), _gated(common) or []
    literal = [f":(literal){name}" for name in sorted(judged)]
    try:
        listed = git(["diff", "--name-only", "-z", "--no-renames", "HEAD", "--"], Path.cwd())
        # A file the check read that the commit lacks, written by a step (a strategy file
        # the plan names, never shown in the pull request).
        if literal:
            listed += git(["ls-files", "-z", "--others", "--", *literal], Path.cwd())
    except GitError:
        return False
    names = [
        n
        for n in dict.fromkeys(os.fsdecode(listed).split("\0"))
        if n in judged
        or (n.lower().endswith((".yaml", ".yml")) and any(_reaches(w, n) for w in words))
    ]
    for name in names:
        why = (
            f"{name}: the file this run read is not the one the commit holds (a step before "
            "the gate changed or removed it): the gate judges what merges; run it on the "
            "checkout as it is, with nothing written over its files first"
        )
        print(f"::error title=cs-align::{github_data(why)}", flush=True)
        with open(notes, "a", encoding="utf-8") as written:
            written.write(
                f"> **cs-align could not judge this change:** {code(name)}: the file this run "
                "read is not the one the commit holds (a step before the gate changed or "
                "removed it).\n"
            )
    return bool(names)


def _ungated_plans(read: dict[str, Any], notes: Path) -> bool:
    """Whether the pull request adds or edits a plan the check did not read: the plans
    input of a workflow the pull request edits could name another folder (`plans: docs/`),
    and a plan raised by 16.9% past main's 5% cap went unjudged, exit 0, unsaid (gate60).
    Said as a loosening input (a warning and a note); a plan deleted or moved out of the
    gate is said by the diffs (gone.z)."""
    from cs_align.discovery import shown_name
    from cs_align.repo import GitError, git

    branch = _pull_request_base()
    if not branch:
        return False
    gated = {p["path"] for p in read["plans"]} | {e["file"] for e in read["errors"]}
    try:
        changed = git(
            [
                "diff",
                "--name-only",
                "-z",
                "--no-renames",
                "--diff-filter=ACMRT",
                f"{branch}...HEAD",
            ],
            Path.cwd(),
        )
    except GitError:
        return False  # a base the checkout lacks: the check has said so
    names = [n for n in os.fsdecode(changed).split("\0") if n.lower().endswith((".yaml", ".yml"))]
    # A plan the check refused for its name is named escaped in its errors.
    ungated = [n for n in names if n not in gated and shown_name(n) not in gated]
    if len(ungated) > _MOST_UNGATED:
        return _too_many_to_read(len(ungated), notes)
    found = [n for n in ungated if _was_plan("HEAD", n)]
    if not found:
        return False
    for name in found:
        why = f"this pull request changes {name}, a plan the plans input does not reach: unjudged"
        print(f"::warning file={github_property(name)},title=cs-align::{github_data(why)}")
    with open(notes, "a", encoding="utf-8") as written:
        written.write(
            "> **Note:** this pull request changes plans the plans input does not reach, "
            "which this run does not judge: " + ", ".join(code(n) for n in found) + ".\n"
        )
    return True


_MOST_UNGATED = 100  # files read to tell whether they are plans: a bound on a large change


def _too_many_to_read(count: int, notes: Path) -> bool:
    """Past `_MOST_UNGATED`, the files the plans input does not reach are unread, and any
    may be a plan: said, and a loosening input (100 Compose files a/000.yaml … hid a plan
    raised past main's cap from the note, which read the first 100 alone, reattack60)."""
    why = (
        f"this pull request changes {count} YAML files the plans input does not reach, "
        f"more than the {_MOST_UNGATED} read to tell whether they are plans: any of the "
        "rest may be a plan this run does not judge"
    )
    print(f"::warning title=cs-align::{github_data(why)}", flush=True)
    with open(notes, "a", encoding="utf-8") as written:
        written.write(f"> **Note:** {why}.\n")
    return True


def _pull_request_base() -> str:
    """The pull request's base branch as the checkout has it (refs/remotes/origin/BASE),
    from the event, which the pull request cannot set; on a merge queue's run, the commit
    the queue merges onto: "" where the workflow is not the change's own."""
    branch = _base_branch()
    if os.environ.get("GITHUB_EVENT_NAME") == "merge_group":
        return str(_merge_group().get("base_sha") or "")
    return f"refs/remotes/origin/{branch}" if branch else ""


def _base_branch() -> str:
    """The name of the branch the change merges into, on a run whose workflow is the
    change's own: a `pull_request` run's, or a `merge_group` run's, whose workflow is the
    merge group's commit, the pull request merged in (its watch ran on pull_request
    alone, and `base-ref: HEAD` or `fail-on: error` in the pull request's copy passed the
    queue unsaid, reattack60). "" on any other run."""
    event = os.environ.get("GITHUB_EVENT_NAME")
    if event == "pull_request":
        return os.environ.get("GITHUB_BASE_REF", "")
    if event == "merge_group":
        return str(_merge_group().get("base_ref") or "").removeprefix("refs/heads/")
    return ""


def _merge_group() -> dict[str, object]:
    """The merge_group of the run's event (the runner writes it): {} where there is none."""
    try:
        with open(os.environ.get("GITHUB_EVENT_PATH", ""), encoding="utf-8") as event:
            found = json.load(event).get("merge_group")
    except (OSError, ValueError, AttributeError):
        return {}
    return found if isinstance(found, dict) else {}


def _revisions(base: str, common: list[str]) -> list[str]:
    """The revisions the run judges by: the base, and each the args input names for the
    diffs (`--base-ref HEAD` there diffed every plan against itself, and a +16.9% budget
    passed main's 5% cap, exit 0, unsaid, gate60)."""
    named = [base]
    for flag in ("--base-ref", "--policy-ref"):
        named += [a.removeprefix(f"{flag}=") for a in common if a.startswith(f"{flag}=")]
        named += [b for a, b in itertools.pairwise(common) if a == flag]
    return list(dict.fromkeys(named))


def _off_the_base_branch(base: str, notes: Path) -> bool:
    """Whether the run judges by a revision other than the tip of the pull request's base
    branch: the base-ref input of a workflow the pull request edits could name HEAD, or a
    commit of its own, and the change was judged by its own policy, exit 0 with a dropped
    cap and +16.9% of budget, unsaid (gate60); or an older commit of the branch
    (`refs/remotes/origin/main~1`), before main tightened its cap (reattack60). Said as a
    loosening input (a warning and a note)."""
    branch = _pull_request_base()
    if not branch or base == branch:
        return False
    at, tip = _commit(base), _commit(branch)
    if at and at == tip:
        return False
    older = bool(at and tip and _is_ancestor(at, tip))

    def where(name: str) -> str:
        if older:
            return f"an older commit of the pull request's base branch {name} than its tip"
        # Not on the branch, or a branch the checkout lacks: unproven.
        return f"which the checkout does not show on the pull request's base branch {name}"

    why = (
        "its policy and plans may be looser than the branch's now"
        if older
        else "its policy and plans may be the change's own"
    )
    told = f"the workflow judges by {base}, {where(branch)}: {why}"
    print(f"::warning title=cs-align::{github_data(told)}", flush=True)
    with open(notes, "a", encoding="utf-8") as written:
        written.write(
            f"> **Note:** this run judges by {code(base)}, {where(code(branch))}: {why} (the "
            "base-ref or args input).\n"
        )
    return True


def _commit(revision: str) -> str:
    """The commit ``revision`` names in the checkout, "" where it names none."""
    from cs_align.repo import GitError, git

    try:
        found = git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
            Path.cwd(),
        )
    except GitError:
        return ""
    return found.decode("ascii", "replace").strip()


def _is_ancestor(older: str, newer: str) -> bool:
    """Whether the commit ``older`` is in ``newer``'s history."""
    from cs_align.repo import GitError, git

    try:
        git(["merge-base", "--is-ancestor", "--end-of-options", older, newer], Path.cwd())
    except GitError:
        return False
    return True


def _judged(read: dict[str, Any], base: str) -> set[str]:
    """The files the check (its JSON, ``read``) judged, by their paths from the top: its
    plans, and the policy it read (strategy and waiver files, the config). A step naming
    one reads what the policy judges; any other file a step names may set the gate's
    inputs."""
    names = {str(e["file"]) for e in read["errors"]}
    for plan in read["plans"]:
        names.update(plan.get("strategy_files", []), plan.get("waiver_files", []))
        names.update(filter(None, [plan.get("path"), plan.get("config")]))
    return {n.removeprefix(f"{base}:") for n in names}


def _own_workflow(base: str, notes: Path, judged: set[str]) -> bool:
    """Whether this `pull_request` run's workflow is one the pull request edits: its inputs
    are then the change's own, and a change that loosens its gate by them (a flag, an
    accepted or approved policy change) accepts itself. Said as an error: no input of the
    run can accept it; the workflow's change lands on its own first (review gate59)."""
    from cs_align import stepcalls
    from cs_align.repo import GitError, git

    if not _pull_request_base():
        return False  # pull_request_target and the rest run the base's workflow
    ref = os.environ.get("GITHUB_WORKFLOW_REF", "")
    owner = os.environ.get("GITHUB_REPOSITORY", "")
    path = ref.removeprefix(f"{owner}/").rpartition("@")[0] if owner else ""
    # The workflow running, and the local workflows and actions it may call (a reusable
    # workflow, a composite action wrapping cs-align), which the run takes from the pull
    # request as well: a local action is any folder's action.yml (`uses: ./tools/gate`
    # passed, review gate59, where `.github/actions/` alone was watched).
    actions = (":(glob)**/action.yml", ":(glob)**/action.yaml")
    try:
        # A local action's folder whole: its action.yml may run a script beside it
        # (`run: ${{ github.action_path }}/gate.sh`), which the pull request may edit.
        found = git(["ls-files", "-z", "--", *actions], Path.cwd())
        folders = {os.path.dirname(n) or "." for n in os.fsdecode(found).split("\0") if n}
        watched = [p for p in (path, ".github/workflows", ".github/actions", *actions) if p]
        watched += sorted(folders)
        # And what their steps run or read wherever it stands (`run: ./scripts/gate.sh`,
        # gate59; `cd ci && ./gate.sh`, `cat ci/gate-args.txt`, reattack60).
        reached = stepcalls.scripts(watched, judged)
        called = [f":(literal){name}" for name in reached.files]
        # From the pull request's own base: the base-ref input is the workflow's, which the
        # pull request may edit to name HEAD, and `HEAD...HEAD` lists nothing (gate60).
        since = _pull_request_base() or base
        listed = git(
            ["diff", "--name-only", "-z", f"{since}...HEAD", "--", *watched, *called], Path.cwd()
        )
        names = [n for n in os.fsdecode(listed).split("\0") if n]
        if reached.cut:  # past the bound, what else the steps run is unknown: not passed
            names.append(
                f"the files its steps name (more than {stepcalls.MOST}, or one over "
                f"{stepcalls.MOST_BYTES // (1 << 20)} MiB: unread)"
            )
        remote = [r for r in stepcalls.remote_workflows(watched) if not _on_the_base(r, owner)]
    except GitError:
        names, remote = ["the workflow (git cannot tell what the pull request changes)"], []
    if not names and not remote:
        return False
    why = _own_workflow_why(base, path, names, remote, str)
    print(f"::error title=cs-align::{github_data(why)}", flush=True)
    # Names as code spans in the comment: a file the pull request names
    # `.github/workflows/x<newline>> ✅ passes.yml` wrote its own lines into it.
    shown = _own_workflow_why(code(base), code(path) if path else "", names, remote, code)
    with open(notes, "a", encoding="utf-8") as written:
        written.write(f"> **Fails the run:** {shown}.\n")
    return True


def _on_the_base(called: str, owner: str) -> bool:
    """Whether a reusable workflow ``called`` (OWNER/REPO/PATH@REF) is this repository's at
    the pull request's base branch: GitHub runs the base's copy, which the pull request
    cannot edit, so its ref needs no commit id."""
    branch = _base_branch()
    path, _, ref = called.rpartition("@")
    ours = bool(owner) and path.lower().startswith(f"{owner.lower()}/")
    return ours and bool(branch) and ref in (branch, f"refs/heads/{branch}")


def _own_workflow_why(
    base: str, path: str, names: list[str], remote: list[str], show: Callable[[str], str]
) -> str:
    """Why a loosening run fails: the files of its gate the pull request edits, or the
    remote reusable workflows it takes at a branch or tag (which may set the gate's inputs
    and change with no commit of this repository, so the run cannot tell they are the
    base's). Each name as ``show`` writes it (a code span in the comment)."""
    listed = names or remote
    shown = ", ".join(map(show, listed[:3]))
    shown += f" and {len(listed) - 3} more" if len(listed) > 3 else ""
    if not names:
        return (
            f"the workflow {path or 'running this gate'} calls {shown}, a reusable workflow "
            "at a branch or tag that may set this gate's inputs and can change without this "
            f"pull request showing it, and the run loosens {base}'s policy by its inputs "
            "(above): pin it to a full commit id (@ and 40 hex digits)"
        )
    return (
        f"this pull request edits {shown}, which this gate's run takes from it (the workflow "
        f"{path or 'running it'} and the local workflows, actions and scripts it calls), and "
        f"the run loosens {base}'s policy by its inputs (above): no input of this run can "
        "accept that; merge the workflow's change on its own first"
    )


def _name_the_inputs() -> None:
    """The flags the Action passes are its inputs: a policy-overridden finding names the
    input a loosening setting was written in (`fail-on`, `args`), not "the command line"
    the workflow's author never wrote."""
    from cs_align import config

    args = os.environ.get("INPUT_ARGS", "")
    in_args = "the Action's args input"
    fail_on = "--fail-on" not in args and os.environ.get("INPUT_FAIL_ON", "")
    config.FLAG_ORIGINS.clear()
    config.FLAG_ORIGINS.update({key: in_args for key in [*config.DEFAULTS, "config"]})
    if fail_on:
        config.FLAG_ORIGINS["fail_on"] = "the Action's fail-on input"


def _overridden_notes(data: object) -> list[str]:
    """The settings each policy-overridden finding in a result (JSON) names."""
    found: list[str] = []
    if isinstance(data, dict):
        if data.get("rule") == "policy-overridden" and isinstance(data.get("message"), str):
            found += data["message"].partition(" alone: ")[2].split("; ")
        for value in data.values():
            found += _overridden_notes(value)
    elif isinstance(data, list):
        for value in data:
            found += _overridden_notes(value)
    return found


def _say_overridden(out: Path, base: str, notes: Path) -> bool:
    """Each setting of the workflow that loosens the base's policy, once: a warning
    annotation and a note at the top of the comment. The findings saying them are info, in
    a collapsed list of each plan: a pull_request run takes the workflow from the pull
    request, and `fail-on: error` or `args: --max-budget-increase 1000%` passed what the
    base's policy fails, unsaid (review gate59)."""
    said: dict[str, None] = {}
    for name in [out / "check.json", *sorted(out.glob("diff-*.json"))]:
        try:
            data = json.loads(name.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        said.update(dict.fromkeys(n for n in _overridden_notes(data) if n))
    for note in said:
        why = f"the workflow loosens {base}'s policy: {note}"
        print(f"::warning title=cs-align::{github_data(why)}", flush=True)
    if said:
        with open(notes, "a", encoding="utf-8") as written:
            written.write(
                f"> **Note:** this run does not judge by {code(base)}'s policy alone: the "
                "workflow's inputs override it (a `pull_request` run takes the workflow from "
                "the pull request): " + "; ".join(code(n) for n in said) + ".\n"
            )
    return bool(said)


def run(out: Path, base: str, accepted: str, common: list[str], notes: Path | None = None) -> int:
    """Every diff of the run, as the docstring of this module says; the exit code. Moves
    out of the gate are noted in ``notes`` (OUT/notes.md unless given)."""
    check = out / "check.json"
    present = [str(p["path"]) for p in json.loads(check.read_text(encoding="utf-8"))["plans"]]
    gone = _gone(out, base, present, _gated(common))
    worst = 0
    diffs: list[bytes] = []  # every diff shown, to show a plan's diff once
    kept: list[str] = []
    for n, plan in enumerate([*present, *gone], start=1):
        md, sarif, data = (out / f"diff-{n}.{ext}" for ext in ("md", "sarif", "json"))
        data.unlink(missing_ok=True)  # what the diff says of the plan's new path
        diff_code = _diff(
            [
                "diff",
                *common,
                "--format",
                f"markdown:{md}",
                "--format",
                f"sarif:{sarif}",
                "--format",
                f"json:{data}",
                "--format",
                "github",
                "--",
                plan,
            ]
        )
        if diff_code == 0 and not data.is_file():
            sys.stdout.flush()
            diff_code = _unjudged(notes or out / "notes.md", f"cs-align diff of {plan}", "args")
        if n > len(present):
            try:
                stays = _left_gate(data, plan, check, notes or out / "notes.md", accepted)
            except Exception as exc:  # the script's helper died here: exit 1, said in a line
                print(f"cs-align: cannot tell where {plan} moved: {exc}", file=sys.stderr)
                stays = False
            sys.stdout.flush()
            if not stays:
                worst = max(worst, 1)
        if md.is_file() and md.read_bytes() in diffs:
            md.unlink()
            sarif.unlink(missing_ok=True)
        if md.is_file():
            diffs.append(md.read_bytes())
            kept.append(f"{'blocking' if diff_code else 'passing'}\t{md}\n")
        worst = max(worst, diff_code)
    with open(out / "diffs.tsv", "w", encoding="utf-8") as listed:
        listed.writelines(kept)
    return worst


def main(argv: list[str]) -> int:
    """The exit code; a fault of this process's own is exit 2, never a finding's 1."""
    import signal

    from cs_align.errors import interrupt

    # A stop between two diffs is a stop too (each diff's main() restores these on return).
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    try:
        combined = argv[:1] == ["--check"]
        out, base, accepted, *common = argv[1:] if combined else argv
        with reading():  # one reader of the repository for the check and every diff
            if combined:
                return gate(Path(out), base, accepted, common)
            return run(Path(out), base, accepted, common)
    except Interrupted as stop:
        return 128 + stop.signum
    except Exception as exc:
        if RECEIVED:  # a stop that something caught or wrapped
            return 128 + RECEIVED[-1]
        cli._internal(exc)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
