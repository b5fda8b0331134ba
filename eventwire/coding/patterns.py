"""Verb patterns compiled into fast lookups keyed by lemma.

A ``VerbLexicon`` maps a verb lemma to its entries (single or multi-word verb,
own code, the shared patterns of its block). Matching takes three word bags
built from the parse — subject side, object side, and prepositional phrases —
and returns the most specific pattern that fits: every phrase of the pattern
must find all its words in the right bag. Patterns are indexed by an anchor
word so only a handful are tried per verb.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eventwire.coding.dictionary import (
    NULL_CODE,
    PatternLine,
    VerbBlock,
    VerbDictionary,
    VerbLine,
    lenient_code,
    read_dictionary,
)

DATA = Path(__file__).resolve().parent / "data"
BUNDLED = ("eventwire_verbs.txt", "cameo_verbs.json")  # earlier files win ties

Phrase = tuple[frozenset[str], ...]
GENERIC_PREPS = frozenset({"with", "to", "for", "on", "in", "at", "from", "of", "by", "into", "over"})


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str | None
    pre: tuple[Phrase, ...]
    post: tuple[Phrase, ...]
    preps: tuple[tuple[str, Phrase], ...]
    weight: int
    rank: int  # lower is preferred on equal weight (file priority, then line order)
    label: str

    @property
    def prep_only(self) -> bool:
        """Only common bare prepositions ("* (WITH)"); "* (ALONGSIDE)" still says something."""
        return (
            not self.pre
            and not self.post
            and all(not phrase and prep in GENERIC_PREPS for prep, phrase in self.preps)
        )

    def matches(self, pre: set[str], post: set[str], preps: Mapping[str, set[str]]) -> bool:
        for phrase in self.post:
            if not all(not words.isdisjoint(post) for words in phrase):
                return False
        for phrase in self.pre:
            if not all(not words.isdisjoint(pre) for words in phrase):
                return False
        for prep, phrase in self.preps:
            bag = preps.get(prep)
            if bag is None or not all(not words.isdisjoint(bag) for words in phrase):
                return False
        return True


@dataclass(frozen=True, slots=True)
class VerbEntry:
    lemma: str
    code: str | None
    before: tuple[str, ...]
    after: tuple[str, ...]
    block: int  # index into VerbLexicon.blocks
    rank: int
    label: str


@dataclass(frozen=True, slots=True)
class Match:
    code: str | None  # None: a null pattern — the verb is known not to be an event here
    label: str  # which entry/pattern fired, for Event.explanation
    weight: int  # 0 for a bare verb, else the number of words the pattern required
    words: frozenset[str]  # object-side words the pattern consumed
    prep_only: bool = False  # the pattern required nothing but bare prepositions


class _Block:
    """A block's patterns indexed by anchor word ("(to" for a bare preposition)."""

    __slots__ = ("by_anchor",)

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.by_anchor: dict[str, list[Pattern]] = {}
        for p in patterns:
            for word in _anchor(p):
                self.by_anchor.setdefault(word, []).append(p)

    def best(self, pre: set[str], post: set[str], preps: Mapping[str, set[str]]) -> Pattern | None:
        found: Pattern | None = None
        keys = [*post, *pre, *("(" + p for p in preps), *(w for bag in preps.values() for w in bag)]
        for key in keys:
            for p in self.by_anchor.get(key, ()):
                if (found is None or (p.weight, -p.rank) > (found.weight, -found.rank)) and p.matches(
                    pre, post, preps
                ):
                    found = p
        return found


def _anchor(p: Pattern) -> frozenset[str]:
    if p.post:
        return p.post[0][-1]
    if p.preps:
        prep, phrase = p.preps[0]
        return phrase[-1] if phrase else frozenset({"(" + prep})
    if p.pre:
        return p.pre[0][-1]
    return frozenset({"(*"})


def plurals(word: str) -> set[str]:
    """The word and its regular plural (the PETRARCH rule: +S, Y→IES, SS→SSES)."""
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return {word, word[:-1] + "ies"}
    if word.endswith(("ss", "sh", "ch", "x")):
        return {word, word + "es"}
    return {word, word + "s"}


