"""Resolving mentions in parsed text, as of the article date."""

from __future__ import annotations

import itertools
from datetime import date

from eventwire.models import Mention
from tests.actors.conftest import find


def test_seed_000_actors(resolver, nlp, seed_000):
    doc = nlp(seed_000.read_text(encoding="utf-8"))
    mentions = resolver.resolve(doc, date(2021, 9, 5))
    assert all(isinstance(m, Mention) for m in mentions)
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions)), "mentions overlap"
    assert all(doc.text[m.start : m.end] == m.text for m in mentions)
    lapid = find(mentions, "Foreign Minister Yair Lapid")
    assert (lapid.name, lapid.code, lapid.reason) == ("Yair Lapid", "ISRGOV", "dictionary")
    assert find(mentions, "Sergey Lavrov").code == "RUSGOV"
    assert find(mentions, "Naftali Bennett").code == "ISRGOV"
    assert find(mentions, "Vladimir Putin").code == "RUSGOV"
    kremlin = find(mentions, "the Kremlin")
    assert (kremlin.country, kremlin.sector, kremlin.reason) == ("RUS", "GOV", "metonym")
    army = find(mentions, "the Russian army")
    assert (army.text, army.country, army.sector) == ("the Russian army", "RUS", "MIL")
    aircraft = find(mentions, "Israeli aircraft")
    assert (aircraft.country, aircraft.sector) == ("ISR", "MIL")
    defense = find(mentions, "aerial defense systems in Syria")
    assert (defense.country, defense.sector) == ("SYR", "MIL")
    hezbollah = find(mentions, "Hezbollah")
    assert (hezbollah.country, hezbollah.sector) == ("LBN", "REB")
    forces = find(mentions, "Syrian government forces")
    assert (forces.country, forces.sector) == ("SYR", "MIL")
    assad = next(m for m in mentions if m.text == "Assad")
    assert assad.code == "SYRGOV"
    assert find(mentions, "Rabat").code == "MARGOV"
    assert find(mentions, "Jerusalem").code == "ISRGOV"
    # "Lapid" alone, later in the article: Yair Lapid (not his father Tommy Lapid)
    later = [m for m in mentions if m.text == "Lapid"]
    assert later and all(m.name == "Yair Lapid" and m.code == "ISRGOV" for m in later)


def test_seed_003_actors(resolver, nlp, seed_003):
    doc = nlp(seed_003.read_text(encoding="utf-8"))
    mentions = resolver.resolve(doc, date(2015, 9, 20))
    assert find(mentions, "Binyamin Netanyahu").code == "ISRGOV"
    assert find(mentions, "Dmitry Peskov").code == "RUSGOV"
    assert find(mentions, "Gadi Eisenkot").code == "ISRMIL"
    assert find(mentions, "Herzl Halevi").code == "ISRMIL"
    leader = find(mentions, "the Israeli leader")
    assert (leader.name, leader.reason, leader.code) == ("Benjamin Netanyahu", "coreference", "ISRGOV")
    spokesman = find(mentions, "Putin's spokesman")
    assert (spokesman.country, spokesman.sector) == ("RUS", "GOV")


def test_same_name_codes_differently_by_date(resolve):
    text = "Netanyahu met the envoy in Jerusalem."
    in_2015 = find(resolve(text, "2015-09-20"), "Netanyahu")
    early_2022 = find(resolve(text, "2022-03-01"), "Netanyahu")
    assert in_2015.code == "ISRGOV"
    assert early_2022.country == "ISR" and early_2022.sector != "GOV"


def test_surname_resolves_to_the_person_holding_office(resolve):
    lapid = find(resolve("Lapid said the talks were useful.", "2021-09-05"), "Lapid")
    assert lapid.name == "Yair Lapid"
    tommy = find(resolve("Tommy Lapid spoke to reporters.", "2004-01-10"), "Tommy Lapid")
    assert (tommy.name, tommy.code) == ("Tommy Lapid", "ISRGOV")


def test_date_boundaries_are_inclusive(resolve):
    text = "Naftali Bennett arrived in Cairo."
    assert find(resolve(text, "2021-06-13"), "Bennett").code == "ISRGOV"
    assert find(resolve(text, "2022-06-30"), "Bennett").code == "ISRGOV"
    assad = "Bashar al-Assad addressed the parliament."
    assert find(resolve(assad, "2024-12-08"), "Assad").code == "SYRGOV"
    assert find(resolve(assad, "2024-12-09"), "Assad").sector == "ELI"


