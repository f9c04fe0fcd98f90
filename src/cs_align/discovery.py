"""Which files a check reads: plans named, found in folders, or matched by globs.

A gate must fail closed: in a folder, every YAML file is checked as a plan unless it is
recognisably a strategy file, a waiver file or a config file, so a plan cannot slip past by
dropping or disguising its `version` key (it is then an unusable plan: exit 2). Symbolic
links to folders are never followed (no loops, no walking out of the repository), and one met
in a folder is refused (exit 2), since a plan behind it would otherwise go unchecked while
anything reading the folder through the file system sees it; a plan inside a repository must
not resolve outside it.

In a git repository, what git ignores and does not track (a virtual environment, build
output) is no part of any change: folders and `**` walk past it, as `git status` does. A
file the repository tracks is checked wherever it is, ignored or not, so a change cannot
hide a plan by listing it in .gitignore.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from cs_align.errors import CsAlignError, PlanError, Problem, close_matches, empty_name, usage
from cs_align.repo import (
    MAX_BYTES,
    GitError,
    conversion_problem,
    converted,
    display,
    fold,
    folded_folders,
    folded_problem,
    from_top,
    git,
    git_root,
    in_git_metadata,
    missing_fix,
    read_file,
    resolved,
    same_name,
    tracked_files,
)
from cs_align.yamlsafe import decode, hidden_break, load_text

SUFFIXES = (".yaml", ".yml")
CONFIG_NAMES = (".cs-align.yaml", ".cs-align.yml")
_MAGIC = re.compile(r"[*?[]")
# A top-level key: quoted, or plain up to the line's first colon. The plain key takes every
# character to that colon at once and never gives one back (`*+`), blanks before the colon
# included (top_keys strips them): a lazy key followed by `[ \t]*` could end at any blank,
# which took quadratic time on a long line of blanks without a colon.
_TOP_KEY = re.compile(
    r"""^(?:"([^"\n]*)"[ \t]*|'([^'\n]*)'[ \t]*|([^\s#:"'{\[-][^:\n]*+)):(?=\s|$)""", re.M
)


def expand(paths: list[str], allow_outside: bool = False) -> list[str]:
    """Files, folders (plans inside, recursively), globs and '-' → plan paths; any path
    that cannot be used is an error (exit 2)."""
    found, problems = discover(paths, allow_outside)
    if problems:
        raise PlanError(problems)
    return found


def discover(
    paths: list[str], allow_outside: bool = False, reviewed: bool = False
) -> tuple[list[str], list[Problem]]:
    """Files, folders (plans inside, recursively), globs and '-' → the plan paths, and the
    problems of those that cannot be used (a link out of the repository or round a loop, a
    link to a folder inside a folder, a file name no report could show; under review, a
    plan reached through a link to a folder: see ``linked_on_the_way``), which a check
    reports in every format beside the plans it could read."""
    found: list[str] = []
    problems: list[Problem] = []
    flagged: set[Path] = set()
    considered: list[str] = []  # every YAML file looked at, plan or not (see _converted)

    def keep(path: str, linked: bool = True) -> None:
        if reviewed and (link := linked_on_the_way(path)) is not None:
            if link not in flagged:  # one problem a link, however many plans lie behind it
                flagged.add(link)
                problems.append(_linked_under_review(link))
            return
        before = len(problems)
        if linked and not allow_outside:
            _stay_inside(path, problems)
        _plainly_named(path, problems)
        if len(problems) == before:  # an unusable file is reported, never judged as well
            found.append(path)

    for raw in paths:
        if raw == "":
            raise empty_name(many=True)
        if raw == "-":
            found.append(raw)
        elif _MAGIC.search(raw):
            # A pattern is always expanded: a file or a folder named `plans/*.yaml` is
            # checked beside the plans the pattern matches, never in their place.
            before = len(problems)
            literal = _named_like(raw, problems, considered)
            matches = _glob(raw, problems)
            if not matches and not literal and len(problems) == before:
                raise usage(f"{raw}: no files match", "check the pattern")
            considered += [p for p in matches if p.lower().endswith(SUFFIXES)]
            seen = {os.path.normpath(p) for p in literal}
            plans = literal + [
                p for p in matches if kind(Path(p)) == "plan" and os.path.normpath(p) not in seen
            ]  # as in a folder
            if matches and not plans:
                raise usage(
                    f"{raw}: no plan files match "
                    "(only strategy, waiver, config or other tools' files)",
                    "check the pattern",
                )
            for path in plans:
                keep(path)
        elif Path(raw).is_dir():
            if not allow_outside:
                _stay_inside(raw, problems)  # the folder itself may be a link
            before = len(problems)
            inside = _in_folder(Path(raw), problems, considered)
            if not inside and len(problems) == before:  # alone or among others: fail closed
                raise usage(
                    f"{raw}: no plan files found in this folder (.yaml or .yml)",
                    "name a folder that holds plans, or leave this one out",
                )
            for path in inside:
                keep(path, linked=os.path.islink(path))  # walking follows no folder link
        elif raw.endswith(("/", os.sep)) and not os.path.lexists(raw):
            folder_name = raw.rstrip("/" + os.sep)
            # `check nothere/` said "nothere: no such file" (review user56): a folder was
            # meant, and the name is told as written.
            problems.append(
                Problem(
                    file=raw,
                    line=0,
                    column=0,
                    message="no such folder",
                    fix=missing_fix(folder_name, folder_name, folder=True),
                )
            )
        else:
            considered.append(raw)
            keep(raw)
    if reviewed:
        _converted(considered, found, problems)
        _folded_away(considered, problems)
    if not found and not problems:
        raise usage("no plan files found", "name a .yaml plan, a folder of plans, or -")
    return found, problems


