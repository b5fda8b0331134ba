"""Which place is the event's: rank the sentence's candidate places, resolve the winner, explain both.

``event_place(trigger, gazetteer, actors, article)`` lists the places of the trigger's sentence
(``phrases.sentence_places`` plus the rule walk's phrases), scores each with the shipped ranker
(``ranker.PlaceRanker``: parse path, preposition, distance, place type, the rule that found it) and keeps
the best one when its probability reaches the model's threshold; otherwise the event keeps no place. A
sentence that names no place at all takes the article's dateline ("KABUL —") or the place of the story's
previous sentence when it clearly continues it (its subject is a pronoun or a definite noun phrase); a
sentence whose only place-like words are unknown to the gazetteer and rejected by the ranker counts as
naming none.
The resolved entry (``Gazetteer.resolve``) uses the actors' countries, the article's other places and
the publisher's country to choose between namesakes. ``Location.reason`` says why this place and why
this entry; behaviour never depends on that text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.coding.places.features import candidate_features, tree_distance
from eventwire.coding.places.gazetteer import Gazetteer, Hints
from eventwire.coding.places.phrases import PLACE_LABELS, locative_slot, rule_phrases, sentence_places
from eventwire.coding.places.ranker import PlaceRanker
from eventwire.models import Article, Location, Mention

# "KABUL —", "BEIRUT, Lebanon (Reuters) -": an upper-case place, optional country and agency, then a dash.
DATELINE = re.compile(
    r"\A\s*([A-Z][A-Z'.\- ]{2,40}?)(?:,\s*([A-Z][A-Za-z.' ]{1,30}))?\s*(?:\([^)]{1,40}\)\s*)?[—–-]{1,2}\s"
)
CONTINUATION_SUBJECTS = frozenset({"he", "she", "they", "it", "this", "these", "those", "we"})
PERSON_LIKE = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "LAW", "EVENT"})  # need a slot unless known
STORY_WINDOW = 2  # earlier sentences a continuing sentence may take its place from


@dataclass(frozen=True)
class Candidate:
    """One place phrase of the sentence, what the gazetteer makes of it, and its ranker features."""

    span: Span
    location: Location | None
    rule: str | None
    features: tuple[str, ...]


def sentence_candidates(trigger: Token, gazetteer: Gazetteer, hints: Hints | None = None) -> list[Candidate]:
    """The candidate places of the trigger's sentence with their features (also used for training)."""
    sent = trigger.sent
    rules: dict[tuple[int, int], tuple[str, int]] = {}
    rule_spans: list[Span] = []
    for order, (span, rule) in enumerate(rule_phrases(trigger)):
        if (span.start, span.end) not in rules:
            rules[(span.start, span.end)] = (rule, order)
            rule_spans.append(span)
    spans = list(sentence_places(sent))
    for span in rule_spans:  # a rule's phrase replaces the plain entities it covers ("Idlib province")
        inside = [s for s in spans if s.start < span.end and span.start < s.end]
        if not any(s.start <= span.start and span.end <= s.end for s in inside):
            spans = [s for s in spans if s not in inside] + [span]
    found: list[tuple[Span, Location | None, str | None, int | None]] = []
    for span in spans:
        if span.root.i == trigger.i:
            continue
        location = gazetteer.resolve(span, hints)
        rule, order = _rule_of(span, rules)
        slot = locative_slot(span)
        if location is None and rule is None and slot is None and span.label_ not in PLACE_LABELS:
            continue
        if location is None and span.label_ in PERSON_LIKE and slot is None:
            continue
        found.append((span, location, rule, order))
    out = []
    distances = [tree_distance(trigger, span.root) for span, *_ in found]
    gaps = [abs(span.root.i - trigger.i) for span, *_ in found]
    for n, (span, location, rule, order) in enumerate(found):
        kind = (location.precision or "unknown") if location is not None else "unknown"
        feats = candidate_features(trigger, span, kind, rule, order, len(found))
        feats.append(f"slot={locative_slot(span) or 'none'}")
        if distances[n] == min(distances):
            feats.append("nearest_in_tree")
        if gaps[n] == min(gaps):
            feats.append("nearest_in_text")
        if len(found) == 1:
            feats.append("only_candidate")
        out.append(Candidate(span, location, rule, tuple(feats)))
    return out


def _rule_of(span: Span, rules: dict[tuple[int, int], tuple[str, int]]) -> tuple[str | None, int | None]:
    for (start, end), (rule, order) in rules.items():
        if start < span.end and span.start < end:
            return rule, order
    return None, None


