"""Who did it to whom: a candidate's roles as resolved actor mentions, and twin merging.

``draft`` turns a candidate's role phrase heads into actor and recipient mentions. When the parse
names no recipient, fallbacks look further, in order: a nominal event's "in" place (hostile acts),
the place or clause a conflict event concerns, the first other actor inside the objects, a
protest's purpose, and the clause around a nominal event's verb. ``merge_twins`` keeps one event
of the same act said twice ("travel to Moscow to meet").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.coding.cues import active as cues
from eventwire.coding.ontology import CodeInfo, Ontology
from eventwire.coding.ordering import linked, salience
from eventwire.coding.roles import SUBJ_DEPS, MentionIndex, light_governor, prep_objects, to_infinitive
from eventwire.coding.speech import obliged, speaker, speaker_for_pronoun
from eventwire.coding.trace import Rule, Step
from eventwire.coding.triggers import Candidate
from eventwire.models import Mention, MentionReason

OBJECT_DEPS = frozenset({"dobj", "dative", "xcomp", "prep", "agent"})
PURPOSE_DEPS = frozenset({"dobj", "xcomp", "advcl", "prep", "acl", "relcl"})

Key = tuple[str | None, str | None]


@dataclass(slots=True)
class Draft:
    """A candidate with its actors resolved; context is added only to drafts that survive."""

    cand: Candidate
    actors: list[Mention]
    recipients: list[Mention]
    trace: list[Step]
    rank: tuple[float, ...]
    info: CodeInfo | None = None  # a code other than the candidate's (an obligation turned demand)
    twins: list[Draft] = field(default_factory=list)

    @property
    def code(self) -> CodeInfo:
        """The code the draft carries: its own (a recode, a retype) or its candidate's."""
        return self.info or self.cand.info


def draft(cand: Candidate, index: MentionIndex, ontology: Ontology) -> Draft | None:
    """Actors and recipients of a candidate; None when it has neither or is no event."""
    tok, info, roles = cand.token, cand.info, cand.roles
    actors = _first_group(roles.actors, index)
    trace = list(roles.trace)
    ambiguous = _rival_subject(roles.rivals, actors, index)
    if ambiguous:
        actors = []
        trace.append(Step(Rule.RIVAL_SUBJECT, ambiguous[0].text))
    if roles.companions:  # the one accompanied, however it is referred to ("accompany him")
        actors += [m for m in _all_mentions(roles.companions, index) if _keys([m]).isdisjoint(_keys(actors))]
    recipients = _first_group(roles.recipients, index, actors)
    if roles.shared:
        shared = _all_mentions(roles.shared, index)
        if not actors and shared:
            actors, shared = shared[:1], shared[1:]
        recipients = recipients or shared
    if (
        cand.nominal
        and not recipients
        and len(actors) > 1
        and info.plover_type in cues().symmetric_types
        and not any(step.rule is Rule.LIGHT_VERB_SUBJECT for step in roles.trace)
    ):  # "the Bennett-Putin summit"; not "U.S. and Russian negotiators"
        actors, recipients = actors[:1], actors[1:]
    if not actors and not cand.nominal and not ambiguous:
        actors = speaker_for_pronoun(tok, index)
        if actors:
            trace.append(Step(Rule.SPEAKER_FOR_PRONOUN))
    if not recipients and not roles.partners_only and not _reciprocal(info.plover_type, actors):
        recipients, why = _fallback_recipients(cand, index, actors)
        trace.extend(why)
    known = _keys(actors)
    starts = {m.start for m in actors}
    recipients = [m for m in recipients if (m.code, m.name) not in known and m.start not in starts]
    if not actors and not recipients:
        return None
    if info.mode == "visit" and recipients and _same_countries(actors, recipients):
        return None  # "returned to Israel": travelling home is not a visit
    if actors and info.root in cues().recode("demand") and not cand.nominal and obliged(tok):
        said_by = [m for m in speaker(tok, index) if (m.code, m.name) not in known]
        demand = ontology.get(cues().recode("demand")[info.root])
        if said_by and demand is not None:
            why = Step(Rule.OBLIGATION_DEMAND, f"'{tok.text}' → REQUEST (CAMEO {info.code} → {demand.code})")
            return Draft(cand, said_by, actors, [*trace, why], salience(cand), info=demand)
    return Draft(cand, actors, recipients, trace, salience(cand))


def _rival_subject(rivals: Sequence[Token], actors: list[Mention], index: MentionIndex) -> list[Mention]:
    """Mentions of another country's actor that a trailing participle clause may describe instead of
    ``actors`` (see ``roles.participle_rivals``); empty when there is no such competitor."""
    if not rivals or not actors:
        return []
    countries = {m.country for m in actors}
    found = _first_group(rivals, index, actors)
    return found if any(m.country not in countries for m in found) else []


