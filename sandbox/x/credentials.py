"""Who a request to the X sandbox is: OAuth 1.0a signatures and OAuth 2.0 tokens.

Written from X's and the RFCs' documentation, not from any client: OAuth 1.0a requests
carry `Authorization: OAuth …` signed with HMAC-SHA1 over the method, the URL as called and
the query and form parameters (RFC 5849 §3.4), a timestamp within minutes of now and a
nonce never seen before; oauthlib's signature functions check them. OAuth 2.0 tokens are
issued at `POST /2/oauth2/token` for an authorisation code whose PKCE verifier matches its
S256 challenge (RFC 7636), live two hours, and come with a refresh token that is spent on
use: each refresh gives a new pair and the old refresh token is refused after.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth1.rfc5849 import signature
from oauthlib.oauth1.rfc5849.utils import parse_authorization_header, unescape

ACCESS_TOKEN_LIFETIME = timedelta(hours=2)
TIMESTAMP_TOLERANCE_S = 300
"""How far an oauth_timestamp may be from the wall clock (signers use the wall clock)."""


@dataclass(frozen=True)
class IssuedToken:
    """An OAuth 2.0 access token the sandbox handed out."""

    access_token: str
    expires_at: datetime


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    scope: str


@dataclass
class Credentials:
    """The sandbox's registry of apps, user tokens and issued OAuth 2.0 tokens."""

    consumers: dict[str, str] = field(default_factory=dict)
    """consumer key -> consumer secret"""
    user_tokens: dict[str, str] = field(default_factory=dict)
    """OAuth 1.0a access token -> access token secret"""
    issued: dict[str, IssuedToken] = field(default_factory=dict)
    refresh_tokens: dict[str, str] = field(default_factory=dict)
    """live refresh token -> the client id it was issued to"""
    spent_refresh_tokens: set[str] = field(default_factory=set)
    grants: dict[str, _Grant] = field(default_factory=dict)
    nonces: dict[tuple[str, str], int] = field(default_factory=dict)
    refreshes: int = 0

    # OAuth 1.0a ---------------------------------------------------------------------------
    def verify_oauth1(self, method: str, url: str, form_body: str | None, header: str) -> str:
        """The access token of a correctly signed request; ValueError says what is wrong."""
        oauth = {key: unescape(value) for key, value in parse_authorization_header(header)}
        if oauth.get("oauth_signature_method") != "HMAC-SHA1":
            raise ValueError("only HMAC-SHA1 signatures are supported")
        consumer_key, token = oauth.get("oauth_consumer_key", ""), oauth.get("oauth_token", "")
        if consumer_key not in self.consumers or token not in self.user_tokens:
            raise ValueError("unknown consumer key or access token")
        stamp = oauth.get("oauth_timestamp", "")
        if not stamp.isdigit() or abs(int(stamp) - time.time()) > TIMESTAMP_TOLERANCE_S:
            raise ValueError("timestamp out of bounds")
        nonce = (consumer_key, oauth.get("oauth_nonce", ""))
        if not nonce[1] or nonce in self.nonces:
            raise ValueError("nonce missing or used before")
        request = OAuthRequest(url, method, form_body, {"Authorization": header})
        query = url.partition("?")[2]
        request.params = signature.collect_parameters(
            uri_query=query, body=form_body, headers={"Authorization": header}
        )
        request.signature = oauth.get("oauth_signature", "")
        if not signature.verify_hmac_sha1(
            request, self.consumers[consumer_key], self.user_tokens[token]
        ):
            raise ValueError("signature does not match")
        self._remember(nonce, int(stamp))
        return token

    def _remember(self, nonce: tuple[str, str], stamp: int) -> None:
        oldest = int(time.time()) - 2 * TIMESTAMP_TOLERANCE_S
        self.nonces = {n: s for n, s in self.nonces.items() if s >= oldest}
        self.nonces[nonce] = stamp

    # OAuth 2.0 ----------------------------------------------------------------------------
    def grant(self, params: dict[str, str]) -> str:
        """An authorisation code for an /i/oauth2/authorize request (always approved)."""
        if params.get("response_type") != "code" or params.get("code_challenge_method") != "S256":
            raise ValueError("response_type=code with code_challenge_method=S256 is required")
        if not params.get("client_id") or not params.get("code_challenge"):
            raise ValueError("client_id and code_challenge are required")
        code = secrets.token_urlsafe(24)
        self.grants[code] = _Grant(
            params["client_id"],
            params.get("redirect_uri", ""),
            params["code_challenge"],
            params.get("scope", ""),
        )
        return code

    def exchange(self, form: dict[str, str], client_id: str, now: datetime) -> dict[str, Any]:
        """The token answer for `grant_type` authorization_code or refresh_token."""
        kind = form.get("grant_type")
        if kind == "authorization_code":
            grant = self.grants.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if (
                grant is None
                or grant.client_id != client_id
                or grant.redirect_uri != form.get("redirect_uri", "")
                or grant.challenge != challenge
            ):
                raise ValueError("Value passed for the authorization code was invalid.")
            return self._issue(client_id, grant.scope, now)
        if kind == "refresh_token":
            refresh = form.get("refresh_token", "")
            if self.refresh_tokens.get(refresh) != client_id:
                raise ValueError("Value passed for the token was invalid.")
            del self.refresh_tokens[refresh]
            self.spent_refresh_tokens.add(refresh)
            self.refreshes += 1
            return self._issue(client_id, form.get("scope", ""), now)
        raise ValueError("grant_type must be authorization_code or refresh_token")

    def _issue(self, client_id: str, scope: str, now: datetime) -> dict[str, Any]:
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self.issued[access] = IssuedToken(access, now + ACCESS_TOKEN_LIFETIME)
        answer: dict[str, Any] = {
            "token_type": "bearer",
            "expires_in": int(ACCESS_TOKEN_LIFETIME.total_seconds()),
            "access_token": access,
            "scope": scope,
        }
        if "offline.access" in scope.split():
            self.refresh_tokens[refresh] = client_id
            answer["refresh_token"] = refresh
        return answer

    def bearer_refused(self, token: str, now: datetime) -> bool:
        """An issued token past its two hours (other bearer tokens act as our account)."""
        issued = self.issued.get(token)
        return issued is not None and now >= issued.expires_at
