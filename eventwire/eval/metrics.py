"""Scoring arithmetic: confusion matrices, accuracy, precision/recall/F1.

Small pure functions over plain Python values; no scoring policy lives here
(which event counts, how labels map) — that is in the per-gold-set modules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 from counts (0.0 where undefined)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def set_prf(gold: Iterable[str], predicted: Iterable[str]) -> PRF:
    """Counts for one item whose gold and prediction are sets of codes."""
    g, p = set(gold), set(predicted)
    return PRF(len(g & p), len(p - g), len(g - p))


def micro_prf(pairs: Iterable[tuple[Iterable[str], Iterable[str]]]) -> PRF:
    """Sum of ``set_prf`` over (gold, predicted) pairs: micro-averaged P/R/F1."""
    total = PRF(0, 0, 0)
    for gold, predicted in pairs:
        total = total + set_prf(gold, predicted)
    return total


@dataclass(slots=True)
class Confusion:
    """A confusion matrix: ``counts[(gold, predicted)]``.

    ``labels`` lists the labels that occur, in the order given to ``build``,
    then any other label in order of appearance (an unknown or extra
    prediction shows as its own column and always counts as an error).
    """

    labels: list[str] = field(default_factory=list)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    @classmethod
    def build(cls, gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = ()) -> Confusion:
        if len(gold) != len(predicted):
            raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
        present = set(gold) | set(predicted)
        order = list(dict.fromkeys([*(x for x in labels if x in present), *gold, *predicted]))
        return cls(order, Counter(zip(gold, predicted, strict=True)))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def correct(self) -> int:
        return sum(n for (g, p), n in self.counts.items() if g == p)

    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def label_prf(self, label: str) -> PRF:
        tp = self.counts[(label, label)]
        fp = sum(n for (g, p), n in self.counts.items() if p == label and g != label)
        fn = sum(n for (g, p), n in self.counts.items() if g == label and p != label)
        return PRF(tp, fp, fn)

    def gold_labels(self) -> list[str]:
        present = {g for g, _ in self.counts}
        return [label for label in self.labels if label in present]

    def macro_f1(self, labels: Sequence[str] | None = None) -> float:
        """Unweighted mean F1 over ``labels`` (default: the labels that occur in gold)."""
        chosen = list(labels) if labels is not None else self.gold_labels()
        if not chosen:
            return 0.0
        return sum(self.label_prf(label).f1 for label in chosen) / len(chosen)

    def row(self, gold: str) -> list[int]:
        return [self.counts[(gold, p)] for p in self.labels]

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": self.labels,
            "matrix": [self.row(g) for g in self.labels],
            "per_label": {label: self.label_prf(label).to_dict() for label in self.labels},
        }
