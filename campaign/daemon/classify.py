"""Classifying new replies in batches with the configured sentiment model.

The model is loaded once, lazily, on the first batch (the daemon starts fast and runs
without the sentiment extra installed, saying so in the log). A human label is never
touched: it is stored beside the model's and wins in reports.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from campaign.db import Database
from campaign.models import Reply
from sentiment.base import Classifier


def has_unclassified(database: Database) -> bool:
    """Whether any reply waits for a label (the model is only loaded when one does)."""
    with database.session() as session:
        query = select(Reply.id).where(Reply.classified_at.is_(None)).limit(1)
        return session.scalar(query) is not None


def classify_pending(
    database: Database, classifier: Classifier, clock: Callable[[], datetime], batch: int = 64
) -> int:
    """Label up to `batch` unclassified replies, oldest first; returns how many."""
    with database.session() as session:
        pending = list(
            session.execute(
                select(Reply.id, Reply.text)
                .where(Reply.classified_at.is_(None))
                .order_by(Reply.created_at, Reply.id)
                .limit(batch)
            )
        )
    if not pending:
        return 0
    results = classifier.classify([text for _id, text in pending])
    now = clock()
    with database.session() as session:
        for (reply_id, _text), result in zip(pending, results, strict=True):
            reply = session.get_one(Reply, reply_id)
            reply.sentiment_label = result.label
            reply.sentiment_score = result.score
            reply.sentiment_model = result.model
            reply.sentiment_revision = result.revision
            if reply.language is None:
                reply.language = result.language
            reply.classified_at = now
    return len(pending)