def test_unknown_person_resolved_from_title(resolve):
    mentions = resolve(
        "Israeli Foreign Minister Avraham Zilberstein met the Egyptian delegation.", "2031-01-01"
    )
    person = find(mentions, "Avraham Zilberstein")
    assert (person.country, person.sector, person.reason) == ("ISR", "GOV", "title")
    assert person.name == "Avraham Zilberstein"
    later = resolve(
        "Israeli Foreign Minister Avraham Zilberstein arrived on Monday. Zilberstein met the king.",
        "2031-01-01",
    )
    again = next(m for m in later if m.text == "Zilberstein")
    assert (again.country, again.reason) == ("ISR", "coreference")


def test_unknown_person_resolved_from_appositive(resolve):
    mentions = resolve("Putin's spokesman, Ivan Kuznetsovsky, said the meeting was useful.", "2021-09-05")
    person = find(mentions, "Ivan Kuznetsovsky")
    assert (person.country, person.sector, person.reason) == ("RUS", "GOV", "context")


def test_pronouns_follow_the_antecedent_rule(resolve):
    mentions = resolve("Foreign Minister Yair Lapid said he would travel to Moscow.", "2021-09-05")
    he = next(m for m in mentions if m.text == "he")
    assert (he.name, he.reason) == ("Yair Lapid", "coreference")
    mentions = resolve(
        "Israel views Iranian entrenchment on its northern frontier as a red line.", "2021-09-05"
    )
    its = next(m for m in mentions if m.text == "its")
    assert its.country == "ISR"  # not the bare adjective "Iranian"
    mentions = resolve(
        "Moscow has helped modernize Syria's military and trained its personnel.", "2021-09-05"
    )
    assert find(mentions, "its personnel").country == "SYR"


def test_definite_description_of_a_group(resolve):
    text = (
        "Israel struck weapons convoys destined for Lebanese Hezbollah. "
        "The Iran-backed militant group is fighting in Syria."
    )
    group = find(resolve(text, "2021-09-05"), "militant group")
    assert (group.name, group.country, group.sector, group.reason) == (
        "Hezbollah",
        "LBN",
        "REB",
        "coreference",
    )


def test_agents_without_a_country(resolve):
    mentions = resolve("Protesters clashed with police in the capital.", "2021-09-05")
    assert find(mentions, "Protesters").sector == "CVL"
    assert find(mentions, "police").sector == "COP"
    assert find(resolve("The rebels seized the town.", "2021-09-05"), "rebels").sector == "REB"


def test_adjective_and_agent_make_one_mention(resolve):
    mentions = resolve("The Iraqi army and Turkish police entered the town.", "2021-09-05")
    army = find(mentions, "Iraqi army")
    assert (army.text, army.code, army.reason) == ("The Iraqi army", "IRQMIL", "agent")
    assert find(mentions, "Turkish police").code == "TURCOP"


def test_names_must_look_like_names(resolve):
    mentions = resolve("We ate turkey and the chad was small.", "2021-09-05")
    assert not any(m.country in ("TUR", "TCD") for m in mentions)


def test_metonyms_code_the_government(resolve):
    mentions = resolve(
        "Washington and Tehran traded accusations while the White House stayed silent.", "2021-09-05"
    )
    assert find(mentions, "Washington").code == "USAGOV"
    assert find(mentions, "Tehran").code == "IRNGOV"
    assert find(mentions, "White House").code == "USAGOV"


def test_definite_title_must_fit_the_antecedent(resolve):
    text = "Israeli Foreign Minister Avraham Zilberstein arrived on Monday. The president met the minister."
    mentions = resolve(text, "2031-01-01")
    assert find(mentions, "the minister").name == "Avraham Zilberstein"
    assert find(mentions, "The president").name is None


def test_former_titles_code_former_officials(resolve):
    text = "Speaking in Brussels, Catalonia's former leader Jordi Ventosa urged calm."
    mentions = resolve(text, "2021-09-05")
    leader = find(mentions, "Jordi Ventosa")
    assert (leader.country, leader.sector, leader.reason) == ("ESP", "ELI", "title")


def test_surname_alone_needs_an_office_or_an_earlier_full_name(resolve):
    # Tommy Lapid held no office in 2021: "Lapid" alone is not him, and nobody else is meant in 1990
    assert [m for m in resolve("Lapid arrived late.", "1990-01-01") if m.text == "Lapid"] == []
    mentions = resolve("Tommy Lapid spoke first. Later Lapid left.", "1990-01-01")
    assert [m.name for m in mentions if m.text == "Lapid"] == ["Tommy Lapid"]


