"""Finds the connector class for the platform name stored on an account row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from importlib import import_module

from connectors.base import Connector, ConnectorSettings
from connectors.errors import ConfigurationError

_CONNECTORS: dict[str, str] = {
    "mastodon": "connectors.mastodon:MastodonConnector",
    "x": "connectors.x:XConnector",
    "bluesky": "connectors.bluesky:BlueskyConnector",
}
"""Imported lazily: the CLI should not pay for three client libraries to list posts."""


def platforms() -> tuple[str, ...]:
    """The platform names a configuration may use."""
    return tuple(_CONNECTORS)


def create_connector(
    settings: ConnectorSettings, clock: Callable[[], datetime] | None = None
) -> Connector:
    """Build the connector for `settings.platform`; unknown platforms are a config error.

    `clock` is the caller's (the daemon's): token expiry and publication times follow it.
    """
    target = _CONNECTORS.get(settings.platform)
    if target is None:
        raise ConfigurationError(
            settings.platform,
            f"unknown platform for account {settings.account_name!r}; "
            f"use one of {', '.join(_CONNECTORS)}",
        )
    module_name, class_name = target.split(":")
    connector_class: type[Connector] = getattr(import_module(module_name), class_name)
    if clock is None:
        return connector_class(settings)
    return connector_class(settings, clock=clock)  # type: ignore[call-arg]
