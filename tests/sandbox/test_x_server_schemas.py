"""The X sandbox's answers validated against the official X SDK's models (xdk, from X's
OpenAPI spec), so that the fake cannot drift from X's real shapes.

X's current spec renames a few fields that X's documentation and tweepy still use
(`DOCS_TO_SPEC`); the sandbox speaks the documented names, so its answers are translated
to the spec's names before validating. The models allow extra keys, so validation alone
would let a misspelt field through; each test therefore also checks that every key the
sandbox sends is one the spec declares.
"""

# ruff: noqa: F811  (fixtures come from x_fixtures and are re-bound as test arguments)

from __future__ import annotations

import base64
from typing import Any

import pytest
import requests
from pydantic import BaseModel, TypeAdapter

from sandbox.x_server import XSandbox
from tests.connectors.x_fixtures import (  # noqa: F401
    ManualClock,
    _shared_sandbox,
    clock,
    faults,
    x_sandbox,
)

xdk_schemas = pytest.importorskip("xdk.schemas")

AUTH = {"Authorization": "Bearer any-user-token"}
TWEET_FIELDS = (
    "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,lang,"
    "public_metrics,attachments"
)
DOCS_TO_SPEC = {
    "edit_history_tweet_ids": "edit_history_post_ids",
    "referenced_tweets": "referenced_posts",
    "retweet_count": "repost_count",
    "tweet_count": "post_count",
}
"""Documented field name → the name in X's OpenAPI spec as xdk 0.10.6 ships it."""


