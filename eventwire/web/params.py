"""Query parameters shared by the API and the pages: the same event filters as the CLI."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from eventwire.store import EventFilter

ActorQ = Annotated[str | None, Query(max_length=40, description="Actor: country or actor code (ISR, ISRGOV)")]
RecipientQ = Annotated[str | None, Query(max_length=40, description="Recipient: country or actor code")]
TypeQ = Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. CONSULT")]
DateQ = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, YYYY-MM or YYYY")]
ModalityQ = Annotated[
    list[str] | None, Query(max_length=5, description="Modalities to leave out: negated, future, ...")
]
TextQ = Annotated[str | None, Query(max_length=200, description="Substring of the sentence or title")]
CountryQ = Annotated[str | None, Query(max_length=3, description="Country of the event's place (ISO3)")]
RegionQ = Annotated[str | None, Query(max_length=80, description="Region of the event's place (SY-ID)")]
ID_PATTERN = r"^[0-9A-Za-z_-]*$"
ArticleQ = Annotated[
    str | None, Query(max_length=64, pattern=ID_PATTERN, description="Only events of this article id")
]
LinkedQ = Annotated[
    str | None, Query(max_length=64, pattern=ID_PATTERN, description="Only mentions of this linked event")
]


def event_filter(
    actor: ActorQ = None,
    recipient: RecipientQ = None,
    type: TypeQ = None,
    since: DateQ = None,
    until: DateQ = None,
    exclude_modality: ModalityQ = None,
    text: TextQ = None,
    article: ArticleQ = None,
    linked: LinkedQ = None,
    country: CountryQ = None,
    region: RegionQ = None,
) -> EventFilter:
    """An ``EventFilter`` from query parameters (validated by the store; errors become 400)."""
    return EventFilter(
        actor=actor or None,
        recipient=recipient or None,
        type=type or None,
        since=since or None,  # type: ignore[arg-type]  # parsed in validated()
        until=until or None,  # type: ignore[arg-type]
        exclude_modality=[m for m in exclude_modality or [] if m],
        text=text or None,
        article_id=article or None,
        linked_event_id=linked or None,
        country=country or None,
        region=region or None,
    ).validated()


def filter_query(flt: EventFilter) -> list[tuple[str, str]]:
    """Query-string pairs that reproduce ``flt`` (for pagination and cross-page links)."""
    pairs: list[tuple[str, str]] = []
    for key in ("actor", "recipient", "type", "since", "until", "text", "country", "region"):
        value = getattr(flt, key)
        if value:
            pairs.append((key, str(value)))
    pairs.extend(("exclude_modality", m) for m in flt.exclude_modality)
    if flt.article_id:
        pairs.append(("article", flt.article_id))
    if flt.linked_event_id:
        pairs.append(("linked", flt.linked_event_id))
    return pairs
