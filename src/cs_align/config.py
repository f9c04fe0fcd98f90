"""Settings from flags, the environment and the config file, with their sources.

Precedence: command-line flags > environment (CS_ALIGN_*) > `.cs-align.yaml` or
`[tool.cs-align]` in pyproject.toml (the nearest one up from the working directory, never
above the repository root; outside a repository, up to /) > defaults. The config file is
policy: files it names stay inside the repository, and under review it is read at the
trusted revision.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, NoReturn

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from cs_align.errors import CsAlignError, PlanError, Problem, close_matches, format_name, usage
from cs_align.findings import Severity
from cs_align.plan import Model
from cs_align.repo import (
    LINKED,
    NESTED,
    WORKTREE,
    Access,
    Reviewed,
    Tree,
    absolute,
    backslash_fix,
    confine,
    display,
    git_root,
    in_git_folder,
    quoted,
    resolved,
    root_of,
)
from cs_align.units import (
    FIGURES,
    MAX_DIGITS,
    FileName,
    ascii_figure,
    bad,
    dot_between_thousands,
    file_name,
    other_digit,
    parse_money,
    parse_option,
    past_exponent,
    read_as_plan,
    too_many_digits,
)
from cs_align.units import shown as as_written
from cs_align.waivers import MAX_WAIVER_DAYS
from cs_align.yamlsafe import Document

Action = Literal["warn", "block"]
CONFIG_NAMES = (".cs-align.yaml", ".cs-align.yml")


class Limit(NamedTuple):
    """A budget guardrail: an amount, or a share of the base budget when ``share``."""

    value: Decimal
    share: bool
    action: Action = "block"

    def __str__(self) -> str:
        # Zeros trimmed after a decimal point only: 1000% read "1%", 200% "2%" (review
        # gate59: `--show-config`, and every note naming a limit).
        shown = f"{self.value * 100:f}" if self.share else f"{self.value:f}"
        if self.share and "." in shown:
            shown = shown.rstrip("0").rstrip(".")
        return f"{shown}{'%' if self.share else ''} ({self.action})"


def parse_limit(value: Any) -> Limit | None:
    """'5%', '200k', '5%:warn' or {value: 5%, action: warn} → Limit: how far the budget may
    move (`max_budget_increase`, `max_budget_decrease`), an amount or a share of the base's."""
    limit = _read_limit(value)
    if limit is not None and not limit.share and 0 < limit.value < 1:
        # `0.05` was a limit of 5 cents: a plan writes a share as `0.05` (shrinkage), so an
        # author who meant 5% saw a gate block every raise at "the limit is 0.05 USD".
        raise bad(
            f"{_written(value)} is less than one unit of the plan's money, not a share",
            f"write {_as_share(limit.value)} for a share of the base's total, or an amount of "
            "at least 1 (e.g. 50k)",
            at=_at_value(value),
        )
    return limit


def parse_cap(value: Any) -> Limit | None:
    """`max_total`: the highest total a proposal may state, an amount ('6.2M', '6.2M:warn').
    A share has no base to be a share of: `5%` was read as a cap of 0.05 of the plan's
    money, which blocked every plan as "above the cap of 0.05 USD"."""
    limit = _read_limit(value)
    if limit is not None and (limit.share or 0 < limit.value < 1):
        said = _written(value)
        raise bad(
            f"{said} is a share, and max_total is an amount: the highest total a proposal may state"
            if limit.share
            else f"{said} is less than one unit of the plan's money",
            "write an amount such as 6.2M (max_total takes no share; the increase and "
            "decrease limits take one)",
            at=_at_value(value),
        )
    return limit


def _at_value(value: Any) -> tuple[str, ...]:
    """Where a limit's figure is, below the setting: its `value` in the mapping form."""
    return ("value",) if isinstance(value, dict) else ()


def _written(value: Any) -> str:
    """A limit as its author wrote it, for a message: `0.05`, `'5%'`, `{value: 5%}`'s 5%."""
    if isinstance(value, dict):
        value = value.get("value")
    return as_written(value.rsplit(":", 1)[0] if isinstance(value, str) else value)


def _as_share(fraction: Decimal) -> str:
    """0.05 → '5%', 0.125 → '12.5%': the share a fraction reads as."""
    shown = f"{fraction * 100:f}"
    return (shown.rstrip("0").rstrip(".") if "." in shown else shown) + "%"


def _read_limit(value: Any) -> Limit | None:
    """A limit as written: an amount or a share, and its action."""
    if value is None or isinstance(value, Limit):
        return value
    if isinstance(value, dict):
        return _limit_mapping(value)
    action: Any = "block"
    if isinstance(value, str) and ":" in value:
        value, action = value.rsplit(":", 1)
    action = action_word(action)
    _check_action(action)
    return _figure(value, action)


def _limit_mapping(value: dict[Any, Any]) -> Limit:
    """{value: 5%, action: warn}: each part's problem told at that part (review input61: at
    the `{`, and `action: ~` was "action 'None' …")."""
    # A misspelt key was dropped: `{value: 5%, acton: warn}` blocked (input31 F06).
    unknown = [str(k) for k in value if k not in ("value", "action")]
    if unknown:
        close = close_matches(unknown[0], ["value", "action"])
        hint = f"did you mean {close[0]!r}?" if close else "write value and action"
        raise bad(f"a limit has no setting {unknown[0]!r}", hint, at=(unknown[0],), key=True)
    if "value" not in value:
        raise bad("a limit needs its value", "write {value: 5%, action: warn}")
    action = action_word(value.get("action", "block"))
    try:
        _check_action(action)
    except PydanticCustomError as exc:
        raise _below(exc, "action") from None
    if value["value"] is None:
        raise bad("is empty", "write a share such as 5% or an amount such as 200k", at=("value",))
    try:
        return _figure(value["value"], action)
    except PydanticCustomError as exc:
        raise _below(exc, "value") from None


def _below(exc: PydanticCustomError, key: str) -> PydanticCustomError:
    """``exc`` placed at ``key`` of the mapping validated."""
    context = exc.context or {}
    return bad(str(context.get("message", exc)), str(context.get("fix", "")), at=(key,))


def action_word(action: Any) -> Any:
    """An action as the reader takes it: `warn` or `block` in any case and with blanks
    around it (`5%:WARN`, `2M : warn`), as severities and format names are read; they were
    "action 'WARN' is not warn or block" (review input62). Anything else as written."""
    if isinstance(action, str) and action.strip().lower() in ("warn", "block"):
        return action.strip().lower()
    return action


def _check_action(action: Any) -> None:
    if action not in ("warn", "block"):
        # As written: `action: ~` was "action 'None'", `1e3` "'1E+3'" (review input61).
        said = as_written(action) if not isinstance(action, str) else repr(action)
        raise bad(f"action {said} is not warn or block", "write warn or block")