def _reciprocal(plover_type: str | None, actors: Sequence[Mention]) -> bool:
    """Parties of several countries meeting, agreeing or cooperating together: PLOVER codes them all
    as actors with no recipient, so no recipient is looked for beyond the parse."""
    return plover_type in cues().symmetric_types and len({m.country for m in actors}) > 1


def _fallback_recipients(
    cand: Candidate, index: MentionIndex, actors: list[Mention]
) -> tuple[list[Mention], list[Step]]:
    """Recipients found beyond the candidate's own role phrases, and the rule that found them."""
    tok, plover_type, places = cand.token, cand.info.plover_type, cand.roles.places
    if plover_type in cues().place_target_types:
        if places and (found := _first_group(places, index, actors)):
            return found, [Step(Rule.IN_PLACE)]
        found, why = _place_or_clause_target(tok, index, actors)
        if found:
            return found, why
    # a nominal event's own "in X" is where it happens, a target only for the hostile types above
    # protesters march in their own streets: the place of a protest is no target either
    placed = (not cand.nominal or plover_type in cues().place_target_types) and plover_type != "PROTEST"
    if found := _inside_objects(tok, index, actors, places=placed, event=tok):
        return found, [Step(Rule.INSIDE_OBJECT)]
    if plover_type == "PROTEST":
        governor = tok if not cand.nominal else light_governor(tok)
        if governor is not None and (found := _inside_objects(governor, index, actors, purpose=True)):
            return found, [Step(Rule.PROTEST_PURPOSE)]
    if cand.nominal:  # "declared a state of siege in Haiti"
        governor = light_governor(tok)
        if governor is not None and (
            found := _inside_objects(governor, index, actors, places=False, clauses=True, event=tok)
        ):
            return found, [Step(Rule.AROUND_GOVERNOR, governor.text)]
    return [], []


def merge_twins(drafts: Iterable[Draft]) -> list[Draft]:
    """Drafts by salience, most salient first, with twins (the same type and dyad, triggers linked
    through complements: "travel to Moscow to meet") merged into the more salient one."""
    kept: list[Draft] = []
    seen: dict[tuple[str | None, frozenset[str], frozenset[str]], list[int]] = {}
    for d in drafts:
        key = (d.code.plover_type, codes(d.actors), codes(d.recipients))
        twin = next((at for at in seen.get(key, ()) if linked(kept[at].cand.token, d.cand.token)), None)
        if twin is None:
            seen.setdefault(key, []).append(len(kept))
            kept.append(d)
            continue
        prior = kept[twin]
        keep, drop = (d, prior) if d.rank > prior.rank else (prior, d)
        keep.twins.append(drop)
        kept[twin] = keep
    kept.sort(key=lambda d: d.rank, reverse=True)
    return kept


def codes(mentions: Iterable[Mention]) -> frozenset[str]:
    """The actor codes (or countries) of ``mentions``."""
    return frozenset(m.code or m.country or "" for m in mentions)


def _keys(mentions: Iterable[Mention]) -> set[Key]:
    return {(m.code, m.name) for m in mentions}


def _points_back(m: Mention, countries: set[str | None]) -> bool:
    """A pronoun or other coreference to one of the actors' countries ("withdraw its troops")."""
    return m.country in countries and m.reason is MentionReason.COREFERENCE


def _first_group(
    heads: Iterable[Token], index: MentionIndex, exclude: Sequence[Mention] = ()
) -> list[Mention]:
    """Mentions of the first phrase (in priority order) that has any besides the ``exclude``d actors."""
    known = _keys(exclude)
    starts = {m.start for m in exclude}
    countries = {m.country for m in exclude}
    for head in heads:
        found = [
            m
            for m in index.in_phrase(head)
            if (m.code, m.name) not in known and m.start not in starts and not _points_back(m, countries)
        ]
        if found:
            return found
    return []


def _all_mentions(heads: Iterable[Token], index: MentionIndex) -> list[Mention]:
    out: list[Mention] = []
    for head in heads:
        for m in index.in_phrase(head):
            if m not in out:
                out.append(m)
    return out


def _same_countries(actors: list[Mention], recipients: list[Mention]) -> bool:
    countries = {m.country for m in actors}
    return bool(countries) and all(m.country in countries for m in recipients)


