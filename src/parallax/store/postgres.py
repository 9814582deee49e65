"""The PostgreSQL store: the same ``StoryRepository`` as ``SqliteStore``, for deployments where several
users or processes share one database. Needs the ``postgres`` extra (psycopg); ``open_store`` imports
this module only for a ``postgresql://`` URL, so SQLite users never need it.

Threading: like ``SqliteStore``, one connection (autocommit, transactions explicit) behind one re-entrant
lock, so a thread pool may share a store and calls run one at a time; ``transaction()`` holds the lock
until it ends. For parallel work open a store per thread or process: PostgreSQL serves them side by side,
writes are keyed upserts, and migrations take an advisory lock so that two processes opening a fresh
database do not both apply them.

All SQL is constant text with ``%s`` parameters; a list of ids travels as one ``text[]`` parameter
(``= ANY(%s::text[])``), so no statement is ever built from data. Search terms become one phrase query
each (``phraseto_tsquery``), ANDed, so operators typed by users are searched as words, as in SQLite.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, LiteralString

import numpy as np
import numpy.typing as npt

try:
    import psycopg
    from psycopg.abc import Params
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError("a PostgreSQL store needs psycopg: pip install 'parallax[postgres]'") from error

from parallax.model import Article, Removed, content_id
from parallax.store import migrations
from parallax.store.migrations import Migration, MigrationError
from parallax.store.records import Duplicate, DuplicateRow, SearchHit, StoryHead, StoryRecord, Vector

if TYPE_CHECKING:
    from parallax.store.base import StoryRepository

Row = tuple[Any, ...]

DEFAULT_LOCK_TIMEOUT_MS = 5000
MAX_QUERY_TERMS = 64
# Any constant will do; it names "the Parallax migrations" among the database's advisory locks.
MIGRATION_LOCK = 0x50_41_52_41
# Titles (weight A) count double against bodies (weight B); the array is ordered {D, C, B, A}.
RANK_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_dumps = partial(json.dumps, ensure_ascii=False)

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
"""
_ARTICLE = (
    "SELECT id, source, outlet, title, url, published, author, language, country, via, body, removed, seq"
    " FROM articles"
)
_INSERT_ARTICLE = (
    "INSERT INTO articles (id, source, outlet, title, url, published, author, language, country, via,"
    " body, removed) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    " ON CONFLICT (id) DO NOTHING RETURNING id"
)
_STORY = "SELECT id, label, first_published, last_published, centroid, key_entities FROM stories"
_HEADS = (
    "SELECT s.id, s.size, s.first_published, s.last_published, s.centroid,"
    " array(SELECT t.article_id FROM (SELECT article_id, position FROM story_articles"
    " WHERE story_id = s.id ORDER BY position DESC LIMIT %s) AS t ORDER BY t.position)"
    " FROM stories AS s"
)
_UPSERT_STORY = (
    "INSERT INTO stories (id, label, first_published, last_published, size, centroid, key_entities)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s)"
    " ON CONFLICT (id) DO UPDATE SET label = excluded.label,"
    " first_published = excluded.first_published, last_published = excluded.last_published,"
    " size = excluded.size, centroid = excluded.centroid, key_entities = excluded.key_entities,"
    " updated_at = now()"
)
# The best matches first, each with a snippet: of the body, or of the title where only the title matches.
_SEARCH = (
    "WITH hits AS ("
    " SELECT a.id, a.seq, a.title, a.body, q.query, -ts_rank(%(weights)s::real[], a.search, q.query) AS score"
    " FROM articles AS a, (SELECT parallax_tsquery_and(phraseto_tsquery('parallax_search', t)) AS query"
    "  FROM unnest(%(terms)s::text[]) AS t) AS q"
    " WHERE numnode(q.query) > 0 AND a.search @@ q.query ORDER BY score, a.seq LIMIT %(limit)s),"
    " sources AS (SELECT id, seq, score, query, CASE WHEN title IS NULL"
    "  OR to_tsvector('parallax_search', body) @@ query THEN body ELSE title END AS source FROM hits)"
    " SELECT id, source, ts_headline('parallax_search', source, query, %(options)s), score"
    " FROM sources ORDER BY score, seq"
)


