"""Typer in the person's language: help pages, usage lines and usage errors.

Typer's own words (panel titles, "Usage:", "[default: …]", the help option) are English
constants, and every command's help would be fixed when its module is imported. Here the
commands carry catalogue keys instead of texts, and the words are looked up each time a page
or an error is shown, so the language is the one chosen for this run (LEUCHTTURM_LANG, the
configured `language`, else German).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from difflib import get_close_matches
from typing import Any

import typer
from typer import rich_utils
from typer._click import Context, HelpFormatter
from typer._click import exceptions as click_errors
from typer.core import TyperArgument, TyperCommand, TyperGroup

from campaign.errors import UserError
from words import CATALOGUE, choose_language, t, template

#: typer.rich_utils constants and the catalogue keys that word them.
_RICH_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "cli.panel.arguments",
    "OPTIONS_PANEL_TITLE": "cli.panel.options",
    "COMMANDS_PANEL_TITLE": "cli.panel.commands",
    "ERRORS_PANEL_TITLE": "cli.panel.error",
    "DEFAULT_STRING": "cli.default",
    "ENVVAR_STRING": "cli.envvar",
    "REQUIRED_LONG_STRING": "cli.required",
    "DEPRECATED_STRING": "cli.deprecated",
    "ABORTED_TEXT": "cli.aborted",
    "RICH_HELP": "cli.try_help",
}
#: Options typer adds itself, with the keys of their help texts.
_BUILT_IN_OPTIONS = {
    "install_completion": "cli.install_completion",
    "show_completion": "cli.show_completion",
}
_HELP_OPTION_KEY = "cli.help_option"


def settle_language(ctx: Context | None) -> None:
    """Choose the configured language before words are shown, quietly.

    Help and usage errors may come before any command has loaded the settings; a broken
    config is reported by the command that needs it, not by `--help`.
    """
    from campaign.config import find_config, load_settings

    root = ctx.find_root() if ctx is not None else None
    explicit = root.params.get("config") if root is not None else None
    with contextlib.suppress(UserError):
        choose_language(load_settings(find_config(explicit)).language)


def text(value: str | None) -> str | None:
    """A help value in the output language: catalogue keys are worded, other text kept."""
    if value is not None and value in CATALOGUE:
        return t(value)
    return value


def _help_key(item: Any) -> str | None:
    if getattr(item, "help", None) in CATALOGUE:
        return item.help
    return _BUILT_IN_OPTIONS.get(getattr(item, "name", None) or "")


@contextlib.contextmanager
def _worded(items: list[Any]) -> Iterator[None]:
    """The items' help keys replaced by their texts while a page is printed, then restored."""
    keyed = [(item, key) for item in items if (key := _help_key(item))]
    saved = [(item, item.help) for item, _ in keyed]
    for item, key in keyed:
        item.help = t(key)
    for constant, key in _RICH_WORDS.items():
        setattr(rich_utils, constant, template(key))
    try:
        yield
    finally:
        for item, original in saved:
            item.help = original


class WordedUsageError(click_errors.UsageError):
    """A usage error whose message is already in the person's words."""


class _Localised:
    """What groups and commands share: the usage line, the help option, the help page."""

    def get_help_option(self, ctx: Context) -> Any:
        fresh = getattr(self, "_help_option", None) is None
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and fresh:
            option.help = _HELP_OPTION_KEY
        return option

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [t("cli.options_metavar")]
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if is_argument(param):
                name = usage_argument_name(param) + ("..." if param.nargs != 1 else "")
                pieces.append(name if param.required else f"[{name}]")
        if isinstance(self, TyperGroup) and self.commands:
            pieces.append(t("cli.subcommand_metavar"))
        return pieces

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Typer's parser raises some usage errors without the context that names the
        command; they get it here, so the usage line can be shown under them."""
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except click_errors.UsageError as error:
            if error.ctx is None:
                error.ctx, error.cmd = ctx, ctx.command
            raise

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=f"{t('cli.usage')} ")

    def _help_items(self, ctx: Context) -> list[Any]:
        return [self, *self.get_params(ctx)]  # type: ignore[attr-defined]

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        settle_language(ctx)
        with _worded(self._help_items(ctx)):
            super().format_help(ctx, formatter)  # type: ignore[misc]


class LocalisedCommand(_Localised, TyperCommand):
    """A command whose help and usage are worded when shown."""


class LocalisedGroup(_Localised, TyperGroup):
    """A group that also words its command list and names an unknown command kindly."""

    def _help_items(self, ctx: Context) -> list[Any]:
        return [*super()._help_items(ctx), *self.commands.values()]

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click_errors.UsageError as error:
            if error.message.startswith("No such command"):
                raise WordedUsageError(self._unknown_command(args[0]), ctx) from None
            raise

    def _unknown_command(self, name: str) -> str:
        message = t("cli.error.no_such_command", name=name)
        matches = get_close_matches(name, list(self.commands))
        if matches:
            names = ", ".join(t("cli.quote", text=match) for match in matches)
            message = f"{message} {t('cli.error.did_you_mean', names=names)}"
        return message


class LocalisedTyper(typer.Typer):
    """A `typer.Typer` whose groups and commands are the localised ones above."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("cls", LocalisedGroup)
        super().__init__(**options)

    def command(self, name: str | None = None, **options: Any) -> Any:
        options.setdefault("cls", LocalisedCommand)
        return super().command(name, **options)


def usage_argument_name(param: Any) -> str:
    """How a person names the parameter: --option, or the argument's METAVAR."""
    if isinstance(param, TyperArgument):
        return param.display_name_raw.upper()
    longest = max(param.opts, key=len) if param.opts else param.name
    return str(longest)


def is_argument(param: Any) -> bool:
    """True for positional arguments (their missing-message differs from options')."""
    return isinstance(param, TyperArgument)
