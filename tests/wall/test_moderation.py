"""The wall's moderation and figures through the one service, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from campaign.config import Settings, WallSettings
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Event
from campaign.services import wall
from campaign.services.wall import ItemState, WallKey
from tests.wall.scenario import NOW, SLUG, Said, add_replies, seed_campaign


def _wall(**changes: object) -> WallSettings:
    return WallSettings(campaign=SLUG, **changes)


def _shown(database: Database, settings: WallSettings, now=NOW) -> list[str]:
    with database.session() as session:
        return [item.text for item in wall.shown_items(session, settings, now)]


def _key(reply_id: int) -> WallKey:
    return WallKey("reply", reply_id)


def test_nothing_shows_until_a_person_approves_it(database: Database) -> None:
    delivery = seed_campaign(database)
    first, second = add_replies(database, delivery, [Said("Eins"), Said("Zwei", author="b")])
    assert _shown(database, _wall()) == []
    with database.session() as session:
        wall.approve(session, _key(second), by="jana")
    assert _shown(database, _wall()) == ["Zwei"]
    with database.session() as session:
        wall.approve(session, _key(first))
        wall.hide(session, _key(second), by="jana")
    assert _shown(database, _wall()) == ["Eins"]
    with database.session() as session:
        kinds = session.scalars(select(Event.kind).order_by(Event.id)).all()
        data = session.scalars(select(Event.data).order_by(Event.id)).all()
    assert kinds == ["wall.approved", "wall.approved", "wall.hidden"]
    assert data[0] == {"item": f"reply:{second}", "by": "jana"}


def test_post_moderation_shows_after_the_delay_and_holds_negative_flagged_unclassified(
    database: Database,
) -> None:
    delivery = seed_campaign(database)
    add_replies(
        database,
        delivery,
        [
            Said("Gerade eben, noch in der Frist", minutes_ago=1),
            Said("Schön, dass es das gibt", minutes_ago=5),
            Said("Alles Mist", label="negative", minutes_ago=5),
            Said("Das Modell irrt", label="positive", human_label="negative", minutes_ago=5),
            Said("Ein Mensch sagt: gut", label="negative", human_label="positive", minutes_ago=5),
            Said("Noch nicht eingeordnet", label=None, minutes_ago=5),
            Said("Kauft BILLIG-Uhren hier", minutes_ago=5),
        ],
    )
    post = _wall(moderation="post", delay_seconds=120, hold_words=["billig"])
    assert sorted(_shown(database, post)) == ["Ein Mensch sagt: gut", "Schön, dass es das gibt"]
    assert "Gerade eben, noch in der Frist" in _shown(database, post, NOW + timedelta(minutes=2))


def test_an_approved_item_shows_in_post_moderation_at_once_and_a_hidden_one_never(
    database: Database,
) -> None:
    delivery = seed_campaign(database)
    fresh, negative = add_replies(
        database, delivery, [Said("Frisch", minutes_ago=0), Said("Hart", label="negative")]
    )
    post = _wall(moderation="post", delay_seconds=600)
    with database.session() as session:
        wall.approve(session, _key(fresh))
        wall.approve(session, _key(negative))
    assert sorted(_shown(database, post)) == ["Frisch", "Hart"]
    with database.session() as session:
        wall.hide(session, _key(fresh))
    assert _shown(database, post, NOW + timedelta(hours=1)) == ["Hart"]


def test_auto_moderation_shows_everything_a_person_did_not_hide(database: Database) -> None:
    delivery = seed_campaign(database)
    _shown_one, hidden = add_replies(
        database,
        delivery,
        [Said("Unbesehen", label=None, minutes_ago=0), Said("Weg damit", minutes_ago=1)],
    )
    with database.session() as session:
        wall.hide(session, _key(hidden))
    assert _shown(database, _wall(moderation="auto")) == ["Unbesehen"]


def test_pinned_items_come_first_and_a_blocked_author_disappears_everywhere(
    database: Database,
) -> None:
    delivery = seed_campaign(database)
    old, new, troll_one, troll_two = add_replies(
        database,
        delivery,
        [
            Said("Alt", minutes_ago=30),
            Said("Neu", minutes_ago=1),
            Said("Troll eins", author="troll", minutes_ago=2),
            Said("Troll zwei", author="troll", minutes_ago=3),
        ],
    )
    with database.session() as session:
        for reply_id in (new, troll_one, troll_two):
            wall.approve(session, _key(reply_id))
        wall.pin(session, _key(old))  # pinning approves
    assert _shown(database, _wall()) == ["Alt", "Neu", "Troll eins", "Troll zwei"]
    with database.session() as session:
        wall.block(session, _key(troll_one), by="jana")
        wall.block(session, _key(troll_one))  # twice is once
    assert _shown(database, _wall()) == ["Alt", "Neu"]
    assert _shown(database, _wall(moderation="auto")) == ["Alt", "Neu"]
    with database.session() as session:
        states = {item.text: item.state for item in wall.candidates(session, _wall())}
        blocked = wall.candidates(session, _wall(), state=ItemState.BLOCKED)
        kinds = session.scalars(select(Event.kind).where(Event.kind == "wall.blocked")).all()
    assert states["Troll zwei"] == ItemState.BLOCKED and states["Neu"] == ItemState.APPROVED
    assert sorted(item.text for item in blocked) == ["Troll eins", "Troll zwei"]
    assert kinds == ["wall.blocked"]
    with database.session() as session:
        wall.pin(session, _key(old), pinned=False)
        wall.unblock(session, _key(troll_two))
    assert _shown(database, _wall()) == ["Neu", "Troll eins", "Troll zwei", "Alt"]


def test_the_wall_shows_only_its_campaign_and_at_most_its_number_of_items(
    database: Database, settings: Settings
) -> None:
    delivery = seed_campaign(database)
    ids = add_replies(database, delivery, [Said(f"Nr. {n}", minutes_ago=n) for n in range(5)])
    with database.session() as session:
        for reply_id in ids:
            wall.approve(session, _key(reply_id))
    assert _shown(database, _wall(items=3)) == ["Nr. 0", "Nr. 1", "Nr. 2"]
    assert _shown(database, WallSettings(campaign="eine-andere")) == []


def test_counters_mood_and_next_programme_item(database: Database, settings: Settings) -> None:
    delivery = seed_campaign(database)
    add_replies(
        database,
        delivery,
        [
            Said("a", author="anna", label="positive"),
            Said("b", author="anna", label="negative", human_label="positive"),
            Said("c", author="ben", label="neutral"),
            Said("d", author="cem", label="negative"),
            Said("e", author="dora", label="positive", minutes_ago=90),  # before the hour
            Said(
                "f", author="emil", label="positive", minutes_ago=60 * 15
            ),  # 23:00 yesterday, local time
        ],
    )
    with database.session() as session:
        state = wall.wall_state(session, _wall(), NOW, settings.zone)
    assert state.counters == wall.Counters(posts=1, replies=5, people=4, poll_votes=0)
    assert state.mood == wall.Mood(positive=2, neutral=1, negative=1)
    assert state.next_item is not None and state.next_item.at == NOW + timedelta(hours=4)
    assert state.next_item.text.startswith("Werkstatt")
    assert state.time_zone == "Europe/Berlin"


def test_moderating_an_unknown_item_says_which_and_where_to_look(database: Database) -> None:
    with database.session() as session, pytest.raises(UserError, match="reply:999"):
        wall.approve(session, _key(999))
    with pytest.raises(UserError, match="'x:y'"):
        WallKey.parse("x:y")
    assert WallKey.parse("42") == WallKey.parse("reply:42") == _key(42)


def test_the_change_marker_moves_with_a_decision_and_a_new_reply(database: Database) -> None:
    delivery = seed_campaign(database)
    [reply] = add_replies(database, delivery, [Said("Hallo")])
    with database.session() as session:
        before = wall.change_marker(session)
    with database.session() as session:
        wall.approve(session, _key(reply))
    with database.session() as session:
        after_decision = wall.change_marker(session)
    add_replies(database, delivery, [Said("Noch eine")])
    with database.session() as session:
        after_reply = wall.change_marker(session)
    assert before < after_decision < after_reply
