"""Seals the test session off from the person running it: tests/conftest.py imports this first.

A developer's shell may point LEUCHTTURM_DATABASE_URL at the team's database, LEUCHTTURM_CONFIG
at real accounts, LEUCHTTURM_LANG at English, and XDG folders at their own data; the working
folder may hold an edited config.toml. None of that may reach a test: on import, before any
test module, this removes the project's and libpq's variables, points HOME and the XDG folders
into the session's own folder; once pytest has found its tests, the session moves into an
empty working folder. Only the switches that the test harness itself reads survive.

The converted sentiment model is cached under the repository's ignored `var/` folder, not the
user's cache, so that it is built once per checkout rather than once per session.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
HARNESS_SWITCHES = frozenset({"LEUCHTTURM_REQUIRE_POSTGRES", "LEUCHTTURM_BSKY_DEVENV_URL"})
PERSONAL_PREFIXES = ("LEUCHTTURM_", "PG")
SESSION_FOLDER = Path(tempfile.mkdtemp(prefix="leuchtturm-tests-"))


def _forget_the_person() -> None:
    for name in list(os.environ):
        if name.startswith(PERSONAL_PREFIXES) and name not in HARNESS_SWITCHES:
            del os.environ[name]
    home = SESSION_FOLDER / "home"
    folders = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_CACHE_HOME": REPOSITORY / "var" / "test-cache",
        "MPLCONFIGDIR": REPOSITORY / "var" / "test-cache" / "matplotlib",
    }
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)


def enter_an_empty_working_folder() -> None:
    """Called once pytest has found its test paths (they are relative to where it started)."""
    working = SESSION_FOLDER / "work"
    working.mkdir(exist_ok=True)
    os.chdir(working)


atexit.register(shutil.rmtree, SESSION_FOLDER, True)
_forget_the_person()
