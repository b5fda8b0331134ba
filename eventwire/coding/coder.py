"""The event coder: PLOVER 2.0 + CAMEO events from each sentence of a parsed article."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from eventwire.coding.dates import event_date
from eventwire.coding.modality import modality_of
from eventwire.coding.modes import MODE_RULES, refine_mode
from eventwire.coding.nouns import NounRule, load_noun_rules, match_noun, modifier_words
from eventwire.coding.ontology import CodeInfo, Ontology
from eventwire.coding.patterns import build_lexicon
from eventwire.coding.places import Gazetteer
from eventwire.coding.roles import (
    PASS_DEPS,
    SUBJ_DEPS,
    MentionIndex,
    Roles,
    light_governor,
    noun_roles,
    prep_objects,
    verb_roles,
)
from eventwire.models import Article, Cameo, Event, Location, Mention, Modality, Plover, Trigger

if TYPE_CHECKING:
    from eventwire.actors import ActorResolver

# Saying is not doing: these verbs report; what they report is coded, attributed to the speaker.
SAYING = frozenset({
    "say", "tell", "report", "state", "add", "note", "announce", "write", "explain", "stress", "declare",
    "assert", "mention", "reiterate", "remark", "comment", "maintain", "describe", "quote", "cite", "argue",
    "believe", "think", "reply", "respond", "tweet", "post", "accord",
})
# Verbs whose subject is the source of what the clause under them says (SAYING plus judgements).
SPEAKING = SAYING | {"conclude", "insist", "urge", "warn", "find", "rule", "decide"}
OBJ_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "acomp"})
CLAUSE_LINKS = frozenset({"xcomp", "advcl", "ccomp", "conj", "dobj"})
PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "poss"})
# A verb of these CAMEO roots governs its complement: "agreed to cooperate" is one AGREE event.
GOVERNING_ROOTS = frozenset({"02", "03", "10", "11", "12", "13"})
DISPATCH_VERBS = frozenset({"send", "dispatch", "deploy", "summon"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
# The demand (CAMEO 10x) that an obligation to act of a given root amounts to.
DEMAND_FOR_ROOT = {"03": "100", "04": "106", "05": "102", "06": "101", "07": "103", "08": "105",
                   "09": "100", "12": "1056", "14": "1052", "15": "1056", "17": "105", "18": "1056",
                   "19": "1056", "20": "1056"}
STATE_PARTICIPLES = frozenset({"arm", "back", "link", "base", "station", "equip", "affiliate", "ally",
                               "align", "sponsor", "fund", "lead", "tie", "connect"})
STATEMENT_NOUNS = frozenset({"statement", "declaration", "letter", "message", "communique", "report",
                             "note", "memo", "tweet", "remark", "remarks"})
ISSUING_VERBS = frozenset({"issue", "release", "publish", "send", "make", "deliver", "post", "put",
                           "read", "circulate", "write", "pen"})
VERBAL_ROOTS = frozenset({"01", "02", "03", "05", "09", "10", "11", "12", "13"})
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "across", "throughout"})
OBJECT_DEPS = frozenset({"dobj", "dative", "xcomp", "prep", "agent"})
PURPOSE_DEPS = frozenset({"dobj", "xcomp", "advcl", "prep", "acl", "relcl"})
READYING_VERBS = frozenset({"prepare", "ready", "gear", "poise", "mass"})
HOSTILE_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Types whose unstated target may be the place they happen in ("attacks in Syria").
MODE_TYPES = frozenset(rule[0] for rule in MODE_RULES)
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"})


@dataclass(slots=True)
class _Candidate:
    token: Token
    info: CodeInfo
    label: str
    weight: int
    roles: Roles
    nominal: bool
    words: frozenset[str]


class EventCoder:
    """Codes events in parsed articles; holds the compiled patterns, ontology and gazetteer."""

    def __init__(
        self,
        resolver: ActorResolver,
        *,
        verb_files: Sequence[Path] = (),
        ontology: Ontology | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.resolver = resolver
        self.lexicon = build_lexicon(verb_files)
        self.nouns = load_noun_rules()
        self.ontology = ontology or Ontology.load()
        self.gazetteer = gazetteer or Gazetteer.load()
        words = {*self.lexicon.entries, *self.nouns}
        self._keys = frozenset(hash_string(w) for w in words)

    # ------------------------------------------------------------------ public API
    def code(self, doc: Doc, article: Article) -> list[Event]:
        """All events of ``doc`` (the parse of ``article.text``), sentence by sentence.

        Within a sentence, events come in order of salience: the main event first.
        """
        mentions = self.resolver.resolve(doc, article.published_date)
        return self.code_with_mentions(doc, article, mentions)

    def code_with_mentions(self, doc: Doc, article: Article, mentions: Iterable[Mention]) -> list[Event]:
        """Like ``code`` with the actor mentions already resolved (benchmarks, tests)."""
        index = MentionIndex(doc, mentions)
        marks = sorted(index.by_token)
        events: list[Event] = []
        triggers: list[int] | None = None
        for number, sent in enumerate(doc.sents):
            at = bisect.bisect_left(marks, sent.start)
            if at == len(marks) or marks[at] >= sent.end:
                continue  # no resolved actor in the sentence: no event can be coded
            if triggers is None:
                triggers = self._trigger_positions(doc)
            lo = bisect.bisect_left(triggers, sent.start)
            hi = bisect.bisect_left(triggers, sent.end, lo)
            if lo < hi:
                tokens = [doc[i] for i in triggers[lo:hi]]
                events.extend(self._code_sentence(sent, tokens, number, index, article))
        return events

    def _trigger_positions(self, doc: Doc) -> list[int]:
        """Indices of tokens whose lemma or lower-case form is a pattern's verb or noun (one array read)."""
        if not len(doc):
            return []
        keys = self._keys
        return [i for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist())
                if lemma in keys or lower in keys]

    @staticmethod
    def main_event(events: Sequence[Event]) -> Event | None:
        """The main event of one sentence's events (they are ordered by salience)."""
        if not events:
            return None
        first = min(e.sentence_index for e in events)
        return next(e for e in events if e.sentence_index == first)

    # ------------------------------------------------------------------ sentence
    def _code_sentence(
        self, sent: Span, tokens: list[Token], number: int, index: MentionIndex, article: Article
    ) -> list[Event]:
        candidates: list[_Candidate] = []
        consumed: set[int] = set()
        for tok in tokens:
            pos = tok.pos_
            if pos == "VERB":
                if tok.dep_ in ("amod", "compound"):
                    continue  # "Iran-backed", "Iran-linked": a modifier, not an event
                cand = self._verb_candidate(tok, consumed)
            elif pos in ("NOUN", "PROPN") and tok.i not in index.by_token:
                cand = self._noun_candidate(tok)
            else:
                continue
            if cand is not None:
                candidates.append(cand)
        candidates = [c for c in candidates if not (c.nominal and c.token.i in consumed)]
        candidates = _prefer_named_events(candidates)
        candidates = _combine(candidates, self.ontology)
        drafts: list[_Draft] = []
        seen: dict[tuple[str | None, frozenset[str], frozenset[str]], list[int]] = {}
        for cand in candidates:
            draft = _draft(cand, index, self.ontology)
            if draft is None:
                continue
            key = ((draft.info or cand.info).plover_type, _codes(draft.actors), _codes(draft.recipients))
            twin = next((at for at in seen.get(key, ()) if _linked(drafts[at].cand.token, cand.token)), None)
            if twin is not None:
                # The same act said twice ("travel to Moscow to meet"): keep the more salient one.
                prior = drafts[twin]
                keep, drop = (draft, prior) if draft.rank > prior.rank else (prior, draft)
                keep.twins.append(drop)
                drafts[twin] = keep
                continue
            seen.setdefault(key, []).append(len(drafts))
            drafts.append(draft)
        drafts.sort(key=lambda d: d.rank, reverse=True)
        sentence = sent.doc.text[sent.start_char : sent.end_char]
        return [self._finish(d, sentence, number, article) for d in drafts]

    def _verb_candidate(self, verb: Token, consumed: set[int]) -> _Candidate | None:
        lemma = verb.lemma_.lower()
        if lemma in SAYING:
            return None
        lower = verb.lower_
        if lemma not in self.lexicon and lower not in self.lexicon:
            return None
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and lemma in STATE_PARTICIPLES:
            return None  # "militiamen armed with machetes", "troops stationed in": a state, not an act
        if lemma in ISSUING_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in verb.children
        ):
            return None  # issuing a statement or sending a letter is saying; its content is coded
        pre, post, preps, near = _bags(verb)
        match = self.lexicon.match((lemma, lower), pre, post, preps, near)
        if match is None or match.code is None:
            return None
        code = match.code
        if lemma in DEMAND_VERBS and code.startswith("02"):
            code = "10" + code[2:]
        info = self.ontology.get(code)
        if info is None or info.plover_type is None:
            return None
        if match.words:
            for child in verb.children:
                words = {child.lower_, child.lemma_.lower()}
                if child.dep_ in OBJ_DEPS and not words.isdisjoint(match.words):
                    consumed.add(child.i)
        return _Candidate(verb, info, match.label, match.weight, verb_roles(verb), False, frozenset(post))

    def _noun_candidate(self, noun: Token) -> _Candidate | None:
        rule = match_noun(noun, self.nouns)
        if rule is None:
            return None
        info = self.ontology.get(rule.code)
        if info is None or info.plover_type is None:
            return None
        if rule.mode:
            info = _with_mode(info, rule)
        words = frozenset(modifier_words(noun))
        return _Candidate(noun, info, rule.label, 2 if rule.cues else 1, noun_roles(noun), True, words)

    # ------------------------------------------------------------------ event
    def _finish(self, draft: _Draft, sentence: str, number: int, article: Article) -> Event:
        """The event of a draft: context (date, modality, place), modality shifts, mode, explanation."""
        cand, tok = draft.cand, draft.cand.token
        info, how = draft.info or cand.info, draft.how
        published = article.published_date
        when = event_date(tok, published)
        modality = modality_of(tok, published, when)
        if cand.roles.alleged:
            modality.alleged = True
        shifted = shift_for_modality(info, modality, self.ontology, tok)
        if shifted is not None:
            info, why = shifted
            how += "; " + why
        plover_type = info.plover_type or ""
        location = self.gazetteer.place_of(tok)
        recipients = draft.recipients
        if not recipients and plover_type in PLACE_TARGET_TYPES and location is not None:
            place = _place_mention(location, sentence, tok, draft.actors)
            if place is not None:
                recipients = [place]
                how += f"; place '{location.text}' → recipient"
        mode, mode_rule = info.mode, ""
        if plover_type in MODE_TYPES:
            mode, mode_rule = refine_mode(plover_type, info.mode, _draft_words(draft))
        explanation = (
            f"{cand.label} → CAMEO {info.code} ({info.description}) → PLOVER {plover_type}"
            f"{'/' + mode if mode else ''}; roles: {how or 'none'}"
            + (f"; {mode_rule}" if mode_rule else "")
        )
        return Event(
            id=Event.make_id(article.id, number, tok.idx, plover_type),
            article_id=article.id,
            sentence_index=number,
            sentence=sentence,
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
        )


