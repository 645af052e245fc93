"""The daemon's words: alerts it raises for people to act on.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "alert.negative_spike": (
        "{slug}: {negative} von {replies} Antworten der letzten Stunde negativ (sonst "
        "{baseline:.0%}); `leuchtturm campaign pause {slug}` hält die Warteschlange an",
        "{slug}: {negative} of {replies} replies in the last hour negative (usually "
        "{baseline:.0%}); `leuchtturm campaign pause {slug}` holds the queue",
    ),
    "alert.listening_spike": (
        "{slug}: {negative} von {replies} Beiträgen aus der Stadt (Hashtags, Erwähnungen, "
        "Zitate) der letzten Stunde negativ (sonst {baseline:.0%}); `leuchtturm campaign "
        "pause {slug}` hält die Warteschlange an",
        "{slug}: {negative} of {replies} posts from the city (hashtags, mentions, quotes) "
        "in the last hour negative (usually {baseline:.0%}); `leuchtturm campaign pause "
        "{slug}` holds the queue",
    ),
}
