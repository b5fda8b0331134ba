"""Cheap sentence prefilter: find the sentences that can hold an event before parsing anything.

A sentence can yield an event only if it has a trigger (a word whose lemma is
one of the coder's trigger lemmas, or one of its surface forms) and something
that can become an actor (a name, an agent word, a pronoun the resolver may
resolve by coreference). Both tests run on tokenizer output alone: lemmas are
guessed with the spaCy model's own rule-lemmatizer tables (suffix rules and
irregular forms) for every part of speech, so a guess is a superset of what
the tagger-driven lemmatizer can say. Missing a sentence loses events; keeping
an extra one only costs time, so every test leans towards keeping.

Sentences that a kept sentence may refer back to (a pronoun or a bare
surname needs an antecedent) are kept as context too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

LEMMA_POS = ("verb", "noun", "adj")
# Alternatives of word requirements; each requirement is a set of interchangeable words.
Conditions = tuple[tuple[frozenset[str], ...], ...]
PRONOUNS = frozenset(
    str.split(
        "i me my we us our ours you your he him his she her hers they them their theirs it its "
        "itself himself herself themselves ourselves this that these those who which"
    )
)
# What the resolver links back to an earlier mention: third-person pronouns, "the former".
ANAPHORS = frozenset(
    str.split(
        "he him his she her hers himself herself it its itself they them their theirs themselves "
        "former latter"
    )
)
# Words that open sentences but cannot name an actor.
FUNCTION_WORDS = frozenset(
    str.split(
        "a an the and but or nor so yet for of in on at by to from with as if when while after before since "
        "until although though because also however meanwhile still then there here this that these those "
        "what where why how not no all some any each every most many more last next first one two"
    )
)


@dataclass(frozen=True, slots=True)
class TagGate:
    """Which tokens can carry a trigger's part of speech, for each kind of trigger (verbs, event nouns).

    ``kinds``: (trigger lemmas of the kind, fine-grained tags that can end up as its part of speech,
    words that can whatever their tag).
    """

    kinds: tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...]

    def allows(self, lemmas: frozenset[str], lower: str, tag: str) -> bool:
        """Can a word (lower case, its possible trigger ``lemmas``) with ``tag`` be one of those triggers?"""
        return any(
            (tag in tags or lower in words) and not triggers.isdisjoint(lemmas)
            for triggers, tags, words in self.kinds
        )


@dataclass(frozen=True, slots=True)
class LemmaTables:
    """The rule-lemmatizer tables: suffix rules and irregular forms per part of speech."""

    rules: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    exceptions: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def from_nlp(cls, nlp: Language) -> LemmaTables:
        """Read the tables of ``nlp``'s rule lemmatizer (empty tables when it has none)."""
        if "lemmatizer" not in nlp.component_names:
            return cls()
        lookups = nlp.get_pipe("lemmatizer").lookups
        rules: dict[str, tuple[tuple[str, str], ...]] = {}
        exceptions: dict[str, dict[str, tuple[str, ...]]] = {}
        for pos in LEMMA_POS:
            if lookups.has_table("lemma_rules") and pos in lookups.get_table("lemma_rules"):
                rules[pos] = tuple((old, new) for old, new in lookups.get_table("lemma_rules")[pos])
            if lookups.has_table("lemma_exc") and pos in lookups.get_table("lemma_exc"):
                table = lookups.get_table("lemma_exc")[pos]
                exceptions[pos] = {form: tuple(lemmas) for form, lemmas in table.items()}
        return cls(rules, exceptions)

    def candidates(self, word: str) -> set[str]:
        """Every lemma ``word`` (lower case) could have under any part of speech, plus itself."""
        found = {word}
        for pos in LEMMA_POS:
            found.update(self.exceptions.get(pos, {}).get(word, ()))
            for old, new in self.rules.get(pos, ()):
                if word.endswith(old) and len(word) > len(old):
                    found.add(word[: len(word) - len(old)] + new)
        return found


