"""Textual's own words in the reader's language: key descriptions of Textual's widgets in
footers and the keys panel, the command palette's placeholder and its system commands.

Every screen, the keys panel and the palette are drawn; the German app must show none of
Textual's English words, the English app none of the German ones.
"""

from __future__ import annotations

import html
import re

import pytest
import textual.command
import textual.widgets
from textual.app import App
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen

from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.worded_bindings import textual_key
from tests.tui.conftest import SIZE
from tests.tui.screenshot import settled
from words import CATALOGUE, choose_language

WIDGETS = (
    App, Screen, ModalScreen, textual.command.CommandPalette, textual.widgets.DataTable,
    textual.widgets.Input, textual.widgets.TextArea, textual.widgets.SelectionList,
    textual.widgets.OptionList, textual.widgets.Checkbox, textual.widgets.Footer,
    textual.widgets.Markdown, textual.widgets.Static,
)
ENGLISH = (
    "Focus Next", "Focus Previous", "Copy selected text", "Cursor up", "Cursor down",
    "Search for commands", "palette", "Keys", "Quit", "Screenshot", "Theme", "Scroll Up",
    "Page Down", "Select all",
)
GERMAN = ("Beenden", "Hilfe", "Nächstes Feld", "Befehl suchen", "Tasten", "Farbschema",
          "Bildschirmfoto", "Warteschlange", "Freigeben")
TAG = re.compile(r"<[^>]+>")


def test_every_description_of_textuals_widgets_has_words() -> None:
    descriptions = {
        text
        for widget in WIDGETS
        for bindings in widget._merge_bindings().key_to_bindings.values()
        for binding in bindings
        for text in (binding.description, binding.tooltip)
        if text
    }
    assert len(descriptions) > 40
    assert sorted(d for d in descriptions if textual_key(d) not in CATALOGUE) == []


def _drawn(app: LeuchtturmApp) -> str:
    """What the terminal shows now, as plain text."""
    return html.unescape(TAG.sub("", app.export_screenshot())).replace("\xa0", " ")


async def _everything(pilot: Pilot[None]) -> str:
    """Every screen with its footer and keys panel, then the command palette."""
    app = pilot.app
    assert isinstance(app, LeuchtturmApp)
    drawn = []
    for number in "12345678":
        await pilot.press(number)
        await settled(pilot)
        app.action_show_help_panel()
        await settled(pilot)
        drawn.append(_drawn(app))
        app.action_hide_help_panel()
    await pilot.press("escape", "1")
    await settled(pilot)
    await pilot.press("ctrl+p")
    await settled(pilot)
    drawn.append(_drawn(app))
    return "\n".join(drawn)


@pytest.mark.parametrize(("lang", "foreign"), [("de", ENGLISH), ("en", GERMAN)])
async def test_every_screen_speaks_one_language(
    app: LeuchtturmApp, lang: str, foreign: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEUCHTTURM_LANG", raising=False)
    choose_language(lang)
    try:
        async with app.run_test(size=SIZE) as pilot:
            drawn = await _everything(pilot)
    finally:
        choose_language(None)
    words = {word for word in foreign if re.search(rf"\b{re.escape(word)}\b", drawn)}
    assert words == set()
    # the keys panel and the palette were really drawn, in the chosen language
    expected = ("Befehl suchen", "Cursor nach oben", "Beenden") if lang == "de" else (
        "Search for commands", "Cursor up", "Quit"
    )
    assert [word for word in expected if word not in drawn] == []
