"""The coder's cue lexicon: every word list the rules read, loaded once from data into a frozen ``Cues``.

The knowledge lives in ``data/cues.yaml`` (reporting verbs with their sub-roles, modal and negating heads,
hedges, light and causing verbs, the prepositions that name recipients …), ``data/mode_cues.tsv`` (the PLOVER
mode cue words) and ``data/cameo_roots.tsv`` (per CAMEO root: the promise / refusal / threat / demand recodes
and the governing, verbal and hostile flags). ``Cues.load(extra)`` reads them and then each ``--cues FILE``
(the same YAML layout; see ``merge``), so an analyst extends coverage without Python.

The coder holds its ``Cues`` like its ontology and makes it the active lexicon while it codes
(``with using(self.cues): …``); the rule modules read ``active()``. Outside a coder the bundled lexicon is
active. The active lexicon is a ``ContextVar``: each thread and task sees its own, nothing is shared mutably.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"
CUES_FILE = DATA / "cues.yaml"
MODE_CUES_FILE = DATA / "mode_cues.tsv"
ROOTS_FILE = DATA / "cameo_roots.tsv"
SECTIONS = ("reporting_verbs", "words", "ordered", "maps", "mode_cues")
# The sub-roles a reporting verb may have (data/cues.yaml documents each).
REPORTING_ROLES = (
    "saying",  # reports: never an event; what it reports is coded and attributed to its subject
    "judging",  # with saying: its subject is the source of the clause under it ("concluded that")
    "reporting",  # its ccomp is reported speech for modality ("would" there is future)
    "hedging",  # its content is alleged ("claimed that")
    "accusing",  # "accused X of": the act of the of-phrase is alleged
    "passive_hedge",  # "is said / believed to have …": alleged
    "complement",  # a complement verb that reports: its subject is no recipient ("struck what it says")
    "actor_context",  # "it was reported that": the "it" is no actor (actors.matcher)
)


class CuesError(ValueError):
    """A cue file that cannot be read or names an unknown list; the message names the file."""


@dataclass(frozen=True)
class ModeCue:
    plover_type: str
    mode: str
    words: frozenset[str]


@dataclass(frozen=True)
class RootRecodes:
    """One CAMEO root's row of ``cameo_roots.tsv``; empty strings mean no recode."""

    root: str
    promise: str = ""
    refusal: str = ""
    threat: str = ""
    demand: str = ""
    governing: bool = False
    verbal: bool = False
    hostile: bool = False


@dataclass(frozen=True)
class Cues:
    """The cue lexicon. Word sets are attributes (``cues.light_verbs``); see ``data/cues.yaml`` for each."""

    reporting_verbs: Mapping[str, frozenset[str]]  # verb -> its sub-roles
    words: Mapping[str, frozenset[str]]
    ordered: Mapping[str, tuple[str, ...]]
    maps: Mapping[str, Mapping[str, str]]
    mode_cues: tuple[ModeCue, ...]
    roots: Mapping[str, RootRecodes]
    sources: tuple[str, ...] = ()
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        derived = self._derived  # computed once: the rules read these for every token
        for role in REPORTING_ROLES:
            derived[role] = frozenset(v for v, roles in self.reporting_verbs.items() if role in roles)
        for column in ("promise", "refusal", "threat", "demand"):
            derived[column] = {
                root: getattr(row, column) for root, row in self.roots.items() if getattr(row, column)
            }
        for flag in ("governing", "verbal", "hostile"):
            derived[flag] = frozenset(root for root, row in self.roots.items() if getattr(row, flag))
        # Lists made of others: defined here once, as unions of the data.
        derived["speaking"] = derived["saying"] | derived["judging"]
        derived["content_verbs"] = derived["reporting"] | self.words["content_verbs_extra"]
        derived["negation_passing_heads"] = self.words["future_heads"] | self.words["negation_passing_extra"]
        derived["mode_types"] = frozenset(c.plover_type for c in self.mode_cues)

    def role(self, name: str) -> frozenset[str]:
        """The reporting verbs with sub-role ``name`` ("saying", "hedging" …)."""
        return self._derived[name]

    def recode(self, column: str) -> dict[str, str]:
        """A recode column of ``cameo_roots.tsv``, root -> code: "promise", "refusal", "threat", "demand"."""
        return self._derived[column]

    def roots_where(self, flag: str) -> frozenset[str]:
        """The CAMEO roots with ``flag`` ("governing", "verbal", "hostile") set."""
        return self._derived[flag]

    def __getattr__(self, name: str) -> Any:
        for table in ("words", "ordered", "maps", "_derived"):
            found = self.__dict__.get(table, {}).get(name)
            if found is not None:
                return found
        raise AttributeError(f"no cue list {name!r} (data/cues.yaml)")

    @property
    def saying(self) -> frozenset[str]:
        return self._derived["saying"]

    @property
    def speaking(self) -> frozenset[str]:
        return self._derived["speaking"]

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Cues:
        """The bundled lexicon with each file of ``extra`` merged over it; ``CuesError`` names a bad file."""
        raw = _read_yaml(CUES_FILE)
        raw["mode_cues"] = _read_mode_cues(MODE_CUES_FILE)
        for path in extra:
            raw = merge(raw, _read_yaml(path), str(path))
        return cls._build(raw, _read_roots(ROOTS_FILE), (str(CUES_FILE), *map(str, extra)))

    @classmethod
    def _build(cls, raw: dict[str, Any], roots: dict[str, RootRecodes], sources: tuple[str, ...]) -> Cues:
        verbs = {str(v): frozenset(map(str, r or ())) for v, r in (raw.get("reporting_verbs") or {}).items()}
        for verb, roles in verbs.items():
            unknown = roles - set(REPORTING_ROLES)
            if unknown:
                raise CuesError(f"{sources[-1]}: reporting verb {verb!r} has unknown roles {sorted(unknown)}")
        return cls(
            reporting_verbs=verbs,
            words={k: _word_set(v) for k, v in (raw.get("words") or {}).items()},
            ordered={k: tuple(str(v).split()) for k, v in (raw.get("ordered") or {}).items()},
            maps={k: {str(a): str(b) for a, b in v.items()} for k, v in (raw.get("maps") or {}).items()},
            mode_cues=tuple(ModeCue(t, m, frozenset(w)) for t, m, w in raw["mode_cues"]),
            roots=roots,
            sources=sources,
        )


