"""`leuchtturm db`: schema migrations."""

from __future__ import annotations

import typer

from campaign import db as database
from campaign.cli.context import context, say
from campaign.cli.localised import LocalisedTyper
from words import t

app = LocalisedTyper(help="cli.db", no_args_is_help=True)


@app.command(help="cli.db.upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Run the migrations up to the newest schema (safe to repeat)."""
    handle = context(ctx).database(check_schema=False)
    database.upgrade(handle.engine)
    say(t("db.upgraded", revision=database.current_revision(handle.engine)))
