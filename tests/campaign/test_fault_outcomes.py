"""Every fault ends in a state a person can see and act on, one injected fault at a time.

The real daemon's X lane (tweepy against the sandbox) on one hand-moved clock; the
outcomes are read where the team reads them: `status`, `accounts list`, the audit log,
the daemon's log.
"""

from __future__ import annotations

import io
import itertools
import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from campaign.cli.main import app as cli_app
from campaign.daemon.runner import Daemon
from campaign.logs import JsonFormatter, RedactSecrets
from campaign.models import AccountState, DeliveryState, Reply
from campaign.reasons import shown_reason
from campaign.reports import queries
from campaign.services import accounts, campaigns, inbox, verification
from connectors.base import OutgoingPost, RemotePost
from sandbox.faults import Fault
from sandbox.server import SandboxRequest, SandboxResponse, route
from sandbox.x_server import XSandbox
from tests.campaign.x_lane import START, delivery, queue
from tests.clock import BERLIN
from tests.clock import ManualClock as Clock

TWEETS = r"^/2/tweets$"


class AnswersWithoutData(XSandbox):
    """Stores the tweet but answers a 200 with `{"data": null}` while `broken` is set."""

    broken = False

    @route("POST", r"/2/tweets")
    def create_tweet(self, request: SandboxRequest) -> SandboxResponse:
        response = super().create_tweet(request)
        if self.broken:
            self.broken = False
            return SandboxResponse.json({"data": None}, 200)
        return response


@pytest.fixture
def x_sandbox(clock: Clock) -> Iterator[XSandbox]:
    with AnswersWithoutData(clock=clock) as server:
        yield server