@dataclass(slots=True)
class _Draft:
    """A candidate with its actors resolved; context is added only to drafts that survive."""

    cand: _Candidate
    actors: list[Mention]
    recipients: list[Mention]
    how: str
    rank: tuple[float, ...]
    info: CodeInfo | None = None  # a code other than the candidate's (an obligation turned demand)
    twins: list[_Draft] = field(default_factory=list)


def _draft(cand: _Candidate, index: MentionIndex, ontology: Ontology) -> _Draft | None:
    """Actors and recipients of a candidate; None when it has neither or is no event."""
    tok, info, roles = cand.token, cand.info, cand.roles
    actors = _first_group(roles.actors, index)
    recipients = _first_group(roles.recipients, index, actors)
    how = roles.how
    if roles.shared:
        shared = _all_mentions(roles.shared, index)
        if not actors and shared:
            actors, shared = shared[:1], shared[1:]
        recipients = recipients or shared
    if (cand.nominal and not recipients and len(actors) > 1 and info.plover_type in SYMMETRIC_TYPES
            and "subject of" not in how):  # "the Bennett-Putin summit"; not "U.S. and Russian negotiators"
        actors, recipients = actors[:1], actors[1:]
    if not actors and not cand.nominal:
        actors = _speaker_for_pronoun(tok, index)
        if actors:
            how += "; pronoun subject of reported speech → speaker"
    if not recipients and info.plover_type in PLACE_TARGET_TYPES and roles.places:
        recipients = _first_group(roles.places, index, actors)
        if recipients:
            how += "; 'in' place → recipient"
    if not recipients and info.plover_type in PLACE_TARGET_TYPES:
        recipients, extra = _place_or_clause_target(tok, index, actors)
        if recipients:
            how += "; " + extra
    if not recipients:
        recipients = _inside_objects(tok, index, actors)
        if recipients:
            how += "; first other actor inside the object → recipient"
    if not recipients and info.plover_type == "PROTEST":
        governor = tok if not cand.nominal else light_governor(tok)
        if governor is not None:
            recipients = _inside_objects(governor, index, actors, purpose=True)
            if recipients:
                how += "; actor named in the protest's object or purpose → recipient"
    if not recipients and cand.nominal:
        governor = light_governor(tok)
        if governor is not None:  # "declared a state of siege in Haiti"
            recipients = _inside_objects(governor, index, actors, places=False, clauses=True)
            if recipients:
                how += f"; first other actor around '{governor.text}' → recipient"
    same = {(m.code, m.name) for m in actors}
    starts = {m.start for m in actors}
    recipients = [m for m in recipients if (m.code, m.name) not in same and m.start not in starts]
    if not actors and not recipients:
        return None
    if info.mode == "visit" and recipients and _same_countries(actors, recipients):
        return None  # "returned to Israel": travelling home is not a visit
    if actors and info.root in DEMAND_FOR_ROOT and not cand.nominal and _obliged(tok):
        speaker = [m for m in _speaker(tok, index) if (m.code, m.name) not in same]
        demand = ontology.get(DEMAND_FOR_ROOT[info.root])
        if speaker and demand is not None:
            why = f"; speaker says the actor must '{tok.text}' → REQUEST (CAMEO {info.code} → {demand.code})"
            return _Draft(cand, speaker, actors, how + why, _salience(cand), info=demand)
    return _Draft(cand, actors, recipients, how, _salience(cand))


