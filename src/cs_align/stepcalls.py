"""What a gate's workflow runs beyond its own files: the scripts and files its steps name,
and the remote reusable workflows it takes at a branch or tag.

A `pull_request` run takes every file of the checkout from the pull request. The workflow
and its local actions are watched (`action._own_workflow`), but a step's `run:
./scripts/gate.sh` runs a script that stands anywhere, and the pull request could edit it to
pass `--max-budget-increase 1000%` while the workflow it runs in stays main's (gate59, left).
The files are read from git (the commit checked out), never through the checkout, so a
link the pull request adds reads nothing outside the repository."""

from __future__ import annotations

import fnmatch
import itertools
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cs_align.repo import git

# A word that may name a file: what a shell, `${{ }}`, YAML or a language's syntax ends,
# any letter (`prüfen.sh`), a backslash keeping the next character (`ci\ tools/gate.sh`).
_WORD = re.compile(r"""(?:\\.|[^\s"'`$(){}\[\];|&<>=,:*?!#])+""")
# A quoted name may hold spaces ("./ci tools/gate.sh").
_QUOTED = (re.compile(r'"([^"\n]+)"'), re.compile(r"'([^'\n]+)'"))
# A word holding a shell pattern (`plans/*.yaml`, `plans/acme.y?ml`, `plans/[ab]*.yaml`):
# `_WORD` parts it at the pattern's characters; a step reading plans through one reads each
# file it matches (reattack61, left).
_GLOB = re.compile(r"""(?:[^\s"'`$(){};|&<>=,!#])*[*?\[](?:[^\s"'`$(){};|&<>=,!#])*""")
# The folders a step runs from (`working-directory: ci`, `cd ci && ./gate.sh`): its words
# name files from there as well as from the top and the naming file's own folder.
_FOLDER = re.compile(r"""(?:working-directory:|\b(?:cd|pushd)\s)\s*["']?([^\s"';&|)#]+)""")
# `uses: ./tools/check`: a local action, whose folder runs whole (an action.yml, or a
# Dockerfile alone, and what either runs beside it).
_LOCAL_ACTION = re.compile(r"""uses:\s*["']?\./([^\s"'#@]+)""")
# `from .lib.args import (ARGS, x)`: a Python import's dots, module and names.
_FROM_IMPORT = re.compile(
    r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[\w \t,]+)", re.M
)
# Documents: named by a step (`cat README.md`), they run nothing and set no input.
_DOCUMENTS = (".md",)
# `uses: OWNER/REPO/.github/workflows/NAME.yml@REF`: a reusable workflow of a repository.
_REMOTE_WORKFLOW = re.compile(
    r"""uses:\s*["']?([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/\.github/workflows/[^@\s"']+)@([^\s"'#]+)"""
)
# Files a command reads by itself when a step names only the command (`run: make gate`).
_IMPLIED = {
    "make": ("Makefile", "makefile", "GNUmakefile"),
    "npm": ("package.json",),
    "npx": ("package.json",),
    "yarn": ("package.json",),
    "pnpm": ("package.json",),
    "bun": ("package.json",),
    "deno": ("deno.json", "deno.jsonc"),
    "tox": ("tox.ini",),
    "nox": ("noxfile.py",),
    "invoke": ("tasks.py",),
    "inv": ("tasks.py",),
    "just": ("justfile", "Justfile", ".justfile"),
    "task": ("Taskfile.yml", "Taskfile.yaml", "taskfile.yml", "taskfile.yaml"),
    "rake": ("Rakefile", "rakefile"),
    "bundle": ("Gemfile",),
    # Python project managers run the scripts and tasks pyproject.toml holds.
    "uv": ("pyproject.toml",),
    "poetry": ("pyproject.toml",),
    "hatch": ("pyproject.toml",),
    "pdm": ("pyproject.toml",),
    "rye": ("pyproject.toml",),
    "pipenv": ("Pipfile",),
    "docker": ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"),
    "pre-commit": (".pre-commit-config.yaml",),
}
# What a name without its extension runs: a package's entry (`python -m tools`, `node ci`).
_ENTRIES = ("__main__.py", "__init__.py", "index.js")
_COMMIT = re.compile(r"[0-9a-f]{40}")
# A command of a step's script: what `&&`, `||`, `;`, `|` or a line ends.
_COMMANDS = re.compile(r"&&|\|\||[;|\n]")
# A command running cs-align (`cs-align check …`, `python -m cs_align diff …`): the files it
# names are the ones it judges, unless a `$(…)` or backticks in it run another command.
_CS_ALIGN = re.compile(
    r"(?:^|[\s(])(?:[\w./-]*/)?cs-align(?=\s|$)|\bpython[\d.]*\s+(?:-\w+\s+)*-m\s+cs_align\b"
)
MOST = 1000
"""Files followed from the workflow: a bound on what a pull request makes it read. A run
that reaches it cannot tell what else its steps run (see `Reached.cut`)."""
MOST_BYTES = 1 << 20
"""Bytes of a file read for the names it holds: a pull request's 100 MB script in the chain
took minutes of CPU to read word by word. A longer file cuts the search (`Reached.cut`)."""
_HOPS = 8  # links followed one after another: a bound on a loop of links


