"""Words about polls and surveys: the composer's poll tab, the TUI's bars and the
report's "Befragungen" section.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "poll.heading": (
        "Befragung: {platform} · {votes} Stimmen · {state}",
        "Poll: {platform} · {votes} votes · {state}",
    ),
    "poll.running_until": (
        "läuft bis {when}",
        "runs until {when}",
    ),
    "poll.closed": (
        "beendet",
        "closed",
    ),
    "poll.not_read": (
        "Befragung: noch keine Stimmen gelesen",
        "Poll: no votes read yet",
    ),
    "poll.running_title": (
        "Laufende Befragungen",
        "Running polls",
    ),
    "poll.none_running": (
        "Gerade läuft keine Befragung.",
        "No poll is running right now.",
    ),
    "compose.poll": (
        "Befragung",
        "Poll",
    ),
    "compose.poll_options": (
        "Antworten der Umfrage (eine je Zeile, leer: keine Umfrage)",
        "Poll options (one per line, empty: no poll)",
    ),
    "compose.poll_hours": (
        "Laufzeit (Stunden)",
        "Runs (hours)",
    ),
    "compose.poll_multiple": (
        "Mehrere Antworten",
        "Several answers",
    ),
    "compose.survey_url": (
        "Link zur Befragung (für Bluesky, das keine Umfragen kennt)",
        "Link to the survey (for Bluesky, which has no polls)",
    ),
    "compose.poll_bad_hours": (
        "Umfrage: Laufzeit '{value}' ist keine Zahl von Stunden.",
        "Poll: duration '{value}' is not a number of hours.",
    ),
    "table.polls": (
        "Befragungen",
        "Polls",
    ),
    "col.question": (
        "Frage",
        "Question",
    ),
    "col.option": (
        "Antwortmöglichkeit",
        "Option",
    ),
    "col.votes": (
        "Stimmen",
        "Votes",
    ),
    "col.vote_share": (
        "Anteil %",
        "Share %",
    ),
    "col.votes_total": (
        "Stimmen gesamt",
        "Votes in all",
    ),
    "col.poll_state": (
        "Stand",
        "Status",
    ),
    "poll.all_platforms": (
        "alle Plattformen",
        "all platforms",
    ),
    "poll.running": (
        "läuft noch",
        "still running",
    ),
    "note.polls": (
        "Jede Plattform hat ihr eigenes Publikum: die Summe über alle Plattformen "
        "mischt verschiedene Gruppen und ist keine repräsentative Befragung. "
        "Beteiligung je 1.000 Follower: Teilnehmende (bei X: Stimmen) je 1.000 Follower"
        " des Kontos am Wochenende.",
        "Each platform has its own audience: the total across platforms mixes different"
        " groups and is no representative survey. Turnout per 1,000 followers: "
        "participants (on X: votes) per 1,000 followers of the account at the week's "
        "end.",
    ),
    "chart.polls": (
        "Befragungen: Stimmen je Antwort und Plattform",
        "Polls: votes per option and platform",
    ),
    # the platforms' poll rules (content.polls)
    "span.days": ("{count:#Tag|Tage}", "{count:#day|days}"),
    "span.hours": ("{count:#Stunde|Stunden}", "{count:#hour|hours}"),
    "span.minutes": ("{count:#Minute|Minuten}", "{count:#minute|minutes}"),
    "span.seconds": ("{count:#Sekunde|Sekunden}", "{count:#second|seconds}"),
    "poll.rule.unsupported": (
        "{name} kennt keine Umfragen; survey_url mit dem Link zur Befragung angeben.",
        "{name} has no polls; give survey_url with the link to the survey.",
    ),
    "poll.rule.too_few": (
        "{name}: {count:#Antwort|Antworten}, mindestens {least} nötig, {short} zu wenig.",
        "{name}: {count:#option|options}, at least {least} needed, {short} short.",
    ),
    "poll.rule.too_many": (
        "{name}: {count:#Antwort|Antworten}, höchstens {most} erlaubt, {over} zu viel.",
        "{name}: {count:#option|options}, at most {most} allowed, {over} over.",
    ),
    "poll.rule.empty": ("{name}: Antwort {index} ist leer.", "{name}: option {index} is empty."),
    "poll.rule.option_long": (
        "{name}: Antwort {index} „{option}“ hat {length} Zeichen, höchstens {most} erlaubt, "
        "{over} zu viel.",
        "{name}: option {index} “{option}” has {length} characters, at most {most} allowed, "
        "{over} over.",
    ),
    "poll.rule.twice": (
        "{name}: zwei Antworten sind gleich; jede Antwort nur einmal angeben.",
        "{name}: two options are the same; give each option once.",
    ),
    "poll.rule.too_short": (
        "{name}: Laufzeit {runs}, mindestens {least}, {short} zu kurz.",
        "{name}: runs {runs}, at least {least}, {short} too short.",
    ),
    "poll.rule.too_long": (
        "{name}: Laufzeit {runs}, höchstens {most}, {extra} zu lang.",
        "{name}: runs {runs}, at most {most}, {extra} too long.",
    ),
    "poll.rule.one_answer": (
        "{name}: Umfragen erlauben nur eine Antwort; multiple = false setzen.",
        "{name}: polls allow one answer only; set multiple = false.",
    ),
    "poll.rule.with_media": (
        "{name}: ein Beitrag mit Umfrage kann keine Bilder tragen; {count:#Bild|Bilder} "
        "entfernen oder in einen eigenen Beitrag legen.",
        "{name}: a post with a poll cannot carry images; remove {count:#image|images} "
        "or put them in a post of their own.",
    ),
    "poll.rule.survey_url": (
        "'{url}' ist kein Link; mit https:// beginnen.",
        "'{url}' is not a link; start it with https://.",
    ),
    # a plan's poll table (content.plan)
    "plan.poll.not_table": (
        'muss eine Tabelle sein, z. B. poll = {{ options = ["Ja", "Nein"] }}.',
        'must be a table, e.g. poll = {{ options = ["Ja", "Nein"] }}.',
    ),
    "plan.poll.options": (
        "muss eine Liste von 2 bis {most} Antworten (Texten) sein.",
        "must be a list of 2 to {most} options (strings).",
    ),
    "plan.poll.hours": (
        "muss eine Zahl von Stunden über 0 sein, z. B. 24 oder 0.25.",
        "must be a number of hours above 0, e.g. 24 or 0.25.",
    ),
}
