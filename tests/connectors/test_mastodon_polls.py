"""Mastodon polls through Mastodon.py: against the sandbox and mastodon-mock."""

# ruff: noqa: F811  (test parameters take the names of the fixtures imported for pytest)

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from mastodon import Mastodon

from connectors.base import OutgoingPoll, OutgoingPost, RemotePost
from connectors.errors import Rejected
from connectors.mastodon import MastodonConnector
from connectors.serialised import Serialised
from sandbox.audience import AudienceSimulator
from sandbox.mastodon_server import MastodonSandbox
from tests.connectors.mastodon_fixtures import (  # noqa: F401  (fixtures are used by name)
    Backend,
    ManualClock,
    _mock_server,
    _shared_sandbox,
    backend,
    clock,
    sandbox,
    sandbox_connector,
)

QUESTION = "Soll die Aktionswoche mehr Ausbildungsangebote zeigen?"
OPTIONS = ("Ja, unbedingt", "Nein", "Weiß nicht")


def poll_post(text: str, hours: float = 24, multiple: bool = False) -> OutgoingPost:
    return OutgoingPost(
        text=f"{text} ({uuid.uuid4().hex[:6]})",
        idempotency_key=str(uuid.uuid4()),
        poll=OutgoingPoll(OPTIONS, timedelta(hours=hours), multiple),
    )


def test_a_status_goes_out_with_its_poll_and_is_read_back(backend: Backend) -> None:
    connector = Serialised(backend.connector())
    remote = connector.publish(poll_post(QUESTION, hours=6, multiple=True))
    assert remote.poll_id
    status = Mastodon(access_token=backend.token, api_base_url=backend.url).status(
        remote.remote_id
    )
    assert [option.title for option in status.poll.options] == list(OPTIONS)
    assert status.poll.multiple is True
    result = connector.fetch_poll(remote)
    assert result is not None
    assert result.poll_id == remote.poll_id and result.options == OPTIONS
    assert result.votes == (0, 0, 0) and not result.closed
    assert result.ends_at is not None


def test_the_same_key_posts_the_poll_once(backend: Backend) -> None:
    connector = backend.connector()
    post = poll_post(QUESTION)
    first, second = connector.publish(post), connector.publish(post)
    assert (first.remote_id, first.poll_id) == (second.remote_id, second.poll_id)


def test_recovery_finds_the_poll_it_published(backend: Backend) -> None:
    connector = backend.connector()
    post = poll_post(QUESTION)
    before = connector.clock() - timedelta(seconds=1)
    remote = connector.publish(post)
    found = connector.recover(post, before)
    assert found is not None and found.poll_id == remote.poll_id


def test_without_the_poll_id_the_status_says_where_it_is(backend: Backend) -> None:
    connector = backend.connector()
    remote = connector.publish(poll_post(QUESTION))
    by_status = RemotePost(remote.remote_id, remote.url, remote.published_at)
    result = connector.fetch_poll(by_status)
    assert result is not None and result.poll_id == remote.poll_id


def test_the_audience_votes_with_a_tendency_and_stops_at_expiry(
    sandbox: MastodonSandbox, clock: ManualClock, sandbox_connector: MastodonConnector
) -> None:
    sandbox.audience = AudienceSimulator(seed=3)
    remote = sandbox_connector.publish(poll_post(QUESTION, hours=2))
    clock.advance(minutes=30)
    early = sandbox_connector.fetch_poll(remote)
    clock.advance(hours=2)
    final = sandbox_connector.fetch_poll(remote)
    clock.advance(hours=5)
    later = sandbox_connector.fetch_poll(remote)
    assert early is not None and final is not None and later is not None
    assert not early.closed and final.closed
    assert 0 < sum(early.votes) < sum(final.votes) == sum(later.votes)
    yes, no, unsure = final.votes
    assert yes > no > 0 and yes > unsure  # a welcome topic: the city agrees
    assert final.voters == sum(final.votes)


def test_the_sandbox_refuses_a_poll_beyond_the_instance_limits(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector
) -> None:
    post = OutgoingPost(
        text="Zu viele Antworten",
        idempotency_key=str(uuid.uuid4()),
        poll=OutgoingPoll(("A", "B", "C", "D", "E"), timedelta(hours=1)),
    )
    with pytest.raises(Rejected, match="more than 4 options"):
        sandbox_connector.publish(post)
