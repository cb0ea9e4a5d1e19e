-- Cruds carrying one hashtag, newest first. The page is found in activity_hashtags' key alone
-- (an index-only scan, newest first, skipping expired cruds by the expires_at the key carries,
-- stopping after a page), whether 20 cruds carry the tag or 200,000; only those rows are joined
-- to their cruds and authors. The inner LIMIT keeps PostgreSQL from joining before it has the
-- page, which it would do where it guesses the tag to be rare.
SELECT a.uuid, a.display_name, a.handle, a.message, a.replies_count, a.reposts_count, a.likes_count,
       a.reply_to_activity_uuid, a.expires_at, a.created_at,
       m.liked AS liked_by_me, m.reposted AS reposted_by_me
FROM (SELECT h.created_at, h.activity_uuid
      FROM activity_hashtags h
      WHERE h.tag = lower(:tag)
        AND (h.created_at, h.activity_uuid) < (:cursor.createdAt, :cursor.uuid)
        AND h.expires_at > now()
      ORDER BY h.created_at DESC, h.activity_uuid DESC
      LIMIT :fetch) page
JOIN visible_activities a ON a.uuid = page.activity_uuid
CROSS JOIN LATERAL reader_marks(a.uuid, a.likes_count + a.reposts_count, :readerUuid) AS m
ORDER BY page.created_at DESC, page.activity_uuid DESC
