"""Campaign plans: TOML and YAML, every problem listed, daylight-saving, the shipped example."""

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from content.length import mastodon_length
from content.plan import load_plan
from content.plan_model import AccountTarget, PlanError
from content.platforms import Platform

PLANS = Path(__file__).parent / "plans"
EXAMPLE = Path(__file__).parents[2] / "examples" / "todo-dortmund.toml"
ACCOUNTS = {
    "mastodon-todo": AccountTarget(Platform.MASTODON, 500),
    "x-todo": AccountTarget(Platform.X),
    "bluesky-todo": AccountTarget(Platform.BLUESKY),
}


def _problems(path: Path) -> PlanError:
    with pytest.raises(PlanError) as caught:
        load_plan(path, ACCOUNTS)
    return caught.value


def test_toml_and_yaml_give_the_same_plan() -> None:
    from_toml = load_plan(PLANS / "small.toml", ACCOUNTS)
    from_yaml = load_plan(PLANS / "small.yaml", ACCOUNTS)
    assert from_toml.campaign == from_yaml.campaign
    assert from_toml.posts == from_yaml.posts


def test_small_plan_contents() -> None:
    plan = load_plan(PLANS / "small.toml", ACCOUNTS)
    assert plan.campaign.timezone == "Europe/Berlin"
    first, second = plan.posts
    assert first.at == datetime(2024, 4, 29, 8, 0, tzinfo=UTC)
    assert first.approved and not second.approved
    assert first.rendered["x-todo"] == ("Heute startet die to:do-Woche! #ToDoDortmund",)
    assert first.rendered["bluesky-todo"] == (first.text,)
    assert first.media[0].path == str((PLANS / "media" / "punkt.png").resolve())
    assert first.media[0].alt_text == "Ein blaues Quadrat."
    assert second.accounts == ("mastodon-todo",)
    assert second.at == datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    assert second.rendered["mastodon-todo"] == (
        "Zweiter Beitrag, nur auf Mastodon.",
        "Und ein zweiter Teil im Thread.",
    )


def test_plan_with_invalid_posts_lists_every_problem() -> None:
    error = _problems(PLANS / "invalid.toml")
    found = {(problem.post_key, problem.field) for problem in error.problems}
    assert found == {
        ("zu-lang", "posts[1].accounts[2]"),
        ("zu-lang", "posts[1].media[0].alt"),
        ("zu-lang", "posts[1].media[0].path"),
        ("zu-lang", "posts[1].variants.x"),
        ("tippfehler", "posts[2].at"),
        ("tippfehler", "posts[2].txt"),
        ("tippfehler", "posts[2].text"),
    }
    lines = str(error).splitlines()
    assert len(lines) == len(error.problems)
    assert all(line.startswith("invalid.toml: posts[") for line in lines)
    assert any("X: 287 von 280" in line and "7 zu viel" in line for line in lines)
    assert "threads-todo" in str(error)


def test_problems_in_english() -> None:
    text = _problems(PLANS / "invalid.toml").describe("en")
    assert "7 over" in text
    assert "alt text is missing" in text


def test_dst_gap_is_rejected_naming_post_field_and_suggestion() -> None:
    [problem] = _problems(PLANS / "dst-gap.toml").problems
    assert (problem.post_key, problem.field) == ("nachts", "posts[0].at")
    assert "03:30" in problem.text("de")


def test_ambiguous_time_asks_for_an_offset() -> None:
    [problem] = _problems(PLANS / "dst-ambiguous.toml").problems
    assert (problem.post_key, problem.field) == ("doppelt", "posts[0].at")
    assert "+01:00" in problem.text("de") and "+02:00" in problem.text("de")


def test_media_paths_are_relative_to_the_plan_file(tmp_path: Path) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    moved = load_plan(tmp_path / "plans" / "small.toml", ACCOUNTS)
    assert Path(moved.posts[0].media[0].path).is_relative_to(tmp_path)


def test_instance_limit_applies_per_account(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[campaign]\nslug = "lang"\nname = "Lang"\naccounts = ["mastodon-todo"]\n'
        f'[[posts]]\nkey = "a"\nat = 2024-04-30T10:00:00\ntext = "{"Wort " * 150}"\n',
        encoding="utf-8",
    )
    [problem] = _problems(plan).problems
    assert "Mastodon: 749 von 500" in problem.text("de")
    generous = {"mastodon-todo": AccountTarget(Platform.MASTODON, 1000)}
    assert load_plan(plan, generous).posts[0].rendered["mastodon-todo"][0].startswith("Wort")


def test_auto_thread_splits_per_platform(tmp_path: Path) -> None:
    sentence = "Der Container am Friedensplatz ist von 10 bis 18 Uhr geöffnet. "
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[campaign]\nslug = "thread"\nname = "Thread"\n'
        'accounts = ["mastodon-todo", "x-todo", "bluesky-todo"]\n'
        f'[[posts]]\nkey = "t"\nat = 2024-04-30T10:00:00\nthread = true\n'
        f'text = "{sentence * 8}"\n',
        encoding="utf-8",
    )
    rendered = load_plan(plan, ACCOUNTS).posts[0].rendered
    assert len(rendered["x-todo"]) == 2
    assert len(rendered["mastodon-todo"]) == 2
    assert rendered["x-todo"][0].endswith(" 1/2")


