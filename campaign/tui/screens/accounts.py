"""Konten: every account with its state, the reason when broken or held, when last verified."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session
from textual.app import ComposeResult

from campaign.services import accounts
from campaign.times import shown
from campaign.tui.screens.base import DataScreen
from campaign.tui.widgets.live_table import Heading, LiveTable
from words import t


@dataclass(frozen=True)
class AccountLine:
    name: str
    platform: str
    handle: str
    state: str
    reason: str
    followers: str
    verified: str


class AccountsScreen(DataScreen):
    SUB_TITLE = "screen.accounts"  # a catalogue key, worded when the screen is made

    def compose_body(self) -> ComposeResult:
        yield LiveTable(
            [
                t("col.name"),
                t("col.platform"),
                t("col.handle"),
                t("col.status"),
                t("col.reason"),
                t("col.followers"),
                Heading(t("col.verified"), whole=True),
            ],
            fill=4,  # the reason
            id="accounts-table",
        )

    def load(self, session: Session) -> list[AccountLine]:
        zone, now = self.leuchtturm.settings.zone, self.now()
        return [
            AccountLine(
                a.name,
                a.platform,
                a.handle,
                t(f"account.{a.state}"),
                accounts.hold_note(a, now, zone),
                "" if a.followers is None else str(a.followers),
                shown(a.verified_at, zone) if a.verified_at else "–",
            )
            for a in accounts.list_accounts(session)
        ]

    def show(self, data: list[AccountLine]) -> None:
        self.query_one(LiveTable).show_rows(
            [
                (
                    line.name,
                    (
                        line.name,
                        line.platform,
                        line.handle,
                        line.state,
                        line.reason,
                        line.followers,
                        line.verified,
                    ),
                )
                for line in data
            ]
        )