@dataclass
class _Tree:
    """The files of the commit checked out, by their paths from the top, found by any case
    of their names (a runner on macOS or Windows opens `Gate.sh` for `gate.sh`), by their
    names without the extension, and through a linked folder (`bin` → `tools`)."""

    objects: dict[str, str] = field(default_factory=dict)  # path → blob id
    names: dict[str, set[str]] = field(default_factory=dict)  # any name, folded → paths
    stems: dict[str, set[str]] = field(default_factory=dict)  # name less its extension
    links: dict[str, str] = field(default_factory=dict)  # a link, folded → where it points
    folders: dict[str, set[str]] = field(default_factory=dict)  # a folder, folded → its files

    def add(self, path: str) -> None:
        self.names.setdefault(path.casefold(), set()).add(path)
        folder = posixpath.dirname(path)
        while folder:
            self.folders.setdefault(folder.casefold(), set()).add(path)
            folder = posixpath.dirname(folder)
        base = posixpath.basename(path)
        if "." in base.lstrip("."):
            stem = posixpath.join(posixpath.dirname(path), base.lstrip(".").rpartition(".")[0])
            self.stems.setdefault(stem.casefold(), set()).add(path)

    def named(self, name: str, bare: bool) -> set[str]:
        """The files ``name`` (from the top) may run: itself (unless a bare word, `cat
        LICENSE`), itself with an extension, or a package's entry in it; read as written
        and through the links on its way."""
        found: set[str] = set()
        for key in {name.casefold(), self._through_links(name.casefold())}:
            found |= self.stems.get(key, set())
            if not bare:
                found |= self.names.get(key, set())
            for entry in _ENTRIES:
                found |= self.names.get(f"{key}/{entry}", set())
        return found

    def under(self, name: str) -> set[str]:
        """The files under the folder ``name`` (from the top), at any depth, found by any
        case of its name and through the links on its way (`bin` → `tools`)."""
        return self.folders.get(self._through_links(name.casefold()), set())

    def _through_links(self, name: str) -> str:
        """``name`` with each linked folder on its way replaced by where the link points
        (`bin/gate.sh`, bin → tools: tools/gate.sh); looked up a folder at a time, so that
        links the pull request adds by the thousand cost a lookup each."""
        for _ in range(_HOPS):
            parts = name.split("/")
            hop = next(
                (n for n in range(1, len(parts) + 1) if "/".join(parts[:n]) in self.links), 0
            )
            if not hop:
                return name
            rest = "/".join(parts[hop:])
            name = posixpath.normpath(posixpath.join(self.links["/".join(parts[:hop])], rest))
        return name


def _tree() -> _Tree:
    """The checkout's commit as `_Tree` reads it (one `git ls-tree`, one `git cat-file`)."""
    listed = git(["ls-tree", "-r", "-z", "--full-tree", "HEAD"], Path.cwd())
    tree, links = _Tree(), {}
    for entry in os.fsdecode(listed).split("\0"):
        meta, _, path = entry.partition("\t")
        if not path or meta.split()[1] != "blob":
            continue
        tree.objects[path] = meta.split()[2]
        tree.add(path)
        if meta.startswith("120000"):
            links[path] = meta.split()[2]
    targets = _blobs(list(links.values()))
    for link, oid in links.items():
        target = os.fsdecode(targets.get(oid, b""))
        real = posixpath.normpath(posixpath.join(posixpath.dirname(link), target))
        if not real.startswith(("../", "/")) and real != "..":  # within the repository
            tree.links[link.casefold()] = real.casefold()
    return tree


