"""Writing a report to disk, for the CLI and for the daemon's Monday job.

Each report gets its own folder named after the week (and campaign) inside a folder per
language (`de/2024-W18`, `en/2024-W18`), so the newest report is the last folder in name
order, and neither CSV tables of different weeks nor the two languages overwrite each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from campaign.config import Settings
from campaign.db import Database
from campaign.reports.figures import WeeklyReport
from campaign.reports.i18n import Words
from campaign.reports.pseudonyms import Pseudonymiser, load_or_create_key
from campaign.reports.render_csv import write_csv
from campaign.reports.render_html import render_html, start_loading_charts
from campaign.reports.render_markdown import render_markdown
from campaign.reports.weekly import Privacy, weekly_report
from words import language

KEY_FILE = "pseudonym.key"
REPORT_STEM = "bericht"


def privacy_for(settings: Settings, *, pseudonymise: bool) -> Privacy:
    """Pseudonyms keyed by the user's key file, the configured secrets to blank, and the
    retention past which no text is shown."""
    secrets = [secret for account in settings.accounts for secret in account.secret_values()]
    days = settings.privacy.retention_days
    if not pseudonymise:
        return Privacy(pseudonym=None, secrets=secrets, retention_days=days)
    key = load_or_create_key(settings.data_dir() / KEY_FILE)
    return Privacy(pseudonym=Pseudonymiser(key), secrets=secrets, retention_days=days)


def report_folder(root: Path, report: WeeklyReport, lang: str) -> Path:
    suffix = f"-{report.campaign}" if report.campaign else ""
    return root / lang / f"{report.current.week}{suffix}"


def write_report(
    report: WeeklyReport, formats: Iterable[str], root: Path, lang: str | None = None
) -> list[Path]:
    """The report in each of `formats` (md, html, csv) under `root`, in `lang` (default:
    LEUCHTTURM_LANG, else the configured language, else German); the paths written."""
    words = Words(language(lang))
    folder = report_folder(root, report, words.lang)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind in formats:
        if kind == "md":
            written.append(_write(folder / f"{REPORT_STEM}.md", render_markdown(report, words)))
        elif kind == "html":
            written.append(_write(folder / f"{REPORT_STEM}.html", render_html(report, words)))
        elif kind == "csv":
            written += write_csv(report, folder, words)
        else:
            raise ValueError(f"unknown report format {kind!r} (md, html, csv)")
    return written


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def produce_report(
    database: Database,
    formats: Sequence[str],
    root: Path,
    *,
    now: datetime,
    zone: ZoneInfo,
    privacy: Privacy,
    week: str | None = None,
    campaign_slug: str | None = None,
    lang: str | None = None,
) -> tuple[WeeklyReport, list[Path]]:
    """Query and write one report: what the CLI, the daemon and the benchmark all run, so
    the benchmark times exactly what a user waits for."""
    if "html" in formats:
        start_loading_charts()
    with database.session() as session:
        report = weekly_report(
            session, now=now, zone=zone, privacy=privacy, week=week, campaign_slug=campaign_slug
        )
    return report, write_report(report, formats, root, lang)


def write_weekly_reports(
    database: Database, settings: Settings, now: datetime, *, week: str | None = None
) -> list[Path]:
    """ISO `week`'s report (default: the previous week) over all campaigns, into the
    configured folder.

    Called by the daemon on the configured weekday and time, and by the TUI on demand.
    """
    _, written = produce_report(
        database,
        settings.reports.formats,
        Path(settings.expand(settings.reports.folder)),
        now=now,
        zone=settings.zone,
        privacy=privacy_for(settings, pseudonymise=settings.reports.pseudonymise),
        lang=language(setting=settings.language),
        week=week,
    )
    return written
