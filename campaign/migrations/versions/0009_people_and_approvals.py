"""people on every write, approvals per person, append-only events

Posts get their author and last editor, campaigns their approval policy, events the
person who caused them; approvals become rows (one per person). Posts approved before
this revision keep going out: each gets one approval by an unknown person (shown as
"unbekannt"). Triggers make the events table append-only on PostgreSQL and SQLite; the
one update they allow is an open alert being marked resolved.

Revision ID: 0009
Revises: 0002
Create Date: 2026-12-01 10:30:00
"""

import sqlalchemy as sa
from alembic import op

import campaign.models

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_FROZEN = ("id", "at", "kind", "message", "campaign_id", "post_id", "delivery_id",
           "account_id", "data", "person")
"""Every events column but `resolved_at`; SQLite's trigger names them (PostgreSQL's
compares whole rows)."""

_PG_FUNCTION = """
CREATE FUNCTION events_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.resolved_at IS NULL AND NEW.resolved_at IS NOT NULL
       AND (to_jsonb(NEW) - 'resolved_at') = (to_jsonb(OLD) - 'resolved_at') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'events are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGER = """
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION events_append_only()
"""
_SQLITE_NO_DELETE = """
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END
"""
_SQLITE_NO_UPDATE = """
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN NOT (OLD.resolved_at IS NULL AND NEW.resolved_at IS NOT NULL AND {same})
BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END
""".format(same=" AND ".join(f"NEW.{column} IS OLD.{column}" for column in _FROZEN))


def upgrade() -> None:
    # plain ADD COLUMN, never a batch copy: on SQLite a copied campaigns table would be
    # dropped, and ON DELETE CASCADE would take every post with it
    op.add_column(
        "campaigns",
        sa.Column("approvals_required", sa.Integer(), nullable=False, server_default="1"),
    )
    op.add_column(
        "campaigns",
        sa.Column(
            "reapprove_on_reschedule", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
    )
    op.add_column("posts", sa.Column("author", sa.String(length=120), nullable=True))
    op.add_column("posts", sa.Column("last_editor", sa.String(length=120), nullable=True))
    op.add_column(
        "posts",
        sa.Column(
            "changes_requested_at", campaign.models.UTCDateTime(timezone=True), nullable=True
        ),
    )
    op.add_column("events", sa.Column("person", sa.String(length=120), nullable=True))
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=120), nullable=True),
        sa.Column("at", campaign.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("cleared_at", campaign.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_approvals_post_id_posts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approvals")),
    )
    op.create_index("ix_approvals_post_cleared", "approvals", ["post_id", "cleared_at"])
    op.execute(
        "INSERT INTO approvals (post_id, person, at) "
        "SELECT id, NULL, COALESCE(approved_at, updated_at) FROM posts WHERE state = 'approved'"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)
    else:
        op.execute(_SQLITE_NO_DELETE)
        op.execute(_SQLITE_NO_UPDATE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_append_only ON events")
        op.execute("DROP FUNCTION events_append_only()")
    else:
        op.execute("DROP TRIGGER events_no_update")
        op.execute("DROP TRIGGER events_no_delete")
    op.drop_index("ix_approvals_post_cleared", table_name="approvals")
    op.drop_table("approvals")
    # DROP COLUMN in place (SQLite 3.35+), for the same reason as in upgrade
    op.drop_column("events", "person")
    for column in ("changes_requested_at", "last_editor", "author"):
        op.drop_column("posts", column)
    for column in ("reapprove_on_reschedule", "approvals_required"):
        op.drop_column("campaigns", column)
