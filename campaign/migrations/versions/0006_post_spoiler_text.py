"""posts.spoiler_text: Mastodon's content warning, which counts toward its limit

Revision ID: 0006
Revises: 0002
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "posts", sa.Column("spoiler_text", sa.Text(), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("spoiler_text")