def _draft_words(draft: _Draft) -> set[str]:
    """Words around the trigger and its twins that can decide the PLOVER mode."""
    words: set[str] = set()
    for d in (draft, *draft.twins):
        words |= d.cand.words
        words.add(d.cand.token.lower_)
        words |= _role_words(d.cand.roles)
    return words


# ---------------------------------------------------------------------- helpers
def confidence(weight: int, has_actor: bool, has_recipient: bool, alleged: bool, nominal: bool) -> float:
    """A heuristic 0–1 score: specific patterns and complete dyads score higher."""
    score = 0.45 + min(weight, 3) * 0.1 + (0.1 if has_actor else 0) + (0.1 if has_recipient else 0)
    score -= 0.1 if alleged else 0
    score -= 0.1 if nominal else 0
    return round(max(0.05, min(score, 0.95)), 2)


# PLOVER codes a promise of cooperation as AGREE, a refusal as REJECT, and an announced
# hostile act as THREATEN; CAMEO has the matching "intend to" (03x), "refuse" (12x) and
# "threaten" (13x) codes. Visits and meetings stay CONSULT, flagged future.
PROMISE_CODES = {"05": "032", "06": "031", "07": "033", "08": "035"}
REFUSAL_CODES = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
# Demanding is not appealing: CAMEO's 02x appeal codes become the matching 10x demand codes.
DEMAND_VERBS = frozenset({"demand", "insist", "order", "require"})
# What makes an act announced rather than done: "will support", "is willing to withdraw".
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
WILLING_HEADS = frozenset({"willing", "ready", "prepared", "prepare", "plan", "intend", "vow", "pledge",
                           "promise", "offer", "agree", "decide", "threaten", "go", "set", "due", "poised"})
