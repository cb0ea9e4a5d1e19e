-- Hashtag search without reading every match: one row per distinct hashtag of each top-level
-- crud, in the order a search page reads them (tag, then newest first). The first page of a
-- hashtag costs the same whether 20 cruds carry it or 200,000, where the regular expression
-- over activities walked the home feed (or the trigram index) through every crud that might
-- match. Replies are never searched, so they get no rows.

-- The hashtags of a message exactly as search matches them: a '#' that does not continue a
-- word, then a maximal run of word characters ([[:alnum:]_] in the database's own locale, as
-- the search's regular expression reads them), lower-cased; each tag once.
CREATE FUNCTION activity_hashtags_of(message text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT DISTINCT lower(m[1])
    FROM regexp_matches(message, '(?<![[:alnum:]_])#([[:alnum:]_]+)', 'g') AS m
$$;

CREATE TABLE activity_hashtags (
    tag           text        NOT NULL,
    -- A copy of the crud's created_at (never changed), so a page is one range of the key.
    created_at    timestamptz NOT NULL,
    activity_uuid uuid        NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
    PRIMARY KEY (tag, created_at, activity_uuid)
);

-- Deleting a crud (purge-expired deletes thousands per batch) finds its tags through this.
CREATE INDEX activity_hashtags_activity_idx ON activity_hashtags (activity_uuid);

-- Kept by the database rather than by the insert statement, so every way rows arrive (the
-- server, COPY in the benchmark's loader, seed data, tests) fills it. A statement trigger with a
-- transition table: one INSERT ... SELECT per statement, so a COPY of a million rows does not
-- run a million trigger calls.
CREATE FUNCTION activity_hashtags_insert() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO activity_hashtags (tag, created_at, activity_uuid)
    SELECT t.tag, n.created_at, n.uuid
    FROM inserted_activities n, activity_hashtags_of(n.message) AS t(tag)
    WHERE n.reply_to_activity_uuid IS NULL;
    RETURN NULL;
END
$$;

CREATE TRIGGER activity_hashtags_insert
    AFTER INSERT ON activities
    REFERENCING NEW TABLE AS inserted_activities
    FOR EACH STATEMENT
    EXECUTE FUNCTION activity_hashtags_insert();

-- The cruds written before this migration.
INSERT INTO activity_hashtags (tag, created_at, activity_uuid)
SELECT t.tag, a.created_at, a.uuid
FROM activities a, activity_hashtags_of(a.message) AS t(tag)
WHERE a.reply_to_activity_uuid IS NULL;
