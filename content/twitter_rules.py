"""The one place that imports twitter-text-parser.

twitter-text-parser 3.0.0 loads its emoji table through `pkg_resources`, which only
setuptools < 81 ships, and which warns on import; the warning says nothing a user can act
on, so it is silenced here instead of on every CLI start, and a missing `pkg_resources`
becomes an error that says how to fix it.

Besides X's own rules it lends Mastodon's counter the top-level domain lists, which
Mastodon takes from the same twitter-text release (3.1.0).
"""

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    try:
        from twitter_text import parse_tweet
        from twitter_text.extract_urls import extract_urls_with_indices
        from twitter_text.regexp.invalid_chars import invalid_chars
        from twitter_text.regexp.valid_cctld import valid_cctld
        from twitter_text.regexp.valid_gtld import valid_gtld
    except ModuleNotFoundError as error:
        if error.name != "pkg_resources":
            raise
        raise ImportError(
            "twitter-text-parser needs pkg_resources, which setuptools 81 and later no longer "
            "ship: run `pip install 'setuptools<81'` in Leuchtturm's environment."
        ) from error


def _alternatives(tld_pattern: str) -> str:
    """`a|b|c` out of twitter-text's `(?:(?:a|b|c)(?=…))`, to build other patterns from."""
    return tld_pattern[len("(?:(?:") : tld_pattern.index(")(?=")]


GTLD_ALTERNATIVES = _alternatives(valid_gtld.pattern)
CCTLD_ALTERNATIVES = _alternatives(valid_cctld.pattern)

# U+FFFE, U+FEFF (byte-order mark) and U+FFFF: X refuses a text with any of them.
X_INVALID_CHARACTERS = invalid_chars

__all__ = [
    "CCTLD_ALTERNATIVES",
    "GTLD_ALTERNATIVES",
    "X_INVALID_CHARACTERS",
    "extract_urls_with_indices",
    "parse_tweet",
]
