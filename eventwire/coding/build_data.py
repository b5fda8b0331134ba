"""Convert the reference tables into eventwire's own coding data files.

Run from the project root with the reference data beside it::

    python -m eventwire.coding.build_data ../shared/data

It writes, under ``eventwire/coding/data``:

* ``cameo_plover.tsv``: every CAMEO code with its PLOVER 2.0 type, mode and
  context, Goldstein score and quad class (from ``cameo/cameo_codes_plover_goldstein.tsv``
  and ``plover/CAMEO2PLOVER-2021.txt``; PLOVER is CC BY-SA 4.0).
* ``plover_modes.tsv``: the PLOVER codebook's types and modes with definitions.
* ``cameo_verbs.json``: the PETRARCH CAMEO verb dictionary ``petrarch/CAMEO.2.0.txt``
  (MIT, Open Event Data Alliance) parsed into synsets, verb blocks and patterns.

The files are committed; this script documents how they were made.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from pathlib import Path

from eventwire.coding.dictionary import read_dictionary

DATA = Path(__file__).resolve().parent / "data"

# PLOVER drops CAMEO's APPEAL (02); eventwire codes appeals as REQUEST, the PLOVER type that
# absorbed them, with the mode of the matching DEMAND (10) code.
APPEAL_MODES = {
    "020": ("", ""),
    "021": ("assist", ""),
    "0211": ("assist", "economic"),
    "0212": ("assist", "military"),
    "0213": ("assist", "legal"),
    "0214": ("assist", "intelligence"),
    "022": ("assist", "diplomatic"),
    "023": ("assist", ""),
    "0231": ("assist", "economic"),
    "0232": ("assist", "military"),
    "0233": ("assist", "humanitarian"),
    "0234": ("assist", "peacekeeping"),
    "024": ("change", "political_institutions"),
    "0241": ("change", "executive"),
    "0242": ("change", "executive"),
    "0243": ("change", "rights_freedoms"),
    "0244": ("change", "political_institutions"),
    "025": ("yield", ""),
    "0251": ("yield", "legal"),
    "0252": ("yield", "legal"),
    "0253": ("yield", "legal"),
    "0254": ("yield", "economic"),
    "0255": ("yield", "diplomatic"),
    "0256": ("yield", "military"),
    "026": ("meet", "diplomatic"),
    "027": ("meet", "diplomatic"),
    "028": ("meet", "diplomatic"),
}
# "Deny responsibility" is the one statement code PLOVER users expect as an event (REJECT).
STATEMENT_EVENTS = {"016": ("REJECT", "", "")}
# Codes whose PLOVER 2.0 codebook definition differs from the 2021 table: economic sanctions and
# embargoes "curtail ... commercial exchanges", which is SANCTION (discontinue), not COERCE.
OVERRIDES = {"163": ("SANCTION", "discontinue", "economic")}

COLUMNS = ["code", "description", "plover_type", "mode", "context", "goldstein", "quad_class"]


def _float(text: str) -> str:
    try:
        return f"{float(text):.1f}"
    except ValueError:
        return ""


def convert_ontology(table: Path) -> list[dict[str, str]]:
    """Rows of ``cameo_plover.tsv`` from the CAMEO/PLOVER/Goldstein table (first row of a code wins)."""
    rows: dict[str, dict[str, str]] = {}
    with table.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            code = rec["cameo_code"].strip()
            if not code or code in rows:
                continue
            plover = rec["plover_event"].strip()
            mode, context = rec["plover_mode"].strip(), rec["plover_context"].strip()
            if plover.startswith("("):  # "(dropped in PLOVER)"
                plover = ""
            if code.startswith("02"):
                plover = "REQUEST"
                mode, context = APPEAL_MODES.get(code, ("", ""))
            if code in STATEMENT_EVENTS:
                plover, mode, context = STATEMENT_EVENTS[code]
            if code in OVERRIDES:
                plover, mode, context = OVERRIDES[code]
            rows[code] = {
                "code": code,
                "description": rec["description"].strip(),
                "plover_type": plover,
                "mode": mode,
                "context": context.replace(" ", ""),
                "goldstein": _float(rec["goldstein_gdelt"]) or _float(rec["goldstein_phoenix"]),
                "quad_class": rec["quad_phoenix"].strip(),
            }
    for code, row in rows.items():  # fill gaps from the nearest parent code
        parent = code[:-1]
        while (not row["quad_class"] or not row["goldstein"]) and len(parent) >= 2:
            if parent in rows:
                row["quad_class"] = row["quad_class"] or rows[parent]["quad_class"]
                row["goldstein"] = row["goldstein"] or rows[parent]["goldstein"]
            parent = parent[:-1]
    return [rows[c] for c in sorted(rows)]


def convert_modes(codebook: Path) -> list[tuple[str, str, str]]:
    """(type, mode, definition) rows of the PLOVER codebook, one per type/mode pair."""
    seen: dict[tuple[str, str], str] = {}
    with codebook.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            key = (rec["event"].strip(), rec["mode"].strip())
            if key[0] and key not in seen:
                text = (rec["mode_def"] or rec["event_def"]).strip() if key[1] else rec["event_def"].strip()
                seen[key] = " ".join(text.split())
    return [(t, m, d) for (t, m), d in sorted(seen.items())]


def main(shared: Path, out: Path = DATA) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rows = convert_ontology(shared / "cameo" / "cameo_codes_plover_goldstein.tsv")
    with (out / "cameo_plover.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("# CAMEO codes: PLOVER 2.0 type/mode/context, Goldstein (GDELT), quad class (Phoenix).\n")
        fh.write("# Derived from the PLOVER CAMEO2PLOVER table (CC BY-SA 4.0, Open Event Data Alliance);\n")
        fh.write("# see README.md. Regenerate: python -m eventwire.coding.build_data ../shared/data\n")
        writer = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with (out / "plover_modes.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# PLOVER 2.0 event types and modes (PLOVER codebook, CC BY-SA 4.0).\n")
        fh.write("type\tmode\tdefinition\n")
        for t, m, d in convert_modes(shared / "plover" / "PLOVER_structured_codebook_updated.csv"):
            fh.write(f"{t}\t{m}\t{d}\n")
    verbs = read_dictionary(shared / "petrarch" / "CAMEO.2.0.txt")
    payload = {
        "source": "PETRARCH CAMEO.2.0.txt verb dictionary, (c) 2015 Open Event Data Alliance, MIT licence",
        "synsets": verbs.synsets,
        "blocks": [asdict(b) | {"source": "CAMEO.2.0.txt"} for b in verbs.blocks],
    }
    (out / "cameo_verbs.json").write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(rows)} codes, {len(verbs.blocks)} verb blocks to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data"))
