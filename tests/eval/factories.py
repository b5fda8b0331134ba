"""Hand-made events for scoring tests (no model involved)."""

from __future__ import annotations

from eventwire.models import Cameo, Event, Mention, Plover, Trigger


def mention(country: str | None, code: str | None = None, sector: str | None = None) -> Mention:
    return Mention(text=country or "someone", start=0, end=1, country=country, code=code, sector=sector)


def event(
    plover_type: str,
    source: list[str] | tuple[str, ...] = (),
    target: list[str] | tuple[str, ...] = (),
    *,
    start: int = 0,
    confidence: float = 0.5,
    cameo: str = "010",
    quad: int | None = None,
    actor_codes: list[str] | None = None,
    recipient_codes: list[str] | None = None,
) -> Event:
    """An event of ``plover_type`` from ``source`` countries to ``target`` countries."""
    actors = (
        [mention(c) for c in source] if actor_codes is None else [mention(None, code) for code in actor_codes]
    )
    recipients = (
        [mention(c) for c in target]
        if recipient_codes is None
        else [mention(None, code) for code in recipient_codes]
    )
    return Event(
        id=f"e{start}",
        article_id="a",
        sentence_index=0,
        sentence="",
        trigger=Trigger(text=plover_type.lower(), start=start, end=start + 3),
        plover=Plover(type=plover_type),
        cameo=Cameo(code=cameo, root=cameo[:2], quad_class=quad),
        actor=actors,
        recipient=recipients,
        confidence=confidence,
    )


# A keyword "coder" for CLI tests where the model is not the point.
_COUNTRIES = {"France": "FRA", "Germany": "DEU", "Israel": "ISR", "Syria": "SYR", "United Nations": None}
_VERBS = {"agreed": ("AGREE", "057", 1), "attacked": ("ASSAULT", "190", 4), "met": ("CONSULT", "040", 1)}


def keyword_coder(text: str, when: object = None) -> list[Event]:
    """One event per known verb in ``text``; actors are the first two known names, in order."""
    names = sorted((text.index(n), n) for n in _COUNTRIES if n in text)
    found = []
    for verb, (plover_type, cameo, quad) in _VERBS.items():
        if verb in text:
            e = event(plover_type, start=text.index(verb), cameo=cameo, quad=quad)
            mentions = [
                mention(_COUNTRIES[n], "IGOUNO" if _COUNTRIES[n] is None else _COUNTRIES[n]) for _, n in names
            ]
            e.actor, e.recipient = mentions[:1], mentions[1:2]
            found.append(e)
    return found
