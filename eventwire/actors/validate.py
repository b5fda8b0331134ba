"""Review every curated actor file against the rules in ``data/curated/README.md``.

``python -m eventwire.actors.validate [FILE_OR_DIR ...]`` (default: the bundled ``data/curated``) prints one
line per problem (``file:line: message``) and exits 1 when there is any. Checked:

* each entry reads (known fields, ISO dates, a role ending after it starts) and names its ``source``;
* every role of a person is dated (a start; an open end means still in office);
* every code is valid: ``<ISO3><SECTOR>`` (optionally a second PLOVER sector, like ``GEOGOVPRE``), an IGO
  code ``IGO<ORG>[<SECTOR>]`` with an organisation of ``data/igos.tsv``, or ``IMG``/``NGO``/``MNC`` plus a
  sector; legacy forms (``UNOGOV``, ``NATGOV``, ``EURGOV``, ``IGOGOV``) are rejected;
* no two people hold one single-seat office (same code, same office, see ``data/single_seat_offices.txt``)
  on the same day, a handover day excepted;
* no name is the primary name of two entries (in one file or across files), and a name two entries share
  never gives different codes on overlapping dates.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.actors.codes import PLOVER_SECTORS, igo_orgs, iso_countries
from eventwire.actors.model import Entry
from eventwire.actors.text import phrase_key, phrase_words
from eventwire.actors.userfiles import _overlap, _yaml_items, actor_entry
from eventwire.errors import InputError

CURATED = Path(__file__).resolve().parent / "data" / "curated"
OFFICES = Path(__file__).resolve().parent / "data" / "single_seat_offices.txt"
GROUPS = frozenset({"IMG", "NGO", "MNC"})
LEGACY = frozenset({"UNO", "NAT", "EUR"})
_OFFICE_END = re.compile(r";|,| \(")
_SPELLINGS = {
    "defense": "defence",
    "secretary general": "secretary-general",
    "director general": "director-general",
}


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


@dataclass(slots=True)
class _Item:
    entry: Entry
    raw: dict[str, Any]
    file: str
    line: int


def code_problem(code: str) -> str | None:
    """Why ``code`` breaks the curated conventions, or None when it is valid."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}([A-Z]{3}){0,2}", code):
        return f"code {code!r} is not made of three-letter parts"
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    head, rest = parts[0], parts[1:]
    if head == "IGO":
        if not rest or rest[0] not in igo_orgs():
            org = rest[0] if rest else ""
            return f"IGO code {code!r} needs a known organisation after IGO (got {org!r}; see data/igos.tsv)"
        rest = rest[1:]
    elif head in LEGACY or (head in igo_orgs() and head not in iso_countries()):
        return f"legacy code {code!r}: write IGO{head}{''.join(rest)} (IGO, then the organisation)"
    elif head not in iso_countries() and head not in GROUPS:
        return f"code {code!r}: {head!r} is no ISO 3166 alpha-3 country (nor IGO/IMG/NGO/MNC)"
    bad = [p for p in rest if p not in PLOVER_SECTORS]
    if bad:
        return f"code {code!r}: {', '.join(bad)} is no PLOVER sector"
    if len(rest) > 2:
        return f"code {code!r} has more than two sectors"
    return None


def offices(title: str | None) -> list[str]:
    """The single-seat offices a role title names ("Foreign Minister and Alternate Prime Minister" →
    ["foreign minister", "alternate prime minister"] filtered to the listed offices)."""
    if not title:
        return []
    head = _OFFICE_END.split(str(title), maxsplit=1)[0].strip().lower()
    for old, new in _SPELLINGS.items():
        head = head.replace(old, new)
    found = []
    for part in (p.strip() for p in head.split(" and ")):
        if any(part == o or part.startswith(o + " ") for o in _single_seat()):
            found.append(part)
    return found


