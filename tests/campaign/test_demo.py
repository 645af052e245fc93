"""The zero-setup demo, headless: posts reach the sandbox, replies come back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from campaign.db import Database, make_engine
from campaign.demo import DEMO_HANDLES, run_demo
from campaign.models import Account, Delivery, DeliveryState

pytestmark = pytest.mark.slow


def test_headless_demo_delivers_and_collects(tmp_path: Path) -> None:
    lines: list[str] = []
    figures = run_demo(20, lines.append, folder=tmp_path)
    assert figures.posts >= 20
    assert figures.delivered >= 30
    assert figures.failed == 0
    assert figures.replies > 0
    assert any(line.startswith("sandbox mastodon: http://127.0.0.1:") for line in lines)
    database = Database(make_engine(f"sqlite:///{tmp_path / 'demo.sqlite3'}"))
    with database.session() as session:
        urls = session.scalars(
            select(Delivery.remote_url)
            .join(Account)
            .where(Account.platform == "mastodon", Delivery.state == DeliveryState.SENT)
        ).all()
    assert urls and all(f"/@{DEMO_HANDLES['mastodon']}/" in url for url in urls)
