"""The Mastodon sandbox refuses what a real instance refuses, with the real status and body,
and answers in the shapes mastodon-mock (a Mastodon fake written by others) answers in."""

# ruff: noqa: F811  (test parameters take the names of the fixtures imported for pytest)

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import requests
from mastodon_mock.testing import MockServer

from sandbox.audience import AudienceSimulator
from sandbox.mastodon_server import MastodonSandbox
from tests.connectors.mastodon_fixtures import (  # noqa: F401  (fixtures are used by name)
    FOLLOWER_SECRET,
    PNG_1X1,
    SECRET,
    ManualClock,
    _mock_server,
    _shared_sandbox,
    clock,
    sandbox,
)

LIMIT_ERROR = {"error": "Validation failed: Text character limit of 500 exceeded"}


def call(
    server_url: str,
    method: str,
    path: str,
    token: str | None = SECRET,
    **kwargs: Any,
) -> requests.Response:
    headers = kwargs.pop("headers", {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.request(method, server_url + path, headers=headers, timeout=5, **kwargs)


def post_status(url: str, token: str = SECRET, **data: Any) -> requests.Response:
    return call(url, "POST", "/api/v1/statuses", token, data=data)


def upload(url: str, token: str = SECRET, description: str = "Ein Bild") -> dict[str, Any]:
    files = {"file": ("bild.png", PNG_1X1, "image/png")}
    response = call(
        url, "POST", "/api/v2/media", token, files=files, data={"description": description}
    )
    assert response.status_code == 202, response.text
    return dict(response.json())


# length -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("a" * 500, True),
        ("a" * 501, False),
        ("a" * 476 + " https://example.org/" + "b" * 200, True),  # a link counts 23
        ("a" * 477 + " https://example.org/x", False),
        ("@anna@ruhr.social " + "a" * 494, True),  # a remote mention counts as @anna
        ("👍🏽" * 500, True),  # grapheme clusters, not code points
    ],
)
def test_length_is_counted_like_mastodon(
    sandbox: MastodonSandbox, text: str, accepted: bool
) -> None:
    response = post_status(sandbox.url, status=text)
    if accepted:
        assert response.status_code == 200, response.text
    else:
        assert (response.status_code, response.json()) == (422, LIMIT_ERROR)


def test_the_limit_follows_the_instance_setting(sandbox: MastodonSandbox) -> None:
    sandbox.max_characters = 11
    response = post_status(sandbox.url, status="zwölf Zeichen")
    assert response.json() == {"error": "Validation failed: Text character limit of 11 exceeded"}
    instance = call(sandbox.url, "GET", "/api/v2/instance", token=None).json()
    assert instance["configuration"]["statuses"]["max_characters"] == 11


# validation ----------------------------------------------------------------------------------
def test_blank_status_is_refused(sandbox: MastodonSandbox) -> None:
    response = post_status(sandbox.url, status="   ")
    assert (response.status_code, response.json()) == (
        422,
        {"error": "Validation failed: Text can't be blank"},
    )


def test_reply_to_a_missing_status_is_404(sandbox: MastodonSandbox) -> None:
    response = post_status(sandbox.url, status="Antwort", in_reply_to_id="4711")
    assert response.status_code == 404
    assert response.json() == {
        "error": "The post you are trying to reply to does not appear to exist."
    }


def test_media_must_exist_belong_to_us_and_be_processed(sandbox: MastodonSandbox) -> None:
    sandbox.media_processing_polls = 2
    mine = upload(sandbox.url)
    theirs = upload(sandbox.url, token=FOLLOWER_SECRET)
    for media_id in ("4711", theirs["id"]):
        response = post_status(sandbox.url, status="Bild", **{"media_ids[]": [media_id]})
        assert response.status_code == 422
        assert response.json()["error"] == (
            f"Media {media_id} not found or already attached to another post"
        )
    response = post_status(sandbox.url, status="Bild", **{"media_ids[]": [mine["id"]]})
    assert response.json()["error"].startswith("Cannot attach files that have not finished")
    assert call(sandbox.url, "GET", f"/api/v1/media/{mine['id']}").status_code == 206
    ready = call(sandbox.url, "GET", f"/api/v1/media/{mine['id']}")
    assert ready.status_code == 200 and ready.json()["url"]
    response = post_status(sandbox.url, status="Bild", **{"media_ids[]": [mine["id"]]})
    assert response.status_code == 200
    again = post_status(sandbox.url, status="Nochmal", **{"media_ids[]": [mine["id"]]})
    assert again.status_code == 422


