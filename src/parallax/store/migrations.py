"""Numbered schema migrations: ``NNNN_name.sql`` files applied in order, each in its own transaction.

Applied versions are recorded in ``schema_migrations``; re-opening a database applies only the files
with a higher number. A migration that fails is rolled back whole, so the database stays at the last
version that succeeded. Migration files must not contain their own BEGIN or COMMIT.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


class MigrationError(RuntimeError):
    """The migrations could not be read or applied; the database is left at its previous version."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def packaged() -> Traversable:
    """The migrations shipped with Parallax."""
    return resources.files("parallax.store") / "migrations"


def load(folder: Traversable | Path) -> list[Migration]:
    """The migrations in ``folder``, numbered 1, 2, 3… with no gap (a gap is a lost file, not a choice)."""
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and entry.is_file():
            found.append(Migration(int(match[1]), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    numbers = [m.version for m in found]
    if numbers != list(range(1, len(found) + 1)):
        raise MigrationError(f"migrations must be numbered 1..n without gaps or repeats, found {numbers}")
    return found


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(_BOOKKEEPING)
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, folder: Traversable | Path | None = None) -> list[int]:
    """Apply the migrations newer than the database's version; returns the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``): transactions are explicit here.
    """
    migrations = load(folder if folder is not None else packaged())
    version = current_version(conn)
    if version > len(migrations):
        raise MigrationError(f"database is at version {version}, newer than this code ({len(migrations)})")
    applied = []
    for migration in migrations[version:]:
        _apply(conn, migration)
        applied.append(migration.version)
    return applied


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    # executescript runs the statements as given, so BEGIN goes into the script itself; the record of
    # the version is written inside the same transaction.
    try:
        conn.executescript("BEGIN IMMEDIATE;\n" + migration.sql)
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise MigrationError(f"migration {migration.name} failed: {error}") from error
