"""The TUI's words for polls, (German, English), merged into its catalogue."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "poll.heading": ("Befragung: {platform} · {votes} Stimmen · {state}",
                     "Poll: {platform} · {votes} votes · {state}"),
    "poll.running_until": ("läuft bis {when}", "runs until {when}"),
    "poll.closed": ("beendet", "closed"),
    "poll.not_read": ("Befragung: noch keine Stimmen gelesen", "Poll: no votes read yet"),
    "poll.running_title": ("Laufende Befragungen", "Running polls"),
    "poll.none_running": ("Gerade läuft keine Befragung.", "No poll is running right now."),
    "compose.poll": ("Befragung", "Poll"),
    "compose.poll_options": (
        "Antworten der Umfrage (eine je Zeile, leer: keine Umfrage)",
        "Poll options (one per line, empty: no poll)",
    ),
    "compose.poll_hours": ("Laufzeit (Stunden)", "Runs (hours)"),
    "compose.poll_multiple": ("Mehrere Antworten", "Several answers"),
    "compose.survey_url": (
        "Link zur Befragung (für Bluesky, das keine Umfragen kennt)",
        "Link to the survey (for Bluesky, which has no polls)",
    ),
    "compose.poll_bad_hours": (
        "Umfrage: Laufzeit '{value}' ist keine Zahl von Stunden.",
        "Poll: duration '{value}' is not a number of hours.",
    ),
}
