-- What a person says about themselves, and whom they accept messages from (null: left as it
-- is); the handle stays.
UPDATE users
SET display_name = coalesce(CAST(:displayName AS text), display_name),
    bio = coalesce(CAST(:bio AS text), bio),
    messages_from = coalesce(CAST(:messagesFrom AS text), messages_from)
WHERE uuid = :userUuid