def _figure(value: Any, action: Any) -> Limit:
    """The amount or share of a limit, with its ``action`` (warn or block)."""
    if isinstance(value, bool):
        raise bad(
            f"{str(value).lower()} is not a limit",
            "write an amount such as 200k or a share such as 5% (not true or false)",
        )
    text = str(value).strip()
    if (wrong := other_digit(text)) is not None:  # "５%" was read as 5% (final28 R3)
        raise bad(f"{text!r}: {wrong}", f"write {ascii_figure(text)}")
    if text.endswith("%"):
        # The number before % as a plan reads one (2.5e0%, +5%, 1_0%), exactly.
        number = read_as_plan(text[:-1]) if text[:-1].strip() else ""
        if not isinstance(number, int | Decimal):
            raise bad(f"{text!r} is not a percentage", "write e.g. 5%")
        share = FIGURES.divide(Decimal(number), 100)
        if not share.is_finite():
            raise bad(f"{text!r} is not a percentage", "write e.g. 5%")
        if share < 0:  # it said "not a percentage" (review user26 U8)
            raise bad(
                f"{text!r} is below zero: a limit is how far the budget may move",
                f"write {text.lstrip('-').strip()} (an increase limit and a decrease limit are "
                "each written as a size)",
            )
        return Limit(value=share, share=True, action=action)
    if worded := re.search(r"(?i)\d\s*(percent|pct|per cent)\s*$", text):
        # What precedes the word, cut where the search found it: a substitution searching
        # for `\s*percent` from each blank of a long run would take quadratic time.
        number = text[: worded.start(1)].rstrip()
        raise bad(f"{text!r} is not a limit", f"write a percentage as {number}%")
    # An amount as a plan reads one: 2e5 and 1_000e2 as the plan's `total: 2e5` is (YAML's
    # number 2E+5 above, or the text of a flag, an environment variable or `2e5:warn`);
    # 200k and 6.2M as a plan's text amounts are.
    amount = value if isinstance(value, int | Decimal | float) else read_as_plan(text)
    if isinstance(amount, Decimal) and amount.is_finite():
        amount = Decimal(f"{amount:f}")  # said as digits: -200000, not -2E+5
        # 50.000 is most often 50,000 with a dot between thousands: read as 50, a decrease
        # limit let nothing through and a max_total blocked every plan (review attack56 d),
        # asked as a plan's `total: 38.000` is. Under one unit (0.125) it is no thousands:
        # the callers tell it is a share's way of writing.
        if abs(amount) >= 1 and (asked := dot_between_thousands(amount, "")):
            raise bad(*asked)
    return Limit(value=parse_money(amount), share=False, action=action)


def parse_switch(value: Any) -> Action | None:
    """block (or true) / warn / false → the action, or None when off. Nothing else: an
    empty value, 0 or "off" turned a guardrail off (review input31 F09: a workflow's
    `CS_ALIGN_NO_VERDICT_REGRESSION: ${{ vars.X }}` with X unset overrode the config's
    block, and `no_new_errors:` left empty switched off one that is on by default)."""
    value = action_word(value)
    if value is True or (isinstance(value, str) and value in ("true", "block")):
        return "block"
    if isinstance(value, str) and value == "warn":
        return "warn"
    if value is False or (isinstance(value, str) and value == "false"):
        return None
    # As written: `.inf` was "Decimal('Infinity') is not a guardrail setting" (input60).
    said = "an empty value" if value is None or value == "" else as_written(value)
    raise bad(f"{said} is not a guardrail setting", "write block, warn or false")


def parse_flag(value: str) -> bool:
    """A boolean environment variable: true/false (or 1/0, yes/no, on/off); any other word
    is refused, not read as false (`maybe` would silently turn a setting off)."""
    word = value.strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("", "0", "false", "no", "off"):
        return False
    raise bad(f"{value!r} is not true or false", "write true or false")


def _not_a_boolean(value: Any) -> Any:
    """A number setting refuses true and false, which Python would count as 1 and 0."""
    if isinstance(value, bool):
        raise bad(
            f"{str(value).lower()} is not a number", "write a whole number, e.g. 30 (not true)"
        )
    _in_days(value)
    return value


_SPAN_OF_DAYS = re.compile(r"(\d{1,4})\s*(d|days?|w|weeks?|months?|y|years?)", re.IGNORECASE)
_DAYS_IN = {"d": 1, "w": 7, "m": 365 / 12, "y": 365}


def _in_days(value: Any) -> None:
    """`max_waiver_days: 1 year` (or `6 months`, `90 days`) is told the days it means: it
    was told "expected a whole number — write e.g. 2" (review user60)."""
    found = _SPAN_OF_DAYS.fullmatch(value.strip()) if isinstance(value, str) else None
    if found:
        days = int(int(found[1]) * _DAYS_IN[found[2][0].lower()])
        raise bad(
            f"{value!r} is not a number of days",
            f"write {days} (max_waiver_days counts days, from 1 to 3660)",
        )


def parse_days(value: Any) -> int:
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        _in_days(text)
        raise bad(f"{value!r} is not a number of days", "write a whole number from 1 to 3660")
    if not 1 <= int(text) <= 3660:  # 9999 is a number: it is out of range (review user24)
        raise bad(f"{int(text)} days is out of range", "write a whole number from 1 to 3660")
    return int(text)


SETTINGS = ("fail_on", "format", "strategy", "waivers", "ignore_waivers", "max_waiver_days")
GUARDRAILS = (
    "max_budget_increase",
    "max_budget_decrease",
    "max_total",
    "no_verdict_regression",
    "no_new_errors",
    "resilience",
)
CONFIG_ONLY = ("resilience",)
"""Policy read from the config file alone (never a flag or the environment)."""
DEFAULTS: dict[str, Any] = {
    "fail_on": "error",
    "format": ["table"],
    "strategy": None,
    "waivers": [],
    "ignore_waivers": False,
    "max_waiver_days": MAX_WAIVER_DAYS,
    "max_budget_increase": None,
    "max_budget_decrease": None,
    "max_total": None,
    "no_verdict_regression": None,
    "no_new_errors": "block",
    "resilience": None,
}
NAMES_FILES = ("format", "strategy", "waivers")
"""Settings whose values name files: from a config file, they resolve from its folder."""


_JOINED = re.compile(r"\s*(?P<name>[A-Za-z]+)\s*(?P<sep>[=;,])\s*(?P<rest>.*)", re.DOTALL)


def joined_format_fix(item: str, where: str) -> str | None:
    """What to write for a format joined to its file or to another format by the wrong mark
    (`json=out.json`, `json;sarif`, and on the command line or in a config `json,sarif`), or
    None: each was "unknown format 'json=out.json'", and a config's `json, sarif` "did you
    mean sarif?", with no word of the mark to write. ``where``: flag, environment or config."""
    from cs_align.reporters import ALIASES, FORMATS

    found = _JOINED.fullmatch(item)
    if found is None or ALIASES.get(name := format_name(found["name"]), name) not in FORMATS:
        return None
    rest = found["rest"]
    if found["sep"] == "=":
        return f"write {name}:{rest} (FORMAT:FILE, with a colon)"
    if where == "environment":
        return f"separate formats with commas: {name},{rest}"
    others = [o.strip() for o in re.split(r"[;,]", rest) if o.strip()]
    if where == "config":  # the list fix pyproject.toml's reader quotes for TOML (_in_toml)
        from cs_align.loader import flow_list

        return f"write {flow_list([name, *others])} (a list, one format an item)"
    return f"give -f once for each format: -f {' -f '.join([name, *others])}"


def parse_format(value: Any) -> Any:
    """FORMAT or FORMAT:FILE, with FORMAT one that cs-align writes."""
    from cs_align.reporters import ALIASES, FORMATS

    if isinstance(value, str):  # `format: JSON` is json, as `-f JSON` is
        name, colon, target = value.partition(":")
        value = format_name(name) + colon + target
    if isinstance(value, str) and value.partition(":")[0] not in (*FORMATS, *ALIASES):
        name = value.partition(":")[0]
        close = close_matches(name.lower(), FORMATS)
        raise bad(
            f"{name!r} is not an output format",
            joined_format_fix(value, "config")
            or (f"did you mean {close[0]}? " if close else "")
            + f"write one of {', '.join(FORMATS)}, as FORMAT or FORMAT:FILE (e.g. json:out.json)",
        )
    if isinstance(value, str) and ":" in value and not value.partition(":")[2].strip():
        name = value.partition(":")[0]
        raise bad(
            f"{value!r} names no file",
            f"write {name}:FILE to write it to a file, or {name} for standard output",
        )
    return file_name(value)


