"""Only the platform's failures are translated: a bug in our code is raised as itself.

A TypeError or AttributeError turned into `Transient` would be retried five times as an
outage and hide the traceback; the daemon's handling of bugs needs the real exception.
"""

# ruff: noqa: F811  (fixtures come from the fixture modules and are re-bound as arguments)

from __future__ import annotations

import pytest
from mastodon import MastodonIllegalArgumentError

from connectors.base import Facet, OutgoingPost
from connectors.bluesky import BlueskyConnector
from connectors.errors import ConnectorError
from connectors.mastodon import MastodonConnector
from sandbox.bluesky_server import BlueskySandbox
from tests.connectors.bluesky_fixtures import (  # noqa: F401
    _shared_sandbox,
    bluesky_sandbox,
    clock,
    connector,
    faults,
    make_connector,
)
from tests.connectors.mastodon_fixtures import make_connector as make_mastodon_connector


def test_bluesky_programming_error_propagates_unchanged(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox
) -> None:
    broken = Facet(0, 5, "mention", 42)  # type: ignore[arg-type]  # a value that is no handle
    with pytest.raises((AttributeError, TypeError)) as raised:
        connector.publish(OutgoingPost("Hallo Dortmund", "bug-1", facets=(broken,)))
    assert not isinstance(raised.value, ConnectorError)


def test_mastodon_wrong_use_of_the_client_is_not_called_the_platforms_refusal() -> None:
    connector: MastodonConnector = make_mastodon_connector(
        "http://127.0.0.1:1",
        "token",
        clock=lambda: None,  # type: ignore[arg-type,return-value]
    )
    with pytest.raises(MastodonIllegalArgumentError), connector._translated_errors(writing=True):
        raise MastodonIllegalArgumentError("Invalid visibility value")
