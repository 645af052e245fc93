"""The Bluesky connector against Bluesky's own reference stack (@atproto/dev-env).

Where these tests and the sandbox's disagree, the sandbox is wrong. Start the stack with
`eval "$(bash tests/integration/bluesky_devenv/setup.sh)"`; without it these tests skip.
The accounts are the ones start.mjs creates.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from atproto_client import Client, models

from connectors.base import ConnectorSettings, Facet, MediaItem, OutgoingPost, RemotePost
from connectors.bluesky import BlueskyConnector
from connectors.errors import Rejected
from tests.connectors.bluesky_fixtures import png_image

DEVENV_URL = os.environ.get("LEUCHTTURM_BSKY_DEVENV_URL", "")
HANDLE, PASSWORD = "leuchtturm.test", "leuchtturm-team-pass"
REPLIER, REPLIER_PASSWORD = "anna.test", "leuchtturm-anna-pass"
INDEXING_DEADLINE_S = 20.0

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not DEVENV_URL,
        reason='Bluesky dev-env not running: eval "$(bash tests/integration/bluesky_devenv/'
        'setup.sh)" sets LEUCHTTURM_BSKY_DEVENV_URL',
    ),
]

Found = TypeVar("Found")


def eventually(probe: Callable[[], Found | None], what: str) -> Found:
    """Poll until the AppView has indexed what the PDS stored (it follows the firehose)."""
    deadline = time.monotonic() + INDEXING_DEADLINE_S
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not visible after {INDEXING_DEADLINE_S} s")
        time.sleep(0.2)


@pytest.fixture
def connector(tmp_path: Path) -> BlueskyConnector:
    settings = ConnectorSettings(
        "bluesky", "devenv", HANDLE, DEVENV_URL, PASSWORD, tmp_path / "state", timeout_s=10
    )
    return BlueskyConnector(settings)


@pytest.fixture
def key() -> Callable[[str], str]:
    """Idempotency keys unique to this run: the dev-env keeps its data between runs."""
    run = uuid.uuid4().hex[:8]
    return lambda name: f"{run}-{name}"


def _reply_as_replier(parent: RemotePost, text: str) -> str:
    """Answer `parent` from the second account, as a follower would."""
    client = Client(base_url=DEVENV_URL)
    client.login(REPLIER, REPLIER_PASSWORD)
    ref = models.ComAtprotoRepoStrongRef.Main(uri=parent.remote_id, cid=str(parent.cid))
    created = client.send_post(
        text, reply_to=models.AppBskyFeedPost.ReplyRef(root=ref, parent=ref), langs=["de"]
    )
    return str(created.uri)


def test_verify(connector: BlueskyConnector) -> None:
    info = connector.verify()
    assert info.handle == HANDLE
    assert info.remote_id.startswith("did:plc:")


def test_publish_with_facets_thread_and_image(
    connector: BlueskyConnector, key: Callable[[str], str], tmp_path: Path
) -> None:
    text = "Neu: #Dortmund https://todo.dortmund.de @anna.test"
    encoded = text.encode()

    def facet(part: str, kind: str) -> Facet:
        start = encoded.index(part.encode())
        return Facet(start, start + len(part.encode()), kind, part)  # type: ignore[arg-type]

    root = connector.publish(
        OutgoingPost(
            text,
            key("root"),
            facets=(
                facet("#Dortmund", "tag"),
                facet("https://todo.dortmund.de", "link"),
                facet("@anna.test", "mention"),
            ),
        )
    )
    image = png_image(tmp_path / "bild.png", 20, 10)
    reply = connector.publish(
        OutgoingPost(
            "Mit Bild",
            key("reply"),
            media=(MediaItem(image, "Ein graues Rechteck"),),
            reply_to=root,
            thread_root=root,
        )
    )

    assert root.cid and reply.cid
    assert connector.recover(OutgoingPost(text, key("root")), root.published_at) == root
    counted = eventually(
        lambda: [s for s in connector.fetch_metrics([root]) if s.replies == 1], "the thread reply"
    )
    assert counted[0].remote_id == root.remote_id


def test_the_same_delivery_twice_is_one_post(
    connector: BlueskyConnector, key: Callable[[str], str]
) -> None:
    post = OutgoingPost("Genau einmal", key("once"))
    assert connector.recover(post, datetime.now(UTC)) is None

    first = connector.publish(post)
    second = connector.publish(post)

    assert second.remote_id == first.remote_id
    assert second.cid == first.cid


def test_too_long_text_is_rejected_by_the_pds(
    connector: BlueskyConnector, key: Callable[[str], str]
) -> None:
    with pytest.raises(Rejected, match=r"grapheme too big \(maximum 300, got 301\)"):
        connector.publish(OutgoingPost("ä" * 301, key("long")))


def test_replies_and_counts_from_the_appview(
    connector: BlueskyConnector, key: Callable[[str], str]
) -> None:
    root = connector.publish(OutgoingPost("Was meint ihr?", key("ask")))
    reply_uri = _reply_as_replier(root, "Gute Idee!")

    replies = eventually(lambda: connector.fetch_replies(root, None), "the reply")
    snapshots = eventually(
        lambda: [s for s in connector.fetch_metrics([root]) if s.replies == 1], "the reply count"
    )

    assert [(reply.remote_id, reply.author_handle, reply.text) for reply in replies] == [
        (reply_uri, REPLIER, "Gute Idee!")
    ]
    assert replies[0].in_reply_to_id == root.remote_id
    assert replies[0].language == "de"
    assert snapshots[0].likes == 0
