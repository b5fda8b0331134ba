"""Cleaning in workers: skips reach the parent's log, stored articles are not recoded, repeats stored once."""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path

import pytest

from eventwire.distributed.runner import corpus_articles, run_ingest
from eventwire.distributed.workers import CollectingLog, KnownIds, work_chunk
from eventwire.errors import SkipLog
from eventwire.ingest import read_pending
from eventwire.models import Article
from eventwire.store import open_store
from tests.distributed.conftest import FAKE, write_corpus
from tests.distributed.fakes import FakePipeline, article_text, expected_events

FRENCH = (
    "Le ministre des affaires étrangères a rencontré lundi l'ambassadeur dans la capitale, et les deux "
    "gouvernements ont annoncé que les discussions sur le commerce reprendraient le mois prochain."
)
FURNITURE = "Home\nNews\nSport\nSubscribe to our newsletter\nCookie policy\n"


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _record(i: int, **extra: str) -> dict[str, str]:
    return {"id": str(i), "title": f"Report {i}", "text": article_text(i), "published": "2021-03-04", **extra}


def test_known_ids_hold_exactly_their_ids_and_pickle_small() -> None:
    ids = [Article.make_id(article_text(i)) for i in range(200)]
    known = KnownIds([*ids, "a1", "custom-id"])
    again = pickle.loads(pickle.dumps(known))
    assert all(i in again for i in [*ids, "a1", "custom-id"]) and len(again) == 202
    near = ids[0][:-1] + ("0" if ids[0][-1] != "0" else "1")
    outside = [Article.make_id(article_text(i)) for i in range(200, 400)]
    assert not any(i in again for i in [near, "a2", ids[0].upper(), *outside])
    assert len(pickle.dumps(known)) < 200 * 9 + 200  # 8 bytes an id (a set of str pickles at ~20)


def test_work_chunk_cleans_skips_known_and_repeated_articles(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "c.jsonl", [_record(0), _record(1), {"id": "fr", "text": FRENCH}, _record(2),
                                           _record(1), {"id": "x", "text": article_text(3)}])  # fmt: skip
    items = list(read_pending([str(corpus)], skips=SkipLog(stream=None)))
    stored = items[1].resolve(None, SkipLog(stream=None))
    assert stored is not None
    log = CollectingLog()
    result = work_chunk(FakePipeline(), items, None, {stored.id}, set(), log)
    assert [a.source.split(" ")[-1] for a, _ in result.coded] == ["id=0", "id=2", "id=x"]
    assert (result.read, result.known) == (5, 2)  # record 1 is stored, and comes twice
    assert [(s.input.split(" ")[-1], s.stage) for s in log.skipped] == [("id=fr", "ingest")]
    assert log.notes == [(f"{corpus}:6 id=x", log.notes[0][1])] and "no publication date" in log.notes[0][1]


@pytest.mark.parametrize("workers", [1, 2])
def test_skips_and_notes_met_in_workers_reach_the_parent_log(
    tmp_path: Path, fake_env: None, workers: int
) -> None:
    records = [_record(0), {"id": "fr", "text": FRENCH}, {"id": "nav", "text": FURNITURE},
               {"id": "html", "html": "<html><body><p>Home</p></body></html>"}, _record(1),
               {"id": "u1", "text": article_text(5)}, {"id": "u2", "text": article_text(6)}]  # fmt: skip
    corpus = _write(tmp_path / "c.jsonl", records)
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write("{broken\n")
    stream = io.StringIO()
    skips = SkipLog(stream=stream)
    db = str(tmp_path / "db.duckdb")
    report = run_ingest([str(corpus)], db, config=FAKE, workers=workers, batch_size=2, skips=skips,
                        show_progress=False)  # fmt: skip
    assert (report.coded, report.read, report.skipped) == (4, 4, 4)
    got = sorted((Path(s.input).name, s.line or 0, s.stage, s.reason.split(":")[0]) for s in skips.skipped)
    assert got == [
        ("c.jsonl", 4, "ingest", "field 'html'"),
        ("c.jsonl", 8, "ingest", "malformed JSON line"),
        ("c.jsonl:2 id=fr", 0, "ingest", "language fr"),
        ("c.jsonl:3 id=nav", 0, "ingest", "no article text left after removing boilerplate"),
    ]
    notes = [line for line in stream.getvalue().splitlines() if line.startswith("note ")]
    assert sorted(n.split(" ")[2] for n in notes) == ["id=u1:", "id=u2:"]  # once per undated article
    assert sum(line.startswith("skipped ") for line in stream.getvalue().splitlines()) == 4


@pytest.mark.parametrize("workers", [1, 2])
def test_stored_articles_are_not_coded_again(
    tmp_path: Path, fake_env: None, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    db = str(tmp_path / "db.duckdb")
    first = write_corpus(tmp_path / "first.jsonl", 6)
    run_ingest([str(first)], db, config=FAKE, workers=workers, batch_size=3, show_progress=False)
    log = tmp_path / "coded"
    log.mkdir()
    monkeypatch.setenv("EVENTWIRE_FAKE_LOG", str(log))
    monkeypatch.setenv("EVENTWIRE_FAKE_LOG_PID", "1")
    more = write_corpus(tmp_path / "more.jsonl", 10)  # the same 6 records, then 4 new ones
    report = run_ingest([str(more)], db, config=FAKE, workers=workers, batch_size=3, show_progress=False)
    assert (report.coded, report.already_stored, report.read) == (4, 6, 10)
    new_ids = {a.id for a in corpus_articles([str(more)], date=None, skips=SkipLog(stream=None))} - {
        a.id for a in corpus_articles([str(first)], date=None, skips=SkipLog(stream=None))
    }
    assert sorted(p.name.split("-", 1)[1] for p in log.iterdir()) == sorted(new_ids)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_repeated_in_a_run_is_stored_and_counted_once(
    tmp_path: Path, fake_env: None, workers: int
) -> None:
    records = [_record(i % 3) | {"id": f"r{i}"} for i in range(12)]  # 3 articles, each 4 times
    corpus = _write(tmp_path / "c.jsonl", records)
    db = tmp_path / "db.duckdb"
    report = run_ingest(
        [str(corpus)], str(db), config=FAKE, workers=workers, batch_size=2, show_progress=False
    )
    assert (report.read, report.coded, report.already_stored) == (12, 3, 9)
    assert report.events == sum(expected_events(article_text(i)) for i in range(3))
    with open_store(str(db)) as store:
        assert store.count_articles(all_versions=True) == 3
        assert store.count_events() == report.events
