"""A post's or a delivery's state in the reader's words ("Entwurf", "gesendet").

States are stored as codes (campaign/models.py); every screen, command and report that
shows one words it here, so nobody reads "draft" in a German text. JSON output keeps the
codes: it is read by programs.
"""

from __future__ import annotations

from words import t


def post_state(state: str, lang: str | None = None) -> str:
    """A post's state ("draft" → "Entwurf"), in `lang` or the reader's language."""
    return t(f"state.{state}", lang=lang)


def delivery_state(state: str, lang: str | None = None) -> str:
    """A delivery's state ("needs_review" → "zu prüfen"), in `lang` or the reader's."""
    return t(f"delivery.{state}", lang=lang)
