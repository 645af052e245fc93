"""Words a person reads about listening: where a heard post came from and how it was found.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

WORDS: dict[str, tuple[str, str]] = {
    "key.filter_kind": ("Quellen-Filter", "Source filter"),
    "inbox.filters_kind": (" · Quelle: {kind}", " · source: {kind}"),
    "kind.reply": ("Antwort", "reply"),
    "kind.mention": ("Erwähnung", "mention"),
    "kind.quote": ("Zitat", "quote"),
    "kind.tag": ("Hashtag", "hashtag"),
    "kind.keyword": ("Suchwort", "keyword"),
    "inbox.found_by": ("gefunden über {query}", "found by {query}"),
    # a campaign's `track` entries (content.track, content.plan)
    "plan.track.not_list": (
        'muss eine Liste sein, z. B. ["#ToDoDortmund"].',
        'must be a list, e.g. ["#ToDoDortmund"].',
    ),
    "track.not_text": (
        '{entry} ist kein Text: einen Hashtag ("#ToDoDortmund") oder Suchwörter angeben.',
        '{entry} is not text: give a hashtag ("#ToDoDortmund") or search words.',
    ),
    "track.empty": (
        "ist leer: einen Hashtag oder Suchwörter angeben.",
        "is empty: give a hashtag or search words.",
    ),
    "track.too_long": (
        "'{start}…' ist {over} Zeichen zu lang (höchstens {most}).",
        "'{start}…' is {over} characters too long (at most {most}).",
    ),
    "track.not_hashtag": (
        "'{text}' ist kein Hashtag: nach # nur Buchstaben, Ziffern und _ ohne Leerzeichen, "
        'nicht nur Ziffern (z. B. "#ToDoDortmund").',
        "'{text}' is not a hashtag: after # only letters, digits and _ without spaces, not "
        'digits only (e.g. "#ToDoDortmund").',
    ),
    "track.open_quote": (
        "'{text}': ein Anführungszeichen ist nicht geschlossen.",
        "'{text}': a quotation mark is not closed.",
    ),
    "track.empty_quote": (
        "'{text}': zwischen den Anführungszeichen fehlen die Wörter.",
        "'{text}': the quotation marks hold no words.",
    ),
    "track.operators": (
        "'{text}': Suchoperatoren (wie from:, lang:, OR) versteht nicht jede Plattform; nur "
        'Wörter und "Wortgruppen" angeben.',
        "'{text}': search operators (such as from:, lang:, OR) are not understood by every "
        'platform; give words and "phrases" only.',
    ),
}
