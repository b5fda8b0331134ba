"""CAMEO-style actor codes ("ISRGOV", "IGOWSTNAT", "LBNREB") split into country and PLOVER sector.

IGOs follow PLOVER: an organisation (or an official acting for it) has country ``IGO``; which organisation
is kept in the code (``IGOUNO``, ``IGONATMIL``; organisation codes in ``data/igos.tsv``). Legacy Phoenix and
CAMEO forms that put the organisation in the country slot (``UNOGOV``, ``NATGOV``, ``EURGOV``,
``IGOWSTNAT``, ``IGOEUREEC``) resolve the same way, so no pseudo-country such as ``EUR`` reaches the output.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

IGO_TABLE = Path(__file__).resolve().parent / "data" / "igos.tsv"

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
# Sectors an IGO code can give its actor; any other element is the organisation's field or region.
IGO_SECTORS = ("MIL", "JUD", "COP", "LEG", "ELI")


@lru_cache(maxsize=1)
def igo_orgs() -> dict[str, str]:
    """Organisation code → name, from ``data/igos.tsv`` (the codes curated IGO roles may use)."""
    table: dict[str, str] = {}
    for line in IGO_TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            org, name, *_ = line.split("\t")
            table[org.strip()] = name.strip()
    return table


def _legacy_org(part: str) -> bool:
    """A code part that names an organisation where a country belongs ("UNO" in "UNOGOV", "NAT")."""
    return (part in igo_orgs() or part in ("UNO", "EUR")) and part not in iso_countries()


def igo_org(code: str | None, *, cameo: bool = True) -> str | None:
    """The organisation of an IGO code: ``IGOUNOHLHWHO`` → "WHO", ``IGONATMIL`` → "NAT", ``UNOGOV`` →
    "UNO", ``IGOGOV`` → None; None for codes that are not IGO codes."""
    if not code:
        return None
    code = code.strip().upper().strip("~")
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not parts:
        return None
    if parts[0] != "IGO":
        return IGO_ALIASES.get(parts[0], parts[0]) if _legacy_org(parts[0]) else None
    sectors = CAMEO_SECTORS if cameo else PLOVER_SECTORS
    known = [p for p in parts[1:] if IGO_ALIASES.get(p, p) in igo_orgs()]
    if known:
        return IGO_ALIASES.get(known[-1], known[-1])  # the most specific: IGOUNOHLHWHO → WHO
    others = [p for p in parts[1:] if (p not in REGIONS or p == "EUR") and p not in sectors]
    return IGO_ALIASES.get(others[0], others[0]) if others else None


def canonical_code(code: str, *, cameo: bool = True) -> str:
    """The code as output: IGO codes become ``IGO`` + organisation + PLOVER sector (``UNOGOV`` →
    ``IGOUNOGOV``, ``IGOWSTNAT`` → ``IGONATGOV``); other codes are returned as given (without ``~``)."""
    code = code.strip().strip("~")
    country, sector = split_code(code, cameo=cameo)
    if country != "IGO":
        return code
    return f"IGO{igo_org(code, cameo=cameo) or ''}{sector or ''}"


@lru_cache(maxsize=8192)
def split_code(code: str, *, cameo: bool = True) -> tuple[str | None, str | None]:
    """Split a CAMEO actor code into (country, PLOVER sector).

    ``ISRGOVLEG`` → ("ISR", "GOV"); ``LBNREB`` → ("LBN", "REB"); ``IGOWSTNAT`` and ``NATGOV`` → ("IGO",
    "GOV"); ``~MIL`` (an agent code) → (None, "MIL"). With ``cameo=False`` sector elements are taken as
    PLOVER codes (so "MED" means health rather than media).
    """
    code = code.strip().upper().strip("~")
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not parts:
        return None, None
    sectors = CAMEO_SECTORS if cameo else PLOVER_SECTORS
    country: str | None = None
    rest = parts
    if parts[0] == "IGO" or _legacy_org(parts[0]):
        # the organisation's field (CAMEO BUS, HLH, DEV, REF …) is no sector of its officials: GOV unless
        # the code says military, judicial, police, legislative or former
        return "IGO", next((p for p in parts[1:] if p in IGO_SECTORS), "GOV")
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


@lru_cache(maxsize=1)
def historic_countries() -> frozenset[str]:
    """ISO 3166-3 codes of former countries (pycountry), the defunct states CAMEO codes among them."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.historic_countries) | DEFUNCT_STATES


def is_country(code: str, *, former: bool = True) -> bool:
    """An ISO alpha-3 code of a present-day country (or Kosovo's XKX); with ``former``, of a former one too.
    The one definition of a valid country code: the knowledge-base converter, the validator and the
    evaluators all use it."""
    return code in iso_countries() or (former and code in historic_countries())


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
