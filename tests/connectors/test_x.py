"""The X connector through the real tweepy client against the X sandbox on 127.0.0.1."""

# ruff: noqa: F811  (fixtures come from x_fixtures and are re-bound as test arguments)

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest

from connectors.base import ConnectorSettings, MediaItem, OutgoingPost
from connectors.errors import (
    AuthExpired,
    ConfigurationError,
    PaymentRequired,
    RateLimited,
    Rejected,
    Transient,
)
from connectors.registry import create_connector
from connectors.x import XConnector, content_fingerprint
from sandbox.faults import Fault, FaultInjector, FaultPlan
from sandbox.x_server import XSandbox
from tests.connectors.x_fixtures import (  # noqa: F401
    SECRET,
    ManualClock,
    _shared_sandbox,
    clock,
    faults,
    make_connector,
    x_connector,
    x_sandbox,
)

POST_PATH = r"^/2/tweets$"


def _post(text: str, key: str = "delivery-1", **extra: object) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key, **extra)  # type: ignore[arg-type]


def test_registry_builds_the_x_connector(x_sandbox: XSandbox) -> None:
    settings = ConnectorSettings("x", "x-todo", "@todo_dortmund", x_sandbox.url, SECRET)
    assert isinstance(create_connector(settings), XConnector)


def test_publish_text_stores_one_tweet_with_its_url(
    x_connector: XConnector, x_sandbox: XSandbox, clock: ManualClock
) -> None:
    remote = x_connector.publish(_post("Neue Stellen bei to:do in Dortmund-Hörde"))

    [stored] = x_sandbox.own_tweets()
    assert remote.remote_id == stored.id
    assert remote.url == f"https://x.com/todo_dortmund/status/{stored.id}"
    assert remote.published_at == clock.now
    assert stored.text == "Neue Stellen bei to:do in Dortmund-Hörde"


def test_image_is_uploaded_with_its_alt_text(
    x_connector: XConnector, x_sandbox: XSandbox, tmp_path: Path
) -> None:
    image = tmp_path / "plakat.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    post = _post("Unser Plakat", media=(MediaItem(image, "Plakat mit Leuchtturm-Logo"),))

    remote = x_connector.publish(post)

    [stored] = x_sandbox.own_tweets()
    assert stored.id == remote.remote_id
    [media_key] = stored.media_keys
    assert x_sandbox.media_alt_text(media_key.removeprefix("3_")) == "Plakat mit Leuchtturm-Logo"


def test_fetch_replies_returns_others_replies_since_a_time(
    x_connector: XConnector, x_sandbox: XSandbox, clock: ManualClock
) -> None:
    root = x_connector.publish(_post("Wie gefällt euch das neue Angebot?"))
    x_connector.publish(_post("Nachtrag von uns", "d2", reply_to=root))
    clock.advance(minutes=5)
    early = x_sandbox.add_reply(root.remote_id, "kumpel_kalle", "Dat is ja mal wat Gutes!")
    clock.advance(minutes=10)
    cutoff = clock.now
    clock.advance(minutes=1)
    late = x_sandbox.add_reply(early, "ruhrpott_rosi", "Find ich auch &amp; so")

    replies = x_connector.fetch_replies(root, since=None)
    assert [r.remote_id for r in replies] == [early, late]
    assert replies[0].author_handle == "kumpel_kalle"
    assert replies[0].in_reply_to_id == root.remote_id
    assert replies[1].in_reply_to_id == early
    assert replies[1].url == f"https://x.com/ruhrpott_rosi/status/{late}"
    assert replies[0].created_at == cutoff - timedelta(minutes=10)

    assert [r.remote_id for r in x_connector.fetch_replies(root, since=cutoff)] == [late]


def test_fetch_replies_pages_through_more_than_one_page(
    x_connector: XConnector, x_sandbox: XSandbox, clock: ManualClock
) -> None:
    root = x_connector.publish(_post("Fragt uns alles!"))
    for n in range(130):
        clock.advance(seconds=1)
        x_sandbox.add_reply(root.remote_id, f"fan{n}", f"Frage {n}")

    replies = x_connector.fetch_replies(root, since=None)

    assert len({r.remote_id for r in replies}) == 130
    searches = [p for m, p, _ in x_sandbox.request_log if p == "/2/tweets/search/recent"]
    assert len(searches) == 2


def test_fetch_replies_uses_the_audience_simulator(x_sandbox: XSandbox, clock: ManualClock) -> None:
    audience_module = pytest.importorskip("sandbox.audience")
    x_sandbox.audience = audience_module.AudienceSimulator(seed=7)
    connector = make_connector(x_sandbox, clock)
    root = connector.publish(_post("Heute eröffnet das neue Jobcenter-Büro in der Nordstadt."))
    clock.advance(minutes=30)
    [early] = connector.fetch_metrics([root])
    clock.advance(days=2)

    first = connector.fetch_replies(root, since=None)
    again = connector.fetch_replies(root, since=None)
    [later] = connector.fetch_metrics([root])

    assert first, "the audience answers a post within two days"
    assert first == again
    assert all(r.created_at > root.published_at for r in first)
    assert later.replies == len(first)
    assert later.impressions is not None and early.impressions is not None
    assert later.likes >= early.likes
    assert later.impressions >= early.impressions
    assert later.likes > 0


