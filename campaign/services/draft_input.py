"""Bounds on what a person types into a post (CLI, TUI, plan), checked before anything
counts or stores it: a key that fits its column, texts of sane size, no control characters.

The plan validator (`content/plan.py`) applies the same limits to plans; this covers the
drafts that come from the CLI and the TUI, so that SQLite and PostgreSQL give the same
answer (PostgreSQL refuses a NUL byte or an over-long key that SQLite would keep).
"""

from __future__ import annotations

from typing import Protocol

from content import field_limits as limits
from content.outside_text import control_character


class DraftFields(Protocol):
    """What is checked of a draft (`campaign.services.posts.PostDraft`)."""

    key: str
    text: str
    variants: dict[str, str]


def input_problems(draft: DraftFields) -> list[str]:
    """Every bound the draft breaks, one line each; empty when it may be checked further."""
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
            problems.append(f"{name}: {len(value)} of at most {limit} characters")
        if code := control_character(value):
            problems.append(f"{name}: contains the control character {code}")
    return problems
