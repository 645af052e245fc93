"""A screenshot of the TUI taken in a fresh process, for snapshots in another language.

Key labels and screen names are translated when the TUI's modules load, so a test process
that has already loaded them in German cannot draw the English app; this module imports
nothing of the TUI before the language is chosen.

    python -m tests.tui.screenshot SETTINGS_JSON DATABASE_URL NOW WIDTHxHEIGHT KEY...

prints the SVG screenshot after pressing the keys and letting every read finish.
"""

from __future__ import annotations

import sys
from datetime import datetime

from textual._doc import take_svg_screenshot
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from campaign.config import Settings
from campaign.db import Database, make_engine
from campaign.tui.app import make_app


async def settled(pilot: Pilot[None]) -> None:
    """Every read finished and no cursor blinking, so two runs draw the same frame."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def main(arguments: list[str]) -> None:
    settings_json, database_url, now_text, size, *keys = arguments
    settings = Settings.model_validate_json(settings_json)
    now = datetime.fromisoformat(now_text)
    width, height = (int(number) for number in size.split("x"))
    engine = make_engine(database_url)
    app = make_app(Database(engine), settings, clock=lambda: now)

    async def press_and_settle(pilot: Pilot[None]) -> None:
        for key in keys:  # each key's read finishes before the next key starts another
            await pilot.press(key)
            await settled(pilot)

    svg = take_svg_screenshot(app=app, terminal_size=(width, height), run_before=press_and_settle)
    engine.dispose()
    sys.stdout.write(svg)


if __name__ == "__main__":
    main(sys.argv[1:])