def _in_folder(folder: Path, problems: list[Problem], considered: list[str]) -> list[str]:
    """Every plan under ``folder``, without following symbolic links to folders: each one
    met is a problem (hidden folders and all, as the walk reads every folder). Every YAML
    file read to tell is added to ``considered``."""
    found = []
    for parent, files in _walk(folder, problems):
        for name in files:
            if name.lower().endswith(SUFFIXES):
                considered.append(os.path.join(parent, name))
                if kind(Path(parent) / name) == "plan":
                    found.append(considered[-1])
    return found


def _converted(considered: list[str], found: list[str], problems: list[Problem]) -> None:
    """Under review, a file git converts on checkout is a problem and is not judged, plan
    or not: on disk it may not read as a plan at all, where the commit holds one (see
    `repo.converted`)."""
    named = {Path(p): p for p in considered if p != "-"}
    for path, how in converted(named).items():
        problems.append(conversion_problem(path, how))
        if named[path] in found:
            found.remove(named[path])


def _folded_away(considered: list[str], problems: list[Problem]) -> None:
    """Under review, a problem for each YAML file the commit holds beside those looked at
    that the disk holds under another name only, one that differs in case or in how its
    accents are encoded: on a case-insensitive file system (a macOS or Windows runner) git
    checks out one file for `plans/acme.yaml` and `plans/ACME.yaml`, with the text of the
    one written last, so the gate read one plan under the other's name and never the second,
    which the change adds to the commit (gate61). One `git ls-files` a repository."""
    folders: dict[Path, dict[str, Path]] = {}
    for name in considered:
        if name != "-":
            folder = resolved(Path(os.path.abspath(name)).parent)
            root = git_root(folder)
            if root is not None and folder.is_relative_to(root):
                folders.setdefault(root, {})[from_top(root, folder)] = folder
    for root, named in folders.items():
        every = tracked_files(root)
        by_folder: dict[str, list[str]] = {}
        for tracked in filter(lambda t: t.lower().endswith(SUFFIXES), every):
            by_folder.setdefault(fold(tracked.rpartition("/")[0]), []).append(tracked)
        for shown, here in named.items():
            if shown:  # a folder named PLANS beside plans (reattack61)
                problems += folded_folders(root, shown, here, by_folder.get(fold(shown), []))
        on_disk: dict[Path, set[str]] = {}
        for tracked in every:
            parent, _, file = tracked.rpartition("/")
            if parent not in named or not file.lower().endswith(SUFFIXES):
                continue
            here = named[parent]
            if here not in on_disk:
                try:
                    on_disk[here] = set(os.listdir(here))
                except OSError:  # unreadable: the walk has said so
                    on_disk[here] = {file}
            if file not in on_disk[here] and (other := same_name(file, on_disk[here])):
                problems.append(folded_problem(here / file, here / other))


