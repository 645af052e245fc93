"""`leuchtturm content check`: counts and rule violations for one text."""

from __future__ import annotations

from typing import Annotated

import typer

from campaign.cli.context import print_json, say
from campaign.i18n import language, t
from content.check import check_text
from content.platforms import Platform

app = typer.Typer(help="Texte prüfen (Länge, Regeln je Plattform).", no_args_is_help=True)


@app.command()
def check(
    text: Annotated[str, typer.Argument(help="The text to check.")],
    platform: Annotated[Platform, typer.Option("--platform", "-p", help="x, mastodon or bluesky")],
    limit: Annotated[
        int | None, typer.Option(help="Character limit of a Mastodon instance.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Exit 0 when the text fits the platform's rules, 1 when it breaks one."""
    result = check_text(platform, text, limit=limit)
    if as_json:
        print_json(result.to_json(language()))
    else:
        key = "check.ok" if result.ok else "check.bad"
        say(t(key, platform=platform.value, length=result.length, limit=result.limit))
        for violation in result.violations:
            say(f"  ✗ {violation.text(language())}")
        for advice in result.warnings:
            say(f"  ! {t('check.warning')}: {advice.text(language())}")
    raise typer.Exit(0 if result.ok else 1)
