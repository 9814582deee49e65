"""The SQLite store: migrations, schema golden, idempotent ingest, round trips, stories, search, atomicity."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import check_golden, example_documents
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.clean import clean
from parallax.model import Article, Removed, content_id
from parallax.store import (
    Duplicate,
    MigrationError,
    SqliteStore,
    StoryRecord,
    StoryRepository,
    fts_query,
    member_digest,
    open_store,
)
from parallax.store.migrations import packaged

HOSTILE = [
    '"',
    '""',
    "*",
    "Blinken*",
    "NEAR(",
    "NEAR(Blinken Park, 3)",
    "-",
    "-Blinken",
    ")",
    "(",
    ":",
    "title:Blinken",
    "body : Park",
    "^Blinken",
    "AND",
    "Blinken OR",
    "NOT Park",
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "Blinken\x00Park",
    "\ud800Blinken",
    "{title body}: Park",
    "   ",
    "",
]


@pytest.fixture(scope="module")
def example_articles() -> list[Article]:
    return [clean(d) for d in example_documents()]


@pytest.fixture
def store() -> Iterator[SqliteStore]:
    with open_store(":memory:") as s:
        yield s


@pytest.fixture
def filled(store: SqliteStore, example_articles: list[Article]) -> SqliteStore:
    store.add_articles(example_articles)
    return store


def _article(body: str, **meta: Any) -> Article:
    return dataclasses.replace(Article(id=content_id(body), source="test.txt", body=body), **meta)


def _index_is_consistent(store: SqliteStore) -> bool:
    try:  # rank 1: FTS5 compares its index with the articles table and raises when they differ
        store._conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


PACKAGED = sorted(p.name for p in packaged().iterdir() if p.name.endswith(".sql"))
ALL_VERSIONS = list(range(1, len(PACKAGED) + 1))
NEXT = len(PACKAGED) + 1  # the version a test's extra migration takes
BROKEN = f"{NEXT:04d}_broken.sql"


def _bad_migrations(tmp_path: Path, sql: str) -> Path:
    """The packaged migrations and one more, numbered after them."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for name in PACKAGED:
        shutil.copy(Path(str(packaged() / name)), folder)
    (folder / BROKEN).write_text(sql, encoding="utf-8")
    return folder


# --- opening and migrations ----------------------------------------------------------------------


def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with open_store(path) as store:
        assert store.migrated == ALL_VERSIONS
    with open_store(path) as store:
        assert store.migrated == []
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert rows == list(zip(ALL_VERSIONS, PACKAGED, strict=True))


def test_schema_matches_golden(store: SqliteStore) -> None:
    check_golden("store_schema.sql", store.schema_sql())


def test_file_store_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    with open_store(tmp_path / "nested" / "store.db", busy_timeout_ms=1234) as store:
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 1234


def test_failed_migration_leaves_previous_version(tmp_path: Path, example_articles: list[Article]) -> None:
    path = tmp_path / "store.db"
    folder = _bad_migrations(tmp_path, "CREATE TABLE extra (a);\nINSERT INTO no_such_table VALUES (1);\n")
    (folder / BROKEN).rename(folder / f"{BROKEN}.off")  # the packaged versions first, with data
    with open_store(path, migrations_dir=folder) as store:
        store.add_articles(example_articles)
    (folder / f"{BROKEN}.off").rename(folder / BROKEN)
    with pytest.raises(MigrationError, match=BROKEN.removesuffix(".sql")):
        open_store(path, migrations_dir=folder)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == NEXT - 1
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").fetchone()[0] == 0
    with open_store(path) as store:
        assert store.migrated == []
        assert store.count_articles() == len(example_articles)


def test_migration_numbering_and_newer_database_are_refused(tmp_path: Path) -> None:
    folder = _bad_migrations(tmp_path, "SELECT 1;")
    (folder / BROKEN).rename(folder / f"{NEXT + 1:04d}_gap.sql")
    with pytest.raises(MigrationError, match="without gaps"):
        open_store(":memory:", migrations_dir=folder)
    (folder / f"{NEXT + 1:04d}_gap.sql").rename(folder / f"{NEXT:04d}_fine.sql")
    path = tmp_path / "store.db"
    open_store(path, migrations_dir=folder).close()
    with pytest.raises(MigrationError, match="newer than this code"):
        open_store(path)