THREAT_CODES = {"14": "130", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}


def announced(tok: Token) -> bool:
    """Whether the act of ``tok`` is announced for later: a future auxiliary or a willing/planning head."""
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
            return True
    head = tok.head
    return tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in WILLING_HEADS


def shift_for_modality(
    info: CodeInfo, modality: Modality, ontology: Ontology, tok: Token
) -> tuple[CodeInfo, str] | None:
    """The AGREE / REJECT / THREATEN code for an announced or negated act, if it shifts."""
    if modality.historical:
        return None
    root = info.root
    if modality.negated and root in REFUSAL_CODES and any(c.dep_ == "neg" for c in tok.children):
        target, why = REFUSAL_CODES[root], "negated cooperation → REJECT"  # "will not accept"
    elif modality.negated or not (modality.future or modality.hypothetical) or not announced(tok):
        return None
    elif root in PROMISE_CODES:
        target, why = PROMISE_CODES[root] + info.code[3:], "promised cooperation → AGREE"
    elif root in THREAT_CODES:
        target, why = THREAT_CODES[root], "announced hostile act → THREATEN"
    else:
        return None
    shifted = ontology.get(target) or ontology.get(target[:3])
    if shifted is None or shifted.plover_type is None:
        return None
    return shifted, f"{why} (CAMEO {info.code} → {shifted.code})"


