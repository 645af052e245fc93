"""X (API v2) through tweepy's `Client`.

Credentials: the account's secret is an OAuth 2.0 user-context access token (Authorization
Code with PKCE, scopes tweet.read tweet.write users.read media.write). tweepy sends it as
`Authorization: Bearer …` when `user_auth=False`, so every call here passes
`user_auth=False`; there is no OAuth 1.0a key pair to keep.

X has no idempotency key for posts. Before a retry whose outcome is unknown, `recover()`
reads our own posts since the attempt and compares content fingerprints (X rewrites links
to t.co, so links are normalised away before hashing).
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import regex as re
import requests
import tweepy
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError

from connectors.base import (
    AccountInfo,
    Connector,
    ConnectorSettings,
    MediaItem,
    MetricSnapshot,
    OutgoingPost,
    PlatformLimits,
    RemotePost,
    RemoteReply,
)
from connectors.errors import (
    AuthExpired,
    ConfigurationError,
    PaymentRequired,
    RateLimited,
    Rejected,
    Transient,
    UnexpectedAnswer,
)

PLATFORM = "x"
TWEEPY_HOST = "https://api.twitter.com"
REPLIES_WINDOW = timedelta(days=7)
RECOVERY_MARGIN = timedelta(minutes=1)
LOOKUP_BATCH = 100
URL_PATTERN = re.compile(r"https?://\S+")

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def content_fingerprint(text: str, reply_to_id: str | None = None) -> str:
    """A hash of what a post says, stable across X's rewriting of it.

    X returns every link as a t.co URL, appends one more for attached media, and escapes
    `&`, `<`, `>` as HTML entities; so entities are undone and links left out before
    hashing. The parent id is included so that the same words in two threads differ.
    """
    normalised = URL_PATTERN.sub(" ", html.unescape(text))
    normalised = " ".join(unicodedata.normalize("NFC", normalised).split())
    return hashlib.sha256(f"{reply_to_id or ''}\n{normalised}".encode()).hexdigest()


class _BaseURLAdapter(HTTPAdapter):
    """Sends tweepy's requests to `base_url` instead of the host tweepy hard-codes.

    tweepy 4.17 builds every URL as "https://api.twitter.com" + route inside
    `BaseClient.request`; rewriting only scheme and host at the transport keeps the path,
    query, headers and body exactly as tweepy made them, so the sandbox (or api.x.com)
    sees the real requests. It also gives every request a timeout, which tweepy omits.
    """

    def __init__(self, base_url: str, timeout_s: float) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        url = request.url or ""
        if url.startswith(TWEEPY_HOST):
            request.url = self.base_url + url[len(TWEEPY_HOST) :]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout_s
        return super().send(request, **kwargs)


class _RedactTokens(logging.Filter):
    """tweepy logs request headers at DEBUG level; never let a token through.

    One filter on tweepy's logger serves every connector: each adds its own token.
    """

    def __init__(self) -> None:
        super().__init__()
        self.tokens: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        leaked = [token for token in self.tokens if token in message]
        for token in leaked:
            message = message.replace(token, "***")
        if leaked:
            record.msg, record.args = message, ()
        return True


_REDACTION = _RedactTokens()
logging.getLogger("tweepy.client").addFilter(_REDACTION)


class XConnector(Connector):
    """One X account behind the `Connector` interface."""

    identifier: ClassVar[str] = PLATFORM

    def __init__(self, settings: ConnectorSettings, *, clock: Clock = _utc_now) -> None:
        super().__init__(settings)
        if not settings.secret:
            raise ConfigurationError(
                PLATFORM,
                f"account {settings.account_name!r} has no access token; set the environment "
                "variable its configuration names to an OAuth 2.0 user access token",
            )
        if not settings.server_url.startswith(("http://", "https://")):
            raise ConfigurationError(
                PLATFORM,
                f"account {settings.account_name!r}: server_url {settings.server_url!r} is "
                "not an http(s) URL; use https://api.x.com",
            )
        self.clock = clock
        self.client = tweepy.Client(bearer_token=settings.secret)
        self.client.session.mount(
            TWEEPY_HOST, _BaseURLAdapter(settings.server_url, settings.timeout_s)
        )
        _REDACTION.tokens.add(settings.secret)
        self._me: AccountInfo | None = None

    # Connector ------------------------------------------------------------------------------
    def publish(self, post: OutgoingPost) -> RemotePost:
        """Upload media with alt text, then create the tweet (a reply when threaded).

        Raises RateLimited, AuthExpired, PaymentRequired, Rejected or Transient.
        """
        if len(post.media) > self.limits().max_media:
            raise Rejected(
                PLATFORM, f"{len(post.media)} images attached; X allows at most 4 per post"
            )
        with self._translated_errors(writing=True):
            media_ids = [self._upload(item) for item in post.media] or None
            response = self.client.create_tweet(
                text=post.text,
                media_ids=media_ids,
                in_reply_to_tweet_id=post.reply_to.remote_id if post.reply_to else None,
                user_auth=False,
            )
        if not isinstance(response.data, dict) or not response.data.get("id"):
            raise UnexpectedAnswer(PLATFORM, "X answered the new post without its id")
        tweet_id = str(response.data["id"])
        return RemotePost(tweet_id, self._status_url(self._handle(), tweet_id), self.clock())

    def recover(
        self, post: OutgoingPost, attempted_at: datetime, *, taken: frozenset[str] = frozenset()
    ) -> RemotePost | None:
        """The earliest own tweet with the same fingerprint posted since the attempt, not
        held by another delivery (`taken`).

        Raises RateLimited, AuthExpired, PaymentRequired or Transient.
        """
        wanted = content_fingerprint(post.text, post.reply_to.remote_id if post.reply_to else None)
        me = self._account()
        found: RemotePost | None = None
        with self._translated_errors(writing=False):
            for page in tweepy.Paginator(
                self.client.get_users_tweets,
                me.remote_id,
                start_time=attempted_at - RECOVERY_MARGIN,
                tweet_fields=["created_at", "referenced_tweets"],
                max_results=100,
                user_auth=False,
            ):
                for tweet in page.data or []:
                    if str(tweet.id) in taken:
                        continue
                    if content_fingerprint(tweet.text, _replied_to(tweet)) == wanted:
                        found = RemotePost(  # newest first: the last match is the earliest
                            str(tweet.id),
                            self._status_url(me.handle, str(tweet.id)),
                            tweet.created_at or self.clock(),
                        )
        return found

    def fetch_replies(self, remote: RemotePost, since: datetime | None) -> list[RemoteReply]:
        """Replies in the conversation `remote` starts, via recent search (7 days only).

        For a thread, ask with its first post: X's conversation id is the root's id.
        Raises RateLimited, AuthExpired or Transient.
        """
        window_start = self.clock() - REPLIES_WINDOW + timedelta(minutes=1)
        # Nothing replies before the post exists; starting there also keeps a fresh post's
        # search clear of the window's edge when the two clocks disagree a little.
        earliest = since or remote.published_at - timedelta(minutes=1)
        start_time = max(earliest, window_start)
        me = self._account()
        replies: list[RemoteReply] = []
        with self._translated_errors(writing=False):
            for page in tweepy.Paginator(
                self.client.search_recent_tweets,
                query=f"conversation_id:{remote.remote_id}",
                start_time=start_time,
                tweet_fields=["created_at", "author_id", "referenced_tweets", "lang"],
                expansions=["author_id"],
                user_fields=["username"],
                max_results=100,
                user_auth=False,
            ):
                users = {str(u.id): u.username for u in page.includes.get("users", [])}
                for tweet in page.data or []:
                    author_id = str(tweet.author_id)
                    if author_id == me.remote_id:
                        continue
                    handle = users.get(author_id, author_id)
                    replies.append(
                        RemoteReply(
                            remote_id=str(tweet.id),
                            url=self._status_url(handle, str(tweet.id)),
                            in_reply_to_id=_replied_to(tweet) or remote.remote_id,
                            author_handle=handle,
                            text=html.unescape(tweet.text),
                            created_at=tweet.created_at,
                            language=tweet.lang,
                        )
                    )
        return sorted(replies, key=lambda reply: reply.created_at)

    def fetch_metrics(self, remotes: Sequence[RemotePost]) -> list[MetricSnapshot]:
        """Public metrics (impressions included) for up to 100 posts per call.

        Raises RateLimited, AuthExpired or Transient.
        """
        snapshots: list[MetricSnapshot] = []
        ids = [remote.remote_id for remote in remotes]
        for start in range(0, len(ids), LOOKUP_BATCH):
            with self._translated_errors(writing=False):
                response = self.client.get_tweets(
                    ids=ids[start : start + LOOKUP_BATCH],
                    tweet_fields=["public_metrics"],
                    user_auth=False,
                )
            taken_at = self.clock()
            for tweet in response.data or []:
                counts = tweet.public_metrics or {}
                snapshots.append(
                    MetricSnapshot(
                        remote_id=str(tweet.id),
                        taken_at=taken_at,
                        likes=counts.get("like_count", 0),
                        reposts=counts.get("retweet_count", counts.get("repost_count", 0)),
                        replies=counts.get("reply_count", 0),
                        quotes=counts.get("quote_count", 0),
                        impressions=counts.get("impression_count"),
                    )
                )
        return snapshots

    def verify(self) -> AccountInfo:
        """Who the token belongs to, asked every time (`accounts verify` wants a live answer).

        Raises AuthExpired, ConfigurationError or Transient.
        """
        with self._translated_errors(writing=False):
            response = self.client.get_me(user_fields=["public_metrics"], user_auth=False)
        user = response.data
        metrics = user.public_metrics or {}
        self._me = AccountInfo(
            handle=user.username,
            display_name=user.name,
            remote_id=str(user.id),
            followers=metrics.get("followers_count"),
        )
        return self._me

    def limits(self) -> PlatformLimits:
        """X's fixed limits; nothing to ask the server."""
        return PlatformLimits(
            max_characters=280,
            max_media=4,
            replies_window=REPLIES_WINDOW,
            gives_impressions=True,
            notes=(
                "280 weighted characters: links count 23, CJK and emoji 2",
                "replies come from recent search, which covers the last 7 days only",
            ),
        )

    # internals -----------------------------------------------------------------------------
    def _upload(self, item: MediaItem) -> str:
        """X's v2 media upload and alt text; tweepy's Client has no method for these yet,
        so they go through its generic `request`, which adds auth and error mapping."""
        try:
            data = item.path.read_bytes()
        except OSError as error:
            raise Rejected(
                PLATFORM, f"image {item.path} cannot be read ({error.strerror}); check the path"
            ) from None
        uploaded = self.client.request(
            "POST",
            "/2/media/upload",
            json={
                "media": base64.b64encode(data).decode("ascii"),
                "media_category": "tweet_image",
                "media_type": item.mime_type,
            },
        ).json()
        media_id = str(uploaded["data"]["id"])
        self.client.request(
            "POST",
            "/2/media/metadata",
            json={"id": media_id, "metadata": {"alt_text": {"text": item.alt_text}}},
        )
        return media_id

    def _account(self) -> AccountInfo:
        """Our account, asked once: recovery and reply collection need our user id."""
        return self._me or self.verify()

    def _handle(self) -> str:
        return self._me.handle if self._me else self.settings.handle.lstrip("@")

    @staticmethod
    def _status_url(handle: str, tweet_id: str) -> str:
        return f"https://x.com/{handle}/status/{tweet_id}"

    @contextmanager
    def _translated_errors(self, *, writing: bool) -> Iterator[None]:
        """Turn tweepy's and requests' exceptions into the connector's own kinds."""
        try:
            yield
        except tweepy.HTTPException as error:
            raise _from_http_error(error, self.settings.account_name, self.clock()) from None
        except requests.exceptions.ConnectTimeout:
            raise Transient(
                PLATFORM, f"{self.settings.server_url} did not accept a connection in time"
            ) from None
        except requests.exceptions.Timeout:
            raise Transient(
                PLATFORM,
                f"no answer from {self.settings.server_url} within "
                f"{self.settings.timeout_s:g} s; it may have been received",
                outcome_unknown=writing,
            ) from None
        except requests.exceptions.ConnectionError as error:
            refused = _never_sent(error)
            raise Transient(
                PLATFORM,
                f"connection to {self.settings.server_url} "
                + ("refused; is the server reachable?" if refused else "dropped mid-request"),
                outcome_unknown=writing and not refused,
            ) from None


