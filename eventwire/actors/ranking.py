"""Ranking the entries a name can mean, as of a date, and explaining the choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventwire.actors.codes import igo_org, join_code, split_code
from eventwire.actors.kb import SURNAMES
from eventwire.actors.model import ORIGIN_RANK, Candidate, Entry

KIND_RANK = {"person": 0, "org": 1, "metonym": 2, "country": 3, "place": 4, "agent": 5}
# The Phoenix dictionaries' last roles start around 2011-2015; a Phoenix role left open ("…–") says nothing
# about who holds an office after this day, so it no longer counts as a role held on the date (its code
# still applies when nothing better names the person).
PHOENIX_CUTOFF = "2015-12-31"


def status(entry: Entry, as_of: date | None) -> int:
    """0: a dated role covers the date; 1: a default code applies (or only a stale open Phoenix role
    covers it); 2: no code applies on that date."""
    if entry.active_on(as_of):
        if entry.origin != "phoenix" or as_of is None:
            return 0
        day = as_of.isoformat()
        if day <= PHOENIX_CUTOFF or any(r.covers(day) and r.end is not None for r in entry.roles):
            return 0
        return 1
    code, _ = entry.code_at(as_of)
    return 1 if code and code != "---" else 2


def rank_key(entry: Entry, how: str, as_of: date | None) -> tuple:
    """Sort key, best first: full names before surnames, roles held on the date before defaults, trusted
    sources before Phoenix, then the most recently started role."""
    latest = max((r.start or "" for r in entry.roles), default="")
    return (
        0 if how not in SURNAMES else 1,
        status(entry, as_of),
        0 if how == "name" else 1,  # an entry's own spelling before a derived variant
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
    elif entry.active_on(as_of):
        notes.append(f"open Phoenix role {code}: no evidence of office after {PHOENIX_CUTOFF}")
    elif code and sector == "ELI" and entry.kind == "person" and entry.default != code:
        notes.append("no role on that date: coded as a former official (ELI)")
    elif code:
        notes.append("default code (no dated role applies)")
    else:
        notes.append("no code applies on that date")
    if how == "lone":
        notes.append("matched by the surname alone, which the entry lists as used alone")
    elif how == "surname":
        notes.append("matched by surname only")
    elif how == "variant":
        notes.append("matched a derived spelling (without al-/el- or a middle initial)")
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
        org=igo_org(code) if country == "IGO" else None,
    )


def ranked(cands: list[tuple[Entry, str]], as_of: date | None) -> list[tuple[Entry, str]]:
    return sorted(cands, key=lambda c: rank_key(c[0], c[1], as_of))


@dataclass(slots=True)
class Decision:
    """Which entry a name stands for on a date, and why; ``best`` is None when the name stays ambiguous.
    ``ranked`` holds every competing entry, best first; ``why`` explains the outcome."""

    best: tuple[Entry, str] | None
    ranked: list[tuple[Entry, str]]
    why: str


def _label(entry: Entry, as_of: date | None) -> tuple[str | None, str | None]:
    country, sector, _, _, _ = resolve_entry(entry, as_of)
    return country, sector


def decide(cands: list[tuple[Entry, str]], as_of: date | None, context: str | None = None) -> Decision:
    """Pick the entry a matched name stands for.

    A full name (or alias) beats any surname match. A surname alone resolves only when it is unique among
    the people holding a role on the date (several who all resolve to the same country and sector count as
    one); when no one is in office, when it is unique among the people of the most trusted source that
    knows it (or they all resolve alike); otherwise it stays ambiguous. A Phoenix role left open does not
    count as in office after ``PHOENIX_CUTOFF``. The article naming the person in full first (coreference)
    is the resolver's business and comes before this.
    """
    order = ranked(cands, as_of)
    if not order:
        return Decision(None, order, "no entry")
    if context:  # the text's own title or adjective ("UN envoy X", "Kenyan minister X") comes first
        fits = [c for c in order if _label(c[0], as_of)[0] == context]
        order = fits + [c for c in order if c not in fits]
    when = as_of.isoformat() if as_of else "no date"
    full = [c for c in order if c[1] not in SURNAMES]
    if full:
        entry = full[0][0]
        rivals = len(order) - 1
        why = f"full name of {entry.name}"
        if len(full) > 1:
            first = _why_first(full, as_of)
            if context and _label(entry, as_of)[0] == context and _label(full[1][0], as_of)[0] != context:
                first = f"the title says {context}"
            why += f"; ranked first of {len(full)} entries with this name ({first})"
        if rivals >= len(full):
            why += f"; {len(order) - len(full)} surname match(es) lose to the full name"
        return Decision(full[0], order, why)
    people = [c for c in order if c[0].kind == "person"]
    active = [c for c in people if status(c[0], as_of) == 0]
    if active:
        pool, where = active, f"in office on {when}"
        listed = [c for c in pool if c[1] == "lone"]
        if listed and len(listed) < len(pool):  # "Harris" is listed alone for Kamala Harris, not Simon
            pool, where = listed, f"in office on {when} that list the surname as used alone"
    else:  # no one in office: the most trusted source that knows the surname speaks for it
        top = min((ORIGIN_RANK.get(e.origin, 9) for e, _ in people), default=9)
        pool = [c for c in people if ORIGIN_RANK.get(c[0].origin, 9) == top]
        where = (
            f"with this surname in the {pool[0][0].origin if pool else ''} data (none in office on {when})"
        )
    if context and any(_label(e, as_of)[0] == context for e, _ in pool):
        pool = [c for c in pool if _label(c[0], as_of)[0] == context]
        where += f" and of {context}, as the title says"
    labels = {_label(e, as_of) for e, _ in pool}
    if len(pool) == 1:
        return Decision(pool[0], order, f"surname only: the one person {where}")
    if len(labels) == 1:
        return Decision(pool[0], order, f"surname only: {len(pool)} people {where}, all resolve alike")
    names = ", ".join(e.name for e, _ in pool[:4])
    return Decision(None, order, f"surname only and ambiguous: {len(pool)} people {where} ({names}…)")


def _why_first(full: list[tuple[Entry, str]], as_of: date | None) -> str:
    (a, how_a), (b, how_b) = full[0], full[1]
    if status(a, as_of) < status(b, as_of):
        return "holds a role on the date" if status(a, as_of) == 0 else "has a code on the date"
    if how_a == "name" and how_b == "variant":
        return f"its own name; {b.name} only by a derived spelling"
    if ORIGIN_RANK.get(a.origin, 9) < ORIGIN_RANK.get(b.origin, 9):
        return f"{a.origin} data outranks {b.origin}"
    if KIND_RANK.get(a.kind, 9) < KIND_RANK.get(b.kind, 9):
        return f"a {a.kind} outranks a {b.kind}"
    return "most recent role"
