"""X credentials that last, and tweepy pointed at the configured host.

OAuth 1.0a user context (consumer key and secret, access token and secret) never expires
and is the default. OAuth 2.0 access tokens from the Authorization Code Flow with PKCE live
two hours; with the offline.access scope X also gives a refresh token, which rotates on
every use. `OAuth2Tokens` keeps the newest pair in the account's private state file (never
the database), refreshes a few minutes before the access token runs out, and holds the
file's lock while it does, so a daemon and an `accounts verify` never spend the same
refresh token twice. `LoginFlow` is tweepy's own `OAuth2UserHandler` walking the PKCE flow
once, for `leuchtturm accounts login`.

tweepy 4.17 builds every URL as "https://api.twitter.com" + route. `RehostedSession`
rewrites that host *before* a request is prepared, so an OAuth 1.0a signature is made for
the URL actually called (the sandbox, or api.x.com) and verifies there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import requests
import tweepy
from oauthlib.oauth2 import OAuth2Error

from connectors.base import ConnectorSettings
from connectors.errors import AuthExpired, ConfigurationError, Transient
from connectors.redaction import redact
from connectors.state_file import StateFile

PLATFORM = "x"
TWEEPY_HOST = "https://api.twitter.com"
AUTHORIZE_HOST = "https://twitter.com"
X_HOSTS = ("https://api.x.com", "https://api.twitter.com")
TOKEN_URL = f"{TWEEPY_HOST}/2/oauth2/token"
SCOPES = ("tweet.read", "tweet.write", "users.read", "media.write", "offline.access")
REFRESH_MARGIN = timedelta(minutes=5)
"""Refresh this long before X's two hours run out, so no call meets an expired token."""
STATE_KIND = "x-oauth2"

Clock = Callable[[], datetime]


class _Rehosting(requests.Session):
    """A requests session that sends tweepy's api.twitter.com URLs to `base_url`, with a
    timeout on every request (tweepy sets none)."""

    base_url: str = TWEEPY_HOST
    timeout_s: float = 10.0

    def rehost(self, base_url: str, timeout_s: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        if isinstance(request.url, str) and request.url.startswith(TWEEPY_HOST):
            request.url = self.base_url + request.url[len(TWEEPY_HOST) :]
        return super().prepare_request(request)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout_s
        return super().send(request, **kwargs)


class RehostedSession(_Rehosting):
    """The session a tweepy `Client` gets in place of its own."""

    def __init__(self, base_url: str, timeout_s: float) -> None:
        super().__init__()
        self.rehost(base_url, timeout_s)


class _RehostedOAuth2Handler(_Rehosting, tweepy.OAuth2UserHandler):
    """tweepy's PKCE handler, its token requests sent to the configured host."""

    def __init__(self, settings: ConnectorSettings, redirect_uri: str) -> None:
        client_id = settings.credentials.get("client_id")
        if not client_id:
            raise ConfigurationError(
                PLATFORM,
                f"account {settings.account_name!r} has no OAuth 2.0 client id; set the "
                "environment variable its client_id_env names",
            )
        tweepy.OAuth2UserHandler.__init__(
            self,
            client_id=client_id,
            redirect_uri=redirect_uri,
            scope=list(SCOPES),
            client_secret=settings.credentials.get("client_secret"),
        )
        self.rehost(settings.server_url, settings.timeout_s)
        redact(*settings.credentials.values())


@dataclass(frozen=True)
class OAuth2Token:
    """One access token, the refresh token that replaces it, and when it runs out."""

    access_token: str
    refresh_token: str
    expires_at: datetime

    @classmethod
    def from_answer(cls, answer: dict[str, Any], now: datetime) -> OAuth2Token:
        """X's token answer; `expires_in` counted on our clock (requests-oauthlib's own
        `expires_at` uses the wall clock)."""
        refresh = answer.get("refresh_token")
        if not refresh:
            raise ConfigurationError(
                PLATFORM, "X gave no refresh token: the app must request the offline.access scope"
            )
        token = cls(
            str(answer["access_token"]),
            str(refresh),
            now + timedelta(seconds=int(answer.get("expires_in", 7200))),
        )
        redact(token.access_token, token.refresh_token)
        return token

    def fields(self) -> dict[str, str]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at.isoformat(),
        }

    @classmethod
    def from_fields(cls, fields: dict[str, Any] | None) -> OAuth2Token | None:
        try:
            token = cls(
                str(fields["access_token"]),
                str(fields["refresh_token"]),
                datetime.fromisoformat(str(fields["expires_at"])),
            )
        except (TypeError, KeyError, ValueError):
            return None
        redact(token.access_token, token.refresh_token)
        return token


