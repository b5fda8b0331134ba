"""PETRARCH's dictionaries compiled for the PETRARCH-conformance coder (``petrarch_mode``).

Reads the four files with eventwire's readers (``actors.tabari`` for actors and agents,
``coding.dictionary`` for verbs) and keeps what PETRARCH keeps: codes exactly as written (``[1010]``,
``[174K]``, ``[ELR/GAL]``), date restrictions, agent codes with their ``~`` side, verb forms (regular ones
generated, irregular ones from ``{ }``), multi-word verbs, patterns as written (``_`` = consecutive words,
blank = words may intervene, ``$ + % ^`` markers) and synsets with whole-phrase, nested and plural
members. Discards are read here too (``+`` = whole story, trailing ``_`` = whole word).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.actors.model import Role
from eventwire.actors.tabari import read_actor_dictionary, read_agent_dictionary
from eventwire.coding.dictionary import VerbDictionary, read_dictionary, split_comment, strip_markup_comments
from eventwire.errors import InputError

NULL = "---"
MARKERS = frozenset({"$", "+", "%", "^"})
_WORD_SPLIT = re.compile(r"[\s_]+")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def token_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words as the tokenizer splits them: ``PEACE-KEEPING`` → PEACE, -, KEEPING (patterns only)."""
    out: list[str] = []
    for word in words:
        parts = _INNER_HYPHEN.split(word)
        for i, part in enumerate(parts):
            if i:
                out.append("-")
            out.append(part)
    return tuple(out)


def words_of(phrase: str) -> tuple[str, ...]:
    """``"GAZA_CITY"`` / ``"Gaza City"`` → ("GAZA", "CITY"); hyphens and dots stay inside words."""
    return tuple(w for w in _WORD_SPLIT.split(phrase.strip().upper()) if w)


@dataclass(frozen=True, slots=True)
class ActorCode:
    """An actor's codes: dated roles tried in file order, then the default."""

    roles: tuple[Role, ...]
    default: str | None

    def at(self, when: date | None) -> str | None:
        if when is not None:
            day = when.isoformat()
            for role in self.roles:
                if role.covers(day):
                    return role.code
        return self.default


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a pattern: a word, a synset (its member phrases), the verb ``*`` or a marker."""

    kind: str  # "word" | "syn" | "verb" | "$" | "+" | "%" | "^"
    phrases: tuple[tuple[str, ...], ...] = ()
    tight: bool = False  # joined by "_" to the element before it (no words between)


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    order: int
    where: str
    verb_tight: bool = False  # "IN_*": the word before the verb must be right before it


@dataclass(frozen=True, slots=True)
class VerbForm:
    """A surface form of a (multi-word) verb: words required right before/after it, its bare code."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str
    verb: str  # the verb's primary form, which keys its patterns
    order: int


@dataclass(slots=True)
class PetrarchDictionaries:
    actors: dict[tuple[str, ...], ActorCode] = field(default_factory=dict)
    agents: dict[tuple[str, ...], str] = field(default_factory=dict)  # "~GOV" or "NGO~"
    forms: dict[str, list[VerbForm]] = field(default_factory=dict)  # surface word → forms
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)  # primary verb → patterns
    discards: list[tuple[str, bool, bool]] = field(default_factory=list)  # (phrase, story, whole word)
    notes: list[InputError] = field(default_factory=list)

    @property
    def max_phrase(self) -> int:
        return max([len(k) for k in self.actors] + [len(k) for k in self.agents] + [1])


def regular_forms(verb: str) -> set[str]:
    """The regular forms PETRARCH generates: +S/ES, +ED/D, +ING (final E dropped), Y → IES/IED."""
    forms = {verb}
    if verb.endswith("Y") and len(verb) > 2 and verb[-2] not in "AEIOU":
        forms |= {verb[:-1] + "IES", verb[:-1] + "IED", verb + "ING"}
        return forms
    if verb.endswith(("S", "X", "Z", "CH", "SH")):
        forms.add(verb + "ES")
    else:
        forms.add(verb + "S")
    if verb.endswith("E"):
        forms |= {verb + "D", verb[:-1] + "ING"}
    else:
        forms |= {verb + "ED", verb + "ING"}
    return forms


def noun_plural(word: str) -> str:
    """PETRARCH's regular plural: +S, Y → IES, SS → SSES."""
    if word.endswith("Y") and len(word) > 2 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith("SS"):
        return word + "ES"
    return word + "S"


def _synset_phrases(
    label: str, raw: dict[str, list[str]], seen: frozenset[str] = frozenset()
) -> set[tuple[str, ...]]:
    """A synset's member phrases, nested ``+&OTHER`` members expanded, regular plurals added."""
    for name in (label, label + "_", label.rstrip("_")):
        if name in raw:
            label = name
            break
    no_plural = label.endswith("_")
    phrases: set[tuple[str, ...]] = set()
    for member in raw.get(label, []):
        if member.startswith("&"):
            inner = member[1:].strip()
            if inner not in seen and inner + "_" not in seen:
                phrases |= _synset_phrases(inner, raw, seen | {label})
            continue
        words = words_of(member)
        if not words:
            continue
        phrases.add(words)
        if not no_plural and not member.rstrip().endswith("_"):
            phrases.add((*words[:-1], noun_plural(words[-1])))
    return phrases


