"""Review input61: plans read as their authors wrote them, or refused at the value itself
with what to write instead; and any bytes at all given as a plan end in a clear exit."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import GOOD, Invoke, examples

VOLUME = "volume: {contacts: 9000, per: month}"


@pytest.mark.parametrize(
    ("volume", "said"),
    [
        (
            "volume: {contacts: ~, per: month}",
            "plan.yaml:15:24: channels[phone].volume.contacts: is empty — write e.g. "
            "`contacts: 40000`",
        ),
        (
            "volume: {contacts: 9000, per: }",
            "plan.yaml:15:35: channels[phone].volume.per: is empty — write e.g. `per: month`",
        ),
        (
            'volume: {interval: ~, intervals: [{at: "08:00", contacts: 9000}]}',
            "plan.yaml:15:24: channels[phone].volume.interval: is empty — write e.g. "
            "`interval: 30m`",
        ),
    ],
    ids=["contacts", "per", "interval"],
)
def test_a_volume_part_left_empty_is_told_at_that_part(
    invoke: Invoke, tmp_path: Path, volume: str, said: str
) -> None:
    # Before: "plan.yaml:15:13: channels[phone].volume: volume needs contacts and per", at
    # the `{`, of a volume that wrote both keys.
    assert VOLUME in GOOD
    (tmp_path / "plan.yaml").write_text(GOOD.replace(VOLUME, volume), encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err
    assert "needs contacts and per" not in result.err


def test_a_volume_without_its_period_is_still_told_what_it_needs(
    invoke: Invoke, tmp_path: Path
) -> None:
    plan = GOOD.replace(VOLUME, "volume: {contacts: 9000}")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "plan.yaml:15:13: channels[phone].volume: volume needs contacts and per" in result.err


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        # U+1000 is three bytes, one character: the stray byte after it is column 2 (was 4).
        ("plan.yaml", b"\xe1\x80\x80\x80", "plan.yaml:1:2: byte 0x80 is not valid UTF-8"),
        # After a BOM: the byte three before was told, `0xef` at 1:1 for the `0xe9`.
        ("plan.yaml", b"\xef\xbb\xbfab\xe9", "plan.yaml:1:3: byte 0xe9 is not valid UTF-8"),
        (
            "plan.yaml",
            b'\xef\xbb\xbfversion: 1\norganisation: "Caf\xc3\xa9 \xe9"\n',
            "plan.yaml:2:21: byte 0xe9 is not valid UTF-8",
        ),
        # A settings file is read by the same decoder.
        (".cs-align.yaml", b"fail_on: \xc3\xa9\xe9\n", ".cs-align.yaml:1:11: byte 0xe9"),
    ],
    ids=["three-byte-character", "bom", "bom-second-line", "config"],
)
def test_a_byte_that_is_not_utf8_is_placed_in_characters_after_any_bom(
    invoke: Invoke, tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


STRATEGY = """id: ours
name: Our delight
extends: delight
rules:
  - {rule: leadership-in-service, severity: disable}
  - {rule: training-hours, min_hours: 90, funded: true, source: "our onboarding study"}