def _in_spec_names(value: Any) -> Any:
    if isinstance(value, dict):
        return {DOCS_TO_SPEC.get(k, k): _in_spec_names(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_in_spec_names(item) for item in value]
    return value


def _assert_only_declared_keys(obj: dict[str, Any], model: type[BaseModel]) -> None:
    unknown = set(obj) - set(model.model_fields)
    assert not unknown, f"{model.__name__} has no fields {sorted(unknown)}"


def _assert_tweet_keys(tweet: dict[str, Any]) -> None:
    _assert_only_declared_keys(tweet, xdk_schemas.Post)
    if "public_metrics" in tweet:
        _assert_only_declared_keys(tweet["public_metrics"], xdk_schemas.PostPublicMetrics)
    for reference in tweet.get("referenced_posts", []):
        _assert_only_declared_keys(reference, xdk_schemas.PostReferencedPostsItem)
    if "attachments" in tweet:
        _assert_only_declared_keys(tweet["attachments"], xdk_schemas.PostAttachments)


def _assert_user_keys(user: dict[str, Any]) -> None:
    _assert_only_declared_keys(user, xdk_schemas.User)
    if "public_metrics" in user:
        _assert_only_declared_keys(user["public_metrics"], xdk_schemas.UserPublicMetrics)


def _get(server: XSandbox, path: str, **params: str) -> dict[str, Any]:
    response = requests.get(server.url + path, params=params, headers=AUTH, timeout=5)
    assert response.status_code == 200, response.text
    return dict(_in_spec_names(response.json()))


def _post(server: XSandbox, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = requests.post(server.url + path, json=body, headers=AUTH, timeout=5)
    assert response.status_code in (200, 201), response.text
    return dict(_in_spec_names(response.json()))


@pytest.fixture
def thread(x_sandbox: XSandbox) -> tuple[str, str]:
    """A post with an image and a reply from the audience: (post id, reply id)."""
    media = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    upload = _post(x_sandbox, "/2/media/upload", {"media": media, "media_category": "tweet_image"})
    media_id = upload["data"]["id"]
    _post(
        x_sandbox,
        "/2/media/metadata",
        {"id": media_id, "metadata": {"alt_text": {"text": "Leuchtturm"}}},
    )
    created = _post(
        x_sandbox,
        "/2/tweets",
        {"text": "Mit Bild: https://dortmund.de", "media": {"media_ids": [media_id]}},
    )
    post_id = created["data"]["id"]
    return post_id, x_sandbox.add_reply(post_id, "leser_lars", "Schönes Bild!")


def test_create_post_response(x_sandbox: XSandbox) -> None:
    body = _post(x_sandbox, "/2/tweets", {"text": "Schema-Probe"})
    model = xdk_schemas.CreatePostsResponse.model_validate(body)
    assert model.data is not None and model.data.id == body["data"]["id"]
    _assert_only_declared_keys(body["data"], xdk_schemas.CreatePostsResponseData)


def test_media_upload_and_metadata_responses(x_sandbox: XSandbox) -> None:
    media = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    upload = _post(x_sandbox, "/2/media/upload", {"media": media, "media_category": "tweet_image"})
    xdk_schemas.MediaUploadResponse.model_validate(upload)
    _assert_only_declared_keys(upload["data"], xdk_schemas.MediaUploadResponseData)
    request = {"id": upload["data"]["id"], "metadata": {"alt_text": {"text": "Ein Plakat"}}}
    xdk_schemas.CreateMediaMetadataRequest.model_validate(request)
    metadata = _post(x_sandbox, "/2/media/metadata", request)
    xdk_schemas.CreateMediaMetadataResponse.model_validate(metadata)
    _assert_only_declared_keys(metadata["data"], xdk_schemas.CreateMediaMetadataResponseData)


def test_get_posts_by_ids_response_with_errors(
    x_sandbox: XSandbox, thread: tuple[str, str]
) -> None:
    post_id, reply_id = thread
    body = _get(
        x_sandbox,
        "/2/tweets",
        ids=f"{post_id},{reply_id},1",
        **{"tweet.fields": TWEET_FIELDS, "expansions": "author_id,attachments.media_keys"},
    )
    model = xdk_schemas.GetPostsByIdsResponse.model_validate(body)
    assert model.data is not None and len(model.data) == 2
    assert model.data[0].public_metrics is not None
    assert model.data[0].public_metrics.reply_count == 1
    for tweet in body["data"]:
        _assert_tweet_keys(tweet)
    for user in body["includes"]["users"]:
        _assert_user_keys(user)
    for media in body["includes"]["media"]:
        _assert_only_declared_keys(media, xdk_schemas.Media)
    [problem] = body["errors"]
    TypeAdapter(xdk_schemas.Problem).validate_python(problem)
    xdk_schemas.ResourceNotFoundProblem.model_validate(problem)


def test_search_recent_response(
    x_sandbox: XSandbox, thread: tuple[str, str], clock: ManualClock
) -> None:
    post_id, reply_id = thread
    clock.advance(minutes=1)
    body = _get(
        x_sandbox,
        "/2/tweets/search/recent",
        query=f"conversation_id:{post_id}",
        expansions="author_id",
        **{"tweet.fields": TWEET_FIELDS, "user.fields": "username"},
    )
    model = xdk_schemas.SearchPostsRecentResponse.model_validate(body)
    assert model.meta is not None and model.meta.result_count == 1
    assert model.data is not None and model.data[0].conversation_id == post_id
    [reference] = model.data[0].referenced_posts or []
    assert (reference.type, model.data[0].id) == ("replied_to", reply_id)
    for tweet in body["data"]:
        _assert_tweet_keys(tweet)
    for user in body["includes"]["users"]:
        _assert_user_keys(user)
    _assert_only_declared_keys(body["meta"], xdk_schemas.SearchPostsRecentResponseMeta)


def test_get_me_response(x_sandbox: XSandbox) -> None:
    body = _get(x_sandbox, "/2/users/me", **{"user.fields": "public_metrics,created_at"})
    model = xdk_schemas.GetUsersMeResponse.model_validate(body)
    assert model.data is not None and model.data.username == "todo_dortmund"
    assert model.data.public_metrics is not None
    _assert_user_keys(body["data"])


def test_user_posts_response(x_sandbox: XSandbox, thread: tuple[str, str]) -> None:
    post_id, _ = thread
    me = _get(x_sandbox, "/2/users/me")["data"]["id"]
    body = _get(
        x_sandbox,
        f"/2/users/{me}/tweets",
        start_time="2026-11-01T00:00:00Z",
        max_results="5",
        **{"tweet.fields": TWEET_FIELDS},
    )
    model = xdk_schemas.GetUsersPostsResponse.model_validate(body)
    assert model.data is not None and [t.id for t in model.data] == [post_id]
    for tweet in body["data"]:
        _assert_tweet_keys(tweet)
    _assert_only_declared_keys(body["meta"], xdk_schemas.GetUsersPostsResponseMeta)
