"""Warteschlange: one local day or week of posts in the campaign's zone, with approve,
request changes, comment, reschedule, cancel, duplicate, filters (also "wartet auf meine
Freigabe"), each post's author and approvals, its deliveries with their last error, its
comments and its audit trail. Every change is made as the configured person.

The period and every filter go into the SQL query, so stepping through a busy campaign
reads one day's or week's rows, never the whole queue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from sqlalchemy.orm import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from campaign import approvals, people
from campaign.models import PostState
from campaign.services import dashboard, posts, queue
from campaign.services.queue import QueueRow, TrailEntry
from campaign.state_words import delivery_state, post_state
from campaign.times import parse_local, shown
from campaign.tui.changes import PLATFORM_OPTIONS, next_option
from campaign.tui.data_text import data_lines, data_text
from campaign.tui.period import Period
from campaign.tui.screens.base import DataScreen
from campaign.tui.screens.prompt import ConfirmScreen, PromptScreen
from campaign.tui.widgets.live_table import Heading, LiveTable, Row
from campaign.tui.widgets.poll_bars import PollBars
from words import t

PAGE = 200
STEPS = Binding.Group("key.earlier_later")
"""h and l share one place in the footer: a step back or forward in time."""
STATES = (None, PostState.DRAFT, PostState.APPROVED, PostState.CANCELLED)


@dataclass(frozen=True)
class QueueFilter:
    """The period shown and the filters; None means "any"."""

    period: Period
    state: str | None = None
    campaign_slug: str | None = None
    platform: str | None = None
    awaiting_me: bool = False
    """Only drafts that wait for the configured person's approval."""


COMMENT_KINDS = ("post.comment", "post.changes_requested")


@dataclass(frozen=True)
class QueueData:
    rows: list[QueueRow]
    campaign_slugs: list[str]


