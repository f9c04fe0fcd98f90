"""Policy under review: judge a plan by the trusted policy, and report what the change did
to the files and values that judge it (the `policy-changed` finding).

The policy is the config file, the strategy files, the waiver files, a plan's `strategy:`
value and its waivers. Under `--policy-ref REF` (and `diff --base-ref REF`) policy files are
read through a :class:`~cs_align.repo.Reviewed` tree: at REF, with the working tree compared.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import ValidationError

from cs_align.binding import mix_changes, unchanged
from cs_align.errors import CsAlignError
from cs_align.findings import Finding, Report, Severity
from cs_align.names import Key, name_key, same_organisation
from cs_align.plan import Mix, Plan, Waiver
from cs_align.repo import Reviewed, Revision, absolute, display, read_file
from cs_align.rules import POLICY_CHANGED
from cs_align.waivers import WaiverEntry
from cs_align.yamlsafe import Document, decode, load_text

if TYPE_CHECKING:
    from cs_align.engine import CheckOptions
    from cs_align.loader import LoadedPlan


class Base(NamedTuple):
    """The plan as the trusted revision has it: its document and its inline waivers."""

    doc: Document
    inline: tuple[WaiverEntry, ...]
    text: str = ""
    """Its text, to judge it as it was when a waiver is at stake."""
    renamed_from: str = ""
    """Its path at the trusted revision, when the change renamed or moved it."""
    old_path: Path | None = None
    """The same path, as a path: where the files it names were resolved from."""


def base_plan(loaded: LoadedPlan, tree: Reviewed) -> Base | None:
    """The plan as it is at the trusted revision, under its old name if the change renamed
    it (None when it is new, or was not a plan)."""
    if loaded.path is None:
        return None
    found = _read_base(loaded.path, tree)
    if found is None:
        old = moved_from(loaded, tree.trusted)
        found = _read_base(old, tree) if old is not None else None
        if found is not None and old is not None:
            found = found._replace(renamed_from=display(old), old_path=absolute(old))
    return found


def moved_from(loaded: LoadedPlan, rev: Revision) -> Path | None:
    """Where a plan new at ``rev`` was before the change moved it: the path git's rename
    detection gives, else the one plan the change deletes that names the same organisation
    (a move that also rewrote the file is still that plan: its budget, strategy and
    waivers are judged against what they were). See ``_base_of``."""
    if loaded.path is None:
        return None
    name = loaded.doc.data.get("organisation") if isinstance(loaded.doc.data, dict) else None
    key = name_key(name) if isinstance(name, str) and name.strip() else None
    return _base_of(absolute(loaded.path), key, rev)


def _base_of(here: Path, key: Key | None, rev: Revision) -> Path | None:
    """The plan at ``rev`` that the new plan at ``here`` (naming organisation ``key``)
    carries on, in its own top folder (plans/, say: an archived copy is out of the gate's
    view, and would let the plans it judges grow by what it held): the file git renamed to
    it, else the one plan the change takes away from that folder naming the organisation."""
    old = rev.renamed_from(here)
    if old is not None and _top(rev, old) == _top(rev, here):
        return old
    return None if key is None else _paired(here, key, rev)


def _paired(here: Path, key: Key, rev: Revision) -> Path | None:
    """The one plan the change takes away from the top folder of ``here`` (deleted, or
    renamed out of the folder) that names organisation ``key``, as the base of the new plan
    at ``here``; None when there is not exactly one, or when another new plan names it too
    (split in two, it is neither's)."""
    from cs_align.repo import renamed_to

    moved = renamed_to(rev.root, rev.commit)
    top = _top(rev, here)

    def gone(path: Path) -> bool:  # a file git renamed within the folder is another's base
        target = moved.get(path)
        return target is None or target == here or _top(rev, target) != top

    same = [
        path
        for path, named in _deleted_names(rev).items()
        if same_organisation(named, key) and _top(rev, path) == top and gone(path)
    ]
    if len(same) != 1:
        return None
    rivals = [
        p
        for p, named in _added_names(rev).items()
        if p != here
        and named is not None
        and same_organisation(named, key)
        and _top(rev, p) == top  # a copy archived elsewhere competes for nothing
    ]
    return None if rivals else same[0]


def carried_to(old: Path, rev: Revision) -> Path | None:
    """The plan in the work tree that carries on ``old``, a plan the change deletes: the
    one new plan whose base it is (``_base_of``, as ``moved_from`` finds it). None when no
    plan does (the plan is deleted)."""
    from cs_align.discovery import kind

    found = [
        path
        for path, key in _added_names(rev).items()
        if _base_of(path, key, rev) == old
        and _is_yaml(path)
        and _inside(rev, path)
        and kind(path) == "plan"
    ]
    return found[0] if len(found) == 1 else None


@functools.lru_cache(maxsize=16)
def _deleted_names(rev: Revision) -> dict[Path, Key]:
    """Plans at ``rev`` that the work tree no longer has (removed, or renamed away), with
    the organisation each names: read once a run, however many new plans ask."""
    from cs_align.repo import deleted

    found = {}
    for path in deleted(rev.root, rev.commit):
        name = _organisation(rev, path) if _is_yaml(path) else None
        if name is not None:
            found[path] = name
    return found


@functools.lru_cache(maxsize=16)
def _added_names(rev: Revision) -> dict[Path, Key | None]:
    """YAML files the work tree adds since ``rev``, with the organisation each names."""
    return {path: _named(rev, path) for path in _added_plans(rev)}


def replaced(loaded: LoadedPlan, rev: Revision) -> tuple[str, ...]:
    """For a plan new at ``rev`` (``moved_from`` found none): the plans the change deletes
    that it may stand in for, so that a budget limit in % cannot let it through unmeasured.

    A plan deleted from this plan's top folder counts unless exactly one other plan file in
    the work tree carries it on, by git's rename detection or by its organisation. One that
    names this plan's own organisation does not: the organisation's plans are judged
    together (``organisation_budget``), so a split or a rollover of several plans is
    measured rather than refused. Only files that are plans count as carrying one on: not a
    strategy-shaped file, nor a renamed .md."""
    from cs_align.discovery import kind
    from cs_align.repo import renamed_to

    mine = loaded.doc.data.get("organisation") if isinstance(loaded.doc.data, dict) else None
    mine = name_key(mine) if isinstance(mine, str) else None
    here = absolute(loaded.path) if loaded.path is not None else None
    if here is None:
        return ()
    # Only a plan where this one is (the same top folder: plans/, say) can carry one on; a
    # plan archived elsewhere is out of the gate's view, and cannot vouch for this one.
    top = _top(rev, here)

    def stands_in(path: Path) -> bool:
        return (
            path != here and _top(rev, path) == top and _inside(rev, path) and kind(path) == "plan"
        )

    beside = [named for p, named in _added_names(rev).items() if named and stands_in(p)]
    moved = renamed_to(rev.root, rev.commit)
    found = []
    for old, name in _deleted_names(rev).items():
        if _top(rev, old) != top or (mine is not None and same_organisation(name, mine)):
            continue
        target = moved.get(old)
        renamed = target is not None and _is_yaml(target) and stands_in(target)
        if not (renamed or sum(same_organisation(n, name) for n in beside) == 1):
            found.append(display(old))
    return tuple(found)


class Budgeted(NamedTuple):
    """A plan file's organisation (as compared: see `same_name`), currency and budget."""

    organisation: Key
    currency: str
    total: Decimal


class Totals(NamedTuple):
    """An organisation's plans' budget totals a year (see ``yearly``), at the base and now
    (see organisation_budget)."""

    before: Decimal
    after: Decimal
    unlike: bool
    """Some are in another currency than the new plan's: they cannot be added up."""


def organisation_budget(loaded: LoadedPlan, rev: Revision) -> Totals | None:
    """For a plan new at ``rev`` (or relabelled): the budget totals, at ``rev`` and now, of
    the plans in its top folder (plans/, say) that name its organisation; None when none
    did at ``rev``.

    A plan added for an organisation that already had plans (a second beside the first, the
    halves of a split, next year's plans) is part of that organisation's budget, which a
    limit in % can judge as a whole where it cannot judge the new plan alone."""
    name = loaded.doc.data.get("organisation") if isinstance(loaded.doc.data, dict) else None
    if not isinstance(name, str) or not name.strip() or loaded.path is None:
        return None
    own = yearly(loaded.plan)
    here = absolute(loaded.path)
    return _totals(name_key(name), loaded.plan.currency, here, own, {here}, rev)


def organisation_kept(base: LoadedPlan, now: LoadedPlan | None, rev: Revision) -> Totals | None:
    """The totals, at ``rev`` and now, of the plans in its top folder that name the
    organisation a plan named at ``rev`` (``base``): now, the plans that still name it, with
    this one as it is (``now``; None when it is gone, and nothing when it names another)."""
    if base.path is None or (now is not None and now.path is None):
        return None
    key = name_key(base.plan.organisation)
    own = Decimal(0)
    if now is not None and same_organisation(name_key(now.plan.organisation), key):
        own = yearly(now.plan)
    gone = {absolute(base.path)} | ({absolute(now.path)} if now and now.path else set())
    here = absolute(now.path) if now is not None and now.path else absolute(base.path)
    return _totals(key, base.plan.currency, here, own, gone, rev, by_path=False)


def _totals(
    key: Key,
    currency: str,
    here: Path,
    own: Decimal,
    skip: set[Path],
    rev: Revision,
    *,
    by_path: bool = True,
) -> Totals | None:
    """The budget totals, at ``rev`` and now, of the plans in the top folder of ``here``
    that name organisation ``key``, with ``own`` for the plan at ``here`` now (the paths in
    ``skip`` are not read again). A plan that named it at ``rev`` counts now by its path,
    whatever it names now (relabelled, it is the same money), while it stays in the folder
    (archived elsewhere, it has left); a plan the change adds or edits counts when it names
    it. Without ``by_path`` (what an organisation keeps when plans leave it), a plan counts
    only when it still names it, in both readings of its name (``names.Key``): a name that
    reads as this organisation one way and another the other way is money of one of them,
    not of both. A file counts once, however many links lead to it. Totals in another
    currency cannot be added up (``unlike``)."""
    from cs_align.repo import changed, renamed_to

    top = _top(rev, here)
    then = {
        p: b for p, b in _budgets_at(rev, top).items() if same_organisation(b.organisation, key)
    }
    if not then:
        return None
    before = sum((b.total for b in then.values() if b.currency == currency), Decimal(0))
    moved = renamed_to(rev.root, rev.commit)
    carried = {t for p in then if _top(rev, t := moved.get(p, p)) == top}
    edited = {p for p in changed(rev.root, rev.commit) if _top(rev, p) == top and _is_yaml(p)}
    after, unlike = own, any(b.currency != currency for b in then.values())
    names = same_organisation if by_path else operator.eq  # both readings agree
    read = {_real(p) for p in skip}
    for path in sorted((carried | edited) - skip):
        if (real := _real(path)) in read:
            continue
        read.add(real)
        found = _budgeted(_read_now(rev, path))
        if found is not None and ((by_path and path in carried) or names(found.organisation, key)):
            unlike |= found.currency != currency
            after += found.total
    return Totals(before=before, after=after, unlike=unlike)


@functools.lru_cache(maxsize=16)
def _budgets_at(rev: Revision, top: str) -> dict[Path, Budgeted]:
    """The plans at ``rev`` in one top folder, each with what it is budgeted for."""
    from cs_align.repo import files_at

    found = {}
    for path in files_at(rev.root, rev.commit, top):
        if not _is_yaml(path) or _top(rev, path) != top:  # the root: its own files only
            continue
        try:
            raw = rev.read(path, f"{rev.ref}:{display(path)}")
        except CsAlignError:  # a link or a huge file at the base is no plan of it
            continue
        budgeted = _budgeted(raw)
        if budgeted is not None:
            found[path] = budgeted
    return found


def _budgeted(raw: bytes | None) -> Budgeted | None:
    """What a plan file is budgeted for (None when it is no plan naming an organisation)."""
    from cs_align.loader import parse_plan

    if raw is None:
        return None
    try:
        plan = parse_plan(decode(raw, "plan"), "plan").plan
    except (CsAlignError, ValueError):
        return None
    return Budgeted(
        organisation=name_key(plan.organisation), currency=plan.currency, total=yearly(plan)
    )


def yearly(plan: Plan) -> Decimal:
    """A plan's budget total a year (its period's length in years; a plan without a period
    budgets a year): plans of one organisation for periods of different lengths add up as
    money a year, so five years' budget is not a year's."""
    total = plan.budget.total if plan.budget and plan.budget.total else Decimal(0)
    if plan.period is None or plan.period.years == 1:
        return total
    years = plan.period.years
    return (total * years.denominator / years.numerator).quantize(Decimal("0.01"))


def _read_now(rev: Revision, path: Path) -> bytes | None:
    """A work-tree file as it is now; None when it cannot be read, or when it resolves
    outside the repository (a link the change adds is never followed out of it)."""
    if not _inside(rev, path):
        return None
    try:
        return read_file(path)
    except (CsAlignError, OSError):
        return None


def _real(path: Path) -> Path:
    """The file a path leads to (itself, when its links lead nowhere)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _inside(rev: Revision, path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(rev.root.resolve())
    except (OSError, RuntimeError):  # a link loop resolves nowhere, so nowhere inside
        return False


def _is_yaml(path: Path) -> bool:
    """As the folder scan reads a name (`plans/.yaml` is one; its suffix is empty)."""
    from cs_align.discovery import SUFFIXES

    return path.name.lower().endswith(SUFFIXES)


def _top(rev: Revision, path: Path) -> str:
    """The repository's top folder a path lies in ("" for a file at the root)."""
    relative = rev.relative(path) or ""
    return relative.split("/", 1)[0] if "/" in relative else ""


def _added_plans(rev: Revision) -> list[Path]:
    from cs_align.repo import changed

    return [p for p in changed(rev.root, rev.commit, "A") if _is_yaml(p)]


def _named(rev: Revision, path: Path) -> Key | None:
    """The organisation a working-tree plan names (None when it names none or is no plan)."""
    return _organisation_in(_read_now(rev, path), display(path))


def _organisation(rev: Revision, path: Path) -> Key | None:
    """The organisation a plan names at ``rev``."""
    name = f"{rev.ref}:{display(path)}"
    try:
        raw = rev.read(path, name)
    except CsAlignError:
        return None
    return _organisation_in(raw, name)


def _organisation_in(raw: bytes | None, name: str) -> Key | None:
    if raw is None:
        return None
    try:
        data = load_text(decode(raw, name), name).data
    except CsAlignError:
        return None
    found = data.get("organisation") if isinstance(data, dict) else None
    return name_key(found) if isinstance(found, str) else None  # as compared


def _read_base(path: Path, tree: Reviewed) -> Base | None:
    from cs_align.waivers import inline_waivers

    name = f"{tree.trusted.ref}:{display(path)}"
    try:
        raw = tree.trusted.read(path, name)
        if raw is None:
            return None
        text = decode(raw, name)
        doc = load_text(text, name)
        if not isinstance(doc.data, dict):
            return None
        try:
            inline = tuple(inline_waivers(text, name))
        except CsAlignError:
            inline = ()
    except CsAlignError:
        return None
    return Base(doc=doc, inline=inline, text=text)


def trusted_waivers(base: Base | None, loaded: LoadedPlan) -> tuple[WaiverEntry, ...]:
    """The plan's waivers as the trusted revision grants them: its `waivers:` (those that
    still validate), and the inline waivers it had that the working tree still has — taken
    at their working-tree lines, since edits move lines."""
    if base is None:
        return ()
    entries = []
    for index, item in enumerate(base.doc.data.get("waivers") or []):
        try:
            waiver = Waiver.model_validate(item)
        except ValidationError:
            continue
        entries.append(WaiverEntry(waiver=waiver, doc=base.doc, path=("waivers", index)))
    # Each inline waiver the base grants covers one block; a copy elsewhere is not granted.
    granted = [_inline_item(e, base.doc) for e in base.inline]
    kept = []
    for entry in loaded.inline:
        item = _inline_item(entry, loaded.doc)
        if item in granted:
            granted.remove(item)
            kept.append(entry)
    return (*entries, *kept)


def review(loaded: LoadedPlan, options: CheckOptions) -> Report:
    """Check a plan by the trusted policy; add `policy-changed` when the change edits it."""
    tree = options.access.tree
    assert isinstance(tree, Reviewed)
    base = base_plan(loaded, tree)
    notes: list[str] = []
    if tree.accept:
        report = _evaluate(loaded, options)
    else:
        options = dataclasses.replace(options, plan_waivers=trusted_waivers(base, loaded))
        report = _trusted(loaded, options, base, notes)
    # Accepted or not, the note says which waivers cover what they were not granted for.
    report = _unbind(report, base, loaded, options, notes, keep=tree.accept)
    notes[:0] = _changes(loaded, report, options, base, tree)
    if not notes:
        return report
    finding = _finding(loaded, notes, tree, base)
    return dataclasses.replace(report, findings=(finding, *report.findings))


def _evaluate(loaded: LoadedPlan, options: CheckOptions) -> Report:
    from cs_align.engine import assess

    return assess(loaded, options)


def _trusted(
    loaded: LoadedPlan, options: CheckOptions, base: Base | None, notes: list[str]
) -> Report:
    """Judge by the strategy the trusted revision gave the plan, when the change moved it."""
    value = base.doc.data.get("strategy") if base is not None else None
    if value is None or value == loaded.doc.data.get("strategy"):
        return _evaluate(loaded, options)
    try:
        declared = Mix.model_validate(value) if isinstance(value, dict) else str(value)
        judged = loaded._replace(plan=loaded.plan.model_copy(update={"strategy": declared}))
        return _evaluate(judged, options)
    except (ValidationError, CsAlignError):
        notes.append("the trusted strategy no longer fits the plan, so the new one judged it")
        return _evaluate(loaded, options)


def _unbind(
    report: Report,
    base: Base | None,
    loaded: LoadedPlan,
    options: CheckOptions,
    notes: list[str],
    keep: bool = False,
) -> Report:
    """A trusted waiver accepts a finding as it stood: if the change edited the channel or
    block a waived finding is about, or moved the finding's figures by any other edit (a
    shrinkage that widens a channel's shortfall), or the plan is new (no waiver was granted
    with it in view), the waiver does not carry over. ``keep``: the change was accepted on
    the command line, so the waivers stay, and the note still names each one."""
    before: dict[tuple[str, str], str] | None = None
    findings = []
    for f in report.findings:
        why = ""
        if f.waived and base is None:
            why = "covers a plan that is new"
        elif (
            f.waived and base is not None and not unchanged(base.doc.data, loaded.doc.data, f.path)
        ):
            why = "covers a changed subject"
        elif f.waived and base is not None:
            before = _as_it_stood(base, loaded, options) if before is None else before
            if before.get((f.rule, f.path)) != f.message:
                why = "covers a changed finding"
        if why:
            notes.append(
                f"the waiver for {f.rule} at {f.path} {why}".replace(
                    " the plan is", ": the plan is"
                )
            )
            f = f if keep else f._replace(waived=None)
        findings.append(f)
    return dataclasses.replace(report, findings=tuple(findings))


def _as_it_stood(
    base: Base, loaded: LoadedPlan, options: CheckOptions
) -> dict[tuple[str, str], str]:
    """The trusted revision's findings, by rule and path: what its waivers accepted (none
    when it cannot be judged any more, so no waiver carries over unseen). Files it names
    (a strategy beside it) are found from the plan's place, read at the trusted revision."""
    from cs_align.loader import parse_plan

    try:
        judged = _evaluate(parse_plan(base.text, base.doc.file, loaded.path), options)
    except CsAlignError:
        return {}
    return {(f.rule, f.path): f.message for f in judged.findings}


def _changes(
    loaded: LoadedPlan,
    report: Report,
    options: CheckOptions,
    base: Base | None,
    tree: Reviewed,
) -> list[str]:
    notes = []
    for path in dict.fromkeys((*options.policy_files, *report.policy_files)):
        how = tree.change(path)
        if how:
            detail = _config_detail(path, tree) if how == "changed" else ""
            notes.append(f"{display(path)} {how}{detail}")
    if base is not None:
        head = loaded.doc.data
        before, after = base.doc.data.get("strategy"), head.get("strategy")
        if before != after:
            notes.append(f"strategy: {_short(before)} → {_short(after)}")
        elif base.old_path is not None and loaded.path is not None:
            notes += _moved_references(head, base.old_path.parent, absolute(loaded.path).parent)
        old = [
            *(base.doc.data.get("waivers") or []),
            *(_inline_item(e, base.doc) for e in base.inline),
        ]
        new = [
            *(head.get("waivers") or []),
            *(_inline_item(e, loaded.doc) for e in loaded.inline),
        ]
        waived = _waiver_change(old, new)
        if waived:
            notes.append(waived)
        notes += mix_changes(base.doc.data, head)
    elif loaded.plan.waivers or loaded.inline:
        count = len(loaded.plan.waivers) + len(loaded.inline)
        notes.append(f"waivers: {count} in a plan that is new")
    return notes


def _moved_references(data: Any, was: Path, now: Path) -> list[str]:
    """A moved plan's strategy files, named alike, that now resolve to another file: the
    same words, another policy (plans/us/ours.yaml → plans/eu/ours.yaml). Every reference
    counts: the plan's strategy, its mix, and each segment's."""
    from cs_align.strategy import is_reference_to_file

    strategy = data.get("strategy") if isinstance(data, dict) else None
    refs: list[Any] = [strategy] if isinstance(strategy, str) else []
    if isinstance(strategy, dict):
        refs = [strategy.get("primary"), *(strategy.get("by_segment") or {}).values()]
        refs += list((strategy.get("by_channel") or {}).values())
    segments = data.get("segments") if isinstance(data, dict) else None
    refs += [s.get("strategy") for s in segments or [] if isinstance(s, dict)]
    notes = []
    for ref in dict.fromkeys(r for r in refs if isinstance(r, str)):
        if not is_reference_to_file(ref):
            continue
        old, new = os.path.normpath(was / ref), os.path.normpath(now / ref)
        if old != new:
            notes.append(
                f"strategy {ref} now means {display(Path(new))} (it meant {display(Path(old))} "
                "where the plan was)"
            )
    return notes


def _inline_item(entry: WaiverEntry, doc: Document) -> dict[str, str]:
    """An inline waiver as comparable data: what it says and the block it covers, by name
    (not its line: lines move as a plan is edited)."""
    w = entry.waiver
    return {
        "rule": w.rule,
        "reason": w.reason,
        "owner": w.owner,
        "expires": str(w.expires),
        "covers": _subject(doc, entry.line),
    }


def _subject(doc: Document, line: int | None) -> str:
    """The outermost block whose key or value starts on ``line``, named by channel and
    segment ids rather than positions (`channels[phone].target`); "" for none."""
    paths = [
        *(p for p in doc.keys if doc.key_pos(p).line == line),
        *(p for p in doc.values if doc.value_pos(p).line == line),
    ]
    if not paths:
        return ""
    path = min(paths, key=len)
    named: list[str] = []
    node: Any = doc.data
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            ident = node[part].get("id") if isinstance(node[part], dict) else None
            named.append(f"[{ident}]" if isinstance(ident, str) else f"[#{part}]")
            node = node[part]
        else:
            named.append(f".{part}")
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(named).lstrip(".")


def _config_detail(path: Path, tree: Reviewed) -> str:
    """For a changed config file, the settings that differ: ` (fail_on: error → info)`."""
    if path.name not in (".cs-align.yaml", ".cs-align.yml", "pyproject.toml"):
        return ""
    before = _settings(tree.trusted.read(path, "base"), path)
    after = _settings(tree.read_head(path), path)
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    shown = [
        f"{k}: {_short(before.get(k, '(unset)'))} → {_short(after.get(k, '(unset)'))}"
        for k in keys[:6]
    ]
    return f" ({'; '.join(shown)})" if shown else ""


def _settings(raw: bytes | None, path: Path) -> dict[str, Any]:
    """A config file's settings, flattened to dotted keys (guardrails.max_total)."""
    from cs_align.config import _table_of

    if raw is None:
        return {}
    try:
        data = (
            _table_of(raw, path)
            if path.name == "pyproject.toml"
            else load_text(decode(raw, "config"), "config").data
        )
    except CsAlignError:
        return {"(file)": "unreadable"}
    flat: dict[str, Any] = {}
    for key, value in (data or {}).items() if isinstance(data, dict) else ():
        if isinstance(value, dict):
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat


def _short(value: Any) -> str:
    text = str(value) if value is not None else "(none)"
    return text if len(text) <= 80 else text[:77] + "…"


def _waiver_change(before: Any, after: Any) -> str:
    old, new = _items(before), _items(after)
    added, removed = _beyond(new, old), _beyond(old, new)
    if not added and not removed:
        return ""
    parts = [f"{len(added)} added or edited ({', '.join(added[:3])})" if added else ""]
    parts.append(f"{len(removed)} removed or edited" if removed else "")
    return "waivers in the plan: " + ", ".join(p for p in parts if p)


def _items(items: Any) -> list[tuple[str, str]]:
    """Each waiver as a comparable key, with a name a reviewer recognises (its rule)."""
    if not isinstance(items, list):
        return []
    return [
        (
            repr(sorted(i.items())) if isinstance(i, dict) else repr(i),
            str(i.get("rule", "?") if isinstance(i, dict) else i),
        )
        for i in items
    ]


def _beyond(these: list[tuple[str, str]], those: list[tuple[str, str]]) -> list[str]:
    """The names of the waivers in ``these`` that ``those`` does not have, counting copies:
    a second copy of a granted waiver is one more waiver."""
    left = [key for key, _ in those]
    extra = []
    for key, name in these:
        if key in left:
            left.remove(key)
        else:
            extra.append(name)
    return extra


def _finding(loaded: LoadedPlan, notes: list[str], tree: Reviewed, base: Base | None) -> Finding:
    pos = loaded.doc.value_pos(("strategy",))
    accepted = tree.accept
    ref = tree.trusted.ref
    if base is not None and base.renamed_from:
        notes = [f"compared with {base.renamed_from}, which the change renamed", *notes]
    return Finding(
        rule=POLICY_CHANGED,
        severity=Severity.info if accepted else Severity.error,
        area="strategy",
        title="The change under review rewrites the policy that judges it",
        message=f"the policy differs from {ref}: "
        + "; ".join(notes)
        + ("; accepted with --allow-policy-change" if accepted else f"; judged by {ref}'s policy"),
        path="strategy",
        line=pos.line,
        column=pos.column,
        fix="review the policy change, then re-run with --allow-policy-change"
        if not accepted
        else "none needed: the change was accepted on the command line",
        source="gate integrity",
        strategy=report_strategy(loaded),
    )


def report_strategy(loaded: LoadedPlan) -> str:
    value = loaded.plan.strategy
    return value if isinstance(value, str) else value.primary
