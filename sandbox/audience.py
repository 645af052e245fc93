"""The sandbox's simulated Dortmund audience: German replies and growing counts for posts.

Tests, benchmarks and the demo need posts that get answered the way the city's posts do
(praise, complaints, questions, sarcasm, dialect, typos) without touching a real platform,
and they need the same answers on every run. So nothing here keeps a history: every reply
and every count is derived from (seed, post key, text) and the age of the post, and the
servers may ask in any order, as often as they like. The only state is the optional mood
per post, which tests set to provoke a negative spike.

The texts and name parts live in `audience_de.toml` beside this module.
"""

from __future__ import annotations

import math
import random
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar, get_args

Tone = Literal["positive", "neutral", "negative", "question", "sarcasm"]
TONES: tuple[Tone, ...] = get_args(Tone)

CORPUS_PATH = Path(__file__).with_name("audience_de.toml")
GENERIC_TOPIC = "generic"

DEFAULT_TONE_MIX: Mapping[Tone, float] = {
    "positive": 0.35,
    "neutral": 0.20,
    "negative": 0.15,
    "question": 0.20,
    "sarcasm": 0.10,
}
# A tone's weight is multiplied by exp(sensitivity * mood): a mood of -1 roughly triples
# the negative share, +1 makes praise dominate.
MOOD_SENSITIVITY: Mapping[Tone, float] = {
    "positive": 1.2,
    "neutral": 0.0,
    "negative": -1.5,
    "question": 0.0,
    "sarcasm": -0.8,
}

# Delays at pace 1: most replies come within the first hour, a few hours later.
MIN_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)
MEAN_EXTRA_DELAY = timedelta(minutes=20)

TOPIC_SHARE = 0.75  # of replies to a post with a topic, how many speak to that topic
FOREIGN_SHARE = 0.05
FOREIGN_LANGUAGE_WEIGHTS: Mapping[str, float] = {"en": 0.6, "tr": 0.4}
EMOJI_CHANCE = 0.25
TYPO_CHANCE = 0.2
MENTION_CHANCE = 0.08

COMMUNITY_SIZE = 240
MEMO_SIZE = 4096  # posts whose replies are remembered; a demo or benchmark has fewer
MAX_HANDLE_LENGTH = 15  # X's limit, the strictest of the three platforms


@dataclass(frozen=True)
class SimulatedReply:
    """One reply of the simulated audience to a published post."""

    key: str  # stable: f"{post_key}-r{rank}", rank 1 being the earliest reply
    author_handle: str  # local part, [A-Za-z0-9_]{1,15}; servers add @domain or .bsky.social
    author_name: str  # display name, e.g. "Jule aus der Nordstadt"
    text: str
    tone: Tone
    language: str  # "de", now and then "en" or "tr"
    delay: timedelta  # after the post's publication, already divided by the pace
    topic: str  # the corpus topic the text came from, or "generic"


@dataclass(frozen=True)
class PublicPost:
    """A post somebody writes on their own: under a hashtag, to the account, or quoting it.

    `number` orders them (0 is the first after the audience started); `at` is when it
    appears, after the start, already divided by the pace. `quotes` asks the server to
    quote the account's newest post; `mentions` to address the account.
    """

    key: str
    number: int
    author_handle: str
    author_name: str
    text: str
    tone: Tone
    language: str
    at: timedelta
    tag: str | None
    mentions: bool
    quotes: bool
    reposts: int
    image: bool


@dataclass(frozen=True)
class Engagement:
    """The counts a platform would show for a post at some age."""

    likes: int
    reposts: int
    quotes: int
    replies: int
    impressions: int


@dataclass(frozen=True)
class Persona:
    """A simulated member of the public; handles are local parts, servers add their domain."""

    handle: str
    name: str
    language: str = "de"


TonePools = Mapping[Tone, tuple[str, ...]]
Key = TypeVar("Key", bound=str)


