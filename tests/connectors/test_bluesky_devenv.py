"""The Bluesky connector against Bluesky's own reference stack (@atproto/dev-env).

Where these tests and the sandbox's disagree, the sandbox is wrong. Start the stack with
`eval "$(bash tests/integration/bluesky_devenv/setup.sh)"`; without it these tests skip.
The accounts are the ones start.mjs creates.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from atproto_client import Client, models

from connectors.base import (
    ConnectorSettings,
    Facet,
    ListenQuery,
    MediaItem,
    OutgoingPost,
    RemotePost,
)
from connectors.bluesky import BlueskyConnector
from connectors.errors import Rejected
from sandbox.bluesky_server import BlueskySandbox
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
    with pytest.raises(Rejected, match=r"text has 301 graphemes, the lexicon allows 300"):
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


# the sandbox against the reference ---------------------------------------------------------
def _session(base: str, handle: str, password: str) -> dict[str, str]:
    response = httpx.post(
        f"{base}/xrpc/com.atproto.server.createSession",
        json={"identifier": handle, "password": password},
        timeout=10,
    )
    response.raise_for_status()
    return dict(response.json())


def _create(base: str, session: dict[str, str], record: dict[str, Any], **extra: Any) -> Any:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    body = {
        "repo": session["did"],
        "collection": "app.bsky.feed.post",
        "record": {"$type": "app.bsky.feed.post", "createdAt": now, **record},
        **extra,
    }
    return httpx.post(
        f"{base}/xrpc/com.atproto.repo.createRecord",
        json=body,
        headers={"Authorization": f"Bearer {session['accessJwt']}"},
        timeout=10,
    )


def _get(base: str, nsid: str, session: dict[str, str] | None, **params: Any) -> Any:
    headers = {"Authorization": f"Bearer {session['accessJwt']}"} if session else {}
    return httpx.get(f"{base}/xrpc/{nsid}", params=params, headers=headers, timeout=10)


_MISSING_BLOB = {
    "$type": "blob",
    "ref": {"$link": "bafkreibbs3iwtdpbzbq75fuuftc5lfswvjo4pmxa3u3wuy7huysfv364ri"},
    "mimeType": "image/png",
    "size": 10,
}
BAD_REQUESTS: dict[str, Callable[[str, dict[str, str]], Any]] = {
    "too many graphemes": lambda base, s: _create(base, s, {"text": "a" * 301}),
    "too many bytes": lambda base, s: _create(base, s, {"text": "👨‍👩‍👧" * 200}),
    "no createdAt": lambda base, s: httpx.post(
        f"{base}/xrpc/com.atproto.repo.createRecord",
        json={"repo": s["did"], "collection": "app.bsky.feed.post", "record": {"text": "x"}},
        headers={"Authorization": f"Bearer {s['accessJwt']}"},
        timeout=10,
    ),
    "bad record key": lambda base, s: _create(base, s, {"text": "x"}, rkey=".."),
    "unknown blob": lambda base, s: _create(
        base,
        s,
        {
            "text": "x",
            "embed": {
                "$type": "app.bsky.embed.images",
                "images": [{"alt": "", "image": _MISSING_BLOB}],
            },
        },
    ),
    "five images": lambda base, s: _create(
        base,
        s,
        {
            "text": "x",
            "embed": {
                "$type": "app.bsky.embed.images",
                "images": [{"alt": "", "image": _MISSING_BLOB}] * 5,
            },
        },
    ),
    "missing record": lambda base, s: _get(
        base,
        "com.atproto.repo.getRecord",
        None,
        repo=s["did"],
        collection="app.bsky.feed.post",
        rkey="3kejhu4zae5ie",
    ),
    "missing thread": lambda base, s: _get(
        base,
        "app.bsky.feed.getPostThread",
        s,
        uri=f"at://{s['did']}/app.bsky.feed.post/3kejhu4zae5ie",
    ),
    "unknown handle": lambda base, s: _get(
        base, "com.atproto.identity.resolveHandle", None, handle="niemand.example"
    ),
    "26 uris": lambda base, s: _get(
        base,
        "app.bsky.feed.getPosts",
        s,
        uris=[f"at://{s['did']}/app.bsky.feed.post/3kejhu4zae5ie"] * 26,
    ),
    "no token": lambda base, s: _get(base, "com.atproto.server.getSession", None),
    "forged token": lambda base, s: _get(
        base, "com.atproto.server.getSession", {"accessJwt": s["accessJwt"][:-4] + "AAAA"}
    ),
    "refresh token as access": lambda base, s: _get(
        base, "com.atproto.server.getSession", {"accessJwt": s["refreshJwt"]}
    ),
}


@pytest.fixture(scope="module")
def both() -> Iterator[tuple[str, dict[str, str], str, dict[str, str]]]:
    """The reference PDS and a sandbox, each with a logged-in session."""
    with BlueskySandbox() as sandbox:
        yield (
            DEVENV_URL,
            _session(DEVENV_URL, HANDLE, PASSWORD),
            sandbox.url,
            _session(sandbox.url, HANDLE, PASSWORD),
        )


@pytest.mark.parametrize("case", sorted(BAD_REQUESTS))
def test_the_sandbox_refuses_what_the_reference_refuses(
    both: tuple[str, dict[str, str], str, dict[str, str]], case: str
) -> None:
    real_url, real_session, sandbox_url, sandbox_session = both
    real = BAD_REQUESTS[case](real_url, real_session)
    fake = BAD_REQUESTS[case](sandbox_url, sandbox_session)

    assert (fake.status_code, fake.json()["error"]) == (real.status_code, real.json()["error"])
    real_message = real.json()["message"].replace(real_session["did"], sandbox_session["did"])
    assert fake.json()["message"] == real_message


def test_listening_finds_a_tagged_post_and_a_mention_once(connector: BlueskyConnector) -> None:
    """searchPosts (tag) and listNotifications (mention) of the real AppView, resumed from
    the connector's own marker without the post coming again."""

    tag = f"ToDo{uuid.uuid4().hex[:8]}"
    since = datetime.now(UTC)
    before = connector.fetch_mentions(None, since=since)
    client = Client(base_url=DEVENV_URL)
    client.login(REPLIER, REPLIER_PASSWORD)
    text = f"@{HANDLE} Wann ist der Container in Hörde? #{tag}"
    encoded = text.encode()
    mention, hashtag = f"@{HANDLE}", f"#{tag}"
    facets = [
        models.AppBskyRichtextFacet.Main(
            index=models.AppBskyRichtextFacet.ByteSlice(
                byte_start=encoded.index(mention.encode()),
                byte_end=encoded.index(mention.encode()) + len(mention.encode()),
            ),
            features=[models.AppBskyRichtextFacet.Mention(did=connector.verify().remote_id)],
        ),
        models.AppBskyRichtextFacet.Main(
            index=models.AppBskyRichtextFacet.ByteSlice(
                byte_start=encoded.index(hashtag.encode()),
                byte_end=encoded.index(hashtag.encode()) + len(hashtag.encode()),
            ),
            features=[models.AppBskyRichtextFacet.Tag(tag=tag)],
        ),
    ]
    created = str(client.send_post(text, facets=facets, langs=["de"]).uri)

    found = eventually(
        lambda: connector.search(ListenQuery("tag", tag), None, since=since).posts or None,
        "the tagged post in searchPosts",
    )
    assert [post.remote_id for post in found] == [created]
    marker = connector.search(ListenQuery("tag", tag), None, since=since).marker
    assert connector.search(ListenQuery("tag", tag), marker, since=since).posts == ()
    mentions = eventually(
        lambda: connector.fetch_mentions(before.marker, since=since).posts or None,
        "the mention in listNotifications",
    )
    assert [(post.remote_id, post.via) for post in mentions] == [(created, "mention")]