def _one_or_more(value: Any) -> Any:
    """`format: json` is `format: [json]`: one format needs no list."""
    if isinstance(value, str):
        return [value]
    if value is not None and not isinstance(value, list):
        raise bad(
            f"{as_written(value)} is not an output format",  # not Decimal('Infinity')
            "write a format such as json, or a list of them such as [json, sarif:out.sarif]",
        )
    return value


def _waiver_files(value: Any) -> Any:
    """A config's `waivers:` names files: a waiver written in it (`- {rule: …, path: …}`,
    or `[[tool.cs-align.waivers]]`) was told "expected text — write text" (review input62)."""
    for index, item in enumerate(value if isinstance(value, list) else ()):
        if isinstance(item, dict):
            raise bad(
                "a config's `waivers` names waiver files, and this is a waiver",
                _WAIVER_FILES_FIX,
                at=(index,),
            )
    return value


_WAIVER_FILES_FIX = (
    "put the waiver in a file that starts with `waivers:` (or in the plan's `waivers:`) and "
    "name that file here, e.g. waivers: [waivers.yaml]"
)


FormatField = Annotated[str, AfterValidator(parse_format)]
FormatsField = Annotated[list[FormatField] | None, BeforeValidator(_one_or_more)]
LimitField = Annotated[Limit | None, BeforeValidator(parse_limit)]
CapField = Annotated[Limit | None, BeforeValidator(parse_cap)]
SwitchField = Annotated[Action | None, BeforeValidator(parse_switch)]


def _resilience(value: Any) -> Any:
    """{volume: +10%, at_least: at-risk} → Resilience (imported only when a config has it)."""
    from cs_align.resilience import parse_resilience

    return parse_resilience(value)


ResilienceField = Annotated[Any, BeforeValidator(_resilience)]
"""A `cs_align.resilience.Resilience`, or None."""


class _Lazy(Model):
    # Built on first use: most runs have no config file.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Guardrails(_Lazy):
    max_budget_increase: LimitField = None
    """Largest increase of the budget total against the base: amount or %."""
    max_budget_decrease: LimitField = None
    """Largest decrease of the budget total against the base: amount or %."""
    max_total: CapField = None
    """Highest budget total a proposal may have (an amount): the total it states, whatever
    the base's period, and what it spends a year (a plan for part of a year is scaled up)."""
    no_verdict_regression: SwitchField = None
    """The verdict may not get worse (aligned → at-risk → misaligned)."""
    no_new_errors: SwitchField = "block"
    """No error-level finding that the base did not have."""
    resilience: ResilienceField = None
    """Under this stress the plan stays at least this good, e.g. {volume: +10%, at_least:
    at-risk}; `check` and `diff` fail otherwise (action: block, or warn). Each stress is
    within +1000% (relative), ±24h (aht), ±100pt (shares) and 10^9 FTE (agents)."""


def _lower(value: Any) -> Any:
    """A severity read in any case (`fail_on: Warning`), as format names are."""
    return value.lower() if isinstance(value, str) else value


class ConfigFile(_Lazy):
    fail_on: Annotated[Literal["error", "warning", "info"] | None, BeforeValidator(_lower)] = None
    format: FormatsField = None
    """Formats, FORMAT or FORMAT:FILE (one, or a list); files are relative to the config
    file."""
    strategy: FileName | None = None
    """A strategy id, or a strategy file relative to the config file."""
    waivers: Annotated[list[FileName] | None, BeforeValidator(_waiver_files)] = None
    """Waiver files, relative to the config file."""
    ignore_waivers: Annotated[bool, Field(strict=True)] | None = None
    """true or false (not 1, 0 or "yes": a config says what it means)."""
    max_waiver_days: (
        Annotated[int, BeforeValidator(_not_a_boolean), Field(ge=1, le=3660)] | None
    ) = None
    """How far ahead a waiver may expire (default 180 days)."""
    guardrails: Guardrails = Field(default_factory=Guardrails)


@dataclass(frozen=True)
class Settings:
    values: dict[str, Any]
    sources: dict[str, str] = field(default_factory=dict)
    config: Path | None = None
    """The config file in force, if any."""
    overridden: tuple[tuple[str, str], ...] = ()
    """Under review (--policy-ref, --base-ref): each CS_ALIGN_* variable that loosens the
    trusted policy, and the note that says so (see ``_overrides``)."""
    flagged: tuple[str, ...] = ()
    """Under review: each flag that loosens the trusted policy, said and obeyed (see
    ``_flag_overrides``)."""

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def from_file(self, key: str) -> bool:
        """Whether the config file (rather than a flag or the environment) gave ``key``."""
        return self.config is not None and self.sources.get(key, "").startswith(
            display(self.config)
        )

    def shown(self, output: Path | None = None) -> str:
        """`--show-config` alone: JSON where the format for standard output is json (for a
        CI step to read), else the table of :meth:`describe`. A format `-o FILE` sends to
        a file is not standard output's, as `FORMAT:FILE` is not (`-f json -o out.json`
        printed JSON where `-f json:out.json` printed the table; neither writes the file)."""
        formats = self.values.get("format") or []
        if output is not None and str(output) != "-":
            formats = []
        to_stdout = [f for f in formats if f.partition(":")[2] in ("", "-")]
        if to_stdout and format_name(to_stdout[0].partition(":")[0]) == "json":
            return self.as_json()
        return self.describe()

    def as_json(self) -> str:
        """Each setting's value (exact figures as text, as money is) and where it came from,
        with the config file in force."""
        import json

        from cs_align import __version__

        def value(v: Any) -> Any:
            if isinstance(v, list):
                return [value(x) for x in v]
            return v if v is None or isinstance(v, bool | int | str) else str(v)

        data = {
            "version": __version__,
            "config": display(self.config) if self.config is not None else None,
            "settings": {
                key: {"value": value(v), "source": self.sources.get(key, "default")}
                for key, v in self.values.items()
            },
        }
        return json.dumps(data, indent=2) + "\n"

    def describe(self) -> str:
        width = max(len(k) for k in self.values)
        return "".join(
            f"{key:<{width}}  {_show(value):<28}  ({self.sources.get(key, 'default')})\n"
            for key, value in self.values.items()
        )


def fail_level(settings: Settings) -> Severity:
    """--fail-on as every command reads it: the flag, else CS_ALIGN_FAIL_ON, else the config
    file, else error. Read in any case, as format names are (`CS_ALIGN_FAIL_ON: WARNING` in
    a workflow was exit 2 where `-f JSON` is json); an empty value is named as one, since it
    is most often a workflow variable left unset."""
    name = settings["fail_on"]
    key = name.strip().lower() if isinstance(name, str) else name
    if key not in ("error", "warning", "info"):
        where = settings.sources.get("fail_on", "--fail-on")
        if key == "":
            raise usage(
                f"fail_on is empty (from {where}; an unset variable?)",
                "use error, warning or info, or unset it: the settings file, else error, decides",
            )
        # `--fail-on warnings` (or `errors`, `warn`) was told the three words alone (user61).
        levels = ("error", "warning", "info")
        meant = close_matches(str(key), levels)
        raise usage(
            f"fail_on {name!r} (from {where}) is not a severity",
            f"write {meant[0]} (one of error, warning or info)"
            if meant
            else "use error, warning or info",
        )
    return Severity[key]


def _show(value: Any) -> str:
    """A setting as --show-config prints it: config text is untrusted, so it is made visible
    (no escape sequence, no line break, no `::` workflow command reaches the log)."""
    from cs_align.escaping import visible

    if isinstance(value, list):
        return visible(", ".join(str(v) for v in value)) or "-"
    if isinstance(value, bool):  # as the config writes it, not Python's False (user60)
        return "true" if value else "false"
    if isinstance(value, Limit) and not value.share:
        # `max_budget_increase: 5` is 5 of the plan's money, not 5%: "5 (block)" let a
        # reader who meant 5% see nothing wrong until a diff blocked at 5 USD (review user58).
        return f"{value.value:f} in the plan's currency ({value.action}; a share is written 5%)"
    return "-" if value is None else visible(str(value))


