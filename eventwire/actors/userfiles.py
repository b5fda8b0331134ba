"""Actor and agent entries from YAML or CSV files: the curated update and users' own files.

YAML: either a list of actors or a mapping with ``actors`` and ``agents`` lists::

    actors:
      - name: Yair Lapid
        aliases: [Lapid]
        kind: person                  # person | org | country | metonym | place
        roles:
          - {code: ISRGOV, start: 2021-06-13, end: 2022-06-30, title: Foreign Minister}
          - {country: ISR, sector: OPP, start: 2022-12-29}
        default: ISRELI               # optional: when no role covers the date
        source: "https://en.wikipedia.org/wiki/Yair_Lapid"
    agents:
      - {phrase: militant group, sector: REB}

CSV: header ``name,aliases,kind,country,sector,code,start,end,source`` (aliases separated by ``|``), one
row per role; rows with the same name and kind form one entry; a row without dates gives the default code.
Sectors are PLOVER codes. Every problem raises ``InputError`` with the file and line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from eventwire.actors.codes import PLOVER_SECTORS
from eventwire.actors.model import KINDS, Entry, Role
from eventwire.actors.text import phrase_key, phrase_words, regular_plural
from eventwire.errors import InputError

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_ACTOR_KEYS = {"name", "aliases", "kind", "country", "sector", "code", "roles", "default", "source", "note"}
_ROLE_KEYS = {"code", "country", "sector", "start", "end", "title", "source", "note"}
_AGENT_KEYS = {"phrase", "plurals", "sector", "code", "source", "note"}


@dataclass(slots=True)
class AgentRow:
    phrase: str
    code: str  # "~MIL" style
    source: str


def _code_from(item: dict[str, Any], where: tuple[str, int], *, allow_empty: bool = False) -> str | None:
    source, line = where
    code = item.get("code")
    country, sector = item.get("country"), item.get("sector")
    if code:
        code = str(code).strip().upper()
        if not re.fullmatch(r"[A-Z0-9]{3,}", code):
            raise InputError(source, f"bad code {code!r}", line)
        return code
    if country is None and sector is None:
        if allow_empty:
            return None
        raise InputError(source, "needs code, or country and/or sector", line)
    if country is not None and not _COUNTRY.match(str(country).upper()):
        raise InputError(source, f"bad country {country!r} (want an ISO alpha-3 or IGO code like NAT)", line)
    if sector is not None and str(sector).upper() not in PLOVER_SECTORS:
        raise InputError(
            source, f"unknown sector {sector!r} (PLOVER sectors: {' '.join(sorted(PLOVER_SECTORS))})", line
        )
    return f"{str(country or '').upper()}{str(sector or '').upper()}"


def _iso(value: Any, what: str, where: tuple[str, int]) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise InputError(where[0], f"bad {what} date {value!r} (want YYYY-MM-DD)", where[1]) from None


def _role(item: dict[str, Any], where: tuple[str, int]) -> Role:
    unknown = set(item) - _ROLE_KEYS - {_LINE}
    if unknown:
        raise InputError(where[0], f"unknown role field(s) {', '.join(sorted(unknown))}", where[1])
    code = _code_from(item, where)
    assert code is not None
    start, end = _iso(item.get("start"), "start", where), _iso(item.get("end"), "end", where)
    if start and end and end < start:
        raise InputError(where[0], f"role ends ({end}) before it starts ({start})", where[1])
    return Role(code, start, end)


def actor_entry(item: Any, where: tuple[str, int], origin: str, index: int) -> Entry:
    """One YAML/CSV actor mapping as an ``Entry`` (validated)."""
    source, line = where
    if not isinstance(item, dict):
        raise InputError(source, "an actor must be a mapping with at least 'name'", line)
    unknown = set(item) - _ACTOR_KEYS - {_LINE}
    if unknown:
        raise InputError(source, f"unknown field(s) {', '.join(sorted(unknown))}", line)
    name = str(item.get("name") or "").strip()
    if not name or not phrase_words(name):
        raise InputError(source, "actor without a name", line)
    aliases = item.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split("|")]
    if not isinstance(aliases, list):
        raise InputError(source, "aliases must be a list", line)
    roles_in = item.get("roles") or []
    if not isinstance(roles_in, list):
        raise InputError(source, "roles must be a list", line)
    roles = tuple(
        _role(r, (source, r.get(_LINE, line))) if isinstance(r, dict) else _role({"code": r}, where)
        for r in roles_in
    )
    default = (
        _code_from(item, where, allow_empty=True)
        if any(k in item for k in ("code", "country", "sector"))
        else None
    )
    if item.get("default"):
        default = _code_from({"code": item["default"]}, where)
    if default is None and not roles:
        raise InputError(source, f"actor {name!r} has neither a code nor roles", line)
    kind = str(item.get("kind") or ("person" if roles else "org"))
    if kind not in KINDS or kind == "agent":
        raise InputError(
            source, f"unknown kind {kind!r} (one of {', '.join(k for k in KINDS if k != 'agent')})", line
        )
    if origin == "curated" and not item.get("source"):
        raise InputError(source, f"curated entry {name!r} has no source", line)
    names = tuple(dict.fromkeys([name, *(str(a).strip() for a in aliases if str(a).strip())]))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return Entry(
        id=f"{origin}:{slug}",
        name=name,
        kind=kind,
        names=names,
        roles=roles,
        default=default,
        source=f"{source}:{line}" + (f" ({item['source']})" if item.get("source") else ""),
        origin=origin,
        cameo=False,
    )


def agent_row(item: Any, where: tuple[str, int]) -> list[AgentRow]:
    source, line = where
    if not isinstance(item, dict) or not item.get("phrase"):
        raise InputError(source, "an agent must be a mapping with 'phrase' and 'sector'", line)
    unknown = set(item) - _AGENT_KEYS - {_LINE}
    if unknown:
        raise InputError(source, f"unknown agent field(s) {', '.join(sorted(unknown))}", line)
    sector = item.get("sector")
    if sector is not None and str(sector).upper() not in PLOVER_SECTORS | {"NONE"}:
        raise InputError(source, f"unknown sector {sector!r}", line)
    code = "~" + (str(sector).upper() if sector and str(sector).upper() != "NONE" else "")
    phrase = str(item["phrase"])
    if "plurals" in item:
        phrases = [phrase, *(str(p) for p in item.get("plurals") or [])]
    else:
        words = phrase.split()
        phrases = [phrase, " ".join([*words[:-1], regular_plural(words[-1])])]
    return [AgentRow(p, code, f"{source}:{line}") for p in phrases]


_LINE = "__line__"


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text and records the line of every mapping (under ``__line__``),
    so a bad date or field is reported with its file and line."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml_items(path: Path) -> tuple[list[tuple[Any, int]], list[tuple[Any, int]]]:
    """(actors, agents) with the line each item starts on."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            str(path), f"invalid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None
        ) from None
    if data is None:
        return [], []

    def lines_of(seq_node: Any, items: Any, what: str) -> list[tuple[Any, int]]:
        if not isinstance(items, list) or not isinstance(seq_node, yaml.SequenceNode):
            raise InputError(str(path), f"'{what}' must be a list", seq_node.start_mark.line + 1)
        return [(item, sub.start_mark.line + 1) for item, sub in zip(items, seq_node.value, strict=True)]

    if isinstance(data, list):
        return lines_of(node, data, "actors"), []
    if not isinstance(data, dict):
        raise InputError(str(path), "expected a list of actors or a mapping with 'actors'/'agents'", 1)
    unknown = set(data) - {"actors", "agents", _LINE}
    if unknown:
        raise InputError(str(path), f"unknown top-level key(s) {', '.join(sorted(map(str, unknown)))}", 1)
    nodes = {k.value: v for k, v in node.value}
    actors = lines_of(nodes["actors"], data["actors"], "actors") if data.get("actors") else []
    agents = lines_of(nodes["agents"], data["agents"], "agents") if data.get("agents") else []
    return actors, agents


