"""One Bluesky account through the `atproto` client, behind the connector interface.

Exactly once: every post is created under a record key derived from its delivery's
idempotency key, so a retry asks for the same key and the PDS cannot store a second post;
`recover()` is a getRecord at that key. Sessions are saved and reused, refreshed when the
server calls them expired, and only then replaced by a new login with the app password,
because logins are limited to a few hundred a day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any, ClassVar, TypeVar

from atproto_client import Client, models
from atproto_client import exceptions as atproto_errors
from atproto_client.client.session import Session, SessionEvent
from atproto_client.models.blob_ref import BlobRef
from atproto_client.request import Request

from connectors import shared
from connectors.base import (
    AccountInfo,
    Connector,
    ConnectorSettings,
    HeardPage,
    ListenQuery,
    MediaItem,
    MetricSnapshot,
    OutgoingPost,
    PlatformLimits,
    RemotePost,
    RemoteReply,
)
from connectors.bluesky.failures import (
    CLIENT_FAILURES,
    PLATFORM,
    is_session_problem,
    status_of,
    translate,
    xrpc_error,
)
from connectors.bluesky.listening import heard_post, marker_since, walk_back
from connectors.bluesky.listening import parse_timestamp as _parse_timestamp
from connectors.bluesky.post_records import image_embed, mention_handle, post_record
from connectors.bluesky.record_keys import record_key_for
from connectors.bluesky.session_store import SessionStore
from connectors.errors import ConfigurationError, Rejected
from connectors.media_cache import MediaCache

POST_COLLECTION = "app.bsky.feed.post"
MAX_GRAPHEMES = 300
MAX_IMAGES = 4
MAX_IMAGE_BYTES = 1_000_000
"""app.bsky.embed.images: an image blob's maxSize."""
URIS_PER_GET_POSTS = 25
THREAD_DEPTH = 100
BLOB_LIFETIME = timedelta(minutes=30)
"""How long an uploaded blob is reused: a PDS keeps a blob no record references only for a
while before it collects it."""
"""How deep getPostThread looks below a post (the lexicon allows up to 1000)."""

Clock = Callable[[], datetime]
Result = TypeVar("Result")


def _posts_view(client: Client, uris: list[str]) -> list[Any]:
    return list(client.get_posts(uris).posts)


