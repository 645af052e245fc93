"""The words of a campaign plan's problems (content/plan.py), each shown with its file,
field and post key.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "plan.file.too_large": (
        "Datei ist zu groß: mehr als {limit:,} Bytes; in mehrere Pläne aufteilen.",
        "the file is too large: more than {limit:,} bytes; split the plan.",
    ),
    "plan.file.unreadable": (
        "Datei nicht lesbar: {reason}; Pfad prüfen.",
        "cannot read the file: {reason}; check the path.",
    ),
    "plan.file.format": (
        "unbekanntes Format '{suffix}'; .toml, .yaml oder .yml verwenden.",
        "unknown format '{suffix}'; use .toml, .yaml or .yml.",
    ),
    "plan.file.duplicate_key": (
        "Zeile {line}: Schlüssel '{key}' kommt zweimal vor; einen davon entfernen.",
        "line {line}: key '{key}' appears twice; remove one of them.",
    ),
    "plan.file.alias": (
        "Zeile {line}: YAML-Verweise (*name) sind in Plänen nicht erlaubt; den Wert "
        "ausschreiben.",
        "line {line}: YAML aliases (*name) are not allowed in plans; write the value out.",
    ),
    "plan.file.invalid": (
        "Datei ist kein gültiges {kind}: {detail}",
        "the file is not valid {kind}: {detail}",
    ),
    "plan.file.not_table": (
        "Die Datei muss eine Tabelle mit [campaign] und [[posts]] sein.",
        "the file must be a table with [campaign] and [[posts]].",
    ),
    "plan.unknown_field": (
        "unbekanntes Feld; erlaubt sind: {allowed}.",
        "unknown field; allowed are: {allowed}.",
    ),
    "plan.required": ("Pflichtfeld fehlt.", "required field is missing."),
    "plan.not_string": ("muss Text sein, nicht {type}.", "must be a string, not {type}."),
    "plan.too_long": (
        "zu lang: {length} von höchstens {limit} Zeichen, {over} zu viel.",
        "too long: {length} of at most {limit} characters, {over} over.",
    ),
    "plan.control_character": (
        "enthält das Steuerzeichen {code}; entfernen.",
        "contains the control character {code}; remove it.",
    ),
    "plan.accounts.not_list": (
        "eine Liste von Kontonamen erwartet, nicht {type}; z. B. {example}.",
        "a list of account names expected, not {type}; e.g. {example}.",
    ),
    "plan.accounts.empty": (
        "muss eine nicht leere Liste von Kontonamen (Texten) sein.",
        "must be a non-empty list of account names (strings).",
    ),
    "plan.accounts.unknown": (
        "Konto '{name}' ist nicht konfiguriert; bekannt: {known}.",
        "account '{name}' is not configured; known: {known}.",
    ),
    "plan.campaign.missing": ("Abschnitt [campaign] fehlt.", "section [campaign] is missing."),
    "plan.campaign.not_table": (
        "muss eine Tabelle [campaign] sein, nicht {type}.",
        "must be a table [campaign], not {type}.",
    ),
    "plan.campaign.slug": (
        "'{slug}': nur Kleinbuchstaben, Ziffern und '-' verwenden.",
        "'{slug}': use lower-case letters, digits and '-' only.",
    ),
    "plan.campaign.timezone": (
        "unbekannte Zeitzone '{zone}'; z. B. 'Europe/Berlin' verwenden.",
        "unknown time zone '{zone}'; use e.g. 'Europe/Berlin'.",
    ),
    "plan.campaign.approvals": (
        "muss eine ganze Zahl von 1 bis {most} sein (Freigaben durch Personen außer der "
        "Autorin oder dem Autor).",
        "must be a whole number from 1 to {most} (approvals by people other than the author).",
    ),
    "plan.boolean": ("muss true oder false sein.", "must be true or false."),
    "plan.time.bad": (
        "'{value}' ist keine Zeit; z. B. 2024-04-29T10:00 schreiben.",
        "'{value}' is not a time; write e.g. 2024-04-29T10:00.",
    ),
    "plan.time.missing": (
        "Zeit fehlt; z. B. at = 2024-04-29T10:00:00 schreiben.",
        "time is missing; write e.g. at = 2024-04-29T10:00:00.",
    ),
    "plan.time.not_time": (
        "muss eine Zeit sein, nicht {type}; z. B. 2024-04-29T10:00:00 schreiben.",
        "must be a time, not {type}; write e.g. 2024-04-29T10:00:00.",
    ),
    "plan.variants.not_table": (
        "muss eine Tabelle sein, z. B. variants.x = \"…\".",
        "must be a table, e.g. variants.x = \"…\".",
    ),
    "plan.media.not_list": (
        "muss eine Liste von {{path, alt}} sein.",
        "must be a list of {{path, alt}}.",
    ),
    "plan.media.alt_missing": (
        "Alternativtext fehlt; jedes Bild braucht eine Beschreibung für blinde Menschen.",
        "alt text is missing; every image needs a description for blind readers.",
    ),
    "plan.thread.bad": (
        "muss true (automatisch teilen) oder eine Liste von Texten sein.",
        "must be true (split automatically) or a list of texts.",
    ),
    "plan.post.not_table": ("muss eine Tabelle sein.", "must be a table."),
    "plan.post.key_chars": (
        "nur Buchstaben, Ziffern, '-', '_' und '.' verwenden.",
        "use letters, digits, '-', '_' and '.' only.",
    ),
    "plan.post.key_twice": (
        "Schlüssel kommt mehrfach vor; jeder Beitrag braucht einen eigenen.",
        "duplicate key; every post needs its own.",
    ),
    "plan.posts.not_list": (
        "eine Liste von Beiträgen ([[posts]]) erwartet, nicht {type}.",
        "a list of posts ([[posts]]) expected, not {type}.",
    ),
    "plan.posts.none": (
        "keine Beiträge; mindestens einen [[posts]]-Eintrag anlegen.",
        "no posts; add at least one [[posts]] entry.",
    ),
    "plan.type.str": ("Text", "a string"),
    "plan.type.int": ("Zahl", "a number"),
    "plan.type.float": ("Zahl", "a number"),
    "plan.type.bool": ("true/false", "true/false"),
    "plan.type.list": ("Liste", "a list"),
    "plan.type.dict": ("Tabelle", "a table"),
    "plan.type.datetime": ("Zeit", "a time"),
    "plan.type.date": ("Datum", "a date"),
    "plan.type.time": ("Uhrzeit", "a time of day"),
    "plan.type.NoneType": ("leer", "empty"),
    "plan.type.other": ("{name}", "{name}"),
}
