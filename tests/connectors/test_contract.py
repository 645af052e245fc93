"""The connector contract, once for every platform: the real clients against the sandbox.

Each behaviour the daemon relies on is written here one time and run against X (tweepy),
Mastodon (Mastodon.py) and Bluesky (atproto); a platform's special cases stay in its own
module beside this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from connectors.base import Connector, ConnectorSettings, MediaItem, OutgoingPost
from connectors.errors import AuthExpired, NotReady, RateLimited, Rejected, Transient
from connectors.registry import create_connector
from sandbox.bluesky_server import did_for
from sandbox.faults import Fault
from sandbox.run import Sandbox, start_sandbox
from sandbox.server import SandboxServer
from tests.clock import START, ManualClock

TOKEN = "contract-token-geheim"
HANDLES = {"x": "todo_dortmund", "mastodon": "todo_dortmund", "bluesky": "todo.bsky.social"}
UPLOAD_PATHS = {"x": "/2/media/upload", "mastodon": "/api/v2/media", "bluesky": "uploadBlob"}
PUBLISH_PATHS = {
    "x": r"^/2/tweets$",
    "mastodon": r"^/api/v1/statuses$",
    "bluesky": r"createRecord$",
}


@dataclass
class Platform:
    """One platform's connector, its server and how to count what the server keeps."""

    name: str
    connector: Connector
    server: SandboxServer
    clock: ManualClock

    def texts(self) -> list[str]:
        """What our account has published, as the server keeps it."""
        server = self.server
        if self.name == "x":
            return [t.submitted_text for t in server.own_tweets()]  # type: ignore[attr-defined]
        if self.name == "mastodon":
            return [s.text for s in server.statuses_of(HANDLES["mastodon"])]  # type: ignore[attr-defined]
        own = did_for(HANDLES["bluesky"])
        records = server.records.values()  # type: ignore[attr-defined]
        return [r.value["text"] for r in records if r.author_did == own]

    def parent_of(self, remote_id: str) -> str | None:
        """The post `remote_id` answers, as the server keeps it."""
        server: Any = self.server
        if self.name == "x":
            return {t.id: t.replied_to_id for t in server.own_tweets()}[remote_id]
        if self.name == "mastodon":
            return server.statuses[remote_id].in_reply_to_id
        return server.records[remote_id].parent_uri

    def reply_from_someone(self, remote_id: str, text: str) -> None:
        """A follower answers one of our posts."""
        server: Any = self.server
        if self.name == "bluesky":
            server.add_reply(remote_id, "leserin.bsky.social", text)
        else:
            server.add_reply(remote_id, "leserin", text)

    def crash_after_accepting_the_next_post(self) -> None:
        self.server.faults.push(
            Fault("accept_then_crash", method="POST", path=PUBLISH_PATHS[self.name])
        )


@pytest.fixture(scope="module")
def _sandbox() -> Iterator[tuple[Sandbox, ManualClock]]:
    clock = ManualClock()
    with start_sandbox(clock=clock) as sandbox:
        yield sandbox, clock


@pytest.fixture(params=["x", "mastodon", "bluesky"])
def platform(
    request: pytest.FixtureRequest, _sandbox: tuple[Sandbox, ManualClock], tmp_path: Path
) -> Platform:
    sandbox, clock = _sandbox
    clock.now = START
    server = sandbox.servers[request.param]
    server.faults.clear()
    server.faults.restore()
    server.reset()  # type: ignore[attr-defined]
    server.name_account(TOKEN, HANDLES[request.param])
    settings = ConnectorSettings(
        platform=request.param,
        account_name=f"{request.param}-todo",
        handle=HANDLES[request.param],
        server_url=server.url,
        secret=TOKEN,
        state_dir=tmp_path,
        timeout_s=5.0,
    )
    return Platform(request.param, create_connector(settings, clock), server, clock)


def _post(text: str, key: str = "d1", **extra: object) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key, **extra)  # type: ignore[arg-type]


def test_publish_stores_one_post(platform: Platform) -> None:
    remote = platform.connector.publish(_post("Neue Stellen bei to:do #ToDoDortmund"))
    assert remote.remote_id and remote.url.startswith("https://")
    assert platform.texts() == ["Neue Stellen bei to:do #ToDoDortmund"]


