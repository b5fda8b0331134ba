"""Fixtures shared by the whole suite: the spaCy model (loaded once) and ../shared."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT / "samples"
SHARED = PROJECT.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    # Compiled knowledge-base caches go to a fresh directory, never the user's ~/.cache.
    os.environ["EVENTWIRE_CACHE_DIR"] = tempfile.mkdtemp(prefix="eventwire-test-cache-")


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def seed_000() -> Path:
    return SAMPLES / "000_7887c0550b1ce7c5.txt"


@pytest.fixture(scope="session")
def seed_003() -> Path:
    return SAMPLES / "003_e81d9bfdad51a53f.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (reference and gold data); tests that need it skip when it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared is not present beside the project")
    return SHARED
