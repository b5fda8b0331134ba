"""The actor knowledge base: every entry plus a word-key index, built once and cached as a pickle.

Sources, most trusted first: user files, the curated files (every ``data/curated/*.yaml``, in name order,
and ``data/agents.yaml``),
countries (pycountry + ``data/countries.tsv``), and the Phoenix dictionaries converted by ``build.py``.
A curated or user entry that shares a full name with a Phoenix entry supersedes it (its aliases are kept).
The compiled index is pickled in ``$EVENTWIRE_CACHE_DIR`` (default ``~/.cache/eventwire``) under a key
made from the hashes of every input file, so loading takes a fraction of a second after the first time.
"""

from __future__ import annotations

import gzip
import hashlib
import marshal
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventwire.actors.countries import country_entries
from eventwire.actors.model import Entry, Role
from eventwire.actors.tabari import read_actor_dictionary, read_agent_dictionary
from eventwire.actors.text import NAME_PARTICLES, phrase_key, phrase_words
from eventwire.actors.userfiles import AgentRow, check_conflicts, read_entry_file
from eventwire.errors import InputError, SkipLog

DATA = Path(__file__).resolve().parent / "data"
BUNDLED = (
    "phoenix_actors.tsv.gz",
    "phoenix_agents.tsv.gz",
    "countries.tsv",
    "agents.yaml",
    "name_variants.tsv",
)
CURATED = DATA / "curated"
FORMAT_VERSION = "kb-6"  # bump when the compiled layout or the indexing rules change
# Words that are never indexed as a surname on their own.
_NOT_SURNAMES = NAME_PARTICLES | {"jr", "sr", "ii", "iii", "mr", "mrs", "dr", "gen", "general", "president"}


_SEP = "\x1f"
# How an index key names an entry: its own name or alias, its surname, or a derived spelling variant
# ("Bashar Assad" for "Bashar al-Assad", "Amina Mohammed" for "Amina J. Mohammed").
_HOW = ("name", "surname", "variant", "lone")
SURNAMES = frozenset({"surname", "lone"})  # "lone": a one-word alias the entry lists, its surname used alone


