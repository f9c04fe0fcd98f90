"""Where input files come from: safe reads, the repository root, and git revisions.

Every file cs-align reads goes through :func:`read_file` (the working tree) or a
:class:`Revision` (a git commit). Both refuse anything that is not a regular file without
blocking on it, cap the size, and say what to do instead. Files that a plan, config or
strategy names must stay inside the repository root (:func:`confine`).
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import errno
import functools
import itertools
import os
import re
import stat
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, NamedTuple, Protocol

from cs_align.errors import PlanError, Problem, UsageError, close_matches, os_fix, usage

MAX_BYTES = 5_000_000
FIRST_READ = 64 * 1024
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _problem(name: str, message: str, fix: str) -> PlanError:
    return PlanError([Problem(file=name, line=0, column=0, message=message, fix=fix)])


def quoted(written: str) -> str:
    """A name in quotes as written; repr (which doubles each backslash, so `strat\\x.yaml`
    read `'strat\\\\x.yaml'`) only where it holds a character that does not print."""
    return f"'{written}'" if written.isprintable() and "'" not in written else repr(written)


def backslash_fix(written: str, fix: str) -> str:
    """The fix for a file a plan or config names that is not there: with backslashes
    (`strat\\mine.yaml`, as Windows writes paths) it says to write forward slashes, which
    every system reads as folders, where Linux and macOS (and so CI) read a backslash as
    part of a file's name (review user55: told only "not found — check the path")."""
    if "\\" not in written or os.sep == "\\":  # on Windows a backslash is a separator
        return fix
    forward = written.replace("\\", "/")
    if re.match(r"[A-Za-z]:/", forward) or forward.startswith("//"):
        return (
            f"{written} is a Windows path: name the file relative to the file that names it, "
            "with forward slashes (e.g. strategies/ours.yaml), which every system reads"
        )
    return f"write {forward}: forward slashes separate folders on every system, Windows too"


def as_folder(name: str | Path) -> str:
    """A folder named as one writes it, with its slash (`-o sub/` was told `sub is a
    folder`, a name without the slash the user wrote: review user56)."""
    return str(name).rstrip("/" + os.sep) + "/"


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((word for test, word in _KINDS if test(mode)), "not a regular file")


def near_path(path: str | Path) -> Path | None:
    """The path of a file or folder that is there, where ``path`` is not and differs from
    it by the case of its letters or a slip in a name (`Plans/acme.yaml` for
    `plans/acme.yaml`): a Mac reads both alike and CI's Linux does not, and each was told
    only "no such file — check the path" (review user60). None when nothing is that near."""

    written = Path(path)
    found = Path(written.anchor) if written.is_absolute() else Path()
    for part in written.parts[len(written.anchor and [written.anchor]) :]:
        step = found / part
        if part in ("", ".", "..") or os.path.lexists(step):
            found = step
            continue
        try:
            with os.scandir(found) as entries:  # a name's neighbours, not a whole disk's
                names = [entry.name for entry in itertools.islice(entries, 1000)]
        except OSError:
            return None
        same = [n for n in names if n.lower() == part.lower()]
        close = same or close_matches(part, names, 0.8)
        if not close:
            return None
        found = found / close[0]
    return found if found != written and os.path.lexists(found) else None


def missing_fix(path: str | Path, shown: str, *, folder: bool = False) -> str:
    """The fix for a file (or ``folder``) that is not there: the near one where there is
    one, named as the missing one is shown (its parts from the first that differs put in
    place)."""
    near = near_path(path) if "\\" not in shown else None  # backslashes: told as such
    written = Path(path).parts
    if near is None or len(near.parts) != len(written):
        return backslash_fix(shown, "check the path")
    first = next(i for i, (a, b) in enumerate(zip(written, near.parts, strict=True)) if a != b)
    tail, head = len(written) - first, Path(shown).parts
    if len(head) < tail or head[len(head) - tail :] != written[first:]:
        return backslash_fix(shown, "check the path")
    meant = f"{Path(*head[: len(head) - tail], *near.parts[first:])}{'/' if folder else ''}"
    cased = all(a.lower() == b.lower() for a, b in zip(written, near.parts, strict=True))
    return f"did you mean {meant}?" + (
        " (names are case-sensitive on Linux, as in CI)" if cased else ""
    )


def read_file(path: str | Path, name: str | None = None) -> bytes:
    """The bytes of a regular file, at most 5 MB; never blocks on a FIFO or device."""
    shown = name or str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if isinstance(path, str) and path.endswith(("/", os.sep)):
            # `promise nothere/` said "nothere: no such file" (review user56): as written.
            shown = shown if shown.endswith(("/", os.sep)) else path
            fix = "check the path; a plan is a .yaml file"
            raise _problem(shown, "no such folder", fix) from None
        raise _problem(shown, "no such file", missing_fix(path, shown)) from None
    except IsADirectoryError:
        raise _problem(shown, "is a folder, not a file", "name a .yaml file inside it") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            message, fix = (
                "is a symbolic link round a loop: it leads to no file",
                ("put the file itself there, or remove the link"),
            )
        else:
            message, fix = f"cannot be read: {exc.strerror}", os_fix(exc)
        raise _problem(shown, message, fix) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = kind_of(mode)
            fix = "name a .yaml file inside it" if stat.S_ISDIR(mode) else "name a regular file"
            raise _problem(shown, f"is {what}, not a file", fix)
        # A regular file never blocks, whatever O_NONBLOCK says. A first small read: asking
        # for the whole limit at once would allocate a 5 MB buffer for every small plan.
        raw = os.read(fd, FIRST_READ)
        if len(raw) == FIRST_READ:
            parts, size = [raw], len(raw)
            while size <= MAX_BYTES and (more := os.read(fd, MAX_BYTES + 1 - size)):
                parts.append(more)
                size += len(more)
            raw = b"".join(parts)
    except OSError as exc:
        raise _problem(shown, f"cannot be read: {exc.strerror}", "check the file") from None
    finally:
        os.close(fd)
    return _capped(raw, shown)


def _capped(raw: bytes, name: str) -> bytes:
    _within_cap(len(raw), name)
    return raw


