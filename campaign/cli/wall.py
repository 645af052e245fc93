"""`leuchtturm wall`: serve the live wall, and moderate it (approve, hide, pin, block, list).

Moderation goes through `campaign.services.wall` like the TUI's "Wand" screen; the server
itself only reads, so a wall on the studio's screen can never be used to change anything.
The web stack is imported only when the server starts.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from campaign.cli.context import context, print_json, say
from campaign.cli.localised import LocalisedTyper
from campaign.errors import UserError
from campaign.services import wall
from campaign.services.wall import ItemState, WallKey
from content.outside_text import inert_line
from words import t

app = LocalisedTyper(help="cli.wall")
ItemArgument = Annotated[str, typer.Argument(help="cli.wall.item")]
PersonOption = Annotated[
    str | None, typer.Option("--as", help="cli.wall.as")
]


@app.callback(invoke_without_command=True, help="cli.wall.serve")
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="cli.wall.host")] = None,
    port: Annotated[int | None, typer.Option(help="cli.wall.port")] = None,
) -> None:
    """Serve the wall until Ctrl+C (without a subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    cli = context(ctx)
    settings = cli.settings
    database = cli.database()
    from campaign.wall.server import serve as serve_forever
    from campaign.wall.server import wall_app

    host = host or settings.wall.host
    port = port or settings.wall.port
    say(t("wall.serving", url=f"http://{host}:{port}/", moderation=settings.wall.moderation))
    serve_forever(wall_app(database, settings), host, port)


@app.command(help="cli.wall.approve")
def approve(ctx: typer.Context, item: ItemArgument, by: PersonOption = None) -> None:
    """Let an item show on the wall."""
    key = WallKey.parse(item)
    with context(ctx).database().session() as session:
        wall.approve(session, key, by)
    say(t("wall.approved", item=key))


@app.command(help="cli.wall.hide")
def hide(ctx: typer.Context, item: ItemArgument, by: PersonOption = None) -> None:
    """Take an item off every open wall."""
    key = WallKey.parse(item)
    with context(ctx).database().session() as session:
        wall.hide(session, key, by)
    say(t("wall.hidden", item=key))


@app.command(help="cli.wall.pin")
def pin(
    ctx: typer.Context,
    item: ItemArgument,
    off: Annotated[bool, typer.Option("--off", help="cli.wall.pin.off")] = False,
    by: PersonOption = None,
) -> None:
    """Keep an item at the top of the wall (it is approved with it)."""
    key = WallKey.parse(item)
    with context(ctx).database().session() as session:
        wall.pin(session, key, by, pinned=not off)
    say(t("wall.unpinned" if off else "wall.pinned", item=key))


@app.command(help="cli.wall.block")
def block(
    ctx: typer.Context,
    item: ItemArgument,
    undo: Annotated[bool, typer.Option("--undo", help="cli.wall.block.undo")] = False,
    by: PersonOption = None,
) -> None:
    """Keep the item's author off the wall (all their items), or let them back."""
    key = WallKey.parse(item)
    with context(ctx).database().session() as session:
        author = (wall.unblock if undo else wall.block)(session, key, by)
    message = "wall.unblocked" if undo else "wall.blocked"
    say(
        t(message, author=inert_line(author.author_handle, limit=60), platform=author.platform)
    )


@app.command("list", help="cli.wall.list")
def list_items(
    ctx: typer.Context,
    state: Annotated[
        str | None, typer.Option(help="cli.wall.list.state")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="cli.post.list.limit")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="cli.json")] = False,
) -> None:
    """The newest items with their moderation state, newest first."""
    wanted = _state(state)
    cli = context(ctx)
    with cli.database().session() as session:
        items = wall.candidates(session, cli.settings.wall, limit=limit, state=wanted)
    if as_json:
        print_json([{**asdict(item), "key": str(item.key)} for item in items])
        return
    if not items:
        say(t("none"))
    for item in items:
        pin_mark = " 📌" if item.pinned else ""
        say(
            f"{item.key!s:<12} {cli.local(item.created_at)}  {item.platform:<8} "
            f"{t(f'wall.state.{item.state}'):<12}{pin_mark} "
            f"{inert_line(item.author_handle, limit=60)}: {inert_line(item.text, limit=70)}"
        )


def _state(text: str | None) -> ItemState | None:
    if text is None:
        return None
    try:
        return ItemState(text.strip().lower())
    except ValueError:
        known = ", ".join(state.value for state in ItemState)
        raise UserError(t("wall.bad_state", text=text, known=known)) from None
