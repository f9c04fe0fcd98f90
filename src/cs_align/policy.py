"""Policy under review: judge a plan by the trusted policy, and report what the change did
to the files and values that judge it (the `policy-changed` finding).

The policy is the config file, the strategy files, the waiver files, a plan's `strategy:`
value and its waivers. Under `--policy-ref REF` (and `diff --base-ref REF`) policy files are
read through a :class:`~cs_align.repo.Reviewed` tree: at REF, with the working tree compared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from cs_align.binding import assignments, canonical, mix_changes, subject, unchanged
from cs_align.errors import CsAlignError, PlanError
from cs_align.findings import Finding, Report, Severity
from cs_align.names import Key, name_key, same_organisation
from cs_align.organisations import (
    Answered,
    Judge,
    Line,
    Loss,
    Moves,
    Period,
    Promised,
    beside,
    by_kind,
    channel_judges,
    channel_strategies,
    covered,
    dated_plans,
    hour_price,
    hours_by_way,
    in_force,
    losses,
    lower_ceilings_lost,
    moved_from,
    moves,
    organisation_ceiling,
    organisation_hour_prices,
    organisation_kinds,
    organisation_strategies,
    organisations_at,
    promised_contacts,
    promised_work,
    renamed_whole_from,
    shifts,
    strategies_in,
    top_folder,
    weekly_hours,
    weights,
    window_of,
    work_inputs,
)
from cs_align.plan import (
    PUBLIC_KINDS,
    QUEUED_KINDS,
    Channel,
    Kind,
    Mix,
    Plan,
    Reference,
    Segment,
    StaffedBy,
    Waiver,
)
from cs_align.queueing import TOLERANCE
from cs_align.repo import Reviewed, Revision, absolute, display, nested_in, resolved
from cs_align.rules import POLICY_CHANGED, POLICY_OVERRIDDEN
from cs_align.rules.best_tier_served_better import ID as BEST_TIER
from cs_align.rules.best_tier_served_better import best_tier
from cs_align.rules.cost_pace import ID as COST_PACE
from cs_align.rules.people_answer import ID as PEOPLE_ANSWER
from cs_align.rules.public_channel import ID as PUBLIC_CHANNEL
from cs_align.sizing import weekly_contacts
from cs_align.units import (
    exact,
    fmt_money,
    fmt_percent,
    fmt_seconds,
    fmt_share_against,
    fmt_wait,
    parse_percent,
)
from cs_align.waivers import WaiverEntry
from cs_align.yamlsafe import Document, decode, load_text

if TYPE_CHECKING:
    from cs_align.engine import CheckOptions
    from cs_align.loader import LoadedPlan
    from cs_align.metrics import ChannelMetrics, Metrics


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
    judged_by: str | None = None
    """The strategy given for the run (`--strategy`, the config's `strategy:`), which
    judges the plan in place of the one it declares (see ``_judged_by``)."""
    linked: bool = False
    """Read through the symbolic link the path is now, as it led at the trusted revision
    (see ``_through_link``)."""


def base_plan(loaded: LoadedPlan, tree: Reviewed) -> Base | None:
    """The plan as it is at the trusted revision, under its old name if the change renamed
    it (None when it is new, or was not a plan)."""
    if loaded.path is None:
        return None
    found = _read_base(loaded.path, tree)
    if found is None and (target := _through_link(loaded.path, tree)) is not None:
        found = _read_base(target, tree)
        found = found._replace(linked=True) if found is not None else None
    if found is None:
        old = moved_from(loaded, tree.trusted)
        found = _read_base(old, tree) if old is not None else None
        if found is not None and old is not None:
            found = found._replace(renamed_from=display(old), old_path=absolute(old))
    return found


def _linked_out(loaded: LoadedPlan, tree: Reviewed, base: Base | None) -> list[str]:
    """A plan the change makes a symbolic link to a file outside its top folder: said once,
    in that change (review attack43 C11). The runs after it read its plan at the trusted
    revision through the same link (``_through_link``)."""
    if loaded.path is None or (base is not None and base.linked):
        return []
    here = absolute(loaded.path)
    if not here.is_symlink():
        return []
    try:
        target = resolved(here)
    except OSError:
        return []  # a loop: discovery refuses it
    folder = top_folder(tree.trusted, here)
    if top_folder(tree.trusted, target) == folder:
        return []  # a link to another plan of the folder: its work is counted there
    return [
        f"{display(here)} is now a symbolic link to {display(target)}, outside {folder}: "
        f"the plan {folder} is gated by is kept elsewhere"
    ]


def _in_a_nested_repository(loaded: LoadedPlan, tree: Reviewed) -> list[str]:
    """A plan whose file lies in a repository of its own inside the reviewed one (a
    submodule, a nested checkout): the change commits a pointer to a commit there, not the
    plan, so a reviewer reads none of its text and no later change to it has a plan at the
    trusted revision to be compared with (each is judged as a new plan's: the budget limits
    cannot apply). A folder of plans made a submodule holding the same paths passed as an
    edit of each plan, exit 0 (review attack58)."""
    if loaded.path is None:
        return []
    here, top = absolute(loaded.path), tree.trusted.root
    nested = nested_in(here, top)
    if nested is None:
        return []
    return [
        Note(
            f"{display(here, top)} lies in {display(nested, top)}, a git repository of its own "
            f"inside this one (a submodule): the change commits a pointer to a commit there, "
            f"not the plan, so its text is not reviewed here and no change to it is compared "
            f"with the plan at {tree.trusted.ref}",
            repr(("nested", loaded.doc.data)),
        )
    ]


def _through_link(path: Path, tree: Reviewed) -> Path | None:
    """The file a plan that is a symbolic link now was at the trusted revision, when the
    link was there already and led to the same place, inside the repository: its plan at
    the trusted revision is that file's. A link kept as it was is no change; read as no plan
    at all, it made every later run judge the plan as new (review attack43 C11)."""
    if not path.is_symlink():
        return None
    try:
        now = os.readlink(path)
    except OSError:
        return None
    if tree.trusted.link(path) != now:
        return None
    target = Path(os.path.normpath(absolute(path).parent / now))
    return target if tree.trusted.relative(target) is not None else None


def _read_base(path: Path, tree: Reviewed) -> Base | None:
    from cs_align.discovery import read_as_plan
    from cs_align.waivers import inline_waivers

    name = f"{tree.trusted.ref}:{display(path)}"
    try:
        raw = tree.trusted.read(path, name)
        if raw is None:
            return None
        text = decode(raw, name)
        doc = load_text(text, name)
        if not isinstance(doc.data, dict) or not read_as_plan(path, doc.data):
            return None  # no plan there: the plan is new (review attack41 F04)
        try:
            inline = tuple(inline_waivers(text, name))
        except CsAlignError:
            inline = ()
    except CsAlignError:
        return None
    return Base(doc=doc, inline=inline, text=text)


def _unreadable_base(loaded: LoadedPlan, tree: Reviewed) -> list[str]:
    """A plan whose file the trusted revision holds but cannot read (its YAML refused: a
    duplicate key, a tag, a syntax error) is judged as a new plan: said, as a file no rule
    reads as a plan is (review attack41 B04). It was silent: the only plan of a repository,
    broken at main, took a budget raise of 65% through `check --policy-ref`, exit 0, judged
    as the repository's first plan (review attack59)."""
    if loaded.path is None:
        return []
    name = f"{tree.trusted.ref}:{display(loaded.path)}"
    try:
        raw = tree.trusted.read(loaded.path, name)
        if raw is None:
            return []  # new: nothing at the path
        load_text(decode(raw, name), name)
    except CsAlignError as exc:
        first = exc.problems[0] if isinstance(exc, PlanError) and exc.problems else None
        # A file refused as a whole (a link, larger than 5 MB) has no line: it was said
        # "is a symbolic link, not a file at line 0".
        why = (
            f"{first.message}{f' at line {first.line}' if first.line else ''}"
            if first is not None
            else str(exc)
        )
        return [
            Note(
                f"{display(loaded.path)} at {tree.trusted.ref} cannot be read ({why}): the "
                "change is judged as a new plan, compared with nothing",
                repr(loaded.doc.data),
            )
        ]
    return []


def trusted_waivers(base: Base | None, loaded: LoadedPlan) -> tuple[WaiverEntry, ...]:
    """The plan's waivers as the trusted revision grants them: its `waivers:` (those that
    still validate), and the inline waivers it had that the working tree still has — taken
    at their working-tree lines, since edits move lines."""
    if base is None or _granted_elsewhere(base, loaded):
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
    waivers: str = _waivers_said(loaded, base)
    granted: set[tuple[str, str, str]] = set()
    report: Report | None = None
    if tree.accept:
        report = _evaluate(loaded, options)
    else:
        if waivers:
            # The plan's own waivers, and what they waive as it reads: a reviewer who
            # approves their change by its id grants them as written, for those findings as
            # they read (review attack47 A08: approved, they were not granted, and only
            # --allow-policy-change, every change of the run, could grant a waiver).
            own = dataclasses.replace(options, plan_waivers=None)
            mine: list[str] = []
            judged = _trusted(loaded, own, base, mine)
            waived = {(f.rule, f.path, f.message) for f in judged.findings if f.waived}
            waivers = Note(waivers, repr((_waiver_items(loaded), sorted(waived))))
            if change_id(loaded, waivers, tree) in tree.approved:
                # The approval grants what the change to the waivers waives, not what the
                # trusted waivers waive now: whether those carry over (a changed subject, a
                # changed finding) is said as before (review attack48 B01: approving an
                # added waiver's id granted main's waivers over an e-mail line with 2.4
                # times the work, and their notes went unsaid).
                ruled = dataclasses.replace(options, plan_waivers=_kept_waivers(base, loaded))
                carried = _trusted(loaded, ruled, base, [])
                waived -= {(f.rule, f.path, f.message) for f in carried.findings if f.waived}
                report, granted, options = judged, waived, own
                notes += mine
        if report is None:
            options = dataclasses.replace(options, plan_waivers=trusted_waivers(base, loaded))
            report = _trusted(loaded, options, base, notes)
    assert report is not None
    # Accepted or not, the note says which waivers cover what they were not granted for.
    report = _unbind(report, base, loaded, options, notes, keep=tree.accept, granted=granted)
    new = base is None or _base_plan(base) is None  # judged as a new plan
    ours = _own_judges(report, options, tree, granted, notes, new=new)
    ours += tuple(
        f"strategy for segment {s} (new)" for s in ([] if new else _new_segments(loaded, base))
    )
    notes[:0] = _changes(loaded, report, options, base, tree, waivers)
    said = _overridden(loaded, options.flagged, tree)
    if not notes:
        return dataclasses.replace(report, findings=(*said, *report.findings))
    finding = _finding(loaded, notes, tree, base, ours)
    return dataclasses.replace(report, findings=(finding, *said, *report.findings))


def _overridden(
    loaded: LoadedPlan, flagged: tuple[str, ...], tree: Reviewed
) -> tuple[Finding, ...]:
    """The policy-overridden finding naming the flags that loosen the trusted policy
    (``config.Settings.flagged``): info, since the flags are obeyed, but said in every
    format, so a workflow's loosening is never unseen (review gate59)."""
    if not flagged:
        return ()
    pos = loaded.doc.value_pos(("strategy",))
    return (
        Finding(
            rule=POLICY_OVERRIDDEN,
            severity=Severity.info,
            area="strategy",
            title="A flag loosens the policy that judges the change",
            message=f"this run does not judge by {tree.trusted.ref}'s policy alone: "
            + "; ".join(flagged),
            path="strategy",
            line=pos.line,
            column=pos.column,
            fix=f"drop the flag to judge by {tree.trusted.ref}'s policy, or change that policy "
            f"in {tree.trusted.ref}",
            source="gate integrity",
            strategy=report_strategy(loaded),
        ),
    )


def _today(options: CheckOptions) -> dt.date:
    from cs_align.engine import day

    return day(options)


def _evaluate(loaded: LoadedPlan, options: CheckOptions) -> Report:
    from cs_align.engine import assess

    return assess(loaded, options)


def _trusted(
    loaded: LoadedPlan, options: CheckOptions, base: Base | None, notes: list[str]
) -> Report:
    """Judge by the strategy the trusted revision gave the plan, and each of its segments,
    when the change moved it (see ``_trusted_plan``)."""
    try:
        plan = _trusted_plan(loaded, base)
        if plan is None:
            return _evaluate(loaded, options)
        return _evaluate(loaded._replace(plan=plan), options)
    except (ValidationError, CsAlignError):
        notes.append(Note(UNFIT, _judging(loaded)))
        return _evaluate(loaded, options)


def _trusted_plan(loaded: LoadedPlan, base: Base | None) -> Plan | None:
    """The plan under the strategies the trusted revision gave it: its `strategy:` value, and
    the `strategy:` of each segment it had there (none, where it named none); a segment the
    change adds keeps its own, which a note names. None when the change moved neither.
    A segment's strategy judges its channels and practices as the mix's `by_segment` does:
    restoring the plan's value alone left a segment handed from extraordinary-trust to
    fast-food judged by fast-food once its notes were approved, while the finding said
    "judged by main's policy" (review fix49g). Raises ValidationError when a trusted value
    is no strategy reference."""
    if base is None:
        return None
    update: dict[str, Any] = {}
    value = base.doc.data.get("strategy")
    if value is not None and value != loaded.doc.data.get("strategy"):
        update["strategy"] = Mix.model_validate(value) if isinstance(value, dict) else str(value)
    had = {
        str(s.get("id")): s.get("strategy")
        for s in base.doc.data.get("segments") or []
        if isinstance(s, dict)
    }
    segments, moved = [], False
    for segment in loaded.plan.segments:
        then = had.get(segment.id, segment.strategy)
        if then != segment.strategy:
            then = _REFERENCE.validate_python(then)
            segment, moved = segment.model_copy(update={"strategy": then}), True
        segments.append(segment)
    if moved:
        update["segments"] = segments
    plan = loaded.plan.model_copy(update=update) if update else loaded.plan
    # A line main judged by one strategy, now in a segment (or out of one) that another
    # judges: its rules stay main's (review fix49g: the bankers' line moved from the
    # private segment to retail was judged by fast-food once its notes were approved).
    # Compared as written, from the same folder: a plan moved elsewhere names them anew.
    was = assignments(base.doc.data) if base.old_path is None else {}
    now = channel_strategies(plan)
    kept = {c: ref for c, (_, ref) in was.items() if c in now and now[c] != ref != "None"}
    if kept:
        mix = plan.strategy if isinstance(plan.strategy, Mix) else Mix(primary=plan.strategy)
        update["strategy"] = mix.model_copy(update={"by_channel": {**mix.by_channel, **kept}})
        plan = loaded.plan.model_copy(update=update)
    return plan if update else None


_REFERENCE: TypeAdapter[str | None] = TypeAdapter(Reference | None)
"""A segment's `strategy:` as the plan reads it."""


UNFIT = "the trusted strategy no longer fits the plan, so the new one judged it"
"""The note said when the plan's strategy at the trusted revision cannot judge it now."""


def _own_judges(
    report: Report,
    options: CheckOptions,
    tree: Reviewed,
    granted: set[tuple[str, str, str]],
    notes: list[str],
    *,
    new: bool = False,
) -> tuple[str, ...]:
    """What of the change's own judged the plan in the trusted policy's place, as the
    policy-changed finding names it (review fix49g: "judged by main's policy" was said of
    a plan judged by a strategy or waiver file the change adds, read from the working tree
    for want of one at the trusted revision, by its own waivers once approved, or by its
    own strategy once the trusted one no longer fitted it, or a plan that is ``new``)."""
    own = []
    # A config the change adds is reported and not obeyed until accepted; strategy and
    # waiver files it adds are read, there being none at the trusted revision.
    read = {*map(absolute, report.policy_files)}
    waivers = {e.doc.file for e in options.waivers}
    for path in dict.fromkeys((*options.policy_files, *report.policy_files)):
        if absolute(path) not in read and display(path) not in waivers:
            continue
        if tree.change(path) == "added":
            table = path.name == "pyproject.toml" and tree.trusted.exists(path)
            own.append(f"{display(path)}{' [tool.cs-align]' if table else ''} (added)")
    if granted:
        own.append("waivers of this plan (approved as written)")
    if UNFIT in notes:
        own.append(f"strategy for this plan ({tree.trusted.ref}'s no longer fits it)")
    elif new and not options.strategy:
        own.append("strategy for this new plan")
    return tuple(own)


def _new_segments(loaded: LoadedPlan, base: Base | None) -> list[str]:
    """The segments the change adds that name a strategy of their own, which judges them
    (see ``_trusted_plan``: there is none at the trusted revision to judge them by)."""
    had = {
        str(s.get("id"))
        for s in (base.doc.data.get("segments") or [] if base is not None else [])
        if isinstance(s, dict)
    }
    return [s.id for s in loaded.plan.segments if s.strategy and s.id not in had]


def _judged_said(ref: str, own: tuple[str, ...]) -> str:
    """Who judged the plan, as the finding says it (see ``_own_judges``)."""
    said = f"judged by {ref}'s policy"
    if not own:
        return said
    listed = ", ".join(own[:-1]) + " and " + own[-1] if len(own) > 1 else own[0]
    return f"{said} and by the change's own {listed}"


def _kept_waivers(base: Base | None, loaded: LoadedPlan) -> tuple[WaiverEntry, ...]:
    """The trusted waivers the plan keeps as written: what an approval of the change to its
    waivers leaves to the trusted revision's grant (an edited one is approved as written)."""
    now = loaded.doc.data.get("waivers") or []
    return tuple(
        e
        for e in trusted_waivers(base, loaded)
        if base is None
        or e.doc is not base.doc
        or (base.doc.data.get("waivers") or [])[int(e.path[1])] in now
    )


def _unbind(
    report: Report,
    base: Base | None,
    loaded: LoadedPlan,
    options: CheckOptions,
    notes: list[str],
    keep: bool = False,
    granted: set[tuple[str, str, str]] | None = None,
) -> Report:
    """A trusted waiver accepts a finding as it stood: if the change edited the channel or
    block a waived finding is about, or moved the finding's figures by any other edit (a
    shrinkage that widens a channel's shortfall), or the plan is new (no waiver was granted
    with it in view), the waiver does not carry over. ``keep``: the change was accepted on
    the command line, so the waivers stay, and the note still names each one. ``granted``:
    findings a reviewer's approval of the plan's waivers granted as they read (see
    ``review``), which stay waived unsaid."""
    before: dict[tuple[str, str], tuple[str, bool]] | None = None
    findings = []
    for f in report.findings:
        why = ""
        if f.waived and (f.rule, f.path, f.message) in (granted or set()):
            pass
        elif f.waived and base is None:
            why = "covers a plan that is new"
        elif (
            f.waived and base is not None and not unchanged(base.doc.data, loaded.doc.data, f.path)
        ):
            why = "covers a changed subject"
        elif f.waived and base is not None:
            before = _as_it_stood(base, loaded, options) if before is None else before
            stood = before.get((f.rule, f.path))
            if stood is None or stood[0] != f.message:
                why = "covers a changed finding"
            elif not stood[1]:
                # Waived now, counted at the base: a waiver that reaches further than it was
                # granted for (review attack31 A1: two channels written on the line of one's
                # inline waiver).
                why = "covers a finding the trusted revision did not waive"
        if why:
            note = _unbound(f, why, base, loaded)
            notes.append(note)
            # Approved by its id, the waiver carries over as the trusted revision granted
            # it, to this finding as it reads (review fix49g: the note had an id, and
            # approving it kept nothing, so the finding still failed the run).
            tree = options.access.tree
            approved = isinstance(tree, Reviewed) and change_id(loaded, note, tree) in tree.approved
            f = f if keep or approved else f._replace(waived=None)
        findings.append(f)
    return dataclasses.replace(report, findings=tuple(findings))


def _unbound(f: Finding, why: str, base: Base | None, loaded: LoadedPlan) -> Note:
    """The note on a trusted waiver that does not carry over to ``f`` (``why``), with an id of
    what its approval keeps: the waiver as granted (its rule, reason, owner and expiry, not
    the file or line it is read at, which the base's name and edits move), the finding as it
    reads now, and its subject at the trusted revision and now. The same waiver over another
    finding, or over its subject changed again, is another id."""
    waived = f.waived
    granted = (waived["reason"], waived["owner"], waived["expires"]) if waived is not None else None
    then = subject(base.doc.data, f.path) if base is not None else None
    key = repr((f.rule, f.path, f.message, granted, then, subject(loaded.doc.data, f.path)))
    return Note(
        f"the waiver for {f.rule} at {f.path} {why}".replace(" the plan is", ": the plan is"),
        key,
    )


def _as_it_stood(
    base: Base, loaded: LoadedPlan, options: CheckOptions
) -> dict[tuple[str, str], tuple[str, bool]]:
    """The trusted revision's findings, by rule and path, and whether its own waivers waived
    each: what they accepted (none when it cannot be judged any more, so no waiver carries
    over unseen). Files it names (a strategy beside it) are found from the plan's place,
    read at the trusted revision."""
    from cs_align.loader import parse_plan

    own = dataclasses.replace(options, plan_waivers=None)  # the base's, at its own lines
    try:
        judged = _evaluate(parse_plan(base.text, base.doc.file, loaded.path), own)
    except CsAlignError:
        return {}
    return {(f.rule, f.path): (f.message, f.waived is not None) for f in judged.findings}


def _changes(
    loaded: LoadedPlan,
    report: Report,
    options: CheckOptions,
    base: Base | None,
    tree: Reviewed,
    waivers: str = "",
) -> list[str]:
    """What the change does to the policy that judges ``loaded``; ``waivers``: the change to
    its own waivers as said (see ``_waivers_said``)."""
    # A setting the environment loosens is a change of policy as an edited config is.
    notes: list[str] = [Note(o, repr(("environment", o))) for o in options.overrides]
    files = list(dict.fromkeys((*options.policy_files, *report.policy_files)))
    moves = _config_moves(files, tree)
    for path in files:
        how = tree.change(path)
        if how == "changed" and _same_data(path, tree):
            continue  # a comment, a key moved, a quoting style: nothing that judges changed
        if path in moves:
            moved = moves[path]
            if moved is not None:
                notes.append(moved)
            continue
        if how:
            # A `[tool.cs-align]` table added to a pyproject.toml the base has (attack31 A3).
            table = how == "added" and path.name == "pyproject.toml" and tree.trusted.exists(path)
            detail = _config_detail(path, tree) if how == "changed" or table else ""
            name = f"{display(path)} [tool.cs-align]" if table else display(path)
            if nested_in(path, tree.trusted.root) is not None:  # from the top, as a reviewer
                name = display(path, tree.trusted.root)  # finds it: not "ours.yaml added"
            notes.append(Note(f"{name} {how}{detail}", _policy_key(path, tree)))
    notes += _linked_out(loaded, tree, base)
    notes += _in_a_nested_repository(loaded, tree)
    if base is not None and _base_plan(base) is None:
        # A file at the trusted revision that no rule reads as a plan (refused by this
        # release, or some other mapping at the path) gives nothing to compare: the plan is
        # judged as new, so its work, hour price and ceiling are compared with its
        # organisation's plans, and the reviewer is told (review attack41 B04).
        where = display(loaded.path) if loaded.path is not None else "the plan"
        # Nothing at the base to compare with: the approval is of the plan as read (review
        # attack47 A05: once approved, a lever moved in a later push kept the id).
        notes.append(
            Note(
                f"{where} at {tree.trusted.ref} is no plan this release reads: the change is "
                "judged as a new plan",
                repr(loaded.doc.data),
            )
        )
        base = None
    if base is not None and options.strategy:
        strategy = run_strategy(options.strategy)
        base = base._replace(judged_by=strategy)
        loaded = loaded._replace(plan=_judged_by(loaded.plan, strategy))
    if base is not None:
        head = loaded.doc.data
        before, after = base.doc.data.get("strategy"), head.get("strategy")
        if _declared(before) != _declared(after):
            notes.append(
                Note(f"strategy: {_short(before)} → {_short(after)}", repr((before, after)))
            )
        elif base.old_path is not None and loaded.path is not None:
            notes += _moved_references(head, base.old_path.parent, absolute(loaded.path).parent)
        if waivers:
            notes.append(waivers)
        notes += mix_changes(base.doc.data, head)
        renamed = _kind_renamed(base, loaded)
        notes += renamed
        relabelled = not _same_name(base.doc.data.get("organisation"), head.get("organisation"))
        if relabelled:
            notes += _new_plan_strategy(loaded, tree, "relabelled to")
        stranger = _new_organisation(loaded, tree, "is relabelled to") if relabelled else []
        ids = {c.id for c in loaded.plan.channels}
        taken = ids if relabelled else ids - _staffed(base.doc.data)
        notes += stranger or _work_moved(loaded, tree, taken)
        notes += _baselines_changed(base, loaded, tree, relabelled)
        if relabelled:
            # Another organisation's ceiling at this path: judged as a new plan's, by the
            # ceilings this organisation's plans hold (review attack54: two plans traded
            # places and Example's delight plan took Zeta's reviewed 95% into its file).
            ceiling = _new_plan_ceiling(loaded, tree, report, "relabelled to")
            notes += ceiling or _moved_under_higher_ceiling(loaded, tree, None)
        else:
            notes += _ceiling_raised(base.doc.data, loaded, report)
        levers = _levers(report, options, renamed=bool(renamed))
        said = {name: lever(base, loaded, report, tree) for name, lever in levers.items()}
        notes += said["cheaper hours"]
        if BEST_TIER in report.rules:
            notes += said["best tier"]
        if PUBLIC_CHANNEL in report.rules:
            notes += _declared_public(base, loaded)
        if COST_PACE in report.rules:
            notes += said["bot contacts"]
        if not relabelled:
            notes += _moved_under_higher_ceiling(loaded, tree, base)
        if PEOPLE_ANSWER in report.rules:
            notes += said["people work"]
            notes += said["less time"]
            notes += said["lighter need"]
            notes += _cut_after_loosening(base, loaded, report, tree)
            if not renamed:
                notes += said["kinds moved"]
            notes += said["kinds to bots"]
        notes += _over_window(base, loaded, report, tree, (levers, said))
        if not options.strategy:
            notes += _bar_for_new_kinds(base, loaded, (report, options), tree)
    else:
        notes += _unreadable_base(loaded, tree)
        notes += _new_plan_strategy(loaded, tree)
        ids = {c.id for c in loaded.plan.channels}
        notes += _new_organisation(loaded, tree) or _work_moved(loaded, tree, ids)
        notes += _new_plan_ceiling(loaded, tree, report) or _moved_under_higher_ceiling(
            loaded, tree, None
        )
        notes += _cheaper_new_plan(loaded, tree)
        if not options.strategy:
            notes += _bar_for_new_plan(loaded, (report, options), tree)
        if PUBLIC_CHANNEL in report.rules and organisation_strategies(loaded, tree.trusted):
            notes += _declared_public(None, loaded)
        notes += _baselines_of_new_plan(loaded, tree)
        if waivers:
            notes.append(waivers)
    return notes


class _Baseline(NamedTuple):
    """A top-level key whose figures are policy as a strategy's threshold is, noted where a
    change sets them: last period's figures (`history`), which cost-pace and
    best-tier-served-better judge by, and the rates the strategy's money thresholds are
    converted at (`exchange_rates`: a refund floor of 50 USD is 7,769 JPY at 155.37 and
    78 JPY at 1.55)."""

    key: str
    """The plan's key, and the Plan field of the same name."""
    its: str
    """The word its notes call the figures ("its rates: …")."""
    tag: tuple[str, ...]
    """What the Note key of a change to it starts with. Note keys feed approval ids, so each
    stays as first written: `history`'s carries none."""


_BASELINES = (
    _Baseline(key="history", its="history", tag=()),
    _Baseline(key="exchange_rates", its="rates", tag=("rates",)),
)


def _baselines_changed(
    base: Base, loaded: LoadedPlan, tree: Reviewed, relabelled: bool
) -> list[Note]:
    """A note for each baseline (`_BASELINES`) the change sets anew: compared as read (a
    figure quoted, or written 11.160, is the same figure: review attack41 F02), shown as
    written. In a plan relabelled to another organisation, any it states: that
    organisation's figures at this path are not this plan's (review attack54: two
    cost-race plans traded places, each beside the other's history, and a 17.7% cut in
    cost per contact read as 8.2% against a 15% pace)."""
    then, organisation = _base_plan(base), base.doc.data.get("organisation")
    notes = []
    for b in _BASELINES:
        was, now = base.doc.data.get(b.key), loaded.doc.data.get(b.key)
        if relabelled and now is not None:
            notes.append(
                Note(
                    f"{b.key}: {_short(now)}, where the plan named {_short(organisation)} at "
                    f"{tree.trusted.ref} (its {b.its}: {_short(was)})",
                    repr((b.its, organisation, was, now)),
                )
            )
        elif was != now and (then is None or getattr(then, b.key) != getattr(loaded.plan, b.key)):
            notes.append(Note(f"{b.key}: {_short(was)} → {_short(now)}", repr((*b.tag, was, now))))
    return notes


def _baselines_of_new_plan(loaded: LoadedPlan, tree: Reviewed) -> list[Note]:
    """A note for each baseline (`_BASELINES`) a plan new for an organisation that has plans
    at the trusted revision states: each half of a split could state its own last period
    and rates (rates where any are given, history wherever its key stands)."""
    data = loaded.doc.data
    rates = data.get("exchange_rates")
    if not (rates or "history" in data) or not organisation_strategies(loaded, tree.trusted):
        return []
    new = (
        f"in a plan that is new for {loaded.plan.organisation}, which has plans at "
        f"{tree.trusted.ref}"
    )
    notes = (
        [Note(f"exchange_rates: {_short(rates)} {new}", repr(("rates", rates)))] if rates else []
    )
    if "history" in data:
        notes.append(Note(f"history: {_short(data['history'])} {new}", repr(data["history"])))
    return notes


Lever = Callable[[Base, "LoadedPlan", Report, Reviewed], list[str]]
"""A comparison of the plan with a base that says a lever lightened past its tolerance in
one change (a tenth of the work, the need, the hour's price...)."""


def _levers(report: Report, options: CheckOptions, *, renamed: bool) -> dict[str, Lever]:
    """The comparisons of the plan with its base whose tolerance a change may use up a
    little at a time (see ``_over_window``), those the plan's rules call for."""
    today = _today(options)

    def people_work(base: Base, loaded: LoadedPlan, _: Report, tree: Reviewed) -> list[str]:
        less = _less_time(base, loaded, tree)
        return _people_work(base, loaded, tree, today, timed=bool(less))

    found: dict[str, Lever] = {
        "cheaper hours": lambda b, lo, _, t: _cheaper_hours(b, lo, t),
        "best tier": lambda b, lo, _, t: _best_tier(b, lo, t),
        "bot contacts": lambda b, lo, _, t: _bot_contacts(b, lo, t),
        "people work": people_work,
        "less time": lambda b, lo, _, t: _less_time(b, lo, t),
        "lighter need": _lighter_need,
        "kinds moved": lambda b, lo, _, t: _kinds_moved(b, lo, t, today),
        "kinds to bots": lambda b, lo, _, t: _kinds_to_bots(b, lo, t),
        "organisation work": lambda b, lo, _, t: _organisation_work(b, lo, t, today),
    }
    wanted = {"cheaper hours"}
    wanted |= {"best tier"} if BEST_TIER in report.rules else set()
    wanted |= {"bot contacts"} if COST_PACE in report.rules else set()
    if PEOPLE_ANSWER in report.rules:
        wanted |= {"people work", "less time", "lighter need", "organisation work"}
        wanted |= {"kinds to bots"}
        wanted |= set() if renamed else {"kinds moved"}
    return {name: lever for name, lever in found.items() if name in wanted}


def _over_window(
    base: Base,
    loaded: LoadedPlan,
    report: Report,
    tree: Reviewed,
    compared: tuple[dict[str, Lever], dict[str, list[str]]],
) -> list[str]:
    """The levers held over the window, not one change (the ratchet, review attack40 A11 /
    attack45 G20: the contacts people answer cut 8% a pull request, each within a tenth,
    passed each time and ended anywhere). Each comparison that says nothing of this change
    against the trusted revision is made again against the plan as the trusted branch had
    it at the start of the window (``ANCHOR_DAYS`` before the trusted commit, on its
    first-parent history, found under its old name where it was renamed or moved since,
    its organisation's plans read as they were then): said when the change takes the lever
    past its tolerance there while the trusted plan itself was within it (what main took
    within the window and a reviewer approved is not asked again of a change that does not
    take more, nor of one that gives some back). The note names the commit and day the
    window starts at, and that this change alone stays within the tolerance. A plan whose
    declared strategy changed within the window is compared with the trusted plan alone."""
    from cs_align.repo import anchor_of, window_start

    levers, said = compared
    if loaded.doc.data == base.doc.data or base.linked:
        return []  # the plan as main has it: nothing of the window is this change's
    path = base.old_path or (absolute(loaded.path) if loaded.path else None)
    relative = tree.trusted.relative(path) if path is not None else None
    start = window_start(tree.trusted, ANCHOR_DAYS)
    if start is None and relative:
        start = anchor_of(tree.trusted, relative, ANCHOR_DAYS)
    if start is None or start.commit == tree.trusted.commit:
        return []
    then = Reviewed(
        start._replace(gated=tree.trusted.gated, within=tree.trusted.within),
        tree.accept,
        tree.approved,
    )
    early = base_plan(loaded, then)
    if early is None or _base_plan(early) is None:
        return []
    if _strategies(early.doc.data) != _strategies(base.doc.data):
        # Another strategy within the window (the change of strategy said as it was made):
        # the plan at the start is read under the strategies the trusted plan declares, its
        # work compared as today's strategy judges it (review fix51g, fix51h: genius then
        # delight, 9,000 → 8,300 → 7,650 calls, started the window at main's own commit and
        # passed 11.7% a step at a time). Where it cannot be read so, the window starts where
        # the plan first declared what it has now (review attack51b).
        here = absolute(loaded.path) if loaded.path else None
        since = _as_declared((start, then, early), base, here) or _window_from(
            loaded, tree, relative, base, None
        )
        if since is None:
            return []
        start, then, early = since
    early = early._replace(judged_by=base.judged_by)
    trusted = _base_plan(base)
    if trusted is None:
        return []
    was = loaded._replace(plan=trusted, doc=base.doc)
    was_report = dataclasses.replace(report, metrics=_base_sized(base))
    notes: list[str] = []
    # Whether main itself took a lever past its tolerance since the window's start reads
    # the organisation's plans as main has them, not as the change does (review fix52g).
    as_main = _now_at(then, tree)
    for name, lever in levers.items():
        if said[name] or (name == "organisation work" and (notes or _said_of_work(said))):
            continue  # the organisation's work: where no lever of the plan said it
        at = (start, then, early)
        if lever(early, was, was_report, as_main):
            # main itself took the lever past its tolerance within the window, approved:
            # the window holds from the first commit after which main stays within it
            # (review attack51b: after one approved cut every later cut went unwindowed).
            held = (lever, was, was_report)
            later = _window_from(loaded, tree, relative, base, held)
            if later is None:
                continue
            at = later
        found = lever(at[2], loaded, report, at[1])
        notes += [_windowed(note, at[0], name) for note in found]
    return notes


def _bar_for_new_kinds(
    base: Base, loaded: LoadedPlan, judged: tuple[Report, CheckOptions], tree: Reviewed
) -> list[str]:
    """Lines of a kind the plan had none of at the window's start, where the strategies it
    declares changed since (another strategy declared, or its file, or a file it extends,
    edited): each error the strategies it declared there find on them that
    the trusted ones do not. A strategy changed in one change judges what the plan has then,
    so one that lowered the bar for a kind the plan had no line of changed nothing a
    reviewer saw, and the line added in a later change passed the lowered bar (review
    fix54g item 1: delight for a phone-only plan, then a strategy of its own extending
    delight with e-mail's first response at 50% in 48h, then an e-mail line promising 48
    business hours, which delight's 90% in 4h fails). The line's own strategy as the start
    declared it (``_trusted_plan`` with the plan there); a start this release cannot judge
    the plan by (a strategy file gone since) says nothing. Only a kind the trusted plan has
    no line of is asked after (main's own lines were judged as main took them), so a change
    that adds none reads no history (a shallow clone is judged as a whole one)."""
    from cs_align.repo import anchor_of, window_start

    report, options = judged
    trusted = _base_plan(base)
    if trusted is None or loaded.doc.data == base.doc.data:
        return []
    if not {c.kind for c in loaded.plan.channels} - {c.kind for c in trusted.channels}:
        return []  # no kind the trusted plan lacks: nothing main did not judge (no history)
    path = base.old_path or (absolute(loaded.path) if loaded.path else None)
    relative = tree.trusted.relative(path) if path is not None else None
    start = window_start(tree.trusted, ANCHOR_DAYS)
    if start is None and relative:
        start = anchor_of(tree.trusted, relative, ANCHOR_DAYS)
    if start is None or start.commit == tree.trusted.commit or base.linked:
        return []
    at_start = Reviewed(_gated_as(start, tree.trusted), tree.accept, tree.approved)
    early = base_plan(loaded, at_start)
    had = _base_plan(early) if early is not None else None
    if early is None or had is None:
        return []
    kinds = {c.kind for c in had.channels}
    new = {c.id: c.kind.value for c in loaded.plan.channels if c.kind not in kinds and c.human}
    if not new:
        return []
    # The strategy files read as they were at the start, `extends` followed there too: a
    # plan that declared strategies/ours.yaml throughout, whose file (or the file it
    # extends) lowered e-mail's bar within the window, had its new e-mail line judged by
    # the lowered bar alone (review attack55 b). Under --allow-policy-change the reviewer
    # took the working tree's files; the start's are still read from the start.
    then_access = options.access._replace(tree=Reviewed(at_start.trusted))
    try:
        plan = _trusted_plan(loaded, early._replace(old_path=None)) or loaded.plan
        then = _evaluate(
            loaded._replace(plan=plan), dataclasses.replace(options, access=then_access)
        )
    except (ValidationError, CsAlignError):
        return []
    was, has = _short(early.doc.data.get("strategy")), _short(base.doc.data.get("strategy"))
    said = ("this plan had no line of", "the plan's strategy there")
    return _lowered_bars((then, report), new, (was, has), (start, tree), said)


def _lowered_bars(
    reports: tuple[Report, Report],
    new: dict[str, str],
    strategies: tuple[str, str],
    at: tuple[Revision, Reviewed],
    said: tuple[str, str],
    seen: set[tuple[str, str]] | None = None,
) -> list[str]:
    """Each error the report at the window's start (``reports[0]``) finds on a line of
    ``new`` (id → kind) that the report now does not, said as a bar lowered within the
    window: ``strategies``, the judge there and now; ``said``, whose lines the kind is new to
    and what the strategy there is. A (rule, path) in ``seen`` is said already (by another
    strategy's report), and each said is added to it."""
    seen = set() if seen is None else seen
    then, report = reports
    start, tree = at
    was, has = strategies
    if was == has:
        was, has = f"{was} as it read there", f"{has} as edited since"
    now = {(f.rule, f.path) for f in report.findings if f.severity is Severity.error}
    notes = []
    for f in then.findings:
        line = _CHANNEL_PATH.match(f.path)
        ident = line.group(1) if line else None
        if f.severity is not Severity.error or (f.rule, f.path) in now or ident not in new:
            continue
        if (f.rule, f.path) in seen:
            continue
        seen.add((f.rule, f.path))
        notes.append(
            f"{ident} ({new[ident]}, a kind {said[0]} at {start.ref}) fails "
            f"{f.rule} under {was}, {said[1]}: {f.message}; {tree.trusted.ref} "
            f"judges it by {has}: a strategy changed within the window, then a line of a kind "
            "it had not judged, is the bar lowered for that line"
        )
    return notes


def _bar_for_new_plan(
    loaded: LoadedPlan, judged: tuple[Report, CheckOptions], tree: Reviewed
) -> list[str]:
    """A plan new to the change, for an organisation whose plans at the trusted revision
    have no line of some kind it has: its lines of those kinds judged by the strategy files
    it declares as they read at the window's start, as ``_bar_for_new_kinds`` judges a line
    an existing plan adds (review attack55: a phone-only organisation's strategy file
    lowered e-mail's first response to 50% in 48h within the window, then a new plan of the
    organisation with an e-mail line promising 48 business hours passed unsaid, which the
    file's bar at the start, delight's 90% in 4h, fails). A start where the plan's files
    were not yet (read as the change has them) says nothing."""
    from cs_align.repo import window_start

    report, options = judged
    known = organisation_kinds(loaded, tree.trusted) if loaded.path is not None else None
    if known is None:
        return []  # no plan of the organisation at the trusted revision: said as new
    new = {
        c.id: c.kind.value for c in loaded.plan.channels if c.human and c.kind.value not in known
    }
    if not new:
        return []
    start = window_start(tree.trusted, ANCHOR_DAYS)
    if start is None or start.commit == tree.trusted.commit:
        return []
    declared = _short(loaded.doc.data.get("strategy"))
    said = ("its organisation's plans had no line of", "the strategy it declares")
    judges = [(declared, loaded.plan, said)]
    theirs = organisation_strategies(loaded, start)
    here = absolute(loaded.path) if loaded.path is not None else None
    own = strategies_in(loaded.plan, here)
    if not _judges_at(loaded, start) or (theirs and not own <= set(theirs)):
        # Its strategy file is newer than the window (main's plans moved to it since, as
        # review fix54g's plan did), or was there but no strategy its organisation's plans
        # declared (a file of another's, or none's, main's plans moved to since): the line
        # answers to what the organisation's plans declared there, as a line an existing
        # plan adds answers to what that plan declared (review attack56 b: a new plan under
        # a lowered strategies/ours.yaml, there unused at the start, passed unsaid). Where
        # they declared several (plans under different strategies, or a mix), to the
        # strictest: each of them judges it, and an error any of them finds is said (review
        # attack56 b: nothing was said, and the line passed the bar the change's file
        # lowered).
        # A plan that is itself a mix is judged so too: each of its lines answers to what
        # its organisation's plans declared (review gate57: a new plan mixing a lowered
        # file with fast-food passed its 48-hour e-mail line unsaid).
        plan = loaded.plan
        if not theirs or loaded.path is None:
            return []
        several = len(theirs) > 1
        shown = ", ".join(_named(t) for t in theirs)
        judges = []
        for theirs_one in theirs:
            ref = theirs_one
            if os.path.isabs(ref):
                ref = os.path.relpath(ref, absolute(loaded.path).parent)
            one = (
                f"one of the strategies its organisation's plans declared there ({shown}), "
                "the strictest of which judges it"
                if several
                else "the strategy its organisation's plans declared there"
            )
            judges.append(
                (_named(theirs_one), plan.model_copy(update={"strategy": ref}), (said[0], one))
            )
    access = options.access._replace(tree=Reviewed(_gated_as(start, tree.trusted)))
    notes: list[str] = []
    seen: set[tuple[str, str]] = set()  # one note a line and rule: the first bar it fails
    for was, plan, how in judges:
        try:
            then = _evaluate(
                loaded._replace(plan=plan), dataclasses.replace(options, access=access)
            )
        except (ValidationError, CsAlignError):
            continue
        notes += _lowered_bars((then, report), new, (was, declared), (start, tree), how, seen)
    return notes


def _judges_at(loaded: LoadedPlan, start: Revision) -> bool:
    """Whether every strategy file the plan declares was there at ``start``."""
    here = absolute(loaded.path) if loaded.path is not None else None
    files = [s for s in strategies_in(loaded.plan, here) if os.path.isabs(s)]
    return all(start.exists(Path(f)) for f in files)


_CHANNEL_PATH = re.compile(r"channels\[([^\]]*)\]")
"""A finding's path on a channel: `channels[email].target`."""


def _window_from(
    loaded: LoadedPlan,
    tree: Reviewed,
    relative: str | None,
    base: Base,
    held: tuple[Lever, LoadedPlan, Report] | None,
) -> tuple[Revision, Reviewed, Base] | None:
    """Where a window that cannot start at its first day starts instead: the first commit
    within it that changed the plan and can be read under the strategies it declares at the
    trusted revision (``base``, whose run's strategy judges it too; see ``_as_declared``),
    and with ``held`` (a lever, the trusted plan and its report) from which the trusted plan
    stays within that lever's tolerance; with the plan as it was there, so read. None where
    no commit before the trusted one does (the window holds this change alone)."""
    from cs_align.repo import changes_of

    trusted = tree.trusted
    for start in changes_of(trusted, relative, ANCHOR_DAYS) if relative else ():
        if start.commit == trusted.commit:
            return None
        then = Reviewed(
            start._replace(gated=trusted.gated, within=trusted.within), tree.accept, tree.approved
        )
        early = base_plan(loaded, then)
        if early is None or _base_plan(early) is None:
            continue
        if _strategies(early.doc.data) != _strategies(base.doc.data):
            here = absolute(loaded.path) if loaded.path else None
            read = _as_declared((start, then, early), base, here)
            if read is None:
                continue
            start, then, early = read
        early = early._replace(judged_by=base.judged_by)
        if held is None or not held[0](early, held[1], held[2], _now_at(then, tree)):
            return start, then, early
    return None


def _gated_as(start: Revision, trusted: Revision) -> Revision:
    """A commit of the window read with what the run gates (``trusted``'s folders and files)."""
    return start._replace(gated=trusted.gated, within=trusted.within)


def _now_at(then: Reviewed, tree: Reviewed) -> Reviewed:
    """``then`` (a commit in the window) with the plans "now" read at the trusted commit of
    ``tree``: a comparison of the trusted plan with the plan there (``Revision.now_at``)."""
    trusted = then.trusted._replace(now_at=tree.trusted.commit)
    return Reviewed(trusted, then.accept, then.approved)


def _strategies(data: Any) -> tuple[Any, list[tuple[Any, Any]]]:
    """What a plan's document declares its work is judged by, as compared (``_declared``):
    its `strategy:` and each segment's, by the segment's id."""
    segments = data.get("segments") if isinstance(data, dict) else None
    listed = segments if isinstance(segments, list) else []
    return (
        _declared(data.get("strategy")) if isinstance(data, dict) else None,
        [
            (s.get("id"), _declared(s.get("strategy")))
            for s in listed
            if isinstance(s, dict) and s.get("strategy") is not None
        ],
    )


def _as_declared(
    at: tuple[Revision, Reviewed, Base], base: Base, here: Path | None
) -> tuple[Revision, Reviewed, Base] | None:
    """The plan at the window's start (``at``: the commit, the tree read there and the plan)
    read under the strategies the trusted plan (``base``) declares: its `strategy:` (one, or
    a mix by segment and channel) and each segment's by id, a segment main has none for
    taking none. The commit reads the plan so for every comparison there, its
    organisation's plans with it (``Revision.read_as``); ``here`` is the plan's path now.
    None where the rules cannot read it so (a mix naming a channel or segment the plan did
    not have then)."""
    start, then, early = at
    data = early.doc.data
    path = early.old_path or here
    relative = start.relative(path) if path is not None and not early.linked else None
    if not isinstance(data, dict) or not isinstance(base.doc.data, dict) or relative is None:
        return None
    now = base.doc.data
    read = {key: value for key, value in data.items() if key != "strategy"}
    read["strategy"] = now.get("strategy")
    listed = now.get("segments")
    segments_now: list[Any] = listed if isinstance(listed, list) else []
    theirs = {s.get("id"): s.get("strategy") for s in segments_now if isinstance(s, dict)}
    if isinstance(data.get("segments"), list):
        read["segments"] = [
            _segment_as(s, theirs.get(s.get("id"))) if isinstance(s, dict) else s
            for s in data["segments"]
        ]
    text = _flow(read)
    try:
        doc = load_text(text, start.shown(Path(relative), relative))
    except CsAlignError:
        return None
    early = early._replace(doc=doc, text=text)
    if _base_plan(early) is None:
        return None
    start = start._replace(read_as=((relative, text.encode("utf-8")),))
    then = Reviewed(
        start._replace(gated=then.trusted.gated, within=then.trusted.within),
        then.accept,
        then.approved,
    )
    return start, then, early


def _segment_as(segment: dict[str, Any], strategy: Any) -> dict[str, Any]:
    """A segment of the plan at the window's start with the strategy main gives it."""
    kept = {key: value for key, value in segment.items() if key != "strategy"}
    return kept if strategy is None else {**kept, "strategy": strategy}


def _flow(value: Any) -> str:
    """A document's data written back as YAML in flow style (JSON's syntax: every text
    quoted, every number as read), which reads as the same data."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_flow, value)) + "]"
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    return json.dumps(str(value))


def _said_of_work(said: dict[str, list[str]]) -> bool:
    """Whether this change alone took the contacts people answer, or their kinds, past a
    tolerance (its own notes say the work)."""
    return bool(said.get("people work") or said.get("kinds moved"))


def _counted_as_one(
    was: Plan, then: Path | None, loaded: LoadedPlan, tree: Reviewed
) -> tuple[bool, Key | None]:
    """Whether the organisation's plans are counted together for this plan at ``then`` at
    the trusted revision (``was``) and now: it names the same organisation, or one renamed
    whole (see ``renamed_whole``), whose old name the second item is (None: the same)."""
    old = name_key(was.organisation)
    if same_organisation(old, name_key(loaded.plan.organisation)):
        return True, None
    if renamed_whole_from(was, then, loaded, tree.trusted):
        return True, old
    return False, None


def _organisation_work(base: Base, loaded: LoadedPlan, tree: Reviewed, today: dt.date) -> list[str]:
    """Contacts people answer to a target under a strategy of people in the organisation's
    plans in the plan's top folder, together, fewer now than at ``tree`` by more than a
    tenth of them: held over the window only (``_over_window``; one change that takes them
    is said by the plan's own comparisons or by ``deleted``). A sibling plan merged into this
    one within the window made the plan's own start too small to judge by (review attack51b
    F4, fix52g: 2,000 calls cut in two steps of 1,000 after beta's lines moved into acme
    passed, acme's own work having grown by the merge)."""
    was = _base_plan(base)
    here = absolute(loaded.path) if loaded.path is not None else None
    if was is None:
        return []
    counted, was_named = _counted_as_one(was, base.old_path or here, loaded, tree)
    if not counted:
        return []
    window = window_of(_period(was) or _period(loaded.plan))
    org = promised_contacts(loaded, tree.trusted, window, today, base.old_path or here, was_named)
    if base.judged_by is not None and org:
        org = {base.judged_by: _merged(list(org.values()))}
    notes = []
    for judge, total in sorted(org.items()):
        if not _of_people(judge) or total.before - total.after <= total.before * PEOPLE_WORK_CUT:
            continue
        notes.append(
            f"people answer {_n(total.before)} contacts a week to a target under "
            f"{_named(judge)} in {total.where} at {tree.trusted.ref}, {_n(total.after)} now "
            f"(-{_cut(total.before, total.after)}), more than a tenth of them"
        )
    return notes


LEVERS_SAID = {
    "organisation work": "the contacts the organisation's plans answer",
    "cheaper hours": "the price of a staff hour",
    "best tier": "the best tier's service",
    "bot contacts": "the contacts bots take",
    "people work": "the contacts people answer",
    "less time": "the time people give a contact",
    "lighter need": "the staff the targets need",
    "kinds moved": "the kinds people answer",
    "kinds to bots": "each kind's contacts people answer",
}
"""How a window note names the lever it is of (see ``_levers``)."""


def _windowed(note: str, start: Revision, lever: str) -> str:
    """A lever's note over the window: "over the 92 days since main on 2026-09-02
    (0123456789ab), which the gate's tolerances hold over (this change alone stays within
    its own): ..."."""
    said = (
        f"over the {ANCHOR_DAYS} days since {start.ref} ({start.commit[:12]}), which the "
        f"gate's tolerances hold over ({LEVERS_SAID[lever]}: this change alone stays within "
        f"its own): "
        f"{note}"
    )
    if isinstance(note, Note):
        return Note(said, note.key, dated=note.dated)
    return said


PEOPLE_WORK_CUT = Fraction(1, 10)
"""The share of a plan's contacts people answer to a target under a strategy of people
that its organisation's plans may answer fewer of in one change before a reviewer is
asked: a forecast trimmed (review attack36 M1: a rename with a 1% trim was blocked)."""


def _people_work(
    base: Base, loaded: LoadedPlan, tree: Reviewed, today: dt.date, *, timed: bool = False
) -> list[str]:
    """Contacts people answered to a target under a strategy of people (delight, genius,
    extraordinary trust: `people-answer` judges them; the plan's, a segment's or a
    channel's own) that the change takes from them: when this plan answers fewer of them a
    week than at the trusted revision (or fewer live), and its organisation's plans in its
    top folder, together, fewer by more than a tenth of this plan's (see
    ``promised_contacts``). A line deleted beside a token one, handed to bots or to
    self-service, kept under its id as a token while its calls go to a bot, or its calls
    moved to e-mail, satisfies every rule of the plan as it is (review attack34 A1, A2, A3;
    attack36 H1, H2, H4; attack37 A9); a small region's whole phone line is no less gone
    for a large organisation (attack37 A4). A line renamed, split, or moved to another plan
    of the organisation keeps its contacts and is no change; a shorter handle time is none
    either (attack37 F2). A forecast cut of the contacts people answer is one: under these
    strategies, how many people answer is the strategy's call. A plan relabelled to
    another organisation is compared with itself alone. The strategies of others are
    judged by their budget's guardrails.

    Both sides are counted over one window, the calendar years of the plan's period at
    the trusted revision, each plan for the share of it its period covers (see
    ``promised_contacts``): a period shortened, moved to a past or another plan's year,
    ended before today, or deleted is a cut of the work in that window like any other
    (review attack38 B1, B2, B9), and a plan the change leaves alone weighs the same on
    both sides (F4). A plan for part of a year is also compared over its own period, where
    its organisation may lose up to half of its contacts to the rest of the year's plans
    (``_windows``: a seasonal reshape, F3), not a season's whole line."""
    was = _base_plan(base)
    if was is None:
        return []  # no rule could read the base: there is nothing to compare
    here = absolute(loaded.path) if loaded.path is not None else None
    moved = _Moved(
        was=was,
        loaded=loaded,
        here=here,
        then=base.old_path or here,
        tree=tree,
        today=today,
        judged_by=base.judged_by,
        timed=timed,
        dated=dated_plans(tree.trusted, base.old_path or here, was.organisation),
        linked=base.linked,
    )
    now = _period(loaded.plan)
    windows = _windows(_period(was) or now)
    if _period(was) is None and now is not None:
        # An undated plan dated now: the days it was in force from today are compared too,
        # whatever period it names (review attack40 A12: a year ahead left them no plan).
        days = in_force(today, moved.dated)
        windows = [*windows, (days, PEOPLE_WORK_CUT)] if days is not None else windows
    had = _period(was)
    if had is not None and had[0] < today <= had[1]:
        # The days still to come of a plan in force, as the budget limits judge its money
        # (``diff.base_window``): the rest of its year cut is not made whole by the months
        # already past (review attack43 C12: a plan ended today beside one for the rest of
        # the year without its phone line was -6% over the year).
        windows = [*windows, ((today, had[1]), PEOPLE_WORK_CUT)]
    for window, tolerance in windows:
        notes = _people_work_over(moved, window, tolerance)
        if notes:
            key = work_inputs(loaded, tree.trusted, base.old_path, base.judged_by)
            return _of_the_change(notes, key)
    return []


SEASON_CUT = Fraction(1, 2)
"""The share of a plan's contacts people answer that its organisation's plans may answer
fewer of over the plan's own period, when they answer as many over its year: calls moved
between the seasonal plans of a year are a move (review attack38 F3), a season left without
its phone line is not."""


def _windows(days: Period | None) -> list[tuple[Period | None, Fraction]]:
    """The windows a plan's contacts are compared over, each with the share of the plan's
    contacts its organisation's plans may lose there (see ``_fell``): the calendar years of
    its period (``PEOPLE_WORK_CUT``), and its period itself when shorter (``SEASON_CUT``)."""
    year = window_of(days)
    found = [(year, PEOPLE_WORK_CUT)]
    return [*found, (days, SEASON_CUT)] if days is not None and days != year else found


class _Moved(NamedTuple):
    """A plan at the trusted revision and now, as ``_people_work`` compares them."""

    was: Plan
    loaded: LoadedPlan
    here: Path | None
    then: Path | None
    """Its path at the trusted revision."""
    tree: Reviewed
    today: dt.date
    judged_by: str | None = None
    """The strategy given for the run, which judges every plan of the organisation."""
    timed: bool = False
    """A note on the time people give each contact stands already (``_less_time``): the
    hours that time takes need no second note (see ``_fewer_hours``)."""
    dated: tuple[Period, ...] = ()
    """The periods of its organisation's dated plans at the trusted revision: the plans
    that take over from it when it stated none (see ``weights``)."""
    linked: bool = False
    """Its plan at the trusted revision was read through the link it is now (see
    ``_through_link``): the link kept is no move of its work."""


def _people_work_over(moved: _Moved, window: Period | None, tolerance: Fraction) -> list[str]:
    """``_people_work``'s notes, counting contacts over ``window`` (see ``_windows``)."""
    was, loaded, here, then, tree, today, judged_by, timed, dated, kept = moved
    had_days, has_days = _period(was), _period(loaded.plan)
    shares = weights(had_days, has_days, window, today, dated)
    work = promised_work(was, then)
    before = _by_judge(work, shares[0])
    # A plan replaced by a link to another answers that one's contacts, counted there, not
    # its own (review attack38 B6: the region's plan became a link to the other region's).
    linked = here is not None and here.is_symlink() and not kept
    work_now = () if linked else promised_work(loaded.plan, here)
    after = _by_judge(work_now, shares[1])
    hours = (_hours_by_judge(work, shares[0]), _hours_by_judge(work_now, shares[1]))
    same, was_named = _counted_as_one(was, then, loaded, tree)
    org = promised_contacts(loaded, tree.trusted, window, today, then, was_named) if same else {}
    if judged_by is not None and org:
        # One strategy judges every plan of the run: the organisation's work is all its
        # (review attack42 F02: a line moved between two plans read as cut, the others'
        # totals kept under the strategies they declare).
        whole = _merged(list(org.values()))
        org = dict.fromkeys(before, whole)
    cut = _period_cut(had_days, has_days, shares, tree.trusted.ref)
    notes = []
    for judge, (had, live_had) in sorted(before.items()):
        has, live_has = after.get(judge, (Fraction(0), Fraction(0)))
        if not _of_people(judge):
            continue
        mine_hours = (hours[0].get(judge, Fraction(0)), hours[1].get(judge, Fraction(0)))
        total = org.get(judge) or Promised(
            before=had,
            after=has,
            live_before=live_had,
            live_after=live_has,
            where="this plan",
            hours=mine_hours,
        )
        fell = _fell((had, has), (live_had, live_has), total, tolerance)
        less: list[str] = []
        if fell is None and judge in org and has < had * (1 - PEOPLE_WORK_CUT):
            mine = (live_had, had - live_had)
            less = _less_time_there(org[judge], judge, tree.trusted.ref, mine)
        told = fell or less or timed
        fewer = [] if told else _fewer_hours(mine_hours, total, judge, tolerance)
        notes += less + [note.format(ref=tree.trusted.ref) for note in fewer]
        if fell is not None:
            notes.append(
                f"{fell.lead} under {_named(judge)} in {total.where} at {tree.trusted.ref}, "
                + fell.now
                + (
                    f"{display(here)} is now a link to {display(here.resolve())}"
                    if linked and here is not None
                    else "; ".join([*cut, *_taken(was, loaded.plan, judge, then)] or [_GONE])
                )
            )
    return notes


PEOPLE_TIME_CUT = Fraction(1, 2)
"""The share of the time people give each contact of a line (its handle time, shared by
the conversations a person holds at once) that one change may take away under a strategy
of people before a reviewer is asked: a handle time improved by a sixth passes (review
attack37 F2), one cut from 6m to 30s does not (attack38 B3)."""


def _less_time(base: Base, loaded: LoadedPlan, tree: Reviewed) -> list[str]:
    """Contacts people answer to a target under a strategy of people that get less than half
    the time people gave each at the trusted revision: on a line kept under its id, or, on
    average over the plan's live (or written) lines under one strategy, while the hours
    people give them fall too. Contacts counted alone let a delight phone line's handle time
    fall from 6m to 30s, its staff from 16.2 to 3 FTE, or the calls move to a 1-minute chat
    three at a time, with every rule held (review attack38 B3); pairing a gone line with one
    new line missed it split in two, or a token kept under the old id (attack40 A01), and
    paired a renamed line with an unrelated chat (A16). Lines added beside the others lower
    the average with more hours, not fewer: no cut."""
    was = _base_plan(base)
    if was is None:
        return []
    here = absolute(loaded.path) if loaded.path is not None else None
    judged = channel_strategies(was, base.old_path or here)
    judged_now = channel_strategies(loaded.plan, here)
    heads = {c.id: c for c in loaded.plan.channels}
    notes, kept = [], set()
    for c in was.channels:
        head = heads.get(c.id)
        if head is None or not _timed(c) or not _timed(head) or not _of_people(judged[c.id]):
            continue
        before, after = _given(c), _given(head)
        if after < before * (1 - PEOPLE_TIME_CUT):
            kept.add((judged[c.id], c.kind in QUEUED_KINDS))
            notes.append(
                f"people give each contact of {c.id} {fmt_wait(float(after))} now, "
                f"{fmt_wait(float(before))} at {tree.trusted.ref} (-{_cut(before, after)}) under "
                f"{_named(judged[c.id])}: {_effort(c, head)}"
            )
    had = _time_given(was, judged)
    moved = moves(_lines_given(was, judged), _lines_given(loaded.plan, judged_now))
    for key, step in sorted(moved.items()):
        if key not in kept and _of_people(key[0]):
            mine = had[key][1] if key in had else Fraction(0)
            said = _on_average("live" if key[1] else "written", step, mine)
            if said is not None:
                notes.append(said.format(where="", ref=tree.trusted.ref, judge=_named(key[0])))
    return notes


def _merged(totals: list[Promised]) -> Promised:
    """The organisation's work under several strategies, as one."""

    def added(pick: Callable[[Promised], Fraction]) -> Fraction:
        return sum(map(pick, totals), Fraction(0))

    return totals[0]._replace(
        before=added(lambda p: p.before),
        after=added(lambda p: p.after),
        live_before=added(lambda p: p.live_before),
        live_after=added(lambda p: p.live_after),
        hours=(added(lambda p: p.hours[0]), added(lambda p: p.hours[1])),
        live_hours=(added(lambda p: p.live_hours[0]), added(lambda p: p.live_hours[1])),
        moved=(
            sum((p.moved[0] for p in totals), Moves()),
            sum((p.moved[1] for p in totals), Moves()),
        ),
    )


def _on_average(way: str, moved: Moves, mine: Fraction) -> str | None:
    """The ``way`` contacts that moved between lines (``moved``: see ``moves``) given less
    than half the time per contact where they arrived than where they left, while the hours
    people give them fall, as a note says it, with the places for ``where``, ``ref`` and
    ``judge`` left to fill (None: no such cut). Only the contacts that moved are compared:
    lines as they were weigh nothing, however large (review attack42 B06: a second region's
    40,000 calls a month at 6m kept the average of a line moved at 30 s a call within
    half). Fewer than a tenth of the plan's ``mine`` moving (``PEOPLE_WORK_CUT``) is a
    forecast trimmed on one line and raised on another, not a move of its customers."""
    left, arrived = moved.left, moved.arrived
    if not left or not arrived or moved.arrived_hours >= moved.left_hours:
        return None
    if min(left, arrived) <= mine * PEOPLE_WORK_CUT:
        return None
    before, after = moved.left_hours / left, moved.arrived_hours / arrived
    if after >= before * (1 - PEOPLE_TIME_CUT):
        return None
    return (
        f"people give each {way} contact {fmt_wait(float(after * 3600))} on average{{where}} "
        f"now, {fmt_wait(float(before * 3600))} at {{ref}} (-{_cut(before, after)}) under "
        f"{{judge}}: {_h(moved.arrived_hours)} hours a week for the {_n(arrived)} contacts "
        f"on lines new or grown, {_h(moved.left_hours)} for the {_n(left)} on lines gone or "
        "shrunk"
    )


def _less_time_there(
    total: Promised, judge: str, ref: str, mine: tuple[Fraction, Fraction]
) -> list[str]:
    """``_less_time`` over the organisation's plans (``total``), for contacts that left a
    plan and are answered in others: live and written apart, the contacts that moved get
    less than half the time people gave them at ``ref`` while their hours fall (see
    ``_on_average``; ``mine``: this plan's contacts there at ``ref``, live and written). A
    line moved into a new plan at 30 s a call kept every contact and every rule (review
    attack40 A02); one moved as it was, or with a handle time improved a little, is no
    cut."""
    notes = []
    for way, moved, own in (
        ("live", total.moved[0], mine[0]),
        ("written", total.moved[1], mine[1]),
    ):
        said = _on_average(way, moved, own)
        if said is not None:
            notes.append(said.format(where=f" in {total.where}", ref=ref, judge=_named(judge)))
    return notes


NEED_CUT = Fraction(1, 10)
"""How far the staff a people line's targets need for the same work may fall in one change
before a reviewer is asked (see ``_lighter_need``)."""

NEED_STEP = Fraction(1, 10)
"""The step of the need compared (``_need``: the least to a tenth of an FTE). A need of 0.8
may be 0.71: a cut is counted from the least the line can have needed, or a lever moved by
a point on a line of under one FTE read as a tenth of it gone (review attack45 G01)."""


def _held(now: Fraction, need: Fraction) -> bool:
    """The need ``now`` is no more than ``NEED_CUT`` below ``need``, both to a tenth: the
    cut is counted from the least ``need`` can stand for."""
    return now >= max(need - NEED_STEP, Fraction(0)) * (1 - NEED_CUT)


def _lighter_need(base: Base, loaded: LoadedPlan, report: Report, tree: Reviewed) -> list[str]:
    """Lines people answer to a target under a strategy of people whose targets need fewer
    staff for the same work (the plan sized again at the work it had) by more than a tenth:
    kept under their id, renamed (a line gone paired with a new one of its kind and
    contacts), split (paired with new ones of its kind whose contacts add up to its own),
    or moved to or from another plan of the organisation the change edits (see
    ``_moved_need``); at last, whatever their contacts, with the new lines of their kind
    left (``_grown``), and lines gone that nothing paired with a line of their kind grown
    by their contacts (``_merged_into``), each compared at its own work. A peak factor
    dropped took a delight phone team from the 20.5 FTE it needed to 14 with every contact
    and minute kept (review attack41 B02; behind a forecast
    claimed 11% higher, attack42 B02; renamed, or beside a target tightened a point,
    attack42 B01, B03; split in two, or moved into another plan, attack43 C07, C02); so do
    fewer open hours for the same calls (attack33 F7), a flatter interval profile, or
    callers stated to wait longer. A lever lightened is the change of policy whether or not
    the staff fall with it: kept for now, the next change cut them to the lower need and
    met it (attack43 C05); a lever that raises the need, or more staff, is none. A target
    loosened is for the strategy's rules to judge: it counts only with the staff cut. The
    need is the least to a tenth that keeps the targets, not whole headcounts all the time
    (attack42 F01: a forecast 1% lower read as 32.5% fewer staff an hour on a small
    line)."""
    from cs_align.diff import renamed_lines, split_lines

    was = _base_plan(base)
    if was is None or report.metrics is None:
        return []
    here = absolute(loaded.path) if loaded.path is not None else None
    old = {c.id: c for c in was.channels}
    paired: dict[str, tuple[str, ...]] = {
        c.id: (c.id,) for c in loaded.plan.channels if c.id in old
    }
    paired.update({gone: (new,) for gone, new in renamed_lines(was, loaded.plan).items()})
    taken = {new for news in paired.values() for new in news}
    arrived = [c for c in loaded.plan.channels if c.id not in taken]
    paired.update(split_lines([c for c in was.channels if c.id not in paired], arrived))
    this = _Sized(
        plan=was, data=base.doc.data, metrics=_base_sized(base), ids=(), path=base.old_path or here
    )
    mine = _Sized(plan=loaded.plan, data=loaded.doc.data, metrics=report.metrics, ids=(), path=here)
    pairs: list[_Pair] = []
    for gone, news in paired.items():
        how = (
            [f"renamed from {gone}"]
            if news != (gone,) and len(news) == 1
            else [f"split from {gone}"]
            if len(news) > 1
            else []
        )
        pairs.append((this._replace(ids=(gone,)), (mine._replace(ids=news),), how))
    taken = {new for news in paired.values() for new in news}
    lost = [c for c in was.channels if c.id not in paired and _timed(c)]
    came = [c for c in loaded.plan.channels if c.id not in taken and _timed(c)]
    there: dict[Path, set[str]] = {}
    if lost or came:
        moved, lost, came, _ = _moved_need(base, loaded, (this, mine), (lost, came), tree, there)
        pairs += moved
    grown = _grown(lost, came)
    for gones, news in grown.items():
        gone = " + ".join(gones)
        how = [
            f"merged from {gone}"
            if len(gones) > 1
            else f"renamed from {gone}"
            if len(news) == 1
            else f"split from {gone}"
        ]
        pairs.append((this._replace(ids=gones), (mine._replace(ids=news),), how))
    lost = [c for c in lost if not any(c.id in gones for gones in grown)]
    came = [c for c in came if not any(c.id in news for news in grown.values())]
    left = [this._replace(ids=(c.id,)) for c in lost]
    if lost or came or any(n > 0 for g in _growth(pairs) for n in g.values()):
        moved, lost, came, elsewhere = _moved_need(
            base, loaded, (this, mine), (lost, came), tree, there, True
        )
        pairs += moved
        left = [g for g in left if g.ids[0] in {c.id for c in lost}] + elsewhere
    notes = []
    for (before, parts, how), more in zip(pairs, _merged_into(pairs, left), strict=True):
        merged = [f"merged with {' + '.join(m.ids[0] + m.where for m in more)}"] if more else []
        note = _lighter(before, parts[0], tree, how + merged, parts[1:], more)
        notes += [note] if note is not None else []
    return notes


ANCHOR_DAYS = 92
"""How far back the trusted branch's history is read for the targets a line kept (see
``_cut_after_loosening``): a quarter."""


def _cut_after_loosening(
    base: Base, loaded: LoadedPlan, report: Report, tree: Reviewed
) -> list[str]:
    """Lines kept (under their id, or renamed) whose staff this change cuts below what the
    targets they had ``ANCHOR_DAYS`` before the trusted revision (on its first-parent
    history, the changes merged into it) need for the work at the trusted revision, by more
    than a tenth, where those targets were loosened since: a loosened target is for the strategy's
    rules to judge while the staff are kept, so the target was loosened alone in one change
    and the staff cut to the looser need in the next, each passing (review fix47g). The
    targets at the start of the window, not the tightest the window saw, so a target
    tightened for a while and put back is no anchor; a forecast lower is no cut (the staff
    are counted for the work at the trusted revision); a loosening older than the window is
    left to the history a reviewer reads. A line renamed in the change (paired as
    ``_lighter_need`` pairs it) is the line it was: the cut made under a new id is the same
    cut (review attack50 A06); so is a line moved into another plan of the organisation the
    change adds or edits, under its id or renamed there (attack50 A07)."""
    from cs_align.diff import renamed_lines
    from cs_align.metrics import compute
    from cs_align.repo import anchor_of, window_start

    was = _base_plan(base)
    path = base.old_path or (absolute(loaded.path) if loaded.path is not None else None)
    if was is None or report.metrics is None or path is None:
        return []
    olds = {c.id: c for c in was.channels}
    # Each line now → the id it had at the trusted revision: its own, or the one it renamed.
    before = {c.id: c.id for c in loaded.plan.channels if c.id in olds}
    before.update({new: gone for gone, new in renamed_lines(was, loaded.plan).items()})
    sized = _base_sized(base)
    cut = [
        c
        for c in loaded.plan.channels
        if c.id in before
        and _timed(c)
        and _timed(olds[before[c.id]])
        and (m := report.metrics.channel(c.id)) is not None
        and (b := sized.channel(before[c.id])) is not None
        and m.planned_fte < b.planned_fte
    ]
    here = absolute(loaded.path) if loaded.path is not None else path
    lines = [(c, before[c.id], report.metrics, loaded.plan, here) for c in cut]
    went = [c for c in was.channels if c.id not in before.values() and _timed(c)]
    lines += _moved_cut(loaded, tree, path, was, went, sized)
    merges = _merges(was, loaded.plan, before, went)
    relative = tree.trusted.relative(path) if lines or merges else None
    anchor = anchor_of(tree.trusted, relative, ANCHOR_DAYS) if relative else None
    if anchor is None:
        return []
    try:
        raw = anchor.read(path, f"{anchor.ref}:{relative}")
        then = _parsed(decode(raw, f"{anchor.ref}:{relative}")) if raw is not None else None
    except CsAlignError:
        return []  # no plan this release reads then: nothing to anchor on
    if then is None:
        return []
    # A plan file the window saw added: its lines were in the organisation's other plans at
    # the window's start, where a target was loosened as the line moved (attack50 A09).
    # A line of the file's own is taken where the organisation had none then.
    ref_of = {c.id: anchor.ref for c in then.channels}
    start = window_start(tree.trusted, ANCHOR_DAYS)
    if start is not None and start.commit != anchor.commit:
        elsewhere = _organisation_at(start, loaded, tree, path)
        if elsewhere is not None:
            ref_of.update({c.id: start.ref for c in elsewhere.channels})
            theirs = {c.id for c in elsewhere.channels}
            # Main's lines the organisation had then, under their id or renamed since (moved
            # and renamed in one change, attack50 A10): the file's own line is no anchor.
            known = {c.id for c in was.channels if c.id in theirs}
            known |= set(renamed_lines(elsewhere, was).values())
            own = [c for c in then.channels if c.id not in theirs | known]
            then = then.model_copy(update={"channels": [*elsewhere.channels, *own]})
    # Each line at the trusted revision → its id at the anchor: its own, or the one it was
    # renamed from since (a target loosened in a change that renamed the line, attack50 A08).
    at_anchor = {c.id: c.id for c in was.channels}
    at_anchor.update({new: gone for gone, new in renamed_lines(then, was).items()})
    notes = []
    for c, old, metrics, plan, where in lines:
        kept, had = _line(then, at_anchor[old]), olds[old]
        if kept is None or not _timed(kept) or kept.target in (had.target, c.target):
            continue
        if not _of_people(channel_strategies(plan, where, (c.id,))[c.id]):
            continue
        m, b = metrics.channel(c.id), sized.channel(old)
        assert m is not None and b is not None
        tight = was.model_copy(
            update={
                "channels": [
                    x.model_copy(update={"target": kept.target})
                    for x in was.channels
                    if x.id == old
                ]
            }
        )
        need = _needed(compute(tight), (old,))
        if _held(_need(b), need) or not m.workload_hours:
            continue  # no looser than a tenth: the targets' own tolerance
        staff = m.planned_fte * b.workload_hours / m.workload_hours  # for the base's work
        if _held(staff, need):
            continue
        named = c.id if old == c.id else f"{c.id} (renamed from {old})"
        if plan is not loaded.plan:
            named = f"{c.id} in {display(where)} (moved from this plan's {old})"
        notes.append(
            f"{named}'s staff are cut to {_h(m.planned_fte)} FTE ({_h(b.planned_fte)} at "
            f"{tree.trusted.ref}), {_cut(need, staff)} below the {_h(need)} FTE its targets at "
            f"{ref_of[kept.id]} ({_target(kept)}{_as(kept.id, old)}) need for the work at "
            f"{tree.trusted.ref}: the "
            f"targets were loosened since ({_target(had)} at {tree.trusted.ref}), and a looser "
            "target with the staff cut in a later change is the cut made in two"
        )
    for ident, parts in merges.items():
        anchored = [_line(then, at_anchor[p]) for p in parts]
        merged = (ident, parts, anchored)
        note = _merged_cut(loaded, report.metrics, merged, (olds, sized), tree.trusted.ref)
        notes += [note] if note is not None else []
    return notes


def _merges(
    was: Plan, now: Plan, before: dict[str, str], went: list[Channel]
) -> dict[str, tuple[str, ...]]:
    """Lines people answer to a target now that took on lines gone (``went``) of their kind,
    each → the ids at the trusted revision it answers for: a new line with the lines of its
    kind gone (the only new one of that kind: ``_grown``'s pairing), or a line kept
    (``before``: now id → its id then) whose contacts grew by at least half of a gone
    line's (``_merged_into``'s)."""
    from cs_align.sizing import weekly_contacts

    olds = {c.id: c for c in was.channels}
    came = [c for c in now.channels if c.id not in before and _timed(c)]
    found: dict[str, tuple[str, ...]] = {}
    for gones, news in _grown(went, came).items():
        if len(news) == 1:
            found[news[0]] = gones
    left = [g for g in went if not any(g.id in ids for ids in found.values())]
    grew = {
        c.id: weekly_contacts(c) - weekly_contacts(olds[before[c.id]])
        for c in now.channels
        if c.id in before and _timed(c)
    }
    for gone in left:
        n = weekly_contacts(gone)
        kin = [(grew[c.id], c.id) for c in now.channels if c.id in grew and c.kind == gone.kind]
        most = max(kin, default=None)
        if most is not None and n and most[0] >= n / 2:
            found[most[1]] = (*found.get(most[1], (before[most[1]],)), gone.id)
            grew[most[1]] -= n
    return found


def _merged_cut(
    loaded: LoadedPlan,
    metrics: Metrics,
    merged: tuple[str, tuple[str, ...], list[Channel | None]],
    trusted: tuple[dict[str, Channel], Metrics],
    ref: str,
) -> str | None:
    """``_cut_after_loosening`` for a line that took on lines gone (``merged``: its id now,
    the ids it answers for at the trusted revision and those lines at the window's start).
    One team pools better than two, so the merged line is sized as one at its work now, at
    each part's targets, blended by the work each part had (a merge at the targets they had
    is no cut, review attack45 G19); the staff cut below what the targets at the start need
    for it, by more than a tenth, where they were loosened since, is the cut made in two, as
    for one line (review fix54g item 2: two phone lines' targets loosened from 90% in 10s to
    80% in 20s, then merged with 13.8 FTE where the targets they had needed 15.6, passed)."""
    from cs_align.metrics import compute

    ident, parts, anchored = merged
    olds, sized = trusted
    line, m = _line(loaded.plan, ident), metrics.channel(ident)
    sizes = [b for p in parts if (b := sized.channel(p)) is not None]
    if line is None or m is None or len(sizes) != len(parts) or not m.workload_hours:
        return None
    had = [olds[p] for p in parts]
    then = [a if a is not None and _timed(a) else h for a, h in zip(anchored, had, strict=True)]
    if all(a.target in (h.target, line.target) for a, h in zip(then, had, strict=True)):
        return None  # no target loosened since the window's start
    staff = sum((b.planned_fte for b in sizes), Fraction(0))
    judge = channel_strategies(loaded.plan, loaded.path, (ident,))[ident]
    if m.planned_fte >= staff or not _of_people(judge):
        return None
    works = [b.workload_hours for b in sizes]
    total = sum(works, Fraction(0))

    def blended(lines: list[Channel]) -> Fraction:
        """The merged line's need at its work now at each of ``lines``' targets, weighed by
        the work each had at the trusted revision."""
        need = Fraction(0)
        for part, work in zip(lines, works, strict=True):
            alone = loaded.plan.model_copy(
                update={"channels": [line.model_copy(update={"target": part.target})]}
            )
            need += _needed(compute(alone), (ident,)) * work / total
        return need

    need = blended(then) if total else Fraction(0)
    if not total or _held(blended(had), need) or _held(m.planned_fte, need):
        return None
    named = " + ".join(parts)
    start = "; ".join(f"{p}: {_target(a)}" for p, a in zip(parts, then, strict=True))
    since = "; ".join(f"{p}: {_target(h)}" for p, h in zip(parts, had, strict=True))
    return (
        f"{ident} (merged from {named})'s staff are cut to {_h(m.planned_fte)} FTE "
        f"({_h(staff)} at {ref}), {_cut(need, m.planned_fte)} below the {_h(need)} FTE the "
        f"targets they had at the window's start ({start}) need for its work, each weighed by "
        f"the work it had: the targets were loosened since ({since} at {ref}), and a looser "
        "target with the staff cut in a later change is the cut made in two"
    )


def _organisation_at(
    start: Revision, loaded: LoadedPlan, tree: Reviewed, path: Path
) -> Plan | None:
    """The lines of this plan's organisation's plans in its top folder at ``start``, as one
    plan (a line's first plan in path order; None: none there)."""
    from cs_align.loader import parse_plan
    from cs_align.repo import files_at

    relative = tree.trusted.relative(path)
    if relative is None:
        return None
    top = relative.split("/", 1)[0] if "/" in relative else ""
    key = name_key(loaded.plan.organisation)
    names = [
        p
        for p in files_at(start.root, start.commit, top)
        if p.name.lower().endswith((".yaml", ".yml")) and (top or p.parent == start.root)
    ]
    lines: dict[str, Channel] = {}
    first: Plan | None = None
    for name, raw in sorted(start.read_many(names).items()):
        try:
            plan = parse_plan(decode(raw, f"{start.ref}:{name}"), str(name)).plan
        except (CsAlignError, ValueError):
            continue
        if not same_organisation(name_key(plan.organisation), key):
            continue
        first = first or plan
        for c in plan.channels:
            lines.setdefault(c.id, c)
    if first is None:
        return None
    return first.model_copy(update={"channels": list(lines.values())})


def _as(then: str, now: str) -> str:
    """ ", as phone" when a line had another id at the anchor than it has now."""
    return f", as {then}" if then != now else ""


def _moved_cut(
    loaded: LoadedPlan, tree: Reviewed, path: Path, was: Plan, went: list[Channel], sized: Metrics
) -> list[tuple[Channel, str, Metrics, Plan, Path]]:
    """The lines ``went`` (this plan's at the trusted revision, gone from it now) that another
    plan of its organisation the change adds or edits took on, under their id or renamed (as
    ``renamed_lines`` pairs them), with fewer staff there than they had here: each with the
    id it had here, the other plan's metrics, the other plan and its path."""
    from cs_align.diff import renamed_lines
    from cs_align.metrics import compute

    found: list[tuple[Channel, str, Metrics, Plan, Path]] = []
    for other in beside(loaded, tree.trusted, path) if went else ():
        if other.now is None or not went:
            continue
        had = {c.id for c in other.then.channels} if other.then is not None else set()
        came = [c for c in other.now.channels if c.id not in had]
        into = {c.id: c.id for c in came if c.id in {g.id for g in went}}
        left = was.model_copy(update={"channels": went})
        arrived = other.now.model_copy(update={"channels": came})
        into.update({new: gone for gone, new in renamed_lines(left, arrived).items()})
        if not into:
            continue
        metrics = compute(other.now)
        for c in came:
            old = into.get(c.id)
            if (
                old is not None
                and _timed(c)
                and (m := metrics.channel(c.id)) is not None
                and (b := sized.channel(old)) is not None
                and m.planned_fte < b.planned_fte
            ):
                found.append((c, old, metrics, other.now, other.where))
        went = [g for g in went if g.id not in into.values()]
    return found


def _target(c: Channel) -> str:
    """A line's target as written: "service_level 90% in 15s, abandonment_max 8%"."""
    assert c.target is not None
    said = c.target.model_dump(exclude_none=True, mode="json")
    return ", ".join(f"{k} {v}" for k, v in said.items())


def _growth(pairs: list[_Pair]) -> list[dict[Kind, Fraction]]:
    """How many contacts a week each pair's lines in its first plan took beyond the line
    it was, by kind."""
    from cs_align.sizing import weekly_contacts

    def contacts(side: _Sized) -> dict[Kind, Fraction]:
        found: dict[Kind, Fraction] = {}
        for i in side.ids:
            c = _line(side.plan, i)
            if c is not None:
                found[c.kind] = found.get(c.kind, Fraction(0)) + weekly_contacts(c)
        return found

    grew = []
    for before, parts, _ in pairs:
        had, has = contacts(before), contacts(parts[0])
        grew.append({k: n - had.get(k, Fraction(0)) for k, n in has.items()})
    return grew


def _merged_into(pairs: list[_Pair], left: list[_Sized]) -> list[tuple[_Sized, ...]]:
    """For each pair, the lines gone that nothing paired (``left``: this plan's, and other
    plans' of the organisation) merged into its lines in this plan: a line of their kind
    whose contacts grew by at least half of theirs, the most grown first (review attack45
    G19: the west's phone line, peaking at 1.2, merged into the east's, peaking at 2, with
    the peak blended to 1.6, read as the east's peak lightened: 13.8% fewer staff)."""
    from cs_align.sizing import weekly_contacts

    grew = _growth(pairs)
    merged: list[list[_Sized]] = [[] for _ in pairs]
    for gone in left:
        line = _line(gone.plan, gone.ids[0])
        if line is None:
            continue
        n = weekly_contacts(line)
        room = [(g.get(line.kind, Fraction(0)), index) for index, g in enumerate(grew)]
        most = max(room, default=None)
        if most is not None and n and most[0] >= n / 2:
            merged[most[1]].append(gone)
            grew[most[1]][line.kind] -= n
    return [tuple(m) for m in merged]


def _grown(lost: list[Channel], came: list[Channel]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Lines gone that no rename, split or move paired (their contacts within a tenth),
    with every new line of their kind left, whatever their contacts: a line renamed or
    split with a forecast claimed higher (review attack45 G10: 9,000 calls a month renamed
    with 10,000 and no peak paired with nothing), or lower with the contacts made up on
    another line (G12: 7,650, the chat line grown by the rest), or lines of a kind merged
    into one (G17), compared as a line kept is, at the work each had."""
    pairs: dict[tuple[str, ...], tuple[str, ...]] = {}
    for kind in dict.fromkeys(c.kind for c in lost):
        news = tuple(c.id for c in came if c.kind == kind)
        if news:
            pairs[tuple(c.id for c in lost if c.kind == kind)] = news
    return pairs


class _Sized(NamedTuple):
    """Lines of a plan as one side of a change sizes them (see ``_lighter``)."""

    plan: Plan
    data: Any
    """Its document's data: the inputs as written."""
    metrics: Metrics
    ids: tuple[str, ...]
    path: Path | None
    """Its file, which a strategy it names is found from."""
    where: str = ""
    """The plan, when it is not the one judged: " in plans/acme-west.yaml"."""


def _moved_need(
    base: Base,
    loaded: LoadedPlan,
    plans: tuple[_Sized, _Sized],
    lines: tuple[list[Channel], list[Channel]],
    tree: Reviewed,
    taken: dict[Path, set[str]],
    loose: bool = False,
) -> tuple[list[_Pair], list[Channel], list[Channel], list[_Sized]]:
    """``_lighter_need`` for lines this plan lost that another plan of its organisation the
    change edits gained, and for lines it gained that another lost (``lines``: this plan's
    lines gone and new, unpaired within it), paired as a rename or a split is (review
    attack43 C02: deleted here and added there without its peak factor, each plan compared
    its own lines alone), or split between the two plans (review attack45 G11: half of it
    here under a new id and half in a new regional plan, paired with neither); with this
    plan's lines gone and new that no move paired. ``taken``: the other plans' lines paired
    (by plan; their lines gone marked ``THEIRS``), which a first pass fills and a second,
    ``loose`` one, for the lines of a kind left on both sides whatever their contacts (see
    ``_grown``), reads; it gives the other plans' lines gone that nothing paired (see
    ``_merged_into``). The pairs are given, not judged."""
    from cs_align.diff import split_lines
    from cs_align.metrics import compute

    this, mine = plans
    lost, came = lines
    notes: list[_Pair] = []
    gone_there: list[_Sized] = []
    here = absolute(loaded.path) if loaded.path is not None else None

    def noted(before: _Sized, parts: tuple[_Sized, ...], how: str) -> None:
        notes.append((before, parts, [how]))

    for other in beside(loaded, tree.trusted, base.old_path or here):
        then = _judged_by(other.then, base.judged_by) if other.then is not None else None
        now = _judged_by(other.now, base.judged_by) if other.now is not None else None
        ids = (
            {c.id for c in then.channels} if then is not None else set(),
            {c.id for c in now.channels} if now is not None else set(),
        )
        where = f" in {display(other.where)}"
        cache_where = (other.where, where)
        cache: dict[int, _Sized] = {}

        def side(
            at: int,
            plan: Plan,
            data: Any,
            cache: dict[int, _Sized] = cache,
            cache_where: tuple[Path, str] = cache_where,
        ) -> _Sized:
            """The other plan at the trusted revision (0) or now (1), sized once."""
            if at not in cache:
                cache[at] = _Sized(
                    plan=plan,
                    data=data,
                    metrics=compute(plan),
                    ids=(),
                    path=cache_where[0],
                    where=cache_where[1],
                )
            return cache[at]

        gained = [c for c in now.channels if c.id not in ids[0]] if now is not None else []
        dropped = [c for c in then.channels if c.id not in ids[1]] if then is not None else []
        used = taken.setdefault(other.where, set())
        if loose:
            if lost and now is not None:
                for gones, news in _grown(lost, [c for c in gained if c.id not in used]).items():
                    after = side(1, now, other.data[1])._replace(ids=news)
                    how = f"moved from this plan's {' + '.join(gones)}"
                    noted(this._replace(ids=gones), (after,), how)
                    used |= set(news)
                    lost = [c for c in lost if c.id not in gones]
            if came and then is not None:
                left = [c for c in dropped if THEIRS + c.id not in used]
                for gones, news in _grown(left, came).items():
                    before = side(0, then, other.data[0])._replace(ids=gones)
                    noted(
                        before, (mine._replace(ids=news),), f"moved from {' + '.join(gones)}{where}"
                    )
                    came = [c for c in came if c.id not in news]
                    used |= {THEIRS + i for i in gones}
            if then is not None:
                gone_there += [
                    side(0, then, other.data[0])._replace(ids=(c.id,))
                    for c in dropped
                    if THEIRS + c.id not in used and _timed(c)
                ]
            continue
        if lost and now is not None:
            there = split_lines(lost, gained)
            for gone, news in there.items():
                after = side(1, now, other.data[1])._replace(ids=news)
                noted(this._replace(ids=(gone,)), (after,), f"moved from this plan's {gone}")
            used |= _ids(there)
            lost = [c for c in lost if c.id not in there]
            # Split between the two plans: parts here under new ids, parts there.
            both = split_lines(lost, [*came, *_theirs(gained, used)])
            for gone, news in both.items():
                parts = _parts(news, mine, side(1, now, other.data[1]))
                noted(this._replace(ids=(gone,)), parts, f"split from {gone}")
            used |= {i[1:] for i in _ids(both) if i.startswith(THEIRS)}
            lost = [c for c in lost if c.id not in both]
            came = [c for c in came if c.id not in _ids(both)]
        if came and then is not None:
            there = split_lines(dropped, came)
            for gone, news in there.items():
                before = side(0, then, other.data[0])._replace(ids=(gone,))
                noted(before, (mine._replace(ids=news),), f"moved from {gone}{where}")
            came = [c for c in came if c.id not in _ids(there)]
            if now is not None:
                left = [c for c in dropped if c.id not in there]
                both = split_lines(left, [*came, *_theirs(gained, used)])
                for gone, news in both.items():
                    before = side(0, then, other.data[0])._replace(ids=(gone,))
                    parts = _parts(news, mine, side(1, now, other.data[1]))
                    noted(before, parts, f"split from {gone}{where}")
                came = [c for c in came if c.id not in _ids(both)]
                used |= {THEIRS + gone for gone in both}
            used |= {THEIRS + gone for gone in there}
    return notes, lost, came, gone_there


_Pair = tuple["_Sized", tuple["_Sized", ...], list[str]]
"""A line at the trusted revision, the lines it became (in this plan, then in another), and
how it became them, for ``_lighter``."""

THEIRS = "\x00"
"""Marks the other plan's lines among the lines a line gone may have been split into: the
two plans may each have a line of the same id."""


def _theirs(gained: list[Channel], used: set[str]) -> list[Channel]:
    """The other plan's new lines no move took, their ids marked as the other plan's."""
    return [c.model_copy(update={"id": THEIRS + c.id}) for c in gained if c.id not in used]


def _parts(news: tuple[str, ...], mine: _Sized, there: _Sized) -> tuple[_Sized, ...]:
    """The lines a line was split into, as the parts of them in this plan (sized by
    ``mine``) and in the other one (marked ``THEIRS``, sized by ``there``)."""
    ours = tuple(i for i in news if not i.startswith(THEIRS))
    theirs = tuple(i[1:] for i in news if i.startswith(THEIRS))
    return tuple(
        [mine._replace(ids=ours)] * bool(ours) + [there._replace(ids=theirs)] * bool(theirs)
    )


def _ids(pairs: dict[str, tuple[str, ...]]) -> set[str]:
    """The new lines a pairing took."""
    return {new for news in pairs.values() for new in news}


def _lighter(
    before: _Sized,
    after: _Sized,
    tree: Reviewed,
    how: list[str],
    also: tuple[_Sized, ...] = (),
    more: tuple[_Sized, ...] = (),
) -> str | None:
    """The note for a line at the trusted revision (``before``; with several ids, lines
    merged into one) and the lines it became (``after``: itself, renamed, split or moved;
    with ``also``, the parts of it in other plans; ``more``: lines gone elsewhere merged
    into them) whose targets need fewer staff for the same work by more than a tenth (see
    ``_lighter_need``); None when they need as many.
    Lines merged are each compared with the line they became at their own work, added up:
    one team pools better than two, so their needs added up against the merged line's at
    all their work would read an honest merge as a cut."""
    from cs_align.metrics import Changes, compute

    parts = (after, *also)
    was = [_line(b.plan, i) for b in (before, *more) for i in b.ids]
    news = [_line(p.plan, i) for p in parts for i in p.ids]
    sized_before = [b.metrics.channel(i) for b in (before, *more) for i in b.ids]
    sized = [p.metrics.channel(i) for p in parts for i in p.ids]
    if any(c is None or not _timed(c) for c in [*was, *news]):
        return None
    if any(m is None for m in sized) or any(m is None or not _need(m) for m in sized_before):
        return None
    judges = []
    for p in parts:
        judged = channel_strategies(p.plan, p.path, p.ids)  # these lines' alone: one of many
        judges += [judged[i] for i in p.ids if _of_people(judged[i])]
    if not judges:
        return None
    works = [m.workload_hours for m in sized_before if m]
    work = (sum(works, Fraction(0)), sum((m.workload_hours for m in sized if m), Fraction(0)))
    if not all(works) or not work[1]:
        return None
    staff = tuple(
        sum((m.planned_fte for m in ms if m), Fraction(0)) for ms in (sized_before, sized)
    )
    need = sum((_need(m) for m in sized_before if m), Fraction(0))

    def needed(held: bool) -> Fraction:
        """The need now for the work at the trusted revision: grown work needs less an hour
        (larger teams pool better), so a volume claimed higher hid a dropped peak (review
        attack42 B02); the plan is sized again at the base's work instead. ``held``: at the
        targets it had."""
        total = Fraction(0)
        for b, hours in zip(was, works, strict=True):
            assert b is not None
            at = held and not all(c is not None and c.target == b.target for c in news)
            for p in parts:
                plan = _at_target(p, b) if at else p.plan
                if not at and hours == work[1]:
                    total += _needed(p.metrics, p.ids)
                    continue
                # A line's need is its own: sized alone, not with the plan's other lines
                # (a plan of 200 lines renamed sized all 200 for each, 27 s).
                alone = plan.model_copy(
                    update={"channels": [c for c in plan.channels if c.id in p.ids]}
                )
                total += _needed(compute(alone, Changes(volume=hours / work[1])), p.ids)
        return total

    now = needed(False)
    if staff[1] >= staff[0] or _held(now, need):
        # The staff kept (or the need held): the levers alone, at the targets it had.
        now = needed(True)
        if _held(now, need):
            return None
    how = how + [i for p in parts for i in _inputs(before, p)] + _peaks_given(was, news)
    name = " + ".join(f"{i}{p.where if also else ''}" for p in parts for i in p.ids)
    return (
        f"{name}'s targets need {_cut(need, now)} fewer staff for the same work under "
        f"{_named(judges[0])}{'' if also else after.where}: {_h(now)} FTE for {_h(work[0])} "
        f"hours a week now, {_h(need)} at {tree.trusted.ref}"
        + (f", sized from {'; '.join(how)}" if how else "")
    )


def _peaks_given(was: list[Channel | None], news: list[Channel | None]) -> list[str]:
    """For lines sized by a peak factor that became lines given by intervals, how far the
    intervals' busiest one stands above their average, beside the factor it replaced: a
    peak factor staffs every open hour at the peak, intervals each hour at its own load, so
    the switch alone needs fewer staff (review attack45 G02), and the reviewer asked judges
    whether the intervals bear the factor out."""
    factors = [c.peak_factor for c in was if c is not None and c.peak_factor]
    ratios = []
    for c in news:
        v = c.volume if c is not None else None
        counts = [exact(i.contacts) for i in v.intervals or ()] if v is not None else []
        if counts and sum(counts):
            ratios.append(max(counts) * len(counts) / sum(counts))
    if not factors or not ratios:
        return []
    busiest = ", ".join(f"{float(r):.2f}" for r in ratios)
    return [
        f"the intervals' busiest is {busiest} times their average "
        f"(peak_factor was {', '.join(str(f) for f in factors)})"
    ]


def _at_target(part: _Sized, b: Channel) -> Plan:
    """A part's plan with its lines ``part.ids`` given the target of ``b``, the line they
    were at the trusted revision."""
    return part.plan.model_copy(
        update={
            "channels": [
                c.model_copy(update={"target": b.target}) if c.id in part.ids else c
                for c in part.plan.channels
            ]
        }
    )


def _line(plan: Plan, ident: str) -> Channel | None:
    return next((c for c in plan.channels if c.id == ident), None)


def _needed(metrics: Metrics, ids: tuple[str, ...]) -> Fraction:
    """The least FTE that keep the targets of lines ``ids``, added up."""
    return sum((_need(m) for i in ids if (m := metrics.channel(i)) is not None), Fraction(0))


def _inputs(before: _Sized, after: _Sized) -> list[str]:
    """The sizing inputs of a line as written at the trusted revision that the lines it
    became write otherwise, as a note says them: "phone.peak_factor 1.5 → (not stated)"."""
    from cs_align.diff import assumptions

    def lines(data: Any) -> list[Any]:
        found = data.get("channels") if isinstance(data, dict) else None
        return [c for c in found if isinstance(c, dict)] if isinstance(found, list) else []

    gone = before.ids[0]
    was = next((c for c in lines(before.data) if str(c.get("id")) == gone), None)
    if was is None:
        return []

    def staffing(data: Any) -> Any:
        return data.get("staffing") if isinstance(data, dict) else None

    # The staff's shrinkage, occupancy ceiling and paid hours size the line too (another
    # plan's, for a line moved there); the period sizes none of it.
    then = {"staffing": staffing(before.data), "channels": [{**was, "id": i} for i in after.ids]}
    now = {
        "staffing": staffing(after.data),
        "channels": [c for c in lines(after.data) if str(c.get("id")) in after.ids],
    }
    return [f"{a.name} {a.before} → {a.after}" for a in assumptions(then, now)]


def _need(m: ChannelMetrics) -> Fraction:
    """The least FTE, to a tenth, that keep a line's targets (whole headcounts all the time
    where no search was made)."""
    return m.keeping_fte or m.required_fte


def _time_given(
    plan: Plan, judged: dict[str, str]
) -> dict[tuple[str, bool], tuple[Fraction, Fraction]]:
    """Hours a week people give the contacts they answer to a target, and those contacts,
    by the strategy that judges them and whether they are answered live."""
    found: dict[tuple[str, bool], tuple[Fraction, Fraction]] = {}
    for c in plan.channels:
        if not _timed(c) or not c.volume:
            continue
        key = (judged[c.id], c.kind in QUEUED_KINDS)
        hours, contacts = found.get(key, (Fraction(0), Fraction(0)))
        found[key] = (hours + weekly_hours(c), contacts + weekly_contacts(c))
    return found


def _lines_given(plan: Plan, judged: dict[str, str]) -> dict[Line, tuple[Fraction, Fraction]]:
    """A plan's lines people answer to a target (see ``moves``): contacts and hours a week."""
    return {
        ((c.id,), judged[c.id], c.kind in QUEUED_KINDS): (weekly_contacts(c), weekly_hours(c))
        for c in plan.channels
        if _timed(c) and c.volume
    }


def _cut(before: Fraction, after: Fraction) -> str:
    """How far ``after`` falls below ``before``, as a note says it: "91.7%"."""
    return fmt_percent(Decimal(float(1 - after / before)).quantize(Decimal("0.001")))


def _timed(c: Channel) -> bool:
    """A line people answer to a target, with a handle time to give each contact."""
    return c.human and c.handle_time is not None and c.target is not None and not c.target.is_empty


def _given(c: Channel) -> Fraction:
    """The time people give each contact of a line: its handle time, shared by the
    conversations one person holds at once."""
    assert c.handle_time is not None
    return exact(c.handle_time) / c.concurrency


def _effort(was: Channel, now: Channel) -> str:
    """What a line's handling became, as the plan states it: "handle time 6m → 30s", or
    "voice in 6m → chat in 1m, 3 at once"."""
    assert was.handle_time is not None and now.handle_time is not None

    def said(c: Channel, kind: bool) -> str:
        shared = f", {c.concurrency} at once" if c.concurrency > 1 else ""
        seconds = fmt_seconds(float(exact(c.handle_time or 0)))
        return f"{c.kind.value} in {seconds}{shared}" if kind else seconds + shared

    if was.kind == now.kind and was.concurrency == now.concurrency == 1:
        return f"handle time {said(was, False)} → {said(now, False)}"
    return f"{said(was, True)} → {said(now, True)}"


class Fell(NamedTuple):
    """How far the contacts people answer fell, as a note says it."""

    lead: str
    """From what: "people answer 2,645 contacts a week to a target" (or "… live …")."""
    now: str
    """To what: "575 now (-78.3%): "."""


HONEST_TIME_CUT = Fraction(1, 6)
"""A handle time improved by a sixth is the gate's own example of an honest change of the
time people give each contact (review attack37 F2: 6m → 5m passes)."""

PEOPLE_HOURS_CUT = 1 - (1 - PEOPLE_WORK_CUT) * (1 - HONEST_TIME_CUT)
"""How far the hours a week people give the contacts they answer to a target under a
strategy of people (contacts times the time each gets) may fall in one change, whichever
lever moves them, before a reviewer is asked: a quarter. Each lever has its own tolerance,
judged as if the others had not moved (contacts a tenth, ``PEOPLE_WORK_CUT``; a line's time
per contact a half, ``PEOPLE_TIME_CUT``), and just under each at once (calls -8.9%, handle
times halved less 5 s) took 52% of a delight plan's hours, its budget -42% with the hour's
price cut too, and no note (review attack41 B11). The bound is the product of the honest
changes, not of the tolerances: a forecast trimmed by a tenth (attack36 M1, attack38 F5)
and a handle time improved by a sixth (``HONEST_TIME_CUT``, attack37 F2), both at once:
1 - 9/10 × 5/6 = 1/4. A tenth, the contacts' own tolerance, would have made F2's honest
6m → 5m on a plan's main line (12.2% of a delight plan's hours) a policy change. Money is
not bounded here: an hour's price has its own tenth (``HOUR_PRICE_CUT``) and the budget
guardrails judge money. Over a season's own period the season's tolerance applies (see
``_windows``)."""


def _fewer_hours(
    mine: tuple[Fraction, Fraction], total: Promised, judge: str, tolerance: Fraction
) -> list[str]:
    """When this plan's people give its contacts under ``judge`` fewer hours a week
    (``mine``: before, after) by more than a quarter of its own (``PEOPLE_HOURS_CUT``), and
    its organisation's plans (``total``) fewer by more than that, or ``tolerance``, of this
    plan's (as ``_fell`` judges contacts): a note naming what moved, the contacts and the
    time each gets, with ``ref`` left to fill."""
    (was, now), (had, has) = total.hours, (total.before, total.after)
    tolerance, cut = max(tolerance, PEOPLE_HOURS_CUT), 1 - PEOPLE_HOURS_CUT
    if mine[1] >= mine[0] * cut or was - now <= mine[0] * tolerance or not had or not has:
        return []
    given, gives = was / had * 3600, now / has * 3600
    return [
        f"people give the contacts they answer to a target under {_named(judge)} "
        f"{_h(now)} hours a week in {total.where} now, {_h(was)} at {{ref}} "
        f"(-{_cut(was, now)}): "
        f"contacts a week {_n(had)} → {_n(has)}{_fall(had, has)}, time per contact "
        f"{fmt_wait(float(given))} → {fmt_wait(float(gives))}{_fall(given, gives)}"
    ]


def _fall(before: Fraction, after: Fraction) -> str:
    """ " (-8.9%)" when ``after`` is below ``before``, " (+2%)" above, nothing when equal."""
    if after == before:
        return ""
    if after < before:
        return f" (-{_cut(before, after)})"
    grew = Decimal(float(after / before - 1)).quantize(Decimal("0.001"))
    return f" (+{fmt_percent(grew)})"


def _hours_by_judge(work: tuple[Answered, ...], share: Fraction) -> dict[str, Fraction]:
    """Hours a week people give the contacts of ``work`` by the strategy that judges them,
    times the ``share`` of the window the plan's period covers."""
    totals: dict[str, Fraction] = {}
    for line in work:
        totals[line.judge] = totals.get(line.judge, Fraction(0)) + line.hours * share
    return totals


def _fell(
    mine: tuple[Fraction, Fraction],
    live: tuple[Fraction, Fraction],
    total: Promised,
    tolerance: Fraction = PEOPLE_WORK_CUT,
) -> Fell | None:
    """Whether this plan answers fewer contacts (``mine``: before, after), or fewer live,
    by more than a tenth of its own, and its organisation's plans fewer by more than
    ``tolerance`` (a tenth, see ``_windows``) of this plan's: a forecast trimmed a little
    across every region is no change of policy (review attack38 F5), a small region's
    whole line gone is (attack37 A4)."""
    cut = 1 - PEOPLE_WORK_CUT
    if mine[1] < mine[0] * cut and total.before - total.after > mine[0] * tolerance:
        a, b, how = total.before, total.after, ""
    elif live[1] < live[0] * cut and total.live_before - total.live_after > (live[0] * tolerance):
        a, b, how = total.live_before, total.live_after, " live (voice, chat, messaging, in person)"
    else:
        return None
    share = _cut(a, b)
    return Fell(
        lead=f"people answer {_n(a)} contacts a week{how} to a target",
        now=f"{_n(b)} now (-{share}): ",
    )


def deleted(
    old: LoadedPlan, tree: Reviewed, today: dt.date, judged_by: str | None = None
) -> Finding | None:
    """A plan the change deletes, or moves out of its top folder, whose contacts people
    answered to a target under a strategy of people its organisation's plans there no
    longer answer (fewer by more than a tenth of the plan's): a region closed, or this
    year's plan deleted after next year's was merged without its phone line, left every
    plan that stays as it was, and nothing was compared (review attack37 A6, attack36 M4).
    The policy-changed finding its diff reports as new (None when none is lost). A plan
    whose period ended before ``today`` answers nobody any more: deleting it is tidying."""
    if old.path is None or (old.plan.period is not None and old.plan.period.end < today):
        return None
    # A strategy given for the run judges the plan deleted as it judged it (review attack42
    # B05: a region deleted under the config's delight was counted as the fast-food it
    # declares).
    judged_by = run_strategy(judged_by)
    path, old = old.path, old._replace(plan=_judged_by(old.plan, judged_by))
    for window, tolerance in _windows(_period(old.plan)):
        notes = _deleted_over(old, path, tree, today, (window, tolerance), judged_by)
        if notes:
            key = work_inputs(old, tree.trusted, judged_by=judged_by)
            return _finding(old, _of_the_change(notes, key), tree, None)
    return None


def _deleted_over(
    old: LoadedPlan,
    path: Path,
    tree: Reviewed,
    today: dt.date,
    over: tuple[Period | None, Fraction],
    judged_by: str | None = None,
) -> list[str]:
    """``deleted``'s notes for the plan at ``path``, counting contacts over a window with
    the tolerance it gives (``over``, see ``_windows``)."""
    window, tolerance = over
    org = promised_contacts(old, tree.trusted, window, today)
    work = _by_judge(promised_work(old.plan, absolute(path)), covered(_period(old.plan), window))
    if judged_by is not None and org:
        org = dict.fromkeys(work, _merged(list(org.values())))
    notes = []
    for judge, (had, live_had) in sorted(work.items()):
        total = org.get(judge) or Promised(
            before=had,
            after=Fraction(0),
            live_before=live_had,
            live_after=Fraction(0),
            where="this plan",
        )
        if not _of_people(judge):
            continue
        fell = _fell((had, Fraction(0)), (live_had, Fraction(0)), total, tolerance)
        if fell is None:
            mine = (live_had, had - live_had)
            notes += _less_time_there(total, judge, tree.trusted.ref, mine)
            continue
        notes.append(
            f"{fell.lead} under {_named(judge)} in {total.where} at {tree.trusted.ref}, {fell.now}"
            f"{display(path)}, which answered {_n(had)} of them, is deleted"
        )
    if not notes and judged_by is None:
        # Its lines' contacts answered on lines of another kind in the plans that stay: the
        # phone line's calls sent to a store of another plan (review attack44 A12).
        share = covered(_period(old.plan), window)
        kinds = by_kind([(promised_work(old.plan, absolute(path)), share)])
        notes += [
            f"{note}; {display(path)} is deleted"
            for note in _moved_kinds(kinds, {}, org, tree.trusted.ref)
        ]
    return notes


def _by_judge(
    work: tuple[Answered, ...], share: Fraction = Fraction(1)
) -> dict[str, tuple[Fraction, Fraction]]:
    """Contacts a week, and those answered live, by the strategy that judges them, times the
    ``share`` of the window compared that the plan's period covers."""
    totals: dict[str, tuple[Fraction, Fraction]] = {}
    for line in work:
        had, live = totals.get(line.judge, (Fraction(0), Fraction(0)))
        counted = line.contacts * share
        totals[line.judge] = (had + counted, live + (counted if line.live else 0))
    return totals


def _period(plan: Plan) -> Period | None:
    """The days a plan is for (None: it states none)."""
    return (plan.period.start, plan.period.end) if plan.period else None


def _n(contacts: Fraction) -> str:
    return f"{float(contacts):,.0f}"


def _h(hours: Fraction) -> str:
    return f"{float(hours):,.1f}"


def _taken(was: Plan, now: Plan, judge: str, then: Path | None) -> list[str]:
    """What this plan's lines under ``judge`` that people answered to a target became."""
    judged = channel_strategies(was, then)
    heads = {c.id: c for c in now.channels}
    said = []
    for c in was.channels:
        if judged[c.id] != judge or not c.human or c.target is None or c.target.is_empty:
            continue
        head = heads.get(c.id)
        if head is None:
            said.append(f"{c.id} is gone")
        elif not head.human:
            who = "self-service" if head.kind == "self-service" else "answered by bots"
            said.append(f"{c.id} is now {who}")
        elif head.target is None or head.target.is_empty:
            said.append(f"{c.id} states no target now")
        elif c.kind in QUEUED_KINDS and head.kind not in QUEUED_KINDS:
            said.append(f"{c.id} is now {head.kind.value}, answered later")
        elif weekly_contacts(head) < weekly_contacts(c):
            said.append(
                f"{c.id} {_n(weekly_contacts(c))} → {_n(weekly_contacts(head))} contacts a week"
            )
    return said


_GONE = "its lines' contacts went elsewhere, or their staff"


def _period_cut(
    had: Period | None, has: Period | None, shares: tuple[Fraction, Fraction], ref: str
) -> list[str]:
    """The plan's period, when the change made it count for less of the window compared
    (``shares``, at the base and now): ended early, shortened, or moved to another year
    (review attack38 B2, B9)."""
    if has is None or shares[1] >= shares[0]:
        return []
    was = f"{had[0]} to {had[1]}" if had is not None else "none"
    return [f"its period is {has[0]} to {has[1]} now ({was} at {ref})"]


def _declared(strategy: Any) -> Any:
    """A `strategy:` value as compared: a mix of a primary alone is that strategy
    (`{primary: delight}` is `delight`, review attack36 L3), a built-in's alias the
    built-in (`zappos` is `delight`, attack43 F01)."""
    alone = isinstance(strategy, dict) and set(strategy) <= {"primary", "by_segment", "by_channel"}
    if alone and not strategy.get("by_segment") and not strategy.get("by_channel"):
        return _declared(strategy.get("primary"))
    if isinstance(strategy, dict):
        return {k: _declared(v) for k, v in strategy.items()}
    return canonical(strategy) if isinstance(strategy, str) else strategy


def _kind_renamed(base: Base, loaded: LoadedPlan) -> list[str]:
    """A line gone while a new line of another kind takes its contacts (within a tenth, as
    ``diff.renamed_lines`` pairs them): a kind changed together with the id. The rules that
    judge a line, and how it is sized, follow its kind, as for a kind changed under the same
    id (``binding.mix_changes``); a new id hid it (review attack43 C09: the phone line
    became `chat-support`, six at once, 16.2 → 2.7 FTE; or `store`, in person, every figure
    kept, and the callers lost their number)."""
    from cs_align.diff import renamed_lines

    was = _base_plan(base)
    if was is None:
        return []
    kinds = {c.id: c.kind.value for c in (*was.channels, *loaded.plan.channels)}
    return [
        f"channel {gone} ({kinds[gone]}) is gone and {new}, a new {kinds[new]} line, takes "
        f"its contacts: the line is now {kinds[new]} (was {kinds[gone]})"
        for gone, new in renamed_lines(was, loaded.plan, same_kind=False).items()
    ]


KIND_MOVE = PEOPLE_WORK_CUT
"""The share of the contacts a plan's lines of one kind answer under a strategy of people
that may move to its lines of other kinds in one change before a reviewer is asked."""


def _kinds_moved(base: Base, loaded: LoadedPlan, tree: Reviewed, today: dt.date) -> list[str]:
    """Contacts people answer to a target under a strategy of people that the change moves
    from this plan's lines of one kind to its lines of other kinds (counted a week, by kind,
    whatever the ids): more than a tenth of that kind's (``KIND_MOVE``). ``_kind_renamed``
    pairs one line gone with one new line of another kind within a tenth of its contacts;
    the delight phone line split into two in-person lines of 8,000 and 1,000 calls, or kept
    under its id with 1,000 calls beside a new store taking 8,000, kept every count the
    gate compares (contacts, live contacts, hours, the time each gets) while eight in nine
    callers lost the number (review attack44 A07, A08; an inbox's customers sent to a
    social network's messages, A09). The kinds are counted across the organisation's plans
    in the plan's top folder over its year as well (see ``promised_contacts``): the calls
    sent to a store in another plan of the organisation are no less moved (A10), while a
    line moved to another plan as it was moves no contact to another kind. A forecast moved
    a little between kinds, lines of one kind split or merged, and a line added beside the
    others are no move."""
    was = _base_plan(base)
    if was is None:
        return []
    here = absolute(loaded.path) if loaded.path is not None else None
    then = base.old_path or here
    before = _contacts_by_kind(was, channel_strategies(was, then))
    after = _contacts_by_kind(loaded.plan, channel_strategies(loaded.plan, here))
    same, was_named = _counted_as_one(was, then, loaded, tree)
    window = window_of(_period(was))
    org = (
        promised_contacts(loaded, tree.trusted, window, today, then, was_named)
        if same and base.judged_by is None
        else {}
    )
    if org:
        # On the organisation's scale: each plan counts for the share of the year its period
        # covers, so a December plan's phone line is a twelfth of the year's calls there.
        shares = weights(_period(was), _period(loaded.plan), window, today)
        before = {key: count * shares[0] for key, count in before.items()}
        after = {key: count * shares[1] for key, count in after.items()}
    notes = _moved_kinds(before, after, org, tree.trusted.ref)
    key = work_inputs(loaded, tree.trusted, base.old_path, base.judged_by)
    return _of_the_change(notes, key) if notes else []


def _moved_kinds(
    before: dict[tuple[str, str], Fraction],
    after: dict[tuple[str, str], Fraction],
    org: dict[str, Promised],
    ref: str,
) -> list[str]:
    """``_kinds_moved``'s notes from a plan's contacts a week by strategy and kind at ``ref``
    and now, and its organisation's (``org``; empty: the plan alone)."""
    notes = []
    for (judge, kind), had in sorted(before.items()):
        has = after.get((judge, kind), Fraction(0))
        if not _of_people(judge) or had - has <= had * KIND_MOVE:
            continue
        kinds = org[judge].kinds if judge in org and org[judge].kinds else (before, after)
        was_by, now_by = kinds[0], kinds[1]
        grown = {
            other: count - was_by.get((judge, other), Fraction(0))
            for (by, other), count in sorted(now_by.items())
            if by == judge and other != kind and count > was_by.get((judge, other), Fraction(0))
        }
        lost = was_by.get((judge, kind), Fraction(0)) - now_by.get((judge, kind), Fraction(0))
        moved = min(had - has, lost, sum(grown.values(), Fraction(0)))
        if moved <= had * KIND_MOVE:
            continue
        where = ", ".join(f"{other} +{_n(count)}" for other, count in grown.items())
        notes.append(
            f"{_n(moved)} contacts a week people answered on {kind} lines under {_named(judge)} "
            f"at {ref} are answered on lines of another kind now ({where}): "
            f"{kind} {_n(had)} → {_n(has)}"
        )
    return notes


KIND_TO_BOTS = KIND_MOVE
"""The share of the contacts a plan's lines of one kind answer under a strategy of people
that may go to bots in one change before a reviewer is asked."""


def _kinds_to_bots(base: Base, loaded: LoadedPlan, tree: Reviewed) -> list[str]:
    """Contacts people answer to a target under a strategy of people that the change hands
    from this plan's lines of one kind to bots (counted a week: the kind's fall, less what
    people lines of that kind in the organisation's other plans the change edits gained,
    as far as bot lines grew here or there): more than a tenth of that kind's
    (``KIND_TO_BOTS``). A strategy of people promises each kind's customers a person
    (delight's "every email within 4 hours" by a trained person), so the share is the
    kind's, not the plan's: 1,100 of the delight plan's 2,500 e-mails a month (44%) sent to
    a bot line with no promise, in the plan or in a plan of bots beside it, were 253 of its
    2,645 contacts a week, 9.6%, within ``_people_work``'s tenth of the plan, and passed
    (review fix54g item 6). Windowed as the other levers are."""
    was = _base_plan(base)
    if was is None:
        return []
    here = absolute(loaded.path) if loaded.path is not None else None
    before = _contacts_by_kind(was, channel_strategies(was, base.old_path or here))
    after = _contacts_by_kind(loaded.plan, channel_strategies(loaded.plan, here))
    grown = _bots_grown(was, loaded.plan, "")
    gained: dict[str, Fraction] = {}
    same = same_organisation(name_key(was.organisation), name_key(loaded.plan.organisation))
    for other in beside(loaded, tree.trusted, base.old_path or here) if same else ():
        grown.update(_bots_grown(other.then, other.now, f" in {display(other.where)}"))
        for kind, n in _people_kinds(other.now).items():
            gained[kind] = gained.get(kind, Fraction(0)) + n
        for kind, n in _people_kinds(other.then).items():
            gained[kind] = gained.get(kind, Fraction(0)) - n
    room = sum(grown.values(), Fraction(0))
    notes = []
    for (judge, kind), had in sorted(before.items()):
        has = after.get((judge, kind), Fraction(0))
        moved = min(had - has - max(gained.get(kind, Fraction(0)), Fraction(0)), room)
        if not _of_people(judge) or moved <= had * KIND_TO_BOTS:
            continue
        room -= moved
        where = ", ".join(f"{ident} +{_n(count)}" for ident, count in grown.items())
        notes.append(
            f"{_n(moved)} contacts a week people answered on {kind} lines under "
            f"{_named(judge)} at {tree.trusted.ref} are answered by bots now ({where}): "
            f"{kind} {_n(had)} → {_n(has)} (-{_cut(had, has)}), more than a tenth of that "
            "kind's"
        )
    return notes


def _bots_grown(then: Plan | None, now: Plan | None, where: str) -> dict[str, Fraction]:
    """The contacts a week each bot line of a plan took beyond what it took at the trusted
    revision (``then``; None: the change adds the plan), by its id (``where``: " in FILE"
    for another plan's; " (new)" for a line the plan did not have)."""
    if now is None:
        return {}
    olds = {c.id: c for c in then.channels} if then is not None else {}
    found = {}
    for c in now.channels:
        if c.staffed_by != StaffedBy.bots or not c.volume:
            continue
        old = olds.get(c.id)
        had = weekly_contacts(old) if old is not None and not old.human and old.volume else 0
        if weekly_contacts(c) > had:
            found[c.id + ("" if old is not None else " (new)") + where] = weekly_contacts(c) - had
    return found


def _people_kinds(plan: Plan | None) -> dict[str, Fraction]:
    """Contacts a week on a plan's lines people answer to a target, by kind."""
    found: dict[str, Fraction] = {}
    for c in plan.channels if plan is not None else ():
        if _timed(c) and c.volume:
            found[c.kind.value] = found.get(c.kind.value, Fraction(0)) + weekly_contacts(c)
    return found


def _contacts_by_kind(plan: Plan, judged: dict[str, str]) -> dict[tuple[str, str], Fraction]:
    """Contacts a week on the lines people answer to a target, by the strategy that judges
    each and its kind."""
    found: dict[tuple[str, str], Fraction] = {}
    for c in plan.channels:
        if _timed(c) and c.volume:
            key = (judged[c.id], c.kind.value)
            found[key] = found.get(key, Fraction(0)) + weekly_contacts(c)
    return found


def _of_people(ref: str) -> bool:
    """Whether the strategy ``ref`` names applies `people-answer`: a built-in is read; a
    strategy file is taken to (`people-answer` judged the plan, and reading the file at the
    trusted revision is the engine's)."""
    from cs_align.strategy import ALIASES, builtin_files, load_strategy

    builtin = builtin_files().get(ALIASES.get(ref, ref))
    if builtin is None:
        return True
    return any(rule.id == PEOPLE_ANSWER for rule in load_strategy(builtin).rules)


def _ceiling_raised(was: dict[str, Any], loaded: LoadedPlan, report: Report) -> list[str]:
    """The plan's occupancy ceiling raised: `occupancy-cap` judges by the plan's own
    ceiling, so a change that overloads a team and raises the ceiling with it passed a rule
    its strategy makes an error (review attack31 A7), and so did a raise alone followed by
    the overload in the next change (attack33 F3). A threshold the plan sets for a rule is
    policy: raising it is reported, with the planned agents it lifts the ceiling over."""
    staffing = was.get("staffing")
    written = staffing.get("max_occupancy", "85%") if isinstance(staffing, dict) else "85%"
    try:
        before = parse_percent(written)
    except (CsAlignError, ValueError, ArithmeticError):
        return []  # the base could not be judged by any ceiling
    return _raised(before, loaded, report, f"{fmt_percent(before)} → ", "")


HOUR_PRICE_CUT = Fraction(1, 10)
"""How far one change may lower what an hour of an agent's time on contacts costs (the
loaded cost of an FTE over the hours it gives contacts) before a reviewer is asked."""


def _cheaper_hours(base: Base, loaded: LoadedPlan, tree: Reviewed) -> list[str]:
    """What an hour of an agent's time on contacts costs, lowered by more than a tenth:
    the loaded cost per FTE, the paid hours and the shrinkage are the plan's own words, and
    the budget rules price the staff by them. Two numbers edited (1,000 USD an FTE a year,
    and the people line to match) cut a delight plan's budget by 82% with every rule held
    (review attack39 F7); 0% shrinkage or 8,766 paid hours a year make the same staff give
    contacts more hours for the same money (attack33 F6, F7). Plans in other currencies are
    not compared, and said to be beyond comparison: a plan moved to EUR at a tenth of its
    USD price kept the guardrails' say only where a budget limit is set (review attack43
    C10)."""
    was = _base_plan(base)
    now = loaded.plan
    if was is None:
        return []
    before, after = hour_price(was), hour_price(now)
    if was.currency != now.currency and before is not None and after is not None:
        return [
            f"an hour of an agent's time on contacts costs {_price(after, now.currency)} now, "
            f"{_price(before, was.currency)} at {tree.trusted.ref}: in another currency, the "
            "prices cannot be compared"
        ]
    if before is None or after is None or after >= before * (1 - HOUR_PRICE_CUT):
        return []
    share = _cut(before, after)
    from cs_align.diff import reads_same
    from cs_align.plan import Staffing

    changed = [
        f"{key} {_short(old)} → {_short(new)}"
        for key in ("loaded_cost_per_fte", "paid_hours_per_fte", "shrinkage")
        if not reads_same(
            Staffing,
            key,
            old := (base.doc.data.get("staffing") or {}).get(key),
            new := (loaded.doc.data.get("staffing") or {}).get(key),
        )
    ]
    return [
        f"an hour of an agent's time on contacts costs {_price(after, now.currency)} now, "
        f"{_price(before, was.currency)} at {tree.trusted.ref} (-{share}): staffing "
        + ", ".join(changed)
    ]


def _cheaper_new_plan(loaded: LoadedPlan, tree: Reviewed) -> list[str]:
    """A plan new for an organisation whose plans at the trusted revision price an hour of
    an agent's time on contacts more than a tenth higher: staff moved into a new file at
    6,200 an FTE-year instead of 62,000 cut the organisation's budget by 59% (review
    attack40 A04)."""
    prices, mine = organisation_hour_prices(loaded, tree.trusted), hour_price(loaded.plan)
    money = loaded.plan.currency
    theirs = prices.get(money)
    if theirs is None and prices and mine is not None:
        # None of its plans prices an hour in this currency: a figure nobody can compare
        # (review attack43 C10: a new plan in EUR at a tenth of the USD plans' price).
        others = ", ".join(sorted(prices))
        least = "; ".join(f"{_price(prices[c], c)}" for c in sorted(prices))
        return [
            f"an hour of an agent's time on contacts costs {_price(mine, money)} in a plan "
            f"that is new for {loaded.plan.organisation}, whose plans at {tree.trusted.ref} "
            f"price it in {others} only ({least} at least): the prices cannot be compared"
        ]
    if theirs is None or mine is None or mine >= theirs * (1 - HOUR_PRICE_CUT):
        return []
    return [
        f"an hour of an agent's time on contacts costs {_price(mine, money)} in a plan that "
        f"is new for {loaded.plan.organisation}, whose plans at {tree.trusted.ref} price it "
        f"at {_price(theirs, money)} at least (-{_cut(theirs, mine)})"
    ]


def _price(amount: Fraction, currency: str) -> str:
    return fmt_money(Decimal(amount.numerator) / Decimal(amount.denominator), currency)


BEST_TIER_CUT = Fraction(1, 10)
"""How far one change may lower the contacts a week the best tier's own live lines answer,
and their share of the plan's live contacts, before a reviewer is asked."""


def _best_tier(base: Base, loaded: LoadedPlan, tree: Reviewed) -> list[str]:
    """Which segment is the best tier, and how much of the plan's work its own lines take:
    `best-tier-served-better` protects the best-ranked segment's lines, so re-ranking the
    segments demoted gold to the standard queue's wait (review attack39 F3), and gold's calls
    moved into the standard queue behind a 15-call token gold line kept every rule (F5).
    The best tier's own live contacts (or hours) falling by more than a tenth, their share of
    the plan's live contacts too, and the other tiers' growing by about what they lost, is a
    move; a forecast that falls for every tier alike is not, nor the other tiers' growth
    alone (see ``_tier_calls``), nor the tier's customers moved to a line of its own that is
    not live (``_tier_fell``). A line moved into or out of the best
    tier is one."""
    was = _base_plan(base)
    now = loaded.plan
    if was is None or not was.segments:
        return []
    before = best_tier(was)
    after = best_tier(now) if now.segments else None
    if after is None or (after.id != before.id and not _renamed_tier(was, now, before, after)):
        now_said = f"{after.id} now" if after is not None else "none now"
        return [
            f"segments: the best tier is {now_said}, {before.id} at {tree.trusted.ref} (the "
            "tier best-tier-served-better protects)"
        ]
    tagged = {c.id: c.segment == before.id for c in was.channels}
    moved = [
        f"{c.id} serves {after.id} now" if c.segment == after.id else f"{c.id} left {after.id}"
        for c in now.channels
        if c.id in tagged and tagged[c.id] != (c.segment == after.id)
    ]
    if moved:
        # The standard queue tagged gold left the best tier no one to be served better than
        # (review attack39 F3, s04d).
        return [f"channels: {', '.join(moved)} (the best tier at {tree.trusted.ref})"]
    had = _tier_calls(was, before.id)
    has = _tier_calls(now, after.id, _times(was))
    wait = "its customers wait in the other tiers' queues"
    if _tier_fell((had.mine, has.mine), (had.all, has.all)):
        return [
            f"the best tier's own live lines ({before.id}) answer {_n(has.mine)} contacts a "
            f"week now, {_n(had.mine)} at {tree.trusted.ref} (-{_cut(had.mine, has.mine)}), "
            f"of {_n(has.all)} and {_n(had.all)} live: {wait}"
        ]
    if _tier_fell((had.hours, has.hours), (had.all_hours, has.all_hours)):
        # Contacts padded with half-minute chats kept the count (review attack41 B06).
        return [
            f"the best tier's own live lines ({before.id}) take {_h(has.hours)} hours of "
            f"work a week now, {_h(had.hours)} at {tree.trusted.ref} "
            f"(-{_cut(had.hours, has.hours)}), of {_h(has.all_hours)} and "
            f"{_h(had.all_hours)} live: {wait}"
        ]
    return []


TIER_MOVE_TAKEN = Fraction(1, 2)
"""How much of what the best tier's own live lines lost the other tiers' live lines must
gain for the fall to read as a move into their queues: about all of it when the customers
were moved; none when the tier's customers went to a line of its own the count leaves out
(a gold e-mail inbox: review attack41 F01)."""


def _tier_fell(mine: tuple[Fraction, Fraction], every: tuple[Fraction, Fraction]) -> bool:
    """Whether the best tier's own figure fell by more than a tenth (before, after), its
    share of every tier's too, and the other tiers' figure grew by at least half the fall:
    the tier's customers are then in the other queues. Gold's calls moved to a new gold
    e-mail inbox left the other queues as they were (review attack41 F01)."""
    if not every[0] or mine[1] >= mine[0] * (1 - BEST_TIER_CUT):
        return False
    if mine[1] * every[0] >= mine[0] * every[1] * (1 - BEST_TIER_CUT):
        return False
    others_grew = (every[1] - mine[1]) - (every[0] - mine[0])
    return others_grew >= (mine[0] - mine[1]) * TIER_MOVE_TAKEN


def _renamed_tier(was: Plan, now: Plan, before: Segment, after: Segment) -> bool:
    """Whether the best tier is the same segment under a new id: the old id is gone, and
    the new one holds its share and the same lines (review attack40 A14: gold renamed to
    premium read as another tier ranked best)."""
    if before.id in {s.id for s in now.segments} or before.share != after.share:
        return False
    lines = {c.id for c in was.channels if c.segment == before.id}
    return bool(lines) and lines == {c.id for c in now.channels if c.segment == after.id}


class TierCalls(NamedTuple):
    """Contacts a week on live lines people answer: the best tier's own, and all; and the
    hours of work they take (contacts × handle time ÷ conversations held at once)."""

    mine: Fraction
    all: Fraction
    hours: Fraction
    all_hours: Fraction


def _times(plan: Plan) -> dict[str, Fraction]:
    """Each line's hours of work per contact (handle time shared by the conversations held
    at once)."""
    return {
        c.id: weekly_hours(c) / weekly_contacts(c)
        for c in plan.channels
        if c.volume and weekly_contacts(c)
    }


def _tier_calls(plan: Plan, tier: str, times: dict[str, Fraction] | None = None) -> TierCalls:
    """The contacts a week live lines people answer take, the best tier's and all: the
    waits `best-tier-served-better` compares. A fall of the tier's own, beyond a fall of
    all alike, is its customers moved into the other queues (review attack39 F5); e-mail
    relabelled as the tier's pads nothing (attack40 A06), and the others' growth takes
    nothing from it (A13)."""
    live = [c for c in plan.channels if c.human and c.volume and c.kind in QUEUED_KINDS]
    mine = [c for c in live if c.segment == tier]

    def hours(c: Channel) -> Fraction:
        # A line kept under its id counts at its time per contact then (``times``): a
        # handle time improved is no hour taken from the tier (review attack42 F05).
        given = (times or {}).get(c.id)
        return weekly_contacts(c) * given if given is not None else weekly_hours(c)

    return TierCalls(
        mine=sum((weekly_contacts(c) for c in mine), Fraction(0)),
        all=sum((weekly_contacts(c) for c in live), Fraction(0)),
        hours=sum(map(hours, mine), Fraction(0)),
        all_hours=sum(map(hours, live), Fraction(0)),
    )


def _declared_public(base: Base | None, loaded: LoadedPlan) -> list[str]:
    """Channels of a private kind (e-mail, a phone line) the change declares public:
    `public-channel` counts them as the open dialogue engagement and squeaky-wheel ask for,
    so the community forum was closed and the e-mail inbox called public with the rule held
    (review attack39 F4), in a plan changed or new (``base`` None: attack40 A15). A kind
    public of itself (social, community) is no declaration."""
    was = _base_plan(base) if base is not None else None
    if base is not None and was is None:
        return []
    known = {c.id: c.is_public for c in was.channels} if was is not None else {}
    notes = [
        f"channels[{c.id}].public: {'false' if c.id in known else '(a new channel)'} → true "
        f"(a channel of kind {c.kind.value}, which public-channel counts only when declared "
        "public)"
        for c in loaded.plan.channels
        if c.public and c.kind not in PUBLIC_KINDS and not known.get(c.id, False)
    ]
    return notes + (_relabelled_public(was, loaded.plan) if was is not None else [])


def _relabelled_public(was: Plan, now: Plan) -> list[str]:
    """A private line gone under its id, and a new line of a public kind with its contacts
    (within a tenth): the inbox renamed and called social held `public-channel` while the
    forum closed (review attack41 B07). A kind changed under a kept id is reported by
    ``mix_changes``."""
    ids = {c.id for c in now.channels}
    arrived = [c for c in now.channels if c.id not in {b.id for b in was.channels}]
    notes = []
    for gone in was.channels:
        if gone.id in ids or gone.is_public or not gone.volume:
            continue
        had = weekly_contacts(gone)
        for c in arrived:
            if c.is_public and abs(weekly_contacts(c) - had) <= had / 10:
                notes.append(
                    f"channels: {c.id} ({c.kind.value}, public) takes the {_n(had)} contacts "
                    f"a week of {gone.id} ({gone.kind.value}, private), gone: a private line "
                    "declared public under a new id"
                )
                arrived.remove(c)
                break
    return notes


BOT_CONTACTS_GROWTH = Fraction(1, 10)
"""How many more contacts bots may take in one change, as a share of the contacts the plan
counted at the trusted revision, before a reviewer is asked where cost-pace judges."""


def _bot_contacts(base: Base, loaded: LoadedPlan, tree: Reviewed) -> list[str]:
    """Contacts bots take, grown by more than a tenth of the plan's: `cost-pace` divides
    the budget by every contact people and bots answer, and a bot line's volume is a
    forecast the change states at no cost, so a new assistant of 3,450 chats a month held
    the cost per contact while the budget grew by 30% (review attack39 F11)."""
    was = _base_plan(base)
    if was is None:
        return []

    def counted(plan: Plan) -> tuple[Fraction, Fraction]:
        lines = [c for c in plan.channels if c.kind != Kind.self_service and c.volume]
        bots = [c for c in lines if not c.human]
        return (
            sum((weekly_contacts(c) for c in lines), Fraction(0)),
            sum((weekly_contacts(c) for c in bots), Fraction(0)),
        )

    (total, had), (_, has) = counted(was), counted(loaded.plan)
    if has - had <= total * BOT_CONTACTS_GROWTH:
        return []
    before = {c.id for c in was.channels if not c.human}
    grown = ", ".join(
        c.id + ("" if c.id in before else " (new)")
        for c in loaded.plan.channels
        if not c.human and c.kind != Kind.self_service and c.volume
    )
    return [
        f"bots take {_n(has)} contacts a week now, {_n(had)} at {tree.trusted.ref} ({grown}), "
        f"of the {_n(total)} the cost per contact was counted on there: cost-pace divides the "
        "budget by them"
    ]


def _at(interval: str) -> str:
    """Where an intraday channel's busiest interval is (" at 09:00"); nothing for one
    stretch."""
    return f" at {interval}" if interval else ""


def _raised(before: Decimal, loaded: LoadedPlan, report: Report, lead: str, tail: str) -> list[str]:
    """The note for a ceiling above ``before`` ("staffing.max_occupancy: {lead}99%{tail}"),
    naming the planned agents occupied past ``before``; none when it is not above."""
    after = loaded.plan.staffing.max_occupancy
    if after <= before:
        return []
    over = [  # the busiest interval's, as occupancy-cap judges (review calc41 F7)
        f"{m.id} {fmt_share_against(m.highest_occupancy, float(before))}{_at(m.highest_at)}"
        if m.stable
        else f"{m.id} 100% (they cannot keep up)"
        for m in (report.metrics.channels if report.metrics else ())
        if m.highest_occupancy is not None
        and m.planned_positions
        and (not m.stable or m.highest_occupancy > float(before) + TOLERANCE)
    ]
    past = fmt_percent(before)
    lifted = f", which lifts it over planned agents occupied past {past} ({', '.join(over)})"
    return [
        f"staffing.max_occupancy: {lead}{fmt_percent(after)}{tail} (the ceiling occupancy-cap "
        f"judges by){lifted if over else ''}"
    ]


def _moved_under_higher_ceiling(loaded: LoadedPlan, tree: Reviewed, base: Base | None) -> list[str]:
    """Work people answer to a target that the change moves into this plan from plans of
    the organisation held to a lower occupancy ceiling: the email team moved under a
    reviewed 95% ceiling and cut to 93.4% occupied passed (review attack34 B1). Counted in
    hours, live and written apart, whatever the ids (see ``lower_ceilings_lost``): what this
    plan gains of one way, up to what the lower-ceiling plans lose of it, however they make
    up their hours (review attack37 A3: equal hours swapped). A line retired in one region
    while another opens a small one, or one answered the other way, is no move (review
    attack36 M2): a tenth of the work that left, at least, arrives."""
    mine = loaded.plan.staffing.max_occupancy
    here = absolute(loaded.path) if loaded.path is not None else None
    then = (base.old_path or here) if base is not None else None
    lowered = lower_ceilings_lost(loaded, tree.trusted, mine, then)
    if lowered is None:
        return []
    was = _base_plan(base) if base is not None else None
    had = hours_by_way([promised_work(was, then)] if was else [])
    has = hours_by_way([promised_work(loaded.plan, here)])
    gained = {k: h - had.get(k, Fraction(0)) for k, h in has.items() if k in lowered.by_way}
    moved = {k: min(max(g, Fraction(0)), lowered.by_way[k]) for k, g in gained.items()}
    # A tenth of the work that left, and of what those plans held of it, at least: a
    # forecast refresh moving 4% of the e-mail between regions is no move (attack38 F1).
    if not any(h and h * 10 >= max(lowered.hours, lowered.had[k]) for k, h in moved.items()):
        return []
    total = sum(moved.values(), Fraction(0))
    held = "/".join(fmt_percent(c) for c in lowered.ceilings)
    return [
        f"{_h(lowered.hours)} h a week of work people answer to a target left "
        f"{', '.join(lowered.plans)} (held to {held} occupancy at {tree.trusted.ref}) while "
        f"this plan, whose ceiling is {fmt_percent(mine)}, takes on {_h(total)} h of it"
    ]


def _base_plan(base: Base) -> Plan | None:
    """The plan at the trusted revision, as the rules read it (None: they cannot)."""
    plan = _parsed(base.text)
    return None if plan is None else _judged_by(plan, base.judged_by)


def _base_sized(base: Base) -> Metrics:
    """The figures of the plan at the trusted revision (``_base_plan``, not None), sized once
    a run however many comparisons read them (the lighter need and the cut after a loosened
    target each sized it again)."""
    return _sized_text(base.text, base.judged_by)


@functools.lru_cache(maxsize=8)
def _sized_text(text: str, judged_by: str | None) -> Metrics:
    from cs_align.metrics import compute

    plan = _parsed(text)
    assert plan is not None  # callers read ``_base_plan`` first
    return compute(_judged_by(plan, judged_by))


@functools.lru_cache(maxsize=8)
def _parsed(text: str) -> Plan | None:
    """A plan's text as the rules read it, once a run however many comparisons ask (plans
    are frozen; None: they cannot read it)."""
    from cs_align.loader import parse_plan

    try:
        return parse_plan(text, "base").plan
    except (CsAlignError, ValueError):
        return None


def run_strategy(ref: str | None) -> str | None:
    """A strategy given for the run (``--strategy``, the config's `strategy:`) as the
    comparisons read it: a file, named from the working folder as the engine finds it, made
    absolute. As given, it was read from each plan's folder: `strategies/ours.yaml` given at
    the repository's top was named "plans/strategies/ours.yaml" in a note on
    plans/acme.yaml, and a note's id held the words as typed, so the same run from
    another folder, or with the absolute path, said another file or gave another id
    (review fix50g). Notes name it from the repository's top (``_named``), and ids by
    that name (``in_repo``)."""
    from cs_align.strategy import is_reference_to_file

    if ref is None or not is_reference_to_file(ref):
        return ref
    return os.path.normpath(os.path.join(os.getcwd(), ref))


def in_repo(ref: str) -> str:
    """A strategy as an id reads it: a file by its path from the repository's top (an
    absolute path is where the checkout lies, which no approval is of), else as written."""
    return display(Path(ref)) if os.path.isabs(ref) else ref


def _judged_by(plan: Plan, strategy: str | None) -> Plan:
    """The plan as the run judges it: a strategy given for the run judges every channel and
    segment in place of those it declares, so the comparisons of people's work read that
    one too (review attack41 B08: the config's delight judged a plan declaring fast-food,
    and its phone line cut to a token passed as fast-food's)."""
    if strategy is None:
        return plan
    segments = [s.model_copy(update={"strategy": None}) for s in plan.segments]
    return plan.model_copy(update={"strategy": strategy, "segments": segments})


def _new_plan_ceiling(
    loaded: LoadedPlan, tree: Reviewed, report: Report, how: str = "that is new for"
) -> list[str]:
    """A plan new for an organisation whose plans at the trusted revision hold a lower
    occupancy ceiling: work split off into it would be judged by a ceiling of its own
    choosing (review attack33 F4)."""
    theirs = organisation_ceiling(loaded, tree.trusted)
    if theirs is None:
        return []
    tail = (
        f" in a plan {how} {loaded.plan.organisation}, whose plans at "
        f"{tree.trusted.ref} hold at most {fmt_percent(theirs)}"
    )
    return _raised(theirs, loaded, report, "", tail)


def _new_plan_strategy(
    loaded: LoadedPlan, tree: Reviewed, how: str = "that is new for"
) -> list[str]:
    """A plan new for an organisation that has plans at the trusted revision (or relabelled
    to it), putting anything under a strategy none of them does (its primary, a segment's
    or a channel's): a channel (or a whole plan, split in two) moved to a looser strategy
    under a new file name, or into another organisation's plan renamed to this one."""
    theirs = organisation_strategies(loaded, tree.trusted)
    mine = strategies_in(loaded.plan, absolute(loaded.path) if loaded.path else None)
    if not theirs or mine <= set(theirs):
        return []
    new = sorted(mine - set(theirs))
    return [
        Note(
            f"strategy: {', '.join(_named(s) for s in new)} in a plan "
            f"{how} {loaded.plan.organisation}, whose plans at {tree.trusted.ref} declare "
            f"{', '.join(_named(t) for t in theirs)} ({_judged_here(loaded, new)})",
            _judging(loaded),
        )
    ]


def _judged_here(loaded: LoadedPlan, strategies: list[str]) -> str:
    """What each of ``strategies`` judges in the plan: "fast-food judges email" (its
    channels, by their rules or their reps' practices; "the plan" when it is the primary),
    so an approval reads which lines it hands over (review attack47 A02)."""
    here = absolute(loaded.path) if loaded.path is not None else None
    judges = channel_judges(loaded.plan, here)
    said = []
    for strategy in strategies:
        parts = ["the plan"] if any(j[2] == strategy for j in judges.values()) else []
        parts += [
            c for c, (rules, practices, _) in judges.items() if strategy in (rules, practices)
        ]
        said.append(f"{_named(strategy)} judges {', '.join(parts) or 'a segment with no channel'}")
    return "; ".join(said)


def _work_moved(loaded: LoadedPlan, tree: Reviewed, taken: set[str]) -> list[str]:
    """Work this plan takes on (``taken``: its channels new to it, or new to people) under
    one strategy while the plans of its folder, or of the repository, handle fewer hours
    under another: the work moved there, whatever the plan calls its channels or their
    kind, and whatever stub it left behind."""
    return [
        f"{_lost(shift.lost)} while this plan takes on work under {_judged(shift.now)}"
        for shift in shifts(loaded, tree.trusted, taken)
    ]


def _new_organisation(loaded: LoadedPlan, tree: Reviewed, how: str = "names") -> list[str]:
    """A plan for an organisation no plan at the trusted revision names, anywhere in the
    repository that has plans: its strategy is a choice of policy, judged against nothing
    the base holds. Work split off a delight plan for "Example Delight Co (Email)" could
    arrive as chat, at another handle time, beside a stub, or with the hours it left put
    back by a forecast elsewhere (reviews attack19 to attack21): no count of the work tells
    a new organisation from a renamed part of an old one, so a reviewer accepts it once, as
    any other policy change (`--allow-policy-change`). The first plans of a repository
    without plans are not.

    Known means named by a plan in this plan's top folder, where its strategies and budget
    are compared: an organisation whose only plans are elsewhere (archive/, examples/, a
    second gated folder) has nothing there to compare with, and so is new here (review
    attack23 M2 to M4)."""
    known = organisations_at(tree.trusted)
    mine = name_key(loaded.plan.organisation)
    if not known:
        return []
    # A plan read from stdin has no folder: it is known when any plan names it.
    near = organisations_at(tree.trusted, loaded.path) if loaded.path is not None else known
    if any(same_organisation(mine, k) for k in near):
        return []
    here = absolute(loaded.path) if loaded.path is not None else None
    declared = sorted(strategies_in(loaded.plan, here))
    lost = losses(loaded, tree.trusted)
    folder = top_folder(tree.trusted, loaded.path) if loaded.path is not None else ""
    moved = tree.trusted.renamed_from(here) if here is not None else None
    if moved is not None and top_folder(tree.trusted, moved) != folder:
        how = f"(moved from {display(moved)}, another top folder) {how}"  # attack24 N3
    if any(same_organisation(mine, k) for k in known):
        whom = f"an organisation no plan in {folder} names at {tree.trusted.ref} (only plans "
        whom += "elsewhere in the repository do)"
    else:
        whom = f"an organisation no plan at {tree.trusted.ref} names"
    return [
        Note(
            f"this plan {how} {loaded.plan.organisation}, {whom}, under "
            f"{', '.join(_named(s) for s in declared)}"
            + (", while " + "; ".join(_lost(loss) for loss in lost) if lost else ""),
            _judging(loaded),
        )
    ]


def _lost(loss: Loss) -> str:
    named = ", ".join(loss.plans[:3])
    more = f" and {len(loss.plans) - 3} more" if len(loss.plans) > 3 else ""
    where = f" ({named}{more})" if loss.plans else ""
    before, after = _hours(loss.before, loss.after)
    return f"work under {_judged(loss.judge)} falls from {before} to {after} hours a week{where}"


def _judged(judge: Judge) -> str:
    """Who judges work, as a reader tells them apart: "delight", or "extraordinary-trust with
    fast-food's practices in a plan under fast-food" (a channel whose reps, or whose plan's
    budget, answer to another strategy)."""
    rules, practices, plan = judge
    shown = _named(rules)
    if practices != rules:
        shown += f" with {_named(practices)}'s practices"
    if plan != rules:
        shown += f" in a plan under {_named(plan)}"
    return shown


def _hours(before: Fraction, after: Fraction) -> tuple[str, str]:
    """Hours a week to the tenth, or with the digits that tell them apart (283.6 falling
    to 283.58 is not "283.6 to 283.6")."""
    digits = 1
    while digits < 6 and round(before, digits) == round(after, digits):
        digits += 1
    shown = [f"{float(v):,.{digits}f}".removesuffix(".0") for v in (before, after)]
    return shown[0], shown[1]


def _staffed(data: dict[str, Any]) -> set[str]:
    """The ids of the channels people answered in a plan document at the trusted revision
    (it is not validated): a channel that turns from self-service or bots into people's
    work takes on work (review attack20 J4)."""
    channels = data.get("channels")
    if not isinstance(channels, list):
        return set()
    return {
        str(c.get("id"))
        for c in channels
        if isinstance(c, dict)
        and c.get("kind") not in ("self-service", None)
        and c.get("staffed_by") != "bots"
    }


def _named(strategy: str) -> str:
    """A strategy as a reader finds it: an id, a mix, or its file from the repository's top."""
    return _short(display(Path(strategy)) if os.path.isabs(strategy) else strategy)


def _same_name(before: Any, after: Any) -> bool:
    """Whether two organisation names are one (as a reviewer tells them apart)."""
    if not isinstance(before, str) or not isinstance(after, str):
        return bool(before == after)
    return same_organisation(name_key(before), name_key(after))


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


def _policy_key(path: Path, tree: Reviewed) -> str:
    """What an approval of a change to the policy file ``path`` covers: the file as the
    change leaves it (pyproject.toml: its `[tool.cs-align]` settings, so an edit elsewhere in
    it is no other change). The note shows six settings at most, each cut short: an id of
    the note alone kept a seventh setting loosened in a later push approved with the rest
    (review attack47 A01's class: an added file, judged as it reads, is covered the same way)."""
    text = tree.read_head(path)
    if path.name == "pyproject.toml":
        return repr(sorted(_settings(text, path).items()))
    return _digest(text)


def _config_moves(files: list[Path], tree: Reviewed) -> dict[Path, Note | None]:
    """Configs the change moves to another name in the same folder with the same settings
    (`.cs-align.yaml` → `.cs-align.yml`, or into pyproject.toml's `[tool.cs-align]`): the
    deleted file's note says the move, the added one's is none. Said "deleted; added", a
    rename read as the policy dropped and another one written (review attack57, left open).
    Still a change of policy: the name is what the config search finds."""
    configs = (".cs-align.yaml", ".cs-align.yml", "pyproject.toml")
    gone = [p for p in files if p.name in configs and tree.change(p) == "deleted"]
    came = [p for p in files if p.name in configs and tree.change(p) == "added"]
    found: dict[Path, Note | None] = {}
    for old in gone:
        for new in came:
            if new in found or absolute(old).parent != absolute(new).parent:
                continue
            before = _settings(tree.trusted.read(old, "base"), old)
            after = _settings(tree.read_head(new), new)
            if "(file)" in before or "(file)" in after or not before:
                continue
            if not all(_same_setting(key, before, after) for key in {*before, *after}):
                continue
            table = " [tool.cs-align]" if new.name == "pyproject.toml" else ""
            said = f"{display(old)} moved to {display(new)}{table} (the same settings)"
            found[old] = Note(said, repr(("moved", display(old), _policy_key(new, tree))))
            found[new] = None
            break
    return found


def _config_detail(path: Path, tree: Reviewed) -> str:
    """For a changed config file, the settings that differ: ` (fail_on: error → info)`."""
    if path.name not in (".cs-align.yaml", ".cs-align.yml", "pyproject.toml"):
        return ""
    before = _settings(tree.trusted.read(path, "base"), path)
    after = _settings(tree.read_head(path), path)
    keys = [k for k in dict.fromkeys([*before, *after]) if not _same_setting(k, before, after)]
    shown = [
        f"{k}: {_short(before.get(k, '(unset)'))} → {_short(after.get(k, '(unset)'))}"
        for k in keys[:6]
    ]
    return f" ({'; '.join(shown)})" if shown else ""


def _same_data(path: Path, tree: Reviewed) -> bool:
    """Whether a policy file the change edits reads as the same values at the trusted
    revision and now: a comment added to `.cs-align.yaml`, or its keys reordered, blocked as
    "changed" with nothing to name, while pyproject.toml's table was compared by value
    (review attack39 F10). A file either side cannot read is a change."""
    if path.suffix.lower() not in (".yaml", ".yml", ".toml"):
        return False
    if path.name in (".cs-align.yaml", ".cs-align.yml", "pyproject.toml"):
        before = _settings(tree.trusted.read(path, "base"), path)
        after = _settings(tree.read_head(path), path)
        return (
            "(file)" not in before
            and "(file)" not in after
            and all(_same_setting(key, before, after) for key in {*before, *after})
        )
    sides = (tree.trusted.read(path, "base"), tree.read_head(path))
    try:
        data = [load_text(decode(raw, "policy"), "policy").data for raw in sides if raw]
    except CsAlignError:
        return False
    if len(data) != 2 or data[0] == data[1]:
        return len(data) == 2
    from cs_align.strategy import reads_same

    return all(isinstance(d, dict) and "rules" in d for d in data) and reads_same(*data)


_LIMITS = (
    "guardrails.max_budget_increase",
    "guardrails.max_budget_decrease",
    "guardrails.max_total",
)


def _same_setting(key: str, before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether a config setting reads the same on both sides: a limit of `5%` and `5.000%`,
    or 50000 and `50k`, is one limit (review attack55 a: rewritten with trailing zeros, it
    was a policy change to approve, as `5% → 5.000%`). Compared as written otherwise."""
    if key not in before or key not in after:
        return key not in before and key not in after
    if before[key] == after[key]:
        return True
    from cs_align.config import parse_limit

    if key not in _LIMITS:
        return False
    try:
        return parse_limit(before[key]) == parse_limit(after[key])
    except (PydanticCustomError, ArithmeticError, ValueError, TypeError):
        return False


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
    if path.name == "pyproject.toml" and isinstance(data, dict):
        # Each key as the config's reader reads it (`fail-on` is `fail_on`): it was said
        # "changed (fail_on: warning → (unset); fail-on: (unset) → warning)", main's level
        # read as dropped, for a table that reads the same (review reattack59). A key given
        # both ways is refused by the reader: a file that cannot be read.
        keys = {str(k).replace("-", "_") for k in data}
        if len(keys) < len(data):
            return {"(file)": "unreadable"}
        data = {str(k).replace("-", "_"): v for k, v in data.items()}
    flat: dict[str, Any] = {}
    for key, value in (data or {}).items() if isinstance(data, dict) else ():
        if isinstance(value, dict):
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat


def _short(value: Any) -> str:
    """A value as a plan writes it, on one line (not as Python prints it)."""
    from cs_align.diff import written

    return "(none)" if value is None else written(value)


def _waivers_said(loaded: LoadedPlan, base: Base | None) -> str:
    """The change to the plan's own waivers (its `waivers:` and inline ones) as the
    policy-changed finding says it: against the trusted revision's, or all of them in a plan
    that is new (or whose base no rule reads as a plan); "" when there is none."""
    if _granted_elsewhere(base, loaded) and (loaded.plan.waivers or loaded.inline):
        assert base is not None
        count = len(loaded.plan.waivers) + len(loaded.inline)
        return (
            f"waivers: {count} in a plan that named {_short(base.doc.data.get('organisation'))} "
            f"at the trusted revision (granted to that organisation, not to "
            f"{loaded.plan.organisation})"
        )
    if base is not None and _base_plan(base) is not None:
        old = [
            *(base.doc.data.get("waivers") or []),
            *(_inline_item(e, base.doc) for e in base.inline),
        ]
        return _waiver_change(old, _waiver_items(loaded))
    if loaded.plan.waivers or loaded.inline:
        return f"waivers: {len(loaded.plan.waivers) + len(loaded.inline)} in a plan that is new"
    return ""


def _granted_elsewhere(base: Base | None, loaded: LoadedPlan) -> bool:
    """Whether the plan's file named another organisation at the trusted revision: the
    waivers there were granted to that organisation's plan, not to this one. Two plans that
    traded places carried one's waivers to the other: Example Delight Co's delight plan
    rewritten into Zeta's file with scripts, and Zeta's waiver of no-scripts beside them,
    passed with the error waived, as the file's waivers were unchanged (review attack54)."""
    if base is None or _base_plan(base) is None or not isinstance(base.doc.data, dict):
        return False
    named = loaded.doc.data.get("organisation") if isinstance(loaded.doc.data, dict) else None
    return not _same_name(base.doc.data.get("organisation"), named)


def _waiver_items(loaded: LoadedPlan) -> list[Any]:
    """The plan's own waivers as written: its `waivers:` and its inline ones."""
    return [
        *(loaded.doc.data.get("waivers") or []),
        *(_inline_item(e, loaded.doc) for e in loaded.inline),
    ]


def _waiver_change(before: Any, after: Any) -> str:
    old, new = _items(before), _items(after)
    added, removed = _beyond(new, old), _beyond(old, new)
    if not added and not removed:
        return ""
    # Every one named: approved by its id, the change grants them (review attack47 A08), and
    # a fourth waiver was left out of the note ("4 added or edited (a, b, c)").
    parts = [f"{len(added)} added or edited ({', '.join(added)})" if added else ""]
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


CHANGE_ID = re.compile(r"[0-9a-f]{32}")
"""A change's id, as --approve-policy-change takes it (see ``change_id``)."""


class Note(str):
    """A change as said, with ``key``: what else its id is of, where the text does not show
    all a reviewer approves (review attack47: a strategy file the change adds was said
    "added", so once approved it could be loosened under the same id; a new plan's
    "strategy: fast-food in a plan that is new" did not say which channels, so one more line
    handed to fast-food kept the id; a history cut at 80 characters hid its last figure)."""

    key: str
    dated: bool
    """Its figures are counted on the day of the run (the days still to come of a plan in
    force, the share of a year a plan that ended counts for): its id reads it without them,
    and ``key`` is every file they are counted from (see ``_of_the_change``)."""

    def __new__(cls, text: str, key: str = "", *, dated: bool = False) -> Note:
        made = super().__new__(cls, text)
        made.key = key
        made.dated = dated
        return made


FIGURE = re.compile(r"(?<![\w/.\-])-?\d[\d,.]*(?:-\d+)*%?")
"""A figure or a date standing alone in a note ("2,645", "-74.7%", "2026-12-10", "in 2026"):
what a dated note's id leaves out (see ``Note.dated``)."""

WINDOW = re.compile(r"\b(?:in #|from # to #)(?= at )")
"""The days a dated note's contacts were counted over, its figures left out ("in 2026",
"from 2026-12-10 to 2026-12-31" before "at main": ``organisations.during``): the day of the
run picks them (the days still to come of a plan in force, or its years once it ended)."""


def _of_the_change(notes: list[str], key: str) -> list[str]:
    """``notes`` counted on the day of the run from the files ``key`` names: each with an id
    of what the change is, not of the day (review fix49g: the days still to come of a plan
    in force, said "from 2026-12-10 to 2026-12-31" and counted over them, gave an id that
    changed the next day, so an approval given one day held nothing the next).

    The id covers the note as said without its figures and dates (which cut, of which
    contacts, under which strategy, in which organisation's plans and top folder) and the
    text of every plan they are counted from at the trusted revision and now (``key``, see
    ``organisations.work_inputs``): the same change read another day is the same id, while
    any other change (a plan's lines, staff, periods, its organisation's other plans, a
    strategy given for the run, or the trusted plans themselves) is another. The figures
    the day moves are those of the same change over fewer days still to come: a reviewer
    approves the change, which the day does not alter."""
    return [Note(note, key, dated=True) for note in notes]


def _digest(text: bytes | None) -> str:
    """A file's text as an id reads it (CRLF as LF, as every reader of policy reads it)."""
    if text is None:
        return ""
    return hashlib.sha256(text.replace(b"\r\n", b"\n")).hexdigest()


def _judging(loaded: LoadedPlan) -> str:
    """Who judges each channel of the plan, and every strategy it puts anything under: what a
    note naming its strategies approves. A strategy file as the plan names it, from its own
    folder (the id is of the plan's path too), not where the checkout lies: found from the
    plan's absolute path, an id read on the Action's runner approved nothing in a local
    checkout (review fix49g)."""
    judges = sorted(
        (channel, tuple(map(in_repo, judge)))
        for channel, judge in channel_judges(loaded.plan).items()
    )
    return repr((judges, sorted(map(in_repo, strategies_in(loaded.plan)))))


def change_id(loaded: LoadedPlan, note: str, tree: Reviewed) -> str:
    """The id of one change a policy-changed finding says: 32 hexadecimal digits of a
    SHA-256 of the plan's path in the repository and the note as said, with what a ``Note``
    names but does not show in full. A reviewer approves what they read
    (--approve-policy-change ID): the same note on another plan, or the note with other
    figures (or an added file with another text) once the change moves on, is another id,
    and 128 bits leave no pair of changes to be made to share one: the pull request writes
    both the change approved and the one it pushes next, so two ids agree after about the
    square root of the ids there are (64 bits: 2^32 tries, minutes on a CPU, review
    attack47 A11; 128 bits: 2^64). Review attack45 G03: --allow-policy-change approved a
    new country's price and every other policy change of the run with it."""
    path = loaded.path
    where = tree.trusted.relative(path) if path is not None else None
    where = where or (display(path) if path is not None else "-")
    key = note.key if isinstance(note, Note) else ""  # what the note names, not in full
    said = _any_base(note, tree.trusted.ref)
    if isinstance(note, Note) and note.dated:
        # Counted on the day: its figures left out, ``key`` is what they are of.
        said = WINDOW.sub("over the days compared", FIGURE.sub("#", said))
        return _id_of(Path(where).as_posix(), said, key, "dated")
    return _id_of(Path(where).as_posix(), said, key)


ID_FORMAT = "cs-align change id 2"
"""The first field of what a change's id is a digest of: ids of another encoding (the fields
joined by newlines, before review fix49g) are never the ids of this one."""


def _id_of(*fields: str) -> str:
    """32 hexadecimal digits of a SHA-256 of ``fields``, each prefixed with its length in
    bytes: no two lists of fields give the same bytes. Joined by newlines, a path or a note
    with a newline in it, or text moved between the note and what it names, read as other
    fields (review fix49g: the plan ``a`` with the note ``b\nc`` and the plan ``a\nb``
    with the note ``c`` shared one id)."""
    digest = hashlib.sha256()
    for field in (ID_FORMAT, *fields):
        data = field.encode()
        digest.update(b"%d:" % len(data) + data + b",")
    return digest.hexdigest()[:32]


def _any_base(note: str, ref: str) -> str:
    """A note as its id reads it: the trusted revision's name ("… at main") left out, so one
    change of one base has one id however the base is named (review attack47 A10: main,
    refs/remotes/origin/main, the merge queue's base_sha and origin/main gave four ids, so
    an id read in a local run, or in the pull request's run, approved nothing in another)."""
    return re.sub(rf" at {re.escape(ref)}(?=[\s,.;:)]|$)", " at the base", note)


def _finding(
    loaded: LoadedPlan,
    notes: list[str],
    tree: Reviewed,
    base: Base | None,
    own: tuple[str, ...] = (),
) -> Finding:
    """The policy-changed finding saying ``notes``: an error until a reviewer accepts the
    change (--allow-policy-change: every change, judged by the changed policy) or approves
    each change it says by its id (--approve-policy-change: those changes, still judged by
    the trusted policy); each approved change is said, so none passes unread."""
    pos = loaded.doc.value_pos(("strategy",))
    ref = tree.trusted.ref
    ids = [change_id(loaded, note, tree) for note in notes]
    pending = [(n, i) for n, i in zip(notes, ids, strict=True) if i not in tree.approved]
    approved = [(n, i) for n, i in zip(notes, ids, strict=True) if i in tree.approved]
    accepted = tree.accept or not pending
    renamed = []
    if base is not None and base.renamed_from:
        renamed = [f"compared with {base.renamed_from}, which the change renamed"]
    if tree.accept:
        said = [*renamed, *notes]
        tail = "; accepted with --allow-policy-change"
        fix = "none needed: the change was accepted on the command line"
    elif not pending:
        said = [*renamed, *(f"{n} ({i})" for n, i in approved)]
        tail = f"; each approved with --approve-policy-change; {_judged_said(ref, own)}"
        fix = "none needed: each change was approved on the command line"
    else:
        said = [*renamed, *(n for n, _ in pending)]
        tail = f"; {_judged_said(ref, own)}"
        if approved:
            tail += "; approved with --approve-policy-change: " + "; ".join(
                f"{n} ({i})" for n, i in approved
            )
        fix = (
            "review the policy change, then re-run with --allow-policy-change, or approve each "
            "change you reviewed by its id, in the order said: "
            + " ".join(f"--approve-policy-change {i}" for _, i in pending)
        )
    return Finding(
        rule=POLICY_CHANGED,
        severity=Severity.info if accepted else Severity.error,
        area="strategy",
        title="The change under review rewrites the policy that judges it",
        message=f"the policy differs from {ref}: " + "; ".join(said) + tail,
        path="strategy",
        line=pos.line,
        column=pos.column,
        fix=fix,
        source="gate integrity",
        strategy=report_strategy(loaded),
    )


def report_strategy(loaded: LoadedPlan) -> str:
    value = loaded.plan.strategy
    return value if isinstance(value, str) else value.primary
