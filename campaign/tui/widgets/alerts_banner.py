"""The alerts banner every screen shows: broken accounts, open alerts, missed posts."""

from __future__ import annotations

from textual.widgets import Static

from campaign.services.dashboard import Alert
from campaign.tui.data_text import data_lines
from words import t


class AlertsBanner(Static):
    """Hidden while all is well; one line per alert otherwise."""

    def show_alerts(self, alerts: list[Alert]) -> None:
        self.set_class(bool(alerts), "-active")
        self.update(data_lines("\n".join(_line(alert) for alert in alerts)))


def _line(alert: Alert) -> str:
    campaign = ""
    if alert.campaign_slug:
        paused = t("alerts.paused") if alert.campaign_paused else ""
        campaign = t("alerts.campaign", slug=alert.campaign_slug, paused=paused)
    return t("alerts.line", message=alert.message, campaign=campaign)
