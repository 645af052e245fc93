"""Saving a thread and copying a post are services the composer, the queue and the CLI
share: a thread is split per account by that account's own limit and saved as a chain;
a copy takes the whole thread (content warning and poll too), at the original's time or
at a new one with the parts' spacing kept, and never in the past."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from campaign.cli.main import app as cli_app
from campaign.config import Settings
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Campaign, Post, PostState
from campaign.services import campaigns, posts, threads
from campaign.services.posts import PostDraft
from content.polls import PollSpec

LONG = "Dortmund arbeitet neu. " * 18  # 414 characters: two parts on X, one on Mastodon
AT = datetime(2030, 3, 4, 8, 0, tzinfo=UTC)
NOW = datetime(2030, 3, 1, 12, 0, tzinfo=UTC)
POLL = PollSpec(("Ja", "Nein"), timedelta(hours=24), False)


def _campaign(database: Database) -> None:
    with database.session() as session:
        session.add(Campaign(slug="todo", name="to:do"))


def _draft(accounts: list[str], text: str = LONG, **more: object) -> PostDraft:
    return PostDraft(key="lang", text=text, scheduled_at=AT, accounts=accounts, **more)  # type: ignore[arg-type]


def _chain(database: Database, key: str) -> list[tuple[str, int | None, dict[str, str]]]:
    """Every part of the thread `key`: its key, its parent's id, its texts per platform."""
    with database.session() as session:
        found = session.scalars(
            select(Post).where(Post.key.startswith(key)).order_by(Post.thread_position)
        ).all()
        return [
            (post.key, post.thread_parent_id, {v.platform: v.text for v in post.variants})
            for post in found
        ]


def test_a_thread_is_split_per_account_by_its_own_limit(
    database: Database, settings: Settings
) -> None:
    _campaign(database)
    with database.session() as session:
        saved = threads.save_thread(
            session, settings, "todo", _draft(["x-todo", "mastodon-todo"]),
            {"mastodon-todo": 200}, now=NOW,
        )
    assert saved.parts == {"x-todo": 2, "mastodon-todo": 3}
    assert (saved.key, saved.state, saved.length) == ("lang", PostState.DRAFT, 3)
    chain = _chain(database, "lang")
    assert [key for key, _, _ in chain] == ["lang", "lang#2", "lang#3"]
    assert chain[0][1] is None and chain[1][1] == saved.post_ids[0]
    assert chain[0][2]["x"].endswith(" 1/2") and chain[0][2]["mastodon"].endswith(" 1/3")
    assert set(chain[2][2]) == {"mastodon"}  # X needs two parts only


def test_a_poll_goes_first_and_a_platform_without_polls_gets_the_link(
    database: Database, settings: Settings
) -> None:
    _campaign(database)
    url = "https://example.org/umfrage"
    with database.session() as session:
        saved = threads.save_thread(
            session, settings, "todo", _draft(["bluesky-todo", "mastodon-todo"], poll=POLL),
            {}, survey_url=url, now=NOW,
        )
        head = posts.get_post(session, saved.post_ids[0])
        assert head.poll is not None
        assert all(part.poll is None for part in posts.thread_of(session, head)[1:])
    texts = " ".join(text for _, _, variants in _chain(database, "lang")
                     for text in variants.values() if "bluesky" in variants)
    assert url in texts


def test_an_unknown_account_or_a_word_too_long_is_refused_by_name(
    database: Database, settings: Settings
) -> None:
    _campaign(database)
    with database.session() as session, pytest.raises(UserError, match="nirgends"):
        threads.save_thread(session, settings, "todo", _draft(["nirgends"]), {}, now=NOW)
    word = "Donaudampfschifffahrt" * 20  # one word of 420 characters
    with database.session() as session, pytest.raises(UserError, match=r"^x-todo: "):
        threads.save_thread(session, settings, "todo", _draft(["x-todo"], word), {}, now=NOW)
    assert _chain(database, "lang") == []


def _thread_of_two(database: Database) -> list[int]:
    """Two parts ten minutes apart, the first with a content warning and a poll."""
    with database.session() as session:
        campaign = Campaign(slug="todo", name="to:do")
        session.add(campaign)
        first = posts.add_post(
            session, campaign,
            PostDraft(key="reihe", text="Teil eins", scheduled_at=AT,
                      accounts=["mastodon-todo"], spoiler_text="Umfrage", poll=POLL),
            {},
        )
        second = posts.add_post(
            session, campaign,
            PostDraft(key="reihe#2", text="Teil zwei", scheduled_at=AT + timedelta(minutes=10),
                      accounts=["mastodon-todo"]),
            {},
        )
        posts.link_part(second, first, 1)
        return [first.id, second.id]


def test_a_copy_moved_to_a_new_time_keeps_its_spacing_warning_and_poll(
    database: Database,
) -> None:
    ids = _thread_of_two(database)
    later = AT + timedelta(days=2)
    with database.session() as session:
        copies = posts.duplicate(
            session, posts.get_post(session, ids[1]), {}, NOW, at=later + timedelta(minutes=10)
        )
        assert [copy.key for copy in copies] == ["reihe-20300301120000", "reihe-20300301120000#2"]
        assert [copy.scheduled_at for copy in copies] == [later, later + timedelta(minutes=10)]
        assert (copies[0].spoiler_text, copies[0].poll) == ("Umfrage", POLL.to_json())
        assert copies[1].thread_parent_id == copies[0].id
        assert {copy.state for copy in copies} == {PostState.DRAFT}


def test_a_copy_in_the_past_is_refused(database: Database) -> None:
    ids = _thread_of_two(database)
    with database.session() as session, pytest.raises(UserError, match="Vergangenheit"):
        chosen = posts.get_post(session, ids[0])
        posts.duplicate(session, chosen, {}, NOW, at=NOW - timedelta(hours=1))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_cli_saves_a_thread_and_copies_a_post(
    database: Database, database_url: str, config_toml: Path
) -> None:
    _campaign(database)
    runner = CliRunner(env={"LEUCHTTURM_DATABASE_URL": database_url})

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(cli_app, ["--config", str(config_toml), *args])
        return result.exit_code, result.output

    def refusal(*args: str) -> str:
        """The UserError the command ends with (`run()` prints it, exit code 2)."""
        result = runner.invoke(cli_app, ["--config", str(config_toml), *args])
        assert isinstance(result.exception, UserError), result.output
        return str(result.exception)

    add = ("post", "add", "todo", "lang", LONG, "--at", "2030-03-04T09:00", "-a", "x-todo")
    assert "lang" in refusal(*add)  # too long for X, and no --thread
    code, output = run(*add, "--thread")
    assert code == 0, output
    with database.session() as session:
        head = campaigns.by_slug(session, "todo")
        first = session.scalars(
            select(Post).where(Post.campaign_id == head.id, Post.key == "lang")
        ).one()
    assert f"Thread lang mit 2 Teilen gespeichert (Entwurf), erster Beitrag {first.id}." in output
    assert len(_chain(database, "lang")) == 2

    code, output = run("post", "duplicate", str(first.id), "--at", "2030-03-05T10:00")
    assert code == 0, output
    assert "als Entwurf angelegt, 2030-03-05 10:00 CET." in output
    past = refusal("post", "duplicate", str(first.id), "--at", "2020-03-05T10:00")
    assert "Vergangenheit" in past
