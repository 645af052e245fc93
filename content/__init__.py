"""Post text rules per platform: pure functions, no database, no network.

* `platforms`: the platforms and their default limits.
* `length`: text length as X, Mastodon and Bluesky count it.
* `mastodon_rules`: the links and mentions Mastodon's length validator finds.
* `twitter_rules`: the one import of twitter-text-parser (X's length, validity, TLDs).
* `check`: `check_text`, the rules a variant must meet, with German and English messages.
* `advice`: warnings that do not block a post (hashtag case, links on X).
* `facets`, `render`: the exact text to send, with Bluesky's byte-offset facets.
* `thread`: split a long text into numbered parts that each fit.
* `local_time`, `plan`, `plan_model`: campaign plans from TOML or YAML.
"""