def packaged() -> Traversable:
    """The PostgreSQL migrations shipped with Parallax."""
    return resources.files("parallax.store") / "migrations_pg"


def migrate(conn: psycopg.Connection[Row], folder: Traversable | Path | None = None) -> list[int]:
    """Apply the migrations newer than the database's version, each in its own transaction; returns the
    versions applied. A failing one is rolled back whole; a database newer than the code is refused."""
    steps = migrations.load(folder if folder is not None else packaged())
    applied = []
    while (version := _apply_next(conn, steps)) is not None:
        applied.append(version)
    return applied


def _apply_next(conn: psycopg.Connection[Row], steps: Sequence[Migration]) -> int | None:
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))  # held until this commits
        conn.execute(_BOOKKEEPING)
        row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        version = int(row[0]) if row else 0
        if version > len(steps):
            raise MigrationError(f"database is at version {version}, newer than this code ({len(steps)})")
        if version == len(steps):
            return None
        step = steps[version]
        try:
            conn.execute(step.sql.encode("utf-8"))  # no parameters: the file may hold several statements
        except psycopg.Error as error:
            raise MigrationError(f"migration {step.name} failed: {error}") from error
        conn.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (step.version, step.name)
        )
        return step.version


def search_terms(text: str) -> list[str]:
    """User text as search terms that PostgreSQL accepts, whatever it holds: control characters (NUL
    among them) become spaces, lone surrogates ``?``; only whitespace-separated terms with a letter or
    digit are kept, at most ``MAX_QUERY_TERMS``. Each becomes one phrase query (``no-fly``: "no fly")."""
    text = _CONTROL.sub(" ", text)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return [t for t in text.split() if any(c.isalnum() for c in t)][:MAX_QUERY_TERMS]


def headline_options(marks: tuple[str, str]) -> str:
    """``ts_headline`` options: about 16 words around the matches, marked with ``marks`` (quoted)."""
    start, stop = ('"' + m.replace('"', '""') + '"' for m in marks)
    return f"StartSel={start}, StopSel={stop}, MaxWords=16, MinWords=8"


def with_ellipses(snippet: str, source: str, marks: tuple[str, str]) -> str:
    """``snippet`` with ``…`` where it cuts ``source`` short, as SQLite's ``snippet()`` does."""
    plain = snippet.replace(marks[0], "").replace(marks[1], "") if all(marks) else snippet
    at = source.find(plain)
    if at < 0 or not plain:
        return snippet
    head = "…" if source[:at].strip() else ""
    tail = "…" if source[at + len(plain) :].strip() else ""
    return head + snippet + tail


