"""The language of an article's text (py3langid, its model shipped in the package; imported here only).

eventwire codes English news. A text that the identifier gives to another language with high confidence is
refused with one line naming the language, rather than coded into junk actors and events. Short texts are
let through: the identifier is unreliable on a sentence or two, and refusing an English article is worse
than coding a foreign one.
"""

from __future__ import annotations

import functools
from typing import Any

# Refuse only above this normalised probability, on at least this many characters (read from the start).
MIN_PROBABILITY = 0.95
MIN_CHARS = 100
SAMPLE_CHARS = 3000
LANGUAGE_NAMES = {
    "ar": "Arabic", "de": "German", "es": "Spanish", "fa": "Persian", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ru": "Russian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "zh": "Chinese",
}  # fmt: skip


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """ISO 639-1 code and normalised probability of the text's language."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code), float(probability)


def foreign_language(text: str, expected: str = "en") -> str | None:
    """A description of the text's language when it is confidently not `expected` ("Russian (ru, p 0.99)"),
    else None."""
    if len(text.strip()) < MIN_CHARS:
        return None
    code, probability = identify(text)
    if code == expected or probability < MIN_PROBABILITY:
        return None
    return f"{LANGUAGE_NAMES.get(code, code)} ({code}, p {probability:.2f})"
