"""Event records: a surviving draft plus its context becomes an ``Event``.

Context is the event date, modality flags and place; a modality can shift the code (see
``recode``), a hostile act with no target takes the foreign place it happened in, the PLOVER mode
is refined from the words around the trigger, and the explanation records every rule applied.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.coding.cues import active as cues
from eventwire.coding.dates import event_date_and_note
from eventwire.coding.dyads import Draft
from eventwire.coding.modality import modality_of
from eventwire.coding.modes import refine_mode
from eventwire.coding.ontology import Ontology
from eventwire.coding.places import Gazetteer, event_place
from eventwire.coding.recode import shift_for_modality
from eventwire.coding.roles import Roles
from eventwire.coding.trace import Rule, Step, render, rule_ids
from eventwire.coding.triggers import add_phrase
from eventwire.models import Article, Cameo, Event, Location, Mention, MentionReason, Plover, Trigger


def build_event(
    draft: Draft, sentence: str, number: int, article: Article, ontology: Ontology, gazetteer: Gazetteer
) -> Event:
    """The event of a draft: context (date, modality, place), modality shifts, mode, explanation."""
    cand, tok = draft.cand, draft.cand.token
    info, trace = draft.code, list(draft.trace)
    published = article.published_date
    when, date_note = event_date_and_note(tok, published)
    if date_note:
        trace.append(Step(Rule.DATE_DROPPED, date_note))
    modality = modality_of(tok, published, when)
    if cand.roles.alleged:
        modality.alleged = True
    shifted = shift_for_modality(info, modality, ontology, tok)
    if shifted is not None:
        info, why = shifted
        trace.append(why)
    plover_type = info.plover_type or ""
    location = event_place(tok, gazetteer, draft.actors, article)
    recipients = draft.recipients
    if not recipients and plover_type in cues().place_target_types and location is not None:
        place = _place_mention(location, sentence, tok, draft.actors)
        if place is not None:
            recipients = [place]
            trace.append(Step(Rule.PLACE_TARGET, location.text))
    mode, mode_step = info.mode, None
    if plover_type in cues().mode_types:
        mode, mode_step = refine_mode(plover_type, info.mode, draft_words(draft))
    if mode_step is not None:
        trace.append(mode_step)
    roles = render(s for s in trace if s.rule is not Rule.MODE_CUE) or "none"
    explanation = (
        f"{cand.label} → CAMEO {info.code} ({info.description}) → PLOVER {plover_type}"
        f"{'/' + mode if mode else ''}; roles: {roles}" + (f"; {mode_step.render()}" if mode_step else "")
    )
    return Event(
        id=Event.make_id(article.id, number, tok.idx, plover_type),
        article_id=article.id,
        sentence_index=number,
        sentence=sentence.strip(),
        trigger=Trigger(tok.text, tok.idx, tok.idx + len(tok.text)),
        plover=Plover(plover_type, mode, list(info.context)),
        cameo=Cameo(info.code, info.root, info.goldstein, info.quad_class),
        actor=draft.actors,
        recipient=recipients,
        modality=modality,
        date=when,
        location=location,
        confidence=confidence(
            cand.weight, bool(draft.actors), bool(recipients), modality.alleged, cand.nominal
        ),
        explanation=explanation,
        rules=rule_ids(trace),
    )


def confidence(weight: int, has_actor: bool, has_recipient: bool, alleged: bool, nominal: bool) -> float:
    """A heuristic 0–1 score: specific patterns and complete dyads score higher."""
    score = 0.45 + min(weight, 3) * 0.1 + (0.1 if has_actor else 0) + (0.1 if has_recipient else 0)
    score -= 0.1 if alleged else 0
    score -= 0.1 if nominal else 0
    return round(max(0.05, min(score, 0.95)), 2)


def draft_words(draft: Draft) -> set[str]:
    """Words around the trigger and its twins that can decide the PLOVER mode."""
    words: set[str] = set()
    for d in (draft, *draft.twins):
        words |= d.cand.words
        words.add(d.cand.token.lower_)
        words |= _role_words(d.cand.roles)
    return words


def _role_words(roles: Roles) -> set[str]:
    words: set[str] = set()
    for head in (*roles.actors, *roles.recipients):
        add_phrase(words, head)
    return words


def _place_mention(location: Location, sentence: str, tok: Token, actors: list[Mention]) -> Mention | None:
    """The place where a hostile act happened as its target ("fired at targets in Jericho" → PSE)."""
    if not location.country or location.country in {m.country for m in actors}:
        return None
    at = sentence.find(location.text)
    if at < 0:
        return None
    start = tok.sent.start_char + at
    entry = f"geonames:{location.geonameid}" if location.geonameid else None
    return Mention(
        location.text,
        start,
        start + len(location.text),
        country=location.country,
        code=location.country,
        reason=MentionReason.PLACE,
        entry=entry,
    )