def test_sqlite_store_is_a_story_repository(store: SqliteStore) -> None:
    assert isinstance(store, StoryRepository)


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    with open_store(tmp_path / "store.db") as store:
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        store.count_articles()


# --- articles ------------------------------------------------------------------------------------


def test_adding_twice_is_a_no_op(store: SqliteStore, example_articles: list[Article]) -> None:
    assert store.add_articles(example_articles) == [True, True]
    assert store.add_articles(example_articles) == [False, False]
    again = dataclasses.replace(example_articles[0], source="elsewhere.txt", outlet="Other")
    assert store.add_articles([again]) == [False]  # same body, same hash: already stored
    assert store.count_articles() == 2
    assert store.get_article(again.id) == example_articles[0]


def test_duplicate_within_one_batch(store: SqliteStore) -> None:
    article = _article("One sentence of news.")
    assert store.add_articles([article, article]) == [True, False]


def test_id_must_be_the_content_hash(store: SqliteStore) -> None:
    with pytest.raises(ValueError, match="hash"):
        store.add_articles([Article(id="made-up", source="x", body="Some text.")])
    assert store.count_articles() == 0


def test_articles_round_trip(filled: SqliteStore, example_articles: list[Article]) -> None:
    assert any(a.removed for a in example_articles) and any(a.via for a in example_articles)
    for article in example_articles:
        assert filled.get_article(article.id) == article
        assert filled.has_article(article.id)
    assert filled.get_article("0" * 16) is None
    assert not filled.has_article("0" * 16)
    assert filled.article_ids() == [a.id for a in example_articles]
    assert list(filled.iter_articles(batch=1)) == example_articles
    assert _index_is_consistent(filled)


def test_every_field_round_trips(store: SqliteStore) -> None:
    article = _article(
        "Body “with” ünïcode.\nSecond line.",
        outlet="Outlet",
        title="Title",
        url="https://example.org/a?b=1",
        published="2023-11-09T10:00:00+09:00",
        author="A. Writer",
        language="en",
        country="US",
        via="Donga",
    )
    article = dataclasses.replace(
        article, removed=(Removed("WATCH — promo", "promo"), Removed("©", "copyright"))
    )
    store.add_articles([article])
    assert store.get_article(article.id) == article


# --- vectors and features ------------------------------------------------------------------------


def test_vectors_round_trip(filled: SqliteStore, example_articles: list[Article]) -> None:
    ids = [a.id for a in example_articles]
    matrix = np.random.default_rng(0).standard_normal((2, 384)).astype(np.float64)
    filled.put_vectors("minilm", ids, matrix)
    got = filled.get_vectors(ids[::-1])
    assert got.dtype == np.float32 and got.shape == (2, 384)
    assert np.array_equal(got, matrix[::-1].astype(np.float32))
    assert filled.get_vectors([]).shape == (0, 0)
    filled.put_vectors("other", ids[:1], np.ones((1, 384)))  # replaces the old vector
    assert np.array_equal(filled.get_vectors(ids[:1]), np.ones((1, 384), dtype=np.float32))
    with pytest.raises(KeyError, match=ids[0]):
        filled.get_vectors(ids, model="minilm")


def test_missing_vector_raises_key_error(filled: SqliteStore, example_articles: list[Article]) -> None:
    ids = [a.id for a in example_articles]
    filled.put_vectors("m", ids[:1], np.zeros((1, 4)))
    with pytest.raises(KeyError, match=ids[1]):
        filled.get_vectors(ids)


def test_bad_vectors_are_refused(filled: SqliteStore, example_articles: list[Article]) -> None:
    ids = [a.id for a in example_articles]
    with pytest.raises(ValueError, match="matrix"):
        filled.put_vectors("m", ids, np.zeros((3, 4)))
    with pytest.raises(sqlite3.IntegrityError):
        filled.put_vectors("m", ["0" * 16], np.zeros((1, 4)))  # no such article
    filled.put_vectors("m", ids[:1], np.zeros((1, 4)))
    filled.put_vectors("m", ids[1:], np.zeros((1, 8)))
    with pytest.raises(ValueError, match="dimensions"):
        filled.get_vectors(ids)


