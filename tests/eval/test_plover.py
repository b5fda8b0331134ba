import json
import re
from datetime import date

import pytest

from eventwire.errors import InputError
from eventwire.eval.coders import Coded
from eventwire.eval.plover import (
    LABEL_MAP,
    PloverGold,
    error_patterns,
    load_plover_gold,
    score_plover,
    scored_event,
)
from tests.eval.factories import event


def write(tmp_path, records) -> object:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def record(**overrides):
    base = {
        "id": "R-1",
        "date": "2000-01-01",
        "event": "AGREE",
        "text": "Hungary and Romania agreed.",
        "source": [{"actorText": "Hungary", "code": "HUN"}],
        "target": [{"actorText": "Romania", "code": "ROU", "sector": "GOV"}],
    }
    base.update(overrides)
    return base


def gold(event_type="AGREE", source=("HUN",), target=("ROU",), ident="g"):
    return PloverGold(ident, "text", None, event_type, event_type, frozenset(source), frozenset(target))


def test_loads_records_maps_labels_and_skips_document(tmp_path):
    path = write(
        tmp_path,
        [
            {"id": "DOC", "event": "DOCUMENT", "eventText": "about this file"},
            record(),
            record(id="R-2", event="DISAPPROVE", target=None),
            record(id="R-3", event="FIGHT", source=[{"code": "jap"}], target=""),
        ],
    )
    golds, warnings = load_plover_gold(path)
    assert [g.event for g in golds] == ["AGREE", "ACCUSE", "ASSAULT"]
    assert golds[1].label == "DISAPPROVE"
    assert golds[0].date == date(2000, 1, 1)
    assert golds[0].source == {"HUN"} and golds[0].target == {"ROU"}
    assert golds[1].target == frozenset()
    assert golds[2].source == {"JPN"}  # legacy CAMEO code normalised
    assert warnings == [
        "all 3 records carry the date 2000-01-01 (a placeholder?); actors are resolved as of that date"
    ]


def test_label_map_is_the_documented_one():
    assert LABEL_MAP == {
        "DEMAND": "REQUEST",
        "DISAPPROVE": "ACCUSE",
        "INVESTIGATE": "ACCUSE",
        "FIGHT": "ASSAULT",
    }


def test_string_target_is_tolerated_with_a_warning(tmp_path):
    golds, warnings = load_plover_gold(write(tmp_path, [record(target="diplomatic")]))
    assert golds[0].target == frozenset()
    assert warnings == [
        "record 0 (R-1): target is the string 'diplomatic', not an actor list; scored as none"
    ]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (record(event="PARTY"), "record 1 (R-1): unknown event type 'PARTY'"),
        (record(event=None), "record 1 (R-1): missing 'event' label"),
        (record(text=""), "record 1 (R-1): missing 'text'"),
        (record(date="01/02/2000"), "record 1 (R-1): bad date '01/02/2000'"),
        (record(source=[{"actorText": "x"}]), "record 1 (R-1): source[0] has no actor 'code'"),
        (record(target=5), "record 1 (R-1): target must be a list of actors"),
        ("just a string", "record 1: not a JSON object"),
    ],
)
def test_malformed_record_names_the_record(tmp_path, bad, message):
    path = write(tmp_path, [record(id="R-0"), bad])
    with pytest.raises(InputError, match=re.escape(message)) as info:
        load_plover_gold(path)
    assert str(path) in str(info.value)


def test_not_a_list_and_bad_json(tmp_path):
    path = tmp_path / "g.json"
    path.write_text('{"event": "AGREE"}')
    with pytest.raises(InputError, match="expected a JSON list"):
        load_plover_gold(path)
    path.write_text('[\n{"event": \n')
    with pytest.raises(InputError, match=r"g.json:\d+: invalid JSON"):
        load_plover_gold(path)
    with pytest.raises(InputError, match="cannot read"):
        load_plover_gold(tmp_path / "missing.json")


def test_perfect_sentence():
    result = score_plover([gold()], [Coded([e := event("AGREE", ["HUN"], ["ROU"])], e)])
    assert result.summary()["type_accuracy_any"] == 1.0
    assert result.summary()["full_match"] == 1.0
    assert result.source.f1 == 1.0 and result.target.f1 == 1.0
    assert result.misses == []


