"""Generic actors: "gunmen", "police", "protesters", "troops" — a sector with no country of its own.

The actors stage resolves such words to a sector from its agent tables (``actors/data/agents.yaml``) and
leaves the country open. PLOVER codes them with the country of the place the event happens in, or, when
the text names none, the country the story is about. ``localise`` gives each such actor of an event that
country (a copy: the same mention may take part in events in different places) and says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from eventwire.models import Location, Mention

PLACE = "generic actor: country of the event's place"
STORY = "generic actor: country the story is about"


def story_country(mentions: Iterable[Mention]) -> str | None:
    """The country named most often among the resolved mentions (None when none has one)."""
    counts = Counter(m.country for m in mentions if m.country and len(m.country) == 3 and m.sector != "IGO")
    return counts.most_common(1)[0][0] if counts else None


def is_generic(m: Mention) -> bool:
    return not m.country and bool(m.sector)


def localise(
    mentions: Sequence[Mention], location: Location | None, fallback: str | None
) -> tuple[list[Mention], str | None]:
    """``mentions`` with a country for each generic actor, and the reason (None when nothing changed)."""
    if not any(is_generic(m) for m in mentions):
        return list(mentions), None
    country, why = (
        (location.country, PLACE) if location is not None and location.country else (fallback, STORY)
    )
    if not country:
        return list(mentions), None
    out = [
        replace(m, country=country, code=country + (m.sector or ""), reason=m.reason) if is_generic(m) else m
        for m in mentions
    ]
    return out, why
