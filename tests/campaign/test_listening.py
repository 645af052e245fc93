"""The daemon's listening round against the three sandboxes, through the real clients:
every tracked post stored once, nothing read twice, nothing missed across a restart, the
X read budget kept, and a query an instance cannot follow said once."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from campaign.config import AccountSettings, Settings
from campaign.daemon.classify import classify_pending
from campaign.daemon.listen import Listener, ListenTarget, store_heard
from campaign.daemon.runner import ConnectorPool
from campaign.db import Database, make_engine, upgrade
from campaign.demo import DEMO_HANDLES
from campaign.listening.settings import CampaignTrack, ListeningSettings
from campaign.models import Campaign, Event, HeardKind, ListeningReads, Reply
from campaign.services import accounts
from connectors.base import Connector, HeardPage, HeardPost
from content.track import parse_track
from sandbox.audience import AudienceSimulator
from sandbox.bluesky_server import BlueskySandbox
from sandbox.mastodon_server import MastodonSandbox
from sandbox.server import SandboxServer
from sandbox.x_server import XSandbox
from sentiment.base import SentimentResult
from tests.clock import START, ManualClock

TOKEN = "listen-token"
TAG = "#ToDoDortmund"


def audience() -> AudienceSimulator:
    return AudienceSimulator(
        public_tags=("ToDoDortmund", "NeueArbeit"), public_per_hour=3600, replies_per_post=(0, 0)
    )


def start_server(platform: str, clock: ManualClock) -> SandboxServer:
    if platform == "mastodon":
        server: SandboxServer = MastodonSandbox(
            clock=clock, audience=audience(), handles={TOKEN: DEMO_HANDLES["mastodon"]}
        )
    elif platform == "bluesky":
        server = BlueskySandbox(clock=clock, audience=audience())
    else:
        server = XSandbox(clock=clock, audience=audience())
    return server.start()


def account(platform: str, url: str, **listening: object) -> AccountSettings:
    extra = {"listen": True, "daily_reads": 100_000} if platform == "x" else {}
    return AccountSettings(
        name=f"{platform}-todo",
        platform=platform,
        handle=DEMO_HANDLES[platform],
        server_url=url,
        secret_env="LT_LISTEN_SECRET",
        **{**extra, **listening},  # type: ignore[arg-type]
    )


def tagged_in(server: SandboxServer) -> set[str]:
    """What the sandbox holds under #ToDoDortmund (originals only: no retweets)."""
    if isinstance(server, MastodonSandbox):
        return {s.id for s in server.statuses.values() if "ToDoDortmund" in s.tags}
    if isinstance(server, BlueskySandbox):
        return {r.uri for r in server.records.values() if TAG in r.value.get("text", "")}
    assert isinstance(server, XSandbox)
    return {
        t.id for t in server._store.tweets.values() if TAG in t.text and t.retweeted_id is None
    }


class Spy(Connector):
    """The real connector, with a note of every post each call returned."""

    def __init__(self, inner: Connector, seen: list[tuple[str, str]]) -> None:
        super().__init__(inner.settings)
        self.inner, self.seen = inner, seen
        self.identifier = inner.identifier  # type: ignore[misc]

    def fetch_mentions(self, marker, *, since, limit=None) -> HeardPage:  # type: ignore[no-untyped-def]
        page = self.inner.fetch_mentions(marker, since=since, limit=limit)
        self.seen += [("@", post.remote_id) for post in page.posts]
        return page

    def search(self, query, marker, *, since, limit=None) -> HeardPage:  # type: ignore[no-untyped-def]
        page = self.inner.search(query, marker, since=since, limit=limit)
        self.seen += [(query.text, post.remote_id) for post in page.posts]
        return page

    publish = recover = fetch_replies = fetch_metrics = verify = limits = None  # type: ignore[assignment]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


def listening_database(database_url: str, settings: Settings) -> Database:
    engine = make_engine(database_url)
    upgrade(engine)
    database = Database(engine)
    with database.session() as session:
        accounts.sync_from_config(session, settings)
        session.add(Campaign(slug="todo", name="to:do", track=[TAG]))
    return database


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LT_LISTEN_SECRET", TOKEN)


def listener(database: Database, settings: Settings, clock: ManualClock, seen: list) -> Listener:
    pool = ConnectorPool(settings, clock)
    errors: list[str] = []

    def failed(name: str, error: Exception) -> None:
        errors.append(str(error))
        raise AssertionError(error)

    return Listener(database, settings, lambda name: Spy(pool(name), seen), clock, failed)


