"""PETRARCH-conformance coding: a user's PETRARCH dictionaries, and nothing else, over eventwire's parse.

Not eventwire's default coder (that one resolves actors through the knowledge base and codes PLOVER):
this mode answers "what would PETRARCH code with these dictionaries?", with eventwire's spaCy parse
in place of CoreNLP's constituency parse. Mechanisms, in PETRARCH's terms:

* discards: a sentence/story discard phrase in the text → no coding, the error PETRARCH reports
  (``sentencediscard`` / ``storydiscard``); a leading ``CAPS:`` or ``CAPS --`` → ``dateline``;
* actors: longest dictionary phrase; date-restricted codes taken at the record's date;
* noun phrases: an actor with agents composes a code (``~XXX`` after, ``XXX~`` before; an agent code the
  actor code already holds is not repeated); agents alone give ``---XXX``; ``of``/``from`` phrases lend
  their actor to an agent head; ``and``-joined nouns are compounds sharing the actor and modifiers;
* verbs: surface forms (regular ones generated, irregular ones from ``{ }``), multi-word verbs; the
  pattern that consumes most words wins, then the earlier one; else the verb's own code;
  ``A:B`` codes add the reverse event (target → source, code B); ``[---]`` codes nothing;
* source: the verb's subject (through auxiliaries, ``xcomp``, conjoined verbs; ``by`` in passives),
  target: the first actor after the verb in its phrase; pattern markers ``$``/``+`` place them,
  ``%`` asks for a compound and codes it both ways, ``^`` skips a noun phrase;
* a verb governed by a coded verb (``urged B to help``) and a bare reporting verb whose clause holds
  another dictionary verb (``…, an official said``) are not coded separately.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from eventwire.coding.petrarch_dicts import NULL, Element, Pattern, PetrarchDictionaries, VerbForm

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

Triple = tuple[str, str, str]
_NOUNS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_CHAIN = frozenset({"xcomp", "conj", "aux", "ccomp", "advcl", "acomp", "pcomp", "prep"})
_DOWN = frozenset({"xcomp", "acomp", "pcomp", "prep", "conj"})
_CONJ_WORDS = frozenset({"and", "or", "nor", ",", "&", "neither", "either", "both"})


@dataclass(slots=True)
class PetrarchCoding:
    """What PETRARCH would output for one sentence: event triples, or the error it reports."""

    triples: set[Triple] = field(default_factory=set)
    error: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Mention:
    start: int  # word index
    end: int
    code: str | None  # actor code (None: agent)
    agent: str | None = None  # "~GOV" / "NGO~"


class PetrarchCoder:
    """Code sentences with PETRARCH dictionaries only, on eventwire's spaCy parse."""

    def __init__(self, nlp: Language, dictionaries: PetrarchDictionaries) -> None:
        self.nlp = nlp
        self.dicts = dictionaries

    # --- error conditions -------------------------------------------------------------------------
    def discard(self, text: str) -> str | None:
        padded = " " + " ".join(text.upper().replace("-", " - ").split()) + " "
        for phrase, story, whole in self.dicts.discards:
            at = padded.find(" " + phrase)
            while at >= 0:
                after = padded[at + 1 + len(phrase) : at + 2 + len(phrase)]
                if not whole or not after.isalnum():
                    return "storydiscard" if story else "sentencediscard"
                at = padded.find(" " + phrase, at + 1)
        return None

    @staticmethod
    def dateline(text: str) -> bool:
        """A leading all-capitals place followed by ``:`` or ``--`` (``CEBU CITY: --``)."""
        head = text.strip()
        for mark in (":", "--"):
            cut = head.find(mark)
            if 0 < cut <= 40:
                lead = head[:cut].strip(" ,-")
                letters = [c for c in lead if c.isalpha()]
                if letters and all(c.isupper() for c in letters) and len(lead.split()) <= 4:
                    return True
        return False

    # --- coding -----------------------------------------------------------------------------------
    def code(self, text: str, when: date | None = None) -> PetrarchCoding:
        if self.dateline(text):
            return PetrarchCoding(error="dateline")
        discard = self.discard(text)
        if discard:
            return PetrarchCoding(error=discard)
        return _Sentence(self.nlp(text), self.dicts, when).code()

    def code_many(self, items: Sequence[tuple[str, date | None]]) -> list[PetrarchCoding]:
        out = []
        for text, when in items:
            try:
                out.append(self.code(text, when))
            except Exception as exc:  # one record never stops the run: it fails with the reason
                out.append(PetrarchCoding(error=f"coder failed: {type(exc).__name__}: {exc}"))
        return out


