"""Post and delivery states on the command line in the reader's words, never the codes
("Entwurf", "zu prüfen" rather than "draft", "needs_review"); JSON keeps the codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.campaign.test_cli_small_things import flagged_database
from tests.campaign.test_cli_usage import leuchtturm

__all__ = ["flagged_database"]


def test_status_words_the_delivery_state(flagged_database: str, tmp_path: Path) -> None:
    text = leuchtturm("status", cwd=tmp_path, url=flagged_database).stdout
    flagged = [line for line in text.splitlines() if line.startswith("Beitrag ")]
    assert flagged and all(": zu prüfen – " in line for line in flagged)
    assert "needs_review" not in text
    data = json.loads(leuchtturm("status", "--json", cwd=tmp_path, url=flagged_database).stdout)
    assert data["flagged_deliveries"][0]["state"] == "needs_review"


def test_post_list_and_show_word_the_states(flagged_database: str, tmp_path: Path) -> None:
    listed = leuchtturm("post", "list", cwd=tmp_path, url=flagged_database).stdout
    assert "freigegeben" in listed and "zu prüfen" in listed
    assert "approved" not in listed and "needs_review" not in listed
    shown = leuchtturm("post", "show", "1", cwd=tmp_path, url=flagged_database).stdout
    assert shown.splitlines()[0].endswith("– freigegeben")
    assert "→ zu prüfen" in shown
    english = leuchtturm("post", "list", cwd=tmp_path, url=flagged_database, lang="en").stdout
    assert "approved" in english and "needs review" in english
