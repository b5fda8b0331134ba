"""Article-body extraction scored as the Zyte article-extraction-benchmark scores it.

The benchmark (github.com/scrapinghub/article-extraction-benchmark, MIT) compares
a predicted ``articleBody`` with the true one as bags of word 4-gram "shingles":
tokens are runs of word characters (``\\w+``), each text becomes the multiset of
its overlapping 4-token windows (a text shorter than 4 tokens is one shorter
shingle, an empty text has none). Per item, true positives are the shared
shingles (``min`` of the counts), false positives the predicted surplus, false
negatives the missing ones; the three are normalised to sum to 1 so long pages
do not weigh more. Precision is averaged over the items where something was
predicted, recall over the items where something was expected, and F1 is the
harmonic mean of those two means. Two empty strings are a perfect match.

Two ways to produce the body from each ``html/*.html.gz`` page are scored:

* the HTML path, ``eventwire.ingest.article_from_html`` (trafilatura-based),
  next to a baseline of plain ``trafilatura.extract`` on the same page;
* the flattened path: the page is flattened to the text a crawler dumps
  (``flatten_html``) and cleaned by ``eventwire.ingest.clean_flattened``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import mean
from typing import Any

from eventwire.ingest.flatten import flatten_html

__all__ = ["aggregate", "evaluate_extraction", "flatten_html", "shingle_counts", "token_f1"]

NGRAM = 4
_TOKEN_RE = re.compile(r"\w+")


def _shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    if len(tokens) <= n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_counts(predicted: str, truth: str, n: int = NGRAM) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one item: shared, surplus and missing word n-grams."""
    pred, true = _shingles(predicted, n), _shingles(truth, n)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def token_f1(predicted: str, truth: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of one predicted body against the true one, benchmark-style.

    Two empty strings score (1, 1, 1); an empty prediction of a non-empty truth
    scores (0, 0, 0), as does any prediction of an empty truth.
    """
    tp, fp, fn = shingle_counts(predicted, truth)
    if tp == fp == fn == 0:
        return 1.0, 1.0, 1.0
    precision, recall = _precision(tp, fp, fn), _recall(tp, fp, fn)
    return precision, recall, _f1(precision, recall)


def aggregate(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Benchmark means: precision over items with a prediction, recall over items with a truth."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = mean(precisions) if precisions else 0.0
    recall = mean(recalls) if recalls else 0.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall), "items": len(counts)}


def load_ground_truth(path: Path) -> dict[str, str]:
    """``{page id: articleBody}`` from the benchmark's ``ground-truth.json``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read ground truth: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: ground truth must be an object keyed by page id")
    truth: dict[str, str] = {}
    for key, record in data.items():
        if not isinstance(record, dict) or not isinstance(record.get("articleBody", ""), str):
            raise ValueError(f"{path}: record {key!r} has no string articleBody")
        truth[key] = record.get("articleBody", "")
    return truth


def read_page(html_dir: Path, key: str) -> str:
    """The HTML of one benchmark page (``KEY.html.gz`` or ``KEY.html``), decoded as UTF-8."""
    gz = Path(html_dir) / f"{key}.html.gz"
    if gz.exists():
        return gzip.decompress(gz.read_bytes()).decode("utf-8", errors="replace")
    return (Path(html_dir) / f"{key}.html").read_text(encoding="utf-8", errors="replace")


def _predict_flattened(html: str, key: str) -> str:
    from eventwire.ingest import clean_flattened

    return clean_flattened(flatten_html(html), source=key).text


def _predict_html(html: str, key: str) -> str:
    from eventwire.ingest import article_from_html

    try:
        return article_from_html(html, source=key).text
    except ValueError:  # no article found: an empty prediction
        return ""


def _predict_trafilatura(html: str, key: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def evaluate_extraction(
    ground_truth_path: str | Path,
    html_dir: str | Path,
    *,
    flatten: bool,
    limit: int | None = None,
    baseline: bool = True,
) -> dict[str, Any]:
    """Score our extraction (flattened-text cleaner or HTML path) against the ground truth.

    Returns ``{"mode", "precision", "recall", "f1", "items", "per_item": [...],
    "baseline": {...}}``; the baseline is plain ``trafilatura.extract`` on the same
    HTML. ``limit`` scores only the first N pages (sorted by id).
    """
    truth = load_ground_truth(Path(ground_truth_path))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    predict: Callable[[str, str], str] = _predict_flattened if flatten else _predict_html
    ours: list[tuple[float, float, float]] = []
    base: list[tuple[float, float, float]] = []
    per_item: list[dict[str, Any]] = []
    for key in keys:
        html = read_page(Path(html_dir), key)
        counts = shingle_counts(predict(html, key), truth[key])
        ours.append(counts)
        item: dict[str, Any] = {
            "id": key,
            **dict(zip(("precision", "recall", "f1"), _item_scores(counts), strict=True)),
        }
        if baseline:
            base_counts = shingle_counts(_predict_trafilatura(html, key), truth[key])
            base.append(base_counts)
            item["baseline_f1"] = _item_scores(base_counts)[2]
        per_item.append(item)
    result: dict[str, Any] = {"mode": "flattened" if flatten else "html", **aggregate(ours)}
    if baseline:
        result["baseline"] = {"name": "trafilatura.extract", **aggregate(base)}
    result["per_item"] = per_item
    return result


def _item_scores(counts: tuple[float, float, float]) -> tuple[float, float, float]:
    if counts == (0.0, 0.0, 0.0):
        return 1.0, 1.0, 1.0
    precision, recall = _precision(*counts), _recall(*counts)
    return precision, recall, _f1(precision, recall)