def test_sector_words_inside_longer_names_are_not_agents(resolve):
    mentions = resolve("Investigators questioned the American International Group on Monday.", "2021-09-05")
    assert not any(m.text.endswith("Group") and m.sector is not None for m in mentions)


def test_organisation_title_and_person_make_one_mention(resolve):
    mentions = resolve(
        "U.S. President Joe Biden spoke with Israeli Prime Minister Naftali Bennett.", "2021-09-05"
    )
    assert find(mentions, "Joe Biden").text == "U.S. President Joe Biden"
    assert find(mentions, "Joe Biden").code == "USAGOV"


def test_agent_attached_to_an_organisation_and_appositive_person(resolve):
    text = "A spokesman for the Taliban, Qari Shamsuddin Ehsani, denied any role in the ambush."
    mentions = resolve(text, "2018-01-01")
    spokesman = find(mentions, "spokesman for the Taliban")
    assert (spokesman.country, spokesman.sector) == ("AFG", "REB")
    person = find(mentions, "Qari Shamsuddin Ehsani")
    assert (person.country, person.sector, person.reason) == ("AFG", "REB", "context")


def test_capitalised_country_and_agent_names(resolve):
    mentions = resolve(
        "Sudanese Government imposed blockades while Sri Lanka's police chief resigned.", "2019-01-01"
    )
    assert find(mentions, "Sudanese Government").code == "SDNGOV"
    assert find(mentions, "police chief").text == "Sri Lanka's police chief"


def test_non_state_groups_keep_their_sector_with_agent_words(resolve):
    mentions = resolve("Hezbollah fighters met the Hamas leader and a rebel commander.", "2021-09-05")
    assert find(mentions, "Hezbollah fighters").code == "LBNREB"
    assert find(mentions, "Hamas leader").code == "PSEREB"
    assert find(mentions, "rebel commander").sector == "REB"


def test_honorific_between_title_and_name(resolve):
    mentions = resolve("Colombian President Mr Tomas Quintanilla spoke.", "2031-01-01")
    person = find(mentions, "Tomas Quintanilla")
    assert (person.text, person.code) == ("Colombian President Mr Tomas Quintanilla", "COLGOV")


def test_places_inside_other_names(resolve):
    mentions = resolve("The Paris Agreement was praised by the Jerusalem Post.", "2021-09-05")
    assert not any("Paris" in m.text for m in mentions)
    post = find(mentions, "Jerusalem Post")
    assert (post.country, post.sector) == ("ISR", "JRN")


def test_demonyms_plural_and_possessive(resolve):
    mentions = resolve("There was dissatisfaction on the Russians’ part and among Israelis.", "2021-09-05")
    assert find(mentions, "Russians").country == "RUS"
    assert find(mentions, "Israelis").country == "ISR"


def test_short_names_must_be_acronyms(resolve):
    mentions = resolve("Ngo said the UN and the U.S. disagreed.", "2015-01-01")
    assert [m.text for m in mentions if m.text.startswith("Ngo")] == []
    assert (find(mentions, "UN").country, find(mentions, "UN").code) == ("IGO", "IGOUNOGOV")
    assert find(mentions, "U.S.").country == "USA"


def test_partially_recognised_entities(resolve):
    mentions = resolve("Abkhazian officials met envoys from Transnistria.", "2021-01-01")
    officials = find(mentions, "Abkhazian officials")
    assert (officials.country, officials.sector, officials.code) == ("GEO", "GOV", "GEOGOVPRE")
    assert find(mentions, "Transnistria").code == "MDAPRE"


def test_ethnic_groups_and_transnational_groups(resolve):
    mentions = resolve("Ethnic Albanians met militants of Iraq's al-Qaeda.", "2005-01-01")
    assert not any(m.country == "ALB" for m in mentions)
    assert find(mentions, "al-Qaeda").code == "IRQREB"


def test_dummy_it_and_object_pronouns(resolve):
    mentions = resolve(
        "It is clear that Israel will respond. Hungary says it will never approve it.", "2021-09-05"
    )
    its = [m for m in mentions if m.text.lower() == "it"]
    assert [m.country for m in its] == ["HUN"]  # not the dummy "It is likely", not "accept it"
    mentions = resolve("Israel attacked Syria and hit it hard.", "2021-09-05")
    assert [m.country for m in mentions if m.text == "it"] == ["SYR"]
