"""Listening on X through tweepy: recent search and the mentions timeline, paged by
next_token, resumed by since_id (and until_id after a budget cut), retweets left out of
the query and counted on the original; the answers validated against xdk's models."""

# ruff: noqa: F811  (fixtures come from x_fixtures and are re-bound as test arguments)

from __future__ import annotations

import json

import pytest
import requests

from connectors.base import ListenQuery
from sandbox.audience import AudienceSimulator
from sandbox.x_server import XSandbox
from tests.clock import START
from tests.connectors.x_fixtures import (  # noqa: F401
    ManualClock,
    _shared_sandbox,
    clock,
    faults,
    make_connector,
    x_sandbox,
)
from tests.sandbox.test_x_server_schemas import _assert_tweet_keys, _in_spec_names

TAG = ListenQuery("tag", "ToDoDortmund")


def with_audience(server: XSandbox, per_hour: float) -> None:
    server.audience = AudienceSimulator(
        public_tags=("ToDoDortmund",), public_per_hour=per_hour, replies_per_post=(0, 0)
    )
    server.restart_public()


def tagged_originals(server: XSandbox) -> set[str]:
    return {
        t.id
        for t in server._store.tweets.values()
        if "#ToDoDortmund" in t.text and t.retweeted_id is None
    }


def test_search_pages_then_reads_only_what_is_new(
    x_sandbox: XSandbox, clock: ManualClock
) -> None:
    with_audience(x_sandbox, 7200)
    clock.advance(minutes=2)
    connector = make_connector(x_sandbox, clock)

    first = connector.search(TAG, None, since=START)

    assert {post.remote_id for post in first.posts} == tagged_originals(x_sandbox)
    assert len(first.posts) > 200  # three pages of 100
    assert any(post.reposts for post in first.posts)
    assert not any(post.text.startswith("RT @") for post in first.posts)
    clock.advance(seconds=30)
    second = connector.search(TAG, first.marker, since=START)
    assert {p.remote_id for p in second.posts} == tagged_originals(x_sandbox) - {
        p.remote_id for p in first.posts
    }
    assert second.posts and second.reads == len(second.posts)


def test_a_read_budget_cut_is_finished_by_the_next_call(
    x_sandbox: XSandbox, clock: ManualClock
) -> None:
    with_audience(x_sandbox, 3600)
    clock.advance(minutes=3)
    connector = make_connector(x_sandbox, clock)

    cut = connector.search(TAG, None, since=START, limit=50)
    assert cut.reads == 50 and json.loads(cut.marker or "{}").get("until_id")
    rest = connector.search(TAG, cut.marker, since=START)

    heard = [post.remote_id for post in (*cut.posts, *rest.posts)]
    assert len(heard) == len(set(heard))
    assert set(heard) == tagged_originals(x_sandbox)
    assert connector.search(TAG, rest.marker, since=START).posts == ()


def test_mentions_and_quotes_from_the_mentions_timeline(
    x_sandbox: XSandbox, clock: ManualClock
) -> None:
    connector = make_connector(x_sandbox, clock)
    ours = connector.client.create_tweet(text="Die Aktionswoche beginnt!", user_auth=False)
    with_audience(x_sandbox, 3600)
    clock.advance(minutes=3)

    heard = connector.fetch_mentions(None, since=START)

    assert heard.posts and all("@todo_dortmund" in post.text for post in heard.posts)
    assert all(post.author_name for post in heard.posts)
    clock.advance(minutes=1)
    later = connector.fetch_mentions(heard.marker, since=START)
    assert not {p.remote_id for p in later.posts} & {p.remote_id for p in heard.posts}
    tagged = connector.search(TAG, None, since=START).posts
    assert str(ours.data["id"]) in {post.quoted_id for post in tagged}


xdk_schemas = pytest.importorskip("xdk.schemas")


@pytest.mark.parametrize(
    ("path", "params", "model"),
    [
        (
            "/2/tweets/search/recent",
            {"query": "#ToDoDortmund -is:retweet", "max_results": "10"},
            "SearchPostsRecentResponse",
        ),
        (
            "/2/users/1590000000000000001/mentions",
            {"max_results": "5"},
            "GetUsersMentionsResponse",
        ),
    ],
)
def test_listening_answers_match_the_x_spec(
    x_sandbox: XSandbox, clock: ManualClock, path: str, params: dict[str, str], model: str
) -> None:
    with_audience(x_sandbox, 3600)
    clock.advance(minutes=3)
    params = {
        **params,
        "tweet.fields": "created_at,author_id,referenced_tweets,lang,public_metrics",
        "expansions": "author_id",
        "user.fields": "username,name",
    }
    response = requests.get(
        x_sandbox.url + path, params=params, headers={"Authorization": "Bearer t"}, timeout=5
    )
    assert response.status_code == 200, response.text
    body = _in_spec_names(response.json())
    parsed = getattr(xdk_schemas, model).model_validate(body)
    assert parsed.data and parsed.meta and parsed.meta.next_token
    for tweet in body["data"]:
        _assert_tweet_keys(tweet)