def _csv_items(path: Path) -> list[tuple[Any, int]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise InputError(str(path), "CSV needs a header with at least 'name'", 1)
        grouped: dict[tuple[str, str], tuple[dict[str, Any], int]] = {}
        for row in reader:
            line = reader.line_num
            name = (row.get("name") or "").strip()
            if not name:
                raise InputError(str(path), "row without a name", line)
            key = (name, (row.get("kind") or "").strip())
            item, _ = grouped.setdefault(key, ({"name": name, "roles": []}, line))
            for field in ("kind", "source"):
                if (row.get(field) or "").strip():
                    item[field] = row[field].strip()
            if (row.get("aliases") or "").strip():
                item.setdefault("aliases", []).extend(
                    a.strip() for a in row["aliases"].split("|") if a.strip()
                )
            role = {
                k: row[k].strip()
                for k in ("code", "country", "sector", "start", "end")
                if (row.get(k) or "").strip()
            }
            if "start" in role or "end" in role:
                _role(role, (str(path), line))  # validate with this row's line
                item["roles"].append(role)
            elif role:
                item["default"] = _code_from(role, (str(path), line))
        return list(grouped.values())


def read_entry_file(
    path: Path, origin: str = "user", label: str | None = None
) -> tuple[list[Entry], list[AgentRow]]:
    """Actors and agents from one YAML or CSV file (``label`` names it in sources); problems raise
    ``InputError`` with the file and line."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        actor_items, agent_items = _yaml_items(path)
    elif suffix == ".csv":
        actor_items, agent_items = _csv_items(path), []
    else:
        raise InputError(str(path), "unsupported file type (want .yaml, .yml or .csv)")
    name = label or str(path)
    entries = [actor_entry(item, (name, line), origin, i) for i, (item, line) in enumerate(actor_items)]
    agents = [row for item, line in agent_items for row in agent_row(item, (name, line))]
    return entries, agents


def check_conflicts(entries: list[Entry]) -> None:
    """Raise ``InputError`` when two entries share a name and give different codes for overlapping dates."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        for name in entry.names:
            key = phrase_key(phrase_words(name))
            other = seen.get(key)
            if other is None or other is entry:
                seen.setdefault(key, entry)
                continue
            clash = _overlap(entry, other)
            if clash:
                file, _, line = entry.source.split(" (")[0].rpartition(":")
                raise InputError(
                    file,
                    f"{entry.name!r} conflicts with {other.name!r} at {other.source.split(' (')[0]}: {clash}",
                    int(line) if line.isdigit() else None,
                )
            seen[key] = entry


def _overlap(a: Entry, b: Entry) -> str | None:
    if a.default and b.default and a.default != b.default:
        return f"default codes {a.default} and {b.default} differ"
    for ra in a.roles:
        for rb in b.roles:
            if ra.code == rb.code:
                continue
            if (ra.start or "") <= (rb.end or "9999") and (rb.start or "") <= (ra.end or "9999"):
                return f"roles {ra.code} and {rb.code} overlap"
    if not a.roles and not b.roles and a.default == b.default:
        return "duplicate entry"
    return None