"""


@pytest.mark.parametrize(
    ("name", "old", "new", "said"),
    [
        # Where no true or false belongs, quoting is the fix: "write true or false, or quote
        # it" offered a yes/no the field refuses next.
        (
            "ours.yaml",
            "severity: disable",
            "severity: off",
            "ours.yaml:5:45: rules[0].severity: `off` is a boolean to some YAML tools and text "
            'to others — quote it, as the text it is here: "off"\n',
        ),
        (
            "plan.yaml",
            "- id: phone",
            "- id: no",
            "plan.yaml:12:9: channels[no].id: `no` is a boolean to some YAML tools and text to "
            'others — quote it, as the text it is here: "no"\n',
        ),
        (
            "plan.yaml",
            "rewarded_on: [csat, first_contact_resolution]",
            "rewarded_on: [csat, on]",
            'quote it, as the text it is here: "on"\n',
        ),
        # Where a yes/no belongs, the one the word means: quoting it was refused next.
        (
            "plan.yaml",
            "uses_scripts: false",
            "uses_scripts: no",
            "plan.yaml:39:17: staffing.uses_scripts: `no` is a boolean to some YAML tools and "
            "text to others — write false\n",
        ),
        ("ours.yaml", "funded: true", "funded: yes", "rules[1].funded: `yes` is a boolean"),
        (".cs-align.yaml", "", "ignore_waivers: On\n", "ignore_waivers: `On` is a boolean"),
    ],
    ids=["severity", "channel-id", "list-item", "practice", "rule-option", "setting"],
)
def test_a_yaml_11_boolean_is_told_the_fix_its_field_takes(
    invoke: Invoke, tmp_path: Path, name: str, old: str, new: str, said: str
) -> None:
    files = {
        "plan.yaml": GOOD.replace("strategy: delight", "strategy: ours.yaml"),
        "ours.yaml": STRATEGY,
        ".cs-align.yaml": "fail_on: error\n",
    }
    assert old in files[name]
    files[name] = files[name].replace(old, new, 1) if old else files[name] + new
    for file, text in files.items():
        (tmp_path / file).write_text(text, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err
    expected = "write true" if "On" in new or "yes" in new else "write false"
    if "quote it" not in said:
        assert expected in result.err and "quote it" not in result.err, result.err


# ---- any bytes as a plan ------------------------------------------------------------------

_HOSTILE = [
    *("1,5", "1.000", "5 %", "0.8", "$1.2M", "1e3", "08:00", "1_000", "1:30", "on", "no"),
    *("010", "2027-01-01", ".inf", "~", "0x10", "1e400", "9" * 45, "P1Y", "1h30m1h", "80/20"),
    *("\u200b", "\ufeff", "\x00", "\r", "\t", "---", "&a", "*a", "<<: *a", "!!python/object"),
    *("'", '"', "{", "[", "]", "}", ",", ": ", "- ", "#", "|", ">", "%YAML 1.1", "８０%"),
]


@st.composite
def plan_bytes(draw: st.DrawFn) -> bytes:
    """Any bytes at all, or the aligned example cut and patched with YAML's and cs-align's
    hard cases, in UTF-8 or an encoding a plan is not written in."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=400))
    text = GOOD
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 16))
        patch = draw(st.sampled_from(_HOSTILE) | st.text(max_size=6))
        text = text[:at] + patch + text[at + cut :]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, "replace")


_PLACE = re.compile(r"^plan\.yaml:(\d+):(\d+): ", re.MULTILINE)


def _within(data: bytes, line: int, column: int) -> bool:
    """Whether line:column names a character of the file, or the end of one of its lines."""
    lines = data.decode("utf-8", "replace").lstrip("\ufeff").split("\n")
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=plan_bytes())
def test_any_bytes_as_a_plan_end_in_a_clear_exit(
    invoke: Invoke, tmp_path: Path, data: bytes
) -> None:
    """Exit 0, 1 or 2, never a traceback nor cs-align's own fault, within 5 s of CPU; each
    problem of an unusable plan placed at a line and column of the file."""
    (tmp_path / "plan.yaml").write_bytes(data)
    started = time.process_time()
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert time.process_time() - started < 5
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    if result.code == 2:
        places = _PLACE.findall(result.err)
        assert places, result.err
        for line, column in places:
            assert _within(data, int(line), int(column)), (line, column, result.err)


@pytest.mark.parametrize(
    "key", ["2027-01-01", "2027-1-1", "2027-01-01T10:00:00", "2027-01-01 10:00:00"]
)
def test_a_date_as_a_key_is_asked_to_be_quoted(invoke: Invoke, tmp_path: Path, key: str) -> None:
    # Before: `lines: {2027-01-01: 5, …}` was a budget line named by the text, where YAML
    # 1.1 tools (PyYAML's default loader) read a date, as they read `yes`, which cs-align
    # refuses as a key.
    lines = "lines: {people: 1283400,"
    assert lines in GOOD
    plan = GOOD.replace(lines, "lines: {" + f"{key}: 5, people: 1283400,")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    said = f"plan.yaml:49:11: key '{key}' is a date to some YAML tools and text to others"
    assert said in result.err, result.err
    assert f'quote it: "{key}":' in result.err
    quoted = GOOD.replace(lines, "lines: {" + f'"{key}": 0, people: 1283400,')
    (tmp_path / "plan.yaml").write_text(quoted, encoding="utf-8")
    assert invoke("check", "plan.yaml", cwd=tmp_path).code == 0
