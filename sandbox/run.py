"""Start the three platform sandboxes together, sharing one seeded audience.

Used by `leuchtturm sandbox`, by the demo, by benchmarks and by end-to-end tests, so all
of them run the same servers the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from sandbox.audience import AudienceSimulator
from sandbox.faults import FaultInjector, FaultPlan
from sandbox.server import Clock, SandboxServer, utc_now

SERVERS = {
    "mastodon": "sandbox.mastodon_server:MastodonSandbox",
    "x": "sandbox.x_server:XSandbox",
    "bluesky": "sandbox.bluesky_server:BlueskySandbox",
}


@dataclass
class Sandbox:
    """The running servers by platform name."""

    servers: dict[str, SandboxServer] = field(default_factory=dict)

    def urls(self) -> dict[str, str]:
        """Base URL per platform."""
        return {platform: server.url for platform, server in self.servers.items()}

    def stop(self) -> None:
        """Stop every server."""
        for server in self.servers.values():
            server.stop()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start_sandbox(
    *,
    seed: int = 7,
    pace: float = 1.0,
    faults: FaultPlan | None = None,
    clock: Clock = utc_now,
    ports: dict[str, int] | None = None,
    public_tags: tuple[str, ...] = (),
    public_per_hour: float = 0.0,
) -> Sandbox:
    """Start all platform servers on 127.0.0.1 (ephemeral ports unless `ports` says).

    With `public_per_hour` the audience also posts on its own under `public_tags`.
    """
    audience = AudienceSimulator(
        seed, pace=pace, public_tags=public_tags, public_per_hour=public_per_hour
    )
    sandbox = Sandbox()
    try:
        for platform, target in SERVERS.items():
            module_name, class_name = target.split(":")
            server_class = getattr(import_module(module_name), class_name)
            server = server_class(
                audience=audience, faults=FaultInjector(faults or FaultPlan()), clock=clock
            )
            sandbox.servers[platform] = server.start((ports or {}).get(platform, 0))
    except BaseException:
        sandbox.stop()
        raise
    return sandbox
