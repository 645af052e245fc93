"""The `[listening]` section of config.toml: what each campaign follows, how often and what
alerts it raises, apart from replies."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from content.track import TrackEntry, TrackProblem, parse_track
from words import t


def checked_track(entries: list[str]) -> list[str]:
    """Every entry parsed, doubles refused; the words of the first problem raise."""
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        try:
            written = parse_track(entry).written.lower()
        except TrackProblem as problem:
            raise ValueError(f"track[{index}]: {problem.text()}") from None
        if written in seen:
            raise ValueError(t("config.track_twice", index=index, entry=entry))
        seen.add(written)
    return entries


class CampaignTrack(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    campaign: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Slug of the campaign, as its plan names it."""
    track: list[str] = []
    """Hashtags ("#ToDoDortmund") and keyword queries (words, "quoted phrases") it follows
    besides what its plan's `track` says."""

    @field_validator("track")
    @classmethod
    def _valid_track(cls, value: list[str]) -> list[str]:
        return checked_track(value)

    def entries(self) -> list[TrackEntry]:
        return [parse_track(entry) for entry in self.track]


class ListeningSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    every_seconds: float = Field(default=60, ge=5)
    """How often the daemon reads hashtags, keywords, mentions and quotes."""
    first_lookback_hours: float = Field(default=24, gt=0, le=24 * 7)
    """How far back the first read of a new query goes (X's recent search: 7 days at most)."""
    campaigns: list[CampaignTrack] = []
    """What each campaign follows besides its plan's `track`."""
    spike_z: float = Field(default=3.0, gt=0)
    """Negative-share z-score of the city's posts (not replies) that raises an alert."""
    spike_min_posts: int = Field(default=20, ge=1)
    """No alert on fewer collected posts in the last hour than this."""

    @field_validator("campaigns")
    @classmethod
    def _one_entry_per_campaign(cls, value: list[CampaignTrack]) -> list[CampaignTrack]:
        slugs = [entry.campaign for entry in value]
        if twice := sorted({slug for slug in slugs if slugs.count(slug) > 1}):
            raise ValueError(t("config.listening_campaign_twice", slug=twice[0]))
        return value

    def track_for(self, slug: str) -> list[TrackEntry]:
        """What config.toml adds for one campaign."""
        return next((entry.entries() for entry in self.campaigns if entry.campaign == slug), [])