def _walk(folder: Path, problems: list[Problem]) -> list[tuple[str, list[str]]]:
    """Each folder under ``folder`` with its files, sorted, past what git ignores; a link to
    a folder met on the way is a problem (it is not followed)."""
    ignored = _ignored(folder)
    # A repository's .git folder holds no plan a commit could: git's config, hooks and
    # objects are never read as one (repo.in_git_metadata). `check .` judged a YAML file in
    # it as a plan, and `check '**'` called it a link into .git, exit 2 (review attack57).
    metadata = ".git" if git_root(resolved(folder)) is not None else None
    walked = []

    def unreadable(exc: OSError) -> None:
        # A folder the walk cannot list hides its plans: unusable input, never an empty
        # folder (review input31 F07: `check .` skipped it and passed).
        problems.append(
            Problem(
                file=str(exc.filename),
                line=0,
                column=0,
                message=f"cannot be read: {exc.strerror}: the plans in it would go unchecked",
                fix="check its permissions",
            )
        )

    for parent, folders, files in os.walk(folder, onerror=unreadable, followlinks=False):
        folders[:] = sorted(f for f in folders if _key(parent, f) not in ignored and f != metadata)
        for name in folders:
            if os.path.islink(os.path.join(parent, name)):
                problems.append(_linked_folder(os.path.join(parent, name)))
        if not folders and not files and _submodule_not_checked_out(parent):
            problems.append(_unchecked_submodule(parent))
        walked.append((parent, sorted(f for f in files if _key(parent, f) not in ignored)))
    return walked


def _submodule_not_checked_out(folder: str) -> bool:
    """Whether the empty ``folder`` is a submodule whose files are not on disk: git commits
    it as a pointer to another repository's commit (mode 160000), and a checkout without
    submodules (actions/checkout's default) leaves an empty folder there. Git keeps no
    empty folder of its own, so only an empty one is asked about (rarely any)."""
    here = Path(os.path.abspath(folder))
    if git_root(resolved(here.parent)) is None:
        return False
    try:  # asked from the folder above: git lists a submodule by its own path
        staged = git(["ls-files", "-z", "--stage", "--", f":(literal){here.name}"], here.parent)
    except (GitError, CsAlignError):
        return False
    return any(entry.startswith(b"160000 ") for entry in staged.split(b"\0"))


def _submodules_matched(base: Path, parts: tuple[str, ...], problems: list[Problem]) -> None:
    """A problem for each submodule not checked out that a pattern's parts below ``base``
    match, as a folder walk has one (`plans/*/*.yaml` reaches plans/vendor/acme.yaml once
    the submodule plans/vendor is checked out, and matched nothing in an empty folder)."""
    for depth in range(1, len(parts) + 1):
        for match in sorted(base.glob(str(Path(*parts[:depth])))):
            empty = match.is_dir() and not match.is_symlink() and not any(match.iterdir())
            if empty and _submodule_not_checked_out(str(match)):
                problems.append(_unchecked_submodule(str(match)))


def _unchecked_submodule(path: str) -> Problem:
    """An empty folder that is a submodule: the plans in it are another repository's and
    are not here to judge (review gate61: a pull request that added one under plans/
    passed the gate, exit 0, with its plans unread)."""
    return Problem(
        file=path,
        line=0,
        column=0,
        message="is a submodule that is not checked out: it holds another repository's "
        "files, none of them here, so the plans in it would go unchecked",
        fix="check out its files (git submodule update --init; actions/checkout: "
        "submodules: true), or name the folders that hold plans, not the one holding it",
    )


def _named_like(raw: str, problems: list[Problem], considered: list[str]) -> list[str]:
    """What a pattern names as it is written: a file of that name, or a folder's plans."""
    if Path(raw).is_dir():
        return _in_folder(Path(raw), problems, considered)
    if Path(raw).exists():
        considered.append(raw)
        return [raw]
    return []


def _key(parent: str, name: str) -> str:
    return os.path.normpath(os.path.join(parent, name))


def _ignored(folder: Path) -> set[str]:
    """Paths under ``folder`` (as the walk names them) that git ignores and does not track:
    whole folders where nothing in them is tracked, else files. None outside a repository,
    or where git cannot say (every file is then walked: a check fails closed)."""
    if git_root(resolved(folder)) is None:
        return set()
    listing = ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"]
    try:
        out = git([*listing, "--", "."], folder)
    except (GitError, CsAlignError):
        return set()
    names = out.decode("utf-8", "surrogateescape").split("\0")
    return {_key(str(folder), name.rstrip("/")) for name in names if name}


