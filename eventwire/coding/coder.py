"""The event coder: PLOVER 2.0 + CAMEO events from each sentence of a parsed article.

``EventCoder`` runs the steps of the other modules sentence by sentence: find trigger candidates
(``triggers``), fold those describing one act (``combine``), resolve their actors and recipients
(``dyads``, with reported speech from ``speech``), merge twins and order by salience
(``ordering``), and build the event records with their context (``records``, ``recode``).

Who did what to whom is decided on one path, in this order (each step records ``trace.Step``s):

1. ``triggers.verb_candidate`` / ``noun_candidate`` → ``roles.verb_roles`` / ``roles.noun_roles``: the
   phrase heads of actor and recipient in the trigger's own phrase (``role.*`` rules).
2. ``combine.combine``: a governing verb takes over its complement's act and, when it has none, its
   recipients (``role.complement_object``).
3. ``dyads.draft``: heads become resolved mentions; a rival subject leaves the actor open, a pronoun
   subject of reported speech is the speaker (``speech``), a symmetric meeting's parties split or stay
   together, the fallbacks look for a missing recipient, an obligation becomes the speaker's demand
   (``dyad.*`` rules).
4. ``records.build_event``: a hostile act's foreign place becomes its recipient (``context.place_target``).

The cue words every step reads are data (``cues.Cues``, active while this coder codes).
"""

from __future__ import annotations

import bisect
from collections.abc import Container, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from eventwire.coding import ordering
from eventwire.coding.combine import combine, prefer_named_events
from eventwire.coding.cues import Cues, using
from eventwire.coding.dyads import Draft, draft, merge_twins
from eventwire.coding.generic import localise, story_country, usable
from eventwire.coding.harm import HARM_TYPES, harm_cause
from eventwire.coding.learned.model import EventModel, word_key
from eventwire.coding.learned.revise import CandidateRows, ModelNote, Reviser, candidate_rows
from eventwire.coding.nouns import load_noun_rules
from eventwire.coding.ontology import Ontology
from eventwire.coding.patterns import build_lexicon
from eventwire.coding.places import Gazetteer
from eventwire.coding.records import build_event
from eventwire.coding.roles import MentionIndex
from eventwire.coding.triggers import Candidate, noun_candidate, verb_candidate
from eventwire.coding.vocabulary import TriggerVocabulary, trigger_vocabulary
from eventwire.models import Article, Event, Mention

if TYPE_CHECKING:
    from eventwire.actors import ActorResolver

__all__ = ["EventCoder"]


