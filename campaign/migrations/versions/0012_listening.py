"""listening: markers per (account, query), daily reads, campaigns' tracked queries; heard
posts keep the author's display name, their first image with its alt text, and reposts

Revision ID: 0012
Revises: 0013
Create Date: 2026-12-01 14:00:00
"""

import sqlalchemy as sa
from alembic import op

import campaign.models

revision = "0012"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "listening_markers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("query", sa.String(length=300), nullable=False),
        sa.Column("marker", sa.Text(), nullable=True),
        sa.Column("updated_at", campaign.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_listening_markers_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listening_markers")),
        sa.UniqueConstraint("account_id", "query", name=op.f("uq_listening_markers_account_id")),
    )
    op.create_table(
        "listening_reads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reads", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_listening_reads_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listening_reads")),
        sa.UniqueConstraint("account_id", "day", name=op.f("uq_listening_reads_account_id")),
    )
    with op.batch_alter_table("campaigns") as batch:
        batch.add_column(sa.Column("track", sa.JSON(), nullable=True))
    with op.batch_alter_table("replies") as batch:
        batch.add_column(
            sa.Column("author_name", campaign.models.OutsideText(300, line=True), nullable=True)
        )
        batch.add_column(
            sa.Column("media_url", campaign.models.OutsideText(1000, line=True), nullable=True)
        )
        batch.add_column(sa.Column("media_alt", campaign.models.OutsideText(1500), nullable=True))
        batch.add_column(sa.Column("reposts", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("replies") as batch:
        batch.drop_column("reposts")
        batch.drop_column("media_alt")
        batch.drop_column("media_url")
        batch.drop_column("author_name")
    with op.batch_alter_table("campaigns") as batch:
        batch.drop_column("track")
    op.drop_table("listening_reads")
    op.drop_table("listening_markers")
