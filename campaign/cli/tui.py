"""`leuchtturm tui`: the terminal UI on the configured database."""

from __future__ import annotations

import typer

from campaign.cli.context import context


def tui(ctx: typer.Context) -> None:
    """Queue, compose, replies with sentiment, campaigns, accounts: live, keyboard-first."""
    from campaign.tui.app import make_app

    cli = context(ctx)
    make_app(cli.database(), cli.settings).run()