def test_features_round_trip(filled: SqliteStore, example_articles: list[Article]) -> None:
    a, b = (x.id for x in example_articles)
    filled.put_features(1, {a: {"entities": ["Blinken"], "n": 3}})
    filled.put_features(2, {b: {"entities": []}})
    assert filled.get_features([a, b, "0" * 16]) == {
        a: {"entities": ["Blinken"], "n": 3},
        b: {"entities": []},
    }
    assert filled.get_features([a, b], version=2) == {b: {"entities": []}}


# --- stories -------------------------------------------------------------------------------------


def test_story_save_replace_and_delete(filled: SqliteStore, example_articles: list[Article]) -> None:
    a, b = (x.id for x in example_articles)
    centroid = np.arange(4, dtype=np.float32)
    story = StoryRecord("s1", "Blinken in Seoul", (a, b), "2023-11-09", "2023-11-10", ("Blinken",), centroid)
    filled.save_story(story)
    got = filled.get_story("s1")
    assert got == story and got is not None and got.centroid is not None
    assert np.array_equal(got.centroid, centroid)
    assert filled.members("s1") == [a, b] and filled.story_of(b) == "s1"

    filled.save_story(dataclasses.replace(story, articles=(b,), centroid=None))
    assert filled.members("s1") == [b] and filled.story_of(a) is None
    assert filled.stories()[0].size == 1 and filled.stories()[0].centroid is None

    assert filled.delete_story("s1") and not filled.delete_story("s1")
    assert filled.story_of(b) is None and filled.count_stories() == 0
    assert filled._conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 0
    assert filled.count_articles() == 2  # articles outlive their story


def test_an_article_belongs_to_one_story(filled: SqliteStore, example_articles: list[Article]) -> None:
    a, b = (x.id for x in example_articles)
    filled.save_story(StoryRecord("s1", None, (a,)))
    with pytest.raises(ValueError, match="another story"):
        filled.save_story(StoryRecord("s2", None, (a, b)))
    with pytest.raises(ValueError, match="twice"):
        filled.save_story(StoryRecord("s2", None, (b, b)))
    assert filled.get_story("s2") is None and filled.members("s1") == [a]
    with filled.transaction():  # moving an article: free it first, in one transaction
        filled.save_story(StoryRecord("s1", None, ()))
        filled.save_story(StoryRecord("s2", None, (a, b)))
    assert filled.story_of(a) == "s2"


def test_stories_page_newest_first(filled: SqliteStore, example_articles: list[Article]) -> None:
    a, b = (x.id for x in example_articles)
    filled.save_story(StoryRecord("old", None, (a,), last_published="2023-11-01"))
    filled.save_story(StoryRecord("undated", None, ()))
    filled.save_story(StoryRecord("new", None, (b,), last_published="2023-11-09"))
    assert [s.id for s in filled.stories()] == ["new", "old", "undated"]
    assert [s.articles for s in filled.stories(limit=2)] == [(b,), (a,)]
    assert [s.id for s in filled.stories(limit=5, offset=2)] == ["undated"]
    assert filled.count_stories() == 3


def test_append_to_story(filled: SqliteStore, example_articles: list[Article]) -> None:
    a, b = (x.id for x in example_articles)
    filled.save_story(StoryRecord("s1", None, (a,), centroid=np.ones(2, dtype=np.float32)))
    with pytest.raises(KeyError):
        filled.append_to_story("nope", [b], first_published=None, last_published=None, centroid=None)
    with pytest.raises(ValueError, match="already"):
        filled.append_to_story("s1", [a], first_published=None, last_published=None, centroid=None)
    filled.append_to_story(
        "s1", [b], first_published="2023-11-09", last_published="2023-11-10", centroid=None
    )
    story = filled.get_story("s1")
    assert story is not None and story.articles == (a, b) and story.last_published == "2023-11-10"
    assert story.centroid is not None and np.array_equal(story.centroid, np.ones(2))  # kept when None
    assert filled.stories()[0].size == 2


def test_story_heads_read_the_tail(filled: SqliteStore, example_articles: list[Article]) -> None:
    a, b = (x.id for x in example_articles)
    filled.save_story(StoryRecord("s2", None, (a,), last_published="2023-11-09", centroid=np.ones(2)))
    filled.append_to_story("s2", [b], first_published=None, last_published="2023-11-10", centroid=None)
    filled.save_story(StoryRecord("s1", None, ()))
    heads = filled.story_heads(1)
    assert [(h.id, h.size, h.recent) for h in heads] == [("s1", 0, ()), ("s2", 2, (b,))]
    assert heads[1].last_published == "2023-11-10" and heads[1].centroid is not None
    assert [h.recent for h in filled.story_heads(5, after="s1")] == [(a, b)]
    assert [h.id for h in filled.story_heads(5, limit=1)] == ["s1"] and not filled.story_heads(5, after="s2")


