"""The coding pipeline: clean Article → spaCy Doc → actor mentions → events.

``Pipeline`` holds the loaded resources (spaCy model, actor resolver, event
coder) so they are loaded once per process and passed explicitly.

Speed comes from parsing only what can hold an event: each text is tokenised
and split into sentences cheaply, a ``Prefilter`` picks the sentences with a
trigger candidate and an actor candidate (plus earlier sentences a pronoun may
point back to), and only those go through the statistical components, batched
with ``nlp.pipe``. The other sentences keep their tokens (so dictionary
lookups over the whole text still work) but carry no tags, lemmas or entities
and a flat placeholder tree (label ``dep``). Sentence boundaries come from the
cheap splitter in both modes, so a run with and without the prefilter numbers
sentences the same way and yields identical event ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.models import Article, Event

if TYPE_CHECKING:
    import numpy
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from eventwire.actors import ActorResolver
    from eventwire.coding import EventCoder
    from eventwire.nlp.prefilter import Conditions, Prefilter

# Annotations copied from the parsed sentence docs into the article doc; HEAD must come first.
ANNOTATIONS = ("HEAD", "DEP", "TAG", "POS", "MORPH", "LEMMA", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID")
# Sentences per nlp.pipe batch: short docs, so larger batches than for whole articles.
SENTENCE_BATCH = 256
# spaCy's English model tags every form of "be" AUX, and the coder codes only VERB tokens.
AUXILIARY_ONLY = frozenset(str.split("be is are was were am been being"))
# Components the coder never reads; "senter" is off because sentences come from the cheap splitter.
UNUSED_COMPONENTS = ("senter",)


@dataclass
class ParseStats:
    """Counts for profiling: how much of the text the statistical components actually saw."""

    articles: int = 0
    sentences: int = 0
    parsed_sentences: int = 0
    tokens: int = 0
    parsed_tokens: int = 0


@dataclass
class Pipeline:
    nlp: Language
    resolver: ActorResolver
    coder: EventCoder
    batch_size: int = 64
    prefilter: Prefilter | None = None
    stats: ParseStats = field(default_factory=ParseStats)

    @classmethod
    def load(
        cls,
        *,
        actor_files: Iterable[Path] = (),
        agent_files: Iterable[Path] = (),
        verb_files: Iterable[Path] = (),
        user_files: Iterable[Path] = (),
        prefilter: bool = True,
    ) -> Pipeline:
        """Load the default model, knowledge base and verb patterns, plus any user dictionaries.

        ``prefilter=False`` parses every sentence (same events, slower; for checking the prefilter).
        """
        from eventwire.actors import ActorResolver, KnowledgeBase
        from eventwire.coding.coder import EventCoder
        from eventwire.nlp import load_model

        kb = KnowledgeBase.load(
            user_files=list(user_files), actor_dicts=list(actor_files), agent_dicts=list(agent_files)
        )
        resolver = ActorResolver(kb)
        coder = EventCoder(resolver, verb_files=list(verb_files))
        nlp = load_model(disable=UNUSED_COMPONENTS)
        pipeline = cls(nlp=nlp, resolver=resolver, coder=coder)
        if prefilter:
            pipeline.prefilter = build_prefilter(nlp, coder, resolver)
        return pipeline

    def code_article(self, article: Article) -> list[Event]:
        """Code one article."""
        return self.coder.code(self.parse([article.text])[0], article)

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code a stream of articles, parsing them in batches (prefiltered sentences, ``nlp.pipe``)."""
        stream = iter(articles)
        while batch := list(islice(stream, self.batch_size)):
            for article, doc in zip(batch, self.parse([a.text for a in batch]), strict=True):
                yield article, self.coder.code(doc, article)

    def code_sentence(
        self, text: str, when: date | None = None, sentence_id: str | None = None
    ) -> list[Event]:
        """Code one sentence as a one-sentence article published on ``when``."""
        published = datetime(when.year, when.month, when.day) if when else None
        article = Article(
            id=sentence_id or Article.make_id(text),
            text=text,
            published=published,
            date_source="user" if when else None,
            language="en",
            paragraphs=[(0, len(text))],
            source=sentence_id or "<sentence>",
        )
        return self.code_article(article)

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """Docs over the full ``texts``; only prefilter-selected sentences are tagged, parsed and NER'd."""
        import numpy

        from eventwire.nlp.prefilter import split_sentences

        tokenized = [self.nlp.make_doc(text) for text in texts]
        plans: list[list[tuple[int, int, bool]]] = []
        todo: list[Doc] = []
        for doc in tokenized:
            words = [t.text for t in doc]
            spaces = doc.to_array(["SPACY"]).astype(bool).tolist()
            spans = split_sentences(words)
            sentences = [words[start:end] for start, end in spans]
            chosen = self.prefilter.select(sentences) if self.prefilter else [True] * len(spans)
            plans.append([(start, end, keep) for (start, end), keep in zip(spans, chosen, strict=True)])
            todo.extend(self._sentence_doc(words[a:b], spaces[a:b]) for a, b, keep in plans[-1] if keep)
            self._count(len(words), spans, chosen)
        parsed = iter(self.nlp.pipe(todo, batch_size=SENTENCE_BATCH))
        attrs = list(ANNOTATIONS)
        placeholder_labels = (self.nlp.vocab.strings.add("ROOT"), self.nlp.vocab.strings.add("dep"))
        for doc, plan in zip(tokenized, plans, strict=True):
            parts = [
                next(parsed).to_array(attrs) if keep else _placeholder(b - a, *placeholder_labels)
                for a, b, keep in plan
            ]
            if parts:
                doc.from_array(attrs, numpy.vstack(parts))
            _SentenceIndex([(a, b) for a, b, _ in plan]).install(doc)
        return tokenized

    def _sentence_doc(self, words: list[str], spaces: list[bool]) -> Doc:
        """One sentence as its own Doc, marked as a single sentence so the parser keeps it whole."""
        from spacy.tokens import Doc

        starts = [True] + [False] * (len(words) - 1)
        return Doc(self.nlp.vocab, words=words, spaces=spaces, sent_starts=starts)

    def _count(self, tokens: int, spans: list[tuple[int, int]], chosen: list[bool]) -> None:
        stats = self.stats
        stats.articles += 1
        stats.sentences += len(spans)
        stats.parsed_sentences += sum(chosen)
        stats.tokens += tokens
        stats.parsed_tokens += sum(b - a for (a, b), keep in zip(spans, chosen, strict=True) if keep)


