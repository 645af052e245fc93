"""`leuchtturm audit export`: a campaign's audit trail for the records office."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from campaign.cli.context import context, shown
from campaign.cli.localised import LocalisedTyper
from campaign.errors import UserError
from campaign.services import audit, campaigns
from words import t

app = LocalisedTyper(help="cli.audit", no_args_is_help=True)
FORMATS = ("csv", "json")


def _day(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(t("audit.date", option=option, value=value)) from None


def _start_of(day: date, zone: ZoneInfo) -> datetime:
    """The first moment of a local day, in UTC for the query."""
    return datetime.combine(day, time(0), zone).astimezone(UTC)


@app.command(help="cli.audit.export")
def export(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Option("--campaign", help="cli.audit.campaign")],
    from_: Annotated[
        str | None, typer.Option("--from", help="cli.audit.from")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="cli.audit.to")
    ] = None,
    format_: Annotated[str, typer.Option("--format", help="cli.audit.format")] = "csv",
) -> None:
    """Every event of the campaign with time (campaign zone), person, post and what
    changed (a text diff for edits), on stdout."""
    if format_ not in FORMATS:
        raise UserError(t("audit.format", value=format_))
    first, last = _day("--from", from_), _day("--to", to)
    cli = context(ctx)
    with cli.database().session() as session:
        chosen = campaigns.by_slug(session, campaign)
        zone = ZoneInfo(chosen.time_zone)
        start = _start_of(first, zone) if first else None
        end = _start_of(last + timedelta(days=1), zone) if last else None
        trail = audit.rows(session, cli.settings, chosen, start, end)
    typer.echo(shown(audit.as_csv(trail) if format_ == "csv" else audit.as_json(trail)), nl=False)
