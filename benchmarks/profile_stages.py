"""Where the time goes: CPU seconds per step of the pipeline over the benchmark corpus.

    python benchmarks/profile_stages.py [--limit N] [--cprofile FILE]

Steps: cleaning, tokenising, the prefilter's selection (its three looks and the context), each spaCy
component on the sentences it was given, copying annotations into the article docs, actor resolution,
event coding, storing in DuckDB; and the full model over whole texts, for comparison. The parse steps
come from the pipeline's own accounting (``Pipeline.stats.cpu``). ``--cprofile`` also writes a cProfile
dump of the whole pipeline (view it with ``python -m pstats FILE`` or snakeviz).
"""

from __future__ import annotations

import argparse
import cProfile
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import clean_articles, load_bodies, write_jsonl


def cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.process_time()
    result = fn()
    return time.process_time() - started, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--cprofile", type=Path)
    args = parser.parse_args(argv)

    from eventwire.nlp import load_model
    from eventwire.pipeline import ParseStats, Pipeline
    from eventwire.store import open_store

    records, origin = load_bodies()
    records = records[: args.limit] if args.limit else records
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(records, Path(tmp) / "c.jsonl")
        pipeline = Pipeline.load()
        list(pipeline.code_articles(clean_articles(corpus)[:3]))  # warm-up
        pipeline.stats = ParseStats()
        rows: list[tuple[str, float]] = []
        t, articles = cpu(lambda: clean_articles(corpus))
        rows.append(("clean (reader, cleaner, language check)", t))
        texts = [a.text for a in articles]
        t, docs = cpu(lambda: pipeline.parse(texts))
        stats = pipeline.stats
        rows += [(f"  {step}", seconds) for step, seconds in stats.cpu.items()]
        rows.append(("= Pipeline.parse", t))
        pairs = list(zip(docs, articles, strict=True))
        t, mentions = cpu(lambda: [pipeline.resolver.resolve(d, a.published_date) for d, a in pairs])
        rows.append(("actor resolution", t))
        coder = pipeline.coder
        triples = [(d, a, m) for (d, a), m in zip(pairs, mentions, strict=True)]
        t, events = cpu(lambda: [coder.code_with_mentions(d, a, m) for d, a, m in triples])
        rows.append(("event coding", t))
        with open_store(str(Path(tmp) / "p.duckdb")) as store:
            t, _ = cpu(lambda: store.add_batch(list(zip(articles, events, strict=True))))
        rows.append(("store in DuckDB (one batch, with linking)", t))
        full = load_model()
        list(full.pipe(texts[:3]))
        t, _ = cpu(lambda: list(full.pipe(texts, batch_size=64)))
        rows.append(("full model over whole texts (for comparison)", t))
        if args.cprofile:
            cProfile.runctx("list(pipeline.code_articles(articles))", globals(), locals(), str(args.cprofile))

    print(f"CPU seconds per step — {origin}, {len(articles)} articles, {stats.sentences} sentences: "
          f"{stats.tagged_sentences} tagged, {stats.checked_sentences} parsed for the coder's check, "
          f"{stats.parsed_sentences} fully annotated")  # fmt: skip
    for name, seconds in rows:
        print(f"{name:<48} {seconds:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
