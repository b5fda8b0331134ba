"""CAMEO codes and their PLOVER 2.0 type, mode, context, Goldstein score and quad class."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What a CAMEO code means in PLOVER and for ICEWS/GDELT users."""

    code: str
    description: str
    plover_type: str | None  # None: a statement code that PLOVER does not code as an event
    mode: str | None
    context: tuple[str, ...]
    goldstein: float | None
    quad_class: int | None

    @property
    def root(self) -> str:
        return self.code[:2]


class Ontology:
    """Lookup of CAMEO codes (``ontology[code]``); unknown sub-codes fall back to their parent."""

    def __init__(self, codes: dict[str, CodeInfo], modes: dict[str, dict[str, str]]) -> None:
        self._codes = codes
        self.modes = modes  # PLOVER type → {mode: definition}

    @classmethod
    @cache
    def load(cls, data: Path = DATA) -> Ontology:
        """Load the bundled tables (cached: the ontology is immutable)."""
        codes: dict[str, CodeInfo] = {}
        with (data / "cameo_plover.tsv").open(encoding="utf-8") as fh:
            lines = (line for line in fh if not line.startswith("#"))
            for rec in csv.DictReader(lines, delimiter="\t"):
                codes[rec["code"]] = CodeInfo(
                    code=rec["code"],
                    description=rec["description"],
                    plover_type=rec["plover_type"] or None,
                    mode=rec["mode"] or None,
                    context=tuple(c for c in rec["context"].split(";") if c),
                    goldstein=float(rec["goldstein"]) if rec["goldstein"] else None,
                    quad_class=int(rec["quad_class"]) if rec["quad_class"] else None,
                )
        modes: dict[str, dict[str, str]] = {}
        with (data / "plover_modes.tsv").open(encoding="utf-8") as fh:
            lines = (line for line in fh if not line.startswith("#"))
            for rec in csv.DictReader(lines, delimiter="\t"):
                modes.setdefault(rec["type"], {})[rec["mode"]] = rec["definition"]
        return cls(codes, modes)

    def get(self, code: str) -> CodeInfo | None:
        """The code's info, or its nearest known parent's (re-labelled with ``code``); None if unknown."""
        probe = code
        while probe:
            info = self._codes.get(probe)
            if info is not None:
                if probe == code:
                    return info
                return CodeInfo(
                    code,
                    info.description,
                    info.plover_type,
                    info.mode,
                    info.context,
                    info.goldstein,
                    info.quad_class,
                )
            probe = probe[:-1]
        return None

    def __getitem__(self, code: str) -> CodeInfo:
        info = self.get(code)
        if info is None:
            raise KeyError(code)
        return info

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def is_mode(self, plover_type: str, mode: str) -> bool:
        """Whether ``mode`` is one of the codebook's modes of ``plover_type``."""
        return mode in self.modes.get(plover_type, {})
