"""A page as a crawler's text dump: all visible text, one block per line."""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml import html as lxml_html

# Elements whose text is never shown on the page.
_INVISIBLE = ("script", "style", "noscript", "template", "head", "iframe", "svg", "object")
# Elements that start a new line in rendered text.
_BLOCK_TAG_NAMES = """
address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody
td tfoot th thead title tr ul option button label legend
"""
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())


def flatten_html(html: str) -> str:
    """All visible text of a page, one block per line, as a crawler's text dump looks."""
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    if body is None:
        body = root
    for element in list(body.iter(*_INVISIBLE)):
        element.drop_tree()
    for element in list(body.iter(etree.Comment)):
        element.drop_tree()
    for element in body.xpath(".//*[@hidden]"):
        element.drop_tree()
    parts: list[str] = []
    _walk(body, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element: Any, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.text and tag:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")
