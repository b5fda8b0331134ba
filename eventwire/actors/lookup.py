"""Explaining a name: every knowledge-base entry it can mean on a date, which one wins and why.

Used by ``eventwire actors lookup`` and ``eventwire eval actors``. A name that is not in the knowledge base
is tried without its leading title words ("Russian President Vladimir Putin" → "vladimir putin"): before
a surname or a place only words the knowledge base knows as titles, places, organisations or honorifics
are dropped, never a given name ("Volker Türk" is not "Türk", "Ibrahim Traoré" is not any Traoré); before a
full name of two or more words any leading words may go ("UN aid chief Martin Griffiths"). Failing that,
an unknown name after a title resolves from the title ("Israeli Foreign Minister Avraham Zilberstein" →
ISR GOV, reason "title"). Title words that name a country or an organisation ("UN", "Kenyan") rank the
candidates of that country first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventwire.actors.codes import join_code
from eventwire.actors.kb import SURNAMES, KnowledgeBase, without_article
from eventwire.actors.matcher import FORMER_WORDS, HONORIFICS, PLACE_KINDS, TITLE_MODIFIERS
from eventwire.actors.model import Candidate
from eventwire.actors.ranking import candidate, decide, resolve_entry
from eventwire.actors.text import phrase_key, phrase_words

_TITLE_KINDS = PLACE_KINDS | {"agent", "org"}


@dataclass(slots=True)
class Resolution:
    """How a name resolves on a date: the chosen candidate (None when unknown or ambiguous), every
    candidate that competed (best first) and why the winner won."""

    chosen: Candidate | None
    candidates: list[Candidate]
    why: str


def resolve_name(kb: KnowledgeBase, name: str, as_of: date | None = None) -> Resolution:
    """Resolve ``name`` as a headline or a sentence would name it, on ``as_of``."""
    words = phrase_words(name)
    if words[:1] == ("the",):
        words = words[1:]
    if not words:
        return Resolution(None, [], "empty name")
    if "al" in words[:-1] and not kb.candidates(phrase_key(words)):
        words = without_article(words)  # "al-Burhan" → "burhan", "President al-Sisi" → "president sisi"
    titles = set(title_cuts(kb, words))
    for cut in range(len(words)):
        tail = phrase_key(words[cut:])
        cands = [(e, h) for e, h in kb.candidates(tail) if cut == 0 or e.kind != "agent"]
        if cut and cut not in titles:
            # words the knowledge base does not know as titles ("General", "UN aid chief") may go only
            # before a full name of two or more words, never before a surname or a place
            full = len(words) - cut >= 2 and any(
                h not in SURNAMES and e.kind in ("person", "org") for e, h in cands
            )
            named = [(e, h) for e, h in cands if h not in SURNAMES and e.kind in ("person", "org")]
            cands = named if full else []
        if not cands and len(words) - cut >= 3:
            # a middle name the knowledge base does not list: "Emmanuel Jean-Michel Macron" is Emmanuel Macron
            short = phrase_key((words[cut], words[-1]))
            cands = [(e, "variant") for e, h in kb.candidates(short) if h == "name" and e.kind == "person"]
        if not cands:
            continue
        decision = decide(cands, as_of, title_country(kb, words[:cut], as_of) if cut else None)
        found = [
            candidate(e, how, as_of, tail if how not in SURNAMES else "surname") for e, how in decision.ranked
        ]
        why = decision.why if cut == 0 else f"title words {' '.join(words[:cut])!r} dropped; {decision.why}"
        if decision.best is not None:
            found[decision.ranked.index(decision.best)].chosen = True
            chosen = next(c for c in found if c.chosen)
            if cut and chosen.kind == "person" and chosen.sector in (None, "ELI"):
                why += _newer_title(kb, chosen, words[:cut], as_of)
            found.remove(chosen)
            found.insert(0, chosen)
            return Resolution(chosen, found, why)
        return Resolution(None, found, why)
    titled = _title_candidate(kb, name, words, as_of)
    if titled is not None:
        titled.chosen = True
        return Resolution(titled, [titled], "not in the knowledge base: resolved from the title")
    return Resolution(None, [], "not in the knowledge base")


def lookup(kb: KnowledgeBase, name: str, as_of: date | None = None) -> list[Candidate]:
    """Every way ``name`` can resolve on ``as_of``, the chosen one first (``Candidate.chosen``)."""
    return resolve_name(kb, name, as_of).candidates


def title_cuts(kb: KnowledgeBase, words: tuple[str, ...]) -> list[int]:
    """How many leading words may be dropped as title words, shortest first: runs of knowledge-base
    titles, places, organisations, honorifics and title modifiers ("russian president", "un envoy",
    "former"), always leaving at least one word."""
    cuts: list[int] = []
    i = 0
    while i < len(words) - 1:
        if words[i] in HONORIFICS or words[i] in TITLE_MODIFIERS or words[i] in ("'s", "of", "for"):
            i += 1
            cuts.append(i)
            continue
        for n in range(len(words) - 1 - i, 0, -1):
            key = phrase_key(words[i : i + n])
            if any(e.kind in _TITLE_KINDS and h == "name" for e, h in kb.candidates(key)):
                i += n
                cuts.append(i)
                break
        else:
            break
    return cuts


def _newer_title(kb: KnowledgeBase, chosen: Candidate, title: tuple[str, ...], as_of: date | None) -> str:
    """A title newer than the knowledge base ("President X" for someone it knows only as a former
    official) gives the sector, as the resolver does in text; returns the note to add to the reason."""
    sector = None
    if any(w in FORMER_WORDS for w in title):
        return ""  # "former President X" stays a former official
    for i in range(len(title)):
        for n in range(len(title) - i, 0, -1):
            agent = next(
                (e for e, h in kb.candidates(phrase_key(title[i : i + n])) if e.kind == "agent"), None
            )
            if agent is not None:
                sector = agent.country_sector(None)[1] or sector
    if sector in (None, "ELI"):
        return ""
    chosen.country = title_country(kb, title, as_of) or chosen.country
    chosen.sector, chosen.code, chosen.reason = sector, join_code(chosen.country, sector), "title"
    chosen.notes.append(f"the title gives {sector}: newer than the knowledge base")
    return f"; the title gives {sector} (no role known on the date)"


def title_country(kb: KnowledgeBase, words: tuple[str, ...], as_of: date | None) -> str | None:
    """The country (``IGO`` for an organisation) the title words name: "un envoy" → IGO, "kenyan
    foreign minister" → KEN; None when they name none."""
    for i in range(len(words)):
        for n in range(len(words) - i, 0, -1):
            cands = [e for e, h in kb.candidates(phrase_key(words[i : i + n])) if h == "name"]
            fit = next((e for e in cands if e.kind in PLACE_KINDS or e.kind == "org"), None)
            if fit is not None:
                return resolve_entry(fit, as_of)[0]
    return None


