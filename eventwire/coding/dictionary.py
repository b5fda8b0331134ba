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
_OPEN_COMMENT = re.compile(r"<!\s*--")


@dataclass(slots=True)
class VerbLine:
    """One verb (possibly multi-word) of a block: ``before`` + verb + ``after`` words."""

    verb: str
    code: str | None  # own code; None → the block's code; NULL_CODE: explicitly no event
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # irregular forms as written in { }, e.g. "+BROKE_DOWN"
    raw_code: str | None = None  # the code exactly as written in [ ] (e.g. "013:012", "+++")


@dataclass(slots=True)
class PatternLine:
    """A pattern: subject-side phrases, object-side phrases and prepositional phrases."""

    code: str | None  # None: the null code "---" (the pattern blocks coding)
    pre: list[list[str]] = field(default_factory=list)
    post: list[list[str]] = field(default_factory=list)
    preps: list[tuple[str, list[str]]] = field(default_factory=list)
    line: int = 0
    comment: str = ""
    raw_code: str | None = None  # the code exactly as written (e.g. "1010", "174K", "def", "---")
    text: str = ""  # the pattern as written between "-" and its [code], markers and "_" kept


@dataclass(slots=True)
class VerbBlock:
    name: str
    code: str | None
    verbs: list[VerbLine] = field(default_factory=list)
    patterns: list[PatternLine] = field(default_factory=list)
    source: str = ""
    raw_code: str | None = None  # the block's code as written


@dataclass(slots=True)
class VerbDictionary:
    synsets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    # Synset members as written, whole phrases ("AUSTRIAN FLORIN", "&TIETYPES"); ``synsets``: first words.
    members: dict[str, list[str]] = field(default_factory=dict)
    # Constructs read but not usable by eventwire's own coder, or not read at all (file:line: what).
    notes: list[InputError] = field(default_factory=list)


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
    raw_code = codes[-1].strip()
    code = lenient_code(raw_code)[0]
    body = body[: body.rfind("[")]
    if "*" not in body:
        raise ValueError("pattern has no '*' marking the verb")
    pattern = PatternLine(code=code, line=line, comment=comment, raw_code=raw_code, text=body.strip())
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
    raw_code = codes[0].strip() if codes else None
    code = (lenient_code(codes[0])[0] or NULL_CODE) if codes else None
    forms = re.findall(r"\{([^}]*)\}", text)
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text).split()
    if not head:
        raise ValueError("empty verb line")
    words = head[0].split("_")
    words = [w for w in words if w]
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    at = marked[0] if marked else 0
    words = [w.lstrip("+") for w in words]
    return VerbLine(
        verb=words[at],
        code=code,
        before=words[:at],
        after=words[at + 1 :],
        forms=forms[0].split() if forms else [],
        raw_code=raw_code,
    )


def lenient_code(text: str) -> tuple[str | None, bool]:
    """``parse_code`` that does not raise: (CAMEO code or None, whether the text was a CAMEO code)."""
    try:
        return parse_code(text), True
    except ValueError:
        return None, False


def strip_markup_comments(lines: list[str]) -> list[str]:
    """Blank out ``<!-- ... -->`` comments (also the ``<! --`` spelling), single- or multi-line,
    keeping line numbers. Text after a closing ``-->`` on the same line is kept."""
    out: list[str] = []
    inside = False
    for raw in lines:
        line, kept = raw, ""
        while True:
            if inside:
                end = line.find("-->")
                if end < 0:
                    line = ""
                    break
                line, inside = line[end + 3 :], False
                continue
            match = _OPEN_COMMENT.search(line)
            if match is None:
                kept += line
                break
            kept += line[: match.start()]
            line, inside = line[match.end() :], True
        out.append(kept)
    return out


def split_comment(line: str, marks: str = "#") -> tuple[str, str]:
    """(content, comment): the comment starts at the first of ``marks`` outside ``[ ]`` (``[###]`` is a
    code). Verb dictionaries comment with ``#``; actor and agent dictionaries with ``#`` or ``;``."""
    depth = 0
    for i, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char in marks and depth == 0:
            return line[:i], line[i + 1 :]
    return line, ""


def _note(result: VerbDictionary, source: str, number: int, what: str) -> None:
    result.notes.append(InputError(source, what, number))


def parse_dictionary(text: str, source: str = "<verbs>") -> VerbDictionary:
    """Parse a whole verb dictionary; raises InputError naming the file and line of bad entries.

    ``<!-- -->`` comments are skipped. Codes that are not CAMEO codes (``[def]``, ``[174K]``, ``[+++]``)
    are kept as written (``raw_code``) and noted in ``notes``: eventwire's own coder does not use those
    patterns, the PETRARCH-conformance coder does. Transformation lines (``~``) are noted, not read.
    """
    result = VerbDictionary()
    synset: list[str] | None = None
    members: list[str] | None = None
    block: VerbBlock | None = None
    for number, raw in enumerate(strip_markup_comments(text.splitlines()), start=1):
        content, comment = split_comment(raw)
        stripped = content.strip()
        if stripped.startswith("---"):
            # A block header sits in what looks like a comment-free line "--- NAME [code] ---".
            codes = _CODE.findall(stripped)
            name = stripped.strip("-").split("[")[0].strip()
            raw_code = codes[0].strip() if codes else None
            code, cameo = lenient_code(raw_code) if raw_code else (None, True)
            if not cameo:
                _note(result, source, number, f"block code [{raw_code}] is not a CAMEO code")
            block = VerbBlock(name=name, code=code, source=source, raw_code=raw_code)
            result.blocks.append(block)
            synset = members = None
            continue
        if not stripped:
            continue
        try:
            if stripped.startswith("&"):
                label = stripped[1:].split()[0]
                synset = result.synsets.setdefault(label, [])
                members = result.members.setdefault(label, [])
                block = None
            elif stripped.startswith("+") and synset is not None and members is not None and block is None:
                phrase = stripped[1:].strip()
                if phrase:
                    synset.append(phrase.split()[0])
                    members.append(phrase)
            elif stripped.startswith("-"):
                if block is None:
                    raise ValueError("pattern outside a verb block")
                pattern = parse_pattern(stripped[1:], number, comment.strip())
                if pattern.raw_code is not None and not lenient_code(pattern.raw_code)[1]:
                    _note(result, source, number, f"pattern code [{pattern.raw_code}] is not a CAMEO code")
                block.patterns.append(pattern)
            elif stripped.startswith("~"):
                _note(result, source, number, "transformation (~) lines are not supported; skipped")
            elif block is not None:
                verb = parse_verb_line(stripped)
                if verb.raw_code is not None and not lenient_code(verb.raw_code)[1]:
                    _note(result, source, number, f"verb code [{verb.raw_code}] is not a CAMEO code")
                block.verbs.append(verb)
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
