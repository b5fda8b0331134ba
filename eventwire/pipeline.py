"""The coding pipeline: clean Article → spaCy Doc → actor mentions → events.

``Pipeline`` holds the loaded resources (spaCy model, actor resolver, event
coder) so they are loaded once per process and passed explicitly.

Speed comes from parsing only what can hold an event, in two passes. Each text
is tokenised and split into sentences cheaply; a ``Prefilter`` keeps the
sentences with a possible trigger word and an actor candidate (tokens only).
Those are tagged, parsed and lemmatised, each as its own one-sentence Doc,
batched with ``nlp.pipe``-style component calls, and the coder checks whether
any token really is a trigger candidate (``EventCoder.may_code``). Only the
sentences that pass, plus the earlier sentences a pronoun or a name may point
back to, go through the costliest component, NER. Every other sentence keeps
its tokens (so dictionary lookups over the whole text still work) but carries
no tags, lemmas or entities and a flat placeholder tree (label ``dep``).
Sentence boundaries come from the cheap splitter in both modes, so a run with
and without the prefilter numbers sentences the same way and yields identical
event ids.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.ingest.language import is_codable
from eventwire.models import Article, Event

if TYPE_CHECKING:
    import numpy
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from eventwire.actors import ActorResolver
    from eventwire.coding import EventCoder
    from eventwire.nlp.prefilter import Prefilter

# A sentence of a batch: (text index, sentence index).
SentenceKey = tuple[int, int]
# Annotations copied from the parsed sentence docs into the article doc; HEAD must come first.
ANNOTATIONS = ("HEAD", "DEP", "TAG", "POS", "MORPH", "LEMMA", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID")
# Sentences per nlp.pipe batch: short docs, so larger batches than for whole articles.
SENTENCE_BATCH = 256
# Components the coder never reads; "senter" is off because sentences come from the cheap splitter.
UNUSED_COMPONENTS = ("senter",)
# Components that give the fine-grained tags (the prefilter's second look).
TAGGING_COMPONENTS = ("tok2vec", "tagger")
# Components the coder's trigger check does not need: run only on the sentences that pass it.
DEFERRED_COMPONENTS = ("ner",)


@dataclass
class ParseStats:
    """For profiling: how much of the text each pass saw, and CPU seconds per step (``cpu``)."""

    articles: int = 0
    sentences: int = 0
    tagged_sentences: int = 0  # tagged to check for a trigger with a verb or noun tag
    checked_sentences: int = 0  # parsed to check for a trigger candidate
    parsed_sentences: int = 0  # fully annotated, entities included
    tokens: int = 0
    parsed_tokens: int = 0
    cpu: dict[str, float] = field(default_factory=dict)  # "tokenise", "select", each component, "assemble"

    def add_cpu(self, step: str, since: float) -> float:
        """Add the CPU time since ``since`` (a ``time.process_time()``) to ``step``; returns the time now."""
        now = time.process_time()
        self.cpu[step] = self.cpu.get(step, 0.0) + now - since
        return now


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
        cue_files: Iterable[Path] = (),
        prefilter: bool = True,
        use_model: bool = True,
    ) -> Pipeline:
        """Load the default model, knowledge base and verb patterns, plus any user dictionaries.

        ``prefilter=False`` parses every sentence (same events, slower; for checking the prefilter);
        ``use_model=False`` codes with the rules alone (for training the event model).
        """
        from eventwire.actors import ActorResolver, KnowledgeBase
        from eventwire.coding.coder import EventCoder
        from eventwire.coding.cues import Cues
        from eventwire.nlp import load_model
        from eventwire.nlp.rules import use_compiled_attribute_ruler

        kb = KnowledgeBase.load(
            user_files=list(user_files), actor_dicts=list(actor_files), agent_dicts=list(agent_files)
        )
        resolver = ActorResolver(kb)
        coder = EventCoder(
            resolver, verb_files=list(verb_files), cues=Cues.load(list(cue_files)), use_model=use_model
        )
        nlp = load_model(disable=UNUSED_COMPONENTS)
        pipeline = cls(nlp=nlp, resolver=resolver, coder=coder)
        if prefilter:
            pipeline.prefilter = build_prefilter(nlp, coder, resolver)
        use_compiled_attribute_ruler(nlp)
        return pipeline

    def code_article(self, article: Article) -> list[Event]:
        """Code one article (none from an article in a language other than English)."""
        if not is_codable(article.language):
            return []
        return self.coder.code(self.parse([article.text])[0], article)

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code a stream of articles, parsing them in batches (prefiltered sentences, ``nlp.pipe``)."""
        stream = iter(articles)
        while batch := list(islice(stream, self.batch_size)):
            codable = [a for a in batch if is_codable(a.language)]
            docs = dict(zip((id(a) for a in codable), self.parse([a.text for a in codable]), strict=True))
            for article in batch:  # an article in another language is stored uncoded (no events)
                doc = docs.get(id(article))
                yield article, self.coder.code(doc, article) if doc is not None else []

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
        """Docs over the full ``texts``; only the selected sentences are tagged, parsed and NER'd."""
        import numpy

        started = time.process_time()
        docs = [self.nlp.make_doc(text) for text in texts]
        layouts = [_Layout.of(doc) for doc in docs]
        self.stats.add_cpu("tokenise", started)
        annotated = self._annotate(layouts)
        started = time.process_time()
        attrs = list(ANNOTATIONS)
        placeholder_labels = (self.nlp.vocab.strings.add("ROOT"), self.nlp.vocab.strings.add("dep"))
        for doc, layout, sentences in zip(docs, layouts, annotated, strict=True):
            parts = [
                sentence.to_array(attrs) if sentence is not None else _placeholder(b - a, *placeholder_labels)
                for (a, b), sentence in zip(layout.spans, sentences, strict=True)
            ]
            if parts:
                doc.from_array(attrs, numpy.vstack(parts))
            _SentenceIndex(layout.spans).install(doc)
            self._count(layout, sentences)
        self.stats.add_cpu("assemble", started)
        return docs

    def _annotate(self, layouts: list[_Layout]) -> list[list[Doc | None]]:
        """Per text, per sentence: its fully annotated one-sentence Doc, or None when not selected."""
        every = [key for t, layout in enumerate(layouts) for key in _keys(t, layout)]
        if self.prefilter is None:
            done = self._run(self.nlp.pipeline, layouts, every)
        else:
            done = self._annotate_selected(self.prefilter, layouts)
        return [[done.get(key) for key in _keys(t, layout)] for t, layout in enumerate(layouts)]

    def _annotate_selected(self, prefilter: Prefilter, layouts: list[_Layout]) -> dict[SentenceKey, Doc]:
        steps = self.nlp.pipeline
        tagging = [(n, c) for n, c in steps if n in TAGGING_COMPONENTS]
        late = [(n, c) for n, c in steps if n in DEFERRED_COMPONENTS]
        parsing = [(n, c) for n, c in steps if (n, c) not in tagging and (n, c) not in late]
        stats = self.stats
        started = time.process_time()
        # 1. Tokens only: a possible trigger word and an actor candidate.
        maybe = [(t, s) for t, layout in enumerate(layouts) for s, words in enumerate(layout.sentences)
                 if prefilter.keep(words)]  # fmt: skip
        stats.add_cpu("select", started)
        # 2. Tags: a trigger word with a tag that can make it a verb or an event noun.
        tagged = self._run(tagging, layouts, maybe)
        started = time.process_time()
        maybe = [key for key in maybe if prefilter.keep_tagged(*layouts[key[0]].tagged(key[1], tagged[key]))]
        stats.add_cpu("select", started)
        # 3. The parse: a real trigger candidate; then the context the resolver needs.
        checked = self._run(parsing, layouts, maybe, given=tagged)
        started = time.process_time()
        chosen: list[SentenceKey] = []
        for t, layout in enumerate(layouts):
            keep = [key in checked and self.coder.may_code(checked[key]) for key in _keys(t, layout)]
            chosen += [(t, s) for s, c in enumerate(prefilter.with_context(layout.sentences, keep)) if c]
        context = [key for key in chosen if key not in checked]
        stats.add_cpu("select", started)
        stats.tagged_sentences += len(tagged)
        stats.checked_sentences += len(checked)
        checked.update(self._run(parsing, layouts, [k for k in context if k in tagged], given=tagged))
        checked.update(self._run(tagging + parsing, layouts, [k for k in context if k not in tagged]))
        # 4. Entities, only for the chosen sentences.
        return self._run(late, layouts, chosen, given=checked)

    def _run(
        self,
        components: Iterable[tuple[str, Any]],
        layouts: list[_Layout],
        keys: list[SentenceKey],
        given: dict[SentenceKey, Doc] | None = None,
    ) -> dict[SentenceKey, Doc]:
        """Run pipeline components, in batches as ``nlp.pipe`` does, over the sentences ``keys``.

        Sentences found in ``given`` continue from that Doc; the others start from their tokens.
        """
        given = given or {}
        docs = [given[key] if key in given else self._sentence_doc(layouts[key[0]], key[1]) for key in keys]
        for name, component in components:
            started = time.process_time()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=SENTENCE_BATCH))
            else:
                docs = [component(doc) for doc in docs]
            self.stats.add_cpu(name, started)
        return dict(zip(keys, docs, strict=True))

    def _sentence_doc(self, layout: _Layout, index: int) -> Doc:
        """One sentence as its own Doc, marked as a single sentence so the parser keeps it whole."""
        from spacy.tokens import Doc

        a, b = layout.spans[index]
        starts = [True] + [False] * (b - a - 1)
        return Doc(self.nlp.vocab, words=layout.words[a:b], spaces=layout.spaces[a:b], sent_starts=starts)

    def _count(self, layout: _Layout, sentences: list[Doc | None]) -> None:
        stats = self.stats
        stats.articles += 1
        stats.sentences += len(layout.spans)
        stats.parsed_sentences += sum(s is not None for s in sentences)
        stats.tokens += len(layout.words)
        stats.parsed_tokens += sum(len(s) for s in sentences if s is not None)


