import pytest

from eventwire.errors import InputError
from eventwire.eval.coders import Coded
from eventwire.eval.quad import QuadGold, event_quad, load_quad_gold, score_quad
from tests.eval.factories import event


def test_loads_tab_separated_lines_and_skips_blank_ones(tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text("Troops shelled the town.\t4\n\nA\tsentence with a tab.\t1\n", encoding="utf-8")
    golds = load_quad_gold(path)
    assert golds == [
        QuadGold(1, "Troops shelled the town.", "4"),
        QuadGold(3, "A\tsentence with a tab.", "1"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("ok\t1\nno label here\n", r"q.tsv:2: expected 'sentence<TAB>label'"),
        ("ok\t1\nbad label\t7\n", r"q.tsv:2: unknown quad label '7'"),
        ("ok\t1\n\tx\n", r"q.tsv:2: expected"),
    ],
)
def test_malformed_line_is_named(tmp_path, content, message):
    path = tmp_path / "q.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_quad_gold(path)


def test_event_quad_uses_class_then_cameo_root_then_zero():
    assert event_quad(None) == "0"
    assert event_quad(event("ASSAULT", cameo="190", quad=4)) == "4"
    assert event_quad(event("ASSAULT", cameo="190", quad=None)) == "4"
    assert event_quad(event("REQUEST", cameo="020", quad=None)) == "0"  # appeals are statements
    assert event_quad(event("X", cameo="99", quad=None)) == "0"  # unknown root


def test_score_known_answer():
    golds = [QuadGold(i, "s", label) for i, label in enumerate(["0", "1", "4", "4"], start=1)]
    coded = [
        Coded([], None),  # no event → 0, correct
        Coded([e := event("AGREE", quad=1)], e),  # correct
        Coded([e2 := event("PROTEST", quad=3)], e2),  # wrong: 3 for 4
        Coded([e3 := event("ASSAULT", quad=4)], e3),  # correct
    ]
    result = score_quad(golds, coded)
    assert result.summary()["accuracy"] == 0.75
    # F1 per gold label: 0 → 1, 1 → 1, 4 → P 1 R .5 F .667; macro over gold labels present
    assert result.confusion.macro_f1() == pytest.approx((1 + 1 + 2 / 3) / 3)
    assert result.confusion.labels == ["0", "1", "3", "4"]
    assert [(m.line, m.gold, m.predicted) for m in result.misses] == [(3, "4", "3")]
    assert result.misses[0].main == "PROTEST 010 'protest'"


def test_main_event_decides_not_any_event():
    golds = [QuadGold(1, "s", "4")]
    main = event("ACCUSE", quad=3, start=0)
    other = event("ASSAULT", quad=4, start=9)
    summary = score_quad(golds, [Coded([main, other], main)]).summary()
    assert summary["accuracy"] == 0.0
    assert summary["accuracy_any_event"] == 1.0  # the diagnostic sees the assault


def test_miss_causes_group_by_gold_class_and_main_event_type():
    golds = [QuadGold(i, "s", label) for i, label in enumerate(["4", "4", "1"], start=1)]
    aid = event("AID", quad=2, cameo="070")
    coded = [Coded([], None), Coded([], None), Coded([aid], aid)]
    result = score_quad(golds, coded)
    assert result.miss_causes() == {("4", "no event"): 2, ("1", "AID"): 1}
    assert result.to_dict()["miss_causes"][0] == {"gold": "4", "main_event": "no event", "sentences": 2}