class VerbLexicon:
    """All verb entries by lemma, with the compiled pattern blocks they share."""

    def __init__(self) -> None:
        self.entries: dict[str, list[VerbEntry]] = {}
        self.blocks: list[_Block] = []
        self._rank = 0

    def add(
        self, dictionary: VerbDictionary, source: str, shared: Mapping[str, list[str]] | None = None
    ) -> None:
        """Add a parsed dictionary; entries added earlier win ties with it.

        ``shared`` synsets (e.g. CAMEO's ``&WEAPON``) are usable unless the dictionary redefines them.
        """
        synsets = _compile_synsets({**(shared or {}), **dictionary.synsets})
        for block in dictionary.blocks:
            patterns = []
            for p in block.patterns:
                compiled = _compile_pattern(p, synsets, self._rank, f"{source}:{p.line}", block.name)
                self._rank += 1
                if compiled is not None:
                    patterns.append(compiled)
            self.blocks.append(_Block(patterns))
            index = len(self.blocks) - 1
            for verb in block.verbs:
                self._add_verb(verb, block, index, source)

    def _add_verb(self, verb: VerbLine, block: VerbBlock, index: int, source: str) -> None:
        lemma = verb.verb.lower()
        entry = VerbEntry(
            lemma=lemma,
            code=verb.code or block.code,
            before=tuple(w.lower() for w in verb.before),
            after=tuple(w.lower() for w in verb.after),
            block=index,
            rank=self._rank,
            label=f"{source} {block.name}: {'_'.join([*verb.before, verb.verb, *verb.after])}",
        )
        self._rank += 1
        self.entries.setdefault(lemma, []).append(entry)

    def __contains__(self, lemma: object) -> bool:
        return lemma in self.entries

    def match(
        self,
        lemmas: Iterable[str],
        pre: set[str],
        post: set[str],
        preps: Mapping[str, set[str]],
        near: set[str],
    ) -> Match | None:
        """Best match for a verb known by ``lemmas`` (lemma, then surface form).

        ``near`` holds the words right around the verb (particles, prepositions, the
        preceding word) for multi-word verbs. A pattern beats a bare verb; among
        patterns, the one requiring more words; then the earlier one.
        """
        best: tuple[int, int, Match] | None = None
        bare: tuple[int, Match] | None = None
        seen_blocks: set[int] = set()
        for lemma in lemmas:
            for entry in self.entries.get(lemma, ()):
                if entry.after and not all(w in near or w in preps for w in entry.after):
                    continue
                if entry.before and not all(w in near for w in entry.before):
                    continue
                extra = len(entry.after) + len(entry.before)
                if entry.block not in seen_blocks:
                    seen_blocks.add(entry.block)
                    p = self.blocks[entry.block].best(pre, post, preps)
                    if p is not None:
                        key = (p.weight + extra, -p.rank)
                        if best is None or key > best[:2]:
                            consumed = frozenset(w for ph in p.post for ws in ph for w in ws & post)
                            match = Match(p.code, p.label, p.weight + extra, consumed, p.prep_only)
                            best = (*key, match)
                if entry.code is not None and (bare is None or extra > bare[0]):
                    code = None if entry.code == NULL_CODE else entry.code
                    bare = (extra, Match(code, entry.label, extra, frozenset()))
        if best is not None and bare is not None and bare[1].code is not None and best[2].prep_only:
            return bare[1]  # a lone preposition ("* (WITH)") says less than the verb's own code
        if best is not None:
            return best[2]
        return bare[1] if bare is not None else None


