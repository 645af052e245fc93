"""The inbox holds what listening found beside the replies: a source filter in the service
and on the screen (key e), and a listened post can be answered like a reply."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from campaign.db import Database
from campaign.models import Campaign, HeardKind, Post, Reply
from campaign.services import accounts, inbox
from campaign.services.inbox import ReplyFilter
from campaign.tui.leuchtturm_app import LeuchtturmApp
from tests.tui.conftest import FROZEN, SIZE, open_table, wait_until


def heard(database: Database) -> None:
    """Two posts found by listening: one under the hashtag, one mentioning the account."""
    with database.session() as session:
        campaign = session.scalars(select(Campaign)).one()
        account = accounts.by_name(session, "mastodon-todo")
        for number, kind, text in [
            (1, HeardKind.TAG, "War heute am Container, gute Beratung! #ToDoDortmund"),
            (2, HeardKind.MENTION, "@todo_dortmund Gibt es die Beratung auch samstags?"),
        ]:
            session.add(
                Reply(
                    platform="mastodon",
                    remote_id=f"heard{number}",
                    kind=kind,
                    campaign_id=campaign.id,
                    account_id=account.id,
                    query="#ToDoDortmund" if kind == HeardKind.TAG else None,
                    url=f"http://127.0.0.1:1/@jule/heard{number}",
                    author_handle="jule_nordstadt",
                    author_name="Jule aus der Nordstadt",
                    text=text,
                    created_at=FROZEN - timedelta(minutes=number),
                    is_question=kind == HeardKind.MENTION,
                )
            )


def test_the_source_filter_picks_replies_or_listened_posts(app: LeuchtturmApp) -> None:
    database = app.database
    heard(database)
    with database.session() as session:
        everything = inbox.page_replies(session, ReplyFilter())
        tagged = inbox.page_replies(session, ReplyFilter(kind="tag"))
        replies = inbox.page_replies(session, ReplyFilter(kind="reply"))
    assert len(everything) == 5
    assert [(row.kind, row.query, row.campaign_slug) for row in tagged] == [
        ("tag", "#ToDoDortmund", "todo")
    ]
    assert tagged[0].account_name == "mastodon-todo"
    assert {row.kind for row in replies} == {"reply"} and len(replies) == 3


async def test_e_cycles_the_source_and_a_mention_can_be_answered(app: LeuchtturmApp) -> None:
    heard(app.database)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "4", 5)
        await pilot.press("e")  # reply
        await wait_until(pilot, lambda: table.row_count == 3)
        await pilot.press("e")  # mention
        await wait_until(pilot, lambda: table.row_count == 1)
        assert "Quelle: Erwähnung" in str(app.screen.query_one("#filters").render())
    with app.database.session() as session:
        mention = session.scalars(select(Reply).where(Reply.kind == "mention")).one()
        post = inbox.answer_reply(session, mention.id, "Ja, samstags von 10 bis 14 Uhr.", {})
        assert post.campaign.slug == "todo"
        assert [t.account.name for t in post.targets] == ["mastodon-todo"]
        assert session.get_one(Post, post.id).text.startswith("Ja, samstags")
