"""Explaining a name: every knowledge-base entry it can mean on a date, best first.

Used by ``eventwire actors lookup``. A name that is not in the knowledge base is tried without its
leading words ("Russian President Vladimir Putin" → "vladimir putin"), then as an unknown person after a
title ("Israeli Foreign Minister Avraham Zilberstein" → ISR GOV, reason "title").
"""

from __future__ import annotations

from datetime import date

from eventwire.actors.codes import join_code
from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.matcher import PLACE_KINDS
from eventwire.actors.model import Candidate
from eventwire.actors.ranking import candidate, ranked, resolve_entry
from eventwire.actors.text import phrase_key, phrase_words


def lookup(kb: KnowledgeBase, name: str, as_of: date | None = None) -> list[Candidate]:
    """Every way ``name`` can resolve on ``as_of``, best first (for ``eventwire actors lookup``)."""
    words = phrase_words(name)
    if words[:1] == ("the",):
        words = words[1:]
    key = phrase_key(words)
    found = [
        candidate(e, how, as_of, key if how == "name" else "surname")
        for e, how in ranked(kb.candidates(key), as_of)
    ]
    if found:
        return found
    for cut in range(1, len(words)):  # "Russian President Vladimir Putin" → "vladimir putin"
        tail = phrase_key(words[cut:])
        cands = [(e, h) for e, h in kb.candidates(tail) if e.kind != "agent"]
        if cands:
            return [
                candidate(e, how, as_of, tail if how == "name" else "surname")
                for e, how in ranked(cands, as_of)
            ]
    titled = _title_candidate(kb, name, words, as_of)
    return [titled] if titled else []


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