def _within_cap(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise _problem(
            name,
            "is larger than 5 MB",
            "plans and policy files are a few kilobytes; check you named the right file",
        )


@functools.lru_cache(maxsize=1024)
def git_root(folder: Path) -> Path | None:
    """The top level of the git work tree holding ``folder`` (absolute), if any."""
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def nested_in(path: Path, top: Path) -> Path | None:
    """The git repository of its own inside ``top`` (a submodule, a nested checkout) that
    holds ``path``, if any: what lies there is no file of ``top``'s commits."""
    nested = git_root(absolute(path).parent)
    if nested is None or nested == top or not nested.is_relative_to(top):
        return None
    return nested


def linked_below(path: Path, top: Path) -> bool:
    """Whether ``path``, or a folder on its way up to ``top``, is a symbolic link."""
    here = absolute(path)
    while here != top and here.is_relative_to(top):
        if here.is_symlink():
            return True
        here = here.parent
    return False


LINKED = (
    "reached through a symbolic link now: git keeps the link, not the file, so once merged "
    "no review reads it at a trusted revision"
)
"""How ``Reviewed`` records a policy file read as the trusted revision has it, that the
change makes a symbolic link (or puts behind one) with the same text."""

NESTED = "moved into a git repository of its own (a submodule)"
"""How ``Reviewed`` records a policy file read as the trusted revision has it, that the
change moves into a submodule: its text is another repository's from then on."""


def root_of(folder: Path, fallback: Path | None = None) -> Path:
    """The repository root for files named from ``folder``: its git top level, else
    ``fallback`` (the config's folder) when ``folder`` is inside it, else ``folder``."""
    folder = resolved(folder)
    top = git_root(folder)
    if top is not None:
        return top
    if fallback is not None and folder.is_relative_to(fallback):
        return fallback
    return folder


def confine(
    path: Path,
    root: Path,
    allow_outside: bool,
    named_by: Problem,
    what: str = "file",
    reading: bool = True,
) -> Path:
    """``path`` as named, made absolute; resolved (symlinks followed), it must lie inside
    ``root``.

    The path as named is what a review compares: read at the resolved path, a policy file
    swapped for a link to another file would look unchanged. ``named_by`` says where the
    path was written; its message and fix are filled in here.
    """
    if "\0" in os.fspath(path):  # validation refuses it where it is written; never a crash
        raise UsageError(
            [
                named_by._replace(
                    message=f"{what} {named_by.message} holds a NUL character",
                    fix="write the file name as plain text, without escapes",
                )
            ]
        )
    try:
        real = resolved(path)
    except OSError as exc:  # a link round a loop (review attack31 A6: it reached stderr bare)
        raise UsageError(
            [
                named_by._replace(
                    message=f"{what} {named_by.message} cannot be read: {exc.strerror or exc}",
                    fix="name the file itself, not a symbolic link round a loop",
                )
            ]
        ) from None
    if reading and in_git_metadata(real, resolved(root)):  # git's files are no input
        # (an output there is refused where it is written, with its own words)
        raise UsageError(
            [
                named_by._replace(
                    message=f"{what} {named_by.message} resolves into the repository's "
                    f".git folder: {real}",
                    fix="name a file the repository holds, not one in .git",
                )
            ]
        )
    if allow_outside or real.is_relative_to(resolved(root)):
        _regular_or_folder(real, named_by, what)
        return absolute(path)
    raise UsageError(
        [
            named_by._replace(
                message=f"{what} {named_by.message} resolves outside the repository "
                f"({root}): {real}",
                fix="keep the files a plan, config or strategy names inside the repository, "
                "or pass --allow-outside on the command line",
            )
        ]
    )


def _regular_or_folder(real: Path, named_by: Problem, what: str) -> None:
    """A FIFO, device or socket is refused where it is named (the file and line that name
    it), not only when read, which names the FIFO alone (review user45 U06). A folder is
    left to the caller: one names a file in it, another reads plans from it."""
    try:
        mode = os.stat(real).st_mode
    except OSError:  # not there (yet): the caller says "not found", or writes it
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise UsageError(
            [
                named_by._replace(
                    message=f"{what} {named_by.message} is {kind_of(mode)}, not a file",
                    fix="name a regular file",
                )
            ]
        )


def in_git_folder(folder: Path) -> bool:
    """Whether ``folder`` is, or lies in, a `.git` folder, as written or with its links
    followed: cs-align never writes there (a config could aim `json:.git/HEAD`)."""
    return ".git" in folder.parts or ".git" in resolved(folder).parts


def in_git_metadata(real: Path, root: Path) -> bool:
    """Whether ``real`` (links followed) lies in a `.git` folder inside ``root``: git's
    config, hooks and objects are never read as a plan, config, strategy or waiver file,
    whatever link names them (as ``in_git_folder`` keeps outputs out of them)."""
    return real.is_relative_to(root) and ".git" in real.relative_to(root).parts


def resolved(path: Path) -> Path:
    """``path`` with its symbolic links followed. Links round a loop are an OSError (ELOOP),
    as opening the file would be, not the RuntimeError Python raises before 3.13: whatever
    handles an unusable file handles them too (exit 2 with the file named, never an internal
    error)."""
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


def absolute(path: Path) -> Path:
    """``path`` made absolute without resolving links: the file as it was named."""
    return Path(os.path.abspath(path))


def display(path: Path, root: Path | None = None) -> str:
    """A path as reports and annotations show it: relative to the repository root (what
    GitHub and code scanning need), else to the working directory; absolute only when it
    lies outside both."""
    text = os.fspath(path)
    if root is None and not os.path.isabs(text) and _cwd_is_root():
        normal = os.path.normpath(text)  # the common case: a plan named from the root
        if not normal.startswith(".."):
            return _readable(normal.replace(os.sep, "/"))
    real = Path(os.path.abspath(path))
    root = root or git_root(real.parent)
    for base in (root, Path.cwd()):
        if base is not None:
            try:
                return _readable(real.relative_to(base).as_posix())
            except ValueError:
                continue
    return _readable(path.as_posix())


@functools.lru_cache(maxsize=1)
def _cwd_is_root() -> bool:
    """Whether the working directory is a repository's top level (as in CI)."""
    cwd = Path.cwd()
    return git_root(cwd) == cwd


def _readable(name: str) -> str:
    """A file name whose bytes are not UTF-8 (kept by Python as lone surrogates, which no
    output can hold) with those bytes shown as \\xNN escapes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


# ---- trees: the working tree, or a git revision --------------------------------------------


class Tree(Protocol):
    """Where policy files are read: the working tree or a trusted revision."""

    def read(self, path: Path, name: str) -> bytes | None:
        """The file's bytes, or None when it does not exist there."""

    def exists(self, path: Path) -> bool: ...

    def folder(self, path: Path) -> bool:
        """Whether ``path`` is a folder there: a reference to a file that names one is
        refused where it is written, as reading it would say "is a folder" of the folder
        alone."""

    def shown(self, path: Path, name: str) -> str:
        """The name errors give a file ``read`` returned: where its bytes came from."""


class WorkTree:
    """Files as they are on disk."""

    def read(self, path: Path, name: str) -> bytes | None:
        try:
            return read_file(path, name)
        except PlanError as exc:
            if exc.problems[0].message == "no such file":
                return None
            raise

    def exists(self, path: Path) -> bool:
        # Anything by that name: reading it then says what is wrong (a folder, a FIFO).
        return path.exists()

    def folder(self, path: Path) -> bool:
        return path.is_dir()

    def shown(self, path: Path, name: str) -> str:
        return name

    def __repr__(self) -> str:
        return "WorkTree()"


WORKTREE = WorkTree()


def git(args: list[str], cwd: Path, ok: tuple[int, ...] = (), given: bytes | None = None) -> bytes:
    """Run git (with ``given`` on its standard input); a missing git or a failure becomes a
    usage error naming the command. Exit codes in ``ok`` are answers, not failures (`git
    grep` finding nothing exits 1).

    A command that takes revisions and paths is given its revisions before a `--`: without
    it git refuses a revision that is also a file's name ("both revision and filename"), and
    a pull request can add a file named as any commit of the trusted branch (review attack50
    A01: one named as the commit a quarter back hid the history that judges a staff cut)."""
    try:
        done = subprocess.run(
            ["git", *_SAFE, *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            input=given,
            stdin=subprocess.DEVNULL if given is None else None,
            env=git_env(cwd),
        )
    except FileNotFoundError:
        raise usage(
            "this needs git, which is not installed",
            "install git, or pass the base plan as a file: cs-align diff BASE PLAN",
        ) from None
    if done.returncode and done.returncode not in ok:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(detail[-1] if detail else f"git exited with {done.returncode}")
    return done.stdout


_SAFE = ("-c", "safe.bareRepository=explicit")
"""Git never takes a folder for a bare repository it was not told of (git 2.38 and later;
older versions ignore the setting, and ``git_env`` alone keeps them to the right one)."""


def git_env(cwd: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment git runs in from ``cwd``: told the repository whose `.git` holds
    ``cwd`` (GIT_DIR and GIT_WORK_TREE), so that it never looks for one itself.

    Left to look, git takes the first folder on the way up that is laid out as a repository
    (HEAD, objects/, refs/) for a bare one, `.git` or not, and obeys its `config`: a pull
    request that committed plans/HEAD, plans/objects/, plans/refs/ and a plans/config whose
    core.fsmonitor is a command ran that command when a check of plans/ asked git in plans/
    which files it ignores (review attack51 A01). A pull request cannot commit a `.git`, so
    the folder that holds one is the checkout's own."""
    env = {**os.environ, **(extra or {})}
    top = git_root(resolved(Path(cwd)))
    if top is not None:
        env["GIT_DIR"], env["GIT_WORK_TREE"] = str(top / ".git"), str(top)
    return env


class GitError(Exception):
    """A git command failed; the message is git's last line."""


class GitReader:
    """The objects of one repository (commits, trees, blobs), read by id through two
    long-lived git processes: `git cat-file --batch-check` (an object's type and size) and
    `git cat-file --batch` (its bytes); and the checkout attributes of its files, through a
    third, `git check-attr --cached -z --stdin` (see :meth:`conversions`).

    A gate run asks git many small things at a commit: a folder's entries, a file's size,
    its bytes. Each was a git process of its own (~2 ms of CPU to start), hundreds a run;
    a reader answers them all from its two processes, over pipes, and reads the trees
    itself, as `git ls-tree` lists them (modes made canonical, names taken literally).

    Lifetime: :func:`reader` makes one per repository per process, the first time a run
    reads an object there; its processes start when first asked. Every reader is closed
    (its processes ended) when the outermost :func:`reading` block ends (each command the
    command line runs is one, and so is the Action's run of all its diffs), or by
    :func:`close_readers`, and at the latest when the process exits (``atexit``). A request
    cut short (an interruption, a time limit) or a git failure closes the reader, whose
    processes could otherwise answer out of step; the next request starts them again. A
    forked child never uses its parent's readers: it makes its own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._procs: dict[str, subprocess.Popen[bytes]] = {}
        self._errors: dict[str, IO[bytes]] = {}
        self._trees: dict[str, tuple[_TreeEntry, ...]] = {}

    def info(self, name: str) -> tuple[str, int] | None:
        """The type and size of the object ``name`` (an id), or None when git has none."""
        return self._ask("--batch-check", name)

    def contents(self, name: str) -> tuple[str, bytes] | None:
        """The type and bytes of the object ``name`` (an id), or None when git has none."""
        header = self._ask("--batch", name)
        if header is None:
            return None
        kind, size = header
        out = self._procs["--batch"].stdout
        assert out is not None
        try:
            data = out.read(size + 1)  # the object, then a newline
        except BaseException:
            self.close()
            raise
        if len(data) != size + 1:
            raise self._failed("--batch")
        return kind, data[:size]

    def folder(self, treeish: str, folder: str) -> dict[str, Entry]:
        """The entries of ``folder`` ("" for the top) at ``treeish`` (a commit or tree id),
        by path from the top, as `git ls-tree TREEISH -- FOLDER/` lists them: none when
        there is no such folder there."""
        tree = self._top_tree(treeish)
        for part in folder.split("/") if folder else ():
            wanted = part.encode("utf-8", "surrogateescape")
            found = [e for e in self._tree(tree) if e.name == wanted]
            if not found or found[0].kind != "tree":
                return {}
            tree = found[0].oid
        prefix = f"{folder}/" if folder else ""
        return {
            prefix + e.name.decode("utf-8", "surrogateescape"): Entry(
                mode=e.mode, kind=e.kind, blob=e.oid
            )
            for e in self._tree(tree)
        }

    def files(self, treeish: str, folder: str) -> list[str]:
        """Every file (and submodule) under ``folder`` at ``treeish``, by path from the top,
        in the order `git ls-tree -r` lists them."""
        found = []
        for path, entry in self.folder(treeish, folder).items():
            found.extend(self.files(treeish, path) if entry.kind == "tree" else [path])
        return found

    def conversions(self, names: list[str]) -> list[bytes]:
        """What `git check-attr --cached -z --stdin` answers for ``names`` (paths from the
        top), each of CONVERSIONS a path: the path, the attribute and its value, each field
        NUL-ended, as one such process given them all prints them. One long-lived process
        answers every path of a run (one was started for each file a gate run read at the
        change: its plans, config, strategies, waivers), a path at a time: git flushes its
        answer to a pipe after each. The index's `.gitattributes` is read when it starts,
        so only a run that changes no index uses it (inside :func:`reading`)."""
        mode = _CHECK_ATTR
        proc = self._procs.get(mode) or self._start(mode)
        assert proc.stdin is not None and proc.stdout is not None
        fields: list[bytes] = []
        try:
            for name in names:
                proc.stdin.write(os.fsencode(name) + b"\0")
                proc.stdin.flush()
                for _ in range(3 * len(CONVERSIONS)):
                    field = _field(proc.stdout)
                    if field is None:
                        raise self._failed(mode)
                    fields.append(field)
        except BrokenPipeError:
            raise self._failed(mode) from None
        except GitError:
            raise
        except BaseException:
            self.close()
            raise
        return fields

    def close(self) -> None:
        """End the reader's processes (each exits when its input ends); idempotent."""
        procs, self._procs = self._procs, {}
        errors, self._errors = self._errors, {}
        for proc in procs.values():
            try:
                if proc.stdin is not None:
                    proc.stdin.close()
            except OSError:  # it has died already: its pipe is broken
                pass
        for proc in procs.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        for error in errors.values():
            error.close()

    def _top_tree(self, treeish: str) -> str:
        """The id of the tree of ``treeish`` (a commit, a tag of one, or a tree)."""
        name = treeish
        for _ in range(16):  # a tag of a tag of … a commit
            found = self.contents(name)
            kind, data = found if found is not None else ("missing", b"")
            if kind == "tree":
                self._trees.setdefault(name, _tree_entries(data, len(name) // 2))
                return name
            field = b"tree " if kind == "commit" else b"object "
            line = next((x for x in data.split(b"\n") if x.startswith(field)), None)
            if kind not in ("commit", "tag") or line is None:
                break
            name = line[len(field) :].decode("ascii")
        raise GitError(f"fatal: not a tree object: {treeish}")

    def _tree(self, oid: str) -> tuple[_TreeEntry, ...]:
        """A tree's entries, in git's order; each tree read once."""
        if oid not in self._trees:
            found = self.contents(oid)
            if found is None or found[0] != "tree":
                raise GitError(f"fatal: not a tree object: {oid}")
            self._trees[oid] = _tree_entries(found[1], len(oid) // 2)
        return self._trees[oid]

    def _ask(self, mode: str, name: str) -> tuple[str, int] | None:
        """Send ``name`` to the ``mode`` process: the type and size it answers (None: git
        has no such object)."""
        if not name or not name.isascii() or any(c.isspace() for c in name):
            raise GitError(f"fatal: not a valid object name {name!r}")  # one id a line
        proc = self._procs.get(mode) or self._start(mode)
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(name.encode("ascii") + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline()
        except BrokenPipeError:
            raise self._failed(mode) from None
        except BaseException:
            self.close()
            raise
        fields = header.decode("ascii", "replace").split()
        if len(fields) == 2 and fields[1] in ("missing", "ambiguous"):
            return None
        if len(fields) != 3 or not fields[2].isdigit():
            raise self._failed(mode)
        return fields[1], int(fields[2])

    def _start(self, mode: str) -> subprocess.Popen[bytes]:
        # git's errors, read only when it fails: a file never fills up as a pipe would.
        error = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the reader)
        try:
            command = ["check-attr", "--cached", "-z", "--stdin", *CONVERSIONS]
            proc = subprocess.Popen(
                ["git", *_SAFE, *(command if mode == _CHECK_ATTR else ["cat-file", mode])],
                cwd=self.root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=error,
                env=git_env(self.root),
            )
        except FileNotFoundError:
            error.close()
            raise usage(
                "this needs git, which is not installed",
                "install git, or pass the base plan as a file: cs-align diff BASE PLAN",
            ) from None
        except BaseException:
            error.close()
            raise
        self._procs[mode], self._errors[mode] = proc, error
        return proc

    def _failed(self, mode: str) -> GitError:
        """git's last words when its ``mode`` process stopped answering; the reader is
        closed."""
        error = self._errors.get(mode)
        said = b""
        if error is not None:
            with contextlib.suppress(subprocess.TimeoutExpired, KeyError):
                self._procs[mode].wait(timeout=10)
            error.seek(0)
            said = error.read()
        self.close()
        lines = said.decode("utf-8", "replace").strip().splitlines()
        command = "check-attr" if mode == _CHECK_ATTR else "cat-file"
        return GitError(lines[-1] if lines else f"git {command} stopped answering")

    def __repr__(self) -> str:
        return f"GitReader({self.root})"


_CHECK_ATTR = "check-attr"
"""The key of a reader's `git check-attr` process (the others are cat-file's modes)."""


def _field(out: IO[bytes]) -> bytes | None:
    """The next NUL-ended field of ``out`` (a buffered pipe), without its NUL; None at
    the end of the output."""
    parts = []
    while True:
        chunk = out.peek(1)  # type: ignore[attr-defined]
        if not chunk:
            return None
        end = chunk.find(b"\0")
        if end >= 0:
            parts.append(out.read(end + 1)[:-1])
            return b"".join(parts)
        parts.append(out.read(len(chunk)))


class _TreeEntry(NamedTuple):
    mode: str
    kind: str
    oid: str
    name: bytes


def _tree_entries(data: bytes, width: int) -> tuple[_TreeEntry, ...]:
    """A tree object's entries: `MODE NAME\\0` and the id in ``width`` bytes, each. Modes
    are made canonical and typed as git's tree walk does (`git ls-tree` shows them so)."""
    found, at = [], 0
    while at < len(data):
        space = data.index(b" ", at)
        end = data.index(b"\0", space)
        mode = _canonical(int(data[at:space], 8))
        oid = data[end + 1 : end + 1 + width].hex()
        kind = {0o040000: "tree", 0o160000: "commit"}.get(mode, "blob")
        name = data[space + 1 : end]
        found.append(_TreeEntry(mode=f"{mode:06o}", kind=kind, oid=oid, name=name))
        at = end + 1 + width
    return tuple(found)


def _canonical(mode: int) -> int:
    """git's canon_mode: a regular file is 100644 or 100755, links, folders and
    submodules are their type alone."""
    kind = mode & 0o170000
    if kind == 0o100000:
        return 0o100755 if mode & 0o100 else 0o100644
    return kind if kind in (0o120000, 0o040000) else 0o160000


_READERS: dict[Path, GitReader] = {}
_OWNER = [os.getpid()]
_DEPTH = [0]


def reader(root: Path) -> GitReader:
    """The reader of the repository at ``root`` (see :class:`GitReader`)."""
    if _OWNER[0] != os.getpid():  # a forked child: the readers are its parent's
        _READERS.clear()
        _OWNER[0] = os.getpid()
    if root not in _READERS:
        _READERS[root] = GitReader(root)
    return _READERS[root]


def close_readers() -> None:
    """Close every reader of this process (see :class:`GitReader`)."""
    if _OWNER[0] != os.getpid():
        _READERS.clear()
        return
    while _READERS:
        _READERS.popitem()[1].close()


atexit.register(close_readers)


@contextlib.contextmanager
def reading() -> Iterator[None]:
    """A run that reads git: its readers are closed when the outermost block ends."""
    _DEPTH[0] += 1
    try:
        yield
    finally:
        _DEPTH[0] -= 1
        if not _DEPTH[0]:
            close_readers()


@functools.lru_cache(maxsize=64)
def anchor_of(rev: Revision, relative: str, days: int) -> Revision | None:
    """The revision a file is compared at over the ``days`` before ``rev``'s commit, along
    its first-parent history (the changes merged into the trusted branch): the commit at the
    start of that window when the file was there, else the first commit in it that has the
    file (None: no history to read, or the file is not in it). Named "REF on 2026-09-02",
    the day of that commit."""
    start = ["--first-parent", "--end-of-options", rev.commit]
    try:
        since = _since(rev, days)
        found = _last_before(rev.root, rev.commit, since).split()
        if not found and (cut := _cut_short(rev)) is not None:
            raise _problem(
                rev.ref,
                f"its history is cut short at {cut} (a shallow clone), so what it held "
                f"{days} days before its commit, which judges a staff cut, cannot be read",
                "fetch the whole history (actions/checkout: fetch-depth: 0, or "
                "git fetch --unshallow)",
            )
        if found and _has(rev.root, found[0].decode(), relative):
            commit = found[0].decode()
        else:
            # The name literally: `plans/*.yaml` is a file's name, not a pattern (attack50 A03).
            listing = ["--literal-pathspecs", "rev-list", "--reverse", f"--since={since}"]
            added = git([*listing, *start, "--", relative], rev.root).split()
            if not added or not _has(rev.root, added[0].decode(), relative):
                return None
            commit = added[0].decode()
        return _on_day(rev, commit)
    except (GitError, ValueError):
        return None


@functools.lru_cache(maxsize=64)
def _since(rev: Revision, days: int) -> int:
    """The time (seconds since the epoch) ``days`` before ``rev``'s commit: where the window
    that ``anchor_of``, ``window_start`` and ``changes_of`` read begins."""
    stamped = _committed(rev.root, rev.commit)
    if stamped is not None:
        return stamped[0] - days * 86400
    dated = ["show", "-s", "--format=%ct", "--end-of-options", rev.commit, "--"]
    return int(git(dated, rev.root)) - days * 86400


def _on_day(rev: Revision, commit: str) -> Revision:
    """``commit`` of ``rev``'s repository, named "REF on 2026-09-02" by its day."""
    return _at(rev, commit, f"{rev.ref} on {_day(rev.root, commit)}")


@functools.lru_cache(maxsize=64)
def _day(root: Path, commit: str) -> str:
    """The day of ``commit`` (its committer's date, 2026-09-02), asked of git once a run: a
    gate run names the same window's start for every plan."""
    stamped = _committed(root, commit)
    if stamped is not None:
        return stamped[1]
    return (
        git(["show", "-s", "--format=%cs", "--end-of-options", commit, "--"], root).decode().strip()
    )


_STAMP = re.compile(rb"(\d+) ([+-])(\d\d)(\d\d)")


def _committed(root: Path, commit: str) -> tuple[int, str] | None:
    """When ``commit`` (an id) was committed, read from its object through the repository's
    reader: seconds since the epoch and the day in the committer's own time zone, what `git
    show -s --format=%ct` and `%cs` print (two git processes a gate run). None where the
    object is no commit or its committer line is not as git writes it (``_since`` and
    ``_day`` then ask git)."""
    try:
        found = reader(root).contents(commit)
    except GitError:
        return None
    if found is None or found[0] != "commit":
        return None
    header = found[1].split(b"\n\n", 1)[0]
    line = next((x for x in header.split(b"\n") if x.startswith(b"committer ")), None)
    if line is None or b">" not in line:
        return None
    stamp = _STAMP.fullmatch(line.rpartition(b">")[2].removeprefix(b" "))
    if stamp is None:
        return None
    seconds, sign = int(stamp[1]), -1 if stamp[2] == b"-" else 1
    try:
        zone = dt.timezone(sign * dt.timedelta(hours=int(stamp[3]), minutes=int(stamp[4])))
        day = dt.datetime.fromtimestamp(seconds, zone).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None
    return seconds, day


@functools.lru_cache(maxsize=64)
def _last_before(root: Path, commit: str, since: int) -> bytes:
    """The last commit on ``commit``'s first-parent history made before ``since`` (seconds
    since the epoch), as `git rev-list -1` prints it (nothing: none). Asked once a run:
    every plan's window starts at the same commit."""
    start = ["--first-parent", "--end-of-options", commit, "--"]
    return git(["rev-list", "-1", f"--before={since}", *start], root)


@functools.lru_cache(maxsize=8)
def _shallow(root: Path) -> bool:
    """Whether ``root``'s repository is a shallow clone, asked of git once a run."""
    return git(["rev-parse", "--is-shallow-repository"], root).strip() == b"true"


def _at(rev: Revision, commit: str, ref: str) -> Revision:
    """Another commit of ``rev``'s history with the folders and files the run gates (a
    plan the run does not gate is no plan of the organisation's at the window's start
    either: review fix54g item 5)."""
    return Revision(root=rev.root, commit=commit, ref=ref, gated=rev.gated, within=rev.within)


@functools.lru_cache(maxsize=16)
def window_start(rev: Revision, days: int) -> Revision | None:
    """The commit on ``rev``'s first-parent history at the start of the ``days`` before its
    commit (None: no history that old), named as ``anchor_of`` names one."""
    try:
        found = _last_before(rev.root, rev.commit, _since(rev, days))
        return _on_day(rev, found.split()[0].decode()) if found.split() else None
    except (GitError, ValueError):
        return None


@functools.lru_cache(maxsize=64)
def changes_of(rev: Revision, relative: str, days: int) -> tuple[Revision, ...]:
    """The commits on ``rev``'s first-parent history within the ``days`` before its commit
    that changed the file at ``relative``, oldest first, each named as ``anchor_of`` names
    one: where a window that cannot start at its first day (the plan's strategy or currency
    changed since) starts instead, at the first that has what the plan has now."""
    try:
        listing = ["--literal-pathspecs", "log", "--first-parent", "--reverse"]
        listing += [f"--since={_since(rev, days)}", "--format=%H %cs", "--end-of-options"]
        listing += [rev.commit]
        found = git([*listing, "--", relative], rev.root).decode().split("\n")
    except (GitError, ValueError):
        return ()
    pairs = [line.split(" ", 1) for line in found if line.strip()]
    return tuple(_at(rev, commit, f"{rev.ref} on {day}") for commit, day in pairs)


def _cut_short(rev: Revision) -> str | None:
    """The day ``rev``'s first-parent history ends at a shallow clone's boundary, or None
    when it is whole (review attack50 A04: in a `--depth 1` checkout the history was read
    as that of a young repository, and a staff cut judged with none passed)."""
    if not _shallow(rev.root):
        return None
    where = git(["rev-parse", "--git-path", "shallow"], rev.root).decode().strip()
    try:
        boundary = set(Path(rev.root, where).read_text(encoding="ascii").split())
    except (OSError, UnicodeDecodeError):
        return "an unknown commit"
    walked = git(["rev-list", "--first-parent", "--end-of-options", rev.commit, "--"], rev.root)
    ends = [c for c in walked.decode().split() if c in boundary]
    if not ends:
        return None
    return f"{ends[0][:12]} of {_day(rev.root, ends[0])}"


def _has(root: Path, commit: str, relative: str) -> bool:
    """Whether ``commit`` holds a file (or folder) at ``relative``."""
    return relative.rpartition("/")[2] != "" and relative in _folder(
        root, commit, relative.rpartition("/")[0]
    )


class Revision(NamedTuple):
    """A git commit of the repository at ``root``: the trusted side of a review."""

    root: Path
    commit: str
    ref: str
    gated: tuple[str, ...] = ()
    """The top folders one run gates together (two or more, sorted; see
    ``organisations.gated_with``): an organisation's plans in any of them are counted as
    one folder's, so a line moved between them is no line gone."""
    within: tuple[tuple[str, str], ...] = ()
    """The files one run gates in a top folder it gates in part (top folder, pattern from the
    repository's top: a glob as written, a folder's files as ``folder/**``, a plan named;
    see ``organisations.gated_with``): a plan of that folder none of them matches is no
    plan of the gated organisation's (a plan beside it that the run never judges)."""
    read_as: tuple[tuple[str, bytes], ...] = ()
    """Files read as given here in place of the commit's (path from the root, bytes): the
    plan at the start of the gate's window read under the strategies the trusted plan
    declares now (``policy._as_declared``), for every comparison that reads it there."""
    now_at: str = ""
    """A commit whose plans stand for the work tree's where a comparison reads the plans
    "now" ("": the work tree's): the trusted commit, when the gate asks whether the trusted
    branch itself took a lever past its tolerance since this one (``policy._over_window``)."""

    def shown(self, path: Path, name: str) -> str:
        """Every file read here is the revision's: ``REF:name``."""
        prefix = f"{self.ref}:"
        return name if name.startswith(prefix) else prefix + name

    def relative(self, path: Path) -> str | None:
        """``path`` relative to the repository root, or None when it lies outside.

        Links are followed only up to the root (a workspace reached through a symlinked
        folder, macOS's /tmp): below it, the path is the tree's own, so a link the change
        adds inside the repository is read as git has it, never as where it points."""
        normal = Path(os.path.normpath(path if path.is_absolute() else Path.cwd() / path))
        base = Path(os.path.normpath(self.root))
        if not normal.is_relative_to(base):
            real_root = resolved(self.root)
            found = [p for p in normal.parents if resolved(p) == real_root]
            if not found:
                return None
            base = found[0]
        return PurePosixPath(*normal.relative_to(base).parts).as_posix()

    def read(self, path: Path, name: str) -> bytes | None:
        relative = self.relative(path)
        if relative is not None and relative in dict(self.read_as):
            return dict(self.read_as)[relative]
        entry = None if relative is None else self._entry(relative)
        if entry is None:
            return None
        where = f"{self.ref}:{relative}"
        if entry.kind != "blob" or entry.mode not in _REGULAR:
            what = "a symbolic link" if entry.mode == "120000" else _TREE_KINDS[entry.kind]
            raise _problem(where, f"is {what}, not a file", "name a regular file")
        kept = _kept(self.root)
        if entry.blob in kept:  # read already: the same id is the same bytes
            return kept[entry.blob]
        try:
            _within_cap(_size(self.root, entry.blob), where)  # a huge blob is refused unread
            return kept.keep(entry.blob, _blob(self.root, entry.blob))
        except GitError as exc:
            raise _problem(where, f"cannot be read from git ({exc})", _FETCHED) from None

    def read_many(self, paths: Iterable[Path]) -> dict[Path, bytes]:
        """The regular files among ``paths`` at this commit, each as ``read`` gives it,
        read by two git processes however many there are (`read` takes two a file: a
        folder of 200 plans was 400). What ``read`` refuses (a link, a folder, a
        submodule, a file over 5 MB, a blob git cannot give) is left out."""
        listed = list(paths)
        wanted = {}
        for path in listed:
            relative = self.relative(path)
            entry = None if relative is None else self._entry(relative)
            if entry is not None and entry.kind == "blob" and entry.mode in _REGULAR:
                wanted[path] = entry.blob
        try:
            found = _blobs(self.root, tuple(sorted(set(wanted.values()))))
        except GitError as exc:
            raise _problem(self.ref, f"cannot be read from git ({exc})", _FETCHED) from None
        read = {path: found[blob] for path, blob in wanted.items() if blob in found}
        given = dict(self.read_as)
        for path in listed if given else ():
            relative = self.relative(path)
            if relative is not None and relative in given:
                read[path] = given[relative]
        return read

    def exists(self, path: Path) -> bool:
        relative = self.relative(path)
        return relative is not None and self._entry(relative) is not None

    def folder(self, path: Path) -> bool:
        relative = self.relative(path)
        entry = None if relative is None else self._entry(relative)
        return entry is not None and entry.kind == "tree"

    def link(self, path: Path) -> str | None:
        """Where a symbolic link at ``path`` leads at this commit, as it is written (None: no
        link there)."""
        relative = self.relative(path)
        entry = None if relative is None else self._entry(relative)
        if entry is None or entry.mode != "120000":
            return None
        try:
            return _blob(self.root, entry.blob).decode("utf-8", "surrogateescape")
        except GitError:
            return None

    def _entry(self, relative: str) -> Entry | None:
        """The file or folder at ``relative``, or None."""
        folder = relative.rpartition("/")[0]
        try:
            return _folder(self.root, self.commit, folder).get(relative)
        except GitError as exc:
            where = f"{self.ref}:{folder or '.'}"
            raise _problem(where, f"cannot be listed from git ({exc})", _FETCHED) from None

    def __repr__(self) -> str:
        return f"Revision({self.ref})"

    def renamed_from(self, path: Path) -> Path | None:
        """Where ``path`` was at this commit, when the working tree renamed or moved it
        (git's rename detection: the same plan, mostly unchanged, under a new name)."""
        relative = self.relative(path)
        if relative is None:
            return None
        old = _renames(self.root, self.commit).get(relative)
        return self.root / old if old else None


class Entry(NamedTuple):
    """A tree entry at a commit, as `git ls-tree` lists it."""

    mode: str
    kind: str
    """blob, tree (a folder) or commit (a submodule)."""
    blob: str


_TREE_KINDS = {"blob": "a file", "tree": "a folder", "commit": "a submodule"}
_FETCHED = "check that the revision was fetched whole (actions/checkout: fetch-depth: 0)"


@functools.lru_cache(maxsize=256)
def _folder(root: Path, commit: str, folder: str) -> dict[str, Entry]:
    """One folder's entries at ``commit`` by path, listed once: a run asks after many files
    in few folders (config discovery walks up from each plan)."""
    # Names are taken literally (a folder named like pathspec magic, ":(exclude)…", is just
    # a name), and no blob is fetched for its size in a partial clone.
    return reader(root).folder(commit, folder)


_REGULAR = ("100644", "100755")
"""The modes of a regular file in a git tree."""


class _Kept(dict[str, bytes]):
    """Blobs read so far, by id: an id names its bytes. Up to KEPT_BYTES of them; past
    that, a blob is read again when asked for."""

    size = 0

    def keep(self, blob: str, data: bytes) -> bytes:
        if blob not in self and self.size + len(data) <= KEPT_BYTES:
            self[blob] = data
            self.size += len(data)
        return data


KEPT_BYTES = 64 * 1024 * 1024


@functools.lru_cache(maxsize=4)
def _kept(root: Path) -> _Kept:
    """The blobs of ``root``'s repository read so far (only blobs under the size cap are
    read). A gate run reads the plans of a folder at the trusted revision for several
    checks of every plan: `check --policy-ref` of 20 plans started 80 git processes
    re-reading them, each plan read 21 times."""
    return _Kept()


def _blobs(root: Path, blobs: tuple[str, ...]) -> dict[str, bytes]:
    """Blobs by id, those not read already asked of the repository's reader: each one's
    size, then its bytes if under the size cap. A blob git does not have is left out, as
    `read` leaves out a file it cannot read; git itself failing is a GitError (review
    final22: one missing blob emptied the read, and a repository with plans looked like one
    without)."""
    kept = _kept(root)
    found = {blob: kept[blob] for blob in blobs if blob in kept}
    for blob in (blob for blob in blobs if blob not in kept):
        info = reader(root).info(blob)
        if info is not None and info[0] == "blob" and info[1] <= MAX_BYTES:
            got = reader(root).contents(blob)
            if got is not None:
                found[blob] = kept.keep(blob, got[1])
    return found


@functools.lru_cache(maxsize=64)
def _size(root: Path, blob: str) -> int:
    info = reader(root).info(blob)
    if info is None:
        raise GitError(f"fatal: Not a valid object name {blob}")
    return info[1]


@functools.lru_cache(maxsize=8)
def _blob(root: Path, blob: str) -> bytes:
    got = reader(root).contents(blob)
    if got is None or got[0] != "blob":
        raise GitError(f"fatal: Not a valid object name {blob}")
    return got[1]


@functools.lru_cache(maxsize=16)
def deleted(root: Path, commit: str) -> tuple[Path, ...]:
    """Files at ``commit`` that the work tree no longer has (removed, or renamed away)."""
    return tuple(root / name for name in _listed(root, commit, "D"))


@functools.lru_cache(maxsize=16)
def changed(root: Path, commit: str, kinds: str = "AM", to: str = "") -> tuple[Path, ...]:
    """Files the work tree adds ("A") or edits ("M") since ``commit``, committed or not
    (git's renames count as added: --no-renames); untracked files count as added. With
    ``to`` (a commit), the files that commit adds or edits since ``commit`` instead."""
    names = _listed(root, commit, kinds, to)
    if not to:
        names += _untracked(root).decode("utf-8", "surrogateescape").split("\0")
    return tuple(root / name for name in dict.fromkeys(names) if name)


def _listed(root: Path, commit: str, kinds: str, to: str = "") -> list[str]:
    """The files of ``kinds`` (status letters: A, D, M, T) between ``commit`` and the work
    tree (or the commit ``to``), as `git diff --name-only --no-renames --diff-filter=KINDS`
    lists them (in git's order, by the bytes of their paths): a rename is the deletion of
    its old path and the addition of its new one, as git pairs them only from those."""
    names = set()
    for status, old, new in _statuses(root, commit, to):
        if status in ("R", "C"):  # a copy's source stays: it is no deletion
            if status == "R" and "D" in kinds:
                names.add(old)
            if "A" in kinds:
                names.add(new)
        elif status in kinds:
            names.add(new)
    return sorted(names, key=lambda name: name.encode("utf-8", "surrogateescape"))


@functools.lru_cache(maxsize=16)
def _statuses(root: Path, commit: str, to: str = "") -> tuple[tuple[str, str, str], ...]:
    """(status letter, old path, new path) of each file changed between ``commit`` and the
    work tree (or the commit ``to``), renames found (`git diff -M --name-status`): asked of
    git once a run, for the files added, edited, deleted and renamed alike (each was a git
    process of its own, 3 a gate run)."""
    out = git(
        [
            *("diff", "-M", "--name-status", "-z", "--end-of-options"),
            *((commit, to) if to else (commit,)),
            "--",
        ],
        root,
    )
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    found, at = [], 0
    while at + 1 < len(fields):
        status = fields[at][:1]
        if status in ("R", "C"):
            found.append((status, fields[at + 1], fields[at + 2]))
            at += 3
        else:
            found.append((status, fields[at + 1], fields[at + 1]))
            at += 2
    return tuple(found)


@functools.lru_cache(maxsize=4)
def _untracked(root: Path) -> bytes:
    """The work tree's untracked files (not ignored), NUL-separated, listed once a run."""
    return git(["ls-files", "-z", "--others", "--exclude-standard"], root)


@functools.lru_cache(maxsize=16)
def files_at(root: Path, commit: str, folder: str) -> tuple[Path, ...]:
    """Every file at ``commit`` under ``folder`` ("" for the whole tree)."""
    return tuple(root / name for name in reader(root).files(commit, folder))


def renamed_to(root: Path, commit: str, to: str = "") -> dict[Path, Path]:
    """Old path → new path of each file the work tree (or the commit ``to``) renamed since
    ``commit``."""
    return {root / old: root / new for new, old in _renames(root, commit, to).items()}


def _renames(root: Path, commit: str, to: str = "") -> dict[str, str]:
    """New path → old path for every file renamed between ``commit`` and the work tree (or
    the commit ``to``)."""
    return {new: old for status, old, new in _statuses(root, commit, to) if status == "R"}


@functools.lru_cache(maxsize=8)
def lacks_tip(root: Path, commit: str) -> bool:
    """Whether the work tree's HEAD lacks ``commit`` in its history: a branch behind the
    revision it is judged by, which the change is then judged apart from (review attack52
    A03's class outside the Action). False where git cannot tell (no HEAD yet, or a shallow
    clone, whose cut history holds no commit before its tip)."""
    try:
        if _shallow(root):
            return False
        ahead = git(["rev-list", "-n", "1", "--end-of-options", f"HEAD..{commit}", "--"], root)
    except GitError:
        return False
    return bool(ahead.strip())


def revision(ref: str, where: Path | None = None) -> Revision:
    """Resolve ``ref`` to a commit of the repository holding ``where`` (or the cwd)."""
    if not ref or ref.startswith("-"):
        raise usage(
            f"{ref!r} is not a git revision",
            "name a branch, tag or commit, e.g. refs/remotes/origin/main",
        )
    folder = resolved(where or Path.cwd())
    root = git_root(folder if folder.is_dir() else folder.parent)
    if root is None:
        raise usage(
            f"{folder} is not inside a git repository, so {ref!r} cannot be read",
            "run from a git checkout, or pass the base plan as a file",
        )
    return Revision(root=root, commit=_commit_of(root, ref), ref=ref)


@functools.lru_cache(maxsize=16)
def _commit_of(root: Path, ref: str) -> str:
    """The commit ``ref`` names in ``root``'s repository, refused if ambiguous; resolved
    once a run (the Action's diffs each resolve the base, a diff more than once)."""
    # git warns of an ambiguous name on stderr and goes on with its own choice; the warning
    # is asked for (a repository may turn it off) and read in git's own words (LC_ALL=C).
    verify = ["-c", "core.warnAmbiguousRefs=true", "rev-parse", "--verify", "--end-of-options"]
    try:
        commit, warnings = _git_with_warnings([*verify, f"{ref}^{{commit}}"], root)
    except GitError:
        raise usage(
            f"{ref!r} is not a commit in {root}",
            "check the ref (e.g. refs/remotes/origin/main) and that it was fetched "
            "(fetch-depth: 0)",
        ) from None
    _unambiguous(ref, root, warnings)
    return commit.decode().strip()


_AMBIGUOUS = re.compile(r"refname '(.*?)' is ambiguous")
_FULL_ID = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
_SHORT_ID = re.compile(r"[0-9a-fA-F]{4,64}")
_LEADING_NAME = re.compile(r"[^~^:@]+")
_PREFERENCE = ("refs/remotes/", "refs/heads/", "refs/tags/")


def _unambiguous(ref: str, root: Path, warnings: str) -> None:
    """Refuse ``ref`` when git could mean more than one thing by a name in it.

    git looks a short name up as refs/NAME, refs/tags/NAME, refs/heads/NAME,
    refs/remotes/NAME and refs/remotes/NAME/HEAD, takes the first it finds and only warns:
    a tag `origin/main` shadows the remote-tracking branch origin/main, so whoever can push
    a tag would choose the trusted side. A full commit id is never ambiguous (git always
    reads it as the commit), nor is a full refname that exists as written."""
    names = dict.fromkeys(_AMBIGUOUS.findall(warnings))
    leading = _LEADING_NAME.match(ref)
    if leading:  # the name before any ~, ^, :, @{…}: checked whatever git's warnings say
        names[leading.group()] = None
    for name in names:
        if _FULL_ID.fullmatch(name):
            continue
        found = _candidates(name, root)
        if name.startswith("refs/") and name in found:
            continue
        if name.startswith("refs/") and found:
            # A full name that does not exist as written is looked up as a short one: a tag
            # `refs/remotes/origin/main` would stand in for a branch a checkout lacks.
            raise usage(
                f"{ref!r}: there is no {name} in this checkout; git would read it as "
                f"{' and '.join(found)}",
                "fetch the branch (actions/checkout with fetch-depth: 0), or name a full commit id",
            )
        if len(found) < 2 and name not in _AMBIGUOUS.findall(warnings):
            continue
        if len(found) < 2:  # the other thing is no ref: a commit id, or git's own HEAD
            other = "a commit whose id starts with" if _SHORT_ID.fullmatch(name) else "git's own"
            found.append(f"{other} {name}")
        full = next((f for p in _PREFERENCE for f in found if f.startswith(p)), "")
        raise usage(
            f"{ref!r} is ambiguous: git finds {name!r} as {' and '.join(found)} "
            "and would take one of them silently",
            f"write the full name of the one you mean{f', e.g. {full}' if full else ''}, "
            "or a full commit id",
        )


def _candidates(name: str, root: Path) -> list[str]:
    """The refs git would take ``name`` for, in git's order of lookup."""
    wanted = [
        f"refs/{name}",
        f"refs/tags/{name}",
        f"refs/heads/{name}",
        f"refs/remotes/{name}",
        f"refs/remotes/{name}/HEAD",
    ]
    if name.startswith("refs/"):
        wanted.insert(0, name)
    out = git(["for-each-ref", "--format=%(refname)", *wanted], root)
    present = set(out.decode("utf-8", "surrogateescape").splitlines())
    return [w for w in dict.fromkeys(wanted) if w in present]


def _git_with_warnings(args: list[str], cwd: Path) -> tuple[bytes, str]:
    """Run git as :func:`git` does; its output and what it wrote to stderr."""
    env = git_env(cwd, {"LC_ALL": "C", "LANGUAGE": "C"})
    try:
        done = subprocess.run(
            ["git", *_SAFE, *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    except FileNotFoundError:
        raise usage(
            "this needs git, which is not installed",
            "install git, or pass the base plan as a file: cs-align diff BASE PLAN",
        ) from None
    warnings = done.stderr.decode("utf-8", "replace")
    if done.returncode:
        detail = warnings.strip().splitlines()
        raise GitError(detail[-1] if detail else f"git exited with {done.returncode}")
    return done.stdout, warnings


CONVERSIONS = ("ident", "filter", "working-tree-encoding")
"""Checkout attributes that make a file on disk say something else than the blob git holds:
`ident` rewrites `$Id: …$`, a filter runs a program over it, an encoding re-encodes it. Line
endings (`text`, `eol`) are left: a plan reads the same with CRLF as with LF."""


def converted(paths: Iterable[Path]) -> dict[Path, str]:
    """The files among ``paths`` that git converts on checkout, each with the attribute that
    does (`ident`, `filter=lfs`): one `git check-attr` a repository. Under review the gate
    must judge what the change commits, and a `.gitattributes` the change adds decides what
    a checkout shows (review attack29 A01: `plans/*.yaml ident` turned a `$Id: …$` inside a
    quoted promise into a blob id, and the doubled budget after it into the promise's text:
    the gate read the base's budget while the commit doubled it)."""
    by_root: dict[Path, dict[str, Path]] = {}
    for path in paths:
        lexical = Path(os.path.abspath(path))
        root = git_root(lexical.parent)
        if root is not None:
            name = PurePosixPath(*lexical.relative_to(root).parts).as_posix()
            by_root.setdefault(root, {})[name] = path
    found: dict[Path, str] = {}
    for root, named in by_root.items():
        try:
            # --cached: the .gitattributes a checkout applies, the index's (review attack30
            # B01: one that converts itself read one way on disk and another to checkout).
            # Within a run, asked of the repository's one check-attr process.
            if _DEPTH[0]:
                out = b"".join(f + b"\0" for f in reader(root).conversions(list(named)))
            else:
                given = b"".join(os.fsencode(name) + b"\0" for name in named)
                out = git(
                    ["check-attr", "--cached", "-z", "--stdin", *CONVERSIONS], root, given=given
                )
        except GitError as exc:
            raise _problem(
                display(root),
                f"git cannot say how it checks files out ({exc})",
                "run the review in a git checkout, with git installed",
            ) from None
        fields = [os.fsdecode(field) for field in out.split(b"\0")]
        for name, attribute, value in zip(fields[0::3], fields[1::3], fields[2::3], strict=False):
            if value not in ("unspecified", "unset"):
                found.setdefault(
                    named[name], attribute if value == "set" else f"{attribute}={value}"
                )
    return found


def conversion_problem(path: Path, how: str) -> Problem:
    """Why a file git converts on checkout cannot be judged under review."""
    return Problem(
        file=display(path),
        line=0,
        column=0,
        message=f"git converts this file on checkout ({how} in .gitattributes), so the file on "
        "disk is not the one the change commits: under review the gate judges what merges",
        fix=f"remove {how.partition('=')[0]} for it from .gitattributes (plans, configs, "
        "strategies and waivers are read as committed)",
    )


def refuse_converted(paths: Iterable[Path]) -> None:
    """Refuse (exit 2) files under review that git converts on checkout."""
    problems = [conversion_problem(path, how) for path, how in converted(paths).items()]
    if problems:
        raise PlanError(problems)


def same_name(file: str, names: Iterable[str]) -> str | None:
    """The name among ``names`` that a case-insensitive, normalising file system (macOS,
    Windows) takes for ``file``, if any."""
    folded = fold(file)
    return next((n for n in sorted(names) if fold(n) == folded), None)


def from_top(root: Path, folder: Path) -> str:
    """``folder`` (inside ``root``) as git names it, from the repository's top: "" for the
    top itself."""
    parts = folder.relative_to(root).parts
    return PurePosixPath(*parts).as_posix() if parts else ""


def fold(name: str) -> str:
    """``name`` as a case-insensitive, normalising file system (macOS, Windows) compares it."""
    return unicodedata.normalize("NFC", name).casefold()


def tracked_files(root: Path) -> list[str]:
    """Every file git's index holds in the repository at ``root``, by its path from the top
    (one `git ls-files`; none where git cannot list them)."""
    try:
        listed = git(["ls-files", "-z"], root)
    except GitError:
        return []
    return [name for name in os.fsdecode(listed).split("\0") if name]


def folded_folders(root: Path, inside: str, folder: Path, tracked: Iterable[str]) -> list[Problem]:
    """A problem for each file of ``tracked`` (paths from ``root``) in a folder whose path
    differs from ``inside`` (``folder`` on disk) in case or accents alone, that the disk
    lacks under its exact path while ``folder`` holds a file of a name it folds to: a
    case-insensitive checkout wrote the two folders as one, its file holding the text
    written last (reattack61: PLANS/acme.yaml beside plans/acme.yaml, where gate61 compared
    a file's own name alone). A case-sensitive one holds both folders by their names."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    problems = []
    for path in tracked:
        parent, _, name = path.rpartition("/")
        if parent == inside or fold(parent) != fold(inside):
            continue
        if (other := same_name(name, names)) and not _held_exactly(root, path):
            problems.append(folded_problem(root / path, folder / other))
    return problems


def _held_exactly(root: Path, path: str) -> bool:
    """Whether each part of ``path`` (from ``root``) is on disk under exactly its name: a
    case-insensitive file system opens plans/acme.yaml in a folder named PLANS."""
    here = root
    for part in path.split("/"):
        try:
            if part not in os.listdir(here):
                return False
        except OSError:
            return False
        here = here / part
    return True


def folded_problem(named: Path, other: Path) -> Problem:
    """A file read under review that the disk holds only under another name, one that
    differs in case or accents: on a case-insensitive file system git checks out one file
    for two such names, with the text of the one written last, so what is read there is not
    what the commit holds under that name (gate61)."""
    return Problem(
        file=display(named),
        line=0,
        column=0,
        message=f"this checkout has no file of this exact name, only {display(other)}: its "
        "file system takes names that differ only in case or accents for one, where git "
        "tells them apart, so what is read here is not what the commit holds under the name",
        fix="run the gate on a case-sensitive file system (a Linux runner: runs-on: "
        "ubuntu-latest), and name each file exactly as git holds it",
    )


def refuse_folded(path: Path) -> None:
    """Refuse (exit 2) a file read under review that a case-insensitive file system folds
    (see ``folded_problem``): named in another case than the disk has it (a plan's
    `strategy: OURS.yaml` where git holds ours.yaml), or one of two files git holds whose
    names differ in case alone, of which the disk holds one under the first one's name
    and the last one's text (a pull request adding OURS.yaml, loosened, and ours.yaml:
    the review read and approved ours.yaml's text, and merged, Linux reads OURS.yaml's).
    A case-sensitive file system has neither: both files are there by their names."""
    try:
        listed = set(os.listdir(path.parent))
    except OSError:
        return
    if path.name not in listed and (other := same_name(path.name, listed)):
        raise PlanError([folded_problem(path, path.parent / other)])
    missing = _tracked_in(absolute(path.parent)) - listed
    if hidden := same_name(path.name, missing):
        raise PlanError([folded_problem(path.parent / hidden, path)])
    if problems := _folder_folded(path):
        raise PlanError(problems)


def _folder_folded(path: Path) -> list[Problem]:
    """The files git holds in a folder named like ``path``'s but for case or accents that
    a case-insensitive checkout wrote into it under ``path``'s name (`folded_folders`)."""
    here = resolved(absolute(path.parent))
    root = git_root(here)
    if root is None or not here.is_relative_to(root):
        return []
    inside = from_top(root, here)
    if not inside:
        return []
    tracked = [t for t in tracked_files(root) if same_name(t.rpartition("/")[2], [path.name])]
    return folded_folders(root, inside, here, tracked)


@functools.lru_cache(maxsize=64)
def _tracked_in(folder: Path) -> frozenset[str]:
    """The names of the files git's index holds in ``folder`` itself (none outside git)."""
    here = resolved(folder)
    root = git_root(here)
    if root is None or not here.is_relative_to(root):
        return frozenset()
    inside = from_top(root, here)
    try:
        listed = git(["--literal-pathspecs", "ls-files", "-z", "--", inside or "."], root)
    except GitError:
        return frozenset()
    names = (n.rpartition("/") for n in os.fsdecode(listed).split("\0") if n)
    return frozenset(name for parent, _, name in names if parent == inside)


def _lines(text: bytes | None) -> bytes | None:
    """A file's bytes with CRLF read as LF, as every reader of plans and policy reads them: a
    checkout with CRLF line endings (Windows' core.autocrlf, `eol=crlf`) changes no policy,
    and every policy file was reported changed on a Windows runner."""
    return None if text is None else text.replace(b"\r\n", b"\n")


class Reviewed:
    """Policy files as a review must see them: read at the trusted revision, with the
    working tree's version compared. A file the change adds is read from the working tree
    (there is nothing trusted to read) and reported; with ``accept`` (the reviewer passed
    --allow-policy-change) the working tree's version is used throughout. ``approved``: the
    ids of the changes a reviewer approved one by one (--approve-policy-change), which the
    policy-changed finding reports as approved while the trusted policy still judges."""

    def __init__(
        self, trusted: Revision, accept: bool = False, approved: frozenset[str] = frozenset()
    ) -> None:
        self.trusted, self.accept, self.approved = trusted, accept, approved
        self.changed: dict[Path, str] = {}
        self.at_ref: set[Path] = set()
        """Files whose bytes ``read`` gave from the trusted revision."""

    def read(self, path: Path, name: str) -> bytes | None:
        base, head = self.trusted.read(path, name), self.read_head(path, name)
        if _lines(base) != _lines(head):
            self.changed[absolute(path)] = (
                "added" if base is None else "deleted" if head is None else "changed"
            )
        elif head is not None and linked_below(path, self.trusted.root):
            # The same text through a link: said, not passed unseen (review attack58).
            self.changed[absolute(path)] = LINKED
        elif head is not None and nested_in(path, self.trusted.root) is not None:
            # The same text, from a submodule now: no reviewer reads a later change to it,
            # and no later run has it at the trusted revision (each judged by the change's
            # own, as added; review attack58).
            self.changed[absolute(path)] = NESTED
        if self.accept or base is None:
            return head
        self.at_ref.add(absolute(path))
        return base

    def shown(self, path: Path, name: str) -> str:
        """``REF:name`` for a file read at the trusted revision, as plans read there are
        named: an error in main's config was shown at the working tree's path, whose file
        the change had already fixed (review input31 F13)."""
        return f"{self.trusted.ref}:{name}" if absolute(path) in self.at_ref else name

    def exists(self, path: Path) -> bool:
        return self.trusted.exists(path) or WORKTREE.exists(path)

    def folder(self, path: Path) -> bool:
        return self.trusted.folder(path) or WORKTREE.folder(path)

    def read_head(self, path: Path, name: str | None = None) -> bytes | None:
        """The file as the change commits it: as on disk, unless git converts it on
        checkout (then unusable, see ``converted``)."""
        head = WORKTREE.read(path, name or display(path))
        if head is not None:
            refuse_converted([path])
            refuse_folded(path)
        return head

    def change(self, path: Path) -> str | None:
        """How the change under review touched ``path``: added, deleted, changed or None."""
        return self.changed.get(absolute(path))

    def __repr__(self) -> str:
        return f"Reviewed({self.trusted.ref})"


class Access(NamedTuple):
    """How a run may reach the files that plans, configs and strategies name."""

    tree: Tree = WORKTREE
    """Where policy files (strategies, waivers, config) are read."""
    allow_outside: bool = False
    """--allow-outside: named files may lie outside the repository (command line only)."""
    home: Path | None = None
    """The config file's folder: the repository root for plans outside git."""


DEFAULT_ACCESS = Access()
