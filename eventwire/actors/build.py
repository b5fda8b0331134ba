"""Development-time converter: Phoenix dictionaries → the project's own compact data files.

Run once when the Phoenix dictionaries change (the project itself never reads ../shared)::

    python -m eventwire.actors.build ../shared/data/petrarch

It writes ``data/phoenix_actors.tsv.gz`` (one record a line: id, kind, name, aliases, dated roles,
default code, source line) and ``data/phoenix_agents.tsv.gz`` (phrase, code, source line), keeping every
date bound. Lines the dictionaries get wrong are reported and skipped.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

from eventwire.actors.codes import DEFUNCT_STATES, is_country
from eventwire.actors.model import Entry, Role
from eventwire.actors.tabari import RawActor, read_actor_dictionary, read_agent_dictionary
from eventwire.errors import InputError

DATA = Path(__file__).resolve().parent / "data"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "de", "du", "la"})
_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")


def classify(record: RawActor) -> str:
    """Kind of a Phoenix record: person, country (names and places coded as a bare country, possibly with
    occupation periods such as IRQOCC) or org."""
    codes = [r.code for r in record.roles] + ([record.default] if record.default else [])
    if "CountryInfo" in record.comment or "IGOrulers" in record.comment:
        return "person"
    if any(c.endswith("ELI") or "ELI" in c[3:] for c in codes):
        return "person"
    if codes and all(
        _COUNTRY_CODE.match(c[:3]) and _state(c[:3]) and c[3:] in ("", "OCC") for c in codes
    ):
        return "country"
    return "org"


def _state(code: str) -> bool:
    """A present-day country, or a defunct state the CAMEO dictionaries code (Soviet Union, Yugoslavia …).

    Serbia and Montenegro (SCG) is left out, as the bundled conversion always did: its entries stay
    organisations there (changing that would re-code them; the runtime maps SCG codes to Serbia)."""
    return is_country(code, former=False) or code in DEFUNCT_STATES - {"SCG"}


def display_name(phrase: str) -> str:
    """Readable name of a dictionary phrase: "BASHAR_AL-ASSAD_" → "Bashar al-Assad", "O'NEILL" → "O'Neill"."""
    words = [_display_word(w) if w.isupper() or w.islower() else w for w in phrase.replace("_", " ").split()]
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


def _display_word(word: str) -> str:
    word = re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word.lower())
    return re.sub(r"^(Al|El|Bin|Ibn|Abu)-", lambda m: m.group(1).lower() + "-", word)


def to_entry(record: RawActor, filename: str) -> Entry:
    names = tuple(dict.fromkeys(display_name(n) for n, _ in record.names if n.strip("_ ")))
    kind = classify(record)
    stem = re.sub(r"[^A-Z0-9]+", "_", record.names[0][0].upper()).strip("_")
    return Entry(
        id=f"phoenix:{stem}:{record.line}",
        name=names[0] if names else stem,
        kind=kind,
        names=names,
        roles=tuple(record.roles),
        default=record.default,
        source=f"{filename}:{record.line}",
        origin="phoenix",
    )


def _roles_text(roles: tuple[Role, ...]) -> str:
    return ";".join(f"{r.code}@{r.start or ''}@{r.end or ''}" for r in roles)


def write_actor_tsv(entries: list[Entry], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# id\tkind\tname\taliases\troles(code@start@end;...)\tdefault\tsource\n")
        for e in entries:
            fh.write(
                "\t".join(
                    (e.id, e.kind, e.name, "|".join(e.names), _roles_text(e.roles), e.default or "", e.source)
                )
                + "\n"
            )


def convert(petrarch_dir: Path, out_dir: Path = DATA) -> list[InputError]:
    """Convert the Phoenix actor and agent dictionaries in ``petrarch_dir``; returns the skipped lines."""
    errors: list[InputError] = []
    entries: list[Entry] = []
    for filename in ACTOR_FILES:
        for record in read_actor_dictionary(petrarch_dir / filename, errors=errors):
            if record.names:
                entries.append(to_entry(record, filename))
    out_dir.mkdir(parents=True, exist_ok=True)
    write_actor_tsv(entries, out_dir / "phoenix_actors.tsv.gz")
    agents = read_agent_dictionary(petrarch_dir / AGENT_FILE, errors=errors)
    with gzip.open(out_dir / "phoenix_agents.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# phrase\tcode\tsource\n")
        for agent in agents:
            fh.write(f"{agent.phrase}\t{agent.code}\t{AGENT_FILE}:{agent.line}\n")
    return errors


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m eventwire.actors.build PETRARCH_DIR", file=sys.stderr)
        return 2
    errors = convert(Path(argv[0]))
    for error in errors:
        print(f"skipped {error}", file=sys.stderr)
    print(f"wrote {DATA}/phoenix_actors.tsv.gz and phoenix_agents.tsv.gz ({len(errors)} lines skipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