@pytest.mark.parametrize("platform", ["mastodon", "bluesky", "x"])
def test_a_restart_neither_reads_twice_nor_misses(
    platform: str, database_url: str, clock: ManualClock, secret: None
) -> None:
    server = start_server(platform, clock)
    try:
        settings = Settings(accounts=[account(platform, server.url)])
        database = listening_database(database_url, settings)
        seen: list[tuple[str, str]] = []
        clock.advance(minutes=2)
        first = listener(database, settings, clock, seen).round()
        clock.advance(minutes=2)
        # a new daemon: a new listener and new connectors, only the database remembers
        second = listener(database, settings, clock, seen).round()
        assert listener(database, settings, clock, seen).round() == 0

        with database.session() as session:
            stored = dict(session.execute(select(Reply.remote_id, Reply.kind)).all())
            campaigns = set(session.scalars(select(Reply.campaign_id)))
        assert first > 50 and second > 50
        assert tagged_in(server) <= set(stored)
        assert len(seen) == len(set(seen)), "a post was read twice for the same query"
        assert {HeardKind.TAG, HeardKind.MENTION} <= set(stored.values())
        assert campaigns - {None}  # tag matches belong to the campaign that tracks them
    finally:
        server.stop()


def test_a_post_found_as_reply_and_under_a_tag_stays_one_row(
    database: Database, settings: Settings
) -> None:
    with database.session() as session:
        session.add(Campaign(slug="todo", name="to:do", track=[TAG]))
        session.flush()
        reply = Reply(
            platform="mastodon", remote_id="4711", author_handle="jule", text="Super #ToDoDortmund",
            created_at=START, kind=HeardKind.REPLY,
        )
        session.add(reply)
        session.flush()
        target = ListenTarget(1, "mastodon-todo", "mastodon", parse_track(TAG), None, None)
        heard = HeardPost(
            "4711", "https://m/4711", "tag", "jule", "Jule", "Super #ToDoDortmund", START,
            reposts=5,
        )
        assert store_heard(session, target, [heard], START) == 0
        rows = session.scalars(select(Reply)).all()
        assert [(row.kind, row.reposts) for row in rows] == [(HeardKind.REPLY, 5)]


def test_x_reads_stop_at_the_daily_budget(
    database_url: str, secret: None, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock(START.replace(hour=23, minute=50))
    server = start_server("x", clock)
    try:
        settings = Settings(accounts=[account("x", server.url, daily_reads=30)])
        database = listening_database(database_url, settings)
        clock.advance(minutes=5)
        seen: list[tuple[str, str]] = []
        with caplog.at_level(logging.WARNING):
            listener(database, settings, clock, seen).round()
            again = listener(database, settings, clock, seen)
            assert again.round() == 0
        with database.session() as session:
            reads = session.scalar(select(func.sum(ListeningReads.reads)))
        assert reads == 30
        assert "daily budget of 30" in caplog.text
        clock.advance(minutes=15)
        assert again.round() > 0  # a new day (UTC), a new budget
    finally:
        server.stop()


def test_x_does_not_listen_unless_switched_on(
    database_url: str, clock: ManualClock, secret: None
) -> None:
    server = start_server("x", clock)
    try:
        quiet = AccountSettings(
            name="x-todo", platform="x", handle="todo_dortmund", server_url=server.url,
            secret_env="LT_LISTEN_SECRET",
        )
        settings = Settings(accounts=[quiet])
        database = listening_database(database_url, settings)
        clock.advance(minutes=5)
        assert listener(database, settings, clock, []).round() == 0
        assert not [entry for entry in server.request_log if "search" in entry[1]]
    finally:
        server.stop()


def test_keywords_without_full_text_search_are_said_once(
    database_url: str, clock: ManualClock, secret: None
) -> None:
    server = start_server("mastodon", clock)
    try:
        settings = Settings(
            accounts=[account("mastodon", server.url)],
            listening=ListeningSettings(
                campaigns=[CampaignTrack(campaign="todo", track=['"Arbeit der Zukunft"'])]
            ),
        )
        database = listening_database(database_url, settings)
        clock.advance(minutes=2)
        listener(database, settings, clock, []).round()
        listener(database, settings, clock, []).round()
        with database.session() as session:
            notes = session.scalars(
                select(Event.message).where(Event.kind == "listening.unsupported")
            ).all()
        assert len(notes) == 1 and "full-text search" in notes[0]
    finally:
        server.stop()



class Neutral:
    """A classifier that calls everything neutral: what matters here is what it is given."""

    name, revision = "neutral", "1"

    def __init__(self) -> None:
        self.texts: list[str] = []

    def classify(self, texts: list[str]) -> list[SentimentResult]:
        self.texts += texts
        return [SentimentResult("neutral", 0.5, "neutral", "1", "de", False) for _ in texts]


def test_collected_posts_are_classified_like_replies(
    database_url: str, clock: ManualClock, secret: None
) -> None:
    server = start_server("mastodon", clock)
    try:
        settings = Settings(accounts=[account("mastodon", server.url)])
        database = listening_database(database_url, settings)
        clock.advance(minutes=2)
        stored = listener(database, settings, clock, []).round()
        classifier = Neutral()
        while classify_pending(database, classifier, clock):
            pass
        with database.session() as session:
            waiting = session.scalar(
                select(func.count(Reply.id)).where(Reply.classified_at.is_(None))
            )
            languages = set(session.scalars(select(Reply.language)))
        assert stored > 0 and len(classifier.texts) == stored and waiting == 0
        assert languages == {"de"}
    finally:
        server.stop()
