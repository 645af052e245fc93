"""The privacy commands' words: retention, export and erasure.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "privacy.config.retention": (
        "retention_days {value!r}: erwartet ist eine ganze Zahl von Tagen zwischen {low} und "
        "{high} (z. B. 180)",
        "retention_days {value!r}: expected a whole number of days from {low} to {high} "
        "(e.g. 180)",
    ),
    "privacy.platform": (
        "--platform „{value}“: unbekannte Plattform; erlaubt sind {known}",
        "--platform '{value}': unknown platform; use one of {known}",
    ),
    "privacy.handle": (
        "HANDLE „{value}“: kein Handle; erwartet z. B. @anna, anna@social.example oder "
        "anna.bsky.social",
        "HANDLE '{value}': not a handle; expected e.g. @anna, anna@social.example or "
        "anna.bsky.social",
    ),
    "privacy.output_exists": (
        "--output {path}: die Datei gibt es schon; einen anderen Namen wählen",
        "--output {path}: the file exists already; choose another name",
    ),
    "privacy.exported": (
        "{posts:#Beitrag|Beiträge} von {handle} ({platform}) nach {path} geschrieben.",
        "{posts:#post|posts} by {handle} ({platform}) written to {path}.",
    ),
    "privacy.confirm": (
        "{posts:#Beitrag|Beiträge} von {handle} ({platform}) und alles dazu endgültig löschen?",
        "Delete {posts:#post|posts} by {handle} ({platform}) and everything about them for good?",
    ),
    "privacy.erase_cancelled": ("Nichts gelöscht.", "Nothing deleted."),
    "privacy.erased": (
        "Gelöscht: {posts:#Beitrag|Beiträge}, {entries:#Wand-Eintrag|Wand-Einträge}, "
        "{blocks:#Wand-Sperre|Wand-Sperren}; {mentions:#Erwähnung|Erwähnungen} in Beiträgen "
        "anderer unkenntlich gemacht. Die Zahlen der Berichte bleiben (anonym). Im "
        "Prüfprotokoll steht nur ein Schlüssel-Hash.",
        "Erased: {posts:#post|posts}, {entries:#wall entry|wall entries}, "
        "{blocks:#wall block|wall blocks}; {mentions:#mention|mentions} in others' posts "
        "blanked. Report figures stay (anonymous). The audit trail holds a keyed hash only.",
    ),
    "privacy.erased.event": (
        "Löschung auf Antrag: {posts:#Beitrag|Beiträge} auf {platform} gelöscht",
        "Erasure on request: {posts:#post|posts} on {platform} deleted",
    ),
    "privacy.report_files": (
        "Diese Berichtsdateien nennen die Person noch (löschen oder neu schreiben): {paths}",
        "These report files still name the person (delete or write them again): {paths}",
    ),
    "privacy.purge.nothing": (
        "Nichts älter als {days} Tage (vor {cutoff}).",
        "Nothing older than {days} days (before {cutoff}).",
    ),
    "privacy.purge.would": (
        "Würde löschen (älter als {days} Tage, vor {cutoff}; ältester Beitrag {oldest}):",
        "Would delete (older than {days} days, before {cutoff}; oldest post {oldest}):",
    ),
    "privacy.purge.done": (
        "Gelöscht (älter als {days} Tage, vor {cutoff}; ältester Beitrag {oldest}):",
        "Deleted (older than {days} days, before {cutoff}; oldest post {oldest}):",
    ),
    "privacy.purge.group": (
        "  {kind} auf {platform}: {posts}",
        "  {kind} on {platform}: {posts}",
    ),
    "privacy.purge.wall": ("  Wand-Einträge: {entries}", "  wall entries: {entries}"),
    "cli.privacy": (
        "Datenschutz: Aufbewahrung, Auskunft und Löschung (docs/datenschutz.md).",
        "Privacy: retention, access and erasure (docs/datenschutz.md).",
    ),
    "cli.privacy.purge": (
        "Beiträge anderer löschen, die älter als privacy.retention_days (config.toml) sind "
        "(der Daemon tut es jede Nacht); die Zahlen der Berichte bleiben.",
        "Delete posts by others older than privacy.retention_days (config.toml; the daemon "
        "does it each night); report figures stay.",
    ),
    "cli.privacy.dry_run": (
        "Nur sagen, was ginge; nichts ändern.",
        "Only say what would go; change nothing.",
    ),
    "cli.privacy.export": (
        "Alles, was über eine Person gespeichert ist, als JSON (Auskunft, Art. 15 DSGVO).",
        "Everything stored about a person, as JSON (access, Art. 15 GDPR).",
    ),
    "cli.privacy.erase": (
        "Alles über eine Person löschen (Art. 17 DSGVO); anonyme Zahlen bleiben.",
        "Erase everything about a person (Art. 17 GDPR); anonymous figures stay.",
    ),
    "cli.privacy.handle": (
        "Handle der Person, z. B. @anna, anna@social.example, anna.bsky.social",
        "The person's handle, e.g. @anna, anna@social.example, anna.bsky.social",
    ),
    "cli.privacy.platform": (
        "Plattform: x, mastodon oder bluesky",
        "Platform: x, mastodon or bluesky",
    ),
    "cli.privacy.output": (
        "Datei für das JSON (ohne: Standardausgabe)",
        "File for the JSON (without: standard output)",
    ),
    "cli.privacy.yes": ("Ohne Rückfrage löschen", "Erase without asking"),
}