def _chunks(items: Sequence[RemotePost], size: int) -> Iterator[Sequence[RemotePost]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class BlueskyConnector(Connector):
    """Publishes to and reads from one Bluesky account on its configured PDS."""

    identifier: ClassVar[str] = "bluesky"

    def __init__(self, settings: ConnectorSettings, *, clock: Clock = shared.utc_now) -> None:
        super().__init__(settings)
        self._clock = clock
        self._sessions = SessionStore(settings)
        self._client: Client | None = None
        self.media = MediaCache(settings, clock)

    # session ------------------------------------------------------------------------------
    def _new_client(self) -> Client:
        client = Client(
            base_url=self.settings.server_url,
            request=Request(timeout=self.settings.timeout_s),
        )
        client.on_session_change(self._session_changed)
        return client

    def _session_changed(self, event: SessionEvent, session: Session) -> None:
        if event is not SessionEvent.IMPORT:
            self._sessions.save(session.encode())

    def _logged_in(self) -> Client:
        """A client with a session: the saved one if any, otherwise a fresh login."""
        if self._client is not None:
            return self._client
        client = self._new_client()
        saved = self._sessions.load()
        if saved is not None:
            client.login(session_string=saved, fetch_bsky_profile=False)
        else:
            self._login_with_password(client)
        self._client = client
        return client

    def _login_with_password(self, client: Client) -> None:
        if not self.settings.secret:
            raise ConfigurationError(
                PLATFORM,
                f"no app password for account {self.settings.account_name!r}: set the "
                "environment variable that config.toml names for it",
            )
        client.login(self.settings.handle, self.settings.secret, fetch_bsky_profile=False)

    def _renew(self, client: Client) -> None:
        """Refresh the session; when the refresh token is refused too, log in once more."""
        current = Session.decode(client.export_session_string())
        try:
            refreshed = client.com.atproto.server.refresh_session(
                headers={"Authorization": f"Bearer {current.refresh_jwt}"},
                ignore_session_check=True,
            )
        except (atproto_errors.BadRequestError, atproto_errors.UnauthorizedError):
            self._sessions.forget()
            self._login_with_password(client)
            return
        renewed = Session(
            refreshed.handle,
            refreshed.did,
            refreshed.access_jwt,
            refreshed.refresh_jwt,
            current.pds_endpoint,
        )
        client.login(session_string=renewed.encode(), fetch_bsky_profile=False)
        self._sessions.save(renewed.encode())

    def _call(
        self, action: str, operation: Callable[[Client], Result], *, sends: bool = False
    ) -> Result:
        """Run `operation` with a session, renewing it once if the server calls it stale.

        Every client failure leaves as one of our error kinds; any other exception is a
        bug and propagates unchanged.
        """
        try:
            client = self._logged_in()
            try:
                return operation(client)
            except CLIENT_FAILURES as error:
                if not is_session_problem(error):
                    raise
                self._renew(client)
                return operation(client)
        except CLIENT_FAILURES as error:
            raise translate(
                error, action=action, handle=self.settings.handle, sent=sends, now=self._clock()
            ) from error

    def _did(self, client: Client) -> str:
        return Session.decode(client.export_session_string()).did

    def _web_url(self, uri: str) -> str:
        rkey = uri.rsplit("/", 1)[-1]
        return f"https://bsky.app/profile/{self.settings.handle}/post/{rkey}"

    # publishing ---------------------------------------------------------------------------
    def publish(self, post: OutgoingPost) -> RemotePost:
        """Create the post under its delivery's record key.

        Raises RateLimited, AuthExpired, Rejected or Transient.
        """
        shared.require_media_fits(post, "Bluesky", MAX_IMAGES)
        for parent in (post.reply_to, post.thread_root):
            if parent is not None and parent.cid is None:
                raise Rejected(
                    PLATFORM,
                    f"the reply names {parent.remote_id} without its cid, and Bluesky needs "
                    "both: publish the thread through this connector so the cid is recorded",
                )
        contents = [self._read_media(item) for item in post.media]
        return self._call(
            "publishing a post", lambda client: self._create(client, post, contents), sends=True
        )

    def _create(self, client: Client, post: OutgoingPost, contents: list[bytes]) -> RemotePost:
        mention_dids = {
            mention_handle(facet): self._resolve_mention(client, mention_handle(facet))
            for facet in post.facets
            if facet.kind == "mention"
        }
        blobs = [
            self._blob(client, post, item, data)
            for item, data in zip(post.media, contents, strict=True)
        ]
        record = post_record(
            post, self._clock(), mention_dids, image_embed(post.media, blobs, contents)
        )
        rkey = record_key_for(post.idempotency_key)
        did = self._did(client)
        try:
            created = client.com.atproto.repo.create_record(
                models.ComAtprotoRepoCreateRecord.Data(
                    repo=did, collection=POST_COLLECTION, rkey=rkey, record=record
                )
            )
        except (atproto_errors.BadRequestError, atproto_errors.RequestException) as error:
            # A key that exists is refused (as a 500 by released PDS versions, as an
            # explicit error by newer ones): that record is the one an earlier attempt made.
            if not self._may_exist(error):
                raise
            existing = self._get_post(client, did, rkey)
            if existing is None:
                raise
            return existing
        return RemotePost(
            remote_id=created.uri,
            url=self._web_url(created.uri),
            published_at=_parse_timestamp(record.created_at),
            cid=created.cid,
        )

    def _blob(self, client: Client, post: OutgoingPost, item: MediaItem, data: bytes) -> BlobRef:
        """The image's blob, uploaded once per delivery (a retry reuses the reference)."""
        key = MediaCache.key(post.idempotency_key, item, data)
        known = self.media.get(key)
        if known is not None:
            return BlobRef.model_validate(known)
        # The client declares every blob "*/*" and the PDS keeps what is declared.
        blob = client.com.atproto.repo.upload_blob(
            data, headers={"Content-Type": item.mime_type}
        ).blob
        self.media.put(key, blob.model_dump(mode="json", by_alias=True), BLOB_LIFETIME)
        return blob

    @staticmethod
    def _may_exist(error: Exception) -> bool:
        status = status_of(error) or 0
        name, message = xrpc_error(error)
        return status >= 500 or "exist" in f"{name} {message}".lower()

    def _resolve_mention(self, client: Client, handle: str) -> str:
        try:
            return client.resolve_handle(handle).did
        except atproto_errors.BadRequestError as error:
            raise Rejected(
                PLATFORM,
                f"the mention @{handle} does not resolve to a Bluesky account: "
                "check the spelling of the handle or remove the mention",
            ) from error

    @staticmethod
    def _read_media(item: MediaItem) -> bytes:
        try:
            return item.path.read_bytes()
        except OSError as error:
            raise Rejected(
                PLATFORM, f"the image {item.path} cannot be read ({error.strerror}): check the path"
            ) from error

    def recover(
        self, post: OutgoingPost, attempted_at: datetime, *, taken: frozenset[str] = frozenset()
    ) -> RemotePost | None:
        """The post at the delivery's record key, if an earlier attempt created it.

        The record key is the delivery's own, so no other delivery can hold that post.

        Raises RateLimited, AuthExpired or Transient.
        """
        rkey = record_key_for(post.idempotency_key)
        return self._call(
            "looking for an earlier attempt",
            lambda client: self._get_post(client, self._did(client), rkey),
        )

    def _get_post(self, client: Client, did: str, rkey: str) -> RemotePost | None:
        try:
            found = client.com.atproto.repo.get_record(
                models.ComAtprotoRepoGetRecord.Params(
                    repo=did, collection=POST_COLLECTION, rkey=rkey
                )
            )
        except atproto_errors.BadRequestError as error:
            if xrpc_error(error)[0] == "RecordNotFound":
                return None
            raise
        created_at = getattr(found.value, "created_at", None) or found.value["createdAt"]
        return RemotePost(
            remote_id=found.uri,
            url=self._web_url(found.uri),
            published_at=_parse_timestamp(str(created_at)),
            cid=found.cid,
        )

    # reading ------------------------------------------------------------------------------
    def fetch_replies(self, remote: RemotePost, since: datetime | None) -> list[RemoteReply]:
        """Every reply in the post's thread (any depth), newer than `since`.

        Raises RateLimited, AuthExpired or Transient.
        """
        thread = self._call(
            "reading a post thread",
            lambda client: client.get_post_thread(remote.remote_id, depth=THREAD_DEPTH).thread,
        )
        own_did = self._did(self._logged_in())
        replies = [
            reply
            for reply in self._walk(getattr(thread, "replies", None) or [])
            if since is None or reply.created_at > since
        ]
        return [reply for reply in replies if not reply.remote_id.startswith(f"at://{own_did}/")]

    def _walk(self, nodes: list[Any]) -> Iterator[RemoteReply]:
        """Depth-first over thread views; deleted and blocked replies have no `post`."""
        for node in nodes:
            post = getattr(node, "post", None)
            if post is None:
                continue
            record = post.record
            parent = record.reply.parent.uri if record.reply else ""
            langs = record.langs or []
            yield RemoteReply(
                remote_id=post.uri,
                url=f"https://bsky.app/profile/{post.author.handle}/post/"
                + post.uri.rsplit("/", 1)[-1],
                in_reply_to_id=parent,
                author_handle=post.author.handle,
                text=record.text,
                created_at=_parse_timestamp(record.created_at),
                language=langs[0] if langs else None,
                cid=post.cid,
            )
            yield from self._walk(node.replies or [])

    def fetch_mentions(
        self, marker: str | None, *, since: datetime, limit: int | None = None
    ) -> HeardPage:
        """Mentions and quotes from listNotifications (reasons mention, quote).

        Raises RateLimited, AuthExpired or Transient.
        """

        def fetch(cursor: str | None, size: int) -> tuple[list[Any], str | None]:
            params = models.AppBskyNotificationListNotifications.Params(
                reasons=["mention", "quote"], cursor=cursor, limit=size
            )
            answer = self._call(
                "reading notifications",
                lambda client: client.app.bsky.notification.list_notifications(params),
            )
            return list(answer.notifications), answer.cursor

        walked = walk_back(fetch, lambda n: (n.indexed_at, n.uri), marker, since, limit)
        posts = tuple(
            heard_post(n, "quote" if n.reason == "quote" else "mention", self._post_url(n))
            for n in walked.items
            if n.reason in ("mention", "quote")
        )
        return HeardPage(posts, walked.marker, walked.reads)

    def search(
        self,
        query: ListenQuery,
        marker: str | None,
        *,
        since: datetime,
        limit: int | None = None,
    ) -> HeardPage:
        """searchPosts, latest first: a hashtag by `tag` (facets and tags), a keyword query
        as `q`.

        Raises RateLimited, AuthExpired or Transient.
        """
        own = self._did(self._logged_in())

        def fetch(cursor: str | None, size: int) -> tuple[list[Any], str | None]:
            params = models.AppBskyFeedSearchPosts.Params(
                q=f"#{query.text}" if query.kind == "tag" else query.text,
                tag=[query.text] if query.kind == "tag" else None,
                sort="latest",
                since=walk_since,
                cursor=cursor,
                limit=size,
            )
            answer = self._call(
                "searching posts", lambda client: client.app.bsky.feed.search_posts(params)
            )
            return list(answer.posts), answer.cursor

        walk_since = marker_since(marker, since)
        walked = walk_back(fetch, lambda p: (p.record.created_at, p.uri), marker, since, limit)
        posts = tuple(
            heard_post(post, query.kind, self._post_url(post))
            for post in walked.items
            if post.author.did != own
        )
        return HeardPage(posts, walked.marker, walked.reads)

    @staticmethod
    def _post_url(view: Any) -> str:
        return f"https://bsky.app/profile/{view.author.handle}/post/" + view.uri.rsplit("/", 1)[-1]

    def fetch_metrics(self, remotes: Sequence[RemotePost]) -> list[MetricSnapshot]:
        """Counts from getPosts, 25 posts per call; Bluesky shows no impressions.

        Raises RateLimited, AuthExpired or Transient.
        """
        snapshots: list[MetricSnapshot] = []
        for chunk in _chunks(remotes, URIS_PER_GET_POSTS):
            uris = [remote.remote_id for remote in chunk]
            posts = self._call("reading counts", partial(_posts_view, uris=uris))
            taken_at = self._clock()
            snapshots += [
                MetricSnapshot(
                    remote_id=post.uri,
                    taken_at=taken_at,
                    likes=post.like_count or 0,
                    reposts=post.repost_count or 0,
                    replies=post.reply_count or 0,
                    quotes=post.quote_count or 0,
                )
                for post in posts
            ]
        return snapshots

    def verify(self) -> AccountInfo:
        """Who the session belongs to, with the profile's follower count.

        Raises AuthExpired, ConfigurationError or Transient.
        """

        def ask(client: Client) -> AccountInfo:
            session = client.com.atproto.server.get_session()
            profile = client.get_profile(session.did)
            return AccountInfo(
                handle=session.handle,
                display_name=profile.display_name or session.handle,
                remote_id=session.did,
                followers=profile.followers_count,
            )

        return self._call("verifying the account", ask)

    def limits(self) -> PlatformLimits:
        """Bluesky's fixed limits: the lexicon's, the same on every PDS."""
        return PlatformLimits(
            max_characters=MAX_GRAPHEMES,
            max_media=MAX_IMAGES,
            replies_window=None,
            gives_impressions=False,
            max_image_bytes=MAX_IMAGE_BYTES,
            polls=False,
            notes=(
                "300 graphemes per post (and at most 3000 UTF-8 bytes)",
                "links, mentions and hashtags are facets with UTF-8 byte offsets",
                "no impression counts",
            ),
        )
