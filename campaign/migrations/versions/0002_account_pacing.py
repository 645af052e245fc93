"""accounts.paced_until: overdue posts go out one at a time after downtime

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 20:20:00
"""

import sqlalchemy as sa
from alembic import op

import campaign.models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "accounts",
        sa.Column("paced_until", campaign.models.UTCDateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("paced_until")