def _refuse_server_failures(response: requests.Response) -> requests.Response:
    """requests-oauthlib reads any body as a token answer; a 5xx or 429 is an outage."""
    if response.status_code >= 500 or response.status_code == 429:
        raise Transient(PLATFORM, f"X's token endpoint answered {response.status_code}; will retry")
    return response


def _token_endpoint_silent(settings: ConnectorSettings) -> Transient:
    return Transient(PLATFORM, f"X's token endpoint at {settings.server_url} did not answer")


class OAuth2Tokens:
    """The account's current OAuth 2.0 access token, refreshed before it runs out."""

    def __init__(self, settings: ConnectorSettings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock
        self.store = StateFile(settings, STATE_KIND)
        self._handler = _RehostedOAuth2Handler(settings, redirect_uri="")
        self._handler.register_compliance_hook("refresh_token_response", _refuse_server_failures)
        self._token: OAuth2Token | None = None

    def access_token(self) -> str:
        """A token valid for a few more minutes at least.

        Raises AuthExpired (no login yet, or X refused the refresh token) or Transient.
        """
        token = self._token or self._stored()
        if token.expires_at - REFRESH_MARGIN <= self.clock():
            token = self._refresh(token)
        self._token = token
        return token.access_token

    def _stored(self) -> OAuth2Token:
        token = OAuth2Token.from_fields(self.store.load())
        if token is None:
            raise AuthExpired(
                PLATFORM,
                f"account {self.settings.account_name!r} has no OAuth 2.0 tokens yet; run "
                f"`leuchtturm accounts login {self.settings.account_name}`",
            )
        return token

    def _refresh(self, used: OAuth2Token) -> OAuth2Token:
        """Spend the refresh token once; another process may have done so already."""
        with self.store.exclusive():
            stored = self._stored()
            if stored.refresh_token != used.refresh_token:
                if stored.expires_at - REFRESH_MARGIN > self.clock():
                    return stored
                used = stored
            try:
                answer = self._handler.refresh_token(
                    TOKEN_URL, refresh_token=used.refresh_token, client_id=self._handler.client_id
                )
            except OAuth2Error as error:
                raise AuthExpired(
                    PLATFORM,
                    f"X refused the refresh token of account {self.settings.account_name!r} "
                    f"({error.error}); run `leuchtturm accounts login "
                    f"{self.settings.account_name}`",
                ) from None
            except requests.exceptions.RequestException:
                raise _token_endpoint_silent(self.settings) from None
            token = OAuth2Token.from_answer(dict(answer), self.clock())
            self.store.save(token.fields())
            return token


class LoginFlow:
    """One PKCE authorisation: show `url`, then `finish` with the address X redirected to."""

    def __init__(self, settings: ConnectorSettings, redirect_uri: str, clock: Clock) -> None:
        if settings.state_dir is None:
            raise ConfigurationError(PLATFORM, "no folder to keep the tokens in")
        self.settings = settings
        self.clock = clock
        self._handler = _RehostedOAuth2Handler(settings, redirect_uri)
        url = self._handler.get_authorization_url()
        if settings.server_url.rstrip("/") not in X_HOSTS:
            url = settings.server_url.rstrip("/") + url[len(AUTHORIZE_HOST) :]
        self.url = url

    def finish(self, redirect_response: str) -> None:
        """Trade the code in the redirect address for tokens, and keep them (0600).

        Raises AuthExpired (X refused the code, or the address is not the answer to this
        login), ConfigurationError (no offline.access) or Transient.
        """
        try:
            answer = self._handler.fetch_token(redirect_response.strip())
        except (OAuth2Error, ValueError) as error:
            reason = getattr(error, "description", None) or getattr(error, "error", None)
            raise AuthExpired(
                PLATFORM,
                f"X did not accept the login for account {self.settings.account_name!r} "
                f"({reason or 'not the address X redirected to'}); start again",
            ) from None
        except requests.exceptions.RequestException:
            raise _token_endpoint_silent(self.settings) from None
        token = OAuth2Token.from_answer(dict(answer), self.clock())
        StateFile(self.settings, STATE_KIND).save(token.fields())

    @property
    def token_path(self) -> str:
        """Where the tokens are kept."""
        return str(StateFile(self.settings, STATE_KIND).path)
