"""Language identification (py3langid, offline): coding is English-only for now."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MIN_LETTERS = 40  # below this the identification is too unreliable to skip an article on
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of ``text``; (None, 0.0) when it is too short to tell."""
    if sum(ch.isalpha() for ch in text[:2000]) < MIN_LETTERS:
        return None, 0.0
    code, probability = _identifier().classify(text[:5000])
    return str(code), float(probability)


def non_english_reason(text: str) -> tuple[str | None, str | None]:
    """(language code, skip reason or None): the reason is set when the text is confidently not English."""
    code, probability = detect_language(text)
    if code is not None and code != "en" and probability >= MIN_CONFIDENCE:
        return code, f"language {code}: coding is English-only"
    return code, None


def is_codable(language: str | None) -> bool:
    """Events are coded from English articles (and those too short to identify); others are kept uncoded."""
    return language in (None, "en")


def uncoded_note(language: str) -> str:
    """The one note for an article kept (text and metadata) but not coded."""
    return f"language {language}: text and metadata kept, no events coded (coding is English-only)"
