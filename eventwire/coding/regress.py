"""The golden regression harness: saved parses re-coded, every event that appeared, vanished or changed.

``tests/regress/`` holds a frozen set of cases (the sample articles, the sentences of the coding tests,
the *tune* part of the VOA silver stories), each with the parse production made of it (``parses.spacy``, a
spaCy ``DocBin`` written from ``Pipeline.parse``: prefilter passes, one Doc per sentence) and the events
coded from it when the expectations were last accepted (``expected.jsonl``). Re-coding needs no parser, so a
run takes seconds and depends on the coder alone::

    python -m eventwire.coding.regress              # compare; exit 1 on any difference
    python -m eventwire.coding.regress --accept     # rewrite expected.jsonl from today's coder
    python -m eventwire.coding.regress --build --shared ../shared   # re-freeze cases and parses (rare)

Events are matched by sentence and trigger (``sentence:start:trigger``), so a changed type or actor shows as
a change, field by field; ``explanation`` is not compared (it is rendered text, free to be reworded).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.models import Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.coding.coder import EventCoder
    from eventwire.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
REGRESS_DIR = ROOT / "tests" / "regress"
CASES, PARSES, EXPECTED = "cases.jsonl", "parses.spacy", "expected.jsonl"
# The explanation and its rule ids (free to be reworded and renumbered); the sentence is shown from the case.
IGNORED_FIELDS = ("explanation", "rules", "sentence")
TEST_DATE = "2021-09-05"  # the coding tests' default publication date
SPANS_KEY = "eventwire_sentence_spans"  # doc.user_data: the sentence token spans of Pipeline.parse


@dataclass(frozen=True)
class Case:
    """One frozen input: an article (or a one-sentence article) and where it came from."""

    id: str
    origin: str  # "samples", "tests/coding/test_rules.py", "voa"
    article: Article

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "origin": self.origin, "article": self.article.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Case:
        return cls(data["id"], data["origin"], Article.from_dict(data["article"]))


# --- freezing the cases ------------------------------------------------------------------------------------


def test_sentences(folder: Path) -> Iterator[tuple[str, str]]:
    """(file, sentence) for every sentence-like string literal of the test modules in ``folder``."""
    for path in sorted(folder.glob("test_*.py")):
        seen: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and _sentence_like(text) and text not in seen:
                seen.add(text)
                yield f"{folder.name}/{path.name}", text


def _sentence_like(text: str) -> bool:
    words = text.split()
    ends = text.rstrip()[-1:] in '.?!"”'
    return len(words) >= 4 and text[:1].isupper() and ends and "\n" not in text.strip()


def gold_texts(shared: Path) -> list[str]:
    """Texts of the gold sets: test sentences copied from them are left out of the regression set."""
    texts: list[str] = []
    plover = shared / "data" / "plover" / "PLOVER_GSR_dev.json"
    if plover.exists():
        texts += [r.get("text") or "" for r in json.loads(plover.read_text(encoding="utf-8"))]
    for tsv in sorted((shared / "data" / "quadclass").glob("*.tsv")):
        texts += [line.split("\t", 1)[0] for line in tsv.read_text(encoding="utf-8").splitlines()]
    return [t for t in texts if t]


GRAM = 6  # words in a row shared with a gold sentence that mark a test sentence as copied


def word_grams(texts: Iterable[str], n: int = GRAM) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for text in texts:
        words = re.findall(r"\w+", text.lower())
        grams.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return grams


def overlaps(text: str, grams: set[tuple[str, ...]], n: int = GRAM) -> bool:
    words = re.findall(r"\w+", text.lower())
    return any(tuple(words[i : i + n]) in grams for i in range(len(words) - n + 1))


def collect_cases(
    shared: Path, tests: Path = ROOT / "tests" / "coding", samples: Path = ROOT / "samples"
) -> list[Case]:
    """The samples, the coding tests' sentences (none copied from a gold set) and the VOA tune stories."""
    from eventwire.errors import SkipLog
    from eventwire.eval.split import part_of
    from eventwire.ingest.reader import read_articles

    skips = SkipLog()
    cases = [Case(f"sample:{a.id}", "samples", a) for a in read_articles([str(samples)], skips=skips)]
    gold = word_grams(gold_texts(shared))
    for n, (origin, text) in enumerate(test_sentences(tests)):
        if overlaps(text, gold):
            continue  # shares a run of GRAM words with a gold sentence: never frozen here
        published = datetime.fromisoformat(TEST_DATE)
        article = Article(id=f"t{n:04d}", text=text, published=published, date_source="user", language="en",
                          paragraphs=[(0, len(text))], source=origin)  # fmt: skip
        cases.append(Case(f"test:{n:04d}", origin, article))
    stories = shared / "data" / "silver" / "voa" / "stories.jsonl"
    if stories.exists():
        tune = [line for line in stories.read_text(encoding="utf-8").splitlines()
                if line.strip() and part_of(str(json.loads(line)["id"])) == "tune"]  # fmt: skip
        tmp = REGRESS_DIR / "_voa_tune.jsonl"
        tmp.write_text("\n".join(tune) + "\n", encoding="utf-8")
        try:
            cases += [Case(f"voa:{a.id}", "voa", a) for a in read_articles([str(tmp)], skips=skips)]
        finally:
            tmp.unlink()
    return cases


