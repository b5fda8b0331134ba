"""spaCy's attribute ruler compiled into table lookups: the same annotations, a tenth of the time.

The English model's ``attribute_ruler`` (its tag map, morphology rules and exceptions) runs spaCy's
general ``Matcher`` over every token, which costs about as much as the dependency parser. All its
patterns test a few attributes of one or two tokens for equality or set membership, so the outcome for
a token depends only on those attribute values (and its neighbours' for the two-token patterns): it
can be computed once per distinct combination and looked up after that.

``compile_rules`` returns None when a pattern uses anything else (operators, regular expressions,
other attributes); ``use_compiled_attribute_ruler`` then leaves spaCy's component in place.
The result is identical to spaCy's: rules are applied per token in the ruler's order (later rules
win), as ``AttributeRuler.set_annotations`` does; tests/nlp/test_rules.py compares every annotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.strings import StringStore
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

FACTORY = "eventwire_attribute_ruler"
# Token attributes a compiled pattern may test: string-valued ones and boolean flags.
STRING_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "ENT_TYPE"})
FLAG_ATTRS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_STOP", "IS_TITLE", "IS_UPPER"})
ARRAY_NAME = {"TEXT": "ORTH"}  # Matcher aliases


@dataclass(frozen=True, slots=True)
class Test:
    """One attribute test of a token pattern on a column of attribute values.

    Passes when the value is among ``values`` (not among them when ``negate``), or, with ``regex``,
    when the attribute's string contains a match (as the Matcher's REGEX predicate does).
    """

    column: int
    values: frozenset[int] = frozenset()
    negate: bool = False
    regex: re.Pattern[str] | None = None

    def passes(self, value: int, strings: StringStore) -> bool:
        if self.regex is not None:
            return self.regex.search(strings[value]) is not None
        return (value in self.values) != self.negate


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruler entry: alternative token sequences, which token of a match gets ``attrs``."""

    sequences: tuple[tuple[int, ...], ...]  # each a sequence of token-spec ids
    index: int
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value), normalised as spaCy stores them


