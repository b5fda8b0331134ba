"""Throughput benchmark: bare spaCy vs the whole eventwire pipeline, stage shares, scaling, memory.

    python benchmarks/throughput.py [--limit N] [--scale-articles N] [--long [--long-articles N]] [--json F]

Real article bodies come from ../shared/data/extraction/zyte/ground-truth.json when present, else the
bundled samples repeated. In one run it measures:

(a) bare ``nlp.pipe`` over the full (clean) texts with the full model;
(b) the whole pipeline: clean (ingest's JSONL reader) → parse → resolve → code → store in DuckDB;
(c) the coding stage alone on pre-parsed docs, and (d) actor resolution vs parsing;
events found by (b) vs a run without the prefilter (on the corpus, the seeds and the dev sets);
1 vs 2 worker processes; and with ``--long`` whether RSS grows over a long run.
Benchmarks are not tests: they print figures, they do not assert.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import psutil

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared" / "data"
ZYTE = SHARED / "extraction" / "zyte" / "ground-truth.json"
PLOVER_DEV = SHARED / "plover" / "PLOVER_GSR_dev.json"
QUAD_DEV = SHARED / "quadclass" / "cameo_class_train.tsv"
MB = 1024 * 1024


# ---------------------------------------------------------------------------------------------- inputs
def load_bodies() -> tuple[list[dict[str, Any]], str]:
    """Article records (text, url, published) and where they came from."""
    if ZYTE.is_file():
        data = json.loads(ZYTE.read_text(encoding="utf-8"))
        records = [
            {"text": v["articleBody"], "url": v.get("url"), "published": "2020-01-01"}
            for v in data.values()
            if (v.get("articleBody") or "").strip()
        ]
        return records, f"{ZYTE.relative_to(SHARED.parent.parent)} ({len(records)} bodies)"
    records = []
    for path in sorted((PROJECT / "samples").glob("*.txt")):
        meta = path.with_suffix(".meta.json")
        published = json.loads(meta.read_text())["published"] if meta.is_file() else None
        records.append({"text": path.read_text(encoding="utf-8"), "url": path.name, "published": published})
    return records * 20, f"bundled samples x20 ({len(records) * 20} bodies)"


def repeated(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` records cycling through ``records``; a distinct url per copy gives a distinct article id."""
    picks = (records[i % len(records)] for i in range(n))
    return [{**record, "url": f"{record.get('url')}#copy{i}"} for i, record in enumerate(picks)]


