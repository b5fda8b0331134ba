"""Calibration of the event model's ``confidence`` on the silver sets' check parts.

Every coded event of a check-part sentence counts as right when the sentence's silver events include its
PLOVER type. Events are binned by confidence; each bin shows how many were right. A calibrated confidence
has its mean close to the share right in every bin.

    python benchmarks/calibration.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from eventwire.eval import silver
from eventwire.eval.coders import pipeline_coder
from eventwire.pipeline import Pipeline

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)


def is_model(rules: list[str]) -> bool:
    return any(r.startswith("model.") for r in rules)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    coder = pipeline_coder(Pipeline.load())
    voa = silver.split(silver.load_voa(args.shared / "data/silver/voa"), "check")
    loc = silver.split(silver.load_sentences(args.shared / "data/eventloc/plover_annotations.jsonl"), "check")
    pairs: list[tuple[float, bool, bool]] = []  # confidence, right, from the model
    for stories in (voa, loc):
        items = [silver.SentenceInput(s.text, s.published, s.id) for s in stories]
        for story, coded in zip(stories, coder(items), strict=True):
            for sentence, events in zip(story.sentences, silver.assign(story, coded.events), strict=True):
                gold = {e.type for e in sentence.events}
                pairs += [(e.confidence, e.plover.type in gold, is_model(e.rules)) for e in events]
    print("| confidence | events | mean confidence | share right |")
    print("|---|---:|---:|---:|")
    for lo, hi in itertools.pairwise(BINS):
        chosen = [(c, r) for c, r, _ in pairs if lo <= c < hi]
        if chosen:
            mean = sum(c for c, _ in chosen) / len(chosen)
            right = sum(r for _, r in chosen) / len(chosen)
            print(f"| {lo:.1f}–{min(hi, 1.0):.1f} | {len(chosen)} | {mean:.3f} | {right:.3f} |")
    brier = sum((c - r) ** 2 for c, r, _ in pairs) / len(pairs)
    print(f"\n{len(pairs)} events; Brier score {brier:.3f}")


if __name__ == "__main__":
    main()
