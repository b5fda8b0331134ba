"""The learned event model at run time: a multinomial logistic regression over candidate features.

It is stored as one ``.npz`` file (weights, labels, feature names, settings and training metadata) and
scored with numpy alone — scikit-learn is needed only to train it (``eventwire.coding.learned.train``).
``EventModel.load()`` reads the shipped model; a missing or damaged file is a clear ``ModelError``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

NONE = "NONE"


def word_key(lemma: str, pos: str) -> str:
    """How ``EventModel.lemmas`` names an event word: lemma and part of speech ("strike/NOUN")."""
    return f"{lemma.lower()}/{pos}"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "event_model.npz"


class ModelError(RuntimeError):
    """The event model file is missing or unreadable."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Decision thresholds, fitted on the tune part by cross-validation (see ``train``)."""

    keep: float = 0.5  # a rule event is dropped when P(no event) is at least this
    keep_main: float = 0.95  # ... or, for the sentence's main (most salient) rule event, at least this
    propose: float = 0.6  # a word no rule codes becomes an event when P(some type) is at least this
    retype: float = 0.3  # the model's type replaces the rule's when it is this much more probable


@dataclass(frozen=True, slots=True)
class EventModel:
    labels: tuple[str, ...]  # NONE first, then PLOVER types
    index: dict[str, int]  # feature name → row of ``weights``
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    lemmas: frozenset[str]  # "lemma/POS" (VERB or NOUN) the model may propose events for where no rule fires
    settings: Settings = field(default_factory=Settings)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> EventModel:
        return _load(Path(path) if path is not None else DEFAULT_PATH)

    def words(self, pos: str | None = None) -> frozenset[str]:
        """The lemmas of ``lemmas`` (of one part of speech, VERB or NOUN, when given)."""
        return frozenset(k.rsplit("/", 1)[0] for k in self.lemmas if pos is None or k.endswith("/" + pos))

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """One probability row per feature list, columns in ``labels`` order."""
        scores = np.tile(self.bias, (len(rows), 1)).astype(np.float64)
        index, weights = self.index, self.weights
        for r, feats in enumerate(rows):
            cols = [index[f] for f in feats if f in index]
            if cols:
                scores[r] += weights[cols].sum(axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def save(self, path: Path) -> None:
        names = [""] * len(self.index)
        for name, row in self.index.items():
            names[row] = name
        settings = asdict(self.settings)
        with open(path, "wb") as fh:
            np.savez_compressed(
                fh,
                weights=self.weights.astype(np.float32),
                bias=self.bias.astype(np.float32),
                labels=np.array(self.labels),
                features=np.array(names),
                lemmas=np.array(sorted(self.lemmas)),
                settings=np.array(json.dumps(settings)),
                meta=np.array(json.dumps(self.meta, sort_keys=True)),
            )


@cache
def _load(path: Path) -> EventModel:
    if not path.is_file():
        raise ModelError(
            f"{path}: event model not found; rebuild it with `make model` (eventwire train) "
            "or reinstall eventwire"
        )
    try:
        with np.load(path, allow_pickle=False) as data:
            features = [str(f) for f in data["features"]]
            model = EventModel(
                labels=tuple(str(x) for x in data["labels"]),
                index={f: i for i, f in enumerate(features)},
                weights=np.asarray(data["weights"], dtype=np.float32),
                bias=np.asarray(data["bias"], dtype=np.float32),
                lemmas=frozenset(str(x) for x in data["lemmas"]),
                settings=Settings(**json.loads(str(data["settings"]))),
                meta=json.loads(str(data["meta"])),
            )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{path}: unreadable event model ({exc})") from exc
    if model.labels[:1] != (NONE,) or model.weights.shape != (len(features), len(model.labels)):
        raise ModelError(f"{path}: malformed event model (labels or weight shape)")
    return model
