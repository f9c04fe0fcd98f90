"""Names as a reviewer tells them apart: two names that could look the same are one name.

The gate compares organisation names to know which plans are one organisation's money (see
cs_align.policy). Where two names could be mistaken for each other on a screen, they are one
organisation: merging two names at worst blocks a change a person then reviews, while
telling them apart would let a look-alike pass as a new organisation. So a name is read as:

- Unicode-normalised (NFKC) and case-folded, so names that differ only in case or in
  compatibility forms (full-width letters, ligatures) are one;
- without what a screen shows as nothing or as blank space: spacing of every kind, a tab,
  control and format characters, the characters Unicode says to ignore when they cannot be
  shown (Default_Ignorable_Code_Point, e.g. the Hangul filler), the blank braille pattern,
  punctuation ("Example Delight Co." is Example Delight Co) and the marks over or under a
  letter ("Müller" is Muller: a dot below is easily missed);
- with every character that looks like an ASCII one read as that, by Unicode's confusables
  (UTS #39 "Unicode Security Mechanisms", section 4): a Cyrillic "о" or a Greek "Ε" reads as
  the Latin letter, or as what its capital looks like when only the capital has a Latin
  look-alike (a Greek "ε" as "e", since "Ε" looks like "E");
- with the ASCII characters that look alike read as one: "l", "I", "i", "1" and "|"; "0"
  and "o".

A name is read twice, in capitals and case-folded, and two names are one when either
reading agrees: a capital can look like one letter and its small letter like another (Greek
"Ν" like N, "ν" like v). The case-folded reading merges a few capitals whose small letters
look alike (Greek "Σ" and "Ο" both read "o", as σ looks like o): on the safe side. Only
look-alikes of one character for one character are used: "rn" and "m" stay two names.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
"""Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt): characters a screen
shows as nothing when it cannot show them."""
_BLANK = frozenset("\u2800")
"""Shown as blank space though no space to Unicode: the empty braille pattern."""
_ALIKE_ASCII = str.maketrans("i1|0", "lllo")
"""ASCII characters that look alike (after case-folding: I is i), read as one."""


class Key(NamedTuple):
    """A name as compared, read two ways; two names are one when either reading agrees."""

    capitals: str
    """Read in capitals: "Νorthwind" with a Greek capital Nu reads as Northwind, though its
    small letter ν looks like a v."""
    small: str
    """Read case-folded: a small letter's look-alike counts ("Cσ" with a Greek sigma is Co)."""


def name_key(name: str) -> Key:
    """A name as compared (see the module's note). Either reading of "Example Delight Co.",
    "example\\tdelight co" and "Еxample Delight Co" (a Cyrillic Е) is "exampledellghtco"."""
    # Letters apart from their accents; look-alikes are read before the compatibility
    # forms are normalised, which would turn some into other letters (a Greek lunate Ϲ,
    # which looks like C, is Σ to NFKC).
    shown = unicodedata.normalize("NFD", "".join(c for c in name if not _unseen(c)))
    capitals = "".join(_look(_capital(c)) for c in shown)
    small = "".join(_look(c, c.casefold(), c.casefold().upper()) for c in shown)
    return Key(capitals=_key(capitals), small=_key(small))


def reads_as(text: str, word: str) -> bool:
    """Whether ``text`` reads as ``word`` (plain ASCII, such as a budget line's name the
    rules read: `goodwill`), as a name is read here: `Goodwill`, `good will`, `goodwiIl`
    with a capital I, `gооdwill` with Cyrillic о's. ASCII text is read without the
    look-alike table, which loads only when a name outside ASCII is read (it takes a tenth
    of a second: a plain check, whose budget lines are ASCII, never loads it)."""
    if text.isascii():
        return _ascii(text) == _ascii(word)
    return same_organisation(name_key(text), name_key(word))


def _ascii(text: str) -> str:
    """ASCII text as ``name_key`` reads it: case-folded, letters and digits alone (space
    and punctuation are nothing a reader tells names by), the look-alikes read as one."""
    return _NOT_READ.sub("", text.casefold()).translate(_ALIKE_ASCII)


_NOT_READ = re.compile(r"[^0-9a-z|]")
"""What an ASCII name's reading leaves out once case-folded: all but letters, digits and |."""


def same_organisation(a: Key, b: Key) -> bool:
    """Whether two names are one organisation: either reading of them agrees."""
    return a.capitals == b.capitals or a.small == b.small


def same_name(name: str) -> str:
    """The case-folded reading of a name alone (see ``name_key``); the gate compares names
    by both readings, with ``same_organisation``."""
    return name_key(name).small


def _key(text: str) -> str:
    """Letters apart from their accents, each read as the ASCII it looks like, without what
    a reader does not tell names by."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    read = "".join(_read(c) for c in folded if not _blank(c))
    return "".join(c for c in read if not _blank(c)).translate(_ALIKE_ASCII)


def shown(text: str) -> str:
    """``text`` as a screen shows it: without what it shows as nothing (control and format
    characters, default-ignorable ones such as the Hangul fillers, letters to Python and
    blank on every screen). What names someone or says why is judged on this."""
    return "".join(c for c in text if not _unseen(c))


def _unseen(char: str) -> bool:
    """Shown as nothing: a control or format character, or a default-ignorable one."""
    code = ord(char)
    if char.isspace() or char in _BLANK:
        return False  # blank space: dropped below, after normalising
    return unicodedata.category(char).startswith("C") or any(
        low <= code <= high for low, high in _IGNORABLE
    )


def _blank(char: str) -> bool:
    """Space, punctuation or a mark over or under a letter: nothing a reader tells names by."""
    if char.isspace() or char in _BLANK:
        return True
    return unicodedata.category(char)[0] in "PZ" or unicodedata.category(char) in ("Mn", "Me")


def _capital(char: str) -> str:
    """The capital of a small letter (one character), else the character itself."""
    capital = char.upper()
    return capital if len(capital) == 1 else char


def _look(*forms: str) -> str:
    """A character, given as its ``forms`` (itself, case-folded, its capital …), read as the
    ASCII that its first form with a look-alike looks like (a form of several characters,
    as "ß".upper() is "SS", has none), else as its first form."""
    from cs_align.lookalikes import LOOK_ALIKE  # see ``reads_as``: ASCII never needs it

    for form in forms:
        if form in LOOK_ALIKE:
            return LOOK_ALIKE[form]
    return forms[0]


def _read(char: str) -> str:
    """A case-folded character as read: the ASCII letter it looks like, or the one its
    capital looks like (a Greek "κ" as its "Κ", K), or itself."""
    from cs_align.lookalikes import LOOK_ALIKE

    found = LOOK_ALIKE.get(char)
    if found is None and len(capital := char.upper()) == 1:
        found = LOOK_ALIKE.get(capital)
    return (found or char).casefold()
