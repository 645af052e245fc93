"""The X sandbox rejects what X rejects, with X's status codes, bodies and headers."""

# ruff: noqa: F811  (fixtures come from x_fixtures and are re-bound as test arguments)

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pytest
import requests

from sandbox.faults import Fault, FaultInjector
from sandbox.x_server import XSandbox
from tests.connectors.x_fixtures import (  # noqa: F401
    ManualClock,
    _shared_sandbox,
    clock,
    faults,
    x_sandbox,
)

AUTH = {"Authorization": "Bearer any-user-token"}
ME = "1590000000000000001"


def _post(server: XSandbox, path: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(server.url + path, json=body, headers=AUTH, timeout=5)


def _get(server: XSandbox, path: str, **params: str) -> requests.Response:
    return requests.get(server.url + path, params=params, headers=AUTH, timeout=5)


def _tweet(server: XSandbox, text: str, **extra: Any) -> str:
    response = _post(server, "/2/tweets", {"text": text, **extra})
    assert response.status_code == 201, response.text
    return str(response.json()["data"]["id"])


def test_missing_token_is_401_with_xs_problem(x_sandbox: XSandbox) -> None:
    response = requests.get(x_sandbox.url + "/2/users/me", timeout=5)
    assert response.status_code == 401
    assert response.json() == {
        "title": "Unauthorized",
        "type": "about:blank",
        "status": 401,
        "detail": "Unauthorized",
    }


def test_create_answers_201_with_id_text_and_edit_history(x_sandbox: XSandbox) -> None:
    response = _post(x_sandbox, "/2/tweets", {"text": "Guten Morgen, Dortmund!"})
    assert response.status_code == 201
    data = response.json()["data"]
    assert data == {
        "id": data["id"],
        "text": "Guten Morgen, Dortmund!",
        "edit_history_tweet_ids": [data["id"]],
    }


def test_links_are_shown_as_23_character_tco_urls(x_sandbox: XSandbox) -> None:
    response = _post(x_sandbox, "/2/tweets", {"text": "Infos: https://www.dortmund.de/todo/x"})
    shown = response.json()["data"]["text"]
    link = shown.removeprefix("Infos: ")
    assert link.startswith("https://t.co/")
    assert len(link) == 23


def test_weighted_length_counts_cjk_twice(x_sandbox: XSandbox) -> None:
    assert _post(x_sandbox, "/2/tweets", {"text": "字" * 140}).status_code == 201
    response = _post(x_sandbox, "/2/tweets", {"text": "字" * 141})
    assert response.status_code == 403
    assert response.json()["title"] == "Forbidden"
    assert "too long" in response.json()["detail"]


def test_duplicate_text_is_403_with_xs_exact_body(x_sandbox: XSandbox) -> None:
    _tweet(x_sandbox, "Zweimal dasselbe")
    response = _post(x_sandbox, "/2/tweets", {"text": "Zweimal dasselbe"})
    assert response.status_code == 403
    assert response.json() == {
        "detail": "You are not allowed to create a Tweet with duplicate content.",
        "type": "about:blank",
        "title": "Forbidden",
        "status": 403,
    }


def test_missing_text_without_media_is_400(x_sandbox: XSandbox) -> None:
    response = _post(x_sandbox, "/2/tweets", {})
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == "Invalid Request"
    assert "text" in body["errors"][0]["parameters"]


def test_unknown_media_id_is_400_invalid_request(x_sandbox: XSandbox) -> None:
    response = _post(x_sandbox, "/2/tweets", {"text": "Bild", "media": {"media_ids": ["999"]}})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"parameters": {"media.media_ids": ["999"]}, "message": "Your media IDs are invalid."}
    ]


def test_five_media_ids_are_400(x_sandbox: XSandbox) -> None:
    ids = [_upload(x_sandbox) for _ in range(5)]
    response = _post(x_sandbox, "/2/tweets", {"text": "Viele Bilder", "media": {"media_ids": ids}})
    assert response.status_code == 400


def test_reply_to_unknown_tweet_is_403(x_sandbox: XSandbox) -> None:
    response = _post(
        x_sandbox, "/2/tweets", {"text": "Antwort", "reply": {"in_reply_to_tweet_id": "12345"}}
    )
    assert response.status_code == 403
    assert "deleted or not visible" in response.json()["detail"]


def _upload(server: XSandbox) -> str:
    media = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    response = _post(server, "/2/media/upload", {"media": media, "media_category": "tweet_image"})
    assert response.status_code == 200, response.text
    return str(response.json()["data"]["id"])


def test_media_upload_rejects_bad_base64_and_metadata_needs_a_known_id(
    x_sandbox: XSandbox,
) -> None:
    bad = _post(x_sandbox, "/2/media/upload", {"media": "%%%", "media_category": "tweet_image"})
    assert bad.status_code == 400
    unknown = _post(
        x_sandbox, "/2/media/metadata", {"id": "1", "metadata": {"alt_text": {"text": "x"}}}
    )
    assert unknown.status_code == 400
    too_long = _post(
        x_sandbox,
        "/2/media/metadata",
        {"id": _upload(x_sandbox), "metadata": {"alt_text": {"text": "x" * 1001}}},
    )
    assert too_long.status_code == 400


def test_lookup_reports_unknown_ids_as_errors_next_to_data(x_sandbox: XSandbox) -> None:
    known = _tweet(x_sandbox, "Gibt es")
    body = _get(x_sandbox, "/2/tweets", ids=f"{known},404").json()
    assert [t["id"] for t in body["data"]] == [known]
    [error] = body["errors"]
    assert error["resource_id"] == "404"
    assert error["type"].endswith("/problems/resource-not-found")


