"""Mastodon through Mastodon.py: any instance, the sandbox in tests and the demo.

Credentials: the account's secret is an access token with the scopes read and write
(create an application under Preferences → Development on the instance). The instance's
own limits (characters, attachments) are read from /api/v2/instance, not assumed.

De-duplication: every status carries the delivery's `Idempotency-Key`; Mastodon keeps it
about an hour and answers a repeated key with the status already created. A retry after an
unknown outcome still calls `recover()` first, which reads our own recent statuses and
compares text fingerprints, because resending would publish if the first attempt never
arrived, and a key older than an hour protects nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import regex as re
import requests
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonBadGatewayError,
    MastodonError,
    MastodonGatewayTimeoutError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from connectors import shared
from connectors.base import (
    AccountInfo,
    Connector,
    ConnectorSettings,
    HeardMedia,
    HeardPage,
    HeardPost,
    HeardVia,
    ListenQuery,
    MediaItem,
    MetricSnapshot,
    OutgoingPost,
    PlatformLimits,
    PollResult,
    RemotePost,
    RemoteReply,
)
from connectors.errors import (
    AuthExpired,
    ConfigurationError,
    NotReady,
    RateLimited,
    Rejected,
    Transient,
)
from connectors.media_cache import MediaCache

PLATFORM = "mastodon"
RECOVERY_MARGIN = timedelta(minutes=1)
IDEMPOTENCY_WINDOW = timedelta(minutes=55)
"""Mastodon keeps an Idempotency-Key for an hour; a little less, for clock differences."""
PAGE_SIZE = 40
LISTEN_PAGES = 10
"""Pages one listening call reads at most: the account's lane waits while it runs, and the
next call goes on from the marker."""
NO_FULL_TEXT_SEARCH = (
    "{server} offers no full-text search (optional on Mastodon: it needs Elasticsearch), so "
    "keyword queries are not followed on account {account!r}; hashtags and mentions are. "
    "Set full_text_search = true for the account if the instance has it"
)
DEFAULT_RATE_WINDOW = timedelta(minutes=5)
MEDIA_LIFETIME = timedelta(hours=12)
"""How long an unattached upload is reused; Mastodon removes unattached media after a day."""
FALLBACK_MAX_CHARACTERS = 500
FALLBACK_MAX_MEDIA = 4
FALLBACK_POLL_OPTIONS = 4
FALLBACK_POLL_OPTION_CHARACTERS = 50
REMOTE_MENTION_PATTERN = re.compile(r"(?<![\w@])@(\w+)@[\w.-]+\w")

Clock = Callable[[], datetime]


def plain_text(content: str) -> str:
    """A status's HTML `content` back as plain text: paragraphs and breaks kept, tags gone."""
    text = re.sub(r"<br\s*/?>", "\n", content)
    text = re.sub(r"</p>\s*<p>", "\n\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def content_fingerprint(text: str, reply_to_id: str | None = None) -> str:
    """A hash of what a status says that survives Mastodon's rendering of it.

    Links are left out (the instance may shorten their display text) and remote mentions
    lose their domain, as in the rendered HTML; the parent id keeps the same words in two
    threads apart.
    """
    return shared.content_fingerprint(REMOTE_MENTION_PATTERN.sub(r"@\1", text), reply_to_id)


class _RateLimitHeaders:
    """Keeps the last response's `X-RateLimit-Reset`, which Mastodon.py's 429 error omits."""

    def __init__(self) -> None:
        self.reset: str | None = None

    def __call__(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self.reset = response.headers.get("X-RateLimit-Reset")


class MastodonConnector(Connector):
    """One Mastodon account behind the `Connector` interface."""

    identifier: ClassVar[str] = PLATFORM
    idempotent_for: ClassVar[timedelta | None] = IDEMPOTENCY_WINDOW

    def __init__(
        self,
        settings: ConnectorSettings,
        *,
        clock: Clock = shared.utc_now,
    ) -> None:
        super().__init__(settings)
        shared.require_secret(settings, "access token with the read and write scopes")
        shared.require_http_url(settings, "the instance's address, e.g. https://mastodon.social")
        self.clock = clock
        self.media = MediaCache(settings, clock)
        self._rate_headers = _RateLimitHeaders()
        session = requests.Session()
        session.hooks["response"].append(self._rate_headers)
        self.api = Mastodon(
            access_token=settings.secret,
            api_base_url=settings.server_url,
            ratelimit_method="throw",
            request_timeout=settings.timeout_s,
            version_check_mode="none",
            session=session,
        )
        self._me: AccountInfo | None = None
        self._limits: PlatformLimits | None = None

    # Connector ------------------------------------------------------------------------------
    def publish(self, post: OutgoingPost) -> RemotePost:
        """Upload each image with its alt text, wait until processed, then post the status.

        Raises RateLimited, AuthExpired, Rejected or Transient.
        """
        if post.media:  # the instance is asked for its limit only when there are images
            shared.require_media_fits(post, "Mastodon", self.limits().max_media)
        with self._translated_errors(writing=True):
            media_ids = [self._upload(post, item) for item in post.media] or None
            poll = (
                self.api.make_poll(
                    list(post.poll.options),
                    expires_in=int(post.poll.duration.total_seconds()),
                    multiple=post.poll.multiple,
                )
                if post.poll
                else None
            )
            status = self.api.status_post(
                post.text,
                in_reply_to_id=post.reply_to.remote_id if post.reply_to else None,
                media_ids=media_ids,
                spoiler_text=post.spoiler_text or None,
                language=post.language,
                idempotency_key=post.idempotency_key,
                poll=poll,
            )
        return _remote_post(status)

    def recover(
        self, post: OutgoingPost, attempted_at: datetime, *, taken: frozenset[str] = frozenset()
    ) -> RemotePost | None:
        """The earliest own status with the same fingerprint created since the attempt,
        not held by another delivery (`taken`).

        Within `idempotent_for` the dispatcher publishes again with the same key instead;
        this search is for keys Mastodon has forgotten.
        Raises RateLimited, AuthExpired or Transient.
        """
        wanted = content_fingerprint(post.text, post.reply_to.remote_id if post.reply_to else None)
        cutoff = attempted_at - RECOVERY_MARGIN
        me = self._account()
        found: RemotePost | None = None
        for status in self._own_statuses_since(me.remote_id, cutoff):
            text = plain_text(status.content)
            if str(status.id) in taken:
                continue
            if content_fingerprint(text, _str_or_none(status.in_reply_to_id)) == wanted:
                found = _remote_post(status)  # newest first: the last match is the earliest
        return found

    def _own_statuses_since(self, account_id: str, cutoff: datetime) -> Iterator[Any]:
        """Our statuses, newest first, back to `cutoff`."""
        max_id: str | None = None
        while True:
            with self._translated_errors(writing=False):
                page = self.api.account_statuses(account_id, max_id=max_id, limit=PAGE_SIZE)
            for status in page:
                if status.created_at < cutoff:
                    return
                yield status
            if len(page) < PAGE_SIZE:
                return
            max_id = str(page[-1].id)

    def fetch_replies(self, remote: RemotePost, since: datetime | None) -> list[RemoteReply]:
        """Other accounts' statuses below `remote` in its context (all depths).

        A status that no longer exists has no replies to collect.
        Raises RateLimited, AuthExpired or Transient.
        """
        me = self._account()
        with self._translated_errors(writing=False):
            try:
                context = self.api.status_context(remote.remote_id)
            except MastodonNotFoundError:
                return []
        replies = [
            RemoteReply(
                remote_id=str(status.id),
                url=status.url or status.uri,
                in_reply_to_id=str(status.in_reply_to_id),
                author_handle=status.account.acct,
                text=plain_text(status.content),
                created_at=_utc(status.created_at),
                language=status.language,
            )
            for status in context["descendants"]
            if str(status.account.id) != me.remote_id
            and (since is None or _utc(status.created_at) > since)
        ]
        return sorted(replies, key=lambda reply: reply.created_at)

    def fetch_metrics(self, remotes: Sequence[RemotePost]) -> list[MetricSnapshot]:
        """Favourites, boosts and replies per status (Mastodon has no batch lookup).

        Mastodon counts no impressions and no quotes here. Deleted statuses are left out.
        Raises RateLimited, AuthExpired or Transient.
        """
        snapshots: list[MetricSnapshot] = []
        for remote in remotes:
            with self._translated_errors(writing=False):
                try:
                    status = self.api.status(remote.remote_id)
                except MastodonNotFoundError:
                    continue
            snapshots.append(
                MetricSnapshot(
                    remote_id=str(status.id),
                    taken_at=self.clock(),
                    likes=status.favourites_count,
                    reposts=status.reblogs_count,
                    replies=status.replies_count,
                    quotes=0,
                    impressions=None,
                )
            )
        return snapshots

    def fetch_mentions(
        self, marker: str | None, *, since: datetime, limit: int | None = None
    ) -> HeardPage:
        """Mention and quote notifications (quotes where the instance has them, 4.5+).

        Raises RateLimited, AuthExpired or Transient.
        """

        def page(**where: Any) -> list[Any]:
            return list(self.api.notifications(types=["mention", "quote"], **where))

        notifications, reads, new_marker = self._listen(page, marker, since, limit)
        me = self._account()
        posts = [
            _heard(n.status, "quote" if n.type == "quote" else "mention")
            for n in notifications
            if n.get("status") is not None and str(n.status.account.id) != me.remote_id
        ]
        return HeardPage(tuple(posts), new_marker, reads)

    def search(
        self,
        query: ListenQuery,
        marker: str | None,
        *,
        since: datetime,
        limit: int | None = None,
    ) -> HeardPage:
        """A hashtag's timeline, or a status search where the instance has full-text search.

        Raises RateLimited, AuthExpired or Transient.
        """
        if query.kind == "tag":

            def page(**where: Any) -> list[Any]:
                return list(self.api.timeline_hashtag(query.text, **where))

        elif self.settings.full_text_search:

            def page(**where: Any) -> list[Any]:
                found = self.api.search_v2(
                    query.text, resolve=False, result_type="statuses", **where
                )
                return list(found["statuses"])

        else:
            return HeardPage(
                unsupported=NO_FULL_TEXT_SEARCH.format(
                    server=self.settings.server_url, account=self.settings.account_name
                )
            )
        statuses, reads, new_marker = self._listen(page, marker, since, limit)
        me = self._account()
        via: HeardVia = query.kind
        posts = [_heard(s, via) for s in statuses if str(s.account.id) != me.remote_id]
        return HeardPage(tuple(posts), new_marker, reads)

    def _listen(
        self,
        page: Callable[..., list[Any]],
        marker: str | None,
        since: datetime,
        limit: int | None,
    ) -> tuple[list[Any], int, str | None]:
        """Items newer than `marker`, oldest first, and the new marker.

        With a marker, pages go forward by `min_id` (the page just after it), so a round
        that stops early (its page budget, a read limit) leaves nothing behind: the next
        one goes on from the newest item read. Without one, pages go back by `max_id` from
        the newest to `since`.
        """
        found: list[Any] = []
        size = PAGE_SIZE if limit is None else max(1, min(PAGE_SIZE, limit))
        with self._translated_errors(writing=False):
            if marker is not None:
                for _ in range(LISTEN_PAGES):
                    items = page(min_id=marker, limit=size)
                    if not items:
                        break
                    found += sorted(items, key=lambda item: int(item.id))
                    marker = str(found[-1].id)
                    if len(items) < size or (limit is not None and len(found) >= limit):
                        break
                return found, len(found), marker
            max_id: str | None = None
            newest: str | None = None
            for _ in range(LISTEN_PAGES):
                items = page(max_id=max_id, limit=size)
                if not items:
                    break
                newest = newest or str(items[0].id)
                fresh = [item for item in items if _utc(item.created_at) >= since]
                found += fresh
                max_id = str(items[-1].id)
                if len(fresh) < len(items) or len(items) < size:
                    break
                if limit is not None and len(found) >= limit:
                    break
        found.sort(key=lambda item: int(item.id))
        return found, len(found), newest
    def fetch_poll(self, remote: RemotePost) -> PollResult | None:
        """The poll's entity (GET /api/v1/polls/:id); by its status when the id is unknown.

        Raises RateLimited, AuthExpired or Transient.
        """
        with self._translated_errors(writing=False):
            try:
                if remote.poll_id:
                    poll = self.api.poll(remote.poll_id)
                else:
                    poll = self.api.status(remote.remote_id).get("poll")
            except MastodonNotFoundError:
                return None
        if not poll:
            return None
        return PollResult(
            poll_id=str(poll.id),
            taken_at=self.clock(),
            options=tuple(option.title for option in poll.options),
            votes=tuple(option.votes_count or 0 for option in poll.options),
            ends_at=_utc(poll.expires_at) if poll.expires_at else None,
            closed=bool(poll.expired),
            voters=poll.get("voters_count"),
        )

    def verify(self) -> AccountInfo:
        """Who the token belongs to, asked every time (`accounts verify` wants a live answer).

        Raises AuthExpired, ConfigurationError or Transient.
        """
        try:
            with self._translated_errors(writing=False):
                account = self.api.account_verify_credentials()
        except Rejected as error:
            raise ConfigurationError(
                PLATFORM,
                f"account {self.settings.account_name!r}: {self.settings.server_url} does not "
                f"answer like a Mastodon instance ({error.message}); check server_url",
            ) from None
        self._me = AccountInfo(
            handle=account.acct,
            display_name=account.display_name or account.username,
            remote_id=str(account.id),
            followers=account.followers_count,
        )
        return self._me

    def limits(self) -> PlatformLimits:
        """The instance's configured limits (v2 instance document, v1 on older servers).

        Raises Transient when the server cannot be asked.
        """
        if self._limits is None:
            configuration = self._instance_configuration()
            statuses = configuration.get("statuses") or {}
            media = configuration.get("media_attachments") or {}
            polls = configuration.get("polls") or {}
            max_characters = statuses.get("max_characters") or FALLBACK_MAX_CHARACTERS
            self._limits = PlatformLimits(
                max_characters=max_characters,
                max_media=statuses.get("max_media_attachments") or FALLBACK_MAX_MEDIA,
                replies_window=None,
                gives_impressions=False,
                max_image_bytes=media.get("image_size_limit"),
                polls=True,
                max_poll_options=polls.get("max_options") or FALLBACK_POLL_OPTIONS,
                max_poll_option_characters=polls.get("max_characters_per_option")
                or FALLBACK_POLL_OPTION_CHARACTERS,
                poll_duration=(
                    timedelta(seconds=polls.get("min_expiration") or 300),
                    timedelta(seconds=polls.get("max_expiration") or 2_629_746),
                ),
                federated_replies=True,
                notes=(
                    f"{max_characters} characters on this instance: links count 23, "
                    "remote mentions count without their domain",
                    "no impression counts; quotes are not counted",
                ),
            )
        return self._limits

    # internals -----------------------------------------------------------------------------
    def _instance_configuration(self) -> dict[str, Any]:
        """The `configuration` object; servers before Mastodon 4.0 only have the v1 document."""
        try:
            with self._translated_errors(writing=False):
                try:
                    instance = self.api.instance_v2()
                except MastodonNotFoundError:
                    instance = self.api.instance_v1()
        except (Rejected, AuthExpired) as error:
            raise Transient(
                PLATFORM,
                f"{self.settings.server_url} did not describe its limits ({error.message})",
            ) from None
        return dict(instance.get("configuration") or {})

    def _upload(self, post: OutgoingPost, item: MediaItem) -> str:
        """Upload one image once per delivery; processing is not waited for here.

        Mastodon processes v2 uploads asynchronously. Rather than hold the account's lane
        while it does, an image still processing raises `NotReady`: the delivery is tried
        again shortly, finds the upload kept, and only asks whether it is ready.
        """
        try:
            data = item.path.read_bytes()
        except OSError as error:
            raise Rejected(
                PLATFORM, f"image {item.path} cannot be read ({error.strerror}); check the path"
            ) from None
        key = MediaCache.key(post.idempotency_key, item, data)
        media_id = self.media.get(key)
        if media_id is None:
            media = self.api.media_post(
                data, mime_type=item.mime_type, description=item.alt_text, file_name=item.path.name
            )
            media_id = str(media.id)
            self.media.put(key, media_id, MEDIA_LIFETIME)
            if media.url is not None:
                return media_id
        if self.api.media(media_id).url is None:
            raise NotReady(
                PLATFORM, f"image {item.path.name} is still being processed; will try again"
            )
        return media_id

    def _account(self) -> AccountInfo:
        """Our account, asked once: recovery and reply collection need our account id."""
        return self._me or self.verify()

    @contextmanager
    def _translated_errors(self, *, writing: bool) -> Iterator[None]:
        """Turn Mastodon.py's exceptions into the connector's own kinds."""
        server = self.settings.server_url
        account = self.settings.account_name
        try:
            yield
        except MastodonRatelimitError:
            reset_at = self._reset_time()
            raise RateLimited(
                PLATFORM,
                f"rate limit reached for account {account!r} on {server}; the instance "
                f"accepts again at {reset_at:%H:%M:%S} UTC",
                reset_at,
            ) from None
        except MastodonNetworkError as error:
            never_sent = shared.never_sent(error.__context__)
            timed_out = isinstance(error.__context__, requests.exceptions.Timeout)
            what = "did not answer in time" if timed_out else "dropped the connection"
            raise Transient(
                PLATFORM,
                f"{server} " + ("refused the connection; is it reachable?" if never_sent else what),
                outcome_unknown=writing and not never_sent,
            ) from None
        except MastodonServerError as error:
            status, detail = _status_and_detail(error)
            proxied = isinstance(error, MastodonBadGatewayError | MastodonGatewayTimeoutError)
            raise Transient(
                PLATFORM,
                f"{server} answered {status} ({detail})",
                outcome_unknown=writing and proxied,
            ) from None
        except MastodonUnauthorizedError as error:
            raise _auth_expired(error, account, server) from None
        except MastodonNotFoundError as error:
            raise Rejected(
                PLATFORM, f"{server} answered 404: {_status_and_detail(error)[1]}"
            ) from None
        except MastodonAPIError as error:
            status, detail = _status_and_detail(error)
            if status == 403:
                raise _auth_expired(error, account, server) from None
            raise Rejected(PLATFORM, f"the instance refused it ({status}): {detail}") from None
        except MastodonIllegalArgumentError:
            raise  # we called Mastodon.py wrongly: a bug, not the platform's answer
        except MastodonError as error:
            raise Rejected(PLATFORM, f"Mastodon.py refused the request: {error}") from None

    def _reset_time(self) -> datetime:
        """When the window resets, from `X-RateLimit-Reset` (ISO 8601, or Unix seconds on
        GoToSocial); Mastodon's 5-minute window when the header is absent."""
        header = self._rate_headers.reset
        if header:
            if header.isdigit():
                return datetime.fromtimestamp(int(header), UTC)
            try:
                return datetime.fromisoformat(header.replace("Z", "+00:00")).astimezone(UTC)
            except ValueError:
                pass
        return self.clock() + DEFAULT_RATE_WINDOW


def _heard(status: Any, via: HeardVia) -> HeardPost:
    """A status somebody else wrote, as listening stores it."""
    quote = status.get("quote") or {}
    quoted = quote.get("quoted_status") if quote.get("state") == "accepted" else None
    return HeardPost(
        remote_id=str(status.id),
        url=status.url or status.uri,
        via=via,
        author_handle=status.account.acct,
        author_name=status.account.display_name or status.account.username,
        text=plain_text(status.content),
        created_at=_utc(status.created_at),
        language=status.language,
        in_reply_to_id=_str_or_none(status.in_reply_to_id) or "",
        quoted_id=str(quoted.id) if quoted else None,
        reposts=status.reblogs_count or 0,
        media=tuple(
            HeardMedia(media.url, media.description or "")
            for media in status.media_attachments
            if media.type == "image" and media.url
        ),
    )


def _remote_post(status: Any) -> RemotePost:
    poll = status.get("poll")
    return RemotePost(
        str(status.id),
        status.url or status.uri,
        _utc(status.created_at),
        poll_id=str(poll.id) if poll else None,
    )


def _utc(moment: datetime) -> datetime:
    """Mastodon.py hands out times in the local zone; the project keeps UTC."""
    return moment.astimezone(UTC)


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _status_and_detail(error: MastodonAPIError) -> tuple[int, str]:
    """Mastodon.py raises with args (message, status, reason, the server's `error`)."""
    args = error.args
    status = args[1] if len(args) > 1 and isinstance(args[1], int) else 0
    detail = (args[3] if len(args) > 3 and args[3] else None) or (
        args[2] if len(args) > 2 else str(error)
    )
    return status, str(detail)


def _auth_expired(error: MastodonAPIError, account: str, server: str) -> AuthExpired:
    status, detail = _status_and_detail(error)
    return AuthExpired(
        PLATFORM,
        f"{server} refused the access token of account {account!r} ({status}: {detail}); "
        "create a new token with the read and write scopes and store it",
    )
