"""The `leuchtturm` command: one Typer app that mounts one sub-app per area.

Errors meant for people (`UserError`, connector configuration problems) are printed as
one line on stderr with exit code 2 and no traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import click
import typer

from campaign.cli import (
    accounts,
    audit,
    campaigns,
    content_check,
    daemon,
    db,
    posts,
    report,
    sandbox,
    sentiment,
    tui,
)
from campaign.cli.context import CliContext
from campaign.errors import UserError

app = typer.Typer(
    name="leuchtturm",
    help="Leuchtturm: Kampagnen planen, senden und beobachten (X, Mastodon, Bluesky).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db.app, name="db")
app.add_typer(campaigns.app, name="campaign")
app.add_typer(posts.app, name="post")
app.add_typer(content_check.app, name="content")
app.add_typer(accounts.app, name="accounts")
app.add_typer(sandbox.app, name="sandbox")
app.add_typer(sentiment.app, name="sentiment")
app.add_typer(report.app, name="report")
app.add_typer(audit.app, name="audit")
app.command("tui")(tui.tui)
app.command("daemon")(daemon.daemon)
app.command("status")(daemon.status)
app.command("demo")(daemon.demo)


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="config.toml to use (default: LEUCHTTURM_CONFIG, ./config.toml)"
        ),
    ] = None,
    as_name: Annotated[
        str | None,
        typer.Option(
            "--as", help="Who acts (default: LEUCHTTURM_USER, `user` in config.toml, login)."
        ),
    ] = None,
) -> None:
    """Leuchtturm."""
    ctx.obj = CliContext(config_path=config, as_name=as_name)


def run() -> None:
    """Console-script entry point."""
    try:
        result = app(standalone_mode=False)
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    except click.ClickException as error:
        error.show()
        sys.exit(2)
    except click.Abort:
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
