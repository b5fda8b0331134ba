"""Nominal-event patterns: nouns that name events ("a visit to Moscow", "an air strike")."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Token

DATA = Path(__file__).resolve().parent / "data"
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})


@dataclass(frozen=True, slots=True)
class NounRule:
    noun: str
    code: str
    mode: str | None
    cues: frozenset[str]  # empty: always applies
    label: str


@cache
def load_noun_rules(path: Path = DATA / "nouns.tsv") -> dict[str, tuple[NounRule, ...]]:
    """Rules by noun lemma, in file order."""
    rules: dict[str, list[NounRule]] = {}
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for rec in csv.DictReader(lines, delimiter="\t"):
            noun = rec["noun"].strip().lower()
            cues = frozenset(w for w in (rec.get("with") or "").lower().split("|") if w)
            label = f"nouns.tsv: {noun}" + (f" with {'|'.join(sorted(cues))}" if cues else "")
            rules.setdefault(noun, []).append(
                NounRule(noun, rec["code"].strip(), (rec.get("mode") or "").strip() or None, cues, label)
            )
    return {k: tuple(v) for k, v in rules.items()}


def modifier_words(noun: Token) -> set[str]:
    """Lower-cased words modifying ``noun`` ("air" in "air strike"), split on hyphens."""
    words: set[str] = set()
    for child in noun.children:
        if child.dep_ in MODIFIER_DEPS:
            words.add(child.lower_)
            words.update(child.lower_.split("-"))
    # "air-strike" tokenised as one word, or "airstrike"
    words.update(noun.lower_.split("-"))
    return words


def match_noun(noun: Token, rules: dict[str, tuple[NounRule, ...]]) -> NounRule | None:
    """The first rule for the noun's lemma whose cue words modify it."""
    candidates = rules.get(noun.lemma_.lower()) or rules.get(noun.lower_)
    if not candidates:
        return None
    words: set[str] | None = None
    for rule in candidates:
        if not rule.cues:
            return rule
        if words is None:
            words = modifier_words(noun)
        if not rule.cues.isdisjoint(words):
            return rule
    return None
