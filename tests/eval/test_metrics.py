import pytest

from eventwire.eval.metrics import PRF, Confusion, micro_prf, set_prf


def test_prf_known_values():
    prf = PRF(tp=2, fp=1, fn=2)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(0.5)
    assert prf.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_prf_empty_is_zero_not_an_error():
    assert PRF(0, 0, 0).f1 == 0.0
    assert PRF(0, 3, 0).precision == 0.0


def test_set_prf_counts_set_differences():
    assert set_prf({"USA", "ISR"}, {"USA", "IRN"}) == PRF(1, 1, 1)
    assert set_prf(set(), set()) == PRF(0, 0, 0)
    assert set_prf({"USA"}, set()) == PRF(0, 0, 1)


def test_micro_prf_sums_items():
    total = micro_prf([({"A"}, {"A"}), ({"B"}, {"C"}), (set(), {"D"})])
    assert (total.tp, total.fp, total.fn) == (1, 2, 1)


def test_confusion_accuracy_and_macro_f1():
    gold = ["a", "a", "b", "b", "c"]
    pred = ["a", "b", "b", "b", "a"]
    c = Confusion.build(gold, pred, labels=["c", "b", "a"])
    assert c.labels == ["c", "b", "a"]
    assert c.accuracy() == pytest.approx(3 / 5)
    # a: P=1/2 R=1/2 F=1/2; b: P=2/3 R=1 F=0.8; c: 0
    assert c.macro_f1() == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    assert c.row("a") == [0, 1, 1]


def test_unknown_predicted_label_is_its_own_column_and_an_error():
    c = Confusion.build(["x", "y"], ["x", "ZZZ"], labels=["x", "y"])
    assert c.labels == ["x", "y", "ZZZ"]
    assert c.gold_labels() == ["x", "y"]
    assert c.accuracy() == 0.5
    assert c.macro_f1() == pytest.approx(0.5)  # x F1=1, y F1=0


def test_labels_not_present_are_left_out():
    c = Confusion.build(["x"], ["x"], labels=["w", "x", "y"])
    assert c.labels == ["x"]


def test_confusion_rejects_length_mismatch():
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        Confusion.build(["a", "b"], ["a"])


def test_empty_confusion():
    c = Confusion.build([], [])
    assert c.accuracy() == 0.0 and c.macro_f1() == 0.0
