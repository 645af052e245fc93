"""A content warning goes out with the status and counts toward the instance's limit."""

# ruff: noqa: F811  (test parameters take the names of the fixtures imported for pytest)

from __future__ import annotations

import uuid

import pytest
from mastodon import Mastodon

from connectors.base import OutgoingPost
from connectors.errors import Rejected
from connectors.mastodon import MastodonConnector, plain_text
from sandbox.mastodon_server import MastodonSandbox
from tests.connectors.mastodon_fixtures import (  # noqa: F401  (fixtures are used by name)
    Backend,
    _mock_server,
    _shared_sandbox,
    backend,
    clock,
    sandbox,
    sandbox_connector,
)

WARNING = "Inhaltswarnung: Gewalt"


def _post(text: str, spoiler_text: str = "") -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=str(uuid.uuid4()), spoiler_text=spoiler_text)


def test_the_status_carries_the_content_warning(backend: Backend) -> None:
    text = f"Bericht zur Lage am Hauptbahnhof ({uuid.uuid4().hex[:6]})"
    remote = backend.connector().publish(_post(text, WARNING))
    client = Mastodon(access_token=backend.token, api_base_url=backend.url, request_timeout=5)
    status = client.status(remote.remote_id)
    assert status.spoiler_text == WARNING
    assert plain_text(status.content) == text


def test_a_post_without_warning_has_none(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector
) -> None:
    remote = sandbox_connector.publish(_post("Ohne Warnung"))
    assert sandbox.statuses[remote.remote_id].spoiler_text == ""


def test_warning_and_text_together_are_held_to_the_limit(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector
) -> None:
    fits = "a" * (500 - len(WARNING))
    assert sandbox_connector.publish(_post(fits, WARNING)).remote_id
    with pytest.raises(Rejected) as caught:
        sandbox_connector.publish(_post(fits + "b", WARNING))
    assert "Text character limit of 500 exceeded" in caught.value.message
