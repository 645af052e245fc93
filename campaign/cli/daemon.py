"""`leuchtturm daemon`, `leuchtturm status` and `leuchtturm demo`."""

from __future__ import annotations

import signal
from datetime import UTC, datetime
from typing import Annotated

import typer
from sqlalchemy import select

from campaign.cli.context import context, print_json
from campaign.i18n import t
from campaign.logs import configure_logging
from campaign.models import Heartbeat
from campaign.services import accounts, dashboard, events


def daemon(
    ctx: typer.Context,
    log_format: Annotated[str, typer.Option(help="text or json")] = "text",
) -> None:
    """Run headless: send due posts, collect replies and metrics, classify sentiment."""
    from campaign.daemon.runner import Daemon

    cli = context(ctx)
    configure_logging(log_format, cli.settings)
    runner = Daemon(cli.database(), cli.settings)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: runner.stop_event.set())
    runner.run_until_stopped()


def status(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Daemon heartbeat, and what needs a person: alerts, broken accounts, flagged posts.

    The same service functions feed the TUI's banner, so both always agree.
    """
    cli = context(ctx)
    now = datetime.now(UTC)
    with cli.database().session() as session:
        beats = list(session.scalars(select(Heartbeat).where(Heartbeat.stopped_at.is_(None))))
        alerts = events.recent(session, limit=20, kind_prefix="alert.", unresolved=True)
        data = {
            "daemons": [
                {
                    "id": b.daemon_id,
                    "last_seen_s": round((now - b.last_tick).total_seconds(), 1),
                    "queue_length": b.queue_length,
                    "errors": b.errors,
                }
                for b in beats
            ],
            "broken_accounts": [
                {
                    "name": account.name,
                    "state": account.state,
                    "reason": accounts.hold_note(account, now, cli.settings.zone),
                    "rate_limited_until": _iso(accounts.rate_limited_until(account, now)),
                }
                for account in accounts.held(session, now)
            ],
            "alerts": [{"at": e.at, "kind": e.kind, "message": e.message} for e in alerts],
            "flagged_deliveries": [
                {
                    "post_id": d.post_id,
                    "post": d.post_key,
                    "account": d.account,
                    "state": d.state,
                    "reason": d.error,
                }
                for d in dashboard.flagged_deliveries(session)
            ],
        }
    if as_json:
        print_json(data)
        return
    if not data["daemons"]:
        typer.echo(t("status.no_daemon"))
    for beat in data["daemons"]:
        typer.echo(
            t(
                "status.daemon",
                id=beat["id"],
                seconds=beat["last_seen_s"],
                queue=beat["queue_length"],
                errors=beat["errors"],
            )
        )
    for account in data["broken_accounts"]:
        typer.echo(
            t(
                "status.account",
                name=account["name"],
                state=account["state"],
                reason=account["reason"],
            )
        )
    for alert in data["alerts"]:
        typer.echo(t("status.alert", at=cli.local(alert["at"]), message=alert["message"]))
    for flagged in data["flagged_deliveries"]:
        typer.echo(t("status.flagged", **flagged))


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def demo(
    headless: Annotated[
        bool, typer.Option(help="No terminal UI; print progress and figures.")
    ] = False,
    duration: Annotated[float, typer.Option(help="Seconds to run (headless).")] = 60.0,
) -> None:
    """Fresh database, example plan, sandbox and daemon: watch posts go out, replies come in."""
    from campaign.demo import run_demo, run_demo_tui

    result = run_demo(duration, typer.echo) if headless else run_demo_tui(typer.echo)
    for line in result.lines():
        typer.echo(line)
