"""Rebuild the place ranker from the event-location file: ``python -m eventwire.coding.places.train [FILE]``.

Trains on the *tune* part only (``eventwire.eval.places_data.split_of``). Each marked sentence is parsed,
its marked verb taken as the trigger, and every candidate place (``attach.sentence_candidates``) becomes
one example: positive when it overlaps a marked place. A logistic regression (scikit-learn,
lbfgs, fixed settings: deterministic) learns the weights; the threshold below which the best candidate is not
trusted is chosen on five-fold predictions over the tune part (folds by sentence) as the lowest at which
wrong places stay at most ``MAX_WRONG`` of the sentences that name one and sentences that name none stay
empty at least ``MIN_EMPTY`` of the time. Needs scikit-learn (``pip install eventwire[train]``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from eventwire.coding.places.attach import sentence_candidates
from eventwire.coding.places.gazetteer import Gazetteer
from eventwire.coding.places.ranker import MODEL_FILE, save
from eventwire.eval.places_data import DEFAULT_FILE, TUNE, LocRecord, overlaps, read_records

C = 0.3  # inverse regularisation strength
FOLDS = 5
MAX_WRONG = 0.045
MIN_EMPTY = 0.905


@dataclass
class Example:
    """One sentence's candidates: feature lists and whether each overlaps a marked place."""

    features: list[list[str]]
    labels: list[bool]
    named: bool  # the sentence marks a place for its event


def trigger_token(doc: Doc, span: tuple[int, int]) -> Token | None:
    """The token of a marked verb (character offsets), or None when it does not align with the parse."""
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    return chars.root if chars is not None and len(chars) else None


def examples(records: list[LocRecord], nlp, gazetteer: Gazetteer) -> list[Example]:
    out = []
    texts = [r.text for r in records]
    for record, doc in zip(records, nlp.pipe(texts, batch_size=64), strict=True):
        token = trigger_token(doc, record.verb) if record.verb else None
        if token is None:
            continue
        cands = sentence_candidates(token, gazetteer)
        labels = [
            any(overlaps((c.span.start_char, c.span.end_char), p) for p in record.places) for c in cands
        ]
        out.append(Example([list(c.features) for c in cands], labels, bool(record.places)))
    return out


def choose_threshold(examples_: list[Example], probabilities: list[list[float]]) -> float:
    """The lowest threshold meeting ``MAX_WRONG`` and ``MIN_EMPTY`` on held-out predictions."""
    named = [n for n, e in enumerate(examples_) if e.named]
    unnamed = [n for n, e in enumerate(examples_) if not e.named]
    for step in range(5, 96):
        t = step / 100
        wrong = empty = 0
        for n in named:
            probs = probabilities[n]
            if probs and max(probs) >= t:
                best = max(range(len(probs)), key=lambda i: probs[i])
                wrong += not examples_[n].labels[best]
        for n in unnamed:
            probs = probabilities[n]
            empty += not probs or max(probs) < t
        if wrong <= MAX_WRONG * len(named) and empty >= MIN_EMPTY * len(unnamed):
            return t
    return 0.95


def fit(examples_: list[Example]) -> tuple[dict[str, float], float, int]:
    """(weights by feature, threshold, candidate count) learnt from ``examples_``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    def model() -> LogisticRegression:
        return LogisticRegression(C=C, solver="lbfgs", max_iter=2000)

    rows = [(n, f, y) for n, e in enumerate(examples_) for f, y in zip(e.features, e.labels, strict=True)]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1) for _, f, _ in rows])
    y = [int(label) for _, _, label in rows]
    probabilities: list[list[float]] = [[] for _ in examples_]
    for fold in range(FOLDS):
        train = [i for i, (n, _, _) in enumerate(rows) if n % FOLDS != fold]
        test = [i for i, (n, _, _) in enumerate(rows) if n % FOLDS == fold]
        clf = model().fit(x[train], [y[i] for i in train])
        for i, p in zip(test, clf.predict_proba(x[test])[:, 1], strict=True):
            probabilities[rows[i][0]].append(float(p))
    threshold = choose_threshold(examples_, probabilities)
    clf = model().fit(x, y)
    weights = dict(zip(vectorizer.get_feature_names_out(), (float(w) for w in clf.coef_[0]), strict=True))
    weights["bias"] = weights.get("bias", 0.0) + float(clf.intercept_[0])  # every candidate has "bias"
    return weights, threshold, len(rows)


def main(argv: list[str] | None = None) -> None:
    """``python -m eventwire.coding.places.train [FILE [MODEL]]``: rebuild the shipped ranker."""
    from eventwire.errors import InputError
    from eventwire.nlp import load_model

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_FILE
    out = Path(args[1]) if len(args) > 1 else MODEL_FILE
    try:
        records = [r for r in read_records(path, TUNE) if r.verb]
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    examples_ = examples(records, load_model(), Gazetteer.load())
    weights, threshold, count = fit(examples_)
    about = (
        f"logistic regression (C={C}) over {count} candidate places of {len(examples_)} tune sentences of "
        f"{path.name}; threshold from {FOLDS}-fold predictions (wrong <= {MAX_WRONG}, empty >= {MIN_EMPTY})"
    )
    save(out, weights, threshold, about)
    print(f"{out}: {sum(abs(w) >= 1e-4 for w in weights.values())} weights, threshold {threshold:.2f}")


if __name__ == "__main__":
    main()
