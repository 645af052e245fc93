"""Verfassen: base text and per-platform variants with live counters that use `content/`.

A counter turns red with "N zu viel" the moment a variant stops fitting, and saving is
refused while any counter is red, so a post that a platform would reject never reaches
the queue. The services check again on save; the screen only checks earlier.

A text too long for a platform can be saved as a thread instead: a chain of posts written
the way a plan's thread is imported, so the queue and the daemon treat both alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from campaign.errors import UserError
from campaign.models import Account
from campaign.services import accounts, campaigns, dashboard, poll_draft, posts, threads
from campaign.services.draft_input import chosen_media
from campaign.services.posts import PostDraft
from campaign.state_words import post_state
from campaign.times import parse_local, shown
from campaign.tui.data_text import data_lines, data_text
from campaign.tui.screens.base import DataScreen
from campaign.tui.widgets.platform_counter import PlatformCounter
from campaign.tui.widgets.text_editor import TextEditor
from content import field_limits as limits
from content.check import CheckResult, MediaSpec, check_text
from content.platforms import DISPLAY_NAMES, Platform, text_limit
from content.polls import PollSpec
from content.thread import ThreadSplitError, split_thread
from words import language, t


@dataclass(frozen=True)
class ComposeChoices:
    """What the form offers: campaigns and accounts (name, platform)."""

    campaign_slugs: list[str]
    accounts: list[tuple[str, str]]
    zones: dict[str, ZoneInfo] = field(default_factory=dict)
    """Each campaign's zone: the post's time is typed in the chosen campaign's."""