def _with_mode(info: CodeInfo, rule: NounRule) -> CodeInfo:
    return CodeInfo(info.code, info.description, info.plover_type, rule.mode, info.context,
                    info.goldstein, info.quad_class)


def _add_phrase(bag: set[str], tok: Token) -> None:
    bag.add(tok.lower_)
    bag.add(tok.lemma_.lower())
    for child in tok.children:
        if child.dep_ in PHRASE_DEPS:
            bag.add(child.lower_)
            bag.add(child.lemma_.lower())


def _bags(verb: Token) -> tuple[set[str], set[str], dict[str, set[str]], set[str]]:
    """Subject-side words, object-side words, prepositional phrases and words next to the verb."""
    pre: set[str] = set()
    post: set[str] = set()
    preps: dict[str, set[str]] = {}
    near: set[str] = set()
    for child in verb.children:
        dep = child.dep_
        if dep in OBJ_DEPS or dep in PASS_DEPS:
            _add_phrase(post, child)
            if dep == "dobj":  # "called for the release of prisoners": the object's own complements
                for _prep, obj in prep_objects(child, ("of", "to", "on", "against", "with")):
                    _add_phrase(preps.setdefault(_prep, set()), obj)
        elif dep in ("prep", "agent"):
            bag = preps.setdefault(child.lower_, set())
            near.add(child.lower_)
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    _add_phrase(bag, grand)
        elif dep == "prt":
            post.add(child.lower_)
            near.add(child.lower_)
        elif dep in SUBJ_DEPS:
            _add_phrase(pre, child)
        elif dep == "advmod":
            post.add(child.lower_)
        elif (dep == "xcomp" or (dep == "advcl" and _to_infinitive(child))) and child.pos_ == "VERB":
            preps.setdefault("to", set()).add(child.lemma_.lower())
    passive = verb.tag_ == "VBN" or any(c.dep_ in PASS_DEPS for c in verb.children)
    if verb.dep_ in ("acl", "relcl") and passive:
        _add_phrase(post, verb.head)
    if verb.i > 0:
        near.add(verb.doc[verb.i - 1].lower_)
    if verb.i + 1 < len(verb.doc):
        near.add(verb.doc[verb.i + 1].lower_)
    return pre, post, preps, near


