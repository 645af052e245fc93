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
        "Beitrag {id}: {count} Zustellung(en) werden erneut versucht, {when}.",
        "Post {id}: {count} delivery(ies) will be retried, {when}.",
    ),
    "post.retry_now": ("jetzt (der geplante Zeitpunkt ist vorbei)", "now (its time has passed)"),
    "post.retry_at": ("zum geplanten Zeitpunkt {at}", "at its scheduled time {at}"),
    "post.retry_none": (
        "Beitrag {id}: nichts erneut zu versuchen (keine fehlgeschlagene oder angehaltene"
        " Zustellung).",
        "Post {id}: nothing to retry (no failed or held delivery).",
    ),
    "person.unknown": (
        "Unbekannte Person {name!r}: in config.toml unter [[team]] eintragen oder mit --as "
        "einen bekannten Namen wählen (bekannt: {known})",
        "unknown person {name!r}: add them to config.toml under [[team]] or pick a known "
        "name with --as (known: {known})",
    ),
    "person.nobody": ("unbekannt", "unknown"),
    "approval.role": (
        "{name} darf {post} nicht freigeben: Rolle {role}; freigeben dürfen nur approver "
        "und admin ([[team]] in config.toml)",
        "{name} may not approve {post}: role {role}; only approvers and admins approve "
        "([[team]] in config.toml)",
    ),
    "approval.own": (
        "{name} darf {post} nicht freigeben: eigener oder zuletzt selbst geänderter Beitrag "
        "(Vier-Augen-Prinzip); eine zweite Person muss freigeben",
        "{name} may not approve {post}: they wrote or last changed it (four eyes); "
        "someone else must approve",
    ),
    "approval.twice": (
        "{name} hat {post} schon freigegeben; es fehlen noch {missing} Freigabe(n) anderer "
        "Personen",
        "{name} has already approved {post}; {missing} more approval(s) by others needed",
    ),
    "approval.given": (
        "post {post}: Freigabe {given}/{required}",
        "post {post}: approval {given}/{required}",
    ),
    "approval.tally": ("{given}/{required} Freigaben", "{given}/{required} approvals"),
    "approval.cleared": ("Freigaben zurückgesetzt: {reason}", "approvals cleared: {reason}"),
    "approval.changed": ("post {post}: geändert ({fields})", "post {post}: changed ({fields})"),
    "approval.reason_content": ("Inhalt geändert ({fields})", "content changed ({fields})"),
    "approval.reason_time": (
        "Zeit geändert, die Kampagne verlangt dann neue Freigaben",
        "time changed, and the campaign asks for new approvals then",
    ),
    "approval.reason_requested": (
        "Änderung erbeten von {name}", "changes requested by {name}"
    ),
    "comment.empty": (
        "Kommentar ist leer: bitte einen Text angeben", "the comment is empty: give a text"
    ),
    "post.waiting": (
        "Beitrag {id}: {given}/{required} Freigaben, wartet auf Freigabe durch {who}.",
        "Post {id}: {given}/{required} approvals, waits for approval by {who}.",
    ),
    "post.waiting_who": ("eine weitere Person", "another person"),
    "post.author": ("Autor/in", "Author"),
    "post.commented": ("Kommentar zu Beitrag {id} gespeichert.", "Comment on post {id} saved."),
    "post.changes_requested": (
        "Beitrag {id} an {author} zurückgegeben, Freigaben zurückgesetzt.",
        "Post {id} sent back to {author}, approvals cleared.",
    ),
    "plan.not_approved": (
        "approved = true nicht übernommen für {count} Beitrag/Beiträge, sie warten auf "
        "Freigabe durch eine weitere Person ({reason}): {keys}",
        "approved = true not applied to {count} post(s); they wait for approval by "
        "someone else ({reason}): {keys}",
    ),
    "warning": ("Hinweis: {message}", "note: {message}"),
    "audit.format": (
        "--format {value!r}: csv oder json angeben", "--format {value!r}: give csv or json"
    ),
    "audit.date": (
        "{option} {value!r}: ein Datum wie 2024-04-29 angeben",
        "{option} {value!r}: give a date such as 2024-04-29",
    ),
    "time.bad": (
        "{value!r} ist keine Zeit wie 2026-11-24 09:30",
        "{value!r} is not a time like 2026-11-24 09:30",
    ),
    "post.past": (
        "Beitrag {post}: {when} ({zone}) liegt in der Vergangenheit; {hint}",
        "post {post}: {when} ({zone}) is in the past; {hint}",
    ),
    "post.past_hint": (
        "eine spätere Zeit angeben",
        "give a later time",
    ),
    "plan.past_hint": (
        "den ganzen Plan verschieben mit `leuchtturm campaign import PLAN --shift-to DATUM`",
        "move the whole plan with `leuchtturm campaign import PLAN --shift-to DATE`",
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
    "account.rate_limited": ("Ratenlimit bis {until}", "rate limited until {until}"),
    "account.catching_up": (
        "holt Verpasstes nach, nächster Beitrag {until}",
        "catching up on missed posts, next at {until}",
    ),
    "campaign.still_held": (
        "Konto {name} hält noch {count} Beitrag/Beiträge dieser Kampagne an: {reason} – "
        "danach `leuchtturm accounts verify`",
        "account {name} still holds {count} post(s) of this campaign: {reason} – then "
        "`leuchtturm accounts verify`",
    ),
    "status.alert": ("Alarm {at}: {message}", "Alert {at}: {message}"),
    "status.flagged": (
        "Beitrag {post_id} ({post}) → {account}: {state} – {reason}"
        " (leuchtturm post retry {post_id})",
        "Post {post_id} ({post}) → {account}: {state} – {reason} (leuchtturm post retry {post_id})",
    ),
    "lifecycle.delivery_refused": (
        "Zustellung {id}: „{op}“ ist im Zustand {state} nicht möglich; nichts geändert.",
        "delivery {id}: {op} is not possible while {state}; nothing changed.",
    ),
    "lifecycle.post_refused": (
        "Beitrag {post}: „{op}“ ist im Zustand {state} nicht möglich; nichts geändert.",
        "post {post}: {op} is not possible while {state}; nothing changed.",
    ),
    "reason.attempt": ("Versuch {n}", "attempt {n}"),
    "reason.published": ("veröffentlicht: {url}", "published: {url}"),
    "reason.recovered": (
        "nach einem unterbrochenen Versuch auf der Plattform gefunden: {url}",
        "found on the platform after an interrupted attempt: {url}",
    ),
    "reason.interrupted": (
        "beim Senden unterbrochen; vor jedem neuen Senden wird die Plattform geprüft",
        "interrupted while sending; the platform is checked before any resend",
    ),
    "reason.released": ("zum Senden freigegeben für {due}", "released to go out at {due}"),
    "reason.retry_by_hand": (
        "erneuter Versuch von Hand für {due}, neue Versuche (vorher: {was})",
        "retry by hand at {due} with a fresh attempt budget (was: {was})",
    ),
    "reason.reinstated": ("wieder in der Warteschlange", "queued again"),
    "reason.approved": (
        "freigegeben für {accounts} Konto/Konten",
        "approved for {accounts} account(s)",
    ),
    "reason.rescheduled": ("verschoben von {old} auf {new}", "moved from {old} to {new}"),
    "reason.cancelled": ("Beitrag abgesagt", "post cancelled"),
    "reason.post_cancelled": (
        "abgesagt, {withdrawn} Zustellung(en) zurückgezogen, {sent} schon gesendet"
        " (falls nötig auf der Plattform löschen)",
        "cancelled, {withdrawn} delivery(ies) withdrawn, {sent} already sent"
        " (delete them on the platform if needed)",
    ),
    "reason.saved": ("gespeichert", "saved"),
    "reason.account_removed": (
        "Konto nicht mehr Ziel des Beitrags",
        "account no longer a target of the post",
    ),
    "reason.missed": (
        "verpasst, während der Daemon nicht lief (fällig {due})",
        "missed while the daemon was down (due {due})",
    ),
    "reason.rate_limited": ("Ratenlimit bis {until}", "rate limited until {until}"),
    "reason.held": ("angehalten: {message}", "held: {message}"),
    "reason.rejected": ("abgelehnt: {message}", "rejected: {message}"),
    "reason.transient": (
        "vorübergehender Fehler, neuer Versuch {due}: {message}",
        "transient failure, next attempt {due}: {message}",
    ),
    "reason.checking": (
        "Versuch {n} ohne bekanntes Ergebnis; vor dem Aufgeben wird die Plattform geprüft: "
        "{message}",
        "attempt {n} with unknown outcome; the platform is checked before giving up: {message}",
    ),
    "reason.gave_up": (
        "aufgegeben nach {n} Versuchen (nicht auf der Plattform): {message}",
        "gave up after {n} attempts (not on the platform): {message}",
    ),
    "reason.checked_not_found": (
        "aufgegeben nach {n} Versuchen; die Plattform wurde geprüft: nicht veröffentlicht",
        "gave up after {n} attempts; the platform was checked: not published",
    ),
    "reason.late": (
        "mehr als die Karenzzeit zu spät (fällig {due}), obwohl der Daemon lief: das Konto "
        "oder die Kampagne war angehalten; freigeben oder verschieben",
        "later than the grace window (due {due}) although the daemon ran: the account or "
        "campaign was held; approve or reschedule it",
    ),
    "reason.outcome_unknown": (
        "Ergebnis unbekannt nach {n} Versuchen, Prüfung nicht möglich: {message}; "
        "bitte auf der Plattform nachsehen, dann `leuchtturm post retry` oder absagen",
        "outcome unknown after {n} attempts and the check failed: {message}; look on the "
        "platform, then `leuchtturm post retry` or cancel",
    ),
    "reason.unexpected": (
        "unerwarteter Fehler ({kind}), wird mit Prüfung erneut versucht",
        "unexpected error ({kind}), retried with recovery",
    ),
    "reason.waiting_parent": (
        "wartet auf den vorigen Teil des Threads",
        "waits for the previous part of its thread",
    ),
    "reason.account_hold": ("Konto kann gerade nicht senden", "account cannot post right now"),
    "reason.stopped": ("Daemon hält an; noch nicht gesendet", "daemon stopping; not yet sent"),
    "accounts.missing_secret": (
        "Umgebungsvariable {env} ist nicht gesetzt",
        "environment variable {env} is not set",
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
