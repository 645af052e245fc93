"""The Bluesky connector through the real atproto client against the Bluesky sandbox."""

# ruff: noqa: F811  (fixtures come from bluesky_fixtures and are re-bound as test arguments)

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

import pytest

from connectors.base import (
    ConnectorSettings,
    Facet,
    MediaItem,
    MetricSnapshot,
    OutgoingPost,
    RemotePost,
    RemoteReply,
)
from connectors.bluesky import BlueskyConnector
from connectors.bluesky.record_keys import is_tid, record_key_for
from connectors.errors import (
    AuthExpired,
    ConfigurationError,
    RateLimited,
    Rejected,
    Transient,
)
from connectors.registry import create_connector
from sandbox.audience import AudienceSimulator, Engagement
from sandbox.bluesky_server import BlueskySandbox
from sandbox.faults import Fault, FaultInjector
from tests.connectors.bluesky_fixtures import (  # noqa: F401
    APP_PASSWORD,
    HANDLE,
    ConnectorFactory,
    ManualClock,
    _shared_sandbox,
    bluesky_sandbox,
    calls,
    clock,
    connector,
    faults,
    make_connector,
    png_image,
)

CREATE_RECORD = r"com\.atproto\.repo\.createRecord$"


def _post(text: str, key: str = "delivery-1", **extra: object) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key, **extra)  # type: ignore[arg-type]


def test_the_registry_builds_the_bluesky_connector(bluesky_sandbox: BlueskySandbox) -> None:
    settings = ConnectorSettings("bluesky", "a", HANDLE, bluesky_sandbox.url, APP_PASSWORD)
    assert isinstance(create_connector(settings), BlueskyConnector)


def test_publish_text_with_facets_and_language(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox
) -> None:
    bluesky_sandbox.account_for("stadt-dortmund.bsky.social")
    text = "Neue Jobs in #Dortmund: https://todo.dortmund.de mit @stadt-dortmund.bsky.social"
    encoded = text.encode()

    def span(part: str) -> tuple[int, int]:
        start = encoded.index(part.encode())
        return start, start + len(part.encode())

    facets = (
        Facet(*span("#Dortmund"), "tag", "#Dortmund"),
        Facet(*span("https://todo.dortmund.de"), "link", "https://todo.dortmund.de"),
        Facet(*span("@stadt-dortmund.bsky.social"), "mention", "@stadt-dortmund.bsky.social"),
    )

    remote = connector.publish(_post(text, facets=facets))

    stored = bluesky_sandbox.records[remote.remote_id]
    assert remote.remote_id.endswith(f"/app.bsky.feed.post/{record_key_for('delivery-1')}")
    assert remote.cid == stored.cid
    assert remote.url.startswith(f"https://bsky.app/profile/{HANDLE}/post/")
    assert stored.value["text"] == text
    assert stored.value["langs"] == ["de"]
    features = [facet["features"][0] for facet in stored.value["facets"]]
    assert features[0] == {"$type": "app.bsky.richtext.facet#tag", "tag": "Dortmund"}
    assert features[1]["uri"] == "https://todo.dortmund.de"
    assert features[2]["did"] == bluesky_sandbox.account_for("stadt-dortmund.bsky.social").did


def test_record_keys_are_tids_and_stable_per_delivery() -> None:
    assert record_key_for("delivery-1") == record_key_for("delivery-1")
    assert record_key_for("delivery-1") != record_key_for("delivery-2")
    assert is_tid(record_key_for("delivery-1"))


def test_a_mention_that_does_not_resolve_is_rejected(connector: BlueskyConnector) -> None:
    text = "Hallo @niemand.example"
    facet = Facet(6, len(text.encode()), "mention", "@niemand.example")
    with pytest.raises(Rejected, match=r"@niemand\.example does not resolve"):
        connector.publish(_post(text, facets=(facet,)))


def test_thread_posts_carry_root_and_parent(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox
) -> None:
    first = connector.publish(_post("1/3 Der Auftakt", "t-1"))
    second = connector.publish(_post("2/3 Mehr", "t-2", reply_to=first, thread_root=first))
    third = connector.publish(_post("3/3 Schluss", "t-3", reply_to=second, thread_root=first))

    reply = bluesky_sandbox.records[third.remote_id].value["reply"]
    assert (reply["root"]["uri"], reply["root"]["cid"]) == (first.remote_id, first.cid)
    assert (reply["parent"]["uri"], reply["parent"]["cid"]) == (second.remote_id, second.cid)
    assert bluesky_sandbox.records[second.remote_id].value["reply"]["root"]["uri"] == (
        first.remote_id
    )