def test_lookup_needs_1_to_100_ids_and_known_fields(x_sandbox: XSandbox) -> None:
    ids = ",".join(str(n) for n in range(1, 102))
    assert _get(x_sandbox, "/2/tweets", ids=ids).status_code == 400
    response = _get(x_sandbox, "/2/tweets", ids="1", **{"tweet.fields": "likes"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameters"] == {"tweet.fields": ["likes"]}


def test_search_validates_max_results_and_the_7_day_window(
    x_sandbox: XSandbox, clock: ManualClock
) -> None:
    query = {"query": "conversation_id:1"}
    assert _get(x_sandbox, "/2/tweets/search/recent", max_results="9", **query).status_code == 400
    too_old = (clock.now - timedelta(days=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
    response = _get(x_sandbox, "/2/tweets/search/recent", start_time=too_old, **query)
    assert response.status_code == 400
    assert "start_time" in response.json()["errors"][0]["parameters"]


def test_search_pages_newest_first_and_forgets_after_7_days(
    x_sandbox: XSandbox, clock: ManualClock
) -> None:
    root = _tweet(x_sandbox, "Fragerunde")
    replies = []
    for n in range(25):
        clock.advance(minutes=1)
        replies.append(x_sandbox.add_reply(root, f"fan{n}", f"Frage {n}"))
    seen: list[str] = []
    token: dict[str, str] = {}
    while True:
        page = _get(
            x_sandbox, "/2/tweets/search/recent", query=f"conversation_id:{root}", **token
        ).json()
        seen += [t["id"] for t in page.get("data", [])]
        assert page["meta"]["result_count"] == len(page.get("data", []))
        if "next_token" not in page["meta"]:
            break
        token = {"next_token": page["meta"]["next_token"]}
    assert seen == list(reversed(replies))

    clock.advance(days=7, minutes=10)
    page = _get(x_sandbox, "/2/tweets/search/recent", query=f"conversation_id:{root}").json()
    assert page == {"meta": {"result_count": 0}}


def test_every_answer_carries_rate_limit_headers_and_429_when_spent(
    x_sandbox: XSandbox, clock: ManualClock
) -> None:
    x_sandbox.rate_limits["users_me"] = 2
    first = _get(x_sandbox, "/2/users/me")
    assert first.headers["x-rate-limit-limit"] == "2"
    assert first.headers["x-rate-limit-remaining"] == "1"
    reset = int((clock.now + timedelta(minutes=15)).timestamp())
    assert first.headers["x-rate-limit-reset"] == str(reset)
    assert _get(x_sandbox, "/2/users/me").headers["x-rate-limit-remaining"] == "0"

    spent = _get(x_sandbox, "/2/users/me")
    assert spent.status_code == 429
    assert spent.json() == {
        "title": "Too Many Requests",
        "detail": "Too Many Requests",
        "type": "about:blank",
        "status": 429,
    }
    assert spent.headers["x-rate-limit-reset"] == str(reset)


def test_injected_faults_use_xs_bodies(x_sandbox: XSandbox, faults: FaultInjector) -> None:
    faults.push(Fault("payment_required"), Fault("server_error", status=503))
    credits = _get(x_sandbox, "/2/users/me")
    assert credits.status_code == 402
    assert credits.json()["title"] == "CreditsDepleted"
    assert _get(x_sandbox, "/2/users/me").status_code == 503


@pytest.mark.parametrize("path", ["/2/tweets/search/recent", f"/2/users/{ME}/tweets"])
def test_listing_endpoints_reject_bad_pagination_tokens(x_sandbox: XSandbox, path: str) -> None:
    params = {"query": "conversation_id:1", "next_token": "zz", "pagination_token": "zz"}
    assert _get(x_sandbox, path, **params).status_code == 400


def test_audience_replies_appear_lazily_and_deterministically(
    x_sandbox: XSandbox, clock: ManualClock
) -> None:
    audience_module = pytest.importorskip("sandbox.audience")
    x_sandbox.audience = audience_module.AudienceSimulator(seed=7)
    try:
        root = _tweet(x_sandbox, "Neues Angebot für Langzeitarbeitslose in der Nordstadt")
        clock.advance(days=3)
        query = {
            "query": f"conversation_id:{root}",
            "expansions": "author_id",
            "tweet.fields": "author_id",
        }
        first = _get(x_sandbox, "/2/tweets/search/recent", **query).json()
        again = _get(x_sandbox, "/2/tweets/search/recent", **query).json()
        assert first == again
        assert first["meta"]["result_count"] > 0
        authors = {t["author_id"] for t in first["data"]}
        assert {u["id"] for u in first["includes"]["users"]} == authors
    finally:
        x_sandbox.audience = None


@pytest.mark.parametrize("path", ["/2/tweets/search/recent", f"/2/users/{ME}/tweets"])
def test_listing_endpoints_reject_malformed_start_times(x_sandbox: XSandbox, path: str) -> None:
    params = {"query": "conversation_id:1", "start_time": "24.11.2026 09:00"}
    response = _get(x_sandbox, path, **params)
    assert response.status_code == 400
    assert "start_time" in response.json()["errors"][0]["parameters"]


def test_lookup_of_only_unknown_ids_has_errors_and_no_data(x_sandbox: XSandbox) -> None:
    body = _get(x_sandbox, "/2/tweets", ids="404").json()
    assert "data" not in body
    assert [e["resource_id"] for e in body["errors"]] == ["404"]
