"""Media are images by their bytes, within the platforms' sizes, from allowed folders only."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.media_file import MediaRefused, image_type, open_image, too_large
from content.plan import load_plan
from content.plan_model import AccountTarget, PlanError
from content.platforms import Platform

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
HEADS = {
    "image/jpeg": b"\xff\xd8\xff\xe0" + b"\0" * 16,
    "image/png": PNG,
    "image/gif": b"GIF89a" + b"\0" * 16,
    "image/webp": b"RIFF\x10\0\0\0WEBPVP8 " + b"\0" * 8,
}
ACCOUNTS = {
    "bluesky-todo": AccountTarget(Platform.BLUESKY),
    "mastodon-todo": AccountTarget(Platform.MASTODON),
}


@pytest.mark.parametrize(("mime_type", "head"), HEADS.items())
def test_the_four_image_types_are_known_by_their_bytes(mime_type: str, head: bytes) -> None:
    assert image_type(head) == mime_type


@pytest.mark.parametrize(
    "head", [b"root:x:0:0:root", b"<svg onload=alert(1)>", b"RIFF\0\0\0\0WAVE", b"%PDF-1.7", b""]
)
def test_anything_else_is_not_an_image(head: bytes) -> None:
    assert image_type(head) is None


def _plan(folder: Path, path: str, accounts: str = '["mastodon-todo"]') -> Path:
    plan = folder / "plan.toml"
    plan.write_text(
        f'[campaign]\nslug = "p"\nname = "P"\naccounts = {accounts}\n\n'
        '[[posts]]\nkey = "a"\nat = 2024-04-29T10:00:00\ntext = "Bild"\n\n'
        f'[[posts.media]]\npath = "{path}"\nalt = "Ein Bild"\n',
        encoding="utf-8",
    )
    return plan


def _refusal(plan: Path, media_folders: tuple[Path, ...] = ()) -> str:
    with pytest.raises(PlanError) as raised:
        load_plan(plan, ACCOUNTS, media_folders)
    return raised.value.describe()


def test_a_path_out_of_the_plan_folder_is_refused_with_path_and_reason(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    message = _refusal(_plan(tmp_path / "plans", "../" * 20 + "etc/passwd"))
    assert "posts[0].media[0].path [a]: /etc/passwd liegt außerhalb der erlaubten Ordner" in message


def test_a_symlink_out_of_the_folder_is_refused_and_one_inside_is_followed(
    tmp_path: Path,
) -> None:
    plans, outside = tmp_path / "plans", tmp_path / "outside"
    plans.mkdir()
    outside.mkdir()
    (outside / "bild.png").write_bytes(PNG)
    (plans / "raus.png").symlink_to(outside / "bild.png")
    assert "außerhalb der erlaubten Ordner" in _refusal(_plan(plans, "raus.png"))
    (plans / "echt.png").write_bytes(PNG)
    (plans / "link.png").symlink_to(plans / "echt.png")
    [post] = load_plan(_plan(plans, "link.png"), ACCOUNTS).posts
    assert post.media[0].path == str(plans / "echt.png")
    # a configured media folder is allowed too
    [post] = load_plan(_plan(plans, "raus.png"), ACCOUNTS, (outside,)).posts
    assert post.media[0].path == str(outside / "bild.png")


def test_a_file_named_like_an_image_is_refused_by_its_content(tmp_path: Path) -> None:
    (tmp_path / "plakat.png").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    message = _refusal(_plan(tmp_path, "plakat.png"))
    assert f"{tmp_path / 'plakat.png'} ist kein Bild (JPEG, PNG, GIF oder WebP)" in message


def test_an_image_too_large_for_one_platform_is_refused_for_it(tmp_path: Path) -> None:
    (tmp_path / "gross.png").write_bytes(PNG + b"\0" * 1_200_000)
    assert load_plan(_plan(tmp_path, "gross.png"), ACCOUNTS).posts  # Mastodon: 16 MB
    message = _refusal(_plan(tmp_path, "gross.png", '["mastodon-todo", "bluesky-todo"]'))
    assert "Bluesky erlaubt höchstens 1000000, 200040 zu viel" in message
    assert "Mastodon" not in message


def test_open_image_says_why(tmp_path: Path) -> None:
    with pytest.raises(MediaRefused, match="nicht gefunden"):
        open_image("fehlt.png", tmp_path)
    (tmp_path / "a.gif").write_bytes(b"GIF89a" + b"\0" * (6 * 1024 * 1024))
    image = open_image("a.gif", tmp_path)
    assert image.mime_type == "image/gif"
    assert too_large(image, Platform.X) is None  # X takes GIFs up to 15 MB
    assert too_large(image, Platform.BLUESKY) is not None
