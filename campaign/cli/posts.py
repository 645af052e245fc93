"""`leuchtturm post`: add, list, show, approve, reschedule, cancel, restore, duplicate.

A post's times are read and shown in its campaign's zone, as the campaign plans them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from campaign import approvals, people
from campaign.cli.context import CliContext, context, print_json, say
from campaign.cli.localised import LocalisedTyper
from campaign.errors import UserError
from campaign.models import Post, PostState
from campaign.reports.week import Week
from campaign.services import campaigns, capabilities, poll_draft, posts, queue, threads
from campaign.services.draft_input import chosen_media
from campaign.state_words import delivery_state, post_state
from campaign.times import parse_local
from content.platforms import Platform
from content.polls import PollSpec
from words import t

app = LocalisedTyper(help="cli.post", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="cli.json")]
PostId = Annotated[int, typer.Argument(help="cli.post.id")]


def _when(value: str, zone: ZoneInfo) -> datetime:
    """A local time like 2024-04-29T09:30 in `zone` (the campaign's), or with an offset."""
    try:
        return parse_local(value, zone)
    except UserError as error:
        raise UserError(f"--at: {error}") from None


def _zone(post: Post) -> ZoneInfo:
    """The zone a post's times are read and shown in: its campaign's."""
    return ZoneInfo(post.campaign.time_zone)


def _period(cli: CliContext, day: str | None, week: str | None) -> tuple[datetime, datetime] | None:
    """The UTC bounds of a local day (2024-04-29) or ISO week (2024-W18), or None for all."""
    if day and week:
        raise UserError(t("cli.bad.day_and_week"))
    zone = cli.settings.zone
    if week:
        chosen = Week.parse(week, zone)
        return chosen.start, chosen.end
    if not day:
        return None
    try:
        local = date.fromisoformat(day.strip())
    except ValueError:
        raise UserError(t("cli.bad.day", value=day)) from None
    year, number, weekday = local.isocalendar()
    bounds = Week(year, number, zone).days()[weekday - 1]
    return bounds.start, bounds.end


def _platform(value: str | None) -> str | None:
    if value is None or value in set(Platform):
        return value
    known = ", ".join(platform.value for platform in Platform)
    raise UserError(t("cli.bad.platform", value=value, known=known))


def _variants(values: list[str]) -> dict[str, str]:
    variants = {}
    for value in values:
        platform, separator, text = value.partition("=")
        if not separator:
            raise UserError(t("cli.bad.variant", value=value))
        variants[platform.strip()] = text
    return variants


def _media(values: list[str], folders: list[Path]) -> list[tuple[str, str]]:
    media = []
    for value in values:
        path, separator, alt = value.partition(":")
        if not separator or not alt.strip():
            raise UserError(t("cli.bad.media", value=value))
        media.append((chosen_media(path, folders), alt))
    return media


@app.command(help="cli.post.add")
def add(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(help="cli.campaign.slug")],
    key: Annotated[str, typer.Argument(help="cli.post.add.key")],
    text: Annotated[str, typer.Argument(help="cli.post.add.text")],
    at: Annotated[str, typer.Option(help="cli.post.add.at")],
    account: Annotated[list[str], typer.Option("--account", "-a", help="cli.post.add.account")],
    variant: Annotated[list[str] | None, typer.Option(help="cli.post.add.variant")] = None,
    media: Annotated[list[str] | None, typer.Option(help="cli.post.add.media")] = None,
    approve: Annotated[bool, typer.Option(help="cli.post.add.approve")] = False,
    poll_option: Annotated[
        list[str] | None, typer.Option("--poll-option", help="cli.post.add.poll_option")
    ] = None,
    poll_hours: Annotated[
        float | None, typer.Option("--poll-hours", help="cli.post.add.poll_hours")
    ] = None,
    poll_multiple: Annotated[
        bool, typer.Option("--poll-multiple", help="cli.post.add.poll_multiple")
    ] = False,
    survey_url: Annotated[str, typer.Option("--survey-url", help="cli.post.add.survey_url")] = "",
    thread: Annotated[bool, typer.Option("--thread", help="cli.post.add.thread")] = False,
) -> None:
    """Add a post (or update the one with this key); refused whole if any rule breaks.
    With --thread, a text too long for an account is split into a thread for it."""
    cli = context(ctx)
    variants = _variants(variant or [])
    chosen_media = _media(media or [], cli.settings.media_folders())
    poll = poll_draft.poll_spec(poll_option or [], poll_hours, poll_multiple)
    person = cli.person
    with cli.database().session() as session:
        chosen = campaigns.by_slug(session, campaign)
        draft = posts.PostDraft(
            key=key,
            text=text,
            scheduled_at=_when(at, ZoneInfo(chosen.time_zone)),
            accounts=account,
            variants=variants,
            media=chosen_media,
            approved=approve,
            poll=poll,
        )
        limits = capabilities.character_limits(session, cli.settings)
        now = datetime.now(UTC)
        if thread:
            saved = threads.save_thread(
                session,
                cli.settings,
                campaign,
                draft,
                limits,
                survey_url=survey_url,
                now=now,
                person=person,
            )
            post = posts.get_post(session, saved.post_ids[0])
            say(
                t(
                    "post.thread_added",
                    key=saved.key,
                    parts=saved.length,
                    state=post_state(saved.state),
                    id=post.id,
                )
            )
        else:
            draft = poll_draft.with_poll(session, cli.settings, draft, poll, survey_url)
            post = posts.add_post(session, chosen, draft, limits, now=now, person=person)
            say(t("post.added", id=post.id, state=post_state(post.state)))
        if approve and post.state == PostState.DRAFT:
            say(_waiting(post))


