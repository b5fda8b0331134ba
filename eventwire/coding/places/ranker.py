"""The place ranker: a logistic-regression scorer over candidate places, shipped as a weight table.

The model is trained offline (``python -m eventwire.coding.places.train``; scikit-learn) and shipped as
``data/places/ranker.json``: one weight per feature string, plus the probability below which the best
candidate is not trusted and the event keeps no place (the *none* option: a wrong place is worse than
none). Scoring needs no scikit-learn: a sum of weights and a logistic function.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from eventwire.coding.places.index import DATA_DIR
from eventwire.errors import InputError

MODEL_FILE = DATA_DIR / "ranker.json"


@dataclass(frozen=True)
class PlaceRanker:
    """Feature weights and the acceptance threshold of the trained ranker."""

    weights: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    threshold: float = 0.5
    about: str = ""

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> PlaceRanker:
        """The shipped model (cached per process); a missing or malformed file fails naming it."""
        return _load(path)

    def probability(self, features: Iterable[str]) -> float:
        """P(this candidate is the event's place)."""
        score = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def strongest(self, features: Iterable[str], n: int = 3) -> list[str]:
        """The ``n`` features that pushed most towards the place, for the explanation."""
        scored = sorted(((self.weights.get(f, 0.0), f) for f in features if f != "bias"), reverse=True)
        return [f for w, f in scored[:n] if w > 0]


@lru_cache(maxsize=2)
def _load(path: Path) -> PlaceRanker:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        threshold = float(data["threshold"])
    except FileNotFoundError:
        raise InputError(str(path), "place ranker model not found (rebuild: make places-model)") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(str(path), f"malformed place ranker model ({exc})") from exc
    return PlaceRanker(MappingProxyType(weights), threshold, str(data.get("about", "")))


def save(path: Path, weights: dict[str, float], threshold: float, about: str) -> None:
    """Write a model file (sorted keys, rounded weights: the same data gives the same bytes)."""
    payload = {
        "about": about,
        "threshold": round(threshold, 4),
        "weights": {k: round(v, 5) for k, v in sorted(weights.items()) if abs(v) >= 1e-4},
    }
    path.write_text(json.dumps(payload, indent=0, sort_keys=True) + "\n", encoding="utf-8")
