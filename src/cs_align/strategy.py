"""Strategy files: load, follow `extends`, resolve to the rules that apply with options."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from cs_align.errors import PlanError, Problem, StrategyError, did_you_mean
from cs_align.patterns import STRATEGY_ALIASES, STRATEGY_ID
from cs_align.repo import (
    DEFAULT_ACCESS,
    Access,
    absolute,
    backslash_fix,
    confine,
    display,
    quoted,
    read_file,
    root_of,
)
from cs_align.rules import REGISTRY, options_model
from cs_align.rules.base import Options
from cs_align.units import FileName, bad, shown
from cs_align.yamlsafe import Document, decode, load_text

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

SeverityName = Literal["error", "warning", "info", "disable", "off"]
SEVERITY_WORDS = frozenset(get_args(SeverityName))
ALIASES = STRATEGY_ALIASES


class RuleEntry(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    rule: str
    severity: SeverityName | None = None
    source: str | None = Field(default=None, min_length=3)
    """Where the entry's thresholds come from: a seed passage or a published figure."""
    house_default: str | None = Field(default=None, min_length=3)
    """Why the thresholds are the house's own choice, when no passage or figure gives them."""

    @model_validator(mode="before")
    @classmethod
    def _a_rule_named(cls, data: Any) -> Any:
        """An entry written in the short form's words inside the list: `- training-hours`
        (a list of ids, as a linter's config lists them) was told only "expected a mapping",
        and `- training-hours: error` "add `rule: goodwill-budget` here" (review user61)."""
        if isinstance(data, str) and data.strip():
            meant = _rule_meant(data.strip())
            raise bad(
                f"{shown(data)} is a rule id where an entry belongs",
                f"write `- {{rule: {meant}}}` (options and severity beside it), or list the "
                f"rules as a mapping: `{meant}:` under `rules:`",
            )
        if isinstance(data, dict) and "rule" not in data and len(data) == 1:
            ((name, value),) = data.items()
            meant = _rule_meant(str(name))
            if meant in REGISTRY and (isinstance(value, dict) or _severity(value)):
                said = value if isinstance(value, dict) else {"severity": value}
                written = "".join(
                    f", {k}: {v if k == 'severity' else shown(v)}"
                    for k, v in said.items()
                    if k != "rule" and v is not None
                )
                raise bad(
                    f"{shown(name)} is written as a key, where a list entry names its rule "
                    "with `rule:`",
                    f"write `- {{rule: {meant}{written}}}`, or drop the `- ` to list the rules "
                    f"as a mapping (`{meant}: …` under `rules:`)",
                )
        return data

    @model_validator(mode="after")
    def _one_basis(self) -> RuleEntry:
        if "severity" in self.model_fields_set and self.severity is None:
            # `severity:` left empty read as the rule's own severity, unsaid (review user60):
            # an author who cleared it may have meant off.
            raise bad(
                "severity is empty",
                "write error, warning, info or disable — or drop the key for the rule's own",
                at=("severity",),
            )
        if self.source is not None and self.house_default is not None:
            raise bad(
                "give either source or house_default, not both",
                "cite the passage or figure in source, or say why in house_default",
            )
        return self


def _rule_meant(name: str) -> str:
    """The rule ``name`` means: itself, or the one a misspelling is close to."""
    told = _unknown_rule(name)
    if told is not None and told[1].startswith("did you mean") and "'" in told[1]:
        return told[1].split("'")[1]
    return name


def _severity(value: Any) -> bool:
    """Whether ``value`` is written as a severity is (`error`, `off`), or left empty."""
    return value is None or (isinstance(value, str) and value.lower() in SEVERITY_WORDS)


class Basis(NamedTuple):
    """Where a rule entry's thresholds come from, as its strategy file says."""

    kind: Literal["source", "house default"]
    text: str
    strategy: str
    """The strategy file that set the thresholds."""


