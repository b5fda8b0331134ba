"""Modality of a coded event: negated, future, hypothetical, alleged, historical, and who reports it.

Everything here reads the spaCy dependency parse around the event's trigger
token, through the clause helpers of ``clause`` (``clause_anchors``, ``tense_of`` …), which the date
and place modules share. The cue words are data (``data/cues.yaml``).

The flags (each read on the trigger and its anchors):

* negated — "not", "never", "no longer", "no talks"; the complement of "refused /
  declined / failed to", "refrained from", "without"; "did not plan to X"; the
  content of "denied that"; a nominal event a negated verb would bring about ("did
  not result in / lead to / spark clashes").
* future — "will", "shall", headline "X to visit", "would" in reported speech,
  "plans / is scheduled / is due / is set to", "is slated for", "upcoming",
  "ahead of the meeting", or a resolved date after publication.
* hypothetical — "could / might / may / should / would" (outside reported
  speech), "if / unless / whether" clauses, "threatened / warned / considered
  to", "possible / potential / proposed", the goal of "ensure / guarantee / make
  sure that …", a stated goal ("the aim of the visit is to discuss …"), the
  infinitive of a capacity or wish ("the ability / willingness of X to protect").
* alleged — "allegedly / reportedly", "alleged / suspected attacks", "attack
  attributed to", "is said / believed to", "reports of", "according to X",
  content of hedging speech ("claimed / alleged / accused … of") or of unnamed
  reporters ("sources / witnesses said", "it was reported that").
* historical — the resolved date lies in a period before the publication date: a
  year or month before the publication's year or month, or a day more than
  ``HISTORICAL_DAYS`` days before it ("this week", "over the past two weeks"
  never count). With no resolved date: an explicit past marker ("previously",
  "in the past", "formerly") or past perfect outside reported speech, unless
  "recently".
* attributed_to — the object of "according to X", else the subject of the speech
  verb whose complement holds the event ("the Russian army reported that …",
  "…, a diplomatic official said"). Plain reporting attributes without hedging.
"""

from __future__ import annotations

import datetime as dt
import re
from types import EllipsisType

from spacy.tokens import Token

from eventwire.coding.clause import (
    clause_anchors,
    clause_verbs,
    entity_spans,
    has_condition,
    is_future,
    lemma,
    reported_clause,
    tense_of,
)
from eventwire.coding.cues import active as cues
from eventwire.coding.dates import event_date
from eventwire.coding.roles import stated_goal, to_infinitive
from eventwire.models import EventDate, Modality

HISTORICAL_DAYS = 7

# Expressions of the present or of a span reaching it: never historical.
RE_RECENT = re.compile(
    r"\b(?:the\s+(?:past|last|previous)|this|today|tonight|current|recent)\b", re.IGNORECASE
)


def _is_negated(anchors: list[Token], speech: Token | None) -> bool:
    trigger = anchors[0]
    for index, token in enumerate(anchors):
        own = index == 0 or token.pos_ not in ("VERB", "AUX") or lemma(token) in cues().light_verbs
        own = own or lemma(token) in cues().causing_verbs or lemma(token) in cues().causing_preps
        for child in token.children:
            if own and child.dep_ == "neg":
                return True
            if own and child.lower_ == "never" and child.dep_ in ("neg", "advmod"):
                return True
            if own and child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
                return True
            if index == 0 and child.dep_ == "det" and child.lower_ == "no":
                return True
        if index + 1 < len(anchors):
            nxt = anchors[index + 1]
            if token.dep_ == "xcomp" and nxt.i == token.head.i:
                if nxt.lemma_ in cues().negating_heads:
                    return True
                if nxt.lemma_ in cues().negation_passing_heads and any(c.dep_ == "neg" for c in nxt.children):
                    return True
    if trigger.dep_ == "pcomp" and trigger.head.lower_ == "without":
        return True
    # "refrained from attacking", "prevented the convoy from entering"
    if (
        trigger.dep_ == "pcomp"
        and trigger.head.lower_ == "from"
        and lemma(trigger.head.head) in cues().holding_back
    ):
        return True
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
        return True
    return speech is not None and speech.lemma_ == "deny"


def _is_hypothetical(trigger: Token, anchors: list[Token]) -> bool:
    for token in anchors:
        # "threatened to shell Haifa if Israel hits Beirut": the condition belongs to the threat's content
        if has_condition(token) and not (token.i == trigger.i and lemma(token) in cues().content_verbs):
            return True
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in cues().hypothetical_modals:
                if child.lower_ == "would" and reported_clause(token) is not None:
                    continue
                return True
            if child.dep_ == "amod" and child.lower_ in cues().hypothetical_adjectives:
                return True
        if token.dep_ == "xcomp" and token.head.lemma_ in cues().hypothetical_heads:
            return True
        if token.dep_ == "ccomp" and _is_goal(token.head):
            return True
        if stated_goal(token) is not None:  # "the aim of the visit is to discuss ...": meant, not done
            return True
        if token.dep_ == "acl" and to_infinitive(token) and lemma(token.head) in cues().hypothetical_nouns:
            return True  # "doubts about the ability of the US to protect Israel": able to, not doing
        if (
            token.dep_ == "xcomp"
            and token.head.lemma_ == "be"
            and any(c.lower_ in ("ready", "prepared", "willing") for c in token.head.children)
        ):
            return True
    return trigger.dep_ == "xcomp" and trigger.head.lower_ in ("ready", "prepared", "willing")


def _is_goal(head: Token) -> bool:
    """A verb whose clausal complement is a goal: "ensure that", "guarantee that", "make sure that"."""
    if lemma(head) in cues().goal_heads:
        return True
    return head.lower_ == "sure" and head.head.lemma_ == "make"


