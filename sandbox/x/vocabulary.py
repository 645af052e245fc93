"""What X API v2 accepts: limits, field names, expansions and per-user rate limits.

Kept apart from the server so that the lists a request is checked against are easy to
compare with X's documentation.
"""

from __future__ import annotations

from datetime import timedelta

MAX_WEIGHTED_LENGTH = 280
MAX_MEDIA_PER_TWEET = 4
MAX_ALT_TEXT = 1000
MAX_IMAGE_BYTES = 5 * 1024 * 1024
RECENT_SEARCH_WINDOW = timedelta(days=7)
RATE_WINDOW = timedelta(minutes=15)

DEFAULT_RATE_LIMITS: dict[str, int] = {
    "create_tweet": 100,
    "tweets_lookup": 900,
    "search_recent": 300,
    "users_me": 75,
    "user_tweets": 900,
    "user_mentions": 450,
    "media_upload": 500,
    "media_metadata": 500,
}
"""Requests per 15-minute window and user token, after X's per-user limits."""

TWEET_FIELDS = frozenset(
    [
        "attachments",
        "author_id",
        "card_uri",
        "community_id",
        "context_annotations",
        "conversation_id",
        "created_at",
        "display_text_range",
        "edit_controls",
        "edit_history_tweet_ids",
        "entities",
        "geo",
        "id",
        "in_reply_to_user_id",
        "lang",
        "non_public_metrics",
        "note_tweet",
        "organic_metrics",
        "possibly_sensitive",
        "promoted_metrics",
        "public_metrics",
        "referenced_tweets",
        "reply_settings",
        "scopes",
        "source",
        "text",
        "withheld",
    ]
)
USER_FIELDS = frozenset(
    [
        "affiliation",
        "connection_status",
        "created_at",
        "description",
        "entities",
        "id",
        "location",
        "most_recent_tweet_id",
        "name",
        "pinned_tweet_id",
        "profile_banner_url",
        "profile_image_url",
        "protected",
        "public_metrics",
        "receives_your_dm",
        "subscription_type",
        "url",
        "username",
        "verified",
        "verified_type",
        "withheld",
    ]
)
EXPANSIONS = frozenset(
    [
        "attachments.media_keys",
        "attachments.poll_ids",
        "author_id",
        "edit_history_tweet_ids",
        "entities.mentions.username",
        "geo.place_id",
        "in_reply_to_user_id",
        "referenced_tweets.id",
        "referenced_tweets.id.author_id",
    ]
)
POLL_FIELDS = frozenset(["duration_minutes", "end_datetime", "id", "options", "voting_status"])
POLL_OPTIONS = (2, 4)
POLL_OPTION_CHARACTERS = 25
POLL_MINUTES = (5, 10080)
