"""Measure the actor stage: knowledge-base load time and resolving cost relative to parsing.

    python -m eventwire.actors.bench [FILES...] [--repeat N]

Without files it uses the bundled sample articles. Prints the cold build, the cached load, the spaCy
parse time and the resolve time per article, and resolve as a share of parse (the target is < 10 %).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    files = args.files or sorted(SAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in files]

    from eventwire.actors import ActorResolver, KnowledgeBase
    from eventwire.nlp import load_model

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        KnowledgeBase.load(cache_dir=Path(tmp))
        cold = time.perf_counter() - start
        loads = []
        for _ in range(5):
            start = time.perf_counter()
            kb = KnowledgeBase.load(cache_dir=Path(tmp))
            loads.append(time.perf_counter() - start)
    print(f"knowledge base: {len(kb)} entries, {len(kb.index)} keys")
    print(
        f"cold build (no cache): {cold:.2f} s; cached load: best {min(loads):.3f} s, worst {max(loads):.3f} s"
    )

    nlp = load_model()
    resolver = ActorResolver(kb)
    on = date(2021, 9, 5)
    parse_s = resolve_s = 0.0
    tokens = mentions = 0
    for _ in range(args.repeat):
        for text in texts:
            start = time.perf_counter()
            doc = nlp(text)
            parse_s += time.perf_counter() - start
            start = time.perf_counter()
            found = resolver.resolve(doc, on)
            resolve_s += time.perf_counter() - start
            tokens += len(doc)
            mentions += len(found)
    runs = args.repeat * len(texts)
    per_run = f"{tokens // args.repeat} tokens, {mentions // args.repeat} mentions"
    print(f"{len(texts)} article(s) x {args.repeat}: {per_run}")
    print(f"parse {1000 * parse_s / runs:.1f} ms/article, resolve {1000 * resolve_s / runs:.2f} ms/article")
    print(
        f"resolve / parse = {100 * resolve_s / parse_s:.1f} %  ({tokens / resolve_s:,.0f} tokens/s resolving)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
