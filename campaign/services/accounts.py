"""Accounts: mirrored from the configuration, with a state the daemon maintains."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.config import Settings
from campaign.errors import UserError
from campaign.models import Account, AccountState, utc_now
from campaign.services import events


def sync_from_config(session: Session, settings: Settings) -> list[Account]:
    """Create or update one row per configured account (the file is the authority)."""
    existing = {account.name: account for account in session.scalars(select(Account))}
    synced = []
    for configured in settings.accounts:
        account = existing.get(configured.name)
        if account is None:
            account = Account(name=configured.name, state=AccountState.OK)
            session.add(account)
        account.platform = configured.platform
        account.handle = configured.handle
        account.server_url = configured.server_url
        synced.append(account)
    session.flush()
    return synced


def by_name(session: Session, name: str) -> Account:
    """The account row for a configured name."""
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise UserError(f"unknown account {name!r}: add it to config.toml under [[accounts]]")
    return account


def list_accounts(session: Session) -> list[Account]:
    """All accounts, by name."""
    return list(session.scalars(select(Account).order_by(Account.name)))


def set_state(session: Session, account: Account, state: AccountState, reason: str | None) -> None:
    """Change an account's state and say why in the audit log."""
    if account.state == state and account.state_reason == reason:
        return
    account.state = state
    account.state_reason = reason
    account.state_changed_at = utc_now()
    events.record(
        session,
        f"account.{state}",
        f"{account.name}: {reason or state}",
        account_id=account.id,
    )
