"""How long each name, key and text of a plan or the configuration may be.

The database columns are sized from these numbers (`campaign/models.py` imports them), so a
plan that passes validation always fits, on SQLite (which would store anything) and on
PostgreSQL (which refuses) alike. Texts are bounded before anything counts them: counting
is the slow part, and a 10 MB text must be refused at once, not after a minute.
"""

CAMPAIGN_SLUG = 80
CAMPAIGN_NAME = 200
TIME_ZONE = 64
POST_KEY = 120
POST_KEY_SUFFIX_ROOM = 20
"""Stored keys grow: a thread part gets `#12`, a copy made in the TUI `-YYYYmmddHHMMSS`."""
PLAN_POST_KEY = POST_KEY - POST_KEY_SUFFIX_ROOM
ACCOUNT_NAME = 80
ACCOUNT_HANDLE = 200
SERVER_URL = 500
MEDIA_PATH = 1000

TEXT_CHARACTERS = 50_000
"""Longer than any post or thread a person writes (a thread of 100 Mastodon posts)."""
SHORT_TEXT_CHARACTERS = 10_000
"""Descriptions and alt texts."""
PLAN_BYTES = 5_000_000
"""A plan file larger than this is refused before it is parsed."""
CONFIG_BYTES = 1_000_000
"""So is a configuration file."""
