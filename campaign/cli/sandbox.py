"""`leuchtturm sandbox`: the local platform servers in the foreground."""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Annotated

import typer

from campaign.cli.context import say

app = typer.Typer(help="Lokale Test-Server für Mastodon, X und Bluesky.")


@app.callback(invoke_without_command=True)
def serve(
    seed: Annotated[int, typer.Option(help="Seed of the simulated audience.")] = 7,
    pace: Annotated[
        float, typer.Option(help="Time compression of the audience (60 = a minute per second).")
    ] = 1.0,
    chaos: Annotated[
        float, typer.Option(help="Rate of random faults per write request (0–1).")
    ] = 0.0,
    port: Annotated[
        int, typer.Option(help="First port (mastodon; x and bluesky follow). 0 = any free.")
    ] = 0,
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