def find_config(
    start: Path | None = None, tree: Tree = WORKTREE, allow_outside: bool = False
) -> Path | None:
    """The nearest config file from ``start`` up to the repository root.

    Two config files in one folder (`.cs-align.yaml` beside a pyproject.toml with
    `[tool.cs-align]`) are an error: silently preferring one would drop the other's rules.
    A config file found inside a repository must resolve inside it: a pull request could
    make one a symbolic link to any file on the machine (whose text a policy-changed
    finding would then quote).
    """
    folder = resolved(start or Path.cwd())
    top = git_root(folder)
    for candidate in (folder, *folder.parents):
        for name in (*CONFIG_NAMES, "pyproject.toml"):
            if top is not None and not allow_outside and os.path.lexists(candidate / name):
                confine(
                    candidate / name,
                    top,
                    allow_outside,
                    Problem(
                        file=display(candidate / name),
                        line=0,
                        column=0,
                        message=display(candidate / name),
                        fix="",
                    ),
                    what="the config file",
                )
        found = [candidate / name for name in CONFIG_NAMES if tree.exists(candidate / name)]
        pyproject = candidate / "pyproject.toml"
        if tree.exists(pyproject) and _tool_table(pyproject, tree) is not None:
            found.append(pyproject)
        if found and isinstance(tree, Reviewed):
            found = _judging(found, tree)
        if len(found) > 1:
            shown = " and ".join(display(p) for p in found)
            raise usage(
                f"two config files apply: {shown}",
                "keep the cs-align settings in one of them and delete the other",
            )
        if found:
            return found[0]
        if candidate == top:
            break
    return None


def not_in_force(plans: list[str], in_force: Path | None) -> list[str]:
    """A note for each settings file between a plan and the current directory, which is not
    in force: the nearest one is read from the current directory upwards (README), so an
    `east/.cs-align.yaml` beside east/acme.yaml, holding a stricter cap than the top's, did
    nothing in a run from the repository's top, and nothing said so (reviews gate60,
    reattack60). A pyproject.toml counts where it holds a `[tool.cs-align]` table."""
    here = resolved(Path.cwd())
    nearer: dict[Path, str] = {}
    for plan in plans:
        if plan == "-":
            continue
        folder = resolved(Path(plan)).parent
        while here in folder.parents:
            for name in (*CONFIG_NAMES, "pyproject.toml"):
                path = folder / name
                if path != in_force and _holds_settings(path):
                    nearer.setdefault(path, plan)
            folder = folder.parent
    used = f"the one in force is {display(in_force)}" if in_force else "none is in force"
    return [
        f"cs-align: note: {display(path)} is not in force for {display(Path(plan))}: settings "
        f"are read from the current directory upwards ({used}) — run from its folder, or name "
        f"it: --config {display(path)}"
        for path, plan in nearer.items()
    ]


def _holds_settings(path: Path) -> bool:
    """Whether ``path`` is a settings file: a `.cs-align.yaml`, or a pyproject.toml that
    holds a `[tool.cs-align]` table as TOML reads it: `[tool."cs-align"]`, blanks about the
    dot, a dotted key or an inline table are that table too, which the bytes
    `[tool.cs-align` alone missed, while they found one in a comment (gate61). One TOML
    cannot read is said, on the safe side. A link is none: a pull request's link to a file
    outside the repository is not read, even for a note."""
    if path.is_symlink() or not path.is_file():
        return False
    if path.name != "pyproject.toml":
        return True
    try:  # parsed: `[tool."cs\u002dalign"]` is the table too, though no byte says so
        return _table_of(path.read_bytes(), path) is not None
    except OSError:
        return False
    except CsAlignError:
        return True


def _judging(found: list[Path], tree: Reviewed) -> list[Path]:
    """The config files of one folder that judge a review: the trusted revision's (accepted:
    the change's own). One only the other side has is recorded as added (accepted: deleted)
    and judges nothing, so the search goes on upwards:
      * a config the change moves (`.cs-align.yaml` at the trusted revision, `.cs-align.yml`
        or a `[tool.cs-align]` table now) was "two config files apply ... delete the other",
        exit 2, for a change that had, and no --allow-policy-change could pass it;
      * a config the change adds nearer the working directory than the trusted one
        (plans/.cs-align.yaml, the run from plans/) stopped the search: main's top-level
        config was never read, and with the addition approved by its id a budget past
        main's 5% cap passed, judged by no cap at all (review attack58).
    Two that the change leaves in one folder stay two: merged, they would apply together."""
    trusted = [p for p in found if _config_at(p, tree.trusted)]
    head = [p for p in found if _config_at(p, WORKTREE)]
    judged, other, how = (head, trusted, "deleted") if tree.accept else (trusted, head, "added")
    if len(head) > 1 or len(judged) > 1:
        return found
    for path in other:
        if path not in judged:
            tree.changed[absolute(path)] = how
    return judged


def _config_at(path: Path, side: Tree) -> bool:
    """Whether ``side`` (a revision, or the working tree) has a config file at ``path``: a
    pyproject.toml only with its `[tool.cs-align]` table."""
    if path.name != "pyproject.toml":
        return side.exists(path)
    return _table_of(side.read(path, display(path)), path) is not None


def _tool_table(pyproject: Path, tree: Tree = WORKTREE) -> dict[str, Any] | None:
    """`[tool.cs-align]` of a pyproject.toml; under review, compared by table not by file."""
    found = _tool_source(pyproject, tree)
    return found[0] if found else None


def _tool_source(pyproject: Path, tree: Tree = WORKTREE) -> tuple[dict[str, Any], str] | None:
    """`[tool.cs-align]` and the text of the pyproject.toml it is in (None when it has none)."""
    raw = tree.read(pyproject, display(pyproject))
    if isinstance(tree, Reviewed) and tree.change(pyproject):
        # Only the cs-align table is policy; the rest of pyproject.toml may change freely.
        base, head = tree.trusted.read(pyproject, "base"), WORKTREE.read(pyproject, "head")
        was, now = _table_of(base, pyproject), _table_of(head, pyproject)
        if was == now and tree.change(pyproject) not in (LINKED, NESTED):
            # The same table: the rest of the file changed. Not the same table put behind a
            # symbolic link or into a submodule, a policy change as for `.cs-align.yaml`:
            # it passed with exit 0 and no note, and merged, every later review stopped on
            # "main:pyproject.toml: is a symbolic link, not a file" (review reattack58).
            tree.changed.pop(absolute(pyproject), None)
        elif was is None:
            # A table the base's pyproject.toml has not is a config the change adds: not
            # obeyed, and reported as an added config is (review attack31 A3: it was
            # neither, and became the trusted policy once merged).
            tree.changed[absolute(pyproject)] = "added"
    if raw is None:
        return None
    text = _text_of(raw, pyproject)
    table = _table_of(raw, pyproject)
    return None if table is None else (table, text)


def _text_of(raw: bytes, pyproject: Path) -> str:
    """The pyproject.toml's text; one that is not UTF-8 (Latin-1, UTF-16) is refused at the
    first byte that is not, as a `.cs-align.yaml` is: its `[tool.cs-align]` cannot be read,
    and dropping it silently would drop the policy."""
    from cs_align.yamlsafe import decode

    return decode(raw, display(pyproject))


TOOL_NAME = "cs-align"


