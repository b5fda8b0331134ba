"""Matching that does not collide: namesakes, surnames, demonyms inside names, transliterations, IGOs.

The people here are invented for the tests (laid over the bundled knowledge base as a user file), so the
cases keep testing the mechanism whatever the curated data holds.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import ActorResolver, KnowledgeBase
from eventwire.actors.ranking import decide
from tests.actors.conftest import find

PEOPLE = """
- {name: Arno Quillfeather, roles: [{code: NORGOV, start: 2020-01-01, title: Foreign Minister}]}
- {name: Berit Quillfeather, roles: [{code: DNKGOV, start: 2021-01-01, title: Foreign Minister}]}
- name: Hannes Jordan
  roles: [{code: AUTGOV, start: 2001-01-01, end: 2016-12-31}, {code: IGOHCH, start: 2017-01-01}]
- name: Idrissa Traoré
  roles: [{code: BFAMIL, start: 2005-01-01, end: 2022-09-29}, {code: BFAGOV, start: 2022-09-30}]
- {name: Oleksiy Vyshnevskyy, roles: [{code: UKRGOV, start: 2022-01-01}]}
- {name: Amara K. Osei, roles: [{code: IGOUNO, start: 2019-01-01, title: UN Special Envoy for Lakeland}]}
- {name: Amara Osei, roles: [{code: GHAGOV, start: 2018-01-01, title: minister (Trade)}]}
- {name: Cassius Brandvold, aliases: [Brandvold], roles: [{code: SWEGOV, start: 2019-01-01}]}
- {name: Dina Brandvold, roles: [{code: FINGOV, start: 2019-01-01}]}
- {name: Lerato Gurib-Mbeki, roles: [{code: LSOGOV, start: 2019-01-01}]}
- {name: Faisal al-Rashidun, roles: [{code: OMNGOV, start: 2019-01-01}]}
- {name: Zora Kettleby, roles: [{code: NORGOV, start: 2010-01-01, end: 2014-12-31, title: minister}]}
"""


@pytest.fixture(scope="module")
def made_up(kb_cache, tmp_path_factory):
    path = tmp_path_factory.mktemp("people") / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return ActorResolver(KnowledgeBase.load(user_files=[path], cache_dir=kb_cache))


def _got(resolver: ActorResolver, name: str, on: str):
    chosen = resolver.resolve_name(name, date.fromisoformat(on)).chosen
    return (chosen.name, chosen.country, chosen.sector) if chosen else None


def test_full_name_beats_namesakes(made_up):
    # Phoenix holds several Malian Traorés with roles left open; the full name decides
    assert _got(made_up, "Idrissa Traoré", "2023-05-01") == ("Idrissa Traoré", "BFA", "GOV")
    assert _got(made_up, "Idrissa Traore", "2023-05-01") == ("Idrissa Traoré", "BFA", "GOV")
    assert _got(made_up, "Captain Idrissa Traore", "2023-05-01")[1] == "BFA"


def test_surname_alone_only_when_unique_in_office(made_up):
    # the stale Phoenix Traorés are not in office in 2023: the one who is wins
    assert _got(made_up, "Traoré", "2023-05-01") == ("Idrissa Traoré", "BFA", "GOV")
    # two people called Quillfeather in office in 2023: no winner; in 2020 only one
    res = made_up.resolve_name("Quillfeather", date(2023, 5, 1))
    assert res.chosen is None and "ambiguous" in res.why
    assert {c.name for c in res.candidates} == {"Arno Quillfeather", "Berit Quillfeather"}
    assert _got(made_up, "Quillfeather", "2020-05-01") == ("Arno Quillfeather", "NOR", "GOV")


def test_a_given_name_is_never_dropped(made_up):
    assert _got(made_up, "Oumar Traoré", "2023-05-01") is None
    assert _got(made_up, "Sigrid Quillfeather", "2020-05-01") is None


def test_transliterations_meet(made_up):
    for spelling in ("Oleksiy Vyshnevskyy", "Oleksiy Vyshnevskiy", "Oleksiy Vyshnevsky"):
        assert _got(made_up, spelling, "2023-01-01") == ("Oleksiy Vyshnevskyy", "UKR", "GOV")


def test_igo_official_is_coded_as_the_igo_not_by_nationality(made_up):
    res = made_up.resolve_name("Hannes Jordan", date(2023, 1, 1))
    assert (res.chosen.country, res.chosen.sector, res.chosen.org) == ("IGO", "GOV", "HCH")
    assert res.chosen.code == "IGOHCHGOV"
    assert _got(made_up, "Hannes Jordan", "2010-01-01")[1] == "AUT"


def test_decide_explains_full_name_over_surname(made_up):
    kb = made_up.kb
    cands = kb.candidates("traore")
    decision = decide(cands, date(2023, 5, 1))
    assert decision.best[0].name == "Idrissa Traoré"
    assert "surname only" in decision.why and "in office on 2023-05-01" in decision.why


@pytest.mark.parametrize(
    "text",
    [
        "Volkmar Türk told reporters in Geneva that the talks had failed.",
        "Ingrid French told reporters in Geneva that the talks had failed.",
    ],
)
def test_demonym_inside_a_name_never_decides_a_country(resolve, text):
    mentions = resolve(text, "2023-01-01")
    assert [m for m in mentions if m.country in ("TUR", "FRA")] == []


def test_surname_that_is_a_country_follows_the_article(made_up, nlp):
    text = "Hannes Jordan criticised the arrests on Monday. Jordan said the detainees must be freed."
    mentions = made_up.resolve(nlp(text), date(2023, 1, 1))
    later = [m for m in mentions if m.text == "Jordan"]
    assert later and all((m.country, m.reason) == ("IGO", "coreference") for m in later)
    assert all(m.country != "JOR" for m in mentions)


def test_ambiguous_surname_in_text_stays_unresolved_unless_named(made_up, nlp):
    alone = made_up.resolve(nlp("Quillfeather rejected the proposal on Monday."), date(2023, 5, 1))
    assert [m for m in alone if "Quillfeather" in m.text and m.country] == []
    text = "Berit Quillfeather met her counterpart on Monday. Quillfeather rejected the proposal."
    named = made_up.resolve(nlp(text), date(2023, 5, 1))
    assert [m.country for m in named if "Quillfeather" in m.text] == ["DNK", "DNK"]


def test_namesake_in_text_is_not_the_phoenix_traore(made_up, nlp):
    mentions = made_up.resolve(nlp("Captain Idrissa Traoré addressed the nation."), date(2023, 5, 1))
    assert [m.country for m in mentions if "Traor" in m.text] == ["BFA"]
    other = made_up.resolve(nlp("Oumar Traoré addressed the crowd in Ouagadougou."), date(2023, 5, 1))
    assert all(m.country != "MLI" for m in other if "Traor" in m.text)


def test_own_spelling_beats_a_derived_one_and_the_title_decides_between_namesakes(made_up):
    assert _got(made_up, "Amara Osei", "2020-01-01") == ("Amara Osei", "GHA", "GOV")
    assert _got(made_up, "UN envoy Amara Osei", "2020-01-01") == ("Amara K. Osei", "IGO", "GOV")
    assert _got(made_up, "Ghanaian trade minister Amara Osei", "2020-01-01")[1] == "GHA"
    why = made_up.resolve_name("UN envoy Amara Osei", date(2020, 1, 1)).why
    assert "the title says IGO" in why


def test_an_article_less_variant_never_takes_another_entrys_name(made_up):
    # Phoenix lists "Fatah" under Palestine; its separate "al-Fatah" entry must not take the key over
    assert _got(made_up, "Fatah", "2006-02-01")[1] == "PSE"
    assert _got(made_up, "Bashar Assad", "2019-01-01") == ("Bashar al-Assad", "SYR", "GOV")


def test_a_title_newer_than_the_knowledge_base_gives_the_sector(made_up):
    res = made_up.resolve_name("Norwegian President Zora Kettleby", date(2021, 1, 1))
    assert (res.chosen.country, res.chosen.sector, res.chosen.reason) == ("NOR", "GOV", "title")
    assert "the title gives GOV" in res.why
    assert _got(made_up, "former President Zora Kettleby", "2021-01-01")[1:] == ("NOR", "ELI")
    assert _got(made_up, "Zora Kettleby", "2021-01-01")[1:] == ("NOR", "ELI")


def test_a_surname_listed_as_used_alone_beats_an_implicit_one(made_up):
    res = made_up.resolve_name("Brandvold", date(2021, 1, 1))
    assert (res.chosen.name, res.chosen.country) == ("Cassius Brandvold", "SWE")
    assert "list the surname as used alone" in res.why
    assert {c.name for c in res.candidates} == {"Cassius Brandvold", "Dina Brandvold"}


def test_compound_and_article_surnames(made_up, nlp):
    assert _got(made_up, "Gurib-Mbeki", "2021-01-01")[1] == "LSO"
    assert _got(made_up, "al-Rashidun", "2021-01-01")[1] == "OMN"
    assert _got(made_up, "Rashidun", "2021-01-01")[1] == "OMN"
    assert _got(made_up, "President el-Rashidun", "2021-01-01")[1] == "OMN"
    text = "Gurib-Mbeki rejected the plan, and al-Rashidun agreed."
    mentions = made_up.resolve(nlp(text), date(2021, 1, 1))
    assert {m.country for m in mentions if m.country} >= {"LSO", "OMN"}


def test_an_unlisted_middle_name_still_finds_the_person(made_up):
    assert _got(made_up, "Idrissa Kaboré Traoré", "2023-05-01") == ("Idrissa Traoré", "BFA", "GOV")
    assert _got(made_up, "Captain Idrissa Kaboré Traoré", "2023-05-01")[1] == "BFA"
    assert _got(made_up, "Oumar Kaboré Traoré", "2023-05-01") is None  # the given name must match too


def test_a_listed_surname_the_tagger_takes_for_a_place(resolve):
    # the small English model tags "Zelenskyy" here as GPE; no place answers to the word, so he stays
    mentions = resolve("Ursula von der Leyen and Zelenskyy spoke later.", "2024-03-04")
    assert (find(mentions, "Zelenskyy").country, find(mentions, "Zelenskyy").sector) == ("UKR", "GOV")
    # a word a place answers to stays the place ("Austin", also Lloyd Austin's surname)
    assert find(resolve("Troops moved toward Austin on Monday.", "2024-03-04"), "Austin").sector is None
