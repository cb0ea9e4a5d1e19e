-- A hashtag's page is read from activity_hashtags' key alone, so its plan no longer depends on
-- how common PostgreSQL guesses the tag to be. Before, the page's rows were filtered after the
-- join (expired cruds, and the search's regular expression checked again), and where most tags
-- are rare (100,000 cruds, or many one-off tags) the one generic plan guessed a tag has a handful
-- of cruds, read all of them and sorted: 2,000 rows for a tag in 2 % of 100,000 cruds.
--
-- Now each row carries its crud's expires_at (fixed when the crud is posted) inside the key's
-- index, so the page is an index-only scan of the key newest first that stops after a page,
-- and the cruds are joined to those rows only.
--
-- The table keeps only tags written in ASCII. Search answers from it only for ASCII tags (a
-- character outside ASCII may or may not be a word character, depending on the locale), and an
-- ASCII tag lower-cased is exactly what the search's case-insensitive expression matches, so
-- the expression no longer needs checking again: "#KELVIN" written with the Kelvin sign, which
-- lower() folds to ASCII "kelvin" and the expression does not, is no longer stored as "kelvin".
CREATE OR REPLACE FUNCTION activity_hashtags_of(message text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT DISTINCT lower(m[1])
    FROM regexp_matches(message, '(?<![[:alnum:]_])#([[:alnum:]_]+)', 'g') AS m
    WHERE m[1] ~ '^[A-Za-z0-9_]+$'
$$;

DROP TABLE activity_hashtags;

CREATE TABLE activity_hashtags (
    tag           text        NOT NULL,
    -- Copies of the crud's created_at and expires_at, which never change.
    created_at    timestamptz NOT NULL,
    activity_uuid uuid        NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (tag, created_at, activity_uuid) INCLUDE (expires_at)
);

-- Deleting a crud (the purge deletes thousands per batch) finds its tags through this.
CREATE INDEX activity_hashtags_activity_idx ON activity_hashtags (activity_uuid);

CREATE OR REPLACE FUNCTION activity_hashtags_insert() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO activity_hashtags (tag, created_at, activity_uuid, expires_at)
    SELECT t.tag, NEW.created_at, NEW.uuid, NEW.expires_at
    FROM activity_hashtags_of(NEW.message) AS t(tag);
    RETURN NULL;
END
$$;

INSERT INTO activity_hashtags (tag, created_at, activity_uuid, expires_at)
SELECT t.tag, a.created_at, a.uuid, a.expires_at
FROM activities a, activity_hashtags_of(a.message) AS t(tag)
WHERE a.reply_to_activity_uuid IS NULL;

ANALYZE activity_hashtags;
