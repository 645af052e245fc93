"""A live length counter for one platform, using the exact rules of `content/`."""

from __future__ import annotations

from textual.widgets import Static

from campaign.tui.data_text import data_text
from content.check import CheckResult
from content.platforms import DISPLAY_NAMES
from words import t


class PlatformCounter(Static):
    """Shows "X: 290/280 – 10 zu viel" in red when the text does not fit.

    Other broken rules (an empty post, an image without alt text) are marked apart, so red
    always means "too long".
    """

    def show_result(self, result: CheckResult) -> None:
        name = DISPLAY_NAMES[result.platform]
        over = result.length - result.limit
        self.set_class(over > 0, "-over")
        self.set_class(over <= 0 and not result.ok, "-invalid")
        if over > 0:
            self.update(
                data_text(
                    t(
                        "counter.over",
                        platform=name,
                        length=result.length,
                        limit=result.limit,
                        over=over,
                    )
                )
            )
        else:
            counted = t("counter.ok", platform=name, length=result.length, limit=result.limit)
            self.update(data_text(counted))