class PostgresStore:
    """A ``StoryRepository`` in a PostgreSQL database, given as a libpq URL or connection string."""

    def __init__(
        self,
        conninfo: str,
        *,
        migrations_dir: Traversable | Path | None = None,
        lock_timeout_ms: int = DEFAULT_LOCK_TIMEOUT_MS,
    ) -> None:
        """Connect and migrate to the newest schema. ``lock_timeout_ms`` bounds how long a statement waits
        for another session's lock (SQLite's busy timeout); ``migrations_dir`` is for tests."""
        self._conn: psycopg.Connection[Row] = psycopg.connect(conninfo, autocommit=True)
        self._lock = threading.RLock()
        try:
            self._conn.execute("SELECT set_config('lock_timeout', %s, false)", (f"{lock_timeout_ms}ms",))
            self.migrated = migrate(self._conn, migrations_dir)
        except BaseException:
            self._conn.close()
            raise

    # --- lifecycle and transactions --------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all; nested blocks are savepoints."""
        with self._lock, self._conn.transaction():
            yield

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Several reads from one state of the database, even while other sessions write."""
        with self._lock:
            if self._conn.info.transaction_status != TransactionStatus.IDLE:
                yield
                return
            with self._conn.transaction():
                self._conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield

    def _rows(self, query: LiteralString, params: Params = ()) -> list[Row]:
        with self._lock:
            return self._conn.execute(query, params).fetchall()

    def _scalar(self, query: LiteralString, params: Params = ()) -> Any:
        rows = self._rows(query, params)
        return rows[0][0] if rows else None

    def _write_many(self, query: LiteralString, rows: Sequence[Params]) -> None:
        """One statement per row of parameters, in one transaction (a savepoint inside another)."""
        with self.transaction(), self._conn.cursor() as cursor:
            cursor.executemany(query, rows)

    def schema_text(self) -> str:
        """Tables, columns and indexes of the current schema, a line each, for a golden file."""
        columns = self._rows(
            "SELECT table_name, column_name, data_type, collation_name, is_nullable, column_default,"
            " is_identity, generation_expression FROM information_schema.columns"
            " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        )
        indexes = self._rows(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"
        )
        return "".join(_column_line(*c) + "\n" for c in columns) + "".join(i[0] + "\n" for i in indexes)

    # --- articles --------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article]) -> list[bool]:
        """Store each article unless its content hash is already stored; True where it is new."""
        for article in articles:
            if article.id != content_id(article.body):
                raise ValueError(
                    f"article {article.id} from {article.source}: id is not the hash of its body"
                )
        if not articles:
            return []
        with self.transaction(), self._conn.cursor() as cursor:
            cursor.executemany(_INSERT_ARTICLE, [_article_params(a) for a in articles], returning=True)
            return [result.fetchone() is not None for result in cursor.results()]

    def has_article(self, article_id: str) -> bool:
        return self._scalar("SELECT 1 FROM articles WHERE id = %s", (article_id,)) is not None

    def get_article(self, article_id: str) -> Article | None:
        rows = self._rows(_ARTICLE + " WHERE id = %s", (article_id,))
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
        while rows := self._rows(_ARTICLE + " WHERE seq > %s ORDER BY seq LIMIT %s", (last, batch)):
            last = rows[-1][-1]
            yield from (_article(row) for row in rows)

    def search(self, query: str, limit: int = 20, *, marks: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Articles whose title or body contain every term of ``query``, best first (titles weigh double).

        ``rank`` is minus PostgreSQL's ``ts_rank``: lower is better, as with SQLite's bm25."""
        terms = search_terms(query)
        if not terms or limit <= 0:
            return []
        params = {"weights": RANK_WEIGHTS, "terms": terms, "limit": limit, "options": headline_options(marks)}
        rows = self._rows(_SEARCH, params)
        return [SearchHit(i, with_ellipses(snippet, text, marks), float(s)) for i, text, snippet, s in rows]

    # --- vectors and features --------------------------------------------------------------------

    def put_vectors(self, model: str, ids: Sequence[str], matrix: npt.ArrayLike) -> None:
        """Store one float32 vector per id (row ``i`` of ``matrix`` for ``ids[i]``), replacing old ones."""
        array = np.asarray(matrix, dtype="<f4")
        if array.ndim != 2 or array.shape[0] != len(ids) or (len(ids) and array.shape[1] == 0):
            raise ValueError(f"need a ({len(ids)}, dim) matrix, got shape {array.shape}")
        rows = [(i, model, array.shape[1], _float32_bytes(v)) for i, v in zip(ids, array, strict=True)]
        self._write_many(
            "INSERT INTO article_vectors (article_id, model, dim, vector) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (article_id) DO UPDATE"
            " SET model = excluded.model, dim = excluded.dim, vector = excluded.vector",
            rows,
        )

    def get_vectors(self, ids: Sequence[str], model: str | None = None) -> Vector:
        """The vectors of ``ids`` as an (n, dim) float32 matrix in the order given.

        KeyError names the ids with no vector (or none from ``model`` when it is given); ValueError when
        the vectors differ in dimension."""
        rows = self._rows(
            "SELECT article_id, model, dim, vector FROM article_vectors WHERE article_id = ANY(%s::text[])",
            (list(ids),),
        )
        found = {r[0]: r for r in rows if model is None or r[1] == model}
        missing = [i for i in ids if i not in found]
        if missing:
            raise KeyError(f"no vector for {len(missing)} article(s): {', '.join(missing[:5])}")
        dims = {found[i][2] for i in ids}
        if len(dims) > 1:
            raise ValueError(f"vectors of different dimensions: {sorted(dims)}")
        if not ids:
            return np.empty((0, 0), dtype=np.float32)
        return np.stack([_from_float32_bytes(found[i][3]) for i in ids])

    def put_features(self, version: int, features: Mapping[str, Mapping[str, Any]]) -> None:
        """Store the clustering stage's features per article id, replacing older ones."""
        self._write_many(
            "INSERT INTO article_features (article_id, version, payload) VALUES (%s, %s, %s)"
            " ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, payload = excluded.payload",
            [(i, version, Json(dict(p), dumps=_dumps)) for i, p in features.items()],
        )

    def get_features(self, ids: Sequence[str], version: int | None = None) -> dict[str, dict[str, Any]]:
        """Features of those ``ids`` that have them (of ``version`` only, when given: others are stale)."""
        rows = self._rows(
            "SELECT article_id, version, payload FROM article_features WHERE article_id = ANY(%s::text[])",
            (list(ids),),
        )
        return {r[0]: dict(r[2]) for r in rows if version is None or r[1] == version}

    # --- stories ---------------------------------------------------------------------------------

    def save_story(self, story: StoryRecord) -> None:
        """Insert or update a story and replace its membership.

        An article belongs to one story: ValueError when one of them is in another story (save or
        delete that one first, in the same ``transaction()``), or is listed twice."""
        if len(set(story.articles)) != len(story.articles):
            raise ValueError(f"story {story.id} lists an article twice")
        with self.transaction():
            taken = self._rows(
                "SELECT article_id, story_id FROM story_articles"
                " WHERE article_id = ANY(%s::text[]) AND story_id <> %s",
                (list(story.articles), story.id),
            )
            if taken:
                where = ", ".join(f"{r[0]} (in {r[1]})" for r in taken[:5])
                raise ValueError(f"story {story.id}: articles already in another story: {where}")
            self._conn.execute(_UPSERT_STORY, _story_params(story))
            self._conn.execute("DELETE FROM story_articles WHERE story_id = %s", (story.id,))
            self._write_many(
                "INSERT INTO story_articles (article_id, story_id, position) VALUES (%s, %s, %s)",
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

        The cost does not grow with the story, unlike ``save_story``; the story's row is locked, so
        appends from several sessions queue. KeyError for an unknown story, ValueError when an added
        article is already in a story or listed twice."""
        with self.transaction():
            if not self._rows("SELECT 1 FROM stories WHERE id = %s FOR UPDATE", (story_id,)):
                raise KeyError(story_id)
            taken = self._rows(
                "SELECT 1 FROM story_articles WHERE article_id = ANY(%s::text[])", (list(added),)
            )
            if taken or len(set(added)) != len(added):
                raise ValueError(f"story {story_id}: articles already in a story or listed twice")
            start = self._scalar(
                "SELECT coalesce(max(position), -1) + 1 FROM story_articles WHERE story_id = %s", (story_id,)
            )
            self._write_many(
                "INSERT INTO story_articles (article_id, story_id, position) VALUES (%s, %s, %s)",
                [(a, story_id, start + n) for n, a in enumerate(added)],
            )
            blob = None if centroid is None else _float32_bytes(np.ravel(centroid))
            self._conn.execute(
                "UPDATE stories SET size = size + %s, first_published = %s, last_published = %s,"
                " centroid = coalesce(%s, centroid), updated_at = now() WHERE id = %s",
                (len(added), first_published, last_published, blob, story_id),
            )

    def delete_story(self, story_id: str) -> bool:
        """Delete a story and its membership (the articles stay); False when there was none."""
        with self.transaction():
            return self._conn.execute("DELETE FROM stories WHERE id = %s", (story_id,)).rowcount == 1

    def get_story(self, story_id: str) -> StoryRecord | None:
        with self._snapshot():
            rows = self._rows(_STORY + " WHERE id = %s", (story_id,))
            return _story(rows[0], self.members(story_id)) if rows else None

    def stories(self, limit: int = 50, offset: int = 0) -> list[StoryRecord]:
        """A page of stories, most recently published first (undated ones last)."""
        with self._snapshot():
            rows = self._rows(
                _STORY + " ORDER BY last_published DESC NULLS LAST, id LIMIT %s OFFSET %s", (limit, offset)
            )
            members: dict[str, list[str]] = {r[0]: [] for r in rows}
            for story_id, article_id in self._rows(
                "SELECT story_id, article_id FROM story_articles WHERE story_id = ANY(%s::text[])"
                " ORDER BY story_id, position",
                (list(members),),
            ):
                members[story_id].append(article_id)
        return [_story(r, members[r[0]]) for r in rows]

    def story_heads(
        self, recent: int, after: str | None = None, limit: int = 1000, *, active_since: str | None = None
    ) -> list[StoryHead]:
        """A page of stories in id order (those after ``after``), each with its last ``recent`` members
        (a lateral index range read from each story's end, so a page costs ``limit * recent`` rows).
        ``active_since`` keeps the stories whose newest article is that day or later, and the undated."""
        with self._snapshot():
            rows = self._rows(
                _HEADS + " WHERE s.id > %s AND (%s::text IS NULL OR s.last_published IS NULL"
                " OR s.last_published >= %s) ORDER BY s.id LIMIT %s",
                (recent, after or "", active_since, active_since, limit),
            )
        return [_head(row) for row in rows]

    def heads_of(self, story_ids: Sequence[str], recent: int) -> list[StoryHead]:
        """``story_heads`` of the given stories (those that exist), in the order given."""
        with self._snapshot():
            rows = self._rows(_HEADS + " WHERE s.id = ANY(%s)", (recent, list(story_ids)))
        order = {s: n for n, s in enumerate(story_ids)}
        return sorted((_head(row) for row in rows), key=lambda h: order[h.id])

    def latest_published(self) -> str | None:
        """The newest ``last_published`` of any story: where a stream's clock stood when it stopped."""
        value = self._scalar("SELECT max(last_published) FROM stories")
        return None if value is None else str(value)

    def put_story_names(self, story_id: str, names: Sequence[str], last_published: str | None) -> None:
        """Index a story under names (replacing what it was indexed under), for ``stories_named``."""
        with self.transaction():
            self._conn.execute("DELETE FROM story_names WHERE story_id = %s", (story_id,))
            self._write_many(
                "INSERT INTO story_names (name, story_id, last_published) VALUES (%s, %s, %s)",
                [(n, story_id, last_published) for n in dict.fromkeys(names)],
            )

    def stories_named(self, names: Sequence[str], limit: int) -> list[str]:
        """For each name, the ``limit`` stories indexed under it with the newest articles; ids in order
        of first appearance. One index range read per name, whatever the number of stories."""
        found: dict[str, None] = {}
        for name in names:
            rows = self._rows(
                "SELECT story_id FROM story_names WHERE name = %s"
                " ORDER BY last_published DESC NULLS LAST LIMIT %s",
                (name, limit),
            )
            found.update(dict.fromkeys(r[0] for r in rows))
        return list(found)

    def story_of(self, article_id: str) -> str | None:
        value = self._scalar("SELECT story_id FROM story_articles WHERE article_id = %s", (article_id,))
        return None if value is None else str(value)

    def members(self, story_id: str) -> list[str]:
        rows = self._rows(
            "SELECT article_id FROM story_articles WHERE story_id = %s ORDER BY position", (story_id,)
        )
        return [r[0] for r in rows]

    def count_stories(self) -> int:
        return int(self._scalar("SELECT count(*) FROM stories"))

    # --- duplicates and the stage cache ----------------------------------------------------------

    def put_duplicates(self, duplicates: Sequence[DuplicateRow]) -> None:
        """Record that each ``article`` repeats ``original``; a later record for an article replaces it."""
        self._write_many(
            "INSERT INTO duplicates (article_id, original_id, kind, score, evidence)"
            " VALUES (%s, %s, %s, %s, %s)"
            " ON CONFLICT (article_id) DO UPDATE"
            " SET original_id = excluded.original_id, kind = excluded.kind, score = excluded.score,"
            " evidence = excluded.evidence",
            [tuple(Duplicate(*d)) for d in duplicates],
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
            "SELECT payload FROM stage_outputs WHERE subject = %s AND stage = %s AND version = %s",
            (subject, stage, version),
        )
        return None if payload is None else dict(payload)

    def index_story_entities(self, story_id: str, entity_ids: Sequence[str]) -> None:
        """Record the canonical entities a story's report names, replacing what was recorded before."""
        with self.transaction():
            self._conn.execute("DELETE FROM story_entities WHERE story_id = %s", (story_id,))
            self._write_many(
                "INSERT INTO story_entities (entity_id, story_id) VALUES (%s, %s)",
                [(e, story_id) for e in dict.fromkeys(entity_ids)],
            )

    def stories_with_entity(self, entity_id: str) -> list[str]:
        rows = self._rows(
            "SELECT story_id FROM story_entities WHERE entity_id = %s ORDER BY story_id", (entity_id,)
        )
        return [r[0] for r in rows]

    def has_output(self, subject: str, stage: str, version: str) -> bool:
        """Whether a stage result is cached, without reading it (a story list asks for many)."""
        return (
            self._scalar(
                "SELECT 1 FROM stage_outputs WHERE subject = %s AND stage = %s AND version = %s",
                (subject, stage, version),
            )
            is not None
        )

    def put_output(self, subject: str, stage: str, version: str, payload: Mapping[str, Any]) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO stage_outputs (subject, stage, version, payload) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (subject, stage, version) DO UPDATE"
                " SET payload = excluded.payload, created_at = now()",
                (subject, stage, version, Json(dict(payload), dumps=_dumps)),
            )


def _head(row: Row) -> StoryHead:
    story_id, size, first_published, last_published, centroid, tail = row
    return StoryHead(
        story_id,
        int(size),
        tuple(tail),
        first_published,
        last_published,
        None if centroid is None else _from_float32_bytes(centroid),
    )


def _float32_bytes(vector: npt.ArrayLike) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


def _from_float32_bytes(blob: bytes) -> Vector:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)  # a writable native-order copy


