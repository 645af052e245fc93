"""A local Mastodon instance for tests and the demo: the API subset Leuchtturm's connector uses.

Endpoints, parameters, status codes, error bodies and rate-limit headers follow Mastodon
4.3 as Mastodon.py 2.3.3 calls it: statuses (form or JSON, Idempotency-Key), context,
two-step media upload (v2, processed on a later GET), verify_credentials, account
statuses, mention and quote notifications, hashtag timelines, status search (only with
`full_text_search`, as on an instance with Elasticsearch) and both instance documents.
Lists page by `max_id`, `since_id` and `min_id` and carry Mastodon's `Link` header. Any
non-empty bearer token logs in as its own account; `handles` names the accounts of known
tokens. `version` below 4.0 plays an older instance without /api/v2/instance.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import quote, unquote, urlencode

from sandbox.audience import AudienceSimulator
from sandbox.faults import Fault, FaultInjector
from sandbox.mastodon.records import (
    DESCRIPTION_LIMIT,
    IMAGE_MIME_TYPES,
    MAX_MEDIA_ATTACHMENTS,
    MEDIA_FILES,
    POLLS_CONFIGURATION,
    Account,
    Media,
    Poll,
    Status,
    account_json,
    credential_account_json,
    instance_v1_json,
    instance_v2_json,
    iso,
    media_json,
    poll_json,
    snowflake,
    status_json,
)
from sandbox.mastodon.text import countable_length
from sandbox.picture import container_photo
from sandbox.poll_votes import tally
from sandbox.server import (
    Clock,
    SandboxRequest,
    SandboxResponse,
    SandboxServer,
    route,
    search_terms,
    utc_now,
)

IDEMPOTENCY_TTL = timedelta(hours=1)
TAG_PATTERN = re.compile(r"(?<![\w#])#(\w+)")
MENTION_PATTERN = re.compile(r"(?<![\w@])@(\w+)")
RATE_LIMIT = 300
RATE_PERIOD_S = 300
DEFAULT_PAGE = 20
MAX_PAGE = 40
NOT_FOUND = "Record not found"
REPLY_TARGET_MISSING = "The post you are trying to reply to does not appear to exist."


@dataclass
class _RateWindow:
    """Requests of one token in Mastodon's fixed 5-minute window (rack-attack style)."""

    index: int
    limit: int
    used: int = 0

    def headers(self) -> dict[str, str]:
        reset = datetime.fromtimestamp((self.index + 1) * RATE_PERIOD_S, UTC)
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(self.limit - self.used, 0)),
            "X-RateLimit-Reset": iso(reset),
        }