def _blobs(oids: list[str]) -> dict[str, bytes]:
    """The bytes of each blob of ``oids`` (one `git cat-file --batch`)."""
    if not oids:
        return {}
    given = "".join(f"{oid}\n" for oid in dict.fromkeys(oids)).encode()
    out, found, at = git(["cat-file", "--batch"], Path.cwd(), given=given), {}, 0
    while at < len(out):
        end = out.index(b"\n", at)
        oid, _, size = out[at:end].decode().split(" ")[:3]
        found[oid] = out[end + 1 : end + 1 + int(size)]
        at = end + 2 + int(size)
    return found


def _words(text: str) -> Iterator[str]:
    """Every word of ``text`` that may name a file, quoted names whole, and the modules a
    Python import names, as paths."""
    for quoted in _QUOTED:  # each apart: `'"./ci tools/gate.sh"'` in YAML
        yield from quoted.findall(text)
    for word in _WORD.findall(text):
        yield re.sub(r"\\(.)", r"\1", word)
    yield from _imported(text)


def _imported(text: str) -> Iterator[str]:
    """The modules a Python file imports, as paths from where it is read: `from gatelib
    import flags` gatelib/flags (a name imported may be a module), `from .lib.args import
    ARGS` lib/args, `from .. import x` ../x."""
    for dots, module, names in _FROM_IMPORT.findall(text):
        up = "../" * max(len(dots) - 1, 0)
        folder = up + module.replace(".", "/")
        yield folder.rstrip("/") or "."
        for name in re.findall(r"\w+", names):
            yield posixpath.join(folder, name) if folder else name


def _named(tree: _Tree, path: str, text: str) -> set[str]:
    """The files the file ``path`` of ``text`` names: each word from the top, from the
    file's own folder and from each folder a step runs from, with its leading folders cut
    off one by one too (`$GITHUB_WORKSPACE/scripts/gate.sh` names scripts/gate.sh)."""
    folders = {"", posixpath.dirname(path), *_FOLDER.findall(text)}
    found: set[str] = set()
    words = set(_words(text))
    for word in words:
        bare = "/" not in word and "." not in word
        if "." in word.strip(".") and "/" not in word:  # `python -m tools.gate`: a module
            found |= _from_folders(tree, word.replace(".", "/"), folders, bare=False)
        found |= _from_folders(tree, word, folders, bare)
    for folder in _LOCAL_ACTION.findall(text):
        found.update(p for p in tree.objects if p.startswith(f"{posixpath.normpath(folder)}/"))
    # A script or file of arguments named by a shell pattern (`cat ci/gate-args.*`), a name
    # made at run time (`ci/$X.txt`) or its folder (`run-parts ci/steps`): gate62.
    # A workflow's commands alone (`branches: ['*']` runs nothing), and a pattern of a path
    # (`ci/steps/*.sh`): in a script's code `a * b` or `x[0]` is none.
    runs = _run_texts(path, text)
    commands = "\n".join(runs)
    for pattern in {g for g in _GLOB.findall(commands) if "/" in g.strip("/")}:
        found |= _matched(pattern, folders, tree)
    in_commands = words if runs == [text] else set(_words(commands))
    for word in {w for w in words if "/" in w} | in_commands:
        found |= _in_folder(tree, word, folders)
    return found


def _read(tree: _Tree, path: str, text: str, judged: set[str]) -> set[str]:
    """The files of ``judged`` that the file ``path`` of ``text`` names other than where
    cs-align reads them (the Action's `plans` and `args` inputs, a `cs-align` command): a
    step that reads a plan to build the gate's inputs (`args=$(sed -n 's/^# gate-args:
    //p' plans/acme.yaml)`) takes them from the pull request, which the check judging the
    plan's figures does not see (reattack61). Named with their extension or folder: a word
    such as `acme` in a job's name reads nothing."""
    if not judged:
        return set()
    blanked = _without_the_action_s_inputs(path, text)
    outside = _not_cs_align(blanked)
    words = {w for w in _words(outside) if "/" in w or "." in w.strip(".")}
    folders = {"", posixpath.dirname(path), *_FOLDER.findall(outside)}
    found: set[str] = set()
    for word in words:
        found |= _from_folders(tree, word, folders, bare=False)
    for pattern in set(_GLOB.findall(outside)):
        found |= _matched(pattern, folders, judged)
    # A folder a command names (`find plans`, `plans/$X.yaml`): gate62.
    commands = _not_cs_align("\n".join(_run_texts(path, blanked)))
    for word in words | set(_words(commands)):
        found |= _in_folder(tree, word, folders)
    return found & judged


def _not_cs_align(text: str) -> str:
    """The commands of ``text`` other than a `cs-align` one (whose files are judged), a
    line each; a `cs-align` command whose `$(…)` or backticks run another command kept."""
    rest = _COMMANDS.split(text)
    return "\n".join(c for c in rest if not _CS_ALIGN.search(c) or re.search(r"\$\(|`", c))


