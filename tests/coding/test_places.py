"""Gazetteer lookups and the place of an event."""

from __future__ import annotations

import pytest

from eventwire.coding.places import Gazetteer, normalize


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _place(nlp, gazetteer, sentence: str, word: str):
    doc = nlp(sentence)
    return gazetteer.place_of(next(t for t in doc if t.text == word))


def test_city_in_phrase(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Protesters clashed with police in Moscow.", "clashed")
    assert loc.text == "Moscow" and loc.country == "RUS"
    assert loc.lat == pytest.approx(55.75, abs=0.1) and loc.lon == pytest.approx(37.6, abs=0.1)
    assert loc.geonameid is not None


def test_destination_of_visit(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Last month, the minister made a two-day visit to Morocco.", "visit")
    assert loc.country == "MAR" and loc.lat is not None


def test_purpose_clause_takes_destination(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "He would travel to Moscow on Wednesday to meet his counterpart.", "meet")
    assert loc is not None and loc.country == "RUS"


def test_recipient_is_not_a_place(nlp, gazetteer):
    assert _place(nlp, gazetteer, "Moscow provides air defence systems to Syria.", "provides") is None


def test_no_place(nlp, gazetteer):
    assert (
        _place(
            nlp, gazetteer, "Israel views the entrenchment on its northern frontier as a red line.", "views"
        )
        is None
    )


def test_ambiguous_city_prefers_country_in_sentence(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Clashes erupted in Tripoli, Lebanon's second city.", "erupted")
    assert loc.country == "LBN"
    assert gazetteer.lookup("Tripoli").country == "LBY"  # without context: the most populous


def test_lookup_names(gazetteer):
    assert gazetteer.lookup("the United States").country == "USA"
    assert gazetteer.lookup("U.S.").country == "USA"
    assert gazetteer.lookup("Syria").country == "SYR"
    assert gazetteer.lookup("Kiev").country == "UKR"  # alternate spelling
    assert gazetteer.lookup("Sao Paulo").country == "BRA"  # accents optional
    assert gazetteer.lookup("Moscow").country == "RUS"  # not Moscow, Idaho
    assert gazetteer.lookup("Gondor") is None


def test_country_has_coordinates(gazetteer):
    loc = gazetteer.lookup("Morocco")
    assert loc.lat == pytest.approx(34.0, abs=0.5)  # the capital, Rabat


def test_subject_location_is_fallback(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Air defence systems in Syria intercepted 22 missiles.", "intercepted")
    assert loc.country == "SYR"


def test_city_of_phrase(nlp, gazetteer):
    assert (
        _place(nlp, gazetteer, "Gunmen killed five people in the city of Aleppo.", "killed").country == "SYR"
    )


def test_normalize():
    assert normalize("the  São-Paulo") == "sao paulo"


def test_place_named_as_compound(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Soldiers raided homes in a West Bank refugee camp.", "raided")
    assert loc.country == "PSE"


def test_place_of_a_participant(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Tanks fired four shells at targets in Jericho.", "fired")
    assert loc.text == "Jericho" and loc.country == "PSE"


def test_directional_prefix_is_dropped_for_lookup(gazetteer):
    assert gazetteer.lookup("western Cambodia").country == "KHM"
    assert gazetteer.lookup("northern Fooland") is None


def test_country_hint_does_not_pick_a_tiny_namesake(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "U.S. and Russian negotiators return to Geneva for talks.", "return")
    assert loc.country == "CHE"


def test_unknown_place_keeps_its_text(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Rebels attacked a checkpoint in the Golan Heights.", "attacked")
    assert loc.text == "Golan Heights" and loc.country is None and loc.lat is None


def test_light_verb_trigger_takes_place_of_its_noun(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Last month, the minister made a two-day visit to Morocco.", "made")
    assert loc.country == "MAR"


def test_packaged_index_matches_a_fresh_build(gazetteer):
    built = Gazetteer.load(path=None)
    assert dict(built.index) == dict(gazetteer.index)


def test_higher_population_floor_keeps_countries(gazetteer):
    big = Gazetteer.load(min_population=1_000_000)
    assert big.lookup("Moscow").country == "RUS"
    assert big.lookup("Samarra") is None  # a city of about 350,000
    assert gazetteer.lookup("Samarra").country == "IRQ"
    assert big.lookup("Andorra").country == "AND"
    assert len(big.index) < len(gazetteer.index)


def test_write_and_read_index(tmp_path):
    from eventwire.coding.places import write_index

    path = tmp_path / "index.tsv.gz"
    count = write_index(path, min_population=2_000_000)
    small = Gazetteer.load(min_population=2_000_000, path=path)
    assert len(small.index) == count
    assert small.lookup("Cairo").country == "EGY"


def test_topic_of_a_discussion_is_not_its_place(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Netanyahu will discuss reports of Russian involvement in Syria.", "discuss")
    assert loc is None


def test_place_of_a_quantified_participant(nlp, gazetteer):
    loc = _place(
        nlp, gazetteer, "A third of the guerrillas operating in Macedonia were demobilized.", "demobilized"
    )
    assert loc is not None and loc.country == "MKD"


def test_unknown_modifier_is_not_a_place(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "The leaders met to push for progress in Brexit talks.", "push")
    assert loc is None


def test_visited_object_is_the_place(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "The foreign minister will visit Moscow next week.", "visit")
    assert loc.country == "RUS"


def test_ordinary_object_is_not_a_place(nlp, gazetteer):
    assert _place(nlp, gazetteer, "The minister criticised Russia over the deal.", "criticised") is None


def test_unparsed_tokens_have_no_place(nlp, gazetteer):
    doc = nlp.make_doc("Troops clashed with protesters in Moscow.")
    assert all(gazetteer.place_of(token) is None for token in doc)


def test_capital_named_by_country_adjective(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Protesters gathered in the Syrian capital.", "gathered")
    assert loc.text == "the Syrian capital" and loc.country == "SYR"
    assert loc.lat == pytest.approx(33.5, abs=0.1)  # Damascus


def test_capital_named_by_country_possessive(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Bombs exploded in Ukraine's capital.", "exploded")
    assert loc.country == "UKR" and loc.lon == pytest.approx(30.5, abs=0.1)  # Kyiv


def test_bare_capital_is_not_a_place(nlp, gazetteer):
    assert _place(nlp, gazetteer, "Talks were held in the capital.", "held") is None


def test_us_state(gazetteer):
    texas = gazetteer.lookup("Texas")
    assert texas.country == "USA" and 25 < texas.lat < 37 and -107 < texas.lon < -93
    assert gazetteer.lookup("Georgia").country == "GEO"  # the country outranks the state
