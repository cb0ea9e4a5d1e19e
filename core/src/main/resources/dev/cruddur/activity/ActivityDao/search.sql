-- Cruds whose message has the term as whole words, any case, in two steps. ILIKE on the term
-- itself (:contains, from SearchTerm) picks the candidates: activities_message_trgm_idx answers
-- it for a rare term, and it is a cheap test of each crud where a common term walks the home
-- index. The regular expression built by SearchTerm (:pattern) then keeps the whole words. It is
-- written as texticregexeq, the function behind ~*, so that PostgreSQL tests it on the
-- candidates only: as an operator it would also be handed to the trigram index, whose analysis
-- of the expression's character classes cost milliseconds per query, and the planner, counting
-- the two filters as independent, walked the trigram index for common words too.
SELECT v.uuid, v.display_name, v.handle, v.message, v.replies_count, v.reposts_count, v.likes_count,
       v.reply_to_activity_uuid, v.expires_at, v.created_at,
       m.liked AS liked_by_me, m.reposted AS reposted_by_me
FROM visible_activities v
CROSS JOIN LATERAL reader_marks(v.uuid, v.likes_count + v.reposts_count, :readerUuid) AS m
WHERE reply_to_activity_uuid IS NULL
  AND message ILIKE :contains
  AND texticregexeq(message, :pattern)
  AND (created_at, uuid) < (:cursor.createdAt, :cursor.uuid)
ORDER BY created_at DESC, uuid DESC
LIMIT :fetch