def test_fetch_metrics_batches_by_100_and_skips_deleted_posts(
    x_connector: XConnector, x_sandbox: XSandbox
) -> None:
    remotes = [x_connector.publish(_post(f"Beitrag Nummer {n}", f"d{n}")) for n in range(101)]
    x_sandbox.add_reply(remotes[0].remote_id, "leserin", "Danke!")
    gone = type(remotes[0])("1", "https://x.com/i/status/1", remotes[0].published_at)
    x_sandbox.request_log.clear()

    snapshots = x_connector.fetch_metrics([*remotes, gone])

    assert [s.remote_id for s in snapshots] == [r.remote_id for r in remotes]
    assert snapshots[0].replies == 1
    assert snapshots[0].impressions == 0
    assert [p for _, p, _ in x_sandbox.request_log] == ["/2/tweets", "/2/tweets"]


def test_verify_and_limits(x_connector: XConnector) -> None:
    account = x_connector.verify()
    assert (account.handle, account.remote_id, account.followers) == (
        "todo_dortmund",
        "1590000000000000001",
        2300,
    )
    limits = x_connector.limits()
    assert (limits.max_characters, limits.max_media) == (280, 4)
    assert limits.replies_window == timedelta(days=7)
    assert limits.gives_impressions
    assert any("7 days" in note for note in limits.notes)


def test_missing_secret_is_a_configuration_error(x_sandbox: XSandbox) -> None:
    settings = ConnectorSettings("x", "x-todo", "@todo_dortmund", x_sandbox.url, "")
    with pytest.raises(ConfigurationError, match="x-todo"):
        XConnector(settings)


# faults -------------------------------------------------------------------------------------
def test_injected_429_gives_the_reset_time_from_the_headers(
    x_connector: XConnector, faults: FaultInjector, clock: ManualClock
) -> None:
    faults.push(Fault("rate_limit", retry_after_s=120, path=POST_PATH))
    with pytest.raises(RateLimited) as caught:
        x_connector.publish(_post("Zu schnell"))
    assert caught.value.reset_at == (clock.now + timedelta(seconds=120)).replace(microsecond=0)


def test_exhausted_window_gives_429_until_its_reset(
    x_sandbox: XSandbox, clock: ManualClock, x_connector: XConnector
) -> None:
    x_sandbox.rate_limits["tweets_lookup"] = 2
    remote = x_connector.publish(_post("Zählt mit"))
    x_connector.fetch_metrics([remote])
    x_connector.fetch_metrics([remote])
    with pytest.raises(RateLimited) as caught:
        x_connector.fetch_metrics([remote])
    assert caught.value.reset_at == clock.now + timedelta(minutes=15)
    clock.advance(minutes=15)
    assert x_connector.fetch_metrics([remote])


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(
    x_connector: XConnector, faults: FaultInjector, status: int
) -> None:
    faults.push(Fault("server_error", status=status, path=POST_PATH))
    with pytest.raises(Transient) as caught:
        x_connector.publish(_post("Server kaputt"))
    assert not caught.value.outcome_unknown


def test_timeout_on_publish_leaves_the_outcome_unknown(
    x_sandbox: XSandbox, faults: FaultInjector, clock: ManualClock
) -> None:
    connector = make_connector(x_sandbox, clock, timeout_s=0.3)
    faults.push(Fault("timeout", delay_s=0.8, path=POST_PATH))
    with pytest.raises(Transient) as caught:
        connector.publish(_post("Langsam"))
    assert caught.value.outcome_unknown


def test_dropped_connection_on_read_is_transient_but_known(
    x_connector: XConnector, faults: FaultInjector
) -> None:
    faults.push(Fault("drop", path="/2/users/me"))
    with pytest.raises(Transient) as caught:
        x_connector.verify()
    assert not caught.value.outcome_unknown


def test_unreachable_server_is_transient_and_nothing_was_sent(clock: ManualClock) -> None:
    with XSandbox() as server:
        url = server.url
    settings = ConnectorSettings("x", "x-todo", "@todo_dortmund", url, SECRET, timeout_s=1)
    with pytest.raises(Transient) as caught:
        XConnector(settings, clock=clock).publish(_post("Niemand da"))
    assert not caught.value.outcome_unknown


def test_exhausted_credits_are_payment_required(
    x_connector: XConnector, faults: FaultInjector
) -> None:
    faults.push(Fault("payment_required", path=POST_PATH))
    with pytest.raises(PaymentRequired, match="credits"):
        x_connector.publish(_post("Kein Guthaben"))