def test_gold_type_among_events_counts_for_any_not_main():
    main = event("CONSULT", ["HUN"], ["ROU"], start=0)
    other = event("AGREE", ["HUN"], ["ROU"], start=10)
    result = score_plover([gold()], [Coded([main, other], main)])
    s = result.summary()
    assert s["type_accuracy_any"] == 1.0
    assert s["type_accuracy_main"] == 0.0
    assert s["full_match"] == 1.0  # the AGREE event matches fully
    assert result.confusion.counts[("AGREE", "CONSULT")] == 1
    # actors are scored on the event of the gold type, not the main one
    assert scored_event("AGREE", Coded([main, other], main)) is other


def test_ties_between_events_of_the_gold_type_take_the_earliest():
    late = event("AGREE", ["HUN"], ["ROU"], start=20)
    early = event("AGREE", ["USA"], [], start=5)
    main = event("CONSULT", start=0)
    assert scored_event("AGREE", Coded([late, early, main], main)) is early


def test_empty_output_scores_none_and_all_false_negatives():
    result = score_plover([gold()], [Coded([], None)])
    assert result.confusion.counts[("AGREE", "NONE")] == 1
    assert (result.source.tp, result.source.fn, result.source.fp) == (0, 1, 0)
    assert result.no_events == 1
    miss = result.misses[0]
    assert miss.wrong == ["type", "main-type", "source", "target"]
    assert miss.produced == []


def test_actor_scoring_micro_averages_and_penalises_extra_targets():
    golds = [gold(source=("HUN", "ROU"), target=()), gold(source=("USA",), target=("IGO",))]
    e1 = event("AGREE", ["HUN"], ["ROU"])
    e2 = event("AGREE", ["USA"], recipient_codes=["IGOUNO"])
    result = score_plover(golds, [Coded([e1], e1), Coded([e2], e2)])
    assert (result.source.tp, result.source.fp, result.source.fn) == (2, 0, 1)
    assert (result.target.tp, result.target.fp, result.target.fn) == (1, 1, 0)
    assert result.full_match == 1
    assert result.misses[0].wrong == ["source", "target"]


def test_unknown_predicted_type_is_a_miss_with_its_own_column():
    e = event("PARTY", ["HUN"], ["ROU"])
    result = score_plover([gold()], [Coded([e], e)])
    assert result.type_main == 0
    assert "PARTY" in result.confusion.labels
    assert result.misses[0].produced[0].type == "PARTY"


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError):
        score_plover([gold()], [])


def test_to_dict_is_json_serialisable():
    e = event("AGREE", ["HUN"], [])
    json.dumps(score_plover([gold()], [Coded([e], e)]).to_dict())


def test_error_patterns_name_what_went_wrong():
    g = gold(source=("HUN",), target=("ROU",))
    assert error_patterns(g, Coded([], None)) == ["no event"]
    main = event("CONSULT", ["HUN"], ["HUN"], start=0)
    agree = event("AGREE", ["HUN", "USA"], [], start=5)
    assert error_patterns(g, Coded([main, agree], main)) == [
        "gold type coded, not as main event",
        "source has extra codes",
        "target missing",
    ]
    assert error_patterns(g, Coded([main], main)) == [
        "gold type not coded",
        "target wrong",
        "target repeats the source",
    ]
    assert error_patterns(gold(target=()), Coded([e := event("AGREE", ["HUN"], ["ROU"])], e)) == [
        "target given, gold has none"
    ]
    assert error_patterns(gold(source=("HUN", "ROU")), Coded([e := event("AGREE", ["HUN"], ["ROU"])], e)) == [
        "source partial"
    ]


def test_a_domestic_gold_event_is_no_repeated_target():
    domestic = gold(source=("TUR",), target=("TUR",))
    e = event("AGREE", ["TUR"], ["TUR"])
    assert error_patterns(domestic, Coded([e], e)) == []


def test_patterns_are_counted_over_all_sentences():
    e = event("AGREE", ["HUN"], [])
    result = score_plover([gold(), gold()], [Coded([e], e), Coded([], None)])
    assert result.patterns == {"target missing": 1, "no event": 1}
    assert result.misses[1].patterns == ["no event"]
    assert result.to_dict()["error_patterns"] == {"target missing": 1, "no event": 1}
