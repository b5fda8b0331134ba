"""Knowledge-base records: entries with dated roles, and ranked lookup candidates."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from eventwire.actors.codes import canonical_code, split_code

KINDS = ("country", "metonym", "place", "person", "org", "agent")
# Where an entry came from, most trusted first: user files override the curated update, which overrides
# the Phoenix dictionaries and generated country names.
ORIGIN_RANK = {"user": 0, "curated": 1, "countries": 2, "phoenix": 3}


@dataclass(frozen=True, slots=True)
class Role:
    """A code held between two dates (ISO strings, inclusive; None = open)."""

    code: str
    start: str | None = None
    end: str | None = None

    def covers(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One person, organisation, country, place, seat-of-power metonym or agent word.

    ``roles`` are date-bounded codes; ``default`` applies when none covers the date. ``cameo`` says whether
    sector elements follow CAMEO (MED = media) or PLOVER (MED = health) conventions.
    """

    id: str
    name: str
    kind: str
    names: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    default: str | None = None
    source: str = ""
    origin: str = "phoenix"
    cameo: bool = True

    def code_at(self, as_of: date | None) -> tuple[str | None, Role | None]:
        """The code that applies on ``as_of`` and the role it came from (None for the default).

        Without a date: the current role (the latest one without an end), else the default code, else
        the most recently started role.
        """
        if as_of is not None:
            day = as_of.isoformat()
            for role in self.roles:
                if role.covers(day):
                    return role.code, role
            return self.default, None
        current = [r for r in self.roles if r.end is None]
        if current:
            role = max(current, key=lambda r: r.start or "")
            return role.code, role
        if self.default is not None or not self.roles:
            return self.default, None
        latest = max(self.roles, key=lambda r: (r.start or "", r.end or "9999"))
        return latest.code, latest

    def country_sector(self, as_of: date | None) -> tuple[str | None, str | None, str | None, Role | None]:
        """(country, sector, code, role) on ``as_of``."""
        code, role = self.code_at(as_of)
        if not code or code == "---":
            return None, None, None, role
        country, sector = split_code(code, cameo=self.cameo)
        return country, sector, canonical_code(code, cameo=self.cameo), role

    def active_on(self, as_of: date | None) -> bool:
        """True when a dated role covers ``as_of``."""
        if as_of is None:
            return False
        day = as_of.isoformat()
        return any(r.covers(day) for r in self.roles)


@dataclass(slots=True)
class Candidate:
    """One way a name can resolve, as ``ActorResolver.lookup`` reports it (best first)."""

    name: str
    country: str | None
    sector: str | None
    code: str | None
    start: str | None
    end: str | None
    reason: str
    entry: str
    kind: str = ""
    source: str = ""
    matched: str = ""  # the key that matched: the full name, or "surname"
    notes: list[str] = field(default_factory=list)
    chosen: bool = False  # the one the name resolves to (none is chosen when a surname stays ambiguous)
    org: str | None = None  # the organisation of an IGO code ("UNO" for IGOUNOGOV)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
