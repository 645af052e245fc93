"""The simulated audience: reproducible, plausible in time, and reacting to what a post says."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from itertools import pairwise

import pytest

from sandbox.audience import (
    DEFAULT_TONE_MIX,
    MAX_DELAY,
    MAX_HANDLE_LENGTH,
    MIN_DELAY,
    TONES,
    AudienceSimulator,
    SimulatedReply,
    has_emoji,
    load_corpus,
)

POST = "Die Aktionswoche startet: Besucht uns am Container auf dem Friedensplatz!"
RENTE_POST = "Mit 60 noch einmal neu anfangen? Wir beraten zu Rente und Hinzuverdienst."
PLAIN_POST = "Guten Morgen, Dortmund! Heute scheint die Sonne über dem Phoenix-See."


def many_replies(
    audience: AudienceSimulator, text: str, posts: int = 300, mood: float | None = None
) -> list[SimulatedReply]:
    replies: list[SimulatedReply] = []
    for n in range(posts):
        if mood is not None:
            audience.set_mood(f"post-{n}", mood)
        replies += audience.replies_for(f"post-{n}", text)
    return replies


def share(replies: list[SimulatedReply], *tones: str) -> float:
    return sum(reply.tone in tones for reply in replies) / len(replies)


def test_same_seed_gives_the_same_replies_whatever_was_asked_before() -> None:
    first = AudienceSimulator(seed=11)
    second = AudienceSimulator(seed=11)
    second.replies_for("other", PLAIN_POST)

    assert first.replies_for("p1", POST) == second.replies_for("p1", POST)
    assert first.replies_for("p1", POST) == first.replies_for("p1", POST)


def test_a_different_seed_post_or_text_gives_other_replies() -> None:
    audience = AudienceSimulator(seed=11)
    replies = audience.replies_for("p1", POST)

    assert AudienceSimulator(seed=12).replies_for("p1", POST) != replies
    assert audience.replies_for("p2", POST) != replies
    assert audience.replies_for("p1", POST + " Wir freuen uns!") != replies


def test_replies_are_sorted_by_delay_within_bounds_and_keyed_by_rank() -> None:
    audience = AudienceSimulator(replies_per_post=(3, 12))
    for n in range(50):
        replies = audience.replies_for(f"p{n}", POST)

        assert 3 <= len(replies) <= 12
        delays = [reply.delay for reply in replies]
        assert delays == sorted(delays)
        assert all(MIN_DELAY <= delay <= MAX_DELAY for delay in delays)
        assert [reply.key for reply in replies] == [
            f"p{n}-r{rank}" for rank in range(1, len(replies) + 1)
        ]


def test_pace_compresses_the_delays_and_nothing_else() -> None:
    real_time = AudienceSimulator(pace=1).replies_for("p1", POST)
    demo = AudienceSimulator(pace=60).replies_for("p1", POST)

    assert [reply.text for reply in demo] == [reply.text for reply in real_time]
    for fast, slow in zip(demo, real_time, strict=True):
        assert abs(fast.delay * 60 - slow.delay) < timedelta(milliseconds=1)
    assert demo[-1].delay <= MAX_DELAY / 60


def test_replies_due_are_those_whose_delay_has_passed() -> None:
    audience = AudienceSimulator()
    replies = audience.replies_for("p1", POST)
    middle = replies[len(replies) // 2].delay

    assert audience.replies_due("p1", POST, timedelta(0)) == []
    assert audience.replies_due("p1", POST, middle) == [r for r in replies if r.delay <= middle]
    assert audience.replies_due("p1", POST, MAX_DELAY) == replies


def test_engagement_grows_never_shrinks_and_levels_off() -> None:
    audience = AudienceSimulator(seed=3)
    ages = [timedelta(minutes=minutes) for minutes in range(0, 24 * 60, 5)]
    counts = [audience.engagement_at("p1", POST, age) for age in ages]

    assert counts[0].likes == counts[0].reposts == counts[0].replies == 0
    for earlier, later in pairwise(counts):
        assert later.likes >= earlier.likes
        assert later.reposts >= earlier.reposts
        assert later.quotes >= earlier.quotes
        assert later.impressions >= earlier.impressions
        assert later.replies >= earlier.replies
    assert counts[-1].likes > 0 and counts[-1].impressions > counts[-1].likes
    assert audience.engagement_at("p1", POST, timedelta(days=30)) == counts[-1]


def test_engagement_counts_the_replies_that_are_due() -> None:
    audience = AudienceSimulator(pace=60)
    for seconds in (0, 5, 20, 60, 400):
        age = timedelta(seconds=seconds)
        expected = len(audience.replies_due("p1", POST, age))
        assert audience.engagement_at("p1", POST, age).replies == expected


def test_tone_mix_follows_the_configured_shares_over_many_posts() -> None:
    replies = many_replies(AudienceSimulator(seed=5), PLAIN_POST)
    counted = Counter(reply.tone for reply in replies)

    assert len(replies) > 1500
    for tone in TONES:
        assert counted[tone] / len(replies) == pytest.approx(DEFAULT_TONE_MIX[tone], abs=0.04)


def test_a_custom_tone_mix_is_obeyed() -> None:
    audience = AudienceSimulator(tone_mix={"question": 1.0})

    assert {reply.tone for reply in many_replies(audience, POST, posts=20)} == {"question"}


def test_a_post_about_pensions_gets_pension_replies() -> None:
    replies = many_replies(AudienceSimulator(), RENTE_POST, posts=60)
    german = [reply for reply in replies if reply.language == "de"]

    assert {reply.topic for reply in replies} == {"rente", "generic"}
    assert share(german, *TONES) == 1.0
    assert sum(reply.topic == "rente" for reply in german) / len(german) > 0.6
    assert sum("rente" in reply.text.casefold() for reply in replies) > 20


def test_a_post_without_a_topic_gets_generic_replies() -> None:
    replies = many_replies(AudienceSimulator(), PLAIN_POST, posts=30)

    assert {reply.topic for reply in replies} == {"generic"}


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Neue Zahlen zum Rentenalter", "rente"),
        ("Was bedeutet die Grundrente für Sie?", "rente"),
        ("KI im Büro: unser Kurs", "ki"),
        ("Freie Plätze in der Kita Hörde", None),
        ("Wo ist der Infocontainer?", "aktionswoche"),
        ("Mit der U43 zur Jobbörse", "verkehr"),
    ],
)
def test_topics_are_found_by_whole_words_and_marked_prefixes(text: str, topic: str | None) -> None:
    found = {found.name for found in load_corpus().topics_of(text)}

    assert (topic in found) if topic else not found & {"rente", "ki"}


def test_a_bad_mood_raises_the_negative_share() -> None:
    neutral = many_replies(AudienceSimulator(seed=9), POST)
    angry = many_replies(AudienceSimulator(seed=9), POST, mood=-1.0)
    happy = many_replies(AudienceSimulator(seed=9), POST, mood=1.0)

    assert share(angry, "negative") > 2 * share(neutral, "negative")
    assert share(angry, "negative", "sarcasm") > 0.5
    assert share(happy, "negative") < share(neutral, "negative") / 2


def test_a_mood_changes_tones_but_not_timing() -> None:
    audience = AudienceSimulator()
    before = audience.replies_for("p1", POST)
    audience.set_mood("p1", -1.0)
    after = audience.replies_for("p1", POST)

    assert [reply.delay for reply in after] == [reply.delay for reply in before]
    assert audience.replies_for("p2", POST) == AudienceSimulator().replies_for("p2", POST)


def test_a_bad_mood_lowers_likes_and_raises_quotes() -> None:
    audience = AudienceSimulator()
    day = timedelta(days=1)
    calm = [audience.engagement_at(f"p{n}", POST, day) for n in range(100)]
    for n in range(100):
        audience.set_mood(f"p{n}", -1.0)
    angry = [audience.engagement_at(f"p{n}", POST, day) for n in range(100)]

    assert sum(e.likes for e in angry) < sum(e.likes for e in calm)
    assert sum(e.quotes for e in angry) > sum(e.quotes for e in calm)


def test_replies_vary_with_emoji_typos_mentions_and_other_languages() -> None:
    replies = many_replies(AudienceSimulator(mention_handle="stadt_do"), POST)
    texts = [reply.text for reply in replies]
    corpus_texts = load_corpus().german_texts()

    assert sum(has_emoji(text) for text in texts) / len(texts) > 0.15
    assert sum(text.startswith("@stadt_do ") for text in texts) / len(texts) > 0.04
    assert sum(reply.language != "de" for reply in replies) / len(replies) > 0.02
    assert {"en", "tr"} <= {reply.language for reply in replies}
    varied = [t for t in texts if t not in corpus_texts and not has_emoji(t) and "@" not in t]
    assert len(varied) / len(texts) > 0.05


def test_handles_fit_every_platform_and_names_are_local() -> None:
    community = AudienceSimulator(seed=1).community
    handles = [persona.handle for persona in community]

    assert len({handle.lower() for handle in handles}) == len(handles)
    handle_pattern = re.compile(rf"[A-Za-z0-9_]{{1,{MAX_HANDLE_LENGTH}}}")
    assert all(handle_pattern.fullmatch(handle) for handle in handles)
    assert any(handle.startswith("Der") for handle in handles)
    assert any(" aus " in persona.name for persona in community)
    assert community != AudienceSimulator(seed=2).community


def test_turkish_replies_prefer_turkish_names() -> None:
    audience = AudienceSimulator()
    turkish = [r for r in many_replies(audience, POST) if r.language == "tr"]
    turkish_handles = {p.handle for p in audience.community if p.language == "tr"}

    assert turkish
    assert all(reply.author_handle in turkish_handles for reply in turkish)


def test_the_corpus_has_enough_distinct_german_texts_for_every_topic_and_tone() -> None:
    corpus = load_corpus()

    assert len(corpus.german_texts()) >= 250
    longest = max(len(text) for text in corpus.german_texts())
    decorated = len("@todo_dortmund ") + longest + len(" 💛🖤")
    assert decorated <= 280, "a decorated reply must fit X's 280 and Bluesky's 300"
    for topic in corpus.topics:
        assert all(topic.replies[tone] for tone in TONES), topic.name
    assert all(corpus.generic[tone] for tone in TONES)
    assert all(corpus.foreign[language][tone] for language in ("en", "tr") for tone in TONES)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"pace": 0}, "pace must be above 0"),
        ({"replies_per_post": (5, 2)}, "replies_per_post"),
        ({"tone_mix": {"angry": 1.0}}, "tone_mix"),
        ({"tone_mix": {"negative": 0.0}}, "tone_mix"),
    ],
)
def test_bad_settings_are_refused_with_the_setting_named(
    arguments: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        AudienceSimulator(**arguments)  # type: ignore[arg-type]


def test_a_mood_outside_the_range_is_refused() -> None:
    with pytest.raises(ValueError, match=r"post 'p1'.*-1\.\.1"):
        AudienceSimulator().set_mood("p1", -1.5)


def test_remembered_replies_are_the_same_as_fresh_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sandbox.audience.MEMO_SIZE", 2)
    audience = AudienceSimulator()
    first = audience.replies_for("p0", POST)
    first.clear()
    for n in range(5):
        audience.replies_for(f"p{n}", POST)

    assert audience.replies_for("p0", POST) == AudienceSimulator().replies_for("p0", POST)
    audience.set_mood("p0", -1.0)
    assert audience.replies_for("p0", POST) != AudienceSimulator().replies_for("p0", POST)
