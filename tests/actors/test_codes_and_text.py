"""Small pure helpers: code splitting, name keys, PETRARCH dates, the antecedent rule."""

from __future__ import annotations

import pytest

from eventwire.actors.codes import split_code
from eventwire.actors.coref import Prior, antecedent_for_description, antecedent_for_pronoun
from eventwire.actors.tabari import parse_date, parse_restriction, read_actor_dictionary
from eventwire.actors.text import norm_token, phrase_words, regular_plural, title_case_ok


@pytest.mark.parametrize(
    ("code", "cameo", "expected"),
    [
        ("ISRGOV", True, ("ISR", "GOV")),
        ("ISRGOVLEG", True, ("ISR", "GOV")),
        ("LBNREB", True, ("LBN", "REB")),
        ("IGOWSTNAT", True, ("IGO", "GOV")),  # PLOVER: the organisation is an IGO
        ("IGOEUREEC", True, ("IGO", "GOV")),
        ("IGOGOV", False, ("IGO", "GOV")),
        ("~MIL", True, (None, "MIL")),
        ("USAMED", True, ("USA", "JRN")),  # CAMEO MED is media
        ("USAMED", False, ("USA", "MED")),  # PLOVER MED is health
        ("SYRINS", True, ("SYR", "REB")),
        ("NGOUSA", True, ("NGO", "SOC")),
    ],
)
def test_split_code(code, cameo, expected):
    assert split_code(code, cameo=cameo) == expected


def test_name_keys_meet_token_keys():
    assert phrase_words("MR._ASSAD") == ("mr", "assad")
    assert phrase_words("SYRIA'S_GOVERNMENT") == ("syria", "'s", "government")
    assert phrase_words("Mazar-i-Sharif") == ("mazar", "i", "sharif")
    assert phrase_words("Kurdistan Workers' Party") == ("kurdistan", "workers", "'s", "party")
    assert phrase_words("Recep Tayyip Erdoğan") == ("recep", "tayyip", "erdogan")
    assert [norm_token(t) for t in ("U.S.", "’s", "’", "Erdoğan")] == ["us", "'s", "'s", "erdogan"]
    assert regular_plural("militia") == "militias" and regular_plural("party") == "parties"
    assert title_case_ok(["Bashar", "al", "-", "Assad"]) and not title_case_ok(["turkey"])


def test_petrarch_dates_and_restrictions():
    assert parse_date("960618") == "1996-06-18"
    assert parse_date("090401") == "2009-04-01"
    assert parse_date("18970101") == "1897-01-01"
    assert parse_restriction("ISRGOV >090401") == ("ISRGOV", "2009-04-01", None, True)
    assert parse_restriction("EGYGOV > 140608") == ("EGYGOV", "2014-06-08", None, True)
    assert parse_restriction("ISRELI <960618") == ("ISRELI", None, "1996-06-18", True)
    assert parse_restriction("ISRELI") == ("ISRELI", None, None, False)
    with pytest.raises(ValueError):
        parse_date("9008223")


def test_codeless_records_join_the_next_one_sharing_a_name(tmp_path):
    path = tmp_path / "x.actors"
    path.write_text(
        "DMITRY_MEDVEDEV_\n+MEDVEDEV\nDMITRI_MEDVEDEV_\n\t[RUSGOV >080507]\n"
        "NOBODY_ELSE_\nSOMEONE_NEW_ [ISR]\n",
        encoding="utf-8",
    )
    records = read_actor_dictionary(path)
    assert [n for n, _ in records[0].names] == ["DMITRY_MEDVEDEV_", "MEDVEDEV", "DMITRI_MEDVEDEV_"]
    assert [n for r in records for n, _ in r.names if n.startswith("NOBODY")] == []


def _p(
    i, sent, *, person=False, plural=False, adjective=False, group=False, country="ISR", sector=None, title=""
):
    return Prior(i, sent, person, plural, adjective, group, False, country, sector, title)


def test_pronoun_rule():
    prior = [_p(0, 0, person=True, sector="GOV"), _p(1, 0, adjective=True, country="IRN"), _p(2, 0)]
    assert antecedent_for_pronoun("he", 0, prior).index == 0
    assert antecedent_for_pronoun("its", 0, prior).index == 2  # the bare adjective is skipped
    assert antecedent_for_pronoun("they", 0, prior) is None
    assert antecedent_for_pronoun("he", 3, prior) is None  # too far back


def test_description_rule():
    prior = [
        _p(0, 0, person=True, sector="GOV", title="minister"),
        _p(1, 0, person=True, country="RUS", sector="GOV"),
        _p(2, 1, group=True, country="LBN", sector="REB"),
    ]
    assert antecedent_for_description("leader", "ISR", "GOV", 1, prior).index == 0
    assert antecedent_for_description("president", "ISR", "GOV", 1, prior) is None  # title differs
    assert antecedent_for_description("leader", "RUS", None, 1, prior).index == 1
    assert antecedent_for_description("group", None, None, 1, prior).index == 2


def test_former_states_give_way_to_present_countries():
    assert split_code("SCGSRB") == ("SRB", None)
    assert split_code("YUGBIHGOV") == ("BIH", "GOV")
    assert split_code("SUN") == ("SUN", None)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Volodymyr Zelenskiy", "Wolodymyr Zelenskyy"),
        ("Ibrahim Traoré", "Ibrahim Traore"),
        ("Abdel Fattah el-Sisi", "Abdel Fattah al-Sisi"),
        ("Mohamed Bazoum", "Mohammed Bazoum"),
        ("Muammar Gaddafi", "Muammar Qaddafi"),
    ],
)
def test_transliteration_variants_meet(a, b):
    assert phrase_words(a) == phrase_words(b)
    assert tuple(norm_token(w) for w in b.replace("-", " ").split()) == phrase_words(a)


def test_variants_do_not_merge_different_names():
    assert phrase_words("Hassan Nasrallah") != phrase_words("Hussein Nasrallah")
    assert phrase_words("Ahmad Shah") != phrase_words("Mahmud Shah")
    assert phrase_words("Tayyip") == ("tayyip",)  # only a final "yy" is folded
