"""Where the time goes: CPU seconds per stage of the pipeline over the benchmark corpus.

    python benchmarks/profile_stages.py [--limit N] [--cprofile FILE]

Stages: tokenising, sentence splitting + prefilter, each spaCy component on the selected sentences,
copying annotations into the article docs, actor resolution, event coding, storing in DuckDB. The same
for the full model over whole texts, for comparison. ``--cprofile`` also writes a cProfile dump of the
whole pipeline (view it with ``python -m pstats FILE`` or snakeviz).
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

    from eventwire.nlp.prefilter import split_sentences
    from eventwire.pipeline import ANNOTATIONS, Pipeline
    from eventwire.store import open_store

    records, origin = load_bodies()
    records = records[: args.limit] if args.limit else records
    with tempfile.TemporaryDirectory() as tmp:
        articles = clean_articles(write_jsonl(records, Path(tmp) / "c.jsonl"))
        pipeline = Pipeline.load()
        nlp, prefilter = pipeline.nlp, pipeline.prefilter
        assert prefilter is not None
        texts = [a.text for a in articles]
        list(pipeline.code_articles(articles[:3]))  # warm-up
        rows: list[tuple[str, float]] = []

        t, docs = cpu(lambda: [nlp.make_doc(x) for x in texts])
        rows.append(("tokenise", t))

        def select() -> list[tuple[list[str], list[tuple[int, int]], list[bool]]]:
            out = []
            for doc in docs:
                words = [tok.text for tok in doc]
                spans = split_sentences(words)
                out.append((words, spans, prefilter.select([words[a:b] for a, b in spans])))
            return out

        t, plans = cpu(select)
        rows.append(("split sentences + prefilter", t))
        todo = [
            pipeline._sentence_doc(words[a:b], [True] * (b - a))
            for words, spans, keep in plans
            for (a, b), k in zip(spans, keep, strict=True)
            if k
        ]
        for name, proc in nlp.pipeline:
            t, todo = cpu(lambda proc=proc, todo=todo: list(proc.pipe(todo, batch_size=64)))
            rows.append((f"  {name} (selected sentences)", t))
        t, _ = cpu(lambda: [d.to_array(list(ANNOTATIONS)) for d in todo])
        rows.append(("copy annotations (to_array part)", t))

        t, parsed = cpu(lambda: pipeline.parse(texts))
        rows.append(("= Pipeline.parse in one go", t))
        pairs = list(zip(parsed, articles, strict=True))
        t, mentions = cpu(lambda: [pipeline.resolver.resolve(d, a.published_date) for d, a in pairs])
        rows.append(("actor resolution", t))
        coder = pipeline.coder
        triples = [(d, a, m) for (d, a), m in zip(pairs, mentions, strict=True)]
        t, events = cpu(lambda: [coder.code_with_mentions(d, a, m) for d, a, m in triples])
        rows.append(("event coding", t))
        with open_store(str(Path(tmp) / "p.duckdb")) as store:
            t, _ = cpu(lambda: store.add_batch(list(zip(articles, events, strict=True))))
        rows.append(("store in DuckDB (one batch)", t))
        full = Pipeline.load(prefilter=False).nlp
        t, _ = cpu(lambda: list(full.pipe(texts, batch_size=64)))
        rows.append(("full model over whole texts (for comparison)", t))
        if args.cprofile:
            cProfile.runctx("list(pipeline.code_articles(articles))", globals(), locals(), str(args.cprofile))

    print(f"CPU seconds per stage — {origin}, {len(articles)} articles, "
          f"{sum(len(p[1]) for p in plans)} sentences, {sum(sum(p[2]) for p in plans)} selected")  # fmt: skip
    for name, seconds in rows:
        print(f"{name:<48} {seconds:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
