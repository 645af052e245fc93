"""The command palette: every screen by name, in the chosen language."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider

from words import t

if TYPE_CHECKING:
    from campaign.tui.leuchtturm_app import LeuchtturmApp

SCREEN_MODES = (
    "dashboard",
    "queue",
    "compose",
    "inbox",
    "campaigns",
    "accounts",
    "reports",
    "wall",
)


class ScreenCommands(Provider):
    """ "Warteschlange", "Antworten", … open their screen."""

    async def search(self, query: str) -> Hits:
        app = cast("LeuchtturmApp", self.app)
        matcher = self.matcher(query)
        for mode in SCREEN_MODES:
            name = t(f"screen.{mode}")
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(app.switch_mode, mode))