def _toml_fix(text: str, line: int, column: int, problem: str) -> str:
    """What to write for a TOML value written as YAML writes it, unquoted (`fail_on =
    warning`, `max_budget_increase = 5%`): TOML's "Invalid value" was told only "fix the
    syntax there" (review user60)."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return "fix the syntax there"
    key, _, value = lines[line - 1].partition("=")
    word = value.split("#", 1)[0].strip().rstrip(",}").strip()
    share = re.fullmatch(r"[+-]?\d+(?:\.\d+)?\s*%", word)  # 5%: TOML reads 5, then `%`
    bare = problem.startswith("Invalid value") and re.fullmatch(r"[\w.%+:/-]{1,60}", word)
    if not (share or bare) or not re.fullmatch(r"\s*[\w.-]+\s*", key.split("{")[-1]):
        return "fix the syntax there"
    return f'quote the text, as TOML writes it: {key.split("{")[-1].strip()} = "{word}"'


def _table_of(raw: bytes | None, pyproject: Path) -> dict[str, Any] | None:
    if raw is None:
        return None
    import tomllib  # only a run beside a pyproject.toml reads one

    text = _text_of(raw, pyproject)
    try:
        # A TOML float is read as the figure written, as YAML's numbers are: read as a
        # binary float, `max_total = 1540241.125000000001` was 1540241.125 in pyproject.toml
        # and 1540241.125000000001 in .cs-align.yaml, and an error showed 12345678901234567.5
        # as 1.2345678901234568e+16, a figure no one wrote (review reattack59).
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(where[1]), int(where[2])) if where else (1, 1)
        raise PlanError(
            [
                Problem(
                    file=display(pyproject),
                    line=line,
                    column=col,
                    message=f"not valid TOML: {exc}",
                    fix=_toml_fix(text, line, col, str(exc)),
                )
            ]
        ) from None
    except (ValueError, RecursionError) as exc:  # past what Python reads (review input31 F01)
        raise _unreadable_toml(pyproject, text, exc) from None
    tool = data.get("tool", {})
    table = tool.get(TOOL_NAME) if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise _in_pyproject(
            pyproject,
            text,
            TOOL_NAME,
            f"tool.{TOOL_NAME} is {_toml_kind(table)}, not a table of settings",
            f"write the settings under a [tool.{TOOL_NAME}] header, one `key = value` a line",
        )
    _near_miss(data, pyproject, text)
    return table


_LONG_NUMBER = re.compile(r"(?<![\w.\"'])[+-]?[0-9][0-9_]{4000,}")


def _unreadable_toml(pyproject: Path, text: str, exc: Exception) -> PlanError:
    """A TOML file Python's reader gives up on (in any table, not only cs-align's: the file
    is read whole): a number of thousands of digits, or nesting past the interpreter's
    depth. Placed where it starts, as the YAML reader places them; it was an "internal
    error" and an error with no file."""
    from cs_align.yamlsafe import MAX_DEPTH

    line, column = 1, 1
    if isinstance(exc, RecursionError):
        depth, deepest = 0, (1, 1)
        for number, code in enumerate(text.splitlines(), 1):
            for index, char in enumerate(code):
                depth += (char in "[{") - (char in "]}")
                if depth > MAX_DEPTH:  # where the YAML reader stops too
                    deepest = (number, index + 1)
                    break
            else:
                continue
            break
        line, column = deepest
        message, fix = "nesting too deep to read", "a setting is at most a few levels deep"
    else:
        for number, code in enumerate(text.splitlines(), 1):
            if found := _LONG_NUMBER.search(code):
                line, column = number, found.start() + 1
                break
        message = "a number of thousands of digits is out of range"
        fix = f"write a realistic figure (at most {MAX_DIGITS} digits), or quote it"
    return PlanError(
        [Problem(file=display(pyproject), line=line, column=column, message=message, fix=fix)]
    )


