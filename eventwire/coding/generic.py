"""Generic actors: "gunmen", "police", "protesters", "the government" — a sector with no country of its own.

The actors stage resolves such words to a sector from its agent tables (``actors/data/agents.yaml``) and
leaves the country open. PLOVER codes them with the country of the place the event happens in, or, when
the text names none, the country the story is about. ``localise`` gives each such actor of an event that
country (a copy: the same mention may take part in events in different places) and says why.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from eventwire.coding.trace import Rule, Step
from eventwire.models import Location, Mention

TABLE = Path(__file__).resolve().parent / "data" / "equipment.tsv"



@cache
def equipment(path: Path = TABLE) -> frozenset[str]:
    """Head words of agent mentions that name equipment, not actors (``data/equipment.tsv``)."""
    with open(path, encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        next(rows)
        return frozenset(row[0].strip().lower() for row in rows if row)


def usable(doc: Doc, mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions that can take part in events: those with a country, and generic actors (a sector, no
    country) whose head word is not equipment."""
    things = equipment()
    out = []
    for m in mentions:
        if m.country:
            out.append(m)
        elif m.sector:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and not {span.root.lemma_.lower(), span.root.lower_} & things:
                out.append(m)
    return out


def story_country(mentions: Iterable[Mention]) -> str | None:
    """The country named most often among the resolved mentions (None when none has one)."""
    counts = Counter(m.country for m in mentions if m.country and len(m.country) == 3 and m.sector != "IGO")
    return counts.most_common(1)[0][0] if counts else None


def is_generic(m: Mention) -> bool:
    return not m.country and bool(m.sector)


def localise(
    mentions: Sequence[Mention], location: Location | None, fallback: str | None
) -> tuple[list[Mention], Step | None]:
    """``mentions`` with a country for each generic actor, and the rule applied (None when none was)."""
    if not any(is_generic(m) for m in mentions):
        return list(mentions), None
    if location is not None and location.country:
        country, why = location.country, Step(Rule.GENERIC_PLACE, location.country)
    else:
        country, why = fallback, Step(Rule.GENERIC_STORY, fallback or "")
    if not country:
        return list(mentions), None
    out = [
        replace(m, country=country, code=country + (m.sector or "")) if is_generic(m) else m
        for m in mentions
    ]
    return out, why
