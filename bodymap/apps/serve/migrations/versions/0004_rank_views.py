"""What the visit page shows of a ranking, stored once for every server worker to read.

A ranking worker ranks each new drawing version; with several server workers only the one
that stored the drawing had the result, and every other ranked it again on its first view
of the visit.  The page's view (the best pattern sides, red flags and measures, per patient
sex and language) is now stored with the version: derived data, never changed.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the ``rank_views`` table."""
    op.create_table(
        "rank_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("view", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["drawing_versions.id"],
            name=op.f("fk_rank_views_version_id_drawing_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rank_views")),
        sa.UniqueConstraint("version_id", "sex", "lang", name=op.f("uq_rank_views_version_id")),
    )
    with op.batch_alter_table("rank_views", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rank_views_version_id"), ["version_id"], unique=False)


def downgrade() -> None:
    """Drop the ``rank_views`` table."""
    with op.batch_alter_table("rank_views", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rank_views_version_id"))

    op.drop_table("rank_views")
