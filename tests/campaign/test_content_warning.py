"""A Mastodon content warning from plan to delivery: stored, counted, sent to Mastodon only."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from campaign.cli.main import app as cli_app
from campaign.daemon.outgoing import build_outgoing
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Campaign, Post
from campaign.services import posts

WARNING = "Inhaltswarnung: Polizeieinsatz"
AT = datetime(2030, 5, 6, 8, 0, tzinfo=UTC)


def _draft(text: str, accounts: tuple[str, ...] = ("mastodon-todo", "x-todo")) -> posts.PostDraft:
    return posts.PostDraft(
        key="lage", text=text, scheduled_at=AT, accounts=list(accounts), approved=True,
        spoiler_text=WARNING,
    )


def test_the_warning_is_stored_and_goes_to_mastodon_only(database: Database) -> None:
    with database.session() as session:
        campaign = Campaign(slug="todo", name="to:do")
        session.add(campaign)
        post = posts.add_post(session, campaign, _draft("Der Hauptbahnhof ist gesperrt."), {})
        outgoing = {
            delivery.account.platform: build_outgoing(session, delivery, None)
            for delivery in post.deliveries
        }
    assert outgoing["mastodon"].spoiler_text == WARNING
    assert outgoing["x"].spoiler_text == ""
    with database.session() as session:
        assert session.query(Post).one().spoiler_text == WARNING


def test_warning_and_text_over_the_instance_limit_are_refused(database: Database) -> None:
    text = "a" * (500 - len(WARNING) + 1)
    with database.session() as session:
        campaign = Campaign(slug="todo", name="to:do")
        session.add(campaign)
        with pytest.raises(UserError, match="mastodon-todo: Mastodon: 501 von 500"):
            posts.add_post(session, campaign, _draft(text, ("mastodon-todo",)), {})


def test_post_show_names_the_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEUCHTTURM_DATABASE_URL", f"sqlite:///{tmp_path / 'cw.sqlite3'}")
    monkeypatch.setenv("LEUCHTTURM_LANG", "de")
    config = Path(__file__).parents[2] / "config.toml"
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[campaign]\nslug = "cw"\nname = "CW"\naccounts = ["mastodon-todo"]\n'
        '[[posts]]\nkey = "lage"\nat = 2030-05-06T10:00:00\n'
        f'spoiler_text = "{WARNING}"\ntext = "Der Hauptbahnhof ist gesperrt."\n',
        encoding="utf-8",
    )
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli_app, ["--config", str(config), *args])
        assert result.exit_code == 0, result.output
        return result.output

    run("db", "upgrade")
    run("campaign", "import", str(plan))
    [listed] = json.loads(run("post", "list", "--json"))
    shown = json.loads(run("post", "show", str(listed["id"]), "--json"))
    assert shown["spoiler_text"] == WARNING
    assert f"Inhaltswarnung (Mastodon): {WARNING}" in run("post", "show", str(listed["id"]))
