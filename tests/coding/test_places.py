"""Gazetteer lookups and the place of an event."""

from __future__ import annotations

import pytest

from eventwire.coding.places import Gazetteer, normalize, read_regions, subdivision_variants


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
    loc = _place(nlp, gazetteer, "Troops searched houses in a West Bank village.", "searched")
    assert loc.country == "PSE"


def test_place_of_a_participant(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Tanks fired four shells at targets in Jericho.", "fired")
    assert loc.text == "Jericho" and loc.country == "PSE"


def test_directional_prefix_is_dropped_for_lookup(gazetteer):
    assert gazetteer.lookup("western Cambodia").country == "KHM"
    assert gazetteer.lookup("northern Fooland") is None


def test_country_hint_does_not_pick_a_tiny_namesake(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "American and Chinese envoys travel to Geneva for talks.", "travel")
    assert loc.country == "CHE"


def test_unknown_place_keeps_its_text(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Rebels attacked a checkpoint in the Zorvan Heights.", "attacked")
    assert loc.text == "Zorvan Heights" and loc.country is None and loc.lat is None


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
    loc = _place(nlp, gazetteer, "The ministers met to press for progress in Grexit talks.", "press")
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


# Regions and disputed territories: (sentence, trigger, country, (lat min, lat max, lon min, lon max)).
REGION_SENTENCES = [
    ("Russian troops seized government buildings in Crimea.", "seized", "UKR", (44.3, 46.3, 32.4, 36.7)),
    ("Clashes erupted in the Golan Heights.", "erupted", "SYR", (32.6, 33.4, 35.6, 36.0)),
    ("Israeli troops raided a village in the West Bank.", "raided", "PSE", (31.3, 32.6, 34.9, 35.6)),
    ("Israeli jets struck targets in the Gaza Strip.", "struck", "PSE", (31.2, 31.6, 34.2, 34.6)),
    ("Gunmen attacked a bus in Tigray.", "attacked", "ETH", (12.2, 14.9, 36.4, 40.0)),
    ("Militias attacked villages in Darfur.", "attacked", "SDN", (9.5, 16.0, 21.8, 27.5)),
    ("Police arrested activists in Xinjiang.", "arrested", "CHN", (34.0, 49.2, 73.5, 96.4)),
    ("Monks protested in Tibet.", "protested", "CHN", (27.0, 36.5, 78.0, 99.0)),
    ("Protesters rallied in Catalonia.", "rallied", "ESP", (40.5, 42.9, 0.1, 3.4)),
    ("A bomb exploded in Northern Ireland.", "exploded", "GBR", (54.0, 55.3, -8.2, -5.4)),
    (
        "Militants attacked a checkpoint in Indian-administered Kashmir.",
        "attacked",
        "IND",
        (32.2, 35.2, 73.0, 76.8),
    ),
    (
        "Kurdish fighters clashed with militants in the Kurdistan Region.",
        "clashed",
        "IRQ",
        (34.5, 37.4, 42.3, 46.4),
    ),
]


@pytest.mark.parametrize(("sentence", "word", "country", "box"), REGION_SENTENCES)
def test_region_or_disputed_territory(nlp, gazetteer, sentence, word, country, box):
    loc = _place(nlp, gazetteer, sentence, word)
    assert loc is not None and loc.country == country, loc
    lat_min, lat_max, lon_min, lon_max = box
    assert lat_min <= loc.lat <= lat_max and lon_min <= loc.lon <= lon_max, loc
    assert loc.geonameid is None  # a region, not a city


def test_region_noun_picks_the_region_not_the_city(nlp, gazetteer):
    city = _place(nlp, gazetteer, "Airstrikes hit a market in Idlib.", "hit")
    region = _place(nlp, gazetteer, "Rebels attacked a checkpoint in Idlib province.", "attacked")
    assert city.country == region.country == "SYR"
    assert city.geonameid is not None and region.geonameid is None
    assert region.text == "Idlib province"
    assert (region.lat, region.lon) != (city.lat, city.lon)


def test_city_name_is_not_stolen_by_its_governorate(nlp, gazetteer):
    city = _place(nlp, gazetteer, "Protesters marched in Aleppo.", "marched")
    of_city = _place(nlp, gazetteer, "Gunmen killed five people in the city of Aleppo.", "killed")
    of_province = _place(nlp, gazetteer, "Troops shelled villages in the province of Aleppo.", "shelled")
    governorate = _place(nlp, gazetteer, "Troops shelled rebel positions in Aleppo governorate.", "shelled")
    assert city.geonameid is not None and of_city.geonameid == city.geonameid
    assert of_province.geonameid is None and governorate.geonameid is None
    assert of_province.country == governorate.country == "SYR"
    assert (of_province.lat, of_province.lon) == (governorate.lat, governorate.lon)


def test_region_named_without_an_entity_tag(nlp, gazetteer):
    # the small model tags no entity in this sentence; the region noun still makes "Donetsk" a region
    loc = _place(nlp, gazetteer, "Fighting raged in the Donetsk region.", "raged")
    assert loc.text == "Donetsk region" and loc.country == "UKR" and loc.geonameid is None
    assert gazetteer.lookup("Donetsk").geonameid is not None  # bare: the city


def test_region_stem_ranks_after_every_city_of_its_name(gazetteer):
    # "Raqqa province" is curated; "Raqqa" alone is the city (GeoNames spells it "Ar Raqqah")
    assert gazetteer.lookup("Raqqa").geonameid is not None
    assert gazetteer.lookup("Raqqa province").geonameid is None
    assert gazetteer.lookup("Raqqa", region=True).geonameid is None


def test_iso_subdivisions_outside_the_us(gazetteer):
    assert gazetteer.lookup("Kharkiv region").country == "UKR"  # "Kharkivska oblast" linked to Kharkiv
    assert gazetteer.lookup("Kharkiv region").geonameid is None
    assert gazetteer.lookup("Kharkiv").geonameid is not None
    assert gazetteer.lookup("Madhya Pradesh").country == "IND"
    assert gazetteer.lookup("Rakhine State").country == "MMR"
    assert gazetteer.lookup("Anbar").country == "IRQ"  # "Al Anbār" without its article


def test_generic_subdivision_names_are_not_places(gazetteer):
    for name in ("Central", "North West", "Eastern", "Upper East", "Capital", "Littoral"):
        assert all(e.kind not in (4, 5) for e in gazetteer.candidates(name)), name


def test_people_and_adjectives_are_not_regions(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "The minister met Victoria Nuland in Kyiv.", "met")
    assert loc.country == "UKR" and loc.text == "Kyiv"
    assert _place(nlp, gazetteer, "Kurdish fighters attacked the convoy.", "attacked") is None
    for word in ("Islamic State", "Kurdish", "Basque", "Crimean", "Catalan"):  # "state": a region noun
        assert gazetteer.lookup(word) is None, word
    assert gazetteer.lookup("Georgia").country == "GEO"  # the country still outranks the US state


def test_region_counts_as_a_country_hint(nlp, gazetteer):
    doc = nlp("Settlers clashed with villagers near Hebron in the West Bank.")
    assert gazetteer.countries_in(next(doc.sents)) == {"PSE"}


def test_subdivision_variants():
    assert subdivision_variants("Catalunya [Cataluña]") == {"catalunya", "cataluna"}
    assert "anbar" in subdivision_variants("Al Anbār")
    assert "sichuan" in subdivision_variants("Sichuan Sheng")
    assert subdivision_variants("Central") == set()
    assert "stinga nistrului" in subdivision_variants("Stînga Nistrului, unitatea teritorială din")


def test_curated_regions_table():
    regions = read_regions()
    names = {r.name for r in regions}
    assert {"Crimea", "Golan Heights", "West Bank", "Gaza Strip", "Kashmir", "Tigray", "Darfur"} <= names
    for region in regions:
        assert len(region.country) == 3 and region.country.isupper(), region
        assert region.anchors or region.lat is not None, region


def test_malformed_region_row_names_the_line(tmp_path):
    path = tmp_path / "regions.tsv"
    path.write_text(
        "# comment\nname\taliases\tcountry\tiso\tanchors\tlat\tlon\nSomewhere\t\tXX\t\t\tnorth\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"regions\.tsv:3"):
        read_regions(path)


def test_regions_survive_a_higher_population_floor():
    big = Gazetteer.load(min_population=1_000_000)
    assert big.lookup("Crimea").country == "UKR"
    assert big.lookup("Idlib province").country == "SYR"


def test_event_in_a_region_end_to_end(code):
    from tests.coding.helpers import find

    events = code("Russian forces shelled Ukrainian positions in the Donetsk region on Tuesday.")
    event = find(events, "ASSAULT")
    assert event.location is not None and event.location.country == "UKR"
    assert event.location.text == "Donetsk region" and event.location.lat is not None


def test_town_named_as_a_place(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Business leaders gathered in Davos for the forum.", "gathered")
    assert loc.country == "CHE" and loc.geonameid is not None
    loc = _place(nlp, gazetteer, "Rebels attacked the town of Vuhledar.", "attacked")  # tagged FAC
    assert loc.country == "UKR" and loc.lat is not None
    assert Gazetteer.load(min_population=15000).lookup("Davos") is None  # a town of about 11,000


def test_organisations_do_not_name_towns_or_alternate_spellings(nlp, gazetteer):
    assert gazetteer.lookup("NATO").country == "PHL"  # a Philippine town
    assert _place(nlp, gazetteer, "Ministers met at NATO.", "met") is None
    assert gazetteer.lookup("White House").country == "MAR"  # an English name of Casablanca
    loc = _place(nlp, gazetteer, "The president hosted the prime minister at the White House.", "hosted")
    assert loc is None or loc.country is None


def test_alternate_spelling_of_a_far_larger_city_wins(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Dozens of people were detained at a rally in Odessa on Sunday.", "detained")
    assert loc.country == "UKR" and loc.lat == pytest.approx(46.48, abs=0.1)
    assert gazetteer.lookup("Odessa").country == "UKR"


def test_small_citys_main_name_wins_when_its_country_or_state_is_named(nlp, gazetteer):
    loc = _place(nlp, gazetteer, "Protesters clashed with police in Odessa, Texas, on Saturday.", "clashed")
    assert loc.country == "USA" and loc.lat == pytest.approx(31.85, abs=0.1)
    assert gazetteer.lookup("Odessa", {"USA"}).country == "USA"


def test_main_name_beats_alternate_spelling_of_a_city_not_far_larger(nlp, gazetteer):
    # Nazret, Ethiopia (about six times Nazareth's size) is also spelt "Nazareth"
    loc = _place(nlp, gazetteer, "Police raided several homes in Nazareth overnight.", "raided")
    assert loc.country == "ISR"
    assert gazetteer.lookup("Cancun").country == "MEX"  # "Cancun" is also a spelling of Changchun


def test_former_name_of_a_larger_city_does_not_win(gazetteer):
    # Harare was called Salisbury: a former name, not a spelling of "Harare"
    assert gazetteer.lookup("Salisbury").country == "GBR"
    assert gazetteer.lookup("Islamabad").country == "PAK"  # also an old name of Chattogram
