"""`leuchtturm campaign`: import plans, list, show, pause and resume."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer

from campaign.cli.context import context, print_json
from campaign.errors import UserError
from campaign.i18n import t
from campaign.services import campaigns, plans, posts

app = typer.Typer(help="Kampagnen: importieren, anzeigen, anhalten.", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Stable JSON instead of text.")]


@app.command("import")
def import_plan(
    ctx: typer.Context,
    plan: Annotated[Path, typer.Argument(help="PLAN.toml or PLAN.yaml")],
    shift_to: Annotated[
        str | None,
        typer.Option(
            "--shift-to",
            help="Move the whole plan: its first post to this local date (e.g. 2026-04-27), "
            "every post keeping its local time and distance in days.",
        ),
    ] = None,
) -> None:
    """Import a campaign plan, all or nothing; re-importing updates by post key.

    A new post in the past is refused; `--shift-to` reuses an old plan.
    """
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        outcome = plans.import_plan(
            session,
            cli.settings,
            plan,
            shift_to=_date(shift_to),
            now=datetime.now(UTC),
            person=person,
        )
    typer.echo(
        t("plan.imported", slug=outcome.slug, created=outcome.created, updated=outcome.updated)
    )
    for warning in outcome.warnings:
        typer.echo(t("warning", message=warning), err=True)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"--shift-to {value!r}: expected a date such as 2026-04-27") from None


@app.command("list")
def list_campaigns(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Campaigns with their post, delivery and reply counts."""
    with context(ctx).database().session() as session:
        rows = campaigns.summaries(session)
    if as_json:
        print_json([asdict(row) for row in rows])
        return
    if not rows:
        typer.echo(t("none"))
    for row in rows:
        paused = " [angehalten]" if row.paused else ""
        typer.echo(
            f"{row.slug:<24} {row.posts:>5} Beiträge {row.delivered:>5} gesendet "
            f"{row.replies:>6} Antworten  {row.name}{paused}"
        )


@app.command()
def show(ctx: typer.Context, slug: str, as_json: JsonOption = False) -> None:
    """One campaign and its posts in the campaign's time zone."""
    cli = context(ctx)
    with cli.database().session() as session:
        campaign = campaigns.by_slug(session, slug)
        rows = posts.list_posts(session, campaign_slug=slug, limit=10_000)
        data = {
            "slug": campaign.slug,
            "name": campaign.name,
            "time_zone": campaign.time_zone,
            "paused": campaign.paused,
            "posts": [posts.post_json(post) for post in rows],
        }
    if as_json:
        print_json(data)
        return
    typer.echo(f"{data['name']} ({slug}, {data['time_zone']})")
    for post in rows:
        typer.echo(f"  {post.id:>5}  {cli.local(post.scheduled_at)}  {post.state:<9} {post.key}")


@app.command()
def pause(
    ctx: typer.Context,
    slug: str,
    reason: Annotated[str, typer.Option(help="Why, for the audit log.")] = "paused by hand",
) -> None:
    """Hold every pending delivery of the campaign until `campaign resume`."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        campaigns.pause(session, slug, reason, person=person.name)
    typer.echo(t("campaign.paused", slug=slug))


@app.command()
def resume(ctx: typer.Context, slug: str) -> None:
    """Let the campaign's deliveries go out again."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        campaign = campaigns.resume(session, slug, person=person.name)
        still_held = campaigns.held_by_accounts(session, campaign)
    typer.echo(t("campaign.resumed", slug=slug))
    for held in still_held:
        typer.echo(t("campaign.still_held", name=held.name, count=held.waiting, reason=held.reason))
