-- How many of a person's notifications arrived after the moment they marked read, counted up to
-- :countedUpTo: at most that many rows of notifications_recipient_idx, however many there are.
SELECT count(*) AS unread
FROM (
    SELECT 1
    FROM notifications
    WHERE recipient_uuid = :recipientUuid
      AND created_at > (SELECT notifications_read_at FROM users WHERE uuid = :recipientUuid)
      AND expires_at > now()
    LIMIT :countedUpTo
) unread
