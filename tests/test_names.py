"""Organisation names as the gate compares them: what looks the same is the same name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align.names import same_name

NAME = "Example Delight Co"


@pytest.mark.parametrize(
    "written",
    [
        "Example Delight Cо",  # a Cyrillic о
        "Ехаmple Dеlight Cо",  # Cyrillic е, х, а, е, о
        "Εxample Delight Co",  # a Greek capital Ε (its small ε looks like no Latin letter)
        "ΕXAMPLE DELΙGHT CO",  # Greek Ε and Ι among capitals
        "ＥＸＡＭＰＬＥ Delight Co",  # full-width letters
        "example  delight co ",
        "Example\u200b Delight Co\x00",  # a zero-width space and a NUL a screen does not show
    ],
)
def test_a_name_that_looks_the_same_is_the_same_name(written: str) -> None:
    assert same_name(written) == same_name(NAME) == "example delight co"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Acme Tea", "Acme Rea"),
        ("Müller GmbH", "Muller GmbH"),  # an accent a reviewer sees
        ("Acme EMEA", "Acme APAC"),
        ("Acme C0", "Acme CO"),  # ASCII is read as written: a code review tells 0 from O
        ("Acme Il", "Acme ll"),
    ],
)
def test_names_a_reviewer_tells_apart_stay_apart(one: str, other: str) -> None:
    assert same_name(one) != same_name(other)


LETTERS = st.sampled_from(
    [*"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .-&"]
    + [chr(c) for c in range(0xC0, 0x17F)]  # Latin with accents
    + [chr(c) for c in range(0x370, 0x3FF)]  # Greek
    + [chr(c) for c in range(0x400, 0x4FF)]  # Cyrillic
    + [*"ıİſßẞ\u0301\u0308\u200b"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(LETTERS, max_size=16).map("".join))
def test_case_never_makes_two_names_and_reading_twice_changes_nothing(name: str) -> None:
    assert same_name(name) == same_name(name.upper()) == same_name(name.lower())
    assert same_name(same_name(name)) == same_name(name)