class StrategyFile(BaseModel):
    """A strategy: which rules apply to a plan, with which options and severity."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=STRATEGY_ID)
    """The strategy's id, lower case with dashes (not a built-in's: extend it instead)."""
    name: str
    """The strategy's name as reports show it."""
    extends: FileName | None = None
    """The one strategy this one builds on: a built-in id (delight) or a path to a .yaml
    file, relative to this one."""
    purpose: str = ""
    """What service is for under this strategy."""
    exemplars: list[str] = []
    """Companies known for it."""
    promise: str = ""
    """The promise to customers it implies."""
    source: str = ""
    """Where the strategy comes from."""
    aliases: list[str] = []
    """Other names for it."""
    rules: list[RuleEntry] = []
    """The rules it checks, each with its severity and options; an entry for a rule the
    file extends overrides the options it writes. A list of `- rule: ID` entries, or a
    mapping of each rule id to its severity or options."""

    @field_validator("extends", mode="before")
    @classmethod
    def _one_parent(cls, value: Any) -> Any:
        # `extends: [delight, genius]` was told only "expected text" (review author59).
        if isinstance(value, list):
            first = next((v for v in value if isinstance(v, str)), "delight")
            raise bad(
                "a strategy extends one strategy, not a list of them",
                f"write `extends: {first}` and add the rules you want from the "
                "others to this file's `rules:`",
            )
        return value

    @field_validator("rules")
    @classmethod
    def _each_rule_once(cls, rules: list[RuleEntry]) -> list[RuleEntry]:
        # The later entry would win without a word: a reviewer reading the first sees its
        # severity (`metric` entries are many rules, one a measure, and may repeat).
        seen: dict[str, int] = {}
        for index, entry in enumerate(rules):
            if entry.rule == "metric":
                continue
            if entry.rule in seen:
                raise bad(
                    f"{entry.rule} is already configured at rules[{seen[entry.rule]}]",
                    "merge the two entries into one",
                    at=(index, "rule"),
                )
            seen[entry.rule] = index
        return rules


class Unstated(NamedTuple):
    """An amount a strategy file wrote without `currency:` over an entry in a currency: it is
    read in each plan's currency, which a plan in another one may not mean."""

    currency: str
    """The currency of the entry it overrides (a built-in's USD)."""
    where: str
    """file:line:col of the amount."""
    said: str
    """The option and amount as written: `min_refund_authority: 50`."""


@dataclass(frozen=True)
class EnabledRule:
    id: str
    module: ModuleType
    severity: str
    options: Options
    key: str
    basis: Basis | None = None
    unstated: Unstated | None = None

    @functools.cached_property
    def signature(self) -> str:
        """Rule and options as one string: equal signatures give equal results on a plan."""
        return f"{self.id}:{self.options.model_dump_json()}"

    @property
    def stated(self) -> dict[str, Any]:
        """The options as the strategy states them: each one a file of its `extends` chain
        writes, even at the rule's default, and each one apart from the default. Only those
        apart from the default hid a file's `min_hours: 40` over delight's 80 (the default
        is 40): `strategies show` gave no min_hours, as if delight's held (review user62)."""
        every = self.options.model_dump(mode="json")
        written = self.options.model_fields_set
        changed = self.options.model_dump(mode="json", exclude_defaults=True)
        return {k: v for k, v in every.items() if k in written or k in changed}

    @functools.cached_property
    def reach(self) -> str:
        """What the rule judges: the plan as a whole, each channel, or the reps' practices."""
        decide = getattr(self.module, "reach", None)
        return str(decide(self.options) if decide else self.module.REACH)


