-- The author deletes their crud or reply, with everything that belongs to it (its replies,
-- their replies, its likes and reposts: ON DELETE CASCADE), and a reply is uncounted on the
-- crud it answered. One statement, so one transaction in autocommit. The row lock taken first
-- orders it with a reply or a like arriving at the same moment: either that one commits first
-- and is deleted with the crud, or it finds the crud gone. Returns the author of the visible
-- activity (a row only when it existed): the caller tells a stranger's crud from a missing one.
WITH target AS (
    SELECT uuid, user_uuid, reply_to_activity_uuid
    FROM activities
    WHERE uuid = :uuid
      AND expires_at > now()
    FOR UPDATE
), deleted AS (
    DELETE FROM activities a
    USING target t
    WHERE a.uuid = t.uuid
      AND t.user_uuid = :authorUuid
    RETURNING t.reply_to_activity_uuid
), uncounted AS (
    UPDATE activities
    SET replies_count = replies_count - 1
    WHERE uuid = (SELECT reply_to_activity_uuid FROM deleted)
)
SELECT user_uuid FROM target
