"""PETRARCH-conformance mode: small dictionaries and sentences written for the test."""

from datetime import date

import pytest

from eventwire.coding.petrarch_dicts import load_dictionaries
from eventwire.coding.petrarch_mode import PetrarchCoder, PetrarchCoding
from eventwire.eval.petrarch import load_validation_records
from eventwire.eval.petrarch_conformance import code_records, failures_markdown, score_conformance

ACTORS = """WESTLAND [WST]
+WESTLANDER
EASTMARK [EST]
NORTHREACH [NRH]
MARA_GREY
\t[WSTCIV <20000101]
\t[WSTGOV 20000101-20101231]
"""
AGENTS = "ENVOY [~GOV]\nRELIEF_BODY [NGO~]\nSOLDIER [~MIL]\n"
VERBS = """&CASH
+MONEY
+GOLD COINS

--- SEND [070] ---
SEND {SENT}
- * &CASH  [071]
- * &CASH (TO) WARLORDS  [072]
- * PEACE-KEEPERS  [073]

--- MEET [031:032] ---
MEET {MET}
- % HAVE *  [036:036]

--- CONDEMN [122] ---
CONDEMN
"""
DISCARDS = "+STORM\nFOOTBALL_\n"


@pytest.fixture(scope="module")
def coder(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicts")
    files = {}
    for name, text in {"a": ACTORS, "g": AGENTS, "v": VERBS, "d": DISCARDS}.items():
        files[name] = folder / f"{name}.txt"
        files[name].write_text(text)
    dicts = load_dictionaries([files["a"]], [files["g"]], [files["v"]], [files["d"]])
    return PetrarchCoder(nlp, dicts)


def triples(coder, text, when=date(2005, 5, 5)):
    return coder.code(text, when).triples


def test_actor_and_agent_compose(coder):
    assert triples(coder, "The Westland envoy condemned Eastmark on Monday.") == {("WSTGOV", "EST", "122")}
    assert triples(coder, "Soldiers from Eastmark condemned Westland.") == {("ESTMIL", "WST", "122")}
    assert triples(coder, "A Northreach relief body condemned Westland.") == {("NGONRH", "WST", "122")}


def test_date_restricted_codes_follow_the_record_date(coder):
    text = "Mara Grey condemned Eastmark."
    assert triples(coder, text, date(1999, 12, 31)) == {("WSTCIV", "EST", "122")}
    # limits are "or equal to": on the shared day the restriction listed first applies
    assert triples(coder, text, date(2000, 1, 1)) == {("WSTCIV", "EST", "122")}
    assert triples(coder, text, date(2000, 1, 2)) == {("WSTGOV", "EST", "122")}
    assert triples(coder, text, date(2011, 1, 1)) == set()  # no default code: no actor


def test_patterns_with_synsets_and_the_most_specific_pattern(coder):
    assert triples(coder, "Westland sent gold coins to Eastmark.") == {("WST", "EST", "071")}
    assert triples(coder, "Westland sent money to Eastmark.") == {("WST", "EST", "071")}
    assert triples(coder, "Westland sent grain to Eastmark.") == {("WST", "EST", "070")}
    assert triples(coder, "Westland sent money to warlords in Eastmark.") == {("WST", "EST", "072")}
    assert triples(coder, "Westland sent peace-keepers to Eastmark.") == {("WST", "EST", "073")}


def test_paired_codes_and_compounds(coder):
    assert triples(coder, "Westland met Eastmark on Monday.") == {
        ("WST", "EST", "031"),
        ("EST", "WST", "032"),
    }
    assert triples(coder, "Westland and Eastmark have met in secret.") == {
        ("WST", "EST", "036"),
        ("EST", "WST", "036"),
    }
    assert triples(coder, "Westland and Northreach condemned Eastmark.") == {
        ("WST", "EST", "122"),
        ("NRH", "EST", "122"),
    }


def test_errors_are_reported_as_petrarch_reports_them(coder):
    assert coder.code("Westland sent money to Eastmark after the storm.").error == "storydiscard"
    assert coder.code("Westland condemned the Eastmark football team.").error == "sentencediscard"
    assert (
        coder.code("Westland condemned the Eastmark footballers.").error is None
    )  # FOOTBALL_ is a whole word
    assert coder.code("RIVERTOWN: -- Westland condemned Eastmark.").error == "dateline"


RECORDS = """<Sentences>
<Sentence date="20050101" id="OK-1" category="DEMO">
<EventCoding sourcecode="WST" targetcode="EST" eventcode="122"/>
<Text>Westland condemned Eastmark.</Text>
</Sentence>
<Sentence date="20050101" id="ERR-1" category="ERROR">
<EventCoding error="dateline"></EventCoding>
<Text>RIVERTOWN: -- Westland condemned Eastmark.</Text>
</Sentence>
<Sentence date="20050101" id="ERR-2" category="ERROR">
<EventCoding error="bad_input_parse"></EventCoding>
<Text>Westland condemned Eastmark.</Text>
<Parse>(ROOT (S (NP (NNP Westland)) (VP (VBD condemned) (NP (NNP Eastmark))</Parse>
</Sentence>
<Sentence date="20050101" id="BAD-1" category="DEMO">
<EventCoding sourcecode="WST" targetcode="EST" eventcode="122"/>
<Text>Westland condemned Eastmark again.</Text>
</Sentence>
</Sentences>
"""


class _Breaks:
    def __call__(self, text):
        if "again" in text:
            raise RuntimeError("parser fell over")
        return self.nlp(text)


def test_records_with_errors_and_a_failing_coder(coder, tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(RECORDS)
    records, _ = load_validation_records(path)
    assert [r.error for r in records] == [None, "dateline", "bad_input_parse", None]
    assert [r.parse_problem for r in records] == [None, None, "bad_input_parse", None]
    breaking = _Breaks()
    breaking.nlp = coder.nlp
    result = score_conformance(records, code_records(records, PetrarchCoder(breaking, coder.dicts)))
    assert [o.passed for o in result.outcomes] == [True, True, True, False]
    assert result.outcomes[3].produced_error == "coder failed: RuntimeError: parser fell over"
    report = failures_markdown(result.to_dict(), "eventwire eval petrarch records.xml --coder petrarch")
    assert "| BAD-1 | DEMO | Westland condemned Eastmark again. | WST EST 122 | error: coder failed" in report
    assert "| DEMO | 1 | 2 | 0.500 |" in report


def test_wrong_error_fails(coder):
    from eventwire.eval.petrarch import ValidationRecord

    record = ValidationRecord("E", "ERROR", None, "x", frozenset(), error="dateline")
    result = score_conformance([record], [PetrarchCoding(error="sentencediscard")])
    assert not result.outcomes[0].passed


def test_include_and_environment_are_read_as_petrarch_reads_them(tmp_path):
    from eventwire.eval.petrarch import environment_files

    (tmp_path / "my.verbs").write_text(VERBS)
    path = tmp_path / "records.xml"
    path.write_text(
        "<Validation><Environment><Verbfile>my.verbs</Verbfile><Actorfile>missing.txt</Actorfile>"
        "<Include>valid DEMO</Include></Environment>"
        + RECORDS.replace('id="OK-1" category="DEMO"', 'id="OK-1" category="DEMO"')
        + "</Validation>"
    )
    records, warnings = load_validation_records(path)
    assert [r.id for r in records] == ["OK-1", "BAD-1"]
    assert any("not in the file's <Include>" in w and "ERROR (2)" in w for w in warnings)
    assert environment_files(path) == {"verbs": [tmp_path / "my.verbs"]}