@dataclass(frozen=True)
class Strategy:
    id: str
    name: str
    purpose: str
    exemplars: tuple[str, ...]
    promise: str
    source: str
    extends: str | None
    rules: tuple[EnabledRule, ...]
    file: str
    label: str = ""
    """How reports name it: the id of a built-in; a file's path and what it extends."""
    files: tuple[Path, ...] = ()
    """The user files this strategy was built from (itself and what it extends)."""
    lineage: str = ""
    """Its file and those it extends, down to a built-in: "ours.yaml → base.yaml → delight"."""

    @property
    def builtin(self) -> bool:
        return not self.files

    @property
    def shown(self) -> str:
        return self.label or self.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "purpose": self.purpose,
            "extends": self.extends,
            "exemplars": list(self.exemplars),
            "promise": self.promise,
            "source": self.source,
            "rules": [
                {
                    "rule": r.id,
                    "severity": r.severity,
                    **r.stated,
                    **({r.basis.kind.replace(" ", "_"): r.basis.text} if r.basis else {}),
                }
                for r in self.rules
            ],
        }


@functools.cache
def library_dir() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "strategies"
    return packaged if packaged.is_dir() else here.parent.parent / "strategies"


@functools.cache
def builtin_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(library_dir().glob("*.yaml"))}


def builtin_ids(include_universal: bool = False) -> list[str]:
    return [i for i in builtin_files() if include_universal or i != "universal"]


MAX_EXTENDS = 32
"""How deep an `extends` chain may go (built-ins use two levels)."""
RESERVED = "reserved for the built-in strategy"


def _raw(path: Path, access: Access) -> tuple[StrategyFile, Document]:
    from cs_align.loader import problems, require_mapping

    name = display(path)
    try:
        data = read_file(path, name) if _is_builtin(path) else access.tree.read(path, name)
        if data is None:
            raise StrategyError(
                [
                    Problem(
                        file=name,
                        line=0,
                        column=0,
                        message="strategy file not found",
                        fix="check the path",
                    )
                ]
            )
        doc = load_text(
            decode(data, name),
            name,
            "a strategy file holds `id:`, `name:` and `rules:`",
            yes_no=_yes_no(),
        )
        require_mapping(doc, "a strategy file", "write `id:`, `name:` and `rules:`")
        unknown = _unknown_rules(doc)
        if unknown:
            # Before the entries' other keys: a severity or an option is judged by the rule
            # it belongs to (user45 U07: `rules: {a: 1}` was told only about the severity).
            raise StrategyError(unknown)
        written = doc.data.get("rules")
        if isinstance(written, dict):
            doc = _rules_mapping_to_list(doc)
        return StrategyFile.model_validate(doc.data), doc
    except PlanError as exc:
        raise StrategyError(exc.problems) from None
    except ValidationError as exc:
        found = problems(StrategyFile, doc, exc)
        if isinstance(written, dict):
            found = [_as_written(p, list(written), written) for p in found]
        raise StrategyError(found) from None


def _is_builtin(path: Path) -> bool:
    return path.parent == library_dir() and builtin_files().get(path.stem) == path


def _unknown_rule(rule: str) -> tuple[str, str] | None:
    """What to say of a rule id no rule has: the message and what to write instead."""
    if rule in REGISTRY:
        return None
    return (
        f"unknown rule {rule!r}",
        did_you_mean(rule, REGISTRY) or "`cs-align explain` lists the rule ids",
    )


def _unknown_rules(doc: Document) -> list[Problem]:
    """The entries of `rules:` that name no rule, in either form, where the id is written."""
    rules = doc.data.get("rules")
    named: list[tuple[str, tuple[str | int, ...]]] = []
    if isinstance(rules, dict):
        named = [(rule, ("rules", rule)) for rule in rules if isinstance(rule, str)]
    elif isinstance(rules, list):
        named = [
            (entry["rule"], ("rules", index, "rule"))
            for index, entry in enumerate(rules)
            if isinstance(entry, dict) and isinstance(entry.get("rule"), str)
        ]
    found = []
    for rule, path in named:
        told = _unknown_rule(rule)
        if told is not None:
            pos = doc.key_pos(path) if isinstance(rules, dict) else doc.value_pos(path)
            found.append(
                Problem(
                    file=doc.file, line=pos.line, column=pos.column, message=told[0], fix=told[1]
                )
            )
    return found


