"""The audit log: every change is written with its time, person and reason.

Only `record` writes here, and only inserts: the database refuses updates and deletes of
events (see migration 0009), so the trail cannot be rewritten afterwards.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.models import Event, utc_now
from campaign.people import DAEMON
from campaign.reasons import shown_reason, stored_reason
from words.coded import Coded


def record(
    session: Session,
    kind: str,
    message: str | Coded,
    *,
    at: datetime | None = None,
    campaign_id: int | None = None,
    post_id: int | None = None,
    delivery_id: int | None = None,
    account_id: int | None = None,
    data: dict[str, Any] | None = None,
    person: str | None = None,
) -> Event:
    """Append one event (in the caller's transaction, so it commits with the change).

    `person` is who did it; None means the daemon (or the system acting for nobody).
    A `Coded` message is kept as its code and worded when shown (`shown_message`), in the
    reader's language; a plain one (a person's comment) as it is.
    """
    event = Event(
        at=at or utc_now(),
        kind=kind,
        message=stored_reason(message) if isinstance(message, Coded) else message,
        campaign_id=campaign_id,
        post_id=post_id,
        delivery_id=delivery_id,
        account_id=account_id,
        data=data,
        person=person or DAEMON,
    )
    session.add(event)
    return event


def shown_message(event: Event, zone: ZoneInfo, lang: str | None = None) -> str:
    """What the event says, in `lang` (default: the reader's language), its times in
    `zone` (the post's campaign's, or the configured one)."""
    return shown_reason(event.message, zone, lang)


def recent(
    session: Session,
    *,
    limit: int = 50,
    kind_prefix: str | None = None,
    unresolved: bool = False,
) -> list[Event]:
    """Newest events first, optionally only one family such as "alert.", or only open ones."""
    query = select(Event).order_by(Event.at.desc(), Event.id.desc()).limit(limit)
    if kind_prefix:
        query = query.where(Event.kind.startswith(kind_prefix))
    if unresolved:
        query = query.where(Event.resolved_at.is_(None))
    return list(session.scalars(query))


def of_post(session: Session, post_id: int) -> list[Event]:
    """A post's audit trail, oldest first: every delivery state change with its reason."""
    query = select(Event).where(Event.post_id == post_id).order_by(Event.at, Event.id)
    return list(session.scalars(query))
