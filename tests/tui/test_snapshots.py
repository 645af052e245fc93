"""One snapshot per screen at 120×36 on the seeded database and a frozen clock.

`pytest tests/tui --snapshot-update` rewrites the SVGs under `__snapshots__/`; look at the
change before committing it.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from campaign.tui.leuchtturm_app import LeuchtturmApp
from tests.tui.conftest import SIZE


async def _settled(pilot: Pilot[None]) -> None:
    """Every read finished and no cursor blinking, so two runs draw the same frame."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize(
    "keys",
    [("1",), ("2", "w"), ("3",), ("4",), ("5",), ("6",)],
    ids=["dashboard", "queue", "compose", "inbox", "campaigns", "accounts"],
)
def test_screen(snap_compare, app: LeuchtturmApp, keys: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """The queue is shown by week: today has no post, the seeded one went out yesterday."""

    async def open_screen(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        await _settled(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_screen)
