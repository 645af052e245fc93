"""Report files on disk that name a person: an erasure cannot rewrite a report already
sent, but it can say which files to delete or write again."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from campaign.privacy.handles import Person

TEXT_SUFFIXES = (".md", ".html", ".csv")


def naming(folder: Path, person: Person, pseudonyms: Iterable[str]) -> list[Path]:
    """Files under `folder` that contain one of the person's handles or pseudonyms."""
    if not folder.is_dir():
        return []
    needles = [needle.lower() for needle in (*person.forms, *pseudonyms)]
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace").lower()
            if any(needle in text for needle in needles):
                found.append(path)
    return found
