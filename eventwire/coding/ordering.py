"""Main-event ordering: how central an event is within its sentence.

A sentence's events come in order of salience: the shallowest trigger in the parse first, verbs
before nouns, specific patterns first; an event noun announced by a saying verb ("announced a
suspension of air links") ranks as if it were that verb. ``main_event`` is the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventwire.coding.cues import active as cues
from eventwire.coding.roles import light_governor
from eventwire.models import Event

if TYPE_CHECKING:
    from eventwire.coding.triggers import Candidate

# Links through which one trigger can restate another: "travel to Moscow to meet".
CLAUSE_LINKS = frozenset({"xcomp", "advcl", "ccomp", "conj", "dobj"})


def salience(cand: Candidate) -> tuple[float, ...]:
    """Higher is more central: shallow in the parse tree, verbal, specific."""
    depth = tree_depth(cand.token)
    if cand.nominal:
        governor = light_governor(cand.token)
        if governor is not None and governor.lemma_.lower() in cues().saying:
            # "announced a suspension of air links", "declared a state of siege": the act is the news
            depth = tree_depth(governor) - 1
    return (-depth, 0 if cand.nominal else 1, cand.weight, -cand.token.i)


def linked(a: Token, b: Token) -> bool:
    """Whether one trigger governs the other through complement/conjunction/object links."""
    for low, high in ((a, b), (b, a)):
        tok = low
        for _ in range(3):
            if tok.dep_ not in CLAUSE_LINKS or tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.i == high.i:
                return True
    return False


def main_event(events: Sequence[Event]) -> Event | None:
    """The main event of one sentence's events (they are ordered by salience)."""
    if not events:
        return None
    first = min(e.sentence_index for e in events)
    return next(e for e in events if e.sentence_index == first)


def tree_depth(tok: Token) -> int:
    """How many arcs lie between ``tok`` and its sentence root (capped at 20)."""
    depth = 0
    while tok.head.i != tok.i and depth < 20:
        tok = tok.head
        depth += 1
    return depth