def _in_folder(tree: _Tree, word: str, folders: Iterable[str]) -> set[str]:
    """The files a step may reach through the folder ``word`` names, read as
    `_from_folders` reads a name: the folder itself (`find plans -type f`, `git ls-files
    plans | xargs sed`), or the folder of a name the shell completes at run time, which
    names no file as written (`plans/$X.yaml` is the word `plans/`, `plans/acme.{yaml,yml}`
    the word `plans/acme.`). A plan's name, or a script's, built so read the gate's inputs
    from a file unwatched (gate62). The top folder is no such folder: every file stands in
    it."""
    parts = word.split("/")
    found: set[str] = set()
    for n in range(len(parts)):
        tail = "/".join(parts[n:])
        for folder in folders:
            name = posixpath.normpath(posixpath.join(folder, tail)) if tail else ""
            if not name or name.startswith(("../", "/")) or name in (".", ".."):
                continue
            files = tree.under(name)
            if not files and "/" in tail.rstrip("/") and not tail.endswith("/"):
                completed = tree.under(posixpath.dirname(name))  # a name made at run time
                files = completed if completed and not tree.named(name, False) else files
            found |= files
    return found


def _run_texts(path: str, text: str) -> list[str]:
    """The commands of the file ``path`` of ``text``: a workflow's or action's `run:` (and
    `script:`) values, or a script whole. A bare word names a folder only there: `name: Check plans`
    reads nothing."""
    import yaml

    if not path.lower().endswith((".yml", ".yaml")):
        return [text]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return [text]
    return list(_runs(root, set()))


_CODE_KEYS = ("run", "script")
"""Keys whose value is code a step runs: a shell's `run:`, actions/github-script's
`script:` (`fs.readdirSync('plans')`)."""


def _runs(node: object, seen: set[int]) -> Iterator[str]:
    """The values of `_CODE_KEYS` under ``node``, each node once."""
    import yaml

    if id(node) in seen or not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        return
    seen.add(id(node))
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    for key, value in pairs:
        if key.value in _CODE_KEYS and isinstance(value, yaml.ScalarNode):
            yield str(value.value)
    children = [v for _, v in pairs] if pairs else node.value
    for child in children:
        yield from _runs(child, seen)


def _matched(pattern: str, folders: Iterable[str], among: set[str] | _Tree) -> set[str]:
    """The files ``among`` (the judged ones, or the whole tree's) a shell ``pattern``
    matches from each folder, in any case, with its leading folders cut off one by one too,
    as `_from_folders` reads a name (`$GITHUB_WORKSPACE/plans/*.yaml` matches
    plans/acme.yaml). A `*` here matches across folders too: reading more than the shell
    would only fails a loosening run more often. In the tree, only the files under the
    pattern's leading folders are tried (`ci/steps/*.sh`: those under ci/steps)."""
    parts = pattern.split("/")
    found: set[str] = set()
    for n in range(len(parts)):
        tail = "/".join(parts[n:])
        for folder in folders:
            name = posixpath.normpath(posixpath.join(folder, tail)).casefold() if tail else ""
            if name and not name.startswith(("../", "/")):
                tried = among if isinstance(among, set) else _under_the_literal(among, name)
                found |= {j for j in tried if fnmatch.fnmatchcase(j.casefold(), name)}
    return found


def _under_the_literal(tree: _Tree, name: str) -> Iterable[str]:
    """The files of ``tree`` a pattern ``name`` may match: those under its folders before
    the first part holding a pattern's character, or every file where the first does."""
    literal = list(
        itertools.takewhile(lambda part: not re.search(r"[*?\[]", part), name.split("/"))
    )
    folder = "/".join(literal[: len(name.split("/")) - 1])
    return tree.under(folder) if folder else tree.objects.keys()


def _without_the_action_s_inputs(path: str, text: str) -> str:
    """``text`` with the `plans` and `args` of each step input block (`with:`) that has
    `plans` (cs-align's Action, whose required input it is) blanked out; any other text
    as it is."""
    import yaml

    if not path.lower().endswith((".yml", ".yaml")):
        return text
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return text
    spans = sorted(_input_spans(root, set()))
    for start, end in spans:
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    return text


