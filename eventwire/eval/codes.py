"""Actor codes made comparable between gold sets and eventwire's mentions.

The PLOVER gold-standard records give each actor one ``code``: an ISO 3166
alpha-3 country, or a group code — ``IGO`` (UN, Security Council, Red Cross,
OSCE, IAEA …), ``NGO``, ``IMG`` (international militarised group such as
al-Qaeda) — plus a few legacy CAMEO country codes. We score actors as sets of
such codes:

* both sides: legacy CAMEO country codes become ISO (``LEGACY_COUNTRY_CODES``),
  and a former state's code becomes its principal successor's
  (``SUCCESSOR_CODES``: the gold records use present-day codes — Serbia is
  SRB in a 2000 sentence — while the knowledge base, resolving as of the
  date, may say SCG); gold group codes are kept as written;
* ours: a mention whose CAMEO-style ``code`` starts with a group prefix scores
  as that prefix (``IGOUNO`` → ``IGO``, ``NGOAMN`` → ``NGO``); else its
  ``country`` when that is an ISO country, current or former, or a group code
  itself (``NGO``, ``IMG``, ``ISM`` …); a CAMEO region (``MEA``, ``WAF``,
  ``INT`` …) scores as itself, so it never counts as a country; any other
  non-ISO ``country`` is an organisation code (the knowledge base puts ``UNO``,
  ``NAT``, ``EUR`` there) and scores as ``IGO``; an unresolved mention (no
  country, no code) scores as nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventwire.actors.codes import REGIONS, is_country
from eventwire.models import Mention

GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
GROUP_CODES = frozenset({*GROUP_PREFIXES, "ISM"})

# CAMEO region codes ("EUR" is left out: as a country field it is the European Union), plus
# Phoenix's "INT" (international, no one country).
REGION_CODES = (REGIONS - {"EUR"}) | {"INT"}

# Old CAMEO country codes that differ from ISO 3166 alpha-3.
LEGACY_COUNTRY_CODES = {"JAP": "JPN", "VTN": "VNM", "ITL": "ITA"}

# Former states → principal successor, so date-accurate codes compare with present-day gold codes.
SUCCESSOR_CODES = {"SCG": "SRB", "YUG": "SRB", "SUN": "RUS", "CSK": "CZE", "ZAR": "COD", "BUR": "MMR"}

def _country(code: str) -> str:
    code = LEGACY_COUNTRY_CODES.get(code, code)
    return SUCCESSOR_CODES.get(code, code)


def gold_code(code: str) -> str:
    """A gold actor code normalised for comparison."""
    return _country(code.strip().upper())


def mention_code(mention: Mention) -> str | None:
    """The gold-comparable code of one of our mentions, or None when unresolved."""
    code = (mention.code or "").upper()
    for prefix in GROUP_PREFIXES:
        if code.startswith(prefix):
            return prefix
    country = _country((mention.country or "").upper())
    if not country:
        return None
    if country in GROUP_CODES or country in REGION_CODES or is_country(country):
        return country
    return "IGO"


def mention_codes(mentions: Iterable[Mention]) -> set[str]:
    """The set of gold-comparable codes of ``mentions`` (unresolved ones dropped)."""
    return {c for c in (mention_code(m) for m in mentions) if c}
