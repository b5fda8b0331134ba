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

    def words(self, pos: str | None = None) -> frozenset[str]:
        """The lemmas the model may propose events for, of one part of speech when given (prefilter)."""
        return self.model.words(pos)

    def candidates(self, sent: Span, rule_tokens: set[int]) -> list[Token]:
        """Tokens of the sentence the model looks at: the rules' triggers and the model's own event words."""
        lemmas = self.model.lemmas
        return [
            tok
            for tok in sent
            if tok.i in rule_tokens
            or (tok.pos_ in CANDIDATE_POS and word_key(tok.lemma_, tok.pos_) in lemmas)
        ]

    def features(
        self, tokens: Sequence[Token], drafts: dict[int, Draft], index: MentionIndex
    ) -> list[list[str]]:
        return [candidate_features(t, index, drafts.get(t.i), self.reporting) for t in tokens]

    def revise(
        self, sent: Span, drafts: list[Draft], seen: set[int], index: MentionIndex
    ) -> list[tuple[Draft, ModelNote]]:
        """The drafts the model keeps (retyped where it says so) and the ones it adds.

        ``seen``: tokens the rules already considered (candidates folded into another are not proposed).
        """
        by_token = {d.cand.token.i: d for d in drafts}
        tokens = self.candidates(sent, seen | set(by_token))
        if not tokens:
            return []
        probs = self.model.probabilities(self.features(tokens, by_token, index))
        settings = self.model.settings
        main = max(drafts, key=lambda d: d.rank).cand.token.i if drafts else None
        out: list[tuple[Draft, ModelNote]] = []
        for tok, row in zip(tokens, probs, strict=True):
            rule = by_token.get(tok.i)
            rule_type = None
            if rule is not None:
                rule_type = (rule.info or rule.cand.info).plover_type or NONE
            verdict = decide(
                row, self.model.labels, settings, rule_type, tok.i in seen, set(self.infos), tok.i == main
            )
            if verdict is None:
                continue
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