def _as_written(problem: Problem, names: list[str], written: dict[str, Any]) -> Problem:
    """A problem of the shorthand's entry ``rules[2].severity`` named as written:
    ``rules.occupancy-cap`` for `occupancy-cap: 1`, ``rules.occupancy-cap.severity`` for
    `occupancy-cap: {severity: 1}`."""
    match = re.match(r"rules\[(\d+)\](\.[\w-]+)?", problem.message)
    if match is None or int(match[1]) >= len(names):
        return problem
    name = names[int(match[1])]
    part = match[2] or ""
    if part == ".severity" and not isinstance(written[name], dict):
        part = ""  # `rule: severity`: the value is the severity
    return problem._replace(message=f"rules.{name}{part}{problem.message[match.end() :]}")


def _rules_mapping_to_list(doc: Document) -> Document:
    """`rules: {id: severity | {options}}` is accepted as shorthand for the list form."""
    entries = []
    for index, (rule, value) in enumerate(doc.data["rules"].items()):
        # `id:` left empty in the short form switches the rule on as it stands.
        said = {} if value is None else {"severity": value}
        entry = {"rule": rule, **(value if isinstance(value, dict) else said)}
        entries.append(entry)
        doc.values[("rules", index)] = doc.key_pos(("rules", rule))
        doc.values[("rules", index, "rule")] = doc.key_pos(("rules", rule))
        for key in entry:
            if key != "rule":
                doc.values[("rules", index, key)] = doc.value_pos(("rules", rule, key))
    return Document(
        file=doc.file, data={**doc.data, "rules": entries}, values=doc.values, keys=doc.keys
    )


