"""The wall's words, German by default: the labels the page shows around the public text.

Kept beside the other catalogues' shape (a dict of (German, English)) so a missing
translation shows in review; the wall picks its language once, when it starts.
"""

from __future__ import annotations

from campaign.wall.poll_words import WORDS as POLL_WORDS

CATALOGUE: dict[str, tuple[str, str]] = {
    "voices": ("Stimmen aus der Stadt", "Voices from the city"),
    "empty": (
        "Noch nichts freigegeben – antworten Sie uns unter {hashtag}!",
        "Nothing approved yet – reply to us with {hashtag}!",
    ),
    "today": ("Heute", "Today"),
    "posts": ("Beiträge", "Posts"),
    "replies": ("Antworten", "Replies"),
    "people": ("Mitmachende", "People taking part"),
    "poll_votes": ("Umfrage-Stimmen", "Poll votes"),
    "mood": ("Stimmung der letzten Stunde", "Mood of the last hour"),
    "mood_empty": ("Noch keine Antworten in dieser Stunde", "No replies this hour yet"),
    "positive": ("positiv", "positive"),
    "neutral": ("neutral", "neutral"),
    "negative": ("negativ", "negative"),
    "next": ("Als Nächstes", "Coming up"),
    "next_none": ("Das Programm steht auf unserer Website.", "See our website for the programme."),
    "pinned": ("angeheftet", "pinned"),
    "offline": (
        "Verbindung unterbrochen – die Wand verbindet sich neu …",
        "Connection lost – the wall is reconnecting …",
    ),
    "join": ("Mitmachen: {hashtag}", "Join in: {hashtag}"),
    "time_format": ("%H:%M Uhr", "%H:%M"),
    "day_format": ("%d.%m., %H:%M Uhr", "%b %d, %H:%M"),
}
CATALOGUE.update(POLL_WORDS)


def texts(language: str) -> dict[str, str]:
    """Every label in `language` ("de" or "en")."""
    index = 1 if language == "en" else 0
    return {key: pair[index] for key, pair in CATALOGUE.items()}