def test_too_long_text_is_rejected_with_xs_reason(x_connector: XConnector) -> None:
    with pytest.raises(Rejected, match="too long"):
        x_connector.publish(_post("Dortmund " * 40))


def test_duplicate_text_is_rejected_with_xs_reason(x_connector: XConnector) -> None:
    x_connector.publish(_post("Einmal reicht", "d1"))
    with pytest.raises(Rejected, match="duplicate"):
        x_connector.publish(_post("Einmal reicht", "d2"))


# exactly once -----------------------------------------------------------------------------
def _deliver_retrying(connector: XConnector, post: OutgoingPost, clock: ManualClock) -> str:
    """The dispatcher's loop: retry on transient errors, recovering first when unsure."""
    uncertain_since = None
    for _ in range(40):
        try:
            if uncertain_since is not None:
                found = connector.recover(post, uncertain_since)
                if found is not None:
                    return found.remote_id
            return connector.publish(post).remote_id
        except Transient as error:
            if error.outcome_unknown and uncertain_since is None:
                uncertain_since = clock.now
        except RateLimited:
            pass
        clock.advance(seconds=10)
    raise AssertionError(f"{post.text!r} was never delivered")


@pytest.mark.parametrize(
    "fault",
    [
        Fault("accept_then_crash", path=POST_PATH),  # stored, answer lost: recover finds it
        Fault("drop", path=POST_PATH),  # never stored: recover finds nothing, publish again
    ],
    ids=["accept-then-crash", "drop"],
)
def test_unknown_outcome_ends_with_exactly_one_post(
    x_connector: XConnector,
    x_sandbox: XSandbox,
    faults: FaultInjector,
    clock: ManualClock,
    fault: Fault,
) -> None:
    post = _post("Heute 18 Uhr: Infoabend zu to:do https://dortmund.de/todo?x=1 & mehr")
    faults.push(fault)

    remote_id = _deliver_retrying(x_connector, post, clock)

    assert [t.id for t in x_sandbox.own_tweets()] == [remote_id]
    assert x_sandbox.request_log.count(("POST", "/2/tweets", 201)) == (fault.kind == "drop")


def test_crashed_post_with_an_image_is_recovered_despite_xs_media_link(
    x_connector: XConnector,
    x_sandbox: XSandbox,
    faults: FaultInjector,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    image = tmp_path / "plakat.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    post = _post("Plakat der Woche", media=(MediaItem(image, "Plakat"),))
    faults.push(Fault("accept_then_crash", path=POST_PATH))

    remote_id = _deliver_retrying(x_connector, post, clock)

    [stored] = x_sandbox.own_tweets()
    assert stored.id == remote_id
    assert stored.text.startswith("Plakat der Woche https://t.co/")


def test_recover_tells_thread_posts_with_the_same_words_apart(
    x_connector: XConnector, clock: ManualClock
) -> None:
    attempted_at = clock.now
    first = x_connector.publish(_post("Start", "d1"))
    x_connector.publish(_post("Mehr dazu", "d2", reply_to=first))

    other_parent = type(first)("42", "https://x.com/i/status/42", first.published_at)
    stranger = _post("Mehr dazu", "d3", reply_to=other_parent)
    assert x_connector.recover(stranger, attempted_at) is None
    assert x_connector.recover(_post("Start", "d1"), attempted_at) == first


def test_fingerprint_ignores_link_shortening_and_entities() -> None:
    assert content_fingerprint("Mehr: https://dortmund.de/a?b=1 & so") == content_fingerprint(
        "Mehr: https://t.co/abcdef1234 &amp; so"
    )
    assert content_fingerprint("A", "1") != content_fingerprint("A", "2")


def test_verify_asks_again_and_sees_a_revoked_token(
    x_connector: XConnector, faults: FaultInjector
) -> None:
    x_connector.verify()
    faults.revoke()
    with pytest.raises(AuthExpired):
        x_connector.verify()


def test_tweepys_debug_log_never_shows_the_token(
    x_connector: XConnector, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="tweepy.client"):
        x_connector.publish(_post("Mit Protokoll"))
    assert "Making API request" in caplog.text
    assert "Bearer ***" in caplog.text
    assert SECRET not in caplog.text


def test_seeded_chaos_delivers_every_post_exactly_once(
    x_connector: XConnector, x_sandbox: XSandbox, faults: FaultInjector, clock: ManualClock
) -> None:
    faults.set_plan(
        FaultPlan(seed=11, rate_limit=0.05, server_error=0.1, drop=0.1, accept_then_crash=0.15)
    )
    texts = [f"Termin {n}: Sprechstunde im Rathaus, Raum {100 + n}" for n in range(30)]

    delivered = [
        _deliver_retrying(x_connector, _post(text, f"d{n}"), clock) for n, text in enumerate(texts)
    ]

    assert sorted(t.text for t in x_sandbox.own_tweets()) == sorted(texts)
    assert [t.id for t in x_sandbox.own_tweets()] == delivered
    assert any(status == 0 for _, _, status in x_sandbox.request_log), "chaos never struck"