@dataclass(frozen=True)
class Topic:
    """Replies to posts about one subject, and the words that tell a post is about it."""

    name: str
    pattern: re.Pattern[str]
    replies: TonePools

    def matches(self, text: str) -> bool:
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class Corpus:
    """Everything the audience can say, and the parts its names are made of."""

    topics: tuple[Topic, ...]
    generic: TonePools
    foreign: Mapping[str, TonePools]
    emoji: TonePools
    first_names: tuple[Persona, ...]
    districts: tuple[Mapping[str, str], ...]
    prefixes: tuple[str, ...]
    regulars: tuple[Persona, ...]
    own: TonePools = field(default_factory=dict)
    """What people post on their own, not as an answer."""

    def topics_of(self, text: str) -> tuple[Topic, ...]:
        """The topics a post's text is about (none: the generic replies answer it)."""
        return tuple(topic for topic in self.topics if topic.matches(text))

    def german_texts(self) -> set[str]:
        """All distinct German reply texts, topical and generic."""
        pools = [topic.replies for topic in self.topics] + [self.generic]
        return {text for pool in pools for tone in TONES for text in pool[tone]}


def keyword_pattern(keywords: list[str]) -> re.Pattern[str]:
    """One regex for a topic's keywords: whole words, `*` at either end lets the word go on."""

    def one(keyword: str) -> str:
        head = r"\w*" if keyword.startswith("*") else ""
        tail = r"\w*" if keyword.endswith("*") else ""
        return head + re.escape(keyword.strip("*")) + tail

    return re.compile(r"(?<!\w)(?:" + "|".join(map(one, keywords)) + r")(?!\w)", re.IGNORECASE)


def tone_pools(table: Mapping[str, list[str]]) -> TonePools:
    return {tone: tuple(table.get(tone, ())) for tone in TONES}


@cache
def load_corpus(path: Path = CORPUS_PATH) -> Corpus:
    """Read the corpus once per process; it is data shipped with the package."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    names = data["names"]
    return Corpus(
        topics=tuple(
            Topic(name, keyword_pattern(table["keywords"]), tone_pools(table))
            for name, table in data["topics"].items()
        ),
        generic=tone_pools(data["generic"]),
        foreign={language: tone_pools(table) for language, table in data["foreign"].items()},
        emoji=tone_pools(data["emoji"]),
        first_names=tuple(Persona(**entry) for entry in names["first"]),
        districts=tuple(names["districts"]),
        prefixes=tuple(names["prefixes"]),
        regulars=tuple(Persona(**entry) for entry in names["fixed"]),
        own=tone_pools(data.get("own", {})),
    )


def persona_candidates(rng: random.Random, corpus: Corpus) -> Iterator[Persona]:
    """An endless stream of plausible Dortmund personas, e.g. jule_nordstadt, DerHoerder."""
    yield from corpus.regulars
    while True:
        first = rng.choice(corpus.first_names)
        district = rng.choice(corpus.districts)
        language = first.language
        match rng.randrange(5):
            case 0:
                handle, name = (
                    f"{first.handle}_{district['handle']}",
                    f"{first.name} {district['from']}",
                )
            case 1:
                handle, name = f"Der{district['demonym_handle']}", f"Der {district['demonym']}"
                language = "de"
            case 2:
                year = rng.randrange(50, 106) % 100
                handle, name = f"{first.handle}{year:02d}", first.name
            case 3:
                initial = rng.choice("abcdefghklmnprstwz")
                handle, name = f"{first.handle}_{initial}", f"{first.name} {initial.upper()}."
            case _:
                handle, name = f"{rng.choice(corpus.prefixes)}_{first.handle}", first.name
        yield Persona(handle, name, language)


def build_community(seed: int, corpus: Corpus) -> tuple[Persona, ...]:
    """The seed's fixed set of people, in an order where the first ones reply most often."""
    rng = random.Random(f"{seed}\x1fcommunity")
    candidates = (
        persona
        for persona in persona_candidates(rng, corpus)
        if len(persona.handle) <= MAX_HANDLE_LENGTH
    )
    community: dict[str, Persona] = {}
    while len(community) < COMMUNITY_SIZE:
        persona = next(candidates)
        community.setdefault(persona.handle.lower(), persona)
    people = list(community.values())
    rng.shuffle(people)
    return tuple(people)


