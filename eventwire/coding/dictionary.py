"""Read PETRARCH-format verb dictionaries (synsets, verb blocks, patterns).

The format is documented in PETRARCH's ``dictionaries-format.rst``: ``&NAME``
synsets with ``+word`` members; ``--- NAME [code] ---`` verb blocks; verb lines
(``MEET {MET ...} [040]``, multi-word ``+MEET_WITH``); pattern lines
``- [pre nouns] * [post nouns] (PREP noun) [code] # comment``. The parser keeps
words as written (upper case, synset references unexpanded) so the result can
be stored as JSON and compiled later (see ``patterns.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import InputError

_CODE = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s{}()]+")
NULL_CODE = "---"
_MARKERS = frozenset({"$", "+", "^", "%"})


@dataclass(slots=True)
class VerbLine:
    """One verb (possibly multi-word) of a block: ``before`` + verb + ``after`` words."""

    verb: str
    code: str | None  # own code; None → the block's code; NULL_CODE: explicitly no event
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PatternLine:
    """A pattern: subject-side phrases, object-side phrases and prepositional phrases."""

    code: str | None  # None: the null code "---" (the pattern blocks coding)
    pre: list[list[str]] = field(default_factory=list)
    post: list[list[str]] = field(default_factory=list)
    preps: list[tuple[str, list[str]]] = field(default_factory=list)
    line: int = 0
    comment: str = ""


@dataclass(slots=True)
class VerbBlock:
    name: str
    code: str | None
    verbs: list[VerbLine] = field(default_factory=list)
    patterns: list[PatternLine] = field(default_factory=list)
    source: str = ""


@dataclass(slots=True)
class VerbDictionary:
    synsets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)


def parse_code(text: str) -> str | None:
    """``042`` → "042"; ``042:043`` → "042" (the paired reverse event is not kept); ``---`` → None."""
    for part in text.split(":"):
        part = part.strip().rstrip("!?*")
        if part and part != "---":
            if not part.isdigit():
                raise ValueError(f"bad CAMEO code {text!r}")
            return part
    return None


def _phrase(token: str) -> list[str]:
    """``{FINANCIAL AID}`` → ["FINANCIAL", "AID"]; ``AID`` → ["AID"]; markers dropped."""
    words = token.strip("{}").split()
    return [w for w in words if w not in _MARKERS]


def parse_pattern(body: str, line: int, comment: str = "") -> PatternLine:
    """Parse the part of a pattern line after the leading ``-``."""
    codes = _CODE.findall(body)
    if not codes:
        raise ValueError("pattern has no [code]")
    code = parse_code(codes[-1])
    body = body[: body.rfind("[")]
    if "*" not in body:
        raise ValueError("pattern has no '*' marking the verb")
    pattern = PatternLine(code=code, line=line, comment=comment)
    side = pattern.pre
    for token in _TOKEN.findall(body):
        if token == "*":
            side = pattern.post
        elif token.startswith("("):
            words = token[1:-1].split(None, 1)
            if not words:
                continue
            rest = _phrase(words[1]) if len(words) > 1 else []
            pattern.preps.append((words[0], rest))
        elif token not in _MARKERS:
            phrase = _phrase(token)
            if phrase:
                side.append(phrase)
    return pattern


def parse_verb_line(text: str) -> VerbLine:
    """``+MEET_WITH {...} [040]`` → VerbLine("MEET", "040", after=["WITH"])."""
    codes = _CODE.findall(text)
    code = (parse_code(codes[0]) or NULL_CODE) if codes else None
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text).split()
    if not head:
        raise ValueError("empty verb line")
    words = head[0].split("_")
    words = [w for w in words if w]
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    at = marked[0] if marked else 0
    words = [w.lstrip("+") for w in words]
    return VerbLine(verb=words[at], code=code, before=words[:at], after=words[at + 1 :])


def parse_dictionary(text: str, source: str = "<verbs>") -> VerbDictionary:
    """Parse a whole verb dictionary; raises InputError naming the file and line of bad entries."""
    result = VerbDictionary()
    synset: list[str] | None = None
    block: VerbBlock | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        content, _, comment = raw.partition("#")
        stripped = content.strip()
        if stripped.startswith("---"):
            # A block header sits in what looks like a comment-free line "--- NAME [code] ---".
            codes = _CODE.findall(stripped)
            name = stripped.strip("-").split("[")[0].strip()
            try:
                block = VerbBlock(name=name, code=parse_code(codes[0]) if codes else None, source=source)
            except ValueError as exc:
                raise InputError(source, str(exc), number) from exc
            result.blocks.append(block)
            synset = None
            continue
        if not stripped:
            continue
        try:
            if stripped.startswith("&"):
                synset = result.synsets.setdefault(stripped[1:].split()[0], [])
                block = None
            elif stripped.startswith("+") and synset is not None and block is None:
                synset.append(stripped[1:].split()[0])
            elif stripped.startswith("-"):
                if block is None:
                    raise ValueError("pattern outside a verb block")
                block.patterns.append(parse_pattern(stripped[1:], number, comment.strip()))
            elif stripped.startswith("~"):
                continue  # transformations: not supported, ignored
            elif block is not None:
                block.verbs.append(parse_verb_line(stripped))
            else:
                raise ValueError(f"unexpected line {stripped[:40]!r}")
        except ValueError as exc:
            raise InputError(source, str(exc), number) from exc
    return result


def read_dictionary(path: Path) -> VerbDictionary:
    """Read a PETRARCH-format verb dictionary file."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(str(path), f"cannot read verb dictionary: {exc.strerror or exc}") from exc
    return parse_dictionary(text, str(path))