def test_broken_toml_names_the_file_and_line(tmp_path: Path) -> None:
    plan = tmp_path / "kaputt.toml"
    plan.write_text("[campaign\nslug = 1\n", encoding="utf-8")
    [problem] = _problems(plan).problems
    assert "line 1" in problem.text("de")
    assert str(_problems(plan)).startswith("kaputt.toml: Datei ist kein gültiges TOML")


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    assert "nicht lesbar" in str(_problems(tmp_path / "fehlt.toml"))
    other = tmp_path / "plan.json"
    other.write_text("{}", encoding="utf-8")
    assert ".toml, .yaml oder .yml" in str(_problems(other))


def test_warnings_do_not_block_the_import(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[campaign]\nslug = "w"\nname = "W"\naccounts = ["x-todo"]\n'
        '[[posts]]\nkey = "w"\nat = 2024-04-30T10:00:00\n'
        'text = "Programm: https://dortmund.de/todo #todortmund"\n',
        encoding="utf-8",
    )
    warnings = load_plan(plan, ACCOUNTS).warnings
    first_words = {warning.text("de").split(":")[0] for warning in warnings}
    assert first_words == {"X", "#todortmund ist ganz kleingeschrieben"}


def test_shipped_example_validates() -> None:
    plan = load_plan(EXAMPLE, ACCOUNTS)
    assert plan.campaign.accounts == ("mastodon-todo", "x-todo", "bluesky-todo")
    assert 20 <= len(plan.posts) <= 30
    assert plan.warnings == ()
    assert any(post.thread for post in plan.posts)
    assert any(post.media for post in plan.posts)
    assert any(Platform.X in post.variants for post in plan.posts)
    week = [post for post in plan.posts if post.at >= datetime(2024, 4, 29, tzinfo=UTC)]
    assert all(post.at < datetime(2024, 5, 5, tzinfo=UTC) for post in week)
    assert len(week) < len(plan.posts)


WARNING = "Inhaltswarnung: Polizeieinsatz"


def _warned_plan(tmp_path: Path, suffix: str, text: str, *, thread: bool = False) -> Path:
    plan = tmp_path / f"plan{suffix}"
    if suffix == ".toml":
        plan.write_text(
            '[campaign]\nslug = "cw"\nname = "CW"\naccounts = ["mastodon-todo", "x-todo"]\n'
            f'[[posts]]\nkey = "lage"\nat = 2024-04-30T10:00:00\nthread = {str(thread).lower()}\n'
            f'spoiler_text = "{WARNING}"\ntext = "{text}"\n',
            encoding="utf-8",
        )
    else:
        plan.write_text(
            "campaign: {slug: cw, name: CW, accounts: [mastodon-todo, x-todo]}\n"
            "posts:\n  - key: lage\n    at: 2024-04-30 10:00:00\n"
            f'    thread: {str(thread).lower()}\n'
            f'    spoiler_text: "{WARNING}"\n    text: "{text}"\n',
            encoding="utf-8",
        )
    return plan


@pytest.mark.parametrize("suffix", [".toml", ".yaml"])
def test_content_warning_is_read_and_kept(tmp_path: Path, suffix: str) -> None:
    [post] = load_plan(_warned_plan(tmp_path, suffix, "Kurz."), ACCOUNTS).posts
    assert post.spoiler_text == WARNING


@pytest.mark.parametrize("suffix", [".toml", ".yaml"])
def test_content_warning_counts_toward_mastodons_limit(tmp_path: Path, suffix: str) -> None:
    text = "a" * (500 - len(WARNING) + 1)
    problems = _problems(_warned_plan(tmp_path, suffix, text)).problems
    [problem] = [p for p in problems if p.text("de").startswith("Mastodon")]
    assert problem.field == "posts[0].text"
    assert problem.text("de").startswith("Mastodon: 501 von 500")


def test_thread_parts_leave_room_for_the_content_warning(tmp_path: Path) -> None:
    sentence = "Der Zugang zum Hauptbahnhof ist bis auf Weiteres gesperrt. "
    plan = _warned_plan(tmp_path, ".toml", sentence * 9, thread=True)
    [post] = load_plan(plan, ACCOUNTS).posts
    parts = post.rendered["mastodon-todo"]
    assert len(parts) == 2
    assert all(mastodon_length(part, WARNING) <= 500 for part in parts)
    assert mastodon_length(parts[0], WARNING) > 500 - len(sentence) - len(" 1/2")


def test_content_warning_must_be_text(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[campaign]\nslug = "cw"\nname = "CW"\naccounts = ["mastodon-todo"]\n'
        '[[posts]]\nkey = "a"\nat = 2024-04-30T10:00:00\ntext = "Hallo"\nspoiler_text = 3\n',
        encoding="utf-8",
    )
    [problem] = _problems(plan).problems
    assert problem.field == "posts[0].spoiler_text"
    assert problem.text("de") == "muss Text sein, nicht Zahl."
