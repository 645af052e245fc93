"""The one place that imports twitter-text-parser.

twitter-text-parser 3.0.0 loads its emoji table through `pkg_resources`, which needs
setuptools < 81 and warns on import; the warning says nothing a user can act on, so it is
silenced here instead of on every CLI start.
"""

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    from twitter_text import parse_tweet
    from twitter_text.extract_urls import extract_urls_with_indices

__all__ = ["extract_urls_with_indices", "parse_tweet"]
