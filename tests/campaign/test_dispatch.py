"""The delivery state machine against the real tweepy client and the X sandbox.

Time is a controllable clock; the daemon's work functions are called directly (no
scheduler), so every transition is deterministic.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from campaign.cli.main import app as cli_app
from campaign.daemon.dispatch import reconcile_interrupted
from campaign.daemon.runner import Daemon
from campaign.models import Account, AccountState, Delivery, DeliveryState, Event
from campaign.reasons import shown_reason
from campaign.services import accounts, campaigns, posts
from sandbox.faults import Fault
from sandbox.x_server import XSandbox
from tests.campaign.x_lane import START, delivery, queue
from tests.clock import BERLIN
from tests.clock import ManualClock as Clock


def test_due_post_is_sent_once_and_audited(daemon: Daemon, x_sandbox: XSandbox) -> None:
    first = queue(daemon, "a", START)
    later = queue(daemon, "b", START + timedelta(minutes=5))
    assert daemon.dispatch() == 1
    sent = delivery(daemon, first)
    assert sent.state == DeliveryState.SENT and sent.remote_id
    assert delivery(daemon, later).state == DeliveryState.PENDING
    assert daemon.dispatch() == 0
    assert [t.text for t in x_sandbox.own_tweets()] == ["Beitrag a zur to:do-Woche"]
    with daemon.database.session() as session:
        kinds = [e.kind for e in session.scalars(select(Event).where(Event.delivery_id == first))]
    assert kinds == ["delivery.sending", "delivery.sent"]


def test_accept_then_crash_is_recovered_not_reposted(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    x_sandbox.faults.push(Fault("accept_then_crash", method="POST", path=r"^/2/tweets$"))
    daemon.dispatch()
    assert delivery(daemon, delivery_id).state == DeliveryState.RETRY
    clock.now += timedelta(minutes=1)
    daemon.dispatch()
    assert delivery(daemon, delivery_id).state == DeliveryState.SENT
    assert len(x_sandbox.own_tweets()) == 1


def test_crash_while_sending_is_reconciled_through_recovery(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    daemon.dispatch()
    with daemon.database.session() as session:  # as if the process died after the call
        row = session.get_one(Delivery, delivery_id)
        row.state, row.remote_id = DeliveryState.SENDING, None
    assert reconcile_interrupted(daemon.database, clock(), only_stale=False) == 1
    daemon.dispatch()
    assert delivery(daemon, delivery_id).state == DeliveryState.SENT
    assert len(x_sandbox.own_tweets()) == 1


def test_transient_errors_back_off_then_fail(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    for _ in range(3):
        x_sandbox.faults.push(Fault("server_error", status=503, method="POST", path=r"^/2/tweets$"))
    daemon.dispatch()
    retry = delivery(daemon, delivery_id)
    assert retry.state == DeliveryState.RETRY and retry.due_at > START
    for _ in range(2):
        clock.now += timedelta(minutes=15)
        daemon.dispatch()
    failed = delivery(daemon, delivery_id)
    assert failed.state == DeliveryState.FAILED
    assert "3 attempts" in shown_reason(failed.last_error, BERLIN) or failed.attempts == 3
    assert x_sandbox.own_tweets() == []


def test_rate_limit_waits_for_reset_and_holds_the_account(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    first = queue(daemon, "a", START)
    second = queue(daemon, "b", START)
    limit = Fault("rate_limit", retry_after_s=120, method="POST", path=r"^/2/tweets$")
    x_sandbox.faults.push(limit)
    daemon.dispatch()
    limited = delivery(daemon, first)
    assert limited.state == DeliveryState.RETRY
    assert limited.due_at == START  # keeps its place in the order; the account waits
    with daemon.database.session() as session:
        assert accounts.by_name(session, "x-todo").rate_limited_until == START + timedelta(
            seconds=120
        )
    assert delivery(daemon, second).state == DeliveryState.PENDING  # the account waits too
    clock.now += timedelta(seconds=121)
    daemon.dispatch()  # the held posts leave in their order, spaced, not in a burst
    assert [delivery(daemon, d).state for d in (first, second)] == [
        DeliveryState.SENT,
        DeliveryState.PENDING,
    ]
    clock.now += timedelta(seconds=61)
    daemon.dispatch()
    assert delivery(daemon, second).state == DeliveryState.SENT


def test_revoked_token_breaks_the_account_and_holds_posts(
    daemon: Daemon, x_sandbox: XSandbox
) -> None:
    delivery_id = queue(daemon, "a", START)
    x_sandbox.faults.revoke()
    daemon.dispatch()
    held = delivery(daemon, delivery_id)
    assert held.state == DeliveryState.PENDING and held.attempts == 0
    with daemon.database.session() as session:
        account = session.scalar(select(Account).where(Account.name == "x-todo"))
        assert account is not None and account.state == AccountState.BROKEN
    assert daemon.dispatch() == 0  # nothing goes out while broken, nothing is lost


def test_credits_exhausted_holds_x_deliveries(daemon: Daemon, x_sandbox: XSandbox) -> None:
    delivery_id = queue(daemon, "a", START)
    x_sandbox.faults.push(Fault("payment_required", method="POST", path=r"^/2/tweets$"))
    daemon.dispatch()
    assert delivery(daemon, delivery_id).state == DeliveryState.PENDING
    with daemon.database.session() as session:
        account = session.scalar(select(Account).where(Account.name == "x-todo"))
        assert account is not None and account.state == AccountState.CREDITS_EXHAUSTED


def test_post_missed_during_downtime_needs_review(daemon: Daemon, clock: Clock) -> None:
    missed = queue(daemon, "old", START - timedelta(hours=2))
    recent = queue(daemon, "recent", START - timedelta(minutes=10))
    daemon.dispatch()
    assert delivery(daemon, missed).state == DeliveryState.NEEDS_REVIEW
    reason = shown_reason(delivery(daemon, missed).last_error, BERLIN)
    assert "verpasst, während der Daemon nicht lief" in reason
    assert delivery(daemon, recent).state == DeliveryState.SENT


def test_paused_campaign_holds_its_deliveries(daemon: Daemon) -> None:
    delivery_id = queue(daemon, "a", START)
    with daemon.database.session() as session:
        campaigns.pause(session, "todo", "negative spike")
    assert daemon.dispatch() == 0
    with daemon.database.session() as session:
        campaigns.resume(session, "todo")
    assert daemon.dispatch() == 1
    assert delivery(daemon, delivery_id).state == DeliveryState.SENT


def test_replies_and_metrics_are_collected_once(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    daemon.dispatch()
    sent = delivery(daemon, delivery_id)
    assert sent.remote_id and sent.sent_at
    clock.now = sent.sent_at + timedelta(minutes=1)
    x_sandbox.add_reply(sent.remote_id, "jule_nordstadt", "Wo genau steht der Container?")
    assert daemon.collect() == (0, 0)  # the first look comes one interval after sending
    clock.now = sent.sent_at + timedelta(minutes=6)
    assert daemon.collect()[0] == 1
    assert daemon.errors == 0
    clock.now += timedelta(minutes=10)
    new, snapshots = daemon.collect()
    assert new == 0 and snapshots == 1
    from campaign.models import Reply

    with daemon.database.session() as session:
        reply = session.scalar(select(Reply))
        assert reply is not None and reply.is_question and reply.author_handle


def test_failed_delivery_retried_by_hand_goes_out_once(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    x_sandbox.faults.push(Fault("accept_then_crash", method="POST", path=r"^/2/tweets$"))
    daemon.dispatch()
    with daemon.database.session() as session:  # as if a human had given up on it
        row = session.get_one(Delivery, delivery_id)
        row.state = DeliveryState.FAILED
    with daemon.database.session() as session:
        post = posts.get_post(session, row.post_id)
        assert posts.retry(session, post, clock()).count == 1
    daemon.dispatch()
    assert delivery(daemon, delivery_id).state == DeliveryState.SENT
    assert len(x_sandbox.own_tweets()) == 1  # found by recovery, not posted twice


def test_missing_secret_breaks_the_account_and_holds_posts(
    daemon: Daemon, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivery_id = queue(daemon, "a", START)
    monkeypatch.delenv("LT_TEST_X")
    assert daemon.dispatch() == 0
    held = delivery(daemon, delivery_id)
    assert held.state == DeliveryState.PENDING and held.attempts == 0
    assert "LT_TEST_X" in shown_reason(held.last_error, BERLIN)
    with daemon.database.session() as session:
        account = session.scalar(select(Account).where(Account.name == "x-todo"))
        assert account is not None and account.state == AccountState.BROKEN


def test_a_lane_claims_only_its_own_account(daemon: Daemon) -> None:
    delivery_id = queue(daemon, "a", START)
    assert daemon.dispatch("another-account") == 0
    assert delivery(daemon, delivery_id).state == DeliveryState.PENDING
    assert daemon.dispatch("x-todo") == 1


def test_overdue_posts_after_downtime_go_out_one_at_a_time(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    overdue = [queue(daemon, f"late{n}", START - timedelta(minutes=10 - n)) for n in range(3)]
    on_time = queue(daemon, "now", START)
    assert daemon.dispatch() == 1  # the oldest overdue one; nothing overtakes the backlog
    states = [delivery(daemon, d).state for d in overdue]
    assert states == [DeliveryState.SENT, DeliveryState.PENDING, DeliveryState.PENDING]
    assert delivery(daemon, on_time).state == DeliveryState.PENDING
    clock.now += timedelta(seconds=30)
    assert daemon.dispatch() == 0  # spaced a minute apart, not a burst
    for _ in range(3):
        clock.now += timedelta(seconds=61)
        assert daemon.dispatch() == 1
    texts = [t.text for t in x_sandbox.own_tweets()]
    assert texts == [
        "Beitrag late0 zur to:do-Woche",
        "Beitrag late1 zur to:do-Woche",
        "Beitrag late2 zur to:do-Woche",
        "Beitrag now zur to:do-Woche",
    ]


def test_status_names_flagged_posts_with_the_fix(
    daemon: Daemon, database_url: str, tmp_path: Path
) -> None:
    queue(daemon, "old", START - timedelta(hours=2))
    daemon.dispatch()
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    runner = CliRunner(env={"LEUCHTTURM_DATABASE_URL": database_url})
    german = runner.invoke(cli_app, ["--config", str(config), "status"])
    assert german.exit_code == 0, german.output
    assert "Daemon: läuft nicht" in german.output
    assert "(old) → x-todo: zu prüfen – verpasst, während der Daemon nicht lief" in german.output
    assert "leuchtturm post retry" in german.output
    runner.env["LEUCHTTURM_LANG"] = "en"
    english = runner.invoke(cli_app, ["--config", str(config), "status", "--json"])
    flagged = json.loads(english.output)["flagged_deliveries"]
    assert [(f["post"], f["state"]) for f in flagged] == [("old", "needs_review")]
    assert (
        "Daemon: not running" in runner.invoke(cli_app, ["--config", str(config), "status"]).output
    )


def test_deliveries_of_an_account_no_longer_configured_are_named(daemon: Daemon) -> None:
    queue(daemon, "a", START)
    assert daemon.unserved_accounts(["x-todo"]) == {}
    assert daemon.unserved_accounts(["mastodon-todo"]) == {"x-todo": 1}
