"""The live wall's words: the labels the page shows around the public text.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "page.voices": (
        "Stimmen aus der Stadt",
        "Voices from the city",
    ),
    "page.empty": (
        "Noch nichts freigegeben – antworten Sie uns unter {hashtag}!",
        "Nothing approved yet – reply to us with {hashtag}!",
    ),
    "page.today": (
        "Heute",
        "Today",
    ),
    "page.posts": (
        "Beiträge",
        "Posts",
    ),
    "page.replies": (
        "Antworten",
        "Replies",
    ),
    "page.people": (
        "Mitmachende",
        "People taking part",
    ),
    "page.poll_votes": (
        "Umfrage-Stimmen",
        "Poll votes",
    ),
    "page.mood": (
        "Stimmung der letzten Stunde",
        "Mood of the last hour",
    ),
    "page.mood_empty": (
        "Noch keine Antworten in dieser Stunde",
        "No replies this hour yet",
    ),
    "page.positive": (
        "positiv",
        "positive",
    ),
    "page.neutral": (
        "neutral",
        "neutral",
    ),
    "page.negative": (
        "negativ",
        "negative",
    ),
    "page.next": (
        "Als Nächstes",
        "Coming up",
    ),
    "page.next_none": (
        "Das Programm steht auf unserer Website.",
        "See our website for the programme.",
    ),
    "page.pinned": (
        "angeheftet",
        "pinned",
    ),
    "page.offline": (
        "Verbindung unterbrochen – die Wand verbindet sich neu …",
        "Connection lost – the wall is reconnecting …",
    ),
    "page.join": (
        "Mitmachen: {hashtag}",
        "Join in: {hashtag}",
    ),
    "page.time_format": (
        "%H:%M Uhr",
        "%H:%M",
    ),
    "page.day_format": (
        "%d.%m., %H:%M Uhr",
        "%b %d, %H:%M",
    ),
    "page.poll": (
        "Laufende Befragung",
        "Poll in progress",
    ),
    "page.poll_none": (
        "Gerade läuft keine Befragung.",
        "No poll is running right now.",
    ),
    "page.poll_votes_label": (
        "Stimmen",
        "votes",
    ),
    "page.poll_audiences": (
        "Jede Plattform hat ihr eigenes Publikum; die Summe mischt verschiedene Gruppen.",
        "Each platform has its own audience; the total mixes different groups.",
    ),
    "page.poll_total": (
        "Alle Plattformen",
        "All platforms",
    ),
    # the moderation steps in the audit trail (campaign.services.wall)
    "event.wall.approved": ("Wand-Eintrag {item} freigegeben", "wall item {item} approved"),
    "event.wall.hidden": ("Wand-Eintrag {item} ausgeblendet", "wall item {item} hidden"),
    "event.wall.pinned": ("Wand-Eintrag {item} angeheftet", "wall item {item} pinned"),
    "event.wall.unpinned": ("Wand-Eintrag {item} losgelöst", "wall item {item} unpinned"),
    "event.wall.blocked": (
        "Verfasser/in von Wand-Eintrag {item} für die Wand gesperrt",
        "author of wall item {item} blocked from the wall",
    ),
    "event.wall.unblocked": (
        "Verfasser/in von Wand-Eintrag {item} wieder zugelassen",
        "author of wall item {item} unblocked",
    ),
}
