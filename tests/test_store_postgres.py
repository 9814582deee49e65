"""The PostgreSQL store against a real server: the SQLite store's scenarios, then what differs.

The server is ``PARALLAX_TEST_POSTGRES`` (a URL whose role may create databases) or else a private one
started here from Debian's binaries (``/usr/lib/postgresql/*/bin``, installed by ``.ci/run``) on
127.0.0.1, a free port and a temporary data directory, stopped at the end. Each module works in a
throwaway database, dropped after; each test empties its tables first. Without psycopg, the binaries or
a server that starts, the tests are skipped with the reason.
"""

from __future__ import annotations

import dataclasses
import os
import pwd
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[postgres]'")

from conftest import check_golden, example_documents  # noqa: E402
from psycopg import sql  # noqa: E402

# The SQLite store's scenarios that speak only the StoryRepository interface: collected here again, they
# run against PostgreSQL through this module's ``store`` and ``filled`` fixtures.
from test_store import (  # noqa: E402, F401
    test_active_heads_and_dormant_stories_by_name,
    test_adding_twice_is_a_no_op,
    test_an_article_belongs_to_one_story,
    test_any_text_is_a_safe_query,
    test_append_to_story,
    test_duplicate_within_one_batch,
    test_duplicates,
    test_every_field_round_trips,
    test_features_round_trip,
    test_hostile_queries_never_raise,
    test_id_must_be_the_content_hash,
    test_missing_vector_raises_key_error,
    test_nested_transaction_is_a_savepoint,
    test_operators_are_searched_as_words,
    test_search_finds_and_marks_terms,
    test_search_ignores_case_and_diacritics,
    test_stage_outputs,
    test_stories_page_newest_first,
    test_story_entity_index,
    test_story_heads_read_the_tail,
    test_story_save_replace_and_delete,
    test_vectors_round_trip,
)

from parallax.clean import clean  # noqa: E402
from parallax.model import Article, content_id  # noqa: E402
from parallax.store import MigrationError, SqliteStore, StoryRecord, StoryRepository, open_store  # noqa: E402
from parallax.store.postgres import PostgresStore, packaged, search_terms  # noqa: E402

SERVER_ENV = "PARALLAX_TEST_POSTGRES"
START_TIMEOUT_S = 20


# --- the server and throwaway databases ----------------------------------------------------------


def _server_binaries() -> Path | None:
    """The newest Debian PostgreSQL bin folder with initdb and pg_ctl, else one on PATH."""
    folders = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: _version(p.parent.name))
    for folder in reversed(folders):
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(p) for p in name.split(".") if p.isdigit())


def _server_user() -> pwd.struct_passwd | None:
    """The account to run the server as: PostgreSQL refuses root, so postgres (or nobody) then."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    pytest.skip("running as root and no postgres or nobody account to run PostgreSQL as")


def _run(command: list[str], user: pwd.struct_passwd | None, what: str, log: Path | None = None) -> None:
    """Run ``command`` (as ``user`` when given); skip the tests, saying why, when it fails."""
    if user is not None:
        runuser = shutil.which("runuser")
        command = (
            [runuser, "-u", user.pw_name, "--", *command]
            if runuser
            else ["su", "-s", "/bin/sh", user.pw_name, "-c", shlex.join(command)]
        )
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"PostgreSQL {what} failed ({shlex.join(command)}): {error}")
    if done.returncode != 0:
        said = (done.stderr or done.stdout)[-600:] + (_tail(log) if log else "")
        pytest.skip(f"PostgreSQL {what} failed ({shlex.join(command)}): {said}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _init_cluster(bindir: Path, root: Path, user: pwd.struct_passwd | None, password: str) -> Path:
    """A new cluster in ``root/data``: superuser parallax with ``password``, UTF-8, no fsync."""
    (root / "password").write_text(password, encoding="utf-8")
    if user is not None:
        for path in (root, root / "password"):
            os.chown(path, user.pw_uid, user.pw_gid)
    data = root / "data"
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "parallax", "--pwfile", str(root / "password")]
    _run([*initdb, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], user, "initdb")
    settings = {"listen_addresses": "'127.0.0.1'", "unix_socket_directories": f"'{root}'", "fsync": "off"}
    settings |= {"synchronous_commit": "off", "full_page_writes": "off", "max_connections": "30"}
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
    return data


@contextmanager
def _private_server(bindir: Path) -> Iterator[str]:
    """A throwaway server on 127.0.0.1 and a free port; its URL while it runs."""
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="parallax-pg-"))
    password = secrets.token_urlsafe(16)
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(root / "data"), "-s"]
    started = False
    try:
        _init_cluster(bindir, root, user, password)
        port = _free_port()
        start = ["-l", str(root / "log"), "-o", f"-p {port}", "-w", "-t", str(START_TIMEOUT_S), "start"]
        _run([*pg_ctl, *start], user, "start", root / "log")
        started = True
        yield f"postgresql://parallax:{password}@127.0.0.1:{port}/postgres"
    finally:
        if started:
            _run([*pg_ctl, "-m", "immediate", "stop"], user, "stop")
        shutil.rmtree(root, ignore_errors=True)


def _tail(log: Path) -> str:
    return " log: " + log.read_text(errors="replace")[-400:] if log.exists() else ""


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server whose role may create databases."""
    if url := os.environ.get(SERVER_ENV):
        yield url
        return
    bindir = _server_binaries()
    if bindir is None:
        pytest.skip(
            f"no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH: "
            f"install Debian's postgresql package (.ci/run does) or set {SERVER_ENV} to a server's URL"
        )
    with _private_server(bindir) as url:
        yield url


