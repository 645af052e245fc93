"""The Bluesky sandbox rejects what a PDS rejects, with the PDS's statuses, bodies and headers.

Responses are also parsed by the atproto client's own lexicon models with strict string
formats (DIDs, AT URIs, CIDs, datetimes), so a shape the real client would not accept
fails here.
"""

# ruff: noqa: F811  (fixtures come from bluesky_fixtures and are re-bound as test arguments)

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest
from atproto_client import models
from atproto_client.models.utils import get_or_create

from connectors.bluesky.post_records import iso_timestamp
from sandbox.bluesky_server import BlueskySandbox, RateLimitPolicy
from sandbox.faults import Fault, FaultInjector
from tests.connectors.bluesky_fixtures import (  # noqa: F401
    HANDLE,
    ManualClock,
    _shared_sandbox,
    bluesky_sandbox,
    clock,
    faults,
)

POST = "app.bsky.feed.post"


def _xrpc(
    server: BlueskySandbox,
    method: str,
    nsid: str,
    token: str | None = None,
    **kwargs: Any,
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    headers.update(kwargs.pop("headers", {}))
    return httpx.request(method, f"{server.url}/xrpc/{nsid}", headers=headers, timeout=5, **kwargs)


def _login(server: BlueskySandbox, handle: str = HANDLE) -> dict[str, Any]:
    response = _xrpc(
        server,
        "POST",
        "com.atproto.server.createSession",
        json={"identifier": handle, "password": "app-password"},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def _record(text: str, moment: datetime, **extra: Any) -> dict[str, Any]:
    return {"$type": POST, "text": text, "createdAt": iso_timestamp(moment), **extra}


def _create(
    server: BlueskySandbox, session: dict[str, Any], record: dict[str, Any], **extra: Any
) -> httpx.Response:
    body = {"repo": session["did"], "collection": POST, "record": record, **extra}
    return _xrpc(server, "POST", "com.atproto.repo.createRecord", session["accessJwt"], json=body)


def _assert_error(response: httpx.Response, status: int, error: str, message: str = "") -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == error
    assert message in body["message"]


def _strict(data: dict[str, Any], model: type[Any]) -> Any:
    return get_or_create(data, model, strict_string_format=True)


def test_session_and_records_have_the_lexicon_shapes(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    session = _strict(_login(bluesky_sandbox), models.ComAtprotoServerCreateSession.Response)
    token = session.access_jwt
    created = _create(
        bluesky_sandbox, {"did": session.did, "accessJwt": token}, _record("Hallo", clock.now)
    )
    assert created.status_code == 200, created.text
    ref = _strict(created.json(), models.ComAtprotoRepoCreateRecord.Response)
    assert ref.uri.startswith(f"at://{session.did}/{POST}/")
    bluesky_sandbox.add_reply(ref.uri, "anna.bsky.social", "Super!")

    thread = _xrpc(
        bluesky_sandbox, "GET", "app.bsky.feed.getPostThread", token, params={"uri": ref.uri}
    )
    posts = _xrpc(
        bluesky_sandbox, "GET", "app.bsky.feed.getPosts", token, params={"uris": [ref.uri]}
    )
    profile = _xrpc(
        bluesky_sandbox, "GET", "app.bsky.actor.getProfile", token, params={"actor": HANDLE}
    )
    rkey = ref.uri.rsplit("/", 1)[-1]
    record = _xrpc(
        bluesky_sandbox,
        "GET",
        "com.atproto.repo.getRecord",
        params={"repo": session.did, "collection": POST, "rkey": rkey},
    )

    parsed_thread = _strict(thread.json(), models.AppBskyFeedGetPostThread.Response)
    assert parsed_thread.thread.post.reply_count == 1
    assert parsed_thread.thread.replies[0].post.record.text == "Super!"
    assert _strict(posts.json(), models.AppBskyFeedGetPosts.Response).posts[0].cid == ref.cid
    assert _strict(profile.json(), models.AppBskyActorDefs.ProfileViewDetailed).posts_count == 1
    assert _strict(record.json(), models.ComAtprotoRepoGetRecord.Response).cid == ref.cid


def test_every_answer_carries_rate_limit_headers_per_account(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    session = _login(bluesky_sandbox)
    first = _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession", session["accessJwt"])
    second = _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession", session["accessJwt"])

    assert first.headers["RateLimit-Limit"] == "3000"
    assert first.headers["RateLimit-Policy"] == "3000;w=300"
    remaining = int(first.headers["RateLimit-Remaining"])
    assert int(second.headers["RateLimit-Remaining"]) == remaining - 1
    assert int(first.headers["RateLimit-Reset"]) == int(clock.now.timestamp()) + 300


def test_an_exhausted_window_answers_429_until_it_resets(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    session = _login(bluesky_sandbox)
    original = bluesky_sandbox.requests.policy
    bluesky_sandbox.requests.policy = RateLimitPolicy(2, original.window)
    try:
        for _ in range(2):
            _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession", session["accessJwt"])
        refused = _xrpc(
            bluesky_sandbox, "GET", "com.atproto.server.getSession", session["accessJwt"]
        )
        _assert_error(refused, 429, "RateLimitExceeded", "Rate Limit Exceeded")
        assert refused.headers["RateLimit-Remaining"] == "0"
        clock.advance(minutes=5)
        again = _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession", session["accessJwt"])
        assert again.status_code == 200
    finally:
        bluesky_sandbox.requests.policy = original


def test_logins_are_limited_per_handle(bluesky_sandbox: BlueskySandbox) -> None:
    for _ in range(30):
        _login(bluesky_sandbox)
    refused = _xrpc(
        bluesky_sandbox,
        "POST",
        "com.atproto.server.createSession",
        json={"identifier": HANDLE, "password": "app-password"},
    )
    _assert_error(refused, 429, "RateLimitExceeded")
    assert _login(bluesky_sandbox, "someone-else.bsky.social")["handle"] == (
        "someone-else.bsky.social"
    )


def test_tokens_missing_forged_and_expired(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    session = _login(bluesky_sandbox)
    forged = session["accessJwt"][:-4] + "AAAA"

    missing = _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession")
    bad = _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession", forged)
    wrong_scope = _xrpc(
        bluesky_sandbox, "GET", "com.atproto.server.getSession", session["refreshJwt"]
    )
    clock.advance(hours=2, seconds=1)
    expired = _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession", session["accessJwt"])

    _assert_error(missing, 401, "AuthMissing", "Authentication Required")
    _assert_error(bad, 400, "InvalidToken", "Token could not be verified")
    _assert_error(wrong_scope, 400, "InvalidToken")
    _assert_error(expired, 400, "ExpiredToken", "Token has expired")


def test_a_spent_refresh_token_works_for_two_hours_more(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    session = _login(bluesky_sandbox)
    nsid = "com.atproto.server.refreshSession"
    renewed = _xrpc(bluesky_sandbox, "POST", nsid, session["refreshJwt"])
    clock.advance(hours=1)
    within_grace = _xrpc(bluesky_sandbox, "POST", nsid, session["refreshJwt"])
    clock.advance(hours=1, seconds=1)
    after_grace = _xrpc(bluesky_sandbox, "POST", nsid, session["refreshJwt"])

    _strict(renewed.json(), models.ComAtprotoServerRefreshSession.Response)
    assert within_grace.status_code == 200
    _assert_error(after_grace, 400, "ExpiredToken", "Token has been revoked")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a" * 301, "record: grapheme too big (maximum 300, got 301) at $.record.text"),
        ("👨‍👩‍👧" * 200, "record: string too big (maximum 3000, got 3600) at $.record.text"),
    ],
)
def test_too_long_texts_are_refused(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock, text: str, message: str
) -> None:
    response = _create(bluesky_sandbox, _login(bluesky_sandbox), _record(text, clock.now))
    _assert_error(response, 400, "InvalidRequest", message)


def test_three_hundred_graphemes_are_fine(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    response = _create(bluesky_sandbox, _login(bluesky_sandbox), _record("ö" * 300, clock.now))
    assert response.status_code == 200, response.text


def test_missing_created_at_is_refused(bluesky_sandbox: BlueskySandbox) -> None:
    record = {"$type": POST, "text": "Hallo"}
    response = _create(bluesky_sandbox, _login(bluesky_sandbox), record)
    _assert_error(response, 400, "InvalidRequest", 'Missing required key "createdAt" at $.record')


def test_another_accounts_repo_is_refused(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    other = _login(bluesky_sandbox, "someone-else.bsky.social")
    session = {**_login(bluesky_sandbox), "did": other["did"]}
    response = _create(bluesky_sandbox, session, _record("Hallo", clock.now))
    _assert_error(response, 401, "AuthenticationRequired")


def test_an_existing_record_key_is_refused_and_the_record_kept(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    session = _login(bluesky_sandbox)
    first = _create(bluesky_sandbox, session, _record("Eins", clock.now), rkey="3kejhu4zae5ie")
    again = _create(bluesky_sandbox, session, _record("Zwei", clock.now), rkey="3kejhu4zae5ie")
    bad_key = _create(bluesky_sandbox, session, _record("Drei", clock.now), rkey="..")

    assert first.status_code == 200
    _assert_error(again, 500, "InternalServerError")
    _assert_error(bad_key, 400, "InvalidRequest", 'Invalid record key (got "..") at $.rkey')
    assert [record.value["text"] for record in bluesky_sandbox.posts_by(HANDLE)] == ["Eins"]


def test_unknown_blobs_and_too_many_images_are_refused(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    session = _login(bluesky_sandbox)
    upload = _xrpc(
        bluesky_sandbox,
        "POST",
        "com.atproto.repo.uploadBlob",
        session["accessJwt"],
        content=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        headers={"Content-Type": "*/*"},
    )
    blob = _strict(upload.json(), models.ComAtprotoRepoUploadBlob.Response).blob
    assert (blob.mime_type, blob.size) == ("*/*", 72)
    image = {"alt": "", "image": upload.json()["blob"]}
    unknown = {"alt": "", "image": {**upload.json()["blob"], "ref": {"$link": "bafkreiunknown"}}}

    def embed(*images: dict[str, Any]) -> dict[str, Any]:
        return {"embed": {"$type": "app.bsky.embed.images", "images": list(images)}}

    missing = _create(bluesky_sandbox, session, _record("x", clock.now, **embed(unknown)))
    too_many = _create(bluesky_sandbox, session, _record("x", clock.now, **embed(*[image] * 5)))
    fine = _create(bluesky_sandbox, session, _record("x", clock.now, **embed(image)))

    _assert_error(missing, 400, "BlobNotFound", "Could not find blob: bafkreiunknown")
    _assert_error(
        too_many, 400, "InvalidRequest", "array too big (maximum 4, got 5) at $.record.embed.images"
    )
    assert fine.status_code == 200, fine.text


def test_replies_must_name_existing_posts(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    session = _login(bluesky_sandbox)
    ghost = {"uri": f"at://{session['did']}/{POST}/3kejhu4zae5ie", "cid": "bafyreighost"}
    record = _record("Antwort", clock.now, reply={"root": ghost, "parent": ghost})
    response = _create(bluesky_sandbox, session, record)
    _assert_error(response, 400, "InvalidRequest", "does not exist")


def test_facets_must_lie_inside_the_text(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock
) -> None:
    facet = {
        "index": {"byteStart": 0, "byteEnd": 99},
        "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "x"}],
    }
    response = _create(
        bluesky_sandbox, _login(bluesky_sandbox), _record("#x", clock.now, facets=[facet])
    )
    _assert_error(response, 400, "InvalidRequest", "byte slice ends at 99")


def test_lookups_of_what_does_not_exist(bluesky_sandbox: BlueskySandbox) -> None:
    session = _login(bluesky_sandbox)
    token = session["accessJwt"]
    missing_uri = f"at://{session['did']}/{POST}/3kejhu4zae5ie"

    record = _xrpc(
        bluesky_sandbox,
        "GET",
        "com.atproto.repo.getRecord",
        params={"repo": session["did"], "collection": POST, "rkey": "3kejhu4zae5ie"},
    )
    thread = _xrpc(
        bluesky_sandbox, "GET", "app.bsky.feed.getPostThread", token, params={"uri": missing_uri}
    )
    handle = _xrpc(
        bluesky_sandbox,
        "GET",
        "com.atproto.identity.resolveHandle",
        params={"handle": "niemand.example"},
    )
    too_many = _xrpc(
        bluesky_sandbox,
        "GET",
        "app.bsky.feed.getPosts",
        token,
        params={"uris": [missing_uri] * 26},
    )

    _assert_error(record, 400, "RecordNotFound", "Could not locate record")
    _assert_error(thread, 400, "NotFound", "Post not found")
    _assert_error(handle, 400, "HandleNotFound", "Unable to resolve handle")
    _assert_error(too_many, 400, "InvalidRequest", "array too big (maximum 25, got 26)")


def test_injected_faults_use_the_pds_bodies(
    bluesky_sandbox: BlueskySandbox, faults: FaultInjector, clock: ManualClock
) -> None:
    session = _login(bluesky_sandbox)
    token = session["accessJwt"]
    faults.push(Fault("rate_limit", retry_after_s=120), Fault("server_error", status=503))

    limited = _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession", token)
    failed = _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession", token)
    faults.revoke()
    revoked = _xrpc(bluesky_sandbox, "GET", "com.atproto.server.getSession", token)
    login = _xrpc(
        bluesky_sandbox,
        "POST",
        "com.atproto.server.createSession",
        json={"identifier": HANDLE, "password": "app-password"},
    )

    _assert_error(limited, 429, "RateLimitExceeded", "Rate Limit Exceeded")
    assert limited.headers["RateLimit-Reset"] == str(int(clock.now.timestamp()) + 120)
    _assert_error(failed, 503, "InternalServerError")
    _assert_error(revoked, 401, "AuthenticationRequired")
    _assert_error(login, 401, "AuthenticationRequired")
