"""`leuchtturm sandbox`: the local platform servers in the foreground."""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Annotated

import typer

from campaign.cli.context import say
from campaign.cli.localised import LocalisedTyper

app = LocalisedTyper(help="cli.sandbox")


@app.callback(invoke_without_command=True)
def serve(
    seed: Annotated[int, typer.Option(help="cli.sandbox.seed")] = 7,
    pace: Annotated[float, typer.Option(help="cli.sandbox.pace")] = 1.0,
    chaos: Annotated[float, typer.Option(help="cli.sandbox.chaos")] = 0.0,
    port: Annotated[int, typer.Option(help="cli.sandbox.port")] = 0,
) -> None:
    """Print `mastodon: URL`, `x: URL`, `bluesky: URL`, then serve until Ctrl-C."""
    from sandbox.faults import FaultPlan
    from sandbox.run import start_sandbox

    ports = {p: port + i for i, p in enumerate(("mastodon", "x", "bluesky"))} if port else None
    plan = FaultPlan.chaos(seed, chaos) if chaos else None
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with start_sandbox(seed=seed, pace=pace, faults=plan, ports=ports) as sandbox:
        for platform, url in sandbox.urls().items():
            say(f"{platform}: {url}")
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
