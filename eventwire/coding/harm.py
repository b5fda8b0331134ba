"""Harm that is no political event: disasters, accidents, disease (``data/nonpolitical.tsv``).

"A flood killed 12 people", "three miners died in a collapse", "the outbreak killed hundreds": the verb is
one PLOVER codes as ASSAULT or COERCE, but what did it is no political actor. ``harm_cause`` finds such a
cause — the trigger's subject, or the object of its ``in/by/from/after/during`` phrase — so the coder
drops the event and says why.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from eventwire.coding.roles import subject_of

TABLE = Path(__file__).resolve().parent / "data" / "nonpolitical.tsv"
HARM_TYPES = frozenset({"ASSAULT", "COERCE"})
CAUSE_PREPS = frozenset({"in", "by", "from", "after", "during", "amid"})


@cache
def causes(path: Path = TABLE) -> dict[str, str]:
    """lemma → kind of cause (disaster, fire, accident, disease)."""
    with open(path, encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        next(rows)
        return {lemma.lower(): kind for lemma, kind in rows}


def _cause_word(tok: Token, table: dict[str, str]) -> tuple[str, str] | None:
    lemma = tok.lemma_.lower()
    if lemma in table:
        return lemma, table[lemma]
    for child in tok.children:  # "a car crash", "the Ebola outbreak": the head decides, else a compound
        if child.dep_ == "compound" and child.lemma_.lower() in table:
            return child.lemma_.lower(), table[child.lemma_.lower()]
    return None


def harm_cause(trigger: Token, table: dict[str, str] | None = None) -> tuple[str, str] | None:
    """(word, kind) of a non-political cause of what ``trigger`` describes, or None."""
    table = causes() if table is None else table
    if trigger.lemma_.lower() in table:
        return trigger.lemma_.lower(), table[trigger.lemma_.lower()]
    subject = subject_of(trigger)  # its own, or inherited: "Floods swept …, killing twelve"
    if subject is not None:
        found = _cause_word(subject, table)
        if found:
            return found
    for child in trigger.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in CAUSE_PREPS | {"by"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _cause_word(pobj, table)
                    if found:
                        return found
    return None