def _article_params(a: Article) -> Row:
    removed = Jsonb([{"text": r.text, "reason": r.reason} for r in a.removed], dumps=_dumps)
    meta = (a.outlet, a.title, a.url, a.published, a.author, a.language, a.country, a.via)
    return (a.id, a.source, *meta, a.body, removed)


def _article(row: Row) -> Article:
    id_, source, outlet, title, url, published, author, language, country, via, body, removed = row[:12]
    return Article(
        id=id_,
        source=source,
        body=body,
        outlet=outlet,
        title=title,
        url=url,
        published=published,
        author=author,
        language=language,
        country=country,
        via=via,
        removed=tuple(Removed(r["text"], r["reason"]) for r in removed),
    )


def _story_params(s: StoryRecord) -> Row:
    centroid = None if s.centroid is None else _float32_bytes(np.ravel(s.centroid))
    entities = Jsonb(list(s.key_entities), dumps=_dumps)
    return (s.id, s.label, s.first_published, s.last_published, s.size, centroid, entities)


def _story(row: Row, members: Sequence[str]) -> StoryRecord:
    story_id, label, first_published, last_published, centroid, key_entities = row
    return StoryRecord(
        id=story_id,
        label=label,
        articles=tuple(members),
        first_published=first_published,
        last_published=last_published,
        key_entities=tuple(key_entities),
        centroid=None if centroid is None else _from_float32_bytes(centroid),
    )


def _column_line(
    table: str,
    column: str,
    kind: str,
    collation: str | None,
    nullable: str,
    default: str | None,
    identity: str,
    generated: str | None,
) -> str:
    parts = [f"{table}.{column} {kind}"]
    parts += [f'collate "{collation}"'] if collation else []
    parts += ["not null"] if nullable == "NO" else []
    parts += [f"default {default}"] if default else []
    parts += ["identity"] if identity == "YES" else []
    parts += [f"generated {generated}"] if generated else []
    return " ".join(parts)


if TYPE_CHECKING:

    def _implements(store: PostgresStore) -> StoryRepository:  # mypy checks it against the protocol
        return store
