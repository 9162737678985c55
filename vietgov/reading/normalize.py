"""Fold Vietnamese text into one canonical form for matching, keeping a map back to the source.

The folds follow ``shared/reference/vn-document-citations.md`` §6: NFC, look-alike Đ/đ,
tone-mark placement in open ``oa``/``oe``/``uy`` syllables (hoá → hóa, uỷ → ủy), spelling
variants (qui → quy), dash/slash variants, no-break and other odd spaces, curly quotes, and
invisible characters. All but NFC and the removal of invisible characters keep the length,
and every folded code point maps back to an offset of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from vietgov.mappings import load_yaml

# Combining tone marks of Vietnamese, in NFD.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

_CHAR_FOLDS = {
    # look-alike D with stroke
    "\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ",
    # dashes and minus
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    # slashes
    "\uff0f": "/", "\u2215": "/", "\u2044": "/", "\u29f8": "/",
    # spaces
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ", "\t": " ",
    # quotes
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
}
_DROPPED = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}

def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """Return ``(folded, to_source)`` where ``to_source[i]`` is the source offset of folded[i].

    ``to_source`` has one more entry than ``folded``: the source length, so that an end
    offset maps too.
    """
    chars: list[str] = []
    to_source: list[int] = []
    for start, cluster in _clusters(text):
        normal = unicodedata.normalize("NFC", cluster)
        for ch in normal:
            if ch in _DROPPED:
                continue
            chars.append(_CHAR_FOLDS.get(ch, ch))
            to_source.append(start)
    folded = "".join(chars)
    folded = _fix_tone_placement(folded)
    folded = _fix_spelling(folded)
    to_source.append(len(text))
    return folded, tuple(to_source)


def fold_text(text: str) -> str:
    """The folded form alone, for keys and comparisons."""
    return fold(text)[0]


def _clusters(text: str) -> list[tuple[int, str]]:
    """Split into (offset, base character + following combining marks)."""
    out: list[tuple[int, str]] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        out.append((i, text[i:j]))
        i = j
    return out


def _fix_tone_placement(text: str) -> str:
    """hoá → hóa, khoẻ → khỏe, uỷ → ủy: tone on the first vowel of an open oa/oe/uy ending.

    Only at a word end, and not after ``q`` (in ``quý`` the ``u`` belongs to the consonant).
    """
    chars = list(text)
    n = len(chars)
    for i in range(1, n):
        second = chars[i]
        decomposed = unicodedata.normalize("NFD", second)
        base, marks = decomposed[0], decomposed[1:]
        if base.lower() not in "aey" or not marks or any(m not in _TONES for m in marks):
            continue
        first = chars[i - 1]
        pair = (first.lower(), base.lower())
        if pair not in {("o", "a"), ("o", "e"), ("u", "y")}:
            continue
        if i + 1 < n and chars[i + 1].isalpha():
            continue
        if i >= 2 and chars[i - 2].lower() == "q":
            continue
        chars[i - 1] = unicodedata.normalize("NFC", first + marks)
        chars[i] = base
    return "".join(chars)


@cache
def _spelling_variants() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {row["variant"]: row["canonical"] for row in load_yaml("spelling_variants.yaml")}
    for variant, canonical in table.items():
        if len(variant) != len(canonical):
            raise ValueError(f"spelling variant {variant!r} must keep the length of {canonical!r}")
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
    return pattern, table


def _fix_spelling(text: str) -> str:
    pattern, table = _spelling_variants()

    def repl(m: re.Match[str]) -> str:
        word = m.group(1)
        canonical = table.get(word.lower())
        if canonical is None:
            return word
        return canonical.capitalize() if word[0].isupper() else canonical

    return pattern.sub(repl, text)


def ascii_key(text: str) -> str:
    """Lower-case ASCII form: diacritics stripped, Đ→D (NFD does not strip the stroke)."""
    text = fold_text(text).replace("Đ", "D").replace("đ", "d")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    return stripped.lower()