class EventCoder:
    """Codes events in parsed articles; holds the compiled patterns, cue lexicon, ontology and gazetteer.

    The cue lexicon (``cues``, default: the bundled ``data/cues.yaml``) is the active one while this coder
    codes, checks a sentence or lists its vocabulary: the rule modules read it through ``cues.active()``.
    """

    def __init__(
        self,
        resolver: ActorResolver,
        *,
        verb_files: Sequence[Path] = (),
        ontology: Ontology | None = None,
        gazetteer: Gazetteer | None = None,
        model: EventModel | None = None,
        use_model: bool = True,
        cues: Cues | None = None,
    ) -> None:
        """``model``: the learned event model (default: the shipped one; ``use_model=False``: rules alone).

        Raises ``ModelError`` when the model is wanted but its file is missing or damaged.
        """
        self.resolver = resolver
        self.cues = cues or Cues.load()
        self.lexicon = build_lexicon(verb_files)
        self.nouns = load_noun_rules()
        self.ontology = ontology or Ontology.load()
        self.gazetteer = gazetteer or Gazetteer.load()
        self.reviser: Reviser | None = None
        if use_model:
            self.reviser = Reviser(model or EventModel.load(), self.ontology, self.cues.saying)
        words = {*self.lexicon.entries, *self.nouns, *(self.reviser.words() if self.reviser else ())}
        self._keys = frozenset(hash_string(w) for w in words)

    def code(self, doc: Doc, article: Article) -> list[Event]:
        """All events of ``doc`` (the parse of ``article.text``), sentence by sentence.

        Within a sentence, events come in order of salience: the main event first.
        """
        with using(self.cues):  # the resolver reads the reporting verbs too ("it was reported that")
            mentions = self.resolver.resolve(doc, article.published_date)
            return self._code(doc, article, mentions)

    def code_with_mentions(self, doc: Doc, article: Article, mentions: Iterable[Mention]) -> list[Event]:
        """Like ``code`` with the actor mentions already resolved (benchmarks, tests)."""
        with using(self.cues):
            return self._code(doc, article, mentions)

    def _code(self, doc: Doc, article: Article, mentions: Iterable[Mention]) -> list[Event]:
        index = MentionIndex(doc, usable(doc, mentions))
        marks = sorted(index.by_token)
        coded: list[tuple[int, Span, list[int]]] = []  # the sentences that can hold an event
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
                coded.append((number, sent, triggers[lo:hi]))
        acts = [(number, sent, self._acts(sent, [doc[i] for i in positions], index))
                for number, sent, positions in coded]  # fmt: skip
        # The story's country (generic actors' fallback) is counted over the sentences that hold an act:
        # the same with or without the pipeline's prefilter, whatever else it parsed.
        holding = [sent for _, sent, found in acts if found]
        named = {id(m): m for i, m in index.by_token.items() if any(s.start <= i < s.end for s in holding)}
        fallback = story_country(named.values())
        text = doc.text if holding else ""
        events: list[Event] = []
        for number, sent, found in acts:
            events.extend(self._events(sent, found, number, article, text, fallback))
        return events

    @staticmethod
    def main_event(events: Sequence[Event]) -> Event | None:
        """The main event of one sentence's events (they are ordered by salience)."""
        return ordering.main_event(events)

    def _trigger_positions(self, doc: Doc) -> list[int]:
        """Indices of tokens whose lemma or lower-case form is a pattern's verb or noun (one array read)."""
        if not len(doc):
            return []
        keys = self._keys
        return [
            i
            for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist())
            if lemma in keys or lower in keys
        ]

    def _acts(
        self, sent: Span, tokens: list[Token], index: MentionIndex
    ) -> list[tuple[Draft, ModelNote | None]]:
        """The sentence's drafts that survive the event model and the non-political harm check, with the
        model's note on each, merged into one per act, most salient first."""
        drafts, seen = self._drafts(tokens, index)
        notes: dict[int, ModelNote] = {}
        if self.reviser is not None:
            revised = self.reviser.revise(sent, drafts, seen, index)
            drafts = [d for d, _ in revised]
            notes = {id(d): note for d, note in revised}
        return [(d, notes.get(id(d))) for d in merge_twins(d for d in drafts if not _harm_only(d))]

    def _events(
        self,
        sent: Span,
        acts: list[tuple[Draft, ModelNote | None]],
        number: int,
        article: Article,
        text: str,
        fallback: str | None,
    ) -> list[Event]:
        """The event records of a sentence's acts, with generic actors' countries and the model's note."""
        sentence = text[sent.start_char : sent.end_char]
        events = []
        for d, note in acts:
            event = build_event(d, sentence, number, article, self.ontology, self.gazetteer)
            event.actor, why = localise(event.actor, event.location, fallback)
            event.recipient, why_r = localise(event.recipient, event.location, fallback)
            if note is not None:
                event.confidence = round(note.probability, 3)
            for step in (why or why_r, note.step() if note is not None else None):
                if step is not None:
                    event.rules.append(step.rule.value)
                    event.explanation += "; " + step.render()
            events.append(event)
        return events

    def _drafts(self, tokens: list[Token], index: MentionIndex) -> tuple[list[Draft], set[int]]:
        """The rules' drafts of a sentence, and every token the rules took as a candidate."""
        candidates, seen = self._candidates(tokens, index)
        drafts = (draft(cand, index, self.ontology) for cand in candidates)
        return [d for d in drafts if d is not None], seen

    def _candidates(self, tokens: list[Token], index: MentionIndex) -> tuple[list[Candidate], set[int]]:
        """The sentence's trigger candidates, one per act, and the tokens of all candidates before folding."""
        candidates: list[Candidate] = []
        consumed: set[int] = set()  # objects a verb pattern names: no events of their own
        for tok in tokens:
            cand = self._candidate(tok, consumed, index.by_token)
            if cand is not None:
                candidates.append(cand)
        seen = {c.token.i for c in candidates} | consumed
        candidates = [c for c in candidates if not (c.nominal and c.token.i in consumed)]
        return combine(prefer_named_events(candidates), self.ontology), seen

    def candidate_rows(
        self, doc: Doc, mentions: Iterable[Mention], words: Container[str]
    ) -> list[tuple[Span, CandidateRows]]:
        """For training the event model: the sentences that can hold an event (one with an actor), each with
        the candidates the model would score there (``learned.revise.candidate_rows``, as in coding)."""
        with using(self.cues):
            return self._candidate_rows(doc, mentions, words)

    def _candidate_rows(
        self, doc: Doc, mentions: Iterable[Mention], words: Container[str]
    ) -> list[tuple[Span, CandidateRows]]:
        index = MentionIndex(doc, usable(doc, mentions))
        keys = self._keys
        rows = []
        for sent in doc.sents:
            if not index.in_sentence(sent):  # as in ``code_with_mentions``: no actor, no event
                continue
            drafts, seen = self._drafts([t for t in sent if t.lemma in keys or t.lower in keys], index)
            rows.append((sent, candidate_rows(sent, drafts, seen, index, words, self.cues.saying)))
        return rows

    def _candidate(self, tok: Token, consumed: set[int], mentioned: Container[int] = ()) -> Candidate | None:
        """The event ``tok`` may code, actors aside; nouns among the ``mentioned`` actors code none."""
        pos = tok.pos_
        if pos == "VERB":
            if tok.dep_ in ("amod", "compound"):
                return None  # "Iran-backed", "Iran-linked": a modifier, not an event
            return verb_candidate(tok, self.lexicon, self.ontology, consumed)
        if pos in ("NOUN", "PROPN") and tok.i not in mentioned:
            return noun_candidate(tok, self.nouns, self.ontology)
        return None

    def trigger_vocabulary(self) -> TriggerVocabulary:
        """The lemmas (and their word conditions) that can start an event: for token-level prefilters."""
        with using(self.cues):
            vocabulary = trigger_vocabulary(self.lexicon, self.nouns, self.ontology)
        if self.reviser is None:
            return vocabulary
        verbs, nouns = self.reviser.words("VERB"), self.reviser.words("NOUN")  # the model may code these
        return replace(
            vocabulary,
            lemmas=vocabulary.lemmas | verbs | nouns,
            conditions={k: v for k, v in vocabulary.conditions.items() if k not in verbs},
            verbs=vocabulary.verbs | verbs,
            nouns=vocabulary.nouns | nouns,
        )

    def may_code(self, sentence: Doc) -> bool:
        """Could a parsed one-sentence ``Doc`` yield an event, once its actors are known? Needs no entities.

        True when a token is a trigger candidate, or when a trigger word sits at either end (verb patterns
        also look at the neighbouring word, which in the article lies in the next or previous sentence).
        """
        last = len(sentence) - 1
        consumed: set[int] = set()
        keys = self.reviser.model.lemmas if self.reviser is not None else frozenset()
        with using(self.cues):
            for i in self._trigger_positions(sentence):
                tok = sentence[i]
                if i in (0, last) or self._candidate(tok, consumed) is not None:
                    return True
                if tok.pos_ in ("VERB", "NOUN") and word_key(tok.lemma_, tok.pos_) in keys:
                    return True
        return False


def _harm_only(d: Draft) -> bool:
    """An attack or coercion whose cause is a disaster, accident or disease (``harm.py``): no event."""
    return d.code.plover_type in HARM_TYPES and harm_cause(d.cand.token) is not None