class ComposeScreen(DataScreen):
    """Tab moves between fields; Ctrl+S saves a draft, Ctrl+G saves it approved;
    Ctrl+T and Ctrl+R do the same as a thread; Ctrl+N starts a new post.

    Escape leaves the field, so that 1–7 switch screens again instead of being typed.
    A saved post leaves an empty form for the next one; a half-written one stays as it is
    while other screens are shown (modes keep their screen), so no work is lost.
    """

    SUB_TITLE = "screen.compose"  # a catalogue key, worded when the screen is made

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save(False)", "key.save_draft", priority=True),
        Binding("ctrl+g", "save(True)", "key.save_approved", priority=True),
        # The thread preview names ctrl+t and ctrl+r when a text is too long for one post.
        Binding("ctrl+t", "save_thread(False)", "key.save_thread", priority=True, show=False),
        Binding(
            "ctrl+r", "save_thread(True)", "key.save_thread_approved", priority=True, show=False
        ),
        Binding("ctrl+n", "new_post", "key.new_post", priority=True),
        Binding("escape", "leave_field", "key.leave_field", priority=True, show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choices = ComposeChoices([], [])

    def compose_body(self) -> ComposeResult:
        zone = self.leuchtturm.settings.zone
        with Horizontal(id="compose"):
            with Vertical(id="compose-form"):
                yield Label(t("compose.campaign"))
                yield Select[str]([], id="campaign", allow_blank=True)
                yield Label(t("compose.key"))
                yield Input(id="key", max_length=limits.PLAN_POST_KEY)
                yield Label(t("compose.when", zone=zone.key), id="when-label")
                yield Input(self._next_hour(zone), id="when")
                yield Label(t("compose.accounts"))
                yield SelectionList[str](id="accounts")
                yield Label(t("compose.media"))
                yield Input(id="media-path")
                yield Label(t("compose.alt"))
                yield Input(id="media-alt")
            with Vertical(id="compose-texts"):
                # Above the texts, one line each: notifications appear at the bottom right,
                # and "Mastodon: 510/500 – 10 zu viel" needs more than a third of the row.
                with Vertical(id="counters"):
                    for platform in Platform:
                        yield PlatformCounter(id=f"counter-{platform.value}", classes="counter")
                with TabbedContent(id="texts"):
                    with TabPane(t("compose.base"), id="tab-base"):
                        yield TextEditor(id="base", soft_wrap=True)
                    for platform in Platform:
                        name = DISPLAY_NAMES[platform]
                        with TabPane(name, id=f"tab-{platform.value}"):
                            yield Label(t("compose.variant", platform=name))
                            yield TextEditor(id=f"variant-{platform.value}", soft_wrap=True)
                            if platform is Platform.MASTODON:
                                yield Label(t("compose.spoiler"))
                                yield Input(id="spoiler")
                    with TabPane(t("compose.poll"), id="tab-poll"):
                        yield Label(t("compose.poll_options"))
                        yield TextEditor(id="poll-options")
                        with Horizontal(id="poll-settings"):
                            yield Label(t("compose.poll_hours"))
                            yield Input(id="poll-hours", type="number")
                            yield Checkbox(t("compose.poll_multiple"), id="poll-multiple")
                        yield Label(t("compose.survey_url"))
                        yield Input(id="survey-url")
                yield Static(id="thread-preview")

    def _next_hour(self, zone: ZoneInfo) -> str:
        """A new post's time: the next full hour, in the campaign's zone."""
        start = (self.now() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        return shown(start, zone)

    def action_leave_field(self) -> None:
        self.set_focus(None)

    def action_new_post(self) -> None:
        """An empty form: texts, variants, content warning, media, poll and time reset, every
        account ticked again (the campaign stays chosen); the key field has the focus."""
        for area in self.query(TextArea):
            area.clear()
        for box in self.query(Input):
            box.value = ""
        self.query_one("#when", Input).value = self._next_hour(self._zone())
        self.query_one("#poll-multiple", Checkbox).value = False
        self.query_one("#accounts", SelectionList).select_all()
        self.query_one("#texts", TabbedContent).active = "tab-base"
        self.query_one("#key", Input).focus()
        self.recount()

    def load(self, session: Session) -> ComposeChoices:
        zones = dashboard.campaign_zones(session)
        known: list[Account] = accounts.list_accounts(session)
        return ComposeChoices(
            list(zones), [(account.name, account.platform) for account in known], zones
        )

    def show(self, data: ComposeChoices) -> None:
        if data == self.choices:
            return
        first = not self.choices.accounts
        self.choices = data
        select = self.query_one("#campaign", Select)
        select.set_options((data_text(slug), slug) for slug in data.campaign_slugs)
        if len(data.campaign_slugs) == 1:
            select.value = data.campaign_slugs[0]
        # A new post goes to every account, as the campaign plans do; a person unticks.
        chosen = [name for name, _ in data.accounts] if first else self._selected_accounts()
        selection = self.query_one("#accounts", SelectionList)
        selection.clear_options()
        selection.add_options(
            (data_text(f"{name} ({platform})"), name, name in chosen)
            for name, platform in data.accounts
        )
        self.recount()

    def on_select_changed(self, _: Select.Changed) -> None:
        self.query_one("#when-label", Label).update(t("compose.when", zone=self._zone().key))

    def _zone(self) -> ZoneInfo:
        """The chosen campaign's zone (the configured one while none is chosen)."""
        slug = self.query_one("#campaign", Select).value
        return self.choices.zones.get(str(slug), self.leuchtturm.settings.zone)

    def _selected_accounts(self) -> list[str]:
        return list(self.query_one("#accounts", SelectionList).selected)

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        self.recount()

    def on_input_changed(self, _: Input.Changed) -> None:
        self.recount()

    def on_selection_list_selected_changed(self, _: SelectionList.SelectedChanged) -> None:
        self.recount()

    def _platform_limits(self) -> dict[Platform, int]:
        """The platforms the chosen accounts are on, each with its tightest text limit.

        With no account chosen yet, all three platforms are counted at their defaults.
        """
        chosen = set(self._selected_accounts())
        overrides = self.leuchtturm.limits()
        found: dict[Platform, int] = {}
        for name, platform_value in self.choices.accounts:
            if chosen and name not in chosen:
                continue
            platform = Platform(platform_value)
            limit = text_limit(platform, overrides.get(name))
            found[platform] = min(limit, found.get(platform, limit))
        return found or {platform: text_limit(platform) for platform in Platform}

    def _text_for(self, platform: Platform) -> str:
        variant = self.query_one(f"#variant-{platform.value}", TextArea).text
        return variant if variant.strip() else self.query_one("#base", TextArea).text

    def _spoiler_text(self) -> str:
        """Mastodon's content warning, as Mastodon stores it (stripped)."""
        return self.query_one("#spoiler", Input).value.strip()

    def _media(self) -> list[MediaSpec]:
        path = self.query_one("#media-path", Input).value.strip()
        alt = self.query_one("#media-alt", Input).value
        return [MediaSpec(path=path, alt_text=alt)] if path else []

    def checks(self) -> list[CheckResult]:
        """Every counted platform's check of its text, with the exact rules of `content/`."""
        media, spoiler_text = self._media(), self._spoiler_text()
        return [
            check_text(
                platform, self._text_for(platform), limit=limit, media=media,
                spoiler_text=spoiler_text,
            )
            for platform, limit in self._platform_limits().items()
        ]

    def recount(self) -> None:
        results = {result.platform: result for result in self.checks()}
        for platform in Platform:
            counter = self.query_one(f"#counter-{platform.value}", PlatformCounter)
            counter.display = platform in results
            if platform in results:
                counter.show_result(results[platform])
        self._preview_thread(results)

    def _preview_thread(self, results: dict[Platform, CheckResult]) -> None:
        too_long = [r for r in results.values() if r.length > r.limit]
        preview = self.query_one("#thread-preview", Static)
        if not too_long:
            preview.update("")
            return
        tightest = min(too_long, key=lambda result: result.limit)
        try:
            parts = split_thread(
                tightest.platform, self._text_for(tightest.platform), limit=tightest.limit,
                spoiler_text=self._spoiler_for(tightest.platform),
            )
        except ThreadSplitError as error:
            preview.update(data_lines(str(error)))
            return
        name = DISPLAY_NAMES[tightest.platform]
        heading = t("compose.thread", platform=name, parts=len(parts)) + t("compose.thread_keys")
        preview.update(data_lines("\n".join([heading, *(f"  {part}" for part in parts)])))

    def action_save(self, approved: bool) -> None:
        problems = [v.text(language()) for r in self.checks() for v in r.violations]
        try:
            draft = self._draft(approved)
        except UserError as error:
            problems.append(str(error))
        if problems:
            self.notify(
                t("compose.refused", problems=" ".join(problems)), severity="error", timeout=10
            )
            return
        slug = str(self.query_one("#campaign", Select).value)
        limits = self.leuchtturm.limits()
        person = self.leuchtturm.person
        settings = self.leuchtturm.settings
        survey_url = self._survey_url()

        def save(session: Session) -> str:
            campaign = campaigns.by_slug(session, slug)
            polled = poll_draft.with_poll(session, settings, draft, draft.poll, survey_url)
            post = posts.add_post(
                session, campaign, polled, limits, now=self.now(), person=person
            )
            return t("compose.saved", key=post.key, state=post_state(post.state))

        self.write(save, then=self.action_new_post)

    def _draft(self, approved: bool) -> PostDraft:
        if self.query_one("#campaign", Select).value is Select.BLANK:
            raise UserError(t("compose.no_campaign"))
        key = self.query_one("#key", Input).value.strip()
        if not key:
            raise UserError(t("compose.no_key"))
        chosen = self._selected_accounts()
        if not chosen:
            raise UserError(t("compose.no_accounts"))
        when = parse_local(self.query_one("#when", Input).value, self._zone())
        variants = {
            platform.value: text
            for platform in Platform
            if (text := self.query_one(f"#variant-{platform.value}", TextArea).text).strip()
        }
        folders = self.leuchtturm.settings.media_folders()
        media = [(chosen_media(item.path, folders), item.alt_text) for item in self._media()]
        return PostDraft(
            key=key,
            text=self.query_one("#base", TextArea).text,
            scheduled_at=when,
            accounts=chosen,
            variants=variants,
            media=media,
            approved=approved,
            spoiler_text=self._spoiler_text(),
            poll=self._poll(),
        )

    def _survey_url(self) -> str:
        return self.query_one("#survey-url", Input).value.strip()

    def _poll(self) -> PollSpec | None:
        """The poll as typed on its tab: one option per line; None without options."""
        options = self.query_one("#poll-options", TextArea).text.splitlines()
        hours_text = self.query_one("#poll-hours", Input).value.strip()
        try:
            hours = float(hours_text) if hours_text else None
        except ValueError:
            raise UserError(t("compose.poll_bad_hours", value=hours_text)) from None
        multiple = self.query_one("#poll-multiple", Checkbox).value
        return poll_draft.poll_spec(options, hours, multiple)

    def action_save_thread(self, approved: bool) -> None:
        """Save the text as a thread: the service splits it per target account."""
        try:
            draft = self._draft(approved)
        except UserError as error:
            self.notify(t("compose.refused", problems=str(error)), severity="error", timeout=10)
            return
        slug = str(self.query_one("#campaign", Select).value)
        limits = self.leuchtturm.limits()
        now = self.now()
        person = self.leuchtturm.person
        settings = self.leuchtturm.settings
        survey_url = self._survey_url()

        def save(session: Session) -> str:
            saved = threads.save_thread(
                session, settings, slug, draft, limits,
                survey_url=survey_url, now=now, person=person,
            )
            state = t(f"state.{saved.state}")
            return t("compose.thread_saved", key=saved.key, parts=saved.length, state=state)

        self.write(save, then=self.action_new_post)

    def _spoiler_for(self, platform: Platform) -> str:
        """The content warning where it counts: on Mastodon only."""
        return self._spoiler_text() if platform is Platform.MASTODON else ""

