-- A person's profile as :readerUuid sees it (null: someone not signed in, for whom both
-- relations are false). The follow counts are kept on the row; the cruds are counted, because
-- they self-destruct (activities_user_idx, one user's rows only). Whether the reader may message
-- the person is the send's own rule (messages_accepted, in the direct messages migration).
SELECT u.uuid, u.handle, u.display_name, u.bio, u.created_at, u.followers_count, u.following_count,
       u.messages_from, dm.accepted AS can_message,
       (SELECT count(*)
        FROM activities a
        WHERE a.user_uuid = u.uuid
          AND a.reply_to_activity_uuid IS NULL
          AND a.expires_at > now()) AS cruds_count,
       EXISTS (SELECT FROM follows f WHERE (f.follower_uuid, f.followee_uuid) = (:readerUuid, u.uuid)) AS following,
       EXISTS (SELECT FROM follows f WHERE (f.follower_uuid, f.followee_uuid) = (u.uuid, :readerUuid)) AS follows_you
FROM users u
CROSS JOIN LATERAL messages_accepted(u.uuid, u.messages_from, :readerUuid) AS dm
WHERE lower(u.handle) = lower(:handle)
