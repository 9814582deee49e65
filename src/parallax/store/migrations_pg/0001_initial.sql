-- Parallax store on PostgreSQL, version 1: the SQLite schema (../migrations/0001_initial.sql) in native
-- types. Vectors are float32 little-endian bytea; timestamps of the store's own are timestamptz, while
-- article and story dates stay text (they may be partial, as in the model). Ids and dates sort
-- bytewise (COLLATE "C") whatever the database's locale, as in SQLite.

-- Search folds case and diacritics like SQLite's unicode61 tokenizer with remove_diacritics: the simple
-- dictionary (no stemming, no stop words) after unaccent (a trusted extension: a database owner may create it).
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION parallax_search (COPY = pg_catalog.simple);

ALTER TEXT SEARCH CONFIGURATION parallax_search
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- AND of a set of tsqueries (one phrase per search term), from the function behind tsquery's && operator.
CREATE AGGREGATE parallax_tsquery_and (tsquery) (SFUNC = tsquery_and, STYPE = tsquery);

CREATE TABLE articles (
    id TEXT COLLATE "C" PRIMARY KEY,     -- parallax.model.content_id of body
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,  -- insertion order
    source TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    url TEXT,
    published TEXT COLLATE "C",
    author TEXT,
    language TEXT,
    country TEXT,
    via TEXT,
    body TEXT NOT NULL,
    removed JSONB NOT NULL DEFAULT '[]',  -- list of {"text", "reason"}
    added_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Titles weigh A, bodies B: search ranks a title match double.
    search TSVECTOR NOT NULL GENERATED ALWAYS AS (
        setweight(to_tsvector('parallax_search', coalesce(title, '')), 'A')
        || setweight(to_tsvector('parallax_search', body), 'B')
    ) STORED
);

CREATE INDEX articles_published ON articles (published);

CREATE INDEX articles_search ON articles USING gin (search);

CREATE TABLE article_vectors (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL CHECK (dim > 0),
    vector BYTEA NOT NULL CHECK (octet_length(vector) = 4 * dim)
);

-- Opaque to the store: the clustering stage owns the payload (kept verbatim as json) and its version.
CREATE TABLE article_features (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    payload JSON NOT NULL
);

CREATE TABLE stories (
    id TEXT COLLATE "C" PRIMARY KEY,
    label TEXT,
    first_published TEXT COLLATE "C",
    last_published TEXT COLLATE "C",
    size INTEGER NOT NULL DEFAULT 0,
    centroid BYTEA,
    key_entities JSONB NOT NULL DEFAULT '[]',  -- list of entity names
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX stories_last_published ON stories (last_published);

-- One story per article: article_id is the key.
CREATE TABLE story_articles (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id TEXT COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position INTEGER NOT NULL  -- order of StoryRecord.articles
);

CREATE INDEX story_articles_story ON story_articles (story_id, position);

CREATE TABLE duplicates (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    CHECK (article_id <> original_id)
);

CREATE INDEX duplicates_original ON duplicates (original_id);

-- Cache of stage results so that a re-run computes only what is new; version names the inputs and code.
CREATE TABLE stage_outputs (
    subject TEXT NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL,
    payload JSON NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, stage, version)
);
