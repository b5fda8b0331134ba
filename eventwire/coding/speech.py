"""Saying is not doing: reporting verbs, issued statements and who said what.

Reporting verbs ("said", "told") and issuing a statement are never events themselves; the act they
report is coded instead. The speaker of a reported clause stands in for its pronoun subject ("Lapid
said he would travel") and turns an obligation ("X must return ...") into the speaker's demand.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.coding.cues import active as cues
from eventwire.coding.roles import MentionIndex, subject_of
from eventwire.models import Mention

REPORTED_DEPS = ("ccomp", "conj", "xcomp", "advcl", "parataxis")


def issues_statement(verb: Token, lemma: str) -> bool:
    """ "Issued a statement", "sent a letter": saying, whose content is coded instead."""
    return lemma in cues().issuing_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in cues().statement_nouns for c in verb.children
    )


def speaker(verb: Token, index: MentionIndex) -> list[Mention]:
    """Mentions of the subject of the saying verb whose reported clause holds ``verb``."""
    tok = verb
    for _ in range(5):
        if tok.head.i == tok.i:
            return []
        came, tok = tok.dep_, tok.head
        if tok.lemma_.lower() in cues().speaking and came in REPORTED_DEPS:
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            return index.in_phrase(subject) if subject is not None else []
    return []


def speaker_for_pronoun(verb: Token, index: MentionIndex) -> list[Mention]:
    """ "Lapid said he would travel": an unresolved pronoun subject in reported speech is the speaker."""
    # the subject it inherits counts too: "reports that the goal of the trip is to ensure ..."
    subj = subject_of(verb)
    if subj is not None and subj.tag_ != "PRP":
        return []
    return speaker(verb, index)


def obliged(verb: Token) -> bool:
    """ "Sudan must return the helicopter": an obligation stated by someone else is their demand."""
    return any(c.dep_ == "aux" and c.lower_ in cues().obligation_aux for c in verb.children)
