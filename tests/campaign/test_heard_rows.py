"""A post read by two jobs at once is stored once, and neither job fails.

Found in the demo: collection (replies) and listening (mentions) read the same reply that
mentions the account in the same second; both checked, both inserted, and the listening
round died on the unique key with a traceback in the demo's output.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from campaign.daemon.heard_rows import insert_new
from campaign.db import Database
from campaign.models import HeardKind, Reply

AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _row(remote_id: str, kind: HeardKind, text: str) -> dict[str, object]:
    return {
        "platform": "mastodon",
        "remote_id": remote_id,
        "kind": kind,
        "author_handle": "derya",
        "text": text,
        "created_at": AT,
    }


def test_the_second_reader_of_a_post_leaves_the_first_ones_row(database: Database) -> None:
    with database.session() as first:  # collection stored it as a reply, and committed
        assert insert_new(first, [_row("1", HeardKind.REPLY, "Gute Sache @todo")]) == 1
    with database.session() as second:  # listening had checked before that commit
        mention = _row("1", HeardKind.MENTION, "Gute Sache @todo")
        fresh = _row("2", HeardKind.MENTION, "Und noch einer")
        assert insert_new(second, [mention, fresh, fresh]) == 1
    with database.session() as session:
        assert session.scalar(select(func.count(Reply.id))) == 2
        kept = session.scalar(select(Reply).where(Reply.remote_id == "1"))
        assert kept is not None and kept.kind == HeardKind.REPLY
        assert kept.collected_at is not None and kept.in_reply_to_id == ""
