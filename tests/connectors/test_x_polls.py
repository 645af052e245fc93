"""X polls through tweepy against the sandbox; the sandbox's poll shapes against xdk's models."""

# ruff: noqa: F811  (fixtures come from x_fixtures and are re-bound as test arguments)

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import requests

from connectors.base import OutgoingPoll, OutgoingPost
from connectors.errors import Rejected
from connectors.serialised import Serialised
from connectors.x import XConnector
from sandbox.audience import AudienceSimulator
from sandbox.x_server import XSandbox
from tests.connectors.x_fixtures import (  # noqa: F401
    ManualClock,
    _shared_sandbox,
    clock,
    faults,
    x_connector,
    x_sandbox,
)

xdk_schemas = pytest.importorskip("xdk.schemas")

QUESTION = "Wünscht ihr euch mehr Ausbildungsplätze in der Nordstadt?"
OPTIONS = ("Ja", "Nein", "Weiß nicht")


def poll_post(text: str = QUESTION, minutes: int = 60, **poll: Any) -> OutgoingPost:
    return OutgoingPost(
        text=text,
        idempotency_key=f"key-{text}",
        poll=OutgoingPoll(poll.get("options", OPTIONS), timedelta(minutes=minutes)),
    )


def test_a_tweet_goes_out_with_its_poll_and_the_votes_come_back(
    x_sandbox: XSandbox, clock: ManualClock, x_connector: XConnector
) -> None:
    x_sandbox.audience = AudienceSimulator(seed=5)
    connector = Serialised(x_connector)
    remote = connector.publish(poll_post(minutes=60))
    opened = connector.fetch_poll(remote)
    assert opened is not None and opened.options == OPTIONS
    assert opened.votes == (0, 0, 0) and not opened.closed
    assert opened.ends_at == remote.published_at + timedelta(minutes=60)
    clock.advance(minutes=61)
    closed = connector.fetch_poll(remote)
    assert closed is not None and closed.closed and closed.voters is None
    yes, no, unsure = closed.votes
    assert yes > no and yes > unsure and sum(closed.votes) >= 40


def test_a_tweet_without_a_poll_has_none(x_connector: XConnector) -> None:
    remote = x_connector.publish(OutgoingPost(text="Ohne Umfrage", idempotency_key="k"))
    assert x_connector.fetch_poll(remote) is None


@pytest.mark.parametrize(
    ("options", "minutes", "parameter"),
    [
        (("Ja",), 60, "poll.options"),
        (("A", "B", "C", "D", "E"), 60, "poll.options"),
        (("Ja", "x" * 26), 60, "poll.options"),
        (OPTIONS, 4, "poll.duration_minutes"),
        (OPTIONS, 10081, "poll.duration_minutes"),
    ],
)
def test_the_sandbox_refuses_what_x_refuses(
    x_connector: XConnector, options: tuple[str, ...], minutes: int, parameter: str
) -> None:
    with pytest.raises(Rejected):
        x_connector.publish(poll_post(options=options, minutes=minutes))


def test_x_accepts_exactly_at_its_limits(x_connector: XConnector) -> None:
    at_limits = poll_post(text="Grenzen", options=("A" * 25, "B", "C", "D"), minutes=10080)
    assert x_connector.publish(at_limits).remote_id
    shortest = poll_post(text="Kurz", options=("Ja", "Nein"), minutes=5)
    assert x_connector.publish(shortest).remote_id


def test_poll_shapes_match_xdk(x_sandbox: XSandbox) -> None:
    auth = {"Authorization": "Bearer any-user-token"}
    request = {
        "text": "Schema-Probe Umfrage",
        "poll": {"options": list(OPTIONS), "duration_minutes": 30},
    }
    xdk_schemas.CreatePostsRequest.model_validate(request)
    created = requests.post(x_sandbox.url + "/2/tweets", json=request, headers=auth, timeout=5)
    assert created.status_code == 201, created.text
    post_id = created.json()["data"]["id"]
    answer = requests.get(
        x_sandbox.url + "/2/tweets",
        params={
            "ids": post_id,
            "expansions": "attachments.poll_ids",
            "poll.fields": "options,voting_status,end_datetime,duration_minutes",
        },
        headers=auth,
        timeout=5,
    ).json()
    model = xdk_schemas.GetPostsByIdsResponse.model_validate(
        {
            **answer,
            "data": [{k: v for k, v in answer["data"][0].items() if k != "edit_history_tweet_ids"}],
        }
    )
    assert model.includes is not None and model.includes.polls
    poll = answer["includes"]["polls"][0]
    assert set(poll) <= set(xdk_schemas.Poll.model_fields)
    for option in poll["options"]:
        xdk_schemas.PollOptionsItem.model_validate(option)
        assert set(option) <= set(xdk_schemas.PollOptionsItem.model_fields)
    assert set(answer["data"][0]["attachments"]) <= set(xdk_schemas.PostAttachments.model_fields)
    assert answer["data"][0]["attachments"]["poll_ids"] == [poll["id"]]
    assert poll["voting_status"] == "open" and poll["duration_minutes"] == 30
