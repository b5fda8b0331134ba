"""The coder's trigger vocabulary and its parse-level check, used by the pipeline's prefilter."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.coding.coder import EventCoder


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    from eventwire.actors import ActorResolver, KnowledgeBase

    return EventCoder(ActorResolver(KnowledgeBase.load()))


def test_vocabulary_has_event_verbs_and_nouns_but_not_saying_or_be(coder: EventCoder) -> None:
    vocabulary = coder.trigger_vocabulary()
    assert {"meet", "attack", "visit", "summit"} <= vocabulary.lemmas
    assert not {"say", "be", "is"} & vocabulary.lemmas
    assert "meet" not in vocabulary.conditions  # codes an event on its own


def test_a_verb_coding_only_with_pattern_words_gets_conditions(coder: EventCoder) -> None:
    vocabulary = coder.trigger_vocabulary()
    conditional = [lemma for lemma in vocabulary.conditions if lemma in coder.lexicon]
    assert conditional, "some verbs code an event only with their pattern's words"
    for lemma in conditional:
        alternatives = vocabulary.conditions[lemma]
        assert alternatives and all(required for required in alternatives)


def _one_sentence(nlp: Language, text: str) -> Doc:
    words = [t.text for t in nlp.make_doc(text)]
    doc = Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    for name, component in nlp.pipeline:
        if name != "ner":
            doc = component(doc)
    return doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police in the capital arrested dozens of protesters on Sunday .", True),
        ("The foreign minister will visit Cairo next week .", True),
        ("The weather was mild and the markets were calm .", False),
        ("Officials said the weather was fine .", False),  # saying is not an event
    ],
)
def test_may_code_looks_for_real_trigger_candidates(
    coder: EventCoder, nlp: Language, text: str, expected: bool
) -> None:
    assert coder.may_code(_one_sentence(nlp, text)) is expected


def test_may_code_keeps_a_trigger_at_the_sentence_edge(coder: EventCoder, nlp: Language) -> None:
    # Verb patterns may look at the word before the verb, which is outside a one-sentence doc.
    assert coder.may_code(_one_sentence(nlp, "Attack"))
