"""Scoring quad classes against ``sentence<TAB>label`` gold files.

Labels: 0 statement or no material/verbal event, 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict. A sentence's
predicted class is that of its main event: the event's ``cameo.quad_class``,
or, when that is missing, the class of its CAMEO root (``ROOT_QUAD``, the
Phoenix quad classes: roots 01–02 statements and appeals are 0); a sentence
with no event is 0. ``accuracy_any_event`` (a diagnostic, not the score)
counts a sentence right when any of its events has the gold class: the gap to
``accuracy`` is what the choice of main event costs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.eval.coders import BatchCoder, Coded, SentenceInput, coder_errors
from eventwire.eval.metrics import Confusion
from eventwire.eval.split import Part, gold_key, in_part
from eventwire.models import Event

QUAD_LABELS = ("0", "1", "2", "3", "4")
QUAD_NAMES = {
    "0": "statement/none",
    "1": "verbal coop",
    "2": "material coop",
    "3": "verbal conflict",
    "4": "material conflict",
}
ROOT_QUAD = {
    "01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3,
    "11": 3, "12": 3, "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class QuadGold:
    line: int
    text: str
    label: str


def load_quad_gold(path: Path) -> list[QuadGold]:
    """Read a ``sentence<TAB>label`` file; blank lines are skipped.

    Raises ``InputError`` naming the line when one is malformed.
    """
    source = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text ({exc.reason})") from exc
    golds = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        text, tab, label = line.rpartition("\t")
        if not tab or not text.strip():
            raise InputError(source, "expected 'sentence<TAB>label'", line=number)
        label = label.strip()
        if label not in QUAD_LABELS:
            raise InputError(source, f"unknown quad label {label!r} (want 0-4)", line=number)
        golds.append(QuadGold(number, text.strip(), label))
    return golds


def event_quad(event: Event | None) -> str:
    """The quad class of one event as a label string ('0' for no event)."""
    if event is None:
        return "0"
    if event.cameo.quad_class is not None:
        return str(event.cameo.quad_class)
    return str(ROOT_QUAD.get((event.cameo.root or event.cameo.code)[:2], 0))


@dataclass(slots=True)
class QuadMiss:
    line: int
    text: str
    gold: str
    predicted: str
    main: str | None  # "PLOVER_TYPE cameo-code trigger" of the main event


@dataclass(slots=True)
class QuadResult:
    confusion: Confusion
    misses: list[QuadMiss] = field(default_factory=list)
    any_correct: int = 0  # sentences where some event (or no event, for 0) has the gold class
    warnings: list[str] = field(default_factory=list)

    @property
    def sentences(self) -> int:
        return self.confusion.total

    def miss_causes(self) -> Counter[tuple[str, str]]:
        """Misses by (gold class, main event's PLOVER type or 'no event'), most common first."""
        return Counter((m.gold, m.main.split()[0] if m.main else "no event") for m in self.misses)

    def summary(self) -> dict[str, float | int]:
        return {
            "sentences": self.sentences,
            "accuracy": round(self.confusion.accuracy(), 4),
            "macro_f1": round(self.confusion.macro_f1(), 4),
            "accuracy_any_event": round(self.any_correct / self.sentences, 4) if self.sentences else 0.0,
        }

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "summary": self.summary(),
            "label_names": QUAD_NAMES,
            "confusion": self.confusion.to_dict(),
            "miss_causes": [
                {"gold": g, "main_event": t, "sentences": n} for (g, t), n in self.miss_causes().most_common()
            ],
            "misses": [asdict(m) for m in self.misses],
            "warnings": self.warnings,
        }


def _describe(event: Event | None) -> str | None:
    if event is None:
        return None
    return f"{event.plover.type} {event.cameo.code} '{event.trigger.text}'"


def score_quad(golds: Sequence[QuadGold], coded: Sequence[Coded]) -> QuadResult:
    """Score one ``Coded`` per gold sentence (same order); macro-F1 is over the gold labels present."""
    if len(golds) != len(coded):
        raise ValueError(f"{len(golds)} gold sentences but {len(coded)} coded sentences")
    predicted = [event_quad(c.main) for c in coded]
    confusion = Confusion.build([g.label for g in golds], predicted, labels=QUAD_LABELS)
    misses = [
        QuadMiss(g.line, g.text, g.label, p, _describe(c.main))
        for g, p, c in zip(golds, predicted, coded, strict=True)
        if g.label != p
    ]
    any_correct = sum(
        g.label in ({event_quad(e) for e in c.events} or {"0"}) for g, c in zip(golds, coded, strict=True)
    )
    return QuadResult(confusion, misses, any_correct)


def evaluate_quad(path: Path, coder: BatchCoder, part: Part | None = None) -> QuadResult:
    """Load a quad gold file, code every sentence (no date), and score."""
    golds = load_quad_gold(path)
    golds = in_part(golds, gold_key, part)
    items = [SentenceInput(g.text, None, f"line-{g.line}") for g in golds]
    coded = coder(items)
    result = score_quad(golds, coded)
    result.warnings = coder_errors(items, coded)
    return result
