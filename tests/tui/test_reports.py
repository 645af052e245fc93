"""Berichte: an empty folder says what to do, w writes this week's report and W last
week's, the newest is shown, j shows an older one, o opens the selected report's HTML, and
the list names every format written."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Markdown

from campaign.config import Settings
from campaign.db import Database
from campaign.tui.app import make_app
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.screens.reports import ReportsScreen
from tests.tui.conftest import FROZEN, SIZE, column, open_table, seed, wait_until


def report_settings(settings: Settings, folder: Path) -> Settings:
    """Markdown reports into `folder`, without pseudonyms (their key lives in the user's data).

    HTML is left out: its charts would load matplotlib, which the screen never touches.
    """
    reports = settings.reports.model_copy(
        update={"folder": str(folder), "formats": ["md"], "pseudonymise": False}
    )
    return settings.model_copy(update={"reports": reports})


def write_sample_report(folder: Path, name: str, title: str) -> None:
    (folder / "de" / name).mkdir(parents=True)
    (folder / "de" / name / "bericht.md").write_text(f"# {title}\n\nText.\n", encoding="utf-8")


@pytest.fixture
def reports_folder(tmp_path: Path) -> Path:
    return tmp_path / "berichte"


@pytest.fixture
def reports_app(database: Database, settings: Settings, reports_folder: Path) -> LeuchtturmApp:
    seed(database)
    return make_app(database, report_settings(settings, reports_folder), clock=lambda: FROZEN)


def _markdown(app: LeuchtturmApp) -> str:
    return app.screen.query_one(Markdown).source


async def test_empty_folder_then_w_writes_this_week_and_W_last_week(
    reports_app: LeuchtturmApp, reports_folder: Path
) -> None:
    async with reports_app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: "Noch keine Wochenberichte" in _markdown(reports_app))

        await pilot.press("w")  # the frozen clock's week: 2026-W48
        table = reports_app.screen.query_one("#reports-table")
        await wait_until(pilot, lambda: table.row_count == 1, timeout=30)
        written = reports_folder / "de" / "2026-W48" / "bericht.md"
        await wait_until(
            pilot, lambda: _markdown(reports_app) == written.read_text(encoding="utf-8")
        )
        assert _markdown(reports_app).startswith("# Wochenbericht 2026-W48")

        await pilot.press("W")
        await wait_until(pilot, lambda: table.row_count == 2, timeout=30)
        assert column(table, 0) == ["2026-W48", "2026-W47"]
        assert (reports_folder / "de" / "2026-W47" / "bericht.md").is_file()


async def test_the_list_names_every_format_written(
    reports_app: LeuchtturmApp, reports_folder: Path
) -> None:
    write_sample_report(reports_folder, "2026-W47", "Woche 47")
    (reports_folder / "de" / "2026-W47" / "engagement.csv").write_text("x", encoding="utf-8")
    async with reports_app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "7", 1)
        assert column(table, 2) == ["de"]
        assert column(table, 3) == ["md, csv"]


async def test_newest_first_and_j_shows_older_reports(
    reports_app: LeuchtturmApp, reports_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(reports_app, "open_url", lambda url, **_: opened.append(url))
    write_sample_report(reports_folder, "2026-W46", "Woche 46")
    write_sample_report(reports_folder, "2026-W47", "Woche 47")
    html_only = reports_folder / "de" / "2026-W45" / "bericht.html"
    html_only.parent.mkdir()
    html_only.write_text("<h1>Woche 45</h1>", encoding="utf-8")
    async with reports_app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "7", 3)
        assert column(table, 0) == ["2026-W47", "2026-W46", "2026-W45"]
        await wait_until(pilot, lambda: _markdown(reports_app).startswith("# Woche 47"))
        await pilot.press("j")
        await wait_until(pilot, lambda: _markdown(reports_app).startswith("# Woche 46"))
        await pilot.press("o")  # Markdown only: says so instead of opening nothing
        await wait_until(
            pilot,
            lambda: any("keine HTML-Datei" in str(n.message) for n in reports_app._notifications),
        )
        assert opened == []
        await pilot.press("j")
        await wait_until(pilot, lambda: "nur als HTML" in _markdown(reports_app))
        await pilot.press("o")
        assert opened == [html_only.resolve().as_uri()]


def _first_hit(app: LeuchtturmApp) -> str:
    hits = app.screen.query_one(CommandList)
    return str(hits.get_option_at_index(0).prompt) if hits.option_count else ""


async def test_command_palette_opens_the_reports_screen(reports_app: LeuchtturmApp) -> None:
    async with reports_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(reports_app.screen, CommandPalette))
        await pilot.press(*"Berichte")
        await wait_until(pilot, lambda: "Berichte" in _first_hit(reports_app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(reports_app.screen, ReportsScreen))
