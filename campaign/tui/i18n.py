"""The TUI's texts: German by default, English by setting or LEUCHTTURM_LANG=en.

A dict keeps both languages side by side (as `campaign.i18n` does), so a missing
translation shows in review; the app chooses the language once at start.
"""

from __future__ import annotations

from campaign.i18n import choose_language, language
from campaign.listening.words import WORDS as LISTENING_WORDS
from campaign.tui.poll_words import WORDS as POLL_WORDS

__all__ = ["CATALOGUE", "choose_language", "language", "t"]

CATALOGUE: dict[str, tuple[str, str]] = {
    "title": ("Leuchtturm", "Leuchtturm"),
    "title.demo": (
        "Leuchtturm · Demo: Sandbox-Konten, eigene Datenbank",
        "Leuchtturm · demo: sandbox accounts, own database",
    ),
    "screen.dashboard": ("Übersicht", "Overview"),
    "screen.queue": ("Warteschlange", "Queue"),
    "screen.compose": ("Verfassen", "Compose"),
    "screen.inbox": ("Antworten", "Replies"),
    "screen.campaigns": ("Kampagnen", "Campaigns"),
    "screen.accounts": ("Konten", "Accounts"),
    "screen.reports": ("Berichte", "Reports"),
    "screen.wall": ("Wand", "Wall"),
    "key.help": ("Hilfe", "Help"),
    "key.wall_approve": ("Freigeben", "Approve"),
    "key.wall_hide": ("Ausblenden", "Hide"),
    "key.wall_pin": ("Anheften", "Pin"),
    "key.wall_block": ("Person sperren", "Block author"),
    "key.quit": ("Beenden", "Quit"),
    "key.pause": ("Kampagne anhalten", "Pause campaign"),
    "key.resume": ("Kampagne fortsetzen", "Resume campaign"),
    "key.approve": ("Freigeben", "Approve"),
    "key.cancel": ("Absagen", "Cancel"),
    "key.retry": ("Erneut senden", "Retry"),
    "queue.retried": (
        "{key}: {count} Zustellung(en) werden erneut versucht",
        "{key}: {count} delivery(ies) will be retried",
    ),
    "key.duplicate": ("Duplizieren", "Duplicate"),
    "key.reschedule": ("Verschieben", "Reschedule"),
    "key.filter_state": ("Status-Filter", "State filter"),
    "key.filter_campaign": ("Kampagnen-Filter", "Campaign filter"),
    "key.filter_platform": ("Plattform-Filter", "Platform filter"),
    "key.filter_label": ("Stimmungs-Filter", "Sentiment filter"),
    "key.filter_questions": ("Nur offene Fragen", "Open questions only"),
    "key.more": ("Mehr laden", "Load more"),
    "key.earlier": ("Früher", "Earlier"),
    "key.later": ("Später", "Later"),
    "key.today": ("Heute", "Today"),
    "key.day_week": ("Tag/Woche", "Day/week"),
    "key.save_draft": ("Als Entwurf speichern", "Save as draft"),
    "key.save_approved": ("Freigegeben speichern", "Save approved"),
    "key.save_thread": ("Als Thread speichern", "Save as thread"),
    "key.save_thread_approved": ("Als Thread freigeben", "Save thread approved"),
    "key.label_positive": ("Positiv setzen", "Mark positive"),
    "key.label_neutral": ("Neutral setzen", "Mark neutral"),
    "key.label_negative": ("Negativ setzen", "Mark negative"),
    "key.label_clear": ("Eigenes Label entfernen", "Clear own label"),
    "key.open_url": ("Im Browser öffnen", "Open in browser"),
    "key.answer": ("Beantworten", "Answer"),
    "key.send": ("Senden", "Send"),
    "key.leave_field": ("Feld verlassen", "Leave field"),
    "key.back": ("Zurück", "Back"),
    "key.open_html": ("HTML öffnen", "Open HTML"),
    "key.write_this_week": ("Bericht dieser Woche", "This week's report"),
    "key.write_last_week": ("Bericht der Vorwoche", "Last week's report"),
    "any": ("alle", "all"),
    "none": ("(keine)", "(none)"),
    "label.positive": ("positiv", "positive"),
    "label.neutral": ("neutral", "neutral"),
    "label.negative": ("negativ", "negative"),
    "filters": (
        "Filter – Status: {state} · Kampagne: {campaign} · Plattform: {platform}{mine}",
        "Filters – state: {state} · campaign: {campaign} · platform: {platform}{mine}",
    ),
    "weekdays": ("Mo Di Mi Do Fr Sa So", "Mon Tue Wed Thu Fri Sat Sun"),
    "period.day": ("{weekday} {day:%d.%m.%Y}", "{weekday} {day:%Y-%m-%d}"),
    "period.week": (
        "Woche {week} ({first:%d.%m.}–{last:%d.%m.%Y})",
        "Week {week} ({first:%Y-%m-%d} – {last:%Y-%m-%d})",
    ),
    "inbox.filters": (
        "Filter – Stimmung: {label} · Kampagne: {campaign} · Plattform: {platform}{questions}",
        "Filters – sentiment: {label} · campaign: {campaign} · platform: {platform}{questions}",
    ),
    "inbox.questions": (" · nur offene Fragen", " · open questions only"),
    "col.when": ("Zeit", "Time"),
    "col.campaign": ("Kampagne", "Campaign"),
    "col.key": ("Beitrag", "Post"),
    "col.state": ("Status", "State"),
    "col.deliveries": ("Zustellungen", "Deliveries"),
    "col.text": ("Text", "Text"),
    "col.platform": ("Plattform", "Platform"),
    "col.author": ("Von", "From"),
    "col.label": ("Stimmung", "Sentiment"),
    "col.name": ("Name", "Name"),
    "col.handle": ("Handle", "Handle"),
    "col.reason": ("Grund", "Reason"),
    "col.posts": ("Beiträge", "Posts"),
    "col.delivered": ("Zugestellt", "Delivered"),
    "col.replies": ("Antworten", "Replies"),
    "col.paused": ("Angehalten", "Paused"),
    "col.zone": ("Zeitzone", "Time zone"),
    "col.followers": ("Follower", "Followers"),
    "col.verified": ("Geprüft", "Verified"),
    "col.week": ("Woche", "Week"),
    "col.files": ("Dateien", "Files"),
    "col.language": ("Sprache", "Language"),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "alerts.none": ("Keine Warnungen.", "No alerts."),
    "alerts.line": ("⚠ {message}{campaign}", "⚠ {message}{campaign}"),
    "alerts.campaign": (" [Kampagne {slug}{paused}]", " [campaign {slug}{paused}]"),
    "alerts.paused": (", angehalten", ", paused"),
    "alerts.no_campaign": (
        "Keine Warnung nennt eine Kampagne, die angehalten werden könnte.",
        "No alert names a campaign that could be paused.",
    ),
    "paused.reason": ("im Terminal angehalten wegen: {message}", "paused in the TUI: {message}"),
    "campaign.paused": ("Kampagne {slug} angehalten.", "Campaign {slug} paused."),
    "campaign.resumed": ("Kampagne {slug} läuft wieder.", "Campaign {slug} resumed."),
    "compose.base": ("Grundtext", "Base text"),
    "compose.key": ("Schlüssel (eindeutig je Kampagne)", "Key (unique per campaign)"),
    "compose.when": ("Zeit (JJJJ-MM-TT HH:MM, {zone})", "Time (YYYY-MM-DD HH:MM, {zone})"),
    "compose.accounts": ("Zielkonten", "Target accounts"),
    "compose.campaign": ("Kampagne", "Campaign"),
    "compose.media": ("Bild (Pfad)", "Image (path)"),
    "compose.alt": ("Alternativtext des Bildes", "Image alt text"),
    "compose.spoiler": (
        "Inhaltswarnung (zählt zum Limit, leer: keine)",
        "Content warning (counts toward the limit, empty: none)",
    ),
    "compose.variant": (
        "Variante für {platform} (leer: Grundtext)",
        "{platform} variant (empty: base text)",
    ),
    "compose.thread": (
        "Thread-Vorschau ({platform}): {parts} Teile",
        "Thread preview ({platform}): {parts} parts",
    ),
    "counter.ok": ("{platform}: {length}/{limit}", "{platform}: {length}/{limit}"),
    "counter.over": (
        "{platform}: {length}/{limit} – {over} zu viel",
        "{platform}: {length}/{limit} – {over} over",
    ),
    "compose.refused": ("Nicht gespeichert: {problems}", "Not saved: {problems}"),
    "compose.thread_keys": (
        " – Strg+T speichert als Thread, Strg+R als freigegebenen Thread",
        " – Ctrl+T saves it as a thread, Ctrl+R as an approved thread",
    ),
    "compose.thread_saved": (
        "Thread {key} mit {parts} Teil(en) gespeichert ({state}).",
        "Thread {key} saved with {parts} part(s) ({state}).",
    ),
    "compose.saved": ("Beitrag {key} gespeichert ({state}).", "Post {key} saved ({state})."),
    "compose.no_key": (
        "Schlüssel fehlt: einen kurzen Namen eingeben.",
        "Key missing: enter a short name.",
    ),
    "compose.no_campaign": ("Keine Kampagne gewählt.", "No campaign chosen."),
    "compose.no_accounts": ("Kein Zielkonto gewählt.", "No target account chosen."),
    "compose.unknown_account": (
        "Konto {name} steht nicht mehr in config.toml; bitte die Auswahl ändern.",
        "Account {name} is no longer in config.toml; please change the selection.",
    ),
    "queue.approved": ("Beitrag {key} freigegeben.", "Post {key} approved."),
    "queue.approval_given": (
        "Freigabe für {key} gespeichert: {given}/{required} Freigaben.",
        "Approval of {key} saved: {given}/{required} approvals.",
    ),
    "queue.tally": ("{given}/{required} Freigaben", "{given}/{required} approvals"),
    "queue.changes_requested": ("Änderung erbeten", "changes requested"),
    "queue.sent_back": (
        "{key} an {author} zurückgegeben: Änderung erbeten.",
        "{key} sent back to {author}: changes requested.",
    ),
    "queue.commented": ("Kommentar zu {key} gespeichert.", "Comment on {key} saved."),
    "queue.comment_prompt": ("Kommentar zu {key}", "Comment on {key}"),
    "queue.request_prompt": (
        "Änderung erbeten – was soll sich an {key} ändern?",
        "Request changes – what should change in {key}?",
    ),
    "queue.comments": ("Kommentare", "Comments"),
    "queue.trail": ("Verlauf", "History"),
    "queue.mine": (" · wartet auf meine Freigabe ({name})", " · awaiting my approval ({name})"),
    "key.request_changes": ("Änderung erbeten", "Request changes"),
    "key.comment": ("Kommentieren", "Comment"),
    "key.filter_mine": ("Wartet auf meine Freigabe", "Awaiting my approval"),
    "col.post_author": ("Autor/in", "Author"),
    "col.approvals": ("Freigaben", "Approvals"),
    "queue.cancelled": ("Beitrag {key} abgesagt.", "Post {key} cancelled."),
    "queue.duplicated": ("Kopie {key} als Entwurf angelegt.", "Copy {key} created as draft."),
    "queue.rescheduled": ("Beitrag {key} verschoben auf {when}.", "Post {key} moved to {when}."),
    "queue.empty": (
        "Keine Beiträge in diesem Zeitraum und mit diesen Filtern – h/l blättern, "
        "w zeigt Tag oder Woche, t springt auf heute.",
        "No posts in this period with these filters – h/l step, w shows day or week, "
        "t goes back to today.",
    ),
    "queue.reschedule_prompt": (
        "Neue Zeit (JJJJ-MM-TT HH:MM, {zone})",
        "New time (YYYY-MM-DD HH:MM, {zone})",
    ),
    "inbox.labelled": ("Antwort {id}: Label {label}.", "Reply {id}: label {label}."),
    "inbox.answered": ("Antwort auf {id} wird gesendet.", "Answer to {id} is being sent."),
    "inbox.answer_waiting": (
        "Antwort auf {id} gespeichert; sie wartet auf die Freigabe einer zweiten Person.",
        "Answer to {id} saved; it waits for a second person's approval.",
    ),
    "inbox.no_url": ("Diese Antwort hat keine Adresse.", "This reply has no address."),
    "inbox.answer_title": ("Antwort an {author}", "Answer to {author}"),
    "dash.daemon_running": (
        "Daemon läuft (zuletzt vor {seconds} s, Warteschlange {queue}, Fehler {errors})",
        "Daemon running (last seen {seconds} s ago, queue {queue}, errors {errors})",
    ),
    "dash.daemon_stale": (
        "Daemon läuft nicht – zuletzt vor {seconds} s gesehen",
        "Daemon not running – last seen {seconds} s ago",
    ),
    "dash.daemon_never": ("Daemon läuft nicht", "Daemon not running"),
    "dash.due": ("Als Nächstes fällig", "Due next"),
    "dash.last_day": ("Zustellungen der letzten 24 h", "Deliveries of the last 24 h"),
    "dash.broken": ("Gestörte Konten", "Broken accounts"),
    "dash.sentiment": ("Antworten der letzten 7 Tage", "Replies of the last 7 days"),
    "dash.split": (
        "{total} Antworten: {positive} positiv · {neutral} neutral · {negative} negativ",
        "{total} replies: {positive} positive · {neutral} neutral · {negative} negative",
    ),
    "dash.negative": ("negativ", "negative"),
    "reports.folder": ("Berichtsordner: {folder}", "Report folder: {folder}"),
    "reports.empty": (
        "Noch keine Wochenberichte in diesem Ordner. Mit **w** wird der Bericht der letzten "
        "Woche jetzt geschrieben; sonst schreibt ihn der Daemon am eingestellten Wochentag.",
        "No weekly reports in this folder yet. Press **w** to write last week's report now; "
        "otherwise the daemon writes it on the configured weekday.",
    ),
    "reports.html_only": (
        "Dieser Bericht liegt nur als HTML vor: **o** öffnet ihn im Browser.",
        "This report exists as HTML only: press **o** to open it in the browser.",
    ),
    "reports.all_campaigns": ("alle Kampagnen", "all campaigns"),
    "reports.no_html": (
        "Zu diesem Bericht gibt es keine HTML-Datei (reports.formats in config.toml).",
        "This report has no HTML file (reports.formats in config.toml).",
    ),
    "reports.writing": (
        "Bericht der letzten Woche wird geschrieben …",
        "Writing last week's report …",
    ),
    "reports.written": ("Bericht geschrieben: {folder}", "Report written: {folder}"),
    "wall.mode.pre": (
        "Wand {campaign}: nur Freigegebenes erscheint – a freigeben, h ausblenden, "
        "p anheften, b Person sperren",
        "Wall {campaign}: only approved items show – a approve, h hide, p pin, b block author",
    ),
    "wall.mode.post": (
        "Wand {campaign}: Neues erscheint nach {seconds} s, Negatives wartet – "
        "h ausblenden, a freigeben, p anheften, b Person sperren",
        "Wall {campaign}: new items show after {seconds} s, negative ones wait – "
        "h hide, a approve, p pin, b block author",
    ),
    "wall.mode.auto": (
        "Wand {campaign} (Demo): alles erscheint, bis es ausgeblendet wird",
        "Wall {campaign} (demo): everything shows until hidden",
    ),
    "help.title": ("Tastenkürzel", "Keys"),
    "help.body": (
        "1–8 Bildschirm wechseln · j/k oder Pfeile bewegen · Strg+P Befehle · "
        "! Kampagne der Warnung anhalten · ^ fortsetzen · q beenden · Esc schließen",
        "1–8 switch screen · j/k or arrows move · Ctrl+P commands · "
        "! pause the alert's campaign · ^ resume · q quit · Esc close",
    ),
    "error": ("Fehler: {message}", "Error: {message}"),
    "state.draft": ("Entwurf", "draft"),
    "state.approved": ("freigegeben", "approved"),
    "state.cancelled": ("abgesagt", "cancelled"),
    "delivery.pending": ("wartet", "pending"),
    "delivery.sending": ("wird gesendet", "sending"),
    "delivery.sent": ("gesendet", "sent"),
    "delivery.retry": ("neuer Versuch", "retry"),
    "delivery.failed": ("fehlgeschlagen", "failed"),
    "delivery.needs_review": ("zu prüfen", "needs review"),
    "delivery.withdrawn": ("zurückgezogen", "withdrawn"),
    "account.ok": ("in Ordnung", "ok"),
    "account.broken": ("gestört", "broken"),
    "account.credits_exhausted": ("Guthaben aufgebraucht", "credits exhausted"),
}
CATALOGUE |= LISTENING_WORDS
CATALOGUE.update(POLL_WORDS)


def t(key: str, /, **values: object) -> str:
    """The text `key` in the chosen language, filled with `values`."""
    german, english = CATALOGUE[key]
    return (english if language() == "en" else german).format(**values)