def build(shared: Path, folder: Path = REGRESS_DIR) -> int:
    """Freeze the cases and their production parses; then accept today's events. Returns the case count."""
    from spacy.tokens import DocBin

    from eventwire.pipeline import Pipeline

    cases = collect_cases(shared)
    pipeline = Pipeline.load()
    docs = parse_like_production(pipeline, [c.article.text for c in cases])
    store = DocBin(store_user_data=True)
    for doc in docs:
        store.add(doc)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CASES).write_text("".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in cases),
                                encoding="utf-8")  # fmt: skip
    (folder / PARSES).write_bytes(store.to_bytes())
    # The saved parses must code exactly as the live ones do.
    reloaded = load_docs(folder)
    for case, live, saved in zip(cases, docs, reloaded, strict=True):
        a, b = code_case(pipeline.coder, case, live), code_case(pipeline.coder, case, saved)
        if a != b:
            raise RuntimeError(f"{case.id}: the saved parse codes differently from the live parse")
    write_expected(folder, code_all(pipeline.coder, cases, reloaded))
    return len(cases)


def parse_like_production(pipeline: Pipeline, texts: list[str]) -> list[Doc]:
    """``Pipeline.parse``, with each doc's sentence spans in ``user_data`` (kept by a DocBin)."""
    docs = pipeline.parse(texts)
    for doc in docs:
        doc.user_data[SPANS_KEY] = [(s.start, s.end) for s in doc.sents]
    return docs


# --- re-coding and comparing -------------------------------------------------------------------------------


def load_cases(folder: Path = REGRESS_DIR) -> list[Case]:
    lines = (folder / CASES).read_text(encoding="utf-8").splitlines()
    return [Case.from_dict(json.loads(line)) for line in lines if line.strip()]


def load_docs(folder: Path = REGRESS_DIR) -> list[Doc]:
    """The saved parses, with production's sentence index installed again."""
    import spacy
    from spacy.tokens import DocBin

    from eventwire.pipeline import _SentenceIndex

    vocab = spacy.blank("en").vocab
    docs = list(DocBin(store_user_data=True).from_bytes((folder / PARSES).read_bytes()).get_docs(vocab))
    for doc in docs:
        _SentenceIndex([tuple(span) for span in doc.user_data[SPANS_KEY]]).install(doc)
    return docs


def code_case(coder: EventCoder, case: Case, doc: Doc) -> list[dict[str, Any]]:
    return [event_view(e) for e in coder.code(doc, case.article)]


def code_all(coder: EventCoder, cases: list[Case], docs: list[Doc]) -> dict[str, list[dict[str, Any]]]:
    return {case.id: code_case(coder, case, doc) for case, doc in zip(cases, docs, strict=True)}


def event_view(event: Event) -> dict[str, Any]:
    """The compared content of an event: every field but the rendered ones."""
    data = event.to_dict()
    for name in IGNORED_FIELDS:
        data.pop(name, None)
    return data


def event_key(event: dict[str, Any]) -> str:
    trigger = event["trigger"]
    return f"{event['sentence_index']}:{trigger['start']}:{trigger['text']}"


def keyed(events: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Events by ``event_key``; a second event on one trigger gets its PLOVER type added."""
    out: dict[str, dict[str, Any]] = {}
    for event in events:
        key = event_key(event)
        if key in out:
            key = f"{key}:{event['plover']['type']}"
        while key in out:
            key += "'"
        out[key] = event
    return out


def write_expected(folder: Path, coded: dict[str, list[dict[str, Any]]]) -> None:
    lines = [json.dumps({"case": case, **event}, ensure_ascii=False, sort_keys=True)
             for case, events in coded.items() for event in events]  # fmt: skip
    (folder / EXPECTED).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def read_expected(folder: Path) -> dict[str, list[dict[str, Any]]]:
    expected: dict[str, list[dict[str, Any]]] = {}
    for line in (folder / EXPECTED).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            expected.setdefault(record.pop("case"), []).append(record)
    return expected


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """``{"plover.type": ..., "actor[0].country": ...}``: nested dicts and lists as dotted paths."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        out = {}
        for n, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{n}]"))
        return out
    return {prefix: value}


