"""heard_counts: anonymous hourly counts of posts by others, kept when the posts are purged
or erased so that past reports stay the same

Revision ID: 0013
Revises: 0015
Create Date: 2026-12-01 13:00:00
"""

import sqlalchemy as sa
from alembic import op

import campaign.models

revision = "0013"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "heard_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hour", campaign.models.UTCDateTime(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=7), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=16), nullable=True),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("revision", sa.String(length=80), nullable=True),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("human_labels", sa.Integer(), nullable=False),
        sa.Column("human_overrides", sa.Integer(), nullable=False),
        sa.Column("open_questions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_heard_counts_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["deliveries.id"],
            name=op.f("fk_heard_counts_delivery_id_deliveries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_heard_counts")),
    )
    op.create_index("ix_heard_counts_hour_kind", "heard_counts", ["hour", "kind"])
    op.create_index(op.f("ix_heard_counts_campaign_id"), "heard_counts", ["campaign_id"])
    op.create_index(op.f("ix_heard_counts_delivery_id"), "heard_counts", ["delivery_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_heard_counts_delivery_id"), table_name="heard_counts")
    op.drop_index(op.f("ix_heard_counts_campaign_id"), table_name="heard_counts")
    op.drop_index("ix_heard_counts_hour_kind", table_name="heard_counts")
    op.drop_table("heard_counts")