def _single_seat() -> tuple[str, ...]:
    return tuple(
        line.strip().lower()
        for line in OFFICES.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def _read(path: Path, problems: list[Problem]) -> list[_Item]:
    label = str(path)
    try:
        actor_items, agent_items = _yaml_items(path)
    except InputError as exc:
        problems.append(Problem(label, exc.line, exc.reason))
        return []
    if agent_items:
        problems.append(Problem(label, agent_items[0][1], "agents belong in data/agents.yaml, not here"))
    items = []
    for n, (raw, line) in enumerate(actor_items):
        try:
            entry = actor_entry(raw, (label, line), "curated", n)
        except InputError as exc:
            problems.append(Problem(label, exc.line or line, exc.reason))
            continue
        items.append(_Item(entry, raw, label, line))
    return items


def _check_entry(item: _Item, problems: list[Problem]) -> None:
    entry, raw = item.entry, item.raw
    add = lambda msg, line=item.line: problems.append(Problem(item.file, line, f"{entry.name}: {msg}"))  # noqa: E731
    if not str(raw.get("source") or "").strip():
        add("no source")
    if entry.kind == "person" and not entry.roles:
        add("a person needs dated roles")
    roles_raw = raw.get("roles") or []
    for role, role_raw in zip(entry.roles, roles_raw, strict=False):
        line = role_raw.get("__line__", item.line) if isinstance(role_raw, dict) else item.line
        if role.start is None:
            add(f"role {role.code} has no start date", line)
        for day in (role.start, role.end):
            if day and not ("1900-01-01" <= day <= f"{date.today().year + 1}-12-31"):
                add(f"role {role.code} has an implausible date {day}", line)
        if (why := code_problem(role.code)) is not None:
            add(why, line)
    if entry.default and (why := code_problem(entry.default)) is not None:
        add(why)


def _check_offices(items: list[_Item], problems: list[Problem]) -> None:
    held: dict[tuple[str, str], list[tuple[str, str, _Item, int]]] = {}
    for item in items:
        for role, role_raw in zip(item.entry.roles, item.raw.get("roles") or [], strict=False):
            if not isinstance(role_raw, dict) or role.start is None:
                continue
            line = role_raw.get("__line__", item.line)
            for office in offices(role_raw.get("title")):
                held.setdefault((role.code, office), []).append(
                    (role.start, role.end or "9999-12-31", item, line)
                )
    for (code, office), terms in held.items():
        terms.sort(key=lambda t: t[0])
        for i, (start, end, item, line) in enumerate(terms):
            for start2, end2, other, line2 in terms[i + 1 :]:
                if start2 >= end:
                    break
                if other.entry is item.entry or end2 <= start:
                    continue
                until = end if end < "9999" else "open"
                message = (
                    f"{other.entry.name}: {office} ({code}) from {start2} overlaps "
                    f"{item.entry.name}'s term {start}..{until} ({item.file}:{line})"
                )
                problems.append(Problem(other.file, line2, message))


def _check_names(items: list[_Item], problems: list[Problem]) -> None:
    primary: dict[tuple[bool, str], _Item] = {}
    for item in items:
        key = (item.entry.kind == "person", phrase_key(phrase_words(item.entry.name)))
        first = primary.get(key)
        if first is not None:
            problems.append(
                Problem(
                    item.file, item.line, f"{item.entry.name}: already an entry at {first.file}:{first.line}"
                )
            )
        else:
            primary[key] = item
    owner: dict[str, _Item] = {}
    for item in items:
        for name in item.entry.names:
            key = phrase_key(phrase_words(name))
            other = owner.setdefault(key, item)
            if other is item or other.entry.name == item.entry.name:
                continue
            clash = _overlap(item.entry, other.entry)
            if clash and clash != "duplicate entry":
                problems.append(
                    Problem(
                        item.file,
                        item.line,
                        f"{item.entry.name}: name {name!r} is also {other.entry.name} "
                        f"({other.file}:{other.line}) and {clash}",
                    )
                )


def curated_paths(targets: Iterable[Path]) -> list[Path]:
    paths: list[Path] = []
    for target in targets:
        paths += sorted(target.glob("*.yaml")) if target.is_dir() else [target]
    return paths


def validate(targets: Iterable[Path] = (CURATED,)) -> tuple[list[Problem], int]:
    """(problems, number of entries read) for the curated files in ``targets`` (files or folders)."""
    problems: list[Problem] = []
    items: list[_Item] = []
    for path in curated_paths(targets):
        if not path.is_file():
            problems.append(Problem(str(path), None, "no such file"))
            continue
        items += _read(path, problems)
    for item in items:
        _check_entry(item, problems)
    _check_offices(items, problems)
    _check_names(items, problems)
    return problems, len(items)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    targets = [Path(a) for a in args] or [CURATED]
    problems, count = validate(targets)
    for problem in problems:
        print(problem)
    files = len(curated_paths(targets))
    print(f"{count} entries in {files} file(s): {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
