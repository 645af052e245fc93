"""`leuchtturm daemon`, `leuchtturm status` and `leuchtturm demo`."""

from __future__ import annotations

import signal
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from campaign.cli.context import context, print_json, say
from campaign.logs import configure_logging
from campaign.services import accounts, dashboard, events
from campaign.state_words import delivery_state
from words import t

SHOWN = 20
"""Flagged deliveries `status` prints; `--json` gives them all."""


def daemon(
    ctx: typer.Context,
    log_format: Annotated[str, typer.Option(help="cli.daemon.log_format")] = "text",
) -> None:
    """Run headless: send due posts, collect replies and metrics, classify sentiment."""
    from campaign.daemon.runner import Daemon

    cli = context(ctx)
    cli.settings.require_accounts()
    configure_logging(log_format, cli.settings)
    runner = Daemon(cli.database(), cli.settings)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: runner.stop_event.set())
    runner.run_until_stopped()


def status(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="cli.json")] = False
) -> None:
    """Daemon heartbeat, and what needs a person: alerts, broken accounts, flagged posts.

    The same service functions feed the TUI's banner, so both always agree.
    """
    cli = context(ctx)
    now = datetime.now(UTC)
    with cli.database().session() as session:
        alerts = events.recent(session, limit=20, kind_prefix="alert.", unresolved=True)
        flagged = dashboard.flagged_deliveries(session, limit=None if as_json else SHOWN)
        data = {
            "daemons": [
                {
                    "id": beat.daemon_id,
                    "running": beat.running,
                    "last_seen_s": round(beat.last_seen.total_seconds(), 1),
                    "queue_length": beat.queue_length,
                    "errors": beat.errors,
                }
                for beat in dashboard.daemons(session, now)
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
            "alerts": [
                {"at": e.at, "kind": e.kind, "message": events.shown_message(e, cli.settings.zone)}
                for e in alerts
            ],
            "flagged_deliveries": [
                {
                    "post_id": d.post_id,
                    "post": d.post_key,
                    "account": d.account,
                    "state": d.state,
                    "reason": d.error,
                }
                for d in flagged
            ],
            "flagged_total": dashboard.flagged_count(session),
        }
    if as_json:
        print_json(data)
        return
    if not any(beat["running"] for beat in data["daemons"]):
        say(t("status.no_daemon"))
    for beat in data["daemons"]:
        say(
            t(
                "status.daemon" if beat["running"] else "status.daemon_silent",
                id=beat["id"],
                seconds=beat["last_seen_s"],
                queue=beat["queue_length"],
                errors=beat["errors"],
            )
        )
    for account in data["broken_accounts"]:
        say(
            t(
                "status.account",
                name=account["name"],
                state=account["state"],
                reason=account["reason"],
            )
        )
    for alert in data["alerts"]:
        say(t("status.alert", at=cli.local(alert["at"]), message=alert["message"]))
    for row in data["flagged_deliveries"]:
        say(t("status.flagged", **{**row, "state": delivery_state(str(row["state"]))}))
    if data["flagged_total"] > len(data["flagged_deliveries"]):
        say(t("status.flagged_shown", shown=len(flagged), total=data["flagged_total"]))


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def demo(
    headless: Annotated[bool, typer.Option(help="cli.demo.headless")] = False,
    duration: Annotated[float, typer.Option(help="cli.demo.duration")] = 60.0,
    folder: Annotated[
        Path | None,
        typer.Option(help="cli.demo.folder"),
    ] = None,
) -> None:
    """Fresh database, example plan, sandbox and daemon: watch posts go out, replies come in.

    The demo never reads config.toml or LEUCHTTURM_DATABASE_URL: it cannot touch a real
    database or account.
    """
    from campaign.demo import run_demo, run_demo_tui

    if headless:
        result = run_demo(duration, say, folder=folder)
    else:
        result = run_demo_tui(say, folder=folder)
    for line in result.lines():
        say(line)