def merge(base: dict[str, Any], extra: dict[str, Any], name: str) -> dict[str, Any]:
    """``extra`` (a ``--cues`` file) over ``base``.

    ``reporting_verbs``: a verb's roles are replaced (``[]`` removes the verb). ``words``: the words are
    added; a word written ``-word`` is removed. ``ordered``: the list is replaced. ``maps``: entries added
    or replaced.
    ``mode_cues``: a list of ``{type, mode, words}``; words are added to that rule, or a new rule goes last.
    Only names the bundled lexicon has are accepted, so a typo is an error, not a silent no-op.
    """
    out = {key: (dict(value) if isinstance(value, dict) else value) for key, value in base.items()}
    for section, entries in extra.items():
        if section not in SECTIONS:
            raise CuesError(f"{name}: unknown section {section!r} (known: {', '.join(SECTIONS)})")
        if section == "mode_cues":
            out["mode_cues"] = _merge_mode_cues(list(out["mode_cues"]), entries or [], name)
            continue
        if not isinstance(entries, dict):
            raise CuesError(f"{name}: section {section!r} must map names to entries")
        target = out.setdefault(section, {})
        for key, value in entries.items():
            if section == "reporting_verbs":
                if value:
                    target[key] = list(value)
                else:
                    target.pop(key, None)
                continue
            if key not in target:
                raise CuesError(f"{name}: unknown {section} list {key!r}")
            if section == "words":
                added = str(value).split()
                kept = set(_word_set(target[key])) - {w[1:] for w in added if w.startswith("-")}
                target[key] = " ".join(sorted(kept | {w for w in added if not w.startswith("-")}))
            elif section == "maps":
                target[key] = {**target[key], **{str(a): str(b) for a, b in (value or {}).items()}}
            else:
                target[key] = value
    return out


def _merge_mode_cues(rules: list[tuple[str, str, list[str]]], extra: Any, name: str) -> list:
    if not isinstance(extra, list):
        raise CuesError(f"{name}: mode_cues must be a list of {{type, mode, words}}")
    for item in extra:
        try:
            kind, mode, words = str(item["type"]), str(item["mode"]), str(item["words"]).split()
        except (KeyError, TypeError) as exc:
            raise CuesError(f"{name}: mode cue {item!r} needs type, mode and words") from exc
        for n, (t, m, w) in enumerate(rules):
            if (t, m) == (kind, mode):
                rules[n] = (t, m, sorted({*w, *words}))
                break
        else:
            rules.append((kind, mode, words))
    return rules


def _word_set(value: Any) -> frozenset[str]:
    return (
        frozenset(str(value).split())
        if not isinstance(value, list | tuple | set | frozenset)
        else frozenset(value)
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CuesError(f"{path}: cannot read cue file: {' '.join(str(exc).split())}") from exc
    if not isinstance(data, dict):
        raise CuesError(f"{path}: a cue file is a YAML mapping of sections")
    return data


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


def _read_mode_cues(path: Path) -> list[tuple[str, str, list[str]]]:
    return [(r["type"], r["mode"], r["words"].split()) for r in _rows(path)]


def _read_roots(path: Path) -> dict[str, RootRecodes]:
    out = {}
    for r in _rows(path):
        flags = {k: r[k] == "yes" for k in ("governing", "verbal", "hostile")}
        out[r["root"]] = RootRecodes(r["root"], r["promise"], r["refusal"], r["threat"], r["demand"], **flags)
    return out


@cache
def bundled() -> Cues:
    """The bundled lexicon, loaded once per process."""
    return Cues.load()


_ACTIVE: ContextVar[Cues] = ContextVar("eventwire_cues")


def active() -> Cues:
    """The lexicon of the coder now coding in this thread or task; the bundled one outside a coder."""
    found = _ACTIVE.get(None)
    return found if found is not None else bundled()


@contextmanager
def using(cues: Cues) -> Iterator[Cues]:
    """Make ``cues`` the active lexicon for the ``with`` block (this thread or task only)."""
    token = _ACTIVE.set(cues)
    try:
        yield cues
    finally:
        _ACTIVE.reset(token)
