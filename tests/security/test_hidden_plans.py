"""A plan cannot hide from a folder check: whatever makes the folder scan and the YAML
reader see different keys (line breaks a screen does not show, a config's name, a long
head of comments) makes the file a plan that is judged or refused, never skipped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align.discovery import kind
from cs_align.yamlsafe import HIDDEN_BREAK, hidden_break
from tests.conftest import examples
from tests.security.conftest import ALIGNED, MISALIGNED, Repo, cli

__all__ = ["cli"]

BODY = "\n".join(line for line in MISALIGNED.splitlines() if not line.startswith("#"))


def _cr_only() -> str:
    return ("waivers: []\n" + BODY).replace("\n", "\r")


def _behind_line_separators() -> str:
    # Every top-level key after "#<U+2028>": a comment on screen, a key to YAML.
    lines = [
        f"#\u2028{line}" if line and not line[0].isspace() else line for line in BODY.split("\n")
    ]
    return "\n".join(["waivers: []", *lines])


def _after_a_long_head() -> str:
    return "waivers: []\n" + "# padding\n" * 8000 + BODY.replace("waivers:", "x_waivers:")


def _explicit_keys() -> str:
    # `? version` on one line, `: 1` on the next: YAML's explicit keys, no `key:` to see.
    lines = [re.sub(r"^([A-Za-z_]\w*):(.*)$", r"? \1\n:\2", line) for line in BODY.split("\n")]
    return "\n".join(["waivers: []", *lines])


def _indented() -> str:
    # The whole plan indented one space (a root mapping may be), and `waivers: []` at the
    # start of a line inside the quoted promise: a line reading sees only that "key".
    lines = [f" {line}" if line else line for line in BODY.split("\n")]
    text = "\n".join(lines)
    start = text.index(' promise: "') + len(' promise: "')
    return text[:start] + "\nwaivers: []\n" + text[start:]


def _escaped() -> str:
    # The plan's keys spelt with YAML escapes, and a strategy's keys inside quoted text.
    text = BODY.replace("version:", '"\\x76ersion":', 1)
    text = text.replace("\nchannels:", '\n"\\x63hannels":', 1)
    start = text.index('promise: "') + len('promise: "')
    return text[:start] + "\nid: notes\nextends: delight\n" + text[start:]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("plans/indented.yaml", _indented()),
        ("plans/escaped.yaml", _escaped()),
        ("plans/explicit.yaml", _explicit_keys()),
        ("plans/SHOUTED.YAML", MISALIGNED),
        ("plans/anchored.yaml", "&top " + _explicit_keys()),
        ("plans/evil.yaml", _cr_only()),
        ("plans/hidden.yaml", _behind_line_separators()),
        ("plans/long.yaml", _after_a_long_head()),
        ("plans/newco/.cs-align.yml", MISALIGNED),
    ],
)
def test_a_disguised_plan_in_a_folder_is_never_skipped(
    repo: Repo, cli: object, name: str, text: str
) -> None:
    repo.write(name, text)
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert result.code in (1, 2), result.out + result.err
    data = json.loads(result.out)
    seen = [p["path"] for p in data["plans"]] + [e["file"] for e in data["errors"]]
    assert name in seen


def test_line_breaks_a_reviewer_cannot_see_are_refused_with_their_place(
    repo: Repo, cli: object
) -> None:
    repo.write("plans/hidden.yaml", _behind_line_separators())
    result = cli("check", "plans/hidden.yaml")  # type: ignore[operator]
    assert result.code == 2
    assert "plans/hidden.yaml:2:2: line separator (a line break to YAML, none on screen)" in (
        result.err
    )
    repo.write("plans/evil.yaml", _cr_only())
    result = cli("check", "plans/evil.yaml")  # type: ignore[operator]
    assert result.code == 2 and "carriage return without a line feed" in result.err
    repo.write("plans/bidi.yaml", MISALIGNED.replace("organisation: ", "organisation: \u202e"))
    result = cli("check", "plans/bidi.yaml")  # type: ignore[operator]
    assert result.code == 2 and "bidirectional text control U+202E" in result.err


KEYS = st.sampled_from(["version", "channels", "waivers", "id", "rules", "extends", "name"])
STYLES = st.sampled_from(
    [
        "{k}: []",
        '"{k}": []',
        "'{k}': []",
        "? {k}\n: []",
        "!!str {k}: []",
        "&a{i} {k}: []",
        "? !!str {k}\n:\n  []",
        "{k}:\n  []",
    ]
)


@settings(max_examples=examples(300), deadline=None)
@given(
    written=st.lists(st.tuples(KEYS, STYLES), min_size=1, max_size=5, unique_by=lambda t: t[0]),
    start=st.sampled_from(["", "---\n", "--- # plan\n", "%YAML 1.1\n---\n"]),
)
def test_no_way_of_writing_the_keys_makes_a_plan_look_like_something_else(
    tmp_path_factory: pytest.TempPathFactory, written: list[tuple[str, str]], start: str
) -> None:
    # Whatever style each key is written in (explicit keys, quotes, tags, anchors, document
    # markers), the folder scan may skip a file only when YAML reads no plan key in it.
    text = start + "".join(
        style.format(k=key, i=i) + "\n" for i, (key, style) in enumerate(written)
    )
    path = Path(tmp_path_factory.mktemp("styles")) / "file.yaml"
    path.write_text(text)
    if kind(path) != "plan":
        assert not {"version", "channels"} & set(yaml.safe_load(text)), text


@settings(max_examples=examples(500), deadline=None)
@given(
    st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\x85", "\u2028", "\u2029"])).map(
        "".join
    )
)
def test_the_quick_look_for_hidden_breaks_finds_what_the_pattern_finds(text: str) -> None:
    # The folder scan looks for the break characters one by one before it runs the pattern;
    # it must report the same first break (or none) as the pattern alone.
    found, expected = hidden_break(text), HIDDEN_BREAK.search(text)
    assert (found and found.span()) == (expected and expected.span())


def test_what_a_strategy_or_config_may_not_hold_is_said_of_that_file(
    repo: Repo, cli: object
) -> None:
    # Review user26 U8: a waiver or strategy file holding a bidirectional control was told
    # "a plan is plain UTF-8 text", a config holding a YAML tag that it is "not allowed in a
    # plan".
    repo.write("ours.yaml", "id: ours\nname: Ours\u202e\nextends: delight\n")
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: ../ours.yaml"))
    result = cli("check", "plans/acme.yaml")  # type: ignore[operator]
    assert result.code == 2
    assert "remove it; plans, strategies, waivers and configs are plain UTF-8 text" in result.err
    repo.write(".cs-align.yaml", "fail_on: !!str error\n")
    result = cli("check", "plans/acme.yaml")  # type: ignore[operator]
    assert result.code == 2
    assert ".cs-align.yaml:1:10: YAML tag tag:yaml.org,2002:str is not allowed in cs-align's" in (
        result.err
    )
