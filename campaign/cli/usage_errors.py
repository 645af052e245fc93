"""A usage error as one line a person reads: which argument or option, what was wrong.

Typer reports usage errors in English (and, through its pydantic coercion, in pydantic's
words); here each kind is worded from the catalogue with the value and what was expected.
"""

from __future__ import annotations

import re
from typing import Any

from typer._click import Context
from typer._click import exceptions as click_errors

from campaign.cli.localised import WordedUsageError, is_argument, usage_argument_name
from words import t

#: Typer's parser reports these two with a bare message only.
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument\(s\) \((?P<values>.*)\)")
_MISSING_COMMAND = "Missing command."
#: pydantic error types and what the value was expected to be.
_EXPECTED = {
    "int_parsing": "cli.expected.int",
    "int_type": "cli.expected.int",
    "int_from_float": "cli.expected.int",
    "float_parsing": "cli.expected.float",
    "float_type": "cli.expected.float",
    "bool_parsing": "cli.expected.bool",
}


def describe(error: click_errors.UsageError) -> str:
    """The error's one line in the output language."""
    if isinstance(error, WordedUsageError):
        return error.message
    if isinstance(error, click_errors.MissingParameter) and error.param is not None:
        return _missing(error.param)
    if isinstance(error, click_errors.BadParameter) and error.param is not None:
        return _bad_value(error)
    if isinstance(error, click_errors.NoSuchOption):
        return _no_such_option(error)
    if isinstance(error, click_errors.BadOptionUsage):
        key = (
            "cli.error.option_takes_no_value"
            if "does not take" in error.message
            else "cli.error.option_needs_value"
        )
        return t(key, name=error.option_name)
    if match := _EXTRA_ARGUMENTS.fullmatch(error.message):
        return t("cli.error.extra_arguments", values=match["values"])
    if error.message == _MISSING_COMMAND and error.ctx is not None:
        names = ", ".join(getattr(error.ctx.command, "commands", {}))
        return t("cli.error.missing_command", names=names)
    return t("cli.error.other", message=error.message)


def usage_line(ctx: Context | None) -> str | None:
    """The command's usage line (in the output language), or None without a command."""
    if ctx is None:
        return None
    return ctx.command.get_usage(ctx).strip()


def _choices(param: Any) -> tuple[Any, ...] | None:
    descriptor = getattr(param, "type_descriptor", None)
    return getattr(descriptor, "choices", None) if descriptor is not None else None


def _choice_list(choices: tuple[Any, ...]) -> str:
    return ", ".join(str(getattr(choice, "value", choice)) for choice in choices)


def _missing(param: Any) -> str:
    name = usage_argument_name(param)
    key = "cli.error.missing_argument" if is_argument(param) else "cli.error.missing_option"
    message = t(key, name=name)
    if choices := _choices(param):
        message = f"{message[:-1]} ({t('cli.error.choices', choices=_choice_list(choices))})."
    return message


def _bad_value(error: click_errors.BadParameter) -> str:
    param = error.param
    name = usage_argument_name(param)
    cause = error.__cause__
    details = cause.errors() if hasattr(cause, "errors") else []
    value = details[0].get("input") if details else None
    shown = t("cli.quote", text=value) if value is not None else "?"
    if choices := _choices(param):
        expected = t("cli.expected.choice", choices=_choice_list(choices))
        return t("cli.error.bad_value", name=name, value=shown, expected=expected)
    if details and details[0].get("type") in _EXPECTED:
        expected = t(_EXPECTED[details[0]["type"]])
        return t("cli.error.bad_value", name=name, value=shown, expected=expected)
    return t("cli.error.bad_value_other", name=name, value=shown, reason=error.message)


def _no_such_option(error: click_errors.NoSuchOption) -> str:
    message = t("cli.error.no_such_option", name=error.option_name)
    if error.possibilities:
        names = ", ".join(sorted(error.possibilities))
        message = f"{message} {t('cli.error.did_you_mean', names=names)}"
    return message
