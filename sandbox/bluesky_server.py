"""A local Bluesky: one server acting as PDS and AppView under /xrpc/, for the atproto client.

It speaks the subset the Bluesky connector uses (sessions, handle resolution, records,
blobs, post threads, posts, profiles) with the lexicons' JSON shapes, the PDS's error
bodies (`{"error": …, "message": …}`, 400 for invalid requests and expired tokens, 401 for
missing or refused credentials) and its rate-limit headers (RateLimit-Limit, -Remaining,
-Reset in Unix seconds, -Policy). Access tokens are HS256 JWTs with an `exp`, because the
client reads the expiry to refresh in time. Replies from the audience simulator appear
lazily, whenever a thread or counts are read, so the clock alone drives them.

Where the real PDS is silent (it accepts facets outside the text and replies to posts
that do not exist), this server is stricter on purpose and says so in its message.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import regex as re

from sandbox.bluesky.listening import ListeningEndpoints, quoted_uri
from sandbox.bluesky.syntax import app_timestamp, is_datetime, is_record_key, is_tid, tid
from sandbox.faults import Fault, FaultInjector
from sandbox.server import (
    Clock,
    SandboxRequest,
    SandboxResponse,
    SandboxServer,
    route,
    utc_now,
)

if TYPE_CHECKING:
    from sandbox.audience import AudienceSimulator

POST_COLLECTION = "app.bsky.feed.post"
MAX_GRAPHEMES = 300
MAX_TEXT_BYTES = 3000
MAX_IMAGES = 4
MAX_IMAGE_BYTES = 2_000_000
MAX_URIS_PER_GET_POSTS = 25
REFRESH_GRACE = timedelta(hours=2)
"""How long the PDS still honours a refresh token after it was used once."""
_JWT_HEADER = {"typ": "at+jwt", "alg": "HS256"}


class XrpcError(Exception):
    """An XRPC error answer: status, the lexicon's error name and a message."""

    def __init__(
        self, status: int, error: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers or {}


def invalid_request(message: str, error: str = "InvalidRequest") -> XrpcError:
    """The PDS's usual 400."""
    return XrpcError(400, error, message)


def invalid_record(issue: str, path: str) -> XrpcError:
    """A lexicon violation in a post record, e.g. "… at $.record.text"."""
    return invalid_request(f"Invalid {POST_COLLECTION} record: {issue} at $.record{path}")


def too_big(kind: str, maximum: int, actual: int) -> str:
    """The validator's wording: "grapheme too big (maximum 300, got 301)"."""
    return f"{kind} too big (maximum {maximum}, got {actual})"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cid_for(data: bytes, *, raw: bool = False) -> str:
    """A CIDv1 (sha-256, base32) of `data`: dag-cbor for records, raw for blobs.

    The sandbox hashes JSON instead of DAG-CBOR, so the CIDs are well-formed and stable
    but not the ones a real PDS would compute for the same record.
    """
    codec = 0x55 if raw else 0x71
    binary = bytes([0x01, codec, 0x12, 0x20]) + hashlib.sha256(data).digest()
    return "b" + base64.b32encode(binary).decode("ascii").lower().rstrip("=")


def did_for(handle: str) -> str:
    """A stable did:plc for a handle (24 base32 characters, as PLC's are)."""
    digest = hashlib.sha256(handle.lower().encode("utf-8")).digest()
    return "did:plc:" + base64.b32encode(digest).decode("ascii").lower()[:24]


@dataclass
class Account:
    """A repository and its profile."""

    did: str
    handle: str
    display_name: str
    created_at: datetime
    followers: int = 0
    simulated: bool = False


@dataclass
class StoredRecord:
    """A post record as committed to a repository."""

    uri: str
    cid: str
    author_did: str
    value: dict[str, Any]
    indexed_at: datetime

    @property
    def parent_uri(self) -> str | None:
        """The direct parent for replies, None for top-level posts."""
        reply = self.value.get("reply") or {}
        return (reply.get("parent") or {}).get("uri")

    @property
    def created_at(self) -> datetime:
        """The record's own createdAt (falls back to indexing time if unparsable)."""
        try:
            return datetime.fromisoformat(str(self.value["createdAt"]).replace("Z", "+00:00"))
        except (KeyError, ValueError):
            return self.indexed_at


@dataclass(frozen=True)
class Blob:
    """An uploaded blob, waiting to be referenced by a record."""

    cid: str
    mime_type: str
    size: int


@dataclass
class RateWindow:
    """A fixed window of requests, as the PDS counts them per account."""

    started: datetime
    spent: int = 0


@dataclass(frozen=True)
class RateLimitPolicy:
    """`limit` requests per `window` (the PDS's global limit is 3000 per 5 minutes)."""

    limit: int
    window: timedelta

    @property
    def header(self) -> str:
        """The RateLimit-Policy value, e.g. "3000;w=300"."""
        return f"{self.limit};w={int(self.window.total_seconds())}"


@dataclass
class RateLimiter:
    """Per-key counters with the PDS's header semantics."""

    policy: RateLimitPolicy
    windows: dict[str, RateWindow] = field(default_factory=dict)

    def spend(self, key: str, now: datetime) -> tuple[bool, dict[str, str]]:
        """Count one request; whether it is allowed, and the headers to answer with."""
        window = self.windows.get(key)
        if window is None or now >= window.started + self.policy.window:
            window = self.windows[key] = RateWindow(now)
        allowed = window.spent < self.policy.limit
        if allowed:
            window.spent += 1
        reset = window.started + self.policy.window
        return allowed, {
            "RateLimit-Limit": str(self.policy.limit),
            "RateLimit-Remaining": str(self.policy.limit - window.spent),
            "RateLimit-Reset": str(int(reset.timestamp())),
            "RateLimit-Policy": self.policy.header,
        }


def rate_limit_exceeded(headers: dict[str, str]) -> XrpcError:
    """The PDS's 429."""
    return XrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded", headers)


class BlueskySandbox(ListeningEndpoints, SandboxServer):
    """PDS + AppView in one process; any handle logs in with any non-empty app password."""

    platform = "bluesky"

    def __init__(
        self,
        *,
        audience: AudienceSimulator | None = None,
        faults: FaultInjector | None = None,
        clock: Clock = utc_now,
        access_ttl: timedelta = timedelta(hours=2),
        refresh_ttl: timedelta = timedelta(days=90),
        rate_limit: RateLimitPolicy = RateLimitPolicy(3000, timedelta(minutes=5)),
        login_limit: RateLimitPolicy = RateLimitPolicy(30, timedelta(minutes=5)),
        followers: int = 1234,
    ) -> None:
        super().__init__(faults=faults, clock=clock)
        self.audience = audience
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self.requests = RateLimiter(rate_limit)
        self.logins = RateLimiter(login_limit)
        self.default_followers = followers
        self._signing_key = secrets.token_bytes(32)
        self.reset()

    def reset(self) -> None:
        """Forget every account, record, blob, session and counter (tests share a server)."""
        with self.lock:
            self.accounts: dict[str, Account] = {}
            self.records: dict[str, StoredRecord] = {}
            self.blobs: dict[str, Blob] = {}
            self._refresh_tokens: dict[str, datetime | None] = {}
            """Issued refresh tokens and when they were spent (None: not yet)."""
            self._materialised: set[str] = set()
            self.public_reposts: dict[str, int] = {}
            """Reposts of the audience's own posts, counted, never stored as records."""
            self.restart_public()
            self.requests.windows.clear()
            self.logins.windows.clear()
            self.request_log.clear()

    # hooks --------------------------------------------------------------------------------
    def is_authenticated(self, request: SandboxRequest) -> bool:
        """Token calls, and logins too: a revoked app password refuses createSession."""
        return request.bearer_token is not None or request.path.endswith(
            "com.atproto.server.createSession"
        )

    def presented_credentials(self, request: SandboxRequest) -> str | None:
        """The session token, or the app password of a login."""
        if request.bearer_token is not None:
            return request.bearer_token
        try:
            password = request.json().get("password")
        except (ValueError, AttributeError):
            return None
        return password if isinstance(password, str) else None

    def rate_limited(self, fault: Fault, now: datetime) -> SandboxResponse:
        """429 with the PDS's headers, resetting `retry_after_s` from now."""
        reset = now + timedelta(seconds=fault.retry_after_s)
        policy = self.requests.policy
        return self.xrpc_error(
            rate_limit_exceeded(
                {
                    "RateLimit-Limit": str(policy.limit),
                    "RateLimit-Remaining": "0",
                    "RateLimit-Reset": str(int(reset.timestamp())),
                    "RateLimit-Policy": policy.header,
                }
            )
        )

    def unauthorized(self) -> SandboxResponse:
        """401 as the PDS answers refused credentials."""
        return self.xrpc_error(
            XrpcError(401, "AuthenticationRequired", "Invalid identifier or password")
        )

    def error(self, status: int, message: str) -> SandboxResponse:
        """XRPC error bodies; 5xx are the PDS's InternalServerError or the proxy's."""
        names = {404: "MethodNotImplemented", 405: "InvalidRequest", 502: "UpstreamFailure"}
        name = names.get(status, "InternalServerError" if status >= 500 else "InvalidRequest")
        return self.xrpc_error(XrpcError(status, name, message))

    def xrpc_error(self, error: XrpcError) -> SandboxResponse:
        """The JSON error body every XRPC endpoint uses."""
        body = {"error": error.error, "message": error.message}
        return SandboxResponse.json(body, error.status, error.headers)

    def dispatch(self, request: SandboxRequest) -> SandboxResponse:
        """Count the request against its account's window, then route it."""
        key = self._rate_key(request)
        with self.lock:
            allowed, headers = self.requests.spend(key, self.clock())
        if not allowed:
            return self.xrpc_error(rate_limit_exceeded(headers))
        try:
            response = super().dispatch(request)
        except XrpcError as error:
            response = self.xrpc_error(error)
        response.headers = {**headers, **response.headers}
        return response

    def _rate_key(self, request: SandboxRequest) -> str:
        token = request.bearer_token
        if token is not None:
            try:
                return str(self._claims(token)["sub"])
            except (ValueError, KeyError, json.JSONDecodeError):
                pass
        return "ip:127.0.0.1"

    # tokens -------------------------------------------------------------------------------
    def _issue(self, did: str, scope: str, ttl: timedelta) -> str:
        now = self.clock()
        claims = {
            "scope": scope,
            "sub": did,
            "aud": "did:web:sandbox.bluesky.local",
            "iat": int(now.timestamp()),
            "exp": int((now + ttl).timestamp()),
            "jti": secrets.token_hex(8),
        }
        signing_input = (
            f"{_b64url(json.dumps(_JWT_HEADER).encode())}.{_b64url(json.dumps(claims).encode())}"
        )
        signature = hmac.new(self._signing_key, signing_input.encode(), hashlib.sha256).digest()
        return f"{signing_input}.{_b64url(signature)}"

    def _claims(self, token: str) -> dict[str, Any]:
        """The payload of a token this server signed (ValueError when it did not)."""
        signing_input, _, signature = token.rpartition(".")
        expected = hmac.new(self._signing_key, signing_input.encode(), hashlib.sha256).digest()
        if not signing_input or not hmac.compare_digest(_b64url(expected), signature):
            raise ValueError("bad signature")
        return dict(json.loads(_b64url_decode(signing_input.split(".")[1])))

    def _verified(self, request: SandboxRequest, scope: str) -> dict[str, Any]:
        token = request.bearer_token
        if token is None:
            raise XrpcError(401, "AuthMissing", "Authentication Required")
        try:
            claims = self._claims(token)
        except (ValueError, json.JSONDecodeError, IndexError) as error:
            raise invalid_request("Token could not be verified", "InvalidToken") from error
        if claims.get("scope") != scope:
            raise invalid_request("Token could not be verified", "InvalidToken")
        if int(claims["exp"]) <= int(self.clock().timestamp()):
            raise invalid_request("Token has expired", "ExpiredToken")
        return claims

    def _session_account(self, request: SandboxRequest) -> Account:
        claims = self._verified(request, "com.atproto.access")
        account = self.accounts.get(str(claims["sub"]))
        if account is None:
            raise invalid_request("Token could not be verified", "InvalidToken")
        return account

    def _session_body(self, account: Account, request: SandboxRequest) -> dict[str, Any]:
        refresh = self._issue(account.did, "com.atproto.refresh", self.refresh_ttl)
        self._refresh_tokens[refresh] = None
        host = request.headers.get("Host", "127.0.0.1")
        return {
            "accessJwt": self._issue(account.did, "com.atproto.access", self.access_ttl),
            "refreshJwt": refresh,
            "handle": account.handle,
            "did": account.did,
            "didDoc": self._did_document(account, f"http://{host}"),
            "email": f"{account.handle}@example.org",
            "emailConfirmed": True,
            "active": True,
        }

    @staticmethod
    def _did_document(account: Account, pds_url: str) -> dict[str, Any]:
        return {
            "@context": ["https://www.w3.org/ns/did/v1"],
            "id": account.did,
            "alsoKnownAs": [f"at://{account.handle}"],
            "verificationMethod": [],
            "service": [
                {
                    "id": "#atproto_pds",
                    "type": "AtprotoPersonalDataServer",
                    "serviceEndpoint": pds_url,
                }
            ],
        }

    # accounts -----------------------------------------------------------------------------
    def account_for(self, handle: str, display_name: str | None = None) -> Account:
        """The account of `handle`, created on first use (callers hold the lock)."""
        did = did_for(handle)
        account = self.accounts.get(did)
        if account is None:
            account = Account(
                did,
                handle.lower(),
                display_name or handle.split(".")[0],
                self.clock(),
                followers=self.default_followers,
            )
            self.accounts[did] = account
        return account

    def _resolve_actor(self, actor: str) -> Account | None:
        if actor.startswith("did:"):
            return self.accounts.get(actor)
        return self.accounts.get(did_for(actor))

    # com.atproto.server -------------------------------------------------------------------
    @route("POST", r"/xrpc/com\.atproto\.server\.createSession")
    def create_session(self, request: SandboxRequest) -> SandboxResponse:
        body = request.json()
        identifier = str(body.get("identifier") or "").strip()
        password = str(body.get("password") or "")
        if not identifier or not password:
            raise invalid_request('Input must have the property "identifier" and "password"')
        allowed, headers = self.logins.spend(f"login:{identifier.lower()}", self.clock())
        if not allowed:
            raise rate_limit_exceeded(headers)
        account = self._resolve_actor(identifier) or self.account_for(identifier)
        return SandboxResponse.json(self._session_body(account, request))

    @route("POST", r"/xrpc/com\.atproto\.server\.refreshSession")
    def refresh_session(self, request: SandboxRequest) -> SandboxResponse:
        claims = self._verified(request, "com.atproto.refresh")
        token, now = str(request.bearer_token), self.clock()
        if token not in self._refresh_tokens:
            raise invalid_request("Token could not be verified", "InvalidToken")
        rotated_at = self._refresh_tokens[token] or now
        if now - rotated_at > REFRESH_GRACE:
            raise invalid_request("Token has been revoked", "ExpiredToken")
        self._refresh_tokens[token] = rotated_at
        account = self.accounts[str(claims["sub"])]
        return SandboxResponse.json(self._session_body(account, request))

    @route("GET", r"/xrpc/com\.atproto\.server\.getSession")
    def get_session(self, request: SandboxRequest) -> SandboxResponse:
        account = self._session_account(request)
        return SandboxResponse.json(
            {
                "handle": account.handle,
                "did": account.did,
                "email": f"{account.handle}@example.org",
                "emailConfirmed": True,
                "active": True,
            }
        )

    @route("GET", r"/xrpc/com\.atproto\.identity\.resolveHandle")
    def resolve_handle(self, request: SandboxRequest) -> SandboxResponse:
        handle = request.param("handle")
        if not handle:
            raise invalid_request('Params must have the property "handle"')
        account = self.accounts.get(did_for(handle))
        if account is None:
            raise invalid_request("Unable to resolve handle", "HandleNotFound")
        return SandboxResponse.json({"did": account.did})

    # com.atproto.repo ---------------------------------------------------------------------
    @route("POST", r"/xrpc/com\.atproto\.repo\.uploadBlob")
    def upload_blob(self, request: SandboxRequest) -> SandboxResponse:
        self._session_account(request)
        data = request.body
        if not data:
            raise invalid_request("Request encoding (Content-Type) required but not provided")
        # The PDS keeps the declared type, even the "*/*" the atproto client sends.
        mime = str(request.headers.get("Content-Type") or "application/octet-stream")
        blob = Blob(cid_for(data, raw=True), mime, len(data))
        self.blobs[blob.cid] = blob
        return SandboxResponse.json({"blob": _blob_ref(blob)})

    @route("POST", r"/xrpc/com\.atproto\.repo\.createRecord")
    def create_record(self, request: SandboxRequest) -> SandboxResponse:
        account = self._session_account(request)
        body = request.json()
        repo = body.get("repo")
        if repo not in (account.did, account.handle):
            raise XrpcError(401, "AuthenticationRequired", "Authentication Required")
        if body.get("collection") != POST_COLLECTION:
            raise invalid_request(
                f"The sandbox stores only {POST_COLLECTION} records, not {body.get('collection')!r}"
            )
        record = body.get("record")
        if not isinstance(record, dict):
            raise invalid_request('Input must have the property "record"')
        rkey = body.get("rkey") or tid(self.clock(), len(self.records) & 0x3FF)
        if not is_record_key(str(rkey)):
            raise invalid_request(f'Invalid record key (got "{rkey}") at $.rkey')
        if not is_tid(str(rkey)):  # the post lexicon declares "key": "tid"
            raise invalid_request(f'Record key "{rkey}" is not a TID, as {POST_COLLECTION} needs')
        self._validate_post(record)
        uri = f"at://{account.did}/{POST_COLLECTION}/{rkey}"
        if uri in self.records:
            # What the released PDS answers: its repository refuses the key deep inside
            # the commit and the error surfaces as a 500.
            raise XrpcError(500, "InternalServerError", "Internal Server Error")
        stored = self._store(uri, account, {"$type": POST_COLLECTION, **record})
        return SandboxResponse.json(
            {
                "uri": stored.uri,
                "cid": stored.cid,
                "commit": {"cid": cid_for(stored.cid.encode()), "rev": tid(self.clock())},
                "validationStatus": "valid",
            }
        )

    @route("GET", r"/xrpc/com\.atproto\.repo\.getRecord")
    def get_record(self, request: SandboxRequest) -> SandboxResponse:
        repo, collection, rkey = (request.param(name) for name in ("repo", "collection", "rkey"))
        if not (repo and collection and rkey):
            raise invalid_request('Params must have the properties "repo", "collection", "rkey"')
        account = self._resolve_actor(repo)
        if account is None:
            raise invalid_request(f"Could not find repo: {repo}", "RepoNotFound")
        uri = f"at://{account.did}/{collection}/{rkey}"
        stored = self.records.get(uri)
        if stored is None:
            raise invalid_request(f"Could not locate record: {uri}", "RecordNotFound")
        return SandboxResponse.json({"uri": uri, "cid": stored.cid, "value": stored.value})

    def _validate_post(self, record: dict[str, Any]) -> None:
        """Lexicon checks of app.bsky.feed.post, worded as the PDS's validator words them."""
        for key in ("text", "createdAt"):
            if key not in record:
                raise invalid_record(f'Missing required key "{key}"', "")
        if not is_datetime(str(record["createdAt"])):
            raise invalid_record(
                "must be an valid atproto datetime (both RFC-3339 and ISO-8601)", ".createdAt"
            )
        text = str(record["text"])
        graphemes, size = _grapheme_count(text), len(text.encode("utf-8"))
        if graphemes > MAX_GRAPHEMES:
            raise invalid_record(too_big("grapheme", MAX_GRAPHEMES, graphemes), ".text")
        if size > MAX_TEXT_BYTES:
            raise invalid_record(too_big("string", MAX_TEXT_BYTES, size), ".text")
        langs = record.get("langs") or []
        if len(langs) > 3:
            raise invalid_record(too_big("array", 3, len(langs)), ".langs")
        self._validate_facets(size, record.get("facets") or [])
        self._validate_reply(record.get("reply"))
        self._validate_embed(record.get("embed"))

    @staticmethod
    def _validate_facets(size: int, facets: list[dict[str, Any]]) -> None:
        for number, facet in enumerate(facets):
            where = f".facets[{number}]"
            index = facet.get("index") or {}
            start, end = index.get("byteStart"), index.get("byteEnd")
            if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
                raise invalid_record("Invalid byte slice", f"{where}.index")
            if end > size:
                raise invalid_record(
                    f"byte slice ends at {end}, after the text's {size} bytes (a sandbox "
                    "check: the PDS stores it and apps ignore the facet)",
                    f"{where}.index",
                )
            if not facet.get("features"):
                raise invalid_record('Missing required key "features"', where)

    def _validate_reply(self, reply: dict[str, Any] | None) -> None:
        if reply is None:
            return
        for part in ("root", "parent"):
            ref = reply.get(part) or {}
            for key in ("uri", "cid"):
                if not ref.get(key):
                    raise invalid_record(f'Missing required key "{key}"', f".reply.{part}")
            stored = self.records.get(ref["uri"])
            if stored is None or stored.cid != ref["cid"]:
                raise invalid_record(
                    f"{ref['uri']} does not exist with that cid (a sandbox check: the PDS "
                    "stores it and apps show the reply as detached)",
                    f".reply.{part}",
                )

    def _validate_embed(self, embed: dict[str, Any] | None) -> None:
        if embed is None:
            return
        if embed.get("$type") != "app.bsky.embed.images":
            raise invalid_record("the sandbox supports app.bsky.embed.images only", ".embed")
        images = embed.get("images") or []
        if len(images) > MAX_IMAGES:
            raise invalid_record(too_big("array", MAX_IMAGES, len(images)), ".embed.images")
        for number, image in enumerate(images):
            where = f".embed.images[{number}]"
            if "alt" not in image:
                raise invalid_record('Missing required key "alt"', where)
            link = ((image.get("image") or {}).get("ref") or {}).get("$link")
            blob = self.blobs.get(str(link))
            if blob is None:
                raise invalid_request(f"Could not find blob: {link}", "BlobNotFound")
            if blob.size > MAX_IMAGE_BYTES:
                raise invalid_record(too_big("blob", MAX_IMAGE_BYTES, blob.size), f"{where}.image")

    def _store(self, uri: str, account: Account, value: dict[str, Any]) -> StoredRecord:
        encoded = json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")
        stored = StoredRecord(uri, cid_for(encoded), account.did, value, self.clock())
        self.records[uri] = stored
        return stored

    # test and demo helpers ----------------------------------------------------------------
    def add_reply(
        self,
        parent_uri: str,
        author_handle: str,
        text: str,
        *,
        created_at: datetime | None = None,
        display_name: str | None = None,
        language: str = "de",
    ) -> StoredRecord:
        """Reply to a stored post as someone else, as tests and the demo need."""
        with self.lock:
            parent = self.records[parent_uri]
            root = (parent.value.get("reply") or {}).get("root") or {
                "uri": parent.uri,
                "cid": parent.cid,
            }
            author = self.account_for(author_handle, display_name)
            author.simulated = True
            moment = created_at or self.clock()
            rkey = tid(moment, int(hashlib.sha256(text.encode()).hexdigest()[:3], 16))
            value = {
                "$type": POST_COLLECTION,
                "text": text,
                "createdAt": app_timestamp(moment),
                "langs": [language],
                "reply": {"root": root, "parent": {"uri": parent.uri, "cid": parent.cid}},
            }
            return self._store(f"at://{author.did}/{POST_COLLECTION}/{rkey}", author, value)

    def posts_by(self, handle: str) -> list[StoredRecord]:
        """Every post of one account, oldest first: what tests count after a crash."""
        did = did_for(handle)
        with self.lock:
            return sorted(
                (record for record in self.records.values() if record.author_did == did),
                key=lambda record: record.indexed_at,
            )

    def _materialise_audience(self) -> None:
        """Create the simulated replies that are due by now (callers hold the lock)."""
        if self.audience is None:
            return
        self._materialise_public()
        now = self.clock()
        for stored in list(self.records.values()):
            if self.accounts[stored.author_did].simulated:
                continue
            due = self.audience.replies_due(
                stored.uri, str(stored.value.get("text", "")), now - stored.created_at
            )
            for reply in due:
                if reply.key in self._materialised:
                    continue
                self._materialised.add(reply.key)
                self.add_reply(
                    stored.uri,
                    bluesky_handle(reply.author_handle),
                    reply.text,
                    created_at=stored.created_at + reply.delay,
                    display_name=reply.author_name,
                    language=reply.language,
                )

    # app.bsky (AppView) -------------------------------------------------------------------
    @route("GET", r"/xrpc/app\.bsky\.feed\.getPostThread")
    def get_post_thread(self, request: SandboxRequest) -> SandboxResponse:
        self._session_account(request)
        uri = request.param("uri")
        if not uri:
            raise invalid_request('Params must have the property "uri"')
        depth = int(request.param("depth") or 6)
        self._materialise_audience()
        stored = self.records.get(uri)
        if stored is None:
            raise invalid_request(f"Post not found: {uri}", "NotFound")
        return SandboxResponse.json({"thread": self._thread_view(stored, depth, with_parent=True)})

    def _thread_view(
        self, stored: StoredRecord, depth: int, *, with_parent: bool
    ) -> dict[str, Any]:
        view: dict[str, Any] = {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": self._post_view(stored),
            "threadContext": {},
        }
        parent = self.records.get(stored.parent_uri or "")
        if with_parent and parent is not None:
            view["parent"] = self._thread_view(parent, 0, with_parent=True)
        if depth > 0:
            children = sorted(self._children(stored.uri), key=lambda child: child.created_at)
            view["replies"] = [
                self._thread_view(child, depth - 1, with_parent=False) for child in children
            ]
        return view

    def _children(self, uri: str) -> list[StoredRecord]:
        return [record for record in self.records.values() if record.parent_uri == uri]

    def _post_view(self, stored: StoredRecord) -> dict[str, Any]:
        author = self.accounts[stored.author_did]
        likes = quotes = 0
        reposts = self.public_reposts.get(stored.uri, 0)
        if self.audience is not None and not author.simulated:
            engagement = self.audience.engagement_at(
                stored.uri, str(stored.value.get("text", "")), self.clock() - stored.created_at
            )
            likes, reposts, quotes = engagement.likes, engagement.reposts, engagement.quotes
        view: dict[str, Any] = {
            "uri": stored.uri,
            "cid": stored.cid,
            "author": {
                "did": author.did,
                "handle": author.handle,
                "displayName": author.display_name,
                "labels": [],
                "viewer": {"muted": False, "blockedBy": False},
            },
            "record": stored.value,
            "replyCount": len(self._children(stored.uri)),
            "repostCount": reposts,
            "likeCount": likes,
            "quoteCount": quotes,
            "indexedAt": app_timestamp(stored.indexed_at),
            "bookmarkCount": 0,
            "viewer": {"bookmarked": False, "threadMuted": False, "embeddingDisabled": False},
            "labels": [],
        }
        embed = stored.value.get("embed")
        quoted = self.records.get(quoted_uri(stored.value) or "")
        if quoted is not None:
            view["embed"] = self._record_view(quoted)
        elif embed is not None and embed.get("$type") == "app.bsky.embed.images":
            view["embed"] = self._images_view(author, embed)
        return view

    def _record_view(self, quoted: StoredRecord) -> dict[str, Any]:
        """app.bsky.embed.record#view: the quoted post, one level deep."""
        author = self.accounts[quoted.author_did]
        return {
            "$type": "app.bsky.embed.record#view",
            "record": {
                "$type": "app.bsky.embed.record#viewRecord",
                "uri": quoted.uri,
                "cid": quoted.cid,
                "author": {"did": author.did, "handle": author.handle, "labels": []},
                "value": quoted.value,
                "indexedAt": app_timestamp(quoted.indexed_at),
            },
        }

    @staticmethod
    def _images_view(author: Account, embed: dict[str, Any]) -> dict[str, Any]:
        images = []
        for image in embed.get("images", []):
            link = image["image"]["ref"]["$link"]
            cdn = "https://cdn.bsky.app/img/{}/plain/" + f"{author.did}/{link}@jpeg"
            view = {
                "thumb": cdn.format("feed_thumbnail"),
                "fullsize": cdn.format("feed_fullsize"),
                "alt": image.get("alt", ""),
            }
            if "aspectRatio" in image:
                view["aspectRatio"] = image["aspectRatio"]
            images.append(view)
        return {"$type": "app.bsky.embed.images#view", "images": images}

    @route("GET", r"/xrpc/app\.bsky\.feed\.getPosts")
    def get_posts(self, request: SandboxRequest) -> SandboxResponse:
        self._session_account(request)
        uris = request.query.get("uris", [])
        if not uris:
            raise invalid_request('Params must have the property "uris"')
        if len(uris) > MAX_URIS_PER_GET_POSTS:
            raise invalid_request(
                "Invalid app.bsky.feed.getPosts params: "
                + too_big("array", MAX_URIS_PER_GET_POSTS, len(uris))
            )
        self._materialise_audience()
        views = [self._post_view(self.records[uri]) for uri in uris if uri in self.records]
        return SandboxResponse.json({"posts": views})

    @route("GET", r"/xrpc/app\.bsky\.actor\.getProfile")
    def get_profile(self, request: SandboxRequest) -> SandboxResponse:
        self._session_account(request)
        actor = request.param("actor")
        if not actor:
            raise invalid_request('Params must have the property "actor"')
        account = self._resolve_actor(actor)
        if account is None:
            raise invalid_request("Profile not found")
        posts = sum(1 for record in self.records.values() if record.author_did == account.did)
        return SandboxResponse.json(
            {
                "did": account.did,
                "handle": account.handle,
                "displayName": account.display_name,
                "description": "",
                "followersCount": account.followers,
                "followsCount": 0,
                "postsCount": posts,
                "indexedAt": app_timestamp(account.created_at),
                "createdAt": app_timestamp(account.created_at),
                "associated": {"lists": 0, "feedgens": 0, "starterPacks": 0, "labeler": False},
                "viewer": {"muted": False, "blockedBy": False},
                "labels": [],
            }
        )


def bluesky_handle(name: str) -> str:
    """A simulated author's name as a handle on bsky.social ("Kalle_09" → kalle-09.bsky.social)."""
    label = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "anonym"
    return f"{label[:63]}.bsky.social"


def _blob_ref(blob: Blob) -> dict[str, Any]:
    return {
        "$type": "blob",
        "ref": {"$link": blob.cid},
        "mimeType": blob.mime_type,
        "size": blob.size,
    }


_GRAPHEME = re.compile(r"\X")


def _grapheme_count(text: str) -> int:
    return len(_GRAPHEME.findall(text))
