"""Antworten: replies across platforms, newest first, coloured by sentiment.

Filters cycle with one key each; a person's label overrides the model's with one key
and is stored beside it. Pages are keyset queries, so a million replies stay fast: the
table holds only what has been scrolled to, and `m` (or reaching the end) loads more.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from sqlalchemy.orm import Session
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from campaign.models import PostState
from campaign.services import dashboard, inbox
from campaign.services.inbox import KINDS, LABELS, ReplyFilter, ReplyRow
from campaign.times import shown
from campaign.tui.changes import PLATFORM_OPTIONS, next_option
from campaign.tui.data_text import data_lines, data_text
from campaign.tui.screens.answer import AnswerScreen
from campaign.tui.screens.base import DataScreen
from campaign.tui.widgets.live_table import Heading, LiveTable, Row
from content.platforms import Platform
from words import t

PAGE = 100
LABELLING = Binding.Group("key.set_label")
"""+ = - share one place in the footer: a person's label for the reply."""
LABEL_STYLES = {"positive": "green", "neutral": "yellow", "negative": "bold red"}


@dataclass(frozen=True)
class InboxData:
    replies: list[ReplyRow]
    campaign_slugs: list[str]


def label_cell(row: ReplyRow) -> Text:
    """ "negative 0.91" in red; a person's label is marked with a ✎."""
    if row.label is None:
        return Text("–")
    score = "" if row.score is None or row.human_labelled else f" {row.score:.2f}"
    mark = " ✎" if row.human_labelled else ""
    name = t(f"label.{row.label}") if row.label in LABELS else row.label
    return data_text(f"{name}{score}{mark}", style=LABEL_STYLES.get(row.label, ""))


class InboxScreen(DataScreen):
    """+ = - set a label, Backspace clears it, a answers, o opens the reply."""

    SUB_TITLE = "screen.inbox"  # a catalogue key, worded when the screen is made

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "cycle_label", "key.filter_label", show=False),
        Binding("c", "cycle_campaign", "key.filter_campaign", show=False),
        Binding("f", "cycle_platform", "key.filter_platform", show=False),
        Binding("u", "toggle_questions", "key.filter_questions"),
        Binding("e", "cycle_kind", "key.filter_kind", show=False),
        Binding("plus", "label('positive')", "key.label_positive", group=LABELLING),
        Binding("equals_sign", "label('neutral')", "key.label_neutral", group=LABELLING),
        Binding("minus", "label('negative')", "key.label_negative", group=LABELLING),
        Binding("backspace", "label('')", "key.label_clear", show=False),
        Binding("a", "answer", "key.answer"),
        Binding("o", "open_url", "key.open_url"),
        Binding("m", "more", "key.more", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = ReplyFilter()
        self.limit = PAGE
        self.data = InboxData([], [])

    def compose_body(self) -> ComposeResult:
        yield Static(id="filters", classes="filters")
        yield LiveTable(
            [
                Heading(t("col.when"), whole=True),
                t("col.platform"),
                t("col.from"),
                t("col.label"),
                t("col.text"),
            ],
            id="inbox-table",
        )
        yield Static(id="reply-detail", classes="detail")

    def load(self, session: Session) -> InboxData:
        rows = inbox.page_replies(session, self.filter, limit=self.limit)
        slugs = dashboard.campaign_slugs(session)
        return InboxData(rows, slugs)

    def show(self, data: InboxData) -> None:
        self.data = data
        any_ = t("any")
        self.query_one("#filters", Static).update(
            data_text(
                t(
                    "inbox.filters",
                    label=t(f"label.{self.filter.label}") if self.filter.label else any_,
                    campaign=self.filter.campaign_slug or any_,
                    platform=self.filter.platform or any_,
                    questions=t("inbox.questions") if self.filter.unanswered_questions else "",
                )
                + (
                    t("inbox.filters_kind", kind=t(f"kind.{self.filter.kind}"))
                    if self.filter.kind
                    else ""
                )
            )
        )
        self.query_one(LiveTable).show_rows([self._row(reply) for reply in data.replies])
        self._show_detail()

    def _row(self, reply: ReplyRow) -> Row:
        question = "? " if reply.is_question and not reply.answered else ""
        source = "" if reply.kind == "reply" else f" · {t(f'kind.{reply.kind}')}"
        cells = (
            shown(reply.created_at, self.leuchtturm.settings.zone),
            reply.platform + source,
            reply.author_handle,
            label_cell(reply),
            data_text(question + reply.text, limit=80),
        )
        return str(reply.id), cells

    def _selected(self) -> ReplyRow | None:
        key = self.query_one(LiveTable).selected_key
        return next((row for row in self.data.replies if str(row.id) == key), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        if event.cursor_row >= len(self.data.replies) - 1 and len(self.data.replies) >= self.limit:
            self.action_more()

    def _show_detail(self) -> None:
        reply = self._selected()
        detail = "" if reply is None else f"{reply.author_handle}: {reply.text}\n{reply.url}"
        if reply is not None and reply.query:
            detail += "\n" + t("inbox.found_by", query=reply.query)
        self.query_one("#reply-detail", Static).update(data_lines(detail))

    def action_cycle_label(self) -> None:
        self._filter(replace(self.filter, label=next_option((None, *LABELS), self.filter.label)))

    def action_cycle_campaign(self) -> None:
        options = (None, *self.data.campaign_slugs)
        self._filter(
            replace(self.filter, campaign_slug=next_option(options, self.filter.campaign_slug))
        )

    def action_cycle_platform(self) -> None:
        self._filter(
            replace(self.filter, platform=next_option(PLATFORM_OPTIONS, self.filter.platform))
        )

    def action_cycle_kind(self) -> None:
        self._filter(replace(self.filter, kind=next_option((None, *KINDS), self.filter.kind)))

    def action_toggle_questions(self) -> None:
        questions = not self.filter.unanswered_questions
        self._filter(replace(self.filter, unanswered_questions=questions))

    def _filter(self, reply_filter: ReplyFilter) -> None:
        self.filter = reply_filter
        self.limit = PAGE
        self.reload()

    def action_more(self) -> None:
        self.limit += PAGE
        self.reload()

    def action_label(self, label: str) -> None:
        reply = self._selected()
        if reply is None:
            return

        person = self.leuchtturm.person.name

        def set_label(session: Session) -> str:
            inbox.set_human_label(session, reply.id, label or None, person=person)
            return t("inbox.labelled", id=reply.id, label=t(f"label.{label}") if label else "–")

        self.write(set_label)

    def action_open_url(self) -> None:
        reply = self._selected()
        # The address comes from outside: only a web page is opened, never a file or script.
        if reply is None or not reply.url.lower().startswith(("https://", "http://")):
            self.notify(t("inbox.no_url"), severity="warning")
            return
        self.app.open_url(reply.url)

    def action_answer(self) -> None:
        reply = self._selected()
        if reply is None:
            return
        limits = self.leuchtturm.limits()
        person = self.leuchtturm.person

        def send(text: str | None) -> None:
            if not text:
                return

            def answer(session: Session) -> str:
                post = inbox.answer_reply(
                    session, reply.id, text, limits, now=self.now(), person=person
                )
                if post.state == PostState.DRAFT:
                    return t("inbox.answer_waiting", id=reply.id)
                return t("inbox.answered", id=reply.id)

            self.write(answer)

        platform, limit = Platform(reply.platform), limits.get(reply.account_name)
        screen = AnswerScreen(reply.author_handle, reply.text, platform, limit)
        self.app.push_screen(screen, send)
