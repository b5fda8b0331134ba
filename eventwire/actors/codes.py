"""CAMEO-style actor codes ("ISRGOV", "IGOWSTNAT", "LBNREB") split into country and PLOVER sector."""

from __future__ import annotations

from functools import lru_cache

# PLOVER 2.0 sector codes (manual, "Sector Codes").
PLOVER_SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)

# CAMEO sector elements that PLOVER renames or folds. CAMEO "MED" is media (PLOVER JRN) and CAMEO "HLH" is
# health (PLOVER MED), so codes read from CAMEO/Phoenix dictionaries go through this map.
CAMEO_TO_PLOVER = {
    "MED": "JRN",
    "HLH": "MED",
    "INS": "REB",
    "SEP": "REB",
    "MOD": "GOV",
    "RAD": "OPP",
    "HRI": "SOC",
    "ENV": "SOC",
    "DEV": "SOC",
    "NGM": "SOC",
    "IGO": "GOV",
    "UAF": "UAF",
    "PPL": "CVL",
    "SET": "CVL",
}
CAMEO_SECTORS = frozenset(PLOVER_SECTORS - {"MED"}) | frozenset(CAMEO_TO_PLOVER)

# Non-state "country" codes (PLOVER, table of non-state actors) and CAMEO regions.
NONSTATE = frozenset({"IGO", "NGO", "MNC", "IMG", "ISM", "UNO", "EUR"})
REGIONS = frozenset(
    [
        "AFR",
        "ASA",
        "BLK",
        "BAL",
        "CAF",
        "CAS",
        "CAU",
        "CRB",
        "EAF",
        "EEU",
        "EIN",
        "LAM",
        "MDT",
        "MEA",
        "NAF",
        "NMR",
        "PGS",
        "SAF",
        "SAM",
        "SAS",
        "SEA",
        "WAF",
        "WST",
        "EUR",
    ]
)
# Former states whose codes carry the present-day country next (YUGHRV, SCGMNE, SUNRUS): PLOVER uses
# present-day countries, so the second element wins.
DEFUNCT_STATES = frozenset({"YUG", "SCG", "SUN", "CSK", "DDR"})
# IGO codes whose organisation code differs from the PLOVER one.
IGO_ALIASES = {"EEC": "EUR"}


@lru_cache(maxsize=8192)
def split_code(code: str, *, cameo: bool = True) -> tuple[str | None, str | None]:
    """Split a CAMEO actor code into (country, PLOVER sector).

    ``ISRGOVLEG`` → ("ISR", "GOV"); ``LBNREB`` → ("LBN", "REB"); ``IGOWSTNAT`` → ("NAT", "GOV");
    ``~MIL`` (an agent code) → (None, "MIL"). With ``cameo=False`` sector elements are taken as PLOVER
    codes (so "MED" means health rather than media).
    """
    code = code.strip().upper().strip("~")
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not parts:
        return None, None
    sectors = CAMEO_SECTORS if cameo else PLOVER_SECTORS
    country: str | None = None
    rest = parts
    if parts[0] == "IGO":
        orgs = [p for p in parts[1:] if (p not in REGIONS or p == "EUR") and p not in sectors]
        org = orgs[0] if orgs else None
        country = IGO_ALIASES.get(org or "", org) or "IGO"
        rest = parts[parts.index(org) + 1 :] if org else parts[1:]
        return country, _sector_of(rest, sectors, cameo) or "GOV"
    if parts[0] in sectors and parts[0] not in NONSTATE:
        country = None
    else:
        country = parts[0]
        rest = parts[1:]
        if country in DEFUNCT_STATES and rest and rest[0] in iso_countries():
            country, rest = rest[0], rest[1:]  # "SCGSRB" (Serbia within Serbia and Montenegro) → SRB
    sector = _sector_of(rest, sectors, cameo)
    if sector is None and country in ("MNC",):
        sector = "BUS"
    if sector is None and country == "NGO":
        sector = "SOC"
    if sector is None and country == "IMG":
        sector = "REB"
    return country, sector


@lru_cache(maxsize=1)
def iso_countries() -> frozenset[str]:
    """Every ISO 3166 alpha-3 code (pycountry) plus Kosovo's XKX."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def _sector_of(parts: list[str], sectors: frozenset[str], cameo: bool) -> str | None:
    for part in parts:
        if part in sectors:
            return CAMEO_TO_PLOVER.get(part, part) if cameo else part
    return None


def join_code(country: str | None, sector: str | None) -> str | None:
    """A CAMEO-style code from country and sector: ("ISR", "GOV") → "ISRGOV"."""
    if not country and not sector:
        return None
    return f"{country or ''}{sector or ''}"