@dataclass
class Difference:
    """The differences of one case, as lines to print."""

    case: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (event key, line)


def summary(event: dict[str, Any]) -> str:
    def names(mentions: list[dict[str, Any]]) -> str:
        return ",".join(m.get("code") or m.get("country") or m.get("text") or "?" for m in mentions) or "-"

    flags = [k for k, v in event["modality"].items() if v is True]
    return (f"{event['plover']['type']}/{event['cameo']['code']} {names(event['actor'])} -> "
            f"{names(event['recipient'])}" + (f" [{','.join(flags)}]" if flags else ""))  # fmt: skip


def compare(
    expected: dict[str, list[dict[str, Any]]], actual: dict[str, list[dict[str, Any]]]
) -> list[Difference]:
    diffs: list[Difference] = []
    for case in sorted(set(expected) | set(actual)):
        before, after = keyed(expected.get(case, [])), keyed(actual.get(case, []))
        diff = Difference(case)
        for key in sorted(set(before) | set(after), key=_sort_key):
            if key not in after:
                diff.lines.append((key, f"  - vanished {key}: {summary(before[key])}"))
            elif key not in before:
                diff.lines.append((key, f"  + appeared {key}: {summary(after[key])}"))
            elif before[key] != after[key]:
                old, new = flatten(before[key]), flatten(after[key])
                diff.lines.append((key, f"  ~ changed  {key}: {summary(before[key])}"))
                for path in sorted(set(old) | set(new)):
                    if old.get(path) != new.get(path):
                        diff.lines.append((key, f"      {path}: {old.get(path)!r} -> {new.get(path)!r}"))
        if diff.lines:
            diffs.append(diff)
    return diffs


def _sort_key(key: str) -> tuple[int, int, str]:
    sentence, start, rest = key.split(":", 2)
    return int(sentence), int(start), rest


def sentence_of(doc: Doc, key: str) -> str:
    number = int(key.split(":", 1)[0])
    sents = list(doc.sents)
    return sents[number].text if number < len(sents) else ""


def run(
    folder: Path = REGRESS_DIR, *, accept: bool = False, coder: EventCoder | None = None, out: Any = None
) -> int:
    """Re-code the saved parses and print the differences; returns how many cases differ (0 after accept)."""
    out = out or sys.stdout
    if coder is None:
        from eventwire.actors import ActorResolver, KnowledgeBase
        from eventwire.coding.coder import EventCoder

        coder = EventCoder(ActorResolver(KnowledgeBase.load()))
    cases, docs = load_cases(folder), load_docs(folder)
    actual = code_all(coder, cases, docs)
    diffs = compare(read_expected(folder), actual)
    by_id = {c.id: (c, d) for c, d in zip(cases, docs, strict=True)}
    for diff in diffs:
        case, doc = by_id.get(diff.case, (None, None))
        print(f"{diff.case} ({case.origin if case else 'no longer a case'})", file=out)
        last = None
        for key, line in diff.lines:
            if case is not None and doc is not None:
                sentence = sentence_of(doc, key)
                if sentence and sentence != last:
                    print(f"    | {sentence.strip()[:300]}", file=out)
                    last = sentence
            print(line, file=out)
    total = sum(len(v) for v in actual.values())
    changed = sum(len(d.lines) for d in diffs)
    print(f"regress: {len(cases)} cases, {total} events; {len(diffs)} cases differ ({changed} lines)",
          file=out)  # fmt: skip
    if accept and diffs:
        write_expected(folder, actual)
        print(f"regress: accepted; {folder / EXPECTED} rewritten", file=out)
        return 0
    return len(diffs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eventwire.coding.regress", description=(__doc__ or "")[:95]
    )
    parser.add_argument("--accept", action="store_true", help="rewrite the expectations from today's coder")
    parser.add_argument("--build", action="store_true", help="re-freeze the cases and their parses")
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared", help="the shared data folder")
    parser.add_argument("--dir", type=Path, default=REGRESS_DIR, help="the regression folder")
    args = parser.parse_args(argv)
    if args.build:
        if not (args.shared / "data").is_dir():
            parser.error(f"--shared {args.shared}: no data folder there")
        print(f"regress: froze {build(args.shared, args.dir)} cases in {args.dir}")
        return 0
    return 1 if run(args.dir, accept=args.accept) else 0


if __name__ == "__main__":
    sys.exit(main())
