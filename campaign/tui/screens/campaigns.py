"""Kampagnen: every campaign with its counts; p pauses, r resumes the selected one."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy.orm import Session
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from campaign.services import campaigns, polls
from campaign.services.campaigns import CampaignSummary
from campaign.services.polls import PollTally
from campaign.tui.changes import pausing, resuming
from campaign.tui.screens.base import DataScreen
from campaign.tui.widgets.live_table import Heading, LiveTable
from campaign.tui.widgets.poll_bars import PollBars
from words import t


class CampaignsScreen(DataScreen):
    SUB_TITLE = "screen.campaigns"  # a catalogue key, worded when the screen is made

    refresh_seconds: ClassVar[float] = 10.0
    """Counting a million replies walks an index (about 0.15 s); counts change slowly anyway."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "pause", "key.pause"),
        Binding("r", "resume", "key.resume"),
    ]

    def compose_body(self) -> ComposeResult:
        yield LiveTable(
            [
                Heading(t("col.campaign"), whole=True),  # the slug the CLI takes
                t("col.name"),
                t("col.zone"),
                t("col.paused"),
                t("col.posts"),
                t("col.delivered"),
                t("col.replies"),
            ],
            fill=1,  # the campaign's name
            id="campaigns-table",
        )
        yield Static(t("poll.running_title"), classes="filters")
        yield PollBars(id="campaign-polls", classes="poll-bars")

    def load(self, session: Session) -> tuple[list[CampaignSummary], list[PollTally]]:
        now = self.now()
        running = [tally for tally in polls.latest(session) if tally.running(now)]
        return campaigns.summaries(session), running

    def show(self, data: tuple[list[CampaignSummary], list[PollTally]]) -> None:
        summaries, running = data
        self.query_one("#campaign-polls", PollBars).show_tallies(
            running, self.now(), t("poll.none_running")
        )
        self.query_one(LiveTable).show_rows(
            [
                (
                    c.slug,
                    (
                        c.slug,
                        c.name,
                        c.time_zone,
                        t("yes") if c.paused else t("no"),
                        str(c.posts),
                        str(c.delivered),
                        str(c.replies),
                    ),
                )
                for c in summaries
            ]
        )

    def action_pause(self) -> None:
        slug = self.query_one(LiveTable).selected_key
        if slug is not None:
            reason = t("paused.reason", message=t("screen.campaigns"))
            self.write(pausing(slug, reason, self.leuchtturm.person.name))

    def action_resume(self) -> None:
        slug = self.query_one(LiveTable).selected_key
        if slug is not None:
            self.write(resuming(slug, self.leuchtturm.person.name))