def _linked_folder(path: str) -> Problem:
    return Problem(
        file=path,
        line=0,
        column=0,
        message="is a symbolic link to a folder, which cs-align does not follow: the plans "
        "behind it would go unchecked",
        fix="move the plans themselves here and remove the link, or name the folder it "
        "links to on the command line",
    )


def linked_on_the_way(path: str) -> Path | None:
    """The first folder between ``path``'s repository top level and the file that is a
    symbolic link (None outside a repository, or when none is). A gate compares plans by
    the paths git has for them, and git has a plan behind a linked folder where the link
    leads: a change that moves `plans/` to `budgets/` and links `plans` to it shows git a
    folder of renames out of `plans/`, where every other reader still sees the plans there
    (review attack26 A2: a second plan of an organisation was paired with the first as its
    base, and its budget doubled with nothing said)."""
    lexical = Path(os.path.abspath(path))
    root = git_root(resolved(lexical.parent))
    if root is None:
        return None
    # Every folder on the way is looked at, not only those below where `.git` was found
    # lexically: a link to the repository's top (`cs -> .`) has a `.git` through it, and
    # was taken for the top itself (review attack27 A1). A link outside the repository
    # (a workspace reached through one) is no part of what git compares.
    top, folder = resolved(root), Path(lexical.anchor)
    for part in lexical.parent.parts[1:]:
        folder = folder / part
        if folder.is_symlink() and resolved(folder.parent).is_relative_to(top):
            return folder
    return None


def refuse_linked(path: str) -> None:
    """Refuse (exit 2) a plan under review reached through a link to a folder."""
    link = linked_on_the_way(path)
    if link is not None:
        raise PlanError([_linked_under_review(link)])


def _linked_under_review(link: Path) -> Problem:
    return Problem(
        file=display(link),
        line=0,
        column=0,
        message="is a symbolic link to a folder: under review, git compares the plans behind "
        "it where the link leads, not where they are named here, so the gate could not tell "
        "what the change moved, added or deleted",
        fix=f"name the folder it links to ({display(resolved(link))}) instead, or make "
        f"{display(link)} a folder again",
    )


def _glob(pattern: str, problems: list[Problem]) -> list[str]:
    """Files matching ``pattern``. `**` never descends into a symbolic link to a folder
    (pathlib's rule), so each one below the pattern's fixed part is a problem, as in a
    folder; a pattern ending in `**` (`plans/**`) reads the YAML files below as a check of
    the folder does (pathlib's `**` matched folders alone: "no files match")."""
    parts = Path(pattern).parts
    if parts[-1] == "**":  # pathlib's `**` matches folders alone: read as a folder check
        below = _glob(str(Path(*parts, "*")), problems)  # every YAML file below
        return [p for p in below if p.lower().endswith(SUFFIXES)]
    first = next(i for i, part in enumerate(parts) if _MAGIC.search(part))
    base = Path(*parts[:first]) if first else Path(".")
    rest = str(Path(*parts[first:]))
    if "**" not in parts[first:] or not base.is_dir():
        _submodules_matched(base, parts[first:], problems)
        return sorted(str(p) for p in base.glob(rest) if p.is_file())
    walked = {
        _key(parent, name) for parent, files in _walk(base, problems) for name in files
    }  # what git ignores left out, as in a folder
    return sorted(str(p) for p in base.glob(rest) if p.is_file() and os.path.normpath(p) in walked)


def kind(path: Path) -> str | None:
    """plan, strategy, waivers, config or other (another tool's file: `OTHER_TOOLS`); None
    for what is not a regular file (a FIFO).

    Only a file that is plainly something else is not a plan. A quick reading of its lines
    finds most plans; a file it would skip is read again by the loader's own YAML reader,
    and skipped only if that reader, too, finds no plan key in it (escaped or indented
    keys, explicit `? key` forms and keys inside quoted text cannot tell the two apart)."""
    keys = top_keys(path)
    if keys is None:
        return None
    found = _classify(path, keys)
    if found == "plan":
        return found
    return _classify(path, _parsed_keys(path))


