"""The Mastodon connector through Mastodon.py over HTTP: against the sandbox and mastodon-mock."""

# ruff: noqa: F811  (test parameters take the names of the fixtures imported for pytest)

from __future__ import annotations

import uuid
from datetime import UTC, timedelta
from pathlib import Path

from mastodon import Mastodon

from connectors.base import MediaItem, OutgoingPost, RemotePost
from connectors.errors import NotReady
from connectors.mastodon import MastodonConnector, plain_text
from connectors.registry import create_connector
from sandbox.audience import AudienceSimulator
from sandbox.mastodon_server import MastodonSandbox
from tests.connectors.mastodon_fixtures import (  # noqa: F401  (fixtures are used by name)
    SECRET,
    Backend,
    ManualClock,
    _mock_server,
    _shared_sandbox,
    backend,
    clock,
    image,
    make_connector,
    sandbox,
    sandbox_connector,
)


def outgoing(text: str, **fields: object) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=str(uuid.uuid4()), **fields)  # type: ignore[arg-type]


def raw_client(backend: Backend) -> Mastodon:
    return Mastodon(access_token=backend.token, api_base_url=backend.url, request_timeout=5)


def unique(text: str) -> str:
    """Texts differ per test: mastodon-mock's state lives for the whole module."""
    return f"{text} ({uuid.uuid4().hex[:6]})"


# both servers ------------------------------------------------------------------------------
def test_registry_builds_the_mastodon_connector(backend: Backend) -> None:
    connector = create_connector(backend.connector().settings)
    assert isinstance(connector, MastodonConnector)


def test_publish_text_in_german(backend: Backend) -> None:
    text = unique("Jobmesse im Dortmunder U am Samstag: https://todo.dortmund.de/messe")
    remote = backend.connector().publish(outgoing(text))
    status = raw_client(backend).status(remote.remote_id)
    assert plain_text(status.content) == text
    assert status.language == "de"
    assert remote.url == status.url


def test_same_idempotency_key_posts_once(backend: Backend) -> None:
    connector = backend.connector()
    post = outgoing(unique("Bewerbungstraining ab Montag"))
    first, second = connector.publish(post), connector.publish(post)
    assert first.remote_id == second.remote_id
    me = raw_client(backend).me()
    texts = [plain_text(s.content) for s in raw_client(backend).account_statuses(me, limit=40)]
    assert texts.count(post.text) == 1


def test_thread_is_a_reply_chain(backend: Backend) -> None:
    connector = backend.connector()
    root = connector.publish(outgoing(unique("1/2 Neue Stellen in der Pflege")))
    second = connector.publish(
        outgoing(unique("2/2 Bewerbung bis Freitag"), reply_to=root, thread_root=root)
    )
    status = raw_client(backend).status(second.remote_id)
    assert str(status.in_reply_to_id) == root.remote_id
    descendants = raw_client(backend).status_context(root.remote_id)["descendants"]
    assert [str(s.id) for s in descendants] == [second.remote_id]


def test_image_carries_its_alt_text(backend: Backend, image: Path) -> None:
    alt = "Plakat der Jobmesse: Menschen vor dem Dortmunder U"
    remote = backend.connector().publish(
        outgoing(unique("Das Plakat ist da"), media=(MediaItem(image, alt),))
    )
    attachments = raw_client(backend).status(remote.remote_id).media_attachments
    assert [a.description for a in attachments] == [alt]
    assert attachments[0].url is not None


def test_replies_from_followers_not_our_own_thread(backend: Backend) -> None:
    connector = backend.connector()
    root = connector.publish(outgoing(unique("Was wünscht ihr euch vom Jobcenter?")))
    connector.publish(outgoing(unique("Nachtrag: auch online"), reply_to=root, thread_root=root))
    reply_id = backend.reply_as_follower(root.remote_id, "Kürzere Wartezeiten bitte!")
    replies = connector.fetch_replies(root, since=None)
    assert [(r.remote_id, r.text, r.in_reply_to_id) for r in replies] == [
        (reply_id, "Kürzere Wartezeiten bitte!", root.remote_id)
    ]
    assert replies[0].author_handle != backend.handle
    later = replies[0].created_at + timedelta(seconds=1)
    assert connector.fetch_replies(root, since=later) == []


