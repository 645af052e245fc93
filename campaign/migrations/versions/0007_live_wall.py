"""wall_entries and wall_blocks: the live wall's moderation

Revision ID: 0007
Revises: 0002
Create Date: 2026-12-01 10:10:00
"""

import sqlalchemy as sa
from alembic import op

import campaign.models

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wall_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("changed_at", campaign.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wall_entries")),
        sa.UniqueConstraint("source", "source_id", name=op.f("uq_wall_entries_source")),
    )
    op.create_table(
        "wall_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("author_handle", sa.String(length=300), nullable=False),
        sa.Column("blocked_at", campaign.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("blocked_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wall_blocks")),
        sa.UniqueConstraint("platform", "author_handle", name=op.f("uq_wall_blocks_platform")),
    )


def downgrade() -> None:
    op.drop_table("wall_blocks")
    op.drop_table("wall_entries")
