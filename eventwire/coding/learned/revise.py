"""The learned event model over the rules: which candidates are real events, of which type.

For each sentence the rules propose drafts (trigger, roles, CAMEO code). ``Reviser.revise`` scores every
draft's trigger and every other event word of the sentence with the ``EventModel``:

* a draft whose trigger the model finds no event (P(none) ≥ ``keep``) is dropped;
* a draft the model gives another PLOVER type, by a margin of ``retype`` over the rule's type, takes it
  (the type's general CAMEO code, ``data/type_codes.tsv``);
* a word no rule coded that the model finds an event (P(type) ≥ ``propose``) becomes a draft, its roles
  found from the parse as for any trigger;
* every surviving draft carries the model's probability of its type, which becomes the event's
  ``confidence``, and a typed note for the explanation.
"""

from __future__ import annotations

import csv
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from eventwire.coding.dyads import Draft, draft
from eventwire.coding.learned.features import candidate_features
from eventwire.coding.learned.model import NONE, EventModel, Settings, word_key
from eventwire.coding.nouns import modifier_words
from eventwire.coding.ontology import CodeInfo, Ontology
from eventwire.coding.roles import MentionIndex, noun_roles, verb_roles
from eventwire.coding.trace import Rule, Step
from eventwire.coding.triggers import Candidate

TYPE_CODES = Path(__file__).resolve().parent.parent / "data" / "type_codes.tsv"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})


@dataclass(frozen=True, slots=True)
class ModelNote:
    """What the model did to a draft: ``kept``, ``retyped`` (from ``rule_type``) or ``proposed``."""

    action: str
    probability: float
    rule_type: str | None = None

    def step(self) -> Step:
        """The note as a rule-trace step (rendered into the explanation, its id kept in ``Event.rules``)."""
        p = f"p={self.probability:.2f}"
        if self.action == "retyped":
            return Step(Rule.MODEL_RETYPED, f"{self.rule_type} → this type, {p}")
        if self.action == "proposed":
            return Step(Rule.MODEL_PROPOSED, p)
        return Step(Rule.MODEL_KEPT, p)


@cache
def type_codes(path: Path = TYPE_CODES) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        next(rows)
        return {plover: code for plover, code in rows}


@dataclass(frozen=True, slots=True)
class Verdict:
    type: str
    note: ModelNote

    @property
    def action(self) -> str:
        return self.note.action


def decide(
    row: Sequence[float],
    labels: Sequence[str],
    settings: Settings,
    rule_type: str | None,
    seen: bool,
    allowed: Container[str],
    main: bool = False,
) -> Verdict | None:
    """The model's verdict on one candidate (``rule_type``: the rules' type, None when no rule drafted it;
    ``seen``: the rules considered the word and folded it into another candidate; ``main``: the rules'
    most salient draft of the sentence). None: no event."""
    best = max(range(1, len(labels)), key=lambda i: row[i])
    best_type, best_p = labels[best], float(row[best])
    if rule_type is not None:
        if float(row[0]) >= (settings.keep_main if main else settings.keep):
            return None
        rule_p = float(row[labels.index(rule_type)]) if rule_type in labels else 0.0
        if best_type != rule_type and best_p - rule_p >= settings.retype and best_type in allowed:
            return Verdict(best_type, ModelNote("retyped", best_p, rule_type))
        return Verdict(rule_type, ModelNote("kept", max(rule_p, 1.0 - float(row[0]))))
    if not seen and best_p >= settings.propose and best_type in allowed:
        return Verdict(best_type, ModelNote("proposed", best_p))
    return None


@dataclass(slots=True)
class CandidateRows:
    """One sentence's candidates for the event model, in parallel lists (see ``candidate_rows``)."""

    tokens: list[Token]
    features: list[list[str]]
    rule_types: list[str | None]  # the rules' PLOVER type (NONE: a statement code); None: no draft
    seen: list[bool]  # the rules considered the word
    main: list[bool]  # the rules' main (most salient) draft of the sentence
    drafts: dict[int, Draft]  # token index → the rules' draft on it


def candidate_rows(
    sent: Span,
    drafts: Sequence[Draft],
    seen: set[int],
    index: MentionIndex,
    words: Container[str],
    reporting: frozenset[str],
) -> CandidateRows:
    """The tokens the model scores — the rules' candidates and every verb or noun in ``words``
    ("lemma/POS") — with their features; one definition for coding and for training."""
    by_token = {d.cand.token.i: d for d in drafts}
    ruled = seen | set(by_token)
    tokens = [
        tok
        for tok in sent
        if tok.i in ruled or (tok.pos_ in CANDIDATE_POS and word_key(tok.lemma_, tok.pos_) in words)
    ]
    main = max(drafts, key=lambda d: d.rank).cand.token.i if drafts else None
    return CandidateRows(
        tokens,
        [candidate_features(t, index, by_token.get(t.i), reporting) for t in tokens],
        [(by_token[t.i].code.plover_type or NONE) if t.i in by_token else None for t in tokens],
        [t.i in seen for t in tokens],
        [t.i == main for t in tokens],
        by_token,
    )


class Reviser:
    def __init__(self, model: EventModel, ontology: Ontology, reporting: frozenset[str]) -> None:
        self.model = model
        self.ontology = ontology
        self.reporting = reporting
        self.infos: dict[str, CodeInfo] = {}
        for plover, code in type_codes().items():
            info = ontology.get(code)
            if info is not None and info.plover_type == plover:
                self.infos[plover] = info
        self.allowed = frozenset(self.infos)  # the types the model may give a draft

    def words(self, pos: str | None = None) -> frozenset[str]:
        """The lemmas the model may propose events for, of one part of speech when given (prefilter)."""
        return self.model.words(pos)

    def revise(
        self, sent: Span, drafts: list[Draft], seen: set[int], index: MentionIndex
    ) -> list[tuple[Draft, ModelNote]]:
        """The drafts the model keeps (retyped where it says so) and the ones it adds.

        ``seen``: tokens the rules already considered (candidates folded into another are not proposed).
        """
        rows = candidate_rows(sent, drafts, seen, index, self.model.lemmas, self.reporting)
        if not rows.tokens:
            return []
        probs = self.model.probabilities(rows.features)
        out: list[tuple[Draft, ModelNote]] = []
        for n, (tok, row) in enumerate(zip(rows.tokens, probs, strict=True)):
            verdict = decide(
                row, self.model.labels, self.model.settings, rows.rule_types[n], rows.seen[n], self.allowed,
                rows.main[n],
            )  # fmt: skip
            if verdict is None:
                continue
            rule = rows.drafts.get(tok.i)
            if rule is not None:
                if verdict.action == "retyped":
                    rule.info = self.infos[verdict.type]
                out.append((rule, verdict.note))
            else:
                proposed = self._propose(tok, verdict.type, index)
                if proposed is not None:
                    out.append((proposed, verdict.note))
        return out

    def _propose(self, tok: Token, plover_type: str, index: MentionIndex) -> Draft | None:
        nominal = tok.pos_ != "VERB"
        roles = noun_roles(tok) if nominal else verb_roles(tok)
        words = frozenset(modifier_words(tok)) | {tok.lower_}
        cand = Candidate(tok, self.infos[plover_type], "event model", 0, roles, nominal, words)
        return draft(cand, index, self.ontology)
