"""Readers for PETRARCH/TABARI actor and agent dictionaries, taken as they are.

Format (dictionaries-format.rst of PETRARCH): an actor record is a primary phrase with an optional
``[CODE]``, synonym lines starting with ``+``, and tab-indented date restrictions ``[CODE 960618-990706]``,
``[CODE >090401]``, ``[CODE <010101]``. Agent lines are ``PHRASE {plural} [~CODE]`` with ``!SET! = a, b``
substitution sets. Malformed lines raise ``InputError`` naming the file and line, unless the caller passes
``errors`` (a list) to collect them and carry on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.actors.model import Role
from eventwire.actors.text import regular_plural
from eventwire.coding.dictionary import split_comment, strip_markup_comments
from eventwire.errors import InputError

_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE = re.compile(r"^(~?[A-Z0-9]{3,}~?|---)$")
# Actor codes as PETRARCH reads them: any case ([pse]), null/special codes, multi-codes ([ELR/GAL]).
_ACTOR_CODE = re.compile(r"^([A-Za-z0-9]{2,}(/[A-Za-z0-9]{2,})*|---|\+\+\+|###)$")
_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_AGENT = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]\}]*)[\]\}]")


@dataclass(slots=True)
class RawActor:
    """An actor record as read: names (with their lines), dated roles, default code, trailing comment."""

    names: list[tuple[str, int]] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    default: str | None = None
    comment: str = ""
    line: int = 0
    has_codes: bool = False


@dataclass(slots=True)
class RawAgent:
    phrase: str
    code: str
    line: int


def parse_date(text: str) -> str:
    """A PETRARCH date (YYMMDD or YYYYMMDD) as ISO; two-digit years below 30 are 20xx."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date {text!r} (want YYMMDD or YYYYMMDD)")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise ValueError(f"bad date {text!r} ({exc})") from None


def parse_restriction(text: str) -> tuple[str, str | None, str | None, bool]:
    """``CODE``, ``CODE >d``, ``CODE <d`` or ``CODE d1-d2`` → (code, start, end, dated).

    Codes are upper-cased (``[pse]``); ``[ELR/GAL]`` multi-codes, ``[---]``, ``[+++]`` and ``[###]`` are
    kept as written; blanks around ``<``, ``>`` and the range's ``-`` are allowed."""
    text = re.sub(r"(\d)\s*-\s*(\d)", r"\1-\2", text)
    parts = re.sub(r"([<>])\s+", r"\1", text).split()
    if not parts or not (_CODE.match(parts[0]) or _ACTOR_CODE.match(parts[0])):
        raise ValueError(f"bad code restriction [{text}]")
    code = parts[0].upper()
    if len(parts) == 1:
        return code, None, None, False
    if len(parts) != 2:
        raise ValueError(f"bad code restriction [{text}]")
    spec = parts[1]
    if spec.startswith(">"):
        return code, parse_date(spec[1:]), None, True
    if spec.startswith("<"):
        return code, None, parse_date(spec[1:]), True
    if "-" in spec:
        lo, hi = spec.split("-", 1)
        start, end = parse_date(lo), parse_date(hi)
        if end < start:
            raise ValueError(f"date range ends before it starts [{text}]")
        return code, start, end, True
    raise ValueError(f"bad date restriction [{text}]")


def _fail(source: str, line: int, reason: str, errors: list[InputError] | None) -> None:
    error = InputError(source, reason, line)
    if errors is None:
        raise error
    errors.append(error)