def _from_http_error(error: tweepy.HTTPException, account: str, now: datetime) -> Exception:
    response = error.response
    status = response.status_code
    detail = _detail(response)
    if status == 429:
        reset_at = _reset_time(response.headers.get("x-rate-limit-reset"), now)
        return RateLimited(
            PLATFORM,
            f"rate limit reached for account {account!r}; X accepts again at "
            f"{reset_at:%H:%M:%S} UTC",
            reset_at,
        )
    if status == 402:
        return PaymentRequired(
            PLATFORM,
            f"credits exhausted for account {account!r} ({detail}); top up the X developer "
            "account, then resume the queue",
        )
    lowered = detail.lower()
    content_problem = "duplicate" in lowered or "too long" in lowered or "reply to" in lowered
    if status == 401 or (status == 403 and not content_problem):
        return AuthExpired(
            PLATFORM,
            f"X refused the access token of account {account!r} ({status}: {detail}); "
            "authorise the app again and store the new token",
        )
    if status in (400, 403, 404):
        return Rejected(PLATFORM, f"X rejected the post: {detail}")
    return Transient(PLATFORM, f"X answered {status} ({detail})")


def _detail(response: requests.Response) -> str:
    """X's own words: the problem's `detail`, or the first parameter error's message."""
    try:
        body = response.json()
    except ValueError:
        return response.reason or str(response.status_code)
    messages = [e.get("message", "") for e in body.get("errors", []) if isinstance(e, dict)]
    if body.get("title") == "Invalid Request" and messages:
        return "; ".join(m for m in messages if m)
    return str(body.get("detail") or body.get("title") or response.reason)


def _reset_time(header: str | None, now: datetime) -> datetime:
    """`x-rate-limit-reset` is Unix seconds; without it, assume X's 15-minute window."""
    if header and header.isdigit():
        return datetime.fromtimestamp(int(header), UTC)
    return now + timedelta(minutes=15)


def _replied_to(tweet: tweepy.Tweet) -> str | None:
    for reference in tweet.referenced_tweets or []:
        if reference.type == "replied_to":
            return str(reference.id)
    return None


def _never_sent(error: requests.exceptions.ConnectionError) -> bool:
    """Whether the connection failed before the request left (refused, unresolvable)."""
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, NewConnectionError)