def read_as_plan(path: Path, data: object) -> bool:
    """Whether a document another revision has at ``path`` (read from git, not the disk) is
    one a folder check there judged as a plan, as ``kind`` tells: a strategy, waiver or
    config file that a change turns into a plan makes the plan new, not an edited plan whose
    base cannot be read (review attack41 F04). What is no mapping is judged as a plan, and
    refused, as ``kind`` judges it."""
    if not isinstance(data, dict):
        return True
    return _classify(path, {str(k) for k in data}) == "plan"


PLAN_KEYS = frozenset({"organisation", "channels", "staffing", "budget", "strategy", "period"})
"""Top-level keys only a plan has among the YAML files a repository holds."""
PLAN_OWN_KEYS = PLAN_KEYS | {
    "currency",
    "exchange_rates",
    "history",
    "promise",
    "segments",
    "waivers",
}
"""Every top-level key a plan may hold but `version`, which other tools' files have too
(tests hold it to the plan model's fields)."""
OTHER_TOOLS = {
    "jobs": "a GitHub Actions workflow",
    "updates": "a Dependabot configuration",
    "runs": "a GitHub Action's metadata (action.yml)",
    "services": "a Compose file",
    "repos": "a pre-commit configuration",
}
"""Top-level keys that mark a file another tool reads, which no plan has (a plan refuses
them): a folder check over a repository's root passes over `.github/dependabot.yml` and
the workflows (review attack56: they were judged as plans, exit 2). A file holding one of
them beside any key of a plan's own is still judged, and refused, as a plan; one that was a
plan at the base is a plan turned into another kind of file, which the gate fails."""


MERGE_KEY = "<<"
"""YAML 1.1's merge key: every other YAML reader takes the keys of the mapping it names as
the file's own (`jobs: 1` beside `<<: {channels: …}` is a plan to them), where cs-align's
loader reads it as a key like any other. A file holding one is never plainly another
tool's (review attack57)."""


def other_tool(keys: set[str]) -> str | None:
    """What a file with these top-level keys plainly is, if another tool's; else None: a
    plan's own key, or a merge key (`MERGE_KEY`) that may bring one in, makes it none."""
    if keys & PLAN_OWN_KEYS or MERGE_KEY in keys:
        return None
    return next((OTHER_TOOLS[k] for k in sorted(keys) if k in OTHER_TOOLS), None)


def _classify(path: Path, keys: set[str]) -> str:
    if path.name in CONFIG_NAMES and not keys & {"version", "channels"}:
        return "config"
    if other_tool(keys):
        return "other"
    if "version" in keys or "channels" in keys:
        return "plan"
    if keys and keys <= {"waivers"}:
        return "waivers"
    if "id" in keys and keys & {"rules", "extends"}:
        return "strategy"
    return "plan"  # anything else is judged as a plan, and refused if it is not one


def _parsed_keys(path: Path) -> set[str]:
    """The top-level keys as the loader reads them; {"?"} (a plan) when it cannot."""
    from cs_align.yamlsafe import decode, load_text

    try:
        text = decode(read_file(path), str(path))
    except (CsAlignError, OSError):
        return {"?"}
    try:
        data = load_text(text, str(path)).data
    except (CsAlignError, RecursionError):
        # Refused: judged as a plan, to say why, unless plainly another tool's file (a
        # workflow's unquoted `on:` is no plan's key, yet a key all the same).
        keys = event_keys(text)
        return keys if other_tool(keys) else {"?"}
    if not isinstance(data, dict):
        return {"?"}
    return {str(k) for k in data}


def event_keys(text: str) -> set[str]:
    """The top-level keys of a file the loader refuses, as YAML reads them, from its events
    alone (no value built, no alias expanded): a workflow's unquoted `on:` is refused as a
    plan's key but is still a key. {"?"} (a plan) where the document is no mapping, a
    top-level key is no scalar or carries a tag (`!!merge name:` merges the mapping it
    names, as `<<:` does), a second document follows, or YAML cannot read it."""
    import yaml

    keys: set[str] = set()
    depth, is_key = 0, True  # depth 1: inside the top mapping, where keys and values alternate
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            opens = isinstance(event, yaml.CollectionStartEvent)
            if isinstance(event, yaml.DocumentStartEvent) and keys:
                return {"?"}  # a second document: what it holds is not looked at
            if depth == 0:
                if opens and not isinstance(event, yaml.MappingStartEvent):
                    return {"?"}
                depth += opens
            elif depth == 1 and isinstance(event, yaml.MappingEndEvent):
                depth = 0
            elif depth == 1 and is_key:
                if not isinstance(event, yaml.ScalarEvent) or event.tag is not None:
                    return {"?"}
                keys.add(event.value)
                is_key = False
            elif depth == 1:  # a value: a scalar or an alias, or a collection opening
                depth, is_key = (2, False) if opens else (1, True)
            elif opens:
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                is_key = depth == 1
    except (yaml.YAMLError, RecursionError):
        return {"?"}
    return keys or {"?"}


