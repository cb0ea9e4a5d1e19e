-- What a person says about themselves (null: left as it is); the handle stays.
UPDATE users
SET display_name = coalesce(CAST(:displayName AS text), display_name),
    bio = coalesce(CAST(:bio AS text), bio)
WHERE uuid = :userUuid
