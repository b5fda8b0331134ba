"""The pipeline: partial parsing keeps the text and sentences whole and loses no event."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from eventwire.errors import SkipLog
from eventwire.ingest import read_articles
from eventwire.models import Article
from eventwire.pipeline import Pipeline, build_prefilter

WRITTEN = [  # short reports written for these tests
    "Russia has waged a long campaign. It struck rebel positions near Idlib on Sunday, officials said.",
    "The weather was mild. Markets were calm. Egypt's foreign minister met Jordan's minister in Cairo.",
    "Nothing much happened in the capital today. Local shops opened late.",
    "Police arrested dozens of protesters in Minsk. They had marched against President Alexander Lukashenko.",
    # A description ("the interior minister") links to a name three sentences back.
    "Kenyan Interior Minister Fred Matiangi is 52. Rain fell. Roads closed. "
    "The interior minister accused Somalia of aggression.",
]


@pytest.fixture(scope="module")
def pipelines(nlp) -> tuple[Pipeline, Pipeline]:  # type: ignore[no-untyped-def]
    from eventwire.actors import ActorResolver, KnowledgeBase
    from eventwire.coding.coder import EventCoder

    resolver = ActorResolver(KnowledgeBase.load())
    coder = EventCoder(resolver)
    plain = Pipeline(nlp=nlp, resolver=resolver, coder=coder)
    prefilter = build_prefilter(nlp, coder, resolver)
    filtered = Pipeline(nlp=nlp, resolver=resolver, coder=coder, prefilter=prefilter)
    assert filtered.prefilter is not None
    return plain, filtered


@pytest.fixture(scope="module")
def articles(samples_dir: Path) -> list[Article]:
    found = list(read_articles([str(samples_dir)], skips=SkipLog(stream=None)))
    written = [
        Article(id=f"w{i}", text=text, published=datetime(2021, 3, 1), source=f"written-{i}")
        for i, text in enumerate(WRITTEN)
    ]
    return found + written


def _events(pipeline: Pipeline, articles: list[Article]) -> list[str]:
    coded = pipeline.code_articles(articles)
    return [json.dumps(e.to_dict(), sort_keys=True) for _, events in coded for e in events]


def test_prefilter_loses_no_event(pipelines: tuple[Pipeline, Pipeline], articles: list[Article]) -> None:
    plain, filtered = pipelines
    everything = _events(plain, articles)
    assert len(everything) >= 5
    assert _events(filtered, articles) == everything
    assert filtered.stats.parsed_sentences < filtered.stats.sentences  # it did skip something


def test_partial_parse_keeps_text_and_sentences(pipelines: tuple[Pipeline, Pipeline]) -> None:
    _, filtered = pipelines
    text = WRITTEN[1] + "\n\nA headline without a stop\nThe end came quietly."
    doc = filtered.parse([text])[0]
    assert doc.text == text
    sents = [s.text.strip() for s in doc.sents]
    assert sents == [
        "The weather was mild.", "Markets were calm.",
        "Egypt's foreign minister met Jordan's minister in Cairo.",
        "A headline without a stop", "The end came quietly.",
    ]  # fmt: skip
    met = next(t for t in doc if t.text == "met")
    assert (met.lemma_, met.pos_, met.dep_) == ("meet", "VERB", "ROOT")
    assert met.sent.text.startswith("Egypt")
    assert "Cairo" in [e.text for e in doc.ents if e.label_ == "GPE"]
    chosen = filtered.prefilter.select([[t.text for t in s] for s in doc.sents])  # type: ignore[union-attr]
    assert chosen[2] and not all(chosen)
    for sent, keep in zip(doc.sents, chosen, strict=True):
        if not keep:  # tokens only, flat placeholder tree, still exactly one sentence
            assert [t.pos_ for t in sent] == [""] * len(sent)
            assert sent.root == sent[0] and {t.dep_ for t in sent[1:]} <= {"dep"}


def test_code_sentence_and_article_agree(pipelines: tuple[Pipeline, Pipeline]) -> None:
    _, filtered = pipelines
    sentence = "Egypt's foreign minister met his Jordanian counterpart in Cairo on Monday."
    events = filtered.code_sentence(sentence, date(2021, 3, 1))
    assert [e.plover.type for e in events] == ["CONSULT"]
    trigger = events[0].trigger
    assert trigger.text == "met" and sentence[trigger.start : trigger.end] == "met"


def test_words_that_look_like_triggers_but_are_not_skip_entity_recognition(
    pipelines: tuple[Pipeline, Pipeline],
) -> None:
    _, filtered = pipelines
    filtered.stats.__init__()  # type: ignore[misc]
    text = "Putin's host city is in the countryside. The Kremlin press office is on the square."
    assert filtered.prefilter is not None and filtered.prefilter.tag_gate is not None
    doc = filtered.parse([text])[0]
    # Both have a trigger word and a name (first look), but "host" and "press" are nouns here, and no
    # rule or the event model codes them as nouns (second look, by tag); neither is parsed for entities.
    assert filtered.stats.tagged_sentences == 2
    assert filtered.stats.checked_sentences == 0
    assert filtered.stats.parsed_sentences == 0
    assert not doc.ents and all(t.pos_ == "" for t in doc)
    plain, _ = pipelines  # and parsing everything finds no event in them either
    assert _events(plain, [Article(id="x", text=text, published=datetime(2021, 3, 1), source="x")]) == []