def event_place(
    trigger: Token,
    gazetteer: Gazetteer,
    actors: Sequence[Mention] = (),
    article: Article | None = None,
    ranker: PlaceRanker | None = None,
) -> Location | None:
    """The place where the event of ``trigger`` happens, or None when nothing supports one."""
    ranker = ranker or PlaceRanker.load()
    sent = trigger.sent
    dateline, dateline_end = _dateline(article, gazetteer) if article is not None else (None, 0)
    hints = Hints(
        sentence=frozenset(gazetteer.countries_in(sent)),
        actors=frozenset(m.country for m in actors if m.country and len(m.country) == 3),
        article=frozenset(_story_countries(sent, gazetteer)) | _country(dateline),
        publisher=_publisher_country(article),
    )
    candidates = sentence_candidates(trigger, gazetteer, hints)
    if dateline_end:  # the dateline itself ("TRIPOLI, Lebanon (Reuters) -") is no place of the sentence
        candidates = [c for c in candidates if c.span.start_char >= dateline_end]
    if candidates:
        scored = [(ranker.probability(c.features), n, c) for n, c in enumerate(candidates)]
        p, _, best = max(scored, key=lambda item: (item[0], -item[1]))
        if p >= ranker.threshold:
            return _located(best, p, ranker)
        if any(c.location is not None for c in candidates):
            return None  # the sentence names places, none of them the event's
    story = _story_place(trigger, gazetteer, hints)
    if story is not None:
        return story
    if dateline is not None:  # the story's place when the sentence names none ("KABUL — …")
        return dateline
    return None


def _located(best: Candidate, p: float, ranker: PlaceRanker) -> Location:
    span = best.span
    why = f"p={p:.2f} ({', '.join(ranker.strongest(best.features)) or 'no strong feature'})"
    if best.rule is not None:
        why = f"{best.rule} phrase, {why}"
    location = best.location or Location(text=_strip_the(span.text), reason="not in the gazetteer")
    location.start, location.end = span.start_char, span.end_char
    location.reason = f"event place: {why}; entry: {location.reason}"
    return location


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _dateline(article: Article, gazetteer: Gazetteer) -> tuple[Location | None, int]:
    """The place of an article dateline ("KABUL —", "BEIRUT, Lebanon (Reuters) -") and where the dateline
    ends (0 without one)."""
    match = DATELINE.match(article.text)
    if match is None:
        return None, 0
    name = match.group(1).strip().title()
    found = gazetteer.candidates(name)
    country_hint = gazetteer.candidates(match.group(2)) if match.group(2) else ()
    if not found:
        return None, match.end()
    entry = found[0]
    if country_hint:
        entry = next((e for e in found if e.country == country_hint[0].country), entry)
    precision = "country" if entry.kind == 0 else "city" if entry.lat is not None else "region"
    return Location(
        name,
        entry.country,
        entry.lat,
        entry.lon,
        entry.geonameid or None,
        start=match.start(1),
        end=match.start(1) + len(match.group(1).strip()),
        precision=precision,
        reason=f"the article's dateline; entry: {entry.country} (GeoNames {entry.geonameid})",
    ), match.end()


def _country(location: Location | None) -> frozenset[str]:
    return frozenset({location.country}) if location is not None and location.country else frozenset()


def _publisher_country(article: Article | None) -> frozenset[str]:
    """The country of the publisher's web address when it has a country-code domain (".co.uk", ".sy")."""
    if article is None or not article.url:
        return frozenset()
    host = re.sub(r"^[a-z]+://", "", article.url.lower()).split("/", 1)[0].split(":", 1)[0]
    tld = host.rsplit(".", 1)[-1]
    if len(tld) != 2:
        return frozenset()
    import pycountry

    record = pycountry.countries.get(alpha_2="GB" if tld == "uk" else tld.upper())
    return frozenset({record.alpha_3}) if record is not None else frozenset()


def _earlier(sent: Span) -> list[Span]:
    """Up to ``STORY_WINDOW`` sentences before ``sent``, nearest first."""
    out: list[Span] = []
    doc = sent.doc
    at = sent.start
    while at > 0 and len(out) < STORY_WINDOW:
        prev = doc[at - 1].sent
        out.append(prev)
        at = prev.start
    return out


def _story_countries(sent: Span, gazetteer: Gazetteer) -> set[str]:
    codes: set[str] = set()
    for prev in _earlier(sent):
        codes |= gazetteer.countries_in(prev)
    return codes


def _continues(trigger: Token) -> bool:
    """Whether the trigger's clause continues a story told before: its subject is a pronoun or a definite
    noun phrase ("The attack", "They"), and the sentence is not the article's first."""
    clause = trigger
    while clause.dep_ in ("xcomp", "conj", "advcl", "ccomp") and clause.head.i != clause.i:
        clause = clause.head
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or trigger.sent.start == 0:
        return False
    subject = subjects[0]
    if subject.lower_ in CONTINUATION_SUBJECTS:
        return True
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in subject.children)


def _story_place(trigger: Token, gazetteer: Gazetteer, hints: Hints) -> Location | None:
    """The place of an earlier sentence's main event when this one names none but continues the story."""
    if not _continues(trigger):
        return None
    for n, prev in enumerate(_earlier(trigger.sent), 1):
        for span, rule in rule_phrases(prev.root):
            location = gazetteer.resolve(span, hints)
            if location is not None:
                location.start, location.end = span.start_char, span.end_char
                location.reason = (
                    f"continues the story of the sentence {n} before ({rule} phrase of its main verb); "
                    f"entry: {location.reason}"
                )
                return location
    return None


def places_named(sent: Span, gazetteer: Gazetteer) -> Iterable[Location]:
    """Every place of ``sent`` the gazetteer knows (for tools that list them)."""
    for span in sentence_places(sent):
        location = gazetteer.resolve(span)
        if location is not None:
            yield location
