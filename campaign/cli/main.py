"""The `leuchtturm` command: one Typer app that mounts one sub-app per area.

Errors meant for people (usage errors, `UserError`, configuration problems) are printed as
one line on stderr in the person's language, usage errors followed by the command's usage
line, with exit code 2 and no traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from typer._click import exceptions as click_errors

from campaign.cli import (
    accounts,
    audit,
    campaigns,
    content_check,
    daemon,
    db,
    posts,
    privacy,
    report,
    sandbox,
    sentiment,
    tui,
    wall,
)
from campaign.cli.context import CliContext, say
from campaign.cli.localised import LocalisedTyper, settle_language
from campaign.cli.usage_errors import describe, usage_line
from campaign.errors import UserError
from campaign.logs import configure_cli_logging
from words import t

app = LocalisedTyper(
    name="leuchtturm",
    help="cli.root",
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
app.add_typer(wall.app, name="wall")
app.add_typer(privacy.app, name="privacy")
app.command("tui", help="cli.tui")(tui.tui)
app.command("daemon", help="cli.daemon")(daemon.daemon)
app.command("status", help="cli.status")(daemon.status)
app.command("demo", help="cli.demo")(daemon.demo)


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="cli.root.config"),
    ] = None,
    as_name: Annotated[
        str | None,
        typer.Option("--as", help="cli.root.as"),
    ] = None,
) -> None:
    """Leuchtturm."""
    ctx.obj = CliContext(config_path=config, as_name=as_name)


def run() -> None:
    """Console-script entry point."""
    configure_cli_logging()
    try:
        result = app(prog_name="leuchtturm", standalone_mode=False)
    except click_errors.NoArgsIsHelpError:
        sys.exit(2)  # the help page is already printed
    except click_errors.UsageError as error:
        settle_language(error.ctx)
        _fail(describe(error), usage_line(error.ctx))
    except click_errors.ClickException as error:
        _fail(error.format_message())
    except UserError as error:
        _fail(str(error))
    except typer.Abort:
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)


def _fail(message: str, usage: str | None = None) -> None:
    """One line on stderr (and the usage line under a usage error), exit code 2."""
    say(t("cli.error", message=message), err=True)
    if usage:
        say(usage, err=True)
    sys.exit(2)
