"""change_marker and triggers (an idle daemon waits for a change); accounts.capabilities

Revision ID: 0005
Revises: 0002
Create Date: 2026-12-01 10:20:00

On SQLite every insert, update or delete of posts, deliveries, accounts and campaigns
raises `change_marker.counter`; on PostgreSQL the same statements send
`NOTIFY leuchtturm_changes` (delivered on commit, one per transaction), which the daemon
LISTENs for. PostgreSQL does not count: one row updated by every writer would serialise
daemons that otherwise share the queue with SKIP LOCKED.

`accounts.capabilities` keeps what each account's connector says the platform allows
(characters, media, polls, threads), for validation, counters and reports.
"""

import sqlalchemy as sa
from alembic import op

import campaign.models

revision = "0005"
down_revision = "0007"
branch_labels = None
depends_on = None

WATCHED = ("posts", "deliveries", "accounts", "campaigns")
OPERATIONS = ("INSERT", "UPDATE", "DELETE")
CHANNEL = "leuchtturm_changes"


def upgrade() -> None:
    op.add_column("accounts", sa.Column("capabilities", sa.JSON(), nullable=True))
    op.add_column(
        "accounts",
        sa.Column("capabilities_at", campaign.models.UTCDateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "change_marker",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("counter", sa.Integer(), nullable=False),
    )
    op.execute("INSERT INTO change_marker (id, counter) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION leuchtturm_notify_change() RETURNS trigger AS $$ "
            f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        for table in WATCHED:
            op.execute(
                f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION leuchtturm_notify_change()"
            )
        return
    for table in WATCHED:
        for operation in OPERATIONS:
            op.execute(
                f"CREATE TRIGGER {table}_{operation.lower()}_marks_change AFTER {operation} "
                f"ON {table} BEGIN UPDATE change_marker SET counter = counter + 1 WHERE id = 1; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER {table}_notify_change ON {table}")
        op.execute("DROP FUNCTION leuchtturm_notify_change()")
    else:
        for table in WATCHED:
            for operation in OPERATIONS:
                op.execute(f"DROP TRIGGER {table}_{operation.lower()}_marks_change")
    op.drop_table("change_marker")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("capabilities_at")
        batch.drop_column("capabilities")
