"""One event per act: fold the candidates of a sentence that describe the same act.

"agreed to cooperate", "threatened to strike" and "refused to meet" are one event of the governing
verb; "sent experts to investigate" is the investigation; getting ready to attack is a show of force
("prepared to resume shelling", MOBILIZE, CAMEO 150); and a bare verb gives way to the event noun it
takes ("organized a general strike") unless it is a verbal reaction ("condemned the attack").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventwire.coding.clause import causes
from eventwire.coding.cues import active as cues
from eventwire.coding.ontology import Ontology
from eventwire.coding.roles import to_infinitive
from eventwire.coding.trace import Rule, Step
from eventwire.coding.triggers import Candidate

SHOW_OF_FORCE = "150"


def prefer_named_events(candidates: list[Candidate]) -> list[Candidate]:
    """A bare verb whose object names an event gives way to it: "organized a general strike"; so does
    a verb that brings an event about: "the dispute led to clashes", "sparked protests"."""
    nominal = {c.token.i for c in candidates if c.nominal}
    return [
        c
        for c in candidates
        if c.nominal
        or not (
            _causes(c.token, nominal)
            or (_names_event(c, nominal) and c.info.root not in cues().roots_where("verbal"))
        )
    ]


def _names_event(cand: Candidate, nominal: set[int]) -> bool:
    return cand.weight == 0 and any(ch.dep_ == "dobj" and ch.i in nominal for ch in cand.token.children)


def _causes(verb: Token, nominal: set[int]) -> bool:
    """Whether ``verb`` brings about one of the ``nominal`` events ("led to clashes", "sparked protests")."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.i in nominal and causes(verb, child):
            return True
        linked = child.dep_ == "prep" and any(g.dep_ == "pobj" and g.i in nominal for g in child.children)
        if linked and causes(verb, child):
            return True
    return False


def combine(candidates: list[Candidate], ontology: Ontology) -> list[Candidate]:
    """Fold complements into their governing verb, dispatches into their purpose and readiness to
    attack into a show of force (see the module docstring); governors are updated in place."""
    by_token = {c.token.i: c for c in candidates}
    dropped: set[int] = set()
    for cand in candidates:
        if not cand.nominal:
            dropped |= _fold(cand, by_token, ontology)
    return [c for c in candidates if c.token.i not in dropped]


def _fold(cand: Candidate, by_token: dict[int, Candidate], ontology: Ontology) -> set[int]:
    """Token indices of the candidates that verbal ``cand`` and its governor fold away."""
    tok = cand.token
    if cand.info.root in cues().roots_where("hostile"):
        ready = _readying_head(tok)
        posture = ontology.get(SHOW_OF_FORCE)
        if ready is not None and ready.i in by_token and posture is not None:
            governor = by_token[ready.i]
            governor.info, governor.label = posture, governor.label + f" + readiness for '{tok.text}'"
            return {tok.i}
    if tok.dep_ in ("advcl", "xcomp") and tok.head.lemma_.lower() in cues().dispatch_verbs:
        sender = by_token.get(tok.head.i)
        if sender is None or not to_infinitive(tok):
            return set()
        # "dispatched inspectors to Iran to monitor": where they were sent is whom it concerns
        cand.roles = replace(cand.roles, recipients=cand.roles.recipients + sender.roles.recipients)
        return {tok.head.i}
    if tok.dep_ not in ("xcomp", "ccomp") and not (tok.dep_ == "advcl" and to_infinitive(tok)):
        return set()
    governor = by_token.get(tok.head.i)
    if governor is None or governor.info.root not in cues().roots_where("governing") or governor.nominal:
        return set()
    if (
        governor.info.root == "03"
        and governor.weight == 0
        and cand.info.root in cues().roots_where("hostile")
    ):
        return {governor.token.i}  # "prepared to resume shelling" is about the shelling
    if not governor.roles.recipients and cand.roles.recipients:
        governor.roles = replace(
            governor.roles,
            recipients=cand.roles.recipients,
            trace=(*governor.roles.trace, Step(Rule.COMPLEMENT_OBJECT)),
        )
    return {tok.i}


def _readying_head(tok: Token) -> Token | None:
    """The "prepare"/"ready" verb two complement steps above a hostile act, if any."""
    for _ in range(2):
        if tok.dep_ not in ("xcomp", "advcl", "ccomp") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in cues().readying_verbs:
            return tok
    return None
