"""Which coding rules fire on a dev set and how often their events are right (``eval … --rules``).

Every event names the rules that shaped it (``Event.rules``, ids from ``eventwire.coding.trace``). For
PLOVER records an event is right when it has the gold type, exactly the gold source codes and exactly the
gold target codes; "type right" counts events of the gold type. For quad classes the main event is right
when its quad class is the gold label. The table is the map for the next person improving the coder:
rules that fire often and are rarely right are where to look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from eventwire.eval.coders import BatchCoder, Coded, SentenceInput
from eventwire.eval.codes import mention_codes
from eventwire.eval.tables import Table
from eventwire.models import Event


@dataclass
class RuleCount:
    fired: int = 0  # events the rule shaped
    type_right: int = 0  # of those, events of the gold type (PLOVER) or the gold class (quad)
    right: int = 0  # of those, fully right events (PLOVER: type, source and target)


@dataclass
class Recorder:
    """A batch coder that keeps what it coded, so the rules can be counted after scoring."""

    coder: BatchCoder
    coded: list[Coded] = field(default_factory=list)

    def __call__(self, items: Sequence[SentenceInput]) -> list[Coded]:
        out = self.coder(items)
        self.coded.extend(out)
        return out


def count_rules(judged: Iterable[tuple[Event, bool, bool]]) -> dict[str, RuleCount]:
    """Per rule id: (event, type right, right) triples counted over each rule the event names."""
    counts: dict[str, RuleCount] = {}
    for event, type_ok, ok in judged:
        for rule in dict.fromkeys(event.rules):  # once per event even if a rule fired twice
            count = counts.setdefault(rule, RuleCount())
            count.fired += 1
            count.type_right += type_ok
            count.right += ok
    return counts


def plover_judged(
    golds: Sequence[tuple[str, frozenset[str], frozenset[str]]], coded: Sequence[Coded]
) -> list[tuple[Event, bool, bool]]:
    """Every coded event with (type right, right); ``golds``: (type, source codes, target codes)."""
    out = []
    for (kind, source, target), sentence in zip(golds, coded, strict=True):
        for event in sentence.events:
            type_ok = event.plover.type == kind
            ok = type_ok and mention_codes(event.actor) == source and mention_codes(event.recipient) == target
            out.append((event, type_ok, ok))
    return out


def quad_judged(labels: Sequence[str], coded: Sequence[Coded], quad_of: Callable[[Event], str]) -> list:
    """Each sentence's main event with (class right, class right)."""
    out = []
    for label, sentence in zip(labels, coded, strict=True):
        if sentence.main is not None:
            ok = quad_of(sentence.main) == label
            out.append((sentence.main, ok, ok))
    return out


def rules_table(counts: dict[str, RuleCount], title: str) -> Table:
    rows = []
    for rule, c in sorted(counts.items(), key=lambda item: (-item[1].fired, item[0])):
        share = f"{c.right / c.fired:.3f}" if c.fired else "·"
        rows.append([rule, str(c.fired), str(c.type_right), str(c.right), share])
    return Table(title, ["rule", "fired", "type right", "right", "right share"], rows)


def to_dict(counts: dict[str, RuleCount]) -> dict[str, dict[str, int]]:
    return {r: {"fired": c.fired, "type_right": c.type_right, "right": c.right} for r, c in counts.items()}
