"""Bounds on what a person types into a post (CLI, TUI, plan), checked before anything
counts or stores it: a key that fits its column, texts of sane size, no control characters.

The plan validator (`content/plan.py`) applies the same limits to plans; this covers the
drafts that come from the CLI and the TUI, so that SQLite and PostgreSQL give the same
answer (PostgreSQL refuses a NUL byte or an over-long key that SQLite would keep).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from campaign.errors import UserError
from content import field_limits as limits
from content.media_file import MediaRefused, open_image, read_image, too_large
from content.outside_text import control_character
from content.platforms import Platform
from words import t


class DraftFields(Protocol):
    """What is checked of a draft (`campaign.services.posts.PostDraft`)."""

    key: str
    text: str
    variants: dict[str, str]
    media: Sequence[tuple[str, str]]


def input_problems(draft: DraftFields, platforms: Iterable[Platform] = ()) -> list[str]:
    """Every bound the draft breaks, one line each; empty when it may be checked further.

    Each medium must be an image (by its bytes) small enough for each of `platforms`.
    """
    fields = {
        "key": (draft.key, limits.POST_KEY),
        "text": (draft.text, limits.TEXT_CHARACTERS),
        **{
            f"variants.{name}": (text, limits.TEXT_CHARACTERS)
            for name, text in draft.variants.items()
        },
    }
    problems = []
    for name, (value, limit) in fields.items():
        if len(value) > limit:
            over = len(value) - limit
            worded = t("plan.too_long", length=len(value), limit=limit, over=over)
            problems.append(f"{name}: {worded}")
        if code := control_character(value):
            problems.append(f"{name}: " + t("plan.control_character", code=code))
    platforms = tuple(dict.fromkeys(platforms))
    for path, _ in draft.media:
        try:
            image = read_image(Path(path).resolve())
        except MediaRefused as refused:
            problems.append(f"media: {refused.text()}")
            continue
        problems += [
            f"media: {refused.text()}"
            for platform in platforms
            if (refused := too_large(image, platform))
        ]
    return problems


def chosen_media(path: str, folders: Sequence[Path]) -> str:
    """A path typed in the CLI or the TUI, as the resolved path of an image in the current
    folder or a configured media folder; a UserError saying why otherwise."""
    try:
        return str(open_image(path, Path.cwd(), folders).path)
    except MediaRefused as refused:
        raise UserError(f"{path}: {refused.text()}") from None