@dataclass(slots=True, repr=False)
class KnowledgeBase:
    """Entries and the index the resolver matches against.

    ``rows`` holds one compact text row per entry (parsed into an ``Entry`` on first use, which keeps
    loading fast); ``index`` maps a phrase key (lowercase words joined by spaces) to entry numbers times
    four, plus 1 for surname-only keys and 2 for derived spelling variants (see ``_HOW``); ``prefixes``
    holds every proper prefix of a key so matching can stop as soon as no key can follow.
    """

    rows: list[str]
    index: dict[str, tuple[int, ...]]
    prefixes: frozenset[str]
    sources: list[str] = field(default_factory=list)
    _parsed: dict[int, Entry] = field(default_factory=dict)

    def entry(self, number: int) -> Entry:
        """Entry ``number`` (parsed from its row once)."""
        entry = self._parsed.get(number)
        if entry is None:
            entry = _from_row(self.rows[number])
            self._parsed[number] = entry
        return entry

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"KnowledgeBase({len(self.rows)} entries, {len(self.index)} keys)"

    def candidates_of(self, value: int) -> tuple[Entry, str]:
        """The entry an index value points to and how the key names it."""
        return self.entry(value >> 2), _HOW[value & 3]

    def candidates(self, key: str) -> list[tuple[Entry, str]]:
        """Entries indexed under ``key`` with how they matched ("name", "surname", "variant" or "lone")."""
        return [self.candidates_of(v) for v in self.index.get(key, ())]

    @classmethod
    def load(
        cls,
        *,
        user_files: list[Path] | tuple[Path, ...] = (),
        actor_dicts: list[Path] | tuple[Path, ...] = (),
        agent_dicts: list[Path] | tuple[Path, ...] = (),
        cache_dir: Path | None = None,
        use_cache: bool = True,
        skips: SkipLog | None = None,
        strict: bool = False,
    ) -> KnowledgeBase:
        """The bundled knowledge base plus the user's YAML/CSV files and PETRARCH actor/agent dictionaries.

        The bundled part is compiled once and cached (``cache_dir``, default ``$EVENTWIRE_CACHE_DIR``);
        user files are laid over it on every load. A bad or conflicting YAML/CSV entry raises
        ``InputError`` with file and line. PETRARCH dictionaries are taken as they are: a malformed line
        is reported to ``skips`` (default: a ``SkipLog`` on stderr) and left out, or raises with ``strict``.
        """
        files = bundled_files()
        cache = (cache_dir or default_cache_dir()) / f"actors-{_cache_key(files)}.marshal"
        kb = None
        if use_cache and cache.is_file():
            try:
                rows, index, prefixes, sources = marshal.loads(cache.read_bytes())
                kb = cls(rows, index, prefixes, sources)
            except (OSError, ValueError, EOFError, TypeError):
                kb = None  # a stale or broken cache is rebuilt
        if kb is None:
            kb = cls.build()
            kb.sources = [f"eventwire/actors/data/{p.relative_to(DATA)}" for p in files]
            if use_cache:
                _write_cache(kb, cache)
        if user_files or actor_dicts or agent_dicts:
            inputs = (
                [Path(p) for p in user_files],
                [Path(p) for p in actor_dicts],
                [Path(p) for p in agent_dicts],
            )
            report = None if strict else skips if skips is not None else SkipLog()
            kb = kb._cached_overlay(inputs, cache.parent, cache.stem, use_cache, report)
        return kb

    def _cached_overlay(
        self,
        inputs: tuple[list[Path], list[Path], list[Path]],
        cache_dir: Path,
        base: str,
        use_cache: bool,
        report: SkipLog | None,
    ) -> KnowledgeBase:
        """``overlay`` with its result (and the dictionary lines it skipped) cached by the files' hashes."""
        user_files, actor_dicts, agent_dicts = inputs
        for path in (*user_files, *actor_dicts, *agent_dicts):
            _must_exist(path)
        digest = hashlib.sha256(f"{base}|{report is None}".encode())
        for group in inputs:
            digest.update(b"|")
            for path in group:
                digest.update(str(path.resolve()).encode() + hashlib.sha256(path.read_bytes()).digest())
        cache = cache_dir / f"overlay-{digest.hexdigest()[:20]}.marshal"
        if use_cache and cache.is_file():
            try:
                rows, index, prefixes, sources, skipped = marshal.loads(cache.read_bytes())
                for source, reason, line in skipped:
                    report.add(source, reason, line, stage="actors")  # type: ignore[union-attr]
                return KnowledgeBase(rows, index, prefixes, sources)
            except (OSError, ValueError, EOFError, TypeError):
                pass
        collected = SkipLog(stream=None) if report is not None else None
        kb = self.overlay(
            user_files=user_files, actor_dicts=actor_dicts, agent_dicts=agent_dicts, skips=collected
        )
        skipped = [(s.input, s.reason, s.line) for s in (collected.skipped if collected else [])]
        for source, reason, line in skipped:
            report.add(source, reason, line, stage="actors")  # type: ignore[union-attr]
        if use_cache:
            _write_cache(kb, cache, extra=(skipped,), keep="overlay-*.marshal", keep_last=8)
        return kb

    @classmethod
    def build(cls) -> KnowledgeBase:
        """Compile the bundled knowledge base from its data files (no cache)."""
        phoenix = read_phoenix_actors(DATA / "phoenix_actors.tsv.gz")
        agents = read_phoenix_agents(DATA / "phoenix_agents.tsv.gz")
        curated, curated_agents = read_curated()
        _, own_agents = read_entry_file(DATA / "agents.yaml", origin="curated", label="data/agents.yaml")
        countries = country_entries(DATA / "countries.tsv")
        kept = supersede(curated, phoenix)
        entries = curated + countries + kept
        entries += agent_entries(phoenix_rows=agents, curated_rows=curated_agents + own_agents, user_rows=[])
        index, prefixes = build_index(entries)
        return cls([_to_row(e) for e in entries], index, prefixes)

    def overlay(
        self,
        *,
        user_files: list[Path] = (),
        actor_dicts: list[Path] = (),
        agent_dicts: list[Path] = (),  # type: ignore[assignment]
        skips: SkipLog | None = None,
    ) -> KnowledgeBase:
        """A new knowledge base with user entries laid over this one.

        Under every key a user entry has, it replaces the existing entries of the same family (people with
        people, others with others); user agents replace agents with the same phrase. Malformed PETRARCH
        dictionary lines go to ``skips`` when given, else raise ``InputError``.
        """
        errors: list[InputError] | None = [] if skips is not None else None
        user: list[Entry] = []
        user_agents: list[AgentRow] = []
        for path in user_files:
            entries, rows = read_entry_file(path, origin="user")
            user += entries
            user_agents += rows
        check_conflicts(user)
        for path in actor_dicts:
            user += tabari_entries(path, errors)
        for path in agent_dicts:
            _must_exist(path)
            user_agents += [
                AgentRow(a.phrase, a.code, f"{path}:{a.line}")
                for a in read_agent_dictionary(path, errors=errors)
            ]
        for error in errors or ():
            skips.add_error(error, stage="actors")  # type: ignore[union-attr]
        new = user + agent_entries(phoenix_rows=[], curated_rows=[], user_rows=user_agents)
        base = len(self.rows)
        added, prefixes = build_index(new)
        index = dict(self.index)
        for key, values in added.items():
            fresh = tuple(base * 4 + v for v in values)
            families = {_family(new[v >> 2]) for v in values}
            old = tuple(v for v in index.get(key, ()) if _family(self.entry(v >> 2)) not in families)
            index[key] = fresh + old
        return KnowledgeBase(
            self.rows + [_to_row(e) for e in new],
            index,
            self.prefixes | prefixes,
            self.sources + [str(p) for p in (*user_files, *actor_dicts, *agent_dicts)],
        )


