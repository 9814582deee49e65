-- Dormant stories by the rare names of their leads: a story whose newest article falls past the
-- incremental assigner's time horizon leaves its in-memory ANN index, and an article that names one
-- of these (a late follow-up of an old event) finds it here with one indexed read per name.
CREATE TABLE story_names (
    name TEXT COLLATE "C" NOT NULL,
    story_id TEXT COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    last_published TEXT COLLATE "C",
    PRIMARY KEY (name, story_id)
);

CREATE INDEX story_names_recent ON story_names (name, last_published);
CREATE INDEX story_names_by_story ON story_names (story_id);
