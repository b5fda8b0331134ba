"""The cheap sentence splitter and prefilter: keep every sentence that can hold an event."""

from __future__ import annotations

import itertools

import pytest

from eventwire.nlp.prefilter import LemmaTables, Prefilter, TagGate, split_sentences


def _sentences(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    words = [t.text for t in doc]
    spans = split_sentences(words)
    assert spans[0][0] == 0 and spans[-1][1] == len(words)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans)), "spans must tile the text"
    return [doc[a:b].text.strip() for a, b in spans]


def test_split_on_full_stops_line_breaks_and_closing_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Headline Without Stop\n\nMr. Smith went to the U.S. on Monday. He said: "We go." Then he left!'
    assert _sentences(nlp, text) == [
        "Headline Without Stop",
        "Mr. Smith went to the U.S. on Monday.",
        'He said: "We go."',
        "Then he left!",
    ]


def test_no_split_before_a_lower_case_word(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _sentences(nlp, "Talks went on until 5 p.m. and ended. the end") == [
        "Talks went on until 5 p.m. and ended. the end"
    ]


@pytest.fixture(scope="module")
def tables(nlp) -> LemmaTables:  # type: ignore[no-untyped-def]
    return LemmaTables.from_nlp(nlp)


@pytest.mark.parametrize(
    ("form", "lemma"), [("met", "meet"), ("struck", "strike"), ("talks", "talk"), ("visiting", "visit")]
)
def test_lemma_guesses_cover_irregular_and_regular_forms(tables: LemmaTables, form: str, lemma: str) -> None:
    assert lemma in tables.candidates(form)


def test_keep_needs_a_trigger_and_an_actor_candidate(tables: LemmaTables) -> None:
    pre = Prefilter({"meet", "visit"}, actor_words={"police"}, tables=tables)
    assert pre.keep(["Lapid", "met", "Lavrov", "."])
    assert pre.keep(["the", "police", "visited", "the", "camp", "."])
    assert not pre.keep("Markets met expectations .".lower().split())  # no actor candidate at all
    assert not pre.keep(["Lapid", "spoke", "to", "Lavrov", "."])  # no trigger
    assert pre.is_trigger("MEETS") and not pre.is_trigger("meat")


def test_select_brings_the_sentences_a_pronoun_may_refer_to(tables: LemmaTables) -> None:
    pre = Prefilter({"meet"}, tables=tables, context=2)
    sentences = [s.split() for s in ("Lapid arrived .", "Nothing here .", "Quiet .", "Then he met Lavrov .")]
    assert pre.select(sentences) == [False, False, True, True]  # the pronoun looks one sentence back
    assert Prefilter({"meet"}, tables=tables, context=0).select(sentences) == [False, False, False, True]


def test_a_pronoun_in_a_brought_sentence_brings_the_one_before_up_to_the_context_limit(
    tables: LemmaTables,
) -> None:
    texts = ("Lapid arrived .", "Calm .", "His aides waited .", "They said it rained .", "He met Lavrov .")
    sentences = [s.split() for s in texts]
    assert Prefilter({"meet"}, tables=tables, context=2).select(sentences) == [False, False, True, True, True]
    assert Prefilter({"meet"}, tables=tables, context=4).select(sentences) == [False, True, True, True, True]


def test_select_brings_the_first_sentence_naming_a_capitalised_word(tables: LemmaTables) -> None:
    pre = Prefilter({"meet"}, tables=tables, context=1)
    texts = ("President Donald Trump spoke .", "Rain fell .", "Calm .", "Trump met Kim .")
    sentences = [s.split() for s in texts]
    assert pre.select(sentences) == [True, False, False, True]


def test_conditional_trigger_needs_its_pattern_words(tables: LemmaTables) -> None:
    conditions = {"take": ((frozenset({"control", "power"}),),)}
    pre = Prefilter({"take", "meet"}, tables=tables, conditions=conditions)

    def words(text: str) -> list[str]:
        return text.split()

    assert pre.keep(words("Rebels took control of the town ."))
    assert not pre.keep(words("Rebels took a break ."))
    assert pre.keep(words("Rebels took a break and met envoys ."))  # "meet" needs nothing


def test_keep_tagged_needs_a_trigger_with_a_tag_of_its_kind(tables: LemmaTables) -> None:
    gate = TagGate(
        (
            (frozenset({"meet"}), frozenset({"VBD", "VB"}), frozenset()),
            (frozenset({"summit"}), frozenset({"NN", "NNS"}), frozenset({"summit"})),
        )
    )
    pre = Prefilter({"meet", "summit"}, tables=tables, tag_gate=gate)
    assert pre.keep_tagged(["Egypt", "met", "Jordan"], ["NNP", "VBD", "NNP"])
    assert not pre.keep_tagged(["The", "meet", "was", "held"], ["DT", "NN", "VBD", "VBN"])  # a noun here
    assert pre.keep_tagged(["The", "summit", "ended"], ["DT", "NN", "VBD"])
    assert pre.keep_tagged(["Leaders", "summit"], ["NNS", "VBP"])  # allowed by word, whatever its tag
    assert Prefilter({"meet"}, tables=tables).keep_tagged(["a", "meet"], ["DT", "NN"])  # no gate: keep
