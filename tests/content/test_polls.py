"""Polls in plans: each platform's limits exactly at and one over, per instance, Bluesky's link."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from content.plan import parse_plan
from content.plan_model import AccountTarget, CampaignPlan, PlanError
from content.platforms import Platform
from content.polls import PollRules, PollSpec

MASTODON = AccountTarget(Platform.MASTODON, 500)
X = AccountTarget(Platform.X)
BLUESKY = AccountTarget(Platform.BLUESKY)
SMALL_INSTANCE = AccountTarget(
    Platform.MASTODON, 500, PollRules(3, 10, timedelta(hours=1), timedelta(days=2))
)


def plan(poll: dict[str, Any], accounts: dict[str, AccountTarget], **post: Any) -> CampaignPlan:
    data = {
        "campaign": {"slug": "umfrage", "name": "Umfrage", "accounts": list(accounts)},
        "posts": [
            {
                "key": "frage-1",
                "at": "2030-05-04T10:00:00",
                "text": "Was meint ihr?",
                "poll": poll,
                **post,
            }
        ],
    }
    return parse_plan(data, accounts=accounts, base_dir=Path("."), source="plan.toml")


def problems(poll: dict[str, Any], accounts: dict[str, AccountTarget], **post: Any) -> list[str]:
    with pytest.raises(PlanError) as caught:
        plan(poll, accounts, **post)
    return [p.describe("plan.toml") for p in caught.value.problems]


def test_a_poll_reaches_the_planned_post() -> None:
    planned = plan({"options": ["Ja", "Nein", "Weiß nicht"], "hours": 24}, {"m": MASTODON}).posts[0]
    assert planned.poll == PollSpec(("Ja", "Nein", "Weiß nicht"), timedelta(hours=24), False)


# X: 2–4 options, 25 characters, 5 minutes to 7 days, one answer -------------------------
def test_x_at_its_limits() -> None:
    assert plan({"options": ["a" * 25, "b", "c", "d"], "hours": 168}, {"x": X}).posts[0].poll
    assert plan({"options": ["a", "b"], "hours": 5 / 60}, {"x": X}).posts[0].poll


@pytest.mark.parametrize(
    ("poll", "expected"),
    [
        ({"options": ["a", "b", "c", "d", "e"]}, "X: 5 Antworten, höchstens 4 erlaubt, 1 zu viel."),
        ({"options": ["Ja"]}, "X: 1 Antwort, mindestens 2 nötig, 1 zu wenig."),
        ({"options": ["a" * 26, "b"]}, "hat 26 Zeichen, höchstens 25 erlaubt, 1 zu viel."),
        (
            {"options": ["a", "b"], "hours": 4 / 60},
            "X: Laufzeit 4 Minuten, mindestens 5 Minuten, 1 Minute zu kurz.",
        ),
        (
            {"options": ["a", "b"], "hours": 169},
            "X: Laufzeit 169 Stunden, höchstens 7 Tage, 1 Stunde zu lang.",
        ),
        ({"options": ["a", "b"], "multiple": True}, "X: Umfragen erlauben nur eine Antwort"),
    ],
)
def test_x_one_over(poll: dict[str, Any], expected: str) -> None:
    found = problems(poll, {"x": X})
    assert len(found) == 1
    assert found[0].startswith("plan.toml: posts[0].poll [frage-1]: ")
    assert expected in found[0]


# Mastodon: what the instance says --------------------------------------------------------
def test_mastodon_defaults_at_and_over() -> None:
    assert plan({"options": ["a" * 50, "b", "c", "d"], "multiple": True}, {"m": MASTODON})
    found = problems({"options": ["a" * 51, "b", "c", "d", "e"]}, {"m": MASTODON})
    assert any("Mastodon: 5 Antworten, höchstens 4 erlaubt, 1 zu viel." in f for f in found)
    assert any(
        "Antwort 1" in f and "51 Zeichen, höchstens 50 erlaubt, 1 zu viel" in f for f in found
    )


def test_the_instance_limits_win_over_the_defaults() -> None:
    accounts = {"klein": SMALL_INSTANCE}
    assert plan({"options": ["a" * 10, "b", "c"], "hours": 1}, accounts)
    assert plan({"options": ["a", "b"], "hours": 48}, accounts)
    found = problems({"options": ["a" * 11, "b", "c", "d"], "hours": 49}, accounts)
    assert len(found) == 3
    assert "4 Antworten, höchstens 3 erlaubt, 1 zu viel" in found[0]
    assert "11 Zeichen, höchstens 10 erlaubt, 1 zu viel" in found[1]
    assert "Laufzeit 49 Stunden, höchstens 2 Tage, 1 Stunde zu lang" in found[2]
    short = problems({"options": ["a", "b"], "hours": 0.5}, accounts)
    assert "Laufzeit 30 Minuten, mindestens 1 Stunde, 30 Minuten zu kurz" in short[0]


def test_a_poll_post_cannot_carry_images(tmp_path: Path) -> None:
    image = tmp_path / "bild.png"
    image.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
            "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
        )
    )
    data = {
        "campaign": {"slug": "u", "name": "U", "accounts": ["x"]},
        "posts": [
            {
                "key": "k",
                "at": "2030-05-04T10:00:00",
                "text": "t",
                "media": [{"path": str(image), "alt": "Ein Punkt"}],
                "poll": {"options": ["a", "b"]},
            }
        ],
    }
    with pytest.raises(PlanError, match="kann keine Bilder tragen"):
        parse_plan(data, accounts={"x": X}, base_dir=tmp_path, source="p.toml")


# Bluesky: a survey link, or a clear refusal ------------------------------------------------
def test_bluesky_without_a_survey_link_is_refused_naming_the_post() -> None:
    found = problems({"options": ["Ja", "Nein"]}, {"b": BLUESKY, "m": MASTODON})
    assert found == [
        "plan.toml: posts[0].survey_url [frage-1]: Bluesky kennt keine Umfragen; survey_url mit "
        "dem Link zur Befragung angeben."
    ]


def test_bluesky_goes_out_with_the_survey_link() -> None:
    url = "https://dortmund.de/befragung"
    planned = plan(
        {"options": ["Ja", "Nein"]}, {"b": BLUESKY, "m": MASTODON}, survey_url=url
    ).posts[0]
    assert planned.rendered["b"] == (f"Was meint ihr?\n\n{url}",)
    assert planned.rendered["m"] == ("Was meint ihr?",)


def test_a_survey_link_must_be_a_link() -> None:
    found = problems({"options": ["Ja", "Nein"]}, {"b": BLUESKY}, survey_url="dortmund.de")
    assert any("kein Link" in f for f in found)


@pytest.mark.parametrize(
    ("poll", "field"),
    [
        ("Ja oder nein", "posts[0].poll"),
        ({"options": "Ja"}, "posts[0].poll.options"),
        ({"options": ["a", "b"], "hours": "24"}, "posts[0].poll.hours"),
        ({"options": ["a", "b"], "hours": 0}, "posts[0].poll.hours"),
        ({"options": ["a", "b"], "tage": 1}, "posts[0].poll.tage"),
    ],
)
def test_a_malformed_poll_names_its_field(poll: Any, field: str) -> None:
    found = problems(poll, {"m": MASTODON})
    assert any(f.startswith(f"plan.toml: {field} [frage-1]") for f in found), found
