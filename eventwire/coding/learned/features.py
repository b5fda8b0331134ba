"""Features of a trigger candidate for the learned event model: what the parse and the rules say about it.

A candidate is one token of a parsed sentence (a verb, or a noun the rules or the model know as an event
word), with the rule draft the coder made for it, if any. Its features are strings (one-hot, weight 1):
the word itself, where it sits in the parse, its arguments and their actors' sectors, cue words around it
(negation, modals, reporting heads), and the rules' own verdict (PLOVER type and CAMEO root of the pattern
that fired, whether the draft found an actor and a recipient). The model learns how far to trust each.
Nothing here depends on explanation text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventwire.coding.harm import harm_cause

if TYPE_CHECKING:
    from eventwire.coding.dyads import Draft
    from eventwire.coding.roles import MentionIndex
    from eventwire.models import Mention

ARG_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "xcomp", "ccomp", "acomp", "poss"}
)
CUE_DEPS = frozenset({"neg", "aux", "auxpass", "advmod", "prt", "mark", "compound", "amod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss"})
WINDOW = 1


def _sector(m: Mention | None) -> str:
    if m is None:
        return "none"
    return m.sector or ("named" if m.country else "unk")


def _phrase_mention(tok: Token, index: MentionIndex) -> Mention | None:
    m = index.by_token.get(tok.i)
    if m is not None:
        return m
    found = index.in_phrase(tok, limit=12)
    return found[0] if found else None


def _arguments(tok: Token) -> Iterator[tuple[str, Token]]:
    """(role, head) of the token's arguments; a passive's ``by`` agent is its subject."""
    for child in tok.children:
        dep = child.dep_
        if dep in ARG_DEPS:
            yield dep, child
        elif dep == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield f"prep_{child.lower_}", pobj
        elif dep == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield "agent", pobj


def candidate_features(
    tok: Token, index: MentionIndex, rule: Draft | None, reporting: frozenset[str]
) -> list[str]:
    """The feature strings of ``tok`` as an event trigger (``rule``: the coder's draft for it, if any)."""
    lemma = tok.lemma_.lower()
    pos = tok.pos_
    dep = tok.dep_
    head = tok.head
    feats = [
        "bias",
        f"l={lemma}",
        f"p={pos}",
        f"t={tok.tag_}",
        f"d={dep}",
        f"l|d={lemma}|{dep}",
        f"l|t={lemma}|{tok.tag_}",
        f"h={head.lemma_.lower()}",
        f"d|hp={dep}|{head.pos_}",
        f"d|h={dep}|{head.lemma_.lower()}",
    ]
    if head.lemma_.lower() in reporting and dep in ("ccomp", "xcomp", "advcl", "parataxis", "conj"):
        feats.append("reported")
    if lemma in reporting:
        feats.append("reporting-word")
    subject = None
    for role, arg in _arguments(tok):
        arg_lemma = arg.lemma_.lower()
        feats.append(f"a:{role}={arg_lemma}")
        feats.append(f"a:{role}")
        m = _phrase_mention(arg, index)
        feats.append(f"s:{role}={_sector(m)}")
        feats.append(f"l|s:{role}={lemma}|{_sector(m)}")
        if role in SUBJECT_DEPS and subject is None:
            subject = m
            feats.append(f"subj={arg_lemma}")
        if arg.ent_type_:
            feats.append(f"e:{role}={arg.ent_type_}")
    if subject is None:
        feats.append("no-subject")
    cause = harm_cause(tok)
    if cause is not None:
        feats.append(f"harm={cause[1]}")
    for child in tok.children:
        if child.dep_ in CUE_DEPS:
            feats.append(f"c:{child.dep_}={child.lower_}")
    sent = tok.sent
    for k in range(1, WINDOW + 1):
        left, right = tok.i - k, tok.i + k
        feats.append(f"w-{k}={tok.doc[left].lower_}" if left >= sent.start else f"w-{k}=<s>")
        feats.append(f"w+{k}={tok.doc[right].lower_}" if right < sent.end else f"w+{k}=</s>")
    depth = 0
    node = tok
    while node.head.i != node.i and depth < 8:
        node = node.head
        depth += 1
    feats.append(f"depth={min(depth, 4)}")
    if rule is None:
        feats += ["r=none", f"l|r={lemma}|none"]
    else:
        info = rule.code
        kind = info.plover_type or "statement"
        feats += [
            f"r={kind}",
            f"rc={info.root}",
            f"rcode={info.code}",
            f"l|r={lemma}|{kind}",
            f"r|w={kind}|{min(rule.cand.weight, 3)}",
            f"r|actor={kind}|{bool(rule.actors)}",
            f"r|recipient={kind}|{bool(rule.recipients)}",
            f"ra={_sector(rule.actors[0] if rule.actors else None)}",
            f"rr={_sector(rule.recipients[0] if rule.recipients else None)}",
        ]
        if rule.actors and rule.recipients:
            same = {m.country for m in rule.actors} == {m.country for m in rule.recipients}
            feats.append(f"r|domestic={kind}|{same}")
    return feats
