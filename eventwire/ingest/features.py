"""Features of the lines of a flattened web page, each a small pure function.

A flattened page has lost its markup, so the cleaner judges each line by what
is left: how long it is, whether it reads like a sentence (final punctuation,
share of function words), whether it has the shape of a headline or a menu
item (short, title-cased, no verb-bearing function words), whether it repeats
on the page, whether it is a bullet, and whether it uses the vocabulary of site
furniture (cookie notices, newsletter and subscription promotions, share
buttons, "read more" links, copyright lines, author bios).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# English function words: prose is dense in them, menus and headline lists are not.
_STOPWORDS_TEXT = """
a about above after again against all also am an and any are as at be because been before being
between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how i if in into is it its itself just me more most my no nor not of
off on once only or other our ours out over own said same she should so some such than that the
their theirs them then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Vocabulary of site furniture that marks a line however long it is (up to a limit).
STRONG_FURNITURE_PHRASES = (
    r"\bcookies?\b(?! (?:jar|recipe|dough|monster))",
    r"\ball rights reserved\b",
    r"©",
    r"\(c\) ?\d{4}",
    r"\bcopyright\b\W{0,4}\d{4}",
    r"\bprivacy (?:policy|notice|settings|statement)\b",
    r"\bterms (?:of|and) (?:use|service|conditions)\b",
    r"\bsubscribe\b",
    r"\bsubscriptions?\b",
    r"\bnewsletters?\b",
    r"\bsign(?:ing)?[ -]?up\b",
    r"\bsign[ -]?in\b",
    r"\blog[ -]?in\b",
    r"\bregister (?:now|here|for free)\b",
    r"\b(?:click|tap) here\b",
    r"\bread (?:more|next|the full)\b",
    r"\b(?:continue|keep) reading\b",
    r"\b(?:you )?(?:may|might) (?:also )?(?:like|enjoy|be interested)\b",
    r"\brecommended for you\b",
    r"\bmost (?:read|popular|viewed|shared|emailed)\b",
    r"\bfollow us\b",
    r"\blike us on\b",
    r"\bshare (?:this|on|via)\b",
    r"\bdownload (?:the|our) app\b",
    r"\bad[- ]free\b",
    r"\bdelivered to your (?:door|inbox)\b",
    r"\bfree trial\b",
    r"\bunlimited (?:digital )?access\b",
    r"\bskip to (?:main )?content\b",
    r"\bback to top\b",
    r"\badvertisement\b",
    r"\bsponsored (?:content|by|links?)\b",
    r"\bpromoted (?:content|stories|links?)\b",
    r"\bcontact us\b",
    r"\babout (?:the|this) (?:author|writer|reporter)\b",
    r"\bjavascript\b",
    r"\byour browser\b",
    r"\bad ?blocker\b",
    r"\bleave a (?:comment|reply)\b",
    r"\bjoin the (?:conversation|discussion)\b",
    r"\bcomments? (?:are|is) closed\b",
    r"\bpowered by\b",
    r"\bnever miss\b",
    r"\bsend us (?:a )?(?:tip|story)\b",
    r"\breport an? (?:error|typo|correction)\b",
    r"\b(?:editorial|community) (?:standards|guidelines)\b",
    r"\bwhatsapp\b",
    r"\bunsubscribe\b",
    r"\bno spam\b",
    r"\bno,? thanks\b",
    r"\bstay (?:up to date|informed|in the know)\b",
    r"^(?:related|see also|also read|read also|more|watch|listen|recommended|trending|explore)\s*:",
    r"\((?:image|photo|picture|video) credit|\b(?:image|photo|picture) credit:",
    r"^(?:image|photo|slide) \d+ of \d+$|^\d{1,2}of\d{1,2}(?!\d)",  # gallery counters
    r"\bgetty images\b|\bap photo\b|\bshutterstock\b|\bistock\b",
    r"\((?:image|photo|picture|credit)s?: [^)]*\)",
    r"^image (?:copyright|caption)\b|^(?:photo|image|picture)s?: ",
    r"\bregistered trademarks?\b|\bmay not be reproduced\b",
    r"\bon this (?:web)?site\b|\bnot been evaluated by\b",
    r"\bfollow\b.{0,40}\bon (?:twitter|facebook|instagram|linkedin|youtube)\b",
    r"\bmay be reached at\b|\bhave a (?:news )?tip\b|\bnews alerts\b",
    r"\bdelivered (?:weekday|every|each|daily)\b",
    r"[\w.+-]+@[\w-]+\.[\w.]{2,}",
    r"^(?:see more|also|media caption|more on this|recommended|related coverage)\s*:|^media caption",
    r"^more (?:from|on|in|about|stories|news|articles|headlines)\b",
    r"\bcontributed (?:to )?(?:this )?report(?:ing)?\b",
    r"^\(?(?:additional )?(?:reporting|writing|editing) by\b",
    r"\bsubscribe (?:to|for) (?:our|the)\b|\bclick to subscribe\b|\byour e-?mail address\b",
)
STRONG_FURNITURE = re.compile("|".join(STRONG_FURNITURE_PHRASES), re.IGNORECASE)
MAX_SCAN = 600  # characters of a line searched for furniture vocabulary
# Of those, the words that news prose also uses ("subscribers", "signed up", "follow"): a long
# sentence-like line using only these is left to the other rules.
AMBIGUOUS_FURNITURE = re.compile(
    r"subscri|newsletter|sign|log|regist|read|reading|like|enjoy|interested|most|share|download|trial"
    r"|unlimited|contact|powered|never|stay|contributed|report|delivered|sponsored|promoted"
    r"|browser|join|also|more|recommended",
    re.IGNORECASE,
)

