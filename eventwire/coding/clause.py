"""Clause helpers shared by the context modules (modality, dates, places, combine).

* ``clause_anchors(trigger)`` — the tokens whose modifiers describe the event:
  the trigger itself, verbs describing a nominal trigger ("a meeting *slated*
  for October"), the support verb of a nominal trigger ("*made* a visit"), the
  verb that brings a nominal event about ("*sparked* clashes"), and
  the verbs a purpose or complement clause hangs from ("would *travel* … to
  meet").
* ``tense_of(trigger)`` — "past", "present" or "future" for the event's clause (``is_future``).
* ``reported_clause(token)`` — the speech verb whose complement holds ``token``.
* ``lemma``, ``entity_spans``, ``causes``: small parse readers.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

from eventwire.coding.cues import active as cues
from eventwire.coding.roles import to_infinitive

Tense = Literal["past", "present", "future"]


ANCHOR_DEPTH = 4


FINITE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "parataxis"})


def lemma(token: Token) -> str:
    """The token's lemma, with known small-model slips corrected."""
    return cues().lemma_fixes.get(token.lemma_, token.lemma_)


def entity_spans(sent: Span, labels: frozenset[str]) -> list[Span]:
    """Named entities of ``sent`` with a label in ``labels``.

    Scans only the sentence's tokens: ``Span.ents`` walks the whole document, which is
    too slow to do for every event.
    """
    spans: list[Span] = []
    doc = sent.doc
    start = label = None
    for token in sent:
        inside = token.ent_iob_ == "I" and token.ent_type_ == label
        if start is not None and not inside:
            spans.append(Span(doc, start, token.i, label=label))
            start = None
        if token.ent_iob_ == "B" and token.ent_type_ in labels:
            start, label = token.i, token.ent_type_
    if start is not None:
        spans.append(Span(doc, start, sent.end, label=label))
    return spans


def clause_anchors(trigger: Token) -> list[Token]:
    """Tokens whose modifiers belong to the event of ``trigger``, nearest first."""
    anchors: list[Token] = []
    current: Token | None = trigger
    for _ in range(ANCHOR_DEPTH):
        if current is None or current in anchors:
            break
        anchors.append(current)
        if current.pos_ in ("NOUN", "PROPN"):
            anchors.extend(_describing_clauses(current))
        elif current.i == trigger.i and lemma(current) in cues().light_verbs:
            # "made a visit to Morocco", "will conduct a visit on Monday": the noun carries the details
            anchors.extend(c for c in current.children if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN")
        current = _governor(current)
    return anchors


def _describing_clauses(noun: Token) -> list[Token]:
    """Relative and participial clauses about the nominal event ``noun``."""
    found = [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("between", "with", "of"):
            for obj in prep.subtree:
                found.extend(
                    c
                    for c in obj.children
                    if c.dep_ in ("relcl", "acl") and lemma(c) in cues().scheduling_verbs
                )
    return found


def _governor(token: Token) -> Token | None:
    """The token the event of ``token`` shares its clause with, or None."""
    head = token.head
    if head.i == token.i:
        return None
    dep = token.dep_
    if token.pos_ in ("NOUN", "PROPN"):
        if dep in ("dobj", "nsubj", "nsubjpass", "attr") and lemma(head) in cues().light_verbs:
            return head
        if dep == "dobj" and causes(head, token):
            return head
        if dep == "pobj" and causes(head.head, head):
            return head.head
        if dep == "pobj" and head.lower_ in cues().sharing_preps and head.head.pos_ in ("VERB", "AUX"):
            return head.head
        if dep == "conj":
            return head
        return None
    if dep == "xcomp" or dep == "conj":
        return head
    if dep == "advcl" and to_infinitive(token):
        return head
    return None


def causes(verb: Token, link: Token) -> bool:
    """Whether ``verb`` brings about what its child ``link`` (an object or a preposition) names:
    "sparked clashes", "led to clashes", "resulted in clashes"."""
    name = lemma(verb)
    if link.dep_ == "dobj":
        return name in cues().causing_verbs
    return link.dep_ == "prep" and cues().causing_preps.get(name) == link.lower_


def clause_verbs(anchors: list[Token]) -> list[Token]:
    return [t for t in anchors if t.pos_ in ("VERB", "AUX")]


def reported_clause(token: Token) -> Token | None:
    """The speech verb whose complement contains ``token`` (walking up), or None."""
    current = token
    while current.head.i != current.i:
        head = current.head
        if current.dep_ in ("ccomp", "parataxis") and head.lemma_ in cues().role("reporting"):
            return head
        # "accused Israel of attacking", "blamed the rebels for shelling"
        if (
            current.dep_ in ("pcomp", "pobj")
            and head.lower_ in ("of", "for")
            and head.head.lemma_ in cues().role("accusing")
        ):
            return head.head
        current = head
    return None


def tense_of(trigger: Token) -> Tense:
    """Tense of the event's clause: future markers win, then past forms, else present."""
    anchors = clause_anchors(trigger)
    if is_future(trigger, anchors):
        return "future"
    verbs = clause_verbs(anchors) or _verb_ancestor(trigger)  # "Monday's attack killed five": past
    for verb in verbs:
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass") for c in verb.children):
            return "past"
        if verb.tag_ == "VBN" and any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children):
            return "past"
        if (
            verb.tag_ == "VBN"
            and verb.dep_ in FINITE_DEPS
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        ):
            return "past"  # a bare participle heading a clause is a mistagged simple past
        if verb.tag_ in ("VBZ", "VBP", "VBG", "VB", "MD"):
            return "present"
    return "present"


def _verb_ancestor(token: Token) -> list[Token]:
    return next(([a] for a in token.ancestors if a.pos_ in ("VERB", "AUX")), [])


def is_future(trigger: Token, anchors: list[Token]) -> bool:
    for token in anchors:
        children = list(token.children)
        for child in children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in cues().future_aux:
                return True
            if child.dep_ == "aux" and child.lower_ == "would" and reported_clause(token) is not None:
                return not has_condition(token)
            if child.dep_ == "amod" and child.lower_ in cues().future_adjectives:
                return True
        # "is slated for October", "is scheduled to meet", "is to visit", "is going to"
        if (
            lemma(token) in cues().future_heads
            and token.tag_ == "VBN"
            and any(c.dep_ == "auxpass" for c in children)
        ):
            return True
        if token.dep_ == "xcomp" and to_infinitive(token):
            head = token.head
            if lemma(head) in cues().future_heads or (head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP")):
                return True
            if head.lemma_ == "due" or any(c.lower_ == "due" for c in head.children):
                return True
    if _is_headline_infinitive(anchors[0]):
        return True
    # "ahead of a meeting", "in preparation for the summit": the nominal event is still to come
    if trigger.dep_ == "pobj":
        prep = trigger.head
        if prep.lower_ == "of" and prep.head.lower_ == "ahead":
            return True
        if prep.lower_ == "for" and prep.head.lemma_ in ("preparation", "run-up"):
            return True
    return False


def _is_headline_infinitive(token: Token) -> bool:
    """Headline future: "Lapid to make first visit to Moscow", "Minister to visit Rabat"."""
    if token.pos_ != "VERB" or not to_infinitive(token):
        return False
    head = token.head
    if token.dep_ == "ROOT":
        return True
    return token.dep_ in ("advcl", "acl") and head.dep_ == "ROOT" and head.pos_ != "VERB"


def has_condition(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ in cues().condition_marks:
            return True
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in cues().condition_marks for m in child.children
        ):
            return True
    return False