@contextmanager
def _throwaway_database(server: str) -> Iterator[str]:
    """A new database on ``server``, its URL while it lives; dropped after, connections and all."""
    name = f"parallax_test_{secrets.token_hex(6)}"
    with psycopg.connect(server, autocommit=True) as admin:
        create = sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'")
        admin.execute(create.format(sql.Identifier(name)))
    try:
        yield urlsplit(server)._replace(path="/" + name).geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def database(pg_server: str) -> Iterator[str]:
    with _throwaway_database(pg_server) as url:
        yield url


@pytest.fixture
def fresh_database(pg_server: str) -> Iterator[str]:
    """A database of its own, for tests of migrations."""
    with _throwaway_database(pg_server) as url:
        yield url


# --- the stores the scenarios run on -------------------------------------------------------------


@pytest.fixture(scope="module")
def example_articles() -> list[Article]:
    return [clean(d) for d in example_documents()]


@pytest.fixture
def store(database: str) -> Iterator[PostgresStore]:
    with open_store(database) as opened:
        assert isinstance(opened, PostgresStore)
        # DELETE, not TRUNCATE (a hundred times slower on tiny tables); the rest goes by ON DELETE CASCADE.
        opened._conn.execute("DELETE FROM articles; DELETE FROM stories; DELETE FROM stage_outputs")
        yield opened


@pytest.fixture
def filled(store: PostgresStore, example_articles: list[Article]) -> PostgresStore:
    store.add_articles(example_articles)
    return store


def _article(body: str, **meta: str) -> Article:
    return dataclasses.replace(Article(id=content_id(body), source="test.txt", body=body), **meta)


def _count(store: PostgresStore, table: str) -> int:
    row = store._conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()
    assert row is not None
    return int(row[0])


# --- opening and migrations ----------------------------------------------------------------------


def test_open_store_dispatches_on_the_url(store: PostgresStore, database: str) -> None:
    assert isinstance(store, StoryRepository)
    with open_store(database.replace("postgresql://", "postgres://", 1)) as other:
        assert isinstance(other, PostgresStore) and other.migrated == []
    with open_store(":memory:") as local:
        assert isinstance(local, SqliteStore)


PACKAGED = sorted(p.name for p in packaged().iterdir() if p.name.endswith(".sql"))
ALL_VERSIONS = list(range(1, len(PACKAGED) + 1))
SECOND = f"{len(PACKAGED) + 1:04d}_second.sql"  # a test's extra migration, numbered after the packaged


def test_migrations_apply_once(fresh_database: str) -> None:
    with open_store(fresh_database) as store:
        assert store.migrated == ALL_VERSIONS
    with open_store(fresh_database) as store:
        assert store.migrated == []
        rows = store._conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert rows == list(zip(ALL_VERSIONS, PACKAGED, strict=True))


