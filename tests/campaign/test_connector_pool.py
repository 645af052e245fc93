"""One caller at a time per account: the dispatch lane and the collect job share a connector.

Both run on their own threads in the daemon. Every request is slowed a little on the
sandbox, so two calls from the same account that were allowed to overlap would be seen
overlapping by the server (`max_in_flight`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from campaign.config import Settings
from campaign.daemon.runner import ConnectorPool
from campaign.demo import sandbox_accounts
from connectors.base import OutgoingPost, RemotePost
from sandbox.faults import FaultPlan
from sandbox.run import Sandbox, start_sandbox

ROUNDS = 6
TOKEN = "pool-test-token"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with start_sandbox(faults=FaultPlan(slow=1.0, slow_delay_s=0.02)) as running:
        yield running


@pytest.fixture
def pool(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path) -> ConnectorPool:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    configured = sandbox_accounts(sandbox.urls(), "LT_POOL")
    for account in configured:
        monkeypatch.setenv(str(account.secret_env), TOKEN)
        sandbox.servers[account.platform].name_account(TOKEN, account.handle)
    return ConnectorPool(Settings(accounts=configured))


@pytest.mark.parametrize("platform", ["x", "mastodon", "bluesky"])
def test_dispatch_and_collection_never_overlap_on_one_account(
    platform: str, sandbox: Sandbox, pool: ConnectorPool
) -> None:
    server = sandbox.servers[platform]
    connector = pool(f"{platform}-todo")
    assert pool(f"{platform}-todo") is connector
    first = connector.publish(OutgoingPost(f"Erster Beitrag {platform}", f"{platform}-0"))
    server.max_in_flight = 0
    start = threading.Barrier(2)
    published: list[RemotePost] = [first]
    failures: list[BaseException] = []

    def dispatch() -> None:
        start.wait()
        for number in range(1, ROUNDS):
            text = f"Beitrag {number} auf {platform} #ToDoDortmund"
            published.append(connector.publish(OutgoingPost(text, f"{platform}-{number}")))

    def collect() -> None:
        start.wait()
        for _ in range(ROUNDS):
            connector.fetch_replies(first, None)
            connector.fetch_metrics(list(published))

    jobs = (dispatch, collect)
    threads = [threading.Thread(target=guarded, args=(job, failures)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert server.max_in_flight == 1
    assert len({remote.remote_id for remote in published}) == ROUNDS
    metrics = connector.fetch_metrics(published)  # the shared client still works afterwards
    assert {m.remote_id for m in metrics} == {remote.remote_id for remote in published}
    assert connector.verify().handle.lstrip("@") in {"todo_dortmund", "todo-dortmund.bsky.social"}


def guarded(job, failures: list[BaseException]) -> None:  # type: ignore[no-untyped-def]
    try:
        job()
    except BaseException as error:  # reported by the test, not lost in the thread
        failures.append(error)