def cli(database_url: str, tmp_path: Path, *args: str) -> str:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    result = CliRunner(env={"LEUCHTTURM_DATABASE_URL": database_url}).invoke(
        cli_app, ["--config", str(config), *args]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_a_malformed_200_is_retried_with_recovery_not_left_sending(
    daemon: Daemon, x_sandbox: AnswersWithoutData, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    delivery_id = queue(daemon, "a", START)
    x_sandbox.broken = True
    with caplog.at_level(logging.INFO, logger="leuchtturm"):
        daemon.dispatch()
    waiting = delivery(daemon, delivery_id)
    assert waiting.state == DeliveryState.RETRY
    assert any(r.exc_info for r in caplog.records if "x-todo" in r.getMessage())
    clock.now += timedelta(minutes=1)
    assert daemon.dispatch() == 1
    assert len(x_sandbox.own_tweets()) == 1  # found, not posted again


def test_an_unexpected_connector_exception_is_logged_redacted_and_recovered(
    daemon: Daemon,
    x_sandbox: XSandbox,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    delivery_id = queue(daemon, "a", START)
    assert daemon.connector_for is not None
    connector = daemon.connector_for("x-todo")
    real_publish = connector.publish

    def publish_then_break(post: OutgoingPost) -> RemotePost:
        real_publish(post)
        monkeypatch.setattr(connector, "publish", real_publish)
        raise RuntimeError("bug in a client library, token x-user-token in its message")

    monkeypatch.setattr(connector, "publish", publish_then_break)
    with caplog.at_level(logging.INFO, logger="leuchtturm"):
        daemon.dispatch()
    assert delivery(daemon, delivery_id).state == DeliveryState.RETRY
    [record] = [r for r in caplog.records if r.exc_info]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets(["x-user-token"]))
    handler.handle(record)
    written = stream.getvalue()
    assert "Traceback" in written and "RuntimeError" in written
    assert "x-user-token" not in written
    clock.now += timedelta(minutes=1)
    assert daemon.dispatch() == 1
    assert len(x_sandbox.own_tweets()) == 1


def test_a_last_attempt_dropped_after_arrival_is_recovered_not_marked_failed(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    for _ in range(2):
        x_sandbox.faults.push(Fault("server_error", status=503, method="POST", path=TWEETS))
    x_sandbox.faults.push(Fault("accept_then_crash", method="POST", path=TWEETS))
    for _ in range(4):
        daemon.dispatch()
        clock.now += timedelta(minutes=15)
    sent = delivery(daemon, delivery_id)
    assert sent.state == DeliveryState.SENT
    assert len(x_sandbox.own_tweets()) == 1


def test_a_last_attempt_that_never_arrived_is_checked_then_failed(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    for _ in range(3):
        x_sandbox.faults.push(Fault("drop", method="POST", path=TWEETS))
    for _ in range(4):
        daemon.dispatch()
        clock.now += timedelta(minutes=15)
    failed = delivery(daemon, delivery_id)
    assert failed.state == DeliveryState.FAILED
    assert "geprüft: nicht veröffentlicht" in shown_reason(failed.last_error, BERLIN)
    assert x_sandbox.own_tweets() == []


def test_credits_exhausted_is_cleared_by_accounts_verify(
    daemon: Daemon, x_sandbox: XSandbox, database_url: str, tmp_path: Path
) -> None:
    delivery_id = queue(daemon, "a", START)
    x_sandbox.faults.push(Fault("payment_required", method="POST", path=TWEETS))
    daemon.dispatch()
    with daemon.database.session() as session:
        campaigns.pause(session, "todo", "Guthaben")
    resumed = cli(database_url, tmp_path, "campaign", "resume", "todo")
    assert "Konto x-todo hält noch 1 Beitrag" in resumed and "accounts verify" in resumed
    with daemon.database.session() as session:
        [result] = verification.verify_all(session, daemon.settings)
        assert result.ok
        account = accounts.by_name(session, "x-todo")
        assert (account.state, account.state_reason) == (AccountState.OK, None)
    assert daemon.dispatch() == 1
    assert delivery(daemon, delivery_id).state == DeliveryState.SENT


def test_a_rate_limit_shows_until_when_in_status_and_accounts_list(
    daemon: Daemon, x_sandbox: XSandbox, database_url: str, tmp_path: Path
) -> None:
    queue(daemon, "a", START)
    x_sandbox.faults.push(Fault("rate_limit", retry_after_s=3600, method="POST", path=TWEETS))
    daemon.dispatch()
    with daemon.database.session() as session:
        until = accounts.by_name(session, "x-todo").rate_limited_until
    assert until is not None
    local = until.astimezone(daemon.settings.zone)
    shown = local.strftime("%H:%M") if local.date() == START.astimezone(local.tzinfo).date() else ""
    status = cli(database_url, tmp_path, "status")
    assert f"Konto x-todo: ok – Ratenlimit bis {shown}" in status
    listed = cli(database_url, tmp_path, "accounts", "list")
    assert f"Ratenlimit bis {shown}" in listed
    [row] = json.loads(cli(database_url, tmp_path, "accounts", "list", "--json"))
    assert row["rate_limited_until"] == until.isoformat()


def test_the_daemon_logs_account_changes_limits_failures_and_recoveries(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    queue(daemon, "limit", START)
    queue(daemon, "crash", START + timedelta(minutes=10))
    queue(daemon, "refused", START + timedelta(minutes=20), text="Beitrag limit zur to:do-Woche")
    queue(daemon, "credits", START + timedelta(minutes=30))
    with caplog.at_level(logging.INFO, logger="leuchtturm"):
        x_sandbox.faults.push(Fault("rate_limit", retry_after_s=60, method="POST", path=TWEETS))
        daemon.dispatch()
        clock.now += timedelta(seconds=61)
        daemon.dispatch()
        clock.now = START + timedelta(minutes=10)
        x_sandbox.faults.push(Fault("accept_then_crash", method="POST", path=TWEETS))
        daemon.dispatch()
        clock.now += timedelta(minutes=1)
        daemon.dispatch()
        clock.now = START + timedelta(minutes=20)
        daemon.dispatch()
        clock.now = START + timedelta(minutes=30)
        x_sandbox.faults.push(Fault("payment_required", method="POST", path=TWEETS))
        daemon.dispatch()
    lines = [r.getMessage() for r in caplog.records]

    def logged(*words: str) -> bool:
        return any(all(word in line for word in words) for line in lines)

    assert logged("x-todo", "rate limit starts", "limit")
    assert logged("x-todo", "rate limit ended")
    assert logged("x-todo", "crash", "→ sent", "gefunden")  # recovered
    assert logged("x-todo", "refused", "→ failed")
    assert logged("x-todo", "ok → credits_exhausted")
    record = next(r for r in caplog.records if "→ failed" in r.getMessage())
    entry = json.loads(JsonFormatter().format(record))
    assert (entry["account"], entry["post"]) == ("x-todo", "refused")


def test_a_delivered_answer_marks_its_question_answered(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    daemon.dispatch()
    sent = delivery(daemon, delivery_id)
    assert sent.remote_id and sent.sent_at
    clock.now = sent.sent_at + timedelta(minutes=1)
    x_sandbox.add_reply(sent.remote_id, "jule_nordstadt", "Wo genau steht der Container?")
    clock.now = sent.sent_at + timedelta(minutes=6)
    assert daemon.collect()[0] == 1
    with daemon.database.session() as session:
        reply = session.scalars(select(Reply)).one()
        inbox.answer_reply(session, reply.id, "Am Friedensplatz, vor dem Rathaus.", {}, now=clock())
    assert daemon.dispatch() == 1
    week = (START - timedelta(days=1), START + timedelta(days=1))
    with daemon.database.session() as session:
        reply = session.scalars(select(Reply)).one()
        assert reply.answered_at is not None and reply.answer_post_id is not None
        assert queries.oldest_open_questions(session, *week, None) == []
        questions = inbox.page_replies(session, inbox.ReplyFilter(unanswered_questions=True))
        assert questions == []


def test_after_a_rate_limit_held_posts_leave_in_order_and_spaced(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    keys = ["a", "b", "c"]
    for key, seconds in zip(keys, (0, 30, 100), strict=True):
        queue(daemon, key, START + timedelta(seconds=seconds))
    x_sandbox.faults.push(Fault("rate_limit", retry_after_s=120, method="POST", path=TWEETS))
    daemon.dispatch()
    sent_at = []
    for _ in range(40):  # 10 s steps over the limit and the catch-up
        clock.now += timedelta(seconds=10)
        if daemon.dispatch():
            sent_at.append(clock.now)
    texts = [tweet.text for tweet in x_sandbox.own_tweets()]
    assert texts == [f"Beitrag {key} zur to:do-Woche" for key in keys]
    gaps = [later - earlier for earlier, later in itertools.pairwise(sent_at)]
    assert all(gap >= timedelta(seconds=60) for gap in gaps), gaps