def test_an_attachments_url_serves_a_real_picture_once_processed(
    sandbox: MastodonSandbox,
) -> None:
    """As on an instance, the file is public at the url the entity names (the demo's wall
    shows it); before processing there is no file."""
    sandbox.media_processing_polls = 1
    media = upload(sandbox.url)
    unprocessed = f"{sandbox.url}/system/media_attachments/files/{media['id']}/original/image.png"
    assert requests.get(unprocessed, timeout=5).status_code == 404
    ready = call(sandbox.url, "GET", f"/api/v1/media/{media['id']}").json()
    assert ready["url"].startswith(sandbox.url)
    picture = requests.get(ready["url"], timeout=5)
    assert picture.status_code == 200
    assert picture.headers["Content-Type"] == "image/png"
    assert picture.content.startswith(b"\x89PNG\r\n\x1a\n") and len(picture.content) > 1000


def test_at_most_four_attachments(sandbox: MastodonSandbox) -> None:
    ids = [upload(sandbox.url)["id"] for _ in range(5)]
    response = post_status(sandbox.url, status="Bilder", **{"media_ids[]": ids})
    assert response.json() == {"error": "Cannot attach more than 4 files"}


def test_media_upload_needs_a_file_and_a_short_description(sandbox: MastodonSandbox) -> None:
    missing = call(sandbox.url, "POST", "/api/v2/media", data={"description": "x"})
    assert missing.status_code == 422
    files = {"file": ("bild.png", PNG_1X1, "image/png")}
    long = call(sandbox.url, "POST", "/api/v2/media", files=files, data={"description": "x" * 1501})
    assert long.json() == {
        "error": "Validation failed: Description is too long (maximum is 1500 characters)"
    }
    first = upload(sandbox.url)
    assert first["url"] is None and first["description"] == "Ein Bild"


def test_json_bodies_are_accepted_like_forms(sandbox: MastodonSandbox) -> None:
    response = call(
        sandbox.url, "POST", "/api/v1/statuses", json={"status": "Per JSON", "language": "de"}
    )
    assert response.status_code == 200
    assert (response.json()["content"], response.json()["language"]) == ("<p>Per JSON</p>", "de")


# idempotency, auth, rate limits ----------------------------------------------------------------
def test_idempotency_key_is_per_account(sandbox: MastodonSandbox) -> None:
    key = {"Idempotency-Key": "delivery-42"}
    first = call(sandbox.url, "POST", "/api/v1/statuses", data={"status": "A"}, headers=dict(key))
    second = call(sandbox.url, "POST", "/api/v1/statuses", data={"status": "B"}, headers=dict(key))
    other = call(
        sandbox.url,
        "POST",
        "/api/v1/statuses",
        FOLLOWER_SECRET,
        data={"status": "A"},
        headers=dict(key),
    )
    assert first.json()["id"] == second.json()["id"] != other.json()["id"]
    assert second.json()["content"] == "<p>A</p>"


def test_idempotency_key_expires_after_an_hour(
    sandbox: MastodonSandbox, clock: ManualClock
) -> None:
    key = {"Idempotency-Key": "delivery-43"}
    first = call(sandbox.url, "POST", "/api/v1/statuses", data={"status": "A"}, headers=dict(key))
    clock.advance(hours=1, seconds=1)
    later = call(sandbox.url, "POST", "/api/v1/statuses", data={"status": "A"}, headers=dict(key))
    assert first.json()["id"] != later.json()["id"]


def test_writing_needs_a_token_reading_a_status_does_not(sandbox: MastodonSandbox) -> None:
    response = post_status(sandbox.url, token="", status="anonym")
    assert (response.status_code, response.json()) == (
        401,
        {"error": "The access token is invalid"},
    )
    status_id = post_status(sandbox.url, status="öffentlich").json()["id"]
    assert call(sandbox.url, "GET", f"/api/v1/statuses/{status_id}", token=None).ok


def test_rate_limit_headers_count_down_and_then_429(
    sandbox: MastodonSandbox, clock: ManualClock
) -> None:
    sandbox.rate_limit = 2
    first = call(sandbox.url, "GET", "/api/v1/accounts/verify_credentials")
    second = call(sandbox.url, "GET", "/api/v1/accounts/verify_credentials")
    third = call(sandbox.url, "GET", "/api/v1/accounts/verify_credentials")
    assert [r.headers["X-RateLimit-Remaining"] for r in (first, second)] == ["1", "0"]
    assert first.headers["X-RateLimit-Limit"] == "2"
    reset = datetime.fromisoformat(third.headers["X-RateLimit-Reset"])
    assert third.headers["X-RateLimit-Reset"].endswith(".000Z")
    assert reset == clock.now + timedelta(minutes=5)
    assert (third.status_code, third.json()) == (429, {"error": "Too many requests"})
    other = call(sandbox.url, "GET", "/api/v1/accounts/verify_credentials", FOLLOWER_SECRET)
    assert other.status_code == 200