def test_image_with_alt_text_and_aspect_ratio(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox, tmp_path: Path
) -> None:
    image = png_image(tmp_path / "plakat.png", 40, 30)
    alt = "Plakat der Kampagne: ein Leuchtturm über dem Dortmunder U"

    remote = connector.publish(_post("Mit Bild", media=(MediaItem(image, alt),)))

    embed = bluesky_sandbox.records[remote.remote_id].value["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    (picture,) = embed["images"]
    assert picture["alt"] == alt
    assert (picture["aspectRatio"]["width"], picture["aspectRatio"]["height"]) == (40, 30)
    blob = bluesky_sandbox.blobs[picture["image"]["ref"]["$link"]]
    assert (blob.mime_type, blob.size) == ("image/png", image.stat().st_size)


def test_fetch_replies_walks_the_thread_and_skips_our_own_posts(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    root = connector.publish(_post("Was haltet ihr davon?", "r-1"))
    own = connector.publish(_post("Nachtrag", "r-2", reply_to=root, thread_root=root))
    early = bluesky_sandbox.add_reply(root.remote_id, "anna.bsky.social", "Super Sache!")
    since = clock.advance(minutes=5)
    clock.advance(minutes=5)
    later = bluesky_sandbox.add_reply(own.remote_id, "kalle.bsky.social", "Wat soll dat denn?")
    nested = bluesky_sandbox.add_reply(later.uri, "anna.bsky.social", "Na, Arbeit!")

    everything = connector.fetch_replies(root, None)
    recent = connector.fetch_replies(root, since)

    assert {reply.remote_id for reply in everything} == {early.uri, later.uri, nested.uri}
    assert [reply.remote_id for reply in recent] == [later.uri, nested.uri]
    by_id = {reply.remote_id: reply for reply in everything}
    assert by_id[later.uri].in_reply_to_id == own.remote_id
    assert by_id[nested.uri].author_handle == "anna.bsky.social"
    assert by_id[nested.uri].cid == nested.cid
    assert by_id[nested.uri].language == "de"
    assert by_id[early.uri].text == "Super Sache!"


def test_fetch_metrics_batches_25_posts_per_call(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox
) -> None:
    posts = [connector.publish(_post(f"Beitrag {n}", f"m-{n}")) for n in range(27)]
    bluesky_sandbox.add_reply(posts[0].remote_id, "anna.bsky.social", "Gut!")
    bluesky_sandbox.add_reply(posts[0].remote_id, "kalle.bsky.social", "Jo.")

    snapshots = connector.fetch_metrics(posts)

    assert [snapshot.remote_id for snapshot in snapshots] == [post.remote_id for post in posts]
    assert snapshots[0].replies == 2
    assert snapshots[1].replies == 0
    assert all(snapshot.impressions is None for snapshot in snapshots)
    assert calls(bluesky_sandbox, "app.bsky.feed.getPosts") == [200, 200]


def test_verify_names_the_account_and_its_followers(connector: BlueskyConnector) -> None:
    info = connector.verify()
    assert info.handle == HANDLE
    assert info.remote_id.startswith("did:plc:")
    assert info.followers == 1234


def test_limits_are_graphemes_and_four_images(connector: BlueskyConnector) -> None:
    limits = connector.limits()
    assert (limits.max_characters, limits.max_media, limits.gives_impressions) == (300, 4, False)


# sessions ----------------------------------------------------------------------------------
def test_the_session_is_saved_privately_and_reused(
    make_connector: ConnectorFactory, bluesky_sandbox: BlueskySandbox, tmp_path: Path
) -> None:
    make_connector().verify()
    make_connector().verify()

    session_file = tmp_path / "state" / "todo-bluesky.session"
    assert stat.S_IMODE(session_file.stat().st_mode) == 0o600
    assert APP_PASSWORD not in session_file.read_text()
    assert calls(bluesky_sandbox, "com.atproto.server.createSession") == [200]


def test_an_expired_access_token_is_refreshed_not_logged_in_again(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    connector.verify()
    clock.advance(hours=3)

    connector.verify()

    assert calls(bluesky_sandbox, "com.atproto.server.getSession") == [200, 400, 200]
    assert calls(bluesky_sandbox, "com.atproto.server.refreshSession") == [200]
    assert calls(bluesky_sandbox, "com.atproto.server.createSession") == [200]


def test_an_expired_refresh_token_leads_to_one_new_login(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    connector.verify()
    clock.advance(days=100)

    connector.verify()

    assert calls(bluesky_sandbox, "com.atproto.server.refreshSession") == [400]
    assert calls(bluesky_sandbox, "com.atproto.server.createSession") == [200, 200]


def test_a_missing_app_password_is_a_configuration_error(
    make_connector: ConnectorFactory,
) -> None:
    with pytest.raises(ConfigurationError, match="no app password for account 'todo-bluesky'"):
        make_connector(secret="").verify()


# faults ------------------------------------------------------------------------------------
def test_429_is_rate_limited_with_the_reset_from_the_headers(
    connector: BlueskyConnector, faults: FaultInjector, clock: ManualClock
) -> None:
    connector.verify()
    faults.push(Fault("rate_limit", path=CREATE_RECORD, retry_after_s=90))
    with pytest.raises(RateLimited) as caught:
        connector.publish(_post("Hallo"))
    assert caught.value.reset_at == clock.now + timedelta(seconds=90)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(
    connector: BlueskyConnector, faults: FaultInjector, status: int
) -> None:
    connector.verify()
    faults.push(Fault("server_error", status=status, path=r"getPosts$"))
    with pytest.raises(Transient, match=f"HTTP {status}"):
        connector.fetch_metrics([connector.publish(_post("Hallo"))])


def test_a_dropped_publish_is_transient_with_unknown_outcome(
    connector: BlueskyConnector, faults: FaultInjector
) -> None:
    connector.verify()
    faults.push(Fault("drop", path=CREATE_RECORD))
    with pytest.raises(Transient) as caught:
        connector.publish(_post("Hallo"))
    assert caught.value.outcome_unknown


def test_a_timeout_is_transient(make_connector: ConnectorFactory, faults: FaultInjector) -> None:
    connector = make_connector(timeout_s=0.3)
    connector.verify()
    faults.push(Fault("timeout", delay_s=0.6, path=r"getPostThread$"))
    root = connector.publish(_post("Hallo"))
    with pytest.raises(Transient, match="no answer in time") as caught:
        connector.fetch_replies(root, None)
    assert not caught.value.outcome_unknown


def test_a_revoked_app_password_is_auth_expired(
    connector: BlueskyConnector, faults: FaultInjector
) -> None:
    connector.verify()
    faults.revoke()
    with pytest.raises(AuthExpired, match="create a new app password") as caught:
        connector.publish(_post("Hallo"))
    assert APP_PASSWORD not in str(caught.value)


def test_too_long_text_is_refused_by_the_lexicon_before_it_is_sent(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox
) -> None:
    with pytest.raises(Rejected, match=r"text has 301 graphemes, the lexicon allows 300"):
        connector.publish(_post("ä" * 301))
    assert bluesky_sandbox.posts_by(HANDLE) == []


def test_text_over_3000_bytes_is_refused_before_it_is_sent(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox
) -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    with pytest.raises(Rejected, match=r"text has 7500 UTF-8 bytes, the lexicon allows 3000"):
        connector.publish(_post(family * 300))
    assert bluesky_sandbox.posts_by(HANDLE) == []


def test_publishing_the_same_delivery_twice_returns_the_first_post(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox
) -> None:
    first = connector.publish(_post("Einmal", "twice-1"))
    second = connector.publish(_post("Einmal", "twice-1"))
    assert second == first
    assert len(bluesky_sandbox.posts_by(HANDLE)) == 1


# audience ----------------------------------------------------------------------------------
def _audience_run(
    tmp_path: Path, clock: ManualClock
) -> tuple[list[RemoteReply], MetricSnapshot, Engagement]:
    """Publish one post to a fresh sandbox with a seeded audience, two hours later read it."""
    audience = AudienceSimulator(7)
    with BlueskySandbox(audience=audience, clock=clock) as server:
        settings = ConnectorSettings(
            "bluesky", "audience", HANDLE, server.url, APP_PASSWORD, tmp_path / server.url[-5:]
        )
        connector = BlueskyConnector(settings, clock=clock)
        text = "Neue Ausbildungsplätze in Dortmund: jetzt bewerben!"
        remote = connector.publish(_post(text, "audience-1"))
        clock.advance(hours=2)
        replies = connector.fetch_replies(remote, None)
        (snapshot,) = connector.fetch_metrics([remote])
        expected = audience.engagement_at(remote.remote_id, text, clock.now - remote.published_at)
        clock.advance(hours=-2)
        return replies, snapshot, expected


def test_audience_replies_and_counts_appear_over_time_reproducibly(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock, tmp_path: Path
) -> None:
    replies, snapshot, expected = _audience_run(tmp_path, clock)
    again, _, _ = _audience_run(tmp_path, clock)

    assert replies
    assert [(reply.author_handle, reply.text) for reply in replies] == [
        (reply.author_handle, reply.text) for reply in again
    ]
    assert all(reply.author_handle.endswith(".bsky.social") for reply in replies)
    assert all(reply.created_at <= clock.now + timedelta(hours=2) for reply in replies)
    assert (snapshot.replies, snapshot.likes, snapshot.reposts) == (
        expected.replies,
        expected.likes,
        expected.reposts,
    )
    assert snapshot.replies == len(replies)


def test_a_reply_without_the_parents_cid_is_rejected_before_sending(
    connector: BlueskyConnector, bluesky_sandbox: BlueskySandbox
) -> None:
    parent = connector.publish(_post("Anfang", "cid-1"))
    without_cid = RemotePost(parent.remote_id, parent.url, parent.published_at)
    with pytest.raises(Rejected, match="without its cid"):
        connector.publish(_post("Weiter", "cid-2", reply_to=without_cid, thread_root=without_cid))
    assert len(bluesky_sandbox.posts_by(HANDLE)) == 1


def test_a_saved_session_of_another_handle_is_not_used(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock, tmp_path: Path
) -> None:
    def connector_for(handle: str) -> BlueskyConnector:
        settings = ConnectorSettings(
            "bluesky", "todo-bluesky", handle, bluesky_sandbox.url, APP_PASSWORD, tmp_path
        )
        return BlueskyConnector(settings, clock=clock)

    connector_for(HANDLE).verify()
    assert connector_for("neues-konto.bsky.social").verify().handle == "neues-konto.bsky.social"
    assert calls(bluesky_sandbox, "com.atproto.server.createSession") == [200, 200]
