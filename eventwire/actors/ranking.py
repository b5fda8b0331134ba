"""Ranking the entries a name can mean, as of a date, and explaining the choice."""

from __future__ import annotations

from datetime import date

from eventwire.actors.codes import join_code, split_code
from eventwire.actors.model import ORIGIN_RANK, Candidate, Entry

KIND_RANK = {"person": 0, "org": 1, "metonym": 2, "country": 3, "place": 4, "agent": 5}


def status(entry: Entry, as_of: date | None) -> int:
    """0: a dated role covers the date; 1: a default code applies; 2: no code applies on that date."""
    if entry.active_on(as_of):
        return 0
    code, _ = entry.code_at(as_of)
    return 1 if code and code != "---" else 2


def rank_key(entry: Entry, how: str, as_of: date | None) -> tuple:
    """Sort key, best first: full names before surnames, roles held on the date before defaults, trusted
    sources before Phoenix, then the most recently started role."""
    latest = max((r.start or "" for r in entry.roles), default="")
    return (
        0 if how == "name" else 1,
        status(entry, as_of),
        ORIGIN_RANK.get(entry.origin, 9),
        KIND_RANK.get(entry.kind, 9),
        _negate(latest),
    )


def _negate(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def former_role(entry: Entry, as_of: date | None) -> tuple[str | None, str | None]:
    """For a person with no role on the date: (country, "ELI") from the nearest role, as PLOVER codes
    former officials; (None, None) when the entry has no roles."""
    if not entry.roles or as_of is None:
        return None, None
    day = as_of.isoformat()
    nearest = min(entry.roles, key=lambda r: _distance(r.start, r.end, day))
    country, _ = split_code(nearest.code, cameo=entry.cameo)
    return country, "ELI"


def _distance(start: str | None, end: str | None, day: str) -> int:
    d = date.fromisoformat(day).toordinal()
    lo = date.fromisoformat(start).toordinal() if start else -(10**9)
    hi = date.fromisoformat(end).toordinal() if end else 10**9
    return 0 if lo <= d <= hi else min(abs(d - lo), abs(d - hi))


def resolve_entry(
    entry: Entry, as_of: date | None
) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(country, sector, code, role start, role end) of ``entry`` on ``as_of``; people without a role on
    that date become former officials (ELI) of their nearest role's country."""
    country, sector, code, role = entry.country_sector(as_of)
    if code is None and entry.kind == "person":
        country, sector = former_role(entry, as_of)
        code = join_code(country, sector)
    return country, sector, code, role.start if role else None, role.end if role else None


def reason_for(entry: Entry) -> str:
    if entry.origin == "user":
        return "user"
    if entry.kind == "metonym":
        return "metonym"
    if entry.kind == "agent":
        return "agent"
    return "dictionary"


def candidate(entry: Entry, how: str, as_of: date | None, matched: str) -> Candidate:
    """How ``entry`` resolves on ``as_of``, with notes that explain the choice."""
    country, sector, code, start, end = resolve_entry(entry, as_of)
    notes = []
    if as_of is None and (start or end):
        notes.append(f"no date given: the {'current' if end is None else 'latest'} role {code}")
    elif status(entry, as_of) == 0:
        notes.append(f"role {code} held on {as_of.isoformat() if as_of else '-'}")
    elif code and sector == "ELI" and entry.kind == "person" and entry.default != code:
        notes.append("no role on that date: coded as a former official (ELI)")
    elif code:
        notes.append("default code (no dated role applies)")
    else:
        notes.append("no code applies on that date")
    if how == "surname":
        notes.append("matched by surname only")
    return Candidate(
        name=entry.name,
        country=country,
        sector=sector,
        code=code,
        start=start,
        end=end,
        reason=reason_for(entry),
        entry=entry.id,
        kind=entry.kind,
        source=entry.source,
        matched=matched,
        notes=notes,
    )


def ranked(cands: list[tuple[Entry, str]], as_of: date | None) -> list[tuple[Entry, str]]:
    return sorted(cands, key=lambda c: rank_key(c[0], c[1], as_of))
