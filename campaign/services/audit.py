"""The audit trail of a campaign for the records office: every event with time, person,
post and what changed, as CSV or JSON.

Times are shown in the campaign's zone with their offset, so a record read years later
still says when it happened. Texts in the trail (post texts, diffs, comments, platform
errors) may come from anywhere: a CSV cell that a spreadsheet would run as a formula is
written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.config import Settings
from campaign.models import Account, Campaign, Event, Post
from campaign.people import shown
from campaign.reasons import shown_reason
from campaign.reports.render_csv import formula_safe

"""What a spreadsheet reads as the start of a formula (OWASP, CSV injection)."""


@dataclass(frozen=True)
class AuditRow:
    """One event as the records office reads it."""

    at: str
    person: str
    kind: str
    post: str
    account: str
    message: str
    diff: str


def rows(
    session: Session,
    settings: Settings,
    campaign: Campaign,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[AuditRow]:
    """The campaign's events from `start` (inclusive) to `end` (exclusive), oldest first;
    a missing bound is open."""
    zone = ZoneInfo(campaign.time_zone)
    query = (
        select(Event, Post.key, Account.name)
        .outerjoin(Post, Post.id == Event.post_id)
        .outerjoin(Account, Account.id == Event.account_id)
        .where(Event.campaign_id == campaign.id)
        .order_by(Event.at, Event.id)
    )
    if start is not None:
        query = query.where(Event.at >= start)
    if end is not None:
        query = query.where(Event.at < end)
    return [
        AuditRow(
            at=event.at.astimezone(zone).isoformat(timespec="seconds"),
            person=shown(event.person, settings),
            kind=event.kind,
            post=key or "",
            account=account or "",
            message=shown_reason(event.message, zone),
            diff=str((event.data or {}).get("diff") or ""),
        )
        for event, key, account in session.execute(query)
    ]


def as_csv(trail: list[AuditRow]) -> str:
    """One header line, then one line per event, every cell guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(AuditRow.__dataclass_fields__))
    writer.writerows([formula_safe(value) for value in asdict(row).values()] for row in trail)
    return out.getvalue()


def as_json(trail: list[AuditRow]) -> str:
    """A JSON list of events (UTF-8 text, not escaped)."""
    return json.dumps([asdict(row) for row in trail], ensure_ascii=False, indent=2)