@app.command("list", help="cli.post.list")
def list_posts(
    ctx: typer.Context,
    campaign: Annotated[str | None, typer.Option(help="cli.post.list.campaign")] = None,
    state: Annotated[str | None, typer.Option(help="cli.post.list.state")] = None,
    platform: Annotated[str | None, typer.Option(help="cli.post.list.platform")] = None,
    day: Annotated[str | None, typer.Option(help="cli.post.list.day")] = None,
    week: Annotated[str | None, typer.Option(help="cli.post.list.week")] = None,
    limit: Annotated[int, typer.Option(help="cli.post.list.limit")] = 200,
    as_json: JsonOption = False,
) -> None:
    """Posts by time, with their delivery states."""
    cli = context(ctx)
    period = _period(cli, day, week)
    start, end = period if period else (None, None)
    with cli.database().session() as session:
        rows = posts.list_posts(
            session,
            campaign_slug=campaign,
            state=state,
            platform=_platform(platform),
            scheduled_from=start,
            scheduled_to=end,
            limit=limit,
        )
        data = [posts.post_json(post) for post in rows]
        lines = [
            f"{p.id:>5}  {cli.local(p.scheduled_at, _zone(p))}  {post_state(p.state):<12} "
            f"{_tally(p):<16} "
            f"{' '.join(delivery_state(d.state) for d in p.deliveries) or '-':<30} "
            f"{p.campaign.slug}/{p.key}"
            for p in rows
        ]
    if as_json:
        print_json(data)
        return
    say("\n".join(lines) if lines else t("none"))


@app.command(help="cli.post.show")
def show(ctx: typer.Context, post_id: PostId, as_json: JsonOption = False) -> None:
    """One post with its variants, media and deliveries."""
    cli = context(ctx)
    with cli.database().session() as session:
        post = posts.get_post(session, post_id)
        zone = _zone(post)
        data = posts.post_json(post)
        data["variants"] = {v.platform: v.text for v in post.variants}
        data["spoiler_text"] = post.spoiler_text
        data["poll"] = post.poll
        data["media"] = [{"path": m.path, "alt_text": m.alt_text} for m in post.media]
        data["accounts"] = [target.account.name for target in post.targets]
        data["history"] = [
            {
                "at": event.at.isoformat(),
                "kind": event.kind,
                "person": event.person,
                "message": event.message,
                "diff": event.diff or None,
            }
            for event in queue.trail(session, post.id)
        ]
    if as_json:
        print_json(data)
        return
    say(f"#{data['id']} {data['campaign']}/{data['key']} – {post_state(post.state)}")
    say(f"  {cli.local(datetime.fromisoformat(str(data['scheduled_at'])), zone)}")
    say(f"  {data['text']}")
    if data["spoiler_text"]:
        say(f"  {t('post.spoiler', text=data['spoiler_text'])}")
    if post.poll:
        say(f"  {_poll_line(PollSpec.from_json(post.poll))}")
    for platform, text in data["variants"].items():
        say(f"  [{platform}] {text}")
    for delivery in data["deliveries"]:
        error = f" – {delivery['last_error']}" if delivery["last_error"] else ""
        say(f"  → {delivery_state(str(delivery['state']))} {delivery['remote_url'] or ''}{error}")
    approved = data["approvals"]
    say(
        "  "
        + t("approval.tally", given=approved["given"], required=approved["required"])
        + f" – {', '.join(people.shown(name, cli.settings) for name in approved['by']) or '–'}"
    )
    say(f"  {t('post.author')}: {people.shown(data['author'], cli.settings)}")
    for event in data["history"]:
        who = people.shown(event["person"], cli.settings)
        when = cli.local(datetime.fromisoformat(event["at"]), zone)
        say(f"  {when}  {who}: {event['message']}")
        for line in (event["diff"] or "").splitlines():
            say(f"      {line}")