def test_a_thread_chains_each_post_to_the_one_before(platform: Platform) -> None:
    first = platform.connector.publish(_post("1/3 Was ist to:do?", "t1"))
    second = platform.connector.publish(_post("2/3 Arbeit für alle", "t2", reply_to=first))
    third = platform.connector.publish(
        _post("3/3 Mehr im Rathaus", "t3", reply_to=second, thread_root=first)
    )
    assert platform.parent_of(second.remote_id) == first.remote_id
    assert platform.parent_of(third.remote_id) == second.remote_id
    assert platform.parent_of(first.remote_id) is None


def test_replies_of_others_are_collected_and_counted(platform: Platform) -> None:
    remote = platform.connector.publish(_post("Was meint ihr? #ToDoDortmund", "r1"))
    platform.clock.advance(minutes=5)
    platform.reply_from_someone(remote.remote_id, "Finde ich gut!")
    platform.clock.advance(minutes=5)

    replies = platform.connector.fetch_replies(remote, None)  # the audience answers, too
    [reply] = [r for r in replies if r.text == "Finde ich gut!"]
    assert reply.in_reply_to_id == remote.remote_id
    assert "leserin" in reply.author_handle
    assert len({r.remote_id for r in replies}) == len(replies)
    [metrics] = platform.connector.fetch_metrics([remote])
    assert metrics.remote_id == remote.remote_id and metrics.replies == len(replies)
    assert platform.connector.fetch_replies(remote, platform.clock()) == []


def test_more_images_than_the_platform_takes_are_rejected_before_sending(
    platform: Platform, tmp_path: Path
) -> None:
    image = tmp_path / "bild.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    allowed = platform.connector.limits().max_media
    media = tuple(MediaItem(image, f"Bild {n}") for n in range(allowed + 1))
    platform.server.request_log.clear()
    with pytest.raises(Rejected, match=f"at most {allowed} per post: remove 1"):
        platform.connector.publish(_post("Zu viele Bilder", media=media))
    assert [entry for entry in platform.server.request_log if entry[0] == "POST"] == []
    assert platform.texts() == []


def test_an_image_is_uploaded_once_per_delivery_however_often_it_is_retried(
    platform: Platform, tmp_path: Path
) -> None:
    image = tmp_path / "plakat.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    platform.server.request_log.clear()
    post = _post("Mit Plakat", "media-1", media=(MediaItem(image, "Plakat der to:do-Woche"),))
    platform.server.faults.push(
        Fault("server_error", status=503, method="POST", path=PUBLISH_PATHS[platform.name])
    )
    with pytest.raises(Transient):
        platform.connector.publish(post)
    for _ in range(3):  # the daemon retries; Mastodon may still be processing at first
        try:
            platform.connector.publish(post)
            break
        except NotReady:
            continue
    uploads = [
        e
        for e in platform.server.request_log
        if e[0] == "POST" and UPLOAD_PATHS[platform.name] in e[1]
    ]
    assert len(uploads) == 1
    assert platform.texts() == ["Mit Plakat"]


def test_accept_then_crash_is_found_by_recovery_and_never_posted_twice(
    platform: Platform,
) -> None:
    post = _post("Einmal und nur einmal", "once-1")
    attempted_at = platform.clock()
    platform.crash_after_accepting_the_next_post()
    with pytest.raises(Transient) as lost:
        platform.connector.publish(post)
    assert lost.value.outcome_unknown
    found = platform.connector.recover(post, attempted_at)
    assert found is not None
    assert platform.texts() == ["Einmal und nur einmal"]


def test_nothing_to_recover_when_nothing_was_posted(platform: Platform) -> None:
    assert platform.connector.recover(_post("Nie gesendet", "never-1"), platform.clock()) is None


def test_rate_limit_says_when_to_come_back(platform: Platform) -> None:
    platform.server.faults.push(
        Fault("rate_limit", retry_after_s=120, method="POST", path=PUBLISH_PATHS[platform.name])
    )
    with pytest.raises(RateLimited) as limited:
        platform.connector.publish(_post("Später bitte"))
    assert limited.value.reset_at > START
    assert platform.texts() == []


def test_refused_credentials_are_auth_expired_and_never_shown(platform: Platform) -> None:
    platform.connector.verify()
    platform.server.faults.revoke()
    with pytest.raises(AuthExpired) as expired:
        platform.connector.publish(_post("Ohne Berechtigung"))
    assert TOKEN not in str(expired.value)
    assert platform.texts() == []
