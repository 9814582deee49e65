-- Which stories mention which canonical entity, written when a story's report is cached, so that an
-- entity page reads the few stories that name it instead of every cached report.
CREATE TABLE story_entities (
    entity_id TEXT COLLATE "C" NOT NULL,
    story_id TEXT COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, story_id)
);

CREATE INDEX story_entities_by_story ON story_entities (story_id);
