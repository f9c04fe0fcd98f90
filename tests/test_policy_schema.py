"""`cs-align schema strategy-file` and `cs-align schema waivers` agree with the readers of
strategy and waiver files: an editor flags what `check` refuses, and passes what it takes,
over the mistakes a consultant makes writing them (a misspelt rule id or option, `5` for
`5%`, a duration without its unit, a date in another format)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from cs_align.errors import CsAlignError
from cs_align.policyschema import strategy_file_schema, waivers_schema
from cs_align.repo import DEFAULT_ACCESS
from cs_align.rules import REGISTRY, options_model
from cs_align.strategy import _load, builtin_files
from cs_align.waivers import load_waiver_file
from cs_align.yamlsafe import load_text
from tests.conftest import ROOT, Invoke, examples, flow_yaml
from tests.test_formats import PLAN_WAIVERS, WAIVER_FILE
from tests.test_schema import _patterns

FORMATS = Draft202012Validator.FORMAT_CHECKER


def _as_written(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema as an editor reads its JSON; its decimals as Decimal, as the YAML reader
    gives a file's (0.99 as a float is not 0.99)."""
    loaded: dict[str, Any] = json.loads(json.dumps(schema), parse_float=Decimal)
    return loaded


STRATEGY = Draft202012Validator(_as_written(strategy_file_schema()), format_checker=FORMATS)
WAIVERS = Draft202012Validator(_as_written(waivers_schema()), format_checker=FORMATS)
SCHEMAS = ROOT / "schema"


def _errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("name", sorted(builtin_files()))
def test_every_builtin_strategy_validates(name: str) -> None:
    text = builtin_files()[name].read_text(encoding="utf-8")
    assert _errors(STRATEGY, load_text(text, f"{name}.yaml").data) == []


def _readme_waivers() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Waivers", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    return "waivers:" + block.split("waivers:", 1)[1].split("staffing:", 1)[0]


@pytest.mark.parametrize(
    "text", [WAIVER_FILE, PLAN_WAIVERS, _readme_waivers()], ids=["file", "plan", "readme"]
)
def test_every_example_waiver_file_validates(text: str, tmp_path: Path) -> None:
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    text = re.sub(r"expires: \S+", f"expires: {future}", text)
    assert _errors(WAIVERS, load_text(text, "waivers.yaml").data) == []
    (tmp_path / "waivers.yaml").write_text(text, encoding="utf-8")
    assert load_waiver_file(tmp_path / "waivers.yaml")


@pytest.mark.parametrize("name", ["strategy-file", "waivers", "plan"])
def test_committed_schema_files_are_current(name: str, invoke: Invoke) -> None:
    result = invoke("schema", name)
    committed = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert result.code == 0 and json.loads(result.out)["$schema"].endswith("2020-12/schema")
    assert result.out == committed, (
        f"schema/{name}.schema.json is stale: run `cs-align schema {name} > "
        f"schema/{name}.schema.json`"
    )


def test_schema_help_names_the_policy_files(invoke: Invoke) -> None:
    result = invoke("schema", "--help")
    flat = " ".join(result.out.split())
    assert "strategy-file" in flat and "waivers" in flat
    refused = invoke("schema", "waiver")
    assert refused.code == 2 and "strategy-file, waivers" in refused.err


# ---- what the readers take, and the schemas ------------------------------------------


