"""`leuchtturm accounts`: configured accounts, their state, and a login check."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated

import typer

from campaign.cli.context import context, print_json, say
from campaign.cli.localised import LocalisedTyper
from campaign.config import AccountSettings, Settings
from campaign.errors import UserError
from campaign.models import utc_now
from campaign.services import accounts, verification
from connectors.errors import ConnectorError
from connectors.x_auth import LoginFlow
from words import t

app = LocalisedTyper(help="cli.accounts", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="cli.json")]


@app.command("list", help="cli.accounts.list")
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
        say(t("none"))
    for row in rows:
        reason = f" – {row['state_reason']}" if row["state_reason"] else ""
        say(
            f"{row['name']:<20} {row['platform']:<9} {row['handle']:<28} {row['state']}{reason}"
        )


@app.command(help="cli.accounts.verify")
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
                say(t("accounts.ok", name=r.name, handle=r.handle, followers=r.followers))
            else:
                say(t("accounts.bad", name=r.name, reason=r.problem))
    raise typer.Exit(0 if all(r.ok for r in results) else 1)


@app.command(help="cli.accounts.login")
def login(
    ctx: typer.Context,
    account: Annotated[str, typer.Argument(help="cli.accounts.login.account")],
) -> None:
    """OAuth 2.0 login of an X account: open the address shown, then paste where X sent you."""
    cli = context(ctx)
    configured = _oauth2_account(cli.settings, account)
    try:
        flow = LoginFlow(
            verification.connector_settings(cli.settings, configured),
            configured.redirect_uri,
            utc_now,
        )
        say(t("accounts.login_open", url=flow.url))
        flow.finish(typer.prompt(t("accounts.login_paste")))
    except ConnectorError as error:
        raise UserError(f"{configured.name}: {error.message}") from None
    say(t("accounts.login_done", name=configured.name, path=flow.token_path))


def _oauth2_account(settings: Settings, wanted: str) -> AccountSettings:
    """The account named, or the only X account using OAuth 2.0 when `x` is given."""
    if wanted == "x":
        candidates = [a for a in settings.accounts if a.platform == "x" and a.auth == "oauth2"]
        if len(candidates) > 1:
            names = ", ".join(a.name for a in candidates)
            raise UserError(t("accounts.login_ambiguous", names=names))
        if candidates:
            return candidates[0]
    configured = settings.account(wanted)
    if configured.platform != "x" or configured.auth != "oauth2":
        raise UserError(t("accounts.login_not_oauth2", name=configured.name))
    return configured
