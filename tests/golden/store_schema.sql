CREATE INDEX articles_published ON articles (published);

CREATE INDEX duplicates_original ON duplicates (original_id);

CREATE INDEX stories_last_published ON stories (last_published);

CREATE INDEX story_articles_story ON story_articles (story_id, position);

CREATE INDEX story_entities_by_story ON story_entities (story_id);

CREATE INDEX story_names_by_story ON story_names (story_id);

CREATE INDEX story_names_recent ON story_names (name, last_published);

CREATE TABLE article_features (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    payload TEXT NOT NULL
);

CREATE TABLE article_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL CHECK (dim > 0),
    vector BLOB NOT NULL CHECK (length(vector) = 4 * dim)
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,                 -- parallax.model.content_id of body
    seq INTEGER NOT NULL UNIQUE,         -- insertion order; a stable integer key for the FTS index
    source TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    url TEXT,
    published TEXT,
    author TEXT,
    language TEXT,
    country TEXT,
    via TEXT,
    body TEXT NOT NULL,
    removed TEXT NOT NULL DEFAULT '[]',  -- JSON list of {"text", "reason"}
    added_at TEXT NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title,
    body,
    content = 'articles',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE duplicates (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    score REAL NOT NULL, evidence TEXT NOT NULL DEFAULT '',
    CHECK (article_id <> original_id)
);

CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE stage_outputs (
    subject TEXT NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (subject, stage, version)
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    label TEXT,
    first_published TEXT,
    last_published TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    centroid BLOB,
    key_entities TEXT NOT NULL DEFAULT '[]',  -- JSON list of entity names
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position INTEGER NOT NULL  -- order of StoryRecord.articles
);

CREATE TABLE story_entities (
    entity_id TEXT NOT NULL,
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, story_id)
) WITHOUT ROWID;

CREATE TABLE story_names (
    name TEXT NOT NULL,
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    last_published TEXT,
    PRIMARY KEY (name, story_id)
) WITHOUT ROWID;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
END;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF seq, title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;