@app.command(help="cli.post.approve")
def approve(ctx: typer.Context, post_id: PostId) -> None:
    """Approve a post (a thread: every part) as yourself; once its approvals are complete,
    deliveries are queued and held ones released."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        post = posts.get_post(session, post_id)
        created = posts.approve(session, post, now=datetime.now(UTC), person=person)
        message = (
            t("post.approved", id=post_id, deliveries=len(created))
            if post.state == PostState.APPROVED
            else _waiting(post)
        )
    say(message)


def _poll_line(poll: PollSpec) -> str:
    """ "Umfrage (24 h): Ja / Nein" for `post show`."""
    hours = f"{poll.duration.total_seconds() / 3600:g}"
    multiple = t("post.poll_multiple") if poll.multiple else ""
    return t("post.poll", hours=hours, multiple=multiple, options=" / ".join(poll.options))


def _tally(post: Post) -> str:
    """ "1/2 Freigaben" for a listing line."""
    tally = approvals.tally(post)
    return t("approval.tally", given=tally.given, required=tally.required)


def _waiting(post: Post) -> str:
    """How many approvals a draft has and still needs."""
    tally = approvals.tally(post)
    return t(
        "post.waiting",
        id=post.id,
        given=tally.given,
        required=tally.required,
        who=t("post.waiting_who"),
    )


@app.command(help="cli.post.comment")
def comment(
    ctx: typer.Context,
    post_id: PostId,
    text: Annotated[str, typer.Argument(help="cli.post.comment.text")],
) -> None:
    """An internal note on a post, with your name and the time (shown in `post show`)."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        approvals.comment(session, posts.get_post(session, post_id), person, text)
    say(t("post.commented", id=post_id))


@app.command("request-changes", help="cli.post.request_changes")
def request_changes(
    ctx: typer.Context,
    post_id: PostId,
    text: Annotated[str, typer.Argument(help="cli.post.request_changes.text")],
) -> None:
    """"Änderung erbeten": send the post (its thread) back to its author with a comment;
    its approvals are cleared."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        post = posts.get_post(session, post_id)
        posts.request_changes(session, post, person, text)
        author = people.shown(post.author, cli.settings)
    say(t("post.changes_requested", id=post_id, author=author))


@app.command(help="cli.post.reschedule")
def reschedule(
    ctx: typer.Context,
    post_id: PostId,
    at: Annotated[str, typer.Option(help="cli.post.reschedule.at")],
) -> None:
    """Move a post (a thread keeps its spacing); held deliveries are released to it."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        post = posts.get_post(session, post_id)
        zone = _zone(post)
        when = _when(at, zone)
        posts.reschedule(session, post, when, now=datetime.now(UTC), person=person.name)
    say(t("post.rescheduled", id=post_id, when=cli.local(when, zone)))


@app.command(help="cli.post.cancel")
def cancel(ctx: typer.Context, post_id: PostId) -> None:
    """Cancel a post (a thread: every part); deliveries not yet started are withdrawn."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        withdrawn = posts.cancel(session, posts.get_post(session, post_id), person=person.name)
    say(t("post.cancelled", id=post_id, withdrawn=withdrawn))


@app.command(help="cli.post.restore")
def restore(ctx: typer.Context, post_id: PostId) -> None:
    """Undo a cancel: the post (a thread: every cancelled part) is a draft again and
    needs its approvals again before anything goes out."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        parts = posts.restore(session, posts.get_post(session, post_id), person=person.name)
    say(t("post.restored", id=post_id, parts=parts))


@app.command(help="cli.post.retry")
def retry(ctx: typer.Context, post_id: PostId) -> None:
    """Queue the thread's failed or held deliveries again, at the post's time or now."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        post = posts.get_post(session, post_id)
        zone = _zone(post)
        outcome = posts.retry(session, post, datetime.now(UTC), person=person.name)
    say(posts.describe_retry(post_id, outcome, lambda moment: cli.local(moment, zone)))


@app.command(help="cli.post.duplicate")
def duplicate(
    ctx: typer.Context,
    post_id: PostId,
    at: Annotated[str | None, typer.Option(help="cli.post.duplicate.at")] = None,
) -> None:
    """A draft copy of the post's thread, at the original's time or at --at (the other
    parts keep their spacing)."""
    cli = context(ctx)
    person = cli.person
    with cli.database().session() as session:
        post = posts.get_post(session, post_id)
        zone = _zone(post)
        when = _when(at, zone) if at is not None else None
        limits = capabilities.character_limits(session, cli.settings)
        copies = posts.duplicate(session, post, limits, datetime.now(UTC), at=when, person=person)
        first = copies[0]
        message = t(
            "post.duplicated", id=first.id, key=first.key, when=cli.local(first.scheduled_at, zone)
        )
    say(message)