def curated_files() -> list[Path]:
    """The curated actor files, in the order they load (by name)."""
    return sorted(CURATED.glob("*.yaml"))


def bundled_files() -> list[Path]:
    """Every data file the bundled knowledge base is compiled from (their hashes key the cache)."""
    return [DATA / name for name in BUNDLED] + curated_files()


def read_curated() -> tuple[list[Entry], list[AgentRow]]:
    """Every curated file's entries. The same person or organisation written in two files (same primary
    name, same family) is kept once: the first file's entry, with the other's aliases added (the
    validator, ``python -m eventwire.actors.validate``, reports such duplicates)."""
    entries: list[Entry] = []
    agents: list[AgentRow] = []
    first: dict[tuple[str, str], int] = {}
    for path in curated_files():
        found, rows = read_entry_file(path, origin="curated", label=f"data/curated/{path.name}")
        agents += rows
        for entry in found:
            key = (_family(entry), phrase_key(phrase_words(entry.name)))
            if key in first:
                i = first[key]
                entries[i] = replace(
                    entries[i], names=tuple(dict.fromkeys((*entries[i].names, *entry.names)))
                )
                continue
            first[key] = len(entries)
            entries.append(entry)
    return _unique_ids(entries), agents


def _unique_ids(entries: list[Entry]) -> list[Entry]:
    """Entry ids made unique (two files may each hold a different "Ahmed Ali")."""
    seen: dict[str, int] = {}
    out = []
    for entry in entries:
        n = seen.get(entry.id, 0)
        seen[entry.id] = n + 1
        out.append(entry if n == 0 else replace(entry, id=f"{entry.id}-{n + 1}"))
    return out


def _family(entry: Entry) -> str:
    return "person" if entry.kind == "person" else "agent" if entry.kind == "agent" else "other"