def has_emoji(text: str) -> bool:
    return any(ord(char) >= 0x1F000 or 0x2600 <= ord(char) < 0x2800 for char in text)


def with_typo(rng: random.Random, text: str) -> str:
    """One slip of a phone keyboard: no capitals, a dropped or swapped letter, no full stop."""
    kind = rng.randrange(4)
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) >= 5 and word.isalpha()]
    if kind == 0 or not long_words:
        return text.lower()
    if kind == 1 and text.endswith("."):
        return text.removesuffix(".")
    index = long_words[int(rng.random() * len(long_words))]
    word = words[index]
    at = 1 + int(rng.random() * (len(word) - 3))
    if kind == 2:
        words[index] = word[:at] + word[at + 1 :]
    else:
        words[index] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return " ".join(words)


def pick(weights: Mapping[Key, float], u: float) -> Key:
    """The key whose share of the total weight covers `u` in [0, 1); never one weighing 0."""
    candidates = [(key, weight) for key, weight in weights.items() if weight > 0]
    remaining = u * sum(weight for _, weight in candidates)
    for key, weight in candidates:
        remaining -= weight
        if remaining < 0:
            return key
    return candidates[-1][0]


def growth(age_minutes: float, midpoint_minutes: float) -> float:
    """Logistic growth shifted so that it starts at 0 and saturates at 1; never decreases."""
    steepness = midpoint_minutes / 4

    def logistic(t: float) -> float:
        return 1 / (1 + math.exp(-(t - midpoint_minutes) / steepness))

    start = logistic(0.0)
    return (logistic(max(age_minutes, 0.0)) - start) / (1 - start)


