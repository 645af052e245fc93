"""The boundary for outside text: inert before it is stored, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from campaign.db import Database
from campaign.models import Campaign, Delivery, DeliveryState, Event, Post, Reply
from campaign.services import accounts, events
from content.outside_text import bounded, inert, inert_line
from tests.hostile import LONG, data_controls, payloads
from words.coded import Coded

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("payload", payloads())
def test_no_payload_keeps_a_control_or_bidi_character(payload: str) -> None:
    for cleaned in (inert(payload), inert_line(payload)):
        assert data_controls(cleaned) == []
        assert "\x1b" not in cleaned and "\r" not in cleaned
    assert "\n" not in inert_line(payload) and "\t" not in inert_line(payload)


def test_escape_sequences_go_whole_and_readable_text_stays() -> None:
    assert inert("a\x1b]8;;http://evil.example\x1b\\Link\x1b]8;;\x1b\\b") == "aLinkb"
    assert inert("vor\x1b[2J\x1b[31mrot\x1b[0m") == "vorrot"
    assert inert("Titel\x1b]0;neu\x07!") == "Titel!"
    assert inert("Zeile 1\r\nZeile 2\tTab") == "Zeile 1\nZeile 2\tTab"
    assert inert("\u202egnp.exe") == "gnp.exe"
    assert inert("مرحبا 👨‍👩‍👧 ä") == "مرحبا 👨‍👩‍👧 ä"


def test_bounded_cuts_between_characters_and_marks_the_cut() -> None:
    assert bounded("abc", 3) == "abc"
    assert bounded(LONG, 80) == "x" * 79 + "…"
    family = "👨‍👩‍👧"
    assert bounded("ab" + family + "cd", 6) == "ab…"  # the family is never split
    assert len(inert(LONG, limit=500)) == 500


def _delivery(database: Database) -> int:
    with database.session() as session:
        account = accounts.by_name(session, "mastodon-todo")
        post = Post(
            campaign=Campaign(slug="todo", name="to:do"),
            key="k",
            text="t",
            scheduled_at=NOW,
        )
        delivery = Delivery(
            post=post,
            account_id=account.id,
            idempotency_key="k-1",
            due_at=NOW,
            state=DeliveryState.SENT,
            sent_at=NOW,
            remote_id="1",
        )
        session.add(delivery)
        session.flush()
        return delivery.id


def test_replies_reasons_and_events_are_stored_inert_and_bounded(database: Database) -> None:
    delivery_id = _delivery(database)
    hostile = "\n".join(payloads()) + "\x00" + LONG * 3
    with database.session() as session:
        for number, payload in enumerate([*payloads(), hostile]):
            session.add(
                Reply(
                    platform="mastodon",
                    remote_id=f"r{number}",
                    delivery_id=delivery_id,
                    in_reply_to_id="1",
                    url="http://e.example/\x1b]8;;x\x1b\\" + "u" * 600,
                    author_handle=payload + "h" * 400,
                    text=payload,
                    created_at=NOW,
                )
            )
        account = accounts.by_name(session, "mastodon-todo")
        reason = Coded("reason.platform", {"message": hostile})
        accounts.set_state(session, account, "broken", reason)
        session.get_one(Delivery, delivery_id).last_error = hostile
        events.record(session, "test", hostile)
    with database.engine.connect() as connection:
        stored = [
            *connection.execute(text("SELECT text, author_handle, url FROM replies")).all(),
            *connection.execute(text("SELECT state_reason, name, handle FROM accounts")).all(),
            *connection.execute(text("SELECT last_error, claimed_by, remote_id FROM deliveries")),
            *connection.execute(text("SELECT message, kind, kind FROM events")).all(),
        ]
    assert len(stored) >= len(payloads()) + 5
    for row in stored:
        for value in row:
            if value is None:
                continue
            assert data_controls(value) == [] and "\x00" not in value and "\x1b" not in value
    with database.session() as session:
        for reply in session.query(Reply):
            assert len(reply.author_handle) <= 300 and "\n" not in reply.author_handle
            assert len(reply.url) <= 500
        assert session.query(Event).filter(Event.kind == "test").one().message.endswith("…")
