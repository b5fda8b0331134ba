"""Find and resolve every actor mention in a parsed document, as of the publication date.

Three passes over the spaCy tokens, all dictionary lookups:

1. match (``matcher``): the longest knowledge-base phrase starting at each token (a walk over lowercase
   word keys with a prefix set, not regular expressions); names must look like names (capitalised, not a
   date); unknown people and organisations come from spaCy's entities;
2. chain (``matcher``): adjacent spans form one mention — adjective + agent ("the Russian army"), title + name
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
    Prior,
    antecedent_for_description,
    antecedent_for_pronoun,
)
from eventwire.actors.kb import SURNAMES, KnowledgeBase
from eventwire.actors.lookup import Resolution, lookup, resolve_name
from eventwire.actors.matcher import PLACE_KINDS, Hit, SpanMatcher, chains, former
from eventwire.actors.model import Candidate
from eventwire.actors.ranking import decide, ranked, reason_for, resolve_entry, status
from eventwire.actors.text import norm_token, phrase_key, title_case_ok
from eventwire.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_OBJECTS = frozenset({"dobj", "pobj", "dative", "iobj"})
_LOOKBACK = 60  # earlier mentions the antecedent rules look through (they stop a few sentences back)
NOT_ACTOR_ENTITIES = frozenset({"LAW", "EVENT", "WORK_OF_ART", "PRODUCT", "FAC", "LANGUAGE"})
NON_STATE_SECTORS = frozenset({"REB", "PRM", "UAF", "OPP", "CRM"})
ATTACH_PREPS = frozenset({"of", "in"})
_MEDIA_HEADS_WORDS = "post times news herald daily tribune gazette journal agency radio tv press telegraph"
MEDIA_HEADS = frozenset(_MEDIA_HEADS_WORDS.split())


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
        self.matcher = SpanMatcher(kb)

    # ----------------------------------------------------------------- lookup
    def lookup(self, name: str, as_of: date | None = None) -> list[Candidate]:
        """Every way ``name`` can resolve on ``as_of``, best first (for ``eventwire actors lookup``)."""
        return lookup(self.kb, name, as_of)

    def resolve_name(self, name: str, as_of: date | None = None) -> Resolution:
        """What ``name`` resolves to on ``as_of`` (None when unknown or ambiguous), the entries that
        competed, and why the winner won."""
        return resolve_name(self.kb, name, as_of)

    # ---------------------------------------------------------------- resolve
    def resolve(self, doc: Doc, as_of: date | None = None) -> list[Mention]:
        """Every actor-bearing span of ``doc`` as a ``Mention``: non-overlapping, sorted by start."""
        words = [norm_token(t.text) for t in doc]
        spans = self.matcher.match(doc, words, as_of)
        spans = self.matcher.add_unknown(doc, spans)
        sents = _sentence_ids(doc)
        outs: list[_Out] = []
        memory: dict[str, _Out] = {}
        last_end = 0
        for chain in chains(doc, spans):
            if chain[0].start < last_end:
                continue  # swallowed by the previous mention ("aerial defense systems in Syria")
            out = self._resolve_chain(doc, chain, as_of, sents, outs, memory)
            if out is not None and out.reason in ("agent", "title") and former(doc, chain):
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
            outs.append(_copy(src, ent.start, ent.end, "context", src.info.sent, name=ent.text))
            added = True
        if added:
            outs.sort(key=lambda o: o.start)

    def _resolve_chain(
        self,
        doc: Doc,
        chain: list[Hit],
        as_of: date | None,
        sents: list[int],
        outs: list[_Out],
        memory: dict[str, _Out],
    ) -> _Out | None:
        head = chain[-1]
        mods = chain[:-1]
        start, end = chain[0].start, head.end
        sent = sents[head.start]
        prior = [o.info for o in outs[-_LOOKBACK:]]
        ctx_country, ctx_sector, ctx_entry, ctx_reason = self._modifiers(doc, mods, as_of, sent, outs)
        head_tok = doc[head.end - 1]

        if head.kind == "pron":
            pron = doc[head.start]
            exclude = _own_subject(pron, outs)  # object pronouns look in their own sentence only
            window = 0 if pron.dep_ in _OBJECTS else 1
            ante = antecedent_for_pronoun(pron.text, sent, prior, exclude, window)
            if ante is None:
                return None
            src = outs[ante.index]
            return _copy(src, start, end, "coreference", sent)
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
                return _copy(src, start, end, "coreference", sent)
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
        chain: list[Hit],
        as_of: date | None,
        sent: int,
        memory: dict[str, _Out],
        ctx: tuple[str | None, str | None, str | None],
    ) -> _Out | None:
        head = chain[-1]
        start, end = chain[0].start, head.end
        surname = norm_token(doc[head.end - 1].text)
        if head.end - head.start == 1 and surname in memory and len(chain) == 1:
            src = memory[surname]
            if (
                src.entry is None
                or any(e.id == src.entry for e, _ in head.cands)
                or all(e.kind == "person" for e, _ in head.cands)
            ):
                # the article named this person in full before: "Volker Türk … Türk said" is not Turkey
                return _copy(src, start, end, "coreference", sent)
        decision = decide(head.cands, as_of, ctx[0])
        if decision.best is None:
            return None  # a surname several people in office share, and the article names none in full
        entry, how = decision.best
        country, sector, code, _, _ = resolve_entry(entry, as_of)
        reason = reason_for(entry)
        ctx_country, ctx_sector, _ = ctx
        if country == "IMG" and ctx_country and ctx_country not in ("IMG", "IGO"):
            country, code = ctx_country, join_code(ctx_country, sector)  # "Iraq's al-Qaeda" → IRQ REB
        if (
            entry.kind == "person"
            and ctx_sector not in (None, "ELI")
            and (status(entry, as_of) == 2 or sector == "ELI")
        ):
            # the text's title is newer than the dictionary ("Israeli Foreign Minister X" after X's last role)
            country, sector, reason = ctx_country or country, ctx_sector, "title"
            code = join_code(country, sector)
        if entry.kind in PLACE_KINDS and _inside_larger_name(doc, head):
            if doc[head.end - 1].ent_type_ in NOT_ACTOR_ENTITIES and len(chain) == 1:
                return None  # "the Paris Agreement", "the Moscow Olympics"
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
        if entry.kind == "person" and (head.end - head.start > 1 or how not in SURNAMES):
            memory[surname] = out
        return out

    def _resolve_agent(
        self,
        doc: Doc,
        chain: list[Hit],
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
        prior = [o.info for o in outs[-_LOOKBACK:]]
        if definite and (person or head_word in GROUP_HEADS) and ctx_reason != "coreference":
            ante = antecedent_for_description(head_word, country, sector, sent, prior)
            if ante is not None:
                src = outs[ante.index]
                if start > 0 and doc[start - 1].lower_ == "the":
                    start -= 1
                return _copy(src, start, end, "coreference", sent)
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
        code = join_code(country, sector)
        if ctx_sector == "PRE" and sector != "PRE" and code:
            code += (
                "PRE"  # "Abkhazian officials": GOV of a partially recognised entity (PLOVER secondary PRE)
            )
        return _out(start, end, None, country, sector, code, reason, entry_id, info)

    def _modifiers(
        self, doc: Doc, mods: list[Hit], as_of: date | None, sent: int, outs: list[_Out]
    ) -> tuple[str | None, str | None, str | None, str]:
        """(country, sector, entry id, reason) contributed by the chain's modifiers, nearest last."""
        country = sector = entry_id = None
        reason = ""
        for span in mods:
            if span.kind == "name":
                best = decide(span.cands, as_of).best
                if best is None:
                    continue
                entry = best[0]
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
                ante = antecedent_for_pronoun(doc[span.start].text, sent, [o.info for o in outs[-_LOOKBACK:]])
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
            entries = [e for e, how in self.kb.candidates(phrase_key(words)) if how not in SURNAMES]
            fits = [e for e in entries if e.kind in PLACE_KINDS or e.kind == "org"]
            if fits and title_case_ok([t.text for t in doc[first : first + n]]):
                entry = ranked([(e, "name") for e in fits], as_of)[0][0]
                country, sector, _, _, _ = resolve_entry(entry, as_of)
                nxt = first + n
                longer = (
                    nxt < len(doc) and phrase_key([*words, norm_token(doc[nxt].text)]) in self.kb.prefixes
                )
                possessive = nxt < len(doc) and doc[nxt].lower_ in ("'s", "’s", "'", "’")
                if country and not longer and not possessive:
                    return country, sector if entry.kind == "org" else None, nxt, entry.id
            if first + n >= len(doc) or phrase_key(words) not in self.kb.prefixes:
                return None
            words.append(norm_token(doc[first + n].text))
        return None


def _own_subject(pron: Token, outs: list[_Out]) -> frozenset[int]:
    """Mentions an object pronoun cannot refer to: the subject of its own clause, and what that subject
    itself stands for (Principle B: "Hungary will not accept it" — it is not Hungary)."""
    if pron.dep_ not in _OBJECTS:
        return frozenset()
    verb = pron.head.head if pron.dep_ == "pobj" else pron.head
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    own = [o for o in outs if any(o.start <= t < o.end for t in subjects)]
    same = {(o.country, o.sector, o.name) for o in own}
    return frozenset(o.info.index for o in outs if o in own or (o.country, o.sector, o.name) in same)


def _inside_larger_name(doc: Doc, span: Hit) -> bool:
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


def _copy(src: _Out, start: int, end: int, reason: str, sent: int, *, name: str | None = None) -> _Out:
    """A mention that takes its resolution from an earlier one (coreference, apposition)."""
    return _Out(
        start,
        end,
        name or src.name,
        src.country,
        src.sector,
        src.code,
        reason,
        src.entry,
        _info(src.info, sent),
    )


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
