"""`leuchtturm content check`: counts and rule violations for one text."""

from __future__ import annotations

from typing import Annotated

import typer

from campaign.cli.context import print_json, say
from campaign.cli.localised import LocalisedTyper
from content.check import check_text
from content.platforms import Platform
from words import t

app = LocalisedTyper(help="cli.content", no_args_is_help=True)


@app.command(help="cli.content.check")
def check(
    text: Annotated[str, typer.Argument(help="cli.content.check.text")],
    platform: Annotated[
        Platform, typer.Option("--platform", "-p", help="cli.content.check.platform")
    ],
    limit: Annotated[int | None, typer.Option(help="cli.content.check.limit")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="cli.content.check.json")] = False,
) -> None:
    """Exit 0 when the text fits the platform's rules, 1 when it breaks one."""
    result = check_text(platform, text, limit=limit)
    if as_json:
        print_json(result.to_json())
    else:
        key = "check.ok" if result.ok else "check.bad"
        say(t(key, platform=platform.value, length=result.length, limit=result.limit))
        for violation in result.violations:
            say(f"  ✗ {violation.text()}")
        for advice in result.warnings:
            say(f"  ! {t('check.warning')}: {advice.text()}")
    raise typer.Exit(0 if result.ok else 1)