def declares_version(path: Path) -> bool:
    """Whether a file a hook names among every YAML file is a plan: a top-level `version`
    beside a plan's own keys, or two of those keys. Workflows (`on:`), compose and
    dependabot files (a `version` of their own), manifests and files no YAML reader takes
    are skipped; a folder check, the gate's, still judges every YAML file. A file the quick
    reading finds no keys in is read by the loader's YAML reader."""
    keys = top_keys(path)
    if keys is None:
        return False
    if "?" in keys or not _utf8(path):  # cannot be opened or read: checked, to say why
        return True
    if not keys or any(_written_around(k) for k in keys):
        parsed = _parsed_keys(path)
        if "?" in parsed and keys:  # keys written with escapes or anchors, unreadable
            return True
        keys = parsed - {"?"}
    keys = {_as_meant(k) for k in keys}
    found = keys & PLAN_KEYS
    return bool(found) and ("version" in keys or len(found) >= 2)


def _as_meant(key: str) -> str:
    """A top-level key as the plan key it was meant for, read as the loader's "did you mean"
    reads it: blind to case and to `-` or a space for `_`, and a slip of a letter or two
    (`Version:`, `Organisation:`, `Channels:` or `organization:`, `chanels:` made a plan the
    loader refuses look like no plan to `--plans-only`, which passed it, exit 0)."""
    plain = re.sub(r"[-\s]+", "_", key.strip().lower())
    close = close_matches(plain, _PLAN_WORDS, 0.8)
    # A letter or two, not another word that holds the key: Kubernetes' `apiVersion` (and
    # Helm's `appVersion`) read as `version`, so a manifest with a key a plan also has was
    # judged as a plan by --plans-only, exit 2 (review reattack59).
    return close[0] if close and abs(len(close[0]) - len(plain)) <= 2 else plain


_PLAN_WORDS = sorted(PLAN_KEYS | {"version"})


def _written_around(key: str) -> bool:
    """A key the quick reading cannot take at its word: an escape, an anchor, an alias, a
    tag or an explicit `? key` (`"versi\\x6fn":`, `&k version:`)."""
    return "\\" in key or key[:1] in "&*!?"


