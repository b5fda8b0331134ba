"""The parse walk that finds place phrases: the rules' candidates for where an event happens.

``rule_phrases(trigger)`` yields, nearest first: the locative phrase attached to the event ("in Moscow",
"near Rafah", "in the city of Aleppo", "in a West Bank refugee camp", "in the Syrian capital", and "to
Moscow" for visits and other movement); the object of visiting or attacking verbs ("visited Moscow"); a
locative modifier of the event's participants ("defence systems in Syria intercepted …", "fired at
targets in Jericho"). ``sentence_places(sent)`` lists every place-like phrase of a sentence (named
places, "Idlib province", "the Syrian capital", a proper noun after "in"/"at"), which the ranker scores.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from eventwire.coding.modality import clause_anchors, lemma
from eventwire.coding.places.index import (
    CITY_ALTERNATE,
    DIRECTIONS,
    NOT_ALTERNATE_LABELS,
    REGION_NOUNS,
    TOWN,
    TOWN_LABELS,
    words,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
GPE_LABEL = frozenset({"GPE"})
CAPITAL_LABEL = "CAPITAL_OF"  # "the Syrian capital": resolved through the country's capital
MODIFIER_LABEL = "PLACE_MODIFIER"  # a place named as a modifier; used only when the gazetteer knows it
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr"})
NOUN_PHRASE_DEPS = frozenset({"prep", "pobj", "acl", "conj", "appos"})
PARTICIPANT_DEPTH = 5
QUANTITY_NOUNS = words(
    "third half quarter dozen dozens hundred hundreds thousand thousands million millions number group "
    "some many most all part majority minority rest members"
)
LOCATIVE_PREPS = words("in at near inside outside across throughout within into around off")
MOVEMENT_LEMMAS = words(
    "visit travel trip tour journey go fly come return head arrive deploy deployment send dispatch move "
    "march sail transfer relocate mission delegation pilgrimage flight accompany extradite deport "
    "repatriate"
)
# Verbs whose direct object is where the event happens: "visited Moscow", "shelled Kharkiv".
PLACE_OBJECT_LEMMAS = words(
    "visit tour enter invade occupy raid besiege bomb shell strike attack storm capture seize annex "
    "reach leave flee evacuate blockade overrun liberate"
)
AREA_NOUNS = words(
    "city town village capital province region district state country area port outskirts outskirt edge "
    "suburb suburbs heart centre center part parts"
)
EDGE_NOUNS = words("outskirts outskirt edge border")  # "on the outskirts of X": "on" is locative here
TOWN_NOUNS = words("town village city enclave settlement municipality")
# Entity labels that never name a place (the small model tags some cities NORP, PERSON or PRODUCT).
NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LANGUAGE"}
)
# Rules of the parse walk, nearest first (the ranker's features name them).
LOCATIVE, PLACE_OBJECT, PARTICIPANT = "locative", "place-object", "participant"


def rule_phrases(trigger: Token) -> Iterator[tuple[Span, str]]:
    """Place phrases the rules attach to the event of ``trigger``, nearest first, with the rule's name."""
    anchors = clause_anchors(trigger)
    movement = any(lemma(a) in MOVEMENT_LEMMAS for a in anchors)
    for anchor in anchors:
        for span in _locatives(anchor, movement):
            yield span, LOCATIVE
    for anchor in anchors:  # "will visit Moscow", "troops entered Kherson"
        if lemma(anchor) in PLACE_OBJECT_LEMMAS:
            for child in anchor.children:
                if child.dep_ == "dobj":
                    span = place_span(child)
                    if span is not None:
                        yield span, PLACE_OBJECT
    for anchor in anchors:
        for noun in _participants(anchor):
            for span in _locatives(noun, movement=False):
                yield span, PARTICIPANT


def sentence_places(sent: Span) -> list[Span]:
    """Every place-like phrase of ``sent``, in text order, without overlaps.

    Region and capital phrases ("Idlib province", "the Syrian capital"); named entities of any label
    but numbers and dates whose root is a proper noun, or labelled GPE/LOC/FAC (the small model tags some
    cities NORP, PERSON or PRODUCT); runs of untagged proper nouns ("Lome"). ``locative_slot`` says which
    of them stand where a place is expected; callers keep those, those labelled as places and those the
    gazetteer knows.
    """
    found: list[Span] = []
    taken: set[int] = set()

    def add(span: Span | None) -> None:
        if span is not None and not any(i in taken for i in range(span.start, span.end)):
            found.append(span)
            taken.update(range(span.start, span.end))

    for token in sent:
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS | {"of", "to", "from", "on"}:
            add(_region_span(token) or _capital_span(token))
    for token in sent:
        if token.ent_iob_ == "B" and token.ent_type_ not in NOT_PLACE_LABELS:
            span = entity_at(token)
            if span.label_ in PLACE_LABELS or span.root.pos_ == "PROPN":
                add(_with_direction(span))
        elif not token.ent_type_ and token.pos_ == "PROPN":
            add(_proper_run(token))
    return sorted(found, key=lambda s: s.start)


def _with_direction(span: Span) -> Span:
    """ "northern Syria": the entity with the direction word that modifies it (a region of the country)."""
    if span.start > span.sent.start:
        before = span.doc[span.start - 1]
        if (
            before.lower_ in DIRECTIONS
            and before.head.i in range(span.start, span.end)
            and not before.ent_type_
        ):
            return Span(span.doc, span.start - 1, span.end, label=span.label_)
    return span