def read_strategy(data: dict[str, Any]) -> str | None:
    """What `check` says of ``data`` written out as a strategy file: None when it reads it,
    else its message."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ours.yaml"
        path.write_text(flow_yaml(data), encoding="utf-8")
        try:
            _load(path, (), DEFAULT_ACCESS)
        except CsAlignError as exc:
            return str(exc)
    return None


def both(data: dict[str, Any]) -> tuple[bool, bool, str]:
    """(the reader takes it, the schema takes it, the reader's message), for one file's text
    read both ways (the schema sees what YAML reads, as an editor does)."""
    said = read_strategy(data)
    schema = STRATEGY.is_valid(load_text(flow_yaml(data), "ours.yaml").data)
    return said is None, schema, said or ""


def strategy(rules: Any) -> dict[str, Any]:
    return {"id": "ours", "name": "Ours", "rules": rules}


@pytest.mark.parametrize(
    ("rules", "accepted"),
    [
        ([{"rule": "goodwill-budget", "min_share": "5%"}], True),
        ([{"rule": "goodwill-budget", "min_share": Decimal("0.05")}], True),
        ([{"rule": "goodwill-budget", "min_share": 5}], False),  # 5 for 5%
        ([{"rule": "goodwil-budget", "min_share": "5%"}], False),  # misspelt rule
        ([{"rule": "goodwill-budget", "min_shar": "5%"}], False),  # misspelt option
        ([{"rule": "human-line-limited", "fastest_human_answer": "4h"}], True),
        ([{"rule": "human-line-limited", "fastest_human_answer": "4"}], False),  # no unit
        ([{"rule": "answer-speed", "live": "80% in 20s"}], True),
        ([{"rule": "answer-speed", "live": "80% in 20"}], False),
        ([{"rule": "training-hours", "min_hours": 80, "funded": True}], True),
        ([{"rule": "training-hours", "min_hours": 9000}], False),
        ([{"rule": "reps-can-fix", "currency": "usd"}], False),
        ([{"rule": "no-scripts", "severity": "warn"}], False),
        ([{"rule": "no-scripts", "source": "002", "house_default": "ours"}], False),
        ([{"rule": "metric", "metric": "shrinkage", "min": "25%"}], True),
        ([{"rule": "metric", "metric": "shrinkag", "min": "25%"}], False),
        ({"goodwill-budget": {"min_share": "5%"}, "no-scripts": "error"}, True),
        ({"goodwill-budget": {"min_share": 5}}, False),
        ({"no-script": "error"}, False),
    ],
)
def test_near_misses_are_flagged_by_the_schema_as_by_the_reader(rules: Any, accepted: bool) -> None:
    reader, schema, said = both(strategy(rules))
    assert (reader, schema) == (accepted, accepted), said


MISSPELT_RULES = ["goodwill_budget", "traning-hours", "metrics", "no-script", "Answer-speed"]
SEVERITIES = ["error", "warning", "info", "off", "disable", None, "warn", "Error", "fatal"]
VALUES: list[Any] = [
    5,
    "5%",
    "5",
    "0.05",
    Decimal("0.05"),
    "1%",
    Decimal("1.5"),
    0,
    80,
    "80",
    "80h",
    "4h",
    "4",
    14400,
    "80% in 20s",
    "80/20",
    "80%",
    "80% in 20",
    "20s",
    "2027-01-01",
    "01/01/2027",
    "USD",
    "usd",
    True,
    False,
    -1,
    "-5%",
    150,
    "150%",
    None,
    "shrinkage",
    "cost_per_contact",
    ["handle_time"],
    "lots",
    "",
    "1e2",
    ".5",
    "1_200",
    "12.0",
    "-0.05",
    "0.5%",
    "99%",
    "yes",
    1,
    Decimal("0.99"),
    Decimal("12.5"),
    "25h",
    8767,
]
"""Near misses beside good values: a share's `5` for `5%`, a duration's `4` for `4h`, a date
in another format, a currency in lower case, a figure past its bound."""


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    rule = draw(st.sampled_from([*REGISTRY, *MISSPELT_RULES]))
    entry: dict[str, Any] = {"rule": rule}
    if draw(st.booleans()):
        entry["severity"] = draw(st.sampled_from(SEVERITIES))
    names = sorted(options_model(REGISTRY[rule]).model_fields) if rule in REGISTRY else []
    misspelt = [n[:-1] for n in names] + [n + "s" for n in names] + ["threshold"]
    for name in draw(st.lists(st.sampled_from([*names, *misspelt] or ["min"]), max_size=2)):
        if name == "metric":
            entry[name] = draw(st.sampled_from(["shrinkage", "service_level", "shrinkag", 5]))
        else:
            entry[name] = draw(st.sampled_from(VALUES))
    if draw(st.booleans()):
        entry[draw(st.sampled_from(["source", "house_default"]))] = draw(
            st.sampled_from(["ICMI benchmark", "no", None])
        )
    return entry


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(entry=entries(), short=st.booleans())
def test_a_strategy_entry_validates_exactly_when_the_reader_takes_it(
    entry: dict[str, Any], short: bool
) -> None:
    if short and "rule" in entry:  # the mapping form: `rules: {ID: {options}}`
        rest = {k: v for k, v in entry.items() if k != "rule"}
        data = strategy({entry["rule"]: rest or entry.get("severity")})
    else:
        data = strategy([entry])
    reader, schema, said = both(data)
    if SWITCHES_ON_NONE in said:
        # An entry that turns its rule off leaves a strategy of no rule, which the reader
        # refuses as a whole (a plan judged by it would always pass); the schema judges
        # entries, not which rules a file and its extends leave on.
        assert schema, data
        return
    if entry["rule"] == "metric" or THREE_DECIMALS in said:
        # A metric's bounds are read in its unit, and three decimals asked about, beyond
        # what the schema says (its descriptions say so): it never refuses what is read.
        assert schema or not reader, data
        return
    assert schema == reader, (data, said, _errors(STRATEGY, data))


THREE_DECIMALS = "three decimals"
SWITCHES_ON_NONE = "switches on no rule"


@pytest.mark.parametrize("rule", sorted(set(REGISTRY) - {"metric"}))
def test_every_option_of_every_rule_validates_exactly_when_it_is_read(rule: str) -> None:
    """Each option alone, with each near miss: the schema and the reader agree."""
    for name in sorted(options_model(REGISTRY[rule]).model_fields):
        for value in VALUES:
            data = strategy([{"rule": rule, name: value}])
            reader, schema, said = both(data)
            if THREE_DECIMALS in said:  # `1.200`: 1.2 or 1,200? the reader asks
                assert schema
                continue
            assert schema == reader, (rule, name, value, said)


def read_waivers(data: dict[str, Any]) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "waivers.yaml"
        path.write_text(flow_yaml(data), encoding="utf-8")
        try:
            load_waiver_file(path)
        except CsAlignError:
            return False
    return True


WAIVER_RULES = ["no-scripts", "answer-speed", "no-script", "policy-changed", "waiver-expired"]
DATES = ["2027-03-31", "2027-3-31", "31/03/2027", "2027-02-30", "2027-03-31T00:00:00", 20270331]
REASONS = ["scripts stay until spring training", "tbd", "too short", "two words only here"]
OWNERS = ["head-of-service", "@jsmith", "x", "ops", "42"]


@settings(max_examples=examples(150), deadline=None)
@given(
    rule=st.sampled_from(WAIVER_RULES),
    expires=st.sampled_from(DATES),
    reason=st.sampled_from(REASONS),
    owner=st.sampled_from(OWNERS),
    extra=st.sampled_from([{}, {"path": "staffing.uses_scripts"}, {"pathh": "x"}]),
)
def test_a_waiver_validates_exactly_when_the_reader_takes_it(
    rule: str, expires: Any, reason: str, owner: str, extra: dict[str, str]
) -> None:
    data = {
        "waivers": [{"rule": rule, "reason": reason, "owner": owner, "expires": expires, **extra}]
    }
    reader = read_waivers(data)
    schema = WAIVERS.is_valid(load_text(flow_yaml(data), "waivers.yaml").data)
    if reason in ("tbd", "two words only here") or owner == "42":
        # Words, placeholders and a letter in the owner: the reader's, as the schema's
        # descriptions say; the schema never refuses what the reader takes.
        assert schema or not reader, data
        return
    assert schema == reader, (data, _errors(WAIVERS, data))


def test_option_descriptions_come_from_the_rules_own_documentation() -> None:
    branch = strategy_file_schema()["$defs"]["rule:goodwill-budget"]
    assert branch["description"].startswith("goodwill-budget: ")
    assert "(cs-align explain goodwill-budget)" in branch["description"]
    assert "share of the total budget" in branch["properties"]["min_share"]["description"]


PATTERNS = sorted(set(_patterns(strategy_file_schema())) | set(_patterns(waivers_schema())) - {""})


def test_policy_schema_patterns_read_alike_in_python_and_javascript() -> None:
    for pattern in PATTERNS:
        assert pattern.startswith("^") and pattern.endswith("$"), pattern
        for python_only in (r"\d", r"\w", "(?P<", r"\Z", r"\A", "(?i", "(?#"):
            assert python_only not in pattern, (python_only, pattern)
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    samples = sorted({v for v in VALUES if isinstance(v, str)} | {"80h", "1_2_0", "+0.5", "-1%"})
    script = (
        "const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(data.patterns.map("
        "p => { const r = new RegExp(p, 'u'); return data.samples.map(s => r.test(s)); })));"
    )
    given = json.dumps({"patterns": PATTERNS, "samples": samples})
    result = subprocess.run(
        [node, "-e", script], input=given, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    python = [[re.search(p, s) is not None for s in samples] for p in PATTERNS]
    assert json.loads(result.stdout) == python