class CompiledRules:
    """The ruler's rules over columns of ``Doc.to_array``; ``apply`` annotates a Doc in place.

    Token specs are tracked as bits of an int: for each column and value, the mask of specs that value
    does not rule out; a token satisfies the specs left after AND-ing the masks of its values.
    """

    def __init__(
        self, strings: StringStore, columns: list[int], specs: list[tuple[Test, ...]], rules: list[Rule]
    ) -> None:
        self.strings = strings
        self.columns = columns
        self.specs = specs
        self.rules = rules
        self.single = [(r, seq[0]) for r, rule in enumerate(rules) for seq in rule.sequences if len(seq) == 1]
        self.multi = [(r, seq) for r, rule in enumerate(rules) for seq in rule.sequences if len(seq) > 1]
        self.out_attrs = sorted({attr for rule in rules for attr, _ in rule.attrs})
        self._all = (1 << len(specs)) - 1
        self._multi_starts = sum({1 << seq[0] for _, seq in self.multi})
        self._value_masks: list[dict[int, int]] = [{} for _ in columns]
        self._column_tests = [self._index_tests(column) for column in range(len(columns))]
        self._rules_of: dict[int, tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    def spec_mask(self, row: Sequence[int]) -> int:
        """Bit i set: a token with attribute values ``row`` satisfies token spec i."""
        mask = self._all
        for column, value in enumerate(row):
            found = self._value_masks[column].get(value)
            if found is None:
                found = self._value_masks[column][value] = self._value_mask(column, value)
            mask &= found
        return mask

    def _value_mask(self, column: int, value: int) -> int:
        base, by_value, others = self._column_tests[column]
        mask = base | by_value.get(value, 0)
        for i, tests in others:
            if all(t.passes(value, self.strings) for t in tests):
                mask |= 1 << i
        return mask

    def _index_tests(self, column: int) -> tuple[int, dict[int, int], list[tuple[int, list[Test]]]]:
        """For one column: specs not testing it, specs testing it by plain membership (per value), others."""
        base = 0
        by_value: dict[int, int] = {}
        others: list[tuple[int, list[Test]]] = []
        for i, spec in enumerate(self.specs):
            tests = [t for t in spec if t.column == column]
            if not tests:
                base |= 1 << i
            elif len(tests) == 1 and not tests[0].negate and tests[0].regex is None:
                for value in tests[0].values:
                    by_value[value] = by_value.get(value, 0) | 1 << i
            else:
                others.append((i, tests))
        return base, by_value, others

    def rules_per_token(self, rows: list[list[int]]) -> list[tuple[int, ...]]:
        """For each token, the rules that set its attributes, in the order spaCy applies them."""
        masks = [self.spec_mask(row) for row in rows]
        result = []
        for mask in masks:
            rules = self._rules_of.get(mask)
            if rules is None:
                rules = self._rules_of[mask] = tuple(
                    sorted({r for r, spec in self.single if mask >> spec & 1})
                )
            result.append(rules)
        if self.multi:
            starts = self._multi_starts
            for i in (i for i, mask in enumerate(masks) if mask & starts):
                for rule, seq in self.multi:
                    end = i + len(seq)
                    if end <= len(masks) and all(masks[i + j] >> spec & 1 for j, spec in enumerate(seq)):
                        at = i + self.rules[rule].index % len(seq)
                        result[at] = tuple(sorted({*result[at], rule}))
        return result

    def merged(self, rules: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """The final (output column, value) pairs after applying ``rules`` in order (later ones win)."""
        found = self._merged.get(rules)
        if found is None:
            values: dict[int, int] = {}
            for r in rules:
                values.update(self.rules[r].attrs)
            position = {attr: j for j, attr in enumerate(self.out_attrs)}
            found = self._merged[rules] = tuple((position[a], v) for a, v in values.items())
        return found

    def apply(self, doc: Doc) -> Doc:
        """Set the attributes the rules assign to each token of ``doc``."""
        import numpy

        if not len(doc) or not self.out_attrs:
            return doc
        rows = doc.to_array(self.columns).reshape(len(doc), -1).tolist()
        out = doc.to_array(self.out_attrs).reshape(len(doc), -1).tolist()
        changed = False
        for values, rules in zip(out, self.rules_per_token(rows), strict=True):
            if rules:
                for j, value in self.merged(rules):
                    values[j] = value
                changed = True
        if changed:
            doc.from_array(self.out_attrs, numpy.array(out, dtype="uint64"))
        return doc


def compile_rules(ruler: AttributeRuler) -> CompiledRules | None:
    """The ruler's patterns as lookups, or None if one of them is beyond simple attribute tests."""
    vocab = ruler.vocab
    columns: list[str] = []
    specs: list[tuple[Test, ...]] = []
    spec_ids: dict[tuple[Test, ...], int] = {}
    rules: list[Rule] = []
    for entry, attrs, index in zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True):
        sequences = []
        for pattern in entry["patterns"]:
            if not pattern or not -len(pattern) <= index < len(pattern):
                return None
            sequence = []
            for token_spec in pattern:
                tests = _tests(token_spec, vocab, columns)
                if tests is None:
                    return None
                sequence.append(spec_ids.setdefault(tests, len(spec_ids)))
                if len(specs) < len(spec_ids):
                    specs.append(tests)
            sequences.append(tuple(sequence))
        if any(not isinstance(k, int) for k in attrs):  # extension attributes ("_")
            return None
        rules.append(Rule(tuple(sequences), index, tuple(attrs.items())))
    if not columns:  # only match-anything token specs: nothing to look up
        return None
    return CompiledRules(vocab.strings, [IDS[c] for c in columns], specs, rules)


def _tests(token_spec: dict[str, Any], vocab: Vocab, columns: list[str]) -> tuple[Test, ...] | None:
    tests = []
    for key, condition in sorted(token_spec.items()):
        name = ARRAY_NAME.get(key.upper(), key.upper())
        if name not in STRING_ATTRS and name not in FLAG_ATTRS:
            return None
        if name not in columns:
            columns.append(name)
        column = columns.index(name)
        if isinstance(condition, dict) and set(condition) == {"REGEX"} and name in STRING_ATTRS:
            tests.append(Test(column, regex=re.compile(condition["REGEX"])))
            continue
        if isinstance(condition, dict):
            if len(condition) != 1 or not ({"IN", "NOT_IN"} >= condition.keys()):
                return None
            negate = "NOT_IN" in condition
            options = condition["NOT_IN" if negate else "IN"]
        else:
            options, negate = [condition], False
        values = [_value(name, option, vocab) for option in options]
        if any(v is None for v in values):
            return None
        tests.append(Test(column, frozenset(v for v in values if v is not None), negate))
    return tuple(tests)


def _value(name: str, option: object, vocab: Vocab) -> int | None:
    if name in FLAG_ATTRS:
        return int(option) if isinstance(option, bool) else None
    if not isinstance(option, str):
        return None
    if name == "POS":  # the Matcher knows only the upper-case names; another string never matches
        return POS_IDS.get(option, vocab.strings.add(option)) if option else 0
    return vocab.strings.add(option) if option else 0


class CompiledAttributeRuler:
    """Pipeline component applying ``CompiledRules``; stands in for spaCy's ``attribute_ruler``."""

    def __init__(self, rules: CompiledRules | None = None) -> None:
        self.rules = rules
        self.patterns: list[dict[str, Any]] = []  # the source patterns, as ``AttributeRuler.patterns``

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            raise ValueError("compiled attribute ruler used before its rules were compiled")
        return self.rules.apply(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        return map(self, docs)


@Language.factory(FACTORY)
def make_compiled_attribute_ruler(nlp: Language, name: str) -> CompiledAttributeRuler:
    return CompiledAttributeRuler()


def tags_for_pos(nlp: Language, targets: Iterable[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """Which fine-grained tags (or words) the attribute ruler can turn into one of the ``targets`` POS.

    Read from the ruler's rules that set such a POS: the tags they test, or the words when they test
    words instead. A rule that tests neither (or only by regular expression) makes the gate unknowable,
    and so does a pipeline whose POS does not come from tagger + attribute ruler: None then.
    """
    if not {"tagger", "attribute_ruler"} <= set(nlp.pipe_names) or "morphologizer" in nlp.pipe_names:
        return None
    ruler = nlp.get_pipe("attribute_ruler")
    patterns = getattr(ruler, "patterns", None)
    if patterns is None:
        return None
    wanted = set(targets)
    tags: set[str] = set()
    words: set[str] = set()
    for entry in patterns:
        if entry["attrs"].get("POS") not in wanted:
            continue
        for pattern in entry["patterns"]:
            spec = pattern[entry.get("index", 0)]
            by_tag = _options(spec.get("TAG"))
            by_word = _options(spec.get("LOWER", spec.get("ORTH", spec.get("TEXT"))))
            if by_tag is not None:
                tags.update(by_tag)
            elif by_word is not None:
                words.update(w.lower() for w in by_word)
            else:
                return None
    return frozenset(tags), frozenset(words)


def _options(condition: object) -> list[str] | None:
    """The values a plain (equality or IN) condition allows; None for anything else."""
    if isinstance(condition, str):
        return [condition]
    if isinstance(condition, dict) and set(condition) == {"IN"}:
        return [str(v) for v in condition["IN"]]
    return None


def use_compiled_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the attribute ruler of ``nlp`` for its compiled form; False (unchanged) if it cannot be."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    rules = compile_rules(ruler)
    if rules is None:
        return False
    component = nlp.replace_pipe(name, FACTORY)
    component.rules, component.patterns = rules, ruler.patterns
    return True
