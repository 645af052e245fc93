"""The weekly report's words: headings, column headers, labels and sentences.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # heading
    "title": ("Wochenbericht {week} – {scope}", "Weekly report {week} – {scope}"),
    "scope.campaign": ("Kampagne {slug}", "campaign {slug}"),
    "scope.all": ("alle Kampagnen", "all campaigns"),
    "authors.pseudonymised": ("pseudonymisiert", "pseudonymised"),
    "authors.real": ("mit Klarnamen", "with real handles"),
    "period": (
        "{start} bis {end} ({zone}); erstellt {generated}; Autoren {authors}.",
        "{start} to {end} ({zone}); generated {generated}; authors {authors}.",
    ),
    # labels
    "label.unclassified": ("nicht klassifiziert", "unclassified"),
    "total": ("gesamt", "total"),
    # column headers
    "col.account": ("Konto", "Account"),
    "col.post": ("Beitrag", "Post"),
    "col.state": ("Zustand", "State"),
    "col.due": ("Fällig", "Due"),
    "col.likes": ("Likes", "Likes"),
    "col.reposts": ("Reposts", "Reposts"),
    "col.quotes": ("Zitate", "Quotes"),
    "col.impressions": ("Impressionen", "Impressions"),
    "col.engagement": ("Engagement", "Engagement"),
    "col.per_1000": ("je 1.000 Follower", "per 1,000 followers"),
    "col.link": ("Link", "Link"),
    "col.day": ("Tag", "Day"),
    "col.share": ("{label} %", "{label} %"),
    "col.net": ("Netto-Stimmung", "Net sentiment"),
    "col.time": ("Zeit", "Time"),
    "col.author": ("Autor", "Author"),
    "col.sentiment": ("Stimmung", "Sentiment"),
    "col.confidence": ("Sicherheit", "Confidence"),
    "col.figure": ("Kennzahl", "Figure"),
    "col.this_week": ("Diese Woche", "This week"),
    "col.last_week": ("Vorwoche", "Previous week"),
    "col.change": ("Änderung", "Change"),
    "col.gap": ("Lücke", "Gap"),
    "col.count": ("Anzahl", "Count"),
    "col.note": ("Hinweis", "Note"),
    # table titles and notes
    "table.comparison": (
        "Vergleich mit der Vorwoche ({week})",
        "Compared with the previous week ({week})",
    ),
    "table.published": (
        "Veröffentlichte Beiträge je Plattform und Konto",
        "Posts published per platform and account",
    ),
    "table.problems": (
        "Zustellungen fehlgeschlagen oder zu prüfen",
        "Deliveries failed or needing review",
    ),
    "table.engagement": (
        "Engagement je Plattform (letzter Messwert der Woche)",
        "Engagement per platform (latest measurement of the week)",
    ),
    "note.engagement": (
        "Je 1.000 Follower: Engagement des mittleren Beitrags, fair auch für Plattformen "
        "ohne Impressionen.",
        "Per 1,000 followers: the average post's engagement, fair to platforms without "
        "impressions too.",
    ),
    "table.followers": ("Follower je Konto", "Followers per account"),
    "note.followers": (
        "Einmal am Tag gezählt; der Anfang ist die letzte Zählung vor der Woche.",
        "Counted once a day; the start is the last count before the week.",
    ),
    "col.followers_start": ("Anfang der Woche", "Start of week"),
    "col.followers_end": ("Ende der Woche", "End of week"),
    "table.top_posts": ("Top 5 Beiträge nach Engagement-Rate", "Top 5 posts by engagement rate"),
    "table.replies_per_day": ("Antworten pro Tag", "Replies per day"),
    "table.sentiment": (
        "Stimmung je Plattform und Kampagne",
        "Sentiment per platform and campaign",
    ),
    "note.sentiment": (
        "Netto-Stimmung = (positiv − negativ) / klassifiziert × 100, von −100 bis +100. "
        "Menschliche Labels gehen vor.",
        "Net sentiment = (positive − negative) / classified × 100, from −100 to +100. "
        "Human labels take precedence.",
    ),
    "table.most_negative": ("Die negativsten Antworten", "The most negative replies"),
    "table.most_positive": ("Die positivsten Antworten", "The most positive replies"),
    "table.unanswered": ("Unbeantwortete Fragen ({count})", "Unanswered questions ({count})"),
    "table.gaps": ("Datenlücken", "Data gaps"),
    # at a glance (campaign.reports.glance)
    "glance.title": ("Auf einen Blick", "At a glance"),
    "glance.nothing_published": (
        "Diese Woche wurde nichts veröffentlicht.",
        "Nothing was published this week.",
    ),
    "glance.posts": ("{count:#Beitrag|Beiträge}", "{count:#post|posts}"),
    "glance.interactions": (
        "{count:#Interaktion|Interaktionen}",
        "{count:#interaction|interactions}",
    ),
    "glance.reach": (
        "Diese Woche: {posts} mit {engagement}, {trend}",
        "This week: {posts} with {engagement}, {trend}",
    ),
    "glance.more": (
        "{diff} mehr als in der Vorwoche ({previous})",
        "{diff} more than the week before ({previous})",
    ),
    "glance.fewer": (
        "{diff} weniger als in der Vorwoche ({previous})",
        "{diff} fewer than the week before ({previous})",
    ),
    "glance.same": ("so viele wie in der Vorwoche", "as many as the week before"),
    "glance.impressions": (
        "; gemessen wurden {impressions} Impressionen ({platforms})",
        "; {impressions} impressions were measured ({platforms})",
    ),
    "glance.mood": ("Die Stimmung liegt netto bei {net}", "Net sentiment is {net}"),
    "glance.mood_before": (" (Vorwoche {net})", " (previous week {net})"),
    "glance.mood_where": (
        "; am kritischsten war {worst} ({worst_net}), am freundlichsten {best} ({best_net})",
        "; most critical was {worst} ({worst_net}), friendliest {best} ({best_net})",
    ),
    "glance.mood_unknown": (
        "Zur Stimmung lässt sich nichts sagen: keine Antwort ist eingeordnet.",
        "Nothing can be said about the mood: no reply is classified.",
    ),
    "glance.best_post": (
        "Am besten lief „{post}“ auf {platform} mit {engagement}",
        "The best post was '{post}' on {platform} with {engagement}",
    ),
    "glance.best_post_rate": (" ({rate} je 1.000 Follower)", " ({rate} per 1,000 followers)"),
    "glance.questions": (
        "{count:#Frage wartet|Fragen warten} auf eine Antwort",
        "{count:#question is|questions are} waiting for an answer",
    ),
    "glance.oldest_question": (", die älteste seit {since}", ", the oldest since {since}"),
    "glance.no_questions": (
        "Keine Frage wartet auf eine Antwort.",
        "No question is waiting for an answer.",
    ),
    "glance.gaps": ("Datenlücken: {gaps}", "Data gaps: {gaps}"),
    "glance.gap_missing": (
        "{count:#Antwort|Antworten} nicht gesammelt ({detail})",
        "{count:#reply|replies} not collected ({detail})",
    ),
    "glance.gap_x_window": (
        "bei {count:#X-Beitrag|X-Beiträgen} ist das Suchfenster zu",
        "the search window is closed for {count:#X post|X posts}",
    ),
    "glance.gap_unclassified": (
        "{count:#Antwort|Antworten} ohne Stimmungslabel",
        "{count:#reply|replies} without a sentiment label",
    ),
    "glance.gap_impressions": (
        "keine Impressionen von {platforms}",
        "no impressions from {platforms}",
    ),
    "glance.and": ("{first} und {last}", "{first} and {last}"),
    # comparison rows
    "figure.posts_published": ("Veröffentlichte Beiträge", "Posts published"),
    "figure.engagement": (
        "Engagement (Likes+Reposts+Antworten+Zitate)",
        "Engagement (likes+reposts+replies+quotes)",
    ),
    "figure.replies": ("Antworten", "Replies"),
    "figure.net_sentiment": ("Netto-Stimmung", "Net sentiment"),
    "figure.per_1000_followers": (
        "Engagement je 1.000 Follower – {platform}",
        "Engagement per 1,000 followers – {platform}",
    ),
    # data gaps
    "gap.replies": ("Antworten {platform}", "Replies {platform}"),
    "gap.replies.note": (
        "Plattform zählt {counted}, gesammelt {collected}",
        "platform counts {counted}, collected {collected}",
    ),
    "gap.federation": (
        " (Föderation: fremde Server fehlen)",
        " (federation: other servers are missing)",
    ),
    "gap.x_window": ("X: Suchfenster geschlossen", "X: search window closed"),
    "gap.x_window.note": (
        "Beiträge älter als 7 Tage: spätere Antworten findet die X-Suche nicht mehr; "
        "{late} davon zuletzt vor Fensterende gesammelt",
        "posts older than 7 days: X's search no longer finds later replies; "
        "{late} of them last collected before the window closed",
    ),
    "gap.impressions": ("Impressionen {platform}", "Impressions {platform}"),
    "gap.impressions.note": ("liefert die Plattform nicht", "the platform does not provide them"),
    "gap.unclassified": ("Nicht klassifizierte Antworten", "Unclassified replies"),
    "gap.unclassified.note": ("noch ohne Stimmungslabel", "no sentiment label yet"),
    "gap.model": ("Modell {model}", "Model {model}"),
    "gap.model.note": ("Revision {revision}", "revision {revision}"),
    "gap.human": ("Menschliche Labels", "Human labels"),
    "gap.human.note": (
        "{overrides} davon weichen vom Modell ab (der Mensch gilt)",
        "{overrides} of them differ from the model (the human label counts)",
    ),
    # charts
    "chart.volume": ("Antworten pro Tag", "Replies per day"),
    "chart.unclassified": ("offen", "unclassified"),
    "chart.net": (
        "Netto-Stimmung im Wochenverlauf (−100 bis +100)",
        "Net sentiment over the week (−100 to +100)",
    ),
    "weekdays": ("Mo Di Mi Do Fr Sa So", "Mon Tue Wed Thu Fri Sat Sun"),
    "chart.engagement": ("Engagement je 1.000 Follower", "Engagement per 1,000 followers"),
}