class MastodonSandbox(SandboxServer):
    """Mastodon's REST API in memory, on 127.0.0.1."""

    platform = "mastodon"

    def __init__(
        self,
        *,
        audience: AudienceSimulator | None = None,
        faults: FaultInjector | None = None,
        clock: Clock = utc_now,
        max_characters: int = 500,
        domain: str = "sandbox.social",
        handles: Mapping[str, str] | None = None,
        media_processing_polls: int = 1,
        followers: int = 1200,
        rate_limit: int = RATE_LIMIT,
        version: str = "4.3.0",
        full_text_search: bool = False,
    ) -> None:
        super().__init__(faults=faults, clock=clock)
        self.audience = audience
        self.max_characters = max_characters
        self.domain = domain
        self.handles = dict(handles or {})
        self.media_processing_polls = media_processing_polls
        self.followers = followers
        self.rate_limit = rate_limit
        self.version = version
        self.full_text_search = full_text_search
        self.accounts: dict[str, Account] = {}
        self.statuses: dict[str, Status] = {}
        self.media: dict[str, Media] = {}
        self._token_accounts: dict[str, str] = {}
        self._idempotency: dict[tuple[str, str], tuple[str, datetime]] = {}
        self._audience_keys: set[str] = set()
        self._windows: dict[str, _RateWindow] = {}
        self._sequence = itertools.count(1)

    # test helpers ---------------------------------------------------------------------
    def reset(self) -> None:
        """Forget every account, status, upload, key and rate window (between tests)."""
        with self.lock:
            for table in (self.accounts, self.statuses, self.media, self._token_accounts):
                table.clear()
            self._idempotency.clear()
            self._audience_keys.clear()
            self._windows.clear()
            self.restart_public()

    def add_reply(self, post_id: str, author: str, text: str) -> str:
        """Let `author` (a username) reply to a status, as a follower would; returns its id."""
        with self.lock:
            parent = self.statuses[post_id]
            account = self._account_named(author, author)
            reply = self._new_status(account, text, self.clock(), parent=parent)
            return reply.id

    def name_account(self, token: str, handle: str) -> None:
        """The account `token` logs in as gets this username (instead of `user_<hash>`)."""
        with self.lock:
            self.handles[token] = handle

    def statuses_of(self, username: str) -> list[Status]:
        """Every status `username` wrote, oldest first (what tests count)."""
        with self.lock:
            return [
                s
                for s in self.statuses.values()
                if self.accounts[s.account_id].username == username
            ]

    # platform hooks ---------------------------------------------------------------------
    def rate_limited(self, fault: Fault, now: datetime) -> SandboxResponse:
        reset = now + timedelta(seconds=fault.retry_after_s)
        headers = {
            "X-RateLimit-Limit": str(self.rate_limit),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": iso(reset),
        }
        return SandboxResponse.json({"error": "Too many requests"}, 429, headers)

    def unauthorized(self) -> SandboxResponse:
        return self.error(401, "The access token is invalid")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        """Mastodon.py keeps connections alive; without TCP_NODELAY a split write costs a
        delayed ACK (40 ms) per call."""
        handler = super()._handler_class()
        handler.disable_nagle_algorithm = True
        return handler

    def dispatch(self, request: SandboxRequest) -> SandboxResponse:
        """Count the token's request in its window and answer 429 beyond the limit."""
        token = request.bearer_token
        window = self._consume(token) if token else None
        if window is not None and window.used > window.limit:
            return SandboxResponse.json({"error": "Too many requests"}, 429, window.headers())
        response = super().dispatch(request)
        if window is not None and "X-RateLimit-Reset" not in response.headers:
            response.headers.update(window.headers())
        return response

    # instance -----------------------------------------------------------------------------
    @route("GET", r"/api/v1/instance/?")
    def instance_v1(self, request: SandboxRequest) -> SandboxResponse:
        return SandboxResponse.json(
            instance_v1_json(self.domain, self.max_characters, self.version)
        )

    @route("GET", r"/api/v2/instance/?")
    def instance_v2(self, request: SandboxRequest) -> SandboxResponse:
        if int(self.version.split(".")[0]) < 4:
            return self.error(404, NOT_FOUND)  # /api/v2/instance came with Mastodon 4.0
        return SandboxResponse.json(
            instance_v2_json(self.domain, self.max_characters, self.version)
        )

    # accounts -----------------------------------------------------------------------------
    @route("GET", r"/api/v1/accounts/verify_credentials")
    def verify_credentials(self, request: SandboxRequest) -> SandboxResponse:
        me = self._caller(request)
        if me is None:
            return self.unauthorized()
        return SandboxResponse.json(
            credential_account_json(me, self.domain, len(self._statuses_by(me.id)))
        )

    @route("GET", r"/api/v1/accounts/(?P<account_id>\d+)/statuses")
    def account_statuses(self, request: SandboxRequest) -> SandboxResponse:
        account = self.accounts.get(request.path_params["account_id"])
        if account is None:
            return self.error(404, NOT_FOUND)
        self._materialise_audience()
        statuses = sorted(self._statuses_by(account.id), key=_id_order, reverse=True)
        if request.param("exclude_replies") in ("true", "1"):
            statuses = [s for s in statuses if s.in_reply_to_id is None]
        try:
            page = _page(statuses, request)
        except ValueError as problem:
            return self.error(400, str(problem))
        return SandboxResponse.json([self._status_json(s) for s in page])

    # statuses -----------------------------------------------------------------------------
    @route("POST", r"/api/v1/statuses")
    def post_status(self, request: SandboxRequest) -> SandboxResponse:
        me = self._caller(request)
        if me is None:
            return self.unauthorized()
        fields = _status_fields(request)
        now = self.clock()
        key = request.headers.get("Idempotency-Key")
        if key:
            earlier = self._idempotency.get((me.id, key))
            if earlier is not None and now - earlier[1] < IDEMPOTENCY_TTL:
                return SandboxResponse.json(self._status_json(self.statuses[earlier[0]]))
        parent = None
        if fields.in_reply_to_id:
            parent = self.statuses.get(fields.in_reply_to_id)
            if parent is None:
                return self.error(404, REPLY_TARGET_MISSING)
        problem = self._status_problem(me, fields)
        if problem is not None:
            return self.error(422, problem)
        status = self._new_status(me, fields.text, now, parent=parent, language=fields.language)
        status.spoiler_text = fields.spoiler_text
        status.tags = TAG_PATTERN.findall(fields.text)
        status.mention_names = MENTION_PATTERN.findall(fields.text)
        if fields.poll is not None:
            options, expires_in, multiple, hide_totals = fields.poll
            status.poll = Poll(
                id=snowflake(now, next(self._sequence)),
                options=options,
                created_at=now,
                expires_at=now + timedelta(seconds=expires_in),
                multiple=multiple,
                hide_totals=hide_totals,
            )
        for media_id in fields.media_ids:
            self.media[media_id].status_id = status.id
        status.media_ids = list(fields.media_ids)
        if key:
            self._idempotency[(me.id, key)] = (status.id, now)
        return SandboxResponse.json(self._status_json(status))

    @route("GET", r"/api/v1/statuses/(?P<status_id>\d+)")
    def get_status(self, request: SandboxRequest) -> SandboxResponse:
        self._materialise_audience()
        status = self.statuses.get(request.path_params["status_id"])
        if status is None:
            return self.error(404, NOT_FOUND)
        return SandboxResponse.json(self._status_json(status))

    @route("GET", r"/api/v1/statuses/(?P<status_id>\d+)/context")
    def status_context(self, request: SandboxRequest) -> SandboxResponse:
        self._materialise_audience()
        status = self.statuses.get(request.path_params["status_id"])
        if status is None:
            return self.error(404, NOT_FOUND)
        ancestors: list[Status] = []
        parent_id = status.in_reply_to_id
        while parent_id is not None and parent_id in self.statuses:
            ancestors.insert(0, self.statuses[parent_id])
            parent_id = self.statuses[parent_id].in_reply_to_id
        return SandboxResponse.json(
            {
                "ancestors": [self._status_json(s) for s in ancestors],
                "descendants": [self._status_json(s) for s in self._descendants(status.id)],
            }
        )

    # polls --------------------------------------------------------------------------------
    @route("GET", r"/api/v1/polls/(?P<poll_id>\d+)")
    def get_poll(self, request: SandboxRequest) -> SandboxResponse:
        wanted = request.path_params["poll_id"]
        for status in self.statuses.values():
            if status.poll is not None and status.poll.id == wanted:
                return SandboxResponse.json(self._poll_json(status))
        return self.error(404, NOT_FOUND)

    def _poll_json(self, status: Status) -> dict[str, Any]:
        poll = status.poll
        assert poll is not None
        now = self.clock()
        if self.audience is None:
            votes, voters = tuple(0 for _ in poll.options), 0
        else:
            pace = self.audience.pace
            counted = tally(
                self.audience.seed,
                status.id,
                status.text,
                poll.options,
                age=(min(now, poll.expires_at) - poll.created_at) * pace,
                duration=poll.expires_at - poll.created_at,
                multiple=poll.multiple,
            )
            votes, voters = counted.votes, counted.voters
        return poll_json(poll, votes=votes, voters=voters, now=now)

    # media --------------------------------------------------------------------------------
    @route("POST", r"/api/v2/media")
    def upload_media(self, request: SandboxRequest) -> SandboxResponse:
        me = self._caller(request)
        if me is None:
            return self.unauthorized()
        fields, files = request.multipart()
        upload = files.get("file")
        if upload is None or not upload.data:
            return self.error(422, "Validation failed: File can't be blank")
        if upload.content_type not in IMAGE_MIME_TYPES:
            return self.error(
                422,
                "Validation failed: File content type is invalid, File file type is invalid",
            )
        description = fields.get("description")
        if description is not None and len(description) > DESCRIPTION_LIMIT:
            return self.error(
                422,
                "Validation failed: Description is too long "
                f"(maximum is {DESCRIPTION_LIMIT} characters)",
            )
        media = Media(
            id=snowflake(self.clock(), next(self._sequence)),
            account_id=me.id,
            mime_type=upload.content_type,
            description=description,
            polls_left=self.media_processing_polls,
        )
        self.media[media.id] = media
        status = 200 if media.processed else 202
        return SandboxResponse.json(media_json(media, self.url), status)

    @route("GET", r"/api/v1/media/(?P<media_id>\d+)")
    def get_media(self, request: SandboxRequest) -> SandboxResponse:
        me = self._caller(request)
        if me is None:
            return self.unauthorized()
        media = self.media.get(request.path_params["media_id"])
        if media is None or media.account_id != me.id:
            return self.error(404, NOT_FOUND)
        media.polls_left -= 1
        return SandboxResponse.json(media_json(media, self.url), 200 if media.processed else 206)

    @route("GET", MEDIA_FILES + r"/(?P<media_id>\d+)/(?:original|small)/image\.png")
    def media_file(self, request: SandboxRequest) -> SandboxResponse:
        """The file behind an attachment's url, public as on an instance: every picture is
        the container photo (uploads are not kept)."""
        media = self.media.get(request.path_params["media_id"])
        if media is None or not media.processed:
            return self.error(404, NOT_FOUND)
        return SandboxResponse(200, container_photo(), {"Content-Type": "image/png"})

    # notifications ------------------------------------------------------------------------
    @route("GET", r"/api/v1/notifications")
    def notifications(self, request: SandboxRequest) -> SandboxResponse:
        """Mentions (replies and posts naming the account) and quotes of its statuses."""
        me = self._caller(request)
        if me is None:
            return self.unauthorized()
        types = request.params("types") or ["mention", "quote"]
        self._materialise_audience()
        found: list[tuple[str, Status]] = []
        for status in self.statuses.values():
            if status.account_id == me.id:
                continue
            quoted = self.statuses.get(status.quote_id or "")
            if "quote" in types and quoted is not None and quoted.account_id == me.id:
                found.append(("quote", status))
            elif "mention" in types and (
                status.in_reply_to_account_id == me.id or me.username in status.mention_names
            ):
                found.append(("mention", status))
        found.sort(key=lambda item: _id_order(item[1]), reverse=True)
        by_id = {status.id: kind for kind, status in found}
        try:
            page = _page([status for _kind, status in found], request)
        except ValueError as problem:
            return self.error(400, str(problem))
        return SandboxResponse.json(
            [
                {
                    "id": s.id,
                    "type": by_id[s.id],
                    "created_at": iso(s.created_at),
                    "group_key": f"ungrouped-{s.id}",
                    "account": self._account_json(self.accounts[s.account_id]),
                    "status": self._status_json(s),
                }
                for s in page
            ],
            headers=_link_header(request, page),
        )

    # listening ----------------------------------------------------------------------------
    @route("GET", r"/api/v1/timelines/tag/(?P<hashtag>[^/]+)")
    def tag_timeline(self, request: SandboxRequest) -> SandboxResponse:
        """Public statuses carrying the hashtag, newest first (no boosts, as Mastodon)."""
        wanted = unquote(request.path_params["hashtag"]).lower()
        self._materialise_audience()
        tagged = sorted(
            (s for s in self.statuses.values() if wanted in (t.lower() for t in s.tags)),
            key=_id_order,
            reverse=True,
        )
        try:
            page = _page(tagged, request)
        except ValueError as problem:
            return self.error(400, str(problem))
        return SandboxResponse.json(
            [self._status_json(s) for s in page], headers=_link_header(request, page)
        )

    @route("GET", r"/api/v2/search")
    def search(self, request: SandboxRequest) -> SandboxResponse:
        """Statuses matching every word and "phrase" of `q`, only with full-text search;
        without it Mastodon finds statuses by URL only, so the list stays empty."""
        if self._caller(request) is None:
            return self.unauthorized()
        query = (request.param("q") or "").strip()
        if not query:
            return self.error(400, "Validation failed: q is missing")
        kinds = request.param("type")
        statuses: list[Status] = []
        if self.full_text_search and kinds in (None, "statuses"):
            self._materialise_audience()
            terms = search_terms(query)
            statuses = sorted(
                (s for s in self.statuses.values() if all(t in s.text.lower() for t in terms)),
                key=_id_order,
                reverse=True,
            )
        try:
            page = _page(statuses, request)
        except ValueError as problem:
            return self.error(400, str(problem))
        return SandboxResponse.json(
            {"accounts": [], "statuses": [self._status_json(s) for s in page], "hashtags": []}
        )

    # state --------------------------------------------------------------------------------
    def _caller(self, request: SandboxRequest) -> Account | None:
        token = request.bearer_token
        if token is None:
            return None
        account_id = self._token_accounts.get(token)
        if account_id is None:
            digest = hashlib.sha256(token.encode()).hexdigest()[:8]
            username = self.handles.get(token, f"user_{digest}")
            account = self._account_named(username, username.replace("_", " ").title())
            account.followers_count = self.followers
            account_id = self._token_accounts[token] = account.id
        return self.accounts[account_id]

    def _account_named(self, username: str, display_name: str) -> Account:
        for account in self.accounts.values():
            if account.username == username:
                return account
        account = Account(
            id=str(100000 + len(self.accounts) + 1),
            username=username,
            display_name=display_name,
            created_at=self.clock(),
        )
        self.accounts[account.id] = account
        return account

    def _new_status(
        self,
        account: Account,
        text: str,
        created_at: datetime,
        *,
        parent: Status | None,
        language: str | None = None,
        from_api: bool = True,
    ) -> Status:
        status = Status(
            id=snowflake(created_at, next(self._sequence)),
            account_id=account.id,
            text=text,
            created_at=created_at,
            language=language,
            in_reply_to_id=parent.id if parent else None,
            in_reply_to_account_id=parent.account_id if parent else None,
            from_api=from_api,
        )
        self.statuses[status.id] = status
        return status

    def _status_problem(self, me: Account, fields: _StatusFields) -> str | None:
        """Mastodon's validation messages for a status it refuses with 422."""
        if len(fields.media_ids) > MAX_MEDIA_ATTACHMENTS:
            return f"Cannot attach more than {MAX_MEDIA_ATTACHMENTS} files"
        missing = [
            media_id
            for media_id in fields.media_ids
            if (media := self.media.get(media_id)) is None
            or media.account_id != me.id
            or media.status_id is not None
        ]
        if missing:
            return f"Media {', '.join(missing)} not found or already attached to another post"
        if any(not self.media[media_id].processed for media_id in fields.media_ids):
            return "Cannot attach files that have not finished processing. Try again in a moment!"
        if not fields.text.strip() and not fields.media_ids:
            return "Validation failed: Text can't be blank"
        if fields.poll is not None and (poll_problem := _poll_problem(fields)):
            return poll_problem
        if countable_length(fields.text, fields.spoiler_text) > self.max_characters:
            return f"Validation failed: Text character limit of {self.max_characters} exceeded"
        return None

    def _statuses_by(self, account_id: str) -> list[Status]:
        return [s for s in self.statuses.values() if s.account_id == account_id]

    def _descendants(self, status_id: str) -> list[Status]:
        """Replies below a status, depth first in creation order, as Mastodon lists them."""
        children = sorted(
            (s for s in self.statuses.values() if s.in_reply_to_id == status_id), key=_id_order
        )
        found: list[Status] = []
        for child in children:
            found.append(child)
            found.extend(self._descendants(child.id))
        return found

    def _materialise_audience(self) -> None:
        """Turn the audience's replies and public posts that are due into statuses
        (deterministic, lazily)."""
        if self.audience is None:
            return
        now = self.clock()
        self._materialise_public(now)
        for post in [s for s in self.statuses.values() if s.from_api]:
            for due in self.audience.replies_due(post.id, post.text, now - post.created_at):
                if due.key in self._audience_keys:
                    continue
                self._audience_keys.add(due.key)
                author = self._account_named(due.author_handle.lstrip("@"), due.author_name)
                self._new_status(
                    author,
                    due.text,
                    post.created_at + due.delay,
                    parent=post,
                    language=due.language,
                    from_api=False,
                )

    def _materialise_public(self, now: datetime) -> None:
        """The audience's own posts up to now: hashtags, mentions of the account, quotes of
        its newest status, now and then a photo with its alt text."""
        assert self.audience is not None
        due = self.audience.public_count(now - self.public_started)
        mention = self.audience.mention_handle
        while self.public_done < due:
            post = self.audience.public_post(self.public_done)
            self.public_done += 1
            created_at = self.public_started + post.at
            author = self._account_named(post.author_handle, post.author_name)
            status = self._new_status(
                author, post.text, created_at, parent=None, language=post.language,
                from_api=False,
            )
            status.tags = [post.tag] if post.tag else []
            status.mention_names = [mention] if post.mentions else []
            status.reblogs = post.reposts
            if post.quotes:
                ours = [s for s in self.statuses.values() if s.from_api]
                status.quote_id = max(ours, key=_id_order).id if ours else None
            if post.image:
                media = Media(
                    id=snowflake(created_at, next(self._sequence)),
                    account_id=author.id,
                    mime_type="image/png",
                    description="Foto: der Container der Aktionswoche auf dem Friedensplatz",
                    polls_left=0,
                    status_id=status.id,
                )
                self.media[media.id] = media
                status.media_ids = [media.id]

    def _consume(self, token: str) -> _RateWindow:
        index = int(self.clock().timestamp() // RATE_PERIOD_S)
        with self.lock:
            window = self._windows.get(token)
            if window is None or window.index != index:
                window = self._windows[token] = _RateWindow(index, self.rate_limit)
            window.used += 1
            return window

    def _account_json(self, account: Account) -> dict[str, Any]:
        return account_json(account, self.domain, len(self._statuses_by(account.id)))

    def _status_json(self, status: Status, *, nested: bool = False) -> dict[str, Any]:
        account = self.accounts[status.account_id]
        direct_replies = sum(1 for s in self.statuses.values() if s.in_reply_to_id == status.id)
        reblogs, favourites = status.reblogs, 0
        if self.audience is not None and status.from_api:
            engagement = self.audience.engagement_at(
                status.id, status.text, self.clock() - status.created_at
            )
            reblogs, favourites = engagement.reposts, engagement.likes
        return status_json(
            status,
            account=self._account_json(account),
            media=[media_json(self.media[m], self.url) for m in status.media_ids],
            counts=(direct_replies, reblogs, favourites),
            domain=self.domain,
            username=account.username,
            mentions=[
                {
                    "id": named.id,
                    "username": named.username,
                    "acct": named.username,
                    "url": f"https://{self.domain}/@{named.username}",
                }
                for name in status.mention_names
                if (named := self._known_account(name)) is not None
            ],
            quoted=self._status_json(quoted, nested=True)
            if not nested and (quoted := self.statuses.get(status.quote_id or "")) is not None
            else None,
            poll=self._poll_json(status) if status.poll is not None else None,
        )

    def _known_account(self, username: str) -> Account | None:
        return next((a for a in self.accounts.values() if a.username == username), None)


PollFields = tuple[tuple[str, ...], int, bool, bool]
"""(options, expires_in seconds, multiple, hide_totals) as a status request gives them."""


@dataclass(frozen=True)
class _StatusFields:
    text: str
    in_reply_to_id: str | None
    media_ids: tuple[str, ...]
    language: str | None
    spoiler_text: str = ""
    poll: PollFields | None = None


def _poll_problem(fields: _StatusFields) -> str | None:
    """Mastodon's PollValidator and the status validator's poll rules."""
    assert fields.poll is not None
    options, expires_in, _, _ = fields.poll
    limits = POLLS_CONFIGURATION
    if fields.media_ids:
        return "Validation failed: Media attachments cannot be combined with a poll"
    if len(options) < 2:
        return "Validation failed: Poll must have at least 2 options"
    if len(options) > limits["max_options"]:
        return f"Validation failed: Poll cannot have more than {limits['max_options']} options"
    if any(len(option) > limits["max_characters_per_option"] for option in options):
        return "Validation failed: Poll options must not be longer than " + (
            f"{limits['max_characters_per_option']} characters"
        )
    if len(set(options)) < len(options):
        return "Validation failed: Poll options must not contain duplicates"
    if expires_in < limits["min_expiration"]:
        return "Validation failed: Poll duration is too short"
    if expires_in > limits["max_expiration"]:
        return "Validation failed: Poll duration is too long"
    return None


def _poll_fields(body: dict[str, Any]) -> PollFields | None:
    poll = body.get("poll")
    if not isinstance(poll, dict):
        return None
    return (
        tuple(str(option) for option in poll.get("options") or ()),
        int(poll.get("expires_in") or 0),
        bool(poll.get("multiple")),
        bool(poll.get("hide_totals")),
    )


def _form_poll_fields(request: SandboxRequest) -> PollFields | None:
    options = request.params("poll[options][]")
    if not options:
        return None
    return (
        tuple(options),
        int(request.param("poll[expires_in]") or 0),
        request.param("poll[multiple]") in ("true", "1"),
        request.param("poll[hide_totals]") in ("true", "1"),
    )


def _status_fields(request: SandboxRequest) -> _StatusFields:
    """POST /api/v1/statuses parameters, from a form or a JSON body alike."""
    if request.headers.get_content_type() == "application/json":
        body = request.json()
        media_ids = tuple(str(m) for m in body.get("media_ids") or ())
        reply_to = body.get("in_reply_to_id")
        return _StatusFields(
            text=str(body.get("status") or ""),
            in_reply_to_id=str(reply_to) if reply_to else None,
            media_ids=media_ids,
            language=body.get("language"),
            spoiler_text=str(body.get("spoiler_text") or "").strip(),
            poll=_poll_fields(body),
        )
    return _StatusFields(
        text=request.param("status") or "",
        in_reply_to_id=request.param("in_reply_to_id") or None,
        media_ids=tuple(request.params("media_ids")),
        language=request.param("language"),
        spoiler_text=(request.param("spoiler_text") or "").strip(),
        poll=_form_poll_fields(request),
    )


def _id_order(status: Status) -> int:
    return int(status.id)


def _page(statuses: list[Status], request: SandboxRequest) -> list[Status]:
    """Apply `max_id`, `since_id`, `min_id` and `limit` to statuses sorted newest first."""
    limit_text = request.param("limit") or str(DEFAULT_PAGE)
    if not limit_text.isdigit():
        raise ValueError(f"limit must be a number, got {limit_text!r}")
    limit = min(max(int(limit_text), 1), MAX_PAGE)
    max_id, since_id, min_id = (request.param(name) for name in ("max_id", "since_id", "min_id"))
    selected = [
        s
        for s in statuses
        if (max_id is None or int(s.id) < int(max_id))
        and (since_id is None or int(s.id) > int(since_id))
        and (min_id is None or int(s.id) > int(min_id))
    ]
    if min_id is not None:
        return selected[-limit:]
    return selected[:limit]


def _link_header(request: SandboxRequest, page: list[Status]) -> dict[str, str]:
    """Mastodon's `Link: <…max_id=…>; rel="next", <…min_id=…>; rel="prev"` for a page."""
    if not page:
        return {}
    base = re.sub(r"\?.*$", "", request.url)
    kept = {
        name: values[0]
        for name, values in request.query.items()
        if name not in ("max_id", "since_id", "min_id") and values
    }

    def link(name: str, value: str) -> str:
        return f"{base}?{urlencode({**kept, name: value}, quote_via=quote)}"

    return {
        "Link": f'<{link("max_id", page[-1].id)}>; rel="next", '
        f'<{link("min_id", page[0].id)}>; rel="prev"'
    }
