"""A person's export and erasure: everything of theirs and nothing of others'; afterwards
the handle is nowhere in the database file, the audit trail holds only a keyed hash, and
the reports' figures stay."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from campaign.config import Settings
from campaign.db import Database, make_engine, upgrade
from campaign.models import Event, Reply, WallBlock
from campaign.privacy import person as requests
from campaign.privacy.handles import person
from campaign.privacy.person import ERASED_KIND, subject_hash
from campaign.services import accounts
from tests.campaign.test_cli_usage import ROOT, leuchtturm
from tests.privacy.heard import heard
from tests.reports import scenario
from tests.reports.conftest import report_of

KEY = b"s" * 32
HANDLE = "Erika_Wirbel"


def people(database: Database, *, namesake: bool = True) -> None:
    """Erika on X (three ways of writing her), Anna on Mastodon, others mentioning them, and
    (with `namesake`) another person of Erika's handle on Mastodon."""
    scenario.build(database)
    first = heard(
        database,
        campaign="arbeit",
        platform="x",
        kind="tag",
        author="erika_wirbel",
        created="2024-03-26 09:00",
        text="Mehr Kitaplätze! #ToDoDortmund",
        label="positive",
        wall=True,
    )
    heard(
        database,
        campaign="arbeit",
        platform="x",
        kind="mention",
        author="@ERIKA_WIRBEL",
        created="2024-03-27 09:00",
        text="@todo_dortmund wann kommt die Antwort?",
        question=True,
        label="neutral",
        human="negative",
    )
    heard(
        database,
        campaign="arbeit",
        platform="x",
        kind="quote",
        author="nachbar_tom",
        created="2024-03-27 10:00",
        text="Recht hat @Erika_Wirbel, aber @erika_wirbelsturm nicht",
    )
    if namesake:
        heard(
            database,
            campaign="arbeit",
            platform="mastodon",
            kind="tag",
            author="erika_wirbel",
            created="2024-03-27 11:00",
            text="Ich bin eine andere Erika auf Mastodon",
        )
    heard(
        database,
        campaign="arbeit",
        platform="mastodon",
        kind="tag",
        author="anna",
        created="2024-03-28 11:00",
        text="Lokal auf unserer Instanz",
    )
    heard(
        database,
        campaign="arbeit",
        platform="mastodon",
        kind="mention",
        author="anna@127.0.0.1",
        created="2024-03-28 12:00",
        text="Dieselbe Anna, voll",
    )
    with database.session() as session:
        session.add(WallBlock(platform="x", author_handle="erika_wirbel"))
        assert session.get(Reply, first) is not None


@pytest.fixture
def sqlite_people(tmp_path: Path, settings: Settings) -> Database:
    engine = make_engine(f"sqlite:///{tmp_path / 'people.sqlite3'}")
    upgrade(engine)
    database = Database(engine)
    with database.session() as session:
        accounts.sync_from_config(session, settings)
    people(database, namesake=False)
    return database


def test_export_holds_all_of_a_persons_items_and_nothing_of_others(database: Database) -> None:
    people(database)
    with database.session() as session:
        data = requests.export(session, person(session, "@" + HANDLE, "x"), scenario.NOW)
    assert data["handle"] == "erika_wirbel" and data["platform"] == "x"
    assert [post["text"] for post in data["posts"]] == [
        "Mehr Kitaplätze! #ToDoDortmund",
        "@todo_dortmund wann kommt die Antwort?",
    ]
    first, second = data["posts"]
    assert first["wall"]["state"] == "approved" and first["campaign"] == "arbeit"
    assert first["labels"]["model"] == "positive"
    assert second["labels"] == second["labels"] | {"model": "neutral", "person": "negative"}
    assert second["question"]["is_question"] is True
    assert data["wall_blocks"][0]["handle"] == "erika_wirbel"
    assert data["mentioned_in_posts_by_others"] == 1
    text = json.dumps(data)
    for other in ("nachbar_tom", "andere Erika", "Recht hat", "anna"):
        assert other not in text
    with database.session() as session:
        namesake = requests.export(session, person(session, HANDLE, "mastodon"), scenario.NOW)
    assert [post["text"] for post in namesake["posts"]] == [
        "Ich bin eine andere Erika auf Mastodon"
    ]


def test_a_local_mastodon_user_is_one_person_with_or_without_the_instance(
    database: Database,
) -> None:
    people(database)
    with database.session() as session:
        bare = requests.export(session, person(session, "anna", "mastodon"), scenario.NOW)
        full = requests.export(
            session, person(session, "@Anna@127.0.0.1", "mastodon"), scenario.NOW
        )
        elsewhere = requests.export(
            session, person(session, "anna@elsewhere.example", "mastodon"), scenario.NOW
        )
    assert len(bare["posts"]) == len(full["posts"]) == 2
    assert elsewhere["posts"] == []