def _near_miss(data: dict[str, Any], pyproject: Path, text: str) -> None:
    """A table meant for cs-align under another name (`[tool.cs_align]`, `[tool.csalign]`,
    `[tool.cs-aling]`, `[cs-align]`) would be ignored without a word: it is an error."""

    def close(name: str) -> bool:
        return _one_edit(re.sub(r"[\s._-]", "", name.lower()), "csalign")

    tool = data.get("tool", {})
    places = (
        [("tool", k) for k in tool if k != TOOL_NAME and close(k)] if isinstance(tool, dict) else []
    )
    places += [("", k) for k in data if k != "tool" and close(k)]
    if places:
        where, name = places[0]
        shown = f"{where}.{name}" if where else name
        raise _in_pyproject(
            pyproject,
            text,
            name,
            f"[{shown}] is not read by cs-align",
            f"did you mean [tool.{TOOL_NAME}]? cs-align reads its settings from that table only",
        )


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` is ``b``, or one typo from it: a letter left out, added, changed, or
    two neighbours swapped (`cs-aling`). Looser would catch other tools (`cs-lint`)."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


def _toml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "a number" if isinstance(value, int | float) else "a value"


def _in_pyproject(pyproject: Path, text: str, key: str, message: str, fix: str) -> PlanError:
    """An error at the first line of ``text`` that names ``key`` (bare or quoted)."""
    token = re.compile(rf"(?<![\w-])[\"']?{re.escape(key)}[\"']?(?![\w-])")
    line, column = 1, 1
    for number, row in enumerate(text.splitlines(), 1):
        code = row.split("#", 1)[0]
        if found := token.search(code):
            line, column = number, found.start() + 1
            break
    return PlanError(
        [Problem(file=display(pyproject), line=line, column=column, message=message, fix=fix)]
    )


_NAMED_FORMAT = re.compile(r"\s*(?P<name>[A-Za-z]+)\s*(?P<colon>:?)")


def env_formats(text: str) -> list[str]:
    """CS_ALIGN_FORMAT as the `-f` values it lists: `json,sarif:r.sarif` is `-f json -f
    sarif:r.sarif`. A comma inside a FILE belongs to it unless an item follows: `json:out,
    1.json` writes out,1.json, as `-f json:out,1.json` does (every comma parted, so it was
    "unknown format '1.json'", review user58). An item is a word with a `:` (a format
    misspelt is told so) or a format's name alone; before an item's `:` every comma parts,
    as no format's name holds one (`json,xml` is two names, xml told unknown)."""
    from cs_align.reporters import ALIASES, FORMATS

    def starts_item(piece: str) -> bool:
        found = _NAMED_FORMAT.match(piece)
        if found is None or (found.end() != len(piece) and not found["colon"]):
            return False
        return bool(found["colon"]) or format_name(found["name"]) in (*FORMATS, *ALIASES)

    items, current = [], ""
    for piece in text.split(","):
        if ":" in current and not starts_item(piece):
            current += "," + piece
            continue
        items.append(current)
        current = piece
    items.append(current)
    return [item.strip() for item in items if item.strip()]


_ENV_PARSERS: dict[str, Any] = {
    "format": env_formats,
    "waivers": lambda v: [p for p in v.split(os.pathsep) if p],
    "ignore_waivers": parse_flag,
    "max_waiver_days": parse_days,
    "no_verdict_regression": parse_switch,
    "no_new_errors": parse_switch,
    "max_budget_increase": parse_limit,
    "max_budget_decrease": parse_limit,
    "max_total": parse_cap,
}


def resolve(
    flags: Mapping[str, Any],
    config: str | Path | None = None,
    env: dict[str, str] | None = None,
    tree: Tree = WORKTREE,
    allow_outside: bool = False,
) -> Settings:
    """Merge defaults, the config file, CS_ALIGN_* variables and flags (given, not None).

    ``config`` is --config as the user wrote it: messages show it so (`sub/`, not the `sub`
    a Path makes of it; review user56)."""
    values, sources = dict(DEFAULTS), {}
    given = None if config is None else Path(config)
    if given is not None and not given.exists():
        raise usage(f"--config {config}: no such file", "check the path")
    if given is not None and given.is_dir():  # it said `sub: is a folder` (review user55)
        raise usage(
            f"--config {config}: is a folder, not a file",
            f"name the settings file in it, e.g. --config {given / CONFIG_NAMES[0]}",
        )
    path = absolute(given) if given else find_config(tree=tree, allow_outside=allow_outside)
    if path is not None and _added_under_review(path, tree):
        path = None  # reported as a policy change; until accepted, the trusted side has none
    if path is not None:
        found, where = file_values(path, tree, allow_outside)
        for key, value in found.items():
            values[key], sources[key] = value, where
    environ = os.environ if env is None else env
    trusted = dict(values), dict(sources)
    for key in values:
        name = f"CS_ALIGN_{key.upper()}"
        if key in CONFIG_ONLY:
            continue
        if name in environ:
            values[key], sources[key] = _from_env(key, environ[name]), f"environment {name}"
    flagged = {k for k, v in flags.items() if v is not None and v != [] and v is not False}
    overridden = _overrides(values, trusted, flagged, environ, tree)
    loosened = _config_named(config, trusted, tree, allow_outside)
    loosened += _flag_overrides(flags, flagged, trusted, tree)
    if isinstance(tree, Reviewed) and not tree.accept:
        for name, _ in overridden:  # the trusted policy judges until the change is accepted
            key = name.removeprefix("CS_ALIGN_").lower()
            values[key], sources[key] = trusted[0][key], trusted[1].get(key, "default")
    for key, value in flags.items():
        if key in flagged:
            values[key], sources[key] = value, "command line"
    return Settings(
        values=values, sources=sources, config=path, overridden=overridden, flagged=loosened
    )


_STRICTNESS: dict[str, dict[Any, int]] = {
    "fail_on": {"info": 2, "warning": 1, "error": 0},
    "no_verdict_regression": {"block": 2, "warn": 1, None: 0},
    "no_new_errors": {"block": 2, "warn": 1, None: 0},
}


def _looser(key: str, now: Any, then: Any) -> bool:
    """Whether the setting ``key`` at ``now`` (from the environment) lets through anything
    ``then`` (the trusted policy's value, or the default) stops; a value that cannot be
    ordered against it (another strategy, another kind of limit) counts as looser."""
    if key == "format":
        return False  # where the results go, not what passes
    if key in _STRICTNESS:
        ranks = _STRICTNESS[key]
        shown = now.strip().lower() if isinstance(now, str) and key == "fail_on" else now
        return shown in ranks and ranks[shown] < ranks.get(then, 0)
    if key == "strategy":
        # An empty CS_ALIGN_STRATEGY is read as none given (the plan's own strategy): it
        # dropped main's `strategy: fast-food` unsaid, a misaligned plan exit 1 → 0, where it
        # was compared as a value that names nothing (review reattack59).
        return (now or None) != (then or None)
    if key == "waivers":
        return bool({str(absolute(Path(p))) for p in now} - {str(absolute(Path(p))) for p in then})
    if key == "ignore_waivers":
        return bool(then) and not now
    if key == "max_waiver_days":
        return bool(now > then)
    if key == "resilience":  # a stress dropped or changed (from a config file alone)
        return then is not None and now != then
    if isinstance(then, Limit):
        return (
            not isinstance(now, Limit)
            or now.share != then.share
            or now.value > then.value
            or (now.action, then.action) == ("warn", "block")
        )
    return False


def _overrides(
    values: Mapping[str, Any],
    trusted: tuple[Mapping[str, Any], Mapping[str, str]],
    given: set[str],
    environ: Mapping[str, str],
    tree: Tree,
) -> tuple[tuple[str, str], ...]:
    """The CS_ALIGN_* variables that loosen the policy the trusted revision gives (its
    config, or the defaults) under review, each with the note that names it. Not a flag:
    the command line is the workflow's own; a variable reaches the run unseen (a step that
    runs the pull request's code writes it to $GITHUB_ENV, the pull request's copy of the
    workflow sets it), and `CS_ALIGN_FAIL_ON=error` passed a plan that main's `fail_on:
    warning` fails, exit 0, with nothing said (review attack57, attack59)."""
    if not isinstance(tree, Reviewed):
        return ()

    found = []
    for key, value in values.items():
        name = f"CS_ALIGN_{key.upper()}"
        if key in given or key in CONFIG_ONLY or name not in environ:
            continue
        then, where = trusted[0][key], trusted[1].get(key, "the default")
        if not _looser(key, value, then):
            continue
        written = _said(environ[name]) or '""'  # an empty value, said as one
        found.append(
            (
                name,
                f"{name}={written} in the environment overrides {key}: "
                f"{_trusted_shown(key, then)} ({where})",
            )
        )
    return tuple(found)


FLAG_ORIGINS: dict[str, str] = {}
"""Where a setting's flag was written, by setting, when a program runs the command line
for someone (the Action: "the Action's fail-on input"); else "the command line"."""


def _flag_overrides(
    flags: Mapping[str, Any],
    given: set[str],
    trusted: tuple[Mapping[str, Any], Mapping[str, str]],
    tree: Tree,
) -> tuple[str, ...]:
    """Under review, each flag that loosens the policy the trusted revision gives, with
    where it was written. Obeyed (the command line is the workflow's own), but said: in a
    `pull_request` run the workflow is the pull request's copy, so the Action's `fail-on:
    error` or `args: --max-budget-increase 1000%` passed what main's `fail_on: warning` and
    5% cap fail, exit code 0, with no word (review gate59)."""
    if not isinstance(tree, Reviewed):
        return ()

    found = []
    for key in flags:
        if key not in given or key in CONFIG_ONLY or key not in trusted[0]:
            continue
        then, where = trusted[0][key], trusted[1].get(key, "the default")
        if not _looser(key, flags[key], then):
            continue
        flag = "--" + key.replace("_", "-")
        written, shown = _said(_shown_value(flags[key])), _trusted_shown(key, then)
        origin = FLAG_ORIGINS.get(key, "the command line")
        found.append(f"{flag} {written}, from {origin}, overrides {key}: {shown} ({where})")
    return tuple(found)


def _config_named(
    config: str | Path | None,
    given: tuple[Mapping[str, Any], Mapping[str, str]],
    tree: Tree,
    allow_outside: bool,
) -> tuple[str, ...]:
    """Under review, each setting the config file --config names gives looser than the
    config the search finds (or the default): the Action's `args: --config
    other/.cs-align.yaml`, a file main holds for another folder, dropped main's 5% cap,
    and +20% passed unsaid (review gate59). Said as a loosening flag is."""
    if config is None or not isinstance(tree, Reviewed):
        return ()
    from cs_align.escaping import visible

    values, sources = dict(DEFAULTS), {}
    searched = find_config(tree=tree, allow_outside=allow_outside)
    if searched is not None and not tree.accept and not tree.trusted.exists(searched):
        searched = None  # one the change adds judges nothing until accepted
    if searched is not None:
        found, where = file_values(searched, tree, allow_outside)
        for key, value in found.items():
            values[key], sources[key] = value, where
    origin = FLAG_ORIGINS.get("config", "the command line")
    named = _said(str(config))
    said = []
    for key in DEFAULTS:
        if key not in given[0] or not _looser(key, given[0][key], values[key]):
            continue
        now = _shown_value(given[0][key]) if given[0][key] not in (None, []) else "(unset)"
        then = visible(_shown_value(values[key])) if values[key] not in (None, []) else "-"
        said.append(
            f"--config {named}, from {origin}, gives {key}: {visible(now)} over {key}: {then} "
            f"({sources.get(key, 'the default')})"
        )
    return tuple(said)


_NONE = {"strategy": "the plan's own", "waivers": "none"}
"""A setting left unset, as an override's note shows it."""


def _said(text: str) -> str:
    """A value an override's note quotes (a variable's, a flag's, a file's name): made
    visible, and cut to 60 characters."""
    from cs_align.escaping import visible

    shown = visible(text)
    return shown if len(shown) <= 60 else shown[:59] + "…"


def _trusted_shown(key: str, then: Any) -> str:
    """The trusted value an override's note names: as written, or what unset means."""
    from cs_align.escaping import visible

    return visible(_shown_value(then)) if then not in (None, []) else _NONE.get(key, "-")


def _shown_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


OTHER_VARIABLES = ("CS_ALIGN_DEBUG", "CS_ALIGN_WORKERS")
"""CS_ALIGN_* variables that are no setting: a traceback on internal errors, a batch's
worker count."""


def unread_variables(environ: Mapping[str, str]) -> list[str]:
    """Warnings for CS_ALIGN_* variables a run would silently not obey: a setting read from
    the config file alone, or a name a letter or two from a setting's
    (CS_ALIGN_MAX_BUDGET_INCRESE=5% would leave the gate without its limit). Other
    CS_ALIGN_* names are left alone: a workflow may keep its own (the Action's
    CS_ALIGN_OUT)."""

    read = [f"CS_ALIGN_{key.upper()}" for key in DEFAULTS if key not in CONFIG_ONLY]
    known = {*read, *OTHER_VARIABLES}
    found = []
    for name in sorted(environ):
        if not name.startswith("CS_ALIGN_") or name in known:
            continue
        key = name.removeprefix("CS_ALIGN_").lower()
        if key in CONFIG_ONLY:
            found.append(
                f"{name} is ignored: {key} is policy, read from the settings file alone "
                f"(`{key}:` in .cs-align.yaml or [tool.cs-align])"
            )
        elif close := close_matches(name, [*known], 0.85):
            found.append(f"{name} is not a setting and is ignored: did you mean {close[0]}?")
    return found


def _added_under_review(path: Path, tree: Tree) -> bool:
    """A config file the change under review adds: it is policy the trusted revision does
    not have, so it is recorded as added and not obeyed (its output files included) unless
    the reviewer passed --allow-policy-change."""
    if not isinstance(tree, Reviewed) or tree.accept:
        return False
    if tree.trusted.exists(path):
        return False
    tree.changed[absolute(path)] = "added"
    return True


def _from_env(key: str, text: str) -> Any:
    label = f"environment CS_ALIGN_{key.upper()}"
    named = key in ("strategy", "format", "waivers")  # names of files, ids and formats
    return parse_option(label, _ENV_PARSERS.get(key, lambda v: v), text, number=not named)


def file_values(
    path: Path, tree: Tree = WORKTREE, allow_outside: bool = False
) -> tuple[dict[str, Any], str]:
    """The settings a config file gives (only those it names), and how to say where.

    Files it names resolve from its folder and must stay inside the repository.
    """
    parsed, doc = load_config(path, tree)
    found: dict[str, Any] = {}
    for key in SETTINGS:
        value = getattr(parsed, key)
        if value is not None:
            found[key] = _files_named(key, value, path.parent, doc, tree, allow_outside)
    for key in parsed.guardrails.model_fields_set:
        found[key] = getattr(parsed.guardrails, key)
    suffix = " [tool.cs-align]" if path.suffix == ".toml" else ""
    return found, doc.file + suffix


def _files_named(
    key: str, value: Any, folder: Path, doc: Document, tree: Tree, allow_outside: bool
) -> Any:
    """A setting that names files, checked where the config wrote it: each file inside the
    repository, each strategy and waiver file there (else an error at its line:col)."""
    if key not in NAMES_FILES:
        return value
    root = root_of(folder)

    def inside(text: str, at: tuple[str | int, ...]) -> str:
        pos = doc.value_pos(at)
        named_by = Problem(file=doc.file, line=pos.line, column=pos.column, message=repr(text))
        what = {"format": "output file", "waivers": "waiver file"}.get(key, "strategy file")
        found = confine(folder / text, root, allow_outside, named_by, what, key != "format")
        if found.is_dir():  # placed at the config's entry (review input31 F10: it was not)
            fix = "name a .yaml file inside it" if key == "waivers" else "name a file to write"
            raise PlanError(
                [named_by._replace(message=f"{key}: {what} {text!r} is a folder", fix=fix)]
            )
        if key == "format":
            _may_write(found, text, named_by)
        if key == "waivers" and not tree.exists(found):
            raise PlanError(
                [
                    named_by._replace(
                        message=f"waivers: waiver file {quoted(text)} not found",
                        fix=backslash_fix(text, "check the path (relative to the config file)"),
                    )
                ]
            )
        return str(found)

    if key == "strategy":
        return _strategy_named(value, folder, doc, Access(tree=tree, allow_outside=allow_outside))
    if key == "waivers":
        return [inside(v, (key, i)) for i, v in enumerate(value)]
    outputs = []
    for i, item in enumerate(value):
        name, _, target = item.partition(":")
        # `-` is standard output here too, as on the command line and in CS_ALIGN_FORMAT
        # (a file named `-` was written beside the config, review user26 U2).
        named = target and target != "-"
        outputs.append(f"{name}:{inside(target, (key, i))}" if named else item)
    return outputs


def _may_write(found: Path, text: str, named_by: Problem) -> None:
    """The refusals of an output a config names that can be told where it names it (review
    input31 F10): inside a `.git` folder, or over a plan. The output layer refuses them
    again when it writes (and the rest: a file cs-align did not write, a missing folder)."""
    from cs_align.discovery import is_plan

    said = f"format: output file {text!r}"
    if in_git_folder(found.parent):
        fix = "write the output to a file in the work tree or elsewhere"
        raise PlanError([named_by._replace(message=f"{said} is inside a .git folder", fix=fix)])
    if found.is_file() and is_plan(found):
        message = (
            f"{said} is a plan (cs-align would check it as one): no output is ever written "
            "over a plan"
        )
        fix = "name another file for the output"
        raise PlanError([named_by._replace(message=message, fix=fix)])


def _strategy_named(value: str, folder: Path, doc: Document, access: Access) -> str:
    """A strategy id, or the strategy file (inside the repository); unknown ids and
    missing files are errors at the config's line:col."""
    from cs_align.strategy import is_reference_to_file, resolve_reference

    pos = doc.value_pos(("strategy",))
    named_by = Problem(file=doc.file, line=pos.line, column=pos.column, message="")
    found = resolve_reference(value, folder, named_by=named_by, root=root_of(folder), access=access)
    return str(found) if is_reference_to_file(value) else value


_TOML_FIXES = {
    _WAIVER_FILES_FIX: _WAIVER_FILES_FIX.replace(
        "waivers: [waivers.yaml]", 'waivers = ["waivers.yaml"]'
    ),
    "write a list: one `- item` per line": 'write a list: ["first", "second"]',
    "write `key: value` pairs, indented under it": (
        "write `key = value` lines under a [tool.cs-align.KEY] header, or {key = value}"
    ),
}
"""Fixes the validator words for YAML, as they are written in a pyproject.toml."""


def _in_toml(problem: Problem) -> Problem:
    listed = re.fullmatch(r"write \[(.*)\]( \(a list.*\))", problem.fix)
    if listed:  # TOML quotes each text of a list: ["policy/waivers.yaml"]
        from cs_align.loader import flow_items

        items = ", ".join(json.dumps(item, ensure_ascii=False) for item in flow_items(listed[1]))
        return problem._replace(fix=f"write [{items}]{listed[2]}")
    return problem._replace(fix=_TOML_FIXES.get(problem.fix, problem.fix))


def _no_long_numbers(table: dict[str, Any], doc: Document, text: str) -> None:
    """Every text of `[tool.cs-align]` held to the digits a YAML config's text is held to
    (yamlsafe.longest_digits): `max_waiver_days = "8000…0"` of 100,000 digits was
    pydantic's "Unable to parse input string as an integer, exceeded maximum size", where the
    same text in `.cs-align.yaml` is refused in cs-align's words (review input59); and every
    number as YAML's are (`_toml_figure`)."""
    from cs_align.yamlsafe import longest_digits

    def visit(value: Any, path: _TomlPath) -> None:
        texts = (
            [value] if isinstance(value, str) else list(value) if isinstance(value, dict) else []
        )
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            at = _TomlAt(doc=doc, text=text, path=path)
            _toml_figure(at, Decimal(value), whole=isinstance(value, int))
        if digits := max((longest_digits(t) for t in texts), default=0):
            at = _TomlAt(doc=doc, text=text, path=path)
            at.refuse(*at.named(too_many_digits(digits)))
        if isinstance(value, dict):
            for key, item in value.items():
                visit(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*path, index))

    visit({k.replace("-", "_"): v for k, v in table.items()}, ())


_TomlPath = tuple[str | int, ...]


class _TomlAt(NamedTuple):
    """A value of a TOML config: where its problem is told, and how its number was written."""

    doc: Document
    text: str
    """The TOML file's text, which tomllib's figures are looked up in (`tomlpos.written`)."""
    path: _TomlPath

    def refuse(self, message: str, fix: str, figure: Decimal | None = None) -> NoReturn:
        """Raise the problem at the value, or at the number ``figure`` itself where it is
        found: inside an inline table or a nested array too."""
        from cs_align.tomlpos import written

        pos = self.doc.value_pos(self.path)
        if (
            self.path
            and figure is not None
            and (found := written(self.text, pos, self.path[-1], figure))
        ):
            pos = found[1]
        problem = Problem(file=self.doc.file, line=pos.line, column=pos.column, message=message)
        raise PlanError([problem._replace(fix=fix)])

    def named(self, problem: tuple[str, str]) -> tuple[str, str]:
        """``problem``'s message named by its field, as the YAML reader names one
        (`guardrails.max_total: …`, `format[1]: …`); TOML's said the figure alone (input61)."""
        from cs_align.yamlsafe import plan_path

        message, fix = problem
        return (f"{plan_path(None, self.path)}: {message}" if self.path else message), fix

    def shown(self, figure: Decimal) -> str:
        """What the author wrote (`1e400`, `0xff…`, `inf`), not `1E+400` (review input60)."""
        from cs_align.tomlpos import written

        if not self.path:
            return str(figure)
        found = written(self.text, self.doc.value_pos(self.path), self.path[-1], figure)
        return found[0] if found else str(figure)


_BASES = {"x": 16, "o": 8, "b": 2}


def _toml_figure(at: _TomlAt, figure: Decimal, whole: bool = False) -> None:
    """A number TOML reads, held as YAML's numbers are (yamlsafe): finite, at most MAX_DIGITS
    digits, a ``whole`` one at any size within them and any other within 10^±MAX_EXPONENT,
    and quoted as written (`inf` was said as "Infinity", `nan` as "NaN"). A whole number of
    31 to 40 digits was "out of range" in TOML where YAML's is read and held to its field's
    bounds ("must be at most 3660", "an absurd amount"), which say what to write (input61)."""
    if not figure.is_finite():
        message = f"`{at.shown(figure)}` is not a finite figure"
        at.refuse(*at.named((message, "write a realistic figure")), figure)
    if whole and re.match(r"[+-]?0[xob]", written := at.shown(figure), re.IGNORECASE):
        # `max_total = 0x5F5E100` was read, then said as 100000000, a figure the author never
        # wrote; YAML refuses `0x10` as no amount. A setting is written in decimal digits.
        message = f"`{written}` is a number in base {_BASES[written.lstrip('+-')[1].lower()]}"
        at.refuse(*at.named((message, f"write it in decimal digits: {figure}")), figure)
    digits = len(figure.as_tuple().digits)
    if digits > MAX_DIGITS:
        at.refuse(*at.named(too_many_digits(digits)), figure)
    if not whole and past_exponent(figure):
        message = f"`{at.shown(figure)}` is out of range"
        at.refuse(*at.named((message, "write a realistic figure")), figure)


def load_config(path: Path, tree: Tree = WORKTREE) -> tuple[ConfigFile, Document]:
    from cs_align.loader import require_mapping, validate
    from cs_align.yamlsafe import decode, load_text

    name = display(path)
    if path.suffix == ".toml":  # pyproject.toml, or any TOML file given with --config
        from cs_align.tomlpos import locate

        found = _tool_source(path, tree)
        if found is None and not tree.exists(path):
            raise usage(f"{name}: no such file", "check the path")
        if found is None:
            raise usage(
                f"{name}: has no [tool.cs-align] table",
                "put the settings under [tool.cs-align], or name a .cs-align.yaml",
            )
        table, text = found
        doc = locate(text, name)
        _no_long_numbers(table, doc, text)
        doc.data = {k.replace("-", "_"): v for k, v in table.items()}
        twice = [k for k in table if k.replace("-", "_") != k and k.replace("-", "_") in table]
        if twice:
            pos = doc.key_pos((twice[0].replace("-", "_"),))  # the later of the two
            raise PlanError(
                [
                    Problem(
                        file=name,
                        line=pos.line,
                        column=pos.column,
                        message=f"{twice[0]} and {twice[0].replace('-', '_')} are the same "
                        "setting, given twice",
                        fix="keep one of them",
                    )
                ]
            )
        try:
            return validate(ConfigFile, doc), doc
        except PlanError as exc:
            raise PlanError([_in_toml(p) for p in exc.problems]) from None
    raw = tree.read(path, name)
    if raw is None:
        raise usage(f"{name}: no such file", "check the path")
    name = tree.shown(path, name)
    text = decode(raw, name)
    try:
        doc = load_text(
            text, name, "a config holds settings such as `fail_on: error`", yes_no=_YES_NO()
        )
    except PlanError:
        _other_tools(text, name, path)
        raise
    require_mapping(doc, "a config file", "write `fail_on: error` and similar keys")
    _other_tools(text, name, path)
    return validate(ConfigFile, doc), doc


def _YES_NO() -> frozenset[str]:
    """The settings that take true or false: the guardrail switches as well (`block (or
    true)`, `false`), whose values are words."""
    from cs_align.loader import yes_no_keys

    return yes_no_keys(ConfigFile) | {"no_verdict_regression", "no_new_errors"}


def _other_tools(text: str, name: str, path: Path) -> None:
    """A config file that plainly holds another tool's file (a workflow's `jobs:`, a
    Dependabot `updates:`) is said to be one: it was "key 'on' is not text … quote it", a
    fix that led on to "unknown key 'name'", key by key (review attack59)."""
    from cs_align.discovery import event_keys, other_tool

    keys = event_keys(text)
    what = other_tool(keys)
    if what is None or keys & set(ConfigFile.model_fields):
        return
    key = next(k for k in sorted(keys) if other_tool({k}) == what)
    line, column = 1, 1
    for number, row in enumerate(text.splitlines(), 1):
        if found := re.match(rf"""(["']?){re.escape(key)}\1\s*:""", row):
            line, column = number, found.start() + 1
            break
    raise PlanError(
        [
            Problem(
                file=name,
                line=line,
                column=column,
                message=f"this is {what} (its `{key}:`), not cs-align's settings: cs-align reads "
                f"every {path.name} as its config",
                fix=f"give that file another name, and keep {path.name} for cs-align's settings "
                "(`fail_on: error`, `guardrails:` and similar keys)",
            )
        ]
    )