def _utf8(path: Path) -> bool:
    """Whether the file reads as UTF-8 (a plan in UTF-16 or Latin-1 is refused, with why)."""
    try:
        head = read_file(path)[:MAX_BYTES]
    except (CsAlignError, OSError):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def top_keys(path: Path) -> set[str] | None:
    """The keys a YAML file's top level names, read from its head without blocking;
    None when it is not a regular file (a FIFO). Unreadable text gives no keys, and a file
    that cannot be opened (a link to nowhere, or round in a loop) {"?"}: a plan, which the
    loader refuses with the reason, so that a plan cannot leave the check by becoming one."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return {"?"}
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            # A FIFO or folder in the folder is skipped; a symbolic link to one (to
            # /dev/null, a device) is a file git keeps, and a plan made one left the
            # check unsaid where a link to /etc/passwd was refused (review input59): the
            # loader refuses it, with the reason, as it does a link to nowhere.
            return {"?"} if os.path.islink(path) else None
        whole = _read_all(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        text = whole.decode("utf-8-sig")
    except UnicodeDecodeError:
        return set()
    if len(whole) > MAX_BYTES or hidden_break(text):
        return {"?"}  # the loader refuses it, with the reason: a plan, not a skipped file
    # Each match is one of three alternatives; its key is the one group that took part.
    return {m[m.lastindex or 0].strip() for m in _TOP_KEY.finditer(text)}


def _read_all(fd: int) -> bytes:
    """The whole file, up to one byte past what a plan may weigh."""
    chunks, size = [], 0
    while size <= MAX_BYTES and (chunk := os.read(fd, MAX_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _plainly_named(path: str, problems: list[Problem]) -> None:
    """A plan's file name must say which file it is: no line break or other control or
    format character, and UTF-8 (a byte that is not shows as an escape, which another file
    could be named). Reports, annotations and the Action name plans by their paths."""
    if path.isprintable() or not any(_unplain(c) for c in path):  # the first: most names
        return
    problems.append(
        Problem(
            file=shown_name(path),
            line=0,
            column=0,
            message="the file name holds a line break, a control character or a byte that "
            "is not UTF-8: reports could not name the file unmistakably",
            fix="rename the file with plain text",
        )
    )


def stdin_name(name: str) -> str:
    """``name`` as `--stdin-filename` gives it, refused (exit 2) where it could not name a
    file of the repository plainly: it meets a file's own checks (`_plainly_named`), and
    does not climb out of the repository's top, to which every output places it (SARIF's
    SRCROOT). It was no file's name and went unchecked: a byte that is not UTF-8 was written
    back raw (JSON no parser reads; SARIF stopped on "internal error: UnicodeEncodeError"),
    a line break or an escape into every report, and `../../etc/passwd` was a SARIF location
    outside the repository (review inject62)."""
    plain: list[Problem] = []
    _plainly_named(name, plain)
    climbs = os.path.normpath(name).split(os.sep)[0] == ".."
    if not plain and not climbs:
        return name
    why = plain[0].message.replace("file name", "name") if plain else "it leaves the repository"
    raise usage(
        f"--stdin-filename '{shown_name(name)}': {why}",
        "give the plan's path from the repository's top, in plain text, e.g. plans/acme.yaml",
    )


def shown_name(path: str) -> str:
    """A file name as an unusable-input error names it: each control or format character,
    and each byte that is not UTF-8, as a `\\x0a`-style escape (the Action matches the
    files a pull request changes against the check's errors by it)."""
    shown = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(f"\\x{ord(c):02x}" if _unplain(c) else c for c in shown)


def _unplain(char: str) -> bool:
    """A control or format character, or a byte that is not UTF-8 (a lone surrogate)."""
    return 0xD800 <= ord(char) <= 0xDFFF or unicodedata.category(char) in ("Cc", "Cf")


def stay_inside(path: str, allow_outside: bool = False) -> None:
    """Refuse (exit 2) a plan file inside a git work tree that resolves outside it."""
    problems: list[Problem] = []
    if not allow_outside:
        _stay_inside(path, problems)
    if problems:
        raise PlanError(problems)


def _stay_inside(path: str, problems: list[Problem]) -> None:
    """A plan inside a git work tree must resolve inside it: a pull request could make one
    (or its folder) a symbolic link to any file on the machine."""
    lexical = Path(os.path.abspath(path))
    root = git_root(lexical.parent)
    if root is None:
        return
    try:
        real = lexical.resolve()
    except (OSError, RuntimeError):  # links round in a loop lead to no file at all
        problems.append(
            Problem(
                file=path,
                line=0,
                column=0,
                message="is a symbolic link round a loop: it leads to no file",
                fix="put the plan itself there, or remove the link",
            )
        )
        return
    if not real.is_relative_to(resolved(root)):
        problems.append(
            Problem(
                file=path,
                line=0,
                column=0,
                message=f"resolves outside the repository ({root}): {real}",
                fix="check plans inside the repository, or pass --allow-outside",
            )
        )
    elif in_git_metadata(real, resolved(root)):
        problems.append(
            Problem(
                file=path,
                line=0,
                column=0,
                message=f"resolves into the repository's .git folder: {real}",
                fix="commit the plan itself there, not a symbolic link into .git",
            )
        )


def is_plan(path: Path) -> bool:
    """A file cs-align would check as a plan: a YAML file a folder check judges as one (any
    that is not plainly a strategy, waiver or config file: a workflow is one too), or another
    file that YAML reads as a mapping naming `version` or `channels`. No output is ever
    written over one."""
    if path.name.lower().endswith(SUFFIXES):
        return kind(path) == "plan"
    try:
        if path.stat().st_size > MAX_BYTES:
            return False
        data = load_text(decode(read_file(path), str(path)), str(path)).data
    except (CsAlignError, OSError, RecursionError):
        return False  # no plan: YAML cannot read it
    return isinstance(data, dict) and bool({"version", "channels"} & {str(k) for k in data})
