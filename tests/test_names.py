"""Organisation names as the gate compares them: what looks the same is the same name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align.lookalikes import LOOK_ALIKE
from cs_align.names import name_key, same_name, same_organisation
from tests.conftest import ROOT, examples

NAME = "Example Delight Co"


@pytest.mark.parametrize(
    "written",
    [
        "Example Delight Cо",  # a Cyrillic о
        "Ехаmple Dеlight Cо",  # Cyrillic е, х, а, е, о
        "Εxample Delight Co",  # a Greek capital Ε (its small ε looks like no Latin letter)
        "ΕXAMPLE DELΙGHT CO",  # Greek Ε and Ι among capitals
        "Example DeӀight Co",  # a Cyrillic palochka for the l
        "ＥＸＡＭＰＬＥ Delight Co",  # full-width letters
        "example  delight co ",
        "Example\tDelight Co",  # a tab for the space: the words are not joined into one
        "Example Delight Co.",  # punctuation
        "Example\u200b Delight Co\x00",  # a zero-width space and a NUL a screen does not show
        "Exam\u034fple Delight\ufe0f Co",  # a grapheme joiner, a variation selector
        "Example\u3164Delight\u2800Co",  # a Hangul filler and a blank braille pattern
        "Exam\u0323ple Delight Co",  # a dot below, easily missed
        "Example Del\u0131\u0307ght Co",  # a dotless ı with a dot put back
    ],
)
def test_a_name_that_could_look_the_same_is_the_same_name(written: str) -> None:
    assert same_name(written) == same_name(NAME) == "exampledellghtco"


def test_ascii_that_looks_alike_is_read_as_one() -> None:
    # l, I, i, 1 and |; 0 and o: "Studio 1ОО" (Cyrillic О) is Studio 100.
    assert same_name("Studio 100") == same_name("Studio 1ОО") == same_name("STUDIO lOO")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Acme Tea", "Acme Rea"),
        ("Acme EMEA", "Acme APAC"),
        ("Example Delight Co", "Other Co"),
        ("Acme", "Acne"),
    ],
)
def test_names_a_reviewer_tells_apart_stay_apart(one: str, other: str) -> None:
    assert same_name(one) != same_name(other)


LETTERS = st.sampled_from(
    [*"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .-&"]
    + [chr(c) for c in range(0xC0, 0x17F)]  # Latin with accents
    + [chr(c) for c in range(0x370, 0x3FF)]  # Greek
    + [chr(c) for c in range(0x400, 0x4FF)]  # Cyrillic
    + [*"ıİſßẞ\u0301\u0308\u200b\t\u3164\u2800"]
)


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(LETTERS, max_size=16).map("".join))
def test_case_never_makes_two_organisations(name: str) -> None:
    key = name_key(name)
    assert same_organisation(key, name_key(name.upper()))
    assert same_organisation(key, name_key(name.lower()))


def _alikes() -> list[tuple[str, str]]:
    from confusable_homoglyphs import confusables

    return [
        (char, alike["c"])
        for char, alikes in confusables.confusables_data.items()
        for alike in alikes
        if len(char) == 1
        and not char.isascii()
        and alike["c"].isascii()
        and alike["c"].isalnum()
        and len(alike["c"]) == 1
    ]


def test_the_shipped_look_alikes_are_unicodes_confusables_as_installed() -> None:
    # cs_align.lookalikes is built once by scripts/lookalikes.py (reading the package's
    # 900 KB of JSON cost every gated run about 90 ms). A new confusable-homoglyphs that
    # changes the table fails here until the script is run again.
    import runpy

    script = runpy.run_path(str(ROOT / "scripts" / "lookalikes.py"))
    assert script["build"]() == LOOK_ALIKE, "run python scripts/lookalikes.py"
    assert LOOK_ALIKE["\u0430"] == "a"  # CYRILLIC SMALL LETTER A
    assert LOOK_ALIKE["\u0399"] == "I"  # GREEK CAPITAL LETTER IOTA: a capital, as written
    assert all(not c.isascii() and len(c) == 1 and a.isascii() for c, a in LOOK_ALIKE.items())


def test_every_look_alike_of_an_ascii_letter_or_digit_is_that_letter() -> None:
    # Unicode's confusables list 1,315 characters that look like one ASCII letter or digit;
    # written in a name in its place, each leaves the organisation the same.
    alikes = _alikes()
    assert len(alikes) > 1000
    missed = [
        (char, ascii_)
        for char, ascii_ in alikes
        if not same_organisation(name_key(f"Acme {char}x"), name_key(f"Acme {ascii_}x"))
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("capital", "latin"), [("Νorthwind Co", "Northwind Co"), ("Example Delight Ϲo", NAME)]
)
def test_a_capital_that_looks_like_a_latin_one_is_that_letter(capital: str, latin: str) -> None:
    # A Greek capital Nu looks like N though its small ν looks like v; a lunate capital
    # sigma looks like C though normalising makes it a Σ.
    assert same_organisation(name_key(capital), name_key(latin))
