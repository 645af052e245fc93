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
}
