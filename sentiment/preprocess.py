"""Social-media text made digestible for a sentence encoder, plus the reply's language.

Links and handles carry no sentiment but many sub-word tokens; CamelCase hashtags hide words
the model knows ("#ToDoDortmund"); emoji carry sentiment and stay.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

URL_PLACEHOLDER = "http"
MENTION_PLACEHOLDER = "@user"
TRUNCATION_MARK = " … "
# Replies longer than this many characters are shortened before tokenising.
DEFAULT_MAX_CHARS = 1000
# Below this confidence py3langid's guess on a short reply is noise, not a language.
LANGUAGE_CONFIDENCE = 0.8

_URL = regex.compile(r"(?:https?://|www\.)\S+", regex.IGNORECASE)
_MENTION = regex.compile(r"(?<![\w@])@[\w.]+(?:@[\w.-]+)?")
_HASHTAG = regex.compile(r"(?<![\w#])#(\w+)")
_CAMEL_BOUNDARY = regex.compile(
    r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})"
)
_SPACES = regex.compile(r"\s+")


@dataclass(frozen=True)
class PreparedText:
    """The text the model sees, and what we learnt about the original."""

    text: str
    language: str | None
    non_german: bool


def split_hashtag(tag: str) -> str:
    """`ToDoDortmund` → `To Do Dortmund`; all-lower or all-upper tags stay as they are."""
    return _CAMEL_BOUNDARY.sub(" ", tag.replace("_", " "))


def shorten(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Keep the start and the end of a long reply, cut at word boundaries.

    The end of a long rant often carries its verdict ("…, aber insgesamt top"), so a head-only
    cut would lose it.
    """
    if len(text) <= max_chars:
        return text
    head_budget = max_chars * 2 // 3
    tail_budget = max_chars - head_budget - len(TRUNCATION_MARK)
    head = text[:head_budget].rsplit(" ", 1)[0]
    tail = text[-tail_budget:].split(" ", 1)[-1]
    return f"{head}{TRUNCATION_MARK}{tail}"


def normalise(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Placeholders for links and handles, split hashtags, collapsed whitespace, bounded length."""
    text = _URL.sub(URL_PLACEHOLDER, text)
    text = _MENTION.sub(MENTION_PLACEHOLDER, text)
    text = _HASHTAG.sub(lambda match: split_hashtag(match.group(1)), text)
    text = _SPACES.sub(" ", text).strip()
    return shorten(text, max_chars)


@lru_cache(maxsize=1)
def _language_identifier() -> "LanguageIdentifier":
    """Loaded on first use: unpacking py3langid's model costs a noticeable fraction of a second."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, bool]:
    """The reply's language (None when unsure) and whether it is confidently not German."""
    language, confidence = _language_identifier().classify(text)
    if confidence < LANGUAGE_CONFIDENCE:
        return None, False
    return language, language != "de"


def prepare(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> PreparedText:
    """Everything the classifier needs from one raw reply."""
    cleaned = normalise(text, max_chars)
    language, non_german = detect_language(cleaned)
    return PreparedText(text=cleaned, language=language, non_german=non_german)
