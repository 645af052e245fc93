"""`leuchtturm privacy`: the retention purge, a person's export and their erasure."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from campaign.cli.context import CliContext, context, print_json, say, shown
from campaign.cli.localised import LocalisedTyper
from campaign.errors import UserError
from campaign.privacy import person as requests
from campaign.privacy import retention
from campaign.privacy.handles import Person, person
from campaign.privacy.report_files import naming
from campaign.reports.files import KEY_FILE
from campaign.reports.pseudonyms import Pseudonymiser, load_or_create_key
from words import t

app = LocalisedTyper(help="cli.privacy", no_args_is_help=True)
Handle = Annotated[str, typer.Argument(help="cli.privacy.handle")]
Platform = Annotated[str, typer.Option("--platform", help="cli.privacy.platform")]


@app.command(help="cli.privacy.purge")
def purge(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="cli.privacy.dry_run")] = False,
) -> None:
    cli = context(ctx)
    days, now = cli.settings.privacy.retention_days, datetime.now(UTC)
    database = cli.database()
    if dry_run:
        with database.session() as session:
            summary = retention.plan(session, now, days)
    else:
        summary = retention.purge(database, now, days)
    cutoff = cli.local(summary.cutoff)
    if not summary.posts:
        say(t("privacy.purge.nothing", days=days, cutoff=cutoff))
        return
    oldest = cli.local(summary.oldest) if summary.oldest else "–"
    key = "privacy.purge.would" if dry_run else "privacy.purge.done"
    say(t(key, days=days, cutoff=cutoff, oldest=oldest))
    for group in summary.groups:
        say(t("privacy.purge.group", kind=group.kind, platform=group.platform, posts=group.posts))
    say(t("privacy.purge.wall", entries=summary.wall_entries))


def _person(cli: CliContext, handle: str, platform: str) -> Person:
    with cli.database().session() as session:
        return person(session, handle, platform)


@app.command(help="cli.privacy.export")
def export(
    ctx: typer.Context,
    handle: Handle,
    platform: Platform,
    output: Annotated[Path | None, typer.Option("--output", help="cli.privacy.output")] = None,
) -> None:
    cli = context(ctx)
    subject = _person(cli, handle, platform)
    if output is not None and output.exists():
        raise UserError(t("privacy.output_exists", path=output))
    with cli.database().session() as session:
        data = requests.export(session, subject, datetime.now(UTC))
    if output is None:
        print_json(data)
        return
    text = shown(json.dumps(data, ensure_ascii=False, indent=2))
    descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # personal data
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text + "\n")
    say(
        t(
            "privacy.exported",
            posts=len(data["posts"]),
            handle=subject.handle,
            platform=platform,
            path=output,
        )
    )


@app.command(help="cli.privacy.erase")
def erase(
    ctx: typer.Context,
    handle: Handle,
    platform: Platform,
    yes: Annotated[bool, typer.Option("--yes", help="cli.privacy.yes")] = False,
) -> None:
    cli = context(ctx)
    subject = _person(cli, handle, platform)
    database = cli.database()
    with database.session() as session:
        found = len(requests.export(session, subject, datetime.now(UTC))["posts"])
    question = t("privacy.confirm", posts=found, handle=subject.handle, platform=platform)
    if not yes and not typer.confirm(shown(question)):
        say(t("privacy.erase_cancelled"))
        raise typer.Exit(1)
    key = load_or_create_key(cli.settings.data_dir() / KEY_FILE)
    done = requests.erase(database, subject, key, by=cli.person.name, now=datetime.now(UTC))
    say(
        t(
            "privacy.erased",
            posts=done.posts,
            entries=done.wall_entries,
            blocks=done.blocks,
            mentions=done.mentions,
        )
    )
    pseudonym = Pseudonymiser(key)
    folder = Path(cli.settings.expand(cli.settings.reports.folder))
    files = naming(folder, subject, [pseudonym(form) for form in subject.forms])
    if files:
        say(t("privacy.report_files", paths=", ".join(str(path) for path in files)))
