"""The coder's trigger vocabulary: which words can start an event, for filters that see only tokens.

A prefilter that decides, before any parsing, which sentences may hold an event needs the coder's own
triggers, not a copy: ``trigger_vocabulary`` derives them from the verb lexicon, the noun rules and the
ontology, so a new dictionary entry is picked up by the filter without any change here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from eventwire.coding.cues import active as active_cues
from eventwire.coding.nouns import NounRule
from eventwire.coding.ontology import Ontology
from eventwire.coding.patterns import Pattern, VerbLexicon
from eventwire.nlp.prefilter import Conditions

# spaCy's English model tags every form of "be" AUX, and the coder codes only VERB tokens.
AUXILIARY_ONLY = frozenset(str.split("be is are was were am been being"))


@dataclass(frozen=True)
class TriggerVocabulary:
    """Lemmas that can trigger an event and, for those that need other words too, which words.

    ``conditions[lemma]`` lists alternatives: the lemma codes an event only if, for one alternative,
    every word set of it has a member in the sentence. Lemmas without conditions trigger on their own.
    """

    lemmas: frozenset[str]
    conditions: Mapping[str, Conditions] = field(default_factory=dict)
    verbs: frozenset[str] = frozenset()  # the lemmas that trigger as verbs
    nouns: frozenset[str] = frozenset()  # the lemmas that trigger as event nouns


def trigger_vocabulary(
    lexicon: VerbLexicon, nouns: Mapping[str, tuple[NounRule, ...]], ontology: Ontology
) -> TriggerVocabulary:
    """The vocabulary of a verb lexicon and noun rules, keeping only what codes a PLOVER event.

    A verb triggers on its own when one of its entries carries a PLOVER code; otherwise only together
    with the words of one of its block's PLOVER-coded patterns (every phrase of the pattern must have a
    word in the sentence) and the entry's own extra words. Event nouns trigger on their own or with a
    cue word. Saying verbs and "be" are left out (the coder never codes them).
    """

    def is_event(code: str | None) -> bool:
        info = ontology.get(code) if code else None
        return info is not None and info.plover_type is not None

    block_needs = [_pattern_needs(block.by_anchor, is_event) for block in lexicon.blocks]
    lemmas: set[str] = set()
    conditions: dict[str, Conditions] = {}
    verbs: set[str] = set()
    saying = active_cues().saying
    for lemma, entries in lexicon.entries.items():
        if lemma in saying or lemma in AUXILIARY_ONLY:
            continue
        alternatives: set[tuple[frozenset[str], ...]] = set()
        for entry in entries:
            own = tuple(frozenset({w}) for w in (*entry.before, *entry.after))
            if is_event(entry.code):
                alternatives.add(own)
            alternatives.update(own + needs for needs in block_needs[entry.block])
        _add(lemma, alternatives, lemmas, conditions)
        verbs.update([lemma] if alternatives else [])
    nominal: set[str] = set()
    for noun, rules in nouns.items():
        cues = {(frozenset(r.cues),) if r.cues else () for r in rules if is_event(r.code)}
        _add(noun, cues, lemmas, conditions)
        nominal.update([noun] if cues else [])
    return TriggerVocabulary(frozenset(lemmas), conditions, frozenset(verbs), frozenset(nominal))


def _pattern_needs(
    by_anchor: Mapping[str, list[Pattern]], is_event: Callable[[str | None], bool]
) -> set[tuple[frozenset[str], ...]]:
    """For each PLOVER-coded pattern of a verb block, the word sets it needs in the sentence."""
    patterns = {id(p): p for group in by_anchor.values() for p in group}.values()
    needs = set()
    for p in patterns:
        if is_event(p.code):
            phrases = [*p.post, *p.pre, *(phrase for _, phrase in p.preps)]
            needs.add(tuple(words for phrase in phrases for words in phrase))
    return needs


def _add(
    lemma: str,
    alternatives: set[tuple[frozenset[str], ...]],
    lemmas: set[str],
    conditions: dict[str, Conditions],
) -> None:
    if not alternatives or (lemma in lemmas and lemma not in conditions):
        return  # nothing to add, or it already fires on its own
    lemmas.add(lemma)
    if () in alternatives:  # fires on its own
        conditions.pop(lemma, None)
        return
    conditions[lemma] = (*conditions.get(lemma, ()), *sorted(alternatives, key=len))
