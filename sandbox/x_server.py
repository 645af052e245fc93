"""A local stand-in for the subset of X API v2 that `connectors.x` uses through tweepy.

Paths, parameters, JSON shapes, status codes, problem bodies and the `x-rate-limit-*`
headers follow X's documentation; the response shapes are checked against the official X
SDK's pydantic models (`xdk`) in the tests. X's current OpenAPI spec renames a few fields
that X's documentation and tweepy still use (`referenced_tweets` → `referenced_posts`,
`retweet_count` → `repost_count`, …); the sandbox speaks the documented names tweepy
reads, and the schema tests translate them before validating.

Callers sign in as X's documentation says (see `sandbox.x.credentials`): OAuth 1.0a
signatures are verified for registered keys; OAuth 2.0 tokens are issued at
`POST /2/oauth2/token` after `GET /i/oauth2/authorize` (approved at once), expire after
two hours and rotate their refresh token; any other bearer token acts as our account.

State lives in memory under the server lock: our account's tweets, uploaded media,
replies (added by tests or materialised lazily from the audience simulator) and
per-caller rate-limit windows.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import shlex
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode

import regex as re
from twitter_text import parse_tweet

from sandbox.faults import Fault, FaultInjector
from sandbox.poll_votes import tally
from sandbox.server import (
    Clock,
    SandboxRequest,
    SandboxResponse,
    SandboxServer,
    route,
    utc_now,
)
from sandbox.x import problems
from sandbox.x.credentials import Credentials
from sandbox.x.records import (
    RateWindow,
    XMedia,
    XPoll,
    XTweet,
    XUser,
    format_time,
    shorten_links,
    snowflake,
)
from sandbox.x.vocabulary import (
    DEFAULT_RATE_LIMITS,
    EXPANSIONS,
    MAX_ALT_TEXT,
    MAX_IMAGE_BYTES,
    MAX_MEDIA_PER_TWEET,
    MAX_WEIGHTED_LENGTH,
    POLL_FIELDS,
    POLL_MINUTES,
    POLL_OPTION_CHARACTERS,
    POLL_OPTIONS,
    RATE_WINDOW,
    RECENT_SEARCH_WINDOW,
    TWEET_FIELDS,
    USER_FIELDS,
)

if TYPE_CHECKING:
    from sandbox.audience import AudienceSimulator


@dataclass
class _Store:
    users: dict[str, XUser] = field(default_factory=dict)
    tweets: dict[str, XTweet] = field(default_factory=dict)
    media: dict[str, XMedia] = field(default_factory=dict)
    audience_keys: set[str] = field(default_factory=set)
    windows: dict[tuple[str, str], RateWindow] = field(default_factory=dict)


class XSandbox(SandboxServer):
    """X API v2 on 127.0.0.1: any non-empty bearer token acts as our account."""

    platform: ClassVar[str] = "x"

    def __init__(
        self,
        *,
        audience: AudienceSimulator | None = None,
        faults: FaultInjector | None = None,
        clock: Clock = utc_now,
        user_id: str = "1590000000000000001",
        username: str = "todo_dortmund",
        name: str = "to:do – Dortmunds neue Arbeit",
        followers: int = 2300,
        rate_limits: dict[str, int] | None = None,
    ) -> None:
        super().__init__(faults=faults, clock=clock)
        self.audience = audience
        self.rate_limits = {**DEFAULT_RATE_LIMITS, **(rate_limits or {})}
        self.account = XUser(user_id, username, name, followers)
        self._store = _Store(users={user_id: self.account})
        self._sequence = 0
        self.credentials = Credentials()

    def register_oauth1(
        self, consumer_key: str, consumer_secret: str, access_token: str, access_token_secret: str
    ) -> None:
        """Accept requests signed with these OAuth 1.0a keys as our account."""
        with self.lock:
            self.credentials.consumers[consumer_key] = consumer_secret
            self.credentials.user_tokens[access_token] = access_token_secret

    # inspection and test helpers ------------------------------------------------------
    def reset(self) -> None:
        """Forget every tweet, upload, reply, rate window and credential; keep running."""
        with self.lock:
            self._store = _Store(users={self.account.id: self.account})
            self.credentials = Credentials()
            self.request_log.clear()
            self.restart_public()

    def own_tweets(self) -> list[XTweet]:
        """Our account's tweets, oldest first (what an exactly-once test counts)."""
        with self.lock:
            return sorted(
                (t for t in self._store.tweets.values() if t.author_id == self.account.id),
                key=lambda t: int(t.id),
            )

    def media_alt_text(self, media_id: str) -> str | None:
        """The alt text stored for an uploaded image."""
        with self.lock:
            return self._store.media[media_id].alt_text

    def add_reply(self, post_id: str, author: str, text: str) -> str:
        """Let `author` (a username) reply to tweet `post_id` now; returns the reply's id."""
        with self.lock:
            parent = self._store.tweets[post_id]
            user = self._user_for(author, author)
            created_at = self.clock()
            reply = self._new_tweet(text, user, created_at, parent, self._next_id(created_at))
            return reply.id

    # hooks -------------------------------------------------------------------------------
    def rate_limited(self, fault: Fault, now: datetime) -> SandboxResponse:
        reset = RateWindow(limit=1, used=1, reset_at=now + timedelta(seconds=fault.retry_after_s))
        return problems.too_many_requests(reset)

    def unauthorized(self) -> SandboxResponse:
        return problems.problem(401, "Unauthorized", "Unauthorized")

    def payment_required(self) -> SandboxResponse:
        return problems.credits_depleted()

    def error(self, status: int, message: str) -> SandboxResponse:
        titles = {404: "Not Found Error", 405: "Method Not Allowed", 500: "Internal Error"}
        title = titles.get(status, "Service Unavailable" if status >= 500 else "Error")
        return problems.problem(status, title, message)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        """Send headers and body without Nagle's delay: tweepy keeps connections alive, and
        a delayed ACK on the split write would add 40 ms to every call."""
        handler = super()._handler_class()
        handler.disable_nagle_algorithm = True
        return handler

    def is_authenticated(self, request: SandboxRequest) -> bool:
        return request.bearer_token is not None or _oauth1_header(request) is not None

    def dispatch(self, request: SandboxRequest) -> SandboxResponse:
        """Check who calls and the caller's rate window before the core plays faults."""
        if request.path in OAUTH2_PATHS:
            return super().dispatch(request)
        caller = self._caller(request)
        if caller is None:
            return self.unauthorized()
        endpoint = _endpoint_of(request)
        window = self._consume(caller, endpoint) if endpoint else None
        if window is not None and window.used > window.limit:
            return problems.too_many_requests(window)
        try:
            response = super().dispatch(request)
        except problems.Refused as refused:
            response = refused.response
        if window is not None and "x-rate-limit-reset" not in response.headers:
            response.headers.update(window.headers())
        return response

    def _caller(self, request: SandboxRequest) -> str | None:
        """Whose rate windows a request counts against, or None for a 401."""
        header = _oauth1_header(request)
        with self.lock:
            if header is not None:
                form = request.body.decode("utf-8") if request.form() else None
                try:
                    token = self.credentials.verify_oauth1(
                        request.method, request.url, form, header
                    )
                except ValueError:
                    return None
                return f"oauth1:{token}"
            token = request.bearer_token
            if token is None or self.credentials.bearer_refused(token, self.clock()):
                return None
            if token in self.credentials.issued:
                return f"oauth2:{self.account.id}"
            return token

    # OAuth 2.0 -----------------------------------------------------------------------
    @route("GET", r"/i/oauth2/authorize")
    def authorize(self, request: SandboxRequest) -> SandboxResponse:
        params = {name: request.param(name) or "" for name in request.query}
        try:
            code = self.credentials.grant(params)
        except ValueError as refused:
            return problems.oauth_error("invalid_request", str(refused))
        answer = urlencode({"state": params.get("state", ""), "code": code})
        redirect = params.get("redirect_uri", "")
        separator = "&" if "?" in redirect else "?"
        return SandboxResponse(302, b"", {"Location": f"{redirect}{separator}{answer}"})

    @route("POST", r"/2/oauth2/token")
    def token(self, request: SandboxRequest) -> SandboxResponse:
        form = {name: values[0] for name, values in request.form().items()}
        client_id = _basic_client_id(request) or form.get("client_id", "")
        try:
            answer = self.credentials.exchange(form, client_id, self.clock())
        except ValueError as refused:
            return problems.oauth_error("invalid_request", str(refused))
        return SandboxResponse.json(answer)

    @property
    def refreshes(self) -> int:
        """How often a refresh token was spent."""
        with self.lock:
            return self.credentials.refreshes

    # POST /2/tweets ------------------------------------------------------------------
    @route("POST", r"/2/tweets")
    def create_tweet(self, request: SandboxRequest) -> SandboxResponse:
        body = request.json()
        text = body.get("text")
        media_ids = [str(m) for m in (body.get("media") or {}).get("media_ids", [])]
        if not isinstance(text, str) or (not text and not media_ids):
            return problems.invalid_request("text", "Text is required unless media is attached.")
        if len(media_ids) > MAX_MEDIA_PER_TWEET:
            return problems.invalid_request(
                "media.media_ids", "size must be between 1 and 4", value=media_ids
            )
        unknown = [m for m in media_ids if self._owned_media(m) is None]
        if unknown:
            return problems.invalid_request(
                "media.media_ids", "Your media IDs are invalid.", value=unknown
            )
        poll = body.get("poll")
        if poll is not None and (refusal := _poll_refusal(poll, media_ids)) is not None:
            return refusal
        if parse_tweet(text).weightedLength > MAX_WEIGHTED_LENGTH:
            return problems.forbidden(
                "Your Tweet text is too long. For more information on how X determines "
                "text length see https://github.com/twitter/twitter-text."
            )
        if any(t.submitted_text == text for t in self.own_tweets() if text):
            return problems.forbidden(
                "You are not allowed to create a Tweet with duplicate content."
            )
        parent = None
        reply_to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        if reply_to is not None:
            parent = self._store.tweets.get(str(reply_to))
            if parent is None:
                return problems.forbidden(
                    "You attempted to reply to a Tweet that is deleted or not visible to you."
                )
        now = self.clock()
        tweet = self._new_tweet(text, self.account, now, parent, self._next_id(now))
        if media_ids:
            # X appends a link to the media, as it shows it on x.com.
            media_link = shorten_links(f"https://x.com/i/media/{media_ids[0]}")
            tweet.text = f"{tweet.text} {media_link}".lstrip()
            tweet.media_keys = tuple(self._store.media[m].media_key for m in media_ids)
        if poll is not None:
            tweet.poll = XPoll(
                id=snowflake(now, self._sequence + 7),
                options=tuple(poll["options"]),
                created_at=now,
                duration_minutes=int(poll["duration_minutes"]),
            )
        return SandboxResponse.json(
            {"data": {"id": tweet.id, "text": tweet.text, "edit_history_tweet_ids": [tweet.id]}},
            201,
        )

    # GET /2/tweets -------------------------------------------------------------------
    @route("GET", r"/2/tweets")
    def tweets_lookup(self, request: SandboxRequest) -> SandboxResponse:
        ids = request.params("ids")
        if not 1 <= len(ids) <= 100:
            return problems.invalid_request(
                "ids",
                f"The number of values in the `ids` query parameter list "
                f"[{len(ids)}] is not between 1 and 100",
            )
        fields = self._fields(request)
        self._materialise_audience()
        found = [self._store.tweets[i] for i in ids if i in self._store.tweets]
        missing = [i for i in ids if i not in self._store.tweets]
        poll_fields = request.params("poll.fields")
        payload = self._tweets_payload(found, *fields, poll_fields) if found else {}
        if missing:
            payload["errors"] = [problems.not_found("ids", i) for i in missing]
        return SandboxResponse.json(payload)

    # GET /2/tweets/search/recent -----------------------------------------------------
    @route("GET", r"/2/tweets/search/recent")
    def search_recent(self, request: SandboxRequest) -> SandboxResponse:
        """Recent search: `conversation_id:<id>`, or words, "phrases", #tags and @names
        (all must match), `-is:retweet` / `is:retweet`, `lang:xx`; `since_id` and
        `start_time` bound it, newest first, paged by `next_token`."""
        query = request.param("query") or ""
        try:
            matches_query = search_query(query)
        except ValueError as problem:
            return problems.invalid_request("query", str(problem))
        now = self.clock()
        window_start = now - RECENT_SEARCH_WINDOW
        start_time = self._time_param(request, "start_time")
        if start_time is not None and start_time < window_start:
            return problems.invalid_request(
                "start_time",
                f"Invalid 'start_time':'{request.param('start_time')}'. 'start_time' must be "
                f"on or after {format_time(window_start)}",
            )
        page = self._page(request, "next_token", low=10)
        fields = self._fields(request)
        self._materialise_audience()
        since = max(start_time or window_start, window_start)
        since_id, until_id = _id_bounds(request)
        matches = [
            t
            for t in self._store.tweets.values()
            if matches_query(t, self._store.users[t.author_id].username)
            and since <= t.created_at <= now
            and since_id < int(t.id) < until_id
        ]
        return self._paginated(matches, page, "next_token", fields)

    # GET /2/users/me -------------------------------------------------------------------
    @route("GET", r"/2/users/me")
    def users_me(self, request: SandboxRequest) -> SandboxResponse:
        _, user_fields, _ = self._fields(request)
        return SandboxResponse.json({"data": self._user_json(self.account, user_fields)})

    # GET /2/users/:id/tweets ---------------------------------------------------------
    @route("GET", r"/2/users/(?P<user_id>\d+)/tweets")
    def user_tweets(self, request: SandboxRequest) -> SandboxResponse:
        user_id = request.path_params["user_id"]
        if user_id not in self._store.users:
            return SandboxResponse.json({"errors": [problems.not_found("id", user_id, "user")]})
        page = self._page(request, "pagination_token", low=5)
        fields = self._fields(request)
        start = self._time_param(request, "start_time")
        tweets = [
            t
            for t in self._store.tweets.values()
            if t.author_id == user_id and (start is None or t.created_at >= start)
        ]
        return self._paginated(tweets, page, "pagination_token", fields)

    # GET /2/users/:id/mentions -------------------------------------------------------
    @route("GET", r"/2/users/(?P<user_id>\d+)/mentions")
    def user_mentions(self, request: SandboxRequest) -> SandboxResponse:
        """Tweets naming @username, newest first, after `since_id`, by `pagination_token`."""
        user = self._store.users.get(request.path_params["user_id"])
        if user is None:
            return SandboxResponse.json(
                {"errors": [problems.not_found("id", request.path_params["user_id"], "user")]}
            )
        page = self._page(request, "pagination_token", low=5)
        fields = self._fields(request)
        self._materialise_audience()
        since_id, until_id = _id_bounds(request)
        named = re.compile(rf"(?<!\w)@{re.escape(user.username)}(?!\w)", re.IGNORECASE)
        tweets = [
            t
            for t in self._store.tweets.values()
            if t.author_id != user.id
            and since_id < int(t.id) < until_id
            and named.search(t.text)
        ]
        return self._paginated(tweets, page, "pagination_token", fields)

    # media -------------------------------------------------------------------------------
    @route("POST", r"/2/media/upload")
    def media_upload(self, request: SandboxRequest) -> SandboxResponse:
        body = request.json()
        if body.get("media_category") != "tweet_image":
            return problems.invalid_request(
                "media_category", "The sandbox accepts only `tweet_image` uploads."
            )
        try:
            data = base64.b64decode(str(body.get("media", "")), validate=True)
        except (binascii.Error, ValueError):
            return problems.invalid_request("media", "The media is not valid base64.")
        if not data:
            return problems.invalid_request("media", "The media is empty.")
        if len(data) > MAX_IMAGE_BYTES:
            return problems.invalid_request("media", "The image is larger than 5 MB.")
        now = self.clock()
        media_id = self._next_id(now)
        media = XMedia(
            media_id,
            f"3_{media_id}",
            body.get("media_type", "image/png"),
            len(data),
            self.account.id,
        )
        self._store.media[media_id] = media
        return SandboxResponse.json(
            {
                "data": {
                    "id": media.id,
                    "media_key": media.media_key,
                    "size": media.size,
                    "expires_after_secs": 86400,
                    "image": {"image_type": media.mime_type},
                }
            }
        )

    @route("POST", r"/2/media/metadata")
    def media_metadata(self, request: SandboxRequest) -> SandboxResponse:
        body = request.json()
        media = self._owned_media(str(body.get("id", "")))
        if media is None:
            return problems.invalid_request("id", "Your media ID is invalid.")
        alt = ((body.get("metadata") or {}).get("alt_text") or {}).get("text")
        if not isinstance(alt, str) or len(alt) > MAX_ALT_TEXT:
            return problems.invalid_request(
                "metadata.alt_text.text", f"Alt text must be 1 to {MAX_ALT_TEXT} characters."
            )
        media.alt_text = alt
        return SandboxResponse.json(
            {"data": {"id": media.id, "associated_metadata": {"alt_text": {"text": alt}}}}
        )

    # state helpers -----------------------------------------------------------------------
    def _next_id(self, at: datetime) -> str:
        """A snowflake-like id: ordered by time, unique per server."""
        self._sequence += 1
        return snowflake(at, self._sequence)

    def _user_for(self, username: str, name: str) -> XUser:
        for user in self._store.users.values():
            if user.username == username:
                return user
        user_id = str(10**17 + zlib.crc32(username.encode("utf-8")))
        user = XUser(user_id, username, name, followers=zlib.crc32(name.encode()) % 500)
        self._store.users[user_id] = user
        return user

    def _new_tweet(
        self, text: str, author: XUser, created_at: datetime, parent: XTweet | None, tweet_id: str
    ) -> XTweet:
        tweet = XTweet(
            id=tweet_id,
            text=shorten_links(text),
            submitted_text=text,
            author_id=author.id,
            created_at=created_at,
            conversation_id=parent.conversation_id if parent else tweet_id,
            replied_to_id=parent.id if parent else None,
            in_reply_to_user_id=parent.author_id if parent else None,
        )
        self._store.tweets[tweet_id] = tweet
        return tweet

    def _owned_media(self, media_id: str) -> XMedia | None:
        media = self._store.media.get(media_id)
        return media if media is not None and media.owner_id == self.account.id else None

    def _materialise_audience(self) -> None:
        """Turn the audience's due replies into tweets, deterministically, on every read."""
        if self.audience is None:
            return
        now = self.clock()
        self._materialise_public(now)
        for post in [t for t in self._store.tweets.values() if t.author_id == self.account.id]:
            for due in self.audience.replies_due(
                post.id, post.submitted_text, now - post.created_at
            ):
                if due.key in self._store.audience_keys:
                    continue
                self._store.audience_keys.add(due.key)
                created_at = post.created_at + due.delay
                reply_id = snowflake(created_at, zlib.crc32(due.key.encode()))
                author = self._user_for(due.author_handle.lstrip("@"), due.author_name)
                reply = self._new_tweet(due.text, author, created_at, post, reply_id)
                reply.lang = due.language or "de"

    def _materialise_public(self, now: datetime) -> None:
        """The audience's own tweets up to now: hashtags, mentions, quotes of our newest
        tweet, and their retweets (which X lists as tweets of their own)."""
        assert self.audience is not None
        due = self.audience.public_count(now - self.public_started)
        while self.public_done < due:
            post = self.audience.public_post(self.public_done)
            self.public_done += 1
            created_at = self.public_started + post.at
            author = self._user_for(post.author_handle, post.author_name)
            text = post.text
            ours = [t for t in self._store.tweets.values() if t.author_id == self.account.id]
            quoted = max(ours, key=lambda t: int(t.id)) if post.quotes and ours else None
            if quoted is not None:
                text = f"{text} https://x.com/{self.account.username}/status/{quoted.id}"
            tweet_id = snowflake(created_at, zlib.crc32(post.key.encode()))
            tweet = self._new_tweet(text, author, created_at, None, tweet_id)
            tweet.quoted_id = quoted.id if quoted else None
            for number in range(post.reposts):
                people = self.audience.community
                fan = people[(post.number * 7 + number) % len(people)]
                retweeter = self._user_for(fan.handle, fan.name)
                at = created_at + timedelta(seconds=number + 1)
                retweet_id = snowflake(at, zlib.crc32(f"{post.key}-rt{number}".encode()))
                retweet = self._new_tweet(
                    f"RT @{author.username}: {post.text}"[:140], retweeter, at, None, retweet_id
                )
                retweet.retweeted_id = tweet.id

    def _consume(self, caller: str, endpoint: str) -> RateWindow:
        now = self.clock()
        key = (hashlib.sha256(caller.encode()).hexdigest(), endpoint)
        with self.lock:
            window = self._store.windows.get(key)
            if window is None or now >= window.reset_at:
                window = RateWindow(self.rate_limits[endpoint], now + RATE_WINDOW)
                self._store.windows[key] = window
            window.used += 1
            return window

    # rendering ---------------------------------------------------------------------------
    def _fields(self, request: SandboxRequest) -> tuple[list[str], list[str], list[str]]:
        tweet_fields = request.params("tweet.fields")
        user_fields = request.params("user.fields")
        expansions = request.params("expansions")
        for name, values, allowed in (
            ("tweet.fields", tweet_fields, TWEET_FIELDS),
            ("user.fields", user_fields, USER_FIELDS),
            ("expansions", expansions, EXPANSIONS),
        ):
            invalid = [v for v in values if v not in allowed]
            if invalid:
                raise problems.Refused(problems.invalid_field(name, invalid, allowed))
        poll_fields = request.params("poll.fields")
        if invalid := [v for v in poll_fields if v not in POLL_FIELDS]:
            raise problems.Refused(problems.invalid_field("poll.fields", invalid, POLL_FIELDS))
        return tweet_fields, user_fields, expansions

    def _time_param(self, request: SandboxRequest, name: str) -> datetime | None:
        """A timestamp parameter in X's format (e.g. 2026-11-24T09:00:00Z), or a 400."""
        value = request.param(name)
        if not value:
            return None
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", value):
            raise problems.Refused(
                problems.invalid_request(
                    name, f"Invalid '{name}':'{value}'. Use YYYY-MM-DDTHH:mm:ssZ (UTC).", value
                )
            )
        return datetime.fromisoformat(value.replace("Z", "+00:00"))

    def _page(self, request: SandboxRequest, token_name: str, *, low: int) -> tuple[int, int]:
        raw = request.param("max_results", "10")
        if not (raw or "").isdigit() or not low <= int(raw or 0) <= 100:
            raise problems.Refused(
                problems.invalid_request(
                    "max_results",
                    f"The `max_results` query parameter value [{raw}] is not between {low} and 100",
                )
            )
        token = request.param(token_name)
        offset = int(token, 16) if token and re.fullmatch(r"[0-9a-f]+", token) else 0
        if token and offset == 0:
            raise problems.Refused(
                problems.invalid_request(token_name, f"The `{token_name}` is invalid.")
            )
        return int(raw or 10), offset

    def _paginated(
        self,
        tweets: list[XTweet],
        page: tuple[int, int],
        token_name: str,
        fields: tuple[list[str], list[str], list[str]],
    ) -> SandboxResponse:
        size, offset = page
        ordered = sorted(tweets, key=lambda t: int(t.id), reverse=True)
        chunk = ordered[offset : offset + size]
        payload = self._tweets_payload(chunk, *fields) if chunk else {}
        meta: dict[str, Any] = {"result_count": len(chunk)}
        if chunk:
            meta["newest_id"] = chunk[0].id
            meta["oldest_id"] = chunk[-1].id
        if offset + size < len(ordered):
            meta["next_token"] = format(offset + size, "x").rjust(16, "0")
        payload["meta"] = meta
        return SandboxResponse.json(payload)

    def _tweets_payload(
        self,
        tweets: list[XTweet],
        tweet_fields: list[str],
        user_fields: list[str],
        expansions: list[str],
        poll_fields: list[str] | None = None,
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {"data": [self._tweet_json(t, tweet_fields) for t in tweets]}
        if "attachments.poll_ids" in expansions:
            for data, tweet in zip(payload["data"], tweets, strict=True):
                if tweet.poll is not None:
                    data.setdefault("attachments", {})["poll_ids"] = [tweet.poll.id]
        includes: dict[str, Any] = {}
        user_ids: list[str] = []
        for tweet in tweets:
            if "author_id" in expansions:
                user_ids.append(tweet.author_id)
            if "in_reply_to_user_id" in expansions and tweet.in_reply_to_user_id:
                user_ids.append(tweet.in_reply_to_user_id)
        if user_ids:
            unique = dict.fromkeys(user_ids)
            includes["users"] = [self._user_json(self._store.users[u], user_fields) for u in unique]
        if "attachments.media_keys" in expansions:
            keys = {k for t in tweets for k in t.media_keys}
            media = [m for m in self._store.media.values() if m.media_key in keys]
            if media:
                includes["media"] = [_media_json(m) for m in media]
        if "attachments.poll_ids" in expansions:
            polled = [t for t in tweets if t.poll is not None]
            if polled:
                includes["polls"] = [self._poll_json(t, poll_fields) for t in polled]
        if includes:
            payload["includes"] = includes
        return payload

    def _tweet_json(self, tweet: XTweet, fields: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": tweet.id,
            "text": tweet.text,
            "edit_history_tweet_ids": [tweet.id],
        }
        if "created_at" in fields:
            data["created_at"] = format_time(tweet.created_at)
        if "author_id" in fields:
            data["author_id"] = tweet.author_id
        if "conversation_id" in fields:
            data["conversation_id"] = tweet.conversation_id
        if "in_reply_to_user_id" in fields and tweet.in_reply_to_user_id:
            data["in_reply_to_user_id"] = tweet.in_reply_to_user_id
        references = [
            {"type": kind, "id": target}
            for kind, target in (
                ("replied_to", tweet.replied_to_id),
                ("quoted", tweet.quoted_id),
                ("retweeted", tweet.retweeted_id),
            )
            if target
        ]
        if "referenced_tweets" in fields and references:
            data["referenced_tweets"] = references
        if "lang" in fields:
            data["lang"] = tweet.lang
        if "attachments" in fields and tweet.media_keys:
            data["attachments"] = {"media_keys": list(tweet.media_keys)}
        if "attachments" in fields and tweet.poll is not None:
            data.setdefault("attachments", {})["poll_ids"] = [tweet.poll.id]
        if "public_metrics" in fields:
            data["public_metrics"] = self._public_metrics(tweet)
        if "non_public_metrics" in fields and tweet.author_id == self.account.id:
            impressions = self._public_metrics(tweet)["impression_count"]
            data["non_public_metrics"] = {"impression_count": impressions}
        return data

    def _poll_json(self, tweet: XTweet, fields: list[str] | None) -> dict[str, Any]:
        """X's poll object: id and options always, the rest as `poll.fields` asks."""
        poll = tweet.poll
        assert poll is not None
        now = self.clock()
        duration = timedelta(minutes=poll.duration_minutes)
        ends = poll.created_at + duration
        votes = tuple(0 for _ in poll.options)
        if self.audience is not None:
            pace = self.audience.pace
            votes = tally(
                self.audience.seed, tweet.id, tweet.submitted_text, poll.options,
                age=(min(now, ends) - poll.created_at) * pace, duration=duration,
                multiple=False,
            ).votes
        data: dict[str, Any] = {
            "id": poll.id,
            "options": [
                {"position": position, "label": label, "votes": count}
                for position, (label, count) in enumerate(zip(poll.options, votes, strict=True), 1)
            ],
        }
        wanted = fields or []
        if "voting_status" in wanted:
            data["voting_status"] = "closed" if now >= ends else "open"
        if "end_datetime" in wanted:
            data["end_datetime"] = format_time(ends)
        if "duration_minutes" in wanted:
            data["duration_minutes"] = poll.duration_minutes
        return data

    def _public_metrics(self, tweet: XTweet) -> dict[str, int]:
        replies = sum(1 for t in self._store.tweets.values() if t.replied_to_id == tweet.id)
        likes = quotes = impressions = 0
        reposts = sum(1 for t in self._store.tweets.values() if t.retweeted_id == tweet.id)
        if self.audience is not None and tweet.author_id == self.account.id:
            engagement = self.audience.engagement_at(
                tweet.id, tweet.submitted_text, self.clock() - tweet.created_at
            )
            likes, reposts = engagement.likes, engagement.reposts
            quotes, impressions = engagement.quotes, engagement.impressions
        return {
            "retweet_count": reposts,
            "reply_count": replies,
            "like_count": likes,
            "quote_count": quotes,
            "bookmark_count": 0,
            "impression_count": impressions,
        }

    def _user_json(self, user: XUser, fields: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = {"id": user.id, "name": user.name, "username": user.username}
        if "public_metrics" in fields:
            posts = sum(1 for t in self._store.tweets.values() if t.author_id == user.id)
            data["public_metrics"] = {
                "followers_count": user.followers,
                "following_count": 0,
                "tweet_count": posts,
                "listed_count": 0,
                "like_count": 0,
                "media_count": 0,
            }
        if "created_at" in fields:
            data["created_at"] = "2022-11-01T09:00:00.000Z"
        if "protected" in fields:
            data["protected"] = False
        return data


OAUTH2_PATHS = ("/2/oauth2/token", "/i/oauth2/authorize")


def _poll_refusal(poll: Any, media_ids: list[str]) -> SandboxResponse | None:
    """X's checks of `poll`: 2–4 options of 1–25 characters, 5 to 10,080 minutes, no media."""
    options = poll.get("options") if isinstance(poll, dict) else None
    low, high = POLL_OPTIONS
    if not isinstance(options, list) or not low <= len(options) <= high:
        return problems.invalid_request("poll.options", f"size must be between {low} and {high}")
    for option in options:
        if not isinstance(option, str) or not 1 <= len(option) <= POLL_OPTION_CHARACTERS:
            return problems.invalid_request(
                "poll.options", f"size must be between 1 and {POLL_OPTION_CHARACTERS}", option
            )
    minutes = poll.get("duration_minutes")
    shortest, longest = POLL_MINUTES
    if not isinstance(minutes, int) or not shortest <= minutes <= longest:
        return problems.invalid_request(
            "poll.duration_minutes", f"must be between {shortest} and {longest}", minutes
        )
    if media_ids:
        return problems.invalid_request(
            "poll", "You can only attach one of: media, poll, quote_tweet_id, card_uri."
        )
    return None


def _oauth1_header(request: SandboxRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    return header if header.startswith("OAuth ") else None


def _basic_client_id(request: SandboxRequest) -> str | None:
    """The client id of a confidential client's `Authorization: Basic …` header."""
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        return base64.b64decode(encoded).decode("utf-8").partition(":")[0]
    except (binascii.Error, UnicodeDecodeError):
        return None


def _endpoint_of(request: SandboxRequest) -> str | None:
    """The rate-limit bucket a request counts against."""
    path, method = request.path, request.method
    if path == "/2/tweets":
        return "create_tweet" if method == "POST" else "tweets_lookup"
    if path == "/2/tweets/search/recent":
        return "search_recent"
    if path == "/2/users/me":
        return "users_me"
    if re.fullmatch(r"/2/users/\d+/tweets", path):
        return "user_tweets"
    if re.fullmatch(r"/2/users/\d+/mentions", path):
        return "user_mentions"
    if path == "/2/media/upload":
        return "media_upload"
    if path == "/2/media/metadata":
        return "media_metadata"
    return None


def _media_json(media: XMedia) -> dict[str, Any]:
    data: dict[str, Any] = {"media_key": media.media_key, "type": "photo"}
    if media.alt_text is not None:
        data["alt_text"] = media.alt_text
    return data


def _id_bounds(request: SandboxRequest) -> tuple[int, int]:
    """`since_id` and `until_id`: only tweets strictly between them."""
    since_id, until_id = request.param("since_id") or "0", request.param("until_id")
    return int(since_id), int(until_id) if until_id else 2**64


def search_query(query: str) -> Callable[[XTweet, str], bool]:
    """What a recent-search query asks, as a test of (tweet, author's username).

    Terms are ANDed: words and "phrases" match the text case-insensitively, #tag and @name
    whole words, `conversation_id:`, `lang:`, `from:` and `is:retweet` (negated with -) their
    fields. X's OR and parentheses are refused, as the connector never sends them.
    """
    try:
        parts = shlex.split(query)
    except ValueError:
        raise ValueError(f"There is an unclosed quote in the query: {query}") from None
    if not parts:
        raise ValueError("The query must not be empty.")
    if len(query) > 512:
        raise ValueError(f"The query is {len(query)} characters long; at most 512 are allowed.")
    tests: list[Callable[[XTweet, str], bool]] = []
    for part in parts:
        negated = part.startswith("-") and len(part) > 1
        term = part[1:] if negated else part
        if term == "OR" or term.startswith("("):
            raise ValueError("The sandbox does not understand OR or parentheses.")
        test = _search_term(term)
        tests.append((lambda t, u, test=test: not test(t, u)) if negated else test)
    return lambda tweet, username: all(test(tweet, username) for test in tests)


def _search_term(term: str) -> Callable[[XTweet, str], bool]:
    field_name, colon, value = term.partition(":")
    if colon and field_name == "conversation_id":
        return lambda t, u: t.conversation_id == value and t.id != value
    if colon and field_name == "lang":
        return lambda t, u: t.lang == value
    if colon and field_name == "from":
        return lambda t, u: u.lower() == value.lower()
    if colon and field_name == "is" and value == "retweet":
        return lambda t, u: t.retweeted_id is not None
    if term.startswith(("#", "@")):
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
        return lambda t, u: pattern.search(t.text) is not None
    lowered = term.lower()
    return lambda t, u: lowered in t.text.lower()
