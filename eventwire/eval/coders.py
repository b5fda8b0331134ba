"""How the evaluators get events: a batch coder over sentences.

Evaluators never load a model themselves. They take a ``BatchCoder`` — a
callable from a list of ``SentenceInput`` to one ``Coded`` per input — so
scoring is testable with a fake coder. ``from_callable`` wraps any
``(text, date) -> list[Event]`` function; ``pipeline_coder`` wraps the real
``Pipeline``, which parses the sentences in batches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from eventwire.models import Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.pipeline import Pipeline


@dataclass(frozen=True, slots=True)
class SentenceInput:
    """One gold sentence to code: its text, optional date and an id for messages."""

    text: str
    date: date | None = None
    id: str = ""


@dataclass(slots=True)
class Coded:
    """The events coded from one sentence and the one taken as its main event."""

    events: list[Event] = field(default_factory=list)
    main: Event | None = None
    error: str | None = None  # why the coder failed on this sentence (scored as no event)


BatchCoder = Callable[[Sequence[SentenceInput]], list[Coded]]
SentenceCoder = Callable[[str, "date | None"], list[Event]]


def main_by_confidence(events: Sequence[Event]) -> Event | None:
    """Main event without a parse: the most confident, earliest trigger on ties."""
    if not events:
        return None
    return min(events, key=lambda e: (-e.confidence, e.trigger.start))


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i:  # spaCy makes a new Token object per access: compare indices
        token = token.head
        depth += 1
    return depth


def main_by_root_distance(events: Sequence[Event], doc: Doc) -> Event | None:
    """Main event with a parse: the event whose trigger token lies closest to its sentence root.

    Distance is the number of dependency arcs from the shallowest trigger token
    to the root; ties go to the more confident, then the earlier event. A
    trigger that overlaps no token ranks last.
    """
    if not events:
        return None

    def key(event: Event) -> tuple[int, float, int]:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        depth = min((_depth(t) for t in span), default=10_000) if span is not None else 10_000
        return depth, -event.confidence, event.trigger.start

    return min(events, key=key)


def from_callable(
    coder: SentenceCoder, pick: Callable[[Sequence[Event]], Event | None] = main_by_confidence
) -> BatchCoder:
    """A batch coder that calls ``coder(text, date)`` once per sentence."""

    def run(items: Sequence[SentenceInput]) -> list[Coded]:
        out = []
        for item in items:
            events = list(coder(item.text, item.date))
            out.append(Coded(events, pick(events)))
        return out

    return run


def sentence_article(item: SentenceInput, index: int) -> Article:
    """The one-sentence article ``Pipeline.code_sentence`` would build for ``item``."""
    when = item.date
    published = datetime(when.year, when.month, when.day) if when else None
    ident = item.id or f"sentence-{index}"
    return Article(
        id=ident,
        text=item.text,
        published=published,
        date_source="user" if when else None,
        language="en",
        paragraphs=[(0, len(item.text))],
        source=ident,
    )


def pipeline_coder(pipeline: Pipeline) -> BatchCoder:
    """A batch coder over the real pipeline's ``code_articles`` (batched parsing).

    The main event comes from the coder's own ``main_event(events)`` when it
    has one (its events are ordered by salience), else ``main_by_confidence``.
    """
    picker: Callable[[Sequence[Event]], Event | None] = getattr(
        pipeline.coder, "main_event", main_by_confidence
    )

    def run(items: Sequence[SentenceInput]) -> list[Coded]:
        articles = [sentence_article(item, i) for i, item in enumerate(items)]
        out: list[Coded] = []
        for start in range(0, len(articles), pipeline.batch_size):
            batch = articles[start : start + pipeline.batch_size]
            try:
                out += [Coded(events, picker(events)) for _, events in pipeline.code_articles(batch)]
            except Exception:  # one bad sentence must not sink the batch: retry one by one
                out += [_code_one(pipeline, article, picker) for article in batch]
        return out

    return run


def _code_one(
    pipeline: Pipeline, article: Article, picker: Callable[[Sequence[Event]], Event | None]
) -> Coded:
    try:
        events = pipeline.code_article(article)
    except Exception as exc:
        return Coded(error=f"{type(exc).__name__}: {exc}")
    return Coded(events, picker(events))


def coder_errors(items: Sequence[SentenceInput], coded: Sequence[Coded], shown: int = 3) -> list[str]:
    """Warnings for the sentences the coder failed on (they are scored as producing no event)."""
    failed = [(item, c.error) for item, c in zip(items, coded, strict=True) if c.error]
    if not failed:
        return []
    lines = [f"the coder failed on {len(failed)} sentences (scored as no event)"]
    lines += [f"coder error on {item.id or item.text[:40]!r}: {error}" for item, error in failed[:shown]]
    return lines
