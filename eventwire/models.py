"""The data models every stage passes along: Article → Mention → Event.

They are plain dataclasses, defined once here. Each has ``to_dict`` for JSON
and ``from_dict`` to read it back, so records survive the store, Parquet
partitions and the HTTP API unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

Precision = Literal["day", "month", "year"]


def content_hash(*parts: str | None, length: int = 16) -> str:
    """A stable hexadecimal id from text parts (None counts as empty)."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(slots=True)
class Block:
    """A block of input text the cleaner dropped, kept for inspection."""

    text: str
    line: int  # 1-based line number in the input
    reason: str  # which heuristic dropped it, e.g. "furniture-vocabulary"


@dataclass(slots=True)
class Article:
    """A clean article: body text, metadata, and what was dropped to get it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: datetime | None = None
    date_source: str | None = None  # "metadata" | "user" | "html"; None when unknown
    language: str | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # char spans in text
    dropped: list[Block] = field(default_factory=list)
    source: str = ""  # where it came from: a path, "path:line", a WARC record id, "<stdin>"

    @staticmethod
    def make_id(text: str, title: str | None = None, url: str | None = None) -> str:
        """Content hash: the same title, body and url always give the same id."""
        return content_hash(url, title, text)

    @property
    def published_date(self) -> date | None:
        return self.published.date() if self.published else None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        data["paragraphs"] = [list(p) for p in self.paragraphs]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        if data.get("published"):
            data["published"] = datetime.fromisoformat(data["published"])
        data["paragraphs"] = [tuple(p) for p in data.get("paragraphs") or []]
        data["dropped"] = [Block(**b) for b in data.get("dropped") or []]
        return cls(**_known(cls, data))


class MentionReason(StrEnum):
    """How a mention was resolved; code branches on these, never on explanation text."""

    DICTIONARY = "dictionary"  # a knowledge-base name
    TITLE = "title"  # a title with a country ("Israeli Foreign Minister …")
    CONTEXT = "context"  # a name described nearby ("John Doe, Israel's ambassador")
    COREFERENCE = "coreference"  # a pronoun or description pointing back to an earlier mention
    METONYM = "metonym"  # a capital or seat of power for its government ("the Kremlin")
    AGENT = "agent"  # an agent word with a country ("Syrian rebels")
    USER = "user"  # a user dictionary entry
    PLACE = "place"  # the place of a hostile act taken as its target (coding)
    UNKNOWN = ""


@dataclass(slots=True)
class Mention:
    """An actor mention in an article, resolved to country and sector.

    ``start``/``end`` are character offsets into ``Article.text``. ``reason``
    says how it was resolved (dictionary, title, context, coreference,
    metonym, user) and ``entry`` names the knowledge-base entry matched.
    """

    text: str
    start: int
    end: int
    name: str | None = None  # resolved person or organisation, e.g. "Yair Lapid"
    country: str | None = None  # ISO 3166 alpha-3, or an IGO code such as "NAT"
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, CVL, PRE, ...
    code: str | None = None  # CAMEO-style actor code, e.g. "ISRGOV"
    reason: MentionReason = MentionReason.UNKNOWN
    entry: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.reason, MentionReason):
            try:
                self.reason = MentionReason(self.reason)
            except ValueError:
                known = ", ".join(r.value for r in MentionReason if r.value)
                message = f"mention {self.text!r}: unknown reason {self.reason!r} (known: {known})"
                raise ValueError(message) from None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["reason"] = self.reason.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(**_known(cls, data))


@dataclass(slots=True)
class Trigger:
    text: str
    start: int  # char offsets into Article.text
    end: int


@dataclass(slots=True)
class Plover:
    type: str  # one of the 16 PLOVER 2.0 event types, e.g. "CONSULT"
    mode: str | None = None  # e.g. "visit", "aerial"
    context: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Cameo:
    code: str  # e.g. "042"
    root: str  # e.g. "04"
    goldstein: float | None = None
    quad_class: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict


@dataclass(slots=True)
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    alleged: bool = False
    historical: bool = False
    attributed_to: str | None = None  # "the Russian army", "sources"

    def flags(self) -> list[str]:
        """The names of the flags that are set, in ``MODALITY_FLAGS`` order."""
        return [name for name in MODALITY_FLAGS if getattr(self, name)]


# The modality flags, defined once (the boolean fields of ``Modality``, in order): the store, the CSV
# and table output, the API, the pages and the paste page's script all take their names from here.
MODALITY_FLAGS: tuple[str, ...] = tuple(f.name for f in fields(Modality) if f.type in ("bool", bool))


@dataclass(slots=True)
class EventDate:
    value: str  # ISO: "2021-09-08", "2021-08" or "2021"
    precision: Precision
    text: str  # the expression it came from, e.g. "on Wednesday evening"


@dataclass(slots=True)
class Location:
    text: str
    country: str | None = None  # ISO alpha-3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    # Added by the place attachment (issue 14); all optional so older records still load.
    start: int | None = None  # character offsets of the place phrase in the article text
    end: int | None = None
    precision: str | None = None  # "country", "region", "city" or "point"
    region: str | None = None  # ISO 3166-2 code or curated region name of a region-precision place
    reason: str = ""  # why this place (the rule or features) and why this gazetteer entry


@dataclass(slots=True)
class Event:
    """One coded event: who did what to whom, when and where, and why we think so."""

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    trigger: Trigger
    plover: Plover
    cameo: Cameo
    actor: list[Mention] = field(default_factory=list)
    recipient: list[Mention] = field(default_factory=list)
    modality: Modality = field(default_factory=Modality)
    date: EventDate | None = None
    location: Location | None = None
    confidence: float = 0.5
    explanation: str = ""  # the pattern or rule that produced the code, as text
    rules: list[str] = field(default_factory=list)  # ids of the rules applied (coding/trace.py), in order

    @staticmethod
    def make_id(article_id: str, sentence_index: int, trigger_start: int, plover_type: str) -> str:
        return content_hash(article_id, str(sentence_index), str(trigger_start), plover_type)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        data = dict(data)
        data["trigger"] = Trigger(**data["trigger"])
        data["plover"] = Plover(**data["plover"])
        data["cameo"] = Cameo(**data["cameo"])
        data["actor"] = [Mention.from_dict(m) for m in data.get("actor") or []]
        data["recipient"] = [Mention.from_dict(m) for m in data.get("recipient") or []]
        data["modality"] = Modality(**(data.get("modality") or {}))
        data["date"] = EventDate(**data["date"]) if data.get("date") else None
        data["location"] = Location(**data["location"]) if data.get("location") else None
        return cls(**_known(cls, data))


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Keep only the keys that are fields of ``cls`` (tolerates newer records)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