def test_concurrent_opens_migrate_once(fresh_database: str) -> None:
    applied: list[list[int]] = []

    def open_and_close() -> None:
        with PostgresStore(fresh_database) as store:
            applied.append(store.migrated)

    threads = [threading.Thread(target=open_and_close) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Each migration is applied once in all, though openers may share the work one file each.
    assert sorted(v for versions in applied for v in versions) == ALL_VERSIONS


def test_schema_matches_golden(store: PostgresStore) -> None:
    check_golden("store_schema_pg.txt", store.schema_text())


def _migrations(tmp_path: Path, second: str) -> Path:
    folder = tmp_path / "migrations_pg"
    folder.mkdir()
    for name in PACKAGED:
        shutil.copy(Path(str(packaged() / name)), folder)
    (folder / SECOND).write_text(second, encoding="utf-8")
    return folder


def test_failed_migration_leaves_previous_version(fresh_database: str, tmp_path: Path) -> None:
    with open_store(fresh_database) as store:
        store.add_articles([_article("Kept through a failed migration.")])
    folder = _migrations(tmp_path, "CREATE TABLE extra (a int);\nINSERT INTO no_such_table VALUES (1);\n")
    with pytest.raises(MigrationError, match=SECOND.removesuffix(".sql")):
        PostgresStore(fresh_database, migrations_dir=folder)
    with open_store(fresh_database) as store:
        assert store.migrated == [] and store.count_articles() == 1
        version = store._conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
        assert version == (len(PACKAGED),)
        assert store._conn.execute("SELECT to_regclass('extra')").fetchone() == (None,)


def test_gaps_and_newer_databases_are_refused(fresh_database: str, tmp_path: Path) -> None:
    folder = _migrations(tmp_path, "CREATE TABLE extra (a int);")
    gap = f"{len(PACKAGED) + 2:04d}_gap.sql"
    (folder / SECOND).rename(folder / gap)
    with pytest.raises(MigrationError, match="without gaps"):
        PostgresStore(fresh_database, migrations_dir=folder)
    (folder / gap).rename(folder / SECOND)
    with PostgresStore(fresh_database, migrations_dir=folder) as store:
        assert store.migrated == [*ALL_VERSIONS, len(PACKAGED) + 1]
    with pytest.raises(MigrationError, match="newer than this code"):
        open_store(fresh_database)


def test_closed_store_refuses_work(database: str) -> None:
    with open_store(database) as store:
        pass
    with pytest.raises(psycopg.OperationalError):
        store.count_articles()


# --- what differs from SQLite --------------------------------------------------------------------


def test_articles_round_trip(filled: PostgresStore, example_articles: list[Article]) -> None:
    for article in example_articles:
        assert filled.get_article(article.id) == article and filled.has_article(article.id)
    assert filled.get_article("0" * 16) is None and not filled.has_article("0" * 16)
    assert filled.article_ids() == [a.id for a in example_articles]
    assert list(filled.iter_articles(batch=1)) == example_articles


def test_vectors_are_float32_little_endian_bytea(
    filled: PostgresStore, example_articles: list[Article]
) -> None:
    vector = np.array([[1.5, -2.0, 0.25]])
    filled.put_vectors("m", [example_articles[0].id], vector)
    row = filled._conn.execute("SELECT dim, vector FROM article_vectors").fetchone()
    assert row == (3, vector.astype("<f4").tobytes())


def test_bad_vectors_are_refused(filled: PostgresStore, example_articles: list[Article]) -> None:
    ids = [a.id for a in example_articles]
    with pytest.raises(ValueError, match="matrix"):
        filled.put_vectors("m", ids, np.zeros((3, 4)))
    with pytest.raises(psycopg.IntegrityError):
        filled.put_vectors("m", ["0" * 16], np.zeros((1, 4)))  # no such article
    filled.put_vectors("m", ids[:1], np.zeros((1, 4)))
    filled.put_vectors("m", ids[1:], np.zeros((1, 8)))
    with pytest.raises(ValueError, match="dimensions"):
        filled.get_vectors(ids)


def test_failed_write_leaves_nothing(filled: PostgresStore, example_articles: list[Article]) -> None:
    with pytest.raises(psycopg.IntegrityError):
        filled.save_story(StoryRecord("s1", None, (example_articles[0].id, "0" * 16)))
    assert filled.get_story("s1") is None and filled.story_of(example_articles[0].id) is None


def test_rollback_leaves_nothing_half_written(filled: PostgresStore) -> None:
    new = _article("A third article about Blinken.")
    with pytest.raises(RuntimeError), filled.transaction():
        filled.add_articles([new])
        filled.save_story(StoryRecord("s1", None, (new.id,)))
        filled.put_output("s1", "compare", "v", {})
        raise RuntimeError("stop")
    assert not filled.has_article(new.id) and filled.get_story("s1") is None
    assert filled.get_output("s1", "compare", "v") is None and filled.search("third") == []
    assert [_count(filled, t) for t in ("stories", "story_articles", "stage_outputs")] == [0, 0, 0]


def test_a_second_session_sees_only_committed_writes(store: PostgresStore, database: str) -> None:
    article = _article("Written by one desk, read by another.")
    with open_store(database) as other:
        with store.transaction():
            store.add_articles([article])
            assert not other.has_article(article.id)
        assert other.has_article(article.id) and other.search("desk")[0].article_id == article.id


def test_shared_across_threads(store: PostgresStore) -> None:
    articles = [_article(f"Article number {n} about Seoul.") for n in range(20)]
    threads = [threading.Thread(target=store.add_articles, args=([a],)) for a in articles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(store.article_ids()) == sorted(a.id for a in articles)


def test_snippets_mark_cuts_with_ellipses(store: PostgresStore) -> None:
    words = " ".join(f"word{n}" for n in range(60))
    store.add_articles([_article(f"{words} Blinken {words}.", title="Long")])
    (hit,) = store.search("blinken", marks=("\ue000", "\ue001"))
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…") and "\ue000Blinken\ue001" in hit.snippet
    assert len(hit.snippet.split()) <= 17


def test_search_terms_are_safe_for_postgresql() -> None:
    assert search_terms("NUL\x00byte \ud800x  don't --") == ["NUL", "byte", "?x", "don't"]
    assert search_terms("* - ) :") == []
