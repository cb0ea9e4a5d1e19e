-- A person's profile as :readerUuid sees it (null: someone not signed in, for whom both
-- relations are false). The follow counts are kept on the row; the cruds are counted, because
-- they self-destruct (activities_user_idx, one user's rows only).
SELECT u.uuid, u.handle, u.display_name, u.bio, u.created_at, u.followers_count, u.following_count,
       (SELECT count(*)
        FROM activities a
        WHERE a.user_uuid = u.uuid
          AND a.reply_to_activity_uuid IS NULL
          AND a.expires_at > now()) AS cruds_count,
       EXISTS (SELECT FROM follows f WHERE (f.follower_uuid, f.followee_uuid) = (:readerUuid, u.uuid)) AS following,
       EXISTS (SELECT FROM follows f WHERE (f.follower_uuid, f.followee_uuid) = (u.uuid, :readerUuid)) AS follows_you
FROM users u
WHERE lower(u.handle) = lower(:handle)
