"""Find and resolve every actor mention in a parsed document, as of the publication date.

Three passes over the spaCy tokens, all dictionary lookups:

1. match: the longest knowledge-base phrase starting at each token (a walk over lowercase word keys
   with a prefix set, not regular expressions); names must look like names (capitalised, not a date);
2. chain: adjacent spans form one mention — adjective + agent ("the Russian army"), title + name
   ("Russian President Vladimir Putin"), possessor + agent ("Syria's military", "its personnel"),
   agent + "of/in" + country ("aerial defense systems in Syria");
3. resolve: each chain's head decides (a named entry's role on the date, else the title and adjective,
   else the antecedent of a pronoun or definite description, see ``coref``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from eventwire.actors.codes import join_code
from eventwire.actors.coref import (
    GROUP_HEADS,
    PERSON_HEADS,
    PLACE_HEADS,
    PRONOUNS,
    Prior,
    antecedent_for_description,
    antecedent_for_pronoun,
)
from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.model import Candidate, Entry
from eventwire.actors.ranking import candidate, ranked, reason_for, resolve_entry, status
from eventwire.actors.text import SKIP_TOKENS, norm_token, phrase_key, phrase_words, title_case_ok
from eventwire.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

POSSESSIVES = frozenset({"'s", "'", "’s", "’"})
NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
PLACE_KINDS = frozenset({"country", "metonym", "place"})
# Words allowed between a possessor or adjective and a title; "former"/"ex" make the title ELI.
TITLE_MODIFIERS = frozenset(
    {
        "former",
        "then",
        "ex",
        "-",
        "acting",
        "outgoing",
        "incoming",
        "new",
        "top",
        "senior",
        "deputy",
        "interim",
        "late",
    }
)
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "sheikh", "sheik", "prince", "princess"}
)
NON_STATE_SECTORS = frozenset({"REB", "PRM", "UAF", "OPP", "CRM"})
FORMER_WORDS = frozenset({"former", "ex"})
ATTACH_PREPS = frozenset({"of", "in"})
MEDIA_HEADS = frozenset(
    [
        "post",
        "times",
        "news",
        "herald",
        "daily",
        "tribune",
        "gazette",
        "journal",
        "agency",
        "radio",
        "tv",
        "press",
        "telegraph",
    ]
)


@dataclass(slots=True)
class _Span:
    start: int  # token indices, end exclusive
    end: int
    kind: str  # "name" | "agent" | "pron" | "ent" | "place"
    cands: list[tuple[Entry, str]]
    label: str = ""  # spaCy entity label for "ent" spans


@dataclass(slots=True)
class _Out:
    start: int
    end: int
    name: str | None
    country: str | None
    sector: str | None
    code: str | None
    reason: str
    entry: str | None
    info: Prior


class ActorResolver:
    """Resolves actor mentions against a ``KnowledgeBase``; holds no per-document state."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    # ----------------------------------------------------------------- lookup
    def lookup(self, name: str, as_of: date | None = None) -> list[Candidate]:
        """Every way ``name`` can resolve on ``as_of``, best first (for ``eventwire actors lookup``)."""
        words = phrase_words(name)
        if words[:1] == ("the",):
            words = words[1:]
        key = phrase_key(words)
        found = [
            candidate(e, how, as_of, key if how == "name" else "surname")
            for e, how in ranked(self.kb.candidates(key), as_of)
        ]
        if found:
            return found
        for cut in range(1, len(words)):  # "Russian President Vladimir Putin" → "vladimir putin"
            tail = phrase_key(words[cut:])
            cands = [(e, h) for e, h in self.kb.candidates(tail) if e.kind != "agent"]
            if cands:
                return [
                    candidate(e, how, as_of, tail if how == "name" else "surname")
                    for e, how in ranked(cands, as_of)
                ]
        return []

    # ---------------------------------------------------------------- resolve
    def resolve(self, doc: Doc, as_of: date | None = None) -> list[Mention]:
        """Every actor-bearing span of ``doc`` as a ``Mention``: non-overlapping, sorted by start."""
        words = [norm_token(t.text) for t in doc]
        spans = self._match(doc, words, as_of)
        spans = self._add_unknown(doc, spans)
        sents = _sentence_ids(doc)
        outs: list[_Out] = []
        memory: dict[str, _Out] = {}
        last_end = 0
        for chain in self._chains(doc, spans):
            if chain[0].start < last_end:
                continue  # swallowed by the previous mention ("aerial defense systems in Syria")
            out = self._resolve_chain(doc, chain, as_of, sents, outs, memory)
            if out is not None and out.reason in ("agent", "title") and _former(doc, chain):
                out.sector, out.code = "ELI", join_code(out.country, "ELI")  # "former president X"
                out.info.sector = "ELI"
            if out is not None and out.reason != "coreference" and not out.info.title:
                titles = [doc[s.end - 1].lower_ for s in chain if s.kind == "agent"]
                out.info.title = titles[-1] if titles else ""
            if out is not None and outs and out.start < outs[-1].end:
                out.start = outs[-1].end  # never reach back into the previous mention
            if out is not None and out.start < out.end and (out.country or out.sector or out.name):
                last_end = out.end
                out.info.index = len(outs)
                outs.append(out)
        self._appositives(doc, outs)
        text = doc.text  # built from the tokens on every access, so once
        return [
            Mention(
                text=text[doc[o.start].idx : _end_char(doc, o.end)],
                start=doc[o.start].idx,
                end=_end_char(doc, o.end),
                name=o.name,
                country=o.country,
                sector=o.sector,
                code=o.code,
                reason=o.reason,
                entry=o.entry,
            )
            for o in outs
        ]

    def _appositives(self, doc: Doc, outs: list[_Out]) -> None:
        """Unknown people named in apposition to a resolved title: "Putin's spokesman, John Doe" or
        "John Doe, Israel's ambassador" (reason "context"). Adds to ``outs`` in place, sorted."""
        taken = bytearray(len(doc))
        owner: dict[int, _Out] = {}
        for o in outs:
            for i in range(o.start, o.end):
                taken[i] = 1
                owner[i] = o
        added = False
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(taken[i] for i in range(ent.start, ent.end)):
                continue
            root = ent.root
            links = [root.head] if root.dep_ == "appos" else []
            links += [c for c in root.children if c.dep_ == "appos"]
            src = next((owner[t.i] for t in links if t.i in owner and owner[t.i].country), None)
            if src is None:
                continue
            outs.append(
                _out(
                    ent.start,
                    ent.end,
                    ent.text,
                    src.country,
                    src.sector,
                    src.code,
                    "context",
                    src.entry,
                    _info(src.info, src.info.sent),
                )
            )
            added = True
        if added:
            outs.sort(key=lambda o: o.start)

    # ------------------------------------------------------------------ match
    def _match(self, doc: Doc, words: list[str], as_of: date | None) -> list[_Span]:
        index, prefixes = self.kb.index, self.kb.prefixes
        spans: list[_Span] = []
        named: set[str] = set()  # last words of people already named in full
        n = len(words)
        i = 0
        while i < n:
            word = words[i]
            if word in PRONOUNS and doc[i].pos_ == "PRON":
                spans.append(_Span(i, i + 1, "pron", []))
                i += 1
                continue
            if word not in index and word not in prefixes:
                if word in PLACE_HEADS and i > 0 and words[i - 1] == "the":
                    spans.append(_Span(i, i + 1, "place", []))
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
                    spans.append(_Span(i, end, kind, accepted))
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
            entry, how = self.kb.entry(value >> 1), "surname" if value & 1 else "name"
            if entry.kind == "agent":
                if (
                    last.pos_ in ("NOUN", "PROPN")
                    or (last.pos_ == "ADJ" and last.dep_ in ("nsubj", "dobj", "pobj"))
                ) and not self._inside_entity(doc, start, end):
                    keep.append((entry, how))
                continue
            if name_ok is None:
                name_ok = title_case_ok([t.text for t in tokens]) and not (
                    end - start == 1 and tokens[0].ent_type_ in NOT_NAMES
                )
            if not name_ok:
                continue
            if entry.kind == "person" and end - start == 1 and not _lone_name_ok(doc, start, entry, as_of):
                continue
            if how == "surname" and status(entry, as_of) != 0 and tokens[-1].lower_ not in named:
                continue
            keep.append((entry, how))
        return keep

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

    def _add_unknown(self, doc: Doc, spans: list[_Span]) -> list[_Span]:
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
            extra.append(_Span(first, end, "ent", [], ent.label_))
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
                extra.append(_Span(tok.i, tok.i + 1, "ent", [], "PERSON"))
        if not extra:
            return spans
        spans = [
            s for s in spans if not (s.kind == "pron" and any(e.start <= s.start < e.end for e in extra))
        ]
        return sorted(spans + extra, key=lambda s: s.start)

    # ------------------------------------------------------------------ chain
    def _chains(self, doc: Doc, spans: list[_Span]) -> list[list[_Span]]:
        chains: list[list[_Span]] = []
        for span in spans:
            if chains and _links(doc, chains[-1][-1], span):
                chains[-1].append(span)
            else:
                chains.append([span])
        return chains

    # ---------------------------------------------------------------- resolve
    def _resolve_chain(
        self,
        doc: Doc,
        chain: list[_Span],
        as_of: date | None,
        sents: list[int],
        outs: list[_Out],
        memory: dict[str, _Out],
    ) -> _Out | None:
        head = chain[-1]
        mods = chain[:-1]
        start, end = chain[0].start, head.end
        sent = sents[head.start]
        prior = [o.info for o in outs]
        ctx_country, ctx_sector, ctx_entry, ctx_reason = self._modifiers(doc, mods, as_of, sent, outs)
        head_tok = doc[head.end - 1]

        if head.kind == "pron":
            ante = antecedent_for_pronoun(doc[head.start].text, sent, prior)
            if ante is None:
                return None
            src = outs[ante.index]
            return _out(
                start,
                end,
                src.name,
                src.country,
                src.sector,
                src.code,
                "coreference",
                src.entry,
                _info(src.info, sent),
            )
        if head.kind == "place":
            ante = antecedent_for_description(head_tok.lower_, None, None, sent, prior)
            if ante is None:
                return None
            src = outs[ante.index]
            return _out(
                start - 1,
                end,
                src.name,
                src.country,
                None,
                src.country,
                "coreference",
                src.entry,
                _info(src.info, sent, country_kind=True),
            )
        if head.kind == "ent":
            surname = norm_token(doc[head.end - 1].text)
            if not mods and head.label == "PERSON" and head.end - head.start == 1 and surname in memory:
                src = memory[surname]
                return _out(
                    start,
                    end,
                    src.name,
                    src.country,
                    src.sector,
                    src.code,
                    "coreference",
                    src.entry,
                    _info(src.info, sent),
                )
            if not mods or (ctx_country is None and ctx_sector is None):
                return _out(
                    start, end, None, None, None, None, "", None, _prior(sent, person=head.label == "PERSON")
                )
            sector = ctx_sector
            if sector is None and head.label == "ORG" and head_tok.lower_ in MEDIA_HEADS:
                sector = "JRN"
            same_entity = doc[start].ent_iob_ != "O" and doc[start].ent_type_ == head.label
            name = doc[start if same_entity else head.start : head.end].text
            out = _out(
                start,
                end,
                name,
                ctx_country,
                sector,
                join_code(ctx_country, sector),
                "title" if ctx_sector else "context",
                ctx_entry,
                _prior(sent, person=head.label == "PERSON", country=ctx_country, sector=sector),
            )
            if head.label == "PERSON":
                memory[surname] = out
            return out
        if head.kind == "agent":
            return self._resolve_agent(
                doc, chain, as_of, sent, outs, (ctx_country, ctx_sector, ctx_entry, ctx_reason)
            )
        return self._resolve_name(doc, chain, as_of, sent, memory, (ctx_country, ctx_sector, ctx_entry))

    def _resolve_name(
        self,
        doc: Doc,
        chain: list[_Span],
        as_of: date | None,
        sent: int,
        memory: dict[str, _Out],
        ctx: tuple[str | None, str | None, str | None],
    ) -> _Out:
        head = chain[-1]
        start, end = chain[0].start, head.end
        best = ranked(head.cands, as_of)
        entry, how = best[0]
        surname = norm_token(doc[head.end - 1].text)
        if entry.kind == "person" and head.end - head.start == 1 and surname in memory and len(chain) == 1:
            src = memory[surname]
            return _out(
                start,
                end,
                src.name,
                src.country,
                src.sector,
                src.code,
                "coreference",
                src.entry,
                _info(src.info, sent),
            )
        country, sector, code, _, _ = resolve_entry(entry, as_of)
        reason = reason_for(entry)
        ctx_country, ctx_sector, _ = ctx
        if (
            entry.kind == "person"
            and ctx_sector not in (None, "ELI")
            and (status(entry, as_of) == 2 or sector == "ELI")
        ):
            # the text's title is newer than the dictionary ("Israeli Foreign Minister X" after X's last role)
            country, sector, reason = ctx_country or country, ctx_sector, "title"
            code = join_code(country, sector)
        if entry.kind in PLACE_KINDS and _inside_larger_name(doc, head):
            country, sector, reason = country, None, "context"
            code = country
        if entry.kind in ("org", "metonym") and start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        tok = doc[head.end - 1]
        adjective = (
            entry.kind in PLACE_KINDS
            and len(chain) == 1
            and (tok.pos_ == "ADJ" or tok.dep_ in ("amod", "compound"))
        )
        info = _prior(
            sent,
            person=entry.kind == "person",
            country=country,
            sector=sector,
            adjective=adjective,
            plural=tok.tag_ in ("NNS", "NNPS"),
            group=entry.kind == "org",
            country_kind=entry.kind == "country",
        )
        out = _out(
            start,
            end,
            entry.name if entry.kind not in ("country", "metonym") else None,
            country,
            sector,
            code,
            reason,
            entry.id,
            info,
        )
        if entry.kind == "person" and (head.end - head.start > 1 or how == "name"):
            memory[surname] = out
        return out

    def _resolve_agent(
        self,
        doc: Doc,
        chain: list[_Span],
        as_of: date | None,
        sent: int,
        outs: list[_Out],
        ctx: tuple[str | None, str | None, str | None, str],
    ) -> _Out | None:
        head = chain[-1]
        start, end = chain[0].start, head.end
        agent = head.cands[0][0]
        _, agent_sector, _, _ = agent.country_sector(None)
        ctx_country, ctx_sector, ctx_entry, ctx_reason = ctx
        country = ctx_country
        entry_id = f"{ctx_entry}+{agent.id}" if ctx_entry else agent.id
        reason = ctx_reason if ctx_reason == "coreference" else "agent"
        if country is None:  # "aerial defense systems in Syria", "the army of Iraq"
            attached = self._attachment(doc, head.end, as_of, doc[head.end - 1].lower_)
            if attached is not None:
                country, attached_sector, end, attached_id = attached
                ctx_sector = ctx_sector or attached_sector
                entry_id = f"{attached_id}+{agent.id}"
        # "Hezbollah fighters", "rebel commander", "opposition leader": the non-state side decides
        sector = ctx_sector if ctx_sector in NON_STATE_SECTORS else agent_sector or ctx_sector
        head_word = doc[head.end - 1].lower_
        person = head_word in PERSON_HEADS
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in doc[head.end - 1].children)
        prior = [o.info for o in outs]
        if definite and (person or head_word in GROUP_HEADS) and ctx_reason != "coreference":
            ante = antecedent_for_description(head_word, country, sector, sent, prior)
            if ante is not None:
                src = outs[ante.index]
                if start > 0 and doc[start - 1].lower_ == "the":
                    start -= 1
                return _out(
                    start,
                    end,
                    src.name,
                    src.country,
                    src.sector,
                    src.code,
                    "coreference",
                    src.entry,
                    _info(src.info, sent),
                )
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        tok = doc[head.end - 1]
        info = _prior(
            sent,
            person=person,
            country=country,
            sector=sector,
            plural=tok.tag_ in ("NNS", "NNPS"),
            group=head_word in GROUP_HEADS or sector in ("REB", "MIL", "PRM"),
        )
        return _out(start, end, None, country, sector, join_code(country, sector), reason, entry_id, info)

    def _modifiers(
        self, doc: Doc, mods: list[_Span], as_of: date | None, sent: int, outs: list[_Out]
    ) -> tuple[str | None, str | None, str | None, str]:
        """(country, sector, entry id, reason) contributed by the chain's modifiers, nearest last."""
        country = sector = entry_id = None
        reason = ""
        for span in mods:
            if span.kind == "name":
                entry = ranked(span.cands, as_of)[0][0]
                c, s, _, _, _ = resolve_entry(entry, as_of)
                if c:
                    country, entry_id, reason = c, entry.id, "dictionary"
                if s and entry.kind in ("person", "org"):
                    sector = s
            elif span.kind == "agent":
                _, s, _, _ = span.cands[0][0].country_sector(None)
                if s:
                    sector = s
            elif span.kind == "pron":
                ante = antecedent_for_pronoun(doc[span.start].text, sent, [o.info for o in outs])
                if ante is not None:
                    src = outs[ante.index]
                    country, sector, entry_id, reason = src.country, src.sector, src.entry, "coreference"
        return country, sector, entry_id, reason

    def _attachment(
        self, doc: Doc, after: int, as_of: date | None, head_word: str
    ) -> tuple[str, str | None, int, str] | None:
        """A country or organisation stated right after an agent: "in Syria", "of Iraq", "spokesman for the
        Taliban" → (country, sector of an organisation, end token, entry id)."""
        if after + 1 >= len(doc):
            return None
        prep = doc[after].lower_
        if prep not in ATTACH_PREPS and not (prep == "for" and head_word in PERSON_HEADS):
            return None
        first = after + 2 if doc[after + 1].lower_ == "the" and after + 2 < len(doc) else after + 1
        words = [norm_token(doc[first].text)]
        for n in range(1, 7):
            entries = [e for e, how in self.kb.candidates(phrase_key(words)) if how == "name"]
            fits = [e for e in entries if e.kind in PLACE_KINDS or e.kind == "org"]
            if fits and title_case_ok([t.text for t in doc[first : first + n]]):
                entry = ranked([(e, "name") for e in fits], as_of)[0][0]
                country, sector, _, _, _ = resolve_entry(entry, as_of)
                nxt = first + n
                longer = (
                    nxt < len(doc) and phrase_key([*words, norm_token(doc[nxt].text)]) in self.kb.prefixes
                )
                if country and not longer:
                    return country, sector if entry.kind == "org" else None, nxt, entry.id
            if first + n >= len(doc) or phrase_key(words) not in self.kb.prefixes:
                return None
            words.append(norm_token(doc[first + n].text))
        return None


