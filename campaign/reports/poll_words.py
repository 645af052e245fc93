"""The report's words for the "Befragungen" section, (German, English)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "table.polls": ("Befragungen", "Polls"),
    "col.question": ("Frage", "Question"),
    "col.option": ("Antwortmöglichkeit", "Option"),
    "col.votes": ("Stimmen", "Votes"),
    "col.vote_share": ("Anteil %", "Share %"),
    "col.votes_total": ("Stimmen gesamt", "Votes in all"),
    "col.poll_state": ("Stand", "Status"),
    "poll.all_platforms": ("alle Plattformen", "all platforms"),
    "poll.running": ("läuft noch", "still running"),
    "poll.closed": ("beendet", "closed"),
    "note.polls": (
        "Jede Plattform hat ihr eigenes Publikum: die Summe über alle Plattformen mischt "
        "verschiedene Gruppen und ist keine repräsentative Befragung. Beteiligung je 1.000 "
        "Follower: Teilnehmende (bei X: Stimmen) je 1.000 Follower des Kontos am Wochenende.",
        "Each platform has its own audience: the total across platforms mixes different "
        "groups and is no representative survey. Turnout per 1,000 followers: participants "
        "(on X: votes) per 1,000 followers of the account at the week's end.",
    ),
    "chart.polls": (
        "Befragungen: Stimmen je Antwort und Plattform",
        "Polls: votes per option and platform",
    ),
}