# reading -----------------------------------------------------------------------------------
def test_account_statuses_page_newest_first(sandbox: MastodonSandbox, clock: ManualClock) -> None:
    ids = []
    for number in range(5):
        ids.append(post_status(sandbox.url, status=f"Post {number}").json()["id"])
        clock.advance(seconds=1)
    me = call(sandbox.url, "GET", "/api/v1/accounts/verify_credentials").json()
    path = f"/api/v1/accounts/{me['id']}/statuses"
    page = call(sandbox.url, "GET", path, params={"limit": 2}).json()
    assert [s["id"] for s in page] == ids[:-3:-1]
    older = call(sandbox.url, "GET", path, params={"limit": 2, "max_id": page[-1]["id"]}).json()
    assert [s["id"] for s in older] == [ids[2], ids[1]]
    assert me["statuses_count"] == 5


def test_audience_replies_appear_in_context_and_notifications(
    sandbox: MastodonSandbox, clock: ManualClock
) -> None:
    sandbox.audience = AudienceSimulator(seed=7)
    post = post_status(sandbox.url, status="Wie findet ihr die neue Jobbörse?").json()
    assert call(sandbox.url, "GET", f"/api/v1/statuses/{post['id']}/context").json() == {
        "ancestors": [],
        "descendants": [],
    }
    clock.advance(hours=2)
    context = call(sandbox.url, "GET", f"/api/v1/statuses/{post['id']}/context").json()
    descendants = context["descendants"]
    assert descendants and all(d["in_reply_to_id"] == post["id"] for d in descendants)
    assert [d["created_at"] for d in descendants] == sorted(d["created_at"] for d in descendants)
    mentions = call(
        sandbox.url, "GET", "/api/v1/notifications", params={"types[]": "mention"}
    ).json()
    assert {m["status"]["id"] for m in mentions} == {d["id"] for d in descendants}
    status = call(sandbox.url, "GET", f"/api/v1/statuses/{post['id']}").json()
    assert status["replies_count"] == len(descendants)
    assert status["favourites_count"] > 0


# shapes against mastodon-mock ----------------------------------------------------------------
def _flow(url: str, token: str, follower: str) -> dict[str, Any]:
    """The calls the connector makes, returning each answer for comparison."""
    media = requests.post(
        url + "/api/v2/media",
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("bild.png", PNG_1X1, "image/png")},
        data={"description": "Alt"},
        timeout=5,
    ).json()
    call(url, "GET", f"/api/v1/media/{media['id']}", token)
    status = post_status(url, token, status="Vergleich", **{"media_ids[]": [media["id"]]}).json()
    reply = post_status(url, follower, status="Antwort", in_reply_to_id=status["id"]).json()
    me = call(url, "GET", "/api/v1/accounts/verify_credentials", token).json()
    return {
        "status": status,
        "account": status["account"],
        "media": status["media_attachments"][0],
        "credentials": me,
        "context": call(url, "GET", f"/api/v1/statuses/{status['id']}/context", token).json(),
        "reply": reply,
        "account_statuses": call(url, "GET", f"/api/v1/accounts/{me['id']}/statuses", token).json(),
        "instance_v2": call(url, "GET", "/api/v2/instance", None).json(),
        "instance_v1": call(url, "GET", "/api/v1/instance", None).json(),
    }


def _shape_differences(ours: Any, theirs: Any, where: str) -> list[str]:
    """Keys the reference has that we lack, and JSON types that differ (nulls aside)."""
    if isinstance(theirs, dict) and isinstance(ours, dict):
        problems = [f"{where}.{key} missing" for key in theirs if key not in ours]
        for key in theirs.keys() & ours.keys():
            problems += _shape_differences(ours[key], theirs[key], f"{where}.{key}")
        return problems
    if isinstance(theirs, list) and isinstance(ours, list) and theirs and ours:
        return _shape_differences(ours[0], theirs[0], f"{where}[0]")
    if theirs is None or ours is None or type(ours) is type(theirs):
        return []
    return [f"{where}: {type(ours).__name__} here, {type(theirs).__name__} in mastodon-mock"]


@pytest.mark.integration
def test_shapes_match_mastodon_mock(sandbox: MastodonSandbox, _mock_server: MockServer) -> None:
    ours = _flow(sandbox.url, SECRET, FOLLOWER_SECRET)
    theirs = _flow(_mock_server.base_url, "alice_token", "bob_token")
    problems = [
        problem for name in theirs for problem in _shape_differences(ours[name], theirs[name], name)
    ]
    assert problems == []
