"""`leuchtturm tui`: the terminal UI on the configured database."""

from __future__ import annotations

import typer

from campaign.cli.context import context


def tui(ctx: typer.Context) -> None:
    """Queue, compose, replies with sentiment, campaigns, accounts: live, keyboard-first."""
    cli = context(ctx)
    settings = cli.settings  # chooses the language: the TUI's key labels are made at import
    from campaign.tui.app import make_app

    make_app(cli.database(), settings, person=cli.person).run()
