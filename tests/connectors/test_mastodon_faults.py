"""How the Mastodon connector turns every failure into the daemon's few kinds, and how a
delivery whose outcome is unknown ends with exactly one status."""

# ruff: noqa: F811  (test parameters take the names of the fixtures imported for pytest)

from __future__ import annotations

import itertools
import socket
import uuid
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from connectors.base import ConnectorSettings, MediaItem, OutgoingPost, RemotePost
from connectors.errors import (
    AuthExpired,
    ConfigurationError,
    ConnectorError,
    RateLimited,
    Rejected,
    Transient,
)
from connectors.mastodon import MastodonConnector
from sandbox.faults import Fault, FaultPlan
from sandbox.mastodon_server import MastodonSandbox
from tests.connectors.mastodon_fixtures import (  # noqa: F401  (fixtures are used by name)
    SECRET,
    START,
    ManualClock,
    _shared_sandbox,
    clock,
    make_connector,
    sandbox,
    sandbox_connector,
)

STATUSES = r"^/api/v1/statuses$"
OWN = "todo_dortmund"


def outgoing(text: str, **fields: object) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=str(uuid.uuid4()), **fields)  # type: ignore[arg-type]


def deliver(connector: MastodonConnector, post: OutgoingPost, attempts: int = 10) -> RemotePost:
    """The dispatcher's loop in small: after an unknown outcome, recover before resending."""
    attempted_at = connector.clock()
    unknown = False
    for _ in range(attempts):
        try:
            if unknown and (found := connector.recover(post, attempted_at)) is not None:
                return found
            return connector.publish(post)
        except Transient as error:
            unknown = unknown or error.outcome_unknown
        except RateLimited:
            continue
    raise AssertionError(f"not delivered after {attempts} attempts")


def assert_no_secret(error: ConnectorError) -> None:
    assert SECRET not in str(error) and SECRET not in repr(error.args)


def test_rate_limit_carries_the_reset_time_from_the_headers(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector, clock: ManualClock
) -> None:
    sandbox.faults.push(Fault("rate_limit", retry_after_s=90, path=STATUSES))
    with pytest.raises(RateLimited) as caught:
        sandbox_connector.publish(outgoing("Hallo"))
    assert caught.value.reset_at == clock.now + timedelta(seconds=90)
    assert_no_secret(caught.value)


def test_exhausted_window_is_rate_limited_until_its_end(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector, clock: ManualClock
) -> None:
    sandbox.rate_limit = 3
    sandbox_connector.verify()
    sandbox_connector.publish(outgoing("eins"))
    sandbox_connector.publish(outgoing("zwei"))
    with pytest.raises(RateLimited) as caught:
        sandbox_connector.publish(outgoing("drei"))
    assert caught.value.reset_at == clock.now + timedelta(minutes=5)  # START is on a window edge
    clock.advance(minutes=5)
    sandbox_connector.publish(outgoing("drei"))


@pytest.mark.parametrize(
    ("status", "unknown"), [(500, False), (503, False), (502, True), (504, True)]
)
def test_server_errors_are_transient(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector, status: int, unknown: bool
) -> None:
    sandbox.faults.push(Fault("server_error", status=status, path=STATUSES))
    with pytest.raises(Transient) as caught:
        sandbox_connector.publish(outgoing("Hallo"))
    assert caught.value.outcome_unknown is unknown
    assert str(status) in caught.value.message


def test_timeout_after_sending_leaves_the_outcome_unknown(
    sandbox: MastodonSandbox, clock: ManualClock
) -> None:
    connector = make_connector(sandbox.url, SECRET, clock, timeout_s=0.3)
    sandbox.faults.push(Fault("timeout", delay_s=0.6, path=STATUSES))
    with pytest.raises(Transient) as caught:
        connector.publish(outgoing("Hallo"))
    assert caught.value.outcome_unknown
    assert "did not answer in time" in caught.value.message


def test_dropped_read_is_transient_and_known(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector
) -> None:
    post = sandbox_connector.publish(outgoing("Hallo"))
    sandbox.faults.push(Fault("drop", path=r"/context$"))
    with pytest.raises(Transient) as caught:
        sandbox_connector.fetch_replies(post, since=None)
    assert not caught.value.outcome_unknown


def test_refused_connection_was_never_sent(clock: ManualClock) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    connector = make_connector(f"http://127.0.0.1:{port}", SECRET, clock)
    with pytest.raises(Transient) as caught:
        connector.publish(outgoing("Hallo"))
    assert not caught.value.outcome_unknown
    assert "refused" in caught.value.message


def test_revoked_token_is_auth_expired_without_the_token(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector
) -> None:
    sandbox.faults.revoke()
    with pytest.raises(AuthExpired) as caught:
        sandbox_connector.verify()
    assert "401" in caught.value.message and "mastodon-todo" in caught.value.message
    assert_no_secret(caught.value)


