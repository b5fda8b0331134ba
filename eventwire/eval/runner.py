"""Running evaluations: loading the real coder, finding dev sets, timing each run.

``load_coder`` is the one place the CLI gets a model-backed ``BatchCoder``;
tests replace it with a fake. ``run_all`` finds every dev set present under
the shared data folder and evaluates it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.eval.coders import BatchCoder
from eventwire.eval.split import Part
from eventwire.eval.tables import Table

CoderFactory = Callable[[], BatchCoder]

# Where each dev set lives under the shared folder.
PLOVER_DEV = Path("data/plover/PLOVER_GSR_dev.json")
QUAD_DIR = Path("data/quadclass")
PETRARCH_DIR = Path("data/petrarch")
ZYTE_DIR = Path("data/extraction/zyte")
VOA_DIR = Path("data/silver/voa")
EVENTLOC_PLOVER = Path("data/eventloc/plover_annotations.jsonl")
PARTS: tuple[Part, ...] = ("check", "tune")


def load_coder(
    actor_files: Sequence[Path] = (), agent_files: Sequence[Path] = (), verb_files: Sequence[Path] = ()
) -> BatchCoder:
    """The real pipeline (default knowledge base and verbs plus any given dictionaries) as a batch coder."""
    from eventwire.eval.coders import pipeline_coder
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline.load(
        actor_files=list(actor_files), agent_files=list(agent_files), verb_files=list(verb_files)
    )
    return pipeline_coder(pipeline)


@dataclass(slots=True)
class Section:
    """One evaluation run: what was measured, on which file, how long it took, the figures."""

    name: str
    path: str
    seconds: float
    items: int
    result: dict[str, Any]
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": self.path,
            "seconds": round(self.seconds, 2),
            "items": self.items,
            "result": self.result,
        }


def _named(name: str, part: Part | None) -> str:
    return f"{name}-{part}" if part else name


def plover_section(path: Path, coder: BatchCoder, misses: int = 15, part: Part | None = None) -> Section:
    from eventwire.eval.plover import evaluate_plover
    from eventwire.eval.tables import plover_tables

    start = time.perf_counter()
    result = evaluate_plover(path, coder, part)
    notes = [
        "Gold labels are PLOVER 0.5, renamed to 2.0: DEMAND→REQUEST, DISAPPROVE→ACCUSE, "
        "INVESTIGATE→ACCUSE, FIGHT→ASSAULT.",
        "type accuracy (any): the gold type is among the sentence's events; (main): the main event's type.",
        "Actors: codes of the main event (or the first event of the gold type) vs the gold code sets; "
        "IGO/NGO/IMG codes score as themselves.",
        "full match: one event with the gold type, exactly the gold source and target codes.",
        "Modes and contexts are not scored: the gold's PLOVER 0.5 mode names do not map cleanly to 2.0.",
        *result.warnings,
    ]
    return Section(
        _named("plover", part), str(path), time.perf_counter() - start, result.sentences, result.to_dict(),
        plover_tables(result, misses), notes,
    )  # fmt: skip


def quad_section(path: Path, coder: BatchCoder, misses: int = 15, part: Part | None = None) -> Section:
    from eventwire.eval.quad import evaluate_quad
    from eventwire.eval.tables import quad_tables

    start = time.perf_counter()
    result = evaluate_quad(path, coder, part)
    notes = ["A sentence's class is its main event's quad class; no event is class 0.", *result.warnings]
    return Section(
        _named("quad", part), str(path), time.perf_counter() - start, result.sentences, result.to_dict(),
        quad_tables(result, misses), notes,
    )  # fmt: skip


def silver_section(
    name: str, path: Path, coder: BatchCoder, misses: int = 15, part: Part | None = None
) -> Section:
    """A silver set (``voa``: a folder of stories; ``eventloc``: a sentence file), one part or all."""
    from eventwire.eval import silver
    from eventwire.eval.tables import silver_tables

    start = time.perf_counter()
    stories = silver.load_voa(path) if name == "voa" else silver.load_sentences(path)
    result = silver.evaluate(silver.split(stories, part), coder, misses)
    notes = [
        "Silver: each sentence annotated once (see the set's README); stories split into tune/check by id.",
        "type: P/R/F1 over (sentence, PLOVER type); countries: over (sentence, country) of actors "
        "(recipients).",
        "false alarms: share of sentences without a silver event that get one.",
    ]
    return Section(
        _named(name, part), str(path), time.perf_counter() - start, result.sentences,
        {"summary": result.summary(), **result.to_dict()}, silver_tables(result, misses), notes,
    )  # fmt: skip


def petrarch_section(path: Path, coder: BatchCoder, misses: int = 15) -> Section:
    from eventwire.eval.petrarch import evaluate_petrarch
    from eventwire.eval.tables import petrarch_tables

    start = time.perf_counter()
    result = evaluate_petrarch(path, coder)
    notes = [
        "A record passes when the coded (source, target, CAMEO) triples equal the expected set.",
        *result.warnings,
    ]
    return Section(
        "petrarch", str(path), time.perf_counter() - start, len(result.outcomes), result.to_dict(),
        petrarch_tables(result, misses), notes,
    )  # fmt: skip


def extraction_section(ground_truth: Path, html_dir: Path, *, flatten: bool) -> Section:
    from eventwire.eval.extraction_report import run_extraction

    start = time.perf_counter()
    result, tables = run_extraction(ground_truth, html_dir, flatten=flatten)
    name = "extraction-flattened" if flatten else "extraction-html"
    how = "flattened page text through the boilerplate cleaner" if flatten else "HTML through the extractor"
    notes = [f"Article-body token F1 as the Zyte benchmark defines it; {how}."]
    items = int(result.get("items") or len(result.get("per_item") or []))
    return Section(name, str(html_dir), time.perf_counter() - start, items, result, tables, notes)


def find_dev_sets(shared: Path) -> dict[str, list[Path]]:
    """The dev sets present under ``shared``, by kind (missing kinds map to empty lists)."""
    zyte = shared / ZYTE_DIR
    return {
        "plover": [p for p in [shared / PLOVER_DEV] if p.is_file()],
        "quad": sorted((shared / QUAD_DIR).glob("*.tsv")),
        "petrarch": sorted((shared / PETRARCH_DIR).glob("*.xml")),
        "voa": [p for p in [shared / VOA_DIR] if (p / "annotations.jsonl").is_file()],
        "eventloc": [p for p in [shared / EVENTLOC_PLOVER] if p.is_file()],
        "extraction": [zyte] if (zyte / "ground-truth.json").is_file() and (zyte / "html").is_dir() else [],
    }


def run_all(shared: Path, factory: CoderFactory, misses: int = 30) -> list[Section]:
    """Evaluate every dev set under ``shared``; the coder is built once, only if a set needs it.

    Section times exclude loading the coder; that time is noted on the first coded section.
    """
    sets = find_dev_sets(shared)
    sections: list[Section] = []
    if any(sets[k] for k in ("plover", "quad", "petrarch", "voa", "eventloc")):
        start = time.perf_counter()
        coder = factory()
        loaded = f"Loading the coder took {time.perf_counter() - start:.1f} s (not in the seconds column)."
        sections += [plover_section(p, coder, misses, part) for p in sets["plover"] for part in PARTS]
        sections += [quad_section(p, coder, misses, part) for p in sets["quad"] for part in PARTS]
        for name in ("voa", "eventloc"):
            sections += [silver_section(name, p, coder, misses, part) for p in sets[name] for part in PARTS]
        sections += [petrarch_section(p, coder, misses) for p in sets["petrarch"]]
        sections[0].notes.insert(0, loaded)
    if sets["extraction"] and not extraction_available():
        sets["extraction"] = []  # the ingest stage's scorer is not installed in this checkout
    for zyte in sets["extraction"]:
        for flatten in (False, True):
            sections.append(extraction_section(zyte / "ground-truth.json", zyte / "html", flatten=flatten))
    return sections


def extraction_available() -> bool:
    """True when the ingest stage's extraction scorer is importable."""
    import importlib.util

    return importlib.util.find_spec("eventwire.eval.extraction") is not None
