"""Features of one candidate place for one event trigger: what the ranker weighs.

Each feature is a string (its presence is the value): the parse path between trigger and place, the
preposition the place hangs from, the distance and side, the entity label, the gazetteer kind, whether
the rule walk (``phrases.rule_phrases``) picked it and in which order. Both training
(``places.train``) and coding use this one function, so they cannot drift apart.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.coding.places.phrases import AREA_NOUNS, REGION_NOUNS

MAX_PATH = 4  # dependency labels kept from each side of the path
SPEECH_LEMMAS = frozenset({"say", "tell", "report", "announce", "state", "add", "claim", "accord"})


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse."""
    up = {t.i: n for n, t in enumerate(_ancestors(a))}
    for n, t in enumerate(_ancestors(b)):
        if t.i in up:
            return n + up[t.i]
    return len(up) + n + 1


def _governing_prep(root: Token) -> Token | None:
    """The preposition a place hangs from: "in X", "in the city of X", "on the outskirts of X",
    "in X and Y" (the first conjunct's)."""
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ in ("compound", "amod", "nmod", "poss") and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head  # "a Kabul checkpoint", "her Reshimbagh residence"
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in AREA_NOUNS:
        area = node.head.head  # "the city of X": the preposition above "city"
        if area.dep_ == "pobj":
            return area.head
    if node.dep_ == "pobj":
        return node.head
    return None


def _outer_prep(root: Token) -> tuple[Token | None, int]:
    """The preposition above a chain of "of" phrases and modifiers ("on the streets of X", "in the
    mountainous Vedeno region of southern X", "in Russia's X"), with the number of "of" steps."""
    node, steps = root, 0
    for _ in range(6):
        if node.dep_ in ("conj", "compound", "amod", "nmod", "poss", "appos") and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.i != node.head.i:
            node, steps = node.head.head, steps + 1
        elif node.dep_ == "pobj":
            return node.head, steps
        else:
            break
    return None, steps


def _prep_head(prep: Token | None, trigger: Token) -> str:
    if prep is None:
        return "none"
    return "trigger" if prep.head.i == trigger.i else prep.head.pos_


def _bucket(n: int) -> str:
    return (
        "0"
        if n <= 0
        else "1"
        if n == 1
        else "2"
        if n == 2
        else "3-4"
        if n <= 4
        else "5-8"
        if n <= 8
        else "9+"
    )


def candidate_features(
    trigger: Token, span: Span, kind: str, rule: str | None, rule_order: int | None, n_candidates: int
) -> list[str]:
    """Feature strings of the place ``span`` for the event of ``trigger``.

    ``kind`` is the gazetteer's kind of the place ("country", "city", "region", "town", "unknown");
    ``rule`` and ``rule_order`` say whether (and how early) the rule walk attached it.
    """
    root = span.root
    up_chain = _ancestors(trigger)
    down_chain = _ancestors(root)
    up_ids = {t.i: n for n, t in enumerate(up_chain)}
    meet = next((n for n, t in enumerate(down_chain) if t.i in up_ids), len(down_chain) - 1)
    common = down_chain[meet]
    up = up_chain[: up_ids.get(common.i, len(up_chain) - 1)]
    down = list(reversed(down_chain[:meet]))
    up_deps = "/".join(t.dep_ for t in up[:MAX_PATH])
    down_deps = "/".join(t.dep_ for t in down[:MAX_PATH])
    prep = _governing_prep(root)
    prep_word = prep.lower_ if prep is not None else "none"
    outer, of_steps = _outer_prep(root)
    outer_word = outer.lower_ if outer is not None else "none"
    distance = root.i - trigger.i
    verbs_between = sum(1 for t in (*up, *down) if t.pos_ in ("VERB", "AUX") and t.i != trigger.i)
    speech = any(t.lemma_.lower() in SPEECH_LEMMAS for t in (*up, common) if t.i != trigger.i)
    label = span.label_ or "none"
    feats = [
        "bias",
        f"label={label}",
        f"kind={kind}",
        f"label+kind={label}+{kind}",
        f"prep={prep_word}",
        f"prep+kind={prep_word}+{kind}",
        f"up={up_deps}",
        f"down={down_deps}",
        f"path={up_deps}|{down_deps}",
        f"up_len={_bucket(len(up))}",
        f"down_len={_bucket(len(down))}",
        f"dep={root.dep_}",
        f"head_dep={root.head.dep_}",
        f"side={'before' if distance < 0 else 'after'}",
        f"dist={_bucket(abs(distance))}",
        f"side+dist={'before' if distance < 0 else 'after'}+{_bucket(abs(distance))}",
        f"verbs_between={_bucket(verbs_between)}",
        f"n_candidates={_bucket(n_candidates)}",
        f"trigger_pos={trigger.pos_}",
        f"trigger={trigger.lemma_.lower()}",
        f"prep_head={_prep_head(prep, trigger)}",
        f"outer_prep={outer_word}",
        f"outer_prep+kind={outer_word}+{kind}",
        f"outer_prep_head={_prep_head(outer, trigger)}",
        f"of_steps={min(of_steps, 2)}",
        f"common_pos={common.pos_}",
    ]
    if common.i == trigger.i:
        feats.append("trigger_dominates")
    if speech:
        feats.append("through_speech_verb")
    if rule is not None:
        feats.append(f"rule={rule}")
        feats.append(f"rule_order={min(rule_order or 0, 3)}")
        if rule_order == 0:
            feats.append("rule_first")
    else:
        feats.append("rule=none")
    if span.start == span.sent.start or (
        span.start > span.sent.start and span.doc[span.start - 1].is_sent_start
    ):
        feats.append("sentence_start")
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.lemma_.lower() in REGION_NOUNS | AREA_NOUNS:
        feats.append(f"followed_by_area_noun={prep_word}")
    if nxt is not None and nxt.text == "," and span.end + 1 < len(span.doc):
        after = span.doc[span.end + 1]
        if after.ent_type_ in ("GPE", "LOC"):
            feats.append("followed_by_comma_place")  # "Aleppo, Syria"
    prev = span.doc[span.start - 1] if span.start > span.sent.start else None
    before = span.doc[span.start - 2] if span.start - 2 >= span.sent.start else None
    if prev is not None and prev.text == "," and before is not None and before.ent_type_ in ("GPE", "LOC"):
        feats.append("after_comma_place")
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        of_head = root.head.head.lemma_.lower()
        feats.append(f"of_head={of_head if of_head in AREA_NOUNS else 'other'}")
    if root.dep_ in ("compound", "amod", "poss", "nmod"):
        feats.append("modifier")
    return feats
