"""The flattened-text cleaner on the seeds and on flattened pages that are not the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest import clean_flattened

FIXTURES = Path(__file__).parent / "fixtures"


def clean(path: Path):
    return clean_flattened(path.read_text(encoding="utf-8"), source=str(path))


def dropped_reasons(article) -> dict[str, str]:
    return {block.text: block.reason for block in article.dropped}


def test_seed_000_body_starts_with_the_lead_and_drops_related_headlines_and_cookies(seed_000):
    article = clean(seed_000)
    assert article.title == "FM Lapid to make first visit to Moscow ahead of Putin-Bennett meeting"
    assert article.text.startswith("Foreign Minister Yair Lapid said")
    assert article.text.rstrip().endswith("reached a deal last year to establish formal ties.")
    for furniture in (
        "Lapid says Biden plan",
        "A year after normalization accord",
        "Can Bennett and Lapid really rebrand",
        "Read More",
        "ookie",
        "Never Miss A Story",
        "Related articles",
        "Weekly recap",
    ):
        assert furniture not in article.text
    reasons = dropped_reasons(article)
    assert reasons["Read More"] == "furniture-vocabulary"
    assert reasons["Cookie policy"] == "furniture-vocabulary"
    assert reasons["A year after normalization accord, first Bahraini ambassador arrives in Israel"] == (
        "headline-list"
    )


def test_seed_003_keeps_the_whole_body_and_drops_promotion_bio_and_bullets(seed_003):
    article = clean(seed_003)
    assert article.title == "Israel's Netanyahu Arrives in Moscow to Discuss Syria with Putin"
    assert article.text.startswith("Israeli prime minister Binyamin Netanyahu is due to meet")
    assert article.text.rstrip().endswith("over the Ukraine crisis.")
    assert len(article.paragraphs) == 6
    for furniture in (
        "Uncommon Knowledge",
        "Newsweek is committed",
        "About the writer",
        "Staff Writer",
        "Read more",
        "Click here",
        "Newsweek cover",
        "magazine delivered",
        "ad-free",
        "•",
    ):
        assert furniture not in article.text
    reasons = dropped_reasons(article)
    assert reasons["About the writer"] == "furniture-vocabulary"
    assert (
        reasons[
            "Newsweek is committed to challenging conventional wisdom and finding connections in the "
            "search for common ground."
        ]
        == "repeated-on-page"
    )


def test_paragraph_spans_index_the_text_and_every_dropped_line_is_kept(seed_000):
    raw = seed_000.read_text(encoding="utf-8")
    article = clean(seed_000)
    assert [article.text[a:b] for a, b in article.paragraphs] == article.text.split("\n\n")
    kept = set(article.text.split("\n\n")) | {article.title}
    dropped = {b.text for b in article.dropped}
    for number, line in enumerate(raw.splitlines(), start=1):
        if line.strip():
            assert line.strip() in kept or line.strip() in dropped, f"line {number} lost"
    assert all(raw.splitlines()[b.line - 1].strip() == b.text for b in article.dropped)


@pytest.mark.parametrize(
    ("name", "title", "first", "last", "absent"),
    [
        (
            "wire_story.txt",
            "Port workers in Valdoria end three-week strike after wage deal",
            "Dockworkers at the port of Valdoria",
            "clear the backlog of cargo.",
            ["Advertisement", "By Jane Roe", "Most Read", "Floods force", "All rights reserved", "Politics"],
        ),
        (
            "related_in_body.txt",
            "Drought cuts wheat harvest forecast for second year",
            "The agriculture ministry lowered",
            "before the drought worsened.",
            ["RELATED", "Farmers protest", "Grain prices climb", "briefing", "cookies", "Accept"],
        ),
        (
            "magazine_bio.txt",
            "Inside the Race to Rebuild the Old Harbour Bridge",
            "Engineers working on the Old Harbour Bridge",
            "awarded last spring.",
            ["reader-funded", "About the Author", "Maria Lopez", "Subscribe", "Unlimited access"],
        ),
        (
            "blog_with_comments.txt",
            "Why the city council vote on transit matters",
            "The city council will vote next week",
            "for the next decade.",
            ["Comments", "Leave a Reply", "says:", "twenty years", "cost estimates in the council report"],
        ),
        (
            "hard_wrapped.txt",
            "Regional assembly approves new water law",
            "The regional assembly approved a law on Tuesday that caps how much water industrial users",
            "the assembly speaker said.",
            [],
        ),
    ],
)
def test_other_flattened_pages(name, title, first, last, absent):
    article = clean(FIXTURES / name)
    assert article.title == title
    assert article.text.startswith(first)
    assert article.text.rstrip().endswith(last)
    for text in absent:
        assert text not in article.text


def test_the_related_list_inside_the_body_is_cut_out_but_the_body_continues():
    article = clean(FIXTURES / "related_in_body.txt")
    assert "Officials now expect a harvest" in article.text
    assert "The ministry said it would release emergency funds" in article.text
    assert dropped_reasons(article)["Grain prices climb to highest level since 2012"] == "headline-list"


def test_already_clean_text_loses_nothing():
    raw = (FIXTURES / "clean_body.txt").read_text(encoding="utf-8")
    article = clean_flattened(raw, title="Leaders agree to reopen border")
    assert article.title == "Leaders agree to reopen border"
    assert article.text.split("\n\n") == raw.strip().splitlines()
    assert article.dropped == []


def test_same_input_same_id_and_metadata_is_carried():
    raw = (FIXTURES / "wire_story.txt").read_text(encoding="utf-8")
    a = clean_flattened(raw, url="https://example.org/a")
    b = clean_flattened(raw, url="https://example.org/a")
    assert a.id == b.id and a.url == "https://example.org/a"
    assert clean_flattened(raw).id != a.id
