"""Listening on Bluesky through atproto: searchPosts by tag and phrase, and mention/quote
notifications, paged by cursor and resumed from the stored marker without gaps or doubles."""

# ruff: noqa: F811  (test parameters take the names of the fixtures imported for pytest)

from __future__ import annotations

from connectors.base import ListenQuery, OutgoingPost
from connectors.bluesky import BlueskyConnector
from connectors.bluesky.listening import Marker
from sandbox.audience import AudienceSimulator
from sandbox.bluesky_server import BlueskySandbox
from tests.clock import START, ManualClock
from tests.connectors.bluesky_fixtures import (  # noqa: F401  (fixtures are used by name)
    _shared_sandbox,
    bluesky_sandbox,
    clock,
    connector,
    make_connector,
)

TAG = ListenQuery("tag", "ToDoDortmund")


def with_audience(sandbox: BlueskySandbox, per_hour: float) -> None:
    sandbox.audience = AudienceSimulator(
        public_tags=("ToDoDortmund",), public_per_hour=per_hour, replies_per_post=(0, 0)
    )
    sandbox.restart_public()


def test_a_tag_is_read_over_pages_and_then_only_what_came_since(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock, connector: BlueskyConnector
) -> None:
    with_audience(bluesky_sandbox, 7200)  # one post every half second
    clock.advance(minutes=2)  # 241 posts, about 85 % of them tagged: three pages of 100

    first = connector.search(TAG, None, since=START)

    tagged = [
        r for r in bluesky_sandbox.records.values() if "#ToDoDortmund" in r.value["text"]
    ]
    assert len(first.posts) == len(tagged) > 200
    assert len({post.remote_id for post in first.posts}) == len(first.posts)
    assert [p.created_at for p in first.posts] == sorted(p.created_at for p in first.posts)
    clock.advance(seconds=30)
    second = connector.search(TAG, first.marker, since=START)
    new = {r.uri for r in bluesky_sandbox.records.values() if "#ToDoDortmund" in r.value["text"]}
    new -= {post.remote_id for post in first.posts}
    assert {post.remote_id for post in second.posts} == new and new
    assert connector.search(TAG, second.marker, since=START).posts == ()


def test_a_round_cut_short_by_its_budget_goes_on_where_it_stopped(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock, connector: BlueskyConnector
) -> None:
    with_audience(bluesky_sandbox, 3600)
    clock.advance(minutes=1)
    everything = connector.search(TAG, None, since=START)
    marker = everything.marker

    clock.advance(minutes=3)  # about 150 tagged posts
    cut = connector.search(TAG, marker, since=START, limit=50)
    assert cut.reads == 50 and Marker.parse(cut.marker).resume is not None
    rest = connector.search(TAG, cut.marker, since=START)

    heard = [post.remote_id for post in (*cut.posts, *rest.posts)]
    expected = {
        r.uri for r in bluesky_sandbox.records.values() if "#ToDoDortmund" in r.value["text"]
    } - {post.remote_id for post in everything.posts}
    assert len(heard) == len(set(heard))
    assert set(heard) == expected


def test_mentions_and_quotes_come_from_notifications(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock, connector: BlueskyConnector
) -> None:
    ours = connector.publish(OutgoingPost("Die Aktionswoche beginnt!", "key-aktionswoche"))
    with_audience(bluesky_sandbox, 3600)
    clock.advance(minutes=2)

    heard = connector.fetch_mentions(None, since=START)

    assert {post.via for post in heard.posts} == {"mention", "quote"}
    assert {p.quoted_id for p in heard.posts if p.via == "quote"} == {ours.remote_id}
    mention = next(post for post in heard.posts if post.via == "mention")
    assert "@todo-dortmund.bsky.social" in mention.text and mention.author_name
    clock.advance(minutes=1)
    later = connector.fetch_mentions(heard.marker, since=START)
    assert later.posts and not {p.remote_id for p in later.posts} & {
        p.remote_id for p in heard.posts
    }


def test_photos_keep_their_alt_text_and_reposts_are_counted(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock, connector: BlueskyConnector
) -> None:
    with_audience(bluesky_sandbox, 3600)
    clock.advance(minutes=3)
    posts = connector.search(TAG, None, since=START).posts
    assert any(post.media and post.media[0].alt_text.startswith("Foto") for post in posts)
    assert any(post.reposts > 0 for post in posts)


def test_a_phrase_is_searched_as_a_phrase(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock, connector: BlueskyConnector
) -> None:
    with_audience(bluesky_sandbox, 3600)
    clock.advance(minutes=5)
    posts = connector.search(ListenQuery("keyword", '"Arbeit der Zukunft"'), None, since=START)
    assert posts.posts
    assert all("arbeit der zukunft" in post.text.lower() for post in posts.posts)
    assert {post.via for post in posts.posts} == {"keyword"}
