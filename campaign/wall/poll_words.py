"""The wall's words for the running poll, (German, English), merged into its catalogue."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "poll": ("Laufende Befragung", "Poll in progress"),
    "poll_none": ("Gerade läuft keine Befragung.", "No poll is running right now."),
    "poll_votes_label": ("Stimmen", "votes"),
    "poll_audiences": (
        "Jede Plattform hat ihr eigenes Publikum; die Summe mischt verschiedene Gruppen.",
        "Each platform has its own audience; the total mixes different groups.",
    ),
    "poll_total": ("Alle Plattformen", "All platforms"),
}
