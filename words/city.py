"""The report's section "Was die Stadt sagt": posts by others, per day, platform and mood.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "city.table.days": (
        "Was die Stadt sagt: Beiträge pro Tag und Plattform",
        "What the city says: posts per day and platform",
    ),
    "city.note.days": (
        "Beiträge anderer, die keine Antworten auf uns sind: Erwähnungen unserer Konten, "
        "Zitate unserer Beiträge, Beiträge unter verfolgten Hashtags und Stichwörtern.",
        "Posts by others that are not replies to us: mentions of our accounts, quotes of our "
        "posts, posts under tracked hashtags and keywords.",
    ),
    "city.col.mention": ("Erwähnungen", "Mentions"),
    "city.col.quote": ("Zitate", "Quotes"),
    "city.col.tag": ("Hashtags", "Hashtags"),
    "city.col.keyword": ("Stichwörter", "Keywords"),
    "city.table.sentiment": (
        "Was die Stadt sagt: Stimmung je Plattform",
        "What the city says: sentiment per platform",
    ),
    "city.note.sentiment": (
        "Das Label einer Person gilt vor dem des Modells ({human} Beiträge von Hand "
        "eingeordnet).",
        "A person's label wins over the model's ({human} posts labelled by hand).",
    ),
    "city.table.shared": (
        "Was die Stadt sagt: meistgeteilte Beiträge anderer",
        "What the city says: most-shared posts by others",
    ),
    "city.note.shared": (
        "Diese Woche wurde kein Beitrag anderer geteilt (oder sein Text ist nach der "
        "Aufbewahrungsfrist gelöscht).",
        "No post by others was shared this week (or its text is gone after the retention "
        "period).",
    ),
    "city.col.shares": ("Geteilt", "Shares"),
    "city.table.voices": (
        "Was die Stadt sagt: häufigste Stimmen",
        "What the city says: top voices",
    ),
    "city.note.voices": (
        "Nach Zahl der Beiträge aus {posts} Beiträgen; Autoren {authors}.",
        "By number of posts, from {posts} posts; authors {authors}.",
    ),
    "city.table.terms": (
        "Was die Stadt sagt: häufigste Begriffe",
        "What the city says: most frequent terms",
    ),
    "city.note.terms": (
        "In wie vielen von {posts} Beiträgen ein Begriff vorkommt; deutsche Stoppwörter, "
        "Erwähnungen (@…) und Links sind entfernt.",
        "In how many of {posts} posts a term occurs; German stop words, mentions (@…) and "
        "links removed.",
    ),
    "city.col.term": ("Begriff", "Term"),
    "gap.retention": (
        "Texte vor {since} (Aufbewahrungsfrist)",
        "Texts before {since} (retention)",
    ),
    "gap.retention.note": (
        "nach der Aufbewahrungsfrist gelöscht: Zahlen stammen aus anonymen Zählungen, "
        "Auszüge, Stimmen und Begriffe nur aus späteren Beiträgen",
        "deleted after the retention period: figures come from anonymous counts, excerpts, "
        "voices and terms from later posts only",
    ),
    "gap.city_unclassified": (
        "Beiträge anderer ohne Stimmung",
        "Posts by others without sentiment",
    ),
    "gap.city_unclassified.note": (
        "noch nicht klassifiziert; in den Anteilen nicht enthalten",
        "not classified yet; left out of the shares",
    ),
}
