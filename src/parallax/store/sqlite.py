"""The SQLite store: one file, WAL journal, foreign keys on, schema from numbered migrations.

Threading: one connection opened with ``check_same_thread=False`` and every call guarded by one
re-entrant lock, so a store may be shared by a thread pool (a web server's) and calls run one at a time.
``transaction()`` holds the lock until it ends, so other threads never see or join a half-done group of
writes. Where reads must run in parallel, open one store per thread: WAL lets readers and one writer work
on the same file at once, and ``busy_timeout`` makes a second writer wait rather than fail at once.

All SQL is constant text with ``?`` parameters; lists of ids travel as one JSON parameter read with
``json_each``, so no statement is ever built from data.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from parallax.model import Article, Removed, content_id
from parallax.store import migrations
from parallax.store.records import Duplicate, DuplicateRow, SearchHit, StoryHead, StoryRecord, Vector

if TYPE_CHECKING:
    from parallax.store.base import StoryRepository

MEMORY = ":memory:"
DEFAULT_BUSY_TIMEOUT_MS = 5000
MAX_QUERY_TERMS = 64
_CONTROL = re.compile("[\x00-\x1f\x7f]")

# Statements are literals; a list of ids travels as one JSON parameter: `IN (SELECT value FROM json_each(?))`.
_ARTICLE = (
    "SELECT seq, id, source, outlet, title, url, published, author, language, country, via, body, removed"
    " FROM articles"
)
_INSERT_ARTICLE = (
    "INSERT INTO articles (seq, id, source, outlet, title, url, published, author, language, country, via,"
    " body, removed, added_at)"
    " VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM articles), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO NOTHING"
)
_STORY = "SELECT id, label, first_published, last_published, centroid, key_entities FROM stories"
_UPSERT_STORY = (
    "INSERT INTO stories (id, label, first_published, last_published, size, centroid, key_entities,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO UPDATE SET label = excluded.label,"
    " first_published = excluded.first_published, last_published = excluded.last_published,"
    " size = excluded.size, centroid = excluded.centroid, key_entities = excluded.key_entities,"
    " updated_at = excluded.updated_at"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ids_param(ids: Sequence[str]) -> str:
    return json.dumps(list(ids))


def _float32_bytes(vector: npt.ArrayLike) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


def _from_float32_bytes(blob: bytes) -> Vector:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)  # a writable native-order copy


def fts_query(text: str) -> str | None:
    """User text as an FTS5 query that cannot be a syntax error: each whitespace-separated term becomes
    a quoted string (``"`` doubled inside), so operators (``NEAR``, ``-``, ``*``, ``:``, parentheses) are
    searched as words, never parsed; a term with punctuation inside (``no-fly``) is a phrase. Terms are
    ANDed. None when no term has a letter or digit."""
    text = _CONTROL.sub(" ", text)  # FTS5 reads a query only up to a NUL
    text = text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate cannot be sent to SQLite
    terms = [t for t in text.split() if any(c.isalnum() for c in t)][:MAX_QUERY_TERMS]
    if not terms:
        return None
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


class SqliteStore:
    """A ``StoryRepository`` in one SQLite file (or in memory with ``":memory:"``)."""

    def __init__(
        self,
        path: str | Path,
        *,
        migrations_dir: Traversable | Path | None = None,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> None:
        """Open (creating if needed) and migrate to the newest schema; ``migrations_dir`` is for tests."""
        if str(path) != MEMORY:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: the module issues no implicit BEGIN/COMMIT; transactions are explicit.
        self._conn = sqlite3.connect(
            str(path), timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
        self._lock = threading.RLock()
        self._depth = 0
        try:
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA journal_mode = WAL")  # stays "memory" for an in-memory database
            # With WAL, NORMAL cannot corrupt the file; a power cut may lose the last commits, which a
            # re-ingest restores (ingest is idempotent). FULL would fsync on every article of a stream.
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self.migrated = migrations.migrate(self._conn, migrations_dir)
        except BaseException:
            self._conn.close()
            raise

    # --- lifecycle and transactions --------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all; nested blocks are savepoints."""
        with self._lock:
            outer = self._depth == 0
            self._conn.execute("BEGIN IMMEDIATE" if outer else "SAVEPOINT nested")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                self._undo(outer)
                raise
            self._depth -= 1
            try:
                self._conn.execute("COMMIT" if outer else "RELEASE nested")
            except BaseException:
                self._undo(outer)
                raise

    def _undo(self, outer: bool) -> None:
        if outer:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        else:
            self._conn.execute("ROLLBACK TO nested")
            self._conn.execute("RELEASE nested")

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Several reads from one state of the database, even while another process writes."""
        with self._lock:
            if self._conn.in_transaction:
                yield
                return
            self._conn.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                self._conn.execute("COMMIT")  # nothing was written: this only ends the read

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self._rows(sql, params)
        return rows[0][0] if rows else None

    def schema_sql(self) -> str:
        """The schema as SQLite stores it, FTS5's own shadow tables left out (they vary by SQLite version)."""
        rows = self._rows(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
        )
        virtual = [r["name"] for r in rows if r["sql"].upper().startswith("CREATE VIRTUAL TABLE")]
        kept = [
            r["sql"]
            for r in rows
            if not (r["type"] == "table" and any(r["name"].startswith(v + "_") for v in virtual))
        ]
        return "".join(sql + ";\n\n" for sql in kept)

    # --- articles --------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article]) -> list[bool]:
        """Store each article unless its content hash is already stored; True where it is new."""
        for article in articles:
            if article.id != content_id(article.body):
                raise ValueError(
                    f"article {article.id} from {article.source}: id is not the hash of its body"
                )
        added_at = _now()
        with self.transaction():
            return [self._insert_article(article, added_at) for article in articles]

    def _insert_article(self, a: Article, added_at: str) -> bool:
        removed = json.dumps([{"text": r.text, "reason": r.reason} for r in a.removed], ensure_ascii=False)
        meta = (a.outlet, a.title, a.url, a.published, a.author, a.language, a.country, a.via)
        cursor = self._conn.execute(_INSERT_ARTICLE, (a.id, a.source, *meta, a.body, removed, added_at))
        return cursor.rowcount == 1

    def has_article(self, article_id: str) -> bool:
        return self._scalar("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def get_article(self, article_id: str) -> Article | None:
        rows = self._rows(_ARTICLE + " WHERE id = ?", (article_id,))
        return _article(rows[0]) if rows else None

    def article_ids(self) -> list[str]:
        """All article ids in the order they were added."""
        return [r[0] for r in self._rows("SELECT id FROM articles ORDER BY seq")]

    def count_articles(self) -> int:
        return int(self._scalar("SELECT count(*) FROM articles"))

    def iter_articles(self, batch: int = 256) -> Iterator[Article]:
        """All articles in the order they were added, read ``batch`` at a time.

        Pages by key, so no cursor or lock is held between batches while the caller works."""
        last = 0
        while True:
            rows = self._rows(
                _ARTICLE + " WHERE seq > ? ORDER BY seq LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            last = rows[-1]["seq"]
            yield from (_article(row) for row in rows)

    def search(self, query: str, limit: int = 20, *, marks: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Articles whose title or body contain every term of ``query``, best first (titles weigh double)."""
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        rows = self._rows(
            "SELECT a.id, snippet(articles_fts, -1, ?, ?, '…', 16), bm25(articles_fts, 2.0, 1.0) AS score"
            " FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY score, a.seq LIMIT ?",
            (marks[0], marks[1], match, limit),
        )
        return [SearchHit(r[0], r[1], float(r[2])) for r in rows]

    # --- vectors and features --------------------------------------------------------------------

    def put_vectors(self, model: str, ids: Sequence[str], matrix: npt.ArrayLike) -> None:
        """Store one float32 vector per id (row ``i`` of ``matrix`` for ``ids[i]``), replacing old ones."""
        array = np.asarray(matrix, dtype="<f4")
        if array.ndim != 2 or array.shape[0] != len(ids) or (len(ids) and array.shape[1] == 0):
            raise ValueError(f"need a ({len(ids)}, dim) matrix, got shape {array.shape}")
        rows = [(i, model, array.shape[1], _float32_bytes(v)) for i, v in zip(ids, array, strict=True)]
        with self.transaction():
            self._conn.executemany(
                "INSERT INTO article_vectors (article_id, model, dim, vector) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE"
                " SET model = excluded.model, dim = excluded.dim, vector = excluded.vector",
                rows,
            )

    def get_vectors(self, ids: Sequence[str], model: str | None = None) -> Vector:
        """The vectors of ``ids`` as an (n, dim) float32 matrix in the order given.

        KeyError names the ids with no vector (or none from ``model`` when it is given); ValueError when
        the vectors differ in dimension."""
        rows = self._rows(
            "SELECT article_id, model, dim, vector FROM article_vectors"
            " WHERE article_id IN (SELECT value FROM json_each(?))",
            (_ids_param(ids),),
        )
        found = {r["article_id"]: r for r in rows if model is None or r["model"] == model}
        missing = [i for i in ids if i not in found]
        if missing:
            raise KeyError(f"no vector for {len(missing)} article(s): {', '.join(missing[:5])}")
        dims = {found[i]["dim"] for i in ids}
        if len(dims) > 1:
            raise ValueError(f"vectors of different dimensions: {sorted(dims)}")
        if not ids:
            return np.empty((0, 0), dtype=np.float32)
        return np.stack([_from_float32_bytes(found[i]["vector"]) for i in ids])

    def put_features(self, version: int, features: Mapping[str, Mapping[str, Any]]) -> None:
        """Store the clustering stage's features per article id, replacing older ones."""
        rows = [(i, version, json.dumps(dict(p), ensure_ascii=False)) for i, p in features.items()]
        with self.transaction():
            self._conn.executemany(
                "INSERT INTO article_features (article_id, version, payload) VALUES (?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE"
                " SET version = excluded.version, payload = excluded.payload",
                rows,
            )

    def get_features(self, ids: Sequence[str], version: int | None = None) -> dict[str, dict[str, Any]]:
        """Features of those ``ids`` that have them (of ``version`` only, when given: others are stale)."""
        rows = self._rows(
            "SELECT article_id, version, payload FROM article_features"
            " WHERE article_id IN (SELECT value FROM json_each(?))",
            (_ids_param(ids),),
        )
        return {
            r["article_id"]: json.loads(r["payload"])
            for r in rows
            if version is None or r["version"] == version
        }

    # --- stories ---------------------------------------------------------------------------------

    def save_story(self, story: StoryRecord) -> None:
        """Insert or update a story and replace its membership.

        An article belongs to one story: ValueError when one of them is in another story (save or
        delete that one first, in the same ``transaction()``), or is listed twice."""
        if len(set(story.articles)) != len(story.articles):
            raise ValueError(f"story {story.id} lists an article twice")
        with self.transaction():
            taken = self._conn.execute(
                "SELECT article_id, story_id FROM story_articles"
                " WHERE article_id IN (SELECT value FROM json_each(?)) AND story_id <> ?",
                (_ids_param(story.articles), story.id),
            ).fetchall()
            if taken:
                where = ", ".join(f"{r[0]} (in {r[1]})" for r in taken[:5])
                raise ValueError(f"story {story.id}: articles already in another story: {where}")
            self._upsert_story(story)
            self._conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
            self._conn.executemany(
                "INSERT INTO story_articles (article_id, story_id, position) VALUES (?, ?, ?)",
                [(a, story.id, n) for n, a in enumerate(story.articles)],
            )

    def append_to_story(
        self,
        story_id: str,
        added: Sequence[str],
        *,
        first_published: str | None,
        last_published: str | None,
        centroid: npt.ArrayLike | None,
    ) -> None:
        """Add members at the end of an existing story and update its dates and centroid.

        The cost does not grow with the story, unlike ``save_story``, which rewrites the membership:
        a stream adds one article at a time to stories of any size. KeyError for an unknown story,
        ValueError when an added article is already in a story."""
        with self.transaction():
            row = self._conn.execute(
                "SELECT coalesce(max(position), -1) FROM story_articles WHERE story_id = ?", (story_id,)
            ).fetchone()
            if self._scalar("SELECT count(*) FROM stories WHERE id = ?", (story_id,)) == 0:
                raise KeyError(story_id)
            taken = self._conn.execute(
                "SELECT article_id FROM story_articles WHERE article_id IN (SELECT value FROM json_each(?))",
                (_ids_param(added),),
            ).fetchall()
            if taken or len(set(added)) != len(added):
                raise ValueError(f"story {story_id}: articles already in a story or listed twice")
            start = int(row[0]) + 1
            self._conn.executemany(
                "INSERT INTO story_articles (article_id, story_id, position) VALUES (?, ?, ?)",
                [(a, story_id, start + n) for n, a in enumerate(added)],
            )
            blob = None if centroid is None else _float32_bytes(np.ravel(centroid))
            self._conn.execute(
                "UPDATE stories SET size = size + ?, first_published = ?, last_published = ?,"
                " centroid = coalesce(?, centroid), updated_at = ? WHERE id = ?",
                (len(added), first_published, last_published, blob, _now(), story_id),
            )

    def _upsert_story(self, s: StoryRecord) -> None:
        now = _now()
        centroid = None if s.centroid is None else _float32_bytes(np.ravel(s.centroid))
        entities = json.dumps(list(s.key_entities), ensure_ascii=False)
        self._conn.execute(
            _UPSERT_STORY,
            (s.id, s.label, s.first_published, s.last_published, s.size, centroid, entities, now, now),
        )

    def delete_story(self, story_id: str) -> bool:
        """Delete a story and its membership (the articles stay); False when there was none."""
        with self.transaction():
            return self._conn.execute("DELETE FROM stories WHERE id = ?", (story_id,)).rowcount == 1

    def get_story(self, story_id: str) -> StoryRecord | None:
        with self._snapshot():
            rows = self._rows(_STORY + " WHERE id = ?", (story_id,))
            return _story(rows[0], self.members(story_id)) if rows else None

    def stories(self, limit: int = 50, offset: int = 0) -> list[StoryRecord]:
        """A page of stories, most recently published first (undated ones last)."""
        with self._snapshot():
            rows = self._rows(
                _STORY + " ORDER BY last_published DESC NULLS LAST, id LIMIT ? OFFSET ?",
                (limit, offset),
            )
            members: dict[str, list[str]] = {r["id"]: [] for r in rows}
            for story_id, article_id in self._rows(
                "SELECT story_id, article_id FROM story_articles"
                " WHERE story_id IN (SELECT value FROM json_each(?))"
                " ORDER BY story_id, position",
                (_ids_param(list(members)),),
            ):
                members[story_id].append(article_id)
        return [_story(r, members[r["id"]]) for r in rows]

    def story_heads(
        self, recent: int, after: str | None = None, limit: int = 1000, *, active_since: str | None = None
    ) -> list[StoryHead]:
        """A page of stories in id order (those after ``after``), each with its last ``recent`` members.

        Each story's tail is one index range read from its end, so a page costs ``limit * recent`` rows
        whatever the stories' sizes. ``active_since`` keeps the stories whose newest article is that
        day or later, and the undated ones (time does not age them)."""
        where, params = "id > ?", [after or ""]
        if active_since is not None:
            where += " AND (last_published IS NULL OR last_published >= ?)"
            params.append(active_since)
        with self._snapshot():
            rows = self._rows(
                "SELECT id, size, first_published, last_published, centroid FROM stories"
                f" WHERE {where} ORDER BY id LIMIT ?",
                (*params, limit),
            )
            return self._heads(rows, recent)

    def heads_of(self, story_ids: Sequence[str], recent: int) -> list[StoryHead]:
        """``story_heads`` of the given stories (those that exist), in the order given."""
        with self._snapshot():
            rows = self._rows(
                "SELECT id, size, first_published, last_published, centroid FROM stories"
                " WHERE id IN (SELECT value FROM json_each(?))",
                (_ids_param(story_ids),),
            )
            order = {s: n for n, s in enumerate(story_ids)}
            return self._heads(sorted(rows, key=lambda r: order[r["id"]]), recent)

    def _heads(self, rows: Sequence[sqlite3.Row], recent: int) -> list[StoryHead]:
        tails = [
            self._rows(
                "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position DESC LIMIT ?",
                (r["id"], recent),
            )
            for r in rows
        ]
        return [
            StoryHead(
                r["id"],
                int(r["size"]),
                tuple(t[0] for t in reversed(tail)),
                r["first_published"],
                r["last_published"],
                None if r["centroid"] is None else _from_float32_bytes(r["centroid"]),
            )
            for r, tail in zip(rows, tails, strict=True)
        ]

    def latest_published(self) -> str | None:
        """The newest ``last_published`` of any story: where a stream's clock stood when it stopped."""
        value = self._scalar("SELECT max(last_published) FROM stories")
        return None if value is None else str(value)

    def put_story_names(self, story_id: str, names: Sequence[str], last_published: str | None) -> None:
        """Index a story under names (replacing what it was indexed under), for ``stories_named``."""
        with self.transaction():
            self._conn.execute("DELETE FROM story_names WHERE story_id = ?", (story_id,))
            self._conn.executemany(
                "INSERT INTO story_names (name, story_id, last_published) VALUES (?, ?, ?)",
                [(n, story_id, last_published) for n in dict.fromkeys(names)],
            )

    def stories_named(self, names: Sequence[str], limit: int) -> list[str]:
        """For each name, the ``limit`` stories indexed under it with the newest articles; ids in order
        of first appearance. One index range read per name, whatever the number of stories."""
        found: dict[str, None] = {}
        for name in names:
            rows = self._rows(
                "SELECT story_id FROM story_names WHERE name = ? ORDER BY last_published DESC LIMIT ?",
                (name, limit),
            )
            found.update(dict.fromkeys(r[0] for r in rows))
        return list(found)

    def story_of(self, article_id: str) -> str | None:
        value = self._scalar("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
        return None if value is None else str(value)

    def members(self, story_id: str) -> list[str]:
        rows = self._rows(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position", (story_id,)
        )
        return [r[0] for r in rows]

    def count_stories(self) -> int:
        return int(self._scalar("SELECT count(*) FROM stories"))

    # --- duplicates and the stage cache ----------------------------------------------------------

    def put_duplicates(self, duplicates: Sequence[DuplicateRow]) -> None:
        """Record that each ``article`` repeats ``original``; a later record for an article replaces it."""
        rows = [tuple(Duplicate(*d)) for d in duplicates]
        with self.transaction():
            self._conn.executemany(
                "INSERT INTO duplicates (article_id, original_id, kind, score, evidence)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE"
                " SET original_id = excluded.original_id, kind = excluded.kind, score = excluded.score,"
                " evidence = excluded.evidence",
                rows,
            )

    def duplicates(self) -> list[Duplicate]:
        rows = self._rows(
            "SELECT article_id, original_id, kind, score, evidence FROM duplicates"
            " ORDER BY original_id, article_id"
        )
        return [Duplicate(r[0], r[1], r[2], float(r[3]), r[4]) for r in rows]

    def get_output(self, subject: str, stage: str, version: str) -> dict[str, Any] | None:
        """A cached stage result, or None when this (subject, stage, version) was never computed."""
        payload = self._scalar(
            "SELECT payload FROM stage_outputs WHERE subject = ? AND stage = ? AND version = ?",
            (subject, stage, version),
        )
        return None if payload is None else dict(json.loads(payload))

    def index_story_entities(self, story_id: str, entity_ids: Sequence[str]) -> None:
        """Record the canonical entities a story's report names, replacing what was recorded before."""
        with self.transaction():
            self._conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))
            self._conn.executemany(
                "INSERT INTO story_entities (entity_id, story_id) VALUES (?, ?)",
                [(e, story_id) for e in dict.fromkeys(entity_ids)],
            )

    def stories_with_entity(self, entity_id: str) -> list[str]:
        rows = self._rows(
            "SELECT story_id FROM story_entities WHERE entity_id = ? ORDER BY story_id", (entity_id,)
        )
        return [r[0] for r in rows]

    def has_output(self, subject: str, stage: str, version: str) -> bool:
        """Whether a stage result is cached, without reading it (a story list asks for many)."""
        return (
            self._scalar(
                "SELECT 1 FROM stage_outputs WHERE subject = ? AND stage = ? AND version = ?",
                (subject, stage, version),
            )
            is not None
        )

    def put_output(self, subject: str, stage: str, version: str, payload: Mapping[str, Any]) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO stage_outputs (subject, stage, version, payload, created_at)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (subject, stage, version) DO UPDATE"
                " SET payload = excluded.payload, created_at = excluded.created_at",
                (subject, stage, version, json.dumps(dict(payload), ensure_ascii=False), _now()),
            )


def _article(row: sqlite3.Row) -> Article:
    removed = tuple(Removed(r["text"], r["reason"]) for r in json.loads(row["removed"]))
    return Article(
        id=row["id"],
        source=row["source"],
        body=row["body"],
        outlet=row["outlet"],
        title=row["title"],
        url=row["url"],
        published=row["published"],
        author=row["author"],
        language=row["language"],
        country=row["country"],
        via=row["via"],
        removed=removed,
    )


def _story(row: sqlite3.Row, members: Sequence[str]) -> StoryRecord:
    centroid = None if row["centroid"] is None else _from_float32_bytes(row["centroid"])
    return StoryRecord(
        id=row["id"],
        label=row["label"],
        articles=tuple(members),
        first_published=row["first_published"],
        last_published=row["last_published"],
        key_entities=tuple(json.loads(row["key_entities"])),
        centroid=centroid,
    )


def open_store(
    path: str | Path,
    *,
    migrations_dir: Traversable | Path | None = None,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
) -> SqliteStore:
    """The store at ``path`` (``":memory:"``: a private in-memory one), migrated to the newest schema."""
    return SqliteStore(path, migrations_dir=migrations_dir, busy_timeout_ms=busy_timeout_ms)


if TYPE_CHECKING:

    def _implements(store: SqliteStore) -> StoryRepository:  # mypy checks SqliteStore against the protocol
        return store
