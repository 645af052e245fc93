"""`leuchtturm accounts`: configured accounts, their state, and a login check."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated

import typer

from campaign.cli.context import context, print_json
from campaign.i18n import t
from campaign.services import accounts, verification

app = typer.Typer(help="Konten: anzeigen und prüfen.", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Stable JSON instead of text.")]


@app.command("list")
def list_accounts(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Accounts with platform, handle and state."""
    cli = context(ctx)
    now = datetime.now(UTC)
    with cli.database().session() as session:
        rows = [
            {
                "name": a.name,
                "platform": a.platform,
                "handle": a.handle,
                "server_url": a.server_url,
                "state": a.state,
                "state_reason": accounts.hold_note(a, now, cli.settings.zone) or None,
                "rate_limited_until": until.isoformat()
                if (until := accounts.rate_limited_until(a, now))
                else None,
                "followers": a.followers,
            }
            for a in accounts.list_accounts(session)
        ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo(t("none"))
    for row in rows:
        reason = f" – {row['state_reason']}" if row["state_reason"] else ""
        typer.echo(
            f"{row['name']:<20} {row['platform']:<9} {row['handle']:<28} {row['state']}{reason}"
        )


@app.command()
def verify(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Log in with every account; exit 1 if any fails."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        results = verification.verify_all(session, cli.settings, person=person.name)
    if as_json:
        print_json([asdict(result) for result in results])
    else:
        for r in results:
            if r.ok:
                typer.echo(t("accounts.ok", name=r.name, handle=r.handle, followers=r.followers))
            else:
                typer.echo(t("accounts.bad", name=r.name, reason=r.problem))
    raise typer.Exit(0 if all(r.ok for r in results) else 1)
