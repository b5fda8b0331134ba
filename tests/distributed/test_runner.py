"""The local engine: batches, resume, worker processes, skips (with the fake pipeline)."""

from __future__ import annotations

from pathlib import Path

from eventwire.distributed.runner import chunked, estimate_total, run_ingest
from eventwire.errors import SkipLog
from eventwire.store import open_store
from tests.distributed.conftest import FAKE, write_corpus
from tests.distributed.fakes import article_text, expected_events


def stored(db: Path) -> tuple[int, int, list[str]]:
    with open_store(str(db)) as store:
        ids = sorted(store.known_article_ids())
        return len(ids), store.count_events(), ids


def test_ingest_stores_every_article_once_and_resumes(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    skips = SkipLog(stream=None)
    report = run_ingest([str(corpus)], str(db), config=FAKE, workers=1, batch_size=7, skips=skips,
                        show_progress=False)  # fmt: skip
    want_events = sum(expected_events(article_text(i)) for i in range(30))
    assert (report.coded, report.events, len(skips)) == (30, want_events, 0)
    assert stored(db)[:2] == (30, want_events)
    again = run_ingest([str(corpus)], str(db), config=FAKE, workers=1, batch_size=7, skips=skips,
                       show_progress=False)  # fmt: skip
    assert (again.coded, again.already_stored) == (0, 30)
    assert stored(db)[:2] == (30, want_events)


def test_two_workers_give_the_same_store_as_one(corpus: Path, tmp_path: Path, fake_env: None) -> None:
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    run_ingest([str(corpus)], str(one), config=FAKE, workers=1, batch_size=5, show_progress=False)
    report = run_ingest([str(corpus)], str(two), config=FAKE, workers=2, batch_size=5, show_progress=False)
    assert report.coded == 30
    assert stored(one) == stored(two)
    with open_store(str(one)) as a, open_store(str(two)) as b:
        ids_a = sorted(e.event.id for e in a.events(limit=1000))
        assert ids_a == sorted(e.event.id for e in b.events(limit=1000))


def test_bad_records_and_failing_articles_are_skipped(tmp_path: Path, fake_env: None) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 12, bad_lines=(3,))
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "x", "title": "Bad", "text": "' + article_text(40) + ' Then it would explode."}\n')
    skips = SkipLog(stream=None)
    report = run_ingest([str(corpus)], str(tmp_path / "db.duckdb"), config=FAKE, workers=2, batch_size=4,
                        skips=skips, show_progress=False)  # fmt: skip
    assert report.coded == 11
    assert [(s.line, s.stage) for s in skips.skipped] == [(4, "ingest"), (None, "coding")]
    assert "c.jsonl:13" in skips.skipped[1].input


def test_estimate_total_counts_corpus_lines(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 9)
    (tmp_path / "a.txt").write_text("x")
    assert estimate_total([str(corpus), str(tmp_path / "a.txt")]) == 10
    assert estimate_total(["-"]) is None


def test_chunked_keeps_order_and_remainder() -> None:
    assert [len(c) for c in chunked(iter(range(7)), 3)] == [3, 3, 1]  # type: ignore[arg-type]
