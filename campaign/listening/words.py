"""Words a person reads about listening: German and English side by side (key → (de, en)),
as in campaign/i18n.py's CATALOGUE; hooked into the TUI's lookup."""

WORDS: dict[str, tuple[str, str]] = {
    "key.filter_kind": ("Quellen-Filter", "Source filter"),
    "inbox.filters_kind": (" · Quelle: {kind}", " · source: {kind}"),
    "kind.reply": ("Antwort", "reply"),
    "kind.mention": ("Erwähnung", "mention"),
    "kind.quote": ("Zitat", "quote"),
    "kind.tag": ("Hashtag", "hashtag"),
    "kind.keyword": ("Suchwort", "keyword"),
    "inbox.found_by": ("gefunden über {query}", "found by {query}"),
}