def read_actor_dictionary(
    path: Path, *, errors: list[InputError] | None = None, lines: Iterable[str] | None = None
) -> list[RawActor]:
    """Read a PETRARCH/TABARI ``.actors`` file into records (see the module docstring)."""
    source = str(path)
    text_lines = (
        lines if lines is not None else path.read_text(encoding="utf-8", errors="replace").splitlines()
    )
    records: list[RawActor] = []
    current: RawActor | None = None
    for lineno, raw in enumerate(strip_markup_comments(list(text_lines)), 1):
        body, comment = split_comment(raw, "#;")
        comment = comment.strip()
        if not body.strip():
            continue
        stripped = body.strip()
        if stripped.startswith("+"):
            if current is None:
                _fail(source, lineno, "synonym line before any primary phrase", errors)
                continue
            phrase = stripped[1:].strip()
            phrase = _BRACKET.sub("", phrase).strip()
            if phrase:
                current.names.append((phrase, lineno))
            continue
        brackets = _BRACKET.findall(body)
        head = _BRACKET.sub("", body).strip()
        if raw[:1] in ("\t", " ") and not head:
            if current is None:
                _fail(source, lineno, "date restriction before any primary phrase", errors)
                continue
            _add_codes(current, brackets, source, lineno, errors)
            continue
        if "[" in head or "]" in head:
            _fail(source, lineno, f"unbalanced brackets in {stripped!r}", errors)
            continue
        current = RawActor(names=[(head, lineno)], comment=comment, line=lineno)
        records.append(current)
        _add_codes(current, brackets, source, lineno, errors)
    return _merge_codeless(records)


def _add_codes(
    record: RawActor, brackets: list[str], source: str, lineno: int, errors: list[InputError] | None
) -> None:
    for text in brackets:
        try:
            code, start, end, dated = parse_restriction(text.strip())
        except ValueError as exc:
            _fail(source, lineno, str(exc), errors)
            continue
        record.has_codes = True
        if dated:
            record.roles.append(Role(code.strip("~"), start, end))
        elif record.default is None:
            record.default = code.strip("~")


def _merge_codeless(records: list[RawActor]) -> list[RawActor]:
    """A record without any code takes the codes of the next record when they share a name word
    (the dictionaries split one person's spellings over consecutive primaries, e.g. DMITRY_MEDVEDEV_ and
    DMITR_MEDVEDEV_); otherwise it has no code and is dropped, as PETRARCH treats it as null-coded."""
    merged: list[RawActor] = []
    pending: list[RawActor] = []
    for record in records:
        if not record.has_codes:
            pending.append(record)
            continue
        if pending:
            words = {w for name, _ in record.names for w in re.split(r"[_\s\-]+", name.upper()) if len(w) > 2}
            for prior in pending:
                prior_words = {w for name, _ in prior.names for w in re.split(r"[_\s\-]+", name.upper())}
                if words & prior_words:
                    record.names = prior.names + record.names
                    record.line = prior.line
                    record.comment = record.comment or prior.comment
            pending = []
        merged.append(record)
    return merged


def read_agent_dictionary(
    path: Path, *, errors: list[InputError] | None = None, lines: Iterable[str] | None = None
) -> list[RawAgent]:
    """Read a PETRARCH ``.agents`` file: each phrase with its plural forms expanded."""
    source = str(path)
    text_lines = (
        lines if lines is not None else path.read_text(encoding="utf-8", errors="replace").splitlines()
    )
    subst: dict[str, list[str]] = {}
    agents: list[RawAgent] = []
    for lineno, raw in enumerate(strip_markup_comments(list(text_lines)), 1):
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        sub = _SUBST.match(body)
        if sub:
            subst[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        match = _AGENT.match(body)
        if not match:
            _fail(source, lineno, f"agent line needs PHRASE [~CODE]: {body!r}", errors)
            continue
        code = match.group("code").strip()
        if not _CODE.match(code) or "~" not in code:
            _fail(source, lineno, f"bad agent code [{code}] (want [~XXX] or [XXX~])", errors)
            continue
        phrase = match.group("phrase").strip()
        plural = match.group("plural")
        for variant in _expand_subst(phrase, subst):
            agents.append(RawAgent(variant, code, lineno))
            if "!" in phrase:
                continue  # substituted forms already carry their plurals
            if plural is None:
                words = variant.rstrip("_").split("_")
                words[-1] = regular_plural(words[-1].lower()).upper()
                plural_form = "_".join(words)
                if plural_form != variant.rstrip("_"):
                    agents.append(RawAgent(plural_form, code, lineno))
            elif plural.strip():
                for form in plural.split():
                    agents.append(RawAgent(form, code, lineno))
    return agents


def _expand_subst(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    for marker, words in subst.items():
        if marker in phrase:
            return [v for w in words for v in _expand_subst(phrase.replace(marker, w), subst)]
    return [phrase]
