"""Listening on Mastodon through Mastodon.py: hashtag timelines, mentions, quotes and keyword
search, against the sandbox and mastodon-mock, paged and resumed from a marker."""

# ruff: noqa: F811  (test parameters take the names of the fixtures imported for pytest)

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

from mastodon import Mastodon

from connectors.base import ListenQuery
from connectors.mastodon import MastodonConnector
from sandbox.audience import AudienceSimulator
from sandbox.mastodon_server import MastodonSandbox
from tests.clock import START
from tests.connectors.mastodon_fixtures import (  # noqa: F401  (fixtures are used by name)
    Backend,
    ManualClock,
    _mock_server,
    _shared_sandbox,
    backend,
    clock,
    make_connector,
    sandbox,
    sandbox_connector,
)

LONG_AGO = START - timedelta(days=365 * 20)


def follower(backend: Backend) -> Mastodon:
    return Mastodon(
        access_token=backend.follower_token, api_base_url=backend.url, request_timeout=5
    )


def test_a_hashtag_is_read_over_several_pages_then_only_what_is_new(backend: Backend) -> None:
    tag = f"ToDo{uuid.uuid4().hex[:8]}"
    writer = follower(backend)
    first = [str(writer.status_post(f"Beitrag {n} zur Aktionswoche #{tag}").id) for n in range(45)]
    connector = backend.connector()

    page = connector.search(ListenQuery("tag", tag), None, since=LONG_AGO)

    assert [post.remote_id for post in page.posts] == first  # two pages of 40, oldest first
    assert {post.via for post in page.posts} == {"tag"}
    assert page.posts[0].author_handle.split("@")[0] == writer.me().username
    assert page.marker == first[-1]
    later = [str(writer.status_post(f"Noch einer #{tag}").id) for _ in range(3)]
    again = connector.search(ListenQuery("tag", tag), page.marker, since=LONG_AGO)
    assert [post.remote_id for post in again.posts] == later
    assert connector.search(ListenQuery("tag", tag), again.marker, since=LONG_AGO).posts == ()


def test_mentions_come_from_notifications_once(backend: Backend) -> None:
    connector = backend.connector()
    start = connector.fetch_mentions(None, since=LONG_AGO)
    marker = start.marker
    text = f"@{backend.handle} Gibt es die Beratung auch samstags? ({uuid.uuid4().hex[:6]})"
    mention_id = str(follower(backend).status_post(text).id)

    page = connector.fetch_mentions(marker, since=LONG_AGO)

    assert [(post.remote_id, post.via) for post in page.posts] == [(mention_id, "mention")]
    assert "Beratung auch samstags" in page.posts[0].text
    assert connector.fetch_mentions(page.marker, since=LONG_AGO).posts == ()


def test_keywords_need_full_text_search_and_say_so(
    sandbox: MastodonSandbox, clock: ManualClock
) -> None:
    connector = make_connector(sandbox.url, "masto-token-geheim-4711", clock)
    found = connector.search(ListenQuery("keyword", '"Arbeit der Zukunft"'), None, since=LONG_AGO)
    assert found.posts == ()
    assert found.unsupported is not None and "full-text search" in found.unsupported


def test_with_full_text_search_a_phrase_is_found(
    sandbox: MastodonSandbox, clock: ManualClock
) -> None:
    sandbox.full_text_search = True
    try:
        writer = Mastodon(access_token="masto-follower-token-0815", api_base_url=sandbox.url)
        hit = str(writer.status_post("Podium zur Arbeit der Zukunft in Dortmund heute").id)
        writer.status_post("Arbeit in Dortmund, Zukunft ungewiss")
        settings = make_connector(sandbox.url, "masto-token-geheim-4711", clock).settings
        connector = MastodonConnector(replace(settings, full_text_search=True), clock=clock)
        found = connector.search(
            ListenQuery("keyword", '"Arbeit der Zukunft" Dortmund'), None, since=LONG_AGO
        )
        assert [post.remote_id for post in found.posts] == [hit]
        assert found.posts[0].via == "keyword"
    finally:
        sandbox.full_text_search = False


def test_the_audience_posts_tags_mentions_and_quotes(
    sandbox: MastodonSandbox, clock: ManualClock, sandbox_connector
) -> None:
    ours = sandbox_connector.api.status_post("Die Aktionswoche beginnt am Montag!")
    sandbox.audience = AudienceSimulator(
        public_tags=("ToDoDortmund",), public_per_hour=3600, replies_per_post=(0, 0)
    )
    sandbox.restart_public()
    clock.advance(minutes=2)

    tagged = sandbox_connector.search(ListenQuery("tag", "tododortmund"), None, since=START)
    heard = sandbox_connector.fetch_mentions(None, since=START)

    assert len(tagged.posts) > 80  # 121 posts in two minutes, most of them tagged
    assert all("#ToDoDortmund" in post.text for post in tagged.posts)
    assert {post.via for post in heard.posts} == {"mention", "quote"}
    quotes = [post for post in heard.posts if post.via == "quote"]
    assert {post.quoted_id for post in quotes} == {str(ours.id)}
    assert any(post.media and post.media[0].alt_text for post in tagged.posts)
    assert any(post.reposts > 0 for post in tagged.posts)