def write_jsonl(records: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def dev_sentences() -> list[tuple[str, str, date | None]]:
    """(id, text, date) of the dev-set sentences (for measuring only), when ../shared is present."""
    out: list[tuple[str, str, date | None]] = []
    if PLOVER_DEV.is_file():
        for rec in json.loads(PLOVER_DEV.read_text(encoding="utf-8")):
            if rec.get("text") and rec.get("event") != "DOCUMENT":
                day = date.fromisoformat(rec["date"]) if rec.get("date") else None
                out.append((rec["id"], rec["text"], day))
    if QUAD_DEV.is_file():
        for n, line in enumerate(QUAD_DEV.read_text(encoding="utf-8").splitlines()):
            text = line.split("\t")[0].strip()
            if text:
                out.append((f"quad-{n}", text, None))
    return out


# -------------------------------------------------------------------------------------------- measuring
class RssMonitor:
    """Samples the RSS of this process and of each child process; keeps the peaks."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.proc = psutil.Process()
        self.peak_main = 0
        self.peak_child = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            time.sleep(self.interval)

    def sample(self) -> None:
        try:
            self.peak_main = max(self.peak_main, self.proc.memory_info().rss)
            for child in self.proc.children(recursive=True):
                try:
                    self.peak_child = max(self.peak_child, child.memory_info().rss)
                except psutil.Error:
                    continue
        except psutil.Error:
            pass

    def __enter__(self) -> RssMonitor:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


@dataclass
class Phase:
    name: str
    articles: int = 0
    sentences: int = 0
    events: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    peak_rss_mb: float = 0.0
    peak_worker_rss_mb: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def rate(self, count: int) -> float:
        return count / self.wall if self.wall else 0.0

    def row(self) -> str:
        return (
            f"{self.name:<34} {self.articles:>6} {self.rate(self.articles):>9.2f}"
            f" {self.rate(self.sentences):>9.1f} {self.rate(self.events):>8.2f} {self.wall:>8.1f}"
            f" {self.cpu:>8.1f} {self.peak_rss_mb:>8.0f}"
            + (f" {self.peak_worker_rss_mb:>7.0f}" if self.peak_worker_rss_mb else "")
        )


@contextmanager
def measured(phase: Phase) -> Iterator[Phase]:
    with RssMonitor() as rss:
        wall, cpu = time.perf_counter(), time.process_time()
        yield phase
        phase.wall = time.perf_counter() - wall
        phase.cpu = time.process_time() - cpu
    phase.peak_rss_mb = rss.peak_main / MB
    phase.peak_worker_rss_mb = rss.peak_child / MB


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------- phases
def phase_bare(texts: list[str]) -> Phase:
    from eventwire.nlp import load_model

    nlp = load_model()
    list(nlp.pipe(texts[:3]))  # warm-up
    phase = Phase("(a) bare spaCy nlp.pipe, full model", articles=len(texts))
    with measured(phase):
        phase.sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))
    return phase


def clean_articles(corpus: Path) -> list[Any]:
    from eventwire.distributed.runner import corpus_articles
    from eventwire.errors import SkipLog

    return list(corpus_articles([str(corpus)], date=None, skips=SkipLog(stream=None)))


def phase_whole(corpus: Path, db: Path, pipeline: Any) -> Phase:
    from eventwire.distributed.config import PipelineConfig
    from eventwire.distributed.runner import corpus_articles, run_local
    from eventwire.errors import SkipLog
    from eventwire.store import open_store

    pipeline.stats.__init__()
    list(pipeline.code_articles(clean_articles(corpus)[:3]))  # warm-up
    pipeline.stats.__init__()
    phase = Phase("(b) eventwire: clean→…→DuckDB")
    skips = SkipLog(stream=None)
    with measured(phase), open_store(str(db)) as store:
        articles = corpus_articles([str(corpus)], date=None, skips=skips)
        report = run_local(articles, store, PipelineConfig(), skips=skips, workers=1, batch_size=200,
                           show_progress=False, pipeline=pipeline)  # fmt: skip
    phase.articles, phase.events, phase.sentences = report.coded, report.events, pipeline.stats.sentences
    stats = pipeline.stats
    phase.extra = {
        "parsed_sentences": stats.parsed_sentences,
        "parsed_token_share": stats.parsed_tokens / stats.tokens if stats.tokens else 0.0,
    }
    return phase


def phase_stages(pipeline: Any, articles: list[Any]) -> tuple[Phase, Phase, Phase]:
    """Parse everything (no prefilter), then time resolution alone and coding alone on those docs."""
    saved = pipeline.prefilter
    pipeline.prefilter = None
    texts = [a.text for a in articles]
    parse = Phase("    parse (all sentences)", articles=len(articles))
    with measured(parse):
        docs = pipeline.parse(texts)
    pipeline.prefilter = saved
    parse.sentences = sum(len(list(d.sents)) for d in docs)
    resolve = Phase("(d) actor resolution alone", articles=len(articles), sentences=parse.sentences)
    with measured(resolve):
        pairs = list(zip(docs, articles, strict=True))
        mentions = [pipeline.resolver.resolve(d, a.published_date) for d, a in pairs]
    code = Phase("(c) coding alone on parsed docs", articles=len(articles), sentences=parse.sentences)
    with measured(code):
        coder = pipeline.coder
        events = [coder.code_with_mentions(d, a, m) for (d, a), m in zip(pairs, mentions, strict=True)]
    code.events = resolve.events = parse.events = sum(map(len, events))
    return parse, resolve, code


def event_keys(coded: Iterator[tuple[Any, list[Any]]]) -> dict[str, str]:
    return {e.id: json.dumps(e.to_dict(), sort_keys=True) for _, events in coded for e in events}


def compare_prefilter(pipeline: Any, articles: list[Any], dev: list[tuple[str, str, date | None]]) -> dict:
    """Events with and without the prefilter on the corpus, the seeds and the dev sentences."""
    from eventwire.errors import SkipLog
    from eventwire.ingest import read_articles
    from eventwire.models import Article

    seeds = list(read_articles([str(PROJECT / "samples")], skips=SkipLog(stream=None)))
    sentences = [
        Article(id=i, text=t, published=datetime(d.year, d.month, d.day) if d else None, source=i)
        for i, t, d in dev
    ]
    out = {}
    saved = pipeline.prefilter
    for name, items in (("corpus", articles), ("seeds", seeds), ("dev sentences", sentences)):
        if not items:
            continue
        pipeline.prefilter = saved
        with_filter = event_keys(pipeline.code_articles(items))
        pipeline.prefilter = None
        without = event_keys(pipeline.code_articles(items))
        lost = sorted(set(without) - set(with_filter))
        changed = sorted(k for k in set(without) & set(with_filter) if without[k] != with_filter[k])
        extra = sorted(set(with_filter) - set(without))
        out[name] = {"items": len(items), "with": len(with_filter), "without": len(without),
                     "lost": len(lost), "changed": len(changed), "extra": len(extra)}  # fmt: skip
    pipeline.prefilter = saved
    return out


def phase_workers(corpus: Path, workers: int, tmp: Path) -> Phase:
    from eventwire.distributed.config import PipelineConfig
    from eventwire.distributed.runner import corpus_articles, run_local
    from eventwire.errors import SkipLog
    from eventwire.store import open_store

    phase = Phase(f"    {workers} worker process{'es' if workers > 1 else ''} (local engine)")
    skips = SkipLog(stream=None)
    with measured(phase), open_store(str(tmp / f"workers{workers}.duckdb")) as store:
        articles = corpus_articles([str(corpus)], date=None, skips=skips)
        report = run_local(articles, store, PipelineConfig(), skips=skips, workers=workers, batch_size=200,
                           show_progress=False)  # fmt: skip
    phase.articles, phase.events = report.coded, report.events
    phase.extra = {"warm_rate": report.warm_articles / report.warm_seconds if report.warm_seconds else 0.0}
    return phase


def phase_long(records: list[dict[str, Any]], n: int, tmp: Path, pipeline: Any) -> dict:
    """RSS every 500 articles over ``n`` articles read, cleaned, coded and stored in this process.

    ``records`` should all survive cleaning (see ``usable_records``) so that ``n`` articles are coded.
    """
    from eventwire.distributed.runner import chunked, corpus_articles
    from eventwire.errors import SkipLog
    from eventwire.store import open_store

    copies = repeated(records, n)
    # Files of 1,000 records: the reader refuses single inputs over 20 MB.
    corpus = [write_jsonl(copies[i : i + 1000], tmp / f"long-{i:06d}.jsonl") for i in range(0, n, 1000)]
    proc = psutil.Process()
    samples: list[tuple[int, float]] = []
    done = 0
    started = time.perf_counter()
    with open_store(str(tmp / "long.duckdb")) as store:
        articles = corpus_articles([str(p) for p in corpus], date=None, skips=SkipLog(stream=None))
        for batch in chunked(articles, 250):
            store.add_batch(list(pipeline.code_articles(batch)))
            done += len(batch)
            if done % 500 == 0:
                samples.append((done, proc.memory_info().rss / MB))
                log(f"  long run: {done} articles, RSS {samples[-1][1]:.0f} MB")
    seconds = time.perf_counter() - started
    samples.append((done, proc.memory_info().rss / MB))
    rss = [mb for _, mb in samples]
    quarter = max(1, len(rss) // 4)
    return {
        "articles": done,
        "seconds": seconds,
        "rss_mb": samples,
        "first_quarter_mb": sum(rss[:quarter]) / quarter,
        "last_quarter_mb": sum(rss[-quarter:]) / quarter,
        "peak_mb": max(rss),
        "slope_mb_per_1000": _slope(samples) * 1000,
    }


def usable_records(records: list[dict[str, Any]], articles: list[Any]) -> list[dict[str, Any]]:
    """The records whose article survives cleaning (so a run over copies of them codes every copy)."""
    kept = {a.url for a in articles}
    return [r for r in records if r.get("url") in kept]


def _slope(samples: list[tuple[int, float]]) -> float:
    """Least-squares MB per article over the second half of the run (after warm-up)."""
    half = samples[len(samples) // 2 :]
    if len(half) < 2:
        return 0.0
    mean_x = sum(x for x, _ in half) / len(half)
    mean_y = sum(y for _, y in half) / len(half)
    var = sum((x - mean_x) ** 2 for x, _ in half)
    return sum((x - mean_x) * (y - mean_y) for x, y in half) / var if var else 0.0


def long_summary(run: dict) -> str:
    trend = run["slope_mb_per_1000"]
    drift = run["last_quarter_mb"] - run["first_quarter_mb"]
    verdict = "flat" if abs(trend) < 10 and drift < 100 else "grows"
    return (
        f"long run: {run['articles']} articles in {run['seconds']:.0f} s "
        f"({run['articles'] / run['seconds']:.1f} articles/s); RSS every 500 articles: first quarter "
        f"{run['first_quarter_mb']:.0f} MB, last quarter {run['last_quarter_mb']:.0f} MB, peak "
        f"{run['peak_mb']:.0f} MB, trend over the second half {trend:+.1f} MB per 1,000 articles ({verdict})"
    )


# ------------------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="Use only the first N bodies.")
    parser.add_argument("--scale-articles", type=int, default=600, help="Articles in the 1 vs 2 workers run.")
    parser.add_argument("--no-scaling", action="store_true", help="Skip the 1 vs 2 workers run.")
    parser.add_argument("--no-dev", action="store_true", help="Skip the dev-set comparison.")
    parser.add_argument("--long", action="store_true", help="Also run the long memory-flatness run.")
    parser.add_argument("--long-articles", type=int, default=10_000, help="Articles in the long run.")
    parser.add_argument("--only-long", action="store_true", help="Run only the long memory run.")
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON here.")
    args = parser.parse_args(argv)

    from eventwire.pipeline import Pipeline

    records, origin = load_bodies()
    if args.limit:
        records = records[: args.limit]
    results: dict[str, Any] = {"input": origin, "cores": len(os.sched_getaffinity(0))}
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as name:
        tmp = Path(name)
        corpus = write_jsonl(records, tmp / "corpus.jsonl")
        articles = [a for a in clean_articles(corpus) if a.language in (None, "en")]
        # English only, in both phases: non-English articles are stored uncoded, so (b) would parse less
        records = usable_records(records, articles)
        corpus = write_jsonl(records, tmp / "corpus.jsonl")
        texts = [a.text for a in articles]  # the same text (b) parses: a conservative baseline
        if args.only_long:
            run = phase_long(usable_records(records, articles), args.long_articles, tmp, Pipeline.load())
            print(long_summary(run))
            print("RSS MB every 500 articles: " + ", ".join(f"{mb:.0f}" for _, mb in run["rss_mb"]))
            if args.json:
                args.json.write_text(json.dumps({"input": origin, "long": run}, indent=2))
            return 0
        log(f"input: {origin}; {len(articles)} clean articles")

        log("(a) bare spaCy ...")
        bare = phase_bare(texts)
        log("loading the eventwire pipeline ...")
        load_started = time.perf_counter()
        pipeline = Pipeline.load()
        load_seconds = time.perf_counter() - load_started
        log("(b) whole pipeline ...")
        whole = phase_whole(corpus, tmp / "whole.duckdb", pipeline)
        log("(c)/(d) stages on pre-parsed docs ...")
        parse, resolve, code = phase_stages(pipeline, articles)
        log("prefilter check: events with vs without ...")
        check = compare_prefilter(pipeline, articles, [] if args.no_dev else dev_sentences())
        phases = [bare, whole, parse, resolve, code]
        scaling: dict[str, Any] = {}
        if not args.no_scaling:
            scale_corpus = write_jsonl(repeated(records, args.scale_articles), tmp / "scale.jsonl")
            log(f"workers: 1 vs 2 over {args.scale_articles} articles ...")
            one = phase_workers(scale_corpus, 1, tmp)
            two = phase_workers(scale_corpus, 2, tmp)
            phases += [one, two]
            scaling = {"one": one.rate(one.articles), "two": two.rate(two.articles),
                       "speedup": two.rate(two.articles) / one.rate(one.articles) if one.articles else 0.0,
                       "warm_one": one.extra["warm_rate"], "warm_two": two.extra["warm_rate"]}  # fmt: skip
            warm_one = scaling["warm_one"]
            scaling["warm_speedup"] = scaling["warm_two"] / warm_one if warm_one else 0.0
        long_run = None
        if args.long:
            log(f"long run: {args.long_articles} articles ...")
            long_run = phase_long(usable_records(records, articles), args.long_articles, tmp, pipeline)

    ratio = whole.rate(whole.articles) / bare.rate(bare.articles)
    per_article = (bare.cpu / bare.articles, whole.cpu / whole.articles) if whole.articles else (0.0, 0.0)
    cpu_ratio = per_article[0] / per_article[1] if per_article[1] else 0.0
    print(f"\neventwire throughput — {origin}, {results['cores']} cores, pipeline load {load_seconds:.1f} s")
    print(f"{'phase':<34} {'arts':>6} {'arts/s':>9} {'sents/s':>9} {'events/s':>8} {'wall s':>8} {'cpu s':>8}"
          f" {'RSS MB':>8} {'worker':>7}")  # fmt: skip
    for phase in phases:
        print(phase.row())
    print(f"\nratio (b)/(a) articles/s: {ratio:.2f} by wall time, {cpu_ratio:.2f} by CPU time (target ≥ 1.0)")
    print(f"prefilter: parsed {whole.extra['parsed_sentences']}/{whole.sentences} sentences, "
          f"{whole.extra['parsed_token_share']:.0%} of tokens")  # fmt: skip
    print(f"resolution share of (parse + resolve): {resolve.wall / (parse.wall + resolve.wall):.1%}; "
          f"coding alone {code.rate(code.articles):.1f} articles/s")  # fmt: skip
    for name, c in check.items():
        print(f"events {name}: with prefilter {c['with']}, without {c['without']}; lost {c['lost']}, "
              f"changed {c['changed']}, extra {c['extra']} ({c['items']} items)")  # fmt: skip
    if scaling:
        print(f"scaling: 1 worker {scaling['one']:.2f} art/s, 2 workers {scaling['two']:.2f} art/s, "
              f"×{scaling['speedup']:.2f} with start-up; after start-up ×{scaling['warm_speedup']:.2f} "
              f"(target ≥ 1.7)")  # fmt: skip
    worker_peak = max((p.peak_worker_rss_mb for p in phases), default=0.0)
    print(f"peak RSS: main process {max(p.peak_rss_mb for p in phases):.0f} MB, worker {worker_peak:.0f} MB "
          "(target ≤ 1024 MB per worker)")  # fmt: skip
    if long_run:
        print(long_summary(long_run))
    if args.json:
        results.update(
            phases=[p.__dict__ for p in phases],
            ratio=ratio,
            cpu_ratio=cpu_ratio,
            prefilter=check,
            scaling=scaling,
            long=long_run,
            pipeline_load_seconds=load_seconds,
        )
        args.json.write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