class Prefilter:
    """Decides which sentences of a tokenised text are worth parsing.

    ``triggers``: trigger lemmas (first word of multi-word triggers), lower case.
    ``forms``: extra trigger surface forms. ``actor_words``: lower-case words that
    can name an actor without a capital letter (agent nouns such as "police").
    ``context``: how many sentences before a kept sentence with an anaphor are kept.
    ``conditions``: for a trigger lemma that codes an event only together with other words (a verb
    pattern's object, a noun's modifier), the alternative word requirements: the lemma fires in a
    sentence only if, for some alternative, every word set in it has a member in the sentence. Lemmas
    without conditions fire on their own. ``tag_gate``: which tagged tokens can be which kind of trigger,
    for ``keep_tagged``. ``descriptions``: head nouns of definite descriptions the resolver links to an
    earlier mention ("the minister", "the group"), up to ``description_context`` sentences back.
    """

    def __init__(
        self,
        triggers: Iterable[str],
        *,
        forms: Iterable[str] = (),
        actor_words: Iterable[str] = (),
        tables: LemmaTables | None = None,
        require_actor: bool = True,
        context: int = 2,
        conditions: Mapping[str, Conditions] | None = None,
        tag_gate: TagGate | None = None,
        descriptions: Iterable[str] = (),
        description_context: int = 3,
    ) -> None:
        self.triggers = frozenset(t.lower() for t in triggers)
        self.forms = frozenset(f.lower() for f in forms)
        self.actor_words = frozenset(w.lower() for w in actor_words)
        self.tables = tables or LemmaTables()
        self.require_actor = require_actor
        self.context = context
        self.conditions = dict(conditions or {})
        self.tag_gate = tag_gate
        self.descriptions = frozenset(w.lower() for w in descriptions)
        self.description_context = description_context
        self._is_trigger: dict[str, bool] = {}  # per-word caches; words repeat a lot across articles
        self._lemmas: dict[str, frozenset[str]] = {}

    @classmethod
    def from_nlp(cls, nlp: Language, triggers: Iterable[str], **options: object) -> Prefilter:
        """A prefilter using ``nlp``'s lemmatizer tables to guess lemmas."""
        return cls(triggers, tables=LemmaTables.from_nlp(nlp), **options)  # type: ignore[arg-type]

    def lemmas(self, lower: str) -> frozenset[str]:
        """The lemmas a lower-case word could have (itself included)."""
        found = self._lemmas.get(lower)
        if found is None:
            found = self._lemmas[lower] = frozenset(self.tables.candidates(lower))
        return found

    def is_trigger(self, word: str) -> bool:
        """Could ``word`` (any case) be an inflection of a trigger lemma, or a trigger form?"""
        lower = word.lower()
        hit = self._is_trigger.get(lower)
        if hit is None:
            hit = lower in self.forms or not self.triggers.isdisjoint(self.lemmas(lower))
            self._is_trigger[lower] = hit
        return hit

    def sentence_words(self, words: Sequence[str]) -> set[str]:
        """Every form and possible lemma in a sentence, hyphenated words also split."""
        found: set[str] = set()
        for word in words:
            lower = word.lower()
            found.update(self.lemmas(lower))
            if "-" in lower:
                found.update(lower.split("-"))
        return found

    def fires(self, word: str, present: set[str]) -> bool:
        """Does trigger ``word`` have its conditions met by the words ``present`` in its sentence?"""
        lower = word.lower()
        if lower in self.forms:
            return True
        for lemma in self.lemmas(lower) & self.triggers:
            alternatives = self.conditions.get(lemma)
            if alternatives is None:
                return True
            for required in alternatives:
                if all(not options.isdisjoint(present) for options in required):
                    return True
        return False

    def is_actor_word(self, text: str, first: bool) -> bool:
        """Could the word ``text`` name or stand for an actor? Capitalised words, agent words, pronouns."""
        lower = text.lower()
        if lower in PRONOUNS or lower in self.actor_words:
            return True
        if not text[:1].isupper() or not any(c.isalpha() for c in text):
            return False
        return not (first and lower in FUNCTION_WORDS)

    def keep(self, tokens: Sequence[str]) -> bool:
        """Can a sentence (its token texts) yield an event? A trigger and, if required, an actor candidate."""
        words = [t for t in tokens if any(c.isalnum() for c in t)]
        triggers = [w for w in words if self.is_trigger(w)]
        if not triggers:
            return False
        if self.conditions:
            present = self.sentence_words(words)
            if not any(self.fires(w, present) for w in triggers):
                return False
        if not self.require_actor:
            return True
        return any(self.is_actor_word(w, i == 0) for i, w in enumerate(words))

    def keep_tagged(self, tokens: Sequence[str], tags: Sequence[str]) -> bool:
        """Second look at a sentence that passed ``keep``, now with its fine-grained tags: some trigger word
        must also carry a tag that can make it a verb or an event noun (always True without a ``tag_gate``).
        """
        if self.tag_gate is None:
            return True
        gate = self.tag_gate
        pairs = [(t, tag) for t, tag in zip(tokens, tags, strict=True) if any(c.isalnum() for c in t)]
        triggers = [
            w
            for w, tag in pairs
            if self.is_trigger(w) and gate.allows(self.lemmas(w.lower()) & self.triggers, w.lower(), tag)
        ]
        if not triggers or not self.conditions:
            return bool(triggers)
        present = self.sentence_words([w for w, _ in pairs])
        return any(self.fires(w, present) for w in triggers)

    def needs_context(self, tokens: Sequence[str]) -> bool:
        """Does the sentence refer back to something earlier (a pronoun, "the former")?"""
        return any(t.lower() in ANAPHORS for t in tokens)

    def select(self, sentences: Sequence[Sequence[str]]) -> list[bool]:
        """Per sentence: parse it or not.

        A kept sentence brings along what the resolver may link its mentions to: the sentence before it
        when it has an anaphor (the resolver looks one sentence back for a pronoun's antecedent), and
        the one before that if the brought sentence has an anaphor too, up to ``context`` sentences;
        up to ``description_context`` sentences when it has a description head ("the minister");
        and the first earlier sentence naming each of its capitalised words (where "Trump" was
        introduced as "US President Donald Trump").
        """
        return self.with_context(sentences, [self.keep(s) for s in sentences])

    def with_context(self, sentences: Sequence[Sequence[str]], keep: Sequence[bool]) -> list[bool]:
        """``keep`` plus the earlier sentences the kept ones may refer back to (see ``select``)."""
        chosen = list(keep)
        if self.context <= 0:
            return chosen
        first_seen: dict[str, int] = {}
        for i, sentence in enumerate(sentences):
            for word in sentence:
                if word[:1].isupper() and word.lower() not in FUNCTION_WORDS and word.lower() not in PRONOUNS:
                    first_seen.setdefault(word, i)
        for i, kept in enumerate(keep):
            if not kept:
                continue
            j = i  # an anaphor brings the sentence before; one there brings the one before that, and so on
            while j > 0 and i - j < self.context and self.needs_context(sentences[j]):
                j -= 1
                chosen[j] = True
            if self.descriptions and any(w.lower() in self.descriptions for w in sentences[i]):
                for j in range(max(0, i - self.description_context), i):
                    chosen[j] = True
            for word in sentences[i]:
                j = first_seen.get(word, i)
                if j < i:
                    chosen[j] = True
        return chosen


SENTENCE_END = frozenset(".!?…")
CLOSERS = frozenset("\"'”’)]»")


def split_sentences(words: Sequence[str]) -> list[tuple[int, int]]:
    """Cheap sentence spans (token index ranges covering every token) from punctuation and line breaks.

    ``words`` are the token texts of a tokenised text (whitespace tokens included). A sentence ends after
    a ``.``/``!``/``?`` token (plus closing quotes or brackets) unless the next word starts in lower case,
    and at every line break, so headlines without a full stop stand alone. Whitespace tokens stay with
    the sentence before them.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    stop = False  # the last word ended a sentence
    newline = False  # a line break since the last word
    for i, text in enumerate(words):
        if not text or text.isspace():
            newline = newline or "\n" in text
            continue
        closer = text in CLOSERS and stop and not newline
        if i > start and not closer and (newline or (stop and not text[:1].islower())):
            spans.append((start, i))
            start = i
        if not closer:
            stop = text in SENTENCE_END
        newline = False
    if start < len(words):
        spans.append((start, len(words)))
    return spans
