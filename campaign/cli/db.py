"""`leuchtturm db`: schema migrations."""

from __future__ import annotations

import typer

from campaign import db as database
from campaign.cli.context import context, say
from campaign.i18n import t

app = typer.Typer(help="Datenbank: Schema anlegen und aktualisieren.", no_args_is_help=True)


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Run the migrations up to the newest schema (safe to repeat)."""
    handle = context(ctx).database(check_schema=False)
    database.upgrade(handle.engine)
    say(t("db.upgraded", revision=database.current_revision(handle.engine)))