def test_too_long_text_is_rejected_with_the_instance_reason(
    sandbox_connector: MastodonConnector,
) -> None:
    with pytest.raises(Rejected) as caught:
        sandbox_connector.publish(outgoing("a" * 501))
    assert "Text character limit of 500 exceeded" in caught.value.message
    assert "422" in caught.value.message


def test_reply_to_a_missing_status_is_rejected(sandbox_connector: MastodonConnector) -> None:
    gone = RemotePost("4711", "https://sandbox.social/@todo_dortmund/4711", START)
    with pytest.raises(Rejected) as caught:
        sandbox_connector.publish(outgoing("Antwort", reply_to=gone))
    assert "does not appear to exist" in caught.value.message


def test_unreadable_image_is_rejected_before_anything_is_sent(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector, tmp_path: Path
) -> None:
    missing = MediaItem(tmp_path / "fehlt.png", "Bild")
    with pytest.raises(Rejected) as caught:
        sandbox_connector.publish(outgoing("Mit Bild", media=(missing,)))
    assert "fehlt.png" in caught.value.message
    assert sandbox.statuses_of(OWN) == []


def test_missing_secret_and_bad_url_are_configuration_errors(sandbox: MastodonSandbox) -> None:
    settings = ConnectorSettings("mastodon", "mastodon-todo", "@todo", sandbox.url, secret="")
    with pytest.raises(ConfigurationError, match="no access token"):
        MastodonConnector(settings)
    with pytest.raises(ConfigurationError, match="not an http"):
        MastodonConnector(replace(settings, secret=SECRET, server_url="sandbox.social"))


def test_a_server_that_is_not_mastodon_is_a_configuration_error(
    sandbox: MastodonSandbox, clock: ManualClock
) -> None:
    connector = make_connector(f"{sandbox.url}/kein-mastodon", SECRET, clock)
    with pytest.raises(ConfigurationError, match="does not answer like a Mastodon instance"):
        connector.verify()


def test_recovery_survives_an_expired_idempotency_key(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector, clock: ManualClock
) -> None:
    post = outgoing("Sprechstunde verschoben")
    attempted_at = clock.now
    first = sandbox_connector.publish(post)
    clock.advance(hours=2)
    found = sandbox_connector.recover(post, attempted_at)
    assert found is not None and found.remote_id == first.remote_id


def test_dropped_before_arrival_is_published_once(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector
) -> None:
    sandbox.faults.push(Fault("drop", path=STATUSES))
    deliver(sandbox_connector, outgoing("Neue Kurse im Januar"))
    assert len(sandbox.statuses_of(OWN)) == 1


def test_seeded_chaos_delivers_a_thread_exactly_once(
    sandbox: MastodonSandbox, clock: ManualClock
) -> None:
    plan = replace(FaultPlan.chaos(seed=11, level=0.15), timeout_delay_s=0.4)
    sandbox.faults.set_plan(plan)
    connector = make_connector(sandbox.url, SECRET, clock, timeout_s=0.25)
    parent: RemotePost | None = None
    for number in range(1, 13):
        post = outgoing(f"{number}/12 Tipps für die Bewerbung", reply_to=parent)
        parent = deliver(connector, post)
        clock.advance(seconds=30)
    sandbox.faults.clear()
    texts = [s.text for s in sandbox.statuses_of(OWN)]
    assert sorted(texts) == sorted(f"{n}/12 Tipps für die Bewerbung" for n in range(1, 13))
    chain = sandbox.statuses_of(OWN)
    assert all(s.in_reply_to_id == p.id for p, s in itertools.pairwise(chain))
    lost_answers = [e for e in sandbox.request_log if e[1] == "/api/v1/statuses" and e[2] == 0]
    assert lost_answers, "the seed must provoke at least one lost answer"


def test_token_revoked_after_some_calls_stops_the_account(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector
) -> None:
    sandbox.faults.set_plan(FaultPlan(revoke_after=2))
    sandbox_connector.verify()
    sandbox_connector.publish(outgoing("noch erlaubt"))
    with pytest.raises(AuthExpired):
        sandbox_connector.publish(outgoing("nicht mehr"))
    assert len(sandbox.statuses_of(OWN)) == 1


def test_slow_answer_within_the_timeout_is_just_slow(
    sandbox: MastodonSandbox, sandbox_connector: MastodonConnector
) -> None:
    sandbox.faults.push(Fault("slow", delay_s=0.2, path=STATUSES))
    remote = sandbox_connector.publish(outgoing("Geduld"))
    assert [s.id for s in sandbox.statuses_of(OWN)] == [remote.remote_id]
