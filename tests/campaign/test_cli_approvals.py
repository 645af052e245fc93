"""Four eyes through the `leuchtturm` command: --as, refusals with exit code 2, comments,
"Änderung erbeten", `post show` with people and diffs, `audit export`."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.campaign.test_cli import ROOT, leuchtturm

TEAM = """
[[team]]
name = "anna"
display_name = "Anna Schmidt"
role = "editor"

[[team]]
name = "bernd"
display_name = "Bernd Yilmaz"
role = "approver"
"""


def test_four_eyes_through_the_cli(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text((ROOT / "config.toml").read_text(encoding="utf-8") + TEAM, "utf-8")
    env = {"LEUCHTTURM_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}

    def run(*args: str, person: str = "anna") -> tuple[int, str, str]:
        done = leuchtturm("--config", str(config), "--as", person, *args, cwd=tmp_path, env=env)
        return done.returncode, done.stdout, done.stderr

    assert run("db", "upgrade")[0] == 0
    plan = str(ROOT / "examples" / "todo-dortmund.toml")
    next_year = f"{datetime.now(UTC).year + 1}-04-20"
    code, out, err = run("campaign", "import", plan, "--shift-to", next_year)
    assert code == 0, err
    assert "approved = true nicht übernommen" in out + err  # anna wrote them: four eyes
    when = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    code, out, _ = run("post", "add", "todo-woche-2024", "neu", "Hallo Dortmund", "--at", when,
                       "-a", "x-todo", "--approve")
    assert code == 0 and "0/1 Freigaben" in out
    post_id = out.split()[1]

    code, _, err = run("post", "approve", post_id)
    assert code == 2 and "Rolle editor" in err and "Traceback" not in err
    code, _, err = run("post", "approve", post_id, person="berndt")
    assert code == 2 and "Unbekannte Person 'berndt'" in err
    assert run("post", "comment", post_id, "Bitte Link prüfen", person="bernd")[0] == 0
    code, out, _ = run("post", "request-changes", post_id, "Link fehlt", person="bernd")
    assert code == 0 and "an Anna Schmidt zurückgegeben" in out
    code, _, err = run("post", "add", "todo-woche-2024", "neu", "Hallo Dortmund: example.org",
                       "--at", when, "-a", "x-todo")
    assert code == 0, err
    code, out, _ = run("post", "approve", post_id, person="bernd")
    assert code == 0 and "freigegeben" in out

    code, out, _ = run("post", "show", post_id)
    assert "Bernd Yilmaz: Bitte Link prüfen" in out
    assert "-Hallo Dortmund" in out and "+Hallo Dortmund: example.org" in out
    shown = json.loads(run("post", "show", post_id, "--json")[1])
    assert shown["approvals"] == {
        "given": 1, "required": 1, "by": ["bernd"], "changes_requested": False
    }
    assert {event["person"] for event in shown["history"]} == {"anna", "bernd"}

    code, out, _ = run("audit", "export", "--campaign", "todo-woche-2024", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {"Anna Schmidt", "Bernd Yilmaz"} <= {row["person"] for row in rows}
    assert any(row["kind"] == "post.changes_requested" for row in rows)
    code, out, _ = run("audit", "export", "--campaign", "todo-woche-2024", "--format", "json",
                       "--from", "2000-01-01", "--to", "2000-01-02")
    assert code == 0 and json.loads(out) == []
    code, _, err = run("audit", "export", "--campaign", "todo-woche-2024", "--format", "xls")
    assert code == 2 and "csv oder json" in err
