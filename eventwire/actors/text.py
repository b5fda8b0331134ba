"""Normalising names and document tokens to the same lowercase word keys.

Dictionary phrases ("MR._ASSAD", "Mazar-i-Sharif", "SYRIA'S_GOVERNMENT") and spaCy tokens must meet on
one representation: lowercase words without dots, hyphens as separators, possessive "'s" as its own word,
typographic apostrophes made plain. The resolver then matches with dictionary lookups over these words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

VARIANTS = Path(__file__).resolve().parent / "data" / "name_variants.tsv"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-"})
_SPLIT = re.compile(r"[\s_\-/]+")
_POSSESSIVE = re.compile(r"^(.+?)('s?)$")
# Tokens skipped inside a match: hyphens and stray dots ("Mazar - i - Sharif", "Lt .").
SKIP_TOKENS = frozenset({"-", ".", "–", "—"})
# Lowercase particles allowed inside proper names ("Bashar al-Assad", "League of Arab States").
NAME_PARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "bin",
        "ibn",
        "bint",
        "abu",
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "la",
        "le",
        "von",
        "van",
        "der",
        "den",
        "of",
        "the",
        "and",
        "for",
        "y",
        "e",
        "on",
        "in",
        "'s",
        "s",
    ]
)


def fold(text: str) -> str:
    """Lowercase, plain apostrophes and dashes, accents removed ("Erdoğan" → "erdogan")."""
    text = text.translate(_APOSTROPHES).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Spelling → the first spelling of its line in ``data/name_variants.tsv``."""
    table: dict[str, str] = {}
    for line in VARIANTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            first, *rest = [fold(w.strip()) for w in line.split("\t") if w.strip()]
            for word in rest:
                table[word] = first
    return table


def spelling(word: str) -> str:
    """One spelling for transliteration variants of a folded word: "zelenskyy", "zelenskiy" →
    "zelensky"; "el" → "al" ("el-Sisi"/"al-Sisi"); listed variants ("mohamed" → "muhammad")."""
    if word == "el":
        return "al"
    word = _variants().get(word, word)
    if len(word) > 4 and word.isalpha() and word.endswith(("yy", "iy", "ii", "yi")):
        word = word[:-2] + "y"
    return word


def norm_token(text: str) -> str:
    """The key of one document token: folded, dots removed ("Mr." → "mr", "U.S." → "us"), one spelling
    for transliteration variants (``spelling``)."""
    word = fold(text)
    if word == "'":
        return "'s"  # "the Russians' part", "Workers' Party": one possessive key for both spellings
    if "." in word and len(word) > 1:
        word = word.replace(".", "")
    return spelling(word)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Key words of a dictionary phrase: "MR._ASSAD" → ("mr", "assad"); "SYRIA'S_GOVERNMENT" →
    ("syria", "'s", "government"); "Mazar-i-Sharif" → ("mazar", "i", "sharif")."""
    words: list[str] = []
    for raw in _SPLIT.split(fold(phrase)):
        raw = raw.strip('.,;:"()')
        if not raw:
            continue
        raw = raw.replace(".", "")
        match = _POSSESSIVE.match(raw)
        if match and len(match.group(1)) > 1 and match.group(2) in ("'s", "'"):
            words.append(match.group(1))
            words.append("'s")
        elif raw:
            words.append(raw)
    return tuple(spelling(w) for w in words if w)


def phrase_key(words: tuple[str, ...] | list[str]) -> str:
    return " ".join(words)


def regular_plural(word: str) -> str:
    """English regular plural as the PETRARCH dictionaries generate it (S, IES, ES)."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("s"):
        return word
    return word + "s"


def title_case_ok(tokens: list[str]) -> bool:
    """True when a span of original token texts looks like a proper name: every word that is not a name
    particle starts with an uppercase letter or a digit (so "turkey" the bird is not Turkey)."""
    seen_word = False
    for tok in tokens:
        if tok in SKIP_TOKENS or not tok[:1].isalnum():
            continue
        if fold(tok) in NAME_PARTICLES:
            continue
        if not (tok[0].isupper() or tok[0].isdigit()):
            return False
        seen_word = True
    return seen_word