def test_active_heads_and_dormant_stories_by_name(
    filled: SqliteStore, example_articles: list[Article]
) -> None:
    """What the incremental assigner's time decay reads: the active stories, the newest day, and dormant
    stories filed under names (newest first, at most ``limit`` a name)."""
    a, b = (x.id for x in example_articles)
    filled.save_story(StoryRecord("s1", None, (a,), "2023-01-02", "2023-01-02", centroid=np.ones(2)))
    filled.save_story(StoryRecord("s2", None, (b,), "2023-11-09", "2023-11-10", centroid=np.ones(2)))
    filled.save_story(StoryRecord("s3", None, ()))
    assert filled.latest_published() == "2023-11-10"
    assert [h.id for h in filled.story_heads(5, active_since="2023-10-11")] == ["s2", "s3"]
    assert [(h.id, h.recent) for h in filled.heads_of(["s2", "s9", "s1"], 5)] == [("s2", (b,)), ("s1", (a,))]
    filled.put_story_names("s1", ["sumatra", "padang"], "2023-01-02")
    filled.put_story_names("s2", ["sumatra"], "2023-11-10")
    assert filled.stories_named(["sumatra"], 5) == ["s2", "s1"] and filled.stories_named(["sumatra"], 1) == [
        "s2"
    ]
    filled.put_story_names("s1", ["java"], "2023-01-02")  # replaces what it was filed under
    assert filled.stories_named(["padang", "java"], 5) == ["s1"]
    filled.delete_story("s1")
    assert filled.stories_named(["java"], 5) == []


def test_failed_write_leaves_nothing(filled: SqliteStore, example_articles: list[Article]) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        filled.save_story(StoryRecord("s1", None, (example_articles[0].id, "0" * 16)))
    assert filled.get_story("s1") is None and filled.story_of(example_articles[0].id) is None


# --- duplicates and the stage cache --------------------------------------------------------------


def test_duplicates(filled: SqliteStore, example_articles: list[Article]) -> None:
    a, b = (x.id for x in example_articles)
    filled.put_duplicates([(b, a, "near", 0.5)])
    filled.put_duplicates([Duplicate(b, a, "exact", 1.0)])
    assert filled.duplicates() == [Duplicate(b, a, "exact", 1.0, "")]
    filled.put_duplicates([(b, a, "republication", 0.9, "credits the original outlet")])
    assert filled.duplicates()[0].evidence == "credits the original outlet"


def test_duplicates_written_before_evidence_read_back_empty(
    tmp_path: Path, example_articles: list[Article]
) -> None:
    """A store made before migration 3 keeps its copy links, with no reason, when it is upgraded."""
    older = tmp_path / "older"
    older.mkdir()
    for name in PACKAGED[:2]:
        shutil.copy(Path(str(packaged() / name)), older)
    path = tmp_path / "store.db"
    a, b = (x.id for x in example_articles)
    with open_store(path, migrations_dir=older) as store:
        store.add_articles(example_articles)
        with sqlite3.connect(path) as conn:  # written as the older code did: four columns
            conn.execute(
                "INSERT INTO duplicates (article_id, original_id, kind, score) VALUES (?, ?, ?, ?)",
                (b, a, "rewrite", 0.7),
            )
    with open_store(path) as store:
        assert store.migrated == ALL_VERSIONS[2:]
        assert store.duplicates() == [Duplicate(b, a, "rewrite", 0.7, "")]


def test_stage_outputs(filled: SqliteStore, example_articles: list[Article]) -> None:
    version = member_digest(a.id for a in example_articles)
    assert version == member_digest(a.id for a in reversed(example_articles))
    assert filled.get_output("s1", "compare", version) is None
    assert not filled.has_output("s1", "compare", version)
    filled.put_output("s1", "compare", version, {"findings": [1, 2], "note": "ü"})
    assert filled.has_output("s1", "compare", version)
    filled.put_output("s1", "compare", version, {"findings": [3]})
    assert filled.get_output("s1", "compare", version) == {"findings": [3]}
    assert filled.get_output("s1", "compare", "other") is None


