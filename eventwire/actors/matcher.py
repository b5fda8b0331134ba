"""Matching: knowledge-base phrases, pronouns and unknown names in a parsed document, then chains.

``SpanMatcher.match`` walks the tokens once and takes the longest knowledge-base phrase starting at each
token (lowercase word keys and a prefix set, no regular expressions); ``add_unknown`` adds the named
entities the knowledge base does not know; ``chains`` groups adjacent hits that name one actor
("Russian President Vladimir Putin", "Syria's military", "its personnel").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from eventwire.actors.coref import PLACE_HEADS, PRONOUNS
from eventwire.actors.kb import SURNAMES, KnowledgeBase
from eventwire.actors.model import Entry
from eventwire.actors.ranking import status
from eventwire.actors.text import SKIP_TOKENS, norm_token, phrase_key, title_case_ok
from eventwire.coding.cues import active as cues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

POSSESSIVES = frozenset({"'s", "'", "’s", "’"})
NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
PLACE_KINDS = frozenset({"country", "metonym", "place"})
# Words allowed between a possessor or adjective and a title; "former"/"ex" make the title ELI.
_TITLE_MODIFIERS_WORDS = (
    "former then ex - acting outgoing incoming new top senior deputy interim late leading prominent"
)
TITLE_MODIFIERS = frozenset(_TITLE_MODIFIERS_WORDS.split())
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "sheikh", "sheik", "prince", "princess"}
)
FORMER_WORDS = frozenset({"former", "ex"})
_DUMMY_IT_HEADS = frozenset({"be", "seem", "appear", "rain", "take"})


@dataclass(slots=True)
class Hit:
    """A matched span: knowledge-base candidates, a pronoun, an unknown entity or a place noun."""

    start: int  # token indices, end exclusive
    end: int
    kind: str  # "name" | "agent" | "pron" | "ent" | "place"
    cands: list[tuple[Entry, str]]
    label: str = ""  # spaCy entity label for "ent" spans


class SpanMatcher:
    """Finds the hits of a document against a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def match(self, doc: Doc, words: list[str], as_of: date | None) -> list[Hit]:
        """Hits in token order: at each token the longest acceptable knowledge-base phrase (``words`` are
        the tokens' keys, see ``text.norm_token``), pronouns, and "the country"-style place nouns."""
        index, prefixes = self.kb.index, self.kb.prefixes
        spans: list[Hit] = []
        named: set[str] = set()  # last words of people already named in full
        n = len(words)
        i = 0
        while i < n:
            word = words[i]
            if word in PRONOUNS and doc[i].pos_ == "PRON":
                if not _expletive(doc[i]):
                    spans.append(Hit(i, i + 1, "pron", []))
                i += 1
                continue
            if word not in index and word not in prefixes:
                if word in PLACE_HEADS and i > 0 and words[i - 1] == "the":
                    spans.append(Hit(i, i + 1, "place", []))
                i += 1
                continue
            found: list[tuple[int, str]] = []
            key, j = word, i
            while True:
                if key in index:
                    found.append((j + 1, key))
                if key not in prefixes:
                    break
                k = j + 1
                while k < n and words[k] in SKIP_TOKENS:
                    k += 1
                if k >= n:
                    break
                key, j = f"{key} {words[k]}", k
            for end, key in reversed(found):
                accepted = self._accept(doc, i, end, index[key], as_of, named)
                if accepted:
                    kind = "agent" if all(e.kind == "agent" for e, _ in accepted) else "name"
                    if kind == "name":
                        accepted = [(e, h) for e, h in accepted if e.kind != "agent"]
                    spans.append(Hit(i, end, kind, accepted))
                    if end - i > 1 and any(e.kind == "person" for e, _ in accepted):
                        named.add(words[end - 1])
                    i = end
                    break
            else:
                i += 1
        return spans

    def _accept(
        self, doc: Doc, start: int, end: int, hits: tuple[int, ...], as_of: date | None, named: set[str]
    ) -> list[tuple[Entry, str]]:
        """The hits that fit the text: names capitalised and not dates; agents headed by a noun and not
        part of a longer proper name ("Group" in "American International Group"); a surname alone only
        for someone holding a role on the date or named in full earlier in the document."""
        tokens = doc[start:end]
        last = doc[end - 1]
        name_ok = None
        keep = []
        for value in hits:
            entry, how = self.kb.candidates_of(value)
            if entry.kind == "agent":
                short = end - start == 1 and not tokens[0].is_lower and not acronym_ok(tokens[0].text)
                if (
                    not short
                    and (
                        last.pos_ in ("NOUN", "PROPN")
                        or (last.pos_ == "ADJ" and last.dep_ in ("nsubj", "dobj", "pobj"))
                    )
                    and not self._inside_entity(doc, start, end)
                ):
                    keep.append((entry, how))
                continue
            if name_ok is None:
                name_ok = title_case_ok([t.text for t in tokens]) and not (
                    end - start == 1 and tokens[0].ent_type_ in NOT_NAMES
                )
            if not name_ok:
                continue
            if entry.kind in PLACE_KINDS and start > 0 and doc[start - 1].lower_ == "ethnic":
                continue  # "ethnic Albanians in Macedonia" are not Albania
            if entry.kind in PLACE_KINDS and _inside_person(doc, start, end, self.kb.index):
                continue  # a demonym inside a personal name: "Volker Türk", "Nicholas English"
            if (
                entry.kind == "person"
                and end - start == 1
                and not lone_name_ok(doc, start, entry, as_of)
                and not self._mistagged_surname(doc[start], entry, how, hits, as_of)
            ):
                continue
            if entry.kind != "person" and end - start == 1 and not acronym_ok(tokens[0].text):
                continue
            if how in SURNAMES and status(entry, as_of) != 0 and norm_token(tokens[-1].text) not in named:
                continue
            keep.append((entry, how))
        return keep

    def _mistagged_surname(
        self, tok: Token, entry: Entry, how: str, hits: tuple[int, ...], as_of: date | None
    ) -> bool:
        """A surname the tagger took for a place ("Zelenskyy" as GPE): accepted when the entry lists it as
        used alone, holds a role on the date, and no place or country answers to the word ("Austin")."""
        return (
            how == "lone"
            and tok.pos_ == "PROPN"
            and tok.ent_type_ in ("GPE", "LOC")
            and status(entry, as_of) == 0
            and not any(self.kb.entry(v >> 2).kind in PLACE_KINDS for v in hits)
        )

    def _inside_entity(self, doc: Doc, start: int, end: int) -> bool:
        """Whether an agent phrase is a proper part of a longer name ("Group" in "American International
        Group"); a country or place before it does not count ("Sudanese Government", "Dubai Ruler")."""
        last = doc[end - 1]
        if last.pos_ != "PROPN" or not last.ent_type_ or last.ent_type_ in ("NORP", "DATE", "TIME"):
            return False
        if end < len(doc) and doc[end].ent_iob_ == "I":
            return True
        if doc[start].ent_iob_ != "I":
            return False
        ent_start = start
        while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        while ent_start < start and doc[ent_start].lower_ == "the":
            ent_start += 1
        key = phrase_key([norm_token(t.text) for t in doc[ent_start:start]])
        return not any(e.kind in PLACE_KINDS for e, _ in self.kb.candidates(key))

    def add_unknown(self, doc: Doc, spans: list[Hit]) -> list[Hit]:
        """Named entities (people, organisations) the knowledge base does not know."""
        covered = bytearray(len(doc))
        for s in spans:
            if s.kind != "pron":
                covered[s.start : s.end] = b"\x01" * (s.end - s.start)
        extra = []
        person_words = {norm_token(ent[-1].text) for ent in doc.ents if ent.label_ == "PERSON"}
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ == "the":
                start += 1
            free = [i for i in range(start, end) if not covered[i]]
            if not free:
                continue
            # keep the uncovered tail of the entity (its leading part may be a title or adjective we matched)
            first = free[0]
            if any(covered[i] for i in range(first, end)) or not any(doc[i].is_title for i in free):
                continue  # a gap inside a matched name, or only "'s" and punctuation left over
            extra.append(Hit(first, end, "ent", [], ent.label_))
        in_person = {i for s in extra for i in range(s.start, s.end)}
        for tok in doc:  # a surname repeated where the tagger saw no person: "Zilberstein met the king"
            repeated = tok.pos_ in ("PROPN", "NOUN") and tok.is_title and tok.ent_iob_ != "I"
            if (
                repeated
                and tok.i not in in_person
                and not covered[tok.i]
                and norm_token(tok.text) in person_words
            ):
                extra = [s for s in extra if not s.start <= tok.i < s.end]
                extra.append(Hit(tok.i, tok.i + 1, "ent", [], "PERSON"))
        if not extra:
            return spans
        spans = [
            s for s in spans if not (s.kind == "pron" and any(e.start <= s.start < e.end for e in extra))
        ]
        return sorted(spans + extra, key=lambda s: s.start)


