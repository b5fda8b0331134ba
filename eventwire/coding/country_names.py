"""Country names in one place: ``eventwire/actors/data/countries.tsv``, read here for the coding stage.

That table is the one home of country aliases (extra names, adjectives, demonyms, seats of power and the
names only the gazetteer may use, e.g. "Korea", "the States"); the actor stage reads it for actors, and
the place modules read it through ``country_names()`` (by package location, not a relative path).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

TABLE = ("eventwire.actors", "data/countries.tsv")
COLUMNS = ("names", "adjectives", "people", "seats", "place_names")


@dataclass(frozen=True)
class CountryNames:
    iso3: str
    names: tuple[str, ...]  # extra names beyond pycountry's: "Britain", "DRC"
    adjectives: tuple[str, ...]  # "Syrian"
    people: tuple[str, ...]  # "Syrians"
    seats: tuple[str, ...]  # seat-of-power metonyms: "the Kremlin"
    place_names: tuple[str, ...]  # names only for places, never actors: "Korea", "Congo"

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every name of the country as a place: its extra names and its place-only names."""
        return self.names + self.place_names


@cache
def country_names() -> dict[str, CountryNames]:
    """iso3 → its names, from the bundled countries table (read once)."""
    package, path = TABLE
    text = files(package).joinpath(path).read_text(encoding="utf-8")
    table: dict[str, CountryNames] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * (len(COLUMNS) + 1))[: len(COLUMNS) + 1]
        iso3 = cells[0].strip()
        parts = [tuple(p.strip() for p in cell.split("|") if p.strip()) for cell in cells[1:]]
        table[iso3] = CountryNames(iso3, *parts)
    return table
