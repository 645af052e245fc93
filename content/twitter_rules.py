"""The one place that imports twitter-text-parser.

twitter-text-parser 3.0.0 loads its emoji table through `pkg_resources`, which only
setuptools < 81 ships, and which warns on import; the warning says nothing a user can act
on, so it is silenced here instead of on every CLI start, and a missing `pkg_resources`
becomes an error that says how to fix it.
"""

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    try:
        from twitter_text import parse_tweet
        from twitter_text.extract_urls import extract_urls_with_indices
    except ModuleNotFoundError as error:
        if error.name != "pkg_resources":
            raise
        raise ImportError(
            "twitter-text-parser needs pkg_resources, which setuptools 81 and later no longer "
            "ship: run `pip install 'setuptools<81'` in Leuchtturm's environment."
        ) from error

__all__ = ["extract_urls_with_indices", "parse_tweet"]
