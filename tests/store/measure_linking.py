"""Measure cross-article linking on the hand-written report set.

Run: .venv/bin/python -m tests.store.measure_linking [--db URL]
Prints pairwise precision, recall and F1 for incremental linking (one article
per batch, as an ingest run does) and for a full re-link, plus the clusters.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from eventwire.store import open_store
from eventwire.store.linking import pairwise_scores
from tests.store.linking_cases import REPORTS, corpus


def measure(db: str) -> dict[str, dict[str, float]]:
    items, gold = corpus()
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
        keys = sorted({gold[m.event.id] for m in mentions})
        print(f"  {linked.id} {linked.plover_type:8} {linked.source}->{linked.target} {linked.day} "
              f"articles={linked.articles} sources={linked.sources} gold={','.join(keys)}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database to use (default: a temporary DuckDB file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "linking.duckdb")
        gold_events = len({r.gold for r in REPORTS})
        print(f"{len(REPORTS)} reports of {gold_events} real-world events")
        for mode, s in measure(db).items():
            print(f"{mode:13} precision={s['precision']:.3f} recall={s['recall']:.3f} f1={s['f1']:.3f} "
                  f"(gold pairs {int(s['pairs'])}, predicted pairs {int(s['predicted_pairs'])})")  # fmt: skip


if __name__ == "__main__":
    main()
