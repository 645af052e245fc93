"""Errors meant for people: the CLI prints them as one line and exits with code 2."""


class UserError(Exception):
    """Bad input or a state the user must fix: says what, where, and what to do."""