def _first_group(
    heads: Iterable[Token], index: MentionIndex, exclude: Sequence[Mention] = ()
) -> list[Mention]:
    """Mentions of the first phrase (in priority order) that has any besides the ``exclude``d actors."""
    same = {(m.code, m.name) for m in exclude}
    starts = {m.start for m in exclude}
    countries = {m.country for m in exclude}
    for head in heads:
        found = [
            m for m in index.in_phrase(head)
            if (m.code, m.name) not in same and m.start not in starts
            and not (m.country in countries and m.reason.startswith("coref"))  # "withdraw its troops"
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


def _codes(mentions: Iterable[Mention]) -> frozenset[str]:
    return frozenset(m.code or m.country or "" for m in mentions)


def _role_words(roles: Roles) -> set[str]:
    words: set[str] = set()
    for head in (*roles.actors, *roles.recipients):
        _add_phrase(words, head)
    return words


def _speaker(verb: Token, index: MentionIndex) -> list[Mention]:
    """Mentions of the subject of the saying verb whose reported clause holds ``verb``."""
    tok = verb
    for _ in range(5):
        if tok.head.i == tok.i:
            return []
        came, tok = tok.dep_, tok.head
        if tok.lemma_.lower() in SPEAKING and came in ("ccomp", "conj", "xcomp", "advcl", "parataxis"):
            speaker = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            return index.in_phrase(speaker) if speaker is not None else []
    return []


def _speaker_for_pronoun(verb: Token, index: MentionIndex) -> list[Mention]:
    """"Lapid said he would travel": an unresolved pronoun subject in reported speech is the speaker."""
    subj = next((c for c in verb.children if c.dep_ in SUBJ_DEPS), None)
    if subj is not None and subj.tag_ != "PRP":
        return []
    return _speaker(verb, index)


def _obliged(verb: Token) -> bool:
    """"Sudan must return the helicopter": an obligation stated by someone else is their demand."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children)


def _place_mention(location: Location, sentence: str, tok: Token, actors: list[Mention]) -> Mention | None:
    """The place where a hostile act happened as its target ("fired at targets in Jericho" → PSE)."""
    if not location.country or location.country in {m.country for m in actors}:
        return None
    at = sentence.find(location.text)
    if at < 0:
        return None
    start = tok.sent.start_char + at
    entry = f"geonames:{location.geonameid}" if location.geonameid else None
    return Mention(location.text, start, start + len(location.text), country=location.country,
                   code=location.country, reason="place", entry=entry)


def _inside_objects(
    verb: Token, index: MentionIndex, actors: list[Mention], purpose: bool = False, places: bool = True,
    clauses: bool = False,
) -> list[Mention]:
    """The nearest actor named anywhere inside the verb's objects or complements ("agreed to an
    extension of the mandate of the force in Lebanon", "reneged on his commitment to the Zambian
    people"), other than the actors themselves or pronouns pointing back at them. With ``purpose``
    the search also covers purpose clauses ("staged a strike to protest Assad's failure"); without
    ``places`` it skips where the act happened ("declared a ceasefire in south Lebanon"); with
    ``clauses`` it also reads clausal complements ("reiterated its demand that Israel ease ...")."""
    countries = {m.country for m in actors}
    same = {(m.code, m.name) for m in actors}
    deps = PURPOSE_DEPS if purpose else OBJECT_DEPS
    if clauses:
        deps = deps | {"ccomp"}
    for child in verb.children:
        if child.dep_ in deps and not (verb.pos_ == "NOUN" and child.lower_ == "by"):
            if not places and child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                continue
            for t in child.subtree:
                m = index.by_token.get(t.i)
                if m is None or (m.code, m.name) in same:
                    continue
                if m.country in countries and m.reason.startswith("coref"):
                    continue
                return [m]
    return []


def _place_or_clause_target(
    tok: Token, index: MentionIndex, actors: list[Mention]
) -> tuple[list[Mention], str]:
    """Target of a conflict event naming none: "attacks in Syria"; "Syria intercepted missiles fired by X"."""
    countries = {m.country for m in actors}
    anchors = [tok, tok.head] if tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") else [tok]
    for anchor in anchors:
        for _prep, obj in prep_objects(anchor, ("in", "inside", "across", "over")):
            found = [m for m in index.in_phrase(obj) if m.country not in countries]
            if found:
                return found, f"'{_prep}' place → recipient"
    for child in tok.children:
        objs = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ in ("at", "on", "against", "into"):
            objs = [g for g in child.children if g.dep_ == "pobj"]
        for obj in objs:
            inside = [index.by_token[t.i] for t in obj.subtree if t.i in index.by_token]
            found = [m for m in inside if m.country not in countries][:1]
            if found:
                return found, "mention inside the object → recipient"
    head = tok
    if tok.dep_ in ("relcl", "acl") or (tok.dep_ == "pobj" and tok.head.dep_ == "prep"):
        head = tok.head
    if head.i != tok.i and head.dep_ in ("dobj", "prep", "nsubjpass") and head.head.pos_ == "VERB":
        governor = head.head
        subj = next((c for c in governor.children if c.dep_ in SUBJ_DEPS), None)
        if subj is not None:
            inside = [index.by_token[t.i] for t in subj.subtree if t.i in index.by_token]
            found = [m for m in inside if m.country not in countries][:1]
            if found:
                return found, f"subject of '{governor.text}' → recipient"
    return [], ""


def _readying_head(tok: Token) -> Token | None:
    """The "prepare"/"ready" verb two complement steps above a hostile act, if any."""
    for _ in range(2):
        if tok.dep_ not in ("xcomp", "advcl", "ccomp") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in READYING_VERBS:
            return tok
    return None


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _prefer_named_events(candidates: list[_Candidate]) -> list[_Candidate]:
    """A bare verb whose object names an event gives way to it: "organized a general strike"."""
    nominal = {c.token.i for c in candidates if c.nominal}
    return [
        c for c in candidates
        if c.nominal or c.weight > 0 or c.info.root in VERBAL_ROOTS  # "condemned the attack" stays
        or not any(ch.dep_ == "dobj" and ch.i in nominal for ch in c.token.children)
    ]


def _combine(candidates: list[_Candidate], ontology: Ontology) -> list[_Candidate]:
    """Fold complements into their governing verb: "agreed to cooperate", "threatened to strike";
    sending someone to do something into the purpose: "sent experts to investigate"; and getting
    ready to attack into a show of force: "prepared to resume shelling" (MOBILIZE, CAMEO 150)."""
    by_token = {c.token.i: c for c in candidates}
    dropped: set[int] = set()
    for cand in candidates:
        tok = cand.token
        if cand.nominal:
            continue
        if cand.info.root in HOSTILE_ROOTS:
            ready = _readying_head(tok)
            posture = ontology.get("150")
            if ready is not None and ready.i in by_token and posture is not None:
                governor = by_token[ready.i]
                governor.info, governor.label = posture, governor.label + f" + readiness for '{tok.text}'"
                dropped.add(tok.i)
                continue
        if tok.dep_ in ("advcl", "xcomp") and tok.head.lemma_.lower() in DISPATCH_VERBS:
            sender = by_token.get(tok.head.i)
            if sender is not None and _to_infinitive(tok):
                dropped.add(tok.head.i)
                # "dispatched inspectors to Iran to monitor": where they were sent is whom it concerns
                cand.roles = Roles(cand.roles.actors, cand.roles.recipients + sender.roles.recipients,
                                   cand.roles.how, cand.roles.alleged, cand.roles.shared)
            continue
        if tok.dep_ not in ("xcomp", "ccomp") and not (tok.dep_ == "advcl" and _to_infinitive(tok)):
            continue
        governor = by_token.get(tok.head.i)
        if governor is not None and governor.info.root in GOVERNING_ROOTS and not governor.nominal:
            if governor.info.root == "03" and governor.weight == 0 and cand.info.root in HOSTILE_ROOTS:
                dropped.add(governor.token.i)  # "prepared to resume shelling" is about the shelling
                continue
            dropped.add(tok.i)
            if not governor.roles.recipients and cand.roles.recipients:
                governor.roles = Roles(governor.roles.actors, cand.roles.recipients,
                                       governor.roles.how + "; complement's object → recipient",
                                       governor.roles.alleged, governor.roles.shared)
    return [c for c in candidates if c.token.i not in dropped]


def _linked(a: Token, b: Token) -> bool:
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


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 20:
        tok = tok.head
        depth += 1
    return depth


def _salience(cand: _Candidate) -> tuple[float, ...]:
    """Higher is more central: shallow in the parse tree, verbal, specific."""
    depth = _depth(cand.token)
    if cand.nominal:
        governor = light_governor(cand.token)
        if governor is not None and governor.lemma_.lower() in SAYING:
            # "announced a suspension of air links", "declared a state of siege": the act is the news
            depth = _depth(governor) - 1
    return (-depth, 0 if cand.nominal else 1, cand.weight, -cand.token.i)
