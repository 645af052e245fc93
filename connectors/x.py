"""X (API v2) through tweepy's `Client`.

Credentials (see `connectors.x_auth`): OAuth 1.0a user context by default, which tweepy
signs when a call passes `user_auth=True`; or an OAuth 2.0 user access token sent as
`Authorization: Bearer …` (`user_auth=self._user_auth`), refreshed before each call when it comes
from the PKCE login, fixed when configured as a plain token.

X has no idempotency key for posts. Before a retry whose outcome is unknown, `recover()`
reads our own posts since the attempt and compares content fingerprints (X rewrites links
to t.co, so links are normalised away before hashing).
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import requests
import tweepy

from connectors import shared
from connectors.base import (
    AccountInfo,
    Connector,
    ConnectorSettings,
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
    PaymentRequired,
    RateLimited,
    Rejected,
    Transient,
    UnexpectedAnswer,
)
from connectors.media_cache import MediaCache
from connectors.redaction import redact
from connectors.x_auth import OAuth2Tokens, RehostedSession

PLATFORM = "x"
OAUTH1_KEYS = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")
REPLIES_WINDOW = timedelta(days=7)
RECOVERY_MARGIN = timedelta(minutes=1)
LOOKUP_BATCH = 100
POLL_FIELDS = ["options", "voting_status", "end_datetime", "duration_minutes"]
MEDIA_LIFETIME_S = 86400
"""How long X keeps an unattached upload when its answer does not say (expires_after_secs)."""
MEDIA_MARGIN = timedelta(minutes=10)
LISTEN_PAGES = 10
"""Pages one listening call reads at most; the account's lane waits while it runs."""
LISTEN_TWEET_FIELDS = ["created_at", "author_id", "referenced_tweets", "lang", "public_metrics"]

Clock = Callable[[], datetime]


def content_fingerprint(text: str, reply_to_id: str | None = None) -> str:
    """The shared fingerprint of a tweet's words: X escapes `&`, `<`, `>` as HTML entities
    (and rewrites links to t.co, which the fingerprint leaves out), so entities are undone
    first."""
    return shared.content_fingerprint(html.unescape(text), reply_to_id)