class _SentenceIndex:
    """Known sentence spans, installed as Doc hooks so ``doc.sents`` and ``token.sent`` need no token scan.

    spaCy derives sentences from the parse by walking every token on each ``doc.sents``; the spans are
    already known here (and equal to the parse's, as each sentence was parsed as one tree).
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [a for a, _ in spans]

    def install(self, doc: Doc) -> None:
        doc.user_hooks["sents"] = self.sents
        doc.user_span_hooks["sent"] = self.sent

    def sents(self, doc: Doc) -> list[Span]:
        return [doc[a:b] for a, b in self.spans]

    def sent(self, span: Span) -> Span:
        import bisect

        at = max(bisect.bisect_right(self.starts, span.start) - 1, 0)
        a, b = self.spans[at]
        return span.doc[a:b]


def _placeholder(n: int, root: int, dep: int) -> numpy.ndarray:
    """Annotation rows for an unparsed sentence: all tokens attached to the first, no tags, outside entities.

    The flat tree keeps the sentence one sentence (label ``dep``); lemma, tag and POS stay empty.
    """
    import numpy

    rows = numpy.zeros((n, len(ANNOTATIONS)), dtype="uint64")
    rows[:, 0] = (-numpy.arange(n, dtype="int64")).astype("uint64")  # HEAD: relative offset to token 0
    rows[0, 1] = root
    rows[1:, 1] = dep
    rows[:, ANNOTATIONS.index("ENT_IOB")] = 2  # "O": outside any entity
    return rows


def build_prefilter(nlp: Language, coder: Any, resolver: Any) -> Prefilter | None:
    """A prefilter from the coder's trigger vocabulary and the resolver's knowledge-base words.

    Returns None (parse everything) when the coder's triggers cannot be read: without them a filter could
    drop sentences that hold events.
    """
    from eventwire.nlp.prefilter import LemmaTables, Prefilter

    triggers, conditions = coder_triggers(coder)
    if not triggers:
        return None
    return Prefilter(
        triggers, actor_words=actor_words(resolver), tables=LemmaTables.from_nlp(nlp), conditions=conditions
    )


def coder_triggers(coder: Any) -> tuple[set[str], dict[str, Conditions]]:
    """Lemmas that can trigger an event, and for those that need other words, which words.

    A verb triggers on its own when one of its entries carries a PLOVER code; otherwise only together
    with the words of one of its block's PLOVER-coded patterns (every phrase of the pattern must have a
    word in the sentence) and the entry's own extra words. Event nouns trigger on their own or with a
    cue word. Saying verbs and "be" are left out (the coder never codes them).
    """
    if callable(getattr(coder, "trigger_lemmas", None)):
        return set(coder.trigger_lemmas()), {}
    lexicon, ontology = getattr(coder, "lexicon", None), getattr(coder, "ontology", None)
    if lexicon is None or ontology is None:
        return set(), {}
    from eventwire.coding.coder import SAYING

    def is_event(code: str | None) -> bool:
        info = ontology.get(code) if code else None
        return info is not None and info.plover_type is not None

    block_needs = [_pattern_needs(block, is_event) for block in lexicon.blocks]
    triggers: set[str] = set()
    conditions: dict[str, Conditions] = {}
    for lemma, entries in lexicon.entries.items():
        if lemma in SAYING or lemma in AUXILIARY_ONLY:
            continue
        alternatives: set[tuple[frozenset[str], ...]] = set()
        for entry in entries:
            own = tuple(frozenset({w}) for w in (*entry.before, *entry.after))
            if is_event(entry.code):
                alternatives.add(own)
            alternatives.update(own + needs for needs in block_needs[entry.block])
        _add(lemma, alternatives, triggers, conditions)
    for noun, rules in (getattr(coder, "nouns", None) or {}).items():
        cues = {(frozenset(r.cues),) if r.cues else () for r in rules if is_event(r.code)}
        _add(noun, cues, triggers, conditions)
    return triggers, conditions


def _pattern_needs(block: Any, is_event: Callable[[str | None], bool]) -> set[tuple[frozenset[str], ...]]:
    """For each PLOVER-coded pattern of a verb block, the word sets it needs in the sentence."""
    patterns = {id(p): p for group in block.by_anchor.values() for p in group}.values()
    needs = set()
    for p in patterns:
        if is_event(p.code):
            phrases = [*p.post, *p.pre, *(phrase for _, phrase in p.preps)]
            needs.add(tuple(words for phrase in phrases for words in phrase))
    return needs


def _add(
    lemma: str,
    alternatives: set[tuple[frozenset[str], ...]],
    triggers: set[str],
    conditions: dict[str, Conditions],
) -> None:
    if not alternatives or (lemma in triggers and lemma not in conditions):
        return  # nothing to add, or it already fires on its own
    triggers.add(lemma)
    if () in alternatives:  # fires on its own
        conditions.pop(lemma, None)
        return
    conditions[lemma] = (*conditions.get(lemma, ()), *sorted(alternatives, key=len))


def actor_words(resolver: Any) -> set[str]:
    """First words of every knowledge-base key: lower-case words the resolver can match as an actor."""
    index = getattr(getattr(resolver, "kb", None), "index", None) or {}
    return {key.split(" ", 1)[0] for key in index}
