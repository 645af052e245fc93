"""`leuchtturm campaign`: import plans, list, show, pause and resume."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from campaign.cli.context import context, print_json, say
from campaign.cli.localised import LocalisedTyper
from campaign.errors import UserError
from campaign.services import campaigns, plans, posts
from campaign.state_words import post_state
from words import t

app = LocalisedTyper(help="cli.campaign", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="cli.json")]
Slug = Annotated[str, typer.Argument(help="cli.campaign.slug")]


@app.command("import", help="cli.campaign.import")
def import_plan(
    ctx: typer.Context,
    plan: Annotated[Path, typer.Argument(help="cli.campaign.import.plan")],
    shift_to: Annotated[
        str | None, typer.Option("--shift-to", help="cli.campaign.import.shift_to")
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
    say(
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
        raise UserError(t("cli.bad.shift_to", value=value)) from None


@app.command("list", help="cli.campaign.list")
def list_campaigns(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Campaigns with their post, delivery and reply counts."""
    with context(ctx).database().session() as session:
        rows = campaigns.summaries(session)
    if as_json:
        print_json([asdict(row) for row in rows])
        return
    if not rows:
        say(t("none"))
    for row in rows:
        paused = " [angehalten]" if row.paused else ""
        say(
            f"{row.slug:<24} {row.posts:>5} Beiträge {row.delivered:>5} gesendet "
            f"{row.replies:>6} Antworten  {row.name}{paused}"
        )


@app.command(help="cli.campaign.show")
def show(ctx: typer.Context, slug: Slug, as_json: JsonOption = False) -> None:
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
    say(f"{data['name']} ({slug}, {data['time_zone']})")
    zone = ZoneInfo(str(data["time_zone"]))
    for post in rows:
        when = cli.local(post.scheduled_at, zone)
        say(f"  {post.id:>5}  {when}  {post_state(post.state):<12} {post.key}")


@app.command(help="cli.campaign.pause")
def pause(
    ctx: typer.Context,
    slug: Slug,
    reason: Annotated[str, typer.Option(help="cli.campaign.pause.reason")] = "paused by hand",
) -> None:
    """Hold every pending delivery of the campaign until `campaign resume`."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        campaigns.pause(session, slug, reason, person=person.name)
    say(t("campaign.paused", slug=slug))


@app.command(help="cli.campaign.resume")
def resume(ctx: typer.Context, slug: Slug) -> None:
    """Let the campaign's deliveries go out again."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        campaign = campaigns.resume(session, slug, person=person.name)
        still_held = campaigns.held_by_accounts(session, campaign, cli.settings.zone)
    say(t("campaign.resumed", slug=slug))
    for held in still_held:
        say(t("campaign.still_held", name=held.name, count=held.waiting, reason=held.reason))