# Words that mark a line only when it is short: buttons, menu entries, section labels.
_WEAK_FURNITURE_WORDS_TEXT = """
share tweet email e-mail print comment comments related trending popular recommended advert ads menu
search home homepage more next previous prev back top login account profile settings loading watch
listen video videos photo photos gallery podcast podcasts topic topics tag tags categories archive
archives latest facebook twitter instagram linkedin pinterest youtube reddit rss feed update updates
alert alerts app apps shop store deals offer offers jobs careers sitemap help faq feedback
accessibility contact donate reply replies report
"""
WEAK_FURNITURE_WORDS = _WEAK_FURNITURE_WORDS_TEXT.split()
WEAK_FURNITURE = re.compile(r"\b(?:" + "|".join(map(re.escape, WEAK_FURNITURE_WORDS)) + r")\b", re.IGNORECASE)

# "Jane Doe is a staff writer for ..." / "I am a reporter ..." near the start of a line.
BIO = re.compile(
    r"^[^.!?]{0,60}\b(?:is|am|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}"
    r"(?:writer|reporter|correspondent|editor|journalist|columnist|contributor|producer|intern)\b",
    re.IGNORECASE,
)
# Where reader comments begin: "12 Comments", "Leave a Reply", "jdoe says:",
# "Ann on May 3, 2019 at 4:47 pm said:".
COMMENT_MARKER = re.compile(
    r"^\d+\s+(?:comments?|responses?|replies)\b|^(?:comments?|reader comments|discussion)$"
    r"|^(?:leave a (?:comment|reply)|join the (?:conversation|discussion)"
    r"|comments are closed|post a comment)\b"
    r"|^[^.!?,]{1,60}\s(?:says|said|wrote|writes):$|\bat \d{1,2}:\d{2}\s*(?:am|pm)?\s+(?:said|says|wrote):?$"
    r"|^rating:\s*\d+\s+votes?$",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^(?:by|written by|words by|reporting by|photos? by)(?:\s+\S|:?$)", re.IGNORECASE)
# "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: ...", "Updated at 1:23 p.m.", "Posted Nov 18, 8:19 PM"
STAMP = re.compile(
    r"^(?:published|updated|posted|last updated|first published|modified)\b\W{0,3}.{0,60}\d", re.IGNORECASE
)
# A heading over the author's bio: "About Jane Doe", and the same in a few other languages.
BIO_HEADING = re.compile(
    r"^(?:[Aa]bout|[Üü]ber|[Ss]obre|[Àà] propos de)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}$"
)
BULLET = re.compile(r"^\s*(?:[•·▪◦‣●■□►▶*+>]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
URLISH = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)
DATELIKE = re.compile(
    r"^(?:updated|published|posted|last updated)?[:\s]*(?:\w+day,?\s+)?(?:\w+\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+\w+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})\b[\w\s:.,|/-]{0,30}$",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Scripts written without spaces: their characters are counted, about two to a word.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_CLOSERS = "\"'”’»)]*」』）】"
_SENTENCE_FINAL = (".", "!", "?", "。", "！", "？")


@dataclass(frozen=True, slots=True)
class LineFeatures:
    """What the cleaner knows about one non-empty line."""

    index: int  # 0-based line number in the input
    text: str
    words: int
    sentence_end: bool  # ends like a sentence (after closing quotes/brackets)
    stopword_ratio: float
    capitalised_ratio: float  # share of content words that start with a capital letter
    bullet: bool
    strong_furniture: bool
    furniture_hits: tuple[str, ...]  # every furniture phrase found, in order (lower case)
    weak_furniture: bool
    bio: bool
    byline: bool
    urlish: bool
    datelike: bool  # a date or a published/updated stamp standing alone
    bio_heading: bool
    repeats: int  # how many times the same line occurs on the page
    comment_marker: bool  # a heading or header line of a reader-comment section


def words_of(text: str) -> list[str]:
    """The words of a line (letters, inner apostrophes and hyphens; no bare numbers)."""
    return WORD.findall(text)


def ends_like_sentence(text: str) -> bool:
    """True when the line ends with . ! or ? (after closing quotes and brackets); "..." teasers do not."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped.endswith(_SENTENCE_FINAL) and not stripped.endswith("..")


def word_count(text: str) -> int:
    """Words in a line; in scripts without spaces, every two characters count as a word."""
    unspaced = len(UNSPACED.findall(text))
    if not unspaced:
        return len(WORD.findall(text))
    return len(WORD.findall(UNSPACED.sub(" ", text))) + (unspaced + 1) // 2


def stopword_ratio(words: list[str]) -> float:
    """Share of the words that are English function words."""
    if not words:
        return 0.0
    return sum(w.lower() in STOPWORDS for w in words) / len(words)


def capitalised_ratio(words: list[str]) -> float:
    """Share of the content words (not function words) that are capitalised: headline and menu shape."""
    content = [w for w in words if w.lower() not in STOPWORDS]
    if not content:
        return 0.0
    return sum(w[0].isupper() for w in content) / len(content)


def normalise(text: str) -> str:
    """A line reduced for repetition checks: lower case, single spaces, no bullet."""
    return " ".join(BULLET.sub("", text).lower().split())


def line_features(lines: list[str]) -> list[LineFeatures]:
    """Features of every non-empty line (blank lines carry no features and are skipped)."""
    counts = Counter(normalise(line) for line in lines if line.strip())
    result = []
    for index, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        words = words_of(text)
        head = text[:MAX_SCAN]  # furniture is short: long lines are only scanned at their start
        hits = tuple(m.group(0).lower() for m in STRONG_FURNITURE.finditer(head))
        result.append(
            LineFeatures(
                index=index,
                text=text,
                words=word_count(text),
                sentence_end=ends_like_sentence(text),
                stopword_ratio=stopword_ratio(words),
                capitalised_ratio=capitalised_ratio(words),
                bullet=bool(BULLET.match(raw)),
                strong_furniture=bool(hits),
                furniture_hits=hits,
                weak_furniture=bool(WEAK_FURNITURE.search(head)),
                bio=bool(BIO.search(head)),
                byline=bool(BYLINE.match(text)),
                urlish=bool(URLISH.match(text)),
                datelike=bool(DATELIKE.match(text)) or (bool(STAMP.match(text)) and len(words) <= 15),
                bio_heading=bool(BIO_HEADING.match(text)) and len(words) <= 4,
                repeats=counts[normalise(text)],
                comment_marker=bool(COMMENT_MARKER.search(head)),
            )
        )
    return result