class XConnector(Connector):
    """One X account behind the `Connector` interface."""

    identifier: ClassVar[str] = PLATFORM

    def __init__(self, settings: ConnectorSettings, *, clock: Clock = shared.utc_now) -> None:
        super().__init__(settings)
        shared.require_http_url(settings, "https://api.x.com")
        self.clock = clock
        self.auth = settings.auth or ("oauth1" if settings.credentials else "token")
        self._oauth2: OAuth2Tokens | None = None
        keys = {role: settings.credentials.get(role) for role in OAUTH1_KEYS}
        if self.auth == "oauth1":
            missing = [role for role, value in keys.items() if not value]
            if missing:
                raise ConfigurationError(
                    PLATFORM,
                    f"account {settings.account_name!r} lacks OAuth 1.0a "
                    f"{', '.join(missing)}; set the environment variables config.toml names",
                )
            self.client = tweepy.Client(**keys)
        elif self.auth == "oauth2":
            self._oauth2 = OAuth2Tokens(settings, clock)
            self.client = tweepy.Client()
        else:
            shared.require_secret(settings, "access token")
            self.client = tweepy.Client(bearer_token=settings.secret)
        self._user_auth = self.auth == "oauth1"
        self.client.session = RehostedSession(settings.server_url, settings.timeout_s)
        redact(settings.secret, *settings.credentials.values())
        self._me: AccountInfo | None = None
        self.media = MediaCache(settings, clock)

    # Connector ------------------------------------------------------------------------------
    def publish(self, post: OutgoingPost) -> RemotePost:
        """Upload media with alt text, then create the tweet (a reply when threaded).

        Raises RateLimited, AuthExpired, PaymentRequired, Rejected or Transient.
        """
        shared.require_media_fits(post, "X", self.limits().max_media)
        with self._translated_errors(writing=True):
            media_ids = [self._upload(post, item) for item in post.media] or None
            response = self.client.create_tweet(
                text=post.text,
                media_ids=media_ids,
                in_reply_to_tweet_id=post.reply_to.remote_id if post.reply_to else None,
                poll_options=list(post.poll.options) if post.poll else None,
                poll_duration_minutes=round(post.poll.duration.total_seconds() / 60)
                if post.poll
                else None,
                user_auth=self._user_auth,
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
                user_auth=self._user_auth,
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
                user_auth=self._user_auth,
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

    def fetch_mentions(
        self, marker: str | None, *, since: datetime, limit: int | None = None
    ) -> HeardPage:
        """The mentions timeline (replies and quotes that name the account among them).

        Every post returned is a paid read; retweets of mentions are read but not kept.
        Raises RateLimited, AuthExpired, PaymentRequired or Transient.
        """
        me = self._account()
        return self._listen(
            self.client.get_users_mentions, {"id": me.remote_id}, "mention", marker, since, limit
        )

    def search(
        self,
        query: ListenQuery,
        marker: str | None,
        *,
        since: datetime,
        limit: int | None = None,
    ) -> HeardPage:
        """Recent search (the last 7 days) for a hashtag or keyword query, retweets left
        out in the query itself so that they cost nothing: they are counted on the
        original (`retweet_count`).

        Raises RateLimited, AuthExpired, PaymentRequired or Transient.
        """
        text = f"#{query.text}" if query.kind == "tag" else query.text
        return self._listen(
            self.client.search_recent_tweets,
            {"query": f"{text} -is:retweet"},
            query.kind,
            marker,
            since,
            limit,
        )

    def _listen(
        self,
        method: Any,
        arguments: dict[str, str],
        via: HeardVia,
        marker: str | None,
        since: datetime,
        limit: int | None,
    ) -> HeardPage:
        """Newest first down to the marker's `since_id`; a walk cut short by `limit` or
        the page budget keeps `until_id` (the oldest read) so the next call finishes it."""
        state = json.loads(marker) if marker else {}
        me = self._account()
        bounds: dict[str, Any] = {}
        if state.get("since_id"):
            bounds["since_id"] = state["since_id"]
        else:
            window_start = self.clock() - REPLIES_WINDOW + timedelta(minutes=1)
            first = datetime.fromisoformat(state["start_time"]) if "start_time" in state else since
            bounds["start_time"] = max(first, window_start)
        if state.get("until_id"):
            bounds["until_id"] = state["until_id"]
        size = 100 if limit is None else max(10, min(100, limit))
        posts: list[HeardPost] = []
        reads, newest, oldest, finished = 0, state.get("newest"), None, False
        with self._translated_errors(writing=False):
            pages = tweepy.Paginator(
                method,
                **arguments,
                **bounds,
                tweet_fields=LISTEN_TWEET_FIELDS,
                expansions=["author_id"],
                user_fields=["username", "name"],
                max_results=size,
                user_auth=self._user_auth,
            )
            for number, page in enumerate(pages):
                tweets = page.data or []
                reads += len(tweets)
                users = {str(u.id): u for u in page.includes.get("users", [])}
                for tweet in tweets:
                    newest = max(newest or "0", str(tweet.id), key=int)
                    oldest = str(tweet.id)
                    if str(tweet.author_id) == me.remote_id or _reference(tweet, "retweeted"):
                        continue
                    posts.append(self._heard(tweet, users, via, me.remote_id))
                if not page.meta.get("next_token"):
                    finished = True
                    break
                if number + 1 >= LISTEN_PAGES or (limit is not None and reads >= limit):
                    break
            else:
                finished = True
        if finished:
            new_state = {"since_id": newest or state.get("since_id")}
        else:
            new_state = {**state, "since_id": state.get("since_id"), "until_id": oldest}
            new_state["newest"] = newest
            if not state.get("since_id"):
                new_state["start_time"] = bounds["start_time"].isoformat()
        posts.sort(key=lambda post: int(post.remote_id))
        return HeardPage(tuple(posts), json.dumps(new_state), reads)

    def _heard(
        self, tweet: tweepy.Tweet, users: dict[str, Any], via: HeardVia, own_id: str
    ) -> HeardPost:
        author = users.get(str(tweet.author_id))
        handle = author.username if author else str(tweet.author_id)
        quoted = _reference(tweet, "quoted")
        return HeardPost(
            remote_id=str(tweet.id),
            url=self._status_url(handle, str(tweet.id)),
            via="quote" if via == "mention" and quoted else via,
            author_handle=handle,
            author_name=author.name if author else handle,
            text=html.unescape(tweet.text),
            created_at=tweet.created_at or self.clock(),
            language=tweet.lang,
            in_reply_to_id=_replied_to(tweet) or "",
            quoted_id=quoted,
            reposts=(tweet.public_metrics or {}).get("retweet_count", 0),
        )

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
                    user_auth=self._user_auth,
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

    def fetch_poll(self, remote: RemotePost) -> PollResult | None:
        """The tweet's poll through the `attachments.poll_ids` expansion.

        Raises RateLimited, AuthExpired or Transient.
        """
        with self._translated_errors(writing=False):
            response = self.client.get_tweets(
                ids=[remote.remote_id],
                expansions=["attachments.poll_ids"],
                poll_fields=POLL_FIELDS,
                user_auth=self._user_auth,
            )
        polls = (response.includes or {}).get("polls") or []
        if not response.data or not polls:
            return None
        poll = polls[0]
        options = sorted(poll.options, key=lambda option: option["position"])
        return PollResult(
            poll_id=str(poll.id),
            taken_at=self.clock(),
            options=tuple(option["label"] for option in options),
            votes=tuple(int(option.get("votes", 0)) for option in options),
            ends_at=poll.end_datetime,
            closed=poll.voting_status == "closed",
        )

    def verify(self) -> AccountInfo:
        """Who the token belongs to, asked every time (`accounts verify` wants a live answer).

        Raises AuthExpired, ConfigurationError or Transient.
        """
        with self._translated_errors(writing=False):
            response = self.client.get_me(user_fields=["public_metrics"], user_auth=self._user_auth)
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
            max_image_bytes=5 * 1024 * 1024,
            polls=True,
            max_poll_options=4,
            max_poll_option_characters=25,
            poll_duration=(timedelta(minutes=5), timedelta(days=7)),
            poll_multiple=False,
            notes=(
                "280 weighted characters: links count 23, CJK and emoji 2",
                "replies come from recent search, which covers the last 7 days only",
            ),
        )

    # internals -----------------------------------------------------------------------------
    def _upload(self, post: OutgoingPost, item: MediaItem) -> str:
        """X's v2 media upload and alt text; tweepy's Client has no method for these yet,
        so they go through its generic `request`, which adds auth and error mapping. An image
        a retry of the same delivery uploaded before is not uploaded again."""
        try:
            data = item.path.read_bytes()
        except OSError as error:
            raise Rejected(
                PLATFORM, f"image {item.path} cannot be read ({error.strerror}); check the path"
            ) from None
        key = MediaCache.key(post.idempotency_key, item, data)
        if (known := self.media.get(key)) is not None:
            return str(known)
        uploaded = self.client.request(
            "POST",
            "/2/media/upload",
            user_auth=self._user_auth,
            json={
                "media": base64.b64encode(data).decode("ascii"),
                "media_category": "tweet_image",
                "media_type": item.mime_type,
            },
        ).json()
        media_id = str(uploaded["data"]["id"])
        lifetime = int(uploaded["data"].get("expires_after_secs") or MEDIA_LIFETIME_S)
        self.client.request(
            "POST",
            "/2/media/metadata",
            user_auth=self._user_auth,
            json={"id": media_id, "metadata": {"alt_text": {"text": item.alt_text}}},
        )
        self.media.put(key, media_id, timedelta(seconds=lifetime) - MEDIA_MARGIN)
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
        """Turn tweepy's and requests' exceptions into the connector's own kinds.

        Also where an OAuth 2.0 token is refreshed, when it is about to run out.
        """
        if self._oauth2 is not None:
            self.client.bearer_token = self._oauth2.access_token()
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
            refused = shared.never_sent(error)
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
    return _reference(tweet, "replied_to")


def _reference(tweet: tweepy.Tweet, kind: str) -> str | None:
    """The id of the tweet this one replies to, quotes or retweets (`kind`), if any."""
    for reference in tweet.referenced_tweets or []:
        if reference.type == kind:
            return str(reference.id)
    return None
