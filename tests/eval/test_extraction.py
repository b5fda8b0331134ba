"""Benchmark-style body F1, page flattening, and the evaluation on a handful of real pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from eventwire.eval.extraction import aggregate, evaluate_extraction, flatten_html, shingle_counts, token_f1

FIXTURE_PAGE = Path(__file__).parent.parent / "ingest" / "fixtures" / "article.html"


@pytest.fixture
def fixtures_html() -> str:
    return FIXTURE_PAGE.read_text(encoding="utf-8")


def test_identical_texts_score_one_whatever_the_whitespace_and_punctuation():
    assert token_f1("one two, three four five", "one two three\nfour five!") == (1.0, 1.0, 1.0)


def test_both_empty_is_a_perfect_match_and_one_empty_side_scores_zero():
    assert token_f1("", "") == (1.0, 1.0, 1.0)
    assert token_f1("", "some true body text here") == (0.0, 0.0, 0.0)
    assert token_f1("extra words that are not there", "") == (0.0, 0.0, 0.0)


def test_partial_overlap_counts_word_four_grams():
    truth = "a b c d e f"  # 4-grams: abcd bcde cdef
    predicted = "a b c d e x"  # abcd bcde bcdx... -> abcd, bcde, cdex
    tp, fp, fn = shingle_counts(predicted, truth)
    assert (tp, fp, fn) == pytest.approx((2 / 4, 1 / 4, 1 / 4))
    precision, recall, f1 = token_f1(predicted, truth)
    assert precision == pytest.approx(2 / 3) and recall == pytest.approx(2 / 3) and f1 == pytest.approx(2 / 3)


def test_short_texts_are_one_shingle_and_repeats_count():
    assert token_f1("alpha beta", "alpha beta") == (1.0, 1.0, 1.0)
    assert token_f1("alpha beta", "alpha gamma") == (0.0, 0.0, 0.0)
    precision, recall, _ = token_f1("w x y z w x y z", "w x y z")
    assert recall == 1.0 and precision == pytest.approx(1 / 5)


def test_aggregate_means_precision_over_predictions_and_recall_over_truths():
    counts = [shingle_counts("a b c d", "a b c d"), shingle_counts("", "e f g h"), shingle_counts("", "")]
    result = aggregate(counts)
    assert result["precision"] == 1.0  # only the first item predicted anything
    assert result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(2 / 3)
    assert result["items"] == 3


def test_flatten_html_gives_one_visible_block_per_line():
    html = """<html><head><title>T</title><style>p {color: red}</style></head><body>
    <nav><a href="/">Home</a> <a href="/w">World</a></nav>
    <script>var x = 1;</script><noscript>Enable JS</noscript>
    <h1>Headline here</h1><p>First <b>bold</b> paragraph.</p><div hidden>secret</div>
    <ul><li>One</li><li>Two</li></ul><p>Second<br>line</p></body></html>"""
    assert flatten_html(html).split("\n") == [
        "Home World",
        "Headline here",
        "First bold paragraph.",
        "One",
        "Two",
        "Second",
        "line",
    ]


def test_evaluate_extraction_on_tiny_gold(tmp_path, fixtures_html):
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    (html_dir / "p1.html.gz").write_bytes(gzip.compress(fixtures_html.encode("utf-8")))
    body = (
        "Lawmakers approved the national budget early on Wednesday after an all-night session in which "
        "the opposition tabled more than two hundred amendments, all of which were rejected."
    )
    gold = tmp_path / "ground-truth.json"
    gold.write_text(json.dumps({"p1": {"articleBody": body, "url": "https://example.org"}}), encoding="utf-8")
    for flatten in (True, False):
        result = evaluate_extraction(gold, html_dir, flatten=flatten)
        assert result["mode"] == ("flattened" if flatten else "html")
        assert result["recall"] == pytest.approx(1.0)
        assert 0.2 < result["precision"] < 0.5  # the page has four paragraphs, the gold one
        assert result["baseline"]["recall"] == pytest.approx(1.0)
        assert result["per_item"][0]["id"] == "p1"


def test_malformed_ground_truth_names_the_record(tmp_path):
    gold = tmp_path / "ground-truth.json"
    gold.write_text(json.dumps({"p1": {"articleBody": 3}}), encoding="utf-8")
    with pytest.raises(ValueError, match="'p1'"):
        evaluate_extraction(gold, tmp_path, flatten=True)


@pytest.mark.shared
def test_zyte_benchmark_sample(shared_dir):
    zyte = shared_dir / "data" / "extraction" / "zyte"
    result = evaluate_extraction(zyte / "ground-truth.json", zyte / "html", flatten=True, limit=8)
    assert result["items"] == 8 and len(result["per_item"]) == 8
    assert result["f1"] > 0.75
    html = evaluate_extraction(zyte / "ground-truth.json", zyte / "html", flatten=False, limit=4)
    assert html["f1"] >= html["baseline"]["f1"] - 0.05