def is_reference_to_file(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def resolve_reference(
    ref: str,
    base_dir: Path,
    *,
    named_by: Problem | None,
    root: Path | None = None,
    access: Access = DEFAULT_ACCESS,
) -> Path:
    """A strategy id or path → the file.

    ``named_by`` is where a plan, config or strategy file wrote the reference; such a path
    must stay inside the repository ``root``. None means the command line named it.
    """
    where = named_by or Problem(file="cs-align", line=0, column=0, message="")
    ref_id = ALIASES.get(ref, ref)
    if ref_id in builtin_files() and not ref.endswith((".yaml", ".yml")):
        return builtin_files()[ref_id]
    if not is_reference_to_file(ref):
        raise StrategyError(
            [
                where._replace(
                    message=f"unknown strategy {ref!r}",
                    fix=did_you_mean(ref, [*builtin_ids(), *ALIASES])
                    or "see `cs-align strategies list`, or give a path to a .yaml strategy file",
                )
            ]
        )
    path = base_dir / ref
    if named_by is not None:
        path = confine(
            path,
            root or root_of(base_dir, access.home),
            access.allow_outside,
            where._replace(message=repr(ref)),
            "strategy file",
        )
    else:
        path = absolute(path)
    if not access.tree.exists(path):
        raise StrategyError(
            [
                where._replace(
                    message=f"strategy file {quoted(ref)} not found",
                    fix=_builtin_meant(ref)
                    or backslash_fix(
                        ref,
                        "check the path (relative to the file that names it)"
                        if named_by
                        # `--strategy ours.yaml` beside a plan in another folder (user61).
                        else "check the path (relative to the current folder, not the plan's)",
                    ),
                )
            ]
        )
    if access.tree.folder(path):  # said where it is named, not of the folder alone
        raise StrategyError(
            [
                where._replace(
                    message=f"strategy file {ref!r} is a folder",
                    fix="name a .yaml strategy file inside it",
                )
            ]
        )
    return path


def _builtin_meant(ref: str) -> str | None:
    """A built-in named as a file (`strategy: delight.yaml`, `strategies/delight.yaml`, as
    the repository keeps them) that is not there: a built-in is named by its id, and was
    told only "not found — check the path" (review user60)."""
    stem = PurePath(ref.replace("\\", "/")).stem
    if stem not in builtin_ids() and stem not in ALIASES:
        return None
    return f"a built-in strategy is named by its id: write {stem}, or check the path"


@functools.lru_cache(maxsize=256)
def load_strategy(path: Path, access: Access = DEFAULT_ACCESS) -> Strategy:
    return _load(path, (), access)


def _load(
    path: Path, chain: tuple[Path, ...], access: Access, named_by: Problem | None = None
) -> Strategy:
    """The strategy file at ``path``, extended by the files of ``chain``; ``named_by`` is
    where the last of them names it (its `extends:`)."""
    if path in chain or len(chain) >= MAX_EXTENDS:
        names = " → ".join(p.stem for p in (*chain, path))
        problem = (
            f"`extends` goes round in a circle: {names}"
            if path in chain
            else f"`extends` goes more than {MAX_EXTENDS} files deep"
        )
        # At the `extends:` that closes the circle, not the file's first line (review
        # user61: b.yaml:1:1 for the `extends: a.yaml` on its third).
        at = named_by or Problem(file=display(chain[-1]), line=1, column=1, message="")
        raise StrategyError(
            [at._replace(message=problem, fix="make one of them extend a built-in")]
        )
    raw, doc = _raw(path, access)
    builtin = _is_builtin(path)
    if not builtin:
        _check_id(raw, doc)
    parent: Strategy | None = None
    if raw.extends:
        pos = doc.value_pos(("extends",))
        named_by = Problem(file=doc.file, line=pos.line, column=pos.column, message="")
        parent_path = resolve_reference(
            raw.extends, path.parent, named_by=None if builtin else named_by, access=access
        )
        parent = (
            load_strategy(parent_path)  # built-ins extend only built-ins: loaded once
            if _is_builtin(parent_path)
            else _load(parent_path, (*chain, path), access, named_by)
        )
    rules = _merge(parent.rules if parent else (), raw.rules, doc, raw.id)
    if not rules and not chain and not builtin:
        _judges_nothing(raw, doc)
    files = () if builtin else (path, *(parent.files if parent else ()))
    lineage = raw.id if builtin else doc.file
    label = lineage
    if parent is not None and not builtin:
        label = f"{doc.file} (extends {parent.lineage})"
        lineage = f"{doc.file} → {parent.lineage}"
    return Strategy(
        id=raw.id,
        name=raw.name,
        purpose=raw.purpose,
        exemplars=tuple(raw.exemplars),
        promise=raw.promise,
        source=raw.source,
        extends=raw.extends,
        rules=rules,
        file=str(path),
        label=label,
        files=files,
        lineage=lineage,
    )


def _judges_nothing(raw: StrategyFile, doc: Document) -> None:
    """A strategy that switches on no rule (it extends none and lists none, or turns off
    every one it inherits) is unusable: a plan judged by it read "ALIGNED, 0/0 rules hold"
    whatever it said, and passed a gate (review user61). Said at its rules, else its
    extends, else its first line."""
    data = doc.data if isinstance(doc.data, dict) else {}
    at = next((key for key in ("rules", "extends") if key in data), None)
    pos = doc.key_pos((at,)) if at else doc.value_pos(())
    if raw.extends:
        message = f"this strategy turns off every rule of {raw.extends} and switches on none"
        fix = "keep the rules it should judge by (drop their `severity: disable`)"
    else:
        message = "this strategy extends none and switches on no rule"
        fix = (
            "write `extends: universal` (the rules that hold for any plan) or another "
            "strategy to build on, or list the rules it applies under `rules:`"
        )
    raise StrategyError(
        [
            Problem(
                file=doc.file,
                line=pos.line,
                column=pos.column,
                message=f"{message}: every plan judged by it would pass",
                fix=fix,
            )
        ]
    )


def _check_id(raw: StrategyFile, doc: Document) -> None:
    """A user file may not pass itself off as a built-in strategy."""
    if raw.id in builtin_files() or raw.id in ALIASES:
        pos = doc.value_pos(("id",))
        builtin = ALIASES.get(raw.id, raw.id)
        raise StrategyError(
            [
                Problem(
                    file=doc.file,
                    line=pos.line,
                    column=pos.column,
                    message=f"strategy id {raw.id!r} is {RESERVED}",
                    fix=f"give this file its own id and write `extends: {builtin}` to build on it",
                )
            ]
        )


def _merge(
    inherited: tuple[EnabledRule, ...], entries: list[RuleEntry], doc: Document, owner: str
) -> tuple[EnabledRule, ...]:
    result = {r.key: r for r in inherited}
    problems: list[Problem] = []
    for index, entry in enumerate(entries):
        try:
            rule = _enable(entry, result, owner)
        except _EntryError as exc:
            path: tuple[int | str, ...] = ("rules", index, *exc.path)
            # An option not known is told at its name (it was told at its value: input62).
            pos = doc.key_pos(path) if exc.key else doc.value_pos(path)
            problems.append(
                Problem(
                    file=doc.file,
                    line=pos.line,
                    column=pos.column,
                    message=exc.message,
                    fix=exc.fix,
                )
            )
            continue
        if rule.severity in ("off", "disable"):
            result.pop(rule.key, None)
        else:
            result[rule.key] = _unstated(rule, entry, result.get(rule.key), doc, index)
    if problems:
        raise StrategyError(problems)
    return tuple(result.values())


class _EntryError(Exception):
    """A rule entry's problem at ``path`` below the entry: `_merge` places it in the file and
    goes on to the next entry, so every entry at fault is said in one run."""

    def __init__(self, path: tuple[str, ...], message: str, fix: str, *, key: bool = False) -> None:
        super().__init__(message)
        self.path, self.message, self.fix = path, message, fix
        self.key = key
        """Whether the problem is the key at ``path`` (an option not known), not its value."""


def _enable(entry: RuleEntry, current: dict[str, EnabledRule], owner: str) -> EnabledRule:
    """The rule ``entry`` enables, its options over those of the entry it overrides in
    ``current`` (an `extends`'s), so a strategy file restates only what it changes."""
    module = REGISTRY.get(entry.rule)
    if module is None:
        message, fix = _unknown_rule(entry.rule) or ("", "")
        raise _EntryError(("rule",), message, fix)
    given = dict(entry.model_extra or {})
    key = _key(entry.rule, given)
    previous = current.get(key)
    # Only what the files wrote, so the options keep which of them a file states (`stated`).
    merged = {**(previous.options.model_dump(exclude_unset=True) if previous else {}), **given}
    if given.keys() & options_model(module).MONEY and "currency" not in given:
        # An amount written without its currency is in the plan's, as a strategy file has
        # always meant it: never the currency of the entry it overrides (`extends: delight`
        # with `min_refund_authority: 5000` for a yen plan is not 5,000 USD).
        merged.pop("currency", None)
    try:
        options = options_model(module).model_validate(merged)
    except ValidationError as exc:
        raise _refused(entry.rule, options_model(module), exc) from None
    severity = entry.severity or (previous.severity if previous else module.SEVERITY)
    return EnabledRule(
        id=entry.rule,
        module=module,
        severity=severity,
        options=options,
        key=key,
        basis=_basis(entry, previous, owner),
    )


def _refused(rule: str, model: type[Options], exc: ValidationError) -> _EntryError:
    """The error of an entry whose options ``rule``'s ``model`` refuses, at the option it is
    about, one problem an entry."""
    from cs_align.loader import near_key

    errors = exc.errors()
    # An option not known explains one missing (`metrc:` leaves `metric` unset): it
    # first, not pydantic's "metric: Field required".
    error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    # A check of the entry as a whole says which option it is about (`at`).
    at = str(((error.get("ctx") or {}).get("at") or ("",))[0])
    at = at if at in model.model_fields else ""
    name = str(error["loc"][0]) if error["loc"] else at
    allowed = sorted(model.model_fields)
    if error["type"] == "extra_forbidden":
        return _EntryError(
            (name,),
            f"rule {rule!r} has no option {name!r}",
            near_key(name, allowed) or f"options: {', '.join(allowed) or 'none'}",
            key=True,
        )
    if error["type"] == "missing":
        return _EntryError(
            (),
            f"rule {rule!r} needs the option {name!r}",
            f"add `{name}: …` (see `cs-align explain {rule}`)",
        )
    named = name if error["loc"] else ""  # a whole entry's check names its option itself
    message, fix = _option_problem(rule, model, named, error)
    return _EntryError((name,) if name else (), message, fix)


def _unstated(
    rule: EnabledRule, entry: RuleEntry, previous: EnabledRule | None, doc: Document, index: int
) -> EnabledRule:
    """``rule`` with the amount its entry writes without a currency over ``previous``, an entry
    in one (or one that did so already, when this entry writes no amount): `extends:
    delight` with `min_refund_authority: 50` is 50 of each plan's currency, where delight's
    is 50 USD, and a yen plan was judged by 50 yen without a word (review outputs60)."""
    if previous is None:
        return rule
    given = dict(entry.model_extra or {})
    money = sorted(given.keys() & options_model(rule.module).MONEY)
    if not money:
        return replace(rule, unstated=previous.unstated)
    was = getattr(previous.options, "currency", None) or (
        previous.unstated.currency if previous.unstated else None
    )
    if "currency" in given or was is None or getattr(rule.options, "currency", None):
        return rule
    pos = doc.value_pos(("rules", index, money[0]))
    said = ", ".join(f"{name}: {shown(given[name])}" for name in money)
    where = f"{doc.file}:{pos.line}:{pos.column}"
    return replace(rule, unstated=Unstated(currency=str(was), where=where, said=said))


def reads_same(before: Any, after: Any) -> bool:
    """Whether two versions of a strategy file's data say the same: each rule's severity,
    basis and options as the rule reads them (`90% in 4h` and `90.0% in 4.0h`,
    `min_share: 0.01` and `1.0%`), and the rest as written. A strategy file rewritten so was
    a policy change to approve where nothing that judges changed (review attack55 a).

    In a file that extends another, an entry's options are those it writes, and the ones it
    leaves out are inherited: `funded: false` written where the entry left it to delight's
    `funded: true` is a change, though false is the option's default (it read as the same,
    and the weakened file went unreported), and an entry that overrides only some of an
    inherited rule's options (a metric's severity, not its bound) is read over its inherited
    rule, not alone, where it was unreadable and so "changed" (review attack56 c). Either
    side this release cannot read is no match."""
    try:
        return _meaning(before) == _meaning(after)
    except (ValidationError, _EntryError, StrategyError, ArithmeticError, ValueError, TypeError):
        return False


def _meaning(data: Any) -> tuple[Any, ...]:
    raw = StrategyFile.model_validate(data)
    folded: dict[str, tuple[str, dict[str, Any], list[Any]]] = {}
    for e in raw.rules:  # a metric's entries may repeat: the later merges over the earlier
        if REGISTRY.get(e.rule) is None:
            message, fix = _unknown_rule(e.rule) or ("", "")
            raise _EntryError(("rule",), message, fix)
        given = dict(e.model_extra or {})
        key = _key(e.rule, given)
        _, options, written = folded.get(key, (e.rule, {}, []))
        folded[key] = (
            e.rule,
            {**options, **given},
            [*written, (e.severity, e.source, e.house_default)],
        )
    entries = {
        key: (rule, written, _read_options(rule, given, inherits=raw.extends is not None))
        for key, (rule, given, written) in folded.items()
    }
    return raw.model_dump(exclude={"rules"}), sorted(entries.items(), key=lambda kv: kv[0])


_WANTED = {
    "decimal": "a number",
    "finite": "a number",  # `.inf`: "Input should be a finite number" (review input60)
    "int": "a whole number",
    "bool": "true or false",
    "string": "text",
    "tuple": "a list",
    "list": "a list",
}
"""What a value of a field of each type is, by the first word of pydantic's error type."""


def _option_problem(
    rule: str, model: type[Options], name: str, error: ErrorDetails
) -> tuple[str, str]:
    """The message and fix for option ``name``'s ``error``, naming the option and what to
    write: "min_share: 'lots' is not a number — write a number, e.g. 0.01", never pydantic's
    "Input should be a valid decimal" (review author59)."""
    ctx = error.get("ctx") or {}
    field = model.model_fields.get(name)
    said = f"{name} " if field is not None else ""
    if "message" in ctx:
        return f"{rule}: {said}{ctx['message']}", str(ctx.get("fix"))
    wanted = _WANTED.get(error["type"].split("_")[0])
    if field is None or wanted is None:
        return f"{rule}: {said}{error['msg']}", f"see `cs-align explain {rule}`"
    default = field.default
    number = wanted in ("a number", "a whole number") and default is not None
    example = f", e.g. {default}" if number else ""
    return (
        f"{rule}: {name} {shown(error['input'])} is not {wanted}",
        f"write {wanted}{example} (see `cs-align explain {rule}`)",
    )


def _key(rule: str, given: dict[str, Any]) -> str:
    """The rule an entry configures: a `metric` entry is one rule a measure and channel, and
    `channel: null` is no channel, as leaving it out is (review attack56: it was keyed as
    another rule, so `severity: off` with `channel: null` turned off nothing inherited)."""
    if rule == "metric":
        return f"{rule}:{given.get('metric') or ''}:{given.get('channel') or ''}"
    return rule


def _read_options(rule: str, given: dict[str, Any], *, inherits: bool) -> Any:
    """The options an entry writes as its rule reads them. In a file of its own (no
    `extends`) every option it leaves out is the rule's default, so all are compared; in a
    file that extends another, only those it writes, read over a rule it could inherit
    (the rule's defaults, else a built-in strategy's entry for it), as the ones it leaves
    out are its parent's. Options no such reading takes are compared as written."""
    model = options_model(REGISTRY[rule])
    key = _key(rule, given)
    under: list[dict[str, Any]] = [{}]
    if inherits:
        under += [dict(options) for options in _builtin_options(key)]
    for inherited in under:
        merged = {**inherited, **given}
        if given.keys() & model.MONEY and "currency" not in given:
            merged.pop("currency", None)
        try:
            options = model.model_validate(merged)
        except ValidationError:
            continue
        dumped = options.model_dump()
        if not inherits:
            return sorted(dumped.items())
        return sorted((name, dumped.get(name)) for name in given)
    return sorted(given.items(), key=lambda kv: str(kv[0]))


@functools.cache
def _builtin_options(key: str) -> tuple[tuple[tuple[str, Any], ...], ...]:
    """The options each built-in strategy gives the rule under ``key``, for an entry that
    overrides some of them to be read over."""
    found = []
    for name in builtin_files():
        try:
            strategy = load_strategy(builtin_files()[name])
        except (PlanError, StrategyError):  # pragma: no cover - the built-ins load
            continue
        found += [tuple(r.options.model_dump().items()) for r in strategy.rules if r.key == key]
    return tuple(found)


def _basis(entry: RuleEntry, previous: EnabledRule | None, owner: str) -> Basis | None:
    """The entry's own basis; else the inherited one, while the thresholds stay as they were."""
    if entry.source is not None:
        return Basis(kind="source", text=entry.source, strategy=owner)
    if entry.house_default is not None:
        return Basis(kind="house default", text=entry.house_default, strategy=owner)
    unchanged = previous is not None and not entry.model_extra
    return previous.basis if unchanged and previous is not None else None


def _yes_no() -> frozenset[str]:
    """The keys of a strategy file that take true or false: its rules' options (`funded`)."""
    from cs_align.loader import yes_no_keys
    from cs_align.rules import REGISTRY

    options = [getattr(rule, "OPTIONS", None) for rule in REGISTRY.values()]
    return yes_no_keys(StrategyFile, *[o for o in options if o is not None])
