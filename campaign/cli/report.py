"""`leuchtturm report weekly`: write one ISO week's summary as Markdown, HTML and CSV."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from campaign.cli.context import context, say
from campaign.cli.localised import LocalisedTyper
from campaign.errors import UserError
from campaign.reports.files import privacy_for, produce_report
from campaign.reports.week import Week
from words import LANGUAGES, language, t

FORMATS = ("md", "html", "csv")

app = LocalisedTyper(help="cli.report", no_args_is_help=True)


def parse_formats(text: str) -> list[str]:
    """`md,html` → ["md", "html"]; an unknown name says which are known."""
    chosen = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        raise UserError(
            t("error.report_format", value=text, known=", ".join(FORMATS))
        )
    return chosen


def parse_language(text: str) -> str:
    """`EN` → "en"; anything but de/en says which are known."""
    chosen = text.strip().lower()
    if chosen not in LANGUAGES:
        raise UserError(t("error.language", value=text, known=", ".join(LANGUAGES)))
    return chosen


@app.command(help="cli.report.weekly")
def weekly(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option("--week", help="cli.report.weekly.week"),
    ] = None,
    campaign: Annotated[
        str | None, typer.Option("--campaign", help="cli.report.weekly.campaign")
    ] = None,
    formats: Annotated[
        str | None, typer.Option("--format", help="cli.report.weekly.format")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="cli.report.weekly.out")] = None,
    pseudonymise: Annotated[
        bool | None,
        typer.Option(
            "--pseudonymise/--real-names",
            help="cli.report.weekly.pseudonymise",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="cli.report.weekly.lang",
        ),
    ] = None,
) -> None:
    """Write the weekly engagement summary (Monday to Sunday, campaign time zone)."""
    cli = context(ctx)
    settings = cli.settings
    chosen = parse_formats(formats) if formats else list(settings.reports.formats)
    chosen_lang = language(parse_language(lang) if lang else None, settings.language)
    if week is not None:
        Week.parse(week, settings.zone)  # a mistake is said before the database is opened
    privacy = privacy_for(
        settings,
        pseudonymise=settings.reports.pseudonymise if pseudonymise is None else pseudonymise,
    )
    _, written = produce_report(
        cli.database(),
        chosen,
        out or Path(settings.expand(settings.reports.folder)),
        now=datetime.now(UTC),
        zone=settings.zone,
        privacy=privacy,
        week=week,
        campaign_slug=campaign,
        lang=chosen_lang,
    )
    for path in written:
        say(str(path))
