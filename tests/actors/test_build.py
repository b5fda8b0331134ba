"""The development-time converter reproduces the bundled Phoenix data from ../shared."""

from __future__ import annotations

import gzip

import pytest

from eventwire.actors.build import DATA, classify, convert
from eventwire.actors.tabari import RawActor


@pytest.mark.shared
def test_converter_reproduces_the_bundled_files(shared_dir, tmp_path):
    errors = convert(shared_dir / "data" / "petrarch", tmp_path)
    assert len(errors) < 30  # the handful of malformed dates in the dictionaries, reported not fatal
    for name in ("phoenix_actors.tsv.gz", "phoenix_agents.tsv.gz"):
        fresh = gzip.decompress((tmp_path / name).read_bytes())
        bundled = gzip.decompress((DATA / name).read_bytes())
        assert fresh == bundled, (
            f"{name} is stale: run python -m eventwire.actors.build ../shared/data/petrarch"
        )


def test_classify_records():
    person = RawActor(names=[("TOMMY_LAPID_", 1)], comment="CountryInfo.txt", has_codes=True)
    assert classify(person) == "person"
    place = RawActor(names=[("KABUL_", 1)], default="AFG", has_codes=True)
    assert classify(place) == "country"
    group = RawActor(names=[("HEZBOLLAH_", 1)], default="LBNREB", has_codes=True)
    assert classify(group) == "org"
