"""Trigger candidates: which tokens of a sentence may be events, and with which CAMEO code.

A verb is matched against the PETRARCH-style patterns of its block using the words around it
(subject side, object side, prepositional phrases, neighbours); an event noun against the noun
rules. Reporting verbs, issued statements and stative participles ("Iran-backed", "troops
stationed in") are no events.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from eventwire.coding.cues import active as cues
from eventwire.coding.nouns import NounRule, match_noun, modifier_words
from eventwire.coding.ontology import CodeInfo, Ontology
from eventwire.coding.patterns import VerbLexicon
from eventwire.coding.recode import demand_code
from eventwire.coding.roles import (
    PASS_DEPS,
    SUBJ_DEPS,
    Roles,
    noun_roles,
    prep_objects,
    to_infinitive,
    verb_roles,
)
from eventwire.coding.speech import issues_statement

OBJ_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "acomp"})
PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "poss"})


@dataclass(slots=True)
class Candidate:
    """A token that may be an event: its code, the rule that matched and its role phrase heads."""

    token: Token
    info: CodeInfo
    label: str  # the pattern or noun rule that matched (for the explanation)
    weight: int  # how specific the match is
    roles: Roles
    nominal: bool
    words: frozenset[str]  # words around the trigger that can decide the PLOVER mode


def verb_candidate(
    verb: Token, lexicon: VerbLexicon, ontology: Ontology, consumed: set[int]
) -> Candidate | None:
    """The event a verb codes, if any; adds the objects its pattern names to ``consumed``."""
    lemma = verb.lemma_.lower()
    if lemma in cues().saying:
        return None
    lower = verb.lower_
    if lemma not in lexicon and lower not in lexicon:
        return None
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and lemma in cues().state_participles:
        return None  # "militiamen armed with machetes", "troops stationed in": a state, not an act
    if issues_statement(verb, lemma):
        return None
    pre, post, preps, near = word_bags(verb)
    match = lexicon.match((lemma, lower), pre, post, preps, near)
    if match is None or match.code is None:
        return None
    info = ontology.get(demand_code(lemma, match.code))
    if info is None or info.plover_type is None:
        return None
    if match.words:  # "launched an attack": the object noun is part of this event, not one of its own
        for child in verb.children:
            words = {child.lower_, child.lemma_.lower()}
            if child.dep_ in OBJ_DEPS and not words.isdisjoint(match.words):
                consumed.add(child.i)
    return Candidate(verb, info, match.label, match.weight, verb_roles(verb), False, frozenset(post))


def noun_candidate(
    noun: Token, rules: dict[str, tuple[NounRule, ...]], ontology: Ontology
) -> Candidate | None:
    """The event a noun names ("the summit", "air strikes"), if any."""
    rule = match_noun(noun, rules)
    if rule is None:
        return None
    info = ontology.get(rule.code)
    if info is None or info.plover_type is None:
        return None
    if rule.mode:
        info = replace(info, mode=rule.mode)
    words = frozenset(modifier_words(noun))
    return Candidate(noun, info, rule.label, 2 if rule.cues else 1, noun_roles(noun), True, words)


def add_phrase(bag: set[str], tok: Token) -> None:
    """Add the word and lemma of ``tok`` and of its modifiers to ``bag``."""
    bag.add(tok.lower_)
    bag.add(tok.lemma_.lower())
    for child in tok.children:
        if child.dep_ in PHRASE_DEPS:
            bag.add(child.lower_)
            bag.add(child.lemma_.lower())


def word_bags(verb: Token) -> tuple[set[str], set[str], dict[str, set[str]], set[str]]:
    """Subject-side words, object-side words, prepositional phrases and words next to the verb."""
    pre: set[str] = set()
    post: set[str] = set()
    preps: dict[str, set[str]] = {}
    near: set[str] = set()
    for child in verb.children:
        dep = child.dep_
        if dep in OBJ_DEPS or dep in PASS_DEPS:
            add_phrase(post, child)
            if dep == "dobj":
                for prep, obj in prep_objects(child, cues().object_preps):
                    add_phrase(preps.setdefault(prep, set()), obj)
        elif dep in ("prep", "agent"):
            bag = preps.setdefault(child.lower_, set())
            near.add(child.lower_)
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    add_phrase(bag, grand)
        elif dep == "prt":
            post.add(child.lower_)
            near.add(child.lower_)
        elif dep in SUBJ_DEPS:
            add_phrase(pre, child)
        elif dep == "advmod":
            post.add(child.lower_)
        elif (dep == "xcomp" or (dep == "advcl" and to_infinitive(child))) and child.pos_ == "VERB":
            preps.setdefault("to", set()).add(child.lemma_.lower())
    passive = verb.tag_ == "VBN" or any(c.dep_ in PASS_DEPS for c in verb.children)
    if verb.dep_ in ("acl", "relcl") and passive:
        add_phrase(post, verb.head)
    if verb.i > 0:
        near.add(verb.doc[verb.i - 1].lower_)
    if verb.i + 1 < len(verb.doc):
        near.add(verb.doc[verb.i + 1].lower_)
    return pre, post, preps, near