class _Sentence:
    def __init__(self, doc: Doc, dicts: PetrarchDictionaries, when: date | None) -> None:
        self.doc = doc
        self.dicts = dicts
        self.when = when
        self.words = [t.text.upper() for t in doc]
        self.mentions = self._mentions()
        self.by_token: dict[int, _Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        chunks = list(doc.noun_chunks)
        self.chunk_end = {i: c.end for c in chunks for i in range(c.start, c.end)}

    # actor and agent phrases: longest match left to right
    def _mentions(self) -> list[_Mention]:
        out: list[_Mention] = []
        words = _merged_words(self.doc)
        i, n, longest = 0, len(words), self.dicts.max_phrase
        while i < n:
            found = None
            for size in range(min(longest, n - i), 0, -1):
                key = tuple(w for w, _, _ in words[i : i + size])
                start, end = words[i][1], words[i + size - 1][2]
                if key in self.dicts.actors:
                    code = self.dicts.actors[key].at(self.when)
                    found = (_Mention(start, end, code or NULL), size)
                    break
                if key in self.dicts.agents:
                    found = (_Mention(start, end, None, self.dicts.agents[key]), size)
                    break
            if found:
                out.append(found[0])
                i += found[1]
            else:
                i += 1
        return out

    # noun-phrase codes --------------------------------------------------------------------------
    def _np_tokens(self, head: Token) -> list[int]:
        """The head's noun phrase: its subtree without clauses, appositions, conjuncts and most PPs."""
        keep: list[int] = []

        def walk(tok: Token) -> None:
            keep.append(tok.i)
            for child in tok.children:
                if child.dep_ in {"relcl", "acl", "appos", "advcl", "ccomp"}:
                    continue
                if child.dep_ in {"conj", "cc", "punct"} and tok.i == head.i:
                    continue
                if child.dep_ == "prep" and (child.lower_ not in _np_links() or tok.i != head.i):
                    continue
                walk(child)

        walk(head)
        return sorted(keep)

    def np_codes(self, head: Token, inherited: tuple[str | None, list[str]] | None = None) -> list[str]:
        """Codes of the noun phrase headed by ``head`` and of its conjuncts."""
        tokens = self._np_tokens(head)
        seen: list[_Mention] = []
        for i in tokens:
            m = self.by_token.get(i)
            if m is not None and (not seen or seen[-1] is not m):
                seen.append(m)
        actors = [m for m in seen if m.code is not None]
        agents = [m.agent for m in seen if m.agent]
        codes: list[str] = []
        own_actor = actors[0].code if actors else None
        if own_actor is None and inherited is not None:
            own_actor = inherited[0]
        run = self._first_run(actors)
        if not actors and not agents and inherited is None:
            codes = []
        elif not actors and any(self.doc[i].pos_ == "PROPN" and i not in self.by_token for i in tokens):
            codes = []  # "President Ilham Aliyev": an agent title with a name the dictionaries lack
        elif len(run) > 1:
            codes = [_compose(a.code, agents) for a in run]
        elif actors and agents and (linked := self._linked_conjuncts(head, actors[0])):
            codes = [_compose(c, agents) for c in [actors[0].code, *linked]]
        elif own_actor is not None or agents:
            shared = inherited[1] if inherited is not None and own_actor == inherited[0] else []
            codes = [_compose(own_actor, [*shared, *agents] if not actors else agents)]
        for child in head.children:
            if child.dep_ == "conj" and child.pos_ in _NOUNS:
                modifiers = [m.agent for m in seen if m.agent and m.end <= head.i and m.agent]
                codes += self.np_codes(child, (own_actor, modifiers))
        if not codes and inherited is None:
            for child in head.children:  # "the lions and …, Gondor": an apposition that names an actor
                if child.dep_ == "appos" and (codes := self.np_codes(child)):
                    break
        if not codes and inherited is None and not seen:
            codes = self._nested_actor(head)  # "resumption of ties between A and B": A, B
        return [c for c in codes if c]

    def _nested_actor(self, head: Token) -> list[str]:
        """The first actor inside the phrase's prepositional phrases (not inside its clauses)."""
        clauses = {"relcl", "acl", "advcl", "ccomp", "appos", "conj"}
        stack = [c for c in head.children if c.dep_ == "prep"]
        while stack:
            tok = min(stack, key=lambda t: t.i)
            stack.remove(tok)
            m = self.by_token.get(tok.i)
            if m is not None and m.code is not None:
                return self.np_codes(_np_head(self.doc[m.end - 1]))
            stack += [c for c in tok.children if c.dep_ not in clauses]
        return []

    def _linked_conjuncts(self, head: Token, actor: _Mention) -> list[str]:
        """``the ambassadors of A, B and C``: the actors conjoined with the one in the head's of-phrase."""
        pobj = self.doc[actor.end - 1]
        while pobj.dep_ in {"compound", "amod", "nmod"} and pobj.head.i != pobj.i:
            pobj = pobj.head
        if pobj.dep_ != "pobj" or pobj.head.head.i != head.i:
            return []
        out = []
        for conj in pobj.conjuncts:
            found = [self.by_token[i] for i in self._np_tokens(conj) if self.by_token.get(i)]
            out += [m.code for m in found[:1] if m.code is not None]
        return out

    def _first_run(self, actors: list[_Mention]) -> list[_Mention]:
        """The first actors of a phrase joined by ``and``/``or``/commas (``Gondor and Arnor's Elrond``)."""
        run = actors[:1]
        for left, right in pairwise(actors):
            between = {self.doc[i].lower_ for i in range(left.end, right.start)}
            if not between & _CONJ_WORDS:
                break
            run.append(right)
        return run

    def actor_at(self, token: Token) -> list[str]:
        """Codes of the noun phrase around ``token`` (its head noun)."""
        head = token
        while head.dep_ in {"compound", "amod", "nmod", "poss", "case", "det"} and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in _np_links() and head.head.head.pos_ in _NOUNS:
            outer = head.head.head
            if not any(self.by_token.get(i) and self.by_token[i].code for i in self._np_tokens(outer)[:1]):
                codes = self.np_codes(outer)
                if codes:
                    return codes
        return self.np_codes(head)

    # source and target ----------------------------------------------------------------------------
    def source_of(self, verb: Token) -> list[str]:
        tok = verb
        pronoun = False
        for _ in range(8):
            agent = [c for c in tok.children if c.dep_ == "agent"]
            heads = [tok, *(c for c in tok.children if c.dep_ in {"aux", "auxpass"})]
            subjects = [c for h in heads for c in h.children if c.dep_ in _SUBJ]
            if agent:
                objs = [g for g in agent[0].children if g.dep_ == "pobj"]
                if objs and (codes := self.np_codes(objs[0])):
                    return codes
            if subjects:
                codes = self.np_codes(subjects[0])
                if codes or subjects[0].pos_ != "PRON":
                    return codes
                pronoun = True
            elif tok.dep_ in {"ccomp", "ROOT", "parataxis"}:
                left = self.next_actor(tok.i - 1, -1)  # no subject in our parse: the actor before the verb
                return left[0] if left else []
            if tok.dep_ in _CHAIN and tok.head.i != tok.i and (tok.dep_ != "ccomp" or pronoun):
                tok = tok.head
                continue
            return []
        return []

    def target_after(self, verb: Token, start: int) -> list[str] | None:
        """The first actor (or agent) noun phrase after word ``start``: in the verb's phrase, else later on;
        for a passive with a ``by`` agent, the passive subject. None when the verb's first named object is
        a name the dictionaries lack (``ties with Gxndor``): the target is an unknown actor."""
        if any(c.dep_ == "agent" for c in verb.children):
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if subjects and (codes := self.np_codes(subjects[0])):
                return codes
        inside = {t.i for t in verb.subtree}
        for scope in (inside, None):
            for i in range(start, len(self.doc)):
                m = self.by_token.get(i)
                unknown = m is None and _unknown_name(self.doc[i])
                if scope is not None and i in scope and unknown and not self._foreign(i, verb):
                    return None
                if m is not None and ((scope is not None and i in scope) or not self._foreign(i, verb)):
                    codes = self.actor_at(self.doc[m.end - 1])
                    if codes and (m.code is not None or scope is not None):
                        return codes
        return []

    def _foreign(self, i: int, verb: Token) -> bool:
        """Word ``i`` is in another clause: an ancestor is a verb with its own subject (not ``verb``'s)."""
        own = {t.i for t in verb.ancestors} | {verb.i}
        below = self.doc[i]
        for anc in self.doc[i].ancestors:
            if below.dep_ in _SUBJ and anc.i != verb.i:
                return True  # another verb's subject ("…, a senior official said")
            if anc.i in own:
                return False
            if anc.pos_ in {"VERB", "AUX"} and any(c.dep_ in _SUBJ for c in anc.children):
                return True
            below = anc
        return False

    def next_actor(self, start: int, step: int) -> tuple[list[str], int] | None:
        i = start
        while 0 <= i < len(self.doc):
            m = self.by_token.get(i)
            if m is not None and m.code is not None:
                return self.actor_at(self.doc[m.end - 1]), (m.end if step > 0 else m.start - 1)
            i += step
        return None

    # verbs and patterns ---------------------------------------------------------------------------
    def verb_forms(self, tok: Token) -> list[VerbForm]:
        if not tok.tag_.startswith(("VB", "MD")) and not (tok.dep_ == "ROOT" and tok.pos_ == "NOUN"):
            return []
        fits = []
        for form in self.dicts.forms.get(self.words[tok.i], ()):
            b, a = len(form.before), len(form.after)
            if b and tuple(self.words[max(0, tok.i - b) : tok.i]) != form.before:
                continue
            if a and tuple(self.words[tok.i + 1 : tok.i + 1 + a]) != form.after:
                continue
            fits.append(form)
        return sorted(fits, key=lambda f: (-(len(f.before) + len(f.after)), f.order))

    def code(self) -> PetrarchCoding:
        result = PetrarchCoding()
        found: dict[int, tuple[VerbForm, Pattern | None, dict[str, object]]] = {}
        for tok in self.doc:
            forms = self.verb_forms(tok)
            if not forms:
                continue
            form = forms[0]
            best = self._best_pattern(tok, form)
            found[tok.i] = (form, *best) if best else (form, None, {})
        events: dict[int, list[Triple]] = {}
        for i, (form, pattern, slots) in found.items():
            tok = self.doc[i]
            if self._governed(tok, found):
                continue
            code = pattern.code if pattern else form.code
            triples = self._triples(tok, form, code, pattern, slots)
            if triples is not None:
                events[i] = triples  # empty: coded, but its target is an unknown actor (not output)
        saying = {i for i in events if found[i][1] is None and _says(found[i][0].code)}
        for i, triples in events.items():
            tok = self.doc[i]
            if i in saying and any(j in events and j not in saying for j in self._clause_verbs(tok)):
                continue  # "…, an official said": the reported clause's event stands for it
            if any(j != i and j not in saying and self._absorbs(self.doc[j], tok) for j in events):
                continue  # a verb inside a coded verb's clause ("after crowds burned …") is part of it
            result.triples.update(triples)
        return result

    def _governed(self, tok: Token, found: dict) -> bool:
        head = tok
        while head.dep_ in {"xcomp", "aux"} and head.head.i != head.i:
            head = head.head
            if head.i in found and (found[head.i][1] is not None or found[head.i][0].code != NULL):
                return not any(c.dep_ in _SUBJ for c in tok.children)
        return False

    @staticmethod
    def _absorbs(upper: Token, lower: Token) -> bool:
        """``lower`` sits in the clause of ``upper`` (from the top of its ``is about to``/``will`` chain)
        by something other than a chain of ``conj`` links."""
        while upper.dep_ in {"xcomp", "acomp", "pcomp"} and upper.head.i != upper.i:
            upper = upper.head
        tok, links = lower, []
        while tok.i != tok.head.i and tok.i != upper.i:
            links.append(tok.dep_)
            tok = tok.head
        return tok.i == upper.i and any(dep != "conj" for dep in links)

    def _clause_verbs(self, tok: Token) -> set[int]:
        """The main verbs of the clause a reporting verb introduces or comments on (down verb chains)."""
        tops = [c for c in tok.children if c.dep_ in {"ccomp", "parataxis"}]
        if tok.dep_ in {"ccomp", "parataxis", "advcl", "conj"} and tok.head.i != tok.i:
            tops.append(tok.head)  # "conj": our parse may join "…, the newspaper said" to the main verb
        out: set[int] = set()
        stack = list(tops)
        while stack:
            t = stack.pop()
            if t.i in out or t.i == tok.i:
                continue
            out.add(t.i)
            stack += [c for c in t.children if c.dep_ in _DOWN | {"ccomp"}]
        return out

    def _triples(
        self, tok: Token, form: VerbForm, code: str, pattern: Pattern | None, slots: dict[str, object]
    ) -> list[Triple] | None:
        """The verb's events; None when it codes none, [] when its target is an unknown actor."""
        if not code or (code.split(":")[0] in ("", NULL) and ":" not in code):
            return None
        sources = slots.get("$") or self.source_of(tok)
        sources = [s for s in sources if s and s != NULL]  # type: ignore[union-attr]
        if not sources:
            return None
        forward, _, backward = code.partition(":")
        out: list[Triple] = []
        if slots.get("%"):
            for s in sources:
                for t in sources:
                    if s != t:
                        out.append((s, t, forward))
            return out
        skip = tok.i + 1 + len(form.after)
        targets = slots.get("+") or self.target_after(tok, skip)
        if targets is None:
            return []  # an unknown named target: coded, but PETRARCH outputs no event without the new actor
        targets = [t for t in targets if t] or [NULL]  # type: ignore[union-attr]
        for s in sources:
            for t in targets:
                if s == t:
                    continue
                if forward and forward != NULL:
                    out.append((s, t, forward))
                if backward and backward != NULL and t != NULL:
                    out.append((t, s, backward))
        return out

    def _best_pattern(self, tok: Token, form: VerbForm) -> tuple[Pattern, dict[str, object]] | None:
        best: tuple[int, int, Pattern, dict[str, object]] | None = None
        pre_end = tok.i - len(form.before) - 1
        post_start = tok.i + len(form.after) + 1
        for pattern in self.dicts.patterns.get(form.verb, ()):
            slots: dict[str, object] = {}
            pre = self._match(pattern.pre[::-1], pre_end, -1, slots, first_tight=pattern.verb_tight)
            if pre is None:
                continue
            post = self._match(pattern.post, post_start, 1, slots, first_tight=False)
            if post is None:
                continue
            if "%pre" in slots:
                if len(self.source_of(tok)) < 2:
                    continue
                slots["%"] = True
            score = pre + post
            if best is None or (score, -pattern.order) > (best[0], -best[1]):
                best = (score, pattern.order, pattern, slots)
        return (best[2], best[3]) if best else None

    def _match(
        self, elements: Sequence[Element], at: int, step: int, slots: dict[str, object], first_tight: bool
    ) -> int | None:
        """Match elements walking from word ``at`` in direction ``step``; words consumed, or None."""
        consumed = 0
        for n, el in enumerate(elements):
            # Walking back, an element is tight when the one after it (in reading order) is joined to it.
            tight = (elements[n - 1].tight if n > 0 else first_tight) if step < 0 else el.tight
            if el.kind in ("$", "+", "%"):
                got = self.next_actor(at, step)
                if got is None:
                    return None
                codes, at = got
                slots[el.kind if el.kind != "%" else ("%pre" if step < 0 else "+")] = codes
                continue
            if el.kind == "^":
                at = self._skip_np(at, step)
                continue
            hit = self._find(el, at, step, tight)
            if hit is None:
                return None
            size, at = hit
            consumed += size
        return consumed

    def _find(self, el: Element, at: int, step: int, tight: bool) -> tuple[int, int] | None:
        limit = range(at, len(self.words)) if step > 0 else range(at, -1, -1)
        for pos in limit:
            for phrase in el.phrases:
                n = len(phrase)
                lo = pos if step > 0 else pos - n + 1
                if lo < 0 or lo + n > len(self.words):
                    continue
                if tuple(self.words[lo : lo + n]) == phrase:
                    return n, (lo + n if step > 0 else lo - 1)
            if tight:
                return None
        return None

    def _skip_np(self, at: int, step: int) -> int:
        i = at
        while 0 <= i < len(self.doc) and self.doc[i].pos_ not in _NOUNS:
            i += step
        if step > 0:
            return self.chunk_end.get(i, i + 1)
        return i - 1


def _merged_words(doc: Doc) -> list[tuple[str, int, int]]:
    """Upper-case words with their token span; tokens joined by ``-`` without blanks are one word."""
    words: list[tuple[str, int, int]] = []
    for tok in doc:
        prev = doc[tok.i - 1] if tok.i else None
        if words and prev is not None and not prev.whitespace_ and "-" in (tok.text, prev.text):
            text, start, _ = words[-1]
            words[-1] = (text + tok.text.upper(), start, tok.i + 1)
            continue
        words += [(part, tok.i, tok.i + 1) for part in tok.text.upper().split("_") if part]
    return words


def _unknown_name(tok: Token) -> bool:
    """A proper-noun object that is no date or number: a named actor (when no dictionary knows it)."""
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ in {"pobj", "dobj"}
        and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
    )


def _np_head(tok: Token) -> Token:
    while tok.dep_ in {"compound", "amod", "nmod", "poss", "case", "det"} and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _says(code: str) -> bool:
    """Reporting codes (CAMEO 01x make a statement, 02x appeal/comment): they yield to a reported event."""
    return code[:2] in ("01", "02")


def _compose(actor: str | None, agents: Sequence[str | None]) -> str:
    code = actor if actor is not None else NULL
    for agent in agents:
        if not agent:
            continue
        part = agent.strip("~")
        if agent.endswith("~") and not agent.startswith("~"):
            if not code.startswith(part):
                code = part + code
        elif not any(code[i : i + len(part)] == part for i in range(3, len(code), 3)):
            code = code + part
    return code


def _np_links() -> frozenset[str]:
    """Prepositions that keep a phrase in its noun phrase ("the government of Syria"): the cue lexicon's."""
    from eventwire.coding.cues import bundled

    return frozenset(bundled().words["np_preps"])
