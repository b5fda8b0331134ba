"""The actor network: nodes are actors, directed edges count events, coloured by cooperation or conflict."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from eventwire.models import Mention
from eventwire.store import StoredEvent

COOPERATION = (1, 2)  # CAMEO quad classes
CONFLICT = (3, 4)


def actor_key(m: Mention, level: str = "country") -> str | None:
    """The node an actor mention belongs to: its country (``level="country"``) or its full code."""
    if level == "code":
        return m.code or m.country
    return m.country or m.code


def network(events: list[StoredEvent], *, level: str = "country", max_nodes: int = 60) -> dict[str, Any]:
    """Nodes and edges for the events' (actor, recipient) pairs.

    Each linked event counts once per pair, so ten reports of one meeting make one edge count.
    Edge ``tone`` is ``cooperation``, ``conflict`` or ``mixed`` by the majority of quad classes.
    """
    seen: set[tuple[str, str, str]] = set()
    edges: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for se in events:
        ev = se.event
        key = se.linked_event_id or ev.id
        sources = {k for m in ev.actor if (k := actor_key(m, level))}
        targets = {k for m in ev.recipient if (k := actor_key(m, level))}
        for m in (*ev.actor, *ev.recipient):
            if (k := actor_key(m, level)) and m.name:
                names[k][m.name] += 1
        for s in sources:
            for t in targets:
                if s == t or (key, s, t) in seen:
                    continue
                seen.add((key, s, t))
                edges[(s, t)][ev.cameo.quad_class or 0] += 1
    degree: Counter[str] = Counter()
    for (s, t), quads in edges.items():
        n = sum(quads.values())
        degree[s] += n
        degree[t] += n
    keep = {k for k, _ in degree.most_common(max_nodes)}
    nodes = [
        {"id": k, "events": n, "label": names[k].most_common(1)[0][0] if level == "code" and names[k] else k}
        for k, n in degree.most_common()
        if k in keep
    ]
    out_edges = []
    for (s, t), quads in sorted(edges.items()):
        if s not in keep or t not in keep:
            continue
        coop = sum(quads[q] for q in COOPERATION)
        conflict = sum(quads[q] for q in CONFLICT)
        tone = "cooperation" if coop > conflict else "conflict" if conflict > coop else "mixed"
        out_edges.append({
            "source": s, "target": t, "events": sum(quads.values()),
            "cooperation": coop, "conflict": conflict, "tone": tone,
        })  # fmt: skip
    return {"nodes": nodes, "edges": out_edges, "level": level, "truncated": len(degree) > len(keep)}
