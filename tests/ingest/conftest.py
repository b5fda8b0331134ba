"""Helpers for building ingest inputs in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def article_html() -> str:
    return (FIXTURES / "article.html").read_text(encoding="utf-8")