# --- transactions and threads --------------------------------------------------------------------


def test_rollback_leaves_nothing_half_written(filled: SqliteStore, example_articles: list[Article]) -> None:
    new = _article("A third article about Blinken.")
    with pytest.raises(RuntimeError), filled.transaction():
        filled.add_articles([new])
        filled.save_story(StoryRecord("s1", None, (new.id,)))
        filled.put_output("s1", "compare", "v", {})
        raise RuntimeError("stop")
    assert not filled.has_article(new.id) and filled.get_story("s1") is None
    assert filled.get_output("s1", "compare", "v") is None
    assert filled.search("third") == [] and _index_is_consistent(filled)  # rolled back with the row


def test_nested_transaction_is_a_savepoint(store: SqliteStore) -> None:
    kept, dropped = _article("Kept."), _article("Dropped.")
    with store.transaction():
        store.add_articles([kept])
        with pytest.raises(RuntimeError), store.transaction():
            store.add_articles([dropped])
            raise RuntimeError("inner")
    assert store.article_ids() == [kept.id]


def test_shared_across_threads(tmp_path: Path) -> None:
    articles = [_article(f"Article number {n} about Seoul.") for n in range(40)]
    with open_store(tmp_path / "store.db") as store:
        with ThreadPoolExecutor(4) as pool:
            added = list(pool.map(lambda a: store.add_articles([a])[0], articles))
            counts = list(pool.map(lambda _: store.count_articles(), range(20)))
        assert all(added) and store.count_articles() == 40 and max(counts) <= 40
        assert sorted(store.article_ids()) == sorted(a.id for a in articles)


# --- full-text search ----------------------------------------------------------------------------


def test_search_finds_and_marks_terms(filled: SqliteStore, example_articles: list[Article]) -> None:
    hits = filled.search("Blinken Seoul")
    assert {h.article_id for h in hits} <= {a.id for a in example_articles} and hits
    assert all("[" in h.snippet and "]" in h.snippet for h in hits)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert len(filled.search("Blinken", limit=1)) == 1
    assert filled.search("Blinken", limit=0) == []
    assert filled.search("zzzyxq") == []


def test_search_ignores_case_and_diacritics(store: SqliteStore) -> None:
    article = _article("The café in Séoul.", title="Morning Brief")
    store.add_articles([article])
    assert [h.article_id for h in store.search("CAFE seoul")] == [article.id]
    assert [h.article_id for h in store.search("brief")] == [article.id]  # titles are indexed too
    assert store.search("cafe", marks=("<<", ">>"))[0].snippet == "The <<café>> in Séoul."


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(filled: SqliteStore, query: str) -> None:
    assert isinstance(filled.search(query), list)
    assert filled.count_articles() == 2


def test_operators_are_searched_as_words(store: SqliteStore) -> None:
    near = _article("Talks NEAR the border: a no-fly zone.")
    store.add_articles([near, _article("Unrelated text.")])
    assert [h.article_id for h in store.search("border) NEAR(")] == [near.id]
    assert store.search("NEAR(border") == []  # one term with punctuation inside is a phrase: "near border"
    assert [h.article_id for h in store.search("no-fly")] == [near.id]
    assert [h.article_id for h in store.search("border:")] == [near.id]


def test_fts_query_quotes_every_term() -> None:
    assert fts_query('say "hi" NEAR(x') == '"say" """hi""" "NEAR(x"'
    assert fts_query("* - ) :") is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_text_is_a_safe_query(filled: SqliteStore, query: str) -> None:
    assert isinstance(filled.search(query), list)


def test_story_entity_index(filled: SqliteStore, example_articles: list[Article]) -> None:
    a, b = (x.id for x in example_articles)
    filled.save_story(StoryRecord("s1", None, (a,)))
    filled.save_story(StoryRecord("s2", None, (b,)))
    filled.index_story_entities("s1", ["person:antony-blinken", "gpe:seoul", "gpe:seoul"])
    filled.index_story_entities("s2", ["person:antony-blinken"])
    assert filled.stories_with_entity("person:antony-blinken") == ["s1", "s2"]
    filled.index_story_entities("s1", ["gpe:seoul"])  # replaces what s1 named before
    assert filled.stories_with_entity("person:antony-blinken") == ["s2"]
    filled.delete_story("s2")
    assert filled.stories_with_entity("person:antony-blinken") == []
