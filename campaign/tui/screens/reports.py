"""Berichte: the weekly reports in the configured folder, newest first, the selected one's
Markdown beside the list, its HTML one key away, and this week's (w) or last week's (W)
report written on demand: a week in progress is what a team looks at on a Thursday.

The list comes from the folder, not the database (`campaign.reports.catalogue`); writing a
report reads the database and renders charts, so it runs in its own thread worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from sqlalchemy.orm import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Markdown, Static

from campaign.reports.catalogue import ReportFiles, latest_reports
from campaign.reports.files import write_weekly_reports
from campaign.reports.week import Week
from campaign.tui.data_text import data_text
from campaign.tui.screens.base import DataScreen
from campaign.tui.widgets.live_table import LiveTable, Row
from content.outside_text import inert
from words import t


@dataclass(frozen=True)
class ReportsData:
    reports: list[ReportFiles]
    markdown: str
    """The selected (else the newest) report's Markdown, or what to do when there is none."""


class ReportsScreen(DataScreen):
    """o opens the selected report's HTML, w writes this week's report now, W last week's."""

    SUB_TITLE = "screen.reports"  # a catalogue key, worded when the screen is made

    refresh_seconds: ClassVar[float] = 10.0
    """The daemon writes a report once a week; listing a folder is cheap."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_html", "key.open_html"),
        Binding("w", "write_report('this')", "key.write_this_week"),
        Binding("W", "write_report('last')", "key.write_last_week"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data = ReportsData([], "")
        self.selected_folder: Path | None = None

    @property
    def folder(self) -> Path:
        settings = self.leuchtturm.settings
        return Path(settings.expand(settings.reports.folder))

    def compose_body(self) -> ComposeResult:
        yield Static(id="reports-folder", classes="filters")
        yield LiveTable(
            [t("col.week"), t("col.campaign"), t("col.language"), t("col.files")],
            id="reports-table",
        )
        with VerticalScroll(id="report-view"):
            yield Markdown(id="report-markdown", open_links=False)

    def load(self, session: Session) -> ReportsData:
        reports = latest_reports(self.folder)
        if not reports:
            return ReportsData([], t("reports.empty"))
        chosen = next((r for r in reports if r.folder == self.selected_folder), reports[0])
        if chosen.markdown is None:
            return ReportsData(reports, t("reports.html_only"))
        # Inert again: the folder may hold files that were not written by this version.
        return ReportsData(reports, inert(chosen.markdown.read_text(encoding="utf-8")))

    def show(self, data: ReportsData) -> None:
        changed = data.markdown != self.data.markdown
        self.data = data
        folder = data_text(t("reports.folder", folder=self.folder))
        self.query_one("#reports-folder", Static).update(folder)
        table = self.query_one(LiveTable)
        table.show_rows([_row(report) for report in data.reports])
        keys = [str(report.folder) for report in data.reports]
        if self.selected_folder and str(self.selected_folder) in keys:
            table.move_cursor(row=keys.index(str(self.selected_folder)), animate=False)
        if changed:
            self.query_one(Markdown).update(data.markdown)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """A report's link opens only when it is a web page, never a file or a script."""
        if event.href.lower().startswith(("https://", "http://")):
            self.app.open_url(event.href)

    def _selected(self) -> ReportFiles | None:
        key = self.query_one(LiveTable).selected_key
        return next((r for r in self.data.reports if str(r.folder) == key), None)

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        report = self._selected()
        if report is not None and report.folder != self.selected_folder:
            self._select(report.folder)

    def action_open_html(self) -> None:
        report = self._selected()
        if report is None or report.html is None:
            self.notify(t("reports.no_html"), severity="warning")
            return
        self.app.open_url(report.html.resolve().as_uri())

    @work(thread=True, exclusive=True, exit_on_error=False, group="write-report")
    def action_write_report(self, which: str) -> None:
        """This or last ISO week's report over all campaigns, as the daemon writes it."""
        self.app.call_from_thread(self.notify, t("reports.writing"))
        app = self.leuchtturm
        this_week = Week.containing(self.now(), app.settings.zone)
        week = this_week if which == "this" else this_week.previous()
        written = write_weekly_reports(app.database, app.settings, self.now(), week=week.label)
        folder = written[0].parent if written else self.folder
        self.app.call_from_thread(self.notify, t("reports.written", folder=folder))
        self.app.call_from_thread(self._select, folder)

    def _select(self, folder: Path) -> None:
        self.selected_folder = folder
        self.reload()


def _row(report: ReportFiles) -> Row:
    campaign = report.campaign or t("reports.all_campaigns")
    cells = (report.week, campaign, report.language, ", ".join(report.formats))
    return str(report.folder), cells