def _inside_objects(
    verb: Token,
    index: MentionIndex,
    actors: list[Mention],
    purpose: bool = False,
    places: bool = True,
    clauses: bool = False,
    event: Token | None = None,
) -> list[Mention]:
    """The nearest actor named anywhere inside the verb's objects or complements ("agreed to an
    extension of the mandate of the force in Lebanon", "reneged on his commitment to the Zambian
    people"), other than the actors themselves or pronouns pointing back at them. With ``purpose``
    the search also covers purpose clauses ("staged a strike to protest Assad's failure"); without
    ``places`` it skips where the act (or the event noun ``event``) happened ("declared a ceasefire
    in south Lebanon"); with ``clauses`` it also reads clausal complements ("reiterated its demand
    that Israel ease ...")."""
    countries = {m.country for m in actors}
    known = _keys(actors)
    deps = PURPOSE_DEPS if purpose else OBJECT_DEPS
    if clauses:
        deps = deps | {"ccomp"}
    for child in verb.children:
        if child.dep_ not in deps or (verb.pos_ == "NOUN" and child.lower_ == "by"):
            continue
        if not places and _place_phrase(child):
            continue
        for t in phrase_tokens(child, placed=None if places else event):
            m = index.by_token.get(t.i)
            if m is not None and (m.code, m.name) not in known and not _points_back(m, countries):
                return [m]
    return []


def _place_or_clause_target(
    tok: Token, index: MentionIndex, actors: list[Mention]
) -> tuple[list[Mention], list[Step]]:
    """Target of a conflict event naming none: "attacks in Syria"; "Syria intercepted missiles fired by X"."""
    countries = {m.country for m in actors}
    anchors = [tok, tok.head] if tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") else [tok]
    for anchor in anchors:
        for prep, obj in prep_objects(anchor, ("in", "inside", "across", "over")):
            found = [m for m in index.in_phrase(obj) if m.country not in countries]
            if found:
                return found, [Step(Rule.PLACE_PHRASE, prep)]
    for child in tok.children:
        objs = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ in ("at", "on", "against", "into"):
            objs = [g for g in child.children if g.dep_ == "pobj"]
        for obj in objs:
            if found := _first_foreign(obj, index, countries):
                return found, [Step(Rule.OBJECT_MENTION)]
    head = tok
    if tok.dep_ in ("relcl", "acl") or (tok.dep_ == "pobj" and tok.head.dep_ == "prep"):
        head = tok.head
    if head.i != tok.i and head.dep_ in ("dobj", "prep", "nsubjpass") and head.head.pos_ == "VERB":
        governor = head.head
        subj = next((c for c in governor.children if c.dep_ in SUBJ_DEPS), None)
        if subj is not None and (found := _first_foreign(subj, index, countries)):
            return found, [Step(Rule.GOVERNOR_SUBJECT, governor.text)]
    return [], []


def _first_foreign(phrase: Token, index: MentionIndex, countries: set[str | None]) -> list[Mention]:
    """The first mention inside ``phrase`` (embedded clauses left out) from none of ``countries``."""
    for t in phrase_tokens(phrase):
        m = index.by_token.get(t.i)
        if m is not None and m.country not in countries:
            return [m]
    return []


def phrase_tokens(top: Token, placed: Token | None = None) -> list[Token]:
    """``top``'s subtree in text order without the purposes of acts embedded in it ("banned a rally
    organised by students to denounce the loan from China": the rally, not the loan, was banned),
    nor the place phrases ("in X") of the event noun ``placed``."""
    out: list[Token] = []
    stack = [top]
    while stack:
        tok = stack.pop()
        out.append(tok)
        at_event = placed is not None and tok.i == placed.i
        stack.extend(
            c for c in tok.children if not _embedded_clause(c) and not (at_event and _place_phrase(c))
        )
    out.sort(key=lambda t: t.i)
    return out


def _embedded_clause(tok: Token) -> bool:
    """The purpose of an act named inside a phrase ("a rally planned by students to denounce X"):
    a "to" infinitive hanging off a participle or relative clause modifying a noun of the phrase."""
    return (
        tok.dep_ in ("xcomp", "advcl")
        and to_infinitive(tok)
        and tok.head.dep_ in ("acl", "relcl")
        and tok.head.head.pos_ in ("NOUN", "PROPN")
    )


def _place_phrase(prep: Token) -> bool:
    """Whether a prepositional phrase says where ("in Minsk", "near the border") rather than in
    reaction to whom ("in defiance of the government", "in protest against X", "in solidarity with X")."""
    if prep.dep_ != "prep" or prep.lower_ not in cues().place_preps:
        return False
    return not any(
        g.dep_ == "pobj" and g.pos_ == "NOUN" and _has_prep(g, cues().reaction_preps) for g in prep.children
    )


def _has_prep(tok: Token, preps: frozenset[str]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in preps for c in tok.children)
