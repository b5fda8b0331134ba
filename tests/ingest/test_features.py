"""The small pure functions the boilerplate cleaner is built from."""

from __future__ import annotations

from eventwire.ingest.boilerplate import (
    FURNITURE,
    HEADLINE,
    PROSE,
    densest_run,
    join_wrapped,
    label_unit,
)
from eventwire.ingest.features import (
    capitalised_ratio,
    ends_like_sentence,
    line_features,
    stopword_ratio,
    word_count,
    words_of,
)


def label(text: str, page: list[str] | None = None) -> tuple[str, str]:
    lines = page or [text]
    features = next(f for f in line_features(lines) if f.text == text.strip())
    return label_unit(features)


def test_sentence_endings_ignore_closing_quotes_but_not_teasers():
    assert ends_like_sentence('He said it was "over."')
    assert ends_like_sentence("Is this the end?”")
    assert ends_like_sentence("政府は発表した。")
    assert not ends_like_sentence("Read the full story...")
    assert not ends_like_sentence("Breaking news from the capital")


def test_word_counts_cover_scripts_without_spaces():
    assert word_count("Foreign Minister Yair Lapid said") == 5
    assert word_count("12 percent") == 1
    assert word_count("商標権侵害と判断される場合があります") == 9


def test_stopword_and_capitalisation_ratios_separate_prose_from_headlines():
    prose = words_of("The minister said that the talks would resume in the spring")
    headline = words_of("Minister Vows Talks Will Resume In Spring")
    assert stopword_ratio(prose) > 0.4 > stopword_ratio(headline)
    assert capitalised_ratio(headline) == 1.0
    assert capitalised_ratio(prose) < 0.2


def test_labels_explain_each_kind_of_line():
    assert label("The council voted on Tuesday to approve the new budget for schools.") == (PROSE, "prose")
    assert label("Sign up for our daily newsletter") == (FURNITURE, "furniture-vocabulary")
    cookies = "We use cookies to give you the best experience on our website."
    assert label(cookies)[1] == "furniture-vocabulary"
    assert label("© 2024 Example Media. All rights reserved.")[1] == "furniture-vocabulary"
    assert label("Jane Doe is a staff reporter covering energy and climate.")[1] == "author-bio"
    assert label("By Jane Doe")[1] == "byline"
    assert label("Updated: March 4, 2022 10:31 am")[1] == "timestamp"
    assert label("https://example.com/story/123")[1] == "url-or-email"
    assert label("Floods Force Thousands From Homes")[0] == HEADLINE
    assert label("jdoe says:")[1] == "comment-section"


def test_a_line_repeated_on_the_page_is_furniture():
    promo = "Support independent journalism today."
    page = [promo, "Body text here.", promo]
    assert label(page[0], page) == (FURNITURE, "repeated-on-page")


def test_long_news_prose_with_a_social_network_name_is_still_prose():
    text = (
        "The minister announced on Twitter that the government would raise the minimum wage by five "
        "percent from January, after weeks of negotiations with unions."
    )
    assert label(text)[0] == PROSE


def test_densest_run_finds_the_best_contiguous_stretch():
    assert densest_run([-3, -3, 30, -2, 25, -6, -6, 4]) == (2, 5)
    assert densest_run([-1, -2]) == (0, 0)


def test_hard_wrapped_lines_are_joined():
    lines = ["The assembly approved a law on Tuesday that caps how much water", "industrial users can draw."]
    assert join_wrapped(lines)[0].endswith("water industrial users can draw.")
    assert join_wrapped(["Short", "lower case next"]) == ["Short", "lower case next"]


def test_gallery_counters_are_furniture_but_counts_in_prose_are_not():
    assert label("1of4A shopper looks at extension cords in a hardware store.")[1] == "furniture-vocabulary"
    assert label("9 of 10 voters backed the plan in the referendum on Sunday.")[0] == PROSE