def _hedged(trigger: Token, anchors: list[Token], speech: Token | None) -> bool:
    for token in anchors:
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ in cues().hedging_adverbs:
                return True
            if child.dep_ == "amod" and child.lower_ in cues().hedging_adjectives:
                return True
            if child.dep_ in ("acl", "relcl") and child.lemma_ in ("attribute", "blame"):
                return True
        # "is said to have attacked", "is suspected of attacking"
        head = token.head
        hedging_head = token.dep_ in ("xcomp", "pcomp", "pobj") and head.lemma_ in cues().role(
            "passive_hedge"
        )
        if hedging_head and any(c.dep_ == "auxpass" for c in head.children):
            return True
        if token.dep_ == "pcomp" and head.head.lemma_ in cues().role("passive_hedge"):
            return True
    if (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ == "of"
        and trigger.head.head.lemma_ in cues().hedging_nouns
    ):
        return True
    return speech is not None and speech.lemma_ in cues().role("hedging")


def _according_to(trigger: Token) -> Token | None:
    """The object of the nearest "according to X" on the trigger or its ancestors."""
    current = trigger
    while True:
        for child in current.children:
            if child.lower_ == "according":
                for prep in child.children:
                    objects = [g for g in prep.children if g.dep_ == "pobj"]
                    if prep.lower_ == "to" and objects:
                        return objects[0]
        if current.head.i == current.i:
            return None
        current = current.head


def phrase_text(token: Token) -> str:
    """Text of ``token``'s noun phrase without relative clauses, appositions or conjuncts."""
    skip = set()
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") and child.i > token.i:
            skip.update(t.i for t in child.subtree)
    kept = [t for t in token.subtree if t.i not in skip]
    start, end = kept[0].i, kept[-1].i
    return token.doc[start : end + 1].text


def attribution(trigger: Token) -> tuple[str | None, bool]:
    """(reporting source text, hedged-by-source) for the event of ``trigger``."""
    return _attribution(trigger, reported_clause(trigger))


def _attribution(trigger: Token, speech: Token | None) -> tuple[str | None, bool]:
    source = _according_to(trigger)
    if source is not None:
        return phrase_text(source), True
    if speech is not None:
        speakers = [c for c in speech.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(c.dep_ == "auxpass" for c in speech.children):
            return None, True  # "it was reported that …": no source, hedged
        if speakers and speakers[0].dep_ == "nsubj":
            speaker = speakers[0]
            unnamed = speaker.lemma_ in cues().unnamed_sources and speaker.ent_type_ == ""
            return phrase_text(speaker), speech.lemma_ in cues().role("hedging") or unnamed
    return None, False


def _has_past_marker(anchors: list[Token]) -> bool:
    for token in anchors:
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ in ("recently", "just"):
                return False
            if child.dep_ == "advmod" and child.lower_ in cues().past_markers:
                return True
            in_the_past = child.lower_ == "in" and any(g.lower_ == "past" for g in child.children)
            if child.dep_ == "prep" and in_the_past:
                return True
    verb = next(iter(clause_verbs(anchors)), None)
    if verb is None or verb.tag_ != "VBN":
        return False
    past_perfect = any(c.lower_ == "had" and c.dep_ == "aux" for c in verb.children)
    return past_perfect and reported_clause(verb) is None


def is_historical(when: EventDate, published: dt.date) -> bool:
    """True when ``when`` lies in a period clearly before ``published`` (see module docstring).

    The present and spans that run up to it ("this week", "over the past two weeks") never are.
    """
    if RE_RECENT.search(when.text):
        return False
    parts = [int(p) for p in when.value.split("-")]
    if when.precision == "year":
        return parts[0] < published.year
    if when.precision == "month":
        return (parts[0], parts[1]) < (published.year, published.month)
    day = dt.date(parts[0], parts[1], parts[2])
    return (published - day).days > HISTORICAL_DAYS


def is_upcoming(when: EventDate, published: dt.date) -> bool:
    """True when ``when`` lies wholly after ``published`` ("next month", "on 5 October")."""
    parts = [int(p) for p in when.value.split("-")]
    if when.precision == "year":
        return parts[0] > published.year
    if when.precision == "month":
        return (parts[0], parts[1]) > (published.year, published.month)
    return dt.date(parts[0], parts[1], parts[2]) > published


def modality_of(
    trigger: Token, published: dt.date | None = None, when: EventDate | EllipsisType | None = ...
) -> Modality:
    """Modality flags and reporting source of the event whose trigger is ``trigger``.

    ``published`` and ``when`` (the event date from ``dates.event_date``, None when it has
    none; computed here when not given) enable the date-based historical rule; without a
    date only explicit past markers set ``historical``.
    """
    anchors = clause_anchors(trigger)
    speech = reported_clause(trigger)
    source, source_hedges = _attribution(trigger, speech)
    future = is_future(trigger, anchors)
    if when is ...:
        when = event_date(trigger, published)
    if when is not None and published is not None:
        historical = is_historical(when, published)
        future = future or is_upcoming(when, published)
    else:
        historical = not future and _has_past_marker(anchors)
    return Modality(
        negated=_is_negated(anchors, speech),
        future=future and not historical,
        hypothetical=_is_hypothetical(trigger, anchors),
        alleged=source_hedges or _hedged(trigger, anchors, speech),
        historical=historical,
        attributed_to=source,
    )


# clause_anchors, entity_spans, lemma and tense_of live in ``clause``; re-exported for the place module
# until it imports them from there.
__all__ = [
    "HISTORICAL_DAYS",
    "attribution",
    "clause_anchors",
    "entity_spans",
    "is_historical",
    "is_upcoming",
    "lemma",
    "modality_of",
    "tense_of",
]
