"""Modality flags and attribution of events, read from dependency parses."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding.modality import modality_of, tense_of

PUB = dt.date(2021, 9, 5)


def _mod(nlp, sentence: str, word: str, published: dt.date | None = PUB):
    doc = nlp(sentence)
    trigger = next(t for t in doc if t.text == word)
    return modality_of(trigger, published)


FLAGS = ("negated", "future", "hypothetical", "alleged", "historical")


def _flags(modality) -> set[str]:
    return {name for name in FLAGS if getattr(modality, name)}


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The army did not attack the village.", "attack"),
        ("Rebels never attacked the convoy.", "attacked"),
        ("The government no longer supports the militia.", "supports"),
        ("Iran refused to release the prisoners.", "release"),
        ("The minister returned home without holding talks.", "holding"),
        ("Officials did not plan to visit the region.", "visit"),
    ],
)
def test_negated(nlp, sentence, word):
    assert _mod(nlp, sentence, word).negated


def test_refusal_itself_is_not_negated(nlp):
    assert not _mod(nlp, "Iran refused to release the prisoners.", "refused").negated


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The minister will travel to Moscow.", "travel"),
        ("The minister said he would travel to Moscow to meet his counterpart.", "travel"),
        ("The minister said he would travel to Moscow to meet his counterpart.", "meet"),
        ("The president plans to visit Kenya.", "visit"),
        ("The president is scheduled to visit Kenya.", "visit"),
        ("The president is due to visit Kenya.", "visit"),
        ("They spoke ahead of a meeting that is slated for October.", "meeting"),
        ("The upcoming summit was discussed.", "summit"),
    ],
)
def test_future(nlp, sentence, word):
    assert _mod(nlp, sentence, word).future


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("If Israel strikes, Iran will retaliate.", "strikes"),
        ("If Israel strikes, Iran will retaliate.", "retaliate"),
        ("The rebels could attack the capital.", "attack"),
        ("Officials said the rebels might attack the capital.", "attack"),
        ("The group threatened to bomb the embassy.", "bomb"),
        ("They discussed a possible deployment of troops.", "deployment"),
    ],
)
def test_hypothetical(nlp, sentence, word):
    assert _mod(nlp, sentence, word).hypothetical


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Missiles were allegedly fired by Israeli aircraft.", "fired"),
        ("The army reportedly shelled the town.", "shelled"),
        ("Russia complained about alleged Israeli attacks in Syria.", "attacks"),
        ("Defences intercepted missiles in an attack attributed to Israel.", "attack"),
        ("The opposition claimed that police tortured detainees.", "tortured"),
        ("The group is said to have kidnapped two engineers.", "kidnapped"),
    ],
)
def test_alleged(nlp, sentence, word):
    assert _mod(nlp, sentence, word).alleged


def test_attributed_to_speaker_of_report(nlp):
    m = _mod(
        nlp,
        "The Russian army, which supplies air defences to Syria, reported that Syria had intercepted"
        " 20 missiles.",
        "intercepted",
    )
    assert m.attributed_to == "The Russian army"
    assert not m.alleged  # plain reporting is attributed, not hedged


def test_attributed_to_according_to_source(nlp):
    m = _mod(nlp, "The Kremlin requested the meeting, according to sources.", "requested")
    assert m.attributed_to == "sources"
    assert m.alleged


def test_attributed_to_trailing_speaker(nlp):
    m = _mod(nlp, "Troops will withdraw from the border, a diplomatic official said.", "withdraw")
    assert m.attributed_to == "a diplomatic official"
    assert m.future


def test_historical_from_resolved_date(nlp):
    assert _mod(nlp, "Last month, the minister made a visit to Morocco.", "visit").historical
    assert _mod(nlp, "The two states signed a treaty in 2003.", "signed").historical
    assert not _mod(nlp, "On Friday, rebels attacked the town.", "attacked").historical


def test_historical_from_past_marker_without_publication_date(nlp):
    assert _mod(nlp, "The army had previously shelled the town.", "shelled", published=None).historical


def test_plain_event_has_no_flags(nlp):
    m = _mod(nlp, "Israeli aircraft struck targets near Damascus.", "struck")
    assert _flags(m) == set()
    assert m.attributed_to is None


def test_tense(nlp):
    doc = nlp("He said he will visit Rome after he visited Paris.")
    visits = [t for t in doc if t.lemma_ == "visit"]
    assert tense_of(visits[0]) == "future"
    assert tense_of(visits[1]) == "past"


def test_recent_span_is_not_historical(nlp):
    m = _mod(nlp, "Over the past two weeks, the army arrested dozens of activists.", "arrested")
    assert not m.historical


def test_headline_infinitive_is_future(nlp):
    assert _mod(nlp, "FM Lapid to make first visit to Moscow", "make").future


def test_modality_of_without_dates_uses_markers_only(nlp):
    m = _mod(nlp, "Last month, the minister made a visit to Morocco.", "visit", published=None)
    assert not m.historical and not m.future


def test_attribution_keeps_prepositional_name(nlp):
    m = _mod(nlp, "Doctors delivered medicine, according to the Agency for Development.", "delivered")
    assert m.attributed_to == "the Agency for Development"


def test_this_week_is_not_historical(nlp):
    assert not _mod(nlp, "Mediators travel to Vienna this week.", "travel").historical


def test_accusation_content_is_alleged_and_attributed(nlp):
    m = _mod(nlp, "Iran accused Israel of attacking its nuclear facility.", "attacking")
    assert m.alleged and m.attributed_to == "Iran"


def test_denied_content_is_negated(nlp):
    m = _mod(nlp, "Russia denied that its jets bombed the market.", "bombed")
    assert m.negated and m.attributed_to == "Russia"


def test_date_after_publication_is_future(nlp):
    m = _mod(nlp, "The foreign ministers meet on 20 September in Cairo.", "meet")
    assert m.future and not m.historical


def test_refrained_from_is_negated(nlp):
    assert _mod(nlp, "The army refrained from attacking the town.", "attacking").negated


def test_recently_is_not_historical_background(nlp):
    m = _mod(nlp, "Two Kuwaitis who had been recently arrested were released.", "arrested", published=None)
    assert not m.historical
    m = _mod(nlp, "The two Kuwaitis had previously been arrested.", "arrested", published=None)
    assert m.historical


def test_unparsed_tokens_give_plain_results(nlp):
    # the pipeline leaves sentences without event candidates unparsed; nothing may break on them
    from eventwire.coding.dates import event_date

    doc = nlp.make_doc("If Russia attacked Syria last month, officials said.")
    for token in doc:
        m = modality_of(token, PUB)
        assert _flags(m) == set() and m.attributed_to is None
        assert event_date(token, PUB) is None
        assert tense_of(token) == "present"


def test_conditional_threat_is_itself_real(nlp):
    sentence = "Hezbollah threatened to shell Haifa if Israel hits Beirut."
    assert not _mod(nlp, sentence, "threatened").hypothetical
    assert _mod(nlp, sentence, "shell").hypothetical


def test_seed_000_event_context(nlp, seed_000):
    """The sample article's key events get their modality, date and place (published 2021-09-05)."""
    import json

    from eventwire.coding.dates import event_date
    from eventwire.coding.places import Gazetteer

    published = dt.date.fromisoformat(json.loads(seed_000.with_suffix(".meta.json").read_text())["published"])
    doc = nlp(seed_000.read_text(encoding="utf-8"))
    gazetteer = Gazetteer.load()

    def context(word: str):
        token = next(t for t in doc if t.text == word)
        when = event_date(token, published)
        return modality_of(token, published, when), when, gazetteer.place_of(token)

    m, when, where = context("travel")
    assert m.future and when.value == "2021-09-08" and where.country == "RUS"
    m, when, where = context("fired")
    assert m.alleged and m.attributed_to == "the Russian army" and when.value == "2021-09-02"
    m, when, where = context("made")
    assert m.historical and (when.value, when.precision) == ("2021-08", "month") and where.country == "MAR"


