"""The words of content's rules: what a platform would refuse, and advice for readers.

Content returns codes with parameters (`words.coded`); these are their wordings.
Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "content.unit.x": ("gewichteten Zeichen", "weighted characters"),
    "content.unit.mastodon": ("Zeichen", "characters"),
    "content.unit.bluesky": ("Graphemen", "graphemes"),
    "content.length": (
        "{name}: {length} von {limit} {unit}, {over} zu viel. "
        "Text kürzen oder als Thread aufteilen.",
        "{name}: {length} of {limit} {unit}, {over} over. "
        "Shorten the text or split it into a thread.",
    ),
    "content.length_warned": (
        "{name}: {length} von {limit} {unit}, {over} zu viel. "
        "Text oder Inhaltswarnung kürzen (sie zählt mit) oder als Thread aufteilen.",
        "{name}: {length} of {limit} {unit}, {over} over. "
        "Shorten the text or the content warning (it counts) or split into a thread.",
    ),
    "content.empty": (
        "{name}: Der Beitrag ist leer. Text oder ein Bild hinzufügen.",
        "{name}: the post is empty. Add text or an image.",
    ),
    "content.char.bom": ("Byte-Order-Mark", "byte-order mark"),
    "content.char.noncharacter": ("Nicht-Zeichen", "non-character"),
    "content.char.other": ("Zeichen", "character"),
    "content.invalid_characters": (
        "X: {count:#unzulässiges Zeichen|unzulässige Zeichen}, zuerst {code} ({char}) an "
        "Stelle {position}; X lehnt den Beitrag ab. Zeichen entfernen (oft beim Einfügen "
        "aus einer Datei mitkopiert).",
        "X: {count:#invalid character|invalid characters}, first {code} ({char}) at "
        "position {position}; X refuses the post. Remove them (often pasted along from a "
        "file).",
    ),
    "content.bytes": (
        "Bluesky: {size} von {limit} Bytes (UTF-8), {over} zu viel; Emoji und Sonderzeichen "
        "belegen mehrere Bytes. Text kürzen oder als Thread aufteilen.",
        "Bluesky: {size} of {limit} bytes (UTF-8), {over} over; emoji and special "
        "characters take several bytes. Shorten the text or split it into a thread.",
    ),
    "content.media_count": (
        "{name}: {count} von {allowed} Bildern, {over} zu viel.",
        "{name}: {count} of {allowed} images, {over} over.",
    ),
    "content.alt_text_missing": (
        "{name}: {count:#Bild|Bilder} ohne Alternativtext ({paths}). "
        "Jedes Bild braucht eine Beschreibung für blinde Leserinnen und Leser.",
        "{name}: {count:#image|images} without alt text ({paths}). "
        "Every image needs a description for blind readers.",
    ),
    "content.hashtag_lower": (
        "#{tag} ist ganz kleingeschrieben: Screenreader lesen ihn als ein Wort oder "
        "buchstabieren ihn. Jedes Wort mit Großbuchstaben beginnen (CamelCase, z. B. "
        "#ToDoDortmund).",
        "#{tag} is all lower case: screen readers read it as one word or spell it out. "
        "Start each word with a capital letter (CamelCase, e.g. #ToDoDortmund).",
    ),
    "content.hashtag_upper": (
        "#{tag} ist ganz großgeschrieben: Screenreader lesen ihn als ein Wort oder "
        "buchstabieren ihn. Jedes Wort mit Großbuchstaben beginnen (CamelCase, z. B. "
        "#ToDoDortmund).",
        "#{tag} is all upper case: screen readers read it as one word or spell it out. "
        "Start each word with a capital letter (CamelCase, e.g. #ToDoDortmund).",
    ),
    "content.x_link": (
        "X: Der Beitrag enthält einen Link; X berechnet Beiträge mit Links über die API "
        "ein Vielfaches. Link weglassen oder bewusst so lassen.",
        "X: the post contains a link; X bills API posts with links at many times the "
        "price. Drop the link or keep it on purpose.",
    ),
    "content.thread.word_too_long": (
        "{name}: „{word}…“ ist allein länger als ein Thread-Teil ({limit} Zeichen inkl. "
        "Nummer); Wort oder Link kürzen.",
        "{name}: \"{word}…\" alone is longer than one thread part ({limit} characters "
        "with its number); shorten the word or link.",
    ),
    "content.thread.warning_fills_part": (
        "{name}: Die Inhaltswarnung allein füllt einen Thread-Teil ({limit} Zeichen); "
        "Inhaltswarnung kürzen.",
        "{name}: the content warning alone fills a thread part ({limit} characters); "
        "shorten the content warning.",
    ),
    "content.time.gap": (
        "{shown} gibt es in {zone} nicht (Zeitumstellung); stattdessen {suggestion} "
        "({moved}) verwenden.",
        "{shown} does not exist in {zone} (daylight-saving change); use {suggestion} "
        "({moved}) instead.",
    ),
    "content.time.twice": (
        "{shown} kommt in {zone} zweimal vor (Zeitumstellung); den Versatz angeben: "
        "{first} oder {second}.",
        "{shown} happens twice in {zone} (daylight-saving change); give the offset: "
        "{first} or {second}.",
    ),
    "content.time.offset": (
        "Versatz {offset} passt nicht zu {zone} am {shown}; richtig ist {valid}.",
        "offset {offset} does not match {zone} on {shown}; use {valid}.",
    ),
    "content.media.outside": (
        "{path} liegt außerhalb der erlaubten Ordner ({places}); Bilder dorthin legen "
        "oder den Ordner unter [media] folders eintragen.",
        "{path} lies outside the allowed folders ({places}); put images there or add the "
        "folder to [media] folders.",
    ),
    "content.media.missing": (
        "Datei {path} nicht gefunden; Pfade gelten relativ zur Plan-Datei.",
        "file {path} not found; paths are relative to the plan file.",
    ),
    "content.media.unreadable": (
        "{path} ist nicht lesbar: {reason}.",
        "{path} cannot be read: {reason}.",
    ),
    "content.media.not_image": (
        "{path} ist kein Bild (JPEG, PNG, GIF oder WebP), egal wie die Datei heißt.",
        "{path} is not an image (JPEG, PNG, GIF or WebP), whatever its name.",
    ),
    "content.media.too_large": (
        "{path}: {size} Bytes, {name} erlaubt höchstens {limit}, {over} zu viel; "
        "das Bild verkleinern.",
        "{path}: {size} bytes, {name} allows at most {limit}, {over} over; "
        "make the image smaller.",
    ),
}
