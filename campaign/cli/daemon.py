"""`leuchtturm daemon`, `leuchtturm status` and `leuchtturm demo`."""

from __future__ import annotations

import signal
from datetime import UTC, datetime
from typing import Annotated

import typer
from sqlalchemy import select

from campaign.cli.context import context, print_json
from campaign.logs import configure_logging
from campaign.models import Account, AccountState, Event, Heartbeat


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
    """Daemon heartbeat, broken accounts and open alerts."""
    cli = context(ctx)
    now = datetime.now(UTC)
    with cli.database().session() as session:
        beats = list(session.scalars(select(Heartbeat).where(Heartbeat.stopped_at.is_(None))))
        broken = list(session.scalars(select(Account).where(Account.state != AccountState.OK)))
        alerts = list(
            session.scalars(
                select(Event)
                .where(Event.kind.startswith("alert."), Event.resolved_at.is_(None))
                .order_by(Event.at.desc())
                .limit(20)
            )
        )
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
                {"name": a.name, "state": a.state, "reason": a.state_reason} for a in broken
            ],
            "alerts": [{"at": e.at, "kind": e.kind, "message": e.message} for e in alerts],
        }
    if as_json:
        print_json(data)
        return
    if not data["daemons"]:
        typer.echo("Daemon: läuft nicht")
    for beat in data["daemons"]:
        typer.echo(
            f"Daemon {beat['id']}: zuletzt vor {beat['last_seen_s']} s, "
            f"Warteschlange {beat['queue_length']}, Fehler {beat['errors']}"
        )
    for account in data["broken_accounts"]:
        typer.echo(f"Konto {account['name']}: {account['state']} – {account['reason']}")
    for alert in data["alerts"]:
        typer.echo(f"Alarm {cli.local(alert['at'])}: {alert['message']}")


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