def test_unnamed_sources_hedge(nlp):
    m = _mod(nlp, "Troops opened fire on the crowd, witnesses said.", "opened")
    assert m.alleged and m.attributed_to == "witnesses"
    m = _mod(nlp, "Troops opened fire on the crowd, the interior ministry said.", "opened")
    assert not m.alleged and m.attributed_to == "the interior ministry"


def test_impersonal_passive_report_is_alleged(nlp):
    m = _mod(nlp, "It was reported that rebels had seized the airport.", "seized")
    assert m.alleged and m.attributed_to is None


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The arrests did not spark protests in Tehran.", "protests"),
        ("The border dispute never led to clashes between the two armies.", "clashes"),
        ("The standoff did not result in a blockade of the port.", "blockade"),
    ],
)
def test_event_a_negated_verb_would_bring_about_is_negated(nlp, sentence, word):
    assert _mod(nlp, sentence, word).negated


def test_event_brought_about_keeps_its_causes_clause(nlp):
    assert not _mod(nlp, "The arrests sparked protests in Tehran.", "protests").negated
    # "lead" with an object is leading, not causing: its clause is not the protest's
    assert not _mod(nlp, "The cleric did not lead the protests.", "protests").negated


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Egypt wants to make sure that the dispute does not lead to clashes with Sudan.", "clashes"),
        ("The envoy will try to ensure that the truce does not result in new clashes.", "clashes"),
        ("The monitors must guarantee that soldiers withdraw from the town.", "withdraw"),
        ("The aim of the minister's visit is to discuss trade with Iraq.", "discuss"),
    ],
)
def test_goal_is_hypothetical(nlp, sentence, word):
    assert _mod(nlp, sentence, word).hypothetical


def test_ensured_clash_is_negated_and_hypothetical(nlp):
    m = _mod(nlp, "Egypt wants to ensure that the dispute does not result in clashes with Sudan.", "clashes")
    assert {"negated", "hypothetical"} <= _flags(m)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Seoul doubts the ability of Washington to defend its islands.", "defend"),
        ("Critics questioned the willingness of Germany to provide weapons to Ukraine.", "provide"),
        ("The treaty gives Japan the right to administer the islands.", "administer"),
    ],
)
def test_infinitive_of_a_capacity_or_wish_is_hypothetical(nlp, sentence, word):
    assert _mod(nlp, sentence, word).hypothetical


def test_infinitive_of_a_decision_is_not_hypothetical(nlp):
    assert not _mod(nlp, "Japan's decision to send troops to Iraq was criticised.", "send").hypothetical
