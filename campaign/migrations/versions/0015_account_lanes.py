"""accounts.lane_daemon_id: one daemon sends for an account at a time

Revision ID: 0015
Revises: 0010
Create Date: 2026-12-01 13:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("lane_daemon_id", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("lane_daemon_id")
