"""Keys folded anew: ı ø ł đ æ œ fold like other marked letters (ı→i, ø→o, æ→ae …)

``dialogs.text.folding.fold`` now folds the letters Unicode does not decompose, so "Søren"
is looked up as "soren" and "Yıldız" as "yildiz". Keys saved before were folded without
that: they are folded again here, in SQL (``replace``, on SQLite and PostgreSQL alike), so
"Søren Ek" added again is found, not made a second person. A key that would then equal
another row's unique key (two nominations of "Bjørn" and "Bjorn" in one round) is left as
it was.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

#: As in ``dialogs.text.folding`` on the day of this migration (copied: a migration must
#: not change when the code does).
LETTERS = (("ı", "i"), ("ø", "o"), ("ł", "l"), ("đ", "d"), ("æ", "ae"), ("œ", "oe"))

#: (table, key column, the columns the key is unique with; None: not unique)
KEYS: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("people", "name_key", None),
    ("decisions", "search_key", None),
    ("nomination_rounds", "target_key", None),
    ("councils", "short_key", ()),
    ("nominations", "nominee_key", ("round_id", "role")),
    ("owner_groups", "key", ("council_id",)),
)


def _folded(column: str) -> str:
    expression = column
    for letter, plain in LETTERS:
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


def upgrade() -> None:
    for table, column, unique_with in KEYS:
        new = _folded(f"{table}.{column}")
        statement = f"UPDATE {table} SET {column} = {new} WHERE {column} <> {new}"
        if unique_with is not None:
            same = " AND ".join(f"other.{c} = {table}.{c}" for c in unique_with)
            statement += (
                f" AND NOT EXISTS (SELECT 1 FROM {table} AS other"
                f" WHERE other.{column} = {new}{' AND ' + same if same else ''})"
            )
        op.execute(statement)


def downgrade() -> None:
    """Nothing to undo: a key folded anew is still a key of the same name."""