def _links(doc: Doc, prev: _Span, nxt: _Span) -> bool:
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


def _lone_name_ok(doc: Doc, i: int, entry: Entry, as_of: date | None) -> bool:
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


def _former(doc: Doc, chain: list[_Span]) -> bool:
    """Whether the title of a chain is marked as past: "former president X", "Catalonia's ex-leader"."""
    start = max(0, chain[0].start - 2)
    return any(doc[i].lower_ in FORMER_WORDS for i in range(start, chain[-1].start))


def _inside_larger_name(doc: Doc, span: _Span) -> bool:
    """A place name that is only part of a longer named entity ("the Jerusalem Post")."""
    tok = doc[span.end - 1]
    if span.end >= len(doc) or tok.ent_iob_ == "" or tok.ent_type_ in ("GPE", "NORP", "LOC", ""):
        return False
    nxt = doc[span.end]
    return nxt.ent_iob_ == "I" and nxt.ent_type_ == tok.ent_type_


def _sentence_ids(doc: Doc) -> list[int]:
    ids = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return ids
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = n
    return ids


def _end_char(doc: Doc, end: int) -> int:
    tok = doc[end - 1]
    return tok.idx + len(tok.text)


def _prior(
    sent: int,
    *,
    person: bool = False,
    country: str | None = None,
    sector: str | None = None,
    adjective: bool = False,
    plural: bool = False,
    group: bool = False,
    country_kind: bool = False,
) -> Prior:
    return Prior(-1, sent, person, plural, adjective, group, country_kind, country, sector)


def _info(src: Prior, sent: int, *, country_kind: bool | None = None) -> Prior:
    kind = src.country_kind if country_kind is None else country_kind
    return Prior(-1, sent, src.person, src.plural, False, src.group, kind, src.country, src.sector, src.title)


def _out(
    start: int,
    end: int,
    name: str | None,
    country: str | None,
    sector: str | None,
    code: str | None,
    reason: str,
    entry: str | None,
    info: Prior,
) -> _Out:
    return _Out(start, end, name, country, sector, code, reason, entry, info)
