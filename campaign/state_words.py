"""A post's or a delivery's state in the reader's words ("Entwurf", "gesendet").

States are stored as codes (campaign/models.py); every screen and command that shows one
words it here, so the TUI and the CLI never show "draft" to a German reader. JSON output
keeps the codes: it is read by programs.
"""

from __future__ import annotations

from words import t


def post_state(state: str) -> str:
    """A post's state ("draft" → "Entwurf")."""
    return t(f"state.{state}")


def delivery_state(state: str) -> str:
    """A delivery's state ("needs_review" → "zu prüfen")."""
    return t(f"delivery.{state}")