def _title_candidate(
    kb: KnowledgeBase, name: str, words: tuple[str, ...], as_of: date | None
) -> Candidate | None:
    """An unknown name after a title: "Israeli Foreign Minister Avraham Zilberstein" → ISR GOV."""
    country = sector = None
    used: list[str] = []
    i = 0
    while i < len(words) - 1:
        for n in range(len(words) - 1 - i, 0, -1):
            cands = [e for e, how in kb.candidates(phrase_key(words[i : i + n])) if how == "name"]
            place = next((e for e in cands if e.kind in PLACE_KINDS), None)
            agent = next((e for e in cands if e.kind == "agent"), None)
            if place is not None and country is None:
                country = resolve_entry(place, as_of)[0]
                used.append(place.id)
            elif agent is not None:
                sector = agent.country_sector(None)[1] or sector
                used.append(agent.id)
            else:
                continue
            i += n
            break
        else:
            break
    if sector is None or i == 0:
        return None
    rest = " ".join(name.split()[-(len(words) - i) :])
    code = join_code(country, sector)
    return Candidate(
        name=rest,
        country=country,
        sector=sector,
        code=code,
        start=None,
        end=None,
        reason="title",
        entry="+".join(used),
        kind="person",
        source="the title in the name",
        matched=phrase_key(words[:i]),
        notes=["not in the knowledge base: resolved from the title"],
    )
