"""``EventFilter``: what the CLI, the HTTP API and watches ask the store for.

Values are validated in ``EventFilter.validated()`` (unknown PLOVER type, bad
modality name, malformed date → ``FilterError``) and turned into a
parameterised SQL ``WHERE`` clause by ``where_clause``; user values only ever
travel as query parameters.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from typing import Any

from eventwire.models import MODALITY_FLAGS
from eventwire.store.errors import FilterError

PLOVER_TYPES: frozenset[str] = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
)  # fmt: skip
MODALITIES = MODALITY_FLAGS  # the filterable flags: each is a boolean column of the events table
_ACTOR_RE = re.compile(r"[A-Z0-9]{2,12}")
EVENTS_FROM = """FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN sentences s ON s.article_id = e.article_id AND s.sentence_index = e.sentence_index
LEFT JOIN event_mentions m ON m.event_id = e.id"""
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(slots=True)
class EventFilter:
    """Which events to return. Empty fields do not filter.

    ``actor``/``recipient`` match an ISO country code or a CAMEO-style actor code
    (``ISR``, ``ISRGOV``); ``since``/``until`` bound the event date (the publication
    date when the event date is unknown), inclusive; ``text`` is a case-insensitive
    substring of the sentence or the article title.
    """

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    since: date | str | None = None  # strings are parsed by validated()
    until: date | str | None = None
    exclude_modality: list[str] = field(default_factory=list)
    article_id: str | None = None
    text: str | None = None
    linked_event_id: str | None = None
    all_versions: bool = False  # include events of superseded article versions
    country: str | None = None  # ISO3 of the event's place
    region: str | None = None  # ISO 3166-2 code or curated name of a region-precision place ("SY-ID")
    near: tuple[float, float] | list[float] | None = None  # (lat, lon) of a centre
    km: float | None = None  # radius around ``near``

    def validated(self) -> EventFilter:
        """A normalised copy; raises FilterError naming the first bad value."""
        since = parse_date(self.since, "since") if self.since is not None else None
        until = parse_date(self.until, "until", end=True) if self.until is not None else None
        if since and until and since > until:
            raise FilterError(f"since {since} is after until {until}")
        mods = [m.strip().lower() for m in self.exclude_modality or [] if m and m.strip()]
        for m in mods:
            if m not in MODALITIES:
                raise FilterError(f"unknown modality {m!r} (expected one of: {', '.join(MODALITIES)})")
        return replace(
            self,
            actor=_actor_code(self.actor, "actor"),
            recipient=_actor_code(self.recipient, "recipient"),
            type=plover_type(self.type) if self.type else None,
            since=since,
            until=until,
            exclude_modality=mods,
            text=(self.text or "").strip() or None,
            article_id=(self.article_id or "").strip() or None,
            linked_event_id=(self.linked_event_id or "").strip() or None,
            country=_country_code(self.country),
            region=(self.region or "").strip() or None,
            near=_centre(self.near),
            km=_radius(self.km, self.near),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("since", "until"):
            if isinstance(data[key], date):
                data[key] = data[key].isoformat()
        return {k: v for k, v in data.items() if v not in (None, [], False)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventFilter:
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise FilterError(f"unknown filter field {unknown[0]!r}")
        return cls(**data).validated()


def plover_type(value: str) -> str:
    """Upper-cased PLOVER type, or FilterError when it is not one of the 16."""
    t = value.strip().upper()
    if t not in PLOVER_TYPES:
        expected = ", ".join(sorted(PLOVER_TYPES))
        raise FilterError(f"unknown PLOVER event type {value!r} (expected one of: {expected})")
    return t


def parse_date(value: Any, name: str = "date", *, end: bool = False) -> date:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (a date or datetime passes through).

    A partial date means its first day, or its last day when ``end`` is set, so
    ``--until 2021`` includes all of 2021.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    m = _DATE_RE.fullmatch(text)
    if not m:
        raise FilterError(f"{name}: malformed date {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if day:
            return date(year, month, day)
        if month:
            first = date(year, month, 1)
            return month_end(first) if end else first
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise FilterError(f"{name}: malformed date {text!r} (no such day)") from None


def month_end(first: date) -> date:
    """The last day of the month of ``first`` (December 9999 included: no step into year 10000)."""
    if first.month == 12:
        return date(first.year, 12, 31)
    return date(first.year, first.month + 1, 1) - timedelta(days=1)


def _actor_code(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if not _ACTOR_RE.fullmatch(code):
        raise FilterError(f"{name}: {value!r} is not a country or actor code (like ISR or ISRGOV)")
    return code


def _country_code(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise FilterError(f"country: {value!r} is not an ISO 3166 alpha-3 code (like SYR)")
    return code


def _centre(value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        lat, lon = (float(v) for v in value)
    except (TypeError, ValueError):
        raise FilterError(f"near: {value!r} is not a (latitude, longitude) pair") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise FilterError(f"near: {lat}, {lon} is not a position on Earth")
    return lat, lon


def _radius(km: Any, near: Any) -> float | None:
    if km is None:
        if near is not None:
            raise FilterError("near needs a radius (km)")
        return None
    try:
        value = float(km)
    except (TypeError, ValueError):
        raise FilterError(f"km: {km!r} is not a number") from None
    if near is None:
        raise FilterError("km needs a centre (near)")
    if not 0 < value <= 20040:
        raise FilterError(f"km: {km!r} must be above 0 and at most 20040")
    return value


# Great-circle distance in km from (?, ?) to the event's place (haversine; DuckDB and PostgreSQL alike).
_DISTANCE_SQL = (
    "2 * 6371.0 * asin(sqrt(power(sin(radians({a}.lat - ?) / 2), 2) + cos(radians(?)) * "
    "cos(radians({a}.lat)) * power(sin(radians({a}.lon - ?) / 2), 2)))"
)


def where_clause(flt: EventFilter, alias: str = "e", dialect: str = "duckdb") -> tuple[str, list[Any]]:
    """SQL conditions over ``events {alias}`` joined to ``articles a`` and ``event_mentions m``."""
    conds: list[str] = []
    params: list[Any] = []
    if not flt.all_versions:
        conds.append("a.is_latest")
    for role, value in (("actor", flt.actor), ("recipient", flt.recipient)):
        if value:
            conds.append(
                "EXISTS (SELECT 1 FROM actor_mentions am WHERE am.event_id = "
                f"{alias}.id AND am.role = ? AND (am.country = ? OR am.code = ?))"
            )
            params += [role, value, value]
    if flt.type:
        conds.append(f"{alias}.plover_type = ?")
        params.append(flt.type)
    if flt.since:
        conds.append(f"{alias}.day >= ?")
        params.append(flt.since)
    if flt.until:
        conds.append(f"{alias}.day <= ?")
        params.append(flt.until)
    for m in flt.exclude_modality:
        if m not in MODALITIES:  # column names cannot be parameters: allow only known ones
            raise FilterError(f"unknown modality {m!r}")
        conds.append(f"NOT {alias}.{m}")  # m is validated against MODALITIES
    if flt.article_id:
        conds.append(f"{alias}.article_id = ?")
        params.append(flt.article_id)
    if flt.linked_event_id:
        conds.append("m.linked_event_id = ?")
        params.append(flt.linked_event_id)
    if flt.country:
        conds.append(f"{alias}.place_country = ?")
        params.append(flt.country)
    if flt.region:
        conds.append(
            f"(lower({alias}.place_region) = ? OR "
            f"({alias}.place_precision = 'region' AND lower({alias}.place) = ?))"
        )
        params += [flt.region.lower()] * 2
    if flt.near is not None and flt.km is not None:
        lat, lon = flt.near
        conds.append(f"{alias}.lat IS NOT NULL AND {_DISTANCE_SQL.format(a=alias)} <= ?")
        params += [lat, lat, lon, flt.km]
    if flt.text and dialect == "postgres" and _has_non_ascii_case(flt.text):
        # PostgreSQL's lower() folds only ASCII when the database's LC_CTYPE is C: spell out the cases
        conds.append("(lower(s.text) ~ ? OR lower(COALESCE(a.title, '')) ~ ?)")
        params += [case_regex(flt.text)] * 2
    elif flt.text:
        like = "%" + flt.text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append("(lower(s.text) LIKE ? ESCAPE '\\' OR lower(COALESCE(a.title, '')) LIKE ? ESCAPE '\\')")
        params += [like, like]
    return (" AND ".join(conds) or "TRUE"), params


def _has_non_ascii_case(text: str) -> bool:
    return any(not c.isascii() and c.lower() != c.upper() for c in text)


def case_regex(text: str) -> str:
    """A PostgreSQL regex finding lower-cased ``text`` in lower-cased (at least ASCII-folded) text.

    Non-ASCII letters become a class of their one-character case forms (``é`` → ``[éÉ]``), so the
    match does not depend on the server's locale; everything else is matched literally.
    """
    parts = []
    for c in text.lower():
        forms = sorted({f for f in (c, c.upper(), c.lower(), c.casefold(), c.title()) if len(f) == 1})
        if not c.isascii() and len(forms) > 1:
            parts.append("[" + "".join(forms) + "]")
        else:
            parts.append(re.escape(c))
    return "".join(parts)
