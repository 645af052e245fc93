"""polls: a post's poll, the poll's id on each delivery, and poll_counts (votes over time)

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-01 13:10:00
"""

import sqlalchemy as sa
from alembic import op

import campaign.models

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("poll", sa.JSON(), nullable=True))
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("remote_poll_id", sa.String(length=200), nullable=True))
    op.create_table(
        "poll_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", campaign.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("votes", sa.JSON(), nullable=False),
        sa.Column("voters", sa.Integer(), nullable=True),
        sa.Column("ends_at", campaign.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["deliveries.id"],
            name=op.f("fk_poll_counts_delivery_id_deliveries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poll_counts")),
    )
    op.create_index("ix_poll_counts_delivery_taken", "poll_counts", ["delivery_id", "taken_at"])


def downgrade() -> None:
    op.drop_index("ix_poll_counts_delivery_taken", table_name="poll_counts")
    op.drop_table("poll_counts")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("remote_poll_id")
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("poll")