def test_metrics_count_replies_and_leave_out_deleted(backend: Backend) -> None:
    connector = backend.connector()
    post = connector.publish(outgoing(unique("Danke für 1000 Bewerbungen!")))
    backend.reply_as_follower(post.remote_id, "Glückwunsch!")
    gone = RemotePost("999999", "https://example.invalid/999999", post.published_at)
    [snapshot] = connector.fetch_metrics([post, gone])
    assert (snapshot.remote_id, snapshot.replies, snapshot.quotes) == (post.remote_id, 1, 0)
    assert snapshot.impressions is None
    assert snapshot.likes >= 0 and snapshot.reposts >= 0


def test_verify_names_the_account(backend: Backend) -> None:
    info = backend.connector().verify()
    assert info.handle == backend.handle
    assert info.remote_id
    assert isinstance(info.followers, int)


def test_limits_come_from_the_instance(backend: Backend) -> None:
    limits = backend.connector().limits()
    assert (limits.max_characters, limits.max_media) == (500, 4)
    assert not limits.gives_impressions


def test_recover_finds_the_earlier_post_or_nothing(backend: Backend) -> None:
    connector = backend.connector()
    attempted_at = backend.clock()
    post = outgoing(unique("Sprechstunde im Rathaus, Raum 12"))
    assert connector.recover(post, attempted_at) is None
    published = connector.publish(post)
    found = connector.recover(post, attempted_at)
    assert found is not None and found.remote_id == published.remote_id
    other_thread = outgoing(post.text, reply_to=published)
    assert connector.recover(other_thread, attempted_at) is None


# sandbox only: audience, instance options and faults -------------------------------------
def test_audience_replies_and_counts_follow_the_simulator(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector, clock: ManualClock
) -> None:
    audience = AudienceSimulator(seed=7)
    sandbox.audience = audience
    text = "Ab heute: Beratung zur Weiterbildung in der Stadtbibliothek"
    post = sandbox_connector.publish(outgoing(text))
    clock.advance(hours=3)
    due = audience.replies_due(post.remote_id, text, timedelta(hours=3))
    replies = sandbox_connector.fetch_replies(post, since=None)
    assert due and [r.text for r in replies] == [d.text for d in sorted(due, key=lambda d: d.delay)]
    first_due = post.published_at + min(d.delay for d in due)
    assert abs(replies[0].created_at - first_due) < timedelta(milliseconds=1)
    assert replies[0].created_at.tzinfo is UTC
    engagement = audience.engagement_at(post.remote_id, text, timedelta(hours=3))
    [snapshot] = sandbox_connector.fetch_metrics([post])
    assert (snapshot.likes, snapshot.reposts, snapshot.replies) == (
        engagement.likes,
        engagement.reposts,
        len(due),
    )


def test_replies_added_on_the_server_are_collected(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector
) -> None:
    post = sandbox_connector.publish(outgoing("Wer kommt zum Netzwerktreffen?"))
    sandbox.add_reply(post.remote_id, "kumpel_karl", "Ich bin dabei!")
    [reply] = sandbox_connector.fetch_replies(post, since=None)
    assert (reply.author_handle, reply.text) == ("kumpel_karl", "Ich bin dabei!")


def test_limits_follow_the_instance_setting(sandbox: MastodonSandbox, clock: ManualClock) -> None:
    sandbox.max_characters = 1000
    assert make_connector(sandbox.url, SECRET, clock).limits().max_characters == 1000


def test_limits_fall_back_to_the_v1_instance_on_older_servers(clock: ManualClock) -> None:
    with MastodonSandbox(clock=clock, max_characters=640, version="3.5.3") as older:
        limits = make_connector(older.url, SECRET, clock).limits()
        assert limits.max_characters == 640
        assert ("GET", "/api/v2/instance/", 404) in older.request_log


def test_media_processing_is_waited_for_outside_the_lane_and_uploaded_once(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector, image: Path
) -> None:
    sandbox.media_processing_polls = 3
    sandbox.request_log.clear()
    post = outgoing("Foto", media=(MediaItem(image, "Ein Foto"),))
    attempts = 0
    while True:  # as the daemon retries a delivery: each attempt returns at once
        attempts += 1
        try:
            sandbox_connector.publish(post)
            break
        except NotReady:
            assert attempts < 5
    uploads = [e for e in sandbox.request_log if e[:2] == ("POST", "/api/v2/media")]
    media_gets = [e for e in sandbox.request_log if e[0] == "GET" and "/media/" in e[1]]
    assert len(uploads) == 1 and attempts > 1
    assert [status for *_, status in media_gets][-1] == 200
