from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.eval.coders import Coded
from eventwire.eval.petrarch import event_triples, load_validation_records, score_petrarch
from tests.eval.factories import event

FIXTURE = Path(__file__).parent / "fixtures" / "validation.xml"


def test_loads_records_with_noevents_in_both_places():
    records, warnings = load_validation_records(FIXTURE)
    assert [r.id for r in records] == [
        "EW-AGREE-01",
        "EW-ASSAULT-01",
        "EW-NONE-01",
        "EW-NONE-02",
        "EW-COMPOUND-01",
    ]
    assert records[0].date == date(2021, 9, 5)
    assert records[0].text == "France signed a defence agreement with Germany on Monday."
    assert records[0].expected == {("FRA", "DEU", "057")}
    assert records[2].expected == frozenset() and records[3].expected == frozenset()
    assert len(records[4].expected) == 2
    assert records[0].expected_plover == {"AGREE"} and records[1].expected_plover is None
    # the evaluate="false" record is skipped, and nothing after <Stop> is read
    assert warnings == ["1 records marked evaluate/valid=false were skipped"]


def test_unescaped_markup_is_read_in_recovery_mode_with_a_warning(tmp_path):
    path = tmp_path / "r.xml"
    path.write_text('<Sentence id="a"><Text>Tom & Jerry met.</Text>\n<Parse>1\t&\tCCONJ</Parse></Sentence>')
    records, warnings = load_validation_records(path)
    assert [r.id for r in records] == ["a"]
    assert len(warnings) == 1 and "r.xml:1: invalid XML" in warnings[0] and "recovery mode" in warnings[0]


def test_top_level_sentences_without_a_wrapper(tmp_path):
    path = tmp_path / "r.xml"
    path.write_text('<Sentence id="a"><Text>x</Text></Sentence>\n<Sentence id="b"><Text>y</Text></Sentence>')
    assert [r.category for r in load_validation_records(path)[0]] == ["uncategorised"] * 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<Sentence id="s1"><Text> </Text></Sentence>', "sentence s1: missing <Text>"),
        (
            '<Sentence id="s2"><EventCoding sourcecode="A"/><Text>t</Text></Sentence>',
            "sentence s2: EventCoding",
        ),
        ('<Sentence id="s3" date="2021"><Text>t</Text></Sentence>', "sentence s3: bad date '2021'"),
        ("<Other/>", "no <Sentence> records"),
    ],
)
def test_malformed_records_are_named(tmp_path, content, message):
    path = tmp_path / "r.xml"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        load_validation_records(path)


def test_event_triples_split_actor_lists_and_mark_missing_sides():
    e1 = event("CONSULT", actor_codes=["USAGOV"], recipient_codes=["CHN", "JPN"], cameo="040")
    e2 = event("PROTEST", actor_codes=["FRA"], recipient_codes=[], cameo="141")
    assert event_triples([e1, e2]) == {
        ("USAGOV", "CHN", "040"),
        ("USAGOV", "JPN", "040"),
        ("FRA", "---", "141"),
    }


def test_score_pass_rate_per_category():
    records, _ = load_validation_records(FIXTURE)
    good = event("AGREE", actor_codes=["FRA"], recipient_codes=["DEU"], cameo="057")
    wrong_code = event("ASSAULT", actor_codes=["ISR"], recipient_codes=["SYR"], cameo="190")
    spurious = event("CONSULT", actor_codes=["FRA"], cameo="040")
    half = event("CONSULT", actor_codes=["USA"], recipient_codes=["CHN"], cameo="040")
    coded = [
        Coded([good], good),
        Coded([wrong_code], wrong_code),
        Coded([], None),
        Coded([spurious], spurious),
        Coded([half], half),
    ]
    result = score_petrarch(records, coded)
    assert result.by_category() == {"AGREE": (1, 1), "ASSAULT": (0, 1), "COMPOUND": (0, 1), "NOEVENT": (1, 2)}
    assert result.summary() == {
        "sentences": 5,
        "passed": 2,
        "pass_rate": 0.4,
        "plover_checked": 1,  # only EW-AGREE-01 carries a PLOVER label
        "plover_pass_rate": 1.0,
    }
    assert result.outcomes[0].plover_passed is True and result.outcomes[1].plover_passed is None
    assert {f["id"] for f in result.to_dict()["failures"]} == {
        "EW-ASSAULT-01",
        "EW-NONE-02",
        "EW-COMPOUND-01",
    }
