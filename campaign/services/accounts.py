"""Accounts: mirrored from the configuration, with a state the daemon maintains."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.config import Settings
from campaign.errors import UserError
from campaign.models import Account, AccountState, Event, utc_now
from campaign.reasons import shown_reason, stored_reason
from campaign.services import events
from campaign.times import clock_time, shown
from words import t
from words.coded import Coded

log = logging.getLogger("leuchtturm.accounts")
RATE_LIMITED = "account.rate_limited"


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
        raise UserError(t("error.unknown_account", name=name))
    return account


def list_accounts(session: Session) -> list[Account]:
    """All accounts, by name."""
    return list(session.scalars(select(Account).order_by(Account.name)))


def set_state(
    session: Session,
    account: Account,
    state: AccountState,
    reason: Coded | None,
    *,
    person: str | None = None,
) -> None:
    """Change an account's state and say why (and who: None is the daemon) in the audit log;
    the reason is kept as a code and worded when shown."""
    kept = stored_reason(reason) if reason is not None else None
    if account.state == state and account.state_reason == kept:
        return
    previous = account.state
    account.state = state
    account.state_reason = kept
    account.state_changed_at = utc_now()
    events.record(
        session,
        f"account.{state}",
        Coded(
            "event.account",
            {"name": account.name, "reason": reason or Coded(f"account.{state}")},
        ),
        account_id=account.id,
        person=person,
    )
    log.log(
        logging.INFO if state == AccountState.OK else logging.WARNING,
        "account %s: %s → %s: %s",
        account.name,
        previous,
        state,
        reason.text() if reason is not None else state,
        extra={"account": account.name},
    )


def note_rate_limited(
    session: Session,
    account: Account,
    until: datetime,
    post_key: str,
    now: datetime,
    zone: ZoneInfo,
) -> None:
    """The platform asked this account to wait: hold its lane until `until`, say so once
    (in the trail, with `until` local to `zone`: the campaign of the post that hit it)."""
    if account.rate_limited_until is not None and account.rate_limited_until >= until:
        return
    account.rate_limited_until = until
    message = t("account.rate_limit_started", account=account.name, until=shown(until, zone))
    events.record(session, RATE_LIMITED, message, at=now, account_id=account.id)
    log.warning(
        "account %s: rate limit starts (post %s), until %s",
        account.name,
        post_key,
        until.isoformat(timespec="seconds"),
        extra={"account": account.name, "post": post_key},
    )


def note_rate_limit_ended(session: Session, account: Account, now: datetime) -> None:
    """The account's rate limit is over: its waiting posts leave again, spaced."""
    events.record(
        session,
        "account.rate_limit_ended",
        Coded("event.rate_limit_over", {"name": account.name}),
        at=now,
        account_id=account.id,
    )
    log.info("account %s: rate limit ended", account.name, extra={"account": account.name})


def rate_limit_started(session: Session, account: Account) -> datetime | None:
    """When the account's latest rate limit began (its audit event), None if it never had one."""
    return session.scalar(
        select(Event.at)
        .where(Event.kind == RATE_LIMITED, Event.account_id == account.id)
        .order_by(Event.at.desc(), Event.id.desc())
        .limit(1)
    )


def rate_limited_until(account: Account, now: datetime) -> datetime | None:
    """When the account's current rate limit ends, or None when it has none now."""
    until = account.rate_limited_until
    return until if until is not None and until > now else None


def hold_note(account: Account, now: datetime, zone: ZoneInfo) -> str:
    """Why the account's posts wait right now, in words ("" when they do not).

    One wording for `status`, `accounts list` and the TUI's Konten screen.
    """
    if account.state != AccountState.OK:
        return shown_reason(account.state_reason, zone)
    until = rate_limited_until(account, now)
    if until is not None:
        return t("account.rate_limited", until=clock_time(until, now, zone))
    if account.paced_until is not None and account.paced_until > now:
        return t("account.catching_up", until=clock_time(account.paced_until, now, zone))
    return ""


def held(session: Session, now: datetime) -> list[Account]:
    """Accounts that cannot post now: broken, out of credits, or rate limited."""
    return [
        account
        for account in list_accounts(session)
        if account.state != AccountState.OK or rate_limited_until(account, now) is not None
    ]
