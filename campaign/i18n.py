"""A small message catalogue: German by default, English by setting or LEUCHTTURM_LANG=en.

gettext would need compiled catalogues for a few dozen short strings; a dict keeps the
two languages side by side, so a missing translation is seen in review.
"""

from __future__ import annotations

import os

CATALOGUE: dict[str, tuple[str, str]] = {
    "db.upgraded": ("Datenbank ist auf Stand {revision}.", "Database is at revision {revision}."),
    "plan.imported": (
        "Kampagne {slug}: {created} Beiträge neu, {updated} aktualisiert.",
        "Campaign {slug}: {created} posts created, {updated} updated.",
    ),
    "post.added": ("Beitrag {id} gespeichert ({state}).", "Post {id} saved ({state})."),
    "post.spoiler": ("Inhaltswarnung (Mastodon): {text}", "Content warning (Mastodon): {text}"),
    "post.approved": (
        "Beitrag {id} freigegeben: {deliveries} Zustellung(en).",
        "Post {id} approved: {deliveries} delivery(ies).",
    ),
    "post.rescheduled": ("Beitrag {id} verschoben auf {when}.", "Post {id} moved to {when}."),
    "post.cancelled": (
        "Beitrag {id} abgesagt, {withdrawn} Zustellung(en) zurückgezogen.",
        "Post {id} cancelled, {withdrawn} delivery(ies) withdrawn.",
    ),
    "post.retried": (
        "Beitrag {id}: {count} Zustellung(en) werden erneut versucht.",
        "Post {id}: {count} delivery(ies) will be retried.",
    ),
    "campaign.paused": ("Kampagne {slug} angehalten.", "Campaign {slug} paused."),
    "campaign.resumed": ("Kampagne {slug} läuft wieder.", "Campaign {slug} resumed."),
    "none": ("(keine)", "(none)"),
    "check.ok": ("{platform}: {length}/{limit} – passt.", "{platform}: {length}/{limit} – fits."),
    "check.bad": (
        "{platform}: {length}/{limit} – passt nicht.",
        "{platform}: {length}/{limit} – does not fit.",
    ),
    "check.warning": ("Hinweis", "Note"),
    "accounts.ok": (
        "{name}: angemeldet als {handle} ({followers} Follower)",
        "{name}: logged in as {handle} ({followers} followers)",
    ),
    "accounts.bad": ("{name}: FEHLER – {reason}", "{name}: ERROR – {reason}"),
    "status.no_daemon": ("Daemon: läuft nicht", "Daemon: not running"),
    "status.daemon": (
        "Daemon {id}: zuletzt vor {seconds} s, Warteschlange {queue}, Fehler {errors}",
        "Daemon {id}: last seen {seconds} s ago, queue {queue}, errors {errors}",
    ),
    "status.account": ("Konto {name}: {state} – {reason}", "Account {name}: {state} – {reason}"),
    "status.alert": ("Alarm {at}: {message}", "Alert {at}: {message}"),
    "status.flagged": (
        "Beitrag {post_id} ({post}) → {account}: {state} – {reason}"
        " (leuchtturm post retry {post_id})",
        "Post {post_id} ({post}) → {account}: {state} – {reason} (leuchtturm post retry {post_id})",
    ),
    "demo.folder_not_empty": (
        "Der Demo-Ordner {folder} ist nicht leer: die Demo braucht eine frische Datenbank "
        "(einen leeren oder neuen Ordner angeben).",
        "The demo folder {folder} is not empty: the demo needs a fresh database "
        "(name an empty or new folder).",
    ),
    "demo.planned": (
        "{count} Beiträge geplant, die Woche läuft in {seconds} s ab.",
        "{count} posts planned, the week runs in {seconds} s.",
    ),
    "demo.progress": (
        "gesendet {delivered}, Antworten {replies}, eingeordnet {classified}",
        "sent {delivered}, replies {replies}, classified {classified}",
    ),
    "wall.serving": (
        "Wand: {url} (Moderation: {moderation}; Strg+C beendet)",
        "wall: {url} (moderation: {moderation}; Ctrl+C stops)",
    ),
    "wall.approved": ("Wand: {item} freigegeben.", "Wall: {item} approved."),
    "wall.hidden": ("Wand: {item} ausgeblendet.", "Wall: {item} hidden."),
    "wall.pinned": ("Wand: {item} angeheftet.", "Wall: {item} pinned."),
    "wall.unpinned": ("Wand: {item} nicht mehr angeheftet.", "Wall: {item} unpinned."),
    "wall.blocked": (
        "Wand: {author} ({platform}) wird nicht mehr gezeigt.",
        "Wall: {author} ({platform}) is blocked from the wall.",
    ),
    "wall.unblocked": (
        "Wand: {author} ({platform}) darf wieder erscheinen.",
        "Wall: {author} ({platform}) may appear again.",
    ),
    "wall.bad_key": (
        "Wand: {text!r} ist kein Eintrag wie 42 oder reply:42 (siehe `leuchtturm wall list`).",
        "Wall: {text!r} is not an item such as 42 or reply:42 (see `leuchtturm wall list`).",
    ),
    "wall.unknown_item": (
        "Wand: keinen Eintrag {item} gefunden (siehe `leuchtturm wall list`).",
        "Wall: no item {item} (see `leuchtturm wall list`).",
    ),
    "wall.bad_state": (
        "--state {text!r}: unbekannt; erlaubt sind {known}.",
        "--state {text!r}: unknown; use one of {known}.",
    ),
    "wall.state.pending": ("wartet", "pending"),
    "wall.state.approved": ("frei", "approved"),
    "wall.state.hidden": ("ausgeblendet", "hidden"),
    "wall.state.blocked": ("gesperrt", "blocked"),
    "accounts.missing_secret": (
        "Umgebungsvariable {env} ist nicht gesetzt",
        "environment variable {env} is not set",
    ),
    "accounts.login_not_oauth2": (
        'Konto {name}: Anmelden gibt es nur für X-Konten mit auth = "oauth2" '
        "(OAuth 1.0a und App-Passwörter brauchen keine Anmeldung)",
        'account {name}: login is only for X accounts with auth = "oauth2" '
        "(OAuth 1.0a keys and app passwords need none)",
    ),
    "accounts.login_ambiguous": (
        'Mehrere X-Konten mit auth = "oauth2": {names}; nennen Sie eines davon',
        'several X accounts with auth = "oauth2": {names}; name one of them',
    ),
    "accounts.login_open": (
        "Öffnen Sie diese Adresse im Browser und erlauben Sie den Zugriff:\n{url}",
        "Open this address in a browser and allow access:\n{url}",
    ),
    "accounts.login_paste": (
        "Adresse, auf die X Sie danach geschickt hat",
        "Address X sent you to afterwards",
    ),
    "accounts.login_done": (
        "Konto {name} ist angemeldet; die Schlüssel liegen in {path} (nur für Sie lesbar).",
        "Account {name} is logged in; the tokens are in {path} (readable by you only).",
    ),
}


LANGUAGES = ("de", "en")
_configured: list[str] = []


def choose_language(setting: str | None) -> None:
    """Remember the configured `language` for this process (done when settings load);
    None forgets it."""
    _configured[:] = [setting] if setting else []


def language(chosen: str | None = None, setting: str | None = None) -> str:
    """The output language, one order everywhere (CLI, TUI, daemon, reports):

    `chosen` (an option such as `--lang`), then LEUCHTTURM_LANG, then `setting` or the
    configured `language`, then German.
    """
    candidates = (chosen, os.environ.get("LEUCHTTURM_LANG"), setting, *_configured)
    for candidate in candidates:
        if candidate and candidate.lower()[:2] in LANGUAGES:
            return candidate.lower()[:2]
    return "de"


def t(key: str, **values: object) -> str:
    """The message `key` in the output language, filled with `values`."""
    german, english = CATALOGUE[key]
    return (english if language() == "en" else german).format(**values)
