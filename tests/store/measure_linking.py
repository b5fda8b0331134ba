"""Measure cross-article linking on the hand-written report set.

Run: .venv/bin/python -m tests.store.measure_linking [--db URL] [--pipeline]
Prints pairwise precision, recall and F1 for incremental linking (one article
per batch, as an ingest run does) and for a full re-link, plus the clusters.

With ``--pipeline`` the reports are coded by the real pipeline instead of using
the hand-built events: for each report its first coded event of the report's
PLOVER type stands for the report (gold = the report's event); any other coded
event is gold-unique. This measures linking on what the coder really produces.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from eventwire.models import Article, Event
from eventwire.store import open_store
from eventwire.store.linking import pairwise_scores
from tests.store.linking_cases import REPORTS, build, corpus


def pipeline_corpus() -> tuple[list[tuple[Article, list[Event]]], dict[str, str], int]:
    """The reports coded by the pipeline; returns items, gold and how many reports were found."""
    from eventwire.pipeline import Pipeline

    pipe = Pipeline.load()
    items, gold, found = [], {}, 0
    for report in REPORTS:
        art, _ = build(report)
        events = pipe.code_article(art)
        main = next((e for e in events if e.plover.type == report.plover), None)
        found += main is not None
        for e in events:
            gold[e.id] = report.gold if e is main else f"other:{e.id}"
        items.append((art, events))
    return items, gold, found


def measure(
    db: str, items: list[tuple[Article, list[Event]]], gold: dict[str, str]
) -> dict[str, dict[str, float]]:
    out = {}
    with open_store(db) as store:
        for item in items:
            store.add_batch([item])
        out["incremental"] = pairwise_scores(_assignment(store), gold)
        store.link()
        out["full re-link"] = pairwise_scores(_assignment(store), gold)
        _print_clusters(store, gold)
    return out


def _assignment(store) -> dict[str, str]:
    return {e.event.id: e.linked_event_id for e in store.events(limit=10_000)}


def _print_clusters(store, gold: dict[str, str]) -> None:
    for linked in store.linked_events(limit=1000):
        _, mentions = store.linked_event(linked.id)
        keys = sorted({gold[m.event.id].split(":")[0] for m in mentions})
        print(f"  {linked.id} {linked.plover_type:8} {linked.source}->{linked.target} {linked.day} "
              f"articles={linked.articles} sources={linked.sources} gold={','.join(keys)}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database to use (default: a temporary DuckDB file)")
    parser.add_argument("--pipeline", action="store_true", help="code the reports with the real pipeline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "linking.duckdb")
        gold_events = len({r.gold for r in REPORTS})
        print(f"{len(REPORTS)} reports of {gold_events} real-world events")
        if args.pipeline:
            items, gold, found = pipeline_corpus()
            print(f"coded by the pipeline: {sum(len(e) for _, e in items)} events; "
                  f"{found} of {len(REPORTS)} reports got an event of their PLOVER type")  # fmt: skip
        else:
            items, gold = corpus()
            print("hand-built events")
        for mode, s in measure(db, items, gold).items():
            print(f"{mode:13} precision={s['precision']:.3f} recall={s['recall']:.3f} f1={s['f1']:.3f} "
                  f"(gold pairs {int(s['pairs'])}, predicted pairs {int(s['predicted_pairs'])})")  # fmt: skip


if __name__ == "__main__":
    main()