def parse_pattern_text(
    text: str, synsets: dict[str, frozenset[tuple[str, ...]]]
) -> tuple[tuple[Element, ...], tuple[Element, ...], bool] | None:
    """``"SAID WILL_*_TALKS"`` → (pre, post) elements; None when it names an undefined synset."""
    elements: list[Element] = []
    for token in text.split():
        for i, part in enumerate(p for p in token.split("_")):
            tight = i > 0
            if not part:
                continue
            if part == "*":
                elements.append(Element("verb", tight=tight))
            elif part in MARKERS:
                elements.append(Element(part, tight=tight))
            elif part.startswith("&"):
                members = synsets.get(part[1:]) or synsets.get(part[1:].rstrip("_"))
                if members is None:
                    return None
                phrases = {token_words(m) for m in members}
                elements.append(Element("syn", tuple(sorted(phrases, key=len, reverse=True)), tight))
            else:
                word = part.strip("{}()")
                if word:
                    elements.append(Element("word", (token_words((word.upper(),)),), tight))
    verbs = [i for i, e in enumerate(elements) if e.kind == "verb"]
    if not verbs:
        return None
    at = verbs[0]
    # "*_X": X carries its own tight flag; "X_*": the verb element carries it.
    return tuple(elements[:at]), tuple(elements[at + 1 :]), elements[at].tight


def _add_verbs(result: PetrarchDictionaries, dictionary: VerbDictionary, source: str, order: int) -> int:
    synsets = {
        label.rstrip("_"): frozenset(_synset_phrases(label, dictionary.members))
        for label in dictionary.members
    }
    for block in dictionary.blocks:
        block_code = (block.raw_code or NULL).upper()
        primaries: list[str] = []
        for verb in block.verbs:
            code = (verb.raw_code or block_code).upper()
            primary = verb.verb.upper()
            primaries.append(primary)
            written = [("_".join([*verb.before, "+" + verb.verb, *verb.after]))]
            written += verb.forms
            surface: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = []
            for form in written:
                parts = [p for p in form.upper().split("_") if p]
                marked = [i for i, p in enumerate(parts) if p.startswith("+")]
                at = marked[0] if marked else 0
                parts = [p.lstrip("+") for p in parts]
                surface.append((tuple(parts[:at]), parts[at], tuple(parts[at + 1 :])))
            before, word, after = surface[0]
            variants = {(before, w, after) for w in regular_forms(word)} | set(surface)
            for b, w, a in variants:
                result.forms.setdefault(w, []).append(VerbForm(b, a, code, primary, order))
                order += 1
        for pattern in block.patterns:
            parsed = parse_pattern_text(pattern.text, synsets)
            where = f"{source}:{pattern.line}"
            if parsed is None:
                result.notes.append(
                    InputError(source, "pattern names an undefined synset; skipped", pattern.line)
                )
                continue
            compiled = Pattern(
                (pattern.raw_code or NULL).upper(), parsed[0], parsed[1], order, where, parsed[2]
            )
            order += 1
            for primary in dict.fromkeys(primaries):
                result.patterns.setdefault(primary, []).append(compiled)
    return order


def read_discards(path: Path) -> list[tuple[str, bool, bool]]:
    """A discard list: (upper-case phrase, story-level, whole-word) per line."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read discard list: {exc.strerror or exc}") from exc
    out = []
    for raw in strip_markup_comments(lines):
        body = split_comment(raw)[0].strip()
        if not body:
            continue
        story = body.startswith("+")
        body = body.lstrip("+").strip()
        whole = body.endswith("_")
        phrase = " ".join(words_of(body.rstrip("_")))
        if phrase:
            out.append((phrase, story, whole))
    return out


def load_dictionaries(
    actors: Sequence[Path] = (),
    agents: Sequence[Path] = (),
    verbs: Sequence[Path] = (),
    discards: Iterable[Path] = (),
) -> PetrarchDictionaries:
    """Read PETRARCH dictionaries as written; what cannot be read is in ``notes`` (file:line: what)."""
    result = PetrarchDictionaries()
    errors: list[InputError] = []
    for path in actors:
        for record in read_actor_dictionary(Path(path), errors=errors):
            code = ActorCode(tuple(record.roles), record.default)
            for name, _line in record.names:
                key = words_of(name.rstrip("_"))
                if key:
                    result.actors.setdefault(key, code)
    for path in agents:
        for agent in read_agent_dictionary(Path(path), errors=errors):
            key = words_of(agent.phrase.rstrip("_"))
            if key:
                result.agents.setdefault(key, agent.code.upper())
    order = 0
    for path in verbs:
        dictionary = read_dictionary(Path(path))
        # Codes that are not CAMEO codes are read here (PETRARCH uses them as written): not notes.
        result.notes += [n for n in dictionary.notes if "not a CAMEO code" not in str(n)]
        order = _add_verbs(result, dictionary, str(path), order)
    for path in discards:
        result.discards += read_discards(Path(path))
    result.notes = errors + result.notes
    return result
