"""The wall shows what the city posts under the campaign's hashtag beside the replies,
moderated the same way, with the author's display name."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from campaign.config import WallSettings
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Campaign, HeardKind, Reply
from campaign.services import wall
from campaign.services.wall import WallKey
from tests.wall.scenario import NOW, SLUG, Said, add_replies, seed_campaign


def _tagged(database: Database, text: str) -> int:
    with database.session() as session:
        campaign = session.scalars(select(Campaign).where(Campaign.slug == SLUG)).one()
        reply = Reply(
            platform="bluesky",
            remote_id="at://did:plc:jule/app.bsky.feed.post/1",
            kind=HeardKind.TAG,
            campaign_id=campaign.id,
            query="#ToDoDortmund",
            author_handle="jule-nordstadt.bsky.social",
            author_name="Jule aus der Nordstadt",
            text=text,
            created_at=NOW - timedelta(minutes=3),
            collected_at=NOW - timedelta(minutes=3),
            sentiment_label="positive",
        )
        session.add(reply)
        session.flush()
        return reply.id


def test_a_tagged_post_waits_for_approval_then_shows_with_its_name(database: Database) -> None:
    delivery = seed_campaign(database)
    add_replies(database, delivery, [Said("Eine Antwort")])
    heard = _tagged(database, "War am Container, super Beratung! #ToDoDortmund")
    settings = WallSettings(campaign=SLUG)
    with database.session() as session:
        keys = {str(item.key) for item in wall.candidates(session, settings)}
        assert f"listening:{heard}" in keys
        assert wall.shown_items(session, settings, NOW) == []
        wall.approve(session, WallKey.parse(f"listening:{heard}"), by="jana")
    with database.session() as session:
        [item] = wall.shown_items(session, settings, NOW)
    assert item.display_name == "Jule aus der Nordstadt"
    assert item.text.startswith("War am Container")


def test_a_listening_key_never_names_a_reply(database: Database) -> None:
    delivery = seed_campaign(database)
    [reply_id] = add_replies(database, delivery, [Said("Eine Antwort")])
    with database.session() as session, pytest.raises(UserError):
        wall.approve(session, WallKey("listening", reply_id))
