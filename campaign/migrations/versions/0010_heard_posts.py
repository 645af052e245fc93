"""replies hold every post heard from the city: kind, campaign, account and query; a post found
by listening need not answer one of our deliveries

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 13:00:00
"""

import sqlalchemy as sa
from alembic import op

import campaign.models

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("replies") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=7), server_default="reply", nullable=False)
        )
        batch.add_column(sa.Column("campaign_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("query", campaign.models.OutsideText(300, line=True), nullable=True)
        )
        batch.alter_column("delivery_id", existing_type=sa.Integer(), nullable=True)
        batch.create_foreign_key(
            op.f("fk_replies_campaign_id_campaigns"),
            "campaigns",
            ["campaign_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_foreign_key(
            op.f("fk_replies_account_id_accounts"),
            "accounts",
            ["account_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index(op.f("ix_replies_campaign_id"), ["campaign_id"])


def downgrade() -> None:
    with op.batch_alter_table("replies") as batch:
        batch.drop_index(op.f("ix_replies_campaign_id"))
        batch.drop_constraint(op.f("fk_replies_account_id_accounts"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_replies_campaign_id_campaigns"), type_="foreignkey")
        batch.alter_column("delivery_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("query")
        batch.drop_column("account_id")
        batch.drop_column("campaign_id")
        batch.drop_column("kind")
