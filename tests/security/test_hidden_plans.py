"""A plan cannot hide from a folder check: whatever makes the folder scan and the YAML
reader see different keys (line breaks a screen does not show, a config's name, a long
head of comments) makes the file a plan that is judged or refused, never skipped."""

from __future__ import annotations

import json

import pytest

from tests.security.conftest import MISALIGNED, Repo, cli

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


@pytest.mark.parametrize(
    ("name", "text"),
    [
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
