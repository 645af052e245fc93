"""One caller at a time per account, whichever threads ask.

The daemon's dispatch lane and its collection job run on different threads but share an
account's connector: its client, its session and its rate-limit state are not safe to use
from two threads at once (Mastodon.py's rate-limit bookkeeping, atproto's session refresh,
a rotating X refresh token). `Serialised` lets at most `max_concurrency` calls into the
wrapped connector at once (one for every platform today), per call, so a long collection
round still lets a due post through between two of its calls.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime

from connectors.base import (
    AccountInfo,
    Connector,
    HeardPage,
    ListenQuery,
    MetricSnapshot,
    OutgoingPost,
    PlatformLimits,
    PollResult,
    RemotePost,
    RemoteReply,
)


class Serialised(Connector):
    """A connector whose calls never overlap beyond its `max_concurrency`."""

    def __init__(self, inner: Connector) -> None:
        super().__init__(inner.settings)
        self.inner = inner
        self.identifier = inner.identifier  # type: ignore[misc]
        self.max_concurrency = inner.max_concurrency  # type: ignore[misc]
        self.idempotent_for = inner.idempotent_for  # type: ignore[misc]
        self._slots = threading.BoundedSemaphore(max(1, inner.max_concurrency))

    def publish(self, post: OutgoingPost) -> RemotePost:
        """See `Connector.publish`."""
        with self._slots:
            return self.inner.publish(post)

    def recover(
        self, post: OutgoingPost, attempted_at: datetime, *, taken: frozenset[str] = frozenset()
    ) -> RemotePost | None:
        """See `Connector.recover`."""
        with self._slots:
            return self.inner.recover(post, attempted_at, taken=taken)

    def fetch_replies(self, remote: RemotePost, since: datetime | None) -> list[RemoteReply]:
        """See `Connector.fetch_replies`."""
        with self._slots:
            return self.inner.fetch_replies(remote, since)

    def fetch_metrics(self, remotes: Sequence[RemotePost]) -> list[MetricSnapshot]:
        """See `Connector.fetch_metrics`."""
        with self._slots:
            return self.inner.fetch_metrics(remotes)

    def fetch_mentions(
        self, marker: str | None, *, since: datetime, limit: int | None = None
    ) -> HeardPage:
        """See `Connector.fetch_mentions`."""
        with self._slots:
            return self.inner.fetch_mentions(marker, since=since, limit=limit)

    def search(
        self,
        query: ListenQuery,
        marker: str | None,
        *,
        since: datetime,
        limit: int | None = None,
    ) -> HeardPage:
        """See `Connector.search`."""
        with self._slots:
            return self.inner.search(query, marker, since=since, limit=limit)
    def fetch_poll(self, remote: RemotePost) -> PollResult | None:
        """See `Connector.fetch_poll`."""
        with self._slots:
            return self.inner.fetch_poll(remote)

    def verify(self) -> AccountInfo:
        """See `Connector.verify`."""
        with self._slots:
            return self.inner.verify()

    def limits(self) -> PlatformLimits:
        """See `Connector.limits`."""
        with self._slots:
            return self.inner.limits()