def test_after_erase_the_handle_is_nowhere_in_the_database_file(
    sqlite_people: Database, tmp_path: Path
) -> None:
    database = sqlite_people
    before = report_of(database, week="2024-W13", campaign="arbeit").current
    with database.session() as session:
        erika = person(session, HANDLE, "x")
    done = requests.erase(database, erika, KEY, by="anna", now=scenario.NOW)
    assert (done.posts, done.wall_entries, done.blocks, done.mentions) == (2, 1, 1, 1)

    after = report_of(database, week="2024-W13", campaign="arbeit").current
    assert after.city.days == before.city.days and after.city.sentiment == before.city.sentiment
    # Read while the engine still holds its connections (as a running daemon would): the
    # write-ahead log is not folded in by a last close.
    files = [p for p in tmp_path.iterdir() if p.name.startswith("people.sqlite3")]
    content = b"".join(path.read_bytes() for path in files).lower()
    assert b"erika_wirbel" not in content.replace(b"erika_wirbelsturm", b"")
    assert b"kitapl" not in content  # her text is gone, not only her name
    with database.session() as session:
        quoted = session.scalar(select(Reply.text).where(Reply.author_handle == "nachbar_tom"))
    assert quoted == "Recht hat @[gelöscht], aber @erika_wirbelsturm nicht"


def test_the_erasure_is_in_the_audit_trail_under_a_keyed_hash(database: Database) -> None:
    people(database)
    with database.session() as session:
        erika = person(session, HANDLE, "x")
    requests.erase(database, erika, KEY, by="anna", now=scenario.NOW)
    with database.session() as session:
        events = list(session.scalars(select(Event).where(Event.kind == ERASED_KIND)))
    assert len(events) == 1
    event = events[0]
    assert event.data["subject"] == subject_hash(KEY, erika)
    assert event.data["subject"] != subject_hash(b"t" * 32, erika)
    assert event.data["posts"] == 2 and event.person == "anna"
    assert "erika" not in (event.message + json.dumps(event.data)).lower()


def test_erase_asks_first_and_keeps_everything_on_no(
    sqlite_people: Database, tmp_path: Path
) -> None:
    url = sqlite_people.engine.url.render_as_string(hide_password=False)
    refused = subprocess_erase(tmp_path, url, input_text="n\n")
    assert refused.returncode == 1 and "Nichts gelöscht." in refused.stdout
    with sqlite_people.session() as session:
        assert session.scalar(select(Reply.id).where(Reply.author_handle == "erika_wirbel"))
    done = subprocess_erase(tmp_path, url, "--yes")
    assert done.returncode == 0, done.stderr
    assert "Gelöscht: 2 Beiträge, 1 Wand-Eintrag, 1 Wand-Sperre" in done.stdout
    with sqlite_people.session() as session:
        assert session.scalar(select(Reply.id).where(Reply.author_handle == "erika_wirbel")) is None


def subprocess_erase(
    tmp_path: Path, url: str, *extra: str, input_text: str = ""
) -> subprocess.CompletedProcess[str]:
    """`leuchtturm privacy erase @erika_wirbel --platform x EXTRA` with `input_text` typed."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "campaign.cli",
            "privacy",
            "erase",
            "@erika_wirbel",
            "--platform",
            "x",
            *extra,
        ],
        cwd=tmp_path,
        input=input_text,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "LEUCHTTURM_LANG": "",
            "LEUCHTTURM_DATABASE_URL": url,
            "XDG_DATA_HOME": str(tmp_path / "xdg"),
        },
    )


def test_export_writes_a_private_file(sqlite_people: Database, tmp_path: Path) -> None:
    url = sqlite_people.engine.url.render_as_string(hide_password=False)
    target = tmp_path / "auskunft.json"
    result = leuchtturm(
        "privacy",
        "export",
        "ERIKA_WIRBEL",
        "--platform",
        "x",
        "--output",
        str(target),
        cwd=tmp_path,
        url=url,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))["posts"]) == 2
    assert target.stat().st_mode & 0o077 == 0
    again = leuchtturm(
        "privacy",
        "export",
        "erika_wirbel",
        "--platform",
        "x",
        "--output",
        str(target),
        cwd=tmp_path,
        url=url,
    )
    assert again.returncode == 2 and "die Datei gibt es schon" in again.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["export", "anna", "--platform", "facebook"],
            "--platform „facebook“: unbekannte Plattform",
        ),
        (["erase", "anna", "--platform", "tiktok", "--yes"], "erlaubt sind x, mastodon, bluesky"),
        (["export", "@", "--platform", "x"], "HANDLE „@“: kein Handle"),
        (["erase", "an na", "--platform", "x", "--yes"], "HANDLE „an na“: kein Handle"),
    ],
)
def test_bad_input_is_one_german_line_exit_2(
    sqlite_people: Database, tmp_path: Path, args: list[str], words: str
) -> None:
    url = sqlite_people.engine.url.render_as_string(hide_password=False)
    result = leuchtturm("privacy", *args, cwd=tmp_path, url=url)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Fehler: ") and words in result.stderr
    with sqlite_people.session() as session:
        assert session.scalar(select(Reply.id).where(Reply.author_handle == "erika_wirbel"))


@pytest.mark.parametrize("command", ["export", "erase"])
def test_a_missing_handle_is_said_in_german(tmp_path: Path, command: str) -> None:
    result = leuchtturm("privacy", command, "--platform", "x", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    error, usage = result.stderr.strip().splitlines()
    assert error == "Fehler: Es fehlt das Argument HANDLE."
    assert usage.startswith("Aufruf: leuchtturm privacy ")