def _compile_synsets(raw: Mapping[str, list[str]]) -> dict[str, frozenset[str]]:
    result: dict[str, frozenset[str]] = {}
    for label, members in raw.items():
        no_plural = label.endswith("_")
        words: set[str] = set()
        for member in members:
            parts = [p for p in member.rstrip("_").lower().split("_") if p]
            if not parts:
                continue
            # "CEASE_FIRE" is one word to us ("cease-fire", "ceasefire"), never its last part "fire".
            forms = {"-".join(parts), "".join(parts)} if len(parts) > 1 else {parts[0]}
            for flat in forms:
                words |= {flat} if (no_plural or member.endswith("_")) else plurals(flat)
        result[label.rstrip("_")] = frozenset(words)
    return result


def _compile_phrase(words: list[str], synsets: Mapping[str, frozenset[str]]) -> Phrase | None:
    out: list[frozenset[str]] = []
    for word in words:
        if word.startswith("&"):
            members = synsets.get(word[1:].rstrip("_"))
            if members is None:
                return None  # undefined synset: the pattern is ignored, as PETRARCH does
            out.append(members)
        else:
            out.append(frozenset({word.lower()}))
    return tuple(out)


def _compile_pattern(
    p: PatternLine, synsets: Mapping[str, frozenset[str]], rank: int, where: str, block: str
) -> Pattern | None:
    if p.raw_code is not None and not lenient_code(p.raw_code)[1]:
        return None  # not a CAMEO code ([def], [174K]): only the PETRARCH-conformance coder uses it
    pre = [_compile_phrase(w, synsets) for w in p.pre]
    post = [_compile_phrase(w, synsets) for w in p.post]
    preps = [(prep.lower(), _compile_phrase(w, synsets)) for prep, w in p.preps]
    if any(x is None for x in pre + post) or any(x is None for _, x in preps):
        return None
    weight = sum(len(x) for x in pre + post) + sum(1 + len(x) for _, x in preps)  # type: ignore[arg-type]
    text = " ".join(
        [
            *(" ".join(w) for w in p.pre),
            "*",
            *(" ".join(w) for w in p.post),
            *(f"({prep} {' '.join(w)})".replace(" )", ")") for prep, w in p.preps),
        ]
    )
    return Pattern(
        p.code,
        tuple(pre),
        tuple(post),
        tuple(preps),
        weight,
        rank,  # type: ignore[arg-type]
        f"{where} {block}: {text}",
    )


def _from_json(path: Path) -> VerbDictionary:
    data = json.loads(path.read_text(encoding="utf-8"))
    blocks = []
    for b in data["blocks"]:
        blocks.append(
            VerbBlock(
                name=b["name"],
                code=b["code"],
                source=b.get("source", path.name),
                verbs=[VerbLine(**v) for v in b["verbs"]],
                patterns=[
                    PatternLine(
                        code=p["code"],
                        pre=p["pre"],
                        post=p["post"],
                        preps=[(x, list(y)) for x, y in p["preps"]],
                        line=p["line"],
                        comment=p.get("comment", ""),
                    )
                    for p in b["patterns"]
                ],
            )
        )
    return VerbDictionary(synsets=data["synsets"], blocks=blocks)


def _load_file(path: Path) -> VerbDictionary:
    return _from_json(path) if path.suffix == ".json" else read_dictionary(path)


@cache
def _bundled() -> tuple[tuple[str, VerbDictionary], ...]:
    return tuple((name, _load_file(DATA / name)) for name in BUNDLED)


def build_lexicon(verb_files: Iterable[Path] = ()) -> VerbLexicon:
    """User dictionaries first (they win ties), then eventwire's own patterns, then CAMEO 2.0."""
    lexicon = VerbLexicon()
    bundled = _bundled()
    shared: dict[str, list[str]] = {}
    for _name, dictionary in reversed(bundled):
        shared.update(dictionary.synsets)
    for path in verb_files:
        user = _load_file(Path(path))
        for note in user.notes:  # what eventwire's coder does not use is said, never dropped silently
            why = " (eventwire's coder skips it; --coder petrarch uses it)" if "CAMEO" in str(note) else ""
            print(f"warning: {note}{why}", file=sys.stderr)
        lexicon.add(user, Path(path).name, shared)
    for name, dictionary in bundled:
        lexicon.add(dictionary, name, shared)
    return lexicon