def chains(doc: Doc, hits: list[Hit]) -> list[list[Hit]]:
    """Group adjacent hits into chains (see ``links``)."""
    out: list[list[Hit]] = []
    for hit in hits:
        if out and links(doc, out[-1][-1], hit):
            out[-1].append(hit)
        else:
            out.append([hit])
    return out


def links(doc: Doc, prev: Hit, nxt: Hit) -> bool:
    """Whether ``nxt`` continues the chain ending in ``prev`` (see the module docstring). Between them
    there may be a possessive and title modifiers ("Catalonia's former leader X")."""
    gap_words = [t.lower_ for t in doc[prev.end : nxt.start]]
    possessive = bool(gap_words) and gap_words[0] in POSSESSIVES
    rest = gap_words[1:] if possessive else gap_words
    if len(rest) > 2 or any(w not in TITLE_MODIFIERS and w not in HONORIFICS for w in rest):
        return False
    if rest and nxt.kind != "agent" and not (nxt.kind in ("name", "ent") and set(rest) <= HONORIFICS):
        return False
    place = prev.kind == "name" and any(e.kind in PLACE_KINDS for e, _ in prev.cands)
    org = prev.kind == "name" and any(e.kind == "org" for e, _ in prev.cands)
    nxt_named = nxt.kind == "ent" or (
        nxt.kind == "name" and any(e.kind in ("person", "org") for e, _ in nxt.cands)
    )
    if nxt.kind == "name" and all(e.kind in PLACE_KINDS for e, _ in nxt.cands):
        return False
    if possessive:
        return prev.kind in ("name", "ent") and (nxt.kind == "agent" or (place and nxt_named))
    if prev.kind == "pron":
        return nxt.kind == "agent" and doc[prev.start].tag_ == "PRP$"
    if place or prev.kind == "agent":
        return nxt.kind == "agent" or nxt_named
    if org and not rest:  # "U.S. President Donald Trump", "Hamas leader"
        person = (nxt.kind == "ent" and nxt.label == "PERSON") or any(
            e.kind == "person" for e, _ in nxt.cands
        )
        return nxt.kind == "agent" or person
    return False


