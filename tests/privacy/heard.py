"""Posts by others as listening stores them (kind, campaign, no delivery needed), written
straight through the models, and the city week every privacy test starts from."""

from __future__ import annotations

from datetime import datetime
from itertools import count

from sqlalchemy import select

from campaign.db import Database
from campaign.models import Campaign, Reply, WallEntry, WallEntryState
from tests.reports.scenario import MODEL, REVISION, at

_ids = count(1)


def heard(
    database: Database,
    *,
    campaign: str,
    platform: str,
    kind: str,
    author: str,
    created: str | datetime,
    text: str = "Ein Beitrag aus der Stadt",
    label: str | None = None,
    human: str | None = None,
    score: float | None = 0.8,
    question: bool = False,
    delivery_id: int | None = None,
    wall: bool = False,
    reposts: int = 0,
) -> int:
    """One stored post by someone else; its id."""
    number = next(_ids)
    with database.session() as session:
        campaign_id = session.scalar(select(Campaign.id).where(Campaign.slug == campaign))
        reply = Reply(
            platform=platform,
            remote_id=f"heard-{number}",
            kind=kind,
            campaign_id=campaign_id,
            delivery_id=delivery_id,
            query="#ToDoDortmund" if kind == "tag" else None,
            url=f"https://{platform}.example/@{author}/{number}",
            author_handle=author,
            text=text,
            language="de",
            created_at=at(created) if isinstance(created, str) else created,
            is_question=question,
            sentiment_label=label,
            sentiment_score=score if label else None,
            sentiment_model=MODEL if label else None,
            sentiment_revision=REVISION if label else None,
            human_label=human,
            reposts=reposts,
        )
        session.add(reply)
        session.flush()
        if wall:
            session.add(
                WallEntry(source="reply", source_id=reply.id, state=WallEntryState.APPROVED)
            )
        return reply.id


def city_week(database: Database) -> None:
    """Posts by others in W13 (25–31 March 2024, Europe/Berlin) for campaign "arbeit",
    with the numbers `test_city_section` works out by hand."""

    def tag(platform: str, author: str, created: str, text: str, **kw: object) -> int:
        return heard(
            database,
            campaign="arbeit",
            platform=platform,
            kind="tag",
            author=author,
            created=created,
            text=text,
            **kw,  # type: ignore[arg-type]
        )

    # Monday 25 March (CET, UTC+1)
    tag(
        "mastodon",
        "anna@social.example",
        "2024-03-25 08:00",
        "Die Arbeit der Zukunft braucht Weiterbildung #ToDoDortmund",
        label="positive",
        wall=True,
        reposts=2,
    )
    tag(
        "mastodon",
        "Anna@Social.Example",
        "2024-03-25 09:30",
        "Weiterbildung für alle, nicht nur für wenige! #ToDoDortmund",
        label="negative",
        human="positive",
    )
    heard(
        database,
        campaign="arbeit",
        platform="x",
        kind="mention",
        author="kritiker99",
        created="2024-03-25 22:30",
        text="@todo_dortmund Weiterbildung kostet Geld, wer zahlt?",
        label="negative",
        question=True,
    )  # Monday 23:30 CET
    # Wednesday 27 March
    heard(
        database,
        campaign="arbeit",
        platform="bluesky",
        kind="keyword",
        author="bernd.bsky.social",
        created="2024-03-27 12:00",
        text="Arbeit der Zukunft in Dortmund: Pflege und Handwerk",
        label="neutral",
    )
    heard(
        database,
        campaign="arbeit",
        platform="x",
        kind="quote",
        author="kritiker99",
        created="2024-03-27 13:00",
        text="Pflege? Erst mal bezahlen. @anna sieht das auch so",
    )
    # Sunday 31 March, 23:30 CEST = 21:30 UTC; and Monday 1 April 00:30 CEST (next week)
    tag(
        "bluesky",
        "bernd.bsky.social",
        "2024-03-31 21:30",
        "Handwerk hat Zukunft #ToDoDortmund",
        label="positive",
        reposts=5,
    )
    tag("bluesky", "bernd.bsky.social", "2024-03-31 22:30", "Nächste Woche", label="positive")