def default_cache_dir() -> Path:
    env = os.environ.get("EVENTWIRE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


# Modules whose code shapes the compiled knowledge base: a change to any of them rebuilds the cache.
_BUILD_MODULES = ("kb.py", "countries.py", "text.py", "userfiles.py", "tabari.py", "model.py", "build.py")


def _cache_key(files: list[Path]) -> str:
    """Hash of the layout version, the code that builds the knowledge base and every bundled data file."""
    digest = hashlib.sha256(FORMAT_VERSION.encode())
    here = Path(__file__).resolve().parent
    for path in [*(here / name for name in _BUILD_MODULES), *files]:
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing")
    return digest.hexdigest()[:20]


def _write_cache(
    kb: KnowledgeBase, path: Path, *, extra: tuple = (), keep: str = "actors-*.marshal", keep_last: int = 1
) -> None:
    """Write ``kb`` (plus ``extra`` values) atomically; remove all but the newest ``keep_last`` files
    matching ``keep`` (caches of older data or code)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((kb.rows, kb.index, kb.prefixes, kb.sources, *extra)))
        tmp.replace(path)
        others = sorted((p for p in path.parent.glob(keep) if p != path), key=lambda p: p.stat().st_mtime)
        for old in others[: max(0, len(others) - (keep_last - 1))]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache directory only costs speed


def read_phoenix_actors(path: Path) -> list[Entry]:
    """The converted Phoenix actors (see build.py for the columns)."""
    entries = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            eid, kind, name, aliases, roles, default, source = line.rstrip("\n").split("\t")
            parsed = tuple(
                Role(code, start or None, end or None)
                for code, start, end in (r.split("@") for r in roles.split(";") if r)
            )
            entries.append(Entry(eid, name, kind, tuple(aliases.split("|")), parsed, default or None, source))
    return entries


def read_phoenix_agents(path: Path) -> list[AgentRow]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [AgentRow(*line.rstrip("\n").split("\t")) for line in fh if not line.startswith("#")]


def _must_exist(path: Path) -> None:
    if not path.is_file():
        raise InputError(str(path), "no such file")


def tabari_entries(path: Path, errors: list[InputError] | None = None) -> list[Entry]:
    """A user's PETRARCH/TABARI actor dictionary as user entries; malformed lines are appended to
    ``errors`` when given, else raise ``InputError``."""
    from eventwire.actors.build import classify, display_name

    _must_exist(path)
    entries = []
    for record in read_actor_dictionary(path, errors=errors):
        names = tuple(dict.fromkeys(display_name(n) for n, _ in record.names))
        entries.append(
            Entry(
                f"user:{path.name}:{record.line}",
                names[0],
                classify(record),
                names,
                tuple(record.roles),
                record.default,
                f"{path}:{record.line}",
                "user",
            )
        )
    return entries


def supersede(trusted: list[Entry], phoenix: list[Entry]) -> list[Entry]:
    """Phoenix entries not superseded by a trusted entry; superseded ones lend their aliases.

    A Phoenix entry is superseded when its primary name (or, for people, any alias of two or more words)
    is a name of a trusted entry of the same family (people with people, others with others). Entries that
    stay lose the aliases a trusted entry owns ("Assad" in the Phoenix block of Assad-regime phrases,
    "Hassan Nasrallah" among Hezbollah's aliases), so the trusted entry alone answers to them.
    """
    owner: dict[tuple[bool, str], int] = {}
    owned: set[str] = set()
    for i, entry in enumerate(trusted):
        for name in entry.names:
            key = phrase_key(phrase_words(name))
            owner.setdefault((entry.kind == "person", key), i)
            owned.add(key)
    extra: dict[int, list[str]] = {}
    kept = []
    for entry in phoenix:
        person = entry.kind == "person"
        keys = [phrase_key(phrase_words(entry.name))]
        if person:
            keys += [phrase_key(w) for n in entry.names if len(w := phrase_words(n)) >= 2]
        hit = next((owner[(person, k)] for k in keys if (person, k) in owner), None)
        if hit is not None:
            extra.setdefault(hit, []).extend(entry.names)
            continue
        names = tuple(n for n in entry.names if phrase_key(phrase_words(n)) not in owned)
        if names:
            kept.append(entry if names == entry.names else replace(entry, names=names))
    for i, names in extra.items():
        entry = trusted[i]
        trusted[i] = replace(entry, names=tuple(dict.fromkeys((*entry.names, *names))))
    return kept


def agent_entries(
    *, phoenix_rows: list[AgentRow], curated_rows: list[AgentRow], user_rows: list[AgentRow]
) -> list[Entry]:
    """One agent entry per phrase; user rows override curated rows, which override Phoenix."""
    by_key: dict[str, Entry] = {}
    for origin, rows, cameo in (
        ("phoenix", phoenix_rows, True),
        ("curated", curated_rows, False),
        ("user", user_rows, False),
    ):
        for row in rows:
            words = phrase_words(row.phrase)
            if not words:
                continue
            key = phrase_key(words)
            name = " ".join(words)
            by_key[key] = Entry(
                f"agent:{origin}:{key}", name, "agent", (name,), (), row.code, row.source, origin, cameo
            )
    return list(by_key.values())


def build_index(entries: list[Entry]) -> tuple[dict[str, tuple[int, ...]], frozenset[str]]:
    """Word-key index over every name and alias, plus surnames of people (see ``KnowledgeBase``)."""
    index: dict[str, list[tuple[int, str]]] = {}

    def add(words: tuple[str, ...], i: int, how: str) -> None:
        if words and words[0] == "the" and len(words) > 1:
            words = words[1:]
        if not words:
            return
        bucket = index.setdefault(phrase_key(words), [])
        if all(j != i for j, _ in bucket):
            bucket.append((i, how))

    variants: list[tuple[tuple[str, ...], int]] = []
    for i, entry in enumerate(entries):
        surname = phrase_words(entry.name)[-1:] if entry.kind == "person" else ()
        for name in entry.names:
            words = phrase_words(name)
            # a one-word alias that is the person's surname: the surname the press uses alone ("Lapid")
            add(words, i, "lone" if words == surname and len(phrase_words(entry.name)) > 1 else "name")
            bare = without_article(words) if entry.kind in ("person", "org") else words
            if bare != words and (len(bare) > 1 or entry.kind == "org"):
                variants.append((bare, i))
            if entry.kind == "person" and len(words) > 2:
                plain = tuple(w for w in words[1:-1] if len(w) > 1)
                if len(plain) < len(words) - 2:
                    variants.append(((words[0], *plain, words[-1]), i))  # "Amina J. Mohammed"
    # "Bashar al-Assad" is also "Bashar Assad", "al-Shabaab" "Shabaab", "Amina J. Mohammed" "Amina Mohammed",
    # unless that is the own name of an entry of another kind (Phoenix's "Fatah" is Palestine's alias, not
    # its "al-Fatah" guerrilla group); namesakes of one kind compete as usual
    kinds = {key: {entries[j].kind for j, _ in bucket} for key, bucket in index.items()}
    for words, i in variants:
        key = phrase_key(words[1:] if words[0] == "the" else words)
        if kinds.get(key, {entries[i].kind}) == {entries[i].kind}:
            add(words, i, "variant")
    for i, entry in enumerate(entries):
        if entry.kind != "person":
            continue
        last = phrase_words(entry.name)[-1:]
        for name in entry.names:
            words = phrase_words(name)
            if len(words) >= 2 and words[-1:] == last and last[0] not in _NOT_SURNAMES and len(last[0]) > 2:
                key = words[-1]
                if all(j != i for j, _ in index.get(key, ())):
                    index.setdefault(key, []).append((i, "surname"))
        # a compound surname is a surname too: "Gurib-Fakim", "al-Burhan", "el-Sisi"
        compound = phrase_words(entry.name.split()[-1]) if len(entry.name.split()) > 1 else ()
        if len(compound) > 1 and len(phrase_words(entry.name)) > len(compound):
            key = phrase_key(compound)
            if all(j != i for j, _ in index.get(key, ())):
                index.setdefault(key, []).append((i, "surname"))
    prefixes = set()
    for key in index:
        words = key.split(" ")
        for n in range(1, len(words)):
            prefixes.add(" ".join(words[:n]))
    encoded = {k: tuple(i * 4 + _HOW.index(how) for i, how in v) for k, v in index.items()}
    return encoded, frozenset(prefixes)


def without_article(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name without the Arabic article before its words ("al", folded from "el" too)."""
    return tuple(w for n, w in enumerate(words) if not (w == "al" and n + 1 < len(words)))


def _to_row(e: Entry) -> str:
    roles = ";".join(f"{r.code}@{r.start or ''}@{r.end or ''}" for r in e.roles)
    return _SEP.join(
        (e.id, e.name, e.kind, roles, e.default or "", e.source, e.origin, "1" if e.cameo else "")
    )


def _from_row(row: str) -> Entry:
    eid, name, kind, roles, default, source, origin, cameo = row.split(_SEP)
    parsed = tuple(
        Role(code, start or None, end or None)
        for code, start, end in (r.split("@") for r in roles.split(";") if r)
    )
    return Entry(eid, name, kind, (), parsed, default or None, source, origin, bool(cameo))
