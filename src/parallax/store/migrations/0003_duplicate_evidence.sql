-- Why an article was judged a copy ("credits Donga", "same text, published later"), so that a report
-- rebuilt from the store says why as the in-memory one does. Rows written before keep an empty reason.
ALTER TABLE duplicates ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