def _inside_person(doc: Doc, start: int, end: int, index: dict) -> bool:
    """Whether tokens start..end continue a personal name begun by a capitalised word before them that
    is no knowledge-base word ("Volker Türk", "Ingrid French"; the tagger may call the latter NORP)."""
    tok, prev = doc[start], doc[start - 1] if start > 0 else None
    return (
        prev is not None
        and tok.ent_type_ in ("PERSON", "NORP")
        and tok.ent_iob_ == "I"
        and prev.pos_ == "PROPN"
        and prev.is_title
        and norm_token(prev.text) not in HONORIFICS
        and norm_token(prev.text) not in index
    )


def lone_name_ok(doc: Doc, i: int, entry: Entry, as_of: date | None) -> bool:
    """Whether a one-word name ("Lapid", "Assad") may stand for ``entry``: a proper noun (or a capitalised
    noun, as the tagger often calls a sentence-initial surname, when the person holds a role on the date),
    and not part of a longer name we do not know ("Iddo Netanyahu", "Avraham Zilberstein")."""
    tok = doc[i]
    if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and tok.is_title and status(entry, as_of) == 0):
        return False
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return False  # "Austin" the city, not Lloyd Austin
    if i > 0 and tok.ent_iob_ == "I" and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title:
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return not (nxt is not None and nxt.ent_iob_ == "I" and nxt.pos_ == "PROPN" and nxt.is_title)


def _expletive(tok: Token) -> bool:
    """A dummy "it" that refers to nothing: "it is likely that...", "it seems", "it was reported"."""
    if tok.lower_ != "it":
        return False
    if tok.dep_ == "expl":
        return True
    if tok.dep_ == "nsubjpass":
        return tok.head.lemma_ in cues().role("actor_context")  # "it was reported that", "it is believed"
    head = tok.head  # "it is likely that ...", "it seems that ...": a clause follows
    clause = any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children)
    return tok.dep_ == "nsubj" and head.lemma_ in _DUMMY_IT_HEADS and clause


def acronym_ok(text: str) -> bool:
    """Short names of organisations and countries are acronyms: "UN", "U.S.", "NGO" but not "Ngo"."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 or all(c.isupper() for c in letters)


def former(doc: Doc, chain: list[Hit]) -> bool:
    """Whether the title of a chain is marked as past: "former president X", "Catalonia's ex-leader"."""
    start = max(0, chain[0].start - 2)
    return any(doc[i].lower_ in FORMER_WORDS for i in range(start, chain[-1].start))