class QueueScreen(DataScreen):
    """Select a row with j/k, act on it with one key."""

    SUB_TITLE = "screen.queue"  # a catalogue key, worded when the screen is made

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "approve", "key.approve"),
        Binding("r", "request_changes", "key.request_changes"),
        Binding("n", "comment", "key.comment", show=False),
        Binding("g", "toggle_mine", "key.filter_mine", show=False),
        Binding("e", "reschedule", "key.reschedule"),
        Binding("x", "cancel_post", "key.cancel", show=False),
        Binding("u", "restore_post", "key.restore", show=False),  # named when cancelling
        Binding("d", "duplicate", "key.duplicate", show=False),
        Binding("R", "retry", "key.retry", show=False),
        Binding("s", "cycle_state", "key.filter_state", show=False),
        Binding("c", "cycle_campaign", "key.filter_campaign", show=False),
        Binding("f", "cycle_platform", "key.filter_platform", show=False),
        Binding("h", "step(-1)", "key.earlier", group=STEPS),
        Binding("l", "step(1)", "key.later", group=STEPS),
        Binding("t", "today", "key.today", show=False),
        Binding("w", "toggle_week", "key.day_week"),
        Binding("m", "more", "key.more", show=False),
    ]

    class TrailLoaded(Message):
        """A post's audit trail was read: its events, oldest first."""

        def __init__(self, post_id: int, trail: list[TrailEntry]) -> None:
            super().__init__()
            self.post_id = post_id
            self.trail = trail

    def __init__(self) -> None:
        super().__init__()
        self.trail: tuple[int, list[TrailEntry]] | None = None
        self.filter = QueueFilter(self._today(weekly=False))
        self.limit = PAGE
        self.data = QueueData([], [])
        self._name_period()

    def compose_body(self) -> ComposeResult:
        yield Static(id="filters", classes="filters")
        yield LiveTable(
            [
                Heading(t("col.when"), whole=True),
                t("col.campaign"),
                t("col.key"),
                t("col.status"),
                t("col.post_author"),
                t("col.approvals"),
                t("col.deliveries"),
                t("col.text"),
            ],
            id="queue-table",
        )
        yield Static(id="post-detail", classes="detail")
        poll = PollBars(id="post-poll", classes="poll-bars")
        poll.display = False  # shown for a post with a poll only
        yield poll
        yield Static(id="post-trail", classes="trail")

    def _today(self, *, weekly: bool) -> Period:
        return Period.today(self.now(), self.leuchtturm.settings.zone, weekly=weekly)

    def load(self, session: Session) -> QueueData:
        start, end = self.filter.period.bounds(self.leuchtturm.settings.zone)
        rows = queue.queue_rows(
            session,
            campaign_slug=self.filter.campaign_slug,
            state=self.filter.state,
            platform=self.filter.platform,
            scheduled_from=start,
            scheduled_to=end,
            limit=self.limit,
            awaiting=self.leuchtturm.person if self.filter.awaiting_me else None,
        )
        return QueueData(rows, dashboard.campaign_slugs(session))

    def show(self, data: QueueData) -> None:
        self.data = data
        any_ = t("any")
        self.query_one("#filters", Static).update(
            data_text(
                t(
                    "filters",
                    state=post_state(self.filter.state) if self.filter.state else any_,
                    campaign=self.filter.campaign_slug or any_,
                    platform=self.filter.platform or any_,
                    mine=t("queue.mine", name=self.leuchtturm.person.display_name)
                    if self.filter.awaiting_me
                    else "",
                )
            )
        )
        self.query_one(LiveTable).show_rows([self._row(row) for row in data.rows])
        self._show_detail()

    def _row(self, post: QueueRow) -> Row:
        states: dict[str, int] = {}
        for delivery in post.deliveries:
            states[delivery.state] = states.get(delivery.state, 0) + 1
        summary = ", ".join(
            f"{count} {delivery_state(state)}" for state, count in sorted(states.items())
        )
        excerpt = data_text(post.text, limit=60)
        cells = (
            post.when,
            post.campaign_slug,
            post.key,
            post_state(post.state),
            Text(people.shown(post.author, self.leuchtturm.settings)),
            Text(_approvals(post)),
            summary or "–",
            excerpt,
        )
        return str(post.id), cells

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        post = self._selected()
        lines = [] if self.data.rows else [t("queue.empty")]
        if post is not None:
            for delivery in post.deliveries:
                error = f" – {delivery.reason}" if delivery.reason else ""
                lines.append(f"{delivery.account}: {delivery_state(delivery.state)}{error}")
            lines.append(f"{post.key}: {post.text}")  # the table may show their start only
            self.load_trail(post.id)
        self.query_one("#post-detail", Static).update(data_lines("\n".join(lines)))
        self._show_poll(post)
        self._show_trail()

    def _show_poll(self, post: QueueRow | None) -> None:
        """The selected post's poll, bars per platform; hidden for a post without one."""
        pane = self.query_one("#post-poll", PollBars)
        pane.display = post is not None and post.has_poll
        if post is not None and post.has_poll:
            pane.show_tallies(list(post.polls), self.now(), t("poll.not_read"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="trail")
    def load_trail(self, post_id: int) -> None:
        with self.leuchtturm.database.session() as session:
            trail = queue.trail(session, post_id)
        if not get_current_worker().is_cancelled:
            self.post_message(self.TrailLoaded(post_id, trail))

    def on_queue_screen_trail_loaded(self, message: TrailLoaded) -> None:
        self.trail = (message.post_id, message.trail)
        self._show_trail()

    def _show_trail(self) -> None:
        """Comments with person and time, then every event with what changed (as data:
        names and texts are never read as markup)."""
        post = self._selected()
        pane = self.query_one("#post-trail", Static)
        if post is None or self.trail is None or self.trail[0] != post.id:
            pane.update(Text(""))
            return
        settings = self.leuchtturm.settings
        trail = self.trail[1]
        lines = [t("queue.comments") + ":"]
        for event in trail:
            if event.kind in COMMENT_KINDS:
                who = people.shown(event.person, settings)
                lines.append(f"  {shown(event.at, post.zone)}  {who}: {event.message}")
        lines.append(t("queue.trail") + ":")
        for event in trail:
            who = people.shown(event.person, settings)
            lines.append(f"  {shown(event.at, post.zone)}  {who}: {event.message}")
            lines += [f"      {line}" for line in event.diff.splitlines()]
        pane.update(data_lines("\n".join(lines)))

    def _selected(self) -> QueueRow | None:
        key = self.query_one(LiveTable).selected_key
        return next((row for row in self.data.rows if str(row.id) == key), None)

    def action_approve(self) -> None:
        post = self._selected()
        if post is None:
            return

        person = self.leuchtturm.person

        def approve(session: Session) -> str:
            chosen = posts.get_post(session, post.id)
            posts.approve(session, chosen, now=self.now(), person=person)
            if chosen.state == PostState.APPROVED:
                return t("queue.approved", key=post.key)
            tally = approvals.tally(chosen)
            return t(
                "queue.approval_given", key=post.key, given=tally.given, required=tally.required
            )

        self.write(approve)

    def action_request_changes(self) -> None:
        post = self._selected()
        if post is None:
            return
        person = self.leuchtturm.person
        author = people.shown(post.author, self.leuchtturm.settings)

        def send_back(session: Session, text: str) -> str:
            posts.request_changes(session, posts.get_post(session, post.id), person, text)
            return t("queue.sent_back", key=post.key, author=author)

        self._ask_then(t("queue.request_prompt", key=post.key), send_back)

    def action_comment(self) -> None:
        post = self._selected()
        if post is None:
            return
        person = self.leuchtturm.person

        def note(session: Session, text: str) -> str:
            approvals.comment(session, posts.get_post(session, post.id), person, text)
            return t("queue.commented", key=post.key)

        self._ask_then(t("queue.comment_prompt", key=post.key), note)

    def _ask_then(self, question: str, change: Callable[[Session, str], str]) -> None:
        """Ask for a text; a non-empty answer is written with `change` (Escape: nothing)."""

        def answered(text: str | None) -> None:
            if text:
                self.write(lambda session: change(session, text))

        self.app.push_screen(PromptScreen(question), answered)

    def action_toggle_mine(self) -> None:
        self._filter(replace(self.filter, awaiting_me=not self.filter.awaiting_me))

    def action_cancel_post(self) -> None:
        """Cancel after a yes: its deliveries are withdrawn; `u` brings it back."""
        post = self._selected()
        if post is None:
            return

        person = self.leuchtturm.person.name

        def cancel(session: Session) -> str:
            posts.cancel(session, posts.get_post(session, post.id), person=person)
            return t("queue.cancelled", key=post.key)

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(cancel)

        self.app.push_screen(ConfirmScreen(t("queue.cancel_prompt", key=post.key)), answered)

    def action_restore_post(self) -> None:
        """Undo a cancel: the post comes back as a draft and needs approving again."""
        post = self._selected()
        if post is None:
            return
        person = self.leuchtturm.person.name

        def restore(session: Session) -> str:
            posts.restore(session, posts.get_post(session, post.id), person=person)
            return t("queue.restored", key=post.key)

        self.write(restore)

    def action_retry(self) -> None:
        post = self._selected()
        if post is None:
            return
        zone = post.zone
        person = self.leuchtturm.person.name

        def retry(session: Session) -> str:
            outcome = posts.retry(
                session, posts.get_post(session, post.id), self.now(), person=person
            )
            return posts.describe_retry(post.id, outcome, lambda moment: shown(moment, zone))

        self.write(retry)

    def action_duplicate(self) -> None:
        """A draft copy of the post's whole thread, keyed by the copy's time."""
        post = self._selected()
        if post is None:
            return
        person = self.leuchtturm.person
        limits = self.leuchtturm.limits()

        def duplicate(session: Session) -> str:
            chosen = posts.get_post(session, post.id)
            copies = posts.duplicate(session, chosen, limits, self.now(), person=person)
            return t("queue.duplicated", key=copies[0].key)

        self.write(duplicate)

    def action_reschedule(self) -> None:
        post = self._selected()
        if post is None:
            return
        zone = post.zone  # the post's time is read in its campaign's zone, as it is shown
        person = self.leuchtturm.person.name
        question = t("queue.reschedule_prompt", zone=zone.key)

        def answered(text: str | None) -> None:
            if not text:
                return

            def move(session: Session) -> str:
                when = parse_local(text, zone)
                chosen = posts.get_post(session, post.id)
                posts.reschedule(session, chosen, when, now=self.now(), person=person)
                return t("queue.rescheduled", key=post.key, when=shown(when, zone))

            self.write(move)

        self.app.push_screen(PromptScreen(question, post.when), answered)

    def action_cycle_state(self) -> None:
        self._filter(replace(self.filter, state=next_option(STATES, self.filter.state)))

    def action_cycle_campaign(self) -> None:
        options = (None, *self.data.campaign_slugs)
        self._filter(
            replace(self.filter, campaign_slug=next_option(options, self.filter.campaign_slug))
        )

    def action_cycle_platform(self) -> None:
        self._filter(
            replace(self.filter, platform=next_option(PLATFORM_OPTIONS, self.filter.platform))
        )

    def action_step(self, steps: int) -> None:
        self._filter(replace(self.filter, period=self.filter.period.stepped(steps)))

    def action_today(self) -> None:
        self._filter(replace(self.filter, period=self._today(weekly=self.filter.period.weekly)))

    def action_toggle_week(self) -> None:
        self._filter(replace(self.filter, period=self.filter.period.toggled()))

    def _filter(self, queue_filter: QueueFilter) -> None:
        """Show the first page of the new selection; the period names it in the header."""
        self.filter = queue_filter
        self.limit = PAGE
        self._name_period()
        self.reload()

    def _name_period(self) -> None:
        self.sub_title = f"{t('screen.queue')} · {self.filter.period.label()}"

    def action_more(self) -> None:
        self.limit += PAGE
        self.reload()


def _approvals(post: QueueRow) -> str:
    """ "1/2" (the column says what is counted), or "Änderung erbeten" for a post sent back
    to its author."""
    tally = post.tally
    if tally.changes_requested and not tally.complete:
        return t("queue.changes_requested")
    return t("queue.tally", given=tally.given, required=tally.required)
