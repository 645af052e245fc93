"""Recovery never gives one remote post to two deliveries, per platform.

Two posts with the same text go to the same account 5 s apart; the second's first attempt
is dropped mid-request, before the platform saw it (`drop`) or after it stored the post
(`accept_then_crash`). Its retry must find its own post or publish anew, never claim the
first one's. The real clients talk HTTP to the sandbox; one hand-moved clock for all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from campaign.config import DaemonSettings, Settings
from campaign.daemon.runner import Daemon
from campaign.demo import DEMO_HANDLES, sandbox_accounts
from campaign.models import Delivery, DeliveryState
from campaign.reasons import shown_reason
from campaign.services import campaigns, posts
from sandbox.bluesky_server import BlueskySandbox
from sandbox.faults import Fault
from sandbox.mastodon_server import MastodonSandbox
from sandbox.x_server import XSandbox
from tests.campaign.x_lane import daemon_on
from tests.clock import BERLIN, ManualClock

TOKEN = "identical-token"
TEXT = "Heute 18 Uhr: Infoabend im Dietrich-Keuning-Haus #ToDoDortmund"
POST_PATH = {
    "x": r"^/2/tweets$",
    "mastodon": r"^/api/v1/statuses$",
    "bluesky": r"createRecord$",
}
Server = XSandbox | MastodonSandbox | BlueskySandbox


def _server(platform: str, clock: ManualClock) -> Server:
    if platform == "x":
        return XSandbox(clock=clock)
    if platform == "mastodon":
        return MastodonSandbox(clock=clock, handles={TOKEN: DEMO_HANDLES["mastodon"]})
    return BlueskySandbox(clock=clock)


def published(server: Server) -> list[str]:
    """Remote ids of the campaign account's posts with TEXT."""
    if isinstance(server, XSandbox):
        return [tweet.id for tweet in server.own_tweets() if tweet.text == TEXT]
    if isinstance(server, MastodonSandbox):
        return [s.id for s in server.statuses_of(DEMO_HANDLES["mastodon"]) if s.text == TEXT]
    return [r.uri for r in server.posts_by(DEMO_HANDLES["bluesky"]) if r.value["text"] == TEXT]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture(params=["x", "mastodon", "bluesky"])
def platform(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def server(platform: str, clock: ManualClock) -> Iterator[Server]:
    started = _server(platform, clock).start()
    yield started
    started.stop()


@pytest.fixture
def daemon(
    database_url: str,
    platform: str,
    server: Server,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Daemon]:
    configured = sandbox_accounts({platform: server.url}, "LT_SAME")
    for account in configured:
        monkeypatch.setenv(account.secret_env, TOKEN)
    settings = Settings(
        accounts=configured, daemon=DaemonSettings(max_attempts=3, backoff_base_seconds=1)
    )
    with daemon_on(database_url, settings, clock) as daemon:
        yield daemon


def _queue(daemon: Daemon, key: str, at: datetime) -> int:
    with daemon.database.session() as session:
        draft = posts.PostDraft(
            key=key,
            text=TEXT,
            scheduled_at=at,
            accounts=[daemon.settings.accounts[0].name],
            approved=True,
        )
        post = posts.add_post(session, campaigns.by_slug(session, "todo"), draft, {})
        return post.deliveries[0].id


@pytest.mark.parametrize("fault", ["drop", "accept_then_crash"])
def test_identical_texts_5_s_apart_keep_their_own_remote_posts(
    daemon: Daemon, server: Server, clock: ManualClock, platform: str, fault: str
) -> None:
    first = _queue(daemon, "erster", clock.now)
    second = _queue(daemon, "zweiter", clock.now + timedelta(seconds=5))
    assert daemon.dispatch() == 1
    clock.advance(seconds=5)
    server.faults.push(Fault(fault, method="POST", path=POST_PATH[platform]))  # type: ignore[arg-type]
    assert daemon.dispatch() == 0
    for _ in range(3):
        clock.advance(minutes=1)
        daemon.dispatch()
    with daemon.database.session() as session:
        rows = {d.id: d for d in session.scalars(select(Delivery))}
    a, b = rows[first], rows[second]
    assert a.state == DeliveryState.SENT
    remote = published(server)
    sent = [d for d in (a, b) if d.state == DeliveryState.SENT]
    assert len({d.remote_id for d in sent}) == len(sent), "one remote post, two deliveries"
    assert sorted(d.remote_id for d in sent) == sorted(remote)  # nothing lost, no double
    if platform == "x":  # X itself refuses a second tweet with the same text
        assert b.state == DeliveryState.FAILED and "duplicate" in shown_reason(b.last_error, BERLIN)
    else:
        assert b.state == DeliveryState.SENT