class AudienceSimulator:
    """Answers posts with seeded German replies and grows their likes and reposts over time."""

    def __init__(
        self,
        seed: int = 7,
        *,
        pace: float = 1.0,
        replies_per_post: tuple[int, int] = (3, 12),
        tone_mix: Mapping[Tone, float] = DEFAULT_TONE_MIX,
        mention_handle: str = "todo_dortmund",
        public_tags: tuple[str, ...] = (),
        public_per_hour: float = 0.0,
    ) -> None:
        """`pace` > 1 compresses time (60: an hour of audience in a minute).

        `mention_handle` is the account some replies address as @handle; `tone_mix` the
        share of each tone before any mood is applied. `public_per_hour` posts an hour (of
        audience time) are written on their own under `public_tags` (hashtags without #),
        some mentioning the account, some quoting it.
        """
        if not pace > 0:
            raise ValueError(f"audience pace must be above 0, got {pace}; use 1 for real time")
        low, high = replies_per_post
        if not 0 <= low <= high:
            raise ValueError(
                "replies_per_post must be (low, high) with 0 <= low <= high, "
                f"got {replies_per_post}"
            )
        unknown = set(tone_mix) - set(TONES)
        if unknown or any(weight < 0 for weight in tone_mix.values()) or not any(tone_mix.values()):
            raise ValueError(
                f"tone_mix needs non-negative weights for {', '.join(TONES)} "
                f"with at least one above 0, got {dict(tone_mix)}"
            )
        self.seed = seed
        self.pace = pace
        self.replies_per_post = (low, high)
        self.tone_mix: dict[Tone, float] = {tone: float(tone_mix.get(tone, 0.0)) for tone in TONES}
        self.mention_handle = mention_handle
        if public_per_hour < 0:
            raise ValueError(f"public_per_hour must be 0 or more, got {public_per_hour}")
        self.public_tags = tuple(tag.lstrip("#") for tag in public_tags)
        self.public_per_hour = public_per_hour
        self.corpus = load_corpus()
        self.community = build_community(seed, self.corpus)
        self._moods: dict[str, float] = {}
        self._generated: dict[tuple[str, str, float], tuple[SimulatedReply, ...]] = {}

    def set_mood(self, post_key: str, mood: float) -> None:
        """Tilt the replies to one post: -1 angry, 0 as usual, +1 delighted.

        Set it before the replies fall due: the mood changes the tone (and so the text) of
        every reply to that post, including those a server may already have shown.
        """
        if not -1.0 <= mood <= 1.0:
            raise ValueError(f"mood for post {post_key!r} must be within -1..1, got {mood}")
        self._moods[post_key] = mood

    def mood_of(self, post_key: str) -> float:
        return self._moods.get(post_key, 0.0)

    def replies_for(self, post_key: str, text: str) -> list[SimulatedReply]:
        """All replies the post will ever get, sorted by delay; the same call, the same list.

        Servers ask for every post on every read, so results are remembered (a bounded
        number of them); the answer does not depend on what was remembered.
        """
        memo_key = (post_key, text, self.mood_of(post_key))
        replies = self._generated.get(memo_key)
        if replies is None:
            replies = self._generate(post_key, text)
            if len(self._generated) >= MEMO_SIZE:
                self._generated.clear()  # one atomic step; servers call from many threads
            self._generated[memo_key] = replies
        return list(replies)

    def _generate(self, post_key: str, text: str) -> tuple[SimulatedReply, ...]:
        low, high = self.replies_per_post
        count = self._rng(post_key, text, "count").randint(low, high)
        topics = self.corpus.topics_of(text)
        weights = self._tone_weights(post_key)
        used: set[str] = set()
        drafts = [
            self._draft(self._rng(post_key, text, f"reply{n}"), topics, weights, used)
            for n in range(count)
        ]
        drafts.sort(key=lambda draft: draft.delay)
        return tuple(
            replace(draft, key=f"{post_key}-r{rank}") for rank, draft in enumerate(drafts, 1)
        )

    def replies_due(self, post_key: str, text: str, age: timedelta) -> list[SimulatedReply]:
        """The replies visible `age` after publication."""
        return [reply for reply in self.replies_for(post_key, text) if reply.delay <= age]

    def engagement_at(self, post_key: str, text: str, age: timedelta) -> Engagement:
        """Counts at `age`: they only grow, level off, and `replies` matches `replies_due`."""
        rng = self._rng(post_key, text, "engagement")
        mood = self.mood_of(post_key)
        high = max(self.replies_per_post[1], 1)
        likes = high * rng.uniform(2.0, 10.0) * math.exp(0.6 * mood)
        reposts = likes * rng.uniform(0.08, 0.25)
        quotes = reposts * rng.uniform(0.05, 0.2) * math.exp(-1.2 * mood)
        impressions = likes * rng.uniform(25.0, 60.0) + rng.uniform(50.0, 400.0)
        midpoint = rng.uniform(20.0, 60.0)
        minutes = age.total_seconds() * self.pace / 60
        early, late = growth(minutes, midpoint * 0.6), growth(minutes, midpoint)
        return Engagement(
            likes=math.floor(likes * late),
            reposts=math.floor(reposts * late),
            quotes=math.floor(quotes * late),
            replies=len(self.replies_due(post_key, text, age)),
            impressions=math.floor(impressions * early),
        )

    def public_count(self, age: timedelta) -> int:
        """How many public posts have appeared `age` after the audience started."""
        if self.public_per_hour <= 0 or age < timedelta(0):
            return 0
        return math.floor(age.total_seconds() * self.pace * self.public_per_hour / 3600) + 1

    def public_post(self, number: int) -> PublicPost:
        """The `number`th public post: the same number, the same post, on every run."""
        rng = random.Random(f"{self.seed}\x1fpublic\x1f{number}")
        tone = pick(self.tone_mix, rng.random())
        persona = self.community[int(rng.random() ** 1.5 * len(self.community))]
        pool = self.corpus.own[tone] or self.corpus.generic[tone]
        text = self._vary(rng, pool[int(rng.random() * len(pool))], tone)
        placement, tagged = rng.random(), rng.random()
        tag = None
        if self.public_tags and tagged < 0.85:
            tag = self.public_tags[int(rng.random() * len(self.public_tags))]
            text = f"{text} #{tag}"
        mentions = placement < 0.15 and not text.startswith("@")
        if mentions:
            text = f"@{self.mention_handle} {text}"
        return PublicPost(
            key=f"public-{number}",
            number=number,
            author_handle=persona.handle,
            author_name=persona.name,
            text=text,
            tone=tone,
            language="de",
            at=timedelta(seconds=number * 3600 / self.public_per_hour) / self.pace,
            tag=tag,
            mentions=mentions or text.startswith(f"@{self.mention_handle}"),
            quotes=0.15 <= placement < 0.25,
            reposts=int(rng.random() ** 3 * 12),
            image=rng.random() < 0.1,
        )

    def _rng(self, post_key: str, text: str, purpose: str) -> random.Random:
        """A generator private to one decision, so decisions never shift each other."""
        return random.Random(f"{self.seed}\x1f{post_key}\x1f{text}\x1f{purpose}")

    def _tone_weights(self, post_key: str) -> dict[Tone, float]:
        mood = self.mood_of(post_key)
        return {
            tone: weight * math.exp(MOOD_SENSITIVITY[tone] * mood)
            for tone, weight in self.tone_mix.items()
        }

    def _delay(self, u: float) -> timedelta:
        """A truncated exponential between MIN_DELAY and MAX_DELAY, divided by the pace."""
        mean = MEAN_EXTRA_DELAY.total_seconds()
        span = (MAX_DELAY - MIN_DELAY).total_seconds()
        extra = -mean * math.log(1 - u * (1 - math.exp(-span / mean)))
        return (MIN_DELAY + timedelta(seconds=min(extra, span))) / self.pace

    def _draft(
        self,
        rng: random.Random,
        topics: tuple[Topic, ...],
        weights: Mapping[Tone, float],
        used: set[str],
    ) -> SimulatedReply:
        """One reply before it gets its key (its rank by delay).

        The first draws come in a fixed order, so a mood, which changes the tone, leaves the
        delay and the author of every reply where they were.
        """
        delay = self._delay(rng.random())
        regular_bias = rng.random() ** 1.5
        tone = pick(weights, rng.random())
        foreign = rng.random() < FOREIGN_SHARE
        language = pick(FOREIGN_LANGUAGE_WEIGHTS, rng.random())
        on_topic = rng.random() < TOPIC_SHARE and bool(topics)
        topic_choice, choice = rng.random(), rng.random()
        topic = topics[int(topic_choice * len(topics))] if on_topic else None
        if foreign:
            pool, topic_name = self.corpus.foreign[language][tone], GENERIC_TOPIC
        elif topic is not None and topic.replies[tone]:
            pool, topic_name, language = topic.replies[tone], topic.name, "de"
        else:
            pool, topic_name, language = self.corpus.generic[tone], GENERIC_TOPIC, "de"
        persona = self._author(regular_bias, language)
        return SimulatedReply(
            key="",
            author_handle=persona.handle,
            author_name=persona.name,
            text=self._vary(rng, self._unused(pool, choice, used), tone),
            tone=tone,
            language=language,
            delay=delay,
            topic=topic_name,
        )

    @staticmethod
    def _unused(pool: tuple[str, ...], u: float, used: set[str]) -> str:
        """A text from the pool not yet used on this post, if the pool has one left."""
        start = int(u * len(pool))
        ordered = pool[start:] + pool[:start]
        text = next((candidate for candidate in ordered if candidate not in used), ordered[0])
        used.add(text)
        return text

    def _author(self, u: float, language: str) -> Persona:
        """Anyone may write German; a reply in another language prefers a matching name."""
        speakers = self.community
        if language != "de":
            speakers = tuple(p for p in speakers if p.language == language) or speakers
        return speakers[int(u * len(speakers))]

    def _vary(self, rng: random.Random, text: str, tone: Tone) -> str:
        """Seeded decoration, so a demo does not repeat itself: emoji, typos, an @mention."""
        emoji, typo, mention = rng.random(), rng.random(), rng.random()
        if emoji < EMOJI_CHANCE and not has_emoji(text):
            choices = self.corpus.emoji[tone]
            text = f"{text} {choices[int(emoji / EMOJI_CHANCE * len(choices))]}"
        if typo < TYPO_CHANCE:
            text = with_typo(rng, text)
        if mention < MENTION_CHANCE:
            text = f"@{self.mention_handle} {text}"
        return text