def _input_spans(node: object, seen: set[int]) -> Iterator[tuple[int, int]]:
    """Where the values of cs-align's `plans` and `args` inputs stand in the text ``node``
    was composed from; each node once (an alias is no second walk)."""
    import yaml

    if id(node) in seen or not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        return
    seen.add(id(node))
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    for key, value in pairs:
        if key.value == "with" and isinstance(value, yaml.MappingNode):
            inputs = {k.value: v for k, v in value.value if isinstance(v, yaml.ScalarNode)}
            if "plans" in inputs:
                for name in ("plans", "args"):
                    if name in inputs:
                        yield inputs[name].start_mark.index, inputs[name].end_mark.index
    children = [v for _, v in pairs] if pairs else node.value
    for child in children:
        yield from _input_spans(child, seen)


def _implied(tree: _Tree, path: str, text: str) -> set[str]:
    """The files the commands ``text`` names read by themselves (`make` a Makefile, `uv
    run` pyproject.toml's scripts), where a step runs them: the top or a folder it names
    (`working-directory: ci`). Watched even where the check judges them (pyproject.toml
    may hold [tool.cs-align] beside the scripts a command runs)."""
    folders = {"", *_FOLDER.findall(text)}
    found: set[str] = set()
    for word in set(_WORD.findall(text)) & _IMPLIED.keys():
        for folder, name in itertools.product(folders, _IMPLIED[word]):
            found.update(tree.names.get(posixpath.join(folder, name).casefold(), ()))
    return found


def _from_folders(tree: _Tree, word: str, folders: Iterable[str], bare: bool) -> set[str]:
    parts = word.split("/")
    found: set[str] = set()
    for n in range(len(parts)):
        tail = "/".join(parts[n:])
        for folder in folders:
            name = posixpath.normpath(posixpath.join(folder, tail)) if tail else ""
            if name and not name.startswith(("../", "/")) and name not in (".", ".."):
                found |= tree.named(name, bare)
    return found


@dataclass(frozen=True)
class Reached:
    """What a workflow's steps run: the files, and whether `MOST` or `MOST_BYTES` cut the
    search short."""

    files: list[str]
    cut: bool


def scripts(watched: list[str], judged: Iterable[str] = ()) -> Reached:
    """The files that the files of ``watched`` (pathspecs: the workflows and actions) name
    and so may run or read for the gate's inputs, and the files those name in turn, up to
    `MOST`: never a document, nor a file the check ``judged`` (a plan, a strategy, a waiver
    file, the config: a change to one is judged by the policy) but one a command reads by
    itself (`_implied`), or one a step reads beyond what cs-align reads of it (`_read`).
    A judged file is data: what it names is not followed."""
    start = _listed(watched)
    tree, found, skipped = _tree(), dict.fromkeys(start), set(judged)
    new, cut = start, False
    while new and not cut:
        texts = _blobs([tree.objects[p] for p in new if p in tree.objects])
        named: set[str] = set()
        implied: set[str] = set()
        read: set[str] = set()
        for path in new:
            data = texts.get(tree.objects.get(path, ""), b"")
            cut = cut or len(data) > MOST_BYTES
            text = os.fsdecode(data[:MOST_BYTES])
            named |= _named(tree, path, text)
            implied |= _implied(tree, path, text)
            read |= _read(tree, path, text, skipped)
        runs = {n for n in named if n not in skipped and not n.lower().endswith(_DOCUMENTS)}
        fresh = [n for n in sorted(runs | implied | read) if n not in found]
        cut = cut or len(fresh) > MOST - len(found)
        new = fresh[: MOST - len(found)]
        found.update(dict.fromkeys(new))
        new = [n for n in new if n in runs or n in implied]
    return Reached(files=[n for n in found if n not in start], cut=cut)


def _listed(pathspecs: list[str]) -> list[str]:
    """The files of the checkout that ``pathspecs`` reach, by their paths from the top, as
    git's index has them (the commit checked out)."""
    listed = git(["ls-files", "-z", "--", *pathspecs], Path.cwd())
    return [n for n in os.fsdecode(listed).split("\0") if n]


def remote_workflows(watched: list[str]) -> list[str]:
    """The reusable workflows of other repositories (or of this one, at another revision)
    that the files of ``watched`` call at a branch or tag rather than a commit id: what
    they pass this gate can change with no change to this repository."""
    if not watched:
        return []
    found = git(["grep", "-h", "-I", "-E", "uses:", "HEAD", "--", *watched], Path.cwd(), ok=(1,))
    called = _REMOTE_WORKFLOW.findall(os.fsdecode(found))
    return sorted({f"{path}@{ref}" for path, ref in called if not _COMMIT.fullmatch(ref)})
