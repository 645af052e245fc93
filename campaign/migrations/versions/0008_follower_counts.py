"""follower_counts: each account's followers once a day, for growth and per-1,000 rates

Revision ID: 0008
Revises: 0002
Create Date: 2026-12-01 10:10:00
"""

import sqlalchemy as sa
from alembic import op

import campaign.models

revision = "0008"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follower_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("taken_at", campaign.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_follower_counts_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follower_counts")),
        sa.UniqueConstraint("account_id", "day", name=op.f("uq_follower_counts_account_id")),
    )


def downgrade() -> None:
    op.drop_table("follower_counts")
