"""Every screen and dialog at 100×30 and at 140×40 on the seeded database and a frozen
clock, and the queue in English at both sizes.

`pytest tests/tui --snapshot-update` rewrites the SVGs under `__snapshots__/`; look at the
change before committing it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from syrupy.assertion import SnapshotAssertion
from textual.pilot import Pilot

from campaign.config import Settings
from campaign.db import Database
from campaign.tui.app import make_app
from campaign.tui.leuchtturm_app import LeuchtturmApp
from tests.tui.conftest import FROZEN, SIZES, seed, size_id
from tests.tui.screenshot import settled
from tests.tui.test_reports import report_settings, write_sample_report

ROOT = Path(__file__).parents[2]
SAMPLE_REPORT = """# Wochenbericht 2026-W47

16.11.2026 – 22.11.2026 (Europe/Berlin)

## Zustellungen

| Plattform | gesendet | fehlgeschlagen |
|---|---|---|
| Mastodon | 12 | 0 |
| X | 11 | 1 |
"""


SCREENS = {
    "dashboard": ("1",),
    "queue": ("2", "w"),
    "compose": ("3",),
    "inbox": ("4",),
    "campaigns": ("5",),
    "accounts": ("6",),
    "wall": ("8",),
    "answer": ("4", "a"),
    "reschedule": ("2", "w", "e"),
}


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, app: LeuchtturmApp, screen: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The queue is shown by week: today has no post, the seeded one went out yesterday."""

    async def open_screen(pilot: Pilot[None]) -> None:
        for key in SCREENS[screen]:  # each key's read finishes before the next starts
            await pilot.press(key)
            await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_screen)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_reports_screen(  # type: ignore[no-untyped-def]
    snap_compare,
    database: Database,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """A relative report folder, so the path on screen is the same on every machine."""
    monkeypatch.chdir(tmp_path)
    write_sample_report(tmp_path / "berichte", "2026-W46", "Wochenbericht 2026-W46")
    (tmp_path / "berichte" / "de" / "2026-W47").mkdir()
    (tmp_path / "berichte" / "de" / "2026-W47" / "bericht.md").write_text(SAMPLE_REPORT, "utf-8")
    seed(database)
    app = make_app(database, report_settings(settings, Path("berichte")), clock=lambda: FROZEN)

    async def open_screen(pilot: Pilot[None]) -> None:
        await pilot.press("7")
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_screen)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_queue_in_english(
    snapshot: SnapshotAssertion,
    database: Database,
    database_url: str,
    settings: Settings,
    size: tuple[int, int],
) -> None:
    """Drawn in a fresh process: this one loaded the key labels in German already."""
    seed(database)
    english = settings.model_copy(update={"language": "en"})
    width, height = size
    drawn = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.tui.screenshot",
            english.model_dump_json(),
            database_url,
            FROZEN.isoformat(),
            f"{width}x{height}",
            "2",
            "w",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert drawn.returncode == 0, drawn.stderr
    assert "Week 2026-W48" in drawn.stdout.replace("&#160;", " ")
    assert snapshot.use_extension(SVGImageExtension) == drawn.stdout
