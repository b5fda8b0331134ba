"""The compiled attribute ruler gives exactly spaCy's annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.rules import (
    FACTORY,
    CompiledAttributeRuler,
    compile_rules,
    tags_for_pos,
    use_compiled_attribute_ruler,
)

COMPARED = ["POS", "MORPH", "LEMMA", "DEP", "TAG", "HEAD"]
WRITTEN = (  # the model's exceptions: expletive "there", negation, "have"/"do" as main verbs, pronouns
    "There were clashes near the border, and there is no sign of a ceasefire.",
    "The minister didn't say whether she has a plan, but it does not matter.",
    "They have talks on Monday; we do what we can.  \n\nNobody ain't nothin' here, y' know.",
)


def _before_ruler(nlp: Language, texts: list[str]) -> list[Doc]:
    docs = [nlp.make_doc(text) for text in texts]
    for name, component in nlp.pipeline:
        if name == "attribute_ruler":
            break
        docs = list(component.pipe(docs))
    return docs


def test_compiled_ruler_equals_spacy_on_news_text(nlp: Language, samples_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))] + list(WRITTEN)
    ruler = nlp.get_pipe("attribute_ruler")
    rules = compile_rules(ruler)
    assert rules is not None
    docs = _before_ruler(nlp, texts)
    expected = [ruler(doc.copy()) for doc in docs]
    got = [rules.apply(doc.copy()) for doc in docs]
    for want, have in zip(expected, got, strict=True):
        assert (want.to_array(COMPARED) == have.to_array(COMPARED)).all()
        assert [str(t.morph) for t in want] == [str(t.morph) for t in have]
    there = next(t for t in got[-3] if t.lower_ == "were")
    assert there.pos_ == "VERB"  # the two-token rule (expletive + "be") fired
    assert any(t.lemma_ == "not" and t.pos_ == "PART" for t in got[-2])


def _blank_with_ruler(patterns: list[dict]) -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("attribute_ruler").add_patterns(patterns)
    return blank


def test_regex_negation_and_multi_token_patterns_match_spacy() -> None:
    blank = _blank_with_ruler(
        [
            {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not"}},
            {"patterns": [[{"ORTH": {"NOT_IN": ["a", "the"]}}]], "attrs": {"TAG": "X"}},
            {"patterns": [[{"LOWER": "big"}, {"IS_TITLE": True}]], "attrs": {"TAG": "NNP"}, "index": -1},
            {
                "patterns": [[{"TEXT": {"IN": ["Cat", "dog"]}}]],
                "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"},
            },
        ]
    )
    ruler = blank.get_pipe("attribute_ruler")
    rules = compile_rules(ruler)
    assert rules is not None
    for text in ("a big Cat didn't see the dog", "nt the big dog", "Big Big Big"):
        want, have = ruler(blank.make_doc(text)), rules.apply(blank.make_doc(text))
        assert [(t.tag_, t.pos_, t.lemma_, str(t.morph)) for t in want] == [
            (t.tag_, t.pos_, t.lemma_, str(t.morph)) for t in have
        ]
    doc = rules.apply(blank.make_doc("a big Cat didn't"))
    assert [t.tag_ for t in doc] == ["", "X", "NNP", "X", "X"]
    assert doc[2].pos_ == "NOUN" and str(doc[2].morph) == "Number=Sing" and doc[4].lemma_ == "not"


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LENGTH": 3}],  # an attribute the compiler does not handle
        [{"LOWER": "a", "OP": "+"}],  # a quantifier
        [{"LOWER": {"FUZZY": "abc"}}],  # another predicate
        [{}],  # any token: nothing to look up
    ],
)
def test_patterns_beyond_simple_tests_keep_spacy_ruler(pattern: list[dict]) -> None:
    blank = _blank_with_ruler([{"patterns": [pattern], "attrs": {"TAG": "X"}}])
    assert compile_rules(blank.get_pipe("attribute_ruler")) is None
    assert not use_compiled_attribute_ruler(blank)
    assert not isinstance(blank.get_pipe("attribute_ruler"), CompiledAttributeRuler)


def test_swapping_keeps_the_pipeline_shape() -> None:
    from eventwire.nlp import load_model

    fresh = load_model(disable=["senter"])
    names = list(fresh.pipe_names)
    assert use_compiled_attribute_ruler(fresh)
    assert fresh.pipe_names == names
    assert isinstance(fresh.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert fresh.get_pipe_meta("attribute_ruler").factory == FACTORY
    doc = fresh("Egypt's foreign minister met his Jordanian counterpart.")
    assert [t.pos_ for t in doc][:5] == ["PROPN", "PART", "ADJ", "NOUN", "VERB"]


def test_tags_for_pos_reads_the_rules_that_can_give_a_part_of_speech(nlp: Language) -> None:
    verb_tags, verb_words = tags_for_pos(nlp, ["VERB"]) or (frozenset(), frozenset())
    assert {"VB", "VBD", "VBZ", "VBN", "VBG", "VBP"} <= verb_tags and "NN" not in verb_tags
    assert {"have", "do"} <= verb_words  # main-verb "have"/"do" are found by word (and dependency)
    noun_tags, _ = tags_for_pos(nlp, ["NOUN", "PROPN"]) or (frozenset(), frozenset())
    assert {"NN", "NNS", "NNP", "NNPS"} <= noun_tags and "VBD" not in noun_tags


def test_tags_for_pos_is_unknowable_when_a_rule_tests_neither_tag_nor_word() -> None:
    blank = _blank_with_ruler([{"patterns": [[{"DEP": "ROOT"}]], "attrs": {"POS": "VERB"}}])
    blank.add_pipe("tagger", before="attribute_ruler")
    assert tags_for_pos(blank, ["VERB"]) is None
    assert tags_for_pos(spacy.blank("en"), ["VERB"]) is None  # no tagger, no ruler


def test_a_lower_case_pos_name_matches_nothing_as_in_spacy() -> None:
    blank = _blank_with_ruler(
        [
            {"patterns": [[{"POS": "verb"}]], "attrs": {"TAG": "X"}},
            {"patterns": [[{"POS": "VERB"}]], "attrs": {"LEMMA": "went"}},
        ]
    )
    ruler = blank.get_pipe("attribute_ruler")
    rules = compile_rules(ruler)
    assert rules is not None

    def tagged_verb() -> Doc:
        doc = blank.make_doc("go")
        doc[0].pos_ = "VERB"
        return doc

    want, have = ruler(tagged_verb()), rules.apply(tagged_verb())
    assert [(t.tag_, t.lemma_) for t in want] == [("", "went")]
    assert [(t.tag_, t.lemma_) for t in have] == [("", "went")]