def locative_slot(span: Span) -> str | None:
    """The preposition of the slot a phrase stands in when it is, modifies or names the object of a
    locative preposition ("in X", "at her X home", "in the capital X", "in the city of X"), else None."""
    node = span.root
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS | {"on", "to", "from"}:
            return node.head.lower_
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in AREA_NOUNS:
            node = node.head.head
        elif node.dep_ in ("compound", "appos", "amod", "nmod", "poss", "npadvmod", "advmod", "conj"):
            node = node.head
        else:
            return None
    return None


def _proper_run(token: Token) -> Span:
    """The run of untagged proper nouns around ``token``."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > token.sent.start and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
        start -= 1
    while end < token.sent.end and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
        end += 1
    return Span(doc, start, end, label="PROPN")


def _capital_span(obj: Token) -> Span | None:
    if obj.lemma_ == "capital":
        modifiers = [c for c in obj.children if c.dep_ in ("amod", "compound", "poss") and c.pos_ != "DET"]
        if modifiers:
            return Span(obj.doc, obj.left_edge.i, obj.i + 1, label=CAPITAL_LABEL)
    return None


def names_region(phrase: Span) -> bool:
    """Whether the text calls the place a region: "Idlib province", "the province of Idlib"."""
    head = phrase.root.head
    if head.dep_ == "prep" and head.lower_ == "of":
        head = head.head
    inside = phrase.start <= head.i < phrase.end
    return not inside and head.lemma_.lower() in REGION_NOUNS and head.pos_ in ("NOUN", "PROPN")


def excluded_kinds(phrase: Span) -> frozenset[int]:
    """Kinds of entries the phrase cannot name (see ``TOWN_LABELS``)."""
    label = phrase.label_
    excluded = set()
    if label not in TOWN_LABELS and not _names_town(phrase):
        excluded.add(TOWN)  # also for modifiers: "the Grasberg mine" is no German town
    if label == MODIFIER_LABEL:  # "a West Bank refugee camp": only the entity inside has a label
        label = phrase[0].ent_type_
    if label in NOT_ALTERNATE_LABELS:
        excluded.add(CITY_ALTERNATE)
    return frozenset(excluded)


def _names_town(phrase: Span) -> bool:
    """Whether the text calls the place a town: "the town of Gorazde", "the enclave of Gorazde"."""
    head = phrase.root.head
    return head.dep_ == "prep" and head.lower_ == "of" and head.head.lemma_.lower() in TOWN_NOUNS


def _participants(anchor: Token) -> list[Token]:
    """Nouns inside the anchor's arguments and prepositional objects, not crossing into other clauses."""
    found: list[Token] = []
    frontier = [c for c in anchor.children if c.dep_ in ARGUMENT_DEPS or c.dep_ == "prep"]
    for _ in range(PARTICIPANT_DEPTH):
        following: list[Token] = []
        for token in frontier:
            if token.pos_ in ("NOUN", "PROPN") or token.dep_ == "acl":  # "guerrillas operating in X"
                found.append(token)
            following.extend(c for c in token.children if c.dep_ in NOUN_PHRASE_DEPS and _descend(token, c))
        frontier = following
    return found


def _descend(token: Token, child: Token) -> bool:
    """Whether the participant search goes on into ``child``: "of" only after quantities
    ("a third of the guerrillas operating in X"), not into topics ("reports of involvement in X")."""
    if child.dep_ == "prep" and child.lower_ == "of":
        return token.pos_ == "NUM" or token.lemma_ in QUANTITY_NOUNS
    return True


def _locatives(token: Token, movement: bool) -> list[Span]:
    found: list[Span] = []
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        if word in LOCATIVE_PREPS or (movement and word == "to") or word == "on":
            for obj in prep.children:
                if obj.dep_ == "pobj" and (word != "on" or obj.lemma_.lower() in EDGE_NOUNS):
                    span = place_span(obj)
                    if span is not None:
                        found.append(span)
    return found


def entity_at(token: Token, label: str | None = None) -> Span:
    """The whole named entity that ``token`` is part of (labelled ``label`` if given)."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=label or token.ent_type_)


def _region_span(obj: Token) -> Span | None:
    """ "Idlib province", "the Donetsk region": the name and its region noun, whatever tag the name got
    (the small model calls "Aleppo" NORP and misses "Donetsk"); used only when the gazetteer knows it."""
    if obj.lemma_.lower() not in REGION_NOUNS:
        return None
    names = [c for c in obj.children if c.dep_ == "compound" and (c.ent_type_ or c.pos_ == "PROPN")]
    if not names:
        return None
    start = min(entity_at(c).start if c.ent_type_ else c.left_edge.i for c in names)
    return Span(obj.doc, start, obj.i + 1, label=MODIFIER_LABEL)


def place_span(obj: Token) -> Span | None:
    """The named entity at ``obj`` (any label: the small model tags some cities NORP or PERSON),
    a region named by its head noun ("Idlib province"), or the place inside "the city of X"-style
    phrases."""
    if obj.ent_type_ in PLACE_LABELS or (obj.ent_type_ and obj.pos_ == "PROPN"):
        return entity_at(obj)
    region = _region_span(obj)
    if region is not None:
        return region
    for (
        child
    ) in obj.children:  # "in a West Bank refugee camp"; only if the gazetteer knows it ("Brexit talks")
        if child.dep_ == "compound" and child.ent_type_ in PLACE_LABELS:
            return entity_at(child, label=MODIFIER_LABEL)
    if obj.lemma_ == "capital":
        modifiers = [c for c in obj.children if c.dep_ in ("amod", "compound", "poss") and c.pos_ != "DET"]
        if modifiers:
            return Span(obj.doc, obj.left_edge.i, obj.i + 1, label=CAPITAL_LABEL)
    if obj.lemma_ in AREA_NOUNS:
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = [g for g in child.children if g.dep_ == "pobj" and g.ent_type_]
                if inner:
                    return place_span(inner[0])
    return None
