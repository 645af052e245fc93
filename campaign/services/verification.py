"""Checking that configured accounts can log in (`leuchtturm accounts verify`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from campaign.config import AccountSettings, Settings
from campaign.models import AccountState, utc_now
from campaign.services import accounts, capabilities, followers
from connectors.base import AccountInfo, ConnectorSettings
from connectors.errors import AuthExpired, ConfigurationError, ConnectorError, PaymentRequired
from connectors.registry import create_connector
from words import t
from words.coded import Coded


@dataclass(frozen=True)
class VerifyResult:
    """One account's outcome: who it is, or exactly what is wrong."""

    name: str
    platform: str
    ok: bool
    handle: str | None = None
    followers: int | None = None
    problem: str | None = None


def connector_settings(settings: Settings, account: AccountSettings) -> ConnectorSettings:
    """Connector settings with the secret read from the environment (never stored)."""
    credentials = account.credentials()
    missing = [env for role, env in account.secret_envs().items() if role not in credentials]
    if account.auth == "oauth2":
        missing = [env for env in missing if env != account.client_secret_env]
    if missing:
        raise ConfigurationError(
            account.platform, t("accounts.missing_secret", env=", ".join(missing))
        )
    return ConnectorSettings(
        platform=account.platform,
        account_name=account.name,
        handle=account.handle,
        server_url=account.server_url,
        secret=credentials.get("secret", ""),
        state_dir=settings.data_dir() / "sessions",
        credentials=credentials,
        auth=account.auth,
        full_text_search=bool(account.full_text_search),
    )


def same_handle(logged_in: str, configured: str) -> bool:
    """Whether the credentials log in as the configured account: "@Name@server" and "name"
    are the same person on Mastodon; a token for someone else would post as them."""

    def local(handle: str) -> str:
        return handle.strip().lstrip("@").split("@", 1)[0].lower()

    return local(logged_in) == local(configured)


def verify_all(
    session: Session, settings: Settings, *, person: str | None = None
) -> list[VerifyResult]:
    """Verify every configured account as `person`; a success clears a broken or
    out-of-credits hold."""
    settings.require_accounts()
    results = []
    for configured in settings.accounts:
        row = accounts.by_name(session, configured.name)
        try:
            connector = create_connector(connector_settings(settings, configured))
            info: AccountInfo = connector.verify()
            capabilities.record(row, connector.limits())
        except (AuthExpired, PaymentRequired) as error:
            held_state = (
                AccountState.CREDITS_EXHAUSTED
                if isinstance(error, PaymentRequired)
                else AccountState.BROKEN
            )
            reason = Coded("reason.platform", {"message": error.message})
            accounts.set_state(session, row, held_state, reason, person=person)
            results.append(
                VerifyResult(configured.name, configured.platform, False, problem=error.message)
            )
            continue
        except ConnectorError as error:
            results.append(
                VerifyResult(configured.name, configured.platform, False, problem=error.message)
            )
            continue
        if not same_handle(info.handle, configured.handle):
            problem = t(
                "accounts.handle_mismatch",
                handle=info.handle,
                expected=configured.handle,
                env=configured.secret_env,
            )
            results.append(
                VerifyResult(
                    configured.name, configured.platform, False, info.handle, None, problem
                )
            )
            continue
        row.remote_id = info.remote_id
        row.verified_at = utc_now()
        if info.followers is not None:
            followers.record(session, row, info.followers, row.verified_at, settings.zone)
        if row.state != AccountState.OK:
            # X answers a read with 402 as well while credits are exhausted: a login that
            # succeeds means X takes calls again. Should posting still be refused, the
            # next 402 holds the account again, with its reason.
            accounts.set_state(session, row, AccountState.OK, None, person=person)
        results.append(
            VerifyResult(configured.name, configured.platform, True, info.handle, info.followers)
        )
    return results
