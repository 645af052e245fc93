"""Checking that configured accounts can log in (`leuchtturm accounts verify`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from campaign.config import AccountSettings, Settings
from campaign.i18n import t
from campaign.models import AccountState, utc_now
from campaign.services import accounts
from connectors.base import AccountInfo, ConnectorSettings
from connectors.errors import AuthExpired, ConfigurationError, ConnectorError, PaymentRequired
from connectors.registry import create_connector


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
    secret = account.secret()
    if secret is None:
        raise ConfigurationError(
            account.platform, t("accounts.missing_secret", env=account.secret_env)
        )
    return ConnectorSettings(
        platform=account.platform,
        account_name=account.name,
        handle=account.handle,
        server_url=account.server_url,
        secret=secret,
        state_dir=settings.data_dir() / "sessions",
    )


def verify_all(
    session: Session, settings: Settings, *, person: str | None = None
) -> list[VerifyResult]:
    """Verify every configured account as `person`; a success clears a broken or
    out-of-credits hold."""
    results = []
    for configured in settings.accounts:
        row = accounts.by_name(session, configured.name)
        try:
            info: AccountInfo = create_connector(connector_settings(settings, configured)).verify()
        except (AuthExpired, PaymentRequired) as error:
            held_state = (
                AccountState.CREDITS_EXHAUSTED
                if isinstance(error, PaymentRequired)
                else AccountState.BROKEN
            )
            accounts.set_state(session, row, held_state, error.message, person=person)
            results.append(
                VerifyResult(configured.name, configured.platform, False, problem=error.message)
            )
            continue
        except ConnectorError as error:
            results.append(
                VerifyResult(configured.name, configured.platform, False, problem=error.message)
            )
            continue
        row.remote_id = info.remote_id
        row.followers = info.followers
        row.verified_at = utc_now()
        if row.state != AccountState.OK:
            # X answers a read with 402 as well while credits are exhausted: a login that
            # succeeds means X takes calls again. Should posting still be refused, the
            # next 402 holds the account again, with its reason.
            accounts.set_state(session, row, AccountState.OK, None, person=person)
        results.append(
            VerifyResult(configured.name, configured.platform, True, info.handle, info.followers)
        )
    return results