@dataclass(frozen=True, slots=True)
class _Layout:
    """A tokenised text cut into cheap sentences: token texts, trailing spaces, sentence token ranges."""

    words: list[str]
    spaces: list[bool]
    spans: list[tuple[int, int]]

    @classmethod
    def of(cls, doc: Doc) -> _Layout:
        from eventwire.nlp.prefilter import split_sentences

        words = [t.text for t in doc]
        return cls(words, doc.to_array(["SPACY"]).astype(bool).tolist(), split_sentences(words))

    @property
    def sentences(self) -> list[list[str]]:
        return [self.words[a:b] for a, b in self.spans]

    def tagged(self, index: int, doc: Doc) -> tuple[list[str], list[str]]:
        """The words of sentence ``index`` and their tags in ``doc`` (its tagged one-sentence Doc)."""
        a, b = self.spans[index]
        return self.words[a:b], [t.tag_ for t in doc]


def _keys(text: int, layout: _Layout) -> list[SentenceKey]:
    return [(text, s) for s in range(len(layout.spans))]


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


def build_prefilter(nlp: Language, coder: EventCoder, resolver: ActorResolver) -> Prefilter | None:
    """A prefilter from the coder's trigger vocabulary and the resolver's knowledge-base words.

    Returns None (parse everything) when the coder has no triggers.
    """
    from eventwire.actors.coref import DESCRIPTION_HEADS, DESCRIPTION_WINDOW
    from eventwire.nlp.prefilter import LemmaTables, Prefilter, TagGate
    from eventwire.nlp.rules import tags_for_pos

    vocabulary = coder.trigger_vocabulary()
    if not vocabulary.lemmas:
        return None
    verb_tags, noun_tags = tags_for_pos(nlp, ["VERB"]), tags_for_pos(nlp, ["NOUN", "PROPN"])
    gate = None
    if verb_tags and noun_tags:  # the coder codes VERB tokens and NOUN/PROPN event nouns only
        gate = TagGate(((vocabulary.verbs, *verb_tags), (vocabulary.nouns, *noun_tags)))
    return Prefilter(
        vocabulary.lemmas,
        actor_words=actor_words(resolver),
        tables=LemmaTables.from_nlp(nlp),
        conditions=vocabulary.conditions,
        tag_gate=gate,
        descriptions=DESCRIPTION_HEADS,
        description_context=DESCRIPTION_WINDOW,
    )


def actor_words(resolver: Any) -> set[str]:
    """First words of every knowledge-base key: lower-case words the resolver can match as an actor."""
    index = getattr(getattr(resolver, "kb", None), "index", None) or {}
    return {key.split(" ", 1)[0] for key in index}
